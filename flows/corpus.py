"""The bundled sample corpus: short articles written for this project, and their gold claims.

Each article retells, in its own words, arms-transfer claims from public
reporting (2019-2025) and names the reports it retells. They are samples, not
the outlets' text: every article's ``source`` is :data:`SAMPLE_SOURCE`, so the
app and any claims table built from them can say so.

``articles.jsonl`` holds one article a line (id, title, text, source,
published, url, sample, retells); ``gold.jsonl`` beside it holds, per article
id, the claims a careful reader finds in it (see :mod:`flows.evaluate`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from flows.evaluate import GoldClaim, GoldDocument, GoldSet, gold_set_from_records, load_gold, read_jsonl_records
from flows.ingest import article_from_record
from flows.models import Article

SAMPLE_SOURCE = "arms-flows sample"
# The word that names the bundled corpus wherever a gold file is expected.
SAMPLE_GOLD_NAME = "sample"
SAMPLE_DIR = ("data", "sample")
# The real-news gold sets: annotations only (the articles are third parties'
# texts, kept out of the repository in REALNEWS_TEXTS and restored from their URLs).
REALNEWS_DIR = ("data", "realnews")
REALNEWS_SETS: dict[str, str] = {"realnews-dev": "dev.jsonl", "realnews-test": "test.jsonl"}
REALNEWS_TEXTS = Path("var") / "realnews"
ARTICLES_FILE = "articles.jsonl"
GOLD_FILE = "gold.jsonl"


@dataclass(frozen=True)
class Retold:
    """A public report a sample article retells."""

    outlet: str
    date: str
    url: str


@dataclass(frozen=True)
class SampleArticle:
    """A corpus entry: its id, the article, and the public reports behind it."""

    sample_id: str
    article: Article
    retells: tuple[Retold, ...]


def read_sample_file(name: str) -> str:
    """The text of one file of the sample corpus (package data)."""
    return resources.files("flows").joinpath(*SAMPLE_DIR, name).read_text(encoding="utf-8")


@cache
def sample_entries() -> tuple[SampleArticle, ...]:
    """Every corpus article with its id and the reports it retells, in file order."""
    entries = []
    for _, record in read_jsonl_records(read_sample_file(ARTICLES_FILE), ARTICLES_FILE):
        sample_id = str(record["id"])
        article = article_from_record(
            record, path=f"flows/data/sample/{ARTICLES_FILE}#{sample_id}", source=SAMPLE_SOURCE
        )
        retells = tuple(
            Retold(outlet=str(r["outlet"]), date=str(r.get("date") or ""), url=str(r.get("url") or ""))
            for r in record.get("retells") or ()
        )
        entries.append(SampleArticle(sample_id=sample_id, article=article, retells=retells))
    return tuple(entries)


def sample_articles() -> list[Article]:
    """The corpus articles, ready for an extractor."""
    return [entry.article for entry in sample_entries()]


def is_sample(article: Article) -> bool:
    """True for an article of this corpus (and anything else marked with its source)."""
    return article.source == SAMPLE_SOURCE


@cache
def sample_documents() -> tuple[GoldDocument, ...]:
    """The corpus as gold documents (article plus gold claims), for :func:`flows.evaluate.evaluate`."""
    articles = {entry.sample_id: entry.article for entry in sample_entries()}
    records = read_jsonl_records(read_sample_file(GOLD_FILE), GOLD_FILE)
    return gold_set_from_records(records, GOLD_FILE, articles=articles).documents


def gold_claims() -> dict[str, tuple[GoldClaim, ...]]:
    """The gold claims of each corpus article, by article id."""
    return {document.doc_id: document.claims for document in sample_documents()}


def realnews_texts() -> Path:
    """Where the real-news texts are kept: ``var/realnews`` in the checkout, else here."""
    checkout = Path(__file__).resolve().parent.parent / REALNEWS_TEXTS
    return checkout if checkout.is_dir() else Path.cwd() / REALNEWS_TEXTS


def load_gold_set(spec: str, texts: str | Path | None = None) -> GoldSet:
    """A gold set, named as its scores are recorded in a gate file.

    ``spec`` is :data:`SAMPLE_GOLD_NAME` for the bundled corpus, a name of
    :data:`REALNEWS_SETS`, or the path of a gold JSONL file, whose name without
    extension names it (``tests/golden/examples.jsonl`` -> ``examples``).
    ``texts`` is the folder of pages for records without text (real news:
    :func:`realnews_texts` by default).
    """
    if spec == SAMPLE_GOLD_NAME:
        return GoldSet(SAMPLE_GOLD_NAME, sample_documents())
    if spec in REALNEWS_SETS:
        records = read_jsonl_records(
            resources.files("flows").joinpath(*REALNEWS_DIR, REALNEWS_SETS[spec]).read_text(encoding="utf-8"),
            REALNEWS_SETS[spec],
        )
        return gold_set_from_records(records, spec, texts=Path(texts) if texts else realnews_texts())
    path = Path(spec)
    return load_gold(path, texts=texts if texts is not None else path.parent)
