"""The `flows` command: a thin veneer over the library.

Library errors (:class:`flows.table.TableError`, ingest errors, ...) become
one-line messages naming the file; nothing here holds logic of its own.

Every command follows one rule for its exit status (the README's "Exit
status"): 0 when every input, row and check went through, 1 when any input or
row could not be read or a check failed (the rest is still written), 2 for a
wrong command line. Output paths are checked before any work is done, and a
run that read nothing writes nothing.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import click
import pandas as pd

from flows import table
from flows.importers import describe_formats
from flows.messages import problem_line, shown


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


def _to_stdout(output: str | None) -> bool:
    return not output or output == "-"


def _fail(error: Exception) -> click.ClickException:
    """A library error as the one ``Error:`` line (exit 1), printable whatever the input held."""
    return click.ClickException(shown(error))


def _check_output(output: str | None) -> None:
    """Refuse an output path that cannot be written (unknown suffix, missing folder), before any work."""
    if not _to_stdout(output):
        try:
            table.check_output(output)  # type: ignore[arg-type]  # not None: _to_stdout
        except table.TableError as error:
            raise _fail(error) from error


def _write_or_print(frame: pd.DataFrame, output: str | None) -> None:
    if _to_stdout(output):
        sys.stdout.buffer.write(table.to_csv_bytes(frame))
        return
    try:
        table.write_table(frame, output)  # type: ignore[arg-type]  # not None: _to_stdout
    except table.TableError as error:
        raise _fail(error) from error


def _merge_or_print(frame: pd.DataFrame, output: str | None) -> int:
    """Print the claims, or merge them into ``output``; returns how many rows are new there."""
    if _to_stdout(output):
        _write_or_print(frame, output)
        return len(frame)
    try:
        return table.write_merged(frame, output).new  # type: ignore[arg-type]  # not None: _to_stdout
    except table.TableError as error:
        raise _fail(error) from error


def _echo_row_problems(path: Path | str, problems: list[table.RowProblem], by_line: bool = True) -> None:
    """A file's row problems, one ``FILE:LINE: error|warning: ...`` line each, in file order."""
    for problem in problems:
        click.echo(problem_line(path, problem.row if by_line else None, problem.text, problem.severity), err=True)


@cli.command("extract")
@click.argument("paths", nargs=-1, required=True)
@click.option("--published", help="Publication date for inputs that give none (e.g. 2025-06-23).")
@click.option("--source", help="Outlet name for inputs that give none.")
@click.option(
    "--extractor", "extractor_name", default="rules", show_default=True, help="Which extractor reads the articles."
)
@click.option(
    "-o",
    "--output",
    help="Write here (.csv, .jsonl, .parquet); an existing file is merged into, without duplicates. "
    "A folder (a path ending in /) gets Parquet parts. Stdout CSV by default.",
)
@click.option(
    "-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True,
    help="Extract in this many processes on this machine; the output is the same as with one.",
)  # fmt: skip
@click.option(
    "--scheduler", metavar="ADDRESS",
    help="Extract on the Dask cluster at this address (tcp://host:8786), one task per input file "
    "(needs pip install 'arms-flows[dask]'; the workers read the files, so paths must be theirs too).",
)  # fmt: skip
def extract_command(
    paths: tuple[str, ...],
    published: str | None,
    source: str | None,
    extractor_name: str,
    output: str | None,
    jobs: int,
    scheduler: str | None,
) -> None:
    """Read articles and write the arms-transfer claims in them.

    PATHS are files (.txt .md .html .htm .json .jsonl), folders (read
    recursively), globs, or - for standard input. A bad input is reported on
    stderr as FILE[:LINE]: error: message; the others are still read, and the
    exit status is 1. When no input could be read, nothing is written.
    Articles are read, extracted and written in batches, so a feed of any
    size runs in the same memory.

    \b
    Examples:
      flows extract page.txt --published 2025-06-23
      flows extract saved-pages/ -o claims.csv
      flows extract feed.jsonl --jobs 2 -o claims.csv
      flows extract 'feeds/*.jsonl' --scheduler tcp://10.0.0.5:8786 -o claims/
      cat article.txt | flows extract - --published "23 June 2025" --source Reuters
    """
    from flows import parallel, pipeline  # heavy imports only for this command

    if scheduler and jobs > 1:
        raise click.UsageError("give --jobs or --scheduler, not both (the cluster's workers set the parallelism)")
    try:
        claims_output = pipeline.ClaimsOutput(output)  # checks the output path, before any work
    except table.TableError as error:
        raise _fail(error) from error
    try:
        pipeline.extractor_named(extractor_name)
    except KeyError as error:
        raise click.BadParameter(shown(error.args[0]), param_hint="--extractor") from error
    try:
        if scheduler:
            results = parallel.dask_results(paths, scheduler, extractor_name, published, source)
        else:
            batches = pipeline.read_batches(pipeline.Inputs(paths=list(paths), published=published, source=source))
            results = pipeline.extract_batches(batches, extractor_name, jobs)
    except ValueError as error:
        hint = "PATHS" if scheduler and "-" in paths else "--published"
        raise click.BadParameter(shown(error), param_hint=hint) from error
    except ImportError as error:
        raise click.UsageError(f"--scheduler needs Dask: pip install 'arms-flows[dask]' ({error})") from error
    except OSError as error:
        raise _fail(error) from error
    total = _input_bytes(paths)
    articles = claims_found = 0
    failed = False
    try:
        with claims_output, _progress(total) as bar:
            for result in results:
                for problem in result.problems:
                    click.echo(problem_line(problem.path, problem.line, problem.message, problem.severity), err=True)
                articles += result.articles
                claims_found += result.claims_found
                failed = failed or bool(result.errors)
                claims_output.add(result.claims)
                bar.update(result.bytes_read)
            if not articles and failed:  # every input failed: an empty claims file would hide it
                click.echo("no article read; nothing written", err=True)
                sys.exit(1)
            new = claims_output.commit()
    except table.TableError as error:
        raise _fail(error) from error
    click.echo(f"{articles} articles, {claims_found} claims ({new} new)", err=True)
    if failed:
        sys.exit(1)


# A bar for more than a few articles' worth of input: a single page needs none.
_PROGRESS_BYTES = 64 * 1024


def _input_bytes(paths: tuple[str, ...]) -> int:
    """The size of the files ``paths`` name (what the progress bar counts); stdin counts nothing."""
    from flows import ingest

    total = 0
    for path, problem in ingest.expand_paths(paths):
        if problem is None and str(path) != "-":
            with contextlib.suppress(OSError):
                total += path.stat().st_size
    return total


def _progress(total: int) -> contextlib.AbstractContextManager[Any]:
    """A progress bar on stderr over ``total`` bytes of input, or one that shows nothing for a small input."""
    if total < _PROGRESS_BYTES:
        return contextlib.nullcontext(SimpleNamespace(update=lambda done: None))
    return click.progressbar(length=total, label="Extracting", file=sys.stderr)


@cli.command("legs")
@click.argument("claims", type=click.Path(path_type=Path))
@click.option("-o", "--output", help="Write here (.csv, .jsonl, .parquet); stdout CSV by default.")
def legs_command(claims: Path, output: str | None) -> None:
    """Split each claim into legs (origin -> intermediaries -> destination).

    Invalid rows of CLAIMS are listed on stderr as `flows validate` lists them
    and left out; the exit status is then 1. When no row is valid, nothing is
    written.

    \b
    Example:
      flows legs claims.csv -o legs.csv
    """
    _check_output(output)
    result = _load_valid_rows(claims)
    _write_or_print(table.legs(result.claims), output)
    if result.rows_rejected:
        click.echo(f"{shown(claims)}: {result.rows_rejected} invalid rows left out", err=True)
        sys.exit(1)


@cli.command("corroborate")
@click.argument("claims", type=click.Path(path_type=Path))
@click.option(
    "-o", "--output",
    help="Write the reports here (.csv, .jsonl, .parquet), with report_id and assertion_id; stdout CSV by default.",
)  # fmt: skip
@click.option(
    "--by-claim",
    help="Also write one row per claim here (.csv, .jsonl, .parquet; '-' prints it instead of the reports).",
)
def corroborate_command(claims: Path, output: str | None, by_claim: str | None) -> None:
    """Tell which rows of a claims file are one report and which tell one claim.

    Every row gets its report_id and assertion_id, computed over the whole
    file (see the README's "Reports and claims"); --by-claim adds a table of
    one row per claim with its reports, outlets, first and last report date and
    URLs. Invalid rows are listed on stderr and left out; the exit status is
    then 1.

    \b
    Examples:
      flows corroborate claims.csv -o reports.csv --by-claim claims-by-claim.csv
      flows corroborate claims.csv --by-claim -
    """
    from flows import corroborate, pipeline

    _check_output(output)
    _check_output(by_claim)
    result = _load_valid_rows(claims)
    reports = pipeline.corroborated(result.claims)
    per_claim = corroborate.claims_of(reports)
    if not (_to_stdout(output) and by_claim == "-"):
        _write_or_print(reports, output)
    if by_claim:
        _write_or_print(per_claim, by_claim)
    summary = f"{len(reports)} rows, {reports['report_id'].nunique()} reports, {len(per_claim)} claims"
    click.echo(shown(f"{claims}: {summary}"), err=True)
    if result.rows_rejected:
        click.echo(f"{shown(claims)}: {result.rows_rejected} invalid rows left out", err=True)
        sys.exit(1)


@cli.command("validate")
@click.argument("claims", type=click.Path(path_type=Path))
def validate_command(claims: Path) -> None:
    """Check a claims file; list every bad row and column. Exit 1 if any.

    \b
    Example:
      flows validate claims.csv
    """
    result = _load(claims)
    _echo_row_problems(claims, result.problems, result.by_line)
    if result.unknown_columns:
        message = f"columns not in the claims table, kept as they are: {', '.join(result.unknown_columns)}"
        click.echo(problem_line(claims, 1 if result.by_line else None, message, "warning"), err=True)
    click.echo(shown(f"{claims}: {len(result.claims)} valid rows, {result.rows_rejected} rejected"), err=True)
    if result.rows_rejected:
        sys.exit(1)


def _formats_in_help(command: Callable[..., None]) -> Callable[..., None]:
    """Put the importers' own list of formats into the command's help."""
    lines = describe_formats().split("\n")
    command.__doc__ = (command.__doc__ or "").replace("{formats}", "  " + "\n      ".join(lines))
    return command


@cli.command("import")
@click.argument("arguments", nargs=-1, required=True, metavar="[FORMAT] FILE")
@click.option(
    "-o", "--output",
    help="Write here (.csv, .jsonl, .parquet); an existing claims file is merged into. stdout CSV by default.",
)  # fmt: skip
@click.option(
    "--allow-skipped", is_flag=True,
    help="Exit 0 even when rows were skipped (they are still listed); 1 only when nothing could be imported.",
)  # fmt: skip
@_formats_in_help
def import_command(arguments: tuple[str, ...], output: str | None, allow_skipped: bool) -> None:
    """Import a register export (SIPRI, Kiel, CAAT) as claims.

    FORMAT is detected from the file when left out. Rows that cannot be read
    are listed on stderr as FILE:LINE: error: message; the others are
    imported, and the exit status is 1 (0 with --allow-skipped).

    \b
    Formats:
    {formats}

    \b
    Examples:
      flows import trade-register.csv -o claims.csv
      flows import sipri-legacy trade-register.csv -o claims.csv
    """
    from flows import importers

    if len(arguments) > 2:
        raise click.UsageError("give at most a FORMAT and a FILE")
    fmt, path = (arguments[0], Path(arguments[1])) if len(arguments) == 2 else (None, Path(arguments[0]))
    _check_output(output)
    try:
        result = importers.import_file(path, fmt)
    except importers.ImportFileError as error:
        raise _fail(error) from error
    _echo_row_problems(path, result.problems)
    rejected = len({p.row for p in result.problems if p.severity == "error"})
    summary = f"{path}: {result.format}, {result.rows_read} rows read, {rejected} rejected, {len(result.claims)} claims"
    if result.claims.empty and rejected:
        click.echo(shown(f"{summary}; nothing written"), err=True)
        sys.exit(1)
    new = _merge_or_print(result.claims, output)
    click.echo(shown(summary if _to_stdout(output) else f"{summary}; {new} new in {output}"), err=True)
    if rejected and not allow_skipped:
        sys.exit(1)


@cli.command("eval")
@click.argument("gold")
@click.option("--extractor", "extractor_name", default="rules", show_default=True, help="Which extractor to score.")
@click.option(
    "--json", "json_output", help="Also write the report as JSON here ('-' for stdout; the table then goes to stderr)."
)
@click.option("--min-f1", type=float, help="Exit 1 when route F1 is below this.")
@click.option(
    "--gate",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Exit 1 when a score is below the one recorded for this gold set in this file (e.g. eval_baseline.json).",
)
@click.option(
    "--texts", type=click.Path(file_okay=False, path_type=Path),
    help="Folder of <doc>.txt pages for gold records without text (default: var/realnews for real news, else beside GOLD).",
)  # fmt: skip
def eval_command(
    gold: str, extractor_name: str, json_output: str | None, min_f1: float | None, gate: Path | None, texts: Path | None
) -> None:
    """Score an extractor against articles a person has annotated.

    GOLD is a gold JSONL file (one article with its claims a line), or a
    name: `sample` for the bundled corpus, `realnews-dev` or `realnews-test`
    for the real-news set (annotations bundled, texts kept in var/realnews).
    Reports route precision, recall and F1 (with and without intermediaries),
    full F1 (route, stance and claimant country right), the accuracy of
    claimant country, stance and date among matched claims, each document's
    misses and false claims, and the documents whose text is missing.

    \b
    Examples:
      flows eval sample
      flows eval realnews-dev
      flows eval tests/golden/examples.jsonl --json report.json
      flows eval sample --gate eval_baseline.json
    """
    import json

    from flows import corpus, evaluate, extract

    if json_output and json_output != "-":
        try:
            table.check_writable(json_output)
        except table.TableError as error:
            raise _fail(error) from error
    try:
        extractor = extract.get_extractor(extractor_name)
    except (KeyError, ValueError) as error:
        raise click.BadParameter(shown(error.args[0]), param_hint="--extractor") from error
    try:
        gold_set = corpus.load_gold_set(gold, texts)
        gold_name = gold_set.name
        floors = evaluate.read_gate(gate, gold_name) if gate else {}
    except evaluate.GoldError as error:
        raise _fail(error) from error
    report = evaluate.evaluate(gold_set, extractor, extractor=f"{extractor.name} {extractor.version}")
    failures = evaluate.gate_failures(report.scores(), floors)
    if min_f1 is not None and report.route.f1 < min_f1:
        failures.append(f"route_f1 {report.route.f1:.4f} is below --min-f1 {min_f1:.4f}")
    click.echo(report.format_table(), nl=False, err=json_output == "-")
    if json_output:
        data = json.dumps({**report.to_json(), "failures": failures}, indent=2, ensure_ascii=False) + "\n"
        if json_output == "-":
            click.echo(data, nl=False)
        else:
            try:
                table.atomic_write(json_output, data.encode("utf-8"))
            except table.TableError as error:
                raise _fail(error) from error
    for failure in failures:
        click.echo(f"{gold_name}: {failure}", err=True)
    if failures:
        sys.exit(1)


def _load(path: Path) -> table.LoadResult:
    try:
        return table.read_claims(path)
    except table.TableError as error:
        raise _fail(error) from error


def _load_valid_rows(path: Path) -> table.LoadResult:
    """:func:`_load` for a command that writes from the valid rows: the bad ones listed,
    and nothing written (exit 1) when no row is valid."""
    result = _load(path)
    _echo_row_problems(path, result.problems, result.by_line)
    if result.rows_rejected and result.claims.empty:
        click.echo(f"{shown(path)}: no valid row; nothing written", err=True)
        sys.exit(1)
    return result


def main() -> None:
    cli(prog_name="flows")
