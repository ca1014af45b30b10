"""The dashboard's wiring, with Streamlit's AppTest: filters reach the figures and table,
links give views, downloads hold exactly the rows shown, data can be added.

Each test runs ``app.py`` against its own store (``ARMS_FLOWS_DB`` in a temp
folder) holding the five claims built here, marked as seeded so the sample
corpus is not extracted. What a filter should leave is written out by claim
number (worked out from the claims by hand), not computed by the filters the
app runs.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from streamlit.proto.PlotlyChart_pb2 import PlotlyChart as PlotlyChartProto
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

import streamlit.testing.v1.app_test as app_test_module
from flows import countries, pipeline
from flows.models import Claim, Evidence
from flows.store import ENV_VAR, Store
from flows.table import CLAIM_COLUMNS, claims_to_frame, read_claims_csv

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(scope="module")
def claims(make_claim) -> list[Claim]:
    """Claims 1 to 5; claim n's evidence is "Evidence sentence n."."""
    return [
        make_claim(1),  # PRK -> RUS, alleged by Ukraine's HUR, 2023-10-05
        make_claim(2, claimant="Pentagon", stance="confirmed", origin="IRN", items="Shahed drones",
                   category="drones", claim_date="2022-10", date_precision="month"),
        make_claim(3, stance="denied", via=("BLR",), claim_date="2021", date_precision="year"),
        make_claim(4, claimant="SIPRI", method="import:sipri 1", origin="USA", destination="UKR",
                   via=("POL>SVK",), items="=HYPERLINK(\"http://evil\") HIMARS", category="rockets and missiles",
                   claim_date="2024-02-29", quantity=20.0),
        make_claim(5, claimant="analyst", method="manual", origin="IRN", destination="YEM",
                   items="anti-ship missiles", category="rockets and missiles", claim_date="2023-01-15"),
    ]  # fmt: skip


# The claims' ids, written out: a change to how ids are made shows here first.
CLAIM_IDS = {1: "7733d27386f900c9", 2: "d452b6f5cfcde742", 3: "737d9e3b2f9318e4", 4: "ad7d6b9691a20d92",
             5: "502cbe074dc77296"}  # fmt: skip


def _ids(numbers: list[int]) -> list[str]:
    return [CLAIM_IDS[n] for n in numbers]


@pytest.fixture
def store(app_store, claims) -> Store:
    return app_store(claims)


def test_the_claims_have_the_ids_written_out_here(claims) -> None:
    assert {n: c.claim_id for n, c in enumerate(claims, start=1)} == CLAIM_IDS


@pytest.fixture
def received(monkeypatch) -> dict[str, list[pd.DataFrame]]:
    """The claims each figure is drawn from, by figure: the rows of the engine's view it aggregates."""
    from flows.engine import View

    calls: dict[str, list[pd.DataFrame]] = {"sankey": [], "flow_map": [], "timeline": []}
    for name in calls:
        original = getattr(View, name)

        def recording(view, *args, _name=name, _original=original, **kwargs):
            calls[_name].append(view.claims())
            calls.setdefault(f"{_name}-options", []).append(kwargs)
            return _original(view, *args, **kwargs)

        monkeypatch.setattr(View, name, recording)
    return calls


@pytest.fixture
def media(monkeypatch) -> list[MediaFileManager]:
    """Media managers AppTest creates, so a test can fetch a download's bytes."""
    managers: list[MediaFileManager] = []

    class Recording(MediaFileManager):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            managers.append(self)

    monkeypatch.setattr(app_test_module, "MediaFileManager", Recording)
    return managers


def _run(query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if query:
        at.query_params.update(query)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _download(at: AppTest, managers: list[MediaFileManager], key: str) -> tuple[bytes, str]:
    """What a download button would hand the browser: (bytes, file name)."""
    button = next(b for b in at.download_button if b.key == key)
    file_id = button.proto.deferred_file_id
    for manager in reversed(managers):
        entry = manager._deferred_callables.get(file_id)
        if entry is not None:
            data = entry["callable"]()
            return (data if isinstance(data, bytes) else data.encode("utf-8")), entry["filename"]
    raise AssertionError(f"no deferred download {file_id!r}")


def test_the_app_runs_and_the_headline_counts_the_store(store, received):
    at = _run()
    assert [m.value for m in at.metric] == ["5", "1", "4", "9", "2021 – 2024-02-29"]  # claim 3 is a denial
    assert at.get("plotly_chart"), "the Sankey is drawn"
    assert len(received["sankey"][-1]) == 5
    assert not at.error and not at.warning


@pytest.mark.parametrize(
    ("widget", "key", "value", "numbers"),
    [
        ("multiselect", "by", ["Pentagon"], [2]),
        ("pills", "st", ["alleged", "denied"], [1, 3, 4, 5]),  # 2 is confirmed
        ("pills", "kind", ["register"], [4]),
        ("multiselect", "o", ["IRN"], [2, 5]),
        ("multiselect", "v", ["SVK"], [4]),  # through Poland, then Slovakia
        ("multiselect", "d", ["UKR", "YEM"], [4, 5]),
        ("multiselect", "cat", ["rockets and missiles"], [4, 5]),
        ("text_input", "q", "shahed", [2]),
        # 2022-10 and 2021 end before the range starts
        ("date_input", "from", pd.Timestamp("2023-01-01").date(), [1, 4, 5]),
        ("date_input", "to", pd.Timestamp("2022-12-31").date(), [2, 3]),
    ],
)
def test_each_filter_changes_what_the_figures_and_table_receive(store, received, widget, key, value, numbers):
    at = _run()
    getattr(at, widget)(key=key).set_value(value).run()
    assert not at.exception
    expected = _ids(numbers)
    assert list(received["sankey"][-1]["claim_id"]) == expected
    assert at.metric[0].value == str(len(expected))
    assert any(f"leaves {len(expected)} of 5 claims" in c.value for c in at.sidebar.caption)
    # the map and the timeline get the same rows
    at.segmented_control(key="view").set_value("map").run()
    assert list(received["flow_map"][-1]["claim_id"]) == expected
    at.segmented_control(key="view").set_value("timeline").run()
    assert list(received["timeline"][-1]["claim_id"]) == expected
    # and so does the claims table
    at.segmented_control(key="view").set_value("table").run()
    at.segmented_control(key="rows").set_value("reports").run()
    table = at.dataframe[0].value
    assert sorted(table["evidence"]) == [f"Evidence sentence {n}." for n in numbers]  # newest first, see below


def _plain(markdown: str) -> str:
    """Markdown escaped by flows.ui.md_escape, read back as the text a person sees."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def test_reset_all_clears_every_filter(store, received):
    at = _run({"st": "denied", "o": "North Korea", "q": "shells"})
    assert at.metric[0].value == "1"
    at.button(key="reset").click().run()
    assert at.metric[0].value == "5"
    assert at.multiselect(key="o").value == [] and at.text_input(key="q").value == ""
    assert not {"st", "o", "q"} & set(at.query_params)


def test_query_parameters_set_before_a_run_give_that_view(store, received):
    at = _run({"st": "alleged", "o": ["North Korea"], "view": "Map", "measure": "units", "color": "stance"})
    assert at.pills(key="st").value == ["alleged"]
    assert at.multiselect(key="o").value == ["PRK"]
    assert at.segmented_control(key="view").value == "map"
    assert at.segmented_control(key="measure").value == "quantity"
    assert list(received["flow_map"][-1]["claim_id"]) == _ids([1])  # 3 is denied
    assert not received["sankey"], "only the chosen view is built"
    assert received["flow_map-options"][-1]["measure"] == "quantity"
    assert received["flow_map-options"][-1]["color_by"] == "stance"
    assert not at.warning
    link = at.code[0].value
    assert "view=Map" in link and "o=North+Korea" in link and "measure=units" in link


def test_the_link_value_and_countries_shown_reach_the_sankey(store, received, claims):
    at = _run()
    at.segmented_control(key="measure").set_value("quantity").run()
    at.slider(key="top").set_value(5).run()
    options = received["sankey-options"][-1]
    assert (options["measure"], options["top_n"], options["color_by"]) == ("quantity", 5, "claimant")
    assert "measure=units" in at.code[0].value and "top=5" in at.code[0].value


def test_link_values_no_claim_has_are_not_offered_and_a_link_asking_for_one_is_told(store, received):
    at = _run({"measure": "value"})  # claim 4 has a quantity, none a value
    measure = at.segmented_control(key="measure")
    assert measure.options == ["claims", "units", "reports"]
    assert "Not offered: value, which no claim in the store has" in measure.help
    assert measure.value == "claims"
    assert received["sankey-options"][-1]["measure"] == "claims"
    assert any("no claim in the store has one, so claims are counted" in w.value for w in at.warning)


def test_bad_link_values_fall_back_to_defaults_with_a_visible_notice(store, received):
    at = _run({"st": "rumoured", "o": "Atlantis", "view": "<script>", "top": "1e9", "zz": "1"})
    assert at.pills(key="st").value == []
    assert at.segmented_control(key="view").value == "sankey"
    assert at.metric[0].value == "5"
    assert len(at.warning) == 1, "one notice box, a line per value"
    notices = _plain(at.warning[0].value)
    for fragment in ("rumoured", "Atlantis", "<script>", "top='1e9'", "'zz'"):
        assert fragment in notices
    assert "<script>" not in at.warning[0].value, "the link's text is escaped"


def test_codes_and_lower_case_in_a_link_are_understood(store, received):
    at = _run({"o": "irn", "view": "map"})
    assert at.multiselect(key="o").value == ["IRN"]
    assert at.segmented_control(key="view").value == "map"


def test_downloads_hold_exactly_the_filtered_rows(store, received, media, tmp_path):
    at = _run({"o": ["Iran", "United States"]})
    data, name = _download(at, media, "download-claims")
    assert name == "claims_o-IRN+USA.csv"
    loaded = read_claims_csv(data, name)
    assert loaded.problems == []
    expected = _ids([2, 4, 5])
    assert list(loaded.claims["claim_id"]) == expected
    # the contract's columns, then each column of codes by name
    names = ("claimant_country_name", "origin_name", "via_name", "destination_name")
    assert tuple(loaded.claims.columns) == CLAIM_COLUMNS + names
    routed = loaded.claims.set_index("claim_id").loc[_ids([4])[0]]
    assert (routed["origin_name"], routed["via_name"], routed["destination_name"]) == (
        "United States", "Poland › Slovakia", "Ukraine")
    assert routed["claimant_country_name"] == countries.name_of(routed["claimant_country"])
    assert b"'=HYPERLINK" in data, "formula cells are guarded"
    assert loaded.claims.loc[loaded.claims["origin"] == "USA", "items"].iloc[0].startswith("=HYPERLINK")
    # and `flows validate` accepts the file as it was downloaded
    from click.testing import CliRunner

    from flows.cli import cli

    saved = tmp_path / name
    saved.write_bytes(data)
    result = CliRunner().invoke(cli, ["validate", str(saved)])
    assert result.exit_code == 0, result.output
    assert f"{len(expected)} valid rows, 0 rejected" in result.output
    legs, name = _download(at, media, "download-legs")
    assert name == "legs_o-IRN+USA.csv"
    lines = legs.decode().splitlines()
    assert lines[0] == "claim_id,leg,from,from_name,to,to_name,from_role,to_role,weight"
    assert any(line.startswith(f"{CLAIM_IDS[4]},") and ",USA,United States,POL,Poland," in line for line in lines)
    # IRN>RUS and IRN>YEM are one leg each; USA>POL>SVK>UKR is three
    assert sorted((line.split(",")[2], line.split(",")[4]) for line in lines[1:]) == [
        ("IRN", "RUS"), ("IRN", "YEM"), ("POL", "SVK"), ("SVK", "UKR"), ("USA", "POL")]


def test_picking_a_claim_shows_all_of_it(store, received):
    at = _run({"view": "Claims", "rows": "Reports", "o": "Iran", "d": "Russia"})
    assert len(at.dataframe[0].value) == 1
    # AppTest cannot click a dataframe row; set the selection the way the frontend does
    at.session_state["pick"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    texts = " ".join(m.value for m in at.markdown)
    assert "Evidence sentence 2" in texts
    assert any(b.proto.url == "https://example.org/2" for b in at.get("link_button"))


def test_a_broken_store_shows_a_message_not_a_traceback(tmp_path, monkeypatch):
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(b"not a database" * 200)
    monkeypatch.setenv(ENV_VAR, str(broken))
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "cannot be opened" in at.error[0].value


def _add_data_page():
    # AppTest cannot switch to a page given as a function; run that page on its own.
    from flows import ui

    ui.run_page(ui.add_data_page, "adding data")


def test_a_claims_csv_upload_reports_every_bad_row(store, claims, make_claim):
    good = claims_to_frame([make_claim(9, origin="FRA", destination="UKR")])
    csv = good.assign(via="").to_csv(index=False)
    raw_text = ",,,,,,,"  # claimant_text ... extra, report_id, assertion_id: empty
    csv += "x,2023-01-01,day,someone,,rumoured,RUS,,,UKR,,,,,,,,,,,,rules,0.5" + raw_text + "\n"
    csv += "y,2023-01-01,day,someone,,alleged,RUS,,,Narnia,,,,,,,,,,,,rules,0.5" + raw_text + "\n"
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    uploader = next(u for u in at.file_uploader if u.label == "Claims CSV")
    uploader.set_value(("mine.csv", csv.encode(), "text/csv")).run()
    assert not at.exception
    problems = at.dataframe[-1].value
    assert list(problems["record"]) == [2, 3] and list(problems["line"]) == [3, 4]
    assert list(problems["column"]) == ["stance", "destination"]
    at.button(key="save-csv").click().run()
    assert store.count() == len(claims) + 1


PASTED = (
    "Ukraine's military intelligence said on Monday that North Korea had sent 100 artillery "
    "shells to Russia through Belarus."
)


def _paste(at: AppTest) -> AppTest:
    at.text_area(key="paste-text").set_value(PASTED)
    at.text_input(key="paste-source").set_value("Test Wire")
    at.date_input(key="paste-published").set_value(pd.Timestamp("2024-03-04").date())
    at.button[-1].click()  # the form's "Extract claims"
    return at.run()


def test_a_pasted_article_is_extracted_reviewed_and_saved_with_provenance(store):
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    _paste(at)
    assert not at.exception and not at.error
    proposals = at.data_editor[0].value
    assert list(proposals[["origin", "via", "destination"]].itertuples(index=False, name=None)) == [
        ("PRK", "BLR", "RUS")
    ]
    at.button(key="save-proposals").click().run()
    assert "1 claim saved" in at.success[0].value
    saved = store.claims()
    row = saved[saved["destination"] == "RUS"].iloc[-1]
    assert (row["source"], row["published"], row["via"]) == ("Test Wire", "2024-03-04", ["BLR"])
    article = store.article(row["article_id"])
    assert article is not None and PASTED in article.text


def test_a_rejected_proposal_is_not_proposed_again(store, claims):
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    _paste(at)
    at.session_state["proposal-editor"] = {
        "edited_rows": {0: {"decision": "reject"}}, "added_rows": [], "deleted_rows": []
    }
    at.button(key="save-proposals").click().run()
    assert not at.exception
    assert "0 claims saved" in at.success[0].value and "1 rejected" in at.success[0].value
    assert store.count() == len(claims)
    _paste(at)
    assert "1 left out" in at.info[0].value
    assert not at.data_editor


def test_a_link_to_a_claim_shows_it_in_full_and_picking_puts_it_in_the_link(store, received):
    target = CLAIM_IDS[5]
    at = _run({"view": "Claims", "rows": "Reports", "c": target})
    assert "Evidence sentence 5" in " ".join(m.value for m in at.markdown)
    assert f"c={target}" in at.code[0].value
    at.session_state["pick"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    first = CLAIM_IDS[4]  # the table's first row: the newest claim (2024-02-29)
    assert at.query_params.get("c") == first
    assert f"c={first}" in at.code[0].value
    at.segmented_control(key="view").set_value("sankey").run()
    assert "c" not in at.query_params


def test_deleting_a_claim_asks_first(store, received, claims):
    at = _run({"view": "Claims", "rows": "Reports", "c": CLAIM_IDS[1]})
    next(b for b in at.button if b.key.startswith("delete-")).click().run()
    assert store.count() == len(claims), "nothing is deleted before the confirmation"
    at.button(key="confirm-delete").click().run()
    assert not at.exception
    assert store.count() == len(claims) - 1
    assert store.suppressed() == {CLAIM_IDS[1]: "deleted"}


FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"


def test_a_register_file_is_imported_and_its_records_saved(store):
    data = (FIXTURES / "sipri_current.csv").read_bytes()
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    uploader = next(u for u in at.file_uploader if u.label == "Register file")
    uploader.set_value(("sipri.csv", data, "text/csv")).run()
    assert not at.exception and not at.error
    assert any(m.value.startswith("sipri:") for m in at.markdown)
    at.button(key="save-register").click().run()
    saved = store.claims()
    registers = saved[saved["method"].str.startswith("import:")]
    assert len(registers) > 1  # the fixture's records, besides claim 4 of CLAIMS
    assert "saved" in at.success[0].value


def test_a_register_upload_of_the_wrong_kind_is_a_message(store):
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    uploader = next(u for u in at.file_uploader if u.label == "Register file")
    uploader.set_value(("notes.csv", b"just,some\ncolumns,here\n", "text/csv")).run()
    assert not at.exception
    assert at.error and "notes.csv" in _plain(at.error[0].value)


def test_a_fresh_store_is_filled_from_the_sample_corpus_once(tmp_path, monkeypatch):
    from flows.corpus import sample_articles

    location = tmp_path / "fresh.sqlite"
    monkeypatch.setenv(ENV_VAR, str(location))
    at = _run()
    store = Store(location)
    count = store.count()
    claims = pipeline.corroborated(store.claims())["assertion_id"].nunique()  # reports of one claim count once
    assert count > 0 and at.metric[0].value == str(claims)
    assert str(len(sample_articles())) in (store.get_meta("seeded") or "")
    revision = store.revision()
    _run()
    assert (store.count(), store.revision()) == (count, revision), "the corpus is read only once"
    # a sample claim opens the public report its article retells, its evidence marked in the article
    at = _run({"view": "Claims", "rows": "Reports"})
    at.session_state["pick"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    buttons = [b for b in at.get("link_button") if "this sample retells" in b.proto.label]
    assert buttons and all(b.proto.url.startswith("https://") for b in buttons)
    marked = [h for h in at.get("html") if "<mark>" in h.proto.body]
    assert marked, "the evidence sentence is highlighted in the article text"


# Article text that Markdown or HTML would turn into images, links, scripts or styling.
HOSTILE_TEXTS = [
    "![x](https://evil.example/p.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "$\\frac{1}{2}$ :red[alarm] :material/bolt:",
    "# heading\n* list `code`",
    "bare https://evil.example/p.png and www.evil.example",
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_highlighted_article_text_is_escaped_and_marks_the_evidence(text):
    from flows.ui.safety import highlighted

    article = f"Before. {text} Shells went north. After."
    shown = highlighted(article, ["Shells went north.", "not in the text"])
    assert "<mark>Shells went north.</mark>" in shown
    assert "<img" not in shown and "<script" not in shown
    assert html.unescape(re.sub(r"</?mark>|<div[^>]*>|</div>", "", shown)) == article


@pytest.mark.parametrize("text", HOSTILE_TEXTS)
def test_untrusted_text_is_inert_in_markdown(text):
    from flows.ui import md_escape

    escaped = md_escape(text)
    # every markdown, HTML, math or directive character is preceded by a backslash
    unescaped = re.findall(r"(?<!\\)[\[\]()!<>$:`#*]", escaped.replace("\\\\", ""))
    assert unescaped == []
    assert "\n" not in escaped
    assert "://" not in escaped and "www." not in escaped.lower(), "no bare address to autolink"


def test_only_plain_http_links_are_kept():
    from flows.ui import safe_url

    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url("javascript:alert(1)") == ""
    assert safe_url("data:text/html,<b>") == ""
    assert safe_url("https://example.org/a b") == ""


def test_an_empty_store_points_to_add_data(tmp_path, monkeypatch):
    location = tmp_path / "empty.sqlite"
    monkeypatch.setenv(ENV_VAR, str(location))
    Store(location).set_meta("seeded", "nothing")
    at = _run()
    assert at.metric[0].value == "0"
    assert "Add data" in at.info[0].value
    assert not at.error


def test_uploaded_article_files_are_extracted_with_their_problems_shown(store):
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    uploader = next(u for u in at.file_uploader if u.label == "Article files")
    uploader.set_value([
        ("wire.txt", PASTED.encode(), "text/plain"),
        ("empty.txt", b"", "text/plain"),
    ])
    at.run()  # uploaded files are read at once, without the paste form's button
    assert not at.exception
    assert any("empty.txt" in _plain(message.value) for message in [*at.error, *at.warning])
    proposals = at.data_editor[0].value
    assert list(proposals["destination"]) == ["RUS"]


def test_a_file_that_is_not_a_claims_table_is_one_clear_message(store, claims):
    at = AppTest.from_function(_add_data_page, default_timeout=60).run()
    uploader = next(u for u in at.file_uploader if u.label == "Claims CSV")
    uploader.set_value(("notes.csv", b"a,b\n1,2\n", "text/csv")).run()
    assert not at.exception
    assert "missing columns" in at.error[0].value
    assert store.count() == len(claims)


def test_the_sankey_the_app_draws_for_many_claimants_has_distinct_colours(app_store, make_claim):
    # 20 claimants, claimant i with i + 1 claims: the app used to colour them from all
    # claimants in the store (nine slots, so the eight shown shared colours)
    app_store([
        make_claim(100 * i + n, claimant=f"Ministry {i:02d}", claim_date=f"2023-{1 + n % 12:02d}")
        for i in range(20) for n in range(i + 1)
    ])  # fmt: skip
    at = _run()
    import json

    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    legend = spec["layout"]["annotations"][0]["text"]
    colours = re.findall(r"color:(#[0-9A-Fa-f]{6})", legend)
    assert len(colours) == 9  # eight claimants and "Other claimants"
    assert len(set(colours)) == 9, legend


def test_the_claims_table_lists_the_newest_first_with_source_and_link_before_the_text(store, received):
    at = _run({"view": "Claims", "rows": "Reports"})
    shown = at.dataframe[0].value
    assert list(shown["date"]) == ["2024-02-29", "2023-10-05", "2023-01-15", "2022-10", "2021"]
    columns = list(shown.columns)
    assert columns.index("source") < columns.index("items") and columns.index("link") < columns.index("evidence")


def test_a_from_date_after_the_to_date_swaps_the_two_and_says_so(store, received):
    at = _run()
    at.date_input(key="from").set_value(pd.Timestamp("2024-01-01").date()).run()
    at.date_input(key="to").set_value(pd.Timestamp("2022-12-31").date()).run()
    assert at.date_input(key="from").value == pd.Timestamp("2022-12-31").date()
    assert at.date_input(key="to").value == pd.Timestamp("2024-01-01").date()
    assert any("the two dates were swapped" in i.value for i in at.info)
    assert sorted(received["sankey"][-1]["claim_id"]) == sorted(_ids([1, 5]))
    assert "from=2022-12-31" in at.code[0].value and "to=2024-01-01" in at.code[0].value


def test_pick_lists_match_a_typed_substring_and_offer_no_select_all(store, received):
    at = _run()
    for key in ("by", "o", "v", "d", "cat"):
        proto = at.multiselect(key=key).proto
        assert "filter_mode: FILTER_MODE_CONTAINS" in str(proto), key  # not fuzzy: "SVR" picks no "Serbia's VR"
        assert proto.select_all == 0, key  # no "Select all" / "Select N matches"


def test_picking_a_flow_lists_the_claims_behind_it_and_opens_one(store, received):
    at = _run({"o": "North Korea"})  # claims 1 (direct to Russia) and 3 (denied, through Belarus)
    flow = at.selectbox(key="flow-pick")
    assert flow.options == [
        "North Korea → Russia · 1 claim: 1 alleged",
        "North Korea → Belarus · 1 claim: 1 denied",
        "Belarus → Russia · 1 claim: 1 denied",
    ]
    flow.set_value("North Korea → Belarus · 1 claim: 1 denied").run()
    listed = at.dataframe[0].value
    assert list(listed["stance"]) == ["denied"] and list(listed["route"]) == ["North Korea › Belarus › Russia"]
    at.session_state["pick-flow"] = {"selection": {"rows": [0], "columns": [], "cells": []}}
    at.run()
    assert "Evidence sentence 3" in " ".join(m.value for m in at.markdown)


def _map_click(at: AppTest, curve: int, index: int) -> None:
    """A click on point ``index`` of trace ``curve`` of the drawn map, as the browser reports it."""
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    point = {"curve_number": curve, "point_number": index, "point_index": index}
    customdata = spec["data"][curve].get("customdata")
    if customdata is not None:
        point["customdata"] = customdata[index]
    at.session_state["figure-map"] = {
        "selection": {"points": [point], "point_indices": [index], "box": [], "lasso": []}
    }
    at.run()
    assert not at.exception, [e.value for e in at.exception]


def test_clicking_an_arrow_on_the_map_picks_its_flow_and_lists_its_claims(store, received):
    at = _run({"o": "North Korea", "view": "Map"})  # claims 1 (direct to Russia) and 3 (denied, through Belarus)
    assert at.selectbox(key="flow-pick").value is None
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    arrows = next(n for n, t in enumerate(data) if t.get("name") == "Direction")
    to_belarus = data[arrows]["customdata"].index(["PRK", "BLR"])
    _map_click(at, arrows, to_belarus)
    assert at.selectbox(key="flow-pick").value == "North Korea → Belarus · 1 claim: 1 denied"
    listed = at.dataframe[0].value
    assert list(listed["stance"]) == ["denied"] and list(listed["route"]) == ["North Korea › Belarus › Russia"]
    # A flow then picked in the list is the reader's: the click, still selected, does not take it back.
    at.selectbox(key="flow-pick").set_value("North Korea → Russia · 1 claim: 1 alleged").run()
    assert at.selectbox(key="flow-pick").value == "North Korea → Russia · 1 claim: 1 alleged"
    assert list(at.dataframe[0].value["stance"]) == ["alleged"]
    # A click on anything but an arrow (a country, a place) changes nothing.
    country = next(n for n, t in enumerate(data) if t.get("type") == "choropleth")
    places = next(n for n, t in enumerate(data) if t.get("name") == "Places")
    for curve in (country, places):
        _map_click(at, curve, 0)
        assert at.selectbox(key="flow-pick").value == "North Korea → Russia · 1 claim: 1 alleged", curve
    # ...and a click on an arrow again picks its flow.
    _map_click(at, arrows, to_belarus)
    assert at.selectbox(key="flow-pick").value == "North Korea → Belarus · 1 claim: 1 denied"
    assert not at.info


def test_a_clicked_arrow_the_picker_does_not_list_says_so(store, received):
    at = _run({"o": "North Korea", "view": "Map"})
    data = json.loads(at.get("plotly_chart")[0].proto.spec)["data"]
    arrows = next(n for n, t in enumerate(data) if t.get("name") == "Direction")
    # As the browser would report an arrow whose flow is past the picker's list (here one it never offered).
    at.session_state["figure-map"] = {
        "selection": {
            "points": [{"curve_number": arrows, "point_index": 0, "customdata": ["USA", "<b>X</b>"]}],
            "point_indices": [0],
            "box": [],
            "lasso": [],
        }
    }
    at.run()
    assert at.selectbox(key="flow-pick").value is None
    assert len(at.info) == 1 and "not among the 3 heaviest flows listed here" in at.info[0].value
    assert "<b>" not in at.info[0].value  # what the browser sends is escaped like any text


def test_the_sankey_takes_no_clicks_and_its_picker_says_so(store, received):
    at = _run({"o": "North Korea"})
    assert not at.get("plotly_chart")[0].proto.selection_mode  # a Sankey link cannot be selected
    flow = at.selectbox(key="flow-pick")
    assert flow.proto.placeholder.startswith("Pick one of the 3 heaviest flows drawn")
    assert "On the Sankey this list is the way to pick a link" in flow.help
    at = _run({"o": "North Korea", "view": "Map"})
    assert list(at.get("plotly_chart")[0].proto.selection_mode) == [PlotlyChartProto.SelectionMode.POINTS]
    assert at.selectbox(key="flow-pick").proto.placeholder.startswith("Click a flow's arrow on the map, or pick one")


def test_filters_for_the_claimants_country_confidence_and_no_category(app_store, make_claim):
    claims = [
        make_claim(1, claimant="Russian MoD", claimant_country="RUS", category=""),
        make_claim(2, claimant="Kyiv", claimant_country="UKR", confidence=0.9),
        make_claim(3, claimant="SIPRI", method="import:sipri 1", confidence=0.7),  # one "?" flag less
    ]
    app_store(claims)
    at = _run()
    at.multiselect(key="cc").set_value(["RUS"]).run()
    assert [at.metric[0].value, at.get("plotly_chart") != []] == ["1", True]
    assert "claimant is of Russia" in " ".join(c.value for c in at.caption)
    at.multiselect(key="cc").set_value([]).run()
    at.multiselect(key="cat").set_value(["no category"]).run()
    assert at.metric[0].value == "1" and "no category is given" in " ".join(c.value for c in at.caption)
    at.multiselect(key="cat").set_value([]).run()
    at.slider(key="conf").set_value(0.85).run()
    assert at.metric[0].value == "1"
    assert "conf=0.85" in at.code[0].value
    at.segmented_control(key="view").set_value("table").run()
    assert list(at.dataframe[0].value["claimant"]) == ["Kyiv"]


def test_the_drawn_figure_says_its_filters_and_source_for_export(store, received):
    import json

    at = _run({"st": "denied"})
    spec = json.loads(at.get("plotly_chart")[0].proto.spec)
    caption = spec["layout"]["title"]["subtitle"]["text"]
    assert "1 of 5 claims where stance is denied.</span><br>" in caption and "Source: arms-flows claims" in caption


def test_the_claims_view_lists_one_line_per_claim_and_picking_one_lists_its_reports(app_store, claims, make_claim):
    copied = "North Korea sent a million artillery shells to Russia by train, Ukraine's intelligence said."
    app_store(
        [
            *claims,
            # claim 1 again from two more outlets: one retold, one a verbatim copy of that wire story
            make_claim(6, source="Outlet A", evidence=(Evidence(copied, 0, len(copied)),)),
            make_claim(7, source="Outlet B", evidence=(Evidence(copied, 0, len(copied)),)),
        ]
    )
    at = _run({"view": "Claims"})
    lines = at.dataframe[0].value
    assert len(lines) == 5, "seven rows, five claims"
    told = lines[lines["route"] == "North Korea › Russia"]
    assert told[["claimant", "stance", "reports", "outlets", "first report", "last report"]].values.tolist() == [
        ["Ukraine's HUR", "alleged", 2, 3, "2023-10-05", "2023-10-05"]
    ]
    assert set(told["sources"].iloc[0].split("; ")) == {"Wire", "Outlet A", "Outlet B"}
    # picking the line lists its three rows, each with its evidence, source and link
    at.session_state["claim-line-pick"] = {"selection": {"rows": [int(told.index[0])], "columns": [], "cells": []}}
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    reports = at.dataframe[1].value
    assert sorted(reports["source"]) == ["Outlet A", "Outlet B", "Wire"]
    assert sorted(reports["link"]) == [f"https://example.org/{n}" for n in (1, 6, 7)]
    assert any("2 reports of this claim (3 rows, 3 outlets)" in h.value for h in at.subheader)
    # the reports view keeps one line per row
    at.segmented_control(key="rows").set_value("reports").run()
    assert len(at.dataframe[0].value) == 7


def test_a_link_to_a_claim_opens_its_line_in_the_claims_view_by_claim(store, received):
    at = _run({"view": "Claims", "c": CLAIM_IDS[5]})
    assert any("1 report of this claim (1 row, 1 outlet)" in h.value for h in at.subheader)
    assert "Evidence sentence 5" in " ".join(m.value for m in at.markdown)
