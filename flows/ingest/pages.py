"""A saved page -> its articles: the page is cut at "N minutes ago" stamps and its furniture dropped.

A saved news page often holds a main article, site furniture and "related
articles", each under an outlet line and a stamp. The first line is the main
article's title when it reads like a headline (after an optional one- or
two-word kicker); each later article starts at a stamp, with its outlet line
around the stamp and its title on the next line. Furniture is removed by the
ordered rules of :mod:`flows.ingest.boilerplate`; a listed article under 30
words is a teaser and dropped. ``agency`` is the wire credit (a sign-off or a
dateline), else a "By ..." byline.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flows.dates import normalise_date
from flows.ingest.boilerplate import COMMENTS_HEADING, FURNITURE_LINE, SECTION_HEADING, strip_sentences
from flows.ingest.datelines import date_line, dateline_agency, take_page_date
from flows.models import Article

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
_BYLINE = re.compile(r"^By\s+(?P<byline>[A-Z][\w.'’-]*(?:(?:\s+|,\s*|\s+and\s+|\s*&\s*)[A-Z][\w.'’-]*){0,8})$")
# A wire agency signs off in capitals after the last sentence: "... TV. REUTERS",
# "... said. AFP, REUTERS". Requiring a sentence end before it keeps "... in the USA" out.
_TRAILING_AGENCY = re.compile(
    r"""(?:^|[.!?"'”’)\]])\s+\(?(?P<agency>[A-Z]{2,}(?:(?:,\s*|\s*/\s*|\s+|\s*&\s*)[A-Z]{2,}){0,3})\)?\s*$"""
)
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
class Piece:
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


def split(text: str, *, title: str) -> list[Piece]:
    """Pieces of a cleaned page text, in order, each with a non-empty body.

    ``title`` is the first article's known title (from metadata); without one,
    the first line is taken as the title when it reads like a headline.
    """
    # Furniture lines become blank lines: they separate text like blank lines do.
    lines = [strip_sentences(line) for line in text.split("\n")]
    lines = ["" if FURNITURE_LINE.match(line) else line for line in lines]
    if title:
        _drop_repeated_title(lines, title)
    pieces = [Piece(line=1, listed=False, title=title, stamp_date=take_page_date(lines))]
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
            pieces.append(Piece(line=stamp.start + 1, listed=True, source=stamp.outlet, stamp_date=stamp.date))
            continue
        if not line:
            if piece.body and piece.body[-1] != "" and not piece.closed:
                piece.body.append("")
            continue
        if COMMENTS_HEADING.match(line):
            piece.closed, piece.in_comments = True, True
            continue
        if SECTION_HEADING.match(line):
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


def _is_own_stamp(piece: Piece, stamp: _Stamp) -> bool:
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


def _word_count(piece: Piece) -> int:
    return sum(len(line.split()) for line in piece.body)


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
    stamp_date = date_line(line) if dated else ""
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


def _take_header_line(piece: Piece, line: str, detect_title: bool, lines: list[str], index: int) -> bool:
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


def _finish(piece: Piece) -> None:
    """Trim the piece and name its agency from its sign-off or dateline."""
    while piece.body and piece.body[-1] == "":
        piece.body.pop()
    if not piece.body:
        return
    first = next(line for line in piece.body if line)
    # A wire credit (sign-off, then dateline) names who reported the text;
    # it is preferred to a personal byline taken from the header.
    signed = _TRAILING_AGENCY.search(piece.body[-1])
    agency = signed["agency"] if signed else dateline_agency(first)
    if agency:
        piece.agency = agency
