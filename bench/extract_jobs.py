"""`flows extract` over a big feed: articles/s with 1 and 2 processes, the Dask path's overhead, peak memory.

    .venv/bin/python bench/extract_jobs.py [--articles 10000] [--rounds 3] [--memory 10000,100000] [--no-dask]

The corpus is bench/extract.py's generated news feed (350-900 words an
article, one in seven about arms transfers), written as JSON Lines. Each
run is the real command in a fresh process, as a user runs it (process
start, reading, extraction, writing the CSV included); the throughput runs
go in ``--rounds`` rounds of every command in turn, and the best of each is
kept (a burst of other work on the shared machine slows a round, not a command):

- ``flows extract feed.jsonl -o claims.csv`` with ``--jobs 1`` and ``--jobs 2``;
- the same articles cut into 20 files, with ``--jobs 2`` and with
  ``--scheduler`` on a Dask cluster of 2 worker processes of 1 thread each
  started here (the cluster's start is not timed; a real cluster is up
  already), so the overhead is the Dask path's own;
- peak memory (RSS sampled from /proc: the first process's, and all its
  processes' together) for feeds of each ``--memory`` size, with 1 and 2
  processes: flat when extraction streams.

The machine is shared: the load average is printed beside the figures, and
CPU seconds (of all the command's processes; for ``--scheduler`` the client's
only, the workers being the cluster's) are the steadier cost figure.

Checks that every run wrote the same claims. Needs the dask extra for the
Dask rows (``pip install -e '.[dask]'``).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from flows import pipeline, table

HERE = Path(__file__).parent
FLOWS = [sys.executable, "-m", "flows"]


def _corpus_module():  # bench/extract.py holds the generator; bench/ is no package
    spec = importlib.util.spec_from_file_location("bench_extract", HERE / "extract.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def write_feed(path: Path, count: int, seed: int = 7, files: int = 1) -> list[Path]:
    """``count`` generated articles as JSON Lines: one file, or ``files`` files of consecutive articles."""
    generator = _corpus_module()
    rng = random.Random(seed)
    paths = [path] if files == 1 else [path / f"feed-{n:03d}.jsonl" for n in range(files)]
    if files > 1:
        path.mkdir()
    per_file = -(-count // files)
    index = 0
    for target in paths:
        with target.open("w", encoding="utf-8") as out:
            for _ in range(min(per_file, count - index)):
                article = generator.article(index, rng)
                record = {"title": article.title, "text": article.text, "source": article.source,
                          "published": article.published, "url": article.url}  # fmt: skip
                out.write(json.dumps(record) + "\n")
                index += 1
    return paths


def _tree(root: int) -> dict[int, tuple[float, float]]:
    """``{pid: (RSS MB, CPU s)}`` of ``root`` and every process below it, from /proc."""
    parents: dict[int, int] = {}
    stats: dict[int, tuple[float, float]] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        # fields after the command: state ppid ... utime(12) stime(13) ... rss(22, in pages)
        stats[pid] = (int(fields[21]) * PAGE / 2**20, (int(fields[11]) + int(fields[12])) / tick)
    members = {root}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in members and pid not in members:
                members.add(pid)
                grew = True
    return {pid: stats[pid] for pid in members if pid in stats}


PAGE = os.sysconf("SC_PAGE_SIZE")


def run(args: list[str]) -> tuple[float, float, float, float]:
    """One command: wall s, CPU s of all its processes, peak RSS (MB) of its first process and of all summed.

    Sampled from /proc every 0.2 s: a fork's ``ru_maxrss`` would count the
    benchmark's own memory, copied at the fork.
    """
    started = time.perf_counter()
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    main_peak = total_peak = 0.0
    cpu: dict[int, float] = {}
    while process.poll() is None:
        tree = _tree(process.pid)
        main_peak = max(main_peak, tree.get(process.pid, (0.0, 0.0))[0])
        total_peak = max(total_peak, sum(rss for rss, _ in tree.values()))
        cpu.update({pid: seconds for pid, (_, seconds) in tree.items()})
        time.sleep(0.2)
    elapsed = time.perf_counter() - started
    error = process.stderr.read().decode() if process.stderr else ""
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({process.returncode}):\n{error}")
    return elapsed, sum(cpu.values()), main_peak, total_peak


def claims_digest(path: Path, corroborated: bool = False) -> str:
    """A digest of the claims written; ``corroborated``: after ``flows corroborate`` over the whole output."""
    claims = table.read_claims(path).claims
    if corroborated:
        claims = pipeline.corroborated(claims)
    return hashlib.sha256(table.to_csv_bytes(claims)).hexdigest()[:12]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000, help="articles in the throughput runs")
    parser.add_argument("--memory", default="10000,100000", help="feed sizes for peak memory ('' for none)")
    parser.add_argument("--no-dask", action="store_true", help="leave out the Dask rows")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the throughput runs (the best is kept)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="flows-bench-"))
    try:
        feed = work / "feed.jsonl"
        write_feed(feed, args.articles)
        print(f"{args.articles:,} articles, {feed.stat().st_size / 2**20:.0f} MB of JSON Lines; load {os.getloadavg()}")
        files = work / "files"
        write_feed(files, args.articles, files=20)
        pattern = str(files / "*.jsonl")
        runs: dict[str, list[str]] = {
            "one feed, --jobs 1": [str(feed), "--jobs", "1"],
            "one feed, --jobs 2": [str(feed), "--jobs", "2"],
            "20 files, --jobs 2": [pattern, "--jobs", "2"],
        }
        cluster = None
        if not args.no_dask:
            from distributed import LocalCluster

            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
            runs["20 files, --scheduler (2 workers x 1 thread)"] = [pattern, "--scheduler", cluster.scheduler_address]
        walls: dict[str, list[float]] = {name: [] for name in runs}
        cpus: dict[str, list[float]] = {name: [] for name in runs}
        digests: dict[str, set[str]] = {}  # per input (one feed, 20 files): runs over the same files
        corroborated: set[str] = set()
        try:
            # Rounds of every command in turn: a burst of other work on the shared machine
            # slows one round, and the best round of each is compared.
            for round_number in range(args.rounds):
                for name, command in runs.items():
                    out = work / f"run-{round_number}-{len(walls[name])}"
                    target = f"{out}/" if "--scheduler" in command else f"{out}.csv"
                    elapsed, cpu, main_peak, total_peak = run([*FLOWS, "extract", *command, "-o", target])
                    walls[name].append(elapsed)
                    cpus[name].append(cpu)
                    written = Path(target.rstrip("/"))
                    digests.setdefault(name.split(",")[0], set()).add(claims_digest(written))
                    corroborated.add(claims_digest(written, corroborated=True))
                    print(
                        f"  round {round_number + 1}, {name}: {elapsed:.1f} s, CPU {cpu:.1f} s, "
                        f"peak RSS {main_peak:.0f} MB (first process), {total_peak:.0f} MB (all)"
                    )
        finally:
            if cluster is not None:
                cluster.close()
        for name in runs:
            best = min(walls[name])
            line = f"{name}: best {best:.1f} s, {args.articles / best:,.0f} articles/s (CPU {min(cpus[name]):.1f} s)"
            if "--scheduler" in name:
                line += f", {best / min(walls['20 files, --jobs 2']) - 1:+.0%} against --jobs 2 on the same files"
            print(line)
        print(f"load average {os.getloadavg()}")
        # ids of reports and claims are computed within each batch (a Dask task's batches are one
        # file's), so they can differ where one story spans files; over the whole output they agree.
        for given, seen in digests.items():
            print(f"{given}: {'every run wrote the same bytes' if len(seen) == 1 else f'bytes DIFFER: {sorted(seen)}'}")
        same = len(corroborated) == 1
        print("after flows corroborate: " + ("every run the same" if same else f"DIFFER: {sorted(corroborated)}"))
        for size in (int(s) for s in args.memory.split(",") if s.strip()):
            big = work / f"feed-{size}.jsonl"
            write_feed(big, size, seed=11)
            for jobs in (1, 2):
                out = work / f"memory-{size}-jobs{jobs}.csv"  # a new file: merging would load the last run's claims
                elapsed, cpu, main_peak, total_peak = run([*FLOWS, "extract", str(big), "-j", str(jobs), "-o", str(out)])
                print(
                    f"memory: {size:,} articles ({big.stat().st_size / 2**20:.0f} MB), --jobs {jobs}: peak RSS "
                    f"{main_peak:.0f} MB (first process), {total_peak:.0f} MB (all); {elapsed:.0f} s, CPU {cpu:.0f} s"
                )
            big.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
