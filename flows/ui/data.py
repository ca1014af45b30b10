"""The store and what the pages read from it, cached: claims, filter options, legs, figures.

Data frames are cached with ``st.cache_data`` keyed by the store's revision, so
they are loaded and prepared once per change of the store; the store object is
a ``st.cache_resource`` (one per location). Figures are cached by the view's
link, so going back to a view costs nothing.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from flows import corpus, figures, filters, pipeline, table
from flows.extract import get_extractor
from flows.state import ViewState
from flows.store import SEEDED, Store, StoreError, locate
from flows.ui.safety import md_escape
from flows.vocabulary import CATEGORIES

LOG = logging.getLogger(__name__)


def store_location() -> str:
    """Env ``ARMS_FLOWS_DB``, else secret ``db_url``, else the default file."""
    return locate(os.environ, _secrets())


def _secrets() -> Any:
    try:
        if not st.secrets.load_if_toml_exists():
            return None
    except Exception:
        LOG.warning("could not read Streamlit secrets", exc_info=True)
        return None
    return st.secrets


@st.cache_resource(show_spinner=False)
def get_store(location: str) -> Store:
    """One store object per location (it opens a connection per operation)."""
    return Store(location)


def ensure_seeded(store: Store) -> None:
    """On the very first start, fill the store from the bundled sample corpus."""
    if store.get_meta(SEEDED):
        return
    extractor = get_extractor()
    articles = corpus.sample_articles()
    bar = st.progress(0.0, text="First start: extracting claims from the bundled sample articles…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"First start: reading sample article {done} of {total}…")

    note = f"{len(articles)} sample articles, extractor {extractor.name} {extractor.version}"
    pipeline.seed_store(store, articles, note, extractor, progress)
    bar.empty()


def open_store(location: str, seeded: bool = False) -> Store | None:
    """The store, filled on first start; None (with a message shown) when it cannot be opened."""
    try:
        store = get_store(location)
        if seeded:
            ensure_seeded(store)
    except StoreError as error:
        st.error(f"The claims store cannot be opened: {md_escape(error)}", icon=":material/database:")
        st.info(
            "Point ARMS_FLOWS_DB (or the secret db_url) at a writable file or a database URL, then reload the page."
        )
        return None
    return store


@st.cache_data(show_spinner="Loading claims…", max_entries=4)
def load_claims(location: str, revision: int) -> pd.DataFrame:
    """The store's claims, corroborated as one table and prepared for filtering (cached per store revision)."""
    return filters.prepare(pipeline.corroborated(get_store(location).claims()))


@st.cache_data(show_spinner=False, max_entries=4)
def load_options(location: str, revision: int) -> dict[str, list[str]]:
    """The values each filter offers (cached per store revision)."""
    frame = load_claims(location, revision)
    return {
        "claimants": sorted(c for c in frame["claimant"].unique() if c),
        "origins": sorted(c for c in frame["origin"].unique() if c),
        "vias": sorted(filters.intermediaries(frame)),
        "destinations": sorted(c for c in frame["destination"].unique() if c),
        "categories": [c for c in CATEGORIES if c in set(frame["category"])],
        "claimant_countries": sorted(c for c in frame["claimant_country"].unique() if c),
    }


@st.cache_data(show_spinner=False, max_entries=4)
def load_legs(location: str, revision: int) -> pd.DataFrame:
    """The legs of every claim in the store, split once per revision (figures cut them to the shown claims)."""
    return table.legs(filters.public(load_claims(location, revision)))


@st.cache_data(show_spinner=False, max_entries=64)
def build_figure(
    location: str, revision: int, link: str, kind: str, _state: ViewState, _shown: pd.DataFrame
) -> go.Figure:
    """A figure for one view of the filtered claims ``_shown``.

    Cached by store revision and link: the link names the filters and view
    choices, so the unhashed ``_state`` and ``_shown`` follow from the key.
    """
    frame = filters.public(_shown)
    if kind == "sankey":
        return figures.sankey(
            frame, color_by=_state.color, measure=_state.measure, top_n=_state.top,
            legs=load_legs(location, revision),
        )  # fmt: skip
    if kind == "map":
        return figures.flow_map(
            frame, color_by=_state.color, measure=_state.measure, legs=load_legs(location, revision)
        )
    return figures.timeline(frame)
