"""The Explore page: headline, filters, one view (Sankey, map, timeline, claims table), share and download."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import replace
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.elements.lib.column_types import ColumnConfig

from flows import corpus, corroborate, countries, figures, filters, table
from flows.engine import View
from flows.route import Route
from flows.state import (
    FILTER_FIELDS,
    KEYS,
    TABLE_ROWS_AS,
    TOP_DEFAULT,
    TOP_MAX,
    TOP_MIN,
    VIEWS,
    ViewState,
    query_string,
)
from flows.store import SEEDED, Store, describe_location
from flows.table import evidence_sentences
from flows.ui import data
from flows.ui.dossier import dossier_section
from flows.ui.link import LINKED_CLAIM, NOTICES, keep_history, read_link_once, share_url, sync_address
from flows.ui.safety import SAVED_MESSAGE, guarded, highlighted, md_escape, safe_url
from flows.ui.sidebar import show_what_each_filter_leaves, sidebar_filters
from flows.vocabulary import COLOR_BY, MEASURES

PICK = "pick"  # session key: the claims table's selection
CLAIM_LINE = "claim-line-pick"  # session key: the line picked in the claims view by claim
FLOW = "flow-pick"  # session key: the flow picked under a figure (not the dossier's "flow")
MAP_CLICKED = "_map-clicked"  # session key: the legs the map's selection held on the last run
TABLE_ROWS = 1_000  # rows the claims table shows: what a reader scrolls, not the whole store
PHONE_FIGURE_WIDTH = 358  # pixels a phone's page gives a figure (390 less Streamlit's padding)
CONFIRM_DELETE = "_confirm_delete"  # session key: claim_id waiting for the user's yes or no


def explore_page() -> None:
    started = time.perf_counter()
    location = data.store_location()
    store = data.open_store(location, seeded=True)
    if store is None:
        return
    revision = store.revision()
    claims = data.open_engine(location, revision)
    if claims is None:
        return
    total = claims.count()
    options = data.load_options(location, revision)
    read_link_once(options)
    keep_history()
    measures = claims.measures_available()
    _offer_only(measures)

    st.title("Who is said to have sent arms to whom")
    notices = st.session_state.get(NOTICES, [])
    if notices:
        st.warning(
            "Some settings in the link were not used:\n" + "\n".join(f"- {md_escape(notice)}" for notice in notices),
            icon=":material/link_off:",
        )

    filters_state, slots = sidebar_filters(options)
    shown = claims.view(filters_state)
    result = shown.counts()
    show_what_each_filter_leaves(result, slots)

    head = shown.headline()
    m1, denials, m2, m3, m4 = st.columns([1.2, 1.2, 1.2, 1.2, 3.2])
    m1.metric("Claims", f"{head.claims:,}", help=f"{head.sentence()}; {total:,} rows in the store")
    denials.metric(
        "Denials",
        f"{shown.denials():,}",
        help="Claims by a party that nothing moved: drawn hollow on the Sankey and dotted on the map.",
    )
    m2.metric("Claimants", f"{head.claimants:,}")
    m3.metric("Countries", f"{head.countries:,}", help="Named as origin, intermediary or destination")
    m4.metric("Date span", _short_span(head), help=f"Claim dates from {head.first or '–'} to {head.last or '–'}")
    st.caption(md_escape(f"{head.sentence()} · {result.sentence()}."))

    view_state = view_choices(measures)
    state = replace(view_state, **{name: getattr(filters_state, name) for name in FILTER_FIELDS})

    if not total:
        st.info(
            "The store holds no claim yet: add articles, register files or a claims table on the **Add data** page.",
            icon=":material/inbox:",
        )
    elif not result.shown:
        st.info(
            "No claim matches these filters. Loosen one, or press **Reset all filters** in the sidebar.",
            icon=":material/filter_alt:",
        )
    else:
        with guarded(f"drawing the {VIEWS[state.view]} view"):
            if state.view == "table" and state.rows == "claims":
                state = replace(state, claim=claim_lines_view(store, shown))
            elif state.view == "table":
                page = shown.claims(limit=TABLE_ROWS, newest_first=True)
                state = replace(state, claim=claims_view(store, page, result.shown))
            else:
                figure_view(store, location, revision, state, shown, result.sentence() + ".")
        with guarded("the flow dossier"):
            dossier_section(shown.flows(), lambda flow: filters.public(shown.flow_claims(flow)))
        state = replace(state, flow=st.session_state.get(KEYS["flow"]) or "")
    sync_address(state)

    share_and_download(state, shown, result.shown)
    seeded = store.get_meta(SEEDED)
    st.caption(
        f"Store: {md_escape(describe_location(location))} · {total:,} claims"
        + (f" · first filled from {md_escape(seeded)}" if seeded else "")
        + " · "
        f"server work for this view {1000 * (time.perf_counter() - started):.0f} ms"
    )


def _short_span(head: filters.Headline) -> str:
    """The date span to months (a metric has room for about 18 characters)."""
    if not head.first or len(head.span) <= 18:
        return head.span
    first, last = head.first[:7], head.last[:7]
    return first if first == last else f"{first} – {last}"


def figure_view(store: Store, location: str, revision: int, state: ViewState, shown: View, caption: str) -> None:
    width = PHONE_FIGURE_WIDTH if state.view == "map" and on_a_phone() else None
    figure = data.build_figure(location, revision, query_string(state), state.view, state, width)
    # Said in the figure itself, so its PNG export (the camera in its toolbar) carries it.
    figure = figures.with_caption(figure, [caption, f"Source: arms-flows claims, {describe_location(location)}"])
    # theme=None: the figures set their own colours and fonts, and Streamlit's theme
    # would bold the title a second time on each redraw.
    key, on_map = f"figure-{state.view}", state.view == "map"
    if on_map:  # a click on an arrow selects its point (a Sankey has none: see claims_behind_a_flow)
        event = st.plotly_chart(
            figure,
            config=figures.PLOTLY_CONFIG,
            key=key,
            width="stretch",
            theme=None,
            on_select="rerun",
            selection_mode="points",
        )
    else:
        st.plotly_chart(figure, config=figures.PLOTLY_CONFIG, key=key, width="stretch", theme=None)
    figure_downloads(figure, filters.rules_for(state), VIEWS[state.view].lower())
    if state.view in ("sankey", "map"):
        flows = data.flow_choices(location, revision, query_string(state), state)
        unlisted = pick_clicked_flow(figures.picked_legs(event, figure), flows) if on_map else None
        claims_behind_a_flow(store, shown, flows, on_map=on_map, unlisted=unlisted)


def on_a_phone() -> bool:
    """Whether the browser says it is a phone ("Mobi" in its user agent, as browsers mark one).

    The server knows no screen width; the map's height follows the width it is drawn at
    (the Sankey and the timeline are as tall at any width), so a phone gets its own.
    """
    return "Mobi" in (st.context.headers.get("User-Agent") or "")


def figure_downloads(figure: go.Figure, rules: list[filters.Rule], what: str) -> None:
    """PNG and SVG of the figure as drawn (title, filters, source line), made on the server by kaleido."""
    if not figures.export_available():
        st.caption("PNG: the camera in the figure's toolbar. (SVG needs the server's `export` extra: kaleido.)")
        return
    columns = st.columns(len(figures.EXPORT_FORMATS) + 2)
    for column, image_format in zip(columns, figures.EXPORT_FORMATS, strict=False):
        column.download_button(
            f"Figure ({image_format.upper()})",
            data=partial(figures.export_image, figure, image_format),
            file_name=filters.file_name(rules, what, image_format),
            mime="image/svg+xml" if image_format == "svg" else "image/png",
            key=f"download-figure-{image_format}",
            icon=":material/image:",
            on_click="ignore",
        )


def pick_clicked_flow(legs: list[tuple[str, str]], flows: pd.DataFrame) -> tuple[str, str] | None:
    """A click on a map arrow picks its flow in :func:`claims_behind_a_flow`'s picker (called before it).

    ``legs`` are the (from, to) pairs the map's selection holds (:func:`flows.figures.picked_legs`).
    Only an arrow newly selected picks: the selection stays on every rerun, and a flow
    picked in the list afterwards is the reader's, not to be undone by the earlier click.
    A pair the picker does not offer (not among its heaviest flows) picks nothing and is
    returned, so the reader is told why.
    """
    before = st.session_state.get(MAP_CLICKED, [])
    st.session_state[MAP_CLICKED] = legs
    new = [leg for leg in legs if leg not in before]
    if not new:
        return None
    offered = list(zip(flows["from"], flows["to"], strict=True))
    if new[-1] not in offered:
        return new[-1]
    st.session_state[FLOW] = str(flows["label"].iloc[offered.index(new[-1])])
    return None


def claims_behind_a_flow(
    store: Store, shown: View, flows: pd.DataFrame, on_map: bool = False, unlisted: tuple[str, str] | None = None
) -> None:
    """Pick a flow (country to country, as the figure draws it): the claims behind it, each openable.

    On the map a click on a flow's arrow picks it here too (:func:`pick_clicked_flow`).
    On the Sankey this control is the only way: Streamlit passes on no click on a Sankey
    link (its chart selections are points of traces, and a Sankey has none). On a phone
    it is the easy way on both: an arrow is a small target for a finger.
    """
    # Picked by its label, which holds the counts: when a filter changes what a flow
    # holds, the pick clears rather than showing another flow's claims.
    labels = [str(label) for label in flows["label"]]
    if unlisted is not None:  # codes from the browser: named, and escaped like any text
        route = " → ".join(countries.name_of(code) for code in unlisted)
        st.info(
            md_escape(
                f"{route} is not among the {len(flows):,} heaviest flows listed here (by claims): "
                "narrow the filters, to its origin or destination say, to list its claims."
            ),
            icon=":material/info:",
        )
    heaviest = f"one of the {len(flows):,} heaviest flows drawn…"
    picked = st.selectbox(
        "Claims behind a flow",
        labels,
        index=None,
        placeholder=f"Click a flow's arrow on the map, or pick {heaviest}" if on_map else f"Pick {heaviest}",
        key=FLOW,
        help="Every flow the figure draws, heaviest first: pick one to list its claims with their evidence. "
        "On the map a click on a flow's arrow picks it here too. On the Sankey this list is the way to "
        "pick a link: a click on a Sankey link picks nothing.",
    )
    if picked not in labels:
        return
    behind = shown.claims_with_ids(flows["claim_ids"].iloc[labels.index(picked)])
    claims_view(store, behind, len(behind), key=f"{PICK}-flow")


def _picked_rows(display: pd.DataFrame, key: str, columns: Mapping[str, ColumnConfig]) -> list[int]:
    """Show ``display`` as a table a reader picks one row of; the picked row numbers."""
    event = st.dataframe(
        display,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=key,
        column_config=columns,
    )
    return list(getattr(getattr(event, "selection", None), "rows", []) or [])


def _route(origin: str, via: object, destination: str) -> str:
    """The claim's route by country names: "Serbia › Czech Republic / Bulgaria › Ukraine"."""
    hops = Route.parse(via).describe(countries.name_of)
    middle = f" › {hops}" if hops else ""
    return f"{countries.name_of(origin)}{middle} › {countries.name_of(destination)}"


def claim_lines_view(store: Store, shown: View) -> str:
    """The claims view by claim: one line per claim (its reports grouped, :func:`flows.corroborate.claims_of`),
    last reported first; picking a line lists every report of it, each openable as in :func:`claims_view`.

    Returns the claim_id of the report shown in full ("" for none).
    """
    reports, total = shown.claim_lines(TABLE_ROWS)
    grouped = corroborate.claims_of(filters.public(reports))
    grouped = grouped.sort_values(["last_report", corroborate.ASSERTION_ID], ascending=[False, True], kind="stable")
    page = grouped.head(TABLE_ROWS).reset_index(drop=True)
    display = pd.DataFrame(
        {
            "last report": page["last_report"],
            "first report": page["first_report"],
            "claimant": page["claimant"],
            "stance": page["stance"],
            "route": [
                _route(o, v, d) for o, v, d in zip(page["origin"], page["via"], page["destination"], strict=True)
            ],
            "reports": page["reports"],
            "outlets": page["outlets"],
            "sources": page["sources"],
        }
    )
    more = f" The {len(page):,} last reported of {total:,} are listed." if total > len(page) else ""
    st.caption(
        f"{total:,} claims, one line each: a claim is what reports of one claimant, stance and route share "
        "(copies of one wire story are one report). Pick a line to list its reports." + more
    )
    rows = _picked_rows(display, CLAIM_LINE, {"route": st.column_config.TextColumn("route", width="medium")})
    if rows and rows[0] < len(page):
        line = page.iloc[rows[0]]
    else:
        # A link's claim (c=...): the line of the claim it reports, which then shows it in full.
        linked = st.session_state.get(LINKED_CLAIM, "")
        found = shown.claims(where=("claim_id = ?", [linked])) if linked else None
        if found is None or found.empty:
            return ""
        matches = page[page[corroborate.ASSERTION_ID] == found[corroborate.ASSERTION_ID].iloc[0]]
        if matches.empty:
            return ""
        line = matches.iloc[0]
    assertion = line[corroborate.ASSERTION_ID]
    reports = shown.claims(where=(f"{corroborate.ASSERTION_ID} = ?", [assertion]), newest_first=True)
    st.subheader(
        f"{_counted(line['reports'], 'report')} of this claim"
        f" ({_counted(line['rows'], 'row')}, {_counted(line['outlets'], 'outlet')})",
        anchor=False,
    )
    return claims_view(store, reports, len(reports), key=f"{PICK}-claim")


def _counted(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def claims_view(store: Store, page: pd.DataFrame, count: int, key: str = PICK) -> str:
    """The claims table (evidence quotes and source links); picking a row shows all of it.

    ``page`` holds the rows listed (the first :data:`TABLE_ROWS`, newest first, of
    the ``count`` filtered claims). Returns the claim_id shown in full ("" for none): the picked row, else the
    link's claim when it is among the rows.
    """
    kinds = page[filters.KIND].astype(object).to_numpy()
    shown = filters.public(page)
    display = pd.DataFrame(
        {
            "date": shown["claim_date"],
            "claimant": shown["claimant"],
            "stance": shown["stance"],
            "route": [
                _route(o, v, d) for o, v, d in zip(shown["origin"], shown["via"], shown["destination"], strict=True)
            ],
            # source and link before the long text columns: at 1400 px they stay in view
            "source": shown["source"],
            "link": shown["url"].map(safe_url),
            "kind": kinds,
            "items": shown["items"],
            "evidence": shown["evidence"].map(lambda e: evidence_sentences(e)[0] if evidence_sentences(e) else ""),
        }
    )
    more = f" The first {len(shown):,} of {count:,} are listed: filter to see others." if count > len(shown) else ""
    st.caption("Pick a row to see the whole claim: every evidence sentence and the article it came from." + more)
    rows = _picked_rows(
        display,
        key,
        {
            "link": st.column_config.LinkColumn("link", display_text="open", width="small"),
            "evidence": st.column_config.TextColumn("evidence", width="medium"),
            "route": st.column_config.TextColumn("route", width="medium"),
        },
    )
    if rows and rows[0] < len(shown):
        st.session_state[LINKED_CLAIM] = ""
        chosen = shown.iloc[rows[0]]
    else:
        linked = st.session_state.get(LINKED_CLAIM, "")
        matches = shown[shown["claim_id"] == linked] if linked else shown.iloc[0:0]
        if matches.empty:
            return ""
        chosen = matches.iloc[0]
    claim_detail(store, chosen)
    return str(chosen["claim_id"])


def claim_detail(store: Store, claim: pd.Series) -> None:
    st.subheader("The claim", anchor=False)
    with st.container(border=True):
        st.markdown(
            f"**{md_escape(claim['claimant'] or 'Unnamed claimant')}** · "
            f"{md_escape(claim['stance'])} · {md_escape(claim['claim_date'] or 'undated')}"
        )
        st.markdown(md_escape(_route(claim["origin"], claim["via"], claim["destination"])))
        facts = {
            "items": claim["items"],
            "category": claim["category"],
            "quantity": "" if pd.isna(claim["quantity"]) else f"{claim['quantity']:,.0f}",
            "value": "" if pd.isna(claim["value"]) else f"{claim['value']:,.0f} {claim['value_unit']}",
            "origin actor": claim["origin_actor"],
            "destination actor": claim["destination_actor"],
            "claimant country": countries.name_of(claim["claimant_country"]) if claim["claimant_country"] else "",
            # The words behind the values, so a reader can check them.
            "claimant as written": claim["claimant_text"],
            "date as written": claim["date_text"],
            "route as written": claim["route_text"],
            "source": claim["source"],
            "published": claim["published"],
            "publication date from": claim["published_from"],
            "method": claim["method"],
            "confidence": f"{claim['confidence']:.2f}" if not pd.isna(claim["confidence"]) else "",
            "claim id": claim["claim_id"],
        }
        shown_facts = {k: str(v) for k, v in facts.items() if str(v).strip()}
        st.dataframe(
            pd.DataFrame({"field": list(shown_facts), "value": list(shown_facts.values())}),
            hide_index=True,
            width="stretch",
        )
        st.markdown("**Evidence**")
        for sentence in evidence_sentences(claim["evidence"]):
            st.markdown("> " + md_escape(sentence))
        url = safe_url(claim["url"])
        if url:
            st.link_button("Open the source", url, icon=":material/open_in_new:")
        article = store.article(claim["article_id"]) if claim["article_id"] else None
        if article is not None:
            for report in retold_reports(article.title, article.published) if not url else ():
                st.link_button(
                    f"Open the source: the {report.outlet} report ({report.date or 'undated'}) this sample retells",
                    safe_url(report.url),
                    icon=":material/open_in_new:",
                )
            with st.expander(f"The article: {md_escape(article.title or 'untitled')}"):
                st.caption("The evidence sentences are highlighted.")
                st.html(highlighted(article.full_text, evidence_sentences(claim["evidence"])))
        claim_id = str(claim["claim_id"])
        if st.button("Delete this claim…", key=f"delete-{claim_id}", icon=":material/delete:"):
            st.session_state[CONFIRM_DELETE] = claim_id
        if st.session_state.get(CONFIRM_DELETE) == claim_id:
            confirm_delete(store, claim_id, _route(claim["origin"], claim["via"], claim["destination"]))


@st.cache_data(show_spinner=False)
def _retold_by_article() -> dict[tuple[str, str], tuple[corpus.Retold, ...]]:
    return {(e.article.title, e.article.published): e.retells for e in corpus.sample_entries()}


def retold_reports(title: str, published: str) -> list[corpus.Retold]:
    """The public reports a bundled sample article retells (with a plain http(s) address), else none."""
    return [r for r in _retold_by_article().get((title, published), ()) if safe_url(r.url)]


def _cancel_delete() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


@st.dialog("Delete this claim?", on_dismiss=_cancel_delete)
def confirm_delete(store: Store, claim_id: str, route: str) -> None:
    """Asks first; shown while the claim waits for a yes or no."""
    st.write(
        f"Claim {claim_id} ({route}) will be removed from the store. Re-running the extractor "
        "on its article will not bring it back."
    )
    left, right = st.columns(2)
    if left.button("Delete", type="primary", key="confirm-delete"):
        store.delete([claim_id])
        _cancel_delete()
        st.session_state.pop(PICK, None)
        st.session_state[LINKED_CLAIM] = ""
        st.session_state[SAVED_MESSAGE] = f"Claim {claim_id} deleted."
        st.rerun()
    if right.button("Keep it", key="cancel-delete"):
        _cancel_delete()
        st.rerun()


def share_and_download(state: ViewState, view: View, count: int) -> None:
    st.divider()
    share, download = st.columns([3, 2])
    with share:
        st.markdown("**Share this view**")
        st.code(share_url(state), language=None, wrap_lines=True)
        st.caption(
            "The copy button at the right of the box copies the link; the address bar always holds the same link."
        )
    with download:
        st.markdown("**Download what is shown**")
        rules = filters.rules_for(state)
        # Built when the button is pressed, from the engine: the page never holds the rows.
        st.download_button(
            f"Claims ({count:,} rows, CSV)",
            data=lambda: table.to_csv_bytes(claims_with_country_names(filters.public(view.claims()))),
            file_name=filters.file_name(rules, "claims"),
            mime="text/csv",
            key="download-claims",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Claims, one row per claim (CSV)",
            data=lambda: table.to_csv_bytes(corroborate.claims_of(filters.public(view.claims()))),
            file_name=filters.file_name(rules, "by-claim"),
            mime="text/csv",
            key="download-by-claim",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Legs (one row per hop, CSV)",
            data=lambda: table.to_csv_bytes(
                with_country_names(table.legs(filters.public(view.claims())), ("from", "to"))
            ),
            file_name=filters.file_name(rules, "legs"),
            mime="text/csv",
            key="download-legs",
            icon=":material/download:",
            on_click="ignore",
        )
        st.caption(
            "Formula-safe CSV with each country's name beside its code; the claims file is the claims "
            "table with the names as extra columns at the end (it loads back with `flows validate`)."
        )


def _offer_only(measures: tuple[str, ...]) -> None:
    """A link value no claim has (from a link, or data since deleted) goes back to claims, with a notice."""
    chosen = st.session_state.get(KEYS["measure"])
    if chosen in (None, *measures):
        return
    st.session_state[KEYS["measure"]] = "claims"
    label = MEASURES.get(str(chosen), str(chosen))
    st.session_state[NOTICES] = [
        *st.session_state.get(NOTICES, []),
        f"Link value {label}: no claim in the store has one, so claims are counted instead.",
    ]


# The claims table's columns of country codes, named in its CSV download.
CLAIM_COUNTRY_COLUMNS = ("claimant_country", "origin", "via", "destination")


def with_country_names(frame: pd.DataFrame, columns: tuple[str, ...]) -> pd.DataFrame:
    """``frame`` with ``<column>_name`` right after each column of codes, for a reader of the CSV."""
    out = frame.copy()
    for column in columns:
        out.insert(out.columns.get_loc(column) + 1, f"{column}_name", _country_names(out[column], column))
    return out


def claims_with_country_names(claims: pd.DataFrame) -> pd.DataFrame:
    """A claims table with ``<column>_name`` for each column of codes, after all the
    contract's columns: a reader sees the names, and the file still reads back as
    a claims table (extra columns are kept, :func:`flows.table.validate`)."""
    out = claims.copy()
    for column in CLAIM_COUNTRY_COLUMNS:
        out[f"{column}_name"] = _country_names(out[column], column)
    return out


def _country_names(codes: pd.Series, column: str) -> pd.Series:
    """Names for a column of codes (a route: its countries by name, "Poland > Slovakia; Romania")."""
    if column == "via":
        return codes.map(lambda via: Route.parse(via).describe(countries.name_of))
    return codes.map(lambda code: countries.name_of(code) if isinstance(code, str) and code else "")


def view_choices(measures: tuple[str, ...]) -> ViewState:
    """The view row above the figure: view, colour, link value, number of countries.

    ``measures`` are the link values some claim in the store has: the others are
    not offered (they would always fall back on counting claims), and the help says why.
    """
    unavailable = [MEASURES[m] for m in MEASURES if m not in measures]
    first = st.columns([3, 2], vertical_alignment="bottom")
    second = st.columns([3, 2], vertical_alignment="bottom")
    view = _choice(first[0], "View", VIEWS, "view", "sankey") or "sankey"
    color = _choice(first[1], "Colour by", COLOR_BY, "color", "claimant", disabled=view not in ("sankey", "map"))
    measure = _choice(
        second[0],
        "Link value",
        {m: MEASURES[m] for m in measures},
        "measure",
        "claims",
        disabled=view not in ("sankey", "map"),
        help="claims: each claim counts 1 (split over parallel routes); units: the number of items "
        "(quantity); value: the reported value."
        + (f" Not offered: {' and '.join(unavailable)}, which no claim in the store has." if unavailable else ""),
    )
    top = second[1].slider(
        "Countries shown",
        TOP_MIN,
        TOP_MAX,
        TOP_DEFAULT,
        key=KEYS["top"],
        bind="query-params",
        disabled=view != "sankey",
        help="The Sankey keeps the biggest countries; the rest are 'Other'.",
    )
    rows = _choice(
        st.container(),
        "Lines of the claims view",
        TABLE_ROWS_AS,
        "rows",
        "claims",
        disabled=view != "table",
        help="Claims: one line per claim, with its number of reports and outlets; Reports: one line per row "
        "of the claims table (what the Claims download holds).",
    )
    return ViewState(
        view=view, color=color or "claimant", measure=measure or "claims", top=int(top), rows=rows or "claims"
    )


def _choice(
    where: DeltaGenerator,
    label: str,
    names: Mapping[str, str],
    key: str,
    default: str,
    disabled: bool = False,
    help: str = "",
) -> str | None:
    """One of the view controls: a segmented choice of ``names`` bound to the link's ``key``."""
    return where.segmented_control(
        label,
        list(names),
        format_func=names.__getitem__,
        key=KEYS[key],
        bind="query-params",
        default=default,
        required=True,
        disabled=disabled,
        help=help or None,
    )
