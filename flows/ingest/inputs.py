"""Where articles come from: files, folders, globs, stdin, uploads and pasted text.

Each input is read whole (after a size check), decoded, turned into documents
by its format (plain text and Markdown: one; HTML: one; JSON and JSON Lines:
one per record) and those into dated articles. A JSON Lines feed is the one
exception: it is read a stretch of lines at a time (:data:`STRETCH_BYTES`),
whatever its size, so a year of a news feed never has to fit in memory. A
batch keeps one of each article (by ``article_id``) and a problem for each
input that went wrong.
"""

from __future__ import annotations

import glob
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from flows.dates import normalise_date
from flows.ingest.decoding import UNAMBIGUOUS_ENCODINGS, clean_text, declared_charset, decode_bytes
from flows.ingest.documents import Document, articles_from_documents
from flows.ingest.html import html_document
from flows.ingest.markdown import markdown_document
from flows.ingest.records import record_documents
from flows.ingest.results import IngestError, IngestProblem, IngestResult, Part

SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm", ".json", ".jsonl")

# A news article is a few kB and a saved page a few MB; past this, a file is
# not an article (a dump or a mistake) and reading it whole would only hurt.
_MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 20 * _MEGABYTE

STDIN_NAME = "<stdin>"

# How much of a JSON Lines feed is read at once: a few hundred news articles.
STRETCH_BYTES = 1 * _MEGABYTE


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
    return combine(list(iter_paths(paths, published=published, source=source, stdin=stdin)))


def iter_paths(
    paths: Sequence[str | Path],
    *,
    published: str | None = None,
    source: str | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[IngestResult]:
    """:func:`read_paths` as it goes: one result per input (per stretch of a JSON Lines feed).

    Together the results are :func:`read_paths`'s: an article already given by
    an earlier result is not given again. Raises ``ValueError`` at once (not
    on the first ``next``) for an unreadable ``published``.
    """
    return _iter_paths(paths, _option_date(published), source, stdin)


def expand_paths(paths: Sequence[str | Path]) -> Iterator[tuple[Path, IngestProblem | None]]:
    """The files that ``paths`` (files, folders, globs, "-") name, once each, in order.

    "-" (stdin) comes as ``Path("-")``; an argument that names no file comes
    as its path with the problem.
    """
    seen: set[Path] = set()
    for raw in paths:
        if str(raw) == "-":
            yield Path("-"), None
            continue
        for path, problem in _expand(str(raw)):
            if problem is None and path.resolve() in seen:
                continue
            seen.add(path.resolve())
            yield path, problem


def _iter_paths(
    paths: Sequence[str | Path], published_iso: str, source: str | None, stdin: IO[bytes] | None
) -> Iterator[IngestResult]:
    batch = _Batch()
    for path, problem in expand_paths(paths):
        if problem is not None:
            batch.result.inputs.append(problem.path)
            batch.result.problems.append(problem)
        elif str(path) == "-":
            try:
                data = _read_limited(stdin if stdin is not None else sys.stdin.buffer)
            except IngestError as unreadable:
                batch.error(STDIN_NAME, unreadable)
            else:
                batch.add(STDIN_NAME, _read_document_bytes(data, STDIN_NAME, ".txt", published_iso, source))
        elif path.suffix.lower() == ".jsonl":
            for part, size in _feed_stretches(path, published_iso, source):
                batch.add(str(path), part)
                batch.result.bytes_read = size
                yield batch.take()
            continue
        else:
            batch.add(str(path), _read_file(path, published_iso, source))
            batch.result.bytes_read = _size_or_zero(path)
        yield batch.take()


def read_bytes(data: bytes, name: str, *, published: str | None = None, source: str | None = None) -> IngestResult:
    """Read one uploaded file; its format comes from the suffix of ``name``."""
    published_iso = _option_date(published)
    batch = _Batch()
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        batch.error(name, IngestError(_unsupported_message(suffix)))
    elif len(data) > MAX_FILE_BYTES:
        batch.error(name, IngestError(_too_large_message(len(data))))
    else:
        batch.add(name, _read_document_bytes(data, name, suffix, published_iso, source))
    return batch.result


def combine(results: Sequence[IngestResult], seen: set[str] | None = None) -> IngestResult:
    """Several results as one batch's: articles in order, one of each article, every problem.

    ``seen`` holds the ids of articles given by earlier batches (and gets these
    ones'): a run read in batches drops an article met again, as one batch does.
    """
    combined = IngestResult()
    seen = set() if seen is None else seen
    for result in results:
        combined.inputs.extend(result.inputs)
        combined.problems.extend(result.problems)
        combined.bytes_read += result.bytes_read
        combined.duplicates_skipped += result.duplicates_skipped
        for article in result.articles:
            if article.article_id in seen:
                combined.duplicates_skipped += 1
                continue
            seen.add(article.article_id)
            combined.articles.append(article)
    return combined


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
    document = Document(text=cleaned, title=clean_text(title).strip(), url=url.strip())
    batch.add(name, articles_from_documents([document], name, published_iso, source))
    return batch.result


class _Batch:
    """Collects results of many inputs, dropping articles already seen in this batch."""

    def __init__(self) -> None:
        self.result = IngestResult()
        self._ids: set[str] = set()

    def add(self, name: str, part: Part) -> None:
        """One input's articles and problems; its problems in line order (a file's own first)."""
        self.result.inputs.append(name)
        problems = list(part.problems)
        for index, article in enumerate(part.articles):
            if article.article_id in self._ids:
                self.result.duplicates_skipped += 1
                continue
            self._ids.add(article.article_id)
            self.result.articles.append(article)
            if index in part.undated:
                problems.append(part.undated[index])
        self.result.problems.extend(sorted(problems, key=lambda problem: problem.line or 0))

    def error(self, name: str, problem: IngestError) -> None:
        self.result.inputs.append(name)
        self.result.problems.append(IngestProblem(name, problem.line, problem.message, "error"))

    def take(self) -> IngestResult:
        """What was added since the last take; articles seen before stay dropped from later inputs."""
        taken, self.result = self.result, IngestResult()
        return taken


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
            yield path, IngestProblem(raw, None, _nothing_readable(path), "error")
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


def _nothing_readable(folder: Path) -> str:
    """Why a folder gives no article: empty, or only files of kinds not read (say which)."""
    files = [c for c in folder.rglob("*") if c.is_file() and not c.relative_to(folder).parts[0].startswith(".")]
    skipped = sorted({child.suffix.lower() or "no suffix" for child in files})
    message = f"no readable files ({', '.join(SUFFIXES)}) in this folder"
    return message + (f"; it holds only {', '.join(skipped)} files" if skipped else "; it is empty")


def _folder_files(folder: Path) -> Iterator[Path]:
    # Hidden files and folders (.git, .venv, editor backups) are never articles.
    for child in sorted(folder.rglob("*")):
        relative = child.relative_to(folder).parts
        if any(part.startswith(".") for part in relative):
            continue
        if child.is_file() and child.suffix.lower() in SUFFIXES:
            yield child


def _size_or_zero(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_file(path: Path, *, limited: bool = True) -> None:
    """Raise :class:`IngestError` (or ``OSError``) for a path that is not a readable input file."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise IngestError(_unsupported_message(suffix))
    if not path.is_file():
        # A pipe or device would block or never end; only regular files are read.
        raise IngestError("not a regular file")
    size = path.stat().st_size
    if limited and size > MAX_FILE_BYTES:
        raise IngestError(_too_large_message(size))


def _read_file(path: Path, published_iso: str, source: str | None) -> Part:
    name = str(path)
    try:
        _check_file(path)
        with path.open("rb") as handle:
            data = _read_limited(handle)
    except IngestError as problem:
        return Part(problems=[IngestProblem(name, problem.line, problem.message, "error")])
    except OSError as error:
        return Part(problems=[IngestProblem(name, None, f"cannot read: {error.strerror or error}", "error")])
    return _read_document_bytes(data, name, path.suffix.lower(), published_iso, source)


_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _feed_stretches(path: Path, published_iso: str, source: str | None) -> Iterator[tuple[Part, int]]:
    """A JSON Lines file a stretch of whole lines at a time, each with the bytes it took.

    A file of one stretch reads as any other file; the size limit applies to
    each line (one record), not to the feed. A UTF-16 file (by its BOM) is
    read whole, within the size limit: its lines cannot be cut as bytes.
    """
    name = str(path)
    try:
        _check_file(path, limited=False)
        handle = path.open("rb")
    except IngestError as problem:
        yield Part(problems=[IngestProblem(name, problem.line, problem.message, "error")]), 0
        return
    except OSError as error:
        yield Part(problems=[IngestProblem(name, None, f"cannot read: {error.strerror or error}", "error")]), 0
        return
    with handle:
        if handle.read(2) in _UTF16_BOMS:  # a line end is two bytes there: read whole, as any other file
            yield _read_file(path, published_iso, source), _size_or_zero(path)
            return
        handle.seek(0)
        line = 1
        while True:
            first_line, lines, size, too_long = line, [], 0, []
            while size < STRETCH_BYTES:
                raw = handle.readline(MAX_FILE_BYTES + 1)
                if not raw:
                    break
                size += len(raw)
                if len(raw) > MAX_FILE_BYTES:  # one record past the limit: skip to its line's end
                    while raw and not raw.endswith(b"\n"):
                        raw = handle.readline(_MEGABYTE)
                        size += len(raw)
                    message = f"line too long (over {_size_text(MAX_FILE_BYTES)}); skipped"
                    too_long.append(IngestProblem(name, line, message, "error"))
                    raw = b"\n"  # keeps the lines after it numbered as in the file
                lines.append(raw)
                line += 1
            if not lines:
                return
            data = b"".join(lines)
            if first_line > 1 and not data.strip():
                continue
            part = _read_document_bytes(data, name, ".jsonl", published_iso, source, first_line=first_line)
            part.problems = sorted([*part.problems, *too_long], key=lambda problem: problem.line or 0)
            yield part, size


def _read_limited(stream: IO[bytes]) -> bytes:
    # Read one byte past the limit, so an over-large stream is refused without
    # ever holding more than the limit in memory.
    data = stream.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(f"input too large (over {_size_text(MAX_FILE_BYTES)})")
    return data


def _read_document_bytes(
    data: bytes, name: str, suffix: str, published_iso: str, source: str | None, first_line: int = 1
) -> Part:
    """One input's bytes as articles; ``first_line`` > 1 for a later stretch of a JSON Lines feed."""
    result = Part()
    try:
        declared = declared_charset(data) if suffix in (".html", ".htm") else ""
        text, encoding = decode_bytes(data, declared=declared)
    except IngestError as problem:
        result.problems.append(IngestProblem(name, problem.line, problem.message, "error"))
        return result
    if encoding not in UNAMBIGUOUS_ENCODINGS and first_line == 1:  # a fallback or a guess: say so, once a file
        result.problems.append(IngestProblem(name, None, f"not valid UTF-8; read as {encoding}", "warning"))
    text = clean_text(text)
    if not text.strip():
        result.problems.append(IngestProblem(name, None, "empty file (no text)", "error"))
        return result
    documents: list[Document]
    if suffix in (".html", ".htm"):
        try:
            document, page_warnings = html_document(text)
        except IngestError as problem:
            result.problems.append(IngestProblem(name, problem.line, problem.message, "error"))
            return result
        documents = [document]
        result.problems.extend(IngestProblem(name, None, message, "warning") for message in page_warnings)
    elif suffix in (".json", ".jsonl"):
        documents, record_problems = record_documents(text, name, lines=suffix == ".jsonl", first_line=first_line)
        result.problems.extend(record_problems)
    elif suffix == ".md":
        documents = [markdown_document(text, name, result.problems)]
    else:
        documents = [Document(text=text)]
    part = articles_from_documents(documents, name, published_iso, source)
    part.problems[:0] = result.problems
    return part
