"""What the `flows` commands write, and what their exit status and messages say, on real files.

Output paths are checked before any work; files keep the usual modes and
symlinks; a run that read nothing writes nothing; every command's exit status
follows the README's rule; problems come in input order, in one form.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows import table
from flows.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "seed_page.txt"
SIPRI_CURRENT = FIXTURES / "import" / "sipri_current.csv"
CAAT = FIXTURES / "import" / "caat_broker.csv"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _extract(runner: CliRunner, *args: str) -> object:
    return runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-23", *args])


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --------------------------------------------------------------------------- output paths, before any work


@pytest.mark.parametrize("name", ["out.txt", "out.xlsx", "out"])
def test_an_unknown_output_suffix_is_one_error_line_before_any_work(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    from flows import pipeline

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the inputs were read before the output path was checked")

    monkeypatch.setattr(pipeline, "read", never)
    result = _extract(runner, "-o", str(tmp_path / name))
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"Error: {tmp_path / name}: unknown claims file type {Path(name).suffix!r} (use .csv, .jsonl or .parquet)"
    ]
    assert list(tmp_path.iterdir()) == []


def test_an_output_under_a_file_or_in_a_missing_folder_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("x")
    under_file = _extract(runner, "-o", str(afile / "claims.csv"))
    assert under_file.exit_code == 1 and "Traceback" not in under_file.output
    assert under_file.stderr.strip() == f"Error: {afile / 'claims.csv'}: {afile} is a file, not a folder"
    missing = tmp_path / "typo" / "claims.csv"
    result = _extract(runner, "-o", str(missing))
    assert result.exit_code == 1
    assert result.stderr.strip() == f"Error: {missing}: the folder {missing.parent} does not exist; create it first"
    assert not missing.parent.exists()


@pytest.mark.parametrize("command", ["legs", "import"])
def test_every_command_checks_its_output_first(runner: CliRunner, tmp_path: Path, command: str) -> None:
    claims = tmp_path / "claims.csv"
    _extract(runner, "-o", str(claims))
    source = str(claims) if command == "legs" else str(SIPRI_CURRENT)
    result = runner.invoke(cli, [command, source, "-o", str(tmp_path / "out.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: ") and "unknown claims file type '.xlsx'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_eval_checks_its_json_path_first(runner: CliRunner, tmp_path: Path) -> None:
    gold = FIXTURES.parent / "golden" / "examples.jsonl"
    result = runner.invoke(cli, ["eval", str(gold), "--json", str(tmp_path / "nowhere" / "report.json")])
    assert result.exit_code == 1
    assert "does not exist; create it first" in result.stderr
    assert "route" not in result.output.lower(), "the evaluation ran before the path was checked"


# --------------------------------------------------------------------------- modes and symlinks


def test_a_new_file_gets_the_umask_mode_and_an_existing_one_keeps_its_own(
    runner: CliRunner, tmp_path: Path, umask_022: None
) -> None:
    out = tmp_path / "claims.csv"
    assert _extract(runner, "-o", str(out)).exit_code == 0
    assert _mode(out) == 0o644
    out.chmod(0o640)
    merged = runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-24", "-o", str(out)])
    assert merged.exit_code == 0
    assert _mode(out) == 0o640
    legs = tmp_path / "legs.csv"
    assert runner.invoke(cli, ["legs", str(out), "-o", str(legs)]).exit_code == 0
    assert _mode(legs) == 0o644


def test_a_symlink_is_written_through_to_its_target(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "data" / "claims.csv"
    target.parent.mkdir()
    _extract(runner, "-o", str(target))
    before = len(table.read_claims(target).claims)
    link = tmp_path / "claims.csv"
    link.symlink_to(target)
    result = runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-24", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and link.resolve() == target
    assert len(table.read_claims(target).claims) > before
    assert sorted(p.name for p in target.parent.iterdir()) == ["claims.csv"]  # no temp file left


# --------------------------------------------------------------------------- nothing read, nothing written


def test_a_batch_where_every_input_fails_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.html").write_bytes(b"\x00\x01PNG")
    out = tmp_path / "claims.csv"
    result = runner.invoke(cli, ["extract", str(tmp_path / "empty.txt"), str(tmp_path / "binary.html"), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    assert "nothing written" in result.stderr
    to_stdout = runner.invoke(cli, ["extract", str(tmp_path / "empty.txt")])
    assert to_stdout.exit_code == 1 and to_stdout.stdout == ""


@pytest.mark.parametrize("content", ["nothing", "only-pdf"])
def test_a_folder_with_nothing_readable_is_an_error(runner: CliRunner, tmp_path: Path, content: str) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    if content == "only-pdf":
        (folder / "report.pdf").write_bytes(b"%PDF-1.4")
    result = runner.invoke(cli, ["extract", str(folder)])
    assert result.exit_code == 1
    expected = "it holds only .pdf files" if content == "only-pdf" else "it is empty"
    assert f"{folder}: error: no readable files" in result.stderr and expected in result.stderr


def test_a_glob_matching_nothing_is_an_error_too(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(cli, ["extract", str(tmp_path / "*.html")])
    assert result.exit_code == 1
    assert f"{tmp_path / '*.html'}: error: no files match this pattern" in result.stderr


# --------------------------------------------------------------------------- legs and validate


def _claims_with_bad_rows(runner: CliRunner, tmp_path: Path, bad: int) -> Path:
    good = tmp_path / "good.csv"
    _extract(runner, "-o", str(good))
    frame = table.read_claims(good).claims
    for row in range(bad):
        frame.loc[row, "origin"] = "Narnia"
    path = tmp_path / "claims.csv"
    path.write_bytes(table.to_csv_bytes(frame))
    return path


def test_legs_reports_invalid_rows_like_validate_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    claims = _claims_with_bad_rows(runner, tmp_path, bad=1)
    out = tmp_path / "legs.csv"
    result = runner.invoke(cli, ["legs", str(claims), "-o", str(out)])
    assert result.exit_code == 1
    validated = runner.invoke(cli, ["validate", str(claims)])
    problem = f"{claims}:2: error: record 1, column origin: is not a known ISO 3166-1 alpha-3 code ('Narnia')"
    assert problem in result.stderr and problem in validated.stderr
    assert out.exists() and len(out.read_text(encoding="utf-8").splitlines()) > 1


def test_legs_of_a_file_with_no_valid_row_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    claims = _claims_with_bad_rows(runner, tmp_path, bad=3)
    out = tmp_path / "legs.csv"
    result = runner.invoke(cli, ["legs", str(claims), "-o", str(out)])
    assert result.exit_code == 1
    assert not out.exists() and "no valid row; nothing written" in result.stderr


def test_validate_says_record_and_line_when_evidence_spans_lines(runner: CliRunner, tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    _extract(runner, "-o", str(good))
    frame = table.read_claims(good).claims.head(2).copy()
    frame.loc[0, "evidence"] = "first sentence\nsecond sentence\nthird sentence"  # record 1 is lines 2-4
    frame.loc[1, "stance"] = "rumoured"
    path = tmp_path / "claims.csv"
    path.write_bytes(table.to_csv_bytes(frame))
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}:5: error: record 2, column stance: must be one of" in result.stderr


def test_an_unknown_column_is_named_by_validate_and_kept_through_a_merge(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    _extract(runner, "-o", str(out))
    frame = table.read_claims(out).claims
    frame["notes"] = ["checked by AB"] + [""] * (len(frame) - 1)
    out.write_bytes(table.to_csv_bytes(frame))
    validated = runner.invoke(cli, ["validate", str(out)])
    assert validated.exit_code == 0
    assert f"{out}:1: warning: columns not in the claims table, kept as they are: notes" in validated.stderr
    merged = runner.invoke(cli, ["extract", str(SEED), "--published", "2025-06-24", "-o", str(out)])
    assert merged.exit_code == 0
    after = table.read_claims(out).claims
    assert list(after.columns) == [*table.CLAIM_COLUMNS, "notes"]
    assert after.loc[0, "notes"] == "checked by AB" and len(after) > len(frame)


# --------------------------------------------------------------------------- exit statuses


def test_import_with_skipped_rows_exits_1_unless_allowed(runner: CliRunner, tmp_path: Path) -> None:
    out = tmp_path / "claims.csv"
    result = runner.invoke(cli, ["import", str(CAAT), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{CAAT}:" in result.stderr and ": error: raw scraper output" in result.stderr
    assert out.exists(), "the readable rows are still imported"
    allowed = runner.invoke(cli, ["import", str(CAAT), "-o", str(out), "--allow-skipped"])
    assert allowed.exit_code == 0 and "0 new" in allowed.stderr


def test_a_sipri_file_cut_off_mid_row_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    text = SIPRI_CURRENT.read_text(encoding="utf-8")
    cut = tmp_path / "cut.csv"
    cut.write_text(text[: text.index("\n", text.index("SIPRI AT Database ID")) + 30], encoding="utf-8")
    result = runner.invoke(cli, ["import", str(cut)])
    assert result.exit_code == 1
    assert f"{cut}:" in result.stderr and "the header has 17; skipped" in result.stderr


def test_an_import_with_nothing_readable_writes_nothing(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.csv"
    lines = CAAT.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([lines[0].replace(",issued,", ",lost,"), "1999,XX"]) + "\n", encoding="utf-8")
    out = tmp_path / "claims.csv"
    result = runner.invoke(cli, ["import", "caat-broker", str(broken), "-o", str(out)])
    assert result.exit_code == 1 and not out.exists()
    assert "nothing written" in result.stderr


# --------------------------------------------------------------------------- problems: order and form


def test_problems_come_in_input_order_in_one_form(runner: CliRunner, tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [
        {"text": "Serbia sold shells to Ukraine, Russia's SVR said on Monday.", "published": "2025-06-23"},
        "{not json",
        {"text": "Iran shipped drones to Russia, the Pentagon said."},  # no date: a warning
        {"title": "no text here"},
        {"text": ""},
    ]
    feed.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    second = tmp_path / "second.txt"
    second.write_bytes(b"")
    result = runner.invoke(cli, ["extract", str(feed), str(second)])
    lines = [line for line in result.stderr.splitlines() if ": error: " in line or ": warning: " in line]
    places = [line.split(": ", 1)[0] for line in lines]
    assert places == [f"{feed}:2", f"{feed}:3", f"{feed}:4", f"{feed}:5", str(second)]
    assert result.exit_code == 1


def test_import_messages_name_the_path_as_given(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    odd = folder / "odd.csv"
    odd.write_text("name,age\nAda,36\n", encoding="utf-8")
    result = runner.invoke(cli, ["import", str(odd)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {odd}: not a file any importer knows")
    copy = folder / "caat.csv"
    shutil.copy(CAAT, copy)
    imported = runner.invoke(cli, ["import", str(copy)])
    assert all(line.startswith(str(copy)) for line in imported.stderr.splitlines())
    assert set(table.read_claims_csv(imported.stdout_bytes).claims["source"]) == {"caat.csv"}
