"""Messages for a person: problems as ``FILE:LINE: message`` lines, safe to print or show.

Every problem the library reports (a file, a row, an article) reaches a
terminal or a page through :func:`shown`: a message quotes its input (a file
name, a cell, a header), and an input may hold control characters, ANSI
escapes or bidirectional overrides that would recolour a terminal, move its
cursor or reorder the text a person reads. They are shown as escapes
(``\\x1b``, ``\\u202e``) instead, so the message says what the input holds.
"""

from __future__ import annotations

import re

# C0 and C1 controls (tab and newline included: a message is one line), DEL,
# the BOM, and the bidirectional marks, embeddings, overrides and isolates.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f-\x9f\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: object) -> str:
    """``text`` as one line with every control or bidi character written as its escape."""
    return _UNSAFE.sub(_escape, str(text))


def problem_line(path: object, line: int | None, message: str, severity: str = "error") -> str:
    """One problem as the ``flows`` command prints it: ``FILE[:LINE]: error|warning: message``."""
    where = f"{path}:{line}" if line is not None else str(path)
    return shown(f"{where}: {severity}: {message}")
