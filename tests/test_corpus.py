"""The bundled sample corpus (flows/data/sample) and its gold claims.

These check what the issue asks of the corpus (size, variety, honesty about
being a sample) and that the gold claims are consistent with their articles.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest

from flows import corpus
from flows.evaluate import GoldDocument
from flows.dates import date_start
from flows.vocabulary import CATEGORIES

DOCUMENTS = corpus.sample_documents()
ENTRIES = corpus.sample_entries()
CLAIMS = [c for d in DOCUMENTS for c in d.claims]


def test_corpus_has_at_least_40_articles_with_unique_ids() -> None:
    ids = [e.sample_id for e in ENTRIES]
    assert len(ids) >= 40
    assert len(set(ids)) == len(ids)


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.sample_id)
def test_every_article_is_marked_as_a_sample_and_names_what_it_retells(entry: corpus.SampleArticle) -> None:
    article = entry.article
    assert corpus.is_sample(article) and article.source == corpus.SAMPLE_SOURCE
    assert article.title and 120 <= len(article.text.split()) <= 350
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published) and "2019" <= article.published[:4] <= "2025"
    assert entry.retells
    for report in entry.retells:
        assert report.outlet and re.fullmatch(r"\d{4}(-\d{2}){0,2}", report.date)
        assert report.url.startswith(("https://", "http://"))


def test_sample_flag_is_set_in_the_raw_file() -> None:
    raw = corpus.read_jsonl_records(corpus.read_sample_file(corpus.ARTICLES_FILE), corpus.ARTICLES_FILE)
    assert all(record["sample"] is True for _, record in raw)


def test_gold_covers_exactly_the_corpus_articles() -> None:
    assert [d.doc_id for d in DOCUMENTS] == [e.sample_id for e in ENTRIES]
    assert corpus.gold_claims().keys() == {e.sample_id for e in ENTRIES}
    assert corpus.sample_articles() == [e.article for e in ENTRIES]


def test_corpus_has_at_least_eight_negatives() -> None:
    assert sum(1 for d in DOCUMENTS if not d.claims) >= 8


def test_corpus_has_at_least_twelve_distinct_claimants() -> None:
    assert len({c.claimant for c in CLAIMS if c.required}) >= 12


def test_every_stance_occurs_and_a_flow_is_claimed_and_denied_in_one_article() -> None:
    assert {c.stance for c in CLAIMS if c.required} == {"alleged", "reported", "confirmed", "denied"}

    def both_sides(document: GoldDocument) -> bool:
        flows = {(c.origin, c.destination) for c in document.claims if c.required and c.stance != "denied"}
        return any((c.origin, c.destination) in flows for c in document.claims if c.required and c.stance == "denied")

    assert sum(both_sides(d) for d in DOCUMENTS) >= 5


def test_routes_have_none_one_and_several_intermediaries_chains_and_parallel_routes() -> None:
    required = [c for c in CLAIMS if c.required]
    assert any(not c.via for c in required)
    assert any(len(c.via) == 1 and ">" not in c.via[0] for c in required)
    assert any(len(c.via) >= 3 for c in required)  # parallel routes
    assert any(any(">" in entry for entry in c.via) for c in required)  # a chain


def test_non_state_recipients_are_named_with_their_country() -> None:
    actors = {(c.destination, c.destination_actor) for c in CLAIMS if c.destination_actor}
    assert len({actor for _, actor in actors}) >= 5
    assert {"YEM", "SDN", "LBN", "HTI"} <= {country for country, _ in actors}


def test_claim_dates_spread_over_2019_to_2025() -> None:
    years = {c.claim_date[:4] for c in CLAIMS if c.required}
    assert {str(year) for year in range(2019, 2026)} <= years


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.doc_id)
def test_gold_claims_are_well_formed_and_not_dated_after_their_article(document: GoldDocument) -> None:
    published = date_start(document.articles[0].published)
    assert published is not None
    for claim in document.claims:
        assert claim.claimant
        assert claim.category in CATEGORIES
        assert claim.origin != claim.destination or claim.via
        if not claim.claim_date:
            continue  # a background statement with no time anchor is undated (ANNOTATION.md section 6)
        start = date_start(claim.claim_date)
        assert start is not None and start <= published


def test_gold_claims_are_not_listed_twice_in_one_article() -> None:
    for document in DOCUMENTS:
        keys = Counter((c.claimant, c.stance, c.origin, c.via, c.destination, c.claim_date) for c in document.claims)
        assert max(keys.values(), default=1) == 1, document.doc_id


def test_load_gold_set_names_the_bundled_corpus() -> None:
    gold_set = corpus.load_gold_set(corpus.SAMPLE_GOLD_NAME)
    assert gold_set.name == "sample" and gold_set.documents == tuple(DOCUMENTS) and gold_set.missing == ()
