"""Kiel Institute Ukraine Support Tracker: the website's data extracts.

Two files of the tracker's published ``data/`` folder are read:

* ``kiel`` (``data_explorer.csv``): aid by donor and month. One claim per
  donor and month with military aid, donor -> Ukraine, dated by the month
  (precision month); ``value`` is the military aid in EUR billions
  (``value_unit`` "EUR bn", the unit the tracker's website shows: the file does
  not state it). Months with no military aid (financial or humanitarian only)
  are read and counted but give no claim: they record no arms.
* ``kiel-weapons`` (``weapons.csv``): heavy weapons by donor and category.
  One claim per row, with ``quantity`` the number of weapons, ``value`` the
  monetary value in EUR and the weapons list as ``items``. The file has no
  dates, so ``claim_date`` is empty.

The donor "EU (Commission and Council)" carries ``iso`` "EU", not an ISO
code; it becomes origin EUE (European Union) with the donor name kept as
``origin_actor``. Donors are read from ``iso`` when present (the tracker's
advice: join on codes, not names), else from the name.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from flows import countries
from flows.importers.common import (
    RECORDED_CONFIDENCE,
    WARNING,
    Collected,
    Format,
    ImportFormatError,
    evidence_of,
    physical_lines,
    split_line,
)
from flows.models import Claim
from flows.vocabulary import import_method

VERSION = "1.0"
CLAIMANT = "Kiel Institute"
URL = "https://www.ifw-kiel.de/topics/war-against-ukraine/ukraine-support-tracker/"
RECIPIENT = "UKR"

DONOR_MONTH_COLUMNS = ("country", "iso", "year", "month", "military")
WEAPONS_COLUMNS = ("donor", "category", "number_of_weapons", "monetary_value_eur", "weapons_list")

# Donor codes and names that are not ISO 3166 (the tracker's own), with the
# project code they stand for.
DONOR_CODES: dict[str, str] = {"EU": "EUE"}
DONOR_NAMES: dict[str, str] = {"EU (Commission and Council)": "EUE"}

# The tracker's heavy-weapon categories; MLRS are rocket artillery.
WEAPON_CATEGORIES: dict[str, str] = {
    "Howitzers": "artillery",
    "MLRS": "artillery",
    "Tanks": "armoured vehicles",
    "IFV": "armoured vehicles",
    "Air Defense": "air defence",
}


def _header(text: str) -> list[str]:
    lines = physical_lines(text[:4096])
    return [cell.strip() for cell in (split_line(lines[0]) or [])] if lines else []


def _has_columns(head: str, columns: tuple[str, ...]) -> bool:
    return set(columns) <= set(_header(head))


def _rows(
    text: str, name: str, required: tuple[str, ...], found: Collected
) -> Iterator[tuple[int, dict[str, str], str]]:
    """(line number, record dict, raw line) per data row of a headed, quoted CSV."""
    lines = physical_lines(text)
    header = _header(text)
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportFormatError(f"not a Kiel tracker file, missing columns: {', '.join(missing)}")
    for number, line in enumerate(lines[1:], start=2):
        cells = split_line(line)
        if cells is not None and not "".join(cells).strip():
            continue
        found.rows_read += 1
        if cells is None:
            found.problem(number, "*", "unreadable line (stray carriage return or quote); skipped")
        elif len(cells) != len(header):
            found.problem(number, "*", f"has {len(cells)} fields, the header has {len(header)}; skipped")
        else:
            yield number, dict(zip(header, (cell.strip() for cell in cells), strict=True)), line


def _donor(found: Collected, number: int, name: str, iso: str = "") -> tuple[str, str]:
    """(code, actor) for a donor; an unknown donor is kept as XXX with its name, and reported."""
    code = DONOR_CODES.get(iso) or (countries.resolve(iso) if iso else None)
    code = code or DONOR_NAMES.get(name) or countries.resolve(name)
    if code is None:
        found.problem(number, WARNING, "unknown donor country, kept as XXX with the name as actor", name or iso)
        return "XXX", name or iso
    return code, (name if code in countries.NON_STATE_CODES else "")


def _number(cell: str) -> float | None:
    """A number cell, None when empty; ValueError when not a finite number."""
    if not cell:
        return None
    value = float(cell)
    if not math.isfinite(value):
        raise ValueError(cell)
    return value


def _numbers(found: Collected, number: int, row: dict[str, str], columns: tuple[str, ...]) -> list[float | None] | None:
    """The row's numbers in ``columns``; None (and a problem naming the column) if one is bad."""
    values: list[float | None] = []
    for column in columns:
        cell = row.get(column, "")
        try:
            values.append(_number(cell))
        except ValueError:
            found.problem(number, column, "is not a number; row skipped", cell)
            return None
    return values


def parse_donor_months(text: str, name: str) -> Collected:
    """Claims from ``data_explorer.csv``: donor -> Ukraine, military aid per month."""
    found = Collected()
    method = import_method("kiel", VERSION)
    for number, row, raw in _rows(text, name, DONOR_MONTH_COLUMNS, found):
        numbers = _numbers(found, number, row, ("military", "total"))
        if numbers is None:
            continue
        military, total = numbers
        if not military:
            continue
        year, month = row["year"], row["month"]
        if not (year.isdigit() and len(year) == 4 and month.isdigit() and 1 <= int(month) <= 12):
            found.problem(number, "year/month", "is not a year and month; row skipped", f"{year}/{month}")
            continue
        donor = _donor(found, number, row["country"], row["iso"])
        claim_date = f"{year}-{int(month):02d}"
        shown_total = f" of EUR {total:g} bn aid in all" if total is not None else ""
        found.add(
            Claim(
                claimant=CLAIMANT,
                stance="reported",
                origin=donor[0],
                origin_actor=donor[1],
                destination=RECIPIENT,
                claim_date=claim_date,
                date_precision="month",
                items=f"military aid allocated in {claim_date}: EUR {military:g} bn{shown_total}",
                category="arms",
                value=military,
                value_unit="EUR bn",
                evidence=evidence_of(raw),
                source=name,
                url=URL,
                method=method,
                confidence=RECORDED_CONFIDENCE,
                date_text=f"{year}/{month}",
                extra={"key": found.row_key(f"{row['iso'] or row['country']}|{claim_date}")},
            ),
            number,
        )
    return found


def parse_weapons(text: str, name: str) -> Collected:
    """Claims from ``weapons.csv``: donor -> Ukraine, heavy weapons per category (undated)."""
    found = Collected()
    method = import_method("kiel-weapons", VERSION)
    for number, row, raw in _rows(text, name, WEAPONS_COLUMNS, found):
        numbers = _numbers(found, number, row, ("number_of_weapons", "monetary_value_eur"))
        if numbers is None:
            continue
        count, value = numbers
        donor = _donor(found, number, row["donor"], row.get("iso", ""))
        found.add(
            Claim(
                claimant=CLAIMANT,
                stance="reported",
                origin=donor[0],
                origin_actor=donor[1],
                destination=RECIPIENT,
                items=f"{row['category']}: {row['weapons_list']}",
                category=WEAPON_CATEGORIES.get(row["category"], "arms"),
                quantity=count,
                value=value,
                value_unit="EUR",
                evidence=evidence_of(raw),
                source=name,
                url=URL,
                method=method,
                confidence=RECORDED_CONFIDENCE,
                extra={"key": found.row_key(f"{row['donor']}|{row['category']}")},
            ),
            number,
        )
    return found


FORMATS: tuple[Format, ...] = (
    Format(
        "kiel",
        "Kiel Institute Ukraine Support Tracker, aid by donor and month (data_explorer.csv)",
        sniff=lambda head: _has_columns(head, DONOR_MONTH_COLUMNS),
        parse=parse_donor_months,
    ),
    Format(
        "kiel-weapons",
        "Kiel Institute Ukraine Support Tracker, heavy weapons by donor (weapons.csv)",
        sniff=lambda head: _has_columns(head, WEAPONS_COLUMNS),
        parse=parse_weapons,
    ),
)
