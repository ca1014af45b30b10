"""A flow dossier: every claim about one origin-destination pair, side by side.

Who alleges the flow, who confirms it, who denies it, each with the dates and
sources of its reports (:func:`flows.corroborate.claims_of`), and a small
timeline, so a reader sees at a glance whether a flow is contested. A flow is
written ``PRK>RUS`` (codes), and ``North Korea → Russia`` on screen and in
links (:func:`flows.state.flow_label`). No streamlit here.
"""

from __future__ import annotations

import html

import pandas as pd
import plotly.graph_objects as go

from flows import corroborate
from flows.figures import STANCE_COLORS

FLOW_SEPARATOR = ">"
# The order a dossier lists stances in: the accusation, the parties' word, then the rest.
STANCE_ORDER: tuple[str, ...] = ("alleged", "confirmed", "denied", "reported")


def flow_key(origin: str, destination: str) -> str:
    return f"{origin}{FLOW_SEPARATOR}{destination}"


def flows_in(claims: pd.DataFrame) -> list[str]:
    """Every origin-destination pair of a claims table, most claims first (ties by key)."""
    if claims.empty:
        return []
    keys = claims["origin"].astype(str) + FLOW_SEPARATOR + claims["destination"].astype(str)
    ids = claims["assertion_id"].astype(str) if "assertion_id" in claims else claims["claim_id"].astype(str)
    counts = pd.DataFrame({"key": keys, "claim": ids}).drop_duplicates().groupby("key").size()
    return sorted(counts.index, key=lambda key: (-int(counts[key]), key))


def dossier(claims: pd.DataFrame, key: str) -> pd.DataFrame:
    """The claims (one row each, :data:`flows.corroborate.CLAIM_LEVEL_COLUMNS`) about flow ``key``.

    ``claims`` is a corroborated claims table (its ``assertion_id`` set).
    Rows come by stance (:data:`STANCE_ORDER`), then first report date.
    """
    origin, _, destination = key.partition(FLOW_SEPARATOR)
    picked = claims[(claims["origin"].astype(str) == origin) & (claims["destination"].astype(str) == destination)]
    per_claim = corroborate.claims_of(picked)
    rank = per_claim["stance"].map({stance: i for i, stance in enumerate(STANCE_ORDER)}).fillna(len(STANCE_ORDER))
    order = per_claim.assign(_rank=rank).sort_values(["_rank", "first_report", "claimant"], kind="stable")
    return order.drop(columns="_rank").reset_index(drop=True)


def is_contested(claims: pd.DataFrame) -> bool:
    """Whether a dossier holds a denial beside an allegation or a confirmation."""
    stances = set(claims["stance"])
    return "denied" in stances and bool(stances & {"alleged", "confirmed"})


def timeline(claims: pd.DataFrame, title: str = "") -> go.Figure:
    """Each claim of a dossier as a bar from its first to its last report, one row per claimant, by stance."""
    figure = go.Figure()
    dated = claims[claims["first_report"] != ""]
    for stance in STANCE_ORDER:
        rows = dated[dated["stance"] == stance]
        if rows.empty:
            continue
        hover = [
            f"<b>{html.escape(str(r.claimant))}</b> {html.escape(stance)}<br>"
            f"{html.escape(str(r.first_report))} to {html.escape(str(r.last_report))}<br>"
            f"{int(r.reports)} reports from {int(r.outlets)} outlets"
            for r in rows.itertuples(index=False)
        ]
        xs: list[object] = []
        ys: list[object] = []
        texts: list[object] = []
        for r, text in zip(rows.itertuples(index=False), hover, strict=True):
            xs += [r.first_report, r.last_report, None]
            name = html.escape(str(r.claimant))  # tick labels render markup
            ys += [name, name, None]
            texts += [text, text, None]
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines+markers",
                name=stance,
                line={"color": STANCE_COLORS.get(stance, "#999999"), "width": 8},
                marker={"size": 10},
                hovertext=texts,
                hoverinfo="text",
            )
        )
    figure.update_layout(
        title={"text": html.escape(title)},
        height=max(220, 40 * max(1, dated["claimant"].nunique()) + 120),
        margin={"l": 10, "r": 10, "t": 50, "b": 30},
        xaxis={"type": "date"},
        yaxis={"type": "category", "automargin": True},
        legend={"orientation": "h"},
    )
    return figure
