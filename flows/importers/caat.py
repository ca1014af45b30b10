"""CAAT's EU brokering licence data (``broker.csv`` of caatdata/eu-arms-export-data).

The file has no header; CAAT's README names 13 columns. **Its labels for the
two country pairs are the wrong way round**, and this importer reads them
reversed: columns 5-6 (README: "source") are the **destination** and columns
12-13 (README: "destination") are the **origin**. Evidence, from the data:

* columns 5-6 are dominated by buyers (Oman 48 mentions, Iraq 36,
  Afghanistan 36, Sri Lanka 35), columns 12-13 by producers (United States
  114, South Africa 104, Jordan 72, Russia 57, Ukraine 54);
* UK *refusals* name embargoed or high-risk places in columns 5-6 (Libya,
  South Sudan, Azerbaijan, Bahrain) and producers in columns 12-13 (Canada,
  China, South Korea, Ukraine, Serbia): licences are refused for where arms
  go, not where they are made;
* the scraper's raw rows in the same file (lines 702-896) follow the EU
  report's own column order, destination first and "country of origin" last.

Each clean row (a 4-digit year and 13 fields) gives one claim per origin x
destination pair, origin -> broker country (``via``) -> destination, dated by
the year (precision year). Lists (``DE; PL``) may have empty slots, which are
skipped; an empty origin or destination becomes XXX (unknown). When a row
names several pairs, its licensed value is split evenly over them (the
report does not say how it divides) and ``items`` says so. Issued licences
have stance ``reported``; **refused licences have stance ``denied``**: the
reporting state says this transfer was not allowed. The free-text quantity
column is kept in ``items``, not parsed: it mixes counts, "pcs", decimal
commas and values. Category comes from the EU Military List ratings.

Rows that are Python list reprs (``[u'AUSTRIA', 'issued', ...]``: CAAT's raw
scraper output, duplicating the parsed 2013 rows) are **never evaluated**:
each is reported as a problem naming its line, and skipped.

``mission.csv`` (``caat-mission``), beside it, lists exports by EU member
states to UN and other international missions, 2006-2013: 7 columns, no
header (year, source ISO2 and name, destination ISO2 and name, the mission or
end user, the items), quoted cells that may hold line breaks. One claim per
row: the member state (origin) sent the items to the country of the mission
(destination), the mission kept as ``destination_actor``; stance
``reported``, dated by the year. A destination without a code is resolved
from its name ("Kosovo", "RAS AL KHAIMAH (UNITED ARAB EMIRATES)"), else XXX
with a warning ("OTHER").
"""

from __future__ import annotations

import csv
import io
import re

from flows import countries
from flows.importers.common import (
    RECORDED_CONFIDENCE,
    WARNING,
    Collected,
    Format,
    ImportFormatError,
    evidence_of,
    number_cell,
    physical_lines,
    split_line,
)
from flows.models import Claim
from flows.route import Route
from flows.vocabulary import Stance, import_method

VERSION = "1.0"
CLAIMANT = "CAAT (EU annual reports)"
URL = "https://github.com/caatdata/eu-arms-export-data"
COLUMNS = 13
STATUS_STANCES: dict[str, Stance] = {"issued": "reported", "refused": "denied"}

# Places the file names without an ISO code that country resolution does not
# know; candidates for flows/data/country_aliases.csv.
PLACE_NAMES: dict[str, str] = {"Dubai": "ARE"}  # an emirate of the UAE

_CLEAN_ROW = re.compile(r"^\d{4},[A-Za-z]{2},")
_REPR_ROW = re.compile(r"^\[u?['\"]")

# EU Military List category (the number after "ML") -> project category.
MILITARY_LIST_CATEGORIES: dict[int, str] = {
    1: "small arms",  # smooth-bore weapons under 20 mm
    2: "artillery",  # 20 mm or more
    3: "ammunition",
    4: "rockets and missiles",  # bombs, rockets, missiles
    5: "components",  # fire control
    6: "armoured vehicles",  # ground vehicles
    7: "arms",  # chemical and biological agents
    8: "ammunition",  # energetic materials
    9: "naval",
    10: "aircraft",  # includes unmanned aircraft
    11: "components",  # electronic equipment
    12: "arms",  # kinetic energy weapons
    13: "components",  # armoured and protective equipment
    14: "components",  # training equipment, simulators
    15: "components",  # imaging equipment
    16: "components",  # forgings and castings
    17: "components",  # miscellaneous equipment
    18: "components",  # production equipment
    19: "arms",  # directed energy weapons
    20: "components",  # cryogenic equipment
    21: "components",  # software
    22: "components",  # technology
}
_RATING = re.compile(r"ML\s*(\d+)", re.IGNORECASE)


def sniff(head: str) -> bool:
    """Whether the first lines are 13-field year-first brokering records."""
    clean = [line for line in physical_lines(head)[:20] if _CLEAN_ROW.match(line)]
    if not clean:
        return False
    rows = [split_line(line) or [] for line in clean]
    records = [row for row in rows if len(row) == COLUMNS and row[3].strip() in STATUS_STANCES]
    # Most, not all: a few bad rows must not hide the file from its importer.
    return 2 * len(records) > len(rows)


def category_of(rating: str) -> str:
    """The one category of a row's ML ratings; "arms" when none or they disagree."""
    found = {MILITARY_LIST_CATEGORIES.get(int(number), "arms") for number in _RATING.findall(rating)}
    return found.pop() if len(found) == 1 else "arms"


def _parties(found: Collected, number: int, column: str, codes_cell: str, names_cell: str) -> list[tuple[str, str]]:
    """(code, actor) for each slot of a "; "-listed country pair; empty slots skipped."""
    codes = [code.strip() for code in codes_cell.split(";")]
    names = [name.strip() for name in names_cell.split(";")]
    names += [""] * (len(codes) - len(names))
    codes += [""] * (len(names) - len(codes))
    parties: list[tuple[str, str]] = []
    for code, name in zip(codes, names, strict=True):
        if not code and not name:
            continue
        resolved = (countries.from_alpha2(code) if code else None) or PLACE_NAMES.get(name) or countries.resolve(name)
        if resolved is None:
            # Regions such as "Nordic countries": kept, with the name shown.
            found.problem(number, WARNING, f"{column}: not a country, kept as XXX", name or code)
            resolved = "XXX"
        party = (resolved, name if resolved in countries.NON_STATE_CODES else "")
        if party not in parties:
            parties.append(party)
    return parties or [("XXX", "not stated")]


def parse(text: str, name: str) -> Collected:
    """Claims from ``broker.csv``: origin -> broker -> destination per licence row."""
    lines = physical_lines(text)
    if not any(_CLEAN_ROW.match(line) for line in lines[:50]):
        raise ImportFormatError("not a CAAT brokering file (no 'year,broker ISO2,...' rows)")
    found = Collected()
    method = import_method("caat-broker", VERSION)
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        found.rows_read += 1
        if _REPR_ROW.match(line):
            found.problem(
                number, "*", "raw scraper output (a Python list), not a 13-field record; quarantined",
                line[:60],
            )  # fmt: skip
            continue
        split = split_line(line)
        if split is None:
            found.problem(number, "*", "unreadable line (stray carriage return or quote); skipped")
            continue
        cells = [cell.strip() for cell in split]
        if len(cells) != COLUMNS or not _CLEAN_ROW.match(line):
            found.problem(number, "*", f"has {len(cells)} fields, expected {COLUMNS} starting with a year; skipped")
            continue
        (year, broker_code, broker_name, status, destination_codes, destination_names, licences,
         licensed_value, rating, quantity_text, brokered_value, origin_codes, origin_names) = cells  # fmt: skip
        if status not in STATUS_STANCES:
            found.problem(number, "status", "is neither issued nor refused; skipped", status)
            continue
        broker = countries.from_alpha2(broker_code) or countries.resolve(broker_name)
        if broker is None:
            found.problem(number, WARNING, "broker: not a country, kept as XXX", broker_name or broker_code)
            broker = "XXX"
        origins = _parties(found, number, "origin", origin_codes, origin_names)
        destinations = _parties(found, number, "destination", destination_codes, destination_names)
        pairs = [(origin, destination) for origin in origins for destination in destinations]
        value = number_cell(found, number, "value of licensed items", licensed_value)
        if value is None:
            value = number_cell(found, number, "value of brokered items", brokered_value)
        share = f"; EUR value split over {len(pairs)} origin-destination pairs" if len(pairs) > 1 else ""
        items = (
            f"brokering licence {status} by {broker_name}: {licences or '?'} licence(s), {rating or '?'}"
            + (f", quantity {quantity_text}" if quantity_text else "")
            + (f", EUR {value:,.0f}" if value is not None else "")
            + share
        )
        row_key = found.row_key(line)
        for (origin, origin_actor), (destination, destination_actor) in pairs:
            found.add(
                Claim(
                    claimant=CLAIMANT,
                    stance=STATUS_STANCES[status],
                    origin=origin,
                    origin_actor=origin_actor,
                    via=Route((broker,)).avoiding((origin, destination)),
                    destination=destination,
                    destination_actor=destination_actor,
                    claim_date=year,
                    date_precision="year",
                    items=items,
                    category=category_of(rating),
                    value=value / len(pairs) if value is not None else None,
                    value_unit="EUR",
                    evidence=evidence_of(line),
                    source=name,
                    url=URL,
                    method=method,
                    confidence=RECORDED_CONFIDENCE,
                    date_text=year,
                    route_text=f"{origin_names or '?'} -> {broker_name} -> {destination_names or '?'}",
                    extra={"key": f"{row_key}|{origin}|{destination}"},
                ),
                number,
            )
    return found


MISSION_COLUMNS = 7
_MISSION_ROW = re.compile(r"^\d{4},[A-Za-z]{2},[^,]*,([A-Za-z]{2})?,")
_BRACKETED = re.compile(r"\(([^()]+)\)\s*$")


def sniff_mission(head: str) -> bool:
    """Whether the first lines are 7-field year-first mission export records."""
    lines = [line for line in physical_lines(head)[:20] if _CLEAN_ROW.match(line)]
    rows = [split_line(line) or [] for line in lines]
    records = [row for row in rows if len(row) == MISSION_COLUMNS and _MISSION_ROW.match(",".join(row[:4]) + ",")]
    return bool(rows) and 2 * len(records) > len(rows)


def _mission_destination(found: Collected, number: int, code: str, name: str) -> str:
    resolved = countries.from_alpha2(code) if code else None
    if resolved is None and name:
        bracketed = _BRACKETED.search(name)
        resolved = (
            PLACE_NAMES.get(name.title())
            or countries.resolve(name)
            or (countries.resolve(bracketed[1]) if bracketed else None)
        )
    if resolved is None:
        why = "not a country" if name or code else "empty"
        found.problem(number, WARNING, f"destination: {why}, kept as XXX", name or code)
        return "XXX"
    return resolved


def parse_missions(text: str, name: str) -> Collected:
    """Claims from ``mission.csv``: member state -> the country of a mission, one claim per row."""
    if not any(_CLEAN_ROW.match(line) for line in physical_lines(text[:8192])):
        raise ImportFormatError("not a CAAT mission exports file (no 'year,source ISO2,...' rows)")
    found = Collected()
    method = import_method("caat-mission", VERSION)
    # Quoted cells hold line breaks here: the file is read as CSV, not line by line.
    reader = csv.reader(io.StringIO(text, newline=""))
    while True:
        number = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            found.rows_read += 1
            found.problem(number, "*", f"unreadable record ({error}); the rest of the file is skipped")
            break
        if not "".join(cells).strip():
            continue
        found.rows_read += 1
        cells = [cell.strip() for cell in cells]
        if len(cells) != MISSION_COLUMNS or not re.fullmatch(r"\d{4}", cells[0]):
            found.problem(
                number, "*", f"has {len(cells)} fields, expected {MISSION_COLUMNS} starting with a year; skipped"
            )
            continue
        year, source_code, source_name, destination_code, destination_name, mission, items = cells
        origin = countries.from_alpha2(source_code) or countries.resolve(source_name)
        if origin is None:
            why = "not a country" if source_name or source_code else "empty"
            found.problem(number, WARNING, f"source: {why}, kept as XXX", source_name or source_code)
            origin = "XXX"
        record = ",".join(cells)
        what = f"exported to {mission or 'a mission'}" + (f": {items}" if items else "")
        found.add(
            Claim(
                claimant=CLAIMANT,
                stance="reported",
                origin=origin,
                destination=_mission_destination(found, number, destination_code, destination_name),
                destination_actor=mission,
                claim_date=year,
                date_precision="year",
                items=what,
                category=category_of_items(items),
                evidence=evidence_of(record),
                source=name,
                url=URL,
                method=method,
                confidence=RECORDED_CONFIDENCE,
                date_text=year,
                route_text=f"{source_name} -> {destination_name or '?'} ({mission})",
                extra={"key": found.row_key(record)},
            ),
            number,
        )
    return found


def category_of_items(items: str) -> str:
    """A mission row's category, from its items' words (the rules SIPRI's descriptions use)."""
    from flows.importers.sipri import category_of  # one table of weapon-word rules for both registers

    return category_of(items)


FORMATS: tuple[Format, ...] = (
    Format("caat-broker", "CAAT EU arms export data, brokering licences (broker.csv)", sniff=sniff, parse=parse),
    Format(
        "caat-mission",
        "CAAT EU arms export data, exports to UN and other missions (mission.csv)",
        sniff=sniff_mission,
        parse=parse_missions,
    ),
)
