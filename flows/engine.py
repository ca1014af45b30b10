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

import hashlib
import html
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pyarrow as pa

from flows import figures, filters, geo
from flows.dates import date_end, date_start
from flows.filters import END, KIND, START, TEXT, VIA, Counts, Headline, Rule, Step
from flows.route import Route
from flows.state import ViewState
from flows.store import Store, sqlite_path
from flows.table import CLAIM_COLUMNS, NUMERIC_COLUMNS, ROUTE_COLUMNS, typed
from flows.vocabulary import CATEGORIES, source_kind

ROW = "_row"  # the store's order of claims (seq, claim_id)
DRAWABLE = "_drawable"
LEG_ORDER = "_leg_order"  # claim order, then route, then hop: the legs table's order
# A claim's routes and a route's hops are numbered within these (LEG_ORDER packs them).
_ROUTE_SPAN, _LEG_SPAN = 1 << 20, 1 << 10
# The order of a date's start (or end) within a claim's place: first_date/last_date ties.
_DAY_SPAN = 1 << 32


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
    return frame


_LEGS_SQL = f"""
CREATE TABLE legs AS
WITH routes AS (
    SELECT *, CASE WHEN via = '' THEN [''] ELSE string_split(via, ';') END AS _chains FROM claims
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
SELECT * EXCLUDE (_routes, _hop_count),
       CASE WHEN leg = 1 THEN 'origin' ELSE 'intermediary' END AS from_role,
       CASE WHEN leg = _hop_count THEN 'destination' ELSE 'intermediary' END AS to_role,
       1.0 / _routes AS weight,
       {ROW} * {_ROUTE_SPAN * _LEG_SPAN} + _route * {_LEG_SPAN} + leg AS {LEG_ORDER},
       list_contains($points, "from") AND list_contains($points, "to") AS {DRAWABLE}
FROM flat
ORDER BY {LEG_ORDER}
"""


def _connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    # Two threads: the machine's cores; a memory cap so a big store spills, never swaps.
    config: dict[str, str | bool | int | float | list[str]] = {"threads": 2, "memory_limit": "1GB"}
    return duckdb.connect(str(path), read_only=read_only, config=config)


def _fill(connection: duckdb.DuckDBPyConnection, claims: pd.DataFrame, revision: int) -> None:
    frame = _helper_columns(claims)
    # An explicit schema: an empty store's columns would otherwise be guessed as numbers.
    schema = pa.schema(
        [
            (column, pa.float64() if column in NUMERIC_COLUMNS else pa.int64() if column == ROW else pa.string())
            for column in frame.columns
            if column not in (START, END)
        ]
        + [(START, pa.timestamp("ns")), (END, pa.timestamp("ns"))]
    )
    incoming = pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)
    connection.register("incoming", incoming)
    connection.execute(
        f"CREATE TABLE claims AS SELECT * REPLACE ({START}::DATE AS {START}, {END}::DATE AS {END}) FROM incoming ORDER BY {ROW}"
    )
    connection.unregister("incoming")
    connection.execute(_LEGS_SQL, {"points": sorted(geo.label_points().index)})
    connection.execute("CREATE TABLE engine_meta AS SELECT ?::BIGINT AS revision", [revision])


def engine_path(location: str) -> Path:
    """Where the analytical copy of a store lives: beside a SQLite file, else in the temp folder.

    A database URL's copy is named by a hash of the URL, so no password
    reaches a file name.
    """
    path = sqlite_path(location)
    if path is not None:
        return path.with_name(path.name + ".engine.duckdb")
    digest = hashlib.sha256(location.encode("utf-8")).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / "arms-flows" / f"store-{digest}.engine.duckdb"


def for_store(store: Store, revision: int) -> Engine:
    """The engine of a store at a revision: its file when built for that revision, else built from the store."""
    return Engine.at(engine_path(store.location), revision, store.claim_columns)


class Engine:
    """The analytical copy of one store revision; thread-safe (a cursor per query)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, revision: int) -> None:
        self._connection = connection
        self.revision = revision

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
        }

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
        row = self.engine._rows(f"SELECT {', '.join(counts)} FROM claims", params)[0]
        steps = tuple(Step(rule, rule.describe(), int(left)) for rule, left in zip(self.rules, row[1:], strict=True))
        total = int(row[0])
        return Counts(steps[-1].left if steps else total, total, steps)

    def count(self) -> int:
        return int(self.engine._rows(f"SELECT count(*) FROM claims WHERE {self.where}", self.params)[0][0])

    def headline(self) -> Headline:
        """As :func:`flows.filters.headline` of the filtered claims."""
        row = self.engine._rows(
            f"""
            SELECT count(*), count(DISTINCT claimant) FILTER (WHERE claimant <> ''),
                   arg_min(claim_date, date_diff('day', DATE '1900-01-01', {START})::BIGINT * {_DAY_SPAN} + {ROW})
                       FILTER (WHERE {START} IS NOT NULL),
                   arg_max(claim_date, date_diff('day', DATE '1900-01-01', {END})::BIGINT * {_DAY_SPAN} - {ROW})
                       FILTER (WHERE {START} IS NOT NULL)
            FROM claims WHERE {self.where}
            """,
            self.params,
        )[0]
        if not row[0]:
            return Headline(0, 0, 0, "", "")
        places = self.engine._rows(
            f"""
            SELECT count(DISTINCT code) FROM (
                SELECT origin AS code FROM claims WHERE {self.where}
                UNION ALL SELECT destination FROM claims WHERE {self.where}
                UNION ALL SELECT unnest(string_split({VIA}, '|')) FROM claims WHERE {self.where} AND {VIA} <> ''
            ) WHERE code <> ''
            """,
            [*self.params, *self.params, *self.params],
        )[0][0]
        return Headline(int(row[0]), int(row[1]), int(places), str(row[2] or ""), str(row[3] or ""))

    # ------------------------------------------------------------------ rows

    def claims(self, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """The filtered claims in the store's order (a page of them with ``limit``), as a claims table."""
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        columns = ", ".join(_quoted(c) for c in CLAIM_COLUMNS)
        frame = self.engine._frame(
            f"SELECT {columns}, {KIND} FROM claims WHERE {self.where} ORDER BY {ROW}{page}", self.params
        )
        kinds = frame[KIND].astype(object).to_numpy()
        out = typed(frame[list(CLAIM_COLUMNS)])
        out[KIND] = kinds
        return out

    def claim_ids(self) -> list[str]:
        return [
            str(v)
            for (v,) in self.engine._rows(f"SELECT claim_id FROM claims WHERE {self.where} ORDER BY {ROW}", self.params)
        ]

    # ------------------------------------------------------------------ figures

    def _measure(self, measure: str) -> Measure:
        """Per-claim amount as in :func:`flows.figures._multiplier`: 1, the quantity or the value."""
        if measure == "claims":
            return Measure("1.0", "claims", "")
        column = _quoted(measure)
        total, missing, negative = self.engine._rows(
            f"SELECT count(*), count(*) FILTER (WHERE {column} IS NULL OR isnan({column})), "
            f"count(*) FILTER (WHERE {column} < 0) FROM claims WHERE {self.where}",
            self.params,
        )[0]
        if missing:
            return Measure("1.0", "claims", f"{missing} of {total} claims have no {measure}: showing claims instead")
        if negative:
            return Measure("1.0", "claims", f"some claims have a negative {measure}: showing claims instead")
        if measure == "quantity":
            return Measure(column, "quantity", "")
        units = sorted(
            str(u)
            for (u,) in self.engine._rows(f"SELECT DISTINCT value_unit FROM claims WHERE {self.where}", self.params)
        )
        if len(units) != 1 or units == [""]:
            shown = ", ".join(html.escape(u) if u else "none" for u in units)
            return Measure(
                "1.0", "claims", f"values are in different units ({shown}), not added up: showing claims instead"
            )
        return Measure(column, f"value ({html.escape(units[0])})", "")

    def _key(
        self, color_by: str, colors: dict[str, str] | None, table: str = "claims"
    ) -> tuple[str, list[object], dict[str, str]]:
        """The colour key's SQL (with its parameters) and palette, as :func:`flows.figures._measured` picks them."""
        if color_by == "stance":
            return "stance", [], dict(figures.STANCE_COLORS)
        counted = self.engine._rows(
            f"SELECT claimant, count(*) FROM {table} WHERE {self.where} GROUP BY claimant", self.params
        )
        ranked = [name for name, _ in sorted(counted, key=lambda pair: (-pair[1], pair[0]))]
        kept = figures.kept_claimants(ranked)
        return (
            "CASE WHEN list_contains(?, claimant) THEN claimant ELSE ? END",
            [kept, figures.OTHER_CLAIMANTS],
            figures.claimant_palette(kept, colors),
        )

    def _measured_legs(
        self, measure: Measure, key_sql: str, key_params: list[object], drawable: bool = False
    ) -> tuple[str, list[object]]:
        """A CTE body: the filtered legs with ``amount`` and ``key``."""
        only = f" AND {DRAWABLE}" if drawable else ""
        sql = (
            f'SELECT {ROW}, leg, "from", "to", from_role, to_role, claimant, claim_date, evidence, {LEG_ORDER}, '
            f"weight * {measure.sql} AS amount, {key_sql} AS key FROM legs WHERE {self.where}{only}"
        )
        return sql, [*key_params, *self.params]

    @staticmethod
    def _summary(group: Sequence[str]) -> str:
        """The aggregates of :func:`flows.figures._link_summary` over ``group``, in SQL."""
        keys = ", ".join(group)
        return f"""
            SELECT {keys}, sum(amount) AS amount, count(DISTINCT {ROW}) AS claims,
                   min(claim_date) FILTER (WHERE claim_date <> '') AS first_date,
                   max(claim_date) FILTER (WHERE claim_date <> '') AS last_date,
                   arg_min(evidence, {{'none': evidence = '', 'undated': claim_date = '', 'date': claim_date,
                                       'order': {LEG_ORDER}}}) AS quote,
                   list_sort(list(DISTINCT claimant)) AS _names,
                   min({LEG_ORDER}) AS _first
            """

    @staticmethod
    def _finish(links: pd.DataFrame) -> pd.DataFrame:
        """Quote and claimants as :func:`flows.figures._link_summary` gives them."""
        listed = figures.CLAIMANTS_LISTED
        links["quote"] = links["quote"].map(lambda q: q if isinstance(q, str) and q else None).astype(object)
        links["claimants"] = [
            ", ".join(names[:listed]) + (f" and {len(names) - listed} more" if len(names) > listed else "")
            for names in links["_names"]
        ]
        for column in ("first_date", "last_date"):
            links[column] = links[column].astype(object).where(links[column].notna(), None)
        links["claims"] = links["claims"].astype("int64")
        return links.drop(columns=["_names", "_first"])

    def sankey(
        self,
        *,
        color_by: str = "claimant",
        measure: str = "claims",
        top_n: int = 12,
        colors: dict[str, str] | None = None,
    ) -> go.Figure:
        """:func:`flows.figures.sankey` of the filtered claims, aggregated here."""
        figures._check(color_by, measure)
        title = "Routes: origin → intermediaries → destination"
        if not self.count():
            return figures._empty(title, "No claims match the current filters.")
        if top_n < 1:
            raise ValueError(f"top_n must be at least 1, not {top_n}")
        measured = self._measure(measure)
        key_sql, key_params, palette = self._key(color_by, colors)
        legs_sql, params = self._measured_legs(measured, key_sql, key_params)
        last = int(self.engine._rows(f"SELECT max(leg) FROM legs WHERE {self.where}", self.params)[0][0])
        through = self.engine._rows(
            f"""
            WITH m AS ({legs_sql})
            SELECT code, sum(amount) AS amount FROM (
                SELECT "from" AS code, amount FROM m WHERE from_role = 'origin' UNION ALL SELECT "to", amount FROM m
            ) GROUP BY code
            """,
            params,
        )
        ranked = [code for code, _ in sorted(through, key=lambda pair: (-pair[1], pair[0]))]
        notes = [measured.note] if measured.note else []
        kept: list[str] | None = None
        if len(ranked) > top_n + 1:
            kept = ranked[:top_n]
            notes.append(f"{len(ranked) - top_n} smaller countries gathered in “Other”")
        place = (
            (lambda column: f"CASE WHEN list_contains(?, {column}) THEN {column} ELSE ? END")
            if kept
            else (lambda column: column)
        )
        place_params: list[object] = [kept, figures.OTHER] if kept else []
        links = self.engine._frame(
            f"""
            WITH m AS ({legs_sql}),
            staged AS (
                SELECT * EXCLUDE ("from", "to"), leg - 1 AS from_stage,
                       CASE WHEN to_role <> 'destination' THEN leg ELSE {last} END AS to_stage,
                       {place('"from"')} AS "from", {place('"to"')} AS "to"
                FROM m
            )
            {self._summary(["from_stage", '"from"', "to_stage", '"to"', "key"])}
            FROM staged GROUP BY ALL ORDER BY _first
            """,
            [*params, *place_params, *place_params],
        )
        links["from_stage"] = links["from_stage"].astype("int64")
        links["to_stage"] = links["to_stage"].astype("int64")
        return figures.sankey_of_links(self._finish(links), last=last, unit=measured.unit, notes=notes, palette=palette)

    def flow_map(
        self, *, color_by: str = "claimant", measure: str = "claims", colors: dict[str, str] | None = None
    ) -> go.Figure:
        """:func:`flows.figures.flow_map` of the filtered claims, aggregated here."""
        figures._check(color_by, measure)
        title = "Flow map"
        if not self.count():
            return figures._empty(title, "No claims match the current filters.")
        measured = self._measure(measure)
        key_sql, key_params, palette = self._key(color_by, colors)
        notes = [measured.note] if measured.note else []
        hidden = int(
            self.engine._rows(
                f"SELECT count(DISTINCT {ROW}) FROM legs WHERE {self.where} AND NOT {DRAWABLE}", self.params
            )[0][0]
        )
        if hidden:
            notes.append(f"{hidden} claim{'s' if hidden > 1 else ''} with an unknown country not drawn")
        legs_sql, params = self._measured_legs(measured, key_sql, key_params, drawable=True)
        limit = figures.MAX_MAP_LEGS
        frame = self.engine._frame(
            f"""
            WITH m AS ({legs_sql}),
            lines AS (SELECT "from", "to", key, sum(amount) AS amount FROM m GROUP BY ALL),
            pairs AS (SELECT "from", "to", sum(amount) AS amount, count(*) AS size FROM lines GROUP BY ALL),
            ranked AS (
                SELECT *, sum(size) OVER (ORDER BY amount DESC, "from", "to" ROWS UNBOUNDED PRECEDING) AS running,
                       count(*) OVER () AS pairs
                FROM pairs
            ),
            kept AS (SELECT m.* FROM m JOIN ranked USING ("from", "to") WHERE running <= {limit})
            {self._summary(['"from"', '"to"', "key"])}, any_value((SELECT count(*) FROM ranked)) AS _pairs,
                   any_value((SELECT count(*) FROM ranked WHERE running <= {limit})) AS _kept
            FROM kept GROUP BY ALL ORDER BY amount DESC, _first
            """,
            params,
        )
        if frame.empty:  # no drawable leg (a first pair always fits)
            return figures._empty(title, "None of these claims names countries that can be placed on a map.")
        pairs_total, pairs_kept = int(frame["_pairs"].iloc[0]), int(frame["_kept"].iloc[0])
        if pairs_kept < pairs_total:
            notes.append(f"{pairs_total - pairs_kept} lightest of {pairs_total} country pairs not drawn")
        links = self._finish(frame.drop(columns=["_pairs", "_kept"])).reset_index(drop=True)
        roles = self.engine._frame(
            f"""
            WITH m AS ({legs_sql}),
            ranked AS (
                SELECT "from", "to", sum(size) OVER (ORDER BY amount DESC, "from", "to" ROWS UNBOUNDED PRECEDING) AS running
                FROM (SELECT "from", "to", sum(amount) AS amount, count(*) AS size
                      FROM (SELECT "from", "to", key, sum(amount) AS amount FROM m GROUP BY ALL) GROUP BY ALL)
            ),
            kept AS (SELECT m.* FROM m JOIN ranked USING ("from", "to") WHERE running <= {limit}),
            ends AS (SELECT "from" AS code, from_role AS role, {ROW} FROM kept UNION ALL SELECT "to", to_role, {ROW} FROM kept)
            SELECT code, list_sort(list(DISTINCT role)) AS roles, count(DISTINCT {ROW}) AS claims
            FROM ends GROUP BY code ORDER BY code
            """,
            params,
        ).set_index("code")
        roles.index.name = "code"
        roles["role"] = [names[0] if len(names) == 1 else "several" for names in roles["roles"]]
        roles["roles"] = [", ".join(names) for names in roles["roles"]]
        roles["claims"] = roles["claims"].astype("int64")
        return figures.flow_map_of_links(
            links, roles[["role", "roles", "claims"]], unit=measured.unit, notes=notes, palette=palette
        )

    def timeline(self, *, colors: dict[str, str] | None = None) -> go.Figure:
        """:func:`flows.figures.timeline` of the filtered claims, counted here."""
        title = "Claims per month by claimant"
        month = (
            "try_strptime(CASE WHEN length(claim_date) >= 7 THEN claim_date[1:7] ELSE claim_date || '-01' END, '%Y-%m')"
        )
        total, undated, year_only = self.engine._rows(
            f"SELECT count(*), count(*) FILTER (WHERE {month} IS NULL), count(*) FILTER (WHERE length(claim_date) = 4) "
            f"FROM claims WHERE {self.where}",
            self.params,
        )[0]
        if not total:
            return figures._empty(title, "No claims match the current filters.")
        notes = []
        if undated:
            notes.append(f"{undated} undated claim{'s' if undated > 1 else ''} not shown")
        if year_only:
            notes.append(f"{year_only} claim{'s' if year_only > 1 else ''} dated to a year only, counted in January")
        if undated == total:
            return figures._empty(title, "None of these claims has a date.")
        dated = f"{self.where} AND {month} IS NOT NULL"
        counted = self.engine._rows(
            f"SELECT claimant, count(*) FROM claims WHERE {dated} GROUP BY claimant", self.params
        )
        ranked = [name for name, _ in sorted(counted, key=lambda pair: (-pair[1], pair[0]))]
        kept = figures.kept_claimants(ranked)
        palette = figures.claimant_palette(kept, colors)
        per_bar = figures.CLAIMS_LISTED if total - undated <= figures.LARGE_TABLE else figures.CLAIMS_LISTED_LARGE
        key = "CASE WHEN list_contains(?, claimant) THEN claimant ELSE ? END"
        frame = self.engine._frame(
            f"""
            WITH dated AS (
                SELECT {month} AS month, {key} AS key, stance, claim_date, claimant, origin, destination, via, items, {ROW}
                FROM claims WHERE {dated}
            ), numbered AS (
                SELECT *, row_number() OVER (PARTITION BY month, key, stance ORDER BY claim_date, {ROW}) AS _place,
                       count(*) OVER (PARTITION BY month, key, stance) AS claims
                FROM dated
            )
            SELECT * FROM numbered WHERE _place <= {per_bar} ORDER BY month, key, stance, _place
            """,
            [kept, figures.OTHER_CLAIMANTS, *self.params],
        )
        frame["month"] = pd.to_datetime(frame["month"])
        groups = ["month", "key", "stance"]
        bars = frame.loc[frame["_place"] == 1, [*groups, "claims"]].reset_index(drop=True)
        bars["claims"] = bars["claims"].astype("int64")
        listed = frame[[*groups, "claim_date", "claimant", "origin", "destination", "via", "items"]].reset_index(
            drop=True
        )
        return figures.timeline_of_bars(bars, listed, per_bar=per_bar, notes=notes, palette=palette)
