"""The dashboard's Streamlit UI: the only module besides ``app.py`` that imports streamlit.

Pages are plain functions (:func:`explore_page`, :func:`add_data_page`)
called by ``app.py``. Everything they compute comes from pure modules:
:mod:`flows.state` (view state <-> URL), :mod:`flows.filters` (rules and
headline figures), :mod:`flows.store` (the database), :mod:`flows.figures`.

Sharing: every filter and view widget has ``bind="query-params"`` and its key
is the URL key of :data:`flows.state.KEYS`, so the browser's address bar
always holds the current view. On a session's first run the link is read by
:func:`flows.state.from_query` (whitelists, notices) and its values are put
into the widgets' session state, so a bad value falls back to the default with
a visible notice instead of silently.

Untrusted text (articles, claims, uploads, the URL) is never rendered as HTML;
where it goes into markdown it is escaped with :func:`md_escape`.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from flows import countries, filters, table
from flows.models import STANCES
from flows.state import (
    COLORS,
    FILTER_FIELDS,
    KEYS,
    KINDS,
    MEASURES,
    TOP_DEFAULT,
    TOP_MAX,
    TOP_MIN,
    VIEWS,
    Choices,
    ViewState,
    country_label,
    from_query,
    query_string,
)
from flows.store import (
    DECISIONS,
    EDITABLE,
    Store,
    StoreError,
    describe_location,
    evidence_sentences,
    locate,
    review,
    seed,
)

LOG = logging.getLogger(__name__)

LINK_READ = "_link_read"  # session key: the link has been read into the widgets
NOTICES = "_link_notices"
PROPOSALS = "_proposals"
PICK = "pick"  # the claims table's selection
CONFIRM_DELETE = "_confirm_delete"  # claim_id waiting for the user's yes or no
LINKED_CLAIM = "_linked_claim"  # claim_id from the link's "c", shown until another is picked
FILTER_KEYS: tuple[str, ...] = tuple(KEYS[name] for name in FILTER_FIELDS)
STANCE_HELP = (
    "alleged: a claim someone makes; reported: a journalist's or register's account; "
    "confirmed: the sender or receiver says so; denied: a party denies it."
)
KIND_LABELS = {"news": "news claim", "register": "register record", "manual": "manual"}


# --------------------------------------------------------------------------- text safety


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=^])")


_AUTOLINK = re.compile(r"(?i)(://|www\.)")
_WORD_JOINER = "\u2060"


def md_escape(text: object) -> str:
    """Untrusted text made inert for ``st.markdown`` (no links, images, HTML, math, directives).

    Markdown characters get a backslash; an invisible word joiner inside ``://``
    and ``www.`` keeps the renderer from turning bare addresses into links.
    """
    flat = " ".join(str(text).split())
    flat = _AUTOLINK.sub(lambda m: m.group(0)[0] + _WORD_JOINER + m.group(0)[1:], flat)
    return _MD_SPECIAL.sub(r"\\\1", flat)


def safe_url(url: str) -> str:
    """The URL when it is plain http(s), else ""."""
    url = url.strip()
    return url if re.match(r"^https?://[^\s<>\"']+$", url, re.IGNORECASE) else ""


@contextmanager
def guarded(what: str) -> Iterator[None]:
    """Show a clear message instead of a traceback; the rest of the page keeps working."""
    try:
        yield
    except StoreError as error:
        st.error(f"The claims store could not be used while {what}: {md_escape(error)}",
                 icon=":material/database:")
    except Exception as error:  # noqa: BLE001 - the last line of defence for the user
        LOG.exception("error while %s", what)
        st.error(
            f"Something went wrong while {what} ({error.__class__.__name__}: {md_escape(str(error)[:300])}). "
            "The rest of the app still works; the details are in the server log.",
            icon=":material/error:",
        )


# --------------------------------------------------------------------------- store and data


def store_location() -> str:
    """Env ``ARMS_FLOWS_DB``, else secret ``db_url``, else the default file."""
    return locate(os.environ, _secrets())


def _secrets() -> Any:
    try:
        if not st.secrets.load_if_toml_exists():
            return None
    except Exception:  # noqa: BLE001 - a broken secrets file must not stop the app
        LOG.warning("could not read Streamlit secrets", exc_info=True)
        return None
    return st.secrets


@st.cache_resource(show_spinner=False)
def get_store(location: str) -> Store:
    """One store object per location (it opens a connection per operation)."""
    return Store(location)


def ensure_seeded(store: Store) -> None:
    """On the very first start, fill the store from the bundled sample corpus."""
    if store.get_meta("seeded"):
        return
    try:
        from flows.corpus import sample_articles
        from flows.extract import extract_articles, get_extractor
    except ImportError:
        LOG.warning("no sample corpus or extractor available; starting empty")
        return
    extractor = get_extractor()
    articles = sample_articles()
    bar = st.progress(0.0, text="First start: extracting claims from the bundled sample articles…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / max(total, 1), text=f"First start: reading sample article {done} of {total}…")

    def extract(batch, report):  # type: ignore[no-untyped-def]
        return extract_articles(batch, extractor, progress=report)

    note = f"{len(articles)} sample articles, extractor {extractor.name} {extractor.version}"
    seed(store, articles, extract, note, progress)
    bar.empty()


def open_store(location: str, seeded: bool = False) -> Store | None:
    """The store, filled on first start; None (with a message shown) when it cannot be opened."""
    try:
        store = get_store(location)
        if seeded:
            ensure_seeded(store)
    except StoreError as error:
        st.error(f"The claims store cannot be opened: {md_escape(error)}", icon=":material/database:")
        st.info("Point ARMS_FLOWS_DB (or the secret db_url) at a writable file or a database URL, "
                "then reload the page.")
        return None
    return store


@st.cache_data(show_spinner="Loading claims…", max_entries=4)
def load_claims(location: str, revision: int) -> pd.DataFrame:
    """The store's claims, prepared for filtering (cached per store revision)."""
    return filters.prepare(get_store(location).claims())


@st.cache_data(show_spinner=False, max_entries=4)
def load_options(location: str, revision: int) -> dict[str, list[str]]:
    """The values each filter offers (cached per store revision)."""
    frame = load_claims(location, revision)
    via_codes = sorted({c for key in frame[filters.VIA].unique() for c in key.split("|") if c})
    return {
        "claimants": sorted(c for c in frame["claimant"].unique() if c),
        "origins": sorted(c for c in frame["origin"].unique() if c),
        "vias": via_codes,
        "destinations": sorted(c for c in frame["destination"].unique() if c),
        "categories": [c for c in table.CATEGORIES if c in set(frame["category"])],
    }


@st.cache_data(show_spinner=False, max_entries=4)
def load_legs(location: str, revision: int) -> pd.DataFrame:
    """The legs of every claim in the store, split once per revision (figures cut them to the shown claims)."""
    return table.legs(filters.public(load_claims(location, revision)))


def _figures_module():  # type: ignore[no-untyped-def]
    try:
        from flows import figures
    except ImportError:
        return None
    return figures


@st.cache_data(show_spinner=False, max_entries=4)
def claimant_colors(location: str, revision: int) -> dict[str, str]:
    """One colour per claimant over the whole data, so colours hold across filters."""
    figures = _figures_module()
    options = load_options(location, revision)
    return dict(figures.claimant_colors(options["claimants"])) if figures else {}


@st.cache_data(show_spinner=False, max_entries=64)
def build_figure(
    location: str, revision: int, link: str, kind: str, _state: ViewState, _shown: pd.DataFrame
) -> Any:
    """A figure for one view of the filtered claims ``_shown``.

    Cached by store revision and link: the link names the filters and view
    choices, so the unhashed ``_state`` and ``_shown`` follow from the key.
    """
    figures = _figures_module()
    frame = filters.public(_shown)
    colors = claimant_colors(location, revision)
    if kind == "sankey":
        return figures.sankey(frame, color_by=_state.color, measure=_state.measure, top_n=_state.top,
                              colors=colors, legs=load_legs(location, revision))
    if kind == "map":
        return figures.flow_map(frame, color_by=_state.color, measure=_state.measure, colors=colors,
                                legs=load_legs(location, revision))
    return figures.timeline(frame, colors=colors)


# --------------------------------------------------------------------------- link -> widgets


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


def _with_selected(options: list[str], key: str) -> list[str]:
    """Options plus anything already selected (data may have changed since)."""
    selected = [v for v in st.session_state.get(key) or [] if v not in options]
    return options + selected


# --------------------------------------------------------------------------- sidebar


def sidebar_filters(options: dict[str, list[str]]) -> tuple[ViewState, dict[str, Any]]:
    """The filter widgets; returns their state and a caption slot under each."""
    bar = st.sidebar
    bar.subheader("Filters", anchor=False)
    bar.button("Reset all filters", on_click=reset_filters, key="reset", help="Clear every filter",
               icon=":material/filter_alt_off:", width="stretch")
    slots: dict[str, Any] = {}

    left, right = bar.columns(2)
    date_from = left.date_input("From", key=KEYS["date_from"], bind="query-params", value=None,
                                min_value=date(1900, 1, 1), max_value=date(2100, 12, 31),
                                help="Claims whose date (a day, a month or a year) overlaps the range.")
    date_to = right.date_input("To", key=KEYS["date_to"], bind="query-params", value=None,
                               min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
    slots["date_from"] = bar.empty()

    claimants = bar.multiselect("Claimant", _with_selected(options["claimants"], KEYS["claimants"]),
                                key=KEYS["claimants"], bind="query-params", placeholder="Anyone",
                                help="Who made the claim.")
    slots["claimants"] = bar.empty()
    stances = bar.pills("Stance", list(STANCES),
                        selection_mode="multi", key=KEYS["stances"], bind="query-params", help=STANCE_HELP)
    slots["stances"] = bar.empty()
    kinds = bar.pills("Kind of source", list(KINDS), selection_mode="multi", key=KEYS["kinds"],
                      bind="query-params",
                      help="news: read from an article by the extractor; register: imported from a "
                           "register (SIPRI, Kiel, CAAT); manual: entered or corrected by a person.")
    slots["kinds"] = bar.empty()
    origins = bar.multiselect("Origin", _with_selected(options["origins"], KEYS["origins"]),
                              format_func=country_label, key=KEYS["origins"], bind="query-params",
                              placeholder="Any country")
    slots["origins"] = bar.empty()
    vias = bar.multiselect("Through (intermediary)", _with_selected(options["vias"], KEYS["vias"]),
                           format_func=country_label, key=KEYS["vias"], bind="query-params",
                           placeholder="Any route", help="Any route passing through one of these.")
    slots["vias"] = bar.empty()
    destinations = bar.multiselect("Destination", _with_selected(options["destinations"], KEYS["destinations"]),
                                   format_func=country_label, key=KEYS["destinations"], bind="query-params",
                                   placeholder="Any country")
    slots["destinations"] = bar.empty()
    categories = bar.multiselect("Category", _with_selected(list(table.CATEGORIES), KEYS["categories"]),
                                 key=KEYS["categories"], bind="query-params", placeholder="Any category")
    slots["categories"] = bar.empty()
    query = bar.text_input("Search items and evidence", key=KEYS["query"], bind="query-params",
                           placeholder="e.g. Shahed, 155 mm", max_chars=200)
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
        categories=tuple(c for c in table.CATEGORIES if c in (categories or [])),
        query=(query or "").strip(),
    )
    if state.date_from and state.date_to and state.date_from > state.date_to:
        slots["date_from"].warning("'From' is after 'To': no claim can match.")
    return state, slots


def show_what_each_filter_leaves(result: filters.Filtered, slots: dict[str, Any]) -> None:
    rule_keys = {"dates": "date_from"}
    for step in result.steps:
        slot = slots.get(rule_keys.get(step.rule.key, step.rule.key))
        if slot is not None:
            slot.caption(f"↳ leaves {step.left:,} of {result.total:,} claims")


def view_choices() -> ViewState:
    """The view row above the figure: view, colour, link value, number of countries."""
    first = st.columns([3, 2], vertical_alignment="bottom")
    second = st.columns([3, 2], vertical_alignment="bottom")
    view = first[0].segmented_control("View", list(VIEWS), format_func=VIEWS.get, key=KEYS["view"],
                                      bind="query-params", default="sankey", required=True)
    view = view or "sankey"
    color = first[1].segmented_control("Colour by", list(COLORS), format_func=COLORS.get, key=KEYS["color"],
                                       bind="query-params", default="claimant", required=True,
                                       disabled=view not in ("sankey", "map"))
    measure = second[0].segmented_control(
        "Link value", list(MEASURES), format_func=MEASURES.get, key=KEYS["measure"], bind="query-params",
        default="claims", required=True, disabled=view not in ("sankey", "map"),
        help="claims: each claim counts 1 (split over parallel routes); units: the number of items "
             "(quantity); value: the reported value.")
    top = second[1].slider("Countries shown", TOP_MIN, TOP_MAX, TOP_DEFAULT, key=KEYS["top"],
                           bind="query-params", disabled=view != "sankey",
                           help="The Sankey keeps the biggest countries; the rest are 'Other'.")
    return ViewState(view=view, color=color or "claimant", measure=measure or "claims", top=int(top))


# --------------------------------------------------------------------------- explore page


def explore_page() -> None:
    started = time.perf_counter()
    location = store_location()
    store = open_store(location, seeded=True)
    if store is None:
        return
    revision = store.revision()
    claims = load_claims(location, revision)
    options = load_options(location, revision)
    read_link_once(options)

    st.title("Who is said to have sent arms to whom")
    notices = st.session_state.get(NOTICES, [])
    if notices:
        st.warning("Some settings in the link were not used:\n"
                   + "\n".join(f"- {md_escape(notice)}" for notice in notices), icon=":material/link_off:")

    filters_state, slots = sidebar_filters(options)
    result = filters.filter_claims(claims, filters_state)
    show_what_each_filter_leaves(result, slots)
    shown = result.claims

    head = filters.headline(shown)
    m1, m2, m3, m4 = st.columns([1.4, 1.4, 1.4, 3.2])
    m1.metric("Claims", f"{head.claims:,}", help=f"of {len(claims):,} in the store")
    m2.metric("Claimants", f"{head.claimants:,}")
    m3.metric("Countries", f"{head.countries:,}", help="Named as origin, intermediary or destination")
    m4.metric("Date span", _short_span(head), help=f"Claim dates from {head.first or '–'} to {head.last or '–'}")
    st.caption(md_escape(result.sentence() + "."))

    view_state = view_choices()
    state = replace(view_state, **{name: getattr(filters_state, name) for name in FILTER_FIELDS})

    if claims.empty:
        st.info("The store holds no claim yet: add articles, register files or a claims table on the "
                "**Add data** page.", icon=":material/inbox:")
    elif shown.empty:
        st.info("No claim matches these filters. Loosen one, or press **Reset all filters** in the sidebar.",
                icon=":material/filter_alt:")
    else:
        with guarded(f"drawing the {VIEWS[state.view]} view"):
            if state.view == "table":
                state = replace(state, claim=claims_view(store, shown))
            else:
                figure_view(location, revision, state, shown)
    _sync_claim_param(state.claim)

    share_and_download(state, result)
    seeded = store.get_meta("seeded")
    st.caption(
        f"Store: {md_escape(describe_location(location))} · {len(claims):,} claims"
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


def figure_view(location: str, revision: int, state: ViewState, shown: pd.DataFrame) -> None:
    figures = _figures_module()
    if figures is None:
        st.info("The figures module is not installed yet; the claims view works.")
        return
    figure = build_figure(location, revision, query_string(state), state.view, state, shown)
    st.plotly_chart(figure, config=getattr(figures, "PLOTLY_CONFIG", {}), key=f"figure-{state.view}",
                    width="stretch")


def _route(origin: str, via: list[str], destination: str) -> str:
    hops = " / ".join(" › ".join(countries.name_of(c) for c in entry.split(">")) for entry in via)
    middle = f" › {hops}" if hops else ""
    return f"{countries.name_of(origin)}{middle} › {countries.name_of(destination)}"


def _sync_claim_param(claim_id: str) -> None:
    """Keep the link's "c" (the claim shown in full) in the address bar, or drop it."""
    if claim_id:
        if st.query_params.get(KEYS["claim"]) != claim_id:
            st.query_params[KEYS["claim"]] = claim_id
    elif KEYS["claim"] in st.query_params:
        del st.query_params[KEYS["claim"]]


def claims_view(store: Store, shown: pd.DataFrame) -> str:
    """The claims table (evidence quotes and source links); picking a row shows all of it.

    Returns the claim_id shown in full ("" for none): the picked row, else the
    link's claim when it is among the rows.
    """
    kinds = shown[filters.KIND].astype(object).to_numpy()
    shown = filters.public(shown)
    display = pd.DataFrame(
        {
            "date": shown["claim_date"],
            "claimant": shown["claimant"],
            "stance": shown["stance"],
            "route": [_route(o, v, d) for o, v, d in zip(shown["origin"], shown["via"], shown["destination"])],
            "items": shown["items"],
            "evidence": shown["evidence"].map(lambda e: evidence_sentences(e)[0] if evidence_sentences(e) else ""),
            "source": shown["source"],
            "link": shown["url"].map(safe_url),
            "kind": kinds,
        }
    )
    st.caption("Pick a row to see the whole claim: every evidence sentence and the article it came from.")
    event = st.dataframe(
        display,
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key=PICK,
        column_config={
            "link": st.column_config.LinkColumn("link", display_text="open", width="small"),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "route": st.column_config.TextColumn("route", width="medium"),
        },
    )
    rows = list(getattr(getattr(event, "selection", None), "rows", []) or [])
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
        st.markdown(f"**{md_escape(claim['claimant'] or 'Unnamed claimant')}** · "
                    f"{md_escape(claim['stance'])} · {md_escape(claim['claim_date'] or 'undated')}")
        st.markdown(md_escape(_route(claim["origin"], list(claim["via"]), claim["destination"])))
        facts = {
            "items": claim["items"],
            "category": claim["category"],
            "quantity": "" if pd.isna(claim["quantity"]) else f"{claim['quantity']:,.0f}",
            "value": "" if pd.isna(claim["value"]) else f"{claim['value']:,.0f} {claim['value_unit']}",
            "origin actor": claim["origin_actor"],
            "destination actor": claim["destination_actor"],
            "claimant country": countries.name_of(claim["claimant_country"]) if claim["claimant_country"] else "",
            "source": claim["source"],
            "published": claim["published"],
            "method": claim["method"],
            "confidence": f"{claim['confidence']:.2f}" if not pd.isna(claim["confidence"]) else "",
            "claim id": claim["claim_id"],
        }
        shown_facts = {k: str(v) for k, v in facts.items() if str(v).strip()}
        st.dataframe(pd.DataFrame({"field": list(shown_facts), "value": list(shown_facts.values())}),
                     hide_index=True, width="stretch")
        st.markdown("**Evidence**")
        for sentence in evidence_sentences(claim["evidence"]):
            st.markdown("> " + md_escape(sentence))
        url = safe_url(claim["url"])
        if url:
            st.link_button("Open the source", url, icon=":material/open_in_new:")
        article = store.article(claim["article_id"]) if claim["article_id"] else None
        if article is not None:
            with st.expander(f"The article: {md_escape(article.title or 'untitled')}"):
                st.text(article.full_text)
        claim_id = str(claim["claim_id"])
        if st.button("Delete this claim…", key=f"delete-{claim_id}", icon=":material/delete:"):
            st.session_state[CONFIRM_DELETE] = claim_id
        if st.session_state.get(CONFIRM_DELETE) == claim_id:
            confirm_delete(store, claim_id, _route(claim["origin"], list(claim["via"]), claim["destination"]))


def _cancel_delete() -> None:
    st.session_state.pop(CONFIRM_DELETE, None)


@st.dialog("Delete this claim?", on_dismiss=_cancel_delete)
def confirm_delete(store: Store, claim_id: str, route: str) -> None:
    """Asks first; shown while the claim waits for a yes or no."""
    st.write(f"Claim {claim_id} ({route}) will be removed from the store. Re-running the extractor "
             "on its article will not bring it back.")
    left, right = st.columns(2)
    if left.button("Delete", type="primary", key="confirm-delete"):
        store.delete([claim_id])
        _cancel_delete()
        st.session_state.pop(PICK, None)
        st.session_state[LINKED_CLAIM] = ""
        st.session_state["_saved_message"] = f"Claim {claim_id} deleted."
        st.rerun()
    if right.button("Keep it", key="cancel-delete"):
        _cancel_delete()
        st.rerun()


def share_url(state: ViewState) -> str:
    """The link to this view: the app's address and :func:`flows.state.query_string`."""
    base = (st.context.url or "").split("?", 1)[0].split("#", 1)[0]
    if base.count("/") == 2:  # "http://host:port": give it its root path
        base += "/"
    query = query_string(state)
    return f"{base}?{query}" if query else base


def share_and_download(state: ViewState, result: filters.Filtered) -> None:
    st.divider()
    share, download = st.columns([3, 2])
    with share:
        st.markdown("**Share this view**")
        st.code(share_url(state), language=None, wrap_lines=True)
        st.caption("The copy button at the right of the box copies the link; the address bar "
                   "always holds the same link.")
    with download:
        st.markdown("**Download what is shown**")
        rules = filters.rules_for(state)
        shown = filters.public(result.claims)
        st.download_button(
            f"Claims ({len(shown):,} rows, CSV)",
            data=lambda: table.to_csv_bytes(shown),
            file_name=filters.file_name(rules, "claims"),
            mime="text/csv",
            key="download-claims",
            icon=":material/download:",
            on_click="ignore",
        )
        st.download_button(
            "Legs (one row per hop, CSV)",
            data=lambda: table.to_csv_bytes(table.legs(shown)),
            file_name=filters.file_name(rules, "legs"),
            mime="text/csv",
            key="download-legs",
            icon=":material/download:",
            on_click="ignore",
        )
        st.caption("Formula-safe CSV; the claims file loads back with `flows validate`.")


# --------------------------------------------------------------------------- add data page


def add_data_page() -> None:
    st.title("Add data")
    st.caption("What you save here appears on the Explore page at once, with where it came from.")
    location = store_location()
    store = open_store(location)
    if store is None:
        return
    articles_tab, registers_tab, csv_tab = st.tabs(["Articles", "Register files", "Claims CSV"])
    with articles_tab, guarded("reading the articles"):
        add_articles(store)
    with registers_tab, guarded("importing the register file"):
        add_register(store)
    with csv_tab, guarded("reading the claims CSV"):
        add_claims_csv(store)


def add_articles(store: Store) -> None:
    st.markdown("Upload articles (`.txt`, `.html`, `.jsonl`) or paste one. The extractor proposes "
                "claims; accept, correct or reject each before it is saved.")
    files = st.file_uploader("Article files", type=["txt", "html", "htm", "jsonl"],
                             accept_multiple_files=True, key="article-files")
    with st.form("paste", clear_on_submit=False, border=True):
        text = st.text_area("…or paste an article", height=180, key="paste-text")
        c1, c2, c3 = st.columns(3)
        published = c1.date_input("Published", value=None, key="paste-published",
                                  help="Dates like 'last week' are read against it.")
        source = c2.text_input("Source (outlet)", key="paste-source")
        url = c3.text_input("URL (optional)", key="paste-url")
        title = st.text_input("Title (optional)", key="paste-title")
        submitted = st.form_submit_button("Extract claims", type="primary", icon=":material/auto_awesome:")
    if submitted:
        propose(store, files or [], text, published, source, url, title)
    proposals_editor(store)


def propose(store: Store, files: list[Any], text: str, published: date | None, source: str,
            url: str, title: str) -> None:
    from flows import ingest
    from flows.extract import extract_articles

    when = published.isoformat() if isinstance(published, date) else None
    articles = []
    for upload in files:
        result = ingest.read_bytes(upload.getvalue(), upload.name, published=when, source=source or None)
        for problem in result.problems:
            (st.error if problem.severity == "error" else st.warning)(md_escape(problem))
        articles.extend(result.articles)
    if text.strip():
        result = ingest.read_text(text, name="pasted text", title=title, published=when,
                                  source=source or None, url=url)
        for problem in result.problems:
            (st.error if problem.severity == "error" else st.warning)(md_escape(problem))
        articles.extend(result.articles)
    if not articles:
        st.warning("Nothing to read: upload a file or paste some text.")
        return
    bar = st.progress(0.0, text="Extracting…")
    claims = extract_articles(articles, progress=lambda d, n: bar.progress(d / n, text=f"Article {d} of {n}"))
    bar.empty()
    frame = table.claims_to_frame(claims)
    blocked = store.suppressed()
    fresh = frame[~frame["claim_id"].isin(blocked)].reset_index(drop=True)
    skipped = len(frame) - len(fresh)
    st.session_state[PROPOSALS] = {"claims": fresh, "articles": articles}
    message = f"{len(articles)} article(s) read, {len(fresh)} claim(s) proposed."
    if skipped:
        message += f" {skipped} left out: rejected, deleted or corrected before."
    st.session_state["_proposal_message"] = message


def _editor_frame(claims: pd.DataFrame) -> pd.DataFrame:
    frame = pd.DataFrame({"decision": ["accept"] * len(claims)})
    for column in EDITABLE:
        if column == "via":
            frame[column] = [";".join(v) for v in claims["via"]]
        else:
            frame[column] = claims[column].to_numpy()
    frame["evidence"] = claims["evidence"].to_numpy()
    frame["confidence"] = claims["confidence"].to_numpy()
    return frame


def proposals_editor(store: Store) -> None:
    pending = st.session_state.get(PROPOSALS)
    if not pending:
        return
    message = st.session_state.get("_proposal_message")
    if message:
        st.info(md_escape(message))
    claims: pd.DataFrame = pending["claims"]
    if claims.empty:
        st.warning("The extractor found no new claim in this text.")
        return
    st.subheader("Proposed claims", anchor=False)
    st.caption("Edit a cell to correct a claim (countries by name or ISO code; routes as `Poland>Slovakia;Romania`). "
               "Set 'decision' to reject to keep a proposal out for good.")
    edited = st.data_editor(
        _editor_frame(claims),
        key="proposal-editor",
        hide_index=True,
        width="stretch",
        num_rows="fixed",
        disabled=["evidence", "confidence"],
        column_config={
            "decision": st.column_config.SelectboxColumn("decision", options=list(DECISIONS), required=True),
            "stance": st.column_config.SelectboxColumn("stance", options=list(STANCES)),
            "category": st.column_config.SelectboxColumn("category", options=list(table.CATEGORIES)),
            "evidence": st.column_config.TextColumn("evidence", width="large"),
            "confidence": st.column_config.NumberColumn("confidence", format="%.2f"),
        },
    )
    save, discard = st.columns([1, 4])
    if save.button("Save decisions", type="primary", key="save-proposals", icon=":material/save:"):
        result = review(claims, edited, list(edited["decision"]))
        for problem in result.problems:
            st.error(f"Not saved: {md_escape(problem)}")
        store.add_articles(pending["articles"])
        report = store.save(result.save, result.corrects)
        rejected = store.reject(result.rejected)
        st.session_state.pop(PROPOSALS, None)
        st.session_state["_saved_message"] = f"{report}; {rejected} rejected."
        st.rerun()
    if discard.button("Discard", key="discard-proposals"):
        st.session_state.pop(PROPOSALS, None)
        st.rerun()


def _show_saved_message() -> None:
    message = st.session_state.pop("_saved_message", None)
    if message:
        st.success(message, icon=":material/check_circle:")


def add_register(store: Store) -> None:
    st.markdown("Upload a register export: SIPRI trade register, Kiel Ukraine Support Tracker, "
                "CAAT brokering licences. The format is recognised from the file.")
    upload = st.file_uploader("Register file", type=["csv", "txt"], key="register-file")
    if upload is None:
        return
    from flows.importers import ImportFileError, import_bytes

    try:
        result = import_bytes(upload.getvalue(), upload.name)
    except ImportFileError as error:
        st.error(md_escape(error))
        return
    st.write(f"{result.format}: {result.rows_read:,} rows read, {len(result.claims):,} records, "
             f"{len(result.problems):,} problem(s).")
    if result.problems:
        st.dataframe(pd.DataFrame({"problem": [str(p) for p in result.problems]}), hide_index=True, width="stretch")
    if len(result.claims) and st.button(f"Save {len(result.claims):,} register records", type="primary",
                                        key="save-register"):
        report = store.save(result.claims)
        st.success(str(report))


def add_claims_csv(store: Store) -> None:
    st.markdown("Upload a claims table (CSV with the contract's columns, as downloaded from the "
                "dashboard or written by `flows`). Every bad row is reported; valid rows can be saved.")
    upload = st.file_uploader("Claims CSV", type=["csv"], key="claims-csv")
    if upload is None:
        return
    try:
        result = table.read_claims_csv(upload.getvalue(), upload.name)
    except table.TableError as error:
        st.error(md_escape(error))
        return
    st.write(f"{result.rows_read:,} rows read: {len(result.claims):,} valid, {result.rows_rejected:,} rejected.")
    if result.problems:
        st.dataframe(
            pd.DataFrame(
                {
                    "row": [p.row for p in result.problems],
                    "column": [p.column for p in result.problems],
                    "problem": [p.message for p in result.problems],
                    "value": [p.value for p in result.problems],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if len(result.claims) and st.button(f"Save {len(result.claims):,} valid claims", type="primary",
                                        key="save-csv"):
        report = store.save(result.claims)
        st.success(str(report))


def run_page(page: Callable[[], None], what: str) -> None:
    """Run a page with the last-resort error message (no traceback for the user)."""
    _show_saved_message()
    with guarded(what):
        page()
