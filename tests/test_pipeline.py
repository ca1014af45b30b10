"""The one path from inputs to a checked claims table: reading, extracting, validating, seeding a store."""

from __future__ import annotations

from pathlib import Path

from flows import pipeline
from flows.models import Article, Claim
from flows.table import CLAIM_COLUMNS

SEED_PAGE = Path(__file__).parent / "fixtures" / "seed_page.txt"


class FixedExtractor:
    """Returns the same claims for every article, and counts the articles it read."""

    name = "fixed"
    version = "1"

    def __init__(self, claims: list[Claim]) -> None:
        self.claims = claims
        self.read: list[Article] = []

    def extract(self, article: Article) -> list[Claim]:
        self.read.append(article)
        return list(self.claims)


def test_paths_uploads_and_pasted_text_are_one_batch() -> None:
    pasted = "Poland sent howitzers to Ukraine, the ministry said on Monday."
    inputs = pipeline.Inputs(
        paths=[SEED_PAGE],
        uploads=[("same.txt", SEED_PAGE.read_bytes()), ("empty.txt", b"")],
        text=pasted,
        published="2025-06-23",
    )
    read = pipeline.read(inputs)
    assert len(read.articles) == 5  # the seed page's four articles once, and the pasted one
    assert read.duplicates_skipped == 4
    assert [str(p) for p in read.errors] == ["empty.txt: empty file"]
    assert read.articles[-1].text == pasted and read.articles[-1].path == "pasted text"


def test_the_extractors_claims_come_back_as_a_validated_table(make_claim) -> None:
    article = Article(text="Pyongyang sent shells to Russia.", path="wire.txt")
    good = make_claim(1, article_id=article.article_id)
    unknown_code = make_claim(2, destination="ZZZ", article_id=article.article_id)
    extractor = FixedExtractor([good, unknown_code])

    extraction = pipeline.extract([article], extractor)

    assert extractor.read == [article]
    assert tuple(extraction.claims.columns) == CLAIM_COLUMNS
    assert list(extraction.claims["claim_id"]) == [good.claim_id]
    assert extraction.claims_found == 2
    assert [str(p) for p in extraction.errors] == [
        f"wire.txt: claim {unknown_code.claim_id} left out: destination is not a known ISO 3166-1 alpha-3 code ('ZZZ')"
    ]


def test_run_reads_then_extracts_with_reading_problems_first(make_claim) -> None:
    inputs = pipeline.Inputs(uploads=[("a.txt", b"Serbia sold shells."), ("b.csv", b"x")], published="2025-06-23")
    extraction = pipeline.run(inputs, FixedExtractor([make_claim(1)]))
    assert [p.path for p in extraction.problems] == ["b.csv"]
    assert len(extraction.articles) == 1 and len(extraction.claims) == 1


def test_seeding_extracts_once_and_keeps_the_articles(store, claim, article) -> None:
    extractor = FixedExtractor([claim()])
    done: list[tuple[int, int]] = []

    assert pipeline.seed_store(store, [article], "1 article, fixed 1", extractor, lambda *p: done.append(p)) == 1
    assert pipeline.seed_store(store, [article], "again", extractor) == 0

    assert extractor.read == [article] and done == [(1, 1)]
    assert store.get_meta("seeded") == "1 article, fixed 1"
    assert store.article(article.article_id) == article
    assert store.count() == 1


def test_seeding_never_saves_a_claim_the_table_refuses(store, claim, article) -> None:
    assert pipeline.seed_store(store, [article], "bad", FixedExtractor([claim(origin="Narnia")])) == 0
    assert store.count() == 0
