"""JSON and JSON Lines: one document per record, and the one way a record becomes an article.

A file is one record, a list of records, or ``{"articles": [records]}``; a
JSON Lines file has a record a line. A record's fields are found by meaning
(:data:`RECORD_FIELDS`: ``text`` or ``body`` or ``content``, ...). Gold files
and the bundled corpus use :func:`article_from_record` on the same fields.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from flows.dates import normalise_date
from flows.ingest.decoding import clean_text
from flows.ingest.documents import Document
from flows.ingest.results import IngestError, IngestProblem
from flows.models import Article

# Fields of a record, by what they mean; the first present wins. "body" and
# "content" are what other scrapers call the text.
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site_name"),
    "agency": ("agency", "byline", "author"),
    "published": ("published", "date", "datePublished", "published_at"),
}


def record_documents(
    text: str, name: str, *, lines: bool, first_line: int = 1
) -> tuple[list[Document], list[IngestProblem]]:
    """A JSON or JSON Lines text's records as documents; ``first_line`` numbers a stretch of a long feed."""
    documents: list[Document] = []
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
        for number, line_text in enumerate(text.split("\n"), start=first_line):
            if not line_text.strip():
                continue
            try:
                record = load_json(line_text)
            except IngestError as error:
                problems.append(IngestProblem(name, number, error.message, "error"))
                continue
            take(record, number, "")
        return documents, problems

    try:
        loaded = load_json(text)
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


def load_json(text: str) -> Any:
    """Parsed JSON; IngestError (with the line) when it is not JSON or nests too deep to parse."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise IngestError(f"not valid JSON: {error.msg} (column {error.colno})", error.lineno) from error
    except RecursionError as error:
        raise IngestError("JSON nested too deeply to read") from error


def record_fields(record: object) -> dict[str, str]:
    """What a JSON record says, by meaning (:data:`RECORD_FIELDS`), as clean text.

    Raises :class:`IngestError` for a record that is not an object, a field
    that is not text, or no text at all.
    """
    if not isinstance(record, Mapping):
        raise IngestError(f"a record must be a JSON object, not {type(record).__name__}")
    values: dict[str, str] = {}
    for meaning, keys in RECORD_FIELDS.items():
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
    return values


def article_from_record(record: object, *, path: str = "", source: str = "") -> Article:
    """The one article a record holds, as it is (no page splitting): a gold file's, a corpus's.

    ``source`` names the outlet when the record does not; an unreadable date is
    left empty. Raises :class:`IngestError` as :func:`record_fields` does.
    """
    values = record_fields(record)
    published = normalise_date(values.get("published", ""))
    return Article(
        text=values["text"],
        title=values.get("title", ""),
        url=values.get("url", ""),
        source=values.get("source", "") or source,
        agency=values.get("agency", ""),
        published=published,
        path=path,
        published_from="metadata" if published else "",
    )


def _record_document(record: object, line: int | None, label: str) -> tuple[Document, list[str]]:
    values = record_fields(record)
    warnings: list[str] = []
    published = ""
    if values.get("published"):
        published = normalise_date(values["published"])
        if not published:
            prefix = f"{label}: " if label else ""
            warnings.append(f"{prefix}field 'published': cannot read the date {values['published']!r}; ignored")
    document = Document(
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
