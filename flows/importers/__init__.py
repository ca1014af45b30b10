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

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from flows import table
from flows.importers import caat, kiel, sipri
from flows.importers.common import SNIFF_BYTES, Format, ImportFileError, ImportFormatError, decode

__all__ = [
    "FORMATS",
    "Format",
    "ImportFileError",
    "ImportFormatError",
    "ImportResult",
    "describe_formats",
    "detect_format",
    "import_bytes",
    "import_file",
]

# Every format, in the order detection tries them. Each importer module declares its own.
FORMATS: dict[str, Format] = {fmt.name: fmt for module in (sipri, kiel, caat) for fmt in module.FORMATS}


@dataclass
class ImportResult:
    """The claims imported (validated, CLAIM_COLUMNS) and what was wrong with the other rows."""

    claims: pd.DataFrame
    problems: list[table.RowProblem]
    format: str
    rows_read: int


def _known() -> str:
    return ", ".join(FORMATS)


def describe_formats() -> str:
    """One line per format, its name and what it reads (for help texts)."""
    width = max(len(name) for name in FORMATS)
    return "\n".join(f"{name:<{width}}  {fmt.description}" for name, fmt in FORMATS.items())


def detect_format(data: bytes, name: str) -> str:
    """The format of a register export, from its first lines; raises :class:`ImportFormatError`."""
    return _detect(decode(data, name), name)


def _detect(text: str, name: str) -> str:
    head = text[:SNIFF_BYTES]
    for fmt in FORMATS.values():
        if fmt.sniff(head):
            return fmt.name
    raise ImportFormatError(f"{name}: not a file any importer knows; known formats: {_known()}")


def import_bytes(data: bytes, name: str, fmt: str | None = None, *, source: str | None = None) -> ImportResult:
    """Import a register export given as bytes (an upload).

    ``name`` names the file in messages (a path as the person gave it);
    ``source``, each claim's ``source``, is its file name unless given.
    """
    if fmt is not None and fmt not in FORMATS:
        raise ImportFormatError(f"{name}: unknown format {fmt!r}; known formats: {_known()}")
    source = source or Path(name).name
    text = decode(data, name)
    chosen = fmt or _detect(text, name)
    try:
        collected = FORMATS[chosen].parse(text, source)
    except ImportFormatError as error:
        hint = ""
        if fmt is not None:
            try:
                detected = _detect(text, name)
            except ImportFormatError:
                detected = chosen
            hint = f"; it looks like {detected}" if detected != chosen else f"; known formats: {_known()}"
        raise ImportFormatError(f"{name}: {error}{hint}") from error
    frame = table.claims_to_frame(collected.claims)
    checked = table.validate(frame, collected.lines)
    problems = sorted([*collected.problems, *checked.problems], key=lambda problem: problem.row)
    return ImportResult(checked.claims, problems, chosen, collected.rows_read)


def import_file(path: str | Path, fmt: str | None = None) -> ImportResult:
    """Import a register export file; messages name ``path`` as given, each claim's ``source`` its file name."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFileError(f"{path}: {error.strerror or error}") from error
    return import_bytes(data, str(path), fmt, source=path.name)
