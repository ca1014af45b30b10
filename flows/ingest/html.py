"""HTML -> the article's text and what the page declares about it (title, outlet, address, date).

The text comes from trafilatura, which only ever sees the HTML string (nothing
is fetched), with a plain tag-strip when it finds nothing or the page is too
big for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from flows.dates import normalise_date
from flows.ingest.decoding import clean_text
from flows.ingest.documents import Document
from flows.ingest.records import load_json
from flows.ingest.results import IngestError

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


def html_document(html: str) -> tuple[Document, list[str]]:
    """The page's article text and declared metadata, and warnings about the page."""
    warnings = []
    if not _HTML_END.search(html[-4096:]):
        warnings.append("HTML looks truncated (no closing </html>); its text may be cut short")
    tree = _parse_html(html)
    title, source, url, published = _html_metadata(tree)
    elements = sum(1 for _ in tree.iter()) if tree is not None else 0
    if elements > _TRAFILATURA_MAX_ELEMENTS:
        warnings.append(
            f"very large page ({elements} elements): read with a plain tag-strip, so menus and teasers may remain"
        )
        text = ""
    else:
        text = _trafilatura_text(html)
    if not text.strip() and tree is not None:
        text = _strip_tags(tree)
    if not text.strip():
        raise IngestError("no article text found in this HTML")
    document = Document(text=text, title=title, url=url, source=source, published=published)
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
        document = trafilatura.bare_extraction(html, with_metadata=False, include_comments=False, include_tables=True)
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
                yield from _json_ld_dates(load_json(script.text), depth=0)
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
