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


@cli.command("import")
@click.argument("arguments", nargs=-1, required=True, metavar="[FORMAT] FILE")
@click.option(
    "-o", "--output",
    help="Write here (.csv, .jsonl, .parquet); an existing claims file is merged into. stdout CSV by default.",
)  # fmt: skip
def import_command(arguments: tuple[str, ...], output: str | None) -> None:
    """Import a register export (SIPRI, Kiel, CAAT) as claims.

    FORMAT is detected from the file when left out. Rows that cannot be read
    are listed on stderr as FILE:LINE: message; the others are imported.

    \b
    Formats:
      sipri          SIPRI trade register, current layout (deal x delivery year)
      sipri-legacy   SIPRI trade register, legacy layout (one row per deal)
      kiel           Kiel Ukraine Support Tracker, data_explorer.csv
      kiel-weapons   Kiel Ukraine Support Tracker, weapons.csv
      caat-broker    CAAT EU brokering licences, broker.csv

    \b
    Examples:
      flows import trade-register.csv -o claims.csv
      flows import sipri-legacy trade-register.csv -o claims.csv
    """
    from flows import importers  # the importers load only for this command

    if len(arguments) > 2:
        raise click.UsageError("give at most a FORMAT and a FILE")
    fmt, path = (arguments[0], Path(arguments[1])) if len(arguments) == 2 else (None, Path(arguments[0]))
    try:
        result = importers.import_file(path, fmt)
    except importers.ImportFileError as error:
        raise click.ClickException(str(error)) from error
    for problem in result.problems:
        shown = f" ({problem.value!r})" if problem.value else ""
        click.echo(f"{path}:{problem.row}: {problem.column}: {problem.message}{shown}", err=True)
    summary = f"{path}: {result.format}, {result.rows_read} rows read, {len(result.claims)} claims"
    if not output or output == "-":
        _write_or_print(result.claims, output)
        click.echo(summary, err=True)
        return
    merged, existing_rows = result.claims, 0
    if Path(output).exists():
        existing = _load(Path(output))
        if existing.rows_rejected:
            # Rewriting it would drop its bad rows: leave the file as it is.
            raise click.ClickException(
                f"{output}: {existing.rows_rejected} invalid rows; fix them (flows validate {output}) before importing into it"
            )
        existing_rows = len(existing.claims)
        merged = table.merge_claims(existing.claims, result.claims)
    table.write_table(merged, output)
    click.echo(f"{summary}; {len(merged) - existing_rows} new in {output}", err=True)


def _load(path: Path) -> table.LoadResult:
    try:
        return table.read_claims(path)
    except table.TableError as error:
        raise click.ClickException(str(error)) from error


def main() -> None:
    cli(prog_name="flows")
