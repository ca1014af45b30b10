"""A person's review of proposed claims: decisions, corrections, and what is never proposed again.

The extractor proposes; a person accepts, corrects or rejects each proposal.
The rules, kept here rather than in the UI or the store:

* a correction is a new claim (method ``manual correction``, its own
  ``claim_id``) that keeps the proposal's article, source and evidence; the
  proposal it replaces is remembered as corrected;
* a rejected proposal is remembered as rejected, a deleted claim as deleted;
* a remembered claim (:meth:`flows.store.Store.suppressed`) is not proposed
  again when the extractor reads the same article (:func:`fresh_proposals`),
  and the store never saves it again from a machine.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from flows import countries
from flows.dates import precision_of
from flows.route import Route
from flows.table import CLAIM_COLUMNS, NUMERIC_COLUMNS, claim_from_row, validate
from flows.vocabulary import MANUAL_CORRECTION

DECISIONS: tuple[str, ...] = ("accept", "reject")
# What a person may correct in a proposal; the rest (evidence, source, ...) is the article's.
EDITABLE: tuple[str, ...] = (
    "claim_date",
    "claimant",
    "stance",
    "origin",
    "via",
    "destination",
    "items",
    "category",
    "quantity",
)


@dataclass(frozen=True)
class Review:
    """What a person decided about proposed claims, ready for :meth:`flows.store.Store.save`."""

    save: pd.DataFrame
    corrects: dict[str, str]  # saved claim_id -> proposal it corrects
    rejected: list[str]
    problems: list[str]


def fresh_proposals(claims: pd.DataFrame, suppressed: Collection[str]) -> pd.DataFrame:
    """The proposals not rejected, deleted or corrected before (ids in ``suppressed``)."""
    return claims[~claims["claim_id"].isin(set(suppressed))].reset_index(drop=True)


def _country_or_self(value: str) -> str:
    text = value.strip()
    return (countries.resolve(text) or text) if text else ""


def _number_or_none(value: Any) -> float | None:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def corrected(original: Mapping[str, Any], edited: Mapping[str, Any]) -> dict[str, Any] | None:
    """The corrected record when a person changed an editable field, else None.

    Countries may be typed as names ("Poland", routes as "Poland>Slovakia;
    Romania"); they are resolved to codes. The corrected claim is ``manual
    correction`` with its own claim_id and keeps the proposal's article,
    source and evidence.
    """
    record = dict(original)
    changed = False
    for column in EDITABLE:
        if column not in edited:
            continue
        before = original.get(column)
        after = edited.get(column)
        if column == "via":
            route = Route.parse(after).map_codes(_country_or_self)
            if route != Route.parse(before):
                record["via"] = list(route)
                changed = True
            continue
        if column in NUMERIC_COLUMNS:
            number = _number_or_none(after)
            if number != _number_or_none(before):
                record[column] = number
                changed = True
            continue
        after_text = "" if after is None else str(after).strip()
        if column in ("origin", "destination"):
            after_text = _country_or_self(after_text)
        if after_text != ("" if before is None else str(before)):
            record[column] = after_text
            changed = True
    if not changed:
        return None
    record["date_precision"] = precision_of(str(record.get("claim_date", "")))
    record["method"] = MANUAL_CORRECTION
    record["confidence"] = 1.0
    record["claim_id"] = claim_from_row(record).claim_id
    return record


def review(proposed: pd.DataFrame, edited: pd.DataFrame, decisions: Sequence[str]) -> Review:
    """Turn an edited proposal table and one decision per row into what to save.

    ``edited`` has the proposals' rows in the same order, with the person's
    edits; a changed row is saved as a correction. Rows that fail the claims
    table's validation are not saved and are named in ``problems``.
    """
    keep: list[dict[str, Any]] = []
    numbers: list[int] = []
    corrects: dict[str, str] = {}
    rejected: list[str] = []
    for number, (original, edit, decision) in enumerate(
        zip(proposed.to_dict("records"), edited.to_dict("records"), decisions, strict=True), start=1
    ):
        if decision == "reject":
            rejected.append(str(original["claim_id"]))
            continue
        record = corrected(original, edit)
        numbers.append(number)
        if record is None:
            keep.append(original)
        else:
            corrects[record["claim_id"]] = str(original["claim_id"])
            keep.append(record)
    if not keep:
        return Review(proposed.iloc[0:0][list(CLAIM_COLUMNS)], {}, rejected, [])
    result = validate(pd.DataFrame(keep, columns=list(CLAIM_COLUMNS)), numbers)
    valid_ids = set(result.claims["claim_id"])
    return Review(
        result.claims,
        {k: v for k, v in corrects.items() if k in valid_ids},
        rejected,
        [str(p) for p in result.problems],
    )
