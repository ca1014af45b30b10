"""What every importer shares: reading bytes as text, collecting claims and problems.

Importers turn one register file into :class:`~flows.models.Claim` objects,
each remembered with the line of the file it came from, so that a problem
found later (by :func:`flows.table.validate`) still names that line.
"""

from __future__ import annotations

import csv
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from flows.models import Claim, Evidence
from flows.table import WARNING_COLUMN, RowProblem

# A register states what was recorded; each "?"/"estimate" flag on a row
# lowers the confidence by one step, so estimated rows sort and filter apart.
RECORDED_CONFIDENCE = 0.9
UNCERTAINTY_STEP = 0.1

# Problems that do not stop a row from being imported use this column name
# (:attr:`flows.table.RowProblem.severity`).
WARNING = WARNING_COLUMN

# Bytes read to recognise a file's format.
SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Format:
    """A register export an importer reads: each importer module lists its own in ``FORMATS``."""

    name: str  # what ``flows import FORMAT`` and ``method`` ("import:<name> <version>") call it
    description: str  # the export, for help texts and messages
    sniff: Callable[[str], bool]  # the file's first bytes (as text) -> is it this format?
    parse: Callable[[str, str], Collected]  # (text, file name) -> claims and problems


class ImportFileError(ValueError):
    """A file that cannot be imported at all (empty, binary, not text, malformed header)."""


class ImportFormatError(ImportFileError):
    """A file of a kind no importer reads, or not of the format asked for."""


def decode(data: bytes, name: str) -> str:
    """The text of a register file: UTF-8 if it is, else Windows-1252 (SIPRI's legacy exports)."""
    if not data.strip():
        raise ImportFileError(f"{name}: empty file")
    if b"\x00" in data[:SNIFF_BYTES]:
        raise ImportFileError(f"{name}: binary file, not a text export")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise ImportFileError(f"{name}: neither UTF-8 nor Windows-1252 text (byte {error.start})") from error


def physical_lines(text: str) -> list[str]:
    """Lines split on LF only, a trailing CR dropped: files mix LF and CRLF endings."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def split_line(line: str) -> list[str] | None:
    """The cells of one CSV line; None when it cannot be read (a stray carriage return, say).

    Lines are read one at a time so that a stray quote cannot swallow the lines after it.
    """
    try:
        return next(csv.reader([line]), [])
    except csv.Error:
        return None


def number_cell(found: Collected, line: int, column: str, cell: str) -> float | None:
    """A number cell; empty is None. A non-number is left empty, with a warning naming the column."""
    if not cell:
        return None
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        found.problem(line, WARNING, f"{column}: not a number, left empty", cell)
        return None
    return value


def confidence(uncertain_flags: int) -> float:
    return round(max(RECORDED_CONFIDENCE - UNCERTAINTY_STEP * uncertain_flags, 0.1), 2)


def evidence_of(record_text: str) -> tuple[Evidence, ...]:
    """The raw record as the claim's evidence: the trace back to the source row."""
    return (Evidence(record_text, 0, len(record_text)),)


@dataclass
class Collected:
    """Claims with the line each came from, the problems met, and the rows read."""

    claims: list[Claim] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    rows_read: int = 0
    _seen: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _occurrences: Counter[str] = field(default_factory=Counter, init=False, repr=False)

    def row_key(self, record_text: str) -> str:
        """A content-derived key for a row without an id of its own.

        Identical rows do occur (two licences of the same value, say); the
        occurrence number keeps them apart and stays the same on re-import.
        """
        normalised = " ".join(record_text.split())
        self._occurrences[normalised] += 1
        return f"{normalised}#{self._occurrences[normalised]}"

    def add(self, claim: Claim, line: int) -> None:
        # Keys are unique by construction (row_key); this check keeps it so, because
        # claims_to_frame would drop a repeated id silently and shift every later
        # claim off the line number it is reported under.
        claim_id = claim.claim_id
        if claim_id in self._seen:
            self.problems.append(RowProblem(line, "*", f"repeats the record of line {self._seen[claim_id]}; skipped"))
            return
        self._seen[claim_id] = line
        self.claims.append(claim)
        self.lines.append(line)

    def problem(self, line: int, column: str, message: str, value: str = "") -> None:
        self.problems.append(RowProblem(line, column, message, value))
