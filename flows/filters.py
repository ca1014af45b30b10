"""Filtering the claims table, datasette-style, and the headline figures.

Each filter is a :class:`Rule`: it selects rows (:meth:`Rule.mask`) and says
in a sentence what it selects (:meth:`Rule.describe`), so the dashboard can
show, beside each filter, what it leaves, and name a download after it.

Dates: a claim's ``claim_date`` may be a day, a month or a year. A claim is
kept by a date range when the span its date covers overlaps the range: a claim
dated ``2023-05`` is kept by a range from 2023-05-20, and one dated ``2023`` by
any range that touches 2023. Claims without a date are left out as soon as a
date bound is set.

Work that does not depend on the filters (date spans, the kind of source, the
search text) is done once by :func:`prepare`; filtering is then vectorised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from flows import countries
from flows.dates import date_end, date_start
from flows.route import Route
from flows.state import KEYS, NO_CATEGORY, ViewState
from flows.table import CLAIM_COLUMNS, ROUTE_COLUMNS, TEXT_COLUMNS
from flows.vocabulary import source_kind

# Helper columns added by :func:`prepare` (never part of a download).
START, END, KIND, VIA, TEXT = "_start", "_end", "_kind", "_via", "_text"
HELPER_COLUMNS: tuple[str, ...] = (START, END, KIND, VIA, TEXT)


# --------------------------------------------------------------------------- prepare


def _via_key(via: object) -> str:
    """Every intermediary between bars ("|POL|SVK|"), so a filter finds a code by substring."""
    codes = [code for chain in Route.parse(via).chains() for code in chain if code]
    return "|" + "|".join(codes) + "|" if codes else ""


def prepare(claims: pd.DataFrame) -> pd.DataFrame:
    """The claims table with the helper columns filtering needs (done once per data load).

    Text is held as Arrow strings and ``via`` as its route's text, which
    makes the frame about ten times faster to copy out of Streamlit's cache
    (an unpickle on every run); :func:`public` turns rows back into the
    contract's types.
    """
    frame = claims.reset_index(drop=True).copy()
    dates = frame["claim_date"].astype(str)
    unique = dates.unique()
    starts = {d: date_start(d) for d in unique}
    ends = {d: date_end(d) for d in unique}
    frame[START] = pd.to_datetime(dates.map(starts), errors="coerce")
    frame[END] = pd.to_datetime(dates.map(ends), errors="coerce")
    methods = frame["method"].astype(str)
    kinds = {m: source_kind(m) for m in methods.unique()}
    frame[KIND] = methods.map(kinds)
    frame[VIA] = frame["via"].map(_via_key)
    frame[TEXT] = (frame["items"].astype(str) + "\n" + frame["evidence"].astype(str)).str.casefold()
    for column in ROUTE_COLUMNS:
        frame[column] = frame[column].map(lambda cell: Route.parse(cell).format())
    for column in (*TEXT_COLUMNS, *ROUTE_COLUMNS, KIND, VIA, TEXT):
        frame[column] = frame[column].astype(_STRING)
    return frame


_STRING = pd.StringDtype("pyarrow")


def public(frame: pd.DataFrame) -> pd.DataFrame:
    """Only the contract's columns, in order and types (what is downloaded and handed on)."""
    out = frame.loc[:, list(CLAIM_COLUMNS)].reset_index(drop=True)
    for column in TEXT_COLUMNS:
        if out[column].dtype != object:
            out[column] = out[column].astype(object)
    for column in ROUTE_COLUMNS:
        out[column] = out[column].astype(object).map(lambda cell: list(Route.parse(cell)))
    return out


# --------------------------------------------------------------------------- rules


def _names(codes: Sequence[str]) -> str:
    return _or_list([countries.name_of(code) for code in codes])


def _or_list(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


@dataclass(frozen=True)
class Rule:
    """One active filter: a state field, the rows it keeps, and a sentence."""

    key: str  # the ViewState field it comes from

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        raise NotImplementedError

    def describe(self) -> str:
        raise NotImplementedError

    def slug(self) -> str:
        """A short file-name-safe piece naming this filter."""
        raise NotImplementedError


@dataclass(frozen=True)
class DateRange(Rule):
    start: date | None
    end: date | None

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        keep = frame[START].notna()
        if self.start is not None:
            keep &= frame[END] >= pd.Timestamp(self.start)
        if self.end is not None:
            keep &= frame[START] <= pd.Timestamp(self.end)
        return keep

    def describe(self) -> str:
        if self.start and self.end:
            return f"dated between {self.start.isoformat()} and {self.end.isoformat()}"
        if self.start:
            return f"dated on or after {self.start.isoformat()}"
        return f"dated on or before {self.end.isoformat()}"  # type: ignore[union-attr]

    def slug(self) -> str:
        return f"{self.start.isoformat() if self.start else ''}--{self.end.isoformat() if self.end else ''}"


@dataclass(frozen=True)
class OneOf(Rule):
    column: str
    values: tuple[str, ...]
    phrase: str  # "claimant is", "stance is", ...
    codes: bool = False  # values are country codes (described by name)

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        return frame[self.column].isin(self.values)

    def describe(self) -> str:
        shown = _names(self.values) if self.codes else _or_list(list(self.values))
        return f"{self.phrase} {shown}"

    def slug(self) -> str:
        return f"{KEYS.get(self.key, self.key)}-" + "+".join(self.values)


@dataclass(frozen=True)
class Category(Rule):
    """One of these categories; :data:`flows.state.NO_CATEGORY` picks claims that name none."""

    values: tuple[str, ...]

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        wanted = ["" if value == NO_CATEGORY else value for value in self.values]
        return frame["category"].fillna("").isin(wanted)

    def describe(self) -> str:
        named = [value for value in self.values if value != NO_CATEGORY]
        parts = [f"category is {_or_list(named)}"] if named else []
        if NO_CATEGORY in self.values:
            parts.append("no category is given")
        return " or ".join(parts)

    def slug(self) -> str:
        return "cat-" + "+".join(value.replace(" ", "-") for value in self.values)


@dataclass(frozen=True)
class AtLeast(Rule):
    """A number column at least a bound (a missing number is below every bound)."""

    column: str
    bound: float
    phrase: str

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        return pd.to_numeric(frame[self.column], errors="coerce").fillna(-1.0) >= self.bound - 1e-9

    def describe(self) -> str:
        return f"{self.phrase} {self.bound:g}"

    def slug(self) -> str:
        return f"{KEYS.get(self.key, self.key)}-{self.bound:g}"


@dataclass(frozen=True)
class Through(Rule):
    """Any route passes through one of these intermediaries."""

    values: tuple[str, ...]

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        pattern = "|".join(re.escape(f"|{code}|") for code in self.values)
        return frame[VIA].str.contains(pattern, regex=True)

    def describe(self) -> str:
        return f"routed through {_names(self.values)}"

    def slug(self) -> str:
        return "v-" + "+".join(self.values)


@dataclass(frozen=True)
class Search(Rule):
    text: str

    def mask(self, frame: pd.DataFrame) -> pd.Series:
        return frame[TEXT].str.contains(self.text.casefold(), regex=False)

    def describe(self) -> str:
        return f"items or evidence mention “{self.text}”"

    def slug(self) -> str:
        return "q-" + self.text


def rules_for(state: ViewState) -> list[Rule]:
    """The active filters of a view state, in the sidebar's order."""
    rules: list[Rule] = []
    if state.date_from or state.date_to:
        rules.append(DateRange("dates", state.date_from, state.date_to))
    if state.claimants:
        rules.append(OneOf("claimants", "claimant", state.claimants, "claimant is"))
    if state.stances:
        rules.append(OneOf("stances", "stance", state.stances, "stance is"))
    if state.kinds:
        rules.append(OneOf("kinds", KIND, state.kinds, "source is a"))
    if state.origins:
        rules.append(OneOf("origins", "origin", state.origins, "origin is", codes=True))
    if state.vias:
        rules.append(Through("vias", state.vias))
    if state.destinations:
        rules.append(OneOf("destinations", "destination", state.destinations, "destination is", codes=True))
    if state.claimant_countries:
        rules.append(
            OneOf("claimant_countries", "claimant_country", state.claimant_countries, "claimant is of", codes=True)
        )
    if state.categories:
        rules.append(Category("categories", state.categories))
    if state.min_confidence > 0:
        rules.append(AtLeast("min_confidence", "confidence", state.min_confidence, "confidence is at least"))
    if state.query:
        rules.append(Search("query", state.query))
    return rules


# --------------------------------------------------------------------------- apply


@dataclass(frozen=True)
class Step:
    """One filter applied: what it says and how many claims are left after it."""

    rule: Rule
    sentence: str
    left: int


@dataclass(frozen=True)
class Filtered:
    claims: pd.DataFrame  # prepared frame (helper columns kept), filtered
    total: int
    steps: tuple[Step, ...]

    def left_after(self, key: str) -> int | None:
        for step in self.steps:
            if step.rule.key == key:
                return step.left
        return None

    def sentence(self) -> str:
        """'12 of 140 claims where claimant is X and stance is alleged'."""
        head = f"{len(self.claims):,} of {self.total:,} claims"
        if not self.steps:
            return head
        parts = [step.sentence for step in self.steps]
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"{head} where {joined}"


def apply(frame: pd.DataFrame, rules: Sequence[Rule]) -> Filtered:
    """Filter a prepared frame by each rule in turn, counting what each leaves."""
    keep = np.ones(len(frame), dtype=bool)
    steps: list[Step] = []
    for rule in rules:
        keep &= rule.mask(frame).to_numpy(dtype=bool)
        steps.append(Step(rule, rule.describe(), int(keep.sum())))
    return Filtered(frame[keep], len(frame), tuple(steps))


def filter_claims(frame: pd.DataFrame, state: ViewState) -> Filtered:
    """:func:`apply` with the rules of a view state."""
    return apply(frame, rules_for(state))


# --------------------------------------------------------------------------- headline


@dataclass(frozen=True)
class Headline:
    claims: int  # distinct claims (assertion_id): reports of one claim count once
    claimants: int
    countries: int
    first: str  # earliest claim date (as written), "" when none is dated
    last: str
    reports: int = 0  # distinct reports (report_id): wire copies of one story count once
    outlets: int = 0  # distinct sources

    def sentence(self) -> str:
        """ "12 claims in 87 reports from 31 outlets"."""

        def counted(count: int, word: str) -> str:
            return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"

        return (
            f"{counted(self.claims, 'claim')} in {counted(self.reports, 'report')}"
            f" from {counted(self.outlets, 'outlet')}"
        )

    @property
    def span(self) -> str:
        if not self.first:
            return "–"
        return self.first if self.first == self.last else f"{self.first} – {self.last}"


def intermediaries(frame: pd.DataFrame) -> set[str]:
    """Every intermediary of a (prepared or plain) claims table."""
    if VIA in frame.columns:
        return {code for key in frame[VIA].unique() for code in key.split("|") if code}
    return {code for via in frame["via"] for code in Route.parse(via).codes()}


def headline(frame: pd.DataFrame) -> Headline:
    """Claims, claimants, countries named (origin, via, destination), the date span, reports and outlets."""
    if frame.empty:
        return Headline(0, 0, 0, "", "")
    ids = frame["claim_id"].astype(str)
    claims, reports = (
        frame[column].astype(str).where(frame[column].astype(str) != "", ids).nunique()
        if column in frame
        else len(frame)
        for column in ("assertion_id", "report_id")
    )
    outlets = len(set(frame["source"].astype(str).unique()) - {""})
    places = set(frame["origin"].unique()) | set(frame["destination"].unique()) | intermediaries(frame)
    places.discard("")
    claimants = len(set(frame["claimant"].unique()) - {""})
    if START in frame.columns:
        dated = frame[frame[START].notna()]
        first = dated.loc[dated[START].idxmin(), "claim_date"] if len(dated) else ""
        last = dated.loc[dated[END].idxmax(), "claim_date"] if len(dated) else ""
    else:
        dates = sorted(d for d in frame["claim_date"] if d)
        first, last = (dates[0], dates[-1]) if dates else ("", "")
    return Headline(int(claims), int(claimants), len(places), str(first), str(last), int(reports), outlets)


# --------------------------------------------------------------------------- names


def file_name(rules: Sequence[Rule], what: str = "claims", extension: str = "csv") -> str:
    """A download name that says what was filtered: ``claims_stances-alleged_o-RUS.csv``."""
    pieces = [what] + [rule.slug() for rule in rules]
    name = "_".join(pieces)
    name = re.sub(r"[^A-Za-z0-9.+\-_]+", "-", name).strip("-")
    if len(name) > 120:
        name = name[:120].rstrip("-_")
    return f"{name}.{extension}"
