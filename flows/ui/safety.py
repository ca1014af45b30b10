"""Untrusted text made inert, and errors shown as messages: what every page relies on.

Article text, claims, uploads and the URL are never rendered as HTML; where
they go into markdown they pass through :func:`md_escape`. A failure inside a
page becomes a message naming what the page was doing (:func:`guarded`), never
a traceback, and the rest of the page keeps working.
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import streamlit as st

from flows.messages import shown
from flows.store import StoreError

LOG = logging.getLogger(__name__)

SAVED_MESSAGE = "_saved_message"  # session key: a confirmation to show on the next run

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")
_AUTOLINK = re.compile(r"(?i)(://|www\.)")
_WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """Untrusted text made inert for ``st.markdown`` (no links, images, HTML, math, directives).

    Markdown characters get a backslash; an invisible word joiner inside ``://``
    and ``www.`` keeps the renderer from turning bare addresses into links;
    control and bidi characters are shown as escapes (:func:`flows.messages.shown`).
    """
    flat = shown(" ".join(str(text).split()))
    flat = _AUTOLINK.sub(lambda m: m.group(0)[0] + _WORD_JOINER + m.group(0)[1:], flat)
    return _MD_SPECIAL.sub(r"\\\1", flat)


def safe_url(url: str) -> str:
    """The URL when it is plain http(s), else ""."""
    url = url.strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else ""


def highlighted(text: str, sentences: list[str]) -> str:
    """Article text as inert HTML (every character escaped, lines kept) with each
    sentence found in it marked: what ``st.html`` shows of an untrusted article."""
    spans: list[tuple[int, int]] = []
    for sentence in sentences:
        start = text.find(sentence) if sentence else -1
        if start >= 0:
            spans.append((start, start + len(sentence)))
    pieces: list[str] = []
    at = 0
    for start, end in sorted(spans):
        if start < at:  # overlaps one already marked
            continue
        pieces += [html.escape(text[at:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        at = end
    pieces.append(html.escape(text[at:]))
    return '<div style="white-space: pre-wrap; font-size: 0.9rem">' + "".join(pieces) + "</div>"


@contextmanager
def guarded(what: str) -> Iterator[None]:
    """Show a clear message instead of a traceback; the rest of the page keeps working."""
    try:
        yield
    except StoreError as error:
        st.error(f"The claims store could not be used while {what}: {md_escape(error)}", icon=":material/database:")
    except Exception as error:
        LOG.exception("error while %s", what)
        st.error(
            f"Something went wrong while {what} ({error.__class__.__name__}: {md_escape(str(error)[:300])}). "
            "The rest of the app still works; the details are in the server log.",
            icon=":material/error:",
        )


def run_page(page: Callable[[], None], what: str) -> None:
    """Run a page with the last-resort error message (no traceback for the user)."""
    message = st.session_state.pop(SAVED_MESSAGE, None)
    if message:
        st.success(message, icon=":material/check_circle:")
    with guarded(what):
        page()
