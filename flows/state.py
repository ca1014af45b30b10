"""The dashboard's view state and its query string.

Every filter and view choice of the dashboard is one field of :class:`ViewState`
and one short key of the URL query string, so any view can be shared as a link.
The mapping follows FlowmapBlue's ``applyStateFromQueryString`` /
``stateToQueryParams``: short keys, whitelisted values, defaults on bad input.

A value in the URL is the text the matching widget shows (a country's display
name such as ``Russia``, a view's label such as ``Map``), because Streamlit's
``bind="query-params"`` widgets write exactly that into the address bar.
:func:`from_query` is lenient where it can be (it also takes ISO codes and any
letter case) and strict where it must be: anything it cannot read is dropped
with a notice and the default is used. Nothing from the URL is evaluated or
unpickled; values are only compared with known options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from flows import countries
from flows.vocabulary import CATEGORIES, COLOR_BY, MEASURES, SOURCE_KINDS, STANCES

# Views, colourings and link values: internal value -> label shown and put in the URL.
VIEWS: dict[str, str] = {"sankey": "Sankey", "map": "Map", "timeline": "Timeline", "table": "Claims"}
# What a line of the claims view is: a claim (its reports grouped, flows.corroborate) or a report (a row).
TABLE_ROWS_AS: dict[str, str] = {"claims": "Claims", "reports": "Reports"}
KINDS: dict[str, str] = {kind: kind for kind in SOURCE_KINDS}

TOP_MIN, TOP_MAX, TOP_DEFAULT = 3, 40, 12
MAX_TEXT = 200  # longest search text or claimant name taken from a URL
MAX_VALUES = 50  # most values taken for one multi-valued key
_CLAIM_ID = re.compile(r"^[0-9a-f]{16}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

# Query keys, in the order they appear in a URL (the sidebar's order).
KEYS: dict[str, str] = {
    "date_from": "from",
    "date_to": "to",
    "claimants": "by",
    "stances": "st",
    "kinds": "kind",
    "origins": "o",
    "vias": "v",
    "destinations": "d",
    "claimant_countries": "cc",
    "categories": "cat",
    "min_confidence": "conf",
    "query": "q",
    "view": "view",
    "color": "color",
    "measure": "measure",
    "top": "top",
    "rows": "rows",
    "claim": "c",
    "flow": "flow",
}


@dataclass(frozen=True)
class ViewState:
    """What the dashboard shows: the filters, then the view choices."""

    date_from: date | None = None
    date_to: date | None = None
    claimants: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()  # ISO alpha-3 codes
    vias: tuple[str, ...] = ()
    destinations: tuple[str, ...] = ()
    claimant_countries: tuple[str, ...] = ()  # ISO alpha-3 codes of the claimants' countries
    categories: tuple[str, ...] = ()  # CATEGORY_CHOICES: a category, or NO_CATEGORY
    min_confidence: float = 0.0  # keep claims at least this confident (a register's "?" flag lowers it)
    query: str = ""
    view: str = "sankey"
    color: str = "claimant"
    measure: str = "claims"
    top: int = TOP_DEFAULT
    rows: str = "claims"  # the claims view lists claims or reports (TABLE_ROWS_AS)
    claim: str = ""  # claim_id picked in the claims view
    flow: str = ""  # the flow dossier's origin-destination pair, "PRK>RUS" (flows.dossier)

    def filters_only(self) -> ViewState:
        """This state with the view choices back at their defaults."""
        return replace(ViewState(), **{name: getattr(self, name) for name in FILTER_FIELDS})


FILTER_FIELDS: tuple[str, ...] = (
    "date_from",
    "date_to",
    "claimants",
    "stances",
    "kinds",
    "origins",
    "vias",
    "destinations",
    "claimant_countries",
    "categories",
    "min_confidence",
    "query",
)

# The category filter's choices: each category, and claims that name none.
NO_CATEGORY = "no category"
CATEGORY_CHOICES: tuple[str, ...] = (*CATEGORIES, NO_CATEGORY)


@dataclass(frozen=True)
class Choices:
    """Values the data holds, to check URL values against (None: accept any valid one)."""

    claimants: frozenset[str] | None = None
    countries: frozenset[str] | None = field(default=None)


# --------------------------------------------------------------------------- tokens


def country_label(code: str) -> str:
    """The text a country shows in the dashboard and in the URL."""
    return countries.name_of(code)


def flow_label(flow: str) -> str:
    """The text a flow ("PRK>RUS") shows in the dashboard and in the URL: "North Korea → Russia"."""
    origin, _, destination = flow.partition(">")
    return f"{country_label(origin)} → {country_label(destination)}"


@cache
def _country_by_label() -> dict[str, str]:
    return {countries.name_of(code).casefold(): code for code in countries.known_codes()}


def country_code(token: str) -> str | None:
    """A URL token (display name, ISO code, or any name the resolver knows) -> code."""
    text = token.strip()
    if not text:
        return None
    if len(text) == 3 and text.upper() in countries.known_codes():
        return text.upper()
    return _country_by_label().get(text.casefold()) or countries.resolve(text)


def _label_lookup(table: Mapping[str, str]) -> dict[str, str]:
    lookup = {label.casefold(): value for value, label in table.items()}
    lookup.update({value.casefold(): value for value in table})
    return lookup


def _values(raw: str | Sequence[str] | None) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str):
        return [raw]
    return [str(value) for value in raw]


def _single(raw: str | Sequence[str] | None) -> str | None:
    values = _values(raw)
    return values[-1] if values else None


def _plural(values: Iterable[str]) -> str:
    shown = [repr(v[:40]) for v in values]
    return ", ".join(shown)


# --------------------------------------------------------------------------- parse


def from_query(
    params: Mapping[str, str | Sequence[str]], choices: Choices | None = None
) -> tuple[ViewState, list[str]]:
    """A view state from query parameters, and a notice for each value not taken.

    Unknown keys, unreadable values and values outside the whitelists are
    dropped (the default is used) and named in the notices.
    """
    choices = choices or Choices()
    notices: list[str] = []
    known_keys = set(KEYS.values())
    unknown = sorted(k for k in params if k not in known_keys)
    if unknown:
        notices.append(f"Ignored unknown link setting(s): {_plural(unknown)}.")
    values: dict[str, object] = {}

    for name in ("date_from", "date_to"):
        key = KEYS[name]
        raw = _single(params.get(key))
        if raw is None or raw == "":
            continue
        try:
            values[name] = date.fromisoformat(raw.strip())
        except ValueError:
            notices.append(f"Ignored {key}={raw[:40]!r}: not a date (YYYY-MM-DD); no {key} date is set.")
    if (
        isinstance(values.get("date_from"), date)
        and isinstance(values.get("date_to"), date)
        and values["date_from"] > values["date_to"]  # type: ignore[operator]
    ):
        notices.append("The link's 'from' date is after its 'to' date; the dates were swapped.")
        values["date_from"], values["date_to"] = values["date_to"], values["date_from"]

    # Closed vocabularies: stances, kinds, categories.
    vocabularies: tuple[tuple[str, Mapping[str, str]], ...] = (
        ("stances", {s: s for s in STANCES}),
        ("kinds", KINDS),
        ("categories", {c: c for c in CATEGORY_CHOICES}),
    )
    for name, vocabulary in vocabularies:
        key = KEYS[name]
        lookup = _label_lookup(vocabulary)
        taken: list[str] = []
        dropped: list[str] = []
        for token in _values(params.get(key))[:MAX_VALUES]:
            value = lookup.get(token.strip().casefold())
            if value is None:
                if token.strip():
                    dropped.append(token)
            elif value not in taken:
                taken.append(value)
        if dropped:
            allowed = ", ".join(vocabulary.values())
            notices.append(f"Ignored {key}={_plural(dropped)}: not one of {allowed}.")
        if taken:
            values[name] = tuple(v for v in vocabulary if v in taken)

    # Countries: display names or codes (a claimant's country: any known one).
    for name in ("origins", "vias", "destinations", "claimant_countries"):
        key = KEYS[name]
        taken = []
        dropped = []
        checked = choices.countries if name != "claimant_countries" else None
        for token in _values(params.get(key))[:MAX_VALUES]:
            code = country_code(token)
            if code is None or (checked is not None and code not in checked):
                if token.strip():
                    dropped.append(token)
            elif code not in taken:
                taken.append(code)
        if dropped:
            why = "not a country in the data" if checked is not None else "not a known country"
            notices.append(f"Ignored {key}={_plural(dropped)}: {why}.")
        if taken:
            values[name] = tuple(taken)

    # Claimants: free text, checked against the data when it is known.
    taken = []
    dropped = []
    for token in _values(params.get(KEYS["claimants"]))[:MAX_VALUES]:
        text = token.strip()
        if not text:
            continue
        if (
            len(text) > MAX_TEXT
            or _CONTROL.search(text)
            or (choices.claimants is not None and text not in choices.claimants)
        ):
            dropped.append(token)
        elif text not in taken:
            taken.append(text)
    if dropped:
        notices.append(f"Ignored by={_plural(dropped)}: no such claimant in the data.")
    if taken:
        values["claimants"] = tuple(taken)

    query = _single(params.get(KEYS["query"]))
    if query:
        cleaned = _CONTROL.sub(" ", query).strip()
        if len(cleaned) > MAX_TEXT:
            notices.append(f"The search text in the link was cut to {MAX_TEXT} characters.")
            cleaned = cleaned[:MAX_TEXT]
        if cleaned:
            values["query"] = cleaned

    for name, table in (("view", VIEWS), ("color", COLOR_BY), ("measure", MEASURES), ("rows", TABLE_ROWS_AS)):
        key = KEYS[name]
        raw = _single(params.get(key))
        if raw is None or raw == "":
            continue
        value = _label_lookup(table).get(raw.strip().casefold())
        if value is None:
            default = table[getattr(ViewState(), name)]
            notices.append(f"Ignored {key}={raw[:40]!r}: not one of {', '.join(table.values())}; showing {default}.")
        else:
            values[name] = value

    raw = _single(params.get(KEYS["top"]))
    if raw:
        try:
            top = int(raw.strip())
        except ValueError:
            notices.append(f"Ignored top={raw[:40]!r}: not a whole number; showing {TOP_DEFAULT}.")
        else:
            if TOP_MIN <= top <= TOP_MAX:
                values["top"] = top
            else:
                notices.append(f"Ignored top={top}: must be between {TOP_MIN} and {TOP_MAX}; showing {TOP_DEFAULT}.")

    raw = _single(params.get(KEYS["min_confidence"]))
    if raw:
        try:
            confidence = float(raw.strip())
        except ValueError:
            confidence = -1.0
        if 0.0 <= confidence <= 1.0:
            values["min_confidence"] = round(confidence, 2)
        else:
            notices.append(f"Ignored conf={raw[:40]!r}: not a confidence from 0 to 1; no minimum is set.")

    raw = _single(params.get(KEYS["claim"]))
    if raw:
        if _CLAIM_ID.match(raw.strip()):
            values["claim"] = raw.strip()
        else:
            notices.append(f"Ignored c={raw[:40]!r}: not a claim id.")

    raw = _single(params.get(KEYS["flow"]))
    if raw:
        # "North Korea → Russia" as the dossier's picker writes it, or codes "PRK>RUS".
        ends = [country_code(part) for part in re.split(r"\s*(?:→|>)\s*", raw.strip(), maxsplit=1)]
        if len(ends) == 2 and ends[0] and ends[1]:
            values["flow"] = f"{ends[0]}>{ends[1]}"
        else:
            notices.append(f"Ignored flow={raw[:60]!r}: not two countries ('Origin → Destination').")

    return ViewState(**values), notices  # type: ignore[arg-type]


# --------------------------------------------------------------------------- write


def to_query(state: ViewState) -> dict[str, str | list[str]]:
    """The query parameters of a view state: only the values that differ from the defaults.

    Multi-valued settings are lists (repeated keys in the URL, as Streamlit writes them).
    """
    default = ViewState()
    out: dict[str, str | list[str]] = {}
    for name, key in KEYS.items():
        value = getattr(state, name)
        if value == getattr(default, name):
            continue
        if name in ("date_from", "date_to"):
            out[key] = value.isoformat()
        elif name in ("origins", "vias", "destinations", "claimant_countries"):
            out[key] = [country_label(code) for code in value]
        elif name == "min_confidence":
            out[key] = f"{value:g}"
        elif name in ("stances", "kinds", "categories", "claimants"):
            out[key] = list(value)
        elif name == "view":
            out[key] = VIEWS[value]
        elif name == "color":
            out[key] = COLOR_BY[value]
        elif name == "measure":
            out[key] = MEASURES[value]
        elif name == "rows":
            out[key] = TABLE_ROWS_AS[value]
        elif name == "flow":
            out[key] = flow_label(value)
        else:
            out[key] = str(value)
    return out


def query_string(state: ViewState) -> str:
    """``to_query`` as a URL query string (without the leading ``?``)."""
    from urllib.parse import urlencode

    return urlencode(to_query(state), doseq=True)
