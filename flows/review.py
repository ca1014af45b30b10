"""A person's review of proposed claims: decisions, corrections, and what is never proposed again.

The extractor proposes; a person accepts, corrects or rejects each proposal.
The rules, kept here rather than in the UI or the store:

* a correction is a new claim (method ``manual correction``, its own
  ``claim_id``) that keeps the proposal's article, source and evidence; the
  proposal it replaces is remembered as corrected;
* a rejected proposal is remembered as rejected, a deleted claim as deleted;
* a remembered claim is not proposed again when the extractor reads the same
  article (:func:`fresh_proposals`), and the store never saves it again from
  a machine. What is remembered is the claim's article, claimant, stance and
  route (:func:`flows.models.flow_key`), not its id: reading the same article
  with another publication date moves its claim dates, not the decisions;
* a row that fails the claims table's checks is not saved, and its problems
  come back by row, so the person's edits can be kept and fixed.
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
from flows.table import CLAIM_COLUMNS, NUMERIC_COLUMNS, claim_from_row, row_flow_key, validate
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

    save: pd.DataFrame  # the valid accepted and corrected claims
    corrects: dict[str, dict[str, Any]]  # saved claim_id -> the proposal (its row) it corrects
    rejected: pd.DataFrame  # the rejected proposals, for :meth:`flows.store.Store.reject`
    problems: dict[int, list[str]]  # proposal's position (from 0) -> why it cannot be saved as edited

    @property
    def failed(self) -> list[int]:
        """Positions of the proposals not saved: their edits need fixing."""
        return sorted(self.problems)


def fresh_proposals(claims: pd.DataFrame, suppressed: Collection[str]) -> pd.DataFrame:
    """The proposals not rejected, deleted or corrected before (their id or flow key in ``suppressed``)."""
    blocked = set(suppressed)
    keep = [
        str(row["claim_id"]) not in blocked and row_flow_key(row) not in blocked for row in claims.to_dict("records")
    ]
    return claims[pd.Series(keep, index=claims.index, dtype=bool)].reset_index(drop=True)


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
    table's validation are not saved: :attr:`Review.problems` names them by
    position, in the person's words ("column origin: is not a known ...").
    """
    keep: list[dict[str, Any]] = []
    positions: list[int] = []
    corrects: dict[str, dict[str, Any]] = {}
    rejected: list[int] = []
    originals = proposed.to_dict("records")
    for position, (original, edit, decision) in enumerate(
        zip(originals, edited.to_dict("records"), decisions, strict=True)
    ):
        if decision == "reject":
            rejected.append(position)
            continue
        record = corrected(original, edit)
        positions.append(position)
        if record is None:
            keep.append(original)
        else:
            corrects[record["claim_id"]] = original
            keep.append(record)
    rejected_frame = proposed.iloc[rejected].reset_index(drop=True)
    if not keep:
        return Review(proposed.iloc[0:0][list(CLAIM_COLUMNS)], {}, rejected_frame, {})
    # Rows are numbered by position + 1 for validation, and mapped back.
    result = validate(pd.DataFrame(keep, columns=list(CLAIM_COLUMNS)), [p + 1 for p in positions])
    problems: dict[int, list[str]] = {}
    for problem in result.problems:
        problems.setdefault(problem.row - 1, []).append(problem.text)
    valid_ids = set(result.claims["claim_id"])
    return Review(
        result.claims,
        {k: v for k, v in corrects.items() if k in valid_ids},
        rejected_frame,
        problems,
    )
