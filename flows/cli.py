"""The `flows` command: a thin veneer over the library.

Library errors (:class:`flows.table.TableError`, ingest errors, ...) become
one-line messages naming the file; nothing here holds logic of its own.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from flows import table


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="arms-flows")
def cli() -> None:
    """Turn articles and arms-transfer registers into a claims table.

    \b
    Examples:
      flows extract page.html --published 2025-06-23 -o claims.csv
      flows legs claims.csv -o legs.csv
      flows validate claims.csv
    """


def _write_or_print(frame, output: str | None) -> None:  # type: ignore[no-untyped-def]
    if output and output != "-":
        table.write_table(frame, output)
    else:
        sys.stdout.buffer.write(table.to_csv_bytes(frame))


@cli.command("legs")
@click.argument("claims", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-o", "--output", help="Write here (.csv, .jsonl, .parquet); stdout CSV by default.")
def legs_command(claims: Path, output: str | None) -> None:
    """Split each claim into legs (origin -> intermediaries -> destination).

    \b
    Example:
      flows legs claims.csv -o legs.csv
    """
    result = _load(claims)
    _write_or_print(table.legs(result.claims), output)


@cli.command("validate")
@click.argument("claims", type=click.Path(dir_okay=False, path_type=Path))
def validate_command(claims: Path) -> None:
    """Check a claims file; list every bad row and column. Exit 1 if any.

    \b
    Example:
      flows validate claims.csv
    """
    result = _load(claims)
    for problem in result.problems:
        click.echo(f"{claims}: {problem}", err=True)
    click.echo(
        f"{claims}: {len(result.claims)} valid rows, {result.rows_rejected} rejected",
        err=True,
    )
    if result.problems:
        sys.exit(1)


def _load(path: Path) -> table.LoadResult:
    try:
        return table.read_claims(path)
    except table.TableError as error:
        raise click.ClickException(str(error)) from error


def main() -> None:
    cli(prog_name="flows")
