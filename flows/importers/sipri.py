"""SIPRI Arms Transfers Database trade registers, in both export layouts.

**Legacy layout** (``sipri-legacy``): one row per deal, 16 columns, recipient
before supplier, ``?`` flags in three unnamed columns, all delivery years in
one cell, Windows-1252 text, and a few records broken across two lines by an
unquoted line break in ``Comments``. One claim per deal, dated by the **year
of order** (precision year): the deal is the unit SIPRI records.

**Current layout** (``sipri``): one row per deal and delivery year, 17
columns, supplier before recipient, a numeric deal id and ``Yes``/``No``
estimate flags. One claim per row, dated by the **delivery year** (precision
year), keyed by deal id and delivery year.

Both layouts start with a preamble of notes; the header is found by its first
cell, never by counting lines. For every claim:

* ``quantity`` is the number delivered, or the number ordered when nothing was
  delivered yet; ``value`` is SIPRI's TIV of the delivered weapons, or of the
  whole order when nothing was delivered (``value_unit`` "SIPRI TIV (millions)").
* ``items`` is a readable summary of designation, description, numbers, years,
  status and deal id; ``evidence`` is the raw record line.
* each ``?``/estimate flag lowers ``confidence`` by one step.
* non-state actors (``Name (Country)*``), organisations (``Name**``), unknown
  suppliers and dissolved states are kept: see :func:`party`.
* ``via`` is taken from ``Comments`` only when one unhedged "via"/"through"
  phrase names exactly one country: see :func:`via_from_comments`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from flows import countries
from flows.dates import normalise_date
from flows.importers.common import (
    WARNING,
    Collected,
    Format,
    ImportFormatError,
    confidence,
    evidence_of,
    number_cell,
    physical_lines,
    split_line,
)
from flows.models import Claim
from flows.route import Route
from flows.vocabulary import import_method

VERSION = "1.0"
CLAIMANT = "SIPRI"
URL = "https://www.sipri.org/databases/armstransfers"
VALUE_UNIT = "SIPRI TIV (millions)"

# The columns that make a line a layout's header, wherever they stand in it.
# (Only the identifying ones: a header that lacks another is found, and its gap named.)
LEGACY_KEYS: tuple[str, ...] = ("Recipient", "Year of order")
CURRENT_KEYS: tuple[str, ...] = ("SIPRI AT Database ID",)
# The header sits after a preamble of about a dozen lines; look a little further.
HEADER_SEARCH_LINES = 40

# The headers as SIPRI writes them. Columns are found by name, so a vintage that
# adds, moves or ends the header with ";" still reads; the legacy layout's three
# unnamed "?" columns are named after the column they flag (FLAG_SUFFIX).
FLAG_SUFFIX = " ?"
LEGACY_HEADER: tuple[str, ...] = (
    "Recipient", "Supplier", "Year of order", "Year of order ?", "Number ordered", "Number ordered ?",
    "Weapon designation", "Weapon description", "Number delivered", "Number delivered ?",
    "Year(s) of delivery", "status", "Comments",
    "SIPRI TIV per unit", "SIPRI TIV for total order", "SIPRI TIV of delivered weapons",
)  # fmt: skip
CURRENT_HEADER: tuple[str, ...] = (
    "SIPRI AT Database ID", "Supplier", "Recipient", "Designation", "Description",
    "Armament category", "Order date", "Order date is estimate", "Numbers delivered",
    "Numbers delivered is estimate", "Delivery year", "Delivery year is estimate", "Status",
    "SIPRI estimate", "TIV deal unit", "TIV delivery values", "Local production",
)  # fmt: skip
# Columns some vintages lack; read as empty when absent.
OPTIONAL_COLUMNS: frozenset[str] = frozenset({"Local production"})

# Names that neither pycountry nor flows/data/country_aliases.csv resolve, as
# SIPRI writes them: name -> (code, actor kept beside the code). Candidates for
# the central alias table; until then they live here.
PARTY_NAMES: dict[str, tuple[str, str]] = {
    "Bosnia-Herzegovina": ("BIH", ""),
    "Saint Vincent": ("VCT", ""),
    # Divided states before unification: the code of today's state, the old name as actor.
    "North Yemen": ("YEM", "North Yemen"),
    "Yemen Arab Republic (North Yemen)": ("YEM", "North Yemen"),
    "South Yemen": ("YEM", "South Yemen"),
    "South Vietnam": ("VNM", "South Vietnam"),
    # Secessionist or unrecognised governments SIPRI lists as recipients without "*".
    "Biafra": ("NGA", "Biafra"),
    "Katanga": ("COD", "Katanga"),
    "Northern Cyprus": ("CYP", "Northern Cyprus"),
    "Libya GNC": ("LBY", "Libya GNC"),
    # Palestinian groups SIPRI places in "Israel/Palestine".
    "PIJ (Israel/Palestine)*": ("PSE", "PIJ"),
    "PRC (Israel/Palestine)*": ("PSE", "PRC"),
    "Viet Cong (South Vietnam)*": ("VNM", "Viet Cong"),
}

# Armed groups named "Country rebels" or "Country HoR" carry their country first.
_NON_STATE = re.compile(r"^(?P<actor>.*?)\s*\((?P<country>[^()]*)\)$")

# Description -> project category, first match wins. Parts and sensors come
# first ("aircraft engine", "tank turret", "SAM system radar" are components,
# not the platform); drones before aircraft ("light aircraft/UAV"); air defence
# before aircraft and missiles ("anti-aircraft gun", "SAM"); aircraft before
# naval ("tanker/transport aircraft"); ships before missiles ("missile boat",
# "torpedo boat") but never "anti-ship"; small arms before artillery ("machine gun").
CATEGORY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (category, re.compile(pattern, re.IGNORECASE))
    for category, pattern in (
        (
            "components",
            r"engine|turbofan|turbojet|turboprop|gas turbine|radar|sonar|\beo\b|turret|chassis"
            r"|reactor|recce system|refuel system|sigint system|intelligence system|search system",
        ),
        ("drones", r"\buav\b|\bugv\b|drone|loitering munition|unmanned"),
        (
            "air defence",
            r"\bsam\b|\babm\b|anti-aircraft|\baa gun|air[- ]defen[cs]e|\bad system|\baals\b",
        ),
        (
            "aircraft",
            r"(?<!anti-)aircraft(?! carrier)|helicopter|\bheli\b|airship|\bac\b|\bfga\b|\baew",
        ),
        (
            "naval",
            r"(?<!anti-)\b(ship|boat|craft|frigate|corvette|destroyer|submarine|cruiser"
            r"|minesweeper|minehunter|minelayer|opv|fac|tug|tanker|icebreaker|carrier|gunboat"
            r"|ssb)(?=$|/)|\bnaval\b|\basw (mortar|mrl|rocket)|anti-submarine (mortar|rocket)",
        ),
        ("small arms", r"rifle|machine gun|pistol|small arms"),
        (
            "rockets and missiles",
            r"missile|\bssm\b|\basm\b|aam\b|\bslbm\b|rocket(?! launcher)|bomb|torpedo"
            r"|coastal defence system|guided",
        ),
        ("artillery", r"\bgun\b|howitzer|mortar|\bmrl\b|rocket launcher|artillery"),
        (
            "armoured vehicles",
            r"\b(apc|apv|ifv|tank|armou?red|arv|aev|afsv|alv|amv|(fire-support|fighting) vehicle"
            r"|tank destroyer|bridgelayer)\b",
        ),
        ("ammunition", r"ammunition|shell|cartridge"),
    )
)

# The current layout's "Armament category", used when the description matches no rule.
ARMAMENT_CATEGORIES: dict[str, str] = {
    "Aircraft": "aircraft",
    "Missiles": "rockets and missiles",
    "Armoured vehicles": "armoured vehicles",
    "Engines": "components",
    "Sensors": "components",
    "Ships": "naval",
    "Artillery": "artillery",
    "Naval weapons": "naval",
    "Air defence systems": "air defence",
}

# "via"/"through" as a route, not as money ("financed via UN").
_VIA = re.compile(r"(?<!financed )\b(?:via|through)\s+(?P<rest>.+)$", re.IGNORECASE)
# Where the intermediary's name ends inside a clause ("via Jordan to hide ...").
# Not at "and": "via Slovakia and Israel" names two and must stay ambiguous.
_VIA_END = re.compile(r"\s+(?:to|from|for|as|in|on)\b|[(,]")
# Words that make a stated route a guess, hence ambiguous.
_HEDGES = re.compile(r"\b(possibly|probably|perhaps|maybe|uncertain|unclear|or|and/or)\b", re.I)


@cache  # a few hundred descriptions over tens of thousands of rows
def category_of(description: str, armament_category: str = "") -> str:
    for category, pattern in CATEGORY_RULES:
        if pattern.search(description):
            return category
    return ARMAMENT_CATEGORIES.get(armament_category, "arms")


@dataclass(frozen=True)
class Party:
    """A supplier or recipient: its code, the actor kept beside it, and whether it resolved."""

    code: str
    actor: str
    resolved: bool = True


@cache  # a register repeats a few hundred names over tens of thousands of rows
def party(name: str) -> Party:
    """Code and actor for a SIPRI supplier or recipient name; nothing is dropped.

    In order: the importer's own table (:data:`PARTY_NAMES`); organisations
    ``Name**`` (NATO, United Nations, African Union, EU resolve, others are XXX
    with the name as actor); non-state actors ``Actor (Country)*`` (the
    bracketed country, the actor kept); other ``Name*`` (the longest leading
    words that name a country, as in "Syria rebels", else XXX); then plain
    names (states, dissolved states, "unknown supplier(s)" -> XXX). A name that
    still resolves to nothing is kept as XXX with ``resolved`` False.
    """
    name = name.strip()
    if name in PARTY_NAMES:
        code, actor = PARTY_NAMES[name]
        return Party(code, actor)
    if name.endswith("**"):
        bare = name[:-2].strip()
        return Party(countries.resolve(bare) or "XXX", bare)
    if name.endswith("*"):
        bare = name[:-1].strip()
        match = _NON_STATE.match(bare)
        if match:
            operates_in = countries.resolve(match["country"])
            if operates_in is None:
                return Party("XXX", bare, resolved=False)
            return Party(operates_in, match["actor"])
        words = bare.split()
        for end in range(len(words), 0, -1):
            named = countries.resolve(" ".join(words[:end]))
            if named:
                return Party(named, bare)
        return Party("XXX", bare)
    state = countries.resolve(name)
    if state is None:
        return Party("XXX", name, resolved=False)
    return Party(state, name if state == "XXX" else "")


def via_from_comments(comments: str, origin: str, destination: str) -> Route:
    """The intermediary a comment states, when unambiguous; else nothing.

    Unambiguous means: exactly one clause (comments are ";"-separated) has a
    route "via"/"through"; it has no hedge ("possibly", "or", ...); the words
    after "via" up to the next preposition name exactly one country; and that
    country is neither supplier nor recipient. "via Dutch company",
    "via Slovakia and Israel" or "possibly delivered via Iran" give nothing.
    """
    clauses = [clause for clause in comments.split(";") if _VIA.search(clause)]
    if len(clauses) != 1 or _HEDGES.search(clauses[0]):
        return Route()
    rest = _VIA.search(clauses[0])["rest"]  # type: ignore[index]
    named = _VIA_END.split(rest, maxsplit=1)[0].strip()
    code = countries.resolve(named)
    if code is None or code in (origin, destination) or not countries.is_state(code):
        return Route()
    return Route((code,))


def _year(found: Collected, number: int, column: str, cell: str) -> str:
    """A four-digit year cell; anything else is left empty, with a warning."""
    if cell and not re.fullmatch(r"\d{4}", cell):
        found.problem(number, WARNING, f"{column}: not a year, left empty", cell)
        return ""
    return cell


def _count(value: float | None) -> str:
    return "?" if value is None else f"{value:g}"


def _published(lines: list[str], header_index: int) -> str:
    """The ISO date of the preamble's "Data generated: 13 Mar 2025 10:02:49 AM"."""
    for line in lines[:header_index]:
        if line.startswith("Data generated:"):
            return normalise_date(line.split(":", 1)[1])
    return ""


def find_header(lines: list[str], keys: tuple[str, ...]) -> int | None:
    """The index of the first line (of the first few) whose cells include every column of ``keys``."""
    for index, line in enumerate(lines[:HEADER_SEARCH_LINES]):
        if keys[0] not in line:  # cheap: most preamble lines are prose
            continue
        cells = {cell.strip() for cell in split_line(line.rstrip().removesuffix(";")) or []}
        if set(keys) <= cells:
            return index
    return None


def _has_header(head: str, keys: tuple[str, ...]) -> bool:
    """Whether a trade-register header (a line with the columns ``keys``) is near the top."""
    return find_header(physical_lines(head), keys) is not None


@dataclass(frozen=True)
class Header:
    """Where each column of a trade register is, by name, and what the header added."""

    positions: dict[str, int]
    width: int
    unread: tuple[str, ...]  # columns this importer does not read (kept in each record's evidence)
    trailing_semicolon: bool  # the header line ends with ";" (a 2026 vintage): so may its rows


def read_header(line: str, expected: tuple[str, ...]) -> Header:
    """The columns of a header line, by name; raises :class:`ImportFormatError` when a needed one is missing.

    A trailing ";" is dropped; an unnamed column is named after the column
    before it (``Year of order ?``); columns not in ``expected`` are kept aside.
    """
    trailing = line.rstrip().endswith(";")
    cells = [cell.strip() for cell in split_line(line.rstrip().removesuffix(";")) or []]
    names: list[str] = []
    for cell in cells:
        names.append(cell or (names[-1].removesuffix(FLAG_SUFFIX) + FLAG_SUFFIX if names else FLAG_SUFFIX))
    positions: dict[str, int] = {}
    for index, column in enumerate(names):
        positions.setdefault(column, index)
    missing = [column for column in expected if column not in positions and column not in OPTIONAL_COLUMNS]
    if missing:
        raise ImportFormatError(
            f"the header lacks the column{'s' if len(missing) > 1 else ''} {', '.join(missing)}"
            f" ({len(cells)} columns found; this layout needs {', '.join(c for c in expected if c not in OPTIONAL_COLUMNS)})"
        )
    unread = tuple(column for column in names if column not in expected)
    return Header(positions, len(cells), unread, trailing)


def _records(
    lines: list[str], header_index: int, header: Header, found: Collected
) -> list[tuple[int, dict[str, str], str]]:
    """(line number, cells by column name, raw text) per record, broken records rejoined.

    A Comments cell with an unquoted line break splits a record into a short
    line and a line that starts with the rest; when their cells add up to the
    header's width (the break is inside one cell) they are one record.
    """
    width = header.width
    rows = [split_line(_without_semicolon(line, header)) for line in lines[header_index + 1 :]]
    records: list[tuple[int, dict[str, str], str]] = []
    index = 0
    while index < len(rows):
        cells, number = rows[index], header_index + 2 + index
        raw = lines[header_index + 1 + index]
        index += 1
        if cells is None:
            found.rows_read += 1
            found.problem(number, "*", "unreadable line (stray carriage return or quote); skipped")
            continue
        if not "".join(cells).strip():
            continue
        tail = rows[index] if index < len(rows) else None
        if tail is not None and len(cells) < width and len(cells) + len(tail) - 1 == width:
            cells = [*cells[:-1], f"{cells[-1]} {tail[0]}".strip(), *tail[1:]]
            raw = f"{raw} {lines[header_index + 1 + index]}"
            index += 1
        found.rows_read += 1
        if len(cells) != width:
            found.problem(number, "*", f"has {len(cells)} fields, the header has {width}; skipped")
            continue
        by_name = {column: cells[position].strip() for column, position in header.positions.items()}
        records.append((number, by_name, raw))
    return records


def _without_semicolon(line: str, header: Header) -> str:
    """A row of a vintage whose header ends with ";" may end with one too: it is no part of the last cell."""
    return line.rstrip().removesuffix(";") if header.trailing_semicolon else line


def _parties(found: Collected, number: int, supplier: str, recipient: str) -> tuple[Party, Party]:
    origin, destination = party(supplier), party(recipient)
    for column, name, who in (("Supplier", supplier, origin), ("Recipient", recipient, destination)):
        if not who.resolved:
            found.problem(number, WARNING, f"{column}: unknown country, kept as XXX with the name as actor", name)
    return origin, destination


def _open_register(
    text: str, keys: tuple[str, ...], expected: tuple[str, ...], label: str
) -> tuple[list[str], int, Header, Collected, str]:
    """Lines, the header's index (found, not counted) and columns, an empty collection and the export date."""
    lines = physical_lines(text)
    header_index = find_header(lines, keys)
    if header_index is None:
        raise ImportFormatError(f"no {label} header (a line with the columns {', '.join(keys)})")
    try:
        header = read_header(lines[header_index], expected)
    except ImportFormatError as error:
        raise ImportFormatError(f"line {header_index + 1}: {error}") from error
    found = Collected()
    if header.unread:
        found.problem(
            header_index + 1, WARNING,
            f"columns this importer does not read: {', '.join(header.unread)}; kept in each record's evidence",
        )  # fmt: skip
    return lines, header_index, header, found, _published(lines, header_index)


def parse_legacy(text: str, name: str) -> Collected:
    """Claims from a legacy (one deal per row) trade register: one claim per deal."""
    lines, header_index, header, found, published = _open_register(text, LEGACY_KEYS, LEGACY_HEADER, "SIPRI legacy")
    method = import_method("sipri-legacy", VERSION)
    for number, cells, raw in _records(lines, header_index, header, found):
        (recipient, supplier, order_year, order_flag, ordered_cell, ordered_flag, designation,
         description, delivered_cell, delivered_flag, delivery_years, status, comments,
         tiv_unit, tiv_order, tiv_delivered) = (cells.get(column, "") for column in LEGACY_HEADER)  # fmt: skip
        origin, destination = _parties(found, number, supplier, recipient)
        ordered = number_cell(found, number, "Number ordered", ordered_cell)
        delivered = number_cell(found, number, "Number delivered", delivered_cell)
        tiv_total = number_cell(found, number, "SIPRI TIV for total order", tiv_order)
        tiv_of_delivered = number_cell(found, number, "SIPRI TIV of delivered weapons", tiv_delivered)
        has_deliveries = bool(delivered) and bool(delivery_years)
        year = _year(found, number, "Year of order", order_year)
        flags = sum(flag == "?" for flag in (order_flag, ordered_flag, delivered_flag))
        years = delivery_years.replace(" ", "").split(";") if delivery_years else []
        span = (years[0] if len(years) == 1 else f"{years[0]}-{years[-1]}") if years else ""
        items = (
            f"{designation} ({description}): {_count(ordered)}{ordered_flag} ordered"
            f" {order_year or '?'}{order_flag}; "
            + (f"{_count(delivered)}{delivered_flag} delivered {span}" if has_deliveries else "none delivered")
            + f"; {status}; TIV per unit {tiv_unit or '?'}"
        )
        found.add(
            Claim(
                claimant=CLAIMANT,
                stance="reported",
                origin=origin.code,
                origin_actor=origin.actor,
                destination=destination.code,
                destination_actor=destination.actor,
                via=via_from_comments(comments, origin.code, destination.code),
                claim_date=year,
                date_precision="year" if year else "",
                items=items,
                category=category_of(description),
                quantity=delivered if has_deliveries else ordered,
                value=tiv_of_delivered if has_deliveries else tiv_total,
                value_unit=VALUE_UNIT,
                evidence=evidence_of(raw),
                source=name,
                url=URL,
                published=published,
                method=method,
                confidence=confidence(flags),
                date_text=order_year,
                route_text=comments,
                extra={"key": found.row_key(raw)},
            ),
            number,
        )
    return found


def parse_current(text: str, name: str) -> Collected:
    """Claims from a current (deal x delivery year) trade register: one claim per row."""
    lines, header_index, header, found, published = _open_register(text, CURRENT_KEYS, CURRENT_HEADER, "SIPRI")
    method = import_method("sipri", VERSION)
    for number, cells, raw in _records(lines, header_index, header, found):
        (deal_id, supplier, recipient, designation, description, armament, order_year,
         order_estimate, delivered_cell, delivered_estimate, delivery_year, year_estimate,
         status, _new_unit_tiv, tiv_unit, tiv_delivered, local_production) = (
            cells.get(column, "") for column in CURRENT_HEADER
        )  # fmt: skip
        origin, destination = _parties(found, number, supplier, recipient)
        year = _year(found, number, "Delivery year", delivery_year) or _year(found, number, "Order date", order_year)
        flags = sum(flag == "Yes" for flag in (order_estimate, delivered_estimate, year_estimate))
        mark = {"Yes": "?"}
        delivered = number_cell(found, number, "Numbers delivered", delivered_cell)
        items = (
            f"{designation} ({description}): {_count(delivered)}{mark.get(delivered_estimate, '')}"
            f" delivered {delivery_year or '?'}{mark.get(year_estimate, '')},"
            f" ordered {order_year or '?'}{mark.get(order_estimate, '')}; {status}"
            + ("; local production" if local_production == "Yes" else "")
            + f"; TIV per unit {tiv_unit or '?'}; SIPRI deal {deal_id}"
        )
        found.add(
            Claim(
                claimant=CLAIMANT,
                stance="reported",
                origin=origin.code,
                origin_actor=origin.actor,
                destination=destination.code,
                destination_actor=destination.actor,
                claim_date=year,
                date_precision="year" if year else "",
                items=items,
                category=category_of(description, armament),
                quantity=delivered,
                value=number_cell(found, number, "TIV delivery values", tiv_delivered),
                value_unit=VALUE_UNIT,
                evidence=evidence_of(raw),
                source=name,
                url=URL,
                published=published,
                method=method,
                confidence=confidence(flags),
                date_text=delivery_year,
                extra={"key": found.row_key(f"{deal_id}|{delivery_year}")},
            ),
            number,
        )
    return found


FORMATS: tuple[Format, ...] = (
    Format(
        "sipri-legacy",
        "SIPRI Arms Transfers Database trade register, legacy layout (one row per deal)",
        sniff=lambda head: _has_header(head, LEGACY_KEYS),
        parse=parse_legacy,
    ),
    Format(
        "sipri",
        "SIPRI Arms Transfers Database trade register, current layout (one row per deal and delivery year)",
        sniff=lambda head: _has_header(head, CURRENT_KEYS),
        parse=parse_current,
    ),
)
