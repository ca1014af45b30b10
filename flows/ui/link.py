"""The link <-> the widgets: every filter and view choice lives in the address bar.

Every filter and view widget has ``bind="query-params"`` and its key is the
URL key of :data:`flows.state.KEYS`, so the browser's address bar always holds
the current view. On a session's first run the link is read by
:func:`flows.state.from_query` (whitelists, notices) and its values are put
into the widgets' session state, so a bad value falls back to the default with
a visible notice instead of silently.
"""

from __future__ import annotations

import streamlit as st

from flows.state import FILTER_FIELDS, KEYS, Choices, ViewState, from_query, query_string

LINK_READ = "_link_read"  # session key: the link has been read into the widgets
NOTICES = "_link_notices"  # session key: what the link asked for that was not used
LINKED_CLAIM = "_linked_claim"  # session key: claim_id from the link's "c", shown until another is picked
FILTER_KEYS: tuple[str, ...] = tuple(KEYS[name] for name in FILTER_FIELDS)


def _raw_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def read_link_once(options: dict[str, list[str]]) -> None:
    """On a session's first run, put the link's valid values into the widgets' state."""
    if st.session_state.get(LINK_READ):
        return
    st.session_state[LINK_READ] = True
    countries_in_data = set(options["origins"]) | set(options["vias"]) | set(options["destinations"])
    state, notices = from_query(
        _raw_query(), Choices(claimants=frozenset(options["claimants"]), countries=frozenset(countries_in_data))
    )
    st.session_state[NOTICES] = notices
    st.session_state[LINKED_CLAIM] = state.claim
    default = ViewState()
    for name, key in KEYS.items():
        value = getattr(state, name)
        if name == "claim" or value == getattr(default, name):
            continue
        st.session_state[key] = list(value) if isinstance(value, tuple) else value


def reset_filters() -> None:
    """The "Reset all filters" button: every filter back to its default (the URL follows)."""
    default = ViewState()
    for name, key in KEYS.items():
        if key in FILTER_KEYS:
            value = getattr(default, name)
            st.session_state[key] = list(value) if isinstance(value, tuple) else value


def sync_claim_param(claim_id: str) -> None:
    """Keep the link's "c" (the claim shown in full) in the address bar, or drop it."""
    if claim_id:
        if st.query_params.get(KEYS["claim"]) != claim_id:
            st.query_params[KEYS["claim"]] = claim_id
    elif KEYS["claim"] in st.query_params:
        del st.query_params[KEYS["claim"]]


def share_url(state: ViewState) -> str:
    """The link to this view: the app's address and :func:`flows.state.query_string`."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    if base.count("/") == 2:  # "http://host:port": give it its root path
        base += "/"
    query = query_string(state)
    return f"{base}?{query}" if query else base
