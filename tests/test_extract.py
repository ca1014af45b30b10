"""The rule extractor, driven by golden example tables.

``tests/golden/examples.jsonl`` holds short passages written for this project,
one per rule of :mod:`flows.extract` (negatives included: pledges, plans,
co-production deals, strikes, drills, evacuations). Each lists every claim a
careful reader finds in it; the extractor must find those and nothing else.
A known miss carries ``"known_miss": "<why>"`` and runs as a strict xfail, so
fixing it is noticed. Each example names, in ``rules``, the stage rules of
:data:`flows.extract.RULES` it exercises; they must fire on it, and every rule
must be named by some example.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.extract import MAX_SENTENCE_CHARS, RULES, RuleExtractor, get_extractor, split_sentences
from flows.models import Article, Claim

GOLDEN = Path(__file__).parent / "golden" / "examples.jsonl"
EXAMPLES = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines() if line.strip()]


def article_of(example: dict) -> Article:
    return Article(
        text=example["text"],
        title=example.get("title", ""),
        source=example.get("source", ""),
        url=example.get("url", ""),
        published=example.get("published", ""),
    )


def route_of(claim: Claim | dict) -> tuple[str, tuple[str, ...], str]:
    if isinstance(claim, Claim):
        return claim.origin, tuple(sorted(claim.via)), claim.destination
    return claim["origin"], tuple(sorted(claim.get("via", []))), claim["destination"]


def differences(expected: dict, found: Claim) -> list[str]:
    wrong = []
    for key in ("claimant", "claimant_country", "stance", "claim_date", "destination_actor", "quantity"):
        if key in expected and getattr(found, key) != expected[key]:
            wrong.append(f"{key}: expected {expected[key]!r}, got {getattr(found, key)!r}")
    if "via" in expected and any(">" in route for route in expected["via"]):
        if list(found.via) != expected["via"]:
            wrong.append(f"via: expected chain {expected['via']}, got {list(found.via)}")
    return wrong


def compare(example: dict, trace: set[str] | None = None) -> list[str]:
    claims = RuleExtractor().extract(article_of(example), trace=trace)
    problems: list[str] = []
    unmatched = list(claims)
    for expected in example["claims"]:
        candidates = [
            c for c in unmatched
            if route_of(c) == route_of(expected) and c.stance == expected.get("stance", c.stance)
        ]
        if not candidates:
            problems.append(f"missed {route_of(expected)} ({expected.get('stance')})")
            continue
        best = min(candidates, key=lambda c: len(differences(expected, c)))
        unmatched.remove(best)
        problems.extend(differences(expected, best))
    for extra in unmatched:
        problems.append(f"false claim {route_of(extra)} by {extra.claimant!r} ({extra.stance})")
    return problems


def _param(example: dict) -> object:
    marks = []
    if "known_miss" in example:
        marks.append(pytest.mark.xfail(strict=True, reason=example["known_miss"]))
    return pytest.param(example, id=example["id"], marks=marks)


def test_golden_table_is_large_and_has_negatives() -> None:
    assert len(EXAMPLES) >= 40
    assert sum(1 for e in EXAMPLES if not e["claims"]) >= 8
    assert len({e["id"] for e in EXAMPLES}) == len(EXAMPLES)


@pytest.mark.parametrize("example", [_param(e) for e in EXAMPLES])
def test_golden_example(example: dict) -> None:
    fired: set[str] = set()
    problems = compare(example, fired)
    assert not problems, f"{example['rule']}: " + "; ".join(problems)
    # The example exercises the rules it names: each of them fired on it.
    assert set(example["rules"]) <= fired, f"named but not fired: {sorted(set(example['rules']) - fired)}"


def test_every_rule_has_a_golden_example() -> None:
    named = {rule for example in EXAMPLES for rule in example["rules"]}
    assert named - set(RULES) == set(), "examples name rules that do not exist"
    assert set(RULES) - named == set(), "rules without a golden example"


def test_every_claim_keeps_its_evidence_offsets() -> None:
    for example in EXAMPLES:
        article = article_of(example)
        for claim in get_extractor().extract(article):
            assert claim.evidence
            for evidence in claim.evidence:
                assert article.full_text[evidence.start : evidence.end] == evidence.text


def test_claims_carry_method_and_confidence() -> None:
    extractor = get_extractor()
    claims = extractor.extract(article_of(EXAMPLES[0]))
    assert claims
    for claim in claims:
        assert claim.method == f"{extractor.name} {extractor.version}"
        assert 0 < claim.confidence <= 1


def test_sentences_keep_abbreviations_together() -> None:
    text = "U.S. officials said Mr. Smith left. Then Gen. Lee spoke on Jan. 5 in Kyiv."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["U.S. officials said Mr. Smith left.", "Then Gen. Lee spoke on Jan. 5 in Kyiv."]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_unknown_extractor_names_the_known_ones() -> None:
    with pytest.raises(KeyError, match="rules"):
        get_extractor("nope")


def test_overlong_sentences_are_read_in_pieces_with_true_offsets() -> None:
    text = "Iran sold drones to Russia via Armenia, " * 2000 + "the report said."
    sentences = split_sentences(text)
    assert len(sentences) > 1
    assert all(len(s.text) <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    claims = get_extractor().extract(Article(text=text, published="2024-01-01"))
    assert {(c.origin, c.destination) for c in claims} == {("IRN", "RUS")}
