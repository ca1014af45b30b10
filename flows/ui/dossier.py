"""The flow dossier: every claim about one origin-destination pair, side by side, on a small timeline.

The pair is picked from the flows the filters leave; its key ("flow") is in the
link like every other choice (:mod:`flows.state`). What is drawn and listed
comes from :mod:`flows.dossier`; this module only lays it out.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from flows import dossier, figures, table
from flows.state import KEYS, flow_label
from flows.ui.safety import md_escape, safe_url

STANCE_HEADINGS = {"alleged": "Alleges", "confirmed": "Confirms", "denied": "Denies", "reported": "Reports"}


def dossier_section(claims: pd.DataFrame) -> None:
    """The picker and, once a flow is picked, its dossier (``claims``: the rows the filters leave)."""
    st.subheader("Flow dossier", anchor=False)
    options = dossier.flows_in(claims)
    picked = st.session_state.get(KEYS["flow"])
    if picked and picked not in options:
        options.append(picked)  # a link's flow the filters leave no claim of: said below, not dropped
    key = st.selectbox(
        "Flow",
        options,
        index=None,
        format_func=flow_label,
        key=KEYS["flow"],
        bind="query-params",
        placeholder="Pick an origin and destination to see every claim about it",
        help="Who alleges, confirms or denies this flow, with the dates and sources of their reports.",
    )
    if not key:
        return
    per_claim = dossier.dossier(claims, key)
    if per_claim.empty:
        st.info(f"No claim about {md_escape(flow_label(key))} among the claims shown.", icon=":material/info:")
        return
    reports, outlets = (
        int(per_claim["reports"].sum()),
        len({s for c in per_claim["sources"] for s in c.split("; ") if s}),
    )
    contested = " · **contested**: denied as well as claimed" if dossier.is_contested(per_claim) else ""
    st.markdown(f"{len(per_claim)} claims in {reports} reports from {outlets} outlets{contested}")
    stances = [s for s in dossier.STANCE_ORDER if s in set(per_claim["stance"])]
    for column, stance in zip(st.columns(len(stances)), stances, strict=True):
        with column:
            st.markdown(f"**{STANCE_HEADINGS.get(stance, stance)}**")
            for row in per_claim[per_claim["stance"] == stance].to_dict("records"):
                _claim_card(row)
    st.plotly_chart(
        dossier.timeline(per_claim, f"Claims about {flow_label(key)}"),
        config=figures.PLOTLY_CONFIG,
        key="dossier-timeline",
        width="stretch",
    )
    st.download_button(
        f"This dossier ({len(per_claim)} claims, CSV)",
        data=lambda: table.to_csv_bytes(per_claim),
        file_name=f"dossier_{key.replace('>', '-')}.csv",
        mime="text/csv",
        key="download-dossier",
        icon=":material/download:",
        on_click="ignore",
    )


def _claim_card(row: dict[str, Any]) -> None:
    """One claim of the dossier: who, when, how many reports and outlets, and links to its sources."""
    first, last = row["first_report"], row["last_report"]
    span = first if first == last else f"{first} – {last}"
    via = f" via {', '.join(row['via'])}" if row["via"] else ""
    with st.container(border=True):
        st.markdown(
            f"**{md_escape(row['claimant'])}**{md_escape(via)}  \n"
            f"{md_escape(span or 'undated')} · {row['reports']} reports, {row['outlets']} outlets"
        )
        st.caption(md_escape(row["sources"]))
        # Brackets written as escapes, so an address cannot end the Markdown link early.
        links = [safe_url(url).replace("(", "%28").replace(")", "%29") for url in str(row["urls"]).split("\n")]
        shown = [url for url in links if url][:5]
        if shown:
            st.markdown(" · ".join(f"[source {n}]({url})" for n, url in enumerate(shown, start=1)))
