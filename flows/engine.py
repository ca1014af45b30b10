"""The dashboard's analytical engine: an embedded DuckDB copy of the store, queried per view.

The store of record (:mod:`flows.store`) stays transactional; this is a
read-only columnar copy of its claims, built once per store revision, with
two tables:

* ``claims``: the claims table's columns (``via`` as its route text), the
  helper columns of :mod:`flows.filters` (date span, kind of source, the
  intermediaries key, the casefolded search text) and ``_row``, the store's
  order;
* ``legs``: one row per hop (:func:`flows.table.legs`' rows and weights),
  each with its claim's columns, so a view's filter applies to it as it is,
  and ``_drawable`` (both ends can be placed on the map).

A view (:meth:`Engine.view`) applies the filters of :func:`flows.filters.rules_for`
(each rule renders its own SQL: one definition of what a filter keeps) and
returns only small frames: the headline, what each filter leaves, the Sankey's
links, the map's lines and places, the timeline's bars, a page of table rows.
The figures are drawn from those by :mod:`flows.figures`' ``*_of_links`` and
``timeline_of_bars``, the same drawers the pandas path ends in, so both paths
give the same figure. Every value from a view state is a bound parameter,
never SQL text.
"""

from __future__ import annotations

import glob
import hashlib
import html
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, overload

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from flows import countries, dossier, figures, filters, geo, pipeline
from flows.dates import date_end, date_start
from flows.filters import END, KIND, START, TEXT, VIA, Counts, Headline, Rule, Search, Step, Through
from flows.route import Route
from flows.state import ViewState
from flows.store import Store, sqlite_path
from flows.table import CLAIM_COLUMNS, NUMERIC_COLUMNS, ROUTE_COLUMNS, typed
from flows.vocabulary import CATEGORIES, MEASURES, STANCES, source_kind

ROW = "_row"  # the store's order of claims (seq, claim_id)
DRAWABLE = "_drawable"
UNDRAWN = "_undrawn"
# Each row's claim and report (flows.corroborate; a row never corroborated is its own),
# and how many rows of the whole store share it: a lone row needs no distinct count.
ASSERTION, REPORT = "_assertion", "_report"
ASSERTION_ROWS, REPORT_ROWS = (
    "_assertion_rows",
    "_report_rows",
)  # claims: a leg of it names a country the map cannot place
MONTH, TIMELINE_ORDER = "_month", "_timeline_order"  # claims: the timeline's month, and its order of listing
DATE_RANK, QUOTE_RANK, REPEAT = "_date_rank", "_quote_rank", "_repeat"  # legs: see _LEGS_SQL
LEG_ORDER = "_leg_order"  # claim order, then route, then hop: the legs table's order
# A claim's routes and a route's hops are numbered within these (LEG_ORDER packs them).
_ROUTE_SPAN, _LEG_SPAN = 1 << 20, 1 << 10
_ORDER_BITS = 60  # a quote rank's low bits: its leg's order (row, route, leg)
# The order of a date's start (or end) within a claim's place: first_date/last_date ties.
_DAY_SPAN = 1 << 32


def _stances_said(pairs: Any) -> str:
    """A link's claims by stance (``[{stance, n}]``, "" for a stance outside the vocabulary) in vocabulary
    order, as :func:`flows.figures._stance_breakdown` words them: "2 reported, 1 denied"."""
    counted = {str(pair["stance"]): int(pair["n"]) for pair in pairs}
    names = [*STANCES, ""]
    return ", ".join(f"{counted[s]} {s or 'other stance'}" for s in names if counted.get(s))


class EngineError(RuntimeError):
    """The analytical copy cannot be built or read (a clean, one-line message)."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# --------------------------------------------------------------------------- building


def _helper_columns(claims: pd.DataFrame) -> pd.DataFrame:
    """The store's rows (``via`` as route text) with the helper columns, column by column.

    Values are worked out once per distinct date, method and route, as
    :func:`flows.filters.prepare` does, so a million rows cost a few maps.
    """
    frame = pd.DataFrame(index=pd.RangeIndex(len(claims)))
    for column in CLAIM_COLUMNS:
        values = claims[column] if column in claims.columns else pd.Series([None] * len(claims))
        values = values.reset_index(drop=True)
        if column in NUMERIC_COLUMNS:
            frame[column] = pd.to_numeric(values, errors="coerce").astype("float64")
        elif column in ROUTE_COLUMNS:
            unique = pd.unique(values.map(lambda v: v if isinstance(v, str) else Route.parse(v).format()))
            formatted = {v: Route.parse(v).format() for v in unique}
            frame[column] = values.map(lambda v: v if isinstance(v, str) else Route.parse(v).format()).map(formatted)
        else:
            frame[column] = values.where(values.notna(), "").astype(str)
    dates = frame["claim_date"]
    unique_dates = dates.unique()
    frame[START] = pd.to_datetime(dates.map({d: date_start(d) for d in unique_dates}), errors="coerce")
    frame[END] = pd.to_datetime(dates.map({d: date_end(d) for d in unique_dates}), errors="coerce")
    frame[KIND] = frame["method"].map({m: source_kind(m) for m in frame["method"].unique()})
    frame[VIA] = frame["via"].map({v: filters.via_key(v) for v in frame["via"].unique()})
    frame[TEXT] = [
        f"{items}\n{evidence}".casefold() for items, evidence in zip(frame["items"], frame["evidence"], strict=True)
    ]
    frame[ROW] = np.arange(len(frame), dtype=np.int64)
    for derived, column, rows in ((ASSERTION, "assertion_id", ASSERTION_ROWS), (REPORT, "report_id", REPORT_ROWS)):
        frame[derived] = frame[column].where(frame[column] != "", frame["claim_id"])
        frame[rows] = frame.groupby(derived)[derived].transform("size").astype("int64")
    # The timeline lists a bar's claims by date, then store order: a stable sort, ranked.
    order = np.empty(len(frame), dtype=np.int64)
    order[np.argsort(frame["claim_date"].to_numpy(dtype=object), kind="stable")] = np.arange(len(frame))
    frame[TIMELINE_ORDER] = order
    return frame


# The claims' columns each leg carries: what a filter (flows.filters' rules) or a figure reads.
_LEG_CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id", "claim_date", "claimant", "claimant_country", "stance", "origin", "via", "destination",
    "category", "confidence", "quantity", "value", "value_unit", "evidence", "source", START, END, KIND, VIA, TEXT, ROW,
    ASSERTION, REPORT, ASSERTION_ROWS, REPORT_ROWS,
)  # fmt: skip
# The timeline's month: a claim dated to a year counts in its January (as flows.figures.timeline).
_MONTH_SQL = (
    "try_strptime(CASE WHEN length(claim_date) >= 7 THEN claim_date[1:7] ELSE claim_date || '-01' END, '%Y-%m')"
)
_DATES_SQL = f"""
CREATE TABLE dates AS
SELECT claim_date, row_number() OVER (ORDER BY claim_date) AS {DATE_RANK}
FROM (SELECT DISTINCT claim_date FROM claims WHERE claim_date <> '')
"""
_LEGS_SQL = f"""
CREATE TABLE legs AS
WITH routes AS (
    -- Only what filters and figures read: every other column stays in the claims table.
    SELECT {", ".join(_LEG_CLAIM_COLUMNS)}, CASE WHEN via = '' THEN [''] ELSE string_split(via, ';') END AS _chains
    FROM claims
), route AS (
    SELECT * EXCLUDE (_chains), unnest(_chains) AS _chain, generate_subscripts(_chains, 1) - 1 AS _route,
           len(_chains) AS _routes
    FROM routes
), hops AS (
    SELECT *, CASE WHEN _chain = '' THEN []::VARCHAR[] ELSE string_split(_chain, '>') END AS _hops FROM route
), ends AS (
    SELECT *, list_concat([origin], _hops) AS _froms, list_concat(_hops, [destination]) AS _tos FROM hops
), flat AS (
    SELECT * EXCLUDE (_chain, _hops, _froms, _tos), unnest(_froms) AS "from", unnest(_tos) AS "to",
           generate_subscripts(_froms, 1) AS leg, len(_froms) AS _hop_count
    FROM ends
)
SELECT * EXCLUDE (_hop_count, _again),
       CASE WHEN leg = 1 THEN 'origin' ELSE 'intermediary' END AS from_role,
       CASE WHEN leg = _hop_count THEN 'destination' ELSE 'intermediary' END AS to_role,
       1.0 / _routes AS weight,
       {ROW} * {_ROUTE_SPAN * _LEG_SPAN} + _route * {_LEG_SPAN} + leg AS {LEG_ORDER},
       list_contains($points, "from") AND list_contains($points, "to") AS {DRAWABLE},
       -- What the figures' summaries need, fixed per leg, so a view aggregates integers:
       -- the date's rank, the leg's rank as a link's quote (evidence first, then the
       -- earliest date, then the legs' order), and whether its claim had this hop already.
       dates.{DATE_RANK},
       -- packed in one number (no sort of the whole table): no evidence, no date, date rank, legs' order
       (evidence = '')::HUGEINT * {1 << 101} + coalesce(dates.{DATE_RANK}, {(1 << 40) - 1})::HUGEINT * {1 << _ORDER_BITS}
           + ({ROW} * {_ROUTE_SPAN * _LEG_SPAN} + _route * {_LEG_SPAN} + leg) AS {QUOTE_RANK},
       -- Only a claim of several routes, or of a chain, can pass one hop twice: ranked apart.
       coalesce(repeats._again, false) AS {REPEAT}
FROM flat LEFT JOIN dates USING (claim_date)
LEFT JOIN (
    SELECT {ROW}, _route, leg, row_number() OVER (PARTITION BY {ROW}, "from", "to" ORDER BY _route, leg) > 1 AS _again
    FROM flat WHERE _routes > 1 OR _hop_count > 2
) AS repeats USING ({ROW}, _route, leg)
"""


SCANNING_RULES = (Search, Through)  # filters that read a string of every row
SMALL_COPY = 200_000  # claims below which one DuckDB thread answers faster than two


def _connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    # Two threads: the machine's cores; a memory cap so a big store spills, never swaps.
    config: dict[str, str | bool | int | float | list[str]] = {"threads": 2, "memory_limit": "1GB"}
    return duckdb.connect(str(path), read_only=read_only, config=config)


def _fill(connection: duckdb.DuckDBPyConnection, claims: pd.DataFrame, revision: int) -> None:
    frame = _helper_columns(claims)
    # An explicit schema: an empty store's columns would otherwise be guessed as numbers.
    schema = pa.schema(
        [
            (
                column,
                pa.float64()
                if column in NUMERIC_COLUMNS
                else pa.int64()
                if column in (ROW, TIMELINE_ORDER, ASSERTION_ROWS, REPORT_ROWS)
                else pa.string(),
            )
            for column in frame.columns
            if column not in (START, END)
        ]
        + [(START, pa.timestamp("ns")), (END, pa.timestamp("ns"))]
    )
    incoming = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    connection.register("incoming", incoming)
    connection.execute(
        f"CREATE TABLE claims AS SELECT * REPLACE ({START}::DATE AS {START}, {END}::DATE AS {END}), "
        f"{_MONTH_SQL} AS {MONTH} FROM incoming"
    )
    connection.unregister("incoming")
    connection.execute(_DATES_SQL)
    connection.execute(_LEGS_SQL, {"points": sorted(geo.label_points().index)})
    connection.execute(f"ALTER TABLE claims ADD COLUMN {UNDRAWN} BOOLEAN DEFAULT false")
    connection.execute(
        f"UPDATE claims SET {UNDRAWN} = true WHERE {ROW} IN (SELECT {ROW} FROM legs WHERE NOT {DRAWABLE})"
    )
    connection.execute("CREATE TABLE engine_meta AS SELECT ?::BIGINT AS revision", [revision])


ENGINE_SUFFIX = ".duckdb"


def engine_path(location: str, revision: int) -> Path:
    """Where the analytical copy of a store at a revision lives: beside a SQLite file, else in the temp folder.

    One file per revision: DuckDB hands a process that opens a path again the
    database it already has open there, so a rebuilt copy must not reuse the
    old one's name. A database URL's copy is named by a hash of the URL, so no
    password reaches a file name.
    """
    path = sqlite_path(location)
    if path is not None:
        return path.with_name(f"{path.name}.engine-{revision}{ENGINE_SUFFIX}")
    digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "arms-flows" / f"store-{digest}.engine-{revision}{ENGINE_SUFFIX}"


def for_store(store: Store, revision: int) -> Engine:
    """The engine of a store at a revision: its file when built for that revision, else built from the store."""
    # Corroborated over the whole store, as the pandas path did: one name per claimant, each row's claim and report.
    path = engine_path(store.location, revision)
    current = Engine.at(path, revision, lambda: pipeline.corroborated(store.claims()))
    # Copies of other revisions are stale: removed (a process still reading one keeps it until it closes).
    stem = path.name[: path.name.rindex(".engine-") + len(".engine-")]
    for other in path.parent.glob(f"{glob.escape(stem)}*{ENGINE_SUFFIX}"):
        if other != path and other.name[len(stem) : -len(ENGINE_SUFFIX)].isdigit():
            other.unlink(missing_ok=True)
    return current


class Engine:
    """The analytical copy of one store revision; thread-safe (a cursor per query)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, revision: int) -> None:
        self._connection = connection
        self.revision = revision
        self._dates: dict[int, str] | None = None
        # A small copy's queries take a millisecond or two, of which handing work to a second thread
        # is a quarter (bench/dashboard.py); past SMALL_COPY rows the second core pays.
        if self.count() < SMALL_COPY:
            connection.execute("SET threads = 1")

    @classmethod
    def of_claims(cls, claims: pd.DataFrame, revision: int = 0) -> Engine:
        """An in-memory engine over a claims table (contract columns; ``via`` as lists or route text)."""
        connection = _connect(":memory:")
        _fill(connection, claims, revision)
        return cls(connection, revision)

    @classmethod
    def at(cls, path: Path, revision: int, claims: Callable[[], pd.DataFrame]) -> Engine:
        """The engine file at ``path`` for this revision, built from ``claims()`` when missing or stale.

        The file is written beside its final name and renamed into place, so a
        reader never opens half of one; it is opened read-only, so any number
        of processes can share it.
        """
        if path.exists():
            try:
                connection = _connect(path, read_only=True)
                stamped = connection.execute("SELECT revision FROM engine_meta").fetchone()
                if stamped is not None and int(stamped[0]) == revision:
                    return cls(connection, revision)
                connection.close()
            except duckdb.Error:
                pass  # stale, half-written by an older version, or not ours: built anew
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
            os.close(handle)
            os.unlink(temporary)  # duckdb makes the file itself
            building = _connect(temporary)
            try:
                _fill(building, claims(), revision)
                building.execute("CHECKPOINT")
            finally:
                building.close()
            os.replace(temporary, path)
            return cls(_connect(path, read_only=True), revision)
        except (OSError, duckdb.Error) as error:
            raise EngineError(f"cannot build the analytical copy {path.name}: {error}") from error

    def close(self) -> None:
        self._connection.close()

    # ------------------------------------------------------------------ queries

    def _frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        return self._connection.cursor().execute(sql, list(params)).df()

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        return self._connection.cursor().execute(sql, list(params)).fetchall()

    def count(self) -> int:
        return int(self._rows("SELECT count(*) FROM claims")[0][0])

    def options(self) -> dict[str, list[str]]:
        """The values each filter offers: sorted, without empty ones; categories in the vocabulary's order."""

        def distinct(column: str) -> list[str]:
            return sorted(str(v) for (v,) in self._rows(f"SELECT DISTINCT {_quoted(column)} FROM claims") if v)

        vias = {
            str(code)
            for (code,) in self._rows(f"SELECT DISTINCT unnest(string_split({VIA}, '|')) FROM claims WHERE {VIA} <> ''")
            if code
        }
        present = set(distinct("category"))
        return {
            "claimants": distinct("claimant"),
            "origins": distinct("origin"),
            "vias": sorted(vias),
            "destinations": distinct("destination"),
            "categories": [c for c in CATEGORIES if c in present],
            "claimant_countries": distinct("claimant_country"),
        }

    def dates(self) -> dict[int, str]:
        """Each claim date by its rank in date order (what the legs' date ranks stand for), read once."""
        if self._dates is None:
            self._dates = {
                int(rank): str(text) for text, rank in self._rows(f"SELECT claim_date, {DATE_RANK} FROM dates")
            }
        return self._dates

    def measures_available(self) -> tuple[str, ...]:
        """:func:`flows.figures.measures_available` of the whole store: claims and reports always."""
        numeric = [m for m in MEASURES if m not in ("claims", "reports")]
        present = self._rows(
            "SELECT " + ", ".join(f"count(*) FILTER (WHERE NOT isnan({_quoted(m)}))" for m in numeric) + " FROM claims"
        )[0]
        found = {m for m, count in zip(numeric, present, strict=True) if count}
        return tuple(m for m in MEASURES if m in ("claims", "reports") or m in found)

    def claimants(self) -> list[str]:
        return sorted(str(v) for (v,) in self._rows("SELECT DISTINCT claimant FROM claims"))

    def view(self, state: ViewState) -> View:
        return View(self, filters.rules_for(state))

    def legs_frame(self) -> pd.DataFrame:
        """Every leg in the legs table's order and columns (for checking against :func:`flows.table.legs`)."""
        return self._frame(
            f'SELECT claim_id, leg::BIGINT AS leg, "from", "to", from_role, to_role, weight FROM legs ORDER BY {LEG_ORDER}'
        )


# --------------------------------------------------------------------------- a view


def _where(rules: Sequence[Rule]) -> tuple[str, list[object]]:
    parts: list[str] = []
    params: list[object] = []
    for rule in rules:
        sql, values = rule.where()
        parts.append(f"({sql})")
        params.extend(values)
    return (" AND ".join(parts) or "TRUE"), params


@dataclass(frozen=True)
class Measure:
    """What a figure's widths count: a SQL expression per claim, its unit and a fallback note."""

    sql: str
    unit: str
    note: str


class View:
    """The claims a view's filters leave, and the small frames its page shows."""

    def __init__(self, engine: Engine, rules: Sequence[Rule]) -> None:
        self.engine = engine
        self.rules = tuple(rules)
        self.where, self.params = _where(self.rules)
        self._denials: int | None = None  # counted with the headline
        # A text search or an intermediary is a string scan of every row, and a page asks
        # a dozen queries of the filtered rows: the rows it leaves are found once, kept in
        # a temporary table of this view's own connection, and joined from then on.
        self._cursor: duckdb.DuckDBPyConnection | None = None
        if any(isinstance(rule, SCANNING_RULES) for rule in self.rules):
            self._cursor = engine._connection.cursor()
            self._cursor.execute(
                f"CREATE TEMP TABLE _selected AS SELECT {ROW} FROM claims WHERE {self.where}", self.params
            )
            self.where, self.params = f"{ROW} IN (SELECT {ROW} FROM _selected)", []

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        if self._cursor is None:
            return self.engine._rows(sql, params)
        return self._cursor.execute(sql, list(params)).fetchall()

    def _frame(self, sql: str, params: Sequence[object] = ()) -> pd.DataFrame:
        if self._cursor is None:
            return self.engine._frame(sql, params)
        return self._cursor.execute(sql, list(params)).df()

    # ------------------------------------------------------------------ counts

    def counts(self) -> Counts:
        """What each filter leaves, as :func:`flows.filters.apply` counts it, in one scan."""
        counts = ["count(*)"]
        params: list[object] = []
        conditions: list[tuple[str, list[object]]] = []
        for rule in self.rules:
            conditions.append(rule.where())
            counts.append("count(*) FILTER (WHERE " + " AND ".join(f"({sql})" for sql, _ in conditions) + ")")
            params.extend(value for _, values in conditions for value in values)
        row = self._rows(f"SELECT {', '.join(counts)} FROM claims", params)[0]
        steps = tuple(Step(rule, rule.describe(), int(left)) for rule, left in zip(self.rules, row[1:], strict=True))
        total = int(row[0])
        return Counts(steps[-1].left if steps else total, total, steps)

    def count(self) -> int:
        return int(self._rows(f"SELECT count(*) FROM claims WHERE {self.where}", self.params)[0][0])

    def denials(self) -> int:
        """:func:`flows.figures.headline_denials` of the filtered claims: denied claims, each counted once.

        Counted in :meth:`headline`'s scan when the page has asked for it (it always does first).
        """
        if self._denials is None:
            self._denials = int(
                self._rows(
                    f"SELECT count(DISTINCT {ASSERTION}) FILTER (WHERE stance = 'denied') FROM claims WHERE {self.where}",
                    self.params,
                )[0][0]
            )
        return self._denials

    def headline(self) -> Headline:
        """As :func:`flows.filters.headline` of the filtered claims."""
        row = self._rows(
            f"""
            SELECT count(DISTINCT {ASSERTION}), count(DISTINCT claimant) FILTER (WHERE claimant <> ''),
                   arg_min(claim_date, date_diff('day', DATE '1900-01-01', {START})::BIGINT * {_DAY_SPAN} + {ROW})
                       FILTER (WHERE {START} IS NOT NULL),
                   arg_max(claim_date, date_diff('day', DATE '1900-01-01', {END})::BIGINT * {_DAY_SPAN} - {ROW})
                       FILTER (WHERE {START} IS NOT NULL),
                   count(DISTINCT {REPORT}), count(DISTINCT source) FILTER (WHERE source <> ''),
                   count(DISTINCT {ASSERTION}) FILTER (WHERE stance = 'denied')
            FROM claims WHERE {self.where}
            """,
            self.params,
        )[0]
        self._denials = int(row[6])
        if not row[0]:
            return Headline(0, 0, 0, "", "")
        places = self._rows(
            f"""
            SELECT count(DISTINCT code) FROM (
                SELECT unnest(list_concat([origin, destination], string_split({VIA}, '|'))) AS code
                FROM claims WHERE {self.where}
            ) WHERE code <> ''
            """,
            self.params,
        )[0][0]
        return Headline(
            int(row[0]), int(row[1]), int(places), str(row[2] or ""), str(row[3] or ""), int(row[4]), int(row[5])
        )

    # ------------------------------------------------------------------ rows

    def claims(
        self,
        limit: int | None = None,
        offset: int = 0,
        where: tuple[str, list[object]] = ("TRUE", []),
        newest_first: bool = False,
    ) -> pd.DataFrame:
        """The filtered claims in the store's order (a page of them with ``limit``), as a claims table.

        ``newest_first``: by claim date, newest first ("2024" before "2023-10-05"), undated
        last, equal dates in the store's order (the dashboard's table).
        """
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        order = f"claim_date = '', claim_date DESC, {ROW}" if newest_first else ROW
        more, values = where
        columns = ", ".join(_quoted(c) for c in CLAIM_COLUMNS)
        frame = self._frame(
            f"SELECT {columns}, {KIND} FROM claims WHERE ({self.where}) AND ({more}) ORDER BY {order}{page}",
            [*self.params, *values],
        )
        kinds = frame[KIND].astype(object).to_numpy()
        out = typed(frame[list(CLAIM_COLUMNS)])
        out[KIND] = kinds
        return out

    def flows(self) -> list[str]:
        """Every origin-destination pair the filters leave, as :func:`flows.dossier.flows_in` lists them."""
        counted = self._rows(
            f"SELECT origin || ? || destination, count(DISTINCT {ASSERTION}) FROM claims WHERE {self.where} GROUP BY 1",
            [dossier.FLOW_SEPARATOR, *self.params],
        )
        return [str(key) for key, _ in sorted(counted, key=lambda pair: (-pair[1], pair[0]))]

    def flow_claims(self, key: str) -> pd.DataFrame:
        """The filtered claims of one flow (``"PRK>RUS"``), in the store's order, as a claims table."""
        origin, _, destination = key.partition(dossier.FLOW_SEPARATOR)
        return self.claims(where=("origin = ? AND destination = ?", [origin, destination]))

    def claims_with_ids(self, claim_ids: Sequence[str]) -> pd.DataFrame:
        """The filtered claims among ``claim_ids``, newest first (the claims behind a picked flow)."""
        return self.claims(where=("list_contains(?::VARCHAR[], claim_id)", [list(claim_ids)]), newest_first=True)

    def claim_lines(self, limit: int) -> tuple[pd.DataFrame, int]:
        """The reports of the ``limit`` claims last reported (as a claims table), and how many claims
        the filters keep: the claims view groups a page of claims, never the whole store.

        A report's day is :func:`flows.corroborate.report_days`' (a claim date to the day, else the
        page date, else the start of a partial claim date); the undated sort last.
        """
        day = (
            "CASE WHEN length(claim_date) = 10 THEN claim_date WHEN published <> '' THEN published "
            "WHEN length(claim_date) = 7 THEN claim_date || '-01' "
            "WHEN length(claim_date) = 4 THEN claim_date || '-01-01' ELSE '' END"
        )
        newest = self._frame(
            f"SELECT {ASSERTION} AS claim, max({day}) AS last FROM claims WHERE ({self.where}) "
            f"GROUP BY {ASSERTION} ORDER BY last DESC, claim LIMIT {int(limit)}",
            list(self.params),
        )
        total = self._frame(
            f"SELECT count(DISTINCT {ASSERTION}) AS n FROM claims WHERE ({self.where})", list(self.params)
        )
        reports = self.claims(where=(f"list_contains(?::VARCHAR[], {ASSERTION})", [list(newest["claim"])]))
        return reports, int(total["n"].iloc[0])

    def flow_choices(self, limit: int = 300) -> pd.DataFrame:
        """:func:`flows.figures.flow_choices` of the filtered claims, aggregated here."""
        columns = ["from", "to", "label", "claim_ids"]
        legs_sql, params = self._measured_legs(Measure("coalesce(_claim_share, 1.0)", "claims", ""), "stance", [])
        links = self._frame(
            f"""
            WITH m AS ({legs_sql}),
            {self._summary("m", ['"from"', '"to"'], f"NOT {REPEAT}")}
            ORDER BY claims DESC, amount DESC, _first LIMIT {int(limit)}
            """,
            params,
        )
        if links.empty:
            return pd.DataFrame(columns=columns)
        links = self._finish(links)
        behind = self._rows(
            f"""
            WITH m AS ({legs_sql})
            SELECT "from", "to", claim_id FROM m
            JOIN (SELECT unnest(?) AS "from", unnest(?) AS "to") USING ("from", "to")
            GROUP BY ALL ORDER BY min({LEG_ORDER})
            """,
            [*params, list(links["from"]), list(links["to"])],
        )
        ids: dict[tuple[str, str], list[str]] = {}
        for origin, destination, claim_id in behind:
            ids.setdefault((str(origin), str(destination)), []).append(str(claim_id))
        links["claim_ids"] = [tuple(ids[(a, b)]) for a, b in zip(links["from"], links["to"], strict=True)]
        links["label"] = figures.flow_labels(links)
        return links[columns].reset_index(drop=True)

    def claim_ids(self) -> list[str]:
        return [
            str(v) for (v,) in self._rows(f"SELECT claim_id FROM claims WHERE {self.where} ORDER BY {ROW}", self.params)
        ]

    # ------------------------------------------------------------------ figures

    @overload
    def _claimants(self, measure: str) -> tuple[list[tuple[str, int]], Measure]: ...
    @overload
    def _claimants(self, measure: str, rows: Literal[True]) -> tuple[list[tuple[str, int, int]], Measure]: ...

    def _claimants(self, measure: str, rows: bool = False) -> tuple[list[Any], Measure]:
        """Claims per claimant and what the widths count, in one scan of the filtered claims.

        The measure as :func:`flows.figures._multiplier` picks it: 1, the
        quantity or the value, falling back to claims (and saying why).
        """
        column = _quoted(measure) if measure not in ("claims", "reports") else "NULL::DOUBLE"
        rows_read = self._rows(
            f"SELECT claimant, count(*), count(*) FILTER (WHERE {column} IS NULL OR isnan({column})), "
            f"count(*) FILTER (WHERE {column} < 0), list(DISTINCT value_unit), count(*) FILTER (WHERE {UNDRAWN}) "
            f"FROM claims WHERE {self.where} GROUP BY claimant",
            self.params,
        )
        # with rows: also how many of each claimant's claims name a country the map cannot place
        counted = [(str(r[0]), int(r[1]), int(r[5])) if rows else (str(r[0]), int(r[1])) for r in rows_read]
        # A claim weighs 1 however many reports tell it; a report 1 however many sites carry it.
        claim_share, report_share = "coalesce(_claim_share, 1.0)", "coalesce(_report_share, 1.0)"
        if measure == "claims":
            return counted, Measure(claim_share, "claims", "")
        if measure == "reports":
            return counted, Measure(report_share, "reports", "")
        total = sum(int(r[1]) for r in rows_read)
        missing = sum(int(row[2]) for row in rows_read)
        if missing:
            note = f"{missing} of {total} claims have no {measure}: showing claims instead"
            return counted, Measure(claim_share, "claims", note)
        if any(row[3] for row in rows_read):
            return counted, Measure(
                claim_share, "claims", f"some claims have a negative {measure}: showing claims instead"
            )
        if measure == "quantity":
            return counted, Measure(column, "quantity", "")
        units = sorted({str(unit) for row in rows_read for unit in row[4]})
        if len(units) != 1 or units == [""]:
            shown = ", ".join(html.escape(u) if u else "none" for u in units)
            note = f"values are in different units ({shown}), not added up: showing claims instead"
            return counted, Measure(claim_share, "claims", note)
        return counted, Measure(column, f"value ({html.escape(units[0])})", "")

    @staticmethod
    def _key(color_by: str, counted: list[tuple[str, int]]) -> tuple[str, list[object], dict[str, str]]:
        """The colour key's SQL (with its parameters) and palette, as :func:`flows.figures._measured` picks them."""
        if color_by == "stance":
            return "stance", [], dict(figures.STANCE_COLORS)
        ranked = [name for name, _ in sorted(counted, key=lambda pair: (-pair[1], pair[0]))]
        kept = figures.kept_claimants(ranked)
        key = "CASE WHEN list_contains(?, claimant) THEN claimant ELSE ? END"
        return key, [kept, figures.OTHER_CLAIMANTS], figures.claimant_palette(kept)

    def _measured_legs(
        self, measure: Measure, key_sql: str, key_params: list[object], drawable: bool = False
    ) -> tuple[str, list[object]]:
        """A CTE body: the filtered legs with ``amount`` and ``key``."""
        only = f" AND {DRAWABLE}" if drawable else ""
        # Shares among the rows the filters leave, for the rows that share a claim or report at all.
        shares = (
            f"SELECT {ROW}, 1.0 / count(*) OVER (PARTITION BY {ASSERTION}) AS _claim_share, "
            f"1.0 / count(*) OVER (PARTITION BY {REPORT}) AS _report_share "
            f"FROM claims WHERE ({self.where}) AND ({ASSERTION_ROWS} > 1 OR {REPORT_ROWS} > 1)"
        )
        sql = (
            f'SELECT {ROW}, leg, "from", "to", from_role, to_role, claimant, stance, claim_id, _routes, {REPEAT}, '
            f"{ASSERTION}, {REPORT}, {ASSERTION_ROWS}, {REPORT_ROWS}, {DATE_RANK}, {QUOTE_RANK}, {LEG_ORDER}, "
            # Denials are drawn apart (as flows.figures._measured marks them).
            "stance = 'denied' AS denied, "
            f"weight * {measure.sql} AS amount, {key_sql} AS key "
            f"FROM legs LEFT JOIN ({shares}) USING ({ROW}) WHERE {self.where}{only}"
        )
        return sql, [*key_params, *self.params, *self.params]

    @staticmethod
    def _summary(source: str, group: Sequence[str], alone: str, held: Sequence[str] = ()) -> str:
        """CTEs and a query: the aggregates of :func:`flows.figures._link_summary` over ``group`` of ``source``.

        Amounts, date and quote ranks first per link and claimant (integers
        only), then per link, where the claimants are listed. Claims and
        reports are distinct counts, made without a DISTINCT over every leg:
        a leg ``alone`` (the one leg of its claim or report in its link) counts
        1, and only the others are made distinct. Also per link: its distinct
        claims by stance (``_stances``) and, per column of ``held``, its distinct
        codes (``_<column>``), which :meth:`_finish` words.
        """
        keys = ", ".join(group)
        known = "[" + ", ".join("'" + s.replace("'", "''") + "'" for s in STANCES) + "]"
        held_cte = (
            ", held AS (SELECT "
            + keys
            + ", "
            + ", ".join(f"list(DISTINCT {column}) AS _{column}" for column in held)
            + f" FROM {source} GROUP BY ALL)"
            if held
            else ""
        )
        held_columns = "".join(f", held._{column}" for column in held)
        held_join = f" LEFT JOIN held USING ({keys})" if held else ""
        lone = {"claims": f"{ASSERTION_ROWS} = 1 AND {alone}", "reports": f"{REPORT_ROWS} = 1 AND {alone}"}
        stance = f"CASE WHEN list_contains({known}, stance) THEN stance ELSE '' END"
        shared = {
            name: f"""
            shared_{name} AS (
                SELECT {keys}, count(*) AS n
                FROM (SELECT DISTINCT {keys}, {column} FROM {source} WHERE NOT ({lone[name]})) GROUP BY ALL
            )"""
            for name, column in (("claims", ASSERTION), ("reports", REPORT))
        }
        return f"""
            {shared["claims"]}, {shared["reports"]},
            summary AS (
                SELECT {keys}, sum(amount) AS amount, sum(claims) AS claims, sum(reports) AS reports,
                       min(first_rank) AS first_rank, max(last_rank) AS last_rank,
                       min(quote_rank)::VARCHAR AS quote_rank, list_sort(list(claimant)) AS _names,
                       min(_first) AS _first
                FROM (
                    SELECT {keys}, claimant, sum(amount) AS amount,
                           count(*) FILTER (WHERE {lone["claims"]}) AS claims,
                           count(*) FILTER (WHERE {lone["reports"]}) AS reports,
                           min({DATE_RANK}) AS first_rank, max({DATE_RANK}) AS last_rank,
                           min({QUOTE_RANK}) AS quote_rank, min({LEG_ORDER}) AS _first
                    FROM {source} GROUP BY ALL
                ) GROUP BY ALL
            ),
            stance_counts AS (
                -- As the claims: a lone leg counts 1 without a DISTINCT over every leg.
                SELECT {keys}, _stance, sum(n) AS n FROM (
                    SELECT {keys}, {stance} AS _stance, count(*) AS n
                    FROM {source} WHERE {lone["claims"]} GROUP BY ALL
                    UNION ALL
                    SELECT {keys}, {stance} AS _stance, count(DISTINCT {ASSERTION}) AS n
                    FROM {source} WHERE NOT ({lone["claims"]}) GROUP BY ALL
                ) GROUP BY ALL
            ),
            stances AS (
                SELECT {keys}, list(struct_pack(stance := _stance, n := n)) AS _stances FROM stance_counts GROUP BY ALL
            ){held_cte}
            SELECT summary.* REPLACE (
                (summary.claims + coalesce(shared_claims.n, 0))::BIGINT AS claims,
                (summary.reports + coalesce(shared_reports.n, 0))::BIGINT AS reports
            ), stances._stances{held_columns}
            FROM summary LEFT JOIN shared_claims USING ({keys}) LEFT JOIN shared_reports USING ({keys})
            LEFT JOIN stances USING ({keys}){held_join}
            """

    def _finish(self, links: pd.DataFrame) -> pd.DataFrame:
        """Dates, quote and claimants as :func:`flows.figures._link_summary` gives them."""
        listed = figures.CLAIMANTS_LISTED
        dates = self.engine.dates()
        ranks = [str(r) for r in links["quote_rank"]]  # 128-bit ranks travel as text
        # A quote rank ends in its leg's order, which starts with the claim's row: the
        # evidence is read from the claims by row (a few row groups), not from every leg.
        rows = {rank: int(rank) % (1 << _ORDER_BITS) // (_ROUTE_SPAN * _LEG_SPAN) for rank in ranks}
        evidence = dict(
            self._rows(
                f"SELECT {ROW}, evidence FROM claims WHERE {ROW} IN (SELECT unnest(?::BIGINT[]))",
                [sorted(set(rows.values()))],
            )
        )
        quotes = {rank: evidence.get(row) for rank, row in rows.items()}
        links["first_date"] = [dates[int(r)] if pd.notna(r) else None for r in links["first_rank"]]
        links["last_date"] = [dates[int(r)] if pd.notna(r) else None for r in links["last_rank"]]
        links["quote"] = [quotes.get(rank) or None for rank in ranks]
        links["claimants"] = [
            ", ".join(names[:listed]) + (f" and {len(names) - listed} more" if len(names) > listed else "")
            for names in links["_names"]
        ]
        links["claims"] = links["claims"].astype("int64")
        links["reports"] = links["reports"].astype("int64")
        links["stances"] = [_stances_said(pairs) for pairs in links["_stances"]]
        for column in [c for c in links.columns if c.endswith("_held")]:
            names = [sorted({countries.name_of(code) for code in codes}) for codes in links[column]]
            links[f"{column.lstrip('_')}_names"] = [
                ", ".join(n[:listed]) + (f" and {len(n) - listed} more" if len(n) > listed else "") for n in names
            ]
        internal = ("first_rank", "last_rank", "quote_rank", "_names", "_first", "_stances", "_from_held", "_to_held")
        wanted = [c for c in links.columns if c not in internal]
        ordered = [c for c in wanted if c not in ("first_date", "last_date", "quote", "claimants")]
        return links[[*ordered, "first_date", "last_date", "quote", "claimants"]]

    def sankey(
        self,
        *,
        color_by: str = "claimant",
        measure: str = "claims",
        top_n: int = 12,
    ) -> go.Figure:
        """:func:`flows.figures.sankey` of the filtered claims, aggregated here."""
        figures._check(color_by, measure)
        title = "Routes: origin → intermediaries → destination"
        counted, measured = self._claimants(measure)
        if not counted:
            return figures._empty(title, "No claims match the current filters.")
        if top_n < 1:
            raise ValueError(f"top_n must be at least 1, not {top_n}")
        key_sql, key_params, palette = self._key(color_by, counted)
        legs_sql, params = self._measured_legs(measured, key_sql, key_params)
        # Countries ranked by the weight through them (ties by code), and the destination's stage.
        through = self._rows(
            f"""
            WITH m AS ({legs_sql})
            SELECT code, sum(amount) AS amount, max(leg) AS last FROM (
                SELECT "from" AS code, amount, leg FROM m WHERE from_role = 'origin'
                UNION ALL SELECT "to", amount, leg FROM m
            ) GROUP BY code
            """,
            params,
        )
        last = max(int(row[2]) for row in through)
        ranked = [code for code, *_ in sorted(through, key=lambda row: (-row[1], row[0]))]
        notes = [measured.note] if measured.note else []
        place_params: list[object] = []
        places = ['"from"', '"to"']
        if len(ranked) > top_n + 1:
            notes.append(f"{len(ranked) - top_n} smaller countries gathered in “Other”")
            places = [f"CASE WHEN list_contains(?, {c}) THEN {c} ELSE ? END" for c in places]
            place_params = [ranked[:top_n], figures.OTHER] * 2
        group = [_quoted(k) if k in ("from", "to") else k for k in figures.SANKEY_LINK_KEYS]
        # Within one route every hop has its own stage: a lone row of one route is alone in its links.
        links = self._frame(
            f"""
            WITH m AS ({legs_sql}),
            staged AS (
                SELECT * EXCLUDE ("from", "to"), leg - 1 AS from_stage,
                       CASE WHEN to_role <> 'destination' THEN leg ELSE {last} END AS to_stage,
                       "from" AS from_held, "to" AS to_held, {places[0]} AS "from", {places[1]} AS "to"
                FROM m
            ),
            {self._summary("staged", group, "_routes = 1", held=("from_held", "to_held"))}
            ORDER BY _first
            """,
            [*params, *place_params],
        )
        links["from_stage"] = links["from_stage"].astype("int64")
        links["to_stage"] = links["to_stage"].astype("int64")
        gathered = self._gathered_in_other(legs_sql, [*params, *place_params], last, places) if place_params else {}
        return figures.sankey_of_links(
            self._finish(links), last=last, unit=measured.unit, notes=notes, palette=palette, gathered=gathered
        )

    def _gathered_in_other(self, legs_sql: str, params: list[object], last: int, places: list[str]) -> dict[int, str]:
        """:func:`flows.figures._gathered_in_other`: per stage, the countries its "Other" node gathers."""
        rows = self._rows(
            f"""
            WITH m AS ({legs_sql}),
            staged AS (
                SELECT leg - 1 AS from_stage, CASE WHEN to_role <> 'destination' THEN leg ELSE {last} END AS to_stage,
                       "from" AS from_held, "to" AS to_held, {places[0]} AS "from", {places[1]} AS "to", amount
                FROM m
            )
            SELECT stage, code, sum(amount) FROM (
                SELECT from_stage AS stage, from_held AS code, amount FROM staged WHERE "from" = ?
                UNION ALL SELECT to_stage, to_held, amount FROM staged WHERE "to" = ?
            ) GROUP BY ALL
            """,
            [*params, figures.OTHER, figures.OTHER],
        )
        per_stage: dict[int, list[tuple[float, str]]] = {}
        for stage, code, amount in rows:
            per_stage.setdefault(int(stage), []).append((float(amount), str(code)))
        return {stage: figures.gathered_names(amounts) for stage, amounts in per_stage.items()}

    def flow_map(self, *, color_by: str = "claimant", measure: str = "claims", width: int | None = None) -> go.Figure:
        """:func:`flows.figures.flow_map` of the filtered claims, aggregated here (``width`` as there)."""
        figures._check(color_by, measure)
        title = "Flow map"
        counted_rows, measured = self._claimants(measure, rows=True)
        counted = [(name, count) for name, count, _ in counted_rows]
        if not counted:
            return figures._empty(title, "No claims match the current filters.")
        key_sql, key_params, palette = self._key(color_by, counted)
        notes = [measured.note] if measured.note else []
        legs_sql, params = self._measured_legs(measured, key_sql, key_params, drawable=True)
        # The heaviest country pairs, all their colours, up to MAX_MAP_LEGS lines (as flows.figures.flow_map).
        pairs = self._rows(
            f"""
            WITH m AS ({legs_sql}),
            lines AS (SELECT "from", "to", key, denied, sum(amount) AS amount FROM m GROUP BY ALL),
            pairs AS (SELECT "from", "to", sum(amount) AS amount, count(*) AS size FROM lines GROUP BY ALL)
            SELECT "from", "to", total FROM (
                SELECT "from", "to", count(*) OVER () AS total,
                       sum(size) OVER (ORDER BY amount DESC, "from", "to" ROWS UNBOUNDED PRECEDING) AS running
                FROM pairs
            ) WHERE running <= {figures.MAX_MAP_LEGS}
            """,
            params,
        )
        hidden = sum(undrawn for *_, undrawn in counted_rows)
        if hidden:
            notes.append(f"{hidden} claim{'s' if hidden > 1 else ''} with an unknown country not drawn")
        if not pairs:
            return figures._empty(title, "None of these claims names countries that can be placed on a map.")
        kept = [(a, b) for a, b, _ in pairs]
        if len(kept) < int(pairs[0][2]):
            notes.append(f"{int(pairs[0][2]) - len(kept)} lightest of {int(pairs[0][2])} country pairs not drawn")
        pair_params = [[a for a, _ in kept], [b for _, b in kept]]
        kept_legs = (
            'kept AS (SELECT m.* FROM m JOIN (SELECT unnest(?) AS "from", unnest(?) AS "to") USING ("from", "to"))'
        )
        links = self._frame(
            f"""
            WITH m AS ({legs_sql}), {kept_legs},
            {self._summary("kept", [_quoted(k) if k in ("from", "to") else k for k in figures.MAP_LINK_KEYS], f"NOT {REPEAT}")}
            ORDER BY amount DESC, _first
            """,
            [*params, *pair_params],
        )
        links = self._finish(links).reset_index(drop=True)
        roles = self._frame(
            f"""
            WITH m AS ({legs_sql}), {kept_legs},
            ends AS (SELECT "from" AS code, from_role AS role, {ROW} FROM kept UNION ALL SELECT "to", to_role, {ROW} FROM kept)
            SELECT code, list_sort(list(DISTINCT role)) AS roles, count(DISTINCT {ROW}) AS claims
            FROM ends GROUP BY code ORDER BY code
            """,
            [*params, *pair_params],
        ).set_index("code")
        roles["role"] = [names[0] if len(names) == 1 else "several" for names in roles["roles"]]
        roles["roles"] = [", ".join(names) for names in roles["roles"]]
        roles["claims"] = roles["claims"].astype("int64")
        return figures.flow_map_of_links(
            links, roles[["role", "roles", "claims"]], unit=measured.unit, notes=notes, palette=palette, width=width
        )

    def timeline(self) -> go.Figure:
        """:func:`flows.figures.timeline` of the filtered claims, counted here."""
        title = "Claims per month by claimant"
        rows = self._rows(
            f"SELECT claimant, count(*) FILTER (WHERE {MONTH} IS NOT NULL), count(*) FILTER (WHERE {MONTH} IS NULL), "
            f"count(*) FILTER (WHERE length(claim_date) = 4) FROM claims WHERE {self.where} GROUP BY claimant",
            self.params,
        )
        if not rows:
            return figures._empty(title, "No claims match the current filters.")
        undated, year_only = sum(int(row[2]) for row in rows), sum(int(row[3]) for row in rows)
        notes = []
        if undated:
            notes.append(f"{undated} undated claim{'s' if undated > 1 else ''} not shown")
        if year_only:
            notes.append(f"{year_only} claim{'s' if year_only > 1 else ''} dated to a year only, counted in January")
        counted = [(str(name), int(dated)) for name, dated, *_ in rows if dated]
        if not counted:
            return figures._empty(title, "None of these claims has a date.")
        kept = figures.kept_claimants([name for name, _ in sorted(counted, key=lambda pair: (-pair[1], pair[0]))])
        palette = figures.claimant_palette(kept)
        dated_count = sum(count for _, count in counted)
        per_bar = figures.CLAIMS_LISTED if dated_count <= figures.LARGE_TABLE else figures.CLAIMS_LISTED_LARGE
        bars = self._frame(
            f"""
            SELECT {MONTH} AS month, CASE WHEN list_contains(?, claimant) THEN claimant ELSE ? END AS key, stance,
                   count(*) AS claims, min_by({ROW}, {TIMELINE_ORDER}, {per_bar}) AS _listed
            FROM claims WHERE {self.where} AND {MONTH} IS NOT NULL
            GROUP BY ALL ORDER BY month, key, stance
            """,
            [kept, figures.OTHER_CLAIMANTS, *self.params],
        )
        listed_rows = [int(row) for rows_of_bar in bars["_listed"] for row in rows_of_bar]
        details = self._frame(
            f"SELECT {ROW}, claim_date, claimant, origin, destination, via, items FROM claims "
            f"WHERE {ROW} IN (SELECT unnest(?::BIGINT[]))",
            [listed_rows],
        ).set_index(ROW)
        groups = ["month", "key", "stance"]
        bars["month"] = pd.to_datetime(bars["month"])
        counts = bars["_listed"].map(len).to_numpy()
        listed = details.loc[listed_rows].reset_index(drop=True)
        for column in groups:
            listed[column] = np.repeat(bars[column].to_numpy(), counts)
        bars = bars[[*groups, "claims"]].assign(claims=bars["claims"].astype("int64"))
        return figures.timeline_of_bars(bars, listed, per_bar=per_bar, notes=notes, palette=palette)
