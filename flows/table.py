"""The claims table: a public contract, its legs, validation and file I/O.

The claims table has the columns of :data:`CLAIM_COLUMNS`, in that order, as
:class:`flows.models.Claim` declares them: ``claim_id``, then one column per
field of a claim, then ``report_id`` and ``assertion_id`` (which rows are one
report, which tell one claim: :mod:`flows.corroborate`). In memory (and in
Parquet and JSONL) ``via`` is the list of a :class:`~flows.route.Route`'s
chains; in CSV it is the route's text
(:meth:`~flows.route.Route.format`). Columns added to the contract later
(:data:`REQUIRED_COLUMNS` lists the others) read as empty from files that
lack them.

The legs table (:data:`LEG_COLUMNS`) splits each claim into the hops drawn on
figures. A claim weighs 1 in total: with ``n`` parallel routes each route
weighs ``1/n``, and every leg of a route carries its route's weight, so the
weights arriving at the destination add up to 1 per claim.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd

from flows import countries
from flows.dates import date_start, is_day, precision_of
from flows.models import CLAIM_FIELDS, Claim, ColumnKind, Evidence, column_of, flow_key
from flows.route import CHAIN_SEPARATOR, ROUTE_SEPARATOR, Route, is_route_shaped
from flows.vocabulary import STANCES, is_date_precision, is_stance

# The columns and how each is held, from the contract (flows.models.Claim):
# claim_id first (derived from the claim), then the claim's fields in order,
# then what a row's neighbours decide (flows.corroborate: the report it is part
# of, the claim it tells), empty until computed.
DERIVED_COLUMNS: tuple[str, ...] = ("report_id", "assertion_id")
COLUMN_KINDS: dict[str, ColumnKind] = {
    "claim_id": "text",
    **{f.name: column_of(f).kind for f in CLAIM_FIELDS},
    **dict.fromkeys(DERIVED_COLUMNS, "text"),
}
CLAIM_COLUMNS: tuple[str, ...] = tuple(COLUMN_KINDS)
# What a claims file must have; the others (optional fields, derived columns) read as empty when a file lacks them.
REQUIRED_COLUMNS: tuple[str, ...] = ("claim_id", *(f.name for f in CLAIM_FIELDS if not column_of(f).optional))

LEG_COLUMNS: tuple[str, ...] = ("claim_id", "leg", "from", "to", "from_role", "to_role", "weight")

NUMERIC_COLUMNS: tuple[str, ...] = tuple(c for c, kind in COLUMN_KINDS.items() if kind == "number")
ROUTE_COLUMNS: tuple[str, ...] = tuple(c for c, kind in COLUMN_KINDS.items() if kind == "route")
TEXT_COLUMNS: tuple[str, ...] = tuple(c for c in CLAIM_COLUMNS if c not in NUMERIC_COLUMNS + ROUTE_COLUMNS)

# Evidence sentences are kept in one text cell, one sentence a line.
EVIDENCE_SEPARATOR = "\n"

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class TableError(ValueError):
    """A claims file that cannot be read at all (not a bad row: a bad file)."""


# The column of a problem that does not stop its row (the row is kept, with a caveat).
WARNING_COLUMN = "*warning*"
# The column of a problem with a whole record (unreadable, the wrong number of cells).
RECORD_COLUMN = "*"


@dataclass(frozen=True)
class RowProblem:
    """One thing wrong with one row, named by its line, its record number and its column.

    ``row`` is the file's line number where the record starts (CSV and JSON
    Lines; the header is line 1), else the record's position. ``record``
    counts data records from 1 (a CSV record whose evidence spans three lines
    is still one record), when the reader knows it.
    """

    row: int
    column: str
    message: str
    value: str = ""
    record: int | None = None

    @property
    def severity(self) -> str:
        """ "warning" for a row kept with a caveat, else "error" (the row was left out)."""
        return "warning" if self.column == WARNING_COLUMN else "error"

    @property
    def text(self) -> str:
        """What is wrong, without the line: "record 3, column origin: is not ... ('Narnia')"."""
        parts = [f"record {self.record}"] if self.record is not None else []
        if self.column not in (WARNING_COLUMN, RECORD_COLUMN):
            parts.append(f"column {self.column}")
        shown = f" ({self.value!r})" if self.value else ""
        where = ", ".join(parts)
        return f"{where}: {self.message}{shown}" if where else f"{self.message}{shown}"

    def __str__(self) -> str:
        """The problem with where it is: "record 3 (line 5), column origin: ..." (or "line 5: ...")."""
        if self.record is None:
            return f"line {self.row}: {self.text}"
        return self.text.replace(f"record {self.record}", f"record {self.record} (line {self.row})", 1)


@dataclass
class LoadResult:
    """Valid rows as a claims table, and what was wrong with the others."""

    claims: pd.DataFrame
    problems: list[RowProblem]
    rows_read: int
    by_line: bool = True  # problems' rows are line numbers (CSV, JSON Lines), not positions (Parquet)

    @property
    def rows_rejected(self) -> int:
        return len({p.row for p in self.problems if p.severity == "error"})

    @property
    def unknown_columns(self) -> list[str]:
        """Columns the file has beyond the contract's: kept as they are (:func:`validate`)."""
        return [str(c) for c in self.claims.columns if c not in COLUMN_KINDS]


# --------------------------------------------------------------------------- construct


def empty_claims() -> pd.DataFrame:
    return typed(pd.DataFrame({c: [] for c in CLAIM_COLUMNS}))


def _evidence_cell(evidence: tuple[Evidence, ...]) -> str:
    return EVIDENCE_SEPARATOR.join(e.text for e in evidence)


def _extra_cell(extra: dict[str, str]) -> str:
    return json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else ""


# How each kind of field becomes a cell of the in-memory table.
_TO_CELL: dict[ColumnKind, Callable[[Any], object]] = {
    "text": lambda value: value,
    "number": lambda value: value,
    "route": list,
    "evidence": _evidence_cell,
    "extra": _extra_cell,
}
_CELLS: tuple[tuple[str, Callable[[Any], object]], ...] = tuple(
    (f.name, _TO_CELL[column_of(f).kind]) for f in CLAIM_FIELDS
)


def claim_row(claim: Claim) -> dict[str, object]:
    """One claim as a row of the claims table (its cells by column)."""
    row: dict[str, object] = {"claim_id": claim.claim_id}
    for name, to_cell in _CELLS:
        row[name] = to_cell(getattr(claim, name))
    return row


def claims_to_frame(claims: Iterable[Claim]) -> pd.DataFrame:
    """A claims table from :class:`Claim` objects, deduplicated by claim_id."""
    rows = [claim_row(claim) for claim in claims]
    if not rows:
        return empty_claims()
    frame = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    frame = frame.drop_duplicates("claim_id", keep="first").reset_index(drop=True)
    return typed(frame)


def claim_from_row(row: Mapping[str, Any]) -> Claim:
    """The :class:`Claim` a (valid) row of the claims table holds; the inverse of :func:`claim_row`.

    Evidence keeps its sentences; their offsets in the article are not in the
    table, so each sentence spans itself.
    """
    values: dict[str, Any] = {}
    for claim_field in CLAIM_FIELDS:
        kind, cell = column_of(claim_field).kind, row.get(claim_field.name)
        if kind == "number":
            values[claim_field.name] = _number_or_none(cell)
        elif kind == "route":
            values[claim_field.name] = Route.parse(cell)
        elif kind == "evidence":
            values[claim_field.name] = tuple(Evidence(s, 0, len(s)) for s in evidence_sentences(_text_or_empty(cell)))
        elif kind == "extra":
            values[claim_field.name] = _extra_of(_text_or_empty(cell)) or {}
        else:
            values[claim_field.name] = _text_or_empty(cell)
    if values["confidence"] is None:
        values["confidence"] = 0.0
    return Claim(**values)


def row_flow_key(row: Mapping[str, Any]) -> str:
    """The :func:`~flows.models.flow_key` of a row of the claims table."""
    text = {
        c: _text_or_empty(row.get(c)) for c in ("claim_id", "article_id", "claimant", "stance", "origin", "destination")
    }
    return flow_key(
        text["claim_id"],
        text["article_id"],
        text["claimant"],
        text["stance"],
        text["origin"],
        Route.parse(row.get("via")),
        text["destination"],
    )


def evidence_sentences(cell: str) -> list[str]:
    """The evidence sentences of a table cell, one a line."""
    return [line for line in str(cell).split(EVIDENCE_SEPARATOR) if line.strip()]


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column in contract order and dtype: text as object str, numbers as float, routes as lists.

    A column the frame lacks comes out empty. Built in one go from Python
    lists: per-column pandas operations cost more than the conversions on the
    small tables a file or a page gives.
    """
    missing: list[object] = [None] * len(frame)
    cells: dict[str, object] = {}
    numbers: dict[str, object] = {}
    for column, kind in COLUMN_KINDS.items():
        values = frame[column].tolist() if column in frame.columns else missing
        if kind == "number":
            numbers[column] = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype="float64")
            cells[column] = missing
        elif kind == "route":
            routes = np.empty(len(values), dtype=object)  # one list per cell, never a 2-D array
            for position, value in enumerate(values):
                routes[position] = list(Route.parse(value))
            cells[column] = routes
        else:
            cells[column] = [value if value.__class__ is str else _text_or_empty(value) for value in values]
    # dtype=object: the contract's cells are Python str, not pandas' own string dtype.
    out = pd.DataFrame(cells, index=frame.index, columns=list(CLAIM_COLUMNS), dtype=object)
    for column, values in numbers.items():
        out[column] = values
    return out


def _text_or_empty(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    return str(value)


def _number_or_none(value: object) -> float | None:
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]  # a validated row holds numbers here


def _extra_of(cell: str) -> dict[str, str] | None:
    """The keys of an ``extra`` cell; None when it is not a JSON object of texts."""
    if not cell:
        return {}
    try:
        loaded = json.loads(cell)
    except json.JSONDecodeError:
        return None
    if not isinstance(loaded, dict) or not all(isinstance(v, str) for v in loaded.values()):
        return None
    return loaded


def merge_claims(existing: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Union of two claims tables; a claim_id already present is kept, not duplicated."""
    if existing.empty:
        return new.reset_index(drop=True)
    fresh = new[~new["claim_id"].isin(set(existing["claim_id"]))]
    return pd.concat([existing, fresh], ignore_index=True)


# --------------------------------------------------------------------------- legs


def legs(claims: pd.DataFrame) -> pd.DataFrame:
    """The legs table: one row per hop of each route of each claim.

    ``leg`` numbers the hops of a route from 1; parallel routes repeat numbers.
    Roles are ``origin``, ``intermediary`` and ``destination``. Rows come in
    claim order, then route, then hop.
    """
    columns = list(LEG_COLUMNS)
    if claims.empty:
        return pd.DataFrame({c: [] for c in columns}).astype({"leg": "int64", "weight": "float64"})
    # Vectorised for the common shapes (direct, or one intermediary per route);
    # chains ("POL>SVK") are few and take the general path.
    frame = pd.DataFrame(
        {
            "order": range(len(claims)),
            "claim_id": claims["claim_id"].to_numpy(),
            "origin": claims["origin"].to_numpy(),
            "destination": claims["destination"].to_numpy(),
            "via": claims["via"].to_numpy(),
        }
    )
    routes_per_claim = frame["via"].map(len)
    direct = frame[routes_per_claim == 0]
    routed = frame[routes_per_claim > 0].assign(weight=1.0 / routes_per_claim[routes_per_claim > 0])
    routed = routed.explode("via").assign(route=lambda f: f.groupby(level=0).cumcount())
    # A route's cells are normalised chain texts (typed): a separator inside one marks a chain.
    chained = routed["via"].str.contains(CHAIN_SEPARATOR, regex=False)
    single = routed[~chained]
    parts = [
        pd.DataFrame(
            {
                "order": direct["order"],
                "route": 0,
                "leg": 1,
                "claim_id": direct["claim_id"],
                "from": direct["origin"],
                "to": direct["destination"],
                "from_role": "origin",
                "to_role": "destination",
                "weight": 1.0,
            }
        ),
        pd.DataFrame(
            {
                "order": single["order"],
                "route": single["route"],
                "leg": 1,
                "claim_id": single["claim_id"],
                "from": single["origin"],
                "to": single["via"],
                "from_role": "origin",
                "to_role": "intermediary",
                "weight": single["weight"],
            }
        ),
        pd.DataFrame(
            {
                "order": single["order"],
                "route": single["route"],
                "leg": 2,
                "claim_id": single["claim_id"],
                "from": single["via"],
                "to": single["destination"],
                "from_role": "intermediary",
                "to_role": "destination",
                "weight": single["weight"],
            }
        ),
    ]
    chain_rows = []
    for order, route, claim_id, origin, entry, destination, weight in routed[chained][
        ["order", "route", "claim_id", "origin", "via", "destination", "weight"]
    ].itertuples(index=False, name=None):
        (path,) = Route((entry,)).paths(origin, destination)
        for step in range(len(path) - 1):
            chain_rows.append(
                (
                    order,
                    route,
                    step + 1,
                    claim_id,
                    path[step],
                    path[step + 1],
                    "origin" if step == 0 else "intermediary",
                    "destination" if step == len(path) - 2 else "intermediary",
                    weight,
                )
            )
    if chain_rows:
        parts.append(
            pd.DataFrame(
                chain_rows,
                columns=["order", "route", "leg", "claim_id", "from", "to", "from_role", "to_role", "weight"],
            )
        )
    result = pd.concat([p for p in parts if not p.empty], ignore_index=True)
    result = result.sort_values(["order", "route", "leg"], kind="stable")
    return result[columns].reset_index(drop=True).astype({"leg": "int64", "weight": "float64"})


# --------------------------------------------------------------------------- validation


def _check_code(value: str, column: str, row: int, problems: list[RowProblem], required: bool) -> None:
    if not value:
        if required:
            problems.append(RowProblem(row, column, "is empty"))
        return
    if not countries.is_known_code(value):
        problems.append(RowProblem(row, column, "is not a known ISO 3166-1 alpha-3 code", value))


def validate_row(record: dict[str, object], row: int) -> list[RowProblem]:
    """Everything wrong with one record of the claims table."""
    problems: list[RowProblem] = []
    text: dict[str, str] = {}
    for column in TEXT_COLUMNS:
        value = record.get(column)
        if value.__class__ is str:
            text[column] = value
        elif value is None or (isinstance(value, float) and math.isnan(value)):
            text[column] = ""
        elif isinstance(value, str):
            text[column] = str(value)
        else:
            problems.append(RowProblem(row, column, "must be text", repr(value)[:60]))
    via_value = record.get("via")
    if not is_route_shaped(via_value):
        problems.append(
            RowProblem(
                row, "via", f"must be a list of codes or a '{ROUTE_SEPARATOR}'-joined text", repr(via_value)[:60]
            )
        )
    if problems:
        return problems
    if not text["claim_id"]:
        problems.append(RowProblem(row, "claim_id", "is empty"))
    if not is_stance(text["stance"]):
        problems.append(RowProblem(row, "stance", f"must be one of {', '.join(STANCES)}", text["stance"]))
    _check_code(text["origin"], "origin", row, problems, required=True)
    _check_code(text["destination"], "destination", row, problems, required=True)
    _check_code(text["claimant_country"], "claimant_country", row, problems, required=False)
    for chain in Route.parse(via_value).chains():
        for code in chain:
            _check_code(code, "via", row, problems, required=True)
    claim_date = text["claim_date"]
    if claim_date and date_start(claim_date) is None:
        problems.append(RowProblem(row, "claim_date", "is not an ISO 8601 date (YYYY[-MM[-DD]])", claim_date))
    precision = text["date_precision"]
    if not is_date_precision(precision):
        problems.append(RowProblem(row, "date_precision", "must be day, month, year or empty", precision))
    elif claim_date and date_start(claim_date) is not None and precision != precision_of(claim_date):
        problems.append(RowProblem(row, "date_precision", f"does not match claim_date {claim_date!r}", precision))
    published = text["published"]
    if published and not is_day(published):
        problems.append(RowProblem(row, "published", "is not an ISO 8601 date (YYYY-MM-DD)", published))
    if _extra_of(text["extra"]) is None:
        problems.append(RowProblem(row, "extra", "must be a JSON object of texts", text["extra"][:60]))
    for column in NUMERIC_COLUMNS:
        value = record.get(column)
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            continue
        if isinstance(value, bool):
            problems.append(RowProblem(row, column, "is not a number", str(value)))
            continue
        try:
            number = float(value)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            problems.append(RowProblem(row, column, "is not a number", str(value)))
            continue
        if math.isinf(number) or (column != "value" and number < 0):
            problems.append(RowProblem(row, column, "is out of range", str(value)))
        elif column == "confidence" and number > 1:
            problems.append(RowProblem(row, column, "must be between 0 and 1", str(value)))
    return problems


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """The frame's rows as dicts of Python values (what ``to_dict("records")`` gives, faster)."""
    names = [str(name) for name in frame.columns]
    columns = [frame.iloc[:, position].tolist() for position in range(len(names))]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)] if names else []


def validate(
    frame: pd.DataFrame, row_numbers: Sequence[int] | None = None, record_numbers: Sequence[int] | None = None
) -> LoadResult:
    """Split a raw frame into valid claims and a list of problems per row and column.

    ``row_numbers`` name each row in problems (a file's line numbers; by
    default the position from 1), ``record_numbers`` its record number in the
    file. Columns beyond the contract's (a person's ``notes``) are kept, as
    they are, after the contract's: reading and rewriting a file never loses them.
    """
    missing = [c for c in REQUIRED_COLUMNS if c not in frame.columns]
    if missing:
        raise TableError(f"missing columns: {', '.join(missing)}")
    numbers = list(row_numbers) if row_numbers is not None else list(range(1, len(frame) + 1))
    records = list(record_numbers) if record_numbers is not None else [None] * len(frame)
    problems: list[RowProblem] = []
    keep: list[bool] = []
    seen_ids: set[str] = set()
    for values, row, record in zip(_records(frame), numbers, records, strict=True):
        row_problems = validate_row(values, row)
        claim_id = _text_or_empty(values.get("claim_id"))
        if not row_problems and claim_id in seen_ids:
            row_problems.append(RowProblem(row, "claim_id", "duplicates an earlier row", claim_id))
        seen_ids.add(claim_id)
        if record is not None:
            row_problems = [replace(problem, record=record) for problem in row_problems]
        problems.extend(row_problems)
        keep.append(not row_problems)
    valid = frame[pd.Series(keep, index=frame.index, dtype=bool)] if len(frame) else frame
    valid = valid.reset_index(drop=True)
    claims = typed(valid)
    for column in (c for c in valid.columns if c not in COLUMN_KINDS):
        claims[column] = valid[column].to_numpy()
    return LoadResult(claims, problems, len(frame))


# --------------------------------------------------------------------------- reading


def _format_of(path: Path, fmt: str | None) -> str:
    if fmt:
        return fmt
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("csv", "jsonl", "parquet"):
        return suffix
    if suffix in ("ndjson", "json"):
        return "jsonl"
    raise TableError(f"{path}: unknown claims file type {path.suffix!r} (use .csv, .jsonl or .parquet)")


def read_claims(path: str | Path, fmt: str | None = None) -> LoadResult:
    """Read and validate a claims file (or a folder of Parquet parts); bad rows are reported, valid rows kept."""
    path = Path(path)
    if path.is_dir():
        return read_claims_folder(path)
    kind = _format_of(path, fmt)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise TableError(f"{path}: {error.strerror or error}") from error
    return read_claims_bytes(data, kind, name=str(path))


def partition_files(folder: Path) -> list[Path]:
    """A claims folder's Parquet parts, in the order their rows come (by name: part-00000.parquet, ...)."""
    return sorted(p for p in folder.iterdir() if p.suffix == ".parquet" and not p.name.startswith("."))


def read_claims_folder(folder: str | Path) -> LoadResult:
    """Read a folder of Parquet parts (what ``flows extract -o FOLDER/`` and the Dask path write) as one claims table.

    Parts are read in name order; a problem names its row by position in the
    whole table, as for one Parquet file.
    """
    folder = Path(folder)
    try:
        parts = partition_files(folder)
    except OSError as error:
        raise TableError(f"{folder}: {error.strerror or error}") from error
    if not parts:
        raise TableError(f"{folder}: no .parquet files in this folder; not a claims folder")
    frames = []
    for part in parts:
        try:
            frames.append(_parquet_frame(part.read_bytes(), str(part)))
        except OSError as error:
            raise TableError(f"{part}: {error.strerror or error}") from error
    frame = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    return _validated_parquet(frame)


def check_output_folder(path: str | Path) -> Path:
    """Raise :class:`TableError` unless ``path`` can become a folder of Parquet parts; returns it.

    The folder must be new or empty (its parts are the run's, nothing merged
    into), and its parent must exist: a mistyped parent is never created.
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise TableError(f"{path}: is a file; a folder of Parquet parts is written here")
    if folder.is_dir() and any(folder.iterdir()):
        raise TableError(f"{path}: the folder is not empty; give a new or empty folder for the Parquet parts")
    check_writable(folder / "part-00000.parquet" if folder.is_dir() else folder)
    return folder


def read_claims_bytes(data: bytes, fmt: str, name: str = "<claims>") -> LoadResult:
    """Validate a claims file's bytes: ``fmt`` is csv, jsonl or parquet; ``name`` names it in messages."""
    if fmt == "csv":
        return read_claims_csv(data, name)
    if fmt == "jsonl":
        return _read_jsonl(data, name)
    if fmt == "parquet":
        return _read_parquet(data, name)
    raise TableError(f"{name}: unknown claims file type {fmt!r} (use csv, jsonl or parquet)")


def read_claims_csv(data: bytes, name: str = "<csv>") -> LoadResult:
    """Validate claims CSV bytes (as written by :func:`to_csv_bytes`)."""
    first_line = data[:8192].split(b"\n", 1)[0]
    if b"\x00" in first_line:
        raise TableError(f"{name}: binary file, not a CSV claims table")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TableError(f"{name}: not UTF-8 text (byte {error.start}); save it as UTF-8 and try again") from error
    if not text.strip():
        raise TableError(f"{name}: empty file")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as error:
        raise TableError(f"{name}: {error}") from error
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise TableError(f"{name}: not a claims table, missing columns: {', '.join(missing)}")
    _refuse_repeated(header, name)
    rows: list[list[str]] = []
    numbers: list[int] = []
    record_numbers: list[int] = []
    problems: list[RowProblem] = []
    record = 0
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            problems.append(RowProblem(line, RECORD_COLUMN, f"unreadable CSV record: {error}", record=record + 1))
            break
        if not cells:
            continue
        record += 1
        if len(cells) != len(header):
            message = f"has {len(cells)} cells, the header has {len(header)}"
            problems.append(RowProblem(line, RECORD_COLUMN, message, record=record))
            continue
        rows.append([unguard_cell(cell) for cell in cells])
        numbers.append(line)
        record_numbers.append(record)
    frame = pd.DataFrame(rows, columns=header) if rows else pd.DataFrame(columns=header)
    result = validate(frame, numbers, record_numbers)
    result.problems[:0] = problems
    result.problems.sort(key=lambda problem: problem.row)
    result.rows_read += len(problems)
    return result


def _refuse_repeated(columns: Sequence[str], name: str) -> None:
    """A header naming a column twice is ambiguous: which cell is the claim's?"""
    repeated = sorted({c for c in columns if columns.count(c) > 1})
    if repeated:
        raise TableError(f"{name}: line 1: the header names {', '.join(repeated)} more than once")


def _read_jsonl(data: bytes, name: str) -> LoadResult:
    records: list[dict[str, object]] = []
    numbers: list[int] = []
    record_numbers: list[int] = []
    problems: list[RowProblem] = []
    # Lines as a text file has them (universal newlines): a JSON string may hold
    # U+2028 or U+0085 unescaped, where str.splitlines would cut the record.
    lines = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", errors="strict")
    record = 0
    try:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            record += 1
            try:
                loaded = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as error:
                reason = error.msg if isinstance(error, json.JSONDecodeError) else "nested too deep"
                problems.append(RowProblem(number, RECORD_COLUMN, f"invalid JSON: {reason}", record=record))
                continue
            if not isinstance(loaded, dict):
                problems.append(RowProblem(number, RECORD_COLUMN, "is not a JSON object", record=record))
                continue
            records.append(loaded)
            numbers.append(number)
            record_numbers.append(record)
    except UnicodeDecodeError as error:
        raise TableError(f"{name}: not UTF-8 text ({error.reason})") from error
    # The contract's columns, then any other key the records have, in order of appearance.
    columns = list(CLAIM_COLUMNS)
    columns += list(dict.fromkeys(str(k) for r in records for k in r if k not in COLUMN_KINDS))
    frame = pd.DataFrame(records).reindex(columns=columns) if records else pd.DataFrame(columns=columns)
    result = validate(frame, numbers, record_numbers)
    result.problems[:0] = problems
    result.problems.sort(key=lambda problem: problem.row)
    result.rows_read += len(problems)
    return result


def _read_parquet(data: bytes, name: str) -> LoadResult:
    return _validated_parquet(_parquet_frame(data, name))


def _parquet_frame(data: bytes, name: str) -> pd.DataFrame:
    try:
        return pd.read_parquet(io.BytesIO(data))
    except Exception as error:  # pyarrow raises many kinds; all mean "not a readable parquet"
        raise TableError(f"{name}: not a readable Parquet file ({error})") from error


def _validated_parquet(frame: pd.DataFrame) -> LoadResult:
    for column in ROUTE_COLUMNS:
        if column in frame.columns:  # a list column comes back as numpy arrays
            frame[column] = frame[column].map(lambda v: list(v) if v is not None and not isinstance(v, str) else v)
    result = validate(frame, record_numbers=range(1, len(frame) + 1))
    result.by_line = False
    return result


# --------------------------------------------------------------------------- writing


def guard_cell(value: str) -> str:
    """Neutralise a text cell a spreadsheet would run as a formula (prefix a quote).

    A cell that already starts with a quote gets one more, so that
    :func:`unguard_cell` can always take exactly one off again.
    """
    if value and value.startswith((*_FORMULA_STARTS, "'")):
        return "'" + value
    return value


def unguard_cell(value: str) -> str:
    """Undo :func:`guard_cell`, so a guarded CSV reads back to the same text."""
    if len(value) > 1 and value[0] == "'" and value[1:].startswith((*_FORMULA_STARTS, "'")):
        return value[1:]
    return value


def _number_cell(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def to_csv_bytes(frame: pd.DataFrame, columns: Sequence[str] | None = None, header: bool = True) -> bytes:
    """CSV (UTF-8, formula-safe) of a claims or legs table; without ``header``, rows to append to one."""
    columns = list(columns or frame.columns)
    out = io.StringIO(newline="")
    # RFC 4180 line ends: with "\r\n" as terminator the writer also quotes a
    # cell holding a bare "\r", which would otherwise split the record on reading.
    writer = csv.writer(out, lineterminator="\r\n")
    if header:
        writer.writerow(columns)
    for record in frame[columns].itertuples(index=False, name=None):
        cells = []
        for column, value in zip(columns, record, strict=True):
            if column in ROUTE_COLUMNS:
                cells.append(guard_cell(Route.parse(value).format()))
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                cells.append(_number_cell(value))
            else:
                cells.append(guard_cell(_text_or_empty(value)))
        writer.writerow(cells)
    return out.getvalue().encode("utf-8")


def to_jsonl_bytes(frame: pd.DataFrame) -> bytes:
    lines = []
    for record in frame.to_dict("records"):
        clean = {
            k: (None if isinstance(v, float) and math.isnan(v) else (list(v) if k in ROUTE_COLUMNS else v))
            for k, v in record.items()
        }
        lines.append(json.dumps(clean, ensure_ascii=False))
    return ("\n".join(lines) + ("\n" if lines else "")).encode("utf-8")


def to_parquet_bytes(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _target(path: Path) -> Path:
    """The file a write to ``path`` changes: a symlink's target (the link stays a link)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_writable(path: str | Path) -> Path:
    """Raise :class:`TableError` unless a file can be written at ``path``; returns the file written.

    Checked before any work, so a typo in an output path costs nothing: the
    folder must exist (it is never created: a mistyped folder would go
    unnoticed), be a folder and be writable, and ``path`` must not be a folder.
    """
    path = Path(path)
    target = _target(path)
    folder = target.parent
    if target.is_dir():
        raise TableError(f"{path}: is a folder; give a file name")
    if not folder.exists():
        raise TableError(f"{path}: the folder {folder} does not exist; create it first")
    if not folder.is_dir():
        raise TableError(f"{path}: {_first_file(folder)} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise TableError(f"{path}: permission denied")
    return target


def _first_file(folder: Path) -> Path:
    """The part of ``folder`` that is a file (``out.csv`` in ``out.csv/claims.csv``)."""
    for parent in (folder, *folder.parents):
        if parent.exists():
            return parent
    return folder


def check_output(path: str | Path, fmt: str | None = None) -> str:
    """The claims file type written at ``path`` (csv, jsonl or parquet), after :func:`check_writable`.

    Raises :class:`TableError` for an unknown suffix or a path that cannot be written.
    """
    kind = _format_of(Path(path), fmt)
    check_writable(path)
    return kind


def _new_file_mode() -> int:
    """What ``open()`` gives a new file: 0o666 less the process's umask."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def atomic_write(path: str | Path, data: bytes) -> None:
    """Write bytes to ``path`` via a temp file and rename: never a half-written file.

    The file keeps its mode when it exists (a new one gets the umask's, as
    ``open()`` would give it), and a symlink is written through to its target.
    Raises :class:`TableError` when the folder is missing or not writable.
    """
    with atomic_file(path) as out:
        out.write(data)


@contextlib.contextmanager
def atomic_file(path: str | Path) -> Iterator[IO[bytes]]:
    """A temp file beside ``path`` to write in parts; it replaces ``path`` when the block ends without error.

    As :func:`atomic_write` (which writes through this): mode kept, symlinks
    written through, never a half-written file; on an error the temp file is removed.
    """
    path = Path(path)
    target = check_writable(path)
    mode = (target.stat().st_mode & 0o7777) if target.exists() else _new_file_mode()
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise TableError(f"{path}: cannot write: {error.strerror or error}") from error
    try:
        with os.fdopen(handle, "wb") as out:
            yield out
            out.flush()
            os.fchmod(out.fileno(), mode)  # mkstemp makes it 0600 whatever the umask
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException as error:
        Path(temp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise TableError(f"{path}: cannot write: {error.strerror or error}") from error
        raise


def table_bytes(frame: pd.DataFrame, fmt: str) -> bytes:
    """A claims or legs table as the bytes of a ``csv``, ``jsonl`` or ``parquet`` file."""
    if fmt == "csv":
        return to_csv_bytes(frame)
    if fmt == "jsonl":
        return to_jsonl_bytes(frame)
    if fmt == "parquet":
        return to_parquet_bytes(frame)
    raise TableError(f"unknown claims file type {fmt!r} (use csv, jsonl or parquet)")


def write_table(frame: pd.DataFrame, path: str | Path, fmt: str | None = None) -> None:
    """Write a claims or legs table as CSV, JSONL or Parquet (by extension), atomically."""
    kind = check_output(path, fmt)
    atomic_write(path, table_bytes(frame, kind))


@dataclass(frozen=True)
class Merged:
    """What :func:`write_merged` wrote: all the rows, and how many of them are new."""

    rows: int
    new: int


def write_merged(frame: pd.DataFrame, path: str | Path) -> Merged:
    """Write claims to ``path``, merged into the claims file already there (by ``claim_id``).

    Raises :class:`TableError` when that file holds invalid rows: rewriting it
    would drop them, so it is left as it is.
    """
    existing = claims_to_merge_into(path)
    before = 0
    if existing is not None:
        before = len(existing)
        frame = merge_claims(existing, frame)
    write_table(frame, path)
    return Merged(rows=len(frame), new=len(frame) - before)


def claims_to_merge_into(path: str | Path) -> pd.DataFrame | None:
    """The claims of the file at ``path`` that new claims are merged into; ``None`` when there is no file.

    Raises :class:`TableError` when that file holds invalid rows: rewriting it
    would drop them, so it is left as it is.
    """
    path = Path(path)
    if not path.exists():
        return None
    existing = read_claims(path)
    if existing.rows_rejected:
        raise TableError(
            f"{path}: {existing.rows_rejected} invalid rows; fix them (flows validate {path}) before adding to it"
        )
    return existing.claims
