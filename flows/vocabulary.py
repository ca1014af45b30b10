"""The closed vocabularies of the claims table and the figures, each written once.

Every module that checks, offers or draws one of these values takes it from
here: the table's validation, the dashboard's widgets and link parser, the
figures, the importers and the gold reader.
"""

from __future__ import annotations

from typing import Literal, TypeGuard, get_args

# How the claimant stands to the claim: a third party's accusation, an
# outlet's, researcher's or register's account, a party's own word, a denial.
Stance = Literal["alleged", "reported", "confirmed", "denied"]
STANCES: tuple[Stance, ...] = get_args(Stance)

# How much of a claim date is known: "2025-06-23", "2025-06", "2025", or nothing.
DatePrecision = Literal["day", "month", "year", ""]
DATE_PRECISIONS: tuple[DatePrecision, ...] = get_args(DatePrecision)

# What was sent; "arms" when the source does not say.
CATEGORIES: tuple[str, ...] = (
    "ammunition",
    "artillery",
    "rockets and missiles",
    "drones",
    "small arms",
    "armoured vehicles",
    "aircraft",
    "air defence",
    "naval",
    "components",
    "arms",  # unspecified weapons
)

# ``method`` says where a row came from: "rules <version>" for the rule
# extractor, "manual" or "manual correction" for a person, and
# "import:<format> <version>" for a register importer.
MANUAL = "manual"
MANUAL_CORRECTION = "manual correction"
IMPORT_METHOD = "import:"

# The kinds of source a method names, as the dashboard filters them.
SOURCE_KINDS: tuple[str, ...] = ("news", "register", "manual")

# What a figure's widths count (value -> label the dashboard and its links show).
MEASURES: dict[str, str] = {"claims": "claims", "quantity": "units", "value": "value", "reports": "reports"}
# What a figure's colours tell apart (value -> label).
COLOR_BY: dict[str, str] = {"claimant": "claimant", "stance": "stance"}


def is_stance(value: object) -> TypeGuard[Stance]:
    return value in STANCES


def is_date_precision(value: object) -> TypeGuard[DatePrecision]:
    return value in DATE_PRECISIONS


def source_kind(method: str) -> str:
    """news (an extractor read an article), register (an importer), or manual."""
    if method.startswith(IMPORT_METHOD):
        return "register"
    if method.startswith(MANUAL):
        return "manual"
    return "news"


def import_method(format_name: str, version: str) -> str:
    """The ``method`` of a row a register importer read."""
    return f"{IMPORT_METHOD}{format_name} {version}"
