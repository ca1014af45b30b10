"""Who speaks for a state when the news names them without one: office holders.

``flows/data/public_figures.csv`` lists people who speak for a state on arms and
security and are quoted by name or surname with a title but no country
("Peskov said", "Defence Minister Gallant"): heads of state and government,
foreign and defence ministers, spokespeople, security advisers, intelligence and
military chiefs, UN ambassadors. The extractor gives such a speaker the state in
the row. A surname is left empty where it would name someone else too (it is a
country's name, a common word, or shared by listed people of several states):
then only the full name matches.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

from flows import countries

PUBLIC_FIGURES_FILE = "public_figures.csv"


class PublicFiguresError(ValueError):
    """A row of the public figures table that contradicts the rest (named by line)."""


@dataclass(frozen=True)
class Figure:
    name: str
    surname: str  # "" when the surname alone would name someone else too
    country: str  # alpha-3 of the state (or organisation) they speak for
    office: str
    years: str
    source: str


@cache
def public_figures() -> tuple[Figure, ...]:
    """Every row of the bundled table (see :func:`parse_public_figures`)."""
    return parse_public_figures(
        resources.files("flows").joinpath("data", PUBLIC_FIGURES_FILE).read_text(encoding="utf-8")
    )


def parse_public_figures(text: str) -> tuple[Figure, ...]:
    """Rows of a public figures table, checked: known codes, a source, no name twice, no
    surname that is a country's name or names people of two states."""
    rows: list[Figure] = []
    names: dict[str, int] = {}
    surnames: dict[str, tuple[int, str]] = {}
    problems = []
    for line, record in enumerate(csv.DictReader(text.splitlines()), start=2):
        figure = Figure(*(record[key].strip() for key in ("name", "surname", "country", "office", "years", "source")))
        if not countries.is_known_code(figure.country):
            problems.append(f"line {line}: unknown country {figure.country!r}")
        if not figure.source:
            problems.append(f"line {line}: no source")
        if figure.name in names:
            problems.append(f"line {line}: {figure.name!r} is also on line {names[figure.name]}")
        names[figure.name] = line
        if figure.surname:
            if countries.resolve(figure.surname):
                problems.append(f"line {line}: surname {figure.surname!r} names a country")
            earlier = surnames.get(figure.surname)
            if earlier is not None and earlier[1] != figure.country:
                problems.append(
                    f"line {line}: surname {figure.surname!r} is also on line {earlier[0]}, of another state"
                )
            surnames.setdefault(figure.surname, (line, figure.country))
        rows.append(figure)
    if problems:
        raise PublicFiguresError(f"{PUBLIC_FIGURES_FILE}: " + "; ".join(problems))
    return tuple(rows)
