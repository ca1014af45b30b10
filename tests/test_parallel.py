"""Extraction in batches, over processes (`--jobs`) and on a Dask cluster (`--scheduler`): the same claims as one process.

The corpora are the bundled sample (`flows/data/sample`) and feeds made from
it with bad lines between its records; batches and feed stretches are made
small here so that a few dozen articles span many of them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows import ingest, parallel, pipeline, table
from flows.cli import cli
from flows.ingest import inputs as ingest_inputs
from flows.models import Article

SAMPLE = Path(pipeline.__file__).parent / "data" / "sample" / "articles.jsonl"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 7 articles and feed stretches of 4 kB: the sample corpus spans several of each."""
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 7)
    monkeypatch.setattr(ingest_inputs, "STRETCH_BYTES", 4096)


def _feed_with_bad_lines(tmp_path: Path) -> Path:
    """The sample corpus with an unreadable line, a record without text and a repeated article among its records."""
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    mixed: list[str] = []
    for number, line in enumerate(lines):
        mixed.append(line)
        if number % 10 == 3:
            mixed.append("{not json")
        if number % 10 == 7:
            mixed.append(json.dumps({"title": "no text here"}))
    mixed.append(lines[0])  # one article twice: kept once
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(mixed) + "\n", encoding="utf-8")
    return feed


def _extract(runner: CliRunner, *args: str) -> tuple[int, bytes, str]:
    result = runner.invoke(cli, ["extract", *args])
    return result.exit_code, result.stdout_bytes, result.stderr


# --------------------------------------------------------------------------- --jobs


def test_jobs_2_writes_the_same_bytes_as_jobs_1_on_the_sample_corpus(
    runner: CliRunner, tmp_path: Path, small_batches: None
) -> None:
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    first = _extract(runner, str(SAMPLE), "-o", str(one))
    second = _extract(runner, str(SAMPLE), "--jobs", "2", "-o", str(two))
    assert first[0] == second[0] == 0, first[2] + second[2]
    assert one.read_bytes() == two.read_bytes()
    assert first[2] == second[2] and "53 articles" in first[2]
    claims = table.read_claims(one)
    assert not claims.problems and len(claims.claims) > 50


def test_jobs_2_on_a_feed_with_bad_lines_reports_each_error_once_in_order(
    runner: CliRunner, tmp_path: Path, small_batches: None
) -> None:
    feed = _feed_with_bad_lines(tmp_path)
    code1, out1, err1 = _extract(runner, str(feed))
    code2, out2, err2 = _extract(runner, str(feed), "-j", "2")
    assert code1 == code2 == 1
    assert out1 == out2 and err1 == err2
    errors = [line for line in err1.splitlines() if ": error: " in line]
    lines = [int(line.split(":")[1]) for line in errors]
    assert len(errors) == 10 and lines == sorted(set(lines))  # 5 bad JSON + 5 without text, once each, by line
    assert "53 articles" in err1  # the repeated article counted once


def test_batches_change_nothing_that_is_written(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed = _feed_with_bad_lines(tmp_path)
    whole = _extract(runner, str(feed))  # the sample feed is one batch and one stretch by default
    monkeypatch.setattr(pipeline, "BATCH_ARTICLES", 3)
    monkeypatch.setattr(ingest_inputs, "STRETCH_BYTES", 1000)
    batched = _extract(runner, str(feed))
    assert batched == whole


def test_a_merge_in_many_batches_keeps_the_files_rows_and_columns(
    runner: CliRunner, tmp_path: Path, small_batches: None
) -> None:
    out = tmp_path / "claims.csv"
    first = _extract(runner, str(SAMPLE), "-o", str(out))
    assert first[0] == 0
    frame = table.read_claims(out).claims
    frame["notes"] = ["checked"] + [""] * (len(frame) - 1)
    out.write_bytes(table.to_csv_bytes(frame.head(20)))
    merged = _extract(runner, str(SAMPLE), "-j", "2", "-o", str(out))
    assert merged[0] == 0 and f"({len(frame) - 20} new)" in merged[2]
    after = table.read_claims(out).claims
    assert list(after.columns) == [*table.CLAIM_COLUMNS, "notes"]
    assert after.loc[0, "notes"] == "checked"
    assert list(after["claim_id"]) == list(frame["claim_id"])
    again = _extract(runner, str(SAMPLE), "-o", str(out))
    assert "(0 new)" in again[2] and table.read_claims(out).claims.equals(after)


# --------------------------------------------------------------------------- streaming: bounded batches


class Counting:
    """An iterator that counts how many items were taken from it."""

    def __init__(self, items: Iterator[object]) -> None:
        self.items = items
        self.taken = 0

    def __iter__(self) -> Counting:
        return self

    def __next__(self) -> object:
        item = next(self.items)
        self.taken += 1
        return item


def _batches(count: int) -> Iterator[ingest.IngestResult]:
    text = "Iran shipped drones to Russia, the Pentagon said on Monday."
    for number in range(count):
        article = Article(
            text=text, title=f"Drones {number}", url=f"https://example.org/{number}", published="2024-03-12"
        )
        yield ingest.IngestResult(articles=[article], inputs=[f"a{number}"])


@pytest.mark.parametrize("jobs", [1, 2])
def test_batches_are_taken_only_a_few_ahead_of_what_is_written(jobs: int) -> None:
    source = Counting(_batches(1000))
    results = pipeline.extract_batches(source, jobs=jobs)  # type: ignore[arg-type]
    first = next(results)
    assert first.articles == 1 and len(first.claims) == 1
    assert source.taken <= parallel.AHEAD_PER_JOB * jobs  # not the 1,000 batches
    rest = list(results)
    assert source.taken == 1000 and len(rest) == 999


def test_a_feed_is_read_a_stretch_at_a_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_batches: None
) -> None:
    feed = tmp_path / "feed.jsonl"
    record = json.loads(SAMPLE.read_text(encoding="utf-8").splitlines()[0])
    records = [
        json.dumps({**record, "title": f"{record['title']} ({n})", "url": f"https://example.org/{n}"})
        for n in range(400)
    ]
    feed.write_text("\n".join(records) + "\n", encoding="utf-8")
    counted: list[Counting] = []
    real = ingest.iter_paths

    def counting_iter_paths(*args: object, **kwargs: object) -> Counting:
        counted.append(Counting(real(*args, **kwargs)))  # type: ignore[arg-type]
        return counted[-1]

    monkeypatch.setattr(ingest, "iter_paths", counting_iter_paths)
    batches = pipeline.read_batches(pipeline.Inputs(paths=[feed]))
    first = next(batches)
    stretches = counted[-1]
    assert 7 <= len(first.articles) < 50 and stretches.taken <= 7
    total = len(first.articles) + sum(len(batch.articles) for batch in batches)
    assert total == 400 and stretches.taken > 20


def test_a_feed_past_the_file_limit_is_read_and_only_an_overlong_line_refused(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest_inputs, "MAX_FILE_BYTES", 5000)
    monkeypatch.setattr(ingest_inputs, "STRETCH_BYTES", 2000)
    short = {"published": "2024-03-12"}
    lines = [
        json.dumps({**short, "text": f"Iran shipped {n} drones to Russia, the Pentagon said."}) for n in range(200)
    ]
    lines[50] = json.dumps({**short, "text": "word " * 2000})
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert feed.stat().st_size > 5000
    code, _, err = _extract(runner, str(feed))
    assert code == 1
    assert [line for line in err.splitlines() if ": error: " in line] == [
        f"{feed}:51: error: line too long (over 5000 bytes); skipped"
    ]
    assert "199 articles" in err


# --------------------------------------------------------------------------- Parquet folders


def test_a_folder_output_gets_parquet_parts_that_commands_read_as_one_table(
    runner: CliRunner, tmp_path: Path, small_batches: None
) -> None:
    folder, single = tmp_path / "claims", tmp_path / "claims.csv"
    assert _extract(runner, str(SAMPLE), "-o", f"{folder}/")[0] == 0
    assert _extract(runner, str(SAMPLE), "-o", str(single))[0] == 0
    assert len(table.partition_files(folder)) > 1
    assert table.to_csv_bytes(table.read_claims(folder).claims) == single.read_bytes()
    validated = runner.invoke(cli, ["validate", str(folder)])
    assert validated.exit_code == 0 and "0 rejected" in validated.stderr
    legs = runner.invoke(cli, ["legs", str(folder)])
    assert legs.exit_code == 0 and legs.stdout == runner.invoke(cli, ["legs", str(single)]).stdout
    refused = _extract(runner, str(SAMPLE), "-o", str(folder))
    assert refused[0] == 1 and "the folder is not empty" in refused[2]


def test_a_run_that_reads_nothing_leaves_no_folder(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    code, _, err = _extract(runner, str(tmp_path / "empty.txt"), "-o", f"{tmp_path / 'out'}/")
    assert code == 1 and "nothing written" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt"]


# --------------------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    """A Dask cluster on this machine (a scheduler on 127.0.0.1, workers as threads of this process)."""
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        processes=False, n_workers=2, threads_per_worker=1, host="127.0.0.1", protocol="tcp", dashboard_address=None
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def _one_file_per_article(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for number, line in enumerate(SAMPLE.read_text(encoding="utf-8").splitlines()):
        (folder / f"a{number:03d}.jsonl").write_text(line + "\n", encoding="utf-8")
    (folder / "a007.jsonl").write_text("{not json\n", encoding="utf-8")
    return folder


def test_the_dask_path_gives_the_claims_one_process_gives(
    runner: CliRunner, tmp_path: Path, dask_scheduler: str
) -> None:
    corpus = _one_file_per_article(tmp_path)
    pattern = str(corpus / "*.jsonl")
    local, distributed = tmp_path / "local.csv", tmp_path / "dask"
    one = _extract(runner, pattern, str(tmp_path / "missing.txt"), "-o", str(local))
    on_dask = _extract(
        runner, pattern, str(tmp_path / "missing.txt"), "--scheduler", dask_scheduler, "-o", f"{distributed}/"
    )
    assert one[0] == on_dask[0] == 1
    assert table.to_csv_bytes(table.read_claims(distributed).claims) == local.read_bytes()
    assert one[2] == on_dask[2]  # the same problems, in the same order, and the same counts
    assert f"{corpus / 'a007.jsonl'}:1: error: " in on_dask[2] and "missing.txt: error: " in on_dask[2]
    assert runner.invoke(cli, ["validate", str(distributed)]).exit_code == 0


def test_the_dask_path_on_the_sample_feed(runner: CliRunner, tmp_path: Path, dask_scheduler: str) -> None:
    local, distributed = tmp_path / "local.csv", tmp_path / "dask"
    assert _extract(runner, str(SAMPLE), "-o", str(local))[0] == 0
    code, _, err = _extract(runner, str(SAMPLE), "--scheduler", dask_scheduler, "-o", f"{distributed}/")
    assert code == 0, err
    assert table.to_csv_bytes(table.read_claims(distributed).claims) == local.read_bytes()


def test_the_dask_path_refuses_stdin_and_jobs(runner: CliRunner, dask_scheduler: str) -> None:
    stdin = runner.invoke(cli, ["extract", "-", "--scheduler", dask_scheduler], input="Iran sent drones.")
    assert stdin.exit_code == 2 and "standard input" in stdin.output
    both = runner.invoke(cli, ["extract", str(SAMPLE), "--scheduler", dask_scheduler, "--jobs", "2"])
    assert both.exit_code == 2 and "not both" in both.output
