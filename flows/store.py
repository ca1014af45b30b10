"""The dashboard's embedded store: claims, the articles they came from, and decisions.

A SQLite file by default (stdlib ``sqlite3``); where it lives comes from, in
order, the ``ARMS_FLOWS_DB`` environment variable, Streamlit's secret
``db_url``, else ``var/arms-flows.sqlite`` in the checkout (the system temp
folder when the checkout is not writable). Each may be a file path or a
database URL: ``sqlite:///relative.db``, ``sqlite:////absolute.db``, or, with
SQLAlchemy and a driver installed, any URL SQLAlchemy takes (e.g.
``postgresql+psycopg://...``) for a host whose disk is not kept.

What it keeps, so that nothing a person decided is undone by a machine:

* every claim with its ``method`` (``rules 0.3``, ``import:sipri 1``,
  ``manual``, ``manual correction``), its article, source and evidence, and
  the raw text behind its values (the claims table's columns);
* the articles claims came from, for the claim detail;
* suppressed claims (rejected, deleted, corrected), by id and by
  :func:`~flows.models.flow_key` (article, claimant, stance, route): a
  machine-made row matching either is never saved again, and a claim a person
  saved is never replaced by a machine-made one (:meth:`Store.save`).

What a person's decisions mean is :mod:`flows.review`'s business; the store
only keeps them.
"""

from __future__ import annotations

import math
import os
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import pandas as pd

from flows.models import Article
from flows.route import Route
from flows.table import CLAIM_COLUMNS, NUMERIC_COLUMNS, ROUTE_COLUMNS, row_flow_key, typed
from flows.vocabulary import MANUAL

ENV_VAR = "ARMS_FLOWS_DB"
SECRET_KEY = "db_url"
DEFAULT_NAME = "arms-flows.sqlite"
SEEDED = "seeded"  # meta key: what first filled the store (see flows.pipeline.seed_store)

# Columns of each table and their SQL types. A store made by an older version
# lacks the columns added since; opening it adds them (empty).
_CLAIM_TABLE: dict[str, str] = {
    **{c: ("DOUBLE PRECISION" if c in NUMERIC_COLUMNS else "TEXT") for c in CLAIM_COLUMNS},
    "corrects": "TEXT NOT NULL DEFAULT ''",  # the proposal a correction replaces
    "saved_at": "TEXT NOT NULL DEFAULT ''",
    "seq": "BIGINT",  # the order claims were first saved in
}
ARTICLE_COLUMNS: tuple[str, ...] = (
    "article_id", "title", "text", "url", "source", "agency", "published", "path", "published_from"
)  # fmt: skip
_ARTICLE_TABLE: dict[str, str] = dict.fromkeys(ARTICLE_COLUMNS, "TEXT")
_TABLES: dict[str, dict[str, str]] = {"claims": _CLAIM_TABLE, "articles": _ARTICLE_TABLE}
# Columns of the suppressed table added since it was first made (a suppression
# of an older store has no key: it follows its claim_id alone).
_SUPPRESSED_ADDED: dict[str, str] = {"flow_key": "TEXT NOT NULL DEFAULT ''"}
_KEYS = {"claims": "claim_id", "articles": "article_id"}

_SCHEMA = [
    *(
        f"CREATE TABLE IF NOT EXISTS {table} ("
        + ", ".join(f"{c} {sql}" + (" PRIMARY KEY" if c == _KEYS[table] else "") for c, sql in columns.items())
        + ")"
        for table, columns in _TABLES.items()
    ),
    "CREATE TABLE IF NOT EXISTS suppressed ("
    "claim_id TEXT PRIMARY KEY, reason TEXT NOT NULL, article_id TEXT NOT NULL DEFAULT '',"
    " at TEXT NOT NULL, flow_key TEXT NOT NULL DEFAULT '')",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
]


class StoreError(RuntimeError):
    """The store cannot be opened or written (a clean, one-line message)."""


# --------------------------------------------------------------------------- where


def default_location(root: Path | None = None) -> Path:
    """``var/arms-flows.sqlite`` under the checkout, or under the temp folder when read-only."""
    root = root or Path(__file__).resolve().parent.parent
    for folder in (root / "var", Path(tempfile.gettempdir()) / "arms-flows"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            continue
        if os.access(folder, os.W_OK):
            return folder / DEFAULT_NAME
    raise StoreError("no writable folder for the store; set ARMS_FLOWS_DB to a writable path")


def locate(env: Mapping[str, str], secrets: Mapping[str, Any] | None = None, root: Path | None = None) -> str:
    """Where the store is: env ``ARMS_FLOWS_DB``, else secret ``db_url``, else the default."""
    if env.get(ENV_VAR, "").strip():
        return env[ENV_VAR].strip()
    if secrets is not None:
        try:
            value = secrets.get(SECRET_KEY)
        except Exception:  # Streamlit raises when no secrets file exists at all
            value = None
        if isinstance(value, str) and value.strip():
            return value.strip()
    return str(default_location(root))


def sqlite_path(location: str) -> Path | None:
    """The file of a SQLite location (plain path or ``sqlite:///`` URL); None for other URLs."""
    if location.startswith("sqlite:///"):
        rest = location[len("sqlite:///") :]
        return Path(rest.split("?", 1)[0])
    if "://" in location:
        return None
    return Path(location)


def describe_location(location: str) -> str:
    """The location for showing to any visitor: a SQLite file by its name, a URL without its password.

    The server's folders are nobody's business but the server's: a page shows
    "arms-flows.sqlite (SQLite file)", never "/srv/app/var/arms-flows.sqlite".
    """
    path = sqlite_path(location)
    if path is not None:
        return f"{path.name} (SQLite file)"
    if "@" in location:
        scheme, rest = location.split("://", 1)
        credentials, host = rest.rsplit("@", 1)
        user = credentials.split(":", 1)[0]
        return f"{scheme}://{user}:***@{host}"
    return location


# --------------------------------------------------------------------------- backends


class _Connection(Protocol):
    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> None: ...
    def run_many(self, sql: str, rows: Iterable[Mapping[str, Any]]) -> None: ...
    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]: ...
    def column_names(self, table: str) -> set[str]: ...


class _SqliteConnection:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self.connection.execute(sql, dict(params or {}))

    def run_many(self, sql: str, rows: Iterable[Mapping[str, Any]]) -> None:
        self.connection.executemany(sql, rows)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self.connection.execute(sql, dict(params or {})).fetchall()

    def column_names(self, table: str) -> set[str]:
        return {d[0] for d in self.connection.execute(f"SELECT * FROM {table} WHERE 1 = 0").description}


class _Sqlite:
    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(f"cannot create the store's folder {path.parent}: {error.strerror}") from error

    @contextmanager
    def transaction(self) -> Iterator[_SqliteConnection]:
        try:
            connection = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as error:
            raise StoreError(f"cannot open the store {self.path}: {error}") from error
        try:
            with connection:
                yield _SqliteConnection(connection)
        except sqlite3.Error as error:
            raise StoreError(f"store {self.path}: {error}") from error
        finally:
            connection.close()


class _AlchemyConnection:
    def __init__(self, connection: Any, text: Any) -> None:
        self.connection = connection
        self.text = text

    def run(self, sql: str, params: Mapping[str, Any] | None = None) -> None:
        self.connection.execute(self.text(sql), dict(params or {}))

    def run_many(self, sql: str, rows: Iterable[Mapping[str, Any]]) -> None:
        batch: list[dict[str, Any]] = []
        for row in rows:  # in batches: a million rows never sit in memory as dicts at once
            batch.append(dict(row))
            if len(batch) == 10_000:
                self.connection.execute(self.text(sql), batch)
                batch = []
        if batch:
            self.connection.execute(self.text(sql), batch)

    def rows(self, sql: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self.connection.execute(self.text(sql), dict(params or {}))]

    def column_names(self, table: str) -> set[str]:
        return set(self.connection.execute(self.text(f"SELECT * FROM {table} WHERE 1 = 0")).keys())


class _Alchemy:
    def __init__(self, url: str) -> None:
        try:
            import sqlalchemy
        except ImportError as error:
            raise StoreError(
                "this database URL needs SQLAlchemy and a driver: pip install sqlalchemy "
                "(and e.g. psycopg[binary] for postgresql://)"
            ) from error
        self.sqlalchemy = sqlalchemy
        try:
            self.engine = sqlalchemy.create_engine(url, pool_pre_ping=True)
        except Exception as error:  # bad URL, missing driver: many exception types
            raise StoreError(f"cannot use database URL {describe_location(url)}: {error}") from error

    @contextmanager
    def transaction(self) -> Iterator[_AlchemyConnection]:
        try:
            with self.engine.begin() as connection:
                yield _AlchemyConnection(connection, self.sqlalchemy.text)
        except self.sqlalchemy.exc.SQLAlchemyError as error:
            raise StoreError(f"database error: {error.__class__.__name__}: {error}") from error


# --------------------------------------------------------------------------- the store


@dataclass(frozen=True)
class SaveReport:
    saved: int
    suppressed: int  # rows skipped: rejected, deleted or corrected before
    kept_manual: int  # rows skipped: a person's version is already saved

    def __str__(self) -> str:
        parts = [f"{self.saved} claim{'s' if self.saved != 1 else ''} saved"]
        if self.suppressed:
            parts.append(f"{self.suppressed} skipped (rejected, deleted or corrected earlier)")
        if self.kept_manual:
            parts.append(f"{self.kept_manual} skipped (a person's version is kept)")
        return "; ".join(parts)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _cell(column: str, value: Any) -> Any:
    if column in ROUTE_COLUMNS:
        return Route.parse(value).format()
    if column in NUMERIC_COLUMNS:
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return None
        return float(value)
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _cells(column: str, values: pd.Series | None, count: int) -> list[Any]:
    """:func:`_cell` of a whole column (each distinct route parsed once)."""
    if values is None:
        return [_cell(column, None)] * count
    if column in ROUTE_COLUMNS:
        return [
            "" if (not value if isinstance(value, (list, tuple)) else value is None) else _cell(column, value)
            for value in values
        ]
    if column in NUMERIC_COLUMNS:
        numbers = pd.to_numeric(values, errors="coerce").astype("float64")
        return [None if math.isnan(value) else value for value in numbers.tolist()]
    return [value if value.__class__ is str else _cell(column, value) for value in values.tolist()]


class Store:
    """Claims and their articles in one database; every method is one transaction."""

    def __init__(self, location: str | Path) -> None:
        self.location = str(location)
        path = sqlite_path(self.location)
        self._backend: _Sqlite | _Alchemy = _Sqlite(path) if path is not None else _Alchemy(self.location)
        with self._backend.transaction() as db:
            for statement in _SCHEMA:
                db.run(statement)
            for table, columns in {**_TABLES, "suppressed": _SUPPRESSED_ADDED}.items():
                present = {name.lower() for name in db.column_names(table)}
                for column, sql in columns.items():
                    if column not in present:  # a store made before this column existed
                        db.run(f"ALTER TABLE {table} ADD COLUMN {column} {sql}")

    # ------------------------------------------------------------------ meta

    def get_meta(self, key: str) -> str | None:
        with self._backend.transaction() as db:
            rows = db.rows("SELECT value FROM meta WHERE key = :key", {"key": key})
        return rows[0][0] if rows else None

    def _bump(self, db: _Connection) -> None:
        rows = db.rows("SELECT value FROM meta WHERE key = 'revision'")
        revision = int(rows[0][0]) + 1 if rows else 1
        db.run(
            "INSERT INTO meta (key, value) VALUES ('revision', :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {"v": str(revision)},
        )

    def revision(self) -> int:
        """A number that changes whenever the claims change (a cache key)."""
        value = self.get_meta("revision")
        return int(value) if value else 0

    def set_meta(self, key: str, value: str) -> None:
        with self._backend.transaction() as db:
            db.run(
                "INSERT INTO meta (key, value) VALUES (:key, :value) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                {"key": key, "value": value},
            )

    # ------------------------------------------------------------------ claims

    def claims(self) -> pd.DataFrame:
        """Every saved claim, as a claims table (contract columns and dtypes)."""
        with self._backend.transaction() as db:
            rows = db.rows(f"SELECT {', '.join(CLAIM_COLUMNS)} FROM claims ORDER BY seq, claim_id")
        return typed(pd.DataFrame.from_records(rows, columns=list(CLAIM_COLUMNS)))

    def count(self) -> int:
        with self._backend.transaction() as db:
            return int(db.rows("SELECT COUNT(*) FROM claims")[0][0])

    def suppressed(self) -> dict[str, str]:
        """claim_id -> why it is kept out (rejected, deleted, corrected)."""
        with self._backend.transaction() as db:
            return {
                str(claim_id): str(reason) for claim_id, reason in db.rows("SELECT claim_id, reason FROM suppressed")
            }

    def suppressed_keys(self) -> set[str]:
        """What is kept out, as claim ids and :func:`~flows.models.flow_key` keys: a claim matching either is."""
        with self._backend.transaction() as db:
            return self._blocked(db)

    @staticmethod
    def _blocked(db: _Connection) -> set[str]:
        return {str(key) for row in db.rows("SELECT claim_id, flow_key FROM suppressed") for key in row if key}

    def save(self, frame: pd.DataFrame, corrects: Mapping[str, Mapping[str, Any]] | None = None) -> SaveReport:
        """Save claims; machine-made rows never replace a person's nor revive a suppressed one.

        ``corrects`` maps a saved claim's id to the proposal (its row) it
        corrects; that proposal is suppressed (and removed if it was saved
        before). A machine-made row is suppressed when its id or its
        :func:`~flows.models.flow_key` was.
        """
        corrects = dict(corrects or {})
        if frame.empty and not corrects:
            return SaveReport(0, 0, 0)
        ids = [str(i) for i in frame["claim_id"]]
        # Column by column, not record by record: a million claims are a few
        # list passes and one executemany.
        records = frame.assign(claim_id=ids).drop_duplicates("claim_id").reset_index(drop=True)
        with self._backend.transaction() as db:
            blocked = self._blocked(db)
            manual = {row[0] for row in db.rows("SELECT claim_id FROM claims WHERE method LIKE 'manual%'")}
            seq = int(db.rows("SELECT COALESCE(MAX(seq), 0) FROM claims")[0][0])
            methods = records["method"] if "method" in records.columns else pd.Series("", index=records.index)
            by_person = methods.fillna("").astype(str).str.startswith(MANUAL).to_numpy()
            blocked_rows = records["claim_id"].isin(blocked).to_numpy().copy()
            if blocked:  # flow keys only when something is kept out: they cost a route parse per row
                maybe = ~by_person & ~blocked_rows
                keys = [row_flow_key(r) for r in records[maybe].to_dict("records")]
                blocked_rows[np.flatnonzero(maybe)] = [key in blocked for key in keys]
            is_suppressed = ~by_person & blocked_rows
            is_kept = ~by_person & ~is_suppressed & records["claim_id"].isin(manual).to_numpy()
            chosen = records[~is_suppressed & ~is_kept]
            suppressed, kept = int(is_suppressed.sum()), int(is_kept.sum())
            cells = {c: _cells(c, chosen[c] if c in chosen.columns else None, len(chosen)) for c in CLAIM_COLUMNS}
            cells["corrects"] = [str(corrects[i]["claim_id"]) if i in corrects else "" for i in chosen["claim_id"]]
            cells["saved_at"] = [_now()] * len(chosen)
            cells["seq"] = list(range(seq + 1, seq + 1 + len(chosen)))
            columns = [*CLAIM_COLUMNS, "corrects", "saved_at", "seq"]
            rows = (
                dict(zip(columns, values, strict=True)) for values in zip(*(cells[c] for c in columns), strict=True)
            )
            # A claim saved again keeps its place (seq): the table's order is the order of first saving.
            updates = ", ".join(f"{c} = excluded.{c}" for c in columns if c not in ("claim_id", "seq"))
            db.run_many(
                f"INSERT INTO claims ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
                f"ON CONFLICT (claim_id) DO UPDATE SET {updates}",
                rows,
            )
            saved = len(chosen)
            replaced = [old for new_id, old in corrects.items() if new_id in ids and str(old["claim_id"]) != new_id]
            self._suppress(db, replaced, "corrected")
            self._bump(db)
        return SaveReport(saved, suppressed, kept)

    def _suppress(self, db: _Connection, claims: Iterable[Mapping[str, Any]], reason: str) -> int:
        """Keep out these claims (rows of the claims table), by id and by flow key; remove them if saved."""
        at = _now()
        count = 0
        for claim in claims:
            claim_id = str(claim.get("claim_id") or "")
            if not claim_id:
                continue
            count += 1
            db.run("DELETE FROM claims WHERE claim_id = :id", {"id": claim_id})
            db.run(
                "INSERT INTO suppressed (claim_id, reason, article_id, at, flow_key)"
                " VALUES (:id, :reason, :a, :at, :key) ON CONFLICT (claim_id) DO UPDATE"
                " SET reason = excluded.reason, at = excluded.at, flow_key = excluded.flow_key",
                {"id": claim_id, "reason": reason, "a": str(claim.get("article_id") or ""), "at": at,
                 "key": row_flow_key(claim)},
            )  # fmt: skip
        return count

    def _saved_rows(self, db: _Connection, claim_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The saved claims with these ids, as rows (an id not saved is kept alone, without a flow)."""
        found = []
        for claim_id in claim_ids:
            rows = db.rows(f"SELECT {', '.join(CLAIM_COLUMNS)} FROM claims WHERE claim_id = :id", {"id": claim_id})
            found.append(dict(zip(CLAIM_COLUMNS, rows[0], strict=True)) if rows else {"claim_id": claim_id})
        return found

    def reject(self, proposals: pd.DataFrame) -> int:
        """Remember proposals (rows of the claims table) a person rejected: not proposed or saved again."""
        with self._backend.transaction() as db:
            count = self._suppress(db, proposals.to_dict("records"), "rejected")
            self._bump(db)
        return count

    def delete(self, claim_ids: Iterable[str]) -> int:
        """Remove saved claims (and keep them out when the extractor runs again)."""
        with self._backend.transaction() as db:
            count = self._suppress(db, self._saved_rows(db, claim_ids), "deleted")
            self._bump(db)
        return count

    # ------------------------------------------------------------------ articles

    def add_articles(self, articles: Iterable[Article]) -> int:
        rows = [{"article_id": a.article_id, **{c: getattr(a, c) for c in ARTICLE_COLUMNS[1:]}} for a in articles]
        names = ", ".join(ARTICLE_COLUMNS)
        values = ", ".join(":" + c for c in ARTICLE_COLUMNS)
        with self._backend.transaction() as db:
            db.run_many(f"INSERT INTO articles ({names}) VALUES ({values}) ON CONFLICT (article_id) DO NOTHING", rows)
        return len(rows)

    def article(self, article_id: str) -> Article | None:
        with self._backend.transaction() as db:
            rows = db.rows(
                f"SELECT {', '.join(ARTICLE_COLUMNS[1:])} FROM articles WHERE article_id = :id", {"id": article_id}
            )
        if not rows:
            return None
        return Article(**{c: value or "" for c, value in zip(ARTICLE_COLUMNS[1:], rows[0], strict=True)})
