"""Importers for recorded transfers: register exports -> claims table.

Each format reads one publisher's export into claims with ``method``
"import:<format> <version>", the publisher as ``claimant``, stance
``reported`` (CAAT's refused licences: ``denied``) and the file name as
``source``. Claim ids come from the records' content, so importing the same
file again yields the same ids and merging adds nothing twice.

Library errors: :class:`ImportFileError` for a file that cannot be read at
all, :class:`ImportFormatError` (a subclass) for a file of the wrong kind.
Problems with single rows never stop the rest: they come back in
:attr:`ImportResult.problems`, each naming its line.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from flows import table
from flows.importers import caat, kiel, sipri
from flows.importers.common import (
    SNIFF_BYTES,
    Collected,
    ImportFileError,
    ImportFormatError,
    decode,
)

__all__ = [
    "FORMATS",
    "ImportFileError",
    "ImportFormatError",
    "ImportResult",
    "detect_format",
    "import_bytes",
    "import_file",
]

FORMATS: dict[str, str] = {
    "sipri": "SIPRI Arms Transfers Database trade register, current layout (one row per deal and delivery year)",
    "sipri-legacy": "SIPRI Arms Transfers Database trade register, legacy layout (one row per deal)",
    "kiel": "Kiel Institute Ukraine Support Tracker, aid by donor and month (data_explorer.csv)",
    "kiel-weapons": "Kiel Institute Ukraine Support Tracker, heavy weapons by donor (weapons.csv)",
    "caat-broker": "CAAT EU arms export data, brokering licences (broker.csv)",
}

_PARSERS: dict[str, Callable[[str, str], Collected]] = {
    "sipri": sipri.parse_current,
    "sipri-legacy": sipri.parse_legacy,
    "kiel": kiel.parse_donor_months,
    "kiel-weapons": kiel.parse_weapons,
    "caat-broker": caat.parse,
}

# Tried in order on the first bytes of a file; each returns a format name or None.
_SNIFFERS: tuple[Callable[[str], str | None], ...] = (sipri.sniff, kiel.sniff, caat.sniff)


@dataclass
class ImportResult:
    """The claims imported (validated, CLAIM_COLUMNS) and what was wrong with the other rows."""

    claims: pd.DataFrame
    problems: list[table.RowProblem]
    format: str
    rows_read: int


def _known() -> str:
    return ", ".join(FORMATS)


def detect_format(data: bytes, name: str) -> str:
    """The format of a register export, from its first lines; raises :class:`ImportFormatError`."""
    return _detect(decode(data, name), name)


def _detect(text: str, name: str) -> str:
    head = text[:SNIFF_BYTES]
    for sniff in _SNIFFERS:
        fmt = sniff(head)
        if fmt:
            return fmt
    raise ImportFormatError(f"{name}: not a file any importer knows; known formats: {_known()}")


def import_bytes(data: bytes, name: str, fmt: str | None = None) -> ImportResult:
    """Import a register export given as bytes (an upload); ``name`` is used in messages and ``source``."""
    if fmt is not None and fmt not in FORMATS:
        raise ImportFormatError(f"{name}: unknown format {fmt!r}; known formats: {_known()}")
    text = decode(data, name)
    chosen = fmt or _detect(text, name)
    try:
        collected = _PARSERS[chosen](text, name)
    except ImportFormatError as error:
        if fmt is None:
            raise
        try:
            detected = _detect(text, name)
        except ImportFormatError:
            detected = chosen
        hint = f"it looks like {detected}" if detected != chosen else f"known formats: {_known()}"
        raise ImportFormatError(f"{error}; {hint}") from error
    frame = table.claims_to_frame(collected.claims)
    checked = table.validate(frame, collected.lines)
    problems = sorted([*collected.problems, *checked.problems], key=lambda problem: problem.row)
    return ImportResult(checked.claims, problems, chosen, collected.rows_read)


def import_file(path: str | Path, fmt: str | None = None) -> ImportResult:
    """Import a register export file; the file's name becomes each claim's ``source``."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from error
    return import_bytes(data, path.name, fmt)
