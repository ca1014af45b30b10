"""Extraction spread over processes (``flows extract --jobs N``) and over a Dask cluster (``--scheduler``).

Both give what one process gives, row for row and in the same order: work
is cut into the same pieces whatever runs them, each piece is extracted
alone, and results are taken back in the order the pieces went out.

- :func:`ordered_map` runs a function over items in ``jobs`` processes on
  this machine, keeping only a few items in flight, so a stream of batches
  is never read far ahead of what has been written.
- :func:`dask_results` sends one task per input file to a Dask scheduler;
  each worker reads its file itself (paths must mean the same file on every
  worker: a shared or copied folder) and sends back only claims and
  problems. The ``dask`` extra installs it: ``pip install 'arms-flows[dask]'``.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from flows import ingest, pipeline
from flows.ingest import IngestResult

Item = TypeVar("Item")
Result = TypeVar("Result")

# Items in flight per process: enough that a process never waits for the next
# one, few enough that memory holds a handful of batches, not the corpus.
AHEAD_PER_JOB = 2


def ordered_map(
    function: Callable[[Item], Result], items: Iterable[Item], jobs: int = 1
) -> Iterator[tuple[Item, Result]]:
    """``(item, function(item))`` for each item, in order, computed in ``jobs`` processes (here when 1).

    ``items`` is read lazily: at most ``AHEAD_PER_JOB * jobs`` items are taken
    before their results are given back. ``function`` must be picklable (a
    module's function, or a ``functools.partial`` of one), and a script that
    calls this with ``jobs > 1`` needs the usual ``if __name__ == "__main__":``
    guard (the workers import the main module, as with any start method but fork).
    """
    if jobs <= 1:
        for item in items:
            yield item, function(item)
        return
    # A fork server: workers start from a clean process that has imported the
    # extractor once, not from this one (which may hold threads, e.g. Dask's).
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["flows.pipeline", "flows.extract"])
    pending: deque[tuple[Item, Future[Result]]] = deque()
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for item in items:
            pending.append((item, pool.submit(function, item)))
            if len(pending) >= AHEAD_PER_JOB * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()


def extract_file(path: str, extractor_name: str, published: str | None, source: str | None) -> pipeline.BatchResult:
    """Read one input file and extract its claims, in batches as one process would: a Dask task.

    The claims of all its batches come back as one result (the file's
    articles do not: they stay on the worker).
    """
    inputs = pipeline.Inputs(paths=[path], published=published, source=source)
    results = list(pipeline.extract_batches(pipeline.read_batches(inputs), extractor_name))
    return join(results)


def join(results: Sequence[pipeline.BatchResult]) -> pipeline.BatchResult:
    """Several batches' results as one (claims and problems in order)."""
    import pandas as pd

    from flows import table

    frames = [r.claims for r in results if not r.claims.empty]
    return pipeline.BatchResult(
        articles=sum(r.articles for r in results),
        claims=pd.concat(frames, ignore_index=True) if frames else table.empty_claims(),
        problems=[p for r in results for p in r.problems],
        claims_found=sum(r.claims_found for r in results),
        bytes_read=sum(r.bytes_read for r in results),
    )


def dask_results(
    paths: Sequence[str | Path],
    scheduler: Any,
    extractor_name: str = "rules",
    published: str | None = None,
    source: str | None = None,
    ahead: int = 0,
) -> Iterator[pipeline.BatchResult]:
    """One result per input file, in input order, extracted by the workers of the Dask cluster at ``scheduler``.

    ``scheduler`` is an address (``tcp://host:8786``) or a ``dask.distributed``
    ``Client`` already connected (a test's local cluster). An argument naming
    no file gives its problem as a result of its own, where one process
    would report it. At most ``ahead`` files (twice the workers' threads by
    default) are in flight at once. Raises ``ValueError`` for an unreadable
    ``published`` date and for "-" (a worker cannot read this stdin), and
    ``ImportError`` without the ``dask`` extra, ``OSError`` when the scheduler
    cannot be reached (all before any file is read).
    """
    from distributed import Client  # ImportError without the extra: now, not at the first result

    ingest.iter_paths([], published=published)  # an unreadable date: refused before any task is sent
    if any(str(p) == "-" for p in paths):
        raise ValueError("the Dask path reads files, not standard input ('-')")
    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    except OSError as error:  # refused, or timed out
        raise OSError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    return _dask_results(client, client is not scheduler, paths, extractor_name, published, source, ahead)


def _dask_results(
    client: Any,
    owned: bool,
    paths: Sequence[str | Path],
    extractor_name: str,
    published: str | None,
    source: str | None,
    ahead: int,
) -> Iterator[pipeline.BatchResult]:
    try:
        window = ahead or 2 * max(1, sum(client.nthreads().values()))
        pending: deque[Any] = deque()  # a Dask future, or a result already known
        for path, problem in ingest.expand_paths(paths):
            if problem is not None:
                unread = IngestResult(problems=[problem], inputs=[problem.path])
                pending.append(pipeline.batch_result(unread, pipeline.extract([])))
            else:
                # pure=False: a file read twice (changed in between) is a new task, not a cached result.
                pending.append(client.submit(extract_file, str(path), extractor_name, published, source, pure=False))
            while len(pending) > window:
                yield _result(pending.popleft())
        while pending:
            yield _result(pending.popleft())
    finally:
        if owned:
            client.close()


def _result(waiting: Any) -> pipeline.BatchResult:
    return waiting if isinstance(waiting, pipeline.BatchResult) else waiting.result()
