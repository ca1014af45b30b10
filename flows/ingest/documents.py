"""A document (one file or record, with the metadata it declared) -> its articles, each dated.

A document is split into its articles (:mod:`flows.ingest.pages`). Its main
article takes what the document declares (record fields, HTML meta, front
matter); the articles listed after it have their own outlet, address and date.
Each article's publication date comes, in order, from the document's
metadata, the ``published`` option, or a date stated at its top; an unknown
date stays "" with a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from flows.ingest.datelines import date_in_text
from flows.ingest.pages import split
from flows.ingest.results import IngestProblem, Part


@dataclass(frozen=True)
class Document:
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


def articles_from_documents(documents: Sequence[Document], name: str, published_iso: str, source: str | None) -> Part:
    result = Part()
    for document in documents:
        pieces = split(document.text, title=document.title)
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
            text_date = "" if metadata_date or published_iso else piece.stamp_date or date_in_text(article.text)
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


def _prefixed(document: Document, message: str) -> str:
    return f"{document.label}: {message}" if document.label else message
