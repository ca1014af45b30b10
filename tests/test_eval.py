"""The evaluator (flows.evaluate), the `flows eval` command and the regression gate.

``tests/fixtures/eval/gold.jsonl`` is a three-document gold set written for
these tests: parallel routes plus a denial, a chain with an optional
background claim, and a negative. A fake extractor returns hand-picked
predictions for it, so every count below can be worked out by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows import cli as cli_module
from flows import corpus, evaluate, extract
from flows.evaluate import GoldClaim, GoldError, PRF, date_agrees, intermediaries, match_claims
from flows.models import Article, Claim

FIXTURE = Path(__file__).parent / "fixtures" / "eval" / "gold.jsonl"
BASELINE = Path(__file__).parent.parent / "eval_baseline.json"


def claim(origin: str, destination: str, via: tuple[str, ...] = (), **fields: str) -> Claim:
    values = {"claimant": "x", "stance": "alleged", **fields}
    return Claim(origin=origin, destination=destination, via=via, **values)  # type: ignore[arg-type]


def gold(origin: str, destination: str, via: tuple[str, ...] = (), **fields: object) -> GoldClaim:
    values: dict[str, object] = {"claimant": "x", "stance": "alleged", **fields}
    return GoldClaim(origin=origin, destination=destination, via=via, **values)  # type: ignore[arg-type]


class FakeExtractor:
    """Returns fixed claims per article title, like a real extractor would for the fixture."""

    name = "fake"
    version = "1"

    def __init__(self, by_title: dict[str, list[Claim]]) -> None:
        self.by_title = by_title

    def extract(self, article: Article) -> list[Claim]:
        return list(self.by_title.get(article.title, []))


FIXTURE_PREDICTIONS = {
    "Spy agency says Serbian shells went to Ukraine via two firms": [
        # The gold's parallel routes read as a chain: same set of intermediaries.
        claim("SRB", "UKR", ("CZE>BGR",), claimant_country="RUS", claim_date="2025-06-23"),
        claim("RUS", "UKR", claimant_country="RUS", claim_date="2025-06-23"),
        claim("SRB", "UKR", stance="denied", claimant_country="", claim_date="2025-06-24"),
    ],
    "Report traces French parts through the UAE to Sudan": [
        claim("FRA", "SDN", stance="reported", claim_date="2024-11-14"),  # intermediary missed
        claim("FRA", "ARE", stance="reported", claim_date="2024-11-14"),  # the optional claim
    ],
    "Allies pledge tanks": [claim("DEU", "UKR", stance="reported", claim_date="2023-01-25")],
}


@pytest.fixture
def fixture_report() -> evaluate.EvalReport:
    documents = evaluate.load_gold(FIXTURE)
    return evaluate.evaluate(documents, FakeExtractor(FIXTURE_PREDICTIONS), gold_name="eval", extractor="fake 1")


# --------------------------------------------------------------------------- matching


def test_intermediaries_split_chains_and_join_parallel_routes() -> None:
    assert intermediaries(["TUR>AZE", "GEO"]) == {"TUR", "AZE", "GEO"}
    assert intermediaries([]) == frozenset()


def test_route_match_needs_the_same_set_of_intermediaries() -> None:
    expected = [gold("SRB", "UKR", ("CZE", "BGR"))]
    assert len(match_claims(expected, [claim("SRB", "UKR", ("BGR>CZE",))]).pairs) == 1
    missing_one = match_claims(expected, [claim("SRB", "UKR", ("CZE",))])
    assert (len(missing_one.pairs), len(missing_one.misses), len(missing_one.false_claims)) == (0, 1, 1)
    ignoring_via = match_claims(expected, [claim("SRB", "UKR", ("CZE",))], key=evaluate.endpoint_key)
    assert len(ignoring_via.pairs) == 1


def test_matching_is_one_to_one() -> None:
    result = match_claims([gold("IRN", "RUS")], [claim("IRN", "RUS"), claim("IRN", "RUS")])
    assert (len(result.pairs), len(result.false_claims), len(result.misses)) == (1, 1, 0)


def test_same_route_claims_pair_with_the_prediction_that_agrees_most() -> None:
    expected = [gold("IRN", "RUS", stance="alleged", claimant_country="USA"), gold("IRN", "RUS", stance="denied", claimant_country="IRN")]
    predicted = [claim("IRN", "RUS", stance="denied", claimant_country="IRN"), claim("IRN", "RUS", stance="alleged", claimant_country="USA")]
    result = match_claims(expected, predicted)
    assert all(g.stance == p.stance and g.claimant_country == p.claimant_country for g, p in result.pairs)
    assert len(result.pairs) == 2


def test_optional_gold_claim_is_neither_hit_nor_miss_nor_false() -> None:
    expected = [gold("FRA", "ARE", required=False)]
    found = match_claims(expected, [claim("FRA", "ARE")])
    assert (found.pairs, found.misses, found.false_claims) == ((), (), ())
    assert len(found.optional_found) == 1
    not_found = match_claims(expected, [])
    assert not_found.misses == ()


def test_required_claims_take_predictions_before_optional_ones() -> None:
    expected = [gold("FRA", "ARE", required=False, stance="reported"), gold("FRA", "ARE", stance="alleged")]
    result = match_claims(expected, [claim("FRA", "ARE", stance="reported")])
    assert len(result.pairs) == 1 and result.pairs[0][0].required


@pytest.mark.parametrize(
    ("gold_date", "predicted", "agrees"),
    [
        ("2024-05", "2024-05-14", True),
        ("2024-05", "2024-06-01", False),
        ("2024-05-14", "2024-05", False),
        ("2024", "2024-12-31", True),
        ("", "", True),
        ("", "2024-01-01", False),
    ],
)
def test_dates_agree_at_the_gold_precision(gold_date: str, predicted: str, agrees: bool) -> None:
    assert date_agrees(gold_date, predicted) is agrees


def test_prf_of_nothing_expected_and_nothing_claimed_is_perfect() -> None:
    assert (PRF(0, 0, 0).precision, PRF(0, 0, 0).recall, PRF(0, 0, 0).f1) == (1.0, 1.0, 1.0)
    assert PRF(0, 0, 3).f1 == 0.0
    assert PRF(2, 3, 1).precision == pytest.approx(0.4)


# --------------------------------------------------------------------------- whole reports


def test_fixture_scores_match_a_hand_count(fixture_report: evaluate.EvalReport) -> None:
    # Route: hits SVR + denial; false RUS->UKR, FRA->SDN (via missed), DEU->UKR; missed Amnesty chain.
    assert (fixture_report.route.true_positives, fixture_report.route.false_positives, fixture_report.route.false_negatives) == (2, 3, 1)
    # Endpoints: FRA->SDN now matches the Amnesty claim.
    assert (fixture_report.endpoint.true_positives, fixture_report.endpoint.false_positives, fixture_report.endpoint.false_negatives) == (3, 2, 0)
    scores = fixture_report.scores()
    assert scores["route_precision"] == pytest.approx(2 / 5)
    assert scores["route_recall"] == pytest.approx(2 / 3)
    assert scores["route_f1"] == pytest.approx(2 * 0.4 * (2 / 3) / (0.4 + 2 / 3))
    assert scores["endpoint_recall"] == 1.0
    assert scores["stance_accuracy"] == 1.0
    assert scores["claimant_country_accuracy"] == 0.5  # the denial came without Ukraine
    assert scores["date_accuracy"] == 1.0  # 2025-06-24 is right at the gold's month precision
    # Full: the SVR claim only; the denial's claimant country is wrong, so it is both false and missed.
    assert (fixture_report.full.true_positives, fixture_report.full.false_positives, fixture_report.full.false_negatives) == (1, 4, 2)
    assert scores["full_precision"] == pytest.approx(1 / 5) and scores["full_recall"] == pytest.approx(1 / 3)


def test_report_names_each_documents_misses_and_false_claims(fixture_report: evaluate.EvalReport) -> None:
    by_id = {d.doc_id: d for d in fixture_report.documents}
    assert [m.origin for m in by_id["chain"].route.misses] == ["FRA"]
    assert [(c.origin, c.destination) for c in by_id["negative"].route.false_claims] == [("DEU", "UKR")]
    text = fixture_report.format_table()
    assert "missed  FRA via ARE -> SDN" in text
    assert "false   DEU -> UKR" in text
    assert "claimant country '' (gold 'UKR')" in text


def test_report_json_is_serialisable_and_complete(fixture_report: evaluate.EvalReport) -> None:
    data = json.loads(json.dumps(fixture_report.to_json()))
    assert set(data["scores"]) == set(evaluate.SCORE_NAMES)
    assert data["counts"]["predicted_claims"] == 6
    assert data["counts"]["optional_matched"] == 1
    negative = next(d for d in data["per_document"] if d["id"] == "negative")
    assert negative["false_claims"][0]["destination"] == "UKR"


def test_accuracies_are_none_when_nothing_matched() -> None:
    documents = evaluate.load_gold(FIXTURE).documents
    report = evaluate.score(documents, {})
    assert report.scores()["stance_accuracy"] is None
    assert report.route.recall == 0.0 and report.route.precision == 1.0


# --------------------------------------------------------------------------- reading gold


def _write_gold(tmp_path: Path, *records: dict[str, object]) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


GOOD_CLAIM = {"stance": "alleged", "origin": "IRN", "destination": "RUS"}


@pytest.mark.parametrize(
    ("bad_claim", "message"),
    [
        ({**GOOD_CLAIM, "origin": "XYZ"}, "unknown country codes: XYZ"),
        ({**GOOD_CLAIM, "via": ["TUR>QQQ"]}, "unknown country codes: QQQ"),
        ({**GOOD_CLAIM, "stance": "rumoured"}, "stance 'rumoured'"),
        ({**GOOD_CLAIM, "claim_date": "2024-05", "date_precision": "day"}, "does not fit"),
        ({"stance": "alleged", "origin": "IRN"}, "lacks destination"),
    ],
)
def test_bad_gold_claims_are_named_by_record_and_claim(tmp_path: Path, bad_claim: dict[str, object], message: str) -> None:
    path = _write_gold(tmp_path, {"id": "a", "text": "t", "claims": [GOOD_CLAIM, bad_claim]})
    with pytest.raises(GoldError, match=rf":1 \(a\), claim 2: .*{message}"):
        evaluate.load_gold(path)


def test_bad_gold_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="appears twice"):
        evaluate.load_gold(_write_gold(tmp_path, {"id": "a", "text": "t", "claims": []}, {"id": "a", "text": "u", "claims": []}))
    with pytest.raises(GoldError, match="'claims' must be a list"):
        evaluate.load_gold(_write_gold(tmp_path, {"id": "a", "text": "t"}))
    with pytest.raises(GoldError, match="no article text"):
        evaluate.load_gold(_write_gold(tmp_path, {"id": "a", "claims": []}))
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"id": "a"\n', encoding="utf-8")
    with pytest.raises(GoldError, match="broken.jsonl:1: invalid JSON"):
        evaluate.load_gold(broken)
    with pytest.raises(GoldError, match="missing.jsonl"):
        evaluate.load_gold(tmp_path / "missing.jsonl")


def test_gold_record_carries_its_article(tmp_path: Path) -> None:
    path = _write_gold(
        tmp_path,
        {"id": "a", "title": "T", "text": "Body.", "published": "2024-01-02", "source": "Outlet", "claims": [{**GOOD_CLAIM, "via": "TUR;ARM>GEO"}]},
    )
    (document,) = evaluate.load_gold(path).documents
    (article,) = document.articles
    assert (article.title, article.published, article.source) == ("T", "2024-01-02", "Outlet")
    assert document.claims[0].via == ("TUR", "ARM>GEO")
    assert document.claims[0].claimant == ""  # names are not scored, so they may be left out


def test_gold_file_may_be_a_json_array(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps([{"id": "a", "text": "t", "claims": [GOOD_CLAIM]}]), encoding="utf-8")
    assert len(evaluate.load_gold(path).documents[0].claims) == 1


PAGE = (
    " date 2024-03-05 Border guards say rifles came from over the river\n\n"
    "The border guard service said on Monday that smugglers had brought 40 rifles from Moldova to Ukraine.\n"
)


def test_annotation_records_read_their_pages_from_a_texts_folder(tmp_path: Path) -> None:
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "p1.txt").write_text(PAGE, encoding="utf-8")
    (texts / "p3.txt").write_text("Another page entirely.", encoding="utf-8")
    claim_record = {
        "claimant": "border guard service", "claimant_country": None, "claim_date": None,
        "origin": "MDA", "via": [], "destination": "UKR", "items": "40 rifles", "stance": "alleged", "why": "...",
    }
    path = _write_gold(
        tmp_path,
        {"doc": "p1", "url": "https://example.org/p1", "outlet": "Example News", "published": "2024-03-05",
         "first_words": "The border guard service said on Monday that smugglers had", "claims": [claim_record]},
        {"doc": "p2", "url": "https://example.org/p2", "outlet": "Example News", "published": None, "claims": []},
        {"doc": "p3", "url": "https://example.org/p3", "outlet": "Example News", "published": None,
         "first_words": "The border guard service", "claims": []},
    )
    gold_set = evaluate.load_gold(path, texts=texts)
    (document,) = gold_set.documents
    (article,) = document.articles
    assert (document.doc_id, article.source, article.url, article.published) == ("p1", "Example News", "https://example.org/p1", "2024-03-05")
    assert article.text.startswith("The border guard service said")  # the stored page's date prefix is not text
    assert (document.claims[0].claimant_country, document.claims[0].claim_date) == ("", "")
    assert [doc_id for doc_id, _ in gold_set.missing] == ["p2", "p3"]
    assert "first_words" in dict(gold_set.missing)["p3"]
    report = evaluate.evaluate(gold_set, FakeExtractor({}))
    assert [entry["id"] for entry in report.to_json()["missing"]] == ["p2", "p3"]
    assert "not scored, 2 of 3 documents:" in report.format_table()
    assert (report.route.false_negatives, report.route.true_positives) == (1, 0)


# --------------------------------------------------------------------------- the gate


def test_gate_failures_name_every_undercut_score() -> None:
    scores = {"route_f1": 0.80, "stance_accuracy": None, "route_recall": 0.9}
    failures = evaluate.gate_failures(scores, {"route_f1": 0.85, "stance_accuracy": 0.5, "route_recall": 0.9, "bogus": 0.1})
    assert len(failures) == 3
    assert any(f.startswith("route_f1 0.8000 is below") for f in failures)
    assert any(f.startswith("stance_accuracy n/a") for f in failures)
    assert any(f.startswith("bogus") for f in failures)
    assert evaluate.gate_failures(scores, {"route_f1": 0.80}) == []


def test_read_gate_picks_the_gold_set_and_ignores_notes(tmp_path: Path) -> None:
    path = tmp_path / "gate.json"
    path.write_text(json.dumps({"sample": {"_gold": "sample", "route_f1": 0.5}}), encoding="utf-8")
    assert evaluate.read_gate(path, "sample") == {"route_f1": 0.5}
    with pytest.raises(GoldError, match="no recorded scores for 'examples'"):
        evaluate.read_gate(path, "examples")


# --------------------------------------------------------------------------- the command


@pytest.fixture
def fake_cli_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract, "get_extractor", lambda name: FakeExtractor(FIXTURE_PREDICTIONS))


def test_eval_command_prints_the_table_and_writes_json(tmp_path: Path, fake_cli_extractor: None) -> None:
    out = tmp_path / "report.json"
    result = CliRunner().invoke(cli_module.cli, ["eval", str(FIXTURE), "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "route (with intermediaries)" in result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["gold"] == "gold" and data["scores"]["route_precision"] == 0.4 and data["failures"] == []


def test_eval_command_fails_below_min_f1_and_below_the_gate(tmp_path: Path, fake_cli_extractor: None) -> None:
    result = CliRunner().invoke(cli_module.cli, ["eval", str(FIXTURE), "--min-f1", "0.9"])
    assert result.exit_code == 1 and "below --min-f1" in result.output
    gate = tmp_path / "gate.json"
    gate.write_text(json.dumps({"gold": {"route_precision": 0.4, "route_recall": 0.7}}), encoding="utf-8")
    result = CliRunner().invoke(cli_module.cli, ["eval", str(FIXTURE), "--gate", str(gate)])
    assert result.exit_code == 1 and "route_recall 0.6667 is below the recorded 0.7000" in result.output
    gate.write_text(json.dumps({"gold": {"route_precision": 0.4}}), encoding="utf-8")
    assert CliRunner().invoke(cli_module.cli, ["eval", str(FIXTURE), "--gate", str(gate)]).exit_code == 0


def test_eval_command_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli_module.cli, ["eval", str(tmp_path / "none.jsonl")])
    assert result.exit_code == 1 and "none.jsonl" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(cli_module.cli, ["eval", "sample", "--extractor", "no-such-extractor"])
    assert result.exit_code == 2 and "no-such-extractor" in result.output


# --------------------------------------------------------------------------- regression gate


def _recorded_gold_sets() -> list[object]:
    recorded = json.loads(BASELINE.read_text(encoding="utf-8"))
    return [
        pytest.param(name, entry["_gold"], evaluate.read_gate(BASELINE, name), id=name)
        for name, entry in recorded.items()
    ]


@pytest.mark.parametrize(("name", "gold_spec", "floors"), _recorded_gold_sets())
def test_rule_extractor_does_not_fall_below_recorded_scores(name: str, gold_spec: str, floors: dict[str, float]) -> None:
    """The regression gate: raise eval_baseline.json as the extractor improves."""
    named = gold_spec == corpus.SAMPLE_GOLD_NAME or gold_spec in corpus.REALNEWS_SETS
    gold_set = corpus.load_gold_set(gold_spec if named else str(BASELINE.parent / gold_spec))
    assert gold_set.name == name
    if gold_set.missing:
        # Real-news texts are third parties' pages, never committed: restore them first (README).
        pytest.skip(f"{len(gold_set.missing)} of {len(gold_set.missing) + len(gold_set.documents)} texts are not in {corpus.realnews_texts()}")
    report = evaluate.evaluate(gold_set, extract.get_extractor("rules"))
    assert evaluate.gate_failures(report.scores(), floors) == [], report.format_table()
