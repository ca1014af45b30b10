"""The dashboard's Streamlit UI: with ``app.py``, the only code that imports streamlit.

One module per page, called by ``app.py``: :mod:`~flows.ui.explore` (the
claims, filtered and drawn) and :mod:`~flows.ui.add_data` (articles, register
files and claims tables). What they share: :mod:`~flows.ui.data` (the store
and the cached frames and figures), :mod:`~flows.ui.link` (the link <->
widget state), :mod:`~flows.ui.sidebar` (the filters) and
:mod:`~flows.ui.safety` (untrusted text made inert, errors as messages).
Everything they compute comes from the pure modules: :mod:`flows.state`,
:mod:`flows.filters`, :mod:`flows.figures`, :mod:`flows.pipeline`,
:mod:`flows.review`, :mod:`flows.store`.
"""

from __future__ import annotations

from flows.ui.add_data import add_data_page
from flows.ui.explore import explore_page
from flows.ui.safety import md_escape, run_page, safe_url

__all__ = ["add_data_page", "explore_page", "md_escape", "run_page", "safe_url"]
