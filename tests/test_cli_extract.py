"""`flows extract`, `flows legs` and `flows validate` on real files, good and bad."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows import table
from flows.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_page.txt"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_extract_seed_page_to_stdout_csv(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-23"])
    assert result.exit_code == 0, result.output
    loaded = table.read_claims_csv(result.stdout_bytes, "stdout")
    assert not loaded.problems
    svr = loaded.claims[loaded.claims["claimant"] == "SVR"]
    assert set(svr["origin"]) == {"SRB"} and set(svr["destination"]) == {"UKR"}
    assert sorted(svr[svr["claim_date"] == "2025-06-23"]["via"].iloc[0]) == ["BGR", "CZE"]
    assert "4 articles" in result.stderr


def test_extract_writes_each_format_and_merges_without_duplicates(runner: CliRunner, tmp_path: Path) -> None:
    for suffix in ("csv", "jsonl", "parquet"):
        out = tmp_path / f"claims.{suffix}"
        first = runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-23", "-o", str(out)])
        assert first.exit_code == 0, first.output
        written = table.read_claims(out).claims
        again = runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-23", "-o", str(out)])
        assert again.exit_code == 0
        assert "(0 new)" in again.stderr
        assert table.read_claims(out).claims.equals(written)


def test_bad_inputs_are_reported_and_the_rest_still_extracted(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(SEED, folder / "seed.txt")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00")
    (folder / "broken.jsonl").write_text('{"text": "Iran sent drones to Russia, the Pentagon said."}\n{not json\n', encoding="utf-8")
    out = tmp_path / "claims.csv"
    result = runner.invoke(cli, ["extract", str(folder), str(tmp_path / "missing.html"), "--published", "2025-06-23", "-o", str(out)])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any("empty.txt" in line and "empty" in line for line in errors)
    assert any("binary.txt" in line and "binary" in line for line in errors)
    assert any("broken.jsonl:2" in line for line in errors)
    assert any("missing.html" in line for line in errors)
    claims = table.read_claims(out).claims
    assert {"SRB", "IRN"} <= set(claims["origin"])


def test_unreadable_published_date_is_a_clean_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--published", "the day after"])
    assert result.exit_code == 2
    assert "--published" in result.output
    assert "Traceback" not in result.output


def test_unknown_extractor_is_a_clean_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--extractor", "magic"])
    assert result.exit_code == 2
    assert "rules" in result.output


def test_stdin_is_read_as_text(runner: CliRunner) -> None:
    text = "Iran has shipped drones to Russia, the US State Department said on Monday.\n"
    result = runner.invoke(cli, ["extract", "-", "--published", "2024-03-12"], input=text)
    assert result.exit_code == 0, result.output
    claims = table.read_claims_csv(result.stdout_bytes).claims
    assert list(zip(claims["origin"], claims["destination"], claims["claim_date"])) == [("IRN", "RUS", "2024-03-11")]


def test_legs_splits_parallel_routes(runner: CliRunner, tmp_path: Path) -> None:
    claims = tmp_path / "claims.csv"
    runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-23", "-o", str(claims)])
    result = runner.invoke(cli, ["legs", str(claims)])
    assert result.exit_code == 0, result.output
    legs = result.stdout.splitlines()
    assert legs[0] == ",".join(table.LEG_COLUMNS)
    hops = {tuple(line.split(",")[2:4]) for line in legs[1:]}
    assert {("SRB", "CZE"), ("CZE", "UKR"), ("SRB", "BGR"), ("BGR", "UKR")} <= hops


def test_validate_names_row_and_column_and_fails(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "claims.csv"
    runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-23", "-o", str(good)])
    ok = runner.invoke(cli, ["validate", str(good)])
    assert ok.exit_code == 0 and "0 rejected" in ok.stderr
    frame = table.read_claims(good).claims
    frame.loc[0, "destination"] = "ZZZ"
    bad = tmp_path / "bad.csv"
    bad.write_bytes(table.to_csv_bytes(frame))
    result = runner.invoke(cli, ["validate", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2: error: record 1, column destination" in result.stderr
    assert f"{len(frame) - 1} valid rows, 1 rejected" in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x00binary", b"not,a,claims,table\n1,2,3,4\n"])
def test_validate_rejects_files_that_are_not_claims_tables(runner: CliRunner, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "odd.csv"
    path.write_bytes(content)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert str(path) in result.output
    assert "Traceback" not in result.output


def test_python_m_flows_runs() -> None:
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "flows", "--help"], capture_output=True, text=True, check=True)
    assert "extract" in result.stdout


def test_jobs_below_one_is_a_usage_error(runner: CliRunner) -> None:
    result = runner.invoke(cli, ["extract", str(SEED), "--jobs", "0"])
    assert result.exit_code == 2 and "--jobs" in result.output


def test_a_folder_output_is_checked_before_any_work(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flows import pipeline

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the inputs were read before the output folder was checked")

    monkeypatch.setattr(pipeline, "read_batches", never)
    taken = tmp_path / "claims"
    taken.mkdir()
    (taken / "mine.txt").write_text("x")
    result = runner.invoke(cli, ["extract", str(SEED), "-o", f"{taken}/"])
    assert result.exit_code == 1 and "the folder is not empty" in result.stderr
    missing = tmp_path / "typo" / "claims"
    result = runner.invoke(cli, ["extract", str(SEED), "-o", f"{missing}/"])
    assert result.exit_code == 1 and "does not exist; create it first" in result.stderr


def test_a_utf16_feed_is_read_whole(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    record = '{"text": "Iran has shipped drones to Russia, the US State Department said.", "published": "2024-03-12"}\n'
    feed.write_bytes(record.encode("utf-16"))
    result = runner.invoke(cli, ["extract", str(feed)])
    assert result.exit_code == 0, result.output
    claims = table.read_claims_csv(result.stdout_bytes).claims
    assert list(zip(claims["origin"], claims["destination"])) == [("IRN", "RUS")]
