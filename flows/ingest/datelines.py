"""The date an article states at its top: a date line, a dateline, or a stored page's date prefix.

Only the first lines count (a date inside a sentence or a photo caption is
not the article's date), and only a date a strict reading accepts
(:func:`flows.dates.match_written_date`: a four-digit year, a real day).
A dateline also credits the wire agency that filed the story.
"""

from __future__ import annotations

import re

from flows.dates import TIME_REST, iso_date, match_written_date

# A dated line at the top of an article: "Published: June 23, 2025 10:32 AM",
# "Updated 23 Jun 2025". The label is optional; nothing but a time may follow.
_DATE_LABEL = re.compile(r"^(?:(?:first )?published|updated|last updated|posted|date)\s*(?:on\b|:)?\s*", re.I)

# A dateline opens the body: the place, maybe the date, maybe the wire agency
# in brackets, then a dash: "BELGRADE, June 23, 2025 (Reuters) - ...",
# "KYIV, Ukraine (AP) — ...", "June 23, 2025 — ...". Its parts:
# the place before a date ("BELGRADE, " or "KYIV, Ukraine, ")...
_DATELINE_PLACE = re.compile(r"^(?:[A-Z][A-Za-z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?\s*,\s*)?")
# ... what must follow the date for it to be the dateline's (agency, then a dash or colon) ...
_DATELINE_END = re.compile(r"\s*(?:\([A-Za-z .]{2,30}\))?\s*(?:--|[-–—:])\s")
# ... and the agency credit, dated or not ("KYIV, Ukraine (AP) — ").
_DATELINE_AGENCY = re.compile(r"^[A-Z][\w .,'’-]{1,60}?\((?P<agency>[A-Z][A-Za-z.&/ -]{1,25})\)\s*(?:--|[-–—])\s")

# A dateline as a whole, for readers of the text after ingest (the extractor
# blanks it: it names where the story was filed, no party; and takes its city's
# country as the home of speakers with none): "KYIV, Ukraine (AP) —", "PRAGUE -",
# "(Reuters) -". The patterns above read its date and agency.
DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z.'’]+(?:[ /-][A-Z][A-Z.'’]+)*(?:,\s*[A-Z][\w.]+(?:\s+\d{1,2})?)?\s*(?:\([^)]{1,30}\)\s*)?"
    r"|\([A-Z][\w ]{1,30}\)\s*)(?:--|[-–—:])\s+"
    # TASS: "TBILISI, February 5. /TASS/. "
    r"|^\s*[A-Z][A-Z.'’]+(?:[ -][A-Z][A-Z.'’]+)*,\s*[A-Z][a-z]+\.?\s+\d{1,2}\.\s*/[A-Z][\w-]{1,20}/\.?\s+"
)

# How many lines at the top of an article a date stamp or dateline may be on.
_DATE_LINES_SEARCHED = 5

# Stored copies of web pages open with their capture's date: " date 2024-01-16 The US ...".
_PAGE_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})-(\d{2})(?:\s+|$)")


def take_page_date(lines: list[str]) -> str:
    """The ISO date a stored page opens with, removed from its first line; or ""."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return ""
    match = _PAGE_DATE.match(lines[first])
    dated = iso_date(int(match[1]), int(match[2]), int(match[3])) if match else None
    if not match or not dated:
        return ""
    lines[first] = lines[first][match.end() :]
    return dated


def date_line(line: str) -> str:
    """The ISO date of a line that holds only a (labelled) date and time, or ""."""
    labelled = _DATE_LABEL.match(line)
    found = match_written_date(line, labelled.end() if labelled else 0)
    if found and TIME_REST.fullmatch(line[found[1] :]):
        return found[0]
    return ""


def date_in_text(text: str) -> str:
    """An ISO date stated at the top of an article (a date line or a dateline), or ""."""
    lines = [line for line in text.split("\n") if line.strip()][:_DATE_LINES_SEARCHED]
    for line in lines:
        dated = date_line(line)
        if dated:
            return dated
        place = _DATELINE_PLACE.match(line)
        found = match_written_date(line, place.end() if place else 0)
        if found and _DATELINE_END.match(line, found[1]):
            return found[0]
    return ""


def dateline_agency(line: str) -> str:
    """The wire agency a dateline credits ("KYIV, Ukraine (AP) — ..." -> "AP"), or ""."""
    credited = _DATELINE_AGENCY.match(line)
    return credited["agency"] if credited else ""
