"""From inputs to a checked claims table, one way for every caller.

    paths, uploads, pasted text --ingest--> articles --extractor--> claims --validate--> claims table
    claims table --corroborated--> one name per claimant, each row's report and claim (flows.corroborate)

The ``flows`` command, the dashboard (what a person adds, and the sample
corpus that fills a new store) and the benchmarks all go through here. The
extractor's claims are validated like any claims file before anything is
written: a claim the table would refuse (an unknown code, a bad date) is left
out and reported as a problem of its article, never saved.

A big corpus goes through the same steps in batches (:func:`read_batches`,
:func:`extract_batches`, :class:`ClaimsOutput`): a batch of articles is read,
extracted and written before the next is read, so memory stays flat whatever
the corpus size, and the batches can be spread over processes
(:mod:`flows.parallel`) without changing what is written.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO

import pandas as pd

from flows import corroborate, ingest, table
from flows.extract import extract_articles, get_extractor
from flows.ingest import IngestProblem, IngestResult
from flows.models import Article, Extractor
from flows.store import SEEDED, Store

Progress = Callable[[int, int], None]  # (articles done, articles in all)

# Articles read, extracted and written at once: enough that a batch's cost is
# its extraction (not the hand-over to a process), few enough to stay small in memory.
BATCH_ARTICLES = 200


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
    return ingest.combine(list(_parts(inputs)))


def read_batches(inputs: Inputs, size: int | None = None) -> Iterator[IngestResult]:
    """:func:`read` a batch at a time: about ``size`` articles (:data:`BATCH_ARTICLES`; at least one input,
    or one stretch of a feed).

    Together the batches hold what :func:`read` gives, in the same order, and
    an input is read only when the batch before it has been taken. Raises
    ``ValueError`` at once for an unreadable ``published`` date.
    """
    ingest.iter_paths([], published=inputs.published)  # an unreadable date: refused now, not at the first batch
    return _batches(_parts(inputs), size or BATCH_ARTICLES)


def _parts(inputs: Inputs) -> Iterator[IngestResult]:
    """What each input (or stretch of a feed) gives, in input order, as it is read."""
    if inputs.paths:
        yield from ingest.iter_paths(inputs.paths, published=inputs.published, source=inputs.source, stdin=inputs.stdin)
    for name, data in inputs.uploads:
        yield ingest.read_bytes(data, name, published=inputs.published, source=inputs.source)
    if inputs.text.strip():
        yield ingest.read_text(
            inputs.text,
            name="pasted text",
            title=inputs.title,
            published=inputs.published,
            source=inputs.source,
            url=inputs.url,
        )


def _batches(parts: Iterable[IngestResult], size: int) -> Iterator[IngestResult]:
    seen: set[str] = set()  # article ids of earlier batches: one of each article in the whole run
    group: list[IngestResult] = []
    articles = 0
    for part in parts:
        group.append(part)
        articles += len(part.articles)
        if articles >= size:
            yield ingest.combine(group, seen)
            group, articles = [], 0
    if group:
        yield ingest.combine(group, seen)


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


@dataclass
class BatchResult:
    """What one batch of a run gave: its claims, and every problem met reading and extracting it, in input order."""

    articles: int
    claims: pd.DataFrame
    problems: list[IngestProblem]
    claims_found: int = 0
    bytes_read: int = 0

    @property
    def errors(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.severity == "error"]


def extract_batches(
    batches: Iterable[IngestResult], extractor_name: str = "rules", jobs: int = 1
) -> Iterator[BatchResult]:
    """:func:`extract` each batch with the extractor named, over ``jobs`` processes; results in batch order.

    The results are the same whatever ``jobs`` is: each batch is extracted
    alone, and the results come back in the order the batches went in. Only
    a few batches are read ahead of the one being written
    (:func:`flows.parallel.ordered_map`).
    """
    from flows import parallel

    work = functools.partial(extract_named, extractor_name)
    for ingested, extraction in parallel.ordered_map(work, batches, jobs):
        yield batch_result(ingested, extraction)


def batch_result(ingested: IngestResult, extraction: Extraction) -> BatchResult:
    """A batch's reading and extraction as one result, problems in input order."""
    problems = ingested.in_input_order([*ingested.problems, *extraction.problems])
    return BatchResult(
        len(ingested.articles), extraction.claims, problems, extraction.claims_found, ingested.bytes_read
    )


def extract_named(extractor_name: str, ingested: IngestResult) -> Extraction:
    """:func:`extract` a batch's articles with the extractor named (one made per process); what a worker runs.

    The articles are not sent back (the caller has them): only the claims and problems.
    """
    extraction = extract(ingested.articles, extractor_named(extractor_name))
    extraction.articles = []
    return extraction


@functools.cache
def extractor_named(name: str) -> Extractor:
    """The extractor called ``name``, made once per process; ``KeyError`` naming the known ones."""
    return get_extractor(name)


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


class ClaimsOutput:
    """Where a run's claims go, batch by batch: stdout CSV, a claims file (merged into), or a folder of Parquet parts.

    Nothing reaches a file before :meth:`commit`: the rows go to a temp file
    (a temp folder) beside it, which then replaces it in one rename, so a run
    that fails, or reads nothing, leaves the output as it was. Merging into an
    existing file keeps its rows and columns first and adds only claims it
    does not have; a claim_id met in an earlier batch is not written again.
    A CSV or JSON Lines file and a folder take each batch as it comes; a
    single Parquet file is written whole at the end, so its claims (not the
    articles) are held until then. Use as a context manager: leaving it
    without :meth:`commit` discards what was written.
    """

    def __init__(self, output: str | None) -> None:
        """``output``: ``None`` or "-" for stdout CSV; a path ending in "/" (or a folder) for Parquet parts.

        Raises :class:`~flows.table.TableError` for an output that cannot be written (checked now, before any work).
        """
        self.path = None if not output or output == "-" else Path(output)
        self.folder = output is not None and self.path is not None and (output.endswith(os.sep) or self.path.is_dir())
        if self.folder:
            table.check_output_folder(self.path)  # type: ignore[arg-type]  # not None: folder
        self.kind = "" if self.folder or self.path is None else table.check_output(self.path)
        self.new = 0
        self._seen: set[str] = set()
        self._existing: pd.DataFrame | None = None
        self._held: list[pd.DataFrame] = []  # a Parquet file's claims, written at commit
        self._parts = 0
        self._temp: Path | None = None  # the folder's parts, until commit
        self._file: contextlib.AbstractContextManager[IO[bytes]] | None = None
        self._handle: IO[bytes] | None = None
        self._header_written = False

    def __enter__(self) -> ClaimsOutput:
        path = self.path
        if path is None:
            return self
        if self.folder:
            target = table.check_output_folder(path)
            self._temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
        else:
            self._existing = table.claims_to_merge_into(path)
            if self._existing is not None:
                self._seen.update(self._existing["claim_id"])
            if self.kind != "parquet":
                self._file = table.atomic_file(path)
                self._handle = self._file.__enter__()
                if self._existing is not None:
                    self._handle.write(table.table_bytes(self._existing, self.kind))
                    self._header_written = True
        return self

    def add(self, claims: pd.DataFrame) -> None:
        """Write a batch's claims (those not written yet)."""
        fresh = claims[~claims["claim_id"].isin(self._seen)]
        self._seen.update(fresh["claim_id"])
        self.new += len(fresh)
        if fresh.empty:
            return
        if self._existing is not None:  # the file's own columns (a person's notes) stay, empty for new rows
            fresh = fresh.reindex(columns=self._existing.columns)
        if self._temp is not None:
            (self._temp / f"part-{self._parts:05d}.parquet").write_bytes(table.to_parquet_bytes(fresh))
            self._parts += 1
        elif self.kind == "parquet":
            self._held.append(fresh)
        else:
            self._write(fresh)

    def _write(self, frame: pd.DataFrame) -> None:
        if self.kind == "jsonl":
            data = table.to_jsonl_bytes(frame)
        else:
            data = table.to_csv_bytes(frame, header=not self._header_written)
            self._header_written = True
        if self._handle is None:  # stdout
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        else:
            self._handle.write(data)

    def commit(self) -> int:
        """Put the output in place; returns how many claims are new there."""
        if self._temp is not None:
            if not self._parts:  # an empty claims table is still a claims folder
                (self._temp / "part-00000.parquet").write_bytes(table.to_parquet_bytes(table.empty_claims()))
            os.chmod(self._temp, 0o777 & ~_umask())  # mkdtemp makes it 0700
            os.replace(self._temp, self.path)  # type: ignore[arg-type]  # not None: folder
            self._temp = None
        elif self.kind == "parquet":
            frames = [f for f in [self._existing, *self._held] if f is not None]
            frame = pd.concat(frames, ignore_index=True) if frames else table.empty_claims()
            table.write_table(frame, self.path)  # type: ignore[arg-type]  # not None: kind
        elif self._file is not None:
            if not self._header_written and self.kind == "csv":
                self._write(table.empty_claims())
            file, self._file = self._file, None
            file.__exit__(None, None, None)
        elif not self._header_written:
            self._write(table.empty_claims())
        return self.new

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._file is not None:  # not committed: the temp file goes, the output stays as it was
            file, self._file = self._file, None
            file.__exit__(kind or RuntimeError, error or RuntimeError("not committed"), trace)
        if self._temp is not None:
            shutil.rmtree(self._temp, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
