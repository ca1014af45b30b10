"""The store, its analytical engine and what the pages read from them, cached.

The store object is a ``st.cache_resource`` (one per location). The engine
(:mod:`flows.engine`, a DuckDB copy of the store's claims) is a
``st.cache_resource`` keyed by the store's revision: built (or opened from its
file) once per change of the store, shared by every session, never copied per
rerun. A page asks it for a view's counts and small aggregated frames.
Figures are cached by the view's link, so going back to a view costs nothing.
"""

from __future__ import annotations

import logging
import os
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from flows import corpus, engine, pipeline
from flows.engine import Engine, EngineError
from flows.extract import get_extractor
from flows.state import ViewState
from flows.store import SEEDED, Store, StoreError, locate
from flows.ui.safety import md_escape

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


@st.cache_resource(show_spinner="Loading claims…", max_entries=2)
def get_engine(location: str, revision: int) -> Engine:
    """The analytical copy of the store at this revision (one per revision, shared by all sessions)."""
    return engine.for_store(get_store(location), revision)


def open_engine(location: str, revision: int) -> Engine | None:
    """The engine; None (with a message shown) when its copy cannot be built."""
    try:
        return get_engine(location, revision)
    except (EngineError, StoreError) as error:
        st.error(f"The claims cannot be loaded: {md_escape(error)}", icon=":material/database:")
        return None


@st.cache_data(show_spinner=False, max_entries=4)
def load_options(location: str, revision: int) -> dict[str, list[str]]:
    """The values each filter offers (cached per store revision)."""
    return get_engine(location, revision).options()


@st.cache_data(show_spinner=False, max_entries=64)
def build_figure(
    location: str, revision: int, link: str, kind: str, _state: ViewState, width: int | None = None
) -> go.Figure:
    """A figure for one view, aggregated by the engine.

    Cached by store revision and link: the link names the filters and view
    choices, so the unhashed ``_state`` follows from the key. ``width``: the
    pixels a narrow screen gives the map (:func:`flows.figures.map_height`).
    """
    view = get_engine(location, revision).view(_state)
    if kind == "sankey":
        return view.sankey(color_by=_state.color, measure=_state.measure, top_n=_state.top)
    if kind == "map":
        return view.flow_map(color_by=_state.color, measure=_state.measure, width=width)
    return view.timeline()


@st.cache_data(show_spinner=False, max_entries=64)
def flow_choices(location: str, revision: int, link: str, _state: ViewState) -> pd.DataFrame:
    """The flows a view's figure draws, heaviest first, with the claims behind each (cached like its figure)."""
    return get_engine(location, revision).view(_state).flow_choices()
