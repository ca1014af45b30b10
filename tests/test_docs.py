"""The docs keep up with the code: every command has help with examples and a README entry,
the README documents every column of the claims-table contract, and its layout draws every module."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import cli
from flows.table import CLAIM_COLUMNS, LEG_COLUMNS

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_with_examples(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output, f"flows {name} --help shows no example"


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"flows {name}" in README


@pytest.mark.parametrize("column", CLAIM_COLUMNS + LEG_COLUMNS)
def test_every_column_is_documented(column: str) -> None:
    assert f"`{column}`" in README


def test_quick_start_has_the_two_commands() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "streamlit run app.py" in quick_start
    assert "pytest" in quick_start


def _layout_paths() -> set[str]:
    """The paths the README's layout tree draws (two spaces of indent per folder level)."""
    layout = README.split("<!-- section:layout -->", 1)[1].split("<!-- /section:layout -->", 1)[0]
    tree = layout.split("```", 2)[1]
    folders: list[str] = []
    paths = set()
    for line in tree.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0]
        del folders[depth:]
        if name.endswith("/"):
            folders.append(name)
        paths.add("".join(folders[: depth]) + name)
    return paths


def test_the_layout_draws_every_module_once() -> None:
    modules = {str(path.relative_to(ROOT)) for path in (ROOT / "flows").rglob("*.py")} | {"app.py"}
    assert modules - _layout_paths() == set(), "modules missing from the README's layout"
    assert {p for p in _layout_paths() if p.endswith(".py")} - modules == set(), "the layout names modules that do not exist"


def _blocks(language: str) -> list[str]:
    """The README's fenced code blocks in ``language``, in order."""
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.DOTALL)


@pytest.mark.parametrize("snippet", _blocks("python"), ids=lambda s: s.splitlines()[0][:40])
def test_every_python_snippet_of_the_readme_runs_as_written(snippet: str) -> None:
    # Each in its own interpreter, from the checkout's root, as a newcomer would paste it.
    result = subprocess.run(
        [sys.executable, "-c", snippet], cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]


def test_the_cli_example_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cli_section = README.split("<!-- section:cli -->", 1)[1].split("<!-- /section:cli -->", 1)[0]
    [example] = re.findall(r"```bash\n(.*?)```", cli_section, flags=re.DOTALL)
    fixture = tmp_path / "tests" / "fixtures" / "seed_page.txt"
    fixture.parent.mkdir(parents=True)
    fixture.write_bytes((ROOT / "tests" / "fixtures" / "seed_page.txt").read_bytes())
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for line in example.strip().splitlines():
        words = shlex.split(line.split("#", 1)[0])
        assert words[0] == "flows"
        result = runner.invoke(cli, words[1:])
        assert result.exit_code == 0, (line, result.output)
    assert (tmp_path / "claims.csv").exists() and (tmp_path / "legs.csv").exists()


def test_the_files_the_cli_example_writes_are_ignored_by_git() -> None:
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert {"/claims.csv", "/legs.csv"} <= set(ignored)
