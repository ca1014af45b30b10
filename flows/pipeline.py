"""From inputs to a checked claims table, one way for every caller.

    paths, uploads, pasted text --ingest--> articles --extractor--> claims --validate--> claims table
    claims table --corroborated--> one name per claimant, each row's report and claim (flows.corroborate)

The ``flows`` command, the dashboard (what a person adds, and the sample
corpus that fills a new store) and the benchmarks all go through here. The
extractor's claims are validated like any claims file before anything is
written: a claim the table would refuse (an unknown code, a bad date) is left
out and reported as a problem of its article, never saved.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import pandas as pd

from flows import corroborate, ingest, table
from flows.extract import extract_articles
from flows.ingest import IngestProblem, IngestResult
from flows.models import Article, Extractor
from flows.store import SEEDED, Store

Progress = Callable[[int, int], None]  # (articles done, articles in all)


@dataclass(frozen=True)
class Inputs:
    """What one batch reads: files and folders, uploaded files, pasted text.

    ``published`` dates the articles whose input gives no date, ``source``
    names the outlet where the input does not.
    """

    paths: Sequence[str | Path] = ()
    uploads: Sequence[tuple[str, bytes]] = ()  # (file name, its bytes)
    text: str = ""
    title: str = ""  # of the pasted text
    url: str = ""  # of the pasted text
    published: str | None = None
    source: str | None = None
    stdin: IO[bytes] | None = None  # what "-" among the paths reads


@dataclass
class Extraction:
    """A batch's articles, their claims as a validated table, and every problem met."""

    articles: list[Article]
    claims: pd.DataFrame
    problems: list[IngestProblem] = field(default_factory=list)
    claims_found: int = 0  # claims the extractor gave (before the table refused any)

    @property
    def errors(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.severity == "error"]


def read(inputs: Inputs) -> IngestResult:
    """Every input of a batch as articles, in input order, with the problems met.

    Raises ``ValueError`` for an unreadable ``published`` date.
    """
    parts: list[IngestResult] = []
    if inputs.paths:
        parts.append(
            ingest.read_paths(inputs.paths, published=inputs.published, source=inputs.source, stdin=inputs.stdin)
        )
    for name, data in inputs.uploads:
        parts.append(ingest.read_bytes(data, name, published=inputs.published, source=inputs.source))
    if inputs.text.strip():
        pasted = ingest.read_text(
            inputs.text,
            name="pasted text",
            title=inputs.title,
            published=inputs.published,
            source=inputs.source,
            url=inputs.url,
        )
        parts.append(pasted)
    return ingest.combine(parts)


def extract(
    articles: Sequence[Article], extractor: Extractor | None = None, progress: Progress | None = None
) -> Extraction:
    """The claims ``extractor`` (the rule extractor by default) finds, as a validated claims table."""
    claims = extract_articles(articles, extractor, progress=progress)
    frame = table.claims_to_frame(claims)
    checked = table.validate(frame)
    problems = _refused(checked.problems, frame, articles)
    return Extraction(list(articles), corroborated(checked.claims), problems, claims_found=len(claims))


def corroborated(claims: pd.DataFrame) -> pd.DataFrame:
    """A claims table with each claimant by its one name and every row's ``report_id`` and ``assertion_id``.

    Computed over the whole table given: a table merged from several batches
    is corroborated again as one (``flows corroborate``, the dashboard).
    """
    return corroborate.assign(corroborate.canonical_claimants(claims))


def run(inputs: Inputs, extractor: Extractor | None = None, progress: Progress | None = None) -> Extraction:
    """:func:`read` the inputs, then :func:`extract` their claims; reading problems come first."""
    ingested = read(inputs)
    extraction = extract(ingested.articles, extractor, progress)
    extraction.problems[:0] = ingested.problems
    return extraction


def seed_store(
    store: Store,
    articles: Sequence[Article],
    note: str,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
) -> int:
    """Fill a new store with the claims found in ``articles``, once; returns the claims saved.

    The store is marked with ``note`` (what was read, by which extractor), so
    a restart does not extract again.
    """
    if store.get_meta(SEEDED):
        return 0
    extraction = extract(articles, extractor, progress)
    store.add_articles(articles)
    report = store.save(extraction.claims)
    store.set_meta(SEEDED, note)
    return report.saved


def _refused(
    problems: Sequence[table.RowProblem], frame: pd.DataFrame, articles: Sequence[Article]
) -> list[IngestProblem]:
    """Each claim the table refused (``frame``'s rows by number), as an error of its article."""
    where = {a.article_id: a.path or a.title or "article" for a in articles}
    refused = []
    for problem in problems:
        row = frame.iloc[problem.row - 1]
        message = f"claim {row['claim_id']} left out: {problem.column} {problem.message}"
        if problem.value:
            message += f" ({problem.value!r})"
        refused.append(IngestProblem(where.get(str(row["article_id"]), "extractor"), None, message, "error"))
    return refused
