"""arms-flows dashboard: `streamlit run app.py`.

Thin on purpose: page setup and routing. The pages, the link <-> widget state
and everything they show live in :mod:`flows.ui` and the pure modules it calls.
"""

import streamlit as st

from flows import ui

st.set_page_config(
    page_title="arms-flows: who is said to have sent arms to whom",
    # No page_icon: Streamlit would fetch a Material or emoji favicon from a CDN.
    layout="wide",
    # "auto": open on a desktop, closed on a phone, where an open sidebar covers the page.
    initial_sidebar_state="auto",
)

explore = st.Page(
    lambda: ui.run_page(ui.explore_page, "showing the claims"),
    title="Explore",
    url_path="explore",
    default=True,
)
add = st.Page(
    lambda: ui.run_page(ui.add_data_page, "adding data"),
    title="Add data",
    url_path="add",
)
st.navigation([explore, add], position="top").run()
