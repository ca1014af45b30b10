"""The sidebar: one widget per filter, and under each how many claims it leaves."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from flows import filters
from flows.state import CATEGORY_CHOICES, KEYS, KINDS, ViewState, country_label
from flows.ui.link import reset_filters
from flows.vocabulary import STANCES

# Multiselects match what is typed as a substring ("SVR" finds "SVR" and "Russia's SVR",
# not every name with an S, a V and an R in order) and offer no "Select all": one
# Enter picks one name, never 53 into the headline and the file name.
PICK_LIST: dict[str, Any] = {"filter_mode": "contains", "select_all": False}
DATE_SWAPPED = "_dates_swapped"  # session key: the date inputs were just swapped

STANCE_HELP = (
    "alleged: a claim someone makes; reported: a journalist's or register's account; "
    "confirmed: the sender or receiver says so; denied: a party denies it."
)


def _with_selected(options: list[str], key: str) -> list[str]:
    """Options plus anything already selected (data may have changed since)."""
    selected = [v for v in st.session_state.get(key) or [] if v not in options]
    return options + selected


def sidebar_filters(options: dict[str, list[str]]) -> tuple[ViewState, dict[str, Any]]:
    """The filter widgets; returns their state and a caption slot under each."""
    bar = st.sidebar
    bar.subheader("Filters", anchor=False)
    bar.button(
        "Reset all filters",
        on_click=reset_filters,
        key="reset",
        help="Clear every filter",
        icon=":material/filter_alt_off:",
        width="stretch",
    )
    slots: dict[str, Any] = {}

    # One above the other, not side by side: a side-by-side field was too narrow to show a date.
    date_from = bar.date_input(
        "From",
        key=KEYS["date_from"],
        bind="query-params",
        value=None,
        min_value=date(1900, 1, 1),
        max_value=date(2100, 12, 31),
        help="Claims whose date (a day, a month or a year) overlaps the range.",
        on_change=_dates_in_order,
    )
    date_to = bar.date_input(
        "To",
        key=KEYS["date_to"],
        bind="query-params",
        value=None,
        min_value=date(1900, 1, 1),
        max_value=date(2100, 12, 31),
        on_change=_dates_in_order,
    )
    slots["date_from"] = bar.empty()
    if st.session_state.pop(DATE_SWAPPED, False):
        bar.info("'From' was after 'To': the two dates were swapped.", icon=":material/swap_vert:")

    claimants = bar.multiselect(
        "Claimant",
        _with_selected(options["claimants"], KEYS["claimants"]),
        key=KEYS["claimants"],
        bind="query-params",
        placeholder="Anyone",
        **PICK_LIST,
        help="Who made the claim.",
    )
    slots["claimants"] = bar.empty()
    stances = bar.pills(
        "Stance", list(STANCES), selection_mode="multi", key=KEYS["stances"], bind="query-params", help=STANCE_HELP
    )
    slots["stances"] = bar.empty()
    kinds = bar.pills(
        "Kind of source",
        list(KINDS),
        selection_mode="multi",
        key=KEYS["kinds"],
        bind="query-params",
        help="news: read from an article by the extractor; register: imported from a "
        "register (SIPRI, Kiel, CAAT); manual: entered or corrected by a person.",
    )
    slots["kinds"] = bar.empty()

    def country_pick(name: str, label: str, placeholder: str = "Any country", help: str | None = None) -> list[str]:
        """A pick list of countries bound to the address bar, with its slot for notices below."""
        picked = bar.multiselect(
            label,
            _with_selected(options[name], KEYS[name]),
            format_func=country_label,
            key=KEYS[name],
            bind="query-params",
            placeholder=placeholder,
            help=help,
            **PICK_LIST,
        )
        slots[name] = bar.empty()
        return picked

    origins = country_pick("origins", "Origin")
    vias = country_pick("vias", "Through (intermediary)", "Any route", "Any route passing through one of these.")
    destinations = country_pick("destinations", "Destination")
    claimant_countries = country_pick(
        "claimant_countries",
        "Claimant's country",
        help="The country the claimant speaks for or is based in (a ministry's state, an outlet's home).",
    )
    categories = bar.multiselect(
        "Category",
        _with_selected(list(CATEGORY_CHOICES), KEYS["categories"]),
        key=KEYS["categories"],
        bind="query-params",
        placeholder="Any category",
        **PICK_LIST,
    )
    slots["categories"] = bar.empty()
    min_confidence = bar.slider(
        "Confidence at least",
        0.0,
        1.0,
        0.0,
        step=0.05,
        key=KEYS["min_confidence"],
        bind="query-params",
        help="Each claim's confidence: the extractor's for news, 0.9 for a register row, "
        "less one step for each '?' or estimate flag the register puts on it.",
    )
    slots["min_confidence"] = bar.empty()
    query = bar.text_input(
        "Search items and evidence",
        key=KEYS["query"],
        bind="query-params",
        placeholder="e.g. Shahed, 155 mm",
        max_chars=200,
    )
    slots["query"] = bar.empty()

    state = ViewState(
        date_from=date_from if isinstance(date_from, date) else None,
        date_to=date_to if isinstance(date_to, date) else None,
        claimants=tuple(claimants or ()),
        stances=tuple(s for s in STANCES if s in (stances or [])),
        kinds=tuple(k for k in KINDS if k in (kinds or [])),
        origins=tuple(origins or ()),
        vias=tuple(vias or ()),
        destinations=tuple(destinations or ()),
        claimant_countries=tuple(claimant_countries or ()),
        categories=tuple(c for c in CATEGORY_CHOICES if c in (categories or [])),
        min_confidence=round(float(min_confidence or 0.0), 2),
        query=(query or "").strip(),
    )
    return state, slots


def _dates_in_order() -> None:
    """A 'From' after its 'To' swaps the two inputs (and says so), rather than matching nothing."""
    first, last = st.session_state.get(KEYS["date_from"]), st.session_state.get(KEYS["date_to"])
    if isinstance(first, date) and isinstance(last, date) and first > last:
        st.session_state[KEYS["date_from"]], st.session_state[KEYS["date_to"]] = last, first
        st.session_state[DATE_SWAPPED] = True


def show_what_each_filter_leaves(result: filters.Counts, slots: dict[str, Any]) -> None:
    rule_keys = {"dates": "date_from"}
    for step in result.steps:
        slot = slots.get(rule_keys.get(step.rule.key, step.rule.key))
        if slot is not None:
            slot.caption(f"↳ leaves {step.left:,} of {result.total:,} claims")
