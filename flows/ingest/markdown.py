"""Markdown as plain text, with simple front matter (title, date, source, url) as metadata."""

from __future__ import annotations

import re

from flows.dates import normalise_date
from flows.ingest.documents import Document
from flows.ingest.results import IngestProblem

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.S)
_FRONT_MATTER_LINE = re.compile(r"^(?P<key>[A-Za-z_]+)\s*:\s*(?P<value>.*?)\s*$")
# Markup spans are bounded (and exclude their own openers), so that a line of
# thousands of "[" or "*" costs linear time, not quadratic.
_MD_IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\n]{0,500}\)")
_MD_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\n]{0,500}\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|`)(?=\S)([^*`\n]{1,300}?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_QUOTE = re.compile(r"^\s{0,3}>\s?")


def markdown_document(text: str, name: str, problems: list[IngestProblem]) -> Document:
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
                IngestProblem(name, None, f"front matter 'date': cannot read {raw_date!r}; ignored", "warning")
            )
    lines = []
    for line in text.split("\n"):
        line = _MD_IMAGE.sub("", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_EMPHASIS.sub(r"\2", line)
        line = _MD_QUOTE.sub("", line)
        heading = _MD_HEADING.match(line)
        lines.append(heading[1] if heading else line)
    return Document(
        text="\n".join(lines),
        title=metadata.get("title", ""),
        url=metadata.get("url", ""),
        source=metadata.get("source", ""),
        published=published,
    )
