"""One claim, many reports: which rows tell one claim, which are one report, and the claims-level table.

The story in ``tests/fixtures/corroborate/story.jsonl`` is written for these
tests, modelled on how real coverage of one allegation varies (one agency's
wire copy on several sites, lightly trimmed; outlets retelling it in their own
words; the accused denying it the next day; the same body making a new claim a
month later). ``story.expected.json`` says, by record id, which records are one
claim and which are one report.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from conftest import ClaimFactory

from flows import corroborate, dossier, figures, filters, pipeline, table
from flows.cli import cli
from flows.models import Evidence

STORY = Path(__file__).parent / "fixtures" / "corroborate" / "story.jsonl"
EXPECTED = json.loads(STORY.with_suffix(".expected.json").read_text(encoding="utf-8"))


def _partition(frame: pd.DataFrame, column: str, label: pd.Series) -> set[frozenset[str]]:
    return {frozenset(group) for group in label.groupby(frame[column].to_numpy()).agg(set)}


@pytest.fixture(scope="module")
def story() -> pd.DataFrame:
    extraction = pipeline.run(pipeline.Inputs(paths=[STORY]))
    assert extraction.problems == []
    return extraction.claims


@pytest.fixture(scope="module")
def record_of(story: pd.DataFrame) -> pd.Series:
    urls = {json.loads(line)["url"]: json.loads(line)["id"] for line in STORY.read_text(encoding="utf-8").splitlines()}
    return story["url"].map(urls)


def test_the_story_gives_one_row_per_record(story: pd.DataFrame, record_of: pd.Series) -> None:
    assert sorted(record_of) == sorted(i for group in EXPECTED["claims"] for i in group)


def test_reports_of_one_allegation_are_one_claim_and_a_denial_or_a_later_claim_are_not(
    story: pd.DataFrame, record_of: pd.Series
) -> None:
    assert _partition(story, "assertion_id", record_of) == {frozenset(group) for group in EXPECTED["claims"]}


def test_copies_of_one_wire_story_are_one_report_and_retellings_are_not(
    story: pd.DataFrame, record_of: pd.Series
) -> None:
    assert _partition(story, "report_id", record_of) == {frozenset(group) for group in EXPECTED["reports"]}


def test_an_alias_is_counted_as_its_body(story: pd.DataFrame, record_of: pd.Series) -> None:
    retold = story[record_of == "retold-b"].iloc[0]
    assert (retold["claimant"], retold["claimant_text"]) == ("HUR", "Defence Intelligence of Ukraine")


def test_the_claims_level_table_counts_reports_outlets_and_dates(story: pd.DataFrame) -> None:
    claims = corroborate.claims_of(story)
    assert list(claims.columns) == list(corroborate.CLAIM_LEVEL_COLUMNS)
    main = claims[claims["reports"] == claims["reports"].max()].iloc[0]
    assert (main["claimant"], main["stance"], main["origin"], main["destination"]) == ("HUR", "alleged", "PRK", "RUS")
    assert (main["reports"], main["rows"], main["outlets"]) == (3, 5, 5)
    assert (main["first_report"], main["last_report"]) == ("2024-03-04", "2024-03-06")
    assert len(main["urls"].split("\n")) == 5
    assert list(claims["first_report"]) == sorted(claims["first_report"])


def test_ids_are_stable_hashes_not_positions(story: pd.DataFrame) -> None:
    again = corroborate.assign(story.iloc[::-1])
    by_claim = dict(zip(story["claim_id"], story["assertion_id"], strict=True))
    assert dict(zip(again["claim_id"], again["assertion_id"], strict=True)) == by_claim
    assert dict(zip(again["claim_id"], again["report_id"], strict=True)) == dict(
        zip(story["claim_id"], story["report_id"], strict=True)
    )


# --------------------------------------------------------------------------- the rule, row by row


def _assigned(*claims: object) -> pd.DataFrame:
    return corroborate.assign(table.claims_to_frame(claims))  # type: ignore[arg-type]


def _evidence(text: str) -> tuple[Evidence, ...]:
    return (Evidence(text, 0, len(text)),)


def test_reports_join_while_each_is_within_the_window_of_the_one_before(make_claim: ClaimFactory) -> None:
    window = corroborate.WINDOW_DAYS
    frame = _assigned(
        make_claim(1, claim_date="2023-10-01"),
        make_claim(2, claim_date=f"2023-10-{1 + window:02d}"),  # exactly the window after: joins
        make_claim(3, claim_date=f"2023-10-{2 + 2 * window:02d}"),  # a day more than the window: a new claim
    )
    assert frame["assertion_id"].nunique() == 2
    assert frame["assertion_id"][0] == frame["assertion_id"][1] != frame["assertion_id"][2]


def test_stance_claimant_and_route_each_tell_claims_apart(make_claim: ClaimFactory) -> None:
    frame = _assigned(
        make_claim(1, via=("CHN",)),
        make_claim(2, via=("CHN",), stance="denied"),
        make_claim(3, via=("CHN",), claimant="Pentagon"),
        make_claim(4, via=("CHN",), origin="IRN"),
        make_claim(5, via=("BLR",)),
    )
    assert frame["assertion_id"].nunique() == 5


def test_claimants_are_compared_by_their_one_name(make_claim: ClaimFactory) -> None:
    frame = _assigned(make_claim(1, claimant="SVR"), make_claim(2, claimant="Russia's Foreign Intelligence Service"))
    assert frame["assertion_id"].nunique() == 1


def test_intermediaries_are_a_set(make_claim: ClaimFactory) -> None:
    frame = _assigned(make_claim(1, via=("POL>SVK",)), make_claim(2, via=("SVK", "POL")))
    assert frame["assertion_id"].nunique() == 1


def test_a_report_naming_no_intermediary_joins_the_one_route_named(make_claim: ClaimFactory) -> None:
    frame = _assigned(make_claim(1, via=("BLR",)), make_claim(2))
    assert frame["assertion_id"].nunique() == 1
    assert corroborate.claims_of(frame)["via"].tolist() == [["BLR"]]


def test_a_report_naming_no_intermediary_stays_apart_when_two_routes_are_named(make_claim: ClaimFactory) -> None:
    frame = _assigned(make_claim(1, via=("BLR",)), make_claim(2, via=("CHN",)), make_claim(3))
    assert frame["assertion_id"].nunique() == 3


def test_a_report_date_falls_back_to_publication_then_to_the_start_of_a_coarse_claim_date(
    make_claim: ClaimFactory,
) -> None:
    frame = table.claims_to_frame(
        [
            make_claim(1, claim_date="2023-10", date_precision="month", published="2023-10-20"),
            make_claim(2, claim_date="2023-10", date_precision="month"),
            make_claim(3, claim_date="", date_precision=""),
        ]
    )
    days = corroborate.report_days(frame)
    assert [str(pd.Timestamp(int(d), unit="D").date()) for d in days[:2]] == ["2023-10-20", "2023-10-01"]
    assert corroborate.claims_of(corroborate.assign(frame.iloc[2:]))["first_report"].tolist() == [""]


def test_undated_reports_are_one_claim_apart_from_dated_ones(make_claim: ClaimFactory) -> None:
    frame = _assigned(
        make_claim(1, claim_date="", date_precision=""),
        make_claim(2, claim_date="", date_precision=""),
        make_claim(3),
    )
    assert frame["assertion_id"][0] == frame["assertion_id"][1] != frame["assertion_id"][2]


def test_a_register_record_is_a_claim_of_its_own(make_claim: ClaimFactory) -> None:
    record = {"method": "import:sipri 1", "article_id": "", "claimant": "SIPRI", "stance": "reported"}
    frame = _assigned(make_claim(1, extra={"key": "a"}, **record), make_claim(2, extra={"key": "b"}, **record))
    assert frame["assertion_id"].nunique() == 2


def test_rows_of_one_article_are_one_report(make_claim: ClaimFactory) -> None:
    frame = _assigned(
        make_claim(1, evidence=_evidence("Kyiv said shells went north.")),
        make_claim(1, evidence=_evidence("Another sentence entirely, of the same article."), claim_date="2023-10-06"),
    )
    assert frame["assertion_id"].nunique() == 1 and frame["report_id"].nunique() == 1


@pytest.mark.parametrize(
    ("second", "copies"),
    [
        ("Ukraine said North Korea sent a million shells to Russia by train since August.", True),  # verbatim
        ("UKRAINE said North Korea sent a million shells to Russia by train since August!", True),  # case, marks
        ("Ukraine said on Monday North Korea sent a million shells to Russia by train since August.", True),
        ("Russia got North Korean shells by the trainload, according to Ukraine's figures.", False),  # retold
    ],
)
def test_near_identical_evidence_makes_one_report(make_claim: ClaimFactory, second: str, copies: bool) -> None:
    first = "Ukraine said North Korea sent a million shells to Russia by train since August."
    frame = _assigned(make_claim(1, evidence=_evidence(first)), make_claim(2, evidence=_evidence(second)))
    assert frame["assertion_id"].nunique() == 1
    assert (frame["report_id"].nunique() == 1) is copies


def test_jaccard_of_shingles() -> None:
    words: dict[str, int] = {}

    def jaccard(left: str, right: str) -> float:
        return corroborate.jaccard(corroborate.shingles(left, words), corroborate.shingles(right, words))

    assert jaccard("a b c d", "A b, c d") == 1.0
    assert jaccard("a b c d", "b c d e") == pytest.approx(1 / 3)
    assert jaccard("", "") == 0.0
    # a short text is one run, distinct from a longer run it starts
    assert jaccard("a b", "a b") == 1.0
    assert jaccard("a b", "a b c") == 0.0
    assert jaccard("a", "a b") == 0.0
    assert len(corroborate.shingles("a b a b a b", words)) == 2  # "a b a", "b a b"


def test_an_empty_table_gets_the_columns(make_claim: ClaimFactory) -> None:
    frame = corroborate.assign(table.empty_claims())
    assert frame.empty and {"report_id", "assertion_id"} <= set(frame.columns)
    assert list(corroborate.claims_of(frame).columns) == list(corroborate.CLAIM_LEVEL_COLUMNS)


def test_canonical_claimants_keep_the_name_written_beside(make_claim: ClaimFactory) -> None:
    frame = table.claims_to_frame(
        [make_claim(1, claimant="Russian foreign intelligence"), make_claim(2, claimant="Kyiv blog", claimant_text="x")]
    )
    out = corroborate.canonical_claimants(frame)
    assert out["claimant"].tolist() == ["SVR", "Kyiv blog"]
    assert out["claimant_text"].tolist() == ["Russian foreign intelligence", "x"]
    assert out["claim_id"].tolist() == frame["claim_id"].tolist()


# --------------------------------------------------------------------------- flows corroborate


def test_the_command_writes_reports_and_one_row_per_claim(story: pd.DataFrame, tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    # As a file merged from batches holds them: ids of no use, a body by another of its names.
    stale = story.assign(assertion_id="", report_id="")
    stale.loc[stale["claimant"] == "HUR", "claimant"] = "Ukraine's Main Intelligence Directorate"
    table.write_table(stale, claims)
    result = CliRunner().invoke(
        cli, ["corroborate", str(claims), "-o", str(tmp_path / "reports.csv"), "--by-claim", str(tmp_path / "by.csv")]
    )
    assert result.exit_code == 0, result.output
    reports = table.read_claims(tmp_path / "reports.csv")
    assert reports.problems == []
    assert dict(zip(reports.claims["claim_id"], reports.claims["assertion_id"], strict=True)) == dict(
        zip(story["claim_id"], story["assertion_id"], strict=True)
    )
    by_claim = pd.read_csv(tmp_path / "by.csv", keep_default_na=False)
    assert list(by_claim.columns) == list(corroborate.CLAIM_LEVEL_COLUMNS)
    assert sorted(by_claim["reports"]) == [1, 1, 3]
    assert "7 rows, 5 reports, 3 claims" in result.output


def test_the_command_lists_bad_rows_and_still_corroborates_the_others(story: pd.DataFrame, tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    bad = story.copy()
    bad.loc[0, "origin"] = "Narnia"
    table.write_table(bad, claims)
    result = CliRunner().invoke(cli, ["corroborate", str(claims), "--by-claim", "-"])
    assert result.exit_code == 1
    assert "column origin" in result.output and "1 invalid rows left out" in result.output
    assert "assertion_id,claimant" in result.output  # the claims-level table, of the valid rows


def test_the_command_refuses_an_output_it_cannot_write_before_reading(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["corroborate", str(tmp_path / "missing.csv"), "--by-claim", "out.txt"])
    assert result.exit_code == 1 and "out.txt" in result.output


# --------------------------------------------------------------------------- the dashboard


def test_a_dossier_lists_each_stance_of_a_flow_by_claim(story: pd.DataFrame) -> None:
    per_claim = dossier.dossier(story, "PRK>RUS")
    assert per_claim["stance"].tolist() == ["alleged", "alleged", "denied"]  # by stance, then first report
    assert per_claim["first_report"].tolist() == ["2024-03-04", "2024-04-08", "2024-03-05"]
    assert dossier.is_contested(per_claim)
    assert not dossier.is_contested(per_claim[per_claim["stance"] != "denied"])
    assert dossier.dossier(story, "RUS>PRK").empty
    assert dossier.flows_in(story) == ["PRK>RUS"]


def test_the_dossier_timeline_escapes_what_sources_wrote(make_claim: ClaimFactory) -> None:
    frame = _assigned(make_claim(1, claimant="<b>Blog</b>"), make_claim(2, stance="denied", claimant="Pyongyang"))
    figure = dossier.timeline(dossier.dossier(frame, "PRK>RUS"), "<i>title</i>").to_dict()
    shown = json.dumps(figure)
    assert "<b>Blog</b>" not in shown and "&lt;b&gt;Blog&lt;/b&gt;" in shown
    assert [trace["name"] for trace in figure["data"]] == ["alleged", "denied"]


def test_the_claims_link_value_weighs_a_claim_once_and_reports_weighs_each_report(story: pd.DataFrame) -> None:
    claims = figures.sankey(story, measure="claims").to_dict()["data"][0]["link"]
    reports = figures.sankey(story, measure="reports").to_dict()["data"][0]["link"]
    assert sum(claims["value"]) == pytest.approx(3)  # three claims about North Korea -> Russia
    assert sum(reports["value"]) == pytest.approx(5)  # five reports: the wire story counts once
    # HUR: one link; the hover also gives the claims by stance ("2 claims: 2 alleged")
    assert any(re.search(r"2 claims: [^<]+<br>in 4 reports", hover) for hover in claims["customdata"])


def test_the_headline_counts_claims_reports_and_outlets(story: pd.DataFrame) -> None:
    head = filters.headline(story)
    assert head.sentence() == "3 claims in 5 reports from 5 outlets"


def test_the_dashboard_opens_a_flow_dossier_from_a_link(app_store, story: pd.DataFrame) -> None:  # type: ignore[no-untyped-def]
    from streamlit.testing.v1 import AppTest

    app_store([table.claim_from_row(row) for row in story.to_dict("records")])
    at = AppTest.from_file(str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=60)
    at.query_params["flow"] = "North Korea → Russia"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.selectbox(key="flow").value == "PRK>RUS"
    text = " ".join(m.value for m in at.markdown)
    assert "Alleges" in text and "Denies" in text and "contested" in text
    assert "3 claims in 5 reports from 5 outlets" in " ".join(c.value for c in at.caption)
    assert {"download-dossier", "download-by-claim"} <= {b.key for b in at.download_button}


def test_a_flow_in_a_link_reads_back_and_bad_ones_are_named() -> None:
    from flows.state import ViewState, from_query, query_string

    for written in ("North Korea → Russia", "PRK>RUS", "north korea > russia"):
        state, notices = from_query({"flow": [written]})
        assert (state.flow, notices) == ("PRK>RUS", [])
    state, notices = from_query({"flow": ["Narnia → Russia"]})
    assert state.flow == "" and "flow=" in notices[0]
    assert query_string(ViewState(flow="PRK>RUS")) == "flow=North+Korea+%E2%86%92+Russia"
