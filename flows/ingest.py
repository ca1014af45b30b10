"""Articles in: files, folders, globs, stdin, uploads and pasted text -> :class:`Article`.

Every input goes through the same steps:

1. bytes -> text (:func:`decode_bytes`): UTF-8 (with or without BOM) first, then
   a legacy encoding guessed by charset-normalizer, with a warning naming it;
   empty, binary and over-large inputs are refused with a clear message.
2. text -> documents, by format: plain text and Markdown are one document,
   HTML goes through trafilatura (a plain tag-strip when it finds nothing),
   JSON / JSON Lines hold one document per record.
3. document -> articles (:func:`split_page`): a saved page often holds a main
   article, site boilerplate and "related articles", each under an outlet line
   and an "N minutes ago" stamp. The page is cut at those stamps and the
   boilerplate dropped, by the ordered rules below.
4. each article gets a publication date: from the file's metadata, else the
   ``published`` option, else a dateline near the start of its text; an
   unknown date stays "" and is reported as a warning.

Nothing here fetches anything: trafilatura only ever sees HTML strings.
Problems never stop a batch: each becomes an :class:`IngestProblem` naming the
file (and line or record) and the other inputs still go through.
"""

from __future__ import annotations

import glob
import json
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from dateutil import parser as dateutil_parser

from flows.models import Article

SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")

# A news article is a few kB and a saved page a few MB; past this, a file is
# not an article (a dump or a mistake) and reading it whole would only hurt.
_MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 20 * _MEGABYTE

STDIN_NAME = "<stdin>"

# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class IngestProblem:
    """One thing wrong with one input, named by path and (when known) line."""

    path: str
    line: int | None
    message: str
    severity: str  # "error" (input or part of it skipped) | "warning" (read, but check it)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass
class IngestResult:
    """Articles read, in input order without duplicates, and what went wrong."""

    articles: list[Article] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    duplicates_skipped: int = 0

    @property
    def errors(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[IngestProblem]:
        return [p for p in self.problems if p.severity == "warning"]


@dataclass
class _Part:
    """What one input yielded, before the batch drops duplicates.

    A missing-date warning is kept apart, by article index, so that it is
    reported only for an article the batch keeps.
    """

    articles: list[Article] = field(default_factory=list)
    problems: list[IngestProblem] = field(default_factory=list)
    undated: dict[int, IngestProblem] = field(default_factory=dict)


class IngestError(ValueError):
    """An input (or one record of it) that yields no article; reported as an error problem."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


# --------------------------------------------------------------------------- public API


def read_paths(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    source: str | None = None,
    stdin: IO[bytes] | None = None,
) -> IngestResult:
    """Read files, folders (recursively, known suffixes only), globs and "-" (stdin, as text).

    ``published`` (any date :func:`normalise_date` reads) is used for articles whose
    file gives no date; ``source`` names the outlet where the file does not.
    Raises ``ValueError`` only for an unreadable ``published``.
    """
    published_iso = _option_date(published)
    batch = _Batch()
    seen: set[Path] = set()
    for raw in paths:
        if str(raw) == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = _read_limited(stream)
            except IngestError as unreadable:
                batch.error(STDIN_NAME, unreadable)
                continue
            batch.add(_read_document_bytes(data, STDIN_NAME, ".txt", published_iso, source))
            continue
        for path, problem in _expand(str(raw)):
            if problem is not None:
                batch.result.problems.append(problem)
                continue
            resolved = path.resolve()
            if resolved in seen:
                continue
            seen.add(resolved)
            batch.add(_read_file(path, published_iso, source))
    return batch.result


def read_bytes(
    data: bytes, name: str, *, published: str | None = None, source: str | None = None
) -> IngestResult:
    """Read one uploaded file; its format comes from the suffix of ``name``."""
    published_iso = _option_date(published)
    batch = _Batch()
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        batch.error(name, IngestError(_unsupported_message(suffix)))
    elif len(data) > MAX_FILE_BYTES:
        batch.error(name, IngestError(_too_large_message(len(data))))
    else:
        batch.add(_read_document_bytes(data, name, suffix, published_iso, source))
    return batch.result


def read_text(
    text: str,
    *,
    name: str = "<text>",
    title: str = "",
    published: str | None = None,
    source: str | None = None,
    url: str = "",
) -> IngestResult:
    """Read pasted text: one page, split into articles like a .txt file."""
    published_iso = _option_date(published)
    batch = _Batch()
    if len(text) > MAX_FILE_BYTES:
        batch.error(name, IngestError(f"text too long (over {_size_text(MAX_FILE_BYTES)})"))
        return batch.result
    cleaned = clean_text(text)
    if not cleaned.strip():
        batch.error(name, IngestError("empty text"))
        return batch.result
    document = _Document(text=cleaned, title=clean_text(title).strip(), url=url.strip())
    batch.add(_articles_from_documents([document], name, published_iso, source))
    return batch.result


def split_page(text: str) -> list[Article]:
    """Cut a page of text into its articles, dropping site boilerplate.

    The first line is the first article's title when it looks like a headline.
    Each later article starts at an "N minutes ago" stamp, with its outlet line
    around the stamp and its title on the next line.
    """
    return [piece.article for piece in _split(clean_text(text), title="")]


def normalise_date(value: str) -> str:
    """An ISO date (YYYY-MM-DD) from an ISO date or datetime or a written date; "" if unreadable.

    Strict: the whole value must be a date (a time of day may follow); stray
    numbers, day/month orders that could be read both ways and two-digit years
    are refused rather than guessed.
    """
    value = " ".join(value.split())
    if not value:
        return ""
    if _ISO_START.match(value):
        try:
            parsed: datetime = dateutil_parser.isoparse(value)
            return parsed.date().isoformat()
        except (ValueError, OverflowError):
            pass
    found = _match_written_date(value, 0)
    if found is not None and _TIME_REST.fullmatch(value[found[1] :]):
        return found[0]
    slashed = _YEAR_FIRST.fullmatch(value)
    if slashed:
        return _iso(int(slashed["y"]), int(slashed["m"]), int(slashed["d"])) or ""
    return ""


# --------------------------------------------------------------------------- batch


class _Batch:
    """Collects results of many inputs, dropping articles already seen in this batch."""

    def __init__(self) -> None:
        self.result = IngestResult()
        self._ids: set[str] = set()

    def add(self, part: _Part) -> None:
        self.result.problems.extend(part.problems)
        for index, article in enumerate(part.articles):
            if article.article_id in self._ids:
                self.result.duplicates_skipped += 1
                continue
            self._ids.add(article.article_id)
            self.result.articles.append(article)
            if index in part.undated:
                self.result.problems.append(part.undated[index])

    def error(self, name: str, problem: IngestError) -> None:
        self.result.problems.append(IngestProblem(name, problem.line, problem.message, "error"))


def _option_date(published: str | None) -> str:
    if published is None or not published.strip():
        return ""
    iso = normalise_date(published)
    if not iso:
        raise ValueError(
            f"cannot read the published date {published!r}: "
            "give it as YYYY-MM-DD or written out, e.g. 'June 23, 2025' or '23 June 2025'"
        )
    return iso


def _unsupported_message(suffix: str) -> str:
    shown = suffix or "no suffix"
    return f"unsupported file type ({shown}); readable: {', '.join(SUFFIXES)}"


def _size_text(size: int) -> str:
    """A size for messages: "20 MB", "52.4 MB", "900 bytes" (an MB is 1024 * 1024 bytes)."""
    if size < _MEGABYTE:
        return f"{size} bytes"
    return f"{size / _MEGABYTE:.1f}".removesuffix(".0") + " MB"


def _too_large_message(size: int) -> str:
    return f"file too large ({_size_text(size)}); the limit is {_size_text(MAX_FILE_BYTES)} for one file"


_GLOB_CHARS = re.compile(r"[*?\[]")


def _expand(raw: str) -> Iterator[tuple[Path, IngestProblem | None]]:
    """Files named by one argument: the file, a folder's readable files, or a glob's matches."""
    path = Path(raw)
    if path.is_dir():
        found = False
        for child in _folder_files(path):
            found = True
            yield child, None
        if not found:
            yield (
                path,
                IngestProblem(
                    raw, None, f"no readable files ({', '.join(SUFFIXES)}) in this folder", "warning"
                ),
            )
        return
    if path.exists():
        yield path, None
        return
    if _GLOB_CHARS.search(raw):
        matches = sorted(glob.glob(raw, recursive=True))
        if not matches:
            yield path, IngestProblem(raw, None, "no files match this pattern", "error")
        for match in matches:
            match_path = Path(match)
            if match_path.is_dir():
                yield from ((child, None) for child in _folder_files(match_path))
            elif match_path.suffix.lower() in SUFFIXES:
                yield match_path, None
        return
    yield path, IngestProblem(raw, None, "no such file or folder", "error")


def _folder_files(folder: Path) -> Iterator[Path]:
    # Hidden files and folders (.git, .venv, editor backups) are never articles.
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if child.is_file() and child.suffix.lower() in SUFFIXES:
            yield child


def _read_file(path: Path, published_iso: str, source: str | None) -> _Part:
    name = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix not in SUFFIXES:
            raise IngestError(_unsupported_message(suffix))
        if not path.is_file():
            # A pipe or device would block or never end; only regular files are read.
            raise IngestError("not a regular file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise IngestError(_too_large_message(size))
        with path.open("rb") as handle:
            data = _read_limited(handle)
    except IngestError as problem:
        return _Part(problems=[IngestProblem(name, problem.line, problem.message, "error")])
    except OSError as error:
        message = f"cannot read: {error.strerror or error}"
        return _Part(problems=[IngestProblem(name, None, message, "error")])
    return _read_document_bytes(data, name, suffix, published_iso, source)


def _read_limited(stream: IO[bytes]) -> bytes:
    # Read one byte past the limit, so an over-large stream is refused without
    # ever holding more than the limit in memory.
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(f"input too large (over {_size_text(MAX_FILE_BYTES)})")
    return data


def _read_document_bytes(
    data: bytes, name: str, suffix: str, published_iso: str, source: str | None
) -> _Part:
    result = _Part()
    try:
        declared = _declared_charset(data) if suffix in (".html", ".htm") else ""
        text, encoding = decode_bytes(data, declared=declared)
    except IngestError as problem:
        result.problems.append(IngestProblem(name, problem.line, problem.message, "error"))
        return result
    if encoding != "utf-8":
        result.problems.append(IngestProblem(name, None, f"not valid UTF-8; read as {encoding}", "warning"))
    text = clean_text(text)
    if not text.strip():
        result.problems.append(IngestProblem(name, None, "empty file (no text)", "error"))
        return result
    documents: list[_Document]
    if suffix in (".html", ".htm"):
        try:
            document, page_warnings = _html_document(text)
        except IngestError as problem:
            result.problems.append(IngestProblem(name, problem.line, problem.message, "error"))
            return result
        documents = [document]
        result.problems.extend(IngestProblem(name, None, message, "warning") for message in page_warnings)
    elif suffix in (".json", ".jsonl"):
        documents, record_problems = _record_documents(text, name, lines=suffix == ".jsonl")
        result.problems.extend(record_problems)
    elif suffix == ".md":
        documents = [_markdown_document(text, name, result.problems)]
    else:
        documents = [_Document(text=text)]
    part = _articles_from_documents(documents, name, published_iso, source)
    part.problems[:0] = result.problems
    return part


# --------------------------------------------------------------------------- bytes -> text

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


def _declared_charset(data: bytes) -> str:
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
    text = _ESCAPED_BYTE.sub(
        lambda match: bytes([ord(match[0]) - 0xDC00]).decode("cp1252", errors="replace"), text
    )
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
    controls = len(_CONTROL_CHARS.findall(text))
    if text and controls / len(text) > 0.1:
        raise IngestError("binary file (mostly control characters), not text")
    return text


# ANSI terminal escapes: stripping only the ESC byte would leave "[31m" in the text.
_ANSI_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]")
# C0/C1 control characters other than tab and line breaks (Unicode category Cc).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Removed from text: controls, the BOM, and bidirectional marks, overrides and
# isolates, which can make displayed text lie about its order.
_REMOVED_CHARS = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


def clean_text(text: str) -> str:
    """NFC text with unified newlines, without control, bidi-override or BOM characters."""
    text = _ANSI_ESCAPE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = unicodedata.normalize("NFC", text).replace("\t", " ")
    return _REMOVED_CHARS.sub("", text)


# --------------------------------------------------------------------------- documents


@dataclass(frozen=True)
class _Document:
    """Text of one input unit (a file or a record) and the metadata it declared."""

    text: str
    title: str = ""
    url: str = ""
    source: str = ""
    agency: str = ""
    published: str = ""  # ISO, from the input's own metadata
    record: bool = False  # one record of a JSON / JSON Lines file
    line: int | None = None  # line of the record in its file (JSON Lines)
    label: str = ""  # "record 3" in messages about a JSON array's records


def _articles_from_documents(
    documents: Sequence[_Document], name: str, published_iso: str, source: str | None
) -> _Part:
    result = _Part()
    for document in documents:
        pieces = _split(document.text, title=document.title)
        if not pieces:
            result.problems.append(
                IngestProblem(
                    name,
                    document.line,
                    _prefixed(document, "no article text left after removing boilerplate"),
                    "error",
                )
            )
            continue
        for index, piece in enumerate(pieces):
            article = piece.article
            main = index == 0
            # The document's own metadata describes its main article only; the
            # related articles after it have their own outlet, url and date.
            metadata_date = document.published if main else ""
            text_date = (
                "" if metadata_date or published_iso else piece.stamp_date or _date_in_text(article.text)
            )
            if metadata_date:
                dated, origin = metadata_date, "metadata"
            elif published_iso:
                dated, origin = published_iso, "option"
            elif text_date:
                dated, origin = text_date, "text"
            else:
                dated, origin = "", ""
            article = replace(
                article,
                url=document.url if main else article.url,
                # What the file declares (record field, og:site_name) wins over
                # what the text suggests; the option fills what is still empty.
                source=(document.source if main else "") or article.source or (source or ""),
                agency=(document.agency if main else "") or article.agency,
                published=dated,
                published_from=origin,
                path=name,
            )
            if not dated:
                # A record's lines are not the file's lines: name the record's line or none.
                line = document.line if document.record else piece.line
                shown = article.title or article.text
                shown = shown if len(shown) <= 60 else shown[:57] + "..."
                message = f"no publication date for {shown!r}; give a published date or add one to the file"
                result.undated[len(result.articles)] = IngestProblem(
                    name, line, _prefixed(document, message), "warning"
                )
            result.articles.append(article)
    return result


def _prefixed(document: _Document, message: str) -> str:
    return f"{document.label}: {message}" if document.label else message


# ---- JSON and JSON Lines

# Fields of a record, by what they mean; the first present wins. "body" and
# "content" are what other scrapers call the text.
_RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site_name"),
    "agency": ("agency", "byline", "author"),
    "published": ("published", "date", "datePublished", "published_at"),
}


def _record_documents(text: str, name: str, *, lines: bool) -> tuple[list[_Document], list[IngestProblem]]:
    documents: list[_Document] = []
    problems: list[IngestProblem] = []

    def take(record: object, line: int | None, label: str) -> None:
        try:
            document, warnings = _record_document(record, line, label)
        except IngestError as problem:
            message = f"{label}: {problem.message}" if label else problem.message
            problems.append(IngestProblem(name, line, message, "error"))
            return
        problems.extend(IngestProblem(name, line, message, "warning") for message in warnings)
        documents.append(document)

    if lines:
        for number, line_text in enumerate(text.split("\n"), start=1):
            if not line_text.strip():
                continue
            try:
                record = _load_json(line_text)
            except IngestError as error:
                problems.append(IngestProblem(name, number, error.message, "error"))
                continue
            take(record, number, "")
        return documents, problems

    try:
        loaded = _load_json(text)
    except IngestError as error:
        problems.append(IngestProblem(name, error.line, error.message, "error"))
        return documents, problems
    # A file is one record, a list of records, or {"articles": [records]}.
    if isinstance(loaded, dict) and isinstance(loaded.get("articles"), list):
        loaded = loaded["articles"]
    if isinstance(loaded, list):
        if not loaded:
            problems.append(IngestProblem(name, None, "no records (empty list)", "error"))
        for index, record in enumerate(loaded, start=1):
            take(record, None, f"record {index}")
    else:
        take(loaded, None, "")
    return documents, problems


def _load_json(text: str) -> Any:
    """Parsed JSON; IngestError (with the line) when it is not JSON or nests too deep to parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(f"not valid JSON: {error.msg} (column {error.colno})", error.lineno) from error
    except RecursionError as error:
        raise IngestError("JSON nested too deeply to read") from error


def _record_document(record: object, line: int | None, label: str) -> tuple[_Document, list[str]]:
    if not isinstance(record, dict):
        raise IngestError(f"a record must be a JSON object, not {type(record).__name__}")
    values: dict[str, str] = {}
    for meaning, keys in _RECORD_FIELDS.items():
        for key in keys:
            value = record.get(key)
            if value is None:
                continue
            if not isinstance(value, str):
                raise IngestError(f"field {key!r} must be a string, not {type(value).__name__}")
            values[meaning] = clean_text(value).strip()
            break
    if not values.get("text"):
        raise IngestError("no 'text' (or 'body' / 'content') field with text")
    warnings: list[str] = []
    published = ""
    if values.get("published"):
        published = normalise_date(values["published"])
        if not published:
            prefix = f"{label}: " if label else ""
            warnings.append(
                f"{prefix}field 'published': cannot read the date {values['published']!r}; ignored"
            )
    document = _Document(
        text=values["text"],
        title=values.get("title", ""),
        url=values.get("url", ""),
        source=values.get("source", ""),
        agency=values.get("agency", ""),
        published=published,
        record=True,
        line=line,
        label=label,
    )
    return document, warnings


# ---- Markdown

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
# Markup spans are bounded (and exclude their own openers), so that a line of
# thousands of "[" or "*" costs linear time, not quadratic.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\n]{0,500}\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)([^*`\n]{1,300}?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")


def _markdown_document(text: str, name: str, problems: list[IngestProblem]) -> _Document:
    """Markdown as plain text; simple front matter (title, date, source, url) as metadata."""
    metadata: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front["body"].split("\n"):
            matched = _FRONT_MATTER_LINE.match(line)
            if matched:
                metadata[matched["key"].lower()] = matched["value"].strip("\"'")
        text = text[front.end() :]
    published = ""
    raw_date = metadata.get("published") or metadata.get("date") or ""
    if raw_date:
        published = normalise_date(raw_date)
        if not published:
            problems.append(
                IngestProblem(
                    name, None, f"front matter 'date': cannot read {raw_date!r}; ignored", "warning"
                )
            )
    lines = []
    for line in text.split("\n"):
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        lines.append(heading[1] if heading else line)
    return _Document(
        text="\n".join(lines),
        title=metadata.get("title", ""),
        url=metadata.get("url", ""),
        source=metadata.get("source", ""),
        published=published,
    )


# ---- HTML

# Where a page states its publication date, in the order trusted: the meta
# tag and JSON-LD are the publisher's own statement about this article; a
# <time> element may belong to a teaser of another article, so it comes last.
# trafilatura's own date guess (htmldate) is not used: it also reads dates out
# of URLs and running text, which is guessing.
_PUBLISHED_META_KEYS: tuple[str, ...] = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "parsely-pub-date",
    "sailthru.date",
)

# trafilatura's time grows faster than the page: ~1 s at 5,000 elements, ~5 s
# at 20,000, minutes past 100,000. News pages have a few thousand; beyond this
# the page is flattened by the plain tag-strip instead of hanging the batch.
_TRAFILATURA_MAX_ELEMENTS = 20_000

# A complete page ends with </html>; without it the file was cut short.
_HTML_END = re.compile(r"</html\s*>", re.I)

# Text-level elements that end a line when a page is flattened without trafilatura.
_BLOCK_TAGS: tuple[str, ...] = (
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "blockquote",
    "header",
    "footer",
    "pre",
    "dd",
    "dt",
    "figcaption",
)
# Never article text: code, styling, and page furniture.
_DROPPED_TAGS: tuple[str, ...] = (
    "script",
    "style",
    "noscript",
    "template",
    "svg",
    "nav",
    "form",
    "button",
    "iframe",
)


def _html_document(html: str) -> tuple[_Document, list[str]]:
    """The page's article text and declared metadata, and warnings about the page."""
    warnings = []
    if not _HTML_END.search(html[-4096:]):
        warnings.append("HTML looks truncated (no closing </html>); its text may be cut short")
    tree = _parse_html(html)
    title, source, url, published = _html_metadata(tree)
    elements = sum(1 for _ in tree.iter()) if tree is not None else 0
    if elements > _TRAFILATURA_MAX_ELEMENTS:
        warnings.append(
            f"very large page ({elements} elements): read with a plain tag-strip, "
            "so menus and teasers may remain"
        )
        text = ""
    else:
        text = _trafilatura_text(html)
    if not text.strip() and tree is not None:
        text = _strip_tags(tree)
    if not text.strip():
        raise IngestError("no article text found in this HTML")
    document = _Document(text=text, title=title, url=url, source=source, published=published)
    return document, warnings


def _parse_html(html: str) -> Any:
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _trafilatura_text(html: str) -> str:
    import trafilatura

    try:
        document = trafilatura.bare_extraction(
            html, with_metadata=False, include_comments=False, include_tables=True
        )
    except Exception:  # a parser crash on one page must fall back to the tag-strip, not stop the batch
        return ""
    if document is None:
        return ""
    text = document.text if hasattr(document, "text") else document.get("text", "")
    return clean_text(text or "")


def _html_metadata(tree: Any) -> tuple[str, str, str, str]:
    """title, site name, canonical url and ISO published date declared in the page."""
    if tree is None:
        return "", "", "", ""

    def meta(*keys: str) -> str:
        for element in tree.iter("meta"):
            key = (element.get("property") or element.get("name") or element.get("itemprop") or "").lower()
            if key in keys and (element.get("content") or "").strip():
                return " ".join(element.get("content").split())
        return ""

    title = meta("og:title", "twitter:title")
    if not title:
        heading = next(iter(tree.iter("h1")), None)
        title_element = next(iter(tree.iter("title")), None)
        chosen = heading if heading is not None else title_element
        title = " ".join(chosen.text_content().split()) if chosen is not None else ""
    source = meta("og:site_name", "application-name")
    url = meta("og:url")
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and (link.get("href") or "").strip():
            url = link.get("href").strip()
            break
    published = ""
    for candidate in _html_date_candidates(tree, meta):
        published = normalise_date(candidate)
        if published:
            break
    return clean_text(title), clean_text(source), url, published


def _html_date_candidates(tree: Any, meta: Any) -> Iterator[str]:
    for key in _PUBLISHED_META_KEYS:
        value = meta(key)
        if value:
            yield value
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json" and script.text:
            try:
                yield from _json_ld_dates(_load_json(script.text), depth=0)
            except IngestError:
                continue  # a broken JSON-LD block only loses its date
    for element in tree.iter("time"):
        if element.get("datetime"):
            yield element.get("datetime")


def _json_ld_dates(node: object, depth: int) -> Iterator[str]:
    # JSON-LD nests (@graph, lists); a hostile page could nest without end.
    if depth > 8:
        return
    if isinstance(node, dict):
        value = node.get("datePublished")
        if isinstance(value, str):
            yield value
        for child in node.values():
            if isinstance(child, (dict, list)):
                yield from _json_ld_dates(child, depth + 1)
    elif isinstance(node, list):
        for child in node:
            yield from _json_ld_dates(child, depth + 1)


def _strip_tags(tree: Any) -> str:
    """Visible text of a page, one block element per line (when trafilatura finds nothing)."""
    for element in list(tree.iter(*_DROPPED_TAGS)):
        element.drop_tree()
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    body = next(iter(tree.iter("body")), tree)
    return clean_text(body.text_content())


# --------------------------------------------------------------------------- page splitting

# ---- rules, as ordered data

# Sentences of site boilerplate cut out wherever they stand, even glued to the
# end of an article's last line ("... REUTERS Join ST's Telegram channel and
# ..."). Each is specific enough never to be a news sentence. They run before
# the line rules, so that a line they leave empty disappears; among themselves
# order does not matter, as no two can match the same words. Each rule comes
# with a word it cannot match without: a line lacking the word skips the
# regular expression, which keeps large pages fast.
_INLINE_BOILERPLATE: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (needle, re.compile(pattern + r"\b[^.!\n]*[.!]?", re.I))
    for needle, pattern in (
        # "Join ST's Telegram channel and get the latest breaking news delivered to you."
        (
            "join ",
            r"\bJoin (?:[\w'’.&-]+ ){0,4}(?:Telegram|WhatsApp|Signal|Viber|Discord) "
            r"(?:channel|group|community)",
        ),
        # "Sign up for our daily newsletter ...", "Subscribe to the Morning Brief newsletter ..."
        (
            "newsletter",
            r"\b(?:Sign up|Subscribe|Register) (?:now |today |here )?(?:for|to) (?:our|the) "
            r"(?:[\w'’-]+ ){0,4}newsletters?",
        ),
        # "Follow us on Twitter", "Follow The Times on Google News ..."
        (
            "follow ",
            r"\bFollow (?:us|[\w'’ ]{1,30}) on "
            r"(?:Twitter|X|Facebook|Instagram|Google News|LinkedIn|YouTube|Telegram|Threads|WhatsApp)",
        ),
        # "Get the latest news delivered to your inbox."
        ("inbox", r"\bGet (?:the latest|our) [^.!\n]{0,60}\b(?:delivered to|in) your inbox"),
        # "Download the XYZ app ...", "Click here to subscribe ..."
        ("download ", r"\bDownload (?:the|our) (?:[\w'’-]+ ){0,3}app"),
        (
            "here to ",
            r"\b(?:Click|Tap) here to (?:read|subscribe|download|join|sign up|register|listen|watch)",
        ),
        # Cookie banners ("We use cookies to ...").
        ("cookies", r"\bWe use cookies"),
    )
)

# Whole lines that are page furniture, not text. Matched against the entire
# stripped line (case-insensitive), so a news sentence that merely contains
# "share" or "photo" is never touched; their order does not matter.
_SHARE_WORD = (
    r"(?:share(?: this)?(?: article| story| post| on)?|tweet|e-?mail|print|copy link|save"
    r"|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|pinterest|flipboard)"
)
_SHARE_SEPARATOR = r"[\s|·•,/:]"
_MENU_ITEM = r"[^\s|›»<>](?:[^|›»<>]{0,23}[^\s|›»<>])?"
_BOILERPLATE_LINE_PATTERNS: tuple[str, ...] = (
    # Share bars: "Share", "Share on Facebook | Tweet | Email".
    rf"{_SHARE_WORD}(?:{_SHARE_SEPARATOR}+{_SHARE_WORD})*{_SHARE_SEPARATOR}*",
    # Ads and their "continue" prompts.
    r"advertisement|advertising|sponsored(?: content)?|ad|scroll to continue(?: with content)?"
    r"|continue reading(?: below)?|story continues below(?: advertisement)?",
    # Account prompts: "Sign in", "Subscribe now", "Log in to comment".
    r"(?:sign ?in|log ?in|sign ?up|subscribe|register|already a subscriber\??)"
    r"(?: (?:to|for|now|here|today)\b.{0,60})?",
    # Audio and reading-time widgets.
    r"listen to (?:this )?(?:article|story)(?: \d+ min(?:ute)?s?)?|\d{1,2} min(?:ute)?s? read"
    r"|reading time:? .{0,20}",
    r"(?:©|\(c\)|copyright\b).{0,200}|all rights reserved\.?",
    r"(?:accept|reject|manage)(?: all)? cookies|cookie (?:settings|preferences|policy)",
    # Links to other stories inside the text: "Read more: ...", "ALSO READ | ...".
    r"(?:also read|read also|read more|see also|more on this|watch)\s*[:|–—-]\s*.{3,200}",
    r"read more|see more|load more|show more|view (?:all|more)|back to top|skip to (?:main )?content",
    # Article tools.
    r"listen|save(?: for later| article)?|gift (?:this )?article|reuse this content|font size|text size",
    # Breadcrumbs and menus: three or more short items between separators.
    # (items neither start nor end with a space, so a line splits one way only).
    rf"{_MENU_ITEM}(?:\s+[|›»>]\s+{_MENU_ITEM}){{2,}}",
    # Consent buttons, and date labels whose date is on the next line.
    r"accept all|reject all|got it|i agree|(?:first |last )?(?:published|updated|posted)(?: on)?:?",
    # Credit lines need their colon: "Photo shows tanks" is a sentence.
    r"(?:file )?(?:photo|image|picture)(?: credits?| source)?:\s.{0,80}",
)
# One expression for all: a line is tested once, not once per rule.
_BOILERPLATE_LINE = re.compile("^(?:" + "|".join(_BOILERPLATE_LINE_PATTERNS) + ")$", re.I)

# Headings that end an article: what follows them (until the next article's
# stamp) is comments, tag lists, promotions or teaser lists. Comment headings
# are their own kind because stamps under them date readers' comments, not
# articles; a section heading after the comments ends that.
_COMMENT_HEADINGS = re.compile(
    r"^(?:comments?|\d+ comments?|no comments(?: yet)?\W*|leave a (?:comment|reply)"
    r"|join the (?:conversation|discussion)|(?:show|view) comments)$",
    re.I,
)
_SECTION_HEADINGS = re.compile(
    r"^(?:related(?: articles| stories| news| posts| content| coverage| reading| topics| links)?"
    r"|also read|read (?:also|next)|recommended(?: for you| stories| articles| reading)?"
    r"|you (?:may|might) (?:also )?(?:like|be interested in)"
    r"|more (?:from|on|in|stories|news|to read|like this)\b.{0,40}"
    r"|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|top stories|latest (?:news|stories)"
    r"|explore more\b.{0,40}|hashtags|tags|topics|keywords|in (?:this|the) (?:story|article))\s*:?$",
    re.I,
)

# "21 minutes ago", "2 hrs ago", "an hour ago", "yesterday": a relative stamp
# marks the start of a listed article (saved pages list related articles that
# way; a stamp right above the main article's text is that article's own).
_RELATIVE_STAMP = (
    r"(?:(?:updated|published|posted)\s+)?"
    r"(?:(?:\d{1,3}|an?|one)\s*"
    r"(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s+ago"
    r"|just now|yesterday)"
)
_STAMP_LINE = re.compile(rf"^{_RELATIVE_STAMP}$", re.I)
# Outlet and stamp on one line: "Straits Times · 21 minutes ago".
_OUTLET_STAMP_LINE = re.compile(rf"^(?P<outlet>[^·•|]{{2,60}}?)\s*[·•|–—-]\s*{_RELATIVE_STAMP}$", re.I)
# The outlet repeated under the stamp: "- Straits Times", "Source: Straits Times".
_OUTLET_LINE = re.compile(r"^(?:[-–—•|]\s*|source:\s*)(?P<outlet>[^.!?]{2,60})$", re.I)
# "By Anna Nowak and Piotr Lis", "By Reuters Staff": every word capitalised.
_BYLINE = re.compile(
    r"^By\s+(?P<byline>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*){0,8})$"
)
# A wire agency signs off in capitals after the last sentence: "... TV. REUTERS",
# "... said. AFP, REUTERS". Requiring a sentence end before it keeps "... in the USA" out.
_TRAILING_AGENCY = re.compile(
    r"""(?:^|[.!?"'”’)\]])\s+\(?(?P<agency>[A-Z]{2,}(?:(?:,\s*|\s*/\s*|\s+|\s*&\s*)[A-Z]{2,}){0,3})\)?\s*$"""
)
# A wire credit in the dateline: "KYIV, Ukraine (AP) — ...", "PRAGUE, March 4, 2024 (Reuters) - ...".
_DATELINE_AGENCY = re.compile(r"^[A-Z][\w .,'’-]{1,60}?\((?P<agency>[A-Z][A-Za-z.&/ -]{1,25})\)\s*[-–—]\s")
# An artefact left where a site dropped the city of a dateline: "– Ukrainian President ...".
_LEADING_DASH = re.compile(r"^[-–—]\s+")

# A main article's first line, or a listed article's line under its stamp, is
# its title when it reads like a headline: a few words, no final period.
_HEADLINE_WORDS = (3, 30)
_HEADLINE_MAX_CHARS = 200
_KICKER_MAX_WORDS = 2
# An article listed after the main one needs this many words of body; fewer
# means a teaser (headline and a line), not an article.
_MIN_LISTED_WORDS = 30


def _looks_like_headline(line: str) -> bool:
    words = line.split()
    return (
        _HEADLINE_WORDS[0] <= len(words) <= _HEADLINE_WORDS[1]
        and len(line) <= _HEADLINE_MAX_CHARS
        and not line.endswith((".", ",", ";", ":"))
        and not _STAMP_LINE.match(line)
        and not normalise_date(line)
    )


def _looks_like_outlet(line: str) -> bool:
    words = line.split()
    return (
        1 <= len(words) <= 6
        and len(line) <= 60
        and line[0].isupper()
        and not line.endswith((".", ",", ";", ":", "?", "!"))
        and not any(char.isdigit() for char in line)
    )


@dataclass
class _Piece:
    """An article being cut out of a page."""

    line: int  # 1-based line where it starts, for messages
    listed: bool  # started at a stamp (a related/listed article), not the page's main article
    title: str = ""
    source: str = ""
    agency: str = ""
    body: list[str] = field(default_factory=list)  # lines; "" marks a paragraph break
    closed: bool = False  # a section heading ended its text
    in_comments: bool = False
    header_open: bool = True  # outlet / byline / title lines may still come
    stamp_date: str = ""  # ISO date of its stamp line, when the stamp was a date

    @property
    def article(self) -> Article:
        text = "\n".join(self.body).strip()
        text = re.sub(r"\n{3,}", "\n\n", text)
        return Article(text=text, title=self.title, source=self.source, agency=self.agency)


def _split(text: str, *, title: str) -> list[_Piece]:
    """Pieces of a cleaned page text, in order, each with a non-empty body.

    ``title`` is the first article's known title (from metadata); without one,
    the first line is taken as the title when it reads like a headline.
    """
    # Furniture lines become blank lines: they separate text like blank lines do.
    lines = [_strip_inline_boilerplate(line) for line in text.split("\n")]
    lines = ["" if _BOILERPLATE_LINE.match(line) else line for line in lines]
    if title:
        _drop_repeated_title(lines, title)
    pieces = [_Piece(line=1, listed=False, title=title, stamp_date=_take_page_date(lines))]
    detect_title = not title
    in_list = False  # past a section heading: dated lines separate listed articles too
    index = 0
    while index < len(lines):
        line = lines[index]
        piece = pieces[-1]
        stamp = None if piece.in_comments else _stamp_at(lines, index, dated=in_list)
        index += 1
        if stamp is not None:
            if _is_own_stamp(piece, stamp):
                outlet = stamp.outlet
                if outlet and outlet == piece.title:
                    # "Title / 2 hours ago / text" or "Outlet / 2 hours ago / Title / text":
                    # the line above was the outlet only if a headline follows.
                    if _headline_follows(lines, index):
                        piece.title = ""
                    else:
                        outlet = ""
                piece.source = piece.source or outlet
                piece.stamp_date = piece.stamp_date or stamp.date
                continue
            if stamp.start < index - 1 and piece.body and piece.body[-1] == lines[stamp.start]:
                piece.body.pop()  # the outlet line above the stamp belongs to the next article
            pieces.append(
                _Piece(line=stamp.start + 1, listed=True, source=stamp.outlet, stamp_date=stamp.date)
            )
            continue
        if not line:
            if piece.body and piece.body[-1] != "" and not piece.closed:
                piece.body.append("")
            continue
        if _COMMENT_HEADINGS.match(line):
            piece.closed, piece.in_comments = True, True
            continue
        if _SECTION_HEADINGS.match(line):
            if _word_count(piece) < _MIN_LISTED_WORDS and not piece.listed:
                continue  # "Top Stories" in the site's menu above the article: no end of it
            piece.closed, piece.in_comments, in_list = True, False, True
            continue
        if piece.closed:
            continue
        if piece.header_open:
            if _take_header_line(piece, line, detect_title or piece.listed, lines, index):
                continue
            piece.header_open = False
        if not any(piece.body):
            line = _LEADING_DASH.sub("", line)
        piece.body.append(line)
    kept = []
    for piece in pieces:
        _finish(piece)
        if any(piece.body):
            kept.append(piece)
    if len(kept) > 1:
        # Beside other articles, a short piece is a teaser or page header, not an article.
        kept = [piece for piece in kept if not piece.listed or _word_count(piece) >= _MIN_LISTED_WORDS]
        if len(kept) > 1 and not kept[0].title and _word_count(kept[0]) < _MIN_LISTED_WORDS:
            kept = kept[1:]
    return kept


def _is_own_stamp(piece: _Piece, stamp: _Stamp) -> bool:
    """Whether a stamp dates the piece above it rather than starting the next article.

    The main article may have its stamp above or below its title: any stamp
    before its text is its own. A listed article owns a date only right under
    its title with no outlet line of its own; otherwise the stamp starts the
    next item, so that a teaser (title, no text) is never merged with it.
    """
    if any(piece.body) or piece.closed:
        return False
    if not piece.listed:
        return True
    return bool(piece.title) and bool(stamp.date) and not stamp.outlet and not piece.stamp_date


def _headline_follows(lines: list[str], index: int) -> bool:
    """Whether the next non-empty line from ``index`` reads like a headline with text after it."""
    for position in range(index, len(lines)):
        if lines[position]:
            return _looks_like_headline(lines[position]) and _has_text_after(lines, position + 1)
    return False


def _drop_repeated_title(lines: list[str], title: str) -> None:
    # HTML extractors and Markdown headings repeat the known title as the first line.
    wanted = " ".join(title.split()).casefold()
    for index, line in enumerate(lines):
        if line:
            if line.casefold() == wanted:
                lines[index] = ""
            return


def _word_count(piece: _Piece) -> int:
    return sum(len(line.split()) for line in piece.body)


def _strip_inline_boilerplate(line: str) -> str:
    """The line without boilerplate sentences, its whitespace collapsed."""
    lowered = line.lower()
    for needle, rule in _INLINE_BOILERPLATE:
        if needle in lowered:
            line = rule.sub("", line)
    return " ".join(line.split())


@dataclass(frozen=True)
class _Stamp:
    """The stamp block of a listed article: its outlet, first line and (absolute) date."""

    outlet: str
    start: int
    date: str = ""


def _stamp_at(lines: list[str], index: int, *, dated: bool) -> _Stamp | None:
    """The stamp block whose stamp is ``lines[index]``, if that line is a stamp.

    Relative stamps ("21 minutes ago") always count; a line holding only a
    date counts when ``dated`` (in a list of articles, where it separates items;
    elsewhere it is the article's own date line).
    """
    line = lines[index]
    together = _OUTLET_STAMP_LINE.match(line)
    if together and _looks_like_outlet(together["outlet"].strip()):
        return _Stamp(together["outlet"].strip(), index)
    stamp_date = _date_line(line) if dated else ""
    if not stamp_date and not _STAMP_LINE.match(line):
        return None
    # The outlet line above the stamp is taken when it stands apart from the
    # text before it (a blank line or page start above it) or when the line
    # under the stamp repeats it ("- Straits Times"); otherwise it may be the
    # last line of the previous article.
    above = index - 1
    if above >= 0 and lines[above] and _looks_like_outlet(lines[above]):
        below = lines[index + 1] if index + 1 < len(lines) else ""
        repeated = _OUTLET_LINE.match(below)
        apart = above == 0 or not lines[above - 1]
        if apart or (repeated and repeated["outlet"].strip() == lines[above]):
            return _Stamp(lines[above], above, stamp_date)
    return _Stamp("", index, stamp_date)


def _take_header_line(piece: _Piece, line: str, detect_title: bool, lines: list[str], index: int) -> bool:
    """Consume an outlet, byline or title line at the top of a piece; False when body starts."""
    outlet = _OUTLET_LINE.match(line)
    if piece.listed and not piece.title and outlet and _looks_like_outlet(outlet["outlet"].strip()):
        piece.source = piece.source or outlet["outlet"].strip()
        return True
    byline = _BYLINE.match(line)
    if byline and not piece.agency:
        piece.agency = byline["byline"]
        return True
    if detect_title and not piece.title:
        if _looks_like_headline(line) and _has_text_after(lines, index):
            piece.title = line
            return True
        # A kicker above the headline ("Ukraine war", "World"): a word or two,
        # then a headline. It labels the site's section, not the article.
        short = len(line.split()) <= _KICKER_MAX_WORDS and not line.endswith(".")
        if short and not any(piece.body) and _headline_follows(lines, index):
            return True
    return False


def _has_text_after(lines: list[str], index: int) -> bool:
    # ``index`` already points past the candidate title line.
    return any(lines[position] for position in range(index, len(lines)))


def _finish(piece: _Piece) -> None:
    """Trim the piece and name its agency from its sign-off or dateline."""
    while piece.body and piece.body[-1] == "":
        piece.body.pop()
    if not piece.body:
        return
    first = next(line for line in piece.body if line)
    # A wire credit (sign-off, then dateline) names who reported the text;
    # it is preferred to a personal byline taken from the header.
    wire = _TRAILING_AGENCY.search(piece.body[-1]) or _DATELINE_AGENCY.match(first)
    if wire:
        piece.agency = wire["agency"]


# --------------------------------------------------------------------------- dates

_MONTHS: dict[str, int] = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# Written dates, tried in this order at one position; each needs a four-digit
# year, so "June 23" or "23/06" (no year, or order unknown) never count.
_WRITTEN_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(
        rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b", re.I
    ),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)
_ISO_START = re.compile(r"^\d{4}-?\d{2}-?\d{2}(?:$|[T ]\d)")
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")
# What may follow a date in a stamp or metadata value: a time of day and a
# zone. Case matters: a zone is in capitals ("CET", "GMT+8"), so that "June
# 23, 2025 said" is not a date line with a zone called "said".
_TIME_REST = re.compile(
    r"[\s,·|–—-]*(?:[Aa]t\s*)?(?:\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[AaPp]\.?[Mm]\.?)?)?\s*"
    r"(?:\(?(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})(?:[+-]\d{1,2})?\)?)?\s*"
)
# A dated line at the top of an article: "Published: June 23, 2025 10:32 AM",
# "Updated 23 Jun 2025". The label is optional; nothing but a time may follow.
_DATE_LABEL = re.compile(r"^(?:(?:first )?published|updated|last updated|posted|date)\s*(?:on\b|:)?\s*", re.I)
# A dateline that opens the body: "BELGRADE, June 23, 2025 (Reuters) - ...",
# "June 23, 2025 — ...". The date must be followed by a dash or colon.
_DATELINE_PLACE = re.compile(r"^(?:[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?\s*,\s*)?")
_DATELINE_END = re.compile(r"\s*(?:\([A-Za-z .]{2,30}\))?\s*[-–—:]\s")
# How many lines at the top of an article a date stamp or dateline may be on.
_DATE_LINES_SEARCHED = 5


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _match_written_date(text: str, position: int) -> tuple[str, int] | None:
    """(ISO date, end offset) of a four-digit-year date starting exactly at ``position``."""
    for pattern in _WRITTEN_DATES:
        matched = pattern.match(text, position)
        if not matched:
            continue
        month = _MONTHS[matched["mon"].lower()] if "mon" in matched.groupdict() else int(matched["m"])
        iso = _iso(int(matched["y"]), month, int(matched["d"]))
        if iso:
            return iso, matched.end()
    return None


# Stored copies of web pages open with their capture's date: " date 2024-01-16 The US ...".
_PAGE_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+|$)")


def _take_page_date(lines: list[str]) -> str:
    """The ISO date a stored page opens with, removed from its first line; or ""."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return ""
    match = _PAGE_DATE.match(lines[first])
    dated = _iso(int(match[1]), int(match[2]), int(match[3])) if match else None
    if not match or not dated:
        return ""
    lines[first] = lines[first][match.end() :]
    return dated


def _date_line(line: str) -> str:
    """The ISO date of a line that holds only a (labelled) date and time, or ""."""
    labelled = _DATE_LABEL.match(line)
    found = _match_written_date(line, labelled.end() if labelled else 0)
    if found and _TIME_REST.fullmatch(line[found[1] :]):
        return found[0]
    return ""


def _date_in_text(text: str) -> str:
    """An ISO date stated at the top of an article (a date line or a dateline), or ""."""
    lines = [line for line in text.split("\n") if line.strip()][:_DATE_LINES_SEARCHED]
    for line in lines:
        dated = _date_line(line)
        if dated:
            return dated
        place = _DATELINE_PLACE.match(line)
        found = _match_written_date(line, place.end() if place else 0)
        if found and _DATELINE_END.match(line, found[1]):
            return found[0]
    return ""
