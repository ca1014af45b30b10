"""Bytes -> text: UTF-8 first, then what the file declares, then a guessed legacy encoding.

Empty and binary input is refused with a clear message; the text that comes
out is NFC, with unified newlines and without control characters, ANSI
escapes or bidirectional overrides (:func:`clean_text`).
"""

from __future__ import annotations

import re
import unicodedata

from flows.ingest.results import IngestError

# Latin-script legacy code pages that charset-normalizer confuses on short
# English text (it often says cp1250 for cp1252 and turns "naïve" into "naďve").
# When its guess is one of these and the bytes are valid cp1252, cp1252 wins:
# it is by far the most common legacy encoding of English-language news.
_LATIN_GUESSES = frozenset(
    {
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "latin_1",
        "iso8859_2",
        "iso8859_9",
        "iso8859_15",
        "mac_roman",
        "mac_latin2",
        "cp850",
        "cp437",
    }
)

_UTF16_BOMS: tuple[tuple[bytes, str], ...] = ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
# Encodings a file's bytes state for certain (UTF-8 decodes, a UTF-16 BOM names
# its order): read as is, with no warning. Any other is a fallback or a guess.
UNAMBIGUOUS_ENCODINGS: tuple[str, ...] = ("utf-8", *(encoding for _, encoding in _UTF16_BOMS))


def decode_bytes(data: bytes, *, declared: str = "") -> tuple[str, str]:
    """Text and how it was read: "utf-8" when it was valid UTF-8, else the encoding used.

    ``declared`` is the encoding the file names for itself (an HTML page's
    charset); it is tried when the bytes are not even mostly UTF-8 (pages
    often declare a legacy charset and serve UTF-8), before any guessing.
    Raises ``IngestError`` for empty and binary input.
    """
    if not data.strip():
        raise IngestError("empty file")
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return _refuse_binary(data[len(bom) :].decode(encoding)), encoding
            except UnicodeDecodeError as error:
                raise IngestError(f"bad {encoding} text at byte {error.start}") from error
    if b"\x00" in data:
        raise IngestError("binary file (contains NUL bytes), not text")
    try:
        return _refuse_binary(data.decode("utf-8-sig")), "utf-8"
    except UnicodeDecodeError:
        pass
    mixed = _mostly_utf8(data)
    if mixed is not None:
        text, stray = mixed
        return _refuse_binary(text), f"UTF-8 with {stray} stray byte{'s' if stray > 1 else ''} as cp1252"
    if declared:
        try:
            return _refuse_binary(data.decode(declared)), f"{declared} (declared by the file)"
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown or wrong declaration: guess as for any file
    encoding = _guess_legacy_encoding(data)
    return _refuse_binary(data.decode(encoding, errors="replace")), encoding


# <meta charset="windows-1252"> or <meta http-equiv="Content-Type" content="text/html; charset=...">,
# looked for where it must stand: in the first bytes of the page.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)


def declared_charset(data: bytes) -> str:
    found = _META_CHARSET.search(data[:4096])
    return found[1].decode("ascii").lower() if found else ""


# Undecodable bytes of a UTF-8 reading come back as these lone surrogates.
_ESCAPED_BYTE = re.compile(r"[\udc80-\udcff]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """Text of UTF-8 with some stray legacy bytes (pasted or cut pages), and how many.

    None when valid multi-byte UTF-8 characters do not outnumber the stray
    bytes: then the whole file is in a legacy encoding.
    """
    text = data.decode("utf-8-sig", errors="surrogateescape")
    stray = len(_ESCAPED_BYTE.findall(text))
    non_ascii = len(_NON_ASCII.findall(text)) - stray
    if non_ascii < stray:
        return None
    text = _ESCAPED_BYTE.sub(lambda match: bytes([ord(match[0]) - 0xDC00]).decode("cp1252", errors="replace"), text)
    return text, stray


def _guess_legacy_encoding(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    guess = best.encoding if best is not None else ""
    if guess and guess not in _LATIN_GUESSES:
        return guess
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 reads every byte.
        return guess or "latin_1"


def _refuse_binary(text: str) -> str:
    controls = len(CONTROL_CHARS.findall(text))
    if text and controls / len(text) > 0.1:
        raise IngestError("binary file (mostly control characters), not text")
    return text


# ANSI terminal escapes: stripping only the ESC byte would leave "[31m" in the text.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
# C0/C1 control characters other than tab and line breaks (Unicode category Cc).
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Removed from text: controls, the BOM, and bidirectional marks, overrides and
# isolates, which can make displayed text lie about its order.
_REMOVED_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def clean_text(text: str) -> str:
    """NFC text with unified newlines, without control, bidi-override or BOM characters."""
    text = _ANSI_ESCAPE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = unicodedata.normalize("NFC", text).replace("\t", " ")
    return _REMOVED_CHARS.sub("", text)
