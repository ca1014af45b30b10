"""Dates, read and written one way: the month table, written dates, and ISO dates at a precision.

A claim date is ISO 8601 at its precision: ``2025-06-23`` (day), ``2025-06``
(month) or ``2025`` (year). A written date ("June 23, 2025", "23rd of June
2025", "Mon, 23 Jun 2025 10:00 GMT") is read strictly: a four-digit year,
a real day, and nothing that could be read two ways ("23/06/2025").

The month names and abbreviations here are the English ones every reader of
text uses (ingest's date lines and metadata; the extractor's lexicon takes
its months from :data:`MONTHS` and :data:`MONTH_ABBREVIATIONS`).
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from dateutil import parser as dateutil_parser

from flows.vocabulary import DatePrecision

MONTHS: tuple[str, ...] = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# The abbreviations wire copy and page metadata use ("Sept. 5", "Dec 30", "23 Jun 2025").
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
# Every month word (lower case) -> its number.
MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(MONTHS, start=1)},
    **MONTH_ABBREVIATIONS,
}

_MONTH = r"(?P<mon>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# Written dates, tried in this order at one position; each needs a four-digit
# year, so "June 23" or "23/06" (no year, or order unknown) never count.
_WRITTEN_DATES: tuple[re.Pattern[str], ...] = (
    re.compile(rf"{_WEEKDAY}{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?P<y>\d{{4}})\b", re.IGNORECASE),
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
)
_ISO_START = re.compile(r"^\d{4}-?\d{2}-?\d{2}(?:$|[T ]\d)")
_YEAR_FIRST = re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})")
# What may follow a date in a stamp or metadata value: a time of day and a
# zone. Case matters: a zone is in capitals ("CET", "GMT+8"), so that "June
# 23, 2025 said" is not a date line with a zone called "said".
TIME_REST = re.compile(
    r"[\s,·|–—-]*(?:[Aa]t\s*)?(?:\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[AaPp]\.?[Mm]\.?)?)?\s*"
    r"(?:\(?(?:[A-Z]{2,5}|[+-]\d{2}:?\d{2})(?:[+-]\d{1,2})?\)?)?\s*"
)

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH_ONLY = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


def iso_date(year: int, month: int, day: int) -> str | None:
    """``YYYY-MM-DD``, or None when there is no such day."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def match_written_date(text: str, position: int) -> tuple[str, int] | None:
    """(ISO date, end offset) of a four-digit-year date starting exactly at ``position``."""
    for pattern in _WRITTEN_DATES:
        matched = pattern.match(text, position)
        if not matched:
            continue
        groups = matched.groupdict()
        month = MONTH_NUMBERS[groups["mon"].lower()] if "mon" in groups else int(groups["m"])
        iso = iso_date(int(groups["y"]), month, int(groups["d"]))
        if iso:
            return iso, matched.end()
    return None


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
    found = match_written_date(value, 0)
    if found is not None and TIME_REST.fullmatch(value[found[1] :]):
        return found[0]
    slashed = _YEAR_FIRST.fullmatch(value)
    if slashed:
        return iso_date(int(slashed["y"]), int(slashed["m"]), int(slashed["d"])) or ""
    return ""


# --------------------------------------------------------------------------- ISO dates at a precision


def is_day(value: str) -> bool:
    """Whether ``value`` is a real day written ``YYYY-MM-DD``."""
    return bool(_DAY.match(value)) and date_start(value) is not None


def precision_of(claim_date: str) -> DatePrecision:
    """The precision an ISO date is written at ("" when it is not one)."""
    if _DAY.match(claim_date):
        return "day"
    if _MONTH_ONLY.match(claim_date):
        return "month"
    if _YEAR.match(claim_date):
        return "year"
    return ""


def date_start(claim_date: str) -> date | None:
    """The first day a (possibly partial) ISO date covers; None when empty or bad."""
    try:
        precision = precision_of(claim_date)
        if precision == "day":
            return date.fromisoformat(claim_date)
        if precision == "month":
            return date.fromisoformat(claim_date + "-01")
        if precision == "year":
            return date(int(claim_date), 1, 1)
    except ValueError:
        return None
    return None


def date_end(claim_date: str) -> date | None:
    """The last day a (possibly partial) ISO date covers; None when empty or bad."""
    start = date_start(claim_date)
    if start is None:
        return None
    precision = precision_of(claim_date)
    if precision == "year":
        return date(start.year, 12, 31)
    if precision == "month":
        return date(start.year, start.month, calendar.monthrange(start.year, start.month)[1])
    return start
