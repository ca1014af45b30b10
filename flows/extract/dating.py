"""Stage 4: when the claim was made.

The date phrase on the attribution's side of the sentence ("X said on Monday
that ...", "... to Z, X said on Monday"), resolved against the publication
date with its precision; "reached Russia in November" dates the transfer, not
the claim. Without one, the publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from flows.extract.grammar import Grammar
from flows.extract.text import Token

DatedText = tuple[str, str, str]  # ISO date at its precision, precision, the words it came from

# The rules of this stage, by the name a trace and the golden examples use.
RULES: dict[str, str] = {
    "dating.written": "a written date: '2023-03-03', 'March 3, 2023', '3 March 2023', 'May 2024'",
    "dating.day_of_month": "'on March 3', '3 March': the latest such day not after publication",
    "dating.weekday": "'on Monday', 'said Thursday', 'last Thursday': counted back from publication",
    "dating.relative": "'yesterday', 'today', 'last week', 'this month', 'last month', 'last year' (lexicon date_phrases)",
    "dating.month": "'in May', 'late May': month precision, the latest such month",
    "dating.year": "'in 2023': year precision",
    "dating.attribution_side": "only a date on the attribution's side of the transfer dates the claim",
    "dating.publication": "no date phrase for the claim: the publication date",
    "dating.background": "'has long denied', 'repeatedly accused': a standing position is undated (ANNOTATION.md section 6)",
    "dating.carried": "a claimant's later sentences keep the date it was first dated by",
}

_KIND_RULES = {
    "iso": "dating.written",
    "month_day_year": "dating.written",
    "day_month_year": "dating.written",
    "month_year": "dating.written",
    "month_day": "dating.day_of_month",
    "day_month": "dating.day_of_month",
    "weekday": "dating.weekday",
    "last_weekday": "dating.weekday",
    "month": "dating.month",
    "year": "dating.year",
}


def parse_iso(value: str) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def claim_date(
    text: str,
    tokens: list[Token],
    verb_index: int,
    trigger: int,
    published: date | None,
    g: Grammar,
    fired: Callable[[str], None] = lambda rule: None,
) -> DatedText:
    """The date the claim was made, else the publication date.

    Only a date phrase that belongs to the attribution counts: at the start of
    the sentence, or on the attribution's side of the transfer.
    """
    anchor = tokens[verb_index].start if 0 <= verb_index < len(tokens) else 0
    verb_end = tokens[verb_index].end if 0 <= verb_index < len(tokens) else len(text)
    low, high = 0, len(text)
    if 0 <= trigger < len(tokens) and 0 <= verb_index < len(tokens):
        if verb_index < trigger:
            high = tokens[trigger].start
        else:
            low = tokens[verb_index].start  # "shipped ... in 2022, the paper said on Wednesday"
    best: tuple[int, str, str, str, str] | None = None
    lowered = text.lower()
    present = (
        {cls for cls, hint in g.date_classes.items() if hint.search(lowered)} if g.date_hint.search(lowered) else set()
    )
    for kind, pattern in g.date_patterns:
        if g.date_needs[kind] not in present:
            continue
        for match in pattern.finditer(text):
            if kind == "weekday" and _names_a_person(text, match):
                continue
            resolved = resolve_date(kind, match, published, g)
            if resolved is None:
                continue
            distance = min(abs(match.start() - anchor), abs(match.end() - anchor))
            at_start = text[: match.start()].strip(" ,") == "" or match.start() < 4
            if not at_start and (distance > 60 or not low <= match.start() < high):
                fired("dating.attribution_side")
                continue
            if not at_start and verb_end <= match.start() and match.start() - verb_end > 20:
                fired("dating.attribution_side")
                continue  # "said ... had been fired on Dec. 30": that date is not the claim's
            rank = 0 if at_start else distance
            if best is None or rank < best[0]:
                best = (rank, resolved[0], resolved[1], match.group(0), kind)
    if best:
        fired(_KIND_RULES.get(best[4], "dating.relative"))
        return best[1], best[2], best[3]
    if 0 <= verb_index < len(tokens) and _background(tokens, verb_index, g):
        # "Tehran has long denied ...": a standing position, no statement of a day.
        fired("dating.background")
        return "", "", ""
    fired("dating.publication")
    return publication_date(published)


def _names_a_person(text: str, match: re.Match[str]) -> bool:
    """ "Monday Abue, a zonal commander, said": a weekday that opens a sentence right
    before a capitalised word is a name, not a date."""
    return (
        match.group(0) == match.group(1)  # no "on" before it
        and text[: match.start()].strip(" \"“'‘") == ""
        and re.match(r"\s+[A-Z][a-z]", text[match.end() :]) is not None
    )


def _background(tokens: list[Token], verb_index: int, g: Grammar) -> bool:
    """An adverb of habit just before the attribution verb: "has long denied", "repeatedly accused"."""
    return any(t.low in g.lexicon.background_adverbs for t in tokens[max(0, verb_index - 3) : verb_index])


def publication_date(published: date | None) -> DatedText:
    """The publication day, for a statement the text does not date."""
    return (published.isoformat(), "day", "") if published else ("", "", "")


def month_number(name: str, g: Grammar) -> int:
    word = name.lower().rstrip(".")
    if word in g.lexicon.month_abbreviations:
        return g.lexicon.month_abbreviations[word]
    return g.lexicon.months.index(word) + 1


def resolve_date(kind: str, match: re.Match[str], published: date | None, g: Grammar) -> tuple[str, str] | None:
    """The ISO date and precision a date phrase of ``kind`` names, or None."""
    try:
        if kind == "iso":
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3))).isoformat(), "day"
        if kind == "month_day_year":
            return date(int(match.group(3)), month_number(match.group(1), g), int(match.group(2))).isoformat(), "day"
        if kind == "day_month_year":
            return date(int(match.group(3)), month_number(match.group(2), g), int(match.group(1))).isoformat(), "day"
        if kind == "month_year":
            return f"{int(match.group(2)):04d}-{month_number(match.group(1), g):02d}", "month"
        if kind == "year":
            return match.group(1), "year"
    except ValueError:
        return None
    if published is None:
        return None
    try:
        if kind in ("month_day", "day_month"):
            month_name, day = (
                (match.group(1), match.group(2)) if kind == "month_day" else (match.group(2), match.group(1))
            )
            candidate = date(published.year, month_number(month_name, g), int(day))
            if candidate > published:
                candidate = candidate.replace(year=published.year - 1)
            return candidate.isoformat(), "day"
    except ValueError:
        return None
    if kind in ("weekday", "last_weekday"):
        wanted = g.lexicon.weekdays.index(match.group(1).lower())
        back = (published.weekday() - wanted) % 7
        if kind == "last_weekday" and back == 0:
            back = 7  # "last Thursday", said on a Thursday
        return (published - timedelta(days=back)).isoformat(), "day"
    if kind == "yesterday":
        return (published - timedelta(days=1)).isoformat(), "day"
    if kind == "today":
        return published.isoformat(), "day"
    if kind == "last_week":
        earlier = published - timedelta(days=7)
        return f"{earlier.year:04d}-{earlier.month:02d}", "month"
    if kind == "this_month":
        return f"{published.year:04d}-{published.month:02d}", "month"
    if kind == "last_month":
        earlier = published.replace(day=1) - timedelta(days=1)
        return f"{earlier.year:04d}-{earlier.month:02d}", "month"
    if kind == "last_year":
        return f"{published.year - 1:04d}", "year"
    if kind == "month":
        month = month_number(match.group(1), g)
        year = published.year if month <= published.month else published.year - 1
        return f"{year:04d}-{month:02d}", "month"
    return None
