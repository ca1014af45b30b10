"""Claims table -> Plotly figures: a Sankey of routes, a flow map and a timeline.

Pure functions (no streamlit): the dashboard and a notebook call the same ones.
Every figure reads the legs table of :func:`flows.table.legs` (a claim weighs 1,
split evenly over its parallel routes) and aggregates with pandas, so a 10,000
claim table costs a few group-bys, not a Python loop per row.

Text from articles (claimants, evidence, items) is untrusted: Plotly renders
hover text, legend names, labels and annotations as HTML, so every such string
goes through :func:`html.escape` before it reaches a figure.

The map needs no network: country shapes come from ``geodata/`` (see
:mod:`flows.geo`) as choropleth traces with Plotly's own base layers switched
off, so plotly.js has nothing to fetch from its CDN.
"""

from __future__ import annotations

import hashlib
import html
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from flows import geo, table
from flows.countries import name_of
from flows.geo import bearings, fit_extent, great_circles
from flows.route import Route
from flows.vocabulary import COLOR_BY, MEASURES, STANCES

# Paul Tol's "muted" qualitative scheme: nine colours told apart with any of the
# common colour-vision deficiencies (https://personal.sron.nl/~pault/).
PALETTE: tuple[str, ...] = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
OTHER_COLOR = "#BBBBBB"
# Tol's "vibrant" scheme; denied is grey because it is a claim that nothing moved.
STANCE_COLORS: dict[str, str] = {
    "alleged": "#EE7733",
    "reported": "#0077BB",
    "confirmed": "#009988",
    "denied": "#BBBBBB",
}
# Fills for countries by role: light, so the coloured flow lines stay readable.
ROLE_COLORS: dict[str, str] = {
    "origin": "#FDDBC7",
    "intermediary": "#FFF2AE",
    "destination": "#D1E5F0",
    "several": "#E7D4E8",
}
BACKGROUND_LAND = "#EEEEEE"
STANCE_PATTERNS: dict[str, str] = {"alleged": "/", "reported": "", "confirmed": "x", "denied": "."}

OTHER = "Other"
OTHER_CLAIMANTS = "Other claimants"
# Past this many claimants in a figure, all but the most frequent share one grey
# "Other claimants": more colours than the palette holds cannot be told apart.
MAX_COLORED_CLAIMANTS = len(PALETTE) - 1
MAX_MAP_LEGS = 300
DENIED_DASH = "dot"
OTHERS_LISTED = 12
LEGEND_PER_LINE = 3  # Sankey legend entries a line
# Legends under the plot, left to right: they wrap to the width, so on a phone they stack.
LEGEND_BELOW: dict[str, object] = {
    "orientation": "h",
    "x": 0,
    "xanchor": "left",
    "y": -0.02,
    "yanchor": "top",
}  # countries an "Other" node's hover names
SANKEY_LINK_KEYS: tuple[str, ...] = ("from_stage", "from", "to_stage", "to", "key", "denied")
MAP_LINK_KEYS: tuple[str, ...] = ("from", "to", "key", "denied")
MAP_ARROWS = "Direction"  # the name of the map's trace of arrowheads, one per drawn line
QUOTE_CHARS = 200
# Claims a timeline bar's hover lists; fewer for big tables, where the lists
# would make most of what goes to the browser.
CLAIMS_LISTED = 5
CLAIMANTS_LISTED = 6
CLAIMS_LISTED_LARGE = 2
LARGE_TABLE = 2_000

PLOTLY_CONFIG: dict[str, object] = {
    "displaylogo": False,
    "responsive": True,
    "scrollZoom": False,
    "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    "toImageButtonOptions": {"format": "png", "filename": "arms-flows", "scale": 2},
    # No figure here asks plotly.js for its topojson. Should one ever do, this
    # relative path keeps the request on the page's own host (a 404), never the
    # CDN that plotly.js names by default.
    "topojsonURL": "topojson/",
}


# Plotly traces are built as plain dicts: graph objects validate and copy every
# array element, which cost several times the rest of a 10,000-claim figure.
Trace = dict[str, object]


def _trace(kind: str, **attributes: object) -> Trace:
    return {"type": kind, **attributes}


class TrustedFigure(go.Figure):
    """A :class:`plotly.graph_objects.Figure` built from dicts this module checked.

    plotly.py validates every array element of a figure, on construction and
    again when a pickled figure is loaded (``st.cache_data`` pickles return values):
    tens of milliseconds at 10,000 claims. Figures here skip it (figure-level
    ``_validate``, plotly.py#2403) both times; the tests check their output.
    """

    def __reduce__(self) -> tuple[object, tuple[dict[str, object]]]:
        return _trusted, (self.to_dict(),)


def _trusted(spec: dict[str, object]) -> TrustedFigure:
    return TrustedFigure(spec, _validate=False)


def _figure(traces: list[Trace], layout: dict[str, object]) -> go.Figure:
    return TrustedFigure(data=traces, layout=layout, _validate=False)


# --------------------------------------------------------------------------- colours


def claimant_colors(claimants: Iterable[str]) -> dict[str, str]:
    """A colour per claimant, distinct among these names while the palette lasts.

    Each name has its own palette slot, from a hash of the name alone (SHA-256,
    not Python's salted ``hash``); names are placed in sorted order and one whose
    slot is taken passes to the next free one. So the colours depend only on the
    names given: figures pass the claimants they show (at most
    :data:`MAX_COLORED_CLAIMANTS`), which then keep their colours when claims are
    added that do not change who is shown, on every rerun and in every figure.
    """
    colors: dict[str, str] = {}
    taken: set[int] = set()
    for name in sorted({str(c) for c in claimants}):
        if len(taken) == len(PALETTE):
            taken.clear()
        slot = _own_slot(name)
        while slot in taken:
            slot = (slot + 1) % len(PALETTE)
        taken.add(slot)
        colors[name] = PALETTE[slot]
    return colors


def _own_slot(name: str) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16) % len(PALETTE)


def kept_claimants(ranked: list[str]) -> list[str]:
    """The claimants a figure colours, from the most frequent down: all of them, or the
    first :data:`MAX_COLORED_CLAIMANTS` when more would share the palette."""
    return ranked[:MAX_COLORED_CLAIMANTS] if len(ranked) > MAX_COLORED_CLAIMANTS + 1 else ranked


def claimant_palette(kept: list[str]) -> dict[str, str]:
    """Colours among the claimants a figure shows (:func:`claimant_colors`), and grey for the rest."""
    palette = claimant_colors(kept)
    palette[OTHER_CLAIMANTS] = OTHER_COLOR
    return palette


def _rgba(hex_color: str, alpha: float) -> str:
    red, green, blue = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


# --------------------------------------------------------------------------- shared data


@dataclass(frozen=True)
class Measured:
    """Legs with what figures need: amount (the drawn weight), colour key and hover fields."""

    legs: pd.DataFrame  # LEG_COLUMNS + claimant, stance, claim_date, evidence, amount, key
    unit: str  # what amount counts, for titles: "claims", "quantity", "value (EUR)"
    notes: tuple[str, ...]  # said in the figure: fallbacks, things not drawn
    colors: dict[str, str]  # colour per key


def measures_available(claims: pd.DataFrame) -> tuple[str, ...]:
    """The link values (:data:`MEASURES`) some of these claims have: counting claims or reports always."""
    counted = ("claims", "reports")
    return tuple(m for m in MEASURES if m in counted or pd.to_numeric(claims[m], errors="coerce").notna().any())


def flow_choices(claims: pd.DataFrame, legs: pd.DataFrame | None = None, limit: int = 300) -> pd.DataFrame:
    """The country pairs a figure draws a flow between, the ``limit`` heaviest first, with the claims behind each.

    Columns ``from``, ``to``, ``label`` ("Iran → Russia · 3 claims: 2 reported, 1 denied",
    plain text) and ``claim_ids`` (a tuple): what the dashboard's "pick a flow" offers.
    ``legs`` as for :func:`sankey`.
    """
    columns = ["from", "to", "label", "claim_ids"]
    if claims.empty:
        return pd.DataFrame(columns=columns)
    legs = _measured(claims, "claims", "stance", legs).legs
    links = _link_summary(legs, ["from", "to"]).sort_values(["claims", "amount"], ascending=False, kind="stable")
    links = links.head(limit)
    listed = legs.merge(links[["from", "to"]], on=["from", "to"])
    ids = listed.drop_duplicates(["from", "to", "claim_id"]).groupby(["from", "to"])["claim_id"].agg(tuple)
    links["claim_ids"] = [ids[(a, b)] for a, b in zip(links["from"], links["to"], strict=True)]
    links["label"] = flow_labels(links)
    return links[columns].reset_index(drop=True)


def flow_labels(links: pd.DataFrame) -> pd.Series:
    """Plain-text labels of country-pair links: "Iran → Russia · 3 claims: 2 reported, 1 denied"."""
    return (
        _names_of(links["from"])
        + " → "
        + _names_of(links["to"])
        + " · "
        + links["claims"].map(_claims_count)
        + ": "
        + links["stances"]
    )


def _check(color_by: str, measure: str) -> None:
    if color_by not in COLOR_BY:
        raise ValueError(f"color_by must be one of {', '.join(COLOR_BY)}, not {color_by!r}")
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")


def _multiplier(claims: pd.DataFrame, measure: str) -> tuple[pd.Series, str, str]:
    """Per-claim amount: 1, its quantity or its value; with unit and fallback note."""
    if measure == "reports":
        # One report weighs 1 however many sites carry it (wire copies: flows.corroborate).
        report = claims["report"]
        return 1.0 / report.map(report.value_counts()).astype(float), "reports", ""
    # One claim weighs 1 however many reports tell it.
    claim = claims["assertion"]
    ones = 1.0 / claim.map(claim.value_counts()).astype(float)
    if measure == "claims":
        return ones, "claims", ""
    column = pd.to_numeric(claims[measure], errors="coerce")
    missing = int(column.isna().sum())
    if missing:
        return ones, "claims", f"{missing} of {len(claims)} claims have no {measure}: showing claims instead"
    if (column < 0).any():  # the table allows negative values (returns, write-offs); widths cannot
        return ones, "claims", f"some claims have a negative {measure}: showing claims instead"
    if measure == "quantity":
        return column, "quantity", ""
    units = sorted(set(claims["value_unit"].fillna("")))
    if len(units) != 1 or units == [""]:
        shown = ", ".join(html.escape(u) if u else "none" for u in units)
        return ones, "claims", f"values are in different units ({shown}), not added up: showing claims instead"
    return column, f"value ({html.escape(units[0])})", ""


def _measured(
    claims: pd.DataFrame,
    measure: str,
    color_by: str,
    legs: pd.DataFrame | None,
) -> Measured:
    wanted = ["claim_id", "claimant", "stance", "claim_date", "evidence", "quantity", "value", "value_unit"]
    attributes = claims[wanted].drop_duplicates("claim_id").set_index("claim_id")
    rows = claims.drop_duplicates("claim_id")
    attributes["assertion"] = _derived_id(rows, "assertion_id")
    attributes["report"] = _derived_id(rows, "report_id")
    multiplier, unit, note = _multiplier(attributes, measure)
    if legs is None:
        legs = table.legs(claims)
    # Each leg's claim by position (a hash lookup, where a join or Series.isin on
    # arrow strings costs more); legs of a larger table, the dashboard's computed
    # once, are cut to these claims.
    position = attributes.index.get_indexer(legs["claim_id"])
    legs = legs[position >= 0].reset_index(drop=True)
    position = position[position >= 0]
    for column in ("claimant", "stance", "claim_date", "evidence", "assertion", "report"):
        legs[column] = attributes[column].to_numpy()[position]
    legs["amount"] = legs["weight"].to_numpy() * multiplier.to_numpy()[position]
    # Denials are drawn apart (hollow Sankey links, dotted map lines): a claim that
    # nothing moved must not look like a transfer, whatever the colours tell apart.
    legs["denied"] = legs["stance"].to_numpy() == "denied"
    if color_by == "stance":
        legs["key"] = legs["stance"]
        palette = dict(STANCE_COLORS)
    else:
        # Ranked by claims (not the measure) so the same claimants keep a colour
        # whichever measure is drawn.
        # Most claims first; ties by name, so the same table always keeps the same names.
        ranked = attributes["claimant"].value_counts().sort_index().sort_values(ascending=False, kind="stable")
        kept = kept_claimants(list(ranked.index))
        legs["key"] = legs["claimant"].where(legs["claimant"].isin(kept), OTHER_CLAIMANTS)
        palette = claimant_palette(kept)
    return Measured(legs, unit, (note,) if note else (), palette)


def _derived_id(claims: pd.DataFrame, column: str) -> np.ndarray:
    """Each row's ``assertion_id`` or ``report_id``; a row of a table never corroborated is its own."""
    ids = claims["claim_id"].astype(str).to_numpy()
    if column not in claims.columns:
        return ids
    derived = claims[column].astype(str).to_numpy()
    return np.where(derived != "", derived, ids)


def _link_summary(legs: pd.DataFrame, keys: list[str], held: Iterable[str] = ()) -> pd.DataFrame:
    """Per group of legs (one link): amount, claims, reports, stances, claimants, date span, earliest evidence.

    ``held`` names columns of country codes whose distinct names are joined per
    link into ``<column>_names`` (what an "Other" node gathers).

    The groups are numbered once and everything else is numpy on integer codes
    (``bincount``, ``minimum.at``, first index after a sort): each pandas
    aggregation on string keys costs more than the whole of this.
    """
    link = legs.groupby(keys, sort=False, dropna=False).ngroup().to_numpy()
    count = int(link.max()) + 1 if len(link) else 0
    dates = legs["claim_date"].where(legs["claim_date"] != "")
    date_codes, date_values = pd.factorize(dates, sort=True)  # sorted: code order is date order
    quote_codes, quote_values = pd.factorize(legs["evidence"].where(legs["evidence"] != ""))

    first_row = np.unique(link, return_index=True)[1]
    summary = legs[keys].iloc[first_row].reset_index(drop=True)
    summary["amount"] = np.bincount(link, weights=legs["amount"].to_numpy(dtype=float), minlength=count)
    for name, column in (("claims", "assertion"), ("reports", "report")):
        codes, _ = pd.factorize(legs[column])
        width = int(codes.max()) + 1
        distinct = np.unique(link.astype(np.int64) * width + codes)
        summary[name] = np.bincount(distinct // width, minlength=count)
    dated = date_codes >= 0
    first = np.full(count, np.iinfo(np.int64).max)
    last = np.full(count, -1)
    np.minimum.at(first, link[dated], date_codes[dated])
    np.maximum.at(last, link[dated], date_codes[dated])
    # The earliest dated leg that has evidence: sort by (no evidence, date), take each link's first.
    order = np.lexsort((np.where(dated, date_codes, len(date_values)), quote_codes < 0))
    firsts = order[np.unique(link[order], return_index=True)[1]]
    # One more slot, holding None, for links without a date or a quote.
    lookup_dates = np.append(np.asarray(date_values, dtype=object), np.array([None], dtype=object))
    lookup_quotes = np.append(np.asarray(quote_values, dtype=object), np.array([None], dtype=object))
    summary["first_date"] = lookup_dates[np.where(last >= 0, first, len(date_values))]
    summary["last_date"] = lookup_dates[np.where(last >= 0, last, len(date_values))]
    summary["quote"] = lookup_quotes[np.where(quote_codes[firsts] >= 0, quote_codes[firsts], len(quote_values))]
    summary["claimants"] = _joined_per_group(link, count, legs["claimant"], CLAIMANTS_LISTED)
    # Claims by stance, a claim being an assertion as in "claims" (its reports count once).
    summary["stances"] = _stance_breakdown(link, count, pd.factorize(legs["assertion"])[0], legs["stance"])
    for column in held:
        summary[f"{column}_names"] = _joined_per_group(link, count, _names_of(legs[column]), CLAIMANTS_LISTED)
    return summary


def _stance_breakdown(link: np.ndarray, count: int, claim_codes: np.ndarray, stances: pd.Series) -> list[str]:
    """Per link, its distinct claims by stance in vocabulary order: "2 reported, 1 denied"."""
    stance_codes = pd.Categorical(stances, categories=STANCES).codes.astype(np.int64)
    claims = int(claim_codes.max()) + 1 if len(claim_codes) else 1
    width = len(STANCES) + 1  # one more code (-1 -> last) for a stance outside the vocabulary
    stance_codes = np.where(stance_codes < 0, len(STANCES), stance_codes)
    distinct = np.unique((link.astype(np.int64) * claims + claim_codes) * width + stance_codes)
    per_link = np.zeros((count, width), dtype=np.int64)
    np.add.at(per_link, ((distinct // width) // claims, distinct % width), 1)
    names = [*STANCES, "other stance"]
    return [", ".join(f"{n} {names[i]}" for i, n in enumerate(row) if n) for row in per_link.tolist()]


def _joined_per_group(group: np.ndarray, count: int, values: pd.Series, limit: int) -> np.ndarray:
    """For groups numbered 0..count-1 (``group`` per row): the distinct ``values`` of
    each, sorted, the first ``limit`` joined by ", ", then how many more.

    In numpy on codes, with one ``np.add.reduceat`` joining every group at once;
    a per-group ``agg(", ".join)`` costs a Python call for each of thousands.
    """
    codes, names = pd.factorize(values, sort=True)  # code order is alphabetical
    width = max(len(names), 1)
    pairs = np.unique(group.astype(np.int64) * width + codes)  # by group, then name
    owner, name = pairs // width, pairs % width
    rank = np.arange(len(pairs)) - np.searchsorted(owner, owner)  # place within its group
    shown = rank < limit
    starts = np.flatnonzero(np.r_[True, owner[shown][1:] != owner[shown][:-1]])
    texts = np.add.reduceat((np.asarray(names, dtype=object)[name[shown]] + ", "), starts)
    joined = np.full(count, "", dtype=object)
    joined[owner[shown][starts]] = [text[:-2] for text in texts]
    more = np.bincount(owner, minlength=count) - limit
    over = np.flatnonzero(more > 0)
    joined[over] = [f"{joined[i]} and {more[i]} more" for i in over]
    return joined


def _hover(summary: pd.DataFrame, route: pd.Series, unit: str) -> pd.Series:
    """Escaped HTML hover text for aggregated links (route is already escaped).

    "3 claims: 2 reported, 1 denied", then the claimants; a link from or to
    "Other" names the countries it gathers (``from_held_names``/``to_held_names``).
    A loop over the (hundreds of) links: pandas' string operations cost more per call here.
    """
    count = len(summary)
    held = [""] * count
    for end, says in (("from", "Other (from)"), ("to", "Other (to)")):
        column = f"{end}_held_names"
        if column in summary:
            for i, (code, names) in enumerate(zip(summary[end], summary[column], strict=True)):
                if code == OTHER:
                    held[i] += f"<br>{says}: " + html.escape(str(names))
    amounts = [f"<br>{v:,.6g} {unit}" for v in summary["amount"]] if unit not in ("claims", "reports") else [""] * count
    texts = []
    for place, claims, stances, reports, gathered, amount, claimants, first, last, quote in zip(
        route,
        summary["claims"],
        summary["stances"],
        summary["reports"],
        held,
        amounts,
        summary["claimants"],
        summary["first_date"],
        summary["last_date"],
        summary["quote"],
        strict=True,
    ):
        span = "undated" if pd.isna(first) else str(first)
        if not pd.isna(last) and last != first:
            span += " to " + str(last)
        texts.append(
            f"<b>{place}</b><br>{_claims_count(claims)}: {stances}<br>in {_reports_count(reports)}{gathered}{amount}"
            f"<br>Claimants: {html.escape(str(claimants))}<br>Dates: {html.escape(span)}"
            + _quote("" if pd.isna(quote) else str(quote))
        )
    return pd.Series(texts, index=summary.index, dtype=object)


def _claims_count(count: int) -> str:
    return f"{count} claim" if count == 1 else f"{count} claims"


def _reports_count(count: int) -> str:
    return f"{count} report" if count == 1 else f"{count} reports"


def _quote(evidence: str) -> str:
    """The first evidence sentence (one a line), shortened, escaped and quoted."""
    text = evidence.partition("\n")[0]
    if not text:
        return ""
    short = text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1].rstrip() + "…"
    return "<br><i>“" + html.escape(short) + "”</i>"


def _empty(title: str, message: str) -> go.Figure:
    """A friendly figure for a table with nothing to draw."""
    layout = {
        "title": {"text": title},
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "annotations": [
            {
                "text": html.escape(message),
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0.5,
                "y": 0.5,
                "font": {"size": 16, "color": "#555555"},
            }
        ],
        "plot_bgcolor": "white",
        "height": 360,
    }
    return _figure([], layout)


def _title(text: str, notes: Iterable[str]) -> dict[str, object]:
    """A title with the figure's notes (fallbacks, things not drawn) as its subtitle."""
    said = "; ".join(n for n in notes if n)
    # Bold by font, not "<b>": the dashboard draws figures without Streamlit's theme,
    # which wraps every title in "<b>" again on each redraw (the map showed "<b><b>").
    title: dict[str, object] = {"text": text, "font": {"weight": "bold"}}
    return {**title, "subtitle": {"text": said}} if said else title


DENIED_SAYS = "denied (a party says nothing moved)"


def _legend_key(palette: dict[str, str], present: Iterable[str], denials: bool) -> str:
    """Coloured squares naming each key, and the hollow mark of a denial, for the Sankey (no legend)."""
    present = set(present)
    shown = [k for k in palette if k in present]
    entries = [f'<span style="color:{palette[k]}">■</span> {html.escape(k)}' for k in shown]
    if denials:
        entries.append(f"□ hollow: {DENIED_SAYS}")
    # A few entries a line: an annotation does not wrap, and one long line ran off a phone's screen.
    lines = ["   ".join(entries[i : i + LEGEND_PER_LINE]) for i in range(0, len(entries), LEGEND_PER_LINE)]
    return "<br>".join(lines)


class ExportUnavailable(RuntimeError):
    """The server cannot draw images: kaleido (the ``export`` extra) or a Chrome/Chromium is missing."""


EXPORT_FORMATS: tuple[str, ...] = ("png", "svg")


def export_available() -> bool:
    """Whether :func:`export_image` can be tried here (kaleido is installed)."""
    import importlib.util

    return importlib.util.find_spec("kaleido") is not None


def export_image(figure: go.Figure, image_format: str, width: int = 1200) -> bytes:
    """The figure as PNG or SVG bytes, drawn by kaleido in a headless Chrome/Chromium.

    kaleido loads plotly.js from the installed plotly package; MathJax, which it
    would fetch from a CDN, is switched off, so nothing leaves the machine.
    """
    if image_format not in EXPORT_FORMATS:
        raise ValueError(f"image_format must be one of {', '.join(EXPORT_FORMATS)}, not {image_format!r}")
    try:
        import kaleido  # type: ignore[import-untyped,import-not-found,unused-ignore]
    except ImportError as error:
        raise ExportUnavailable("image export needs kaleido: pip install 'arms-flows[export]'") from error
    spec = figure.to_dict()
    height = int((spec.get("layout") or {}).get("height") or 500)
    try:
        data = kaleido.calc_fig_sync(
            spec,
            opts={"format": image_format, "width": width, "height": height},
            kopts={"mathjax": False},
        )
    except Exception as error:  # no browser found, or it failed to start
        raise ExportUnavailable(f"image export failed: {error.__class__.__name__}: {str(error)[:200]}") from error
    return bytes(data)


def with_caption(figure: go.Figure, lines: Iterable[str]) -> go.Figure:
    """A copy of ``figure`` with ``lines`` (plain text, escaped here) under its title, in
    grey: the filters as a sentence and the source line, so an exported image says what
    it shows. Under the title rather than under the plot, where a legend of unknown
    height (it wraps to the width) would run into them."""
    spec = figure.to_dict()
    layout = dict(spec.get("layout") or {})
    added = [f'<span style="color:#666666">{html.escape(line)}</span>' for line in lines if line]
    title = dict(layout.get("title") or {})
    subtitle = dict(title.get("subtitle") or {})
    said = [text for text in [str(subtitle.get("text") or "")] if text]
    title["subtitle"] = {**subtitle, "text": "<br>".join([*said, *added])}
    layout["title"] = title
    margin = dict(layout.get("margin") or {})
    margin["t"] = int(margin.get("t", 80)) + 16 * len(added)
    layout["margin"] = margin
    return _trusted({**spec, "layout": layout})


def headline_denials(claims: pd.DataFrame) -> int:
    """How many of these claims are denials (the dashboard's headline says it); a claim
    told in several reports (one ``assertion_id``) counts once, as in the headline's claims."""
    denied = (claims["stance"] == "denied").to_numpy()
    return len(set(_derived_id(claims, "assertion_id")[denied]))


# --------------------------------------------------------------------------- sankey


def sankey(
    claims: pd.DataFrame,
    *,
    color_by: str = "claimant",
    measure: str = "claims",
    top_n: int = 12,
    legs: pd.DataFrame | None = None,
) -> go.Figure:
    """Routes as a Sankey: origins left, intermediaries in the middle, destinations right.

    A node is a country at a stage, so a country can be both an origin and an
    intermediary; stages keep fixed columns. Direct claims span the middle. Link
    value is the claim weight (parallel routes share a claim) or, when every
    claim has it, the quantity or value. Countries past the ``top_n`` heaviest
    are gathered into one "Other" node per stage.

    ``legs`` may be the legs table (:func:`flows.table.legs`) of these claims or
    of any table that holds them, when the caller has it already. Claimants are
    coloured by :func:`claimant_colors` among those the figure shows.
    """
    _check(color_by, measure)
    title = "Routes: origin → intermediaries → destination"
    if claims.empty:
        return _empty(title, "No claims match the current filters.")
    if top_n < 1:
        raise ValueError(f"top_n must be at least 1, not {top_n}")
    measured = _measured(claims, measure, color_by, legs)
    legs = measured.legs
    last = int(legs["leg"].max())
    legs["from_stage"] = legs["leg"] - 1
    legs["to_stage"] = legs["leg"].where(legs["to_role"] != "destination", last)

    # Rank countries by the claim weight that passes through them.
    through = (
        pd.concat(
            [
                legs.loc[legs["from_role"] == "origin", ["from", "amount"]].rename(columns={"from": "code"}),
                legs[["to", "amount"]].rename(columns={"to": "code"}),
            ]
        )
        .groupby("code")["amount"]
        .sum()
        .sort_values(ascending=False, kind="stable")
    )
    notes = list(measured.notes)
    legs["from_held"], legs["to_held"] = legs["from"], legs["to"]
    if len(through) > top_n + 1:
        kept = set(through.index[:top_n])
        legs["from"] = legs["from"].where(legs["from"].isin(kept), OTHER)
        legs["to"] = legs["to"].where(legs["to"].isin(kept), OTHER)
        notes.append(f"{len(through) - top_n} smaller countries gathered in “Other”")

    links = _link_summary(legs, [*SANKEY_LINK_KEYS], held=("from_held", "to_held"))
    return sankey_of_links(
        links, last=last, unit=measured.unit, notes=notes, palette=measured.colors, gathered=_gathered_in_other(legs)
    )


def sankey_of_links(
    links: pd.DataFrame,
    *,
    last: int,
    unit: str,
    notes: Iterable[str],
    palette: dict[str, str],
    gathered: dict[int, str],
) -> go.Figure:
    """The Sankey of aggregated links (what :func:`sankey` draws; :mod:`flows.engine` computes them too).

    ``links``: one row per link in drawing order, with the :data:`SANKEY_LINK_KEYS`
    (``key`` the colour key, ``denied`` drawn hollow), ``amount``, ``claims``,
    ``reports``, ``stances``, ``from_held_names``/``to_held_names`` (what an
    "Other" end gathers), ``first_date``, ``last_date``, ``quote`` and
    ``claimants`` (joined text); ``last`` is the destination's stage;
    ``palette`` maps keys to colours; ``gathered`` the names per stage of its
    "Other" node (:func:`_gathered_in_other`).
    """
    title = "Routes: origin → intermediaries → destination"
    notes = list(notes)
    nodes = _sankey_nodes(links, last, unit, gathered)
    index = {(s, c): i for i, (s, c) in enumerate(zip(nodes["stage"], nodes["code"], strict=True))}
    source = [index[k] for k in zip(links["from_stage"], links["from"], strict=True)]
    target = [index[k] for k in zip(links["to_stage"], links["to"], strict=True)]
    route = _places_of(links["from"]) + " → " + _places_of(links["to"])
    solid = links["key"].map(lambda k: palette.get(k, OTHER_COLOR))
    denied = links["denied"].to_numpy(dtype=bool)
    # A denial is hollow: a faint fill inside an outline of its colour.
    link_colors = np.where(denied, solid.map(lambda c: _rgba(c, 0.08)), solid.map(lambda c: _rgba(c, 0.55)))
    outline_colors = np.where(denied, solid.map(lambda c: _rgba(c, 0.95)), "rgba(0,0,0,0)")

    traces = [
        _trace(
            "sankey",
            arrangement="snap",
            valueformat=",.3~g",
            node={
                "label": nodes["label"].tolist(),
                "x": nodes["x"].tolist(),
                "y": nodes["y"].tolist(),
                "color": "#777777",
                "pad": 14,
                "thickness": 16,
                "customdata": nodes["hover"].tolist(),
                "hovertemplate": "%{customdata}<extra></extra>",
            },
            link={
                "source": source,
                "target": target,
                "value": links["amount"].round(9).tolist(),
                "color": link_colors.tolist(),
                "line": {"color": outline_colors.tolist(), "width": np.where(denied, 1.5, 0.0).tolist()},
                "customdata": _hover(links, route, unit).tolist(),
                "hovertemplate": "%{customdata}<extra></extra>",
            },
        )
    ]
    width_says = {
        "claims": "number of claims (a claim with n parallel routes counts 1/n on each, its reports share it)",
        "reports": "number of reports (a report with n parallel routes counts 1/n on each)",
    }.get(unit, unit)
    legend = _legend_key(palette, links["key"], bool(denied.any()))
    legend_height = 20 * (legend.count("<br>") + 1) + 10  # under the plot: room for each of its lines
    layout = {
        "title": _title(title, [f"Width: {width_says}", *notes]),
        "height": max(420, 34 * int(nodes.groupby("stage").size().max()) + 160) + legend_height,
        "margin": {"l": 10, "r": 10, "t": 90, "b": legend_height},
        "annotations": [
            {
                "text": legend,
                "showarrow": False,
                "xref": "paper",
                "yref": "paper",
                "x": 0,
                "y": -0.02,
                "xanchor": "left",
                "yanchor": "top",
            }
        ],
    }
    return _figure(traces, layout)


def _names_of(codes: pd.Series) -> pd.Series:
    """Display names for a column of codes, looked up once per distinct code."""
    return codes.map({code: name_of(code) for code in pd.unique(codes)})


def _places_of(codes: pd.Series) -> pd.Series:
    """:func:`_place` for a column of codes, once per distinct code."""
    return codes.map({code: _place(code) for code in pd.unique(codes)})


def _place(code: str) -> str:
    return html.escape(OTHER if code == OTHER else name_of(code))


def _stage_name(stage: int, last: int) -> str:
    if stage == 0:
        return "origin"
    if stage == last:
        return "destination"
    return "intermediary" if last == 2 else f"intermediary {stage}"


def _gathered_in_other(legs: pd.DataFrame) -> dict[int, str]:
    """Per stage, the names of the countries its "Other" node gathers (escaped), most first."""
    ends = pd.concat(
        [
            legs.loc[legs["from"] == OTHER, ["from_stage", "from_held", "amount"]].set_axis(
                ["stage", "code", "amount"], axis=1
            ),
            legs.loc[legs["to"] == OTHER, ["to_stage", "to_held", "amount"]].set_axis(
                ["stage", "code", "amount"], axis=1
            ),
        ]
    )
    gathered: dict[int, str] = {}
    for stage, rows in ends.groupby("stage"):
        summed = rows.groupby("code")["amount"].sum()
        gathered[int(str(stage))] = gathered_names(zip(summed.tolist(), summed.index, strict=True))
    return gathered


def gathered_names(amounts: Iterable[tuple[float, str]]) -> str:
    """The names (escaped) of the countries an "Other" node gathers, from (amount, code): most first, ties by code."""
    ranked = [code for _, code in sorted(amounts, key=lambda pair: (-pair[0], pair[1]))]
    names = [_place(code) for code in ranked[:OTHERS_LISTED]]
    more = len(ranked) - OTHERS_LISTED
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _sankey_nodes(links: pd.DataFrame, last: int, unit: str, gathered: dict[int, str]) -> pd.DataFrame:
    """Nodes (stage, code) with label, fixed x by stage and y stacked by size;
    an "Other" node's hover names the countries it gathers.

    In plain Python: the links are already aggregated (hundreds at most), where
    pandas' per-operation cost would be most of a figure's time.
    """
    outgoing: dict[tuple[int, str], float] = {}
    incoming: dict[tuple[int, str], float] = {}
    for stage, code, amount in zip(links["from_stage"], links["from"], links["amount"], strict=True):
        outgoing[(int(stage), code)] = outgoing.get((int(stage), code), 0.0) + float(amount)
    for stage, code, amount in zip(links["to_stage"], links["to"], links["amount"], strict=True):
        incoming[(int(stage), code)] = incoming.get((int(stage), code), 0.0) + float(amount)
    keys = sorted(outgoing) + sorted(incoming.keys() - outgoing.keys())
    sizes = {key: max(outgoing.get(key, 0.0), incoming.get(key, 0.0)) for key in keys}
    # Per stage: biggest first, "Other" last; ties: senders by code, then nodes that only receive.
    order = sorted(sizes, key=lambda key: (key[0], key[1] == OTHER, -sizes[key]))
    per_stage: dict[int, list[tuple[int, str]]] = {}
    for key in order:
        per_stage.setdefault(key[0], []).append(key)
    gap = max(sum(sizes[key] for key in keys) for keys in per_stage.values()) * 0.04
    rows: list[dict[str, object]] = []
    for stage, keys in per_stage.items():
        column = (sum(sizes[key] for key in keys) + gap * (len(keys) - 1)) or 1.0
        before = 0.0
        for rank, key in enumerate(keys):
            size, code = sizes[key], key[1]
            label = _place(code)
            held = gathered.get(stage, "") if code == OTHER else ""
            rows.append(
                {
                    "stage": stage,
                    "code": code,
                    "size": size,
                    "is_other": code == OTHER,
                    # plotly.js ignores node order; it keeps positions only when every node has both x
                    # and y, and drops a 0 coordinate, so both stay strictly inside (0, 1).
                    "x": 0.001 + 0.998 * stage / max(last, 1),
                    "y": min(max(0.01 + 0.98 * (before + rank * gap + size / 2) / column, 0.01), 0.99),
                    "label": label,
                    "hover": f"<b>{label}</b> · {_stage_name(stage, last)}<br>{size:,.3g} {unit}"
                    + (f"<br>Gathers: {held}" if held else ""),
                }
            )
            before += size
    return pd.DataFrame(rows, columns=["stage", "code", "size", "is_other", "x", "y", "label", "hover"])


# --------------------------------------------------------------------------- flow map


def flow_map(
    claims: pd.DataFrame,
    *,
    color_by: str = "claimant",
    measure: str = "claims",
    legs: pd.DataFrame | None = None,
    width: int | None = None,
) -> go.Figure:
    """Countries shaded by role and a great-circle arrow per leg, fitted to the flows.

    ``width``: the pixels the map will be drawn across, when known to be narrow (a
    phone): the figure is then as tall as the map at that width (:func:`map_height`).

    Drawn from ``geodata/`` with Plotly's base map switched off: no outside request.
    Organisations sit at their seats, dissolved states at their successors' points;
    legs touching an unknown country (XXX) are left out and counted in a note.
    ``legs`` and colours as for :func:`sankey`.
    """
    _check(color_by, measure)
    title = "Flow map"
    if claims.empty:
        return _empty(title, "No claims match the current filters.")
    measured = _measured(claims, measure, color_by, legs)
    legs = measured.legs
    points = geo.label_points()
    drawable = legs["from"].isin(points.index) & legs["to"].isin(points.index)
    notes = list(measured.notes)
    hidden = legs.loc[~drawable, "claim_id"].nunique()
    if hidden:
        notes.append(f"{hidden} claim{'s' if hidden > 1 else ''} with an unknown country not drawn")
    legs = legs[drawable]
    if legs.empty:
        return _empty(title, "None of these claims names countries that can be placed on a map.")

    # Keep the heaviest country pairs, all their colours, up to MAX_MAP_LEGS lines:
    # ranking each colour's line apart would keep only the pooled grey "Other claimants".
    link_keys = [*MAP_LINK_KEYS]
    lines = legs.groupby(link_keys)["amount"].sum().reset_index()
    pairs = (
        lines.groupby(["from", "to"])["amount"].agg(["sum", "size"]).sort_values("sum", ascending=False, kind="stable")
    )
    kept_pairs = pairs.index[: int(np.searchsorted(pairs["size"].cumsum().to_numpy(), MAX_MAP_LEGS, side="right"))]
    if len(kept_pairs) < len(pairs):
        notes.append(f"{len(pairs) - len(kept_pairs)} lightest of {len(pairs)} country pairs not drawn")
        legs = legs[pd.MultiIndex.from_frame(legs[["from", "to"]]).isin(kept_pairs)]
    links = _link_summary(legs, link_keys).sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)
    return flow_map_of_links(links, _roles(legs), unit=measured.unit, notes=notes, palette=measured.colors, width=width)


def flow_map_of_links(
    links: pd.DataFrame,
    roles: pd.DataFrame,
    *,
    unit: str,
    notes: Iterable[str],
    palette: dict[str, str],
    width: int | None = None,
) -> go.Figure:
    """The flow map of aggregated legs (what :func:`flow_map` draws; :mod:`flows.engine` computes them too).

    ``links``: one row per drawn line, heaviest first, with ``from``, ``to``,
    ``key`` and the summary columns of :func:`sankey_of_links`; ``roles``: per
    country code (the index, sorted) its ``role``, ``roles`` (text) and ``claims``.
    """
    title = "Flow map"
    points = geo.label_points()
    start = points.loc[links["from"], ["lon", "lat"]].to_numpy()
    end = points.loc[links["to"], ["lon", "lat"]].to_numpy()
    paths = great_circles(start, end, steps=24)
    extent = fit_extent(np.concatenate([paths.reshape(-1, 2), points.loc[roles.index, ["lon", "lat"]].to_numpy()]))
    links["width"] = (1 + 6 * links["amount"] / links["amount"].max()).round()
    route = _places_of(links["from"]) + " → " + _places_of(links["to"])
    hover = _hover(links, route, unit)

    traces: list[Trace] = [_places_trace(roles, points)]
    traces += _country_traces(roles, extent)
    traces += _line_traces(links, paths, palette)
    traces.append(_arrow_trace(links, paths, hover, palette))
    if links["denied"].any():
        traces.append(_denied_legend_trace())
    legend_entries = sum(1 for trace in traces if trace.get("showlegend", True))
    layout = {
        "title": _title(title, [f"Line width: {unit}", *notes]),
        "height": MAP_HEIGHT if width is None else map_height(extent, width, legend_entries),
        "margin": {"l": 0, "r": 0, "t": 70, "b": 0},
        "legend": {"itemsizing": "constant", **LEGEND_BELOW},
        "geo": {
            "visible": False,  # Plotly's own base layers: they would come from the CDN
            "showland": False,
            "showocean": False,
            "showlakes": False,
            "showrivers": False,
            "showcountries": False,
            "showcoastlines": False,
            "showsubunits": False,
            "showframe": False,
            # Mercator keeps angles: an arrow turned to its compass bearing points
            # along its line anywhere on the map (see _arrow_trace).
            "projection": {"type": "mercator"},
            "lonaxis": {"range": [extent.west, extent.east]},
            "lataxis": {"range": [extent.south, extent.north]},
            "bgcolor": "#FFFFFF",
        },
    }
    return _figure(traces, layout)


MAP_HEIGHT = 560  # pixels: the map on a screen of unknown width (a desktop's is about 1,000 across)
# On a narrow screen, what the map's figure holds beside the map itself: the title (and
# its lines of notes) above, and under it the legend, a row of about two entries.
MAP_TITLE_PIXELS, LEGEND_ROW_PIXELS, LEGEND_ENTRIES_A_ROW = 70, 22, 2


def map_height(extent: geo.Extent, width: int, legend_entries: int) -> int:
    """The figure height that fits the map of ``extent`` drawn ``width`` pixels across (Mercator),
    its title and its legend: on a phone a fixed height leaves most of the figure blank under a
    map the width of the screen."""
    tall = width * extent.mercator_aspect
    legend = LEGEND_ROW_PIXELS * math.ceil(legend_entries / LEGEND_ENTRIES_A_ROW)
    return int(min(max(MAP_TITLE_PIXELS + tall + legend + 10, 260), MAP_HEIGHT + 200))


def _roles(legs: pd.DataFrame) -> pd.DataFrame:
    """Role of each drawn country (origin, intermediary, destination or several) and its claims."""
    ends = pd.concat(
        [
            legs[["from", "from_role", "claim_id"]].set_axis(["code", "role", "claim_id"], axis=1),
            legs[["to", "to_role", "claim_id"]].set_axis(["code", "role", "claim_id"], axis=1),
        ]
    ).drop_duplicates()
    grouped = ends.groupby("code")
    single = grouped["role"].nunique() == 1
    roles = grouped["role"].first().where(single, "several").to_frame()
    distinct = ends.drop_duplicates(["code", "role"]).sort_values("role")
    roles["roles"] = distinct.groupby("code")["role"].agg(", ".join)
    roles["claims"] = grouped["claim_id"].nunique()
    return roles


def _places_trace(roles: pd.DataFrame, points: pd.DataFrame) -> Trace:
    """Dots at label points. First on purpose: plotly.js (4.1) decides from a map's
    first trace alone whether to fetch its topojson from the CDN (a choropleth first
    would) and whether markers on the map turn at all (``angleref="north"`` here
    switches that on; a circle shows no turn)."""
    located = points.loc[roles.index]
    how = located["how"].map({"successor": " (drawn at its successor)", "seat": " (drawn at its seat)"}).fillna("")
    hover = (
        "<b>"
        + pd.Series(roles.index.map(_place), index=roles.index)
        + "</b>"
        + how
        + "<br>"
        + roles["roles"]
        + "<br>"
        + roles["claims"].map(_claims_count)
    )
    return _trace(
        "scattergeo",
        lon=located["lon"].tolist(),
        lat=located["lat"].tolist(),
        mode="markers",
        marker={"size": 6, "color": "#444444", "angleref": "north"},
        unselected={"marker": {"opacity": 1}},  # unchanged when an arrow is clicked (see _arrow_trace)
        hovertext=hover.tolist(),
        hovertemplate="%{hovertext}<extra></extra>",
        name="Places",
        showlegend=False,
    )


def _country_traces(roles: pd.DataFrame, extent: geo.Extent) -> list[Trace]:
    """Country shapes in view: grey land, then one trace (and legend entry) per role."""
    tolerance = extent.width / 1500 if extent.width > 60 else 0.0
    # A degree beyond the view, so no clipped edge shows as a border.
    geometries = geo.geojson_within(extent.padded(1.0), tolerance)
    codes = pd.Index(list(geometries))
    role_of = roles["role"].reindex(codes).fillna("")
    traces: list[Trace] = []
    for role, color in [("", BACKGROUND_LAND), *ROLE_COLORS.items()]:
        chosen = codes[(role_of == role).to_numpy()]
        if chosen.empty:
            continue
        features = {
            "type": "FeatureCollection",
            "features": [{"type": "Feature", "id": code, "geometry": dict(geometries[code])} for code in chosen],
        }
        names = chosen.map(_place)
        traces.append(
            _trace(
                "choropleth",
                geojson=features,
                locations=list(chosen),
                featureidkey="id",
                locationmode="geojson-id",
                z=[0] * len(chosen),
                colorscale=[[0, color], [1, color]],
                showscale=False,
                marker={"line": {"color": "#FFFFFF", "width": 0.6}},
                unselected={"marker": {"opacity": 1}},  # a clicked arrow or country fades no country
                name=role.capitalize() if role else "Other countries",
                showlegend=bool(role),
                legendgroup="roles",
                hovertext=list(names if not role else names + " · " + role),
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    return traces


def _line_traces(links: pd.DataFrame, paths: np.ndarray, palette: dict[str, str]) -> list[Trace]:
    """One trace per colour key and width (Plotly lines have one width per trace)."""
    traces: list[Trace] = []
    legend_done: set[str] = set()
    for (key, width, denied), rows in links.groupby(["key", "width", "denied"], sort=True).groups.items():
        segments = paths[np.asarray(rows)]
        # Legs separated by a gap (None) so one trace draws them all.
        gap = np.full((len(segments), 1, 2), np.nan)
        flat = np.concatenate([segments, gap], axis=1).reshape(-1, 2)
        # NaN gaps break the line in plotly.js. Numpy arrays (not lists of floats)
        # keep plotly.py's defensive copy cheap and travel as base64 typed arrays;
        # float32 is finer than a metre and half the bytes of float64.
        lon, lat = flat[:, 0].astype(np.float32), flat[:, 1].astype(np.float32)
        traces.append(
            _trace(
                "scattergeo",
                lon=lon,
                lat=lat,
                mode="lines",
                line={
                    "color": palette.get(key, OTHER_COLOR),
                    "width": float(width),
                    "dash": DENIED_DASH if denied else "solid",
                },
                opacity=0.8,
                name=html.escape(str(key)),
                legendgroup=f"key:{html.escape(str(key))}",
                # The legend swatch of a colour is a solid line; the dotted one has its own entry.
                showlegend=key not in legend_done and not denied,
                hoverinfo="skip",
            )
        )
        if not denied:
            legend_done.add(key)
    for key in sorted(set(links["key"]) - legend_done):  # a colour drawn only dotted still gets its entry
        traces.append(_legend_only(html.escape(str(key)), palette.get(key, OTHER_COLOR), "solid"))
    return traces


def _legend_only(name: str, color: str, dash: str) -> Trace:
    """A legend entry with nothing drawn on the map."""
    return _trace(
        "scattergeo",
        lon=[None],
        lat=[None],
        mode="lines",
        line={"color": color, "width": 3, "dash": dash},
        name=name,
        legendgroup=f"key:{name}" if dash == "solid" else "denied",
        hoverinfo="skip",
    )


def _denied_legend_trace() -> Trace:
    return _legend_only(f"dotted: {DENIED_SAYS}", "#555555", DENIED_DASH)


def _arrow_trace(links: pd.DataFrame, paths: np.ndarray, hover: pd.Series, palette: dict[str, str]) -> Trace:
    """An arrowhead on each leg, its tip 60% of the way along, turned to the leg's bearing.

    The angle is the compass bearing with ``angleref="up"``: on a Mercator map north
    is up everywhere and angles are kept. (``angleref="north"`` or ``"previous"``
    would let plotly.js turn them, but it does so only for a map's first trace.)"""
    at = round(0.6 * (paths.shape[1] - 1))
    here, ahead = paths[:, at, :], paths[:, -1, :]
    angle = (bearings(here, ahead) + 180.0) % 360.0 - 180.0  # plotly's range for angles
    return _trace(
        "scattergeo",
        lon=np.round(here[:, 0], 3).tolist(),
        lat=np.round(here[:, 1], 3).tolist(),
        mode="markers",
        marker={
            # "arrow" is slender with its tip on the point; a rotated "triangle-up"
            # (wider than tall) reads as pointing the wrong way.
            "symbol": np.where(links["denied"].to_numpy(dtype=bool), "arrow-open", "arrow").tolist(),
            "angle": np.round(angle, 1).tolist(),
            "angleref": "up",
            "size": (14 + 2 * links["width"]).tolist(),
            "color": links["key"].map(lambda k: palette.get(k, OTHER_COLOR)).tolist(),
            "line": {"color": "#FFFFFF", "width": 0.8},
        },
        # Each arrow's flow as the dashboard's flow picker knows it: the country codes of
        # the pair (never a label or article text), read back from a click (:func:`picked_legs`).
        customdata=links[["from", "to"]].to_numpy(dtype=object).tolist(),
        # A clicked arrow stays as drawn and the others fade a little (plotly's default, 0.2, hides them).
        unselected={"marker": {"opacity": 0.5}},
        hovertext=hover.tolist(),
        hovertemplate="%{hovertext}<extra></extra>",
        name=MAP_ARROWS,
        showlegend=False,
    )


def picked_legs(event: Mapping[str, Any] | None, figure: go.Figure) -> list[tuple[str, str]]:
    """The (from, to) country pairs of the map's arrows that a chart selection holds, in its order.

    ``event`` is what ``st.plotly_chart(figure, on_select=..., selection_mode="points")``
    returns, ``{"selection": {"points": [{"curve_number": 7, "point_index": 2,
    "customdata": ["IRN", "RUS"], ...}], ...}}``. Only points of ``figure``'s arrow trace
    (:data:`MAP_ARROWS`) count: a click on a line, a place or a country picks nothing.
    The pair is the point's ``customdata`` (:func:`_arrow_trace`), kept only when it is two
    strings: what the browser sends back is data to match against the flows offered, nothing more.
    """
    arrows = [number for number, trace in enumerate(figure.data) if trace.name == MAP_ARROWS]
    selection = (event or {}).get("selection") or {}
    picked: list[tuple[str, str]] = []
    for point in selection.get("points") or []:
        if not isinstance(point, Mapping) or point.get("curve_number") not in arrows:
            continue
        pair = point.get("customdata")
        if isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(code, str) for code in pair):
            leg = (str(pair[0]), str(pair[1]))
            if leg not in picked:
                picked.append(leg)
    return picked


# --------------------------------------------------------------------------- timeline


def timeline(claims: pd.DataFrame) -> go.Figure:
    """Claims per month, stacked by claimant (colour) and stance (pattern).

    A claim dated to a year only is counted in that year's January (said in the
    subtitle); undated claims are counted in the subtitle, not drawn.
    """
    title = "Claims per month by claimant"
    if claims.empty:
        return _empty(title, "No claims match the current filters.")
    dates = claims["claim_date"].fillna("").astype(str)
    month = dates.str.slice(0, 7).where(dates.str.len() >= 7, dates + "-01")
    months = pd.to_datetime(month, format="%Y-%m", errors="coerce")
    notes = []
    undated = int(months.isna().sum())
    if undated:
        notes.append(f"{undated} undated claim{'s' if undated > 1 else ''} not shown")
    year_only = int((dates.str.len() == 4).sum())
    if year_only:
        notes.append(f"{year_only} claim{'s' if year_only > 1 else ''} dated to a year only, counted in January")
    needed = ["claim_date", "claimant", "stance", "origin", "destination", "via", "items"]
    frame = claims[needed].assign(month=months).dropna(subset=["month"])
    if frame.empty:
        return _empty(title, "None of these claims has a date.")

    ranked = frame.groupby("claimant").size().sort_values(ascending=False, kind="stable")
    kept = kept_claimants(list(ranked.index))
    frame = frame.assign(key=frame["claimant"].where(frame["claimant"].isin(kept), OTHER_CLAIMANTS))
    palette = claimant_palette(kept)

    groups = ["month", "key", "stance"]
    frame = frame.sort_values([*groups, "claim_date"], kind="stable")
    bars = frame.groupby(groups, sort=False).size().rename("claims").reset_index()
    per_bar = CLAIMS_LISTED if len(frame) <= LARGE_TABLE else CLAIMS_LISTED_LARGE
    listed = frame.groupby(groups, sort=False).head(per_bar)
    return timeline_of_bars(bars, listed, per_bar=per_bar, notes=notes, palette=palette)


def timeline_of_bars(
    bars: pd.DataFrame, listed: pd.DataFrame, *, per_bar: int, notes: Iterable[str], palette: dict[str, str]
) -> go.Figure:
    """The timeline of counted bars (what :func:`timeline` draws; :mod:`flows.engine` counts them too).

    ``bars``: ``month`` (timestamp), ``key``, ``stance``, ``claims``, sorted by
    the first three; ``listed``: the first ``per_bar`` claims of each bar in the
    same order, with ``origin``, ``destination``, ``via``, ``items``, ``claimant``.
    """
    title = "Claims per month by claimant"
    groups = ["month", "key", "stance"]
    # Text only for the claims a hover lists, joined per bar with one reduceat:
    # rows are sorted by bar, so each bar's lines are one contiguous run.
    via = listed["via"].map(lambda v: Route.parse(v).describe(name_of))
    line = (
        _names_of(listed["origin"])
        + " → "
        + _names_of(listed["destination"])
        + via.map(lambda v: f" (via {v})" if v else "")
        + listed["items"].fillna("").map(lambda i: f": {i[:60]}" if i else "")
        + " — "
        + listed["claimant"]
    ).map(html.escape) + "<br>"
    starts = np.flatnonzero(~listed.duplicated(groups).to_numpy())
    joined: np.ndarray | list[str] = np.add.reduceat(line.to_numpy(dtype=object), starts) if len(starts) else []
    bars = bars.reset_index(drop=True)
    bars["line"] = [text[: -len("<br>")] for text in joined]
    more = (bars["claims"] - per_bar).clip(lower=0)
    month_names = {m: m.strftime("%B %Y") for m in bars["month"].drop_duplicates()}
    bars["hover"] = (
        "<b>"
        + bars["month"].map(month_names)
        + " · "
        + bars["key"].map(html.escape)
        + " · "
        + bars["stance"]
        + "</b><br>"
        + bars["claims"].map(_claims_count)
        + "<br>"
        + bars["line"]
        + more.map(lambda n: f"<br>… and {n} more" if n else "")
    )

    traces: list[Trace] = []
    bars = bars.sort_values("month", kind="stable")
    x_dates = bars["month"].map({m: m.strftime("%Y-%m-%d") for m in month_names}).to_numpy()
    heights, hovers = bars["claims"].to_numpy(), bars["hover"].to_numpy()
    positions = bars.groupby(["key", "stance"], sort=False).indices  # (key, stance) -> rows, by month
    for key in palette:
        for stance in STANCE_PATTERNS:
            rows = positions.get((key, stance))
            if rows is None:
                continue
            traces.append(
                _trace(
                    "bar",
                    x=x_dates[rows].tolist(),
                    y=heights[rows].tolist(),
                    name=f"{html.escape(key)} · {stance}",
                    legendgroup=f"key:{html.escape(str(key))}",
                    marker={
                        "color": palette[key],
                        # "overlay": the bar keeps its colour under white marks; without it
                        # plotly fills the bar with the (white) pattern colour alone.
                        "pattern": {
                            "shape": STANCE_PATTERNS[stance],
                            "fillmode": "overlay",
                            "fgcolor": "#FFFFFF",
                            "solidity": 0.4,
                        },
                        "line": {"color": "#FFFFFF", "width": 0.5},
                    },
                    hovertext=hovers[rows].tolist(),
                    hovertemplate="%{hovertext}<extra></extra>",
                    xperiod="M1",
                    xperiodalignment="middle",
                )
            )
    layout = {
        "title": _title(
            title, ["pattern shows the stance (solid: reported, / alleged, x confirmed, · denied)", *list(notes)]
        ),
        "barmode": "stack",
        "legend": dict(LEGEND_BELOW, y=-0.12),
        "height": 420,
        "margin": {"l": 50, "r": 10, "t": 80, "b": 40},
        "xaxis": {"type": "date", "tickformat": "%b %Y"},
        "yaxis": {"title": {"text": "claims"}, "rangemode": "tozero"},
        "plot_bgcolor": "white",
        "hoverlabel": {"align": "left"},
    }
    return _figure(traces, layout)
