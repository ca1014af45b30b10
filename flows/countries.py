"""Country names, demonyms, capitals and seats of power -> ISO 3166-1 alpha-3.

Names come from pycountry (ISO 3166-1 and, for dissolved states, ISO 3166-3);
everything pycountry lacks lives as data in ``flows/data/country_aliases.csv``
with the source of each row. Resolution is by whole normalised name only: it
never guesses from a substring, so "Niger" never matches inside "Nigeria".
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

import pycountry

from flows.patterns import trie_pattern

ALIASES_FILE = "country_aliases.csv"

# Codes outside ISO 3166-1 that the project accepts, with display names.
EXTRA_CODES: dict[str, str] = {
    "XKX": "Kosovo",
    "XXX": "Unknown",
    "EUE": "European Union",
    "UNO": "United Nations",
    "XNA": "NATO",
    "XAU": "African Union",
    "SUN": "Soviet Union",
    "YUG": "Yugoslavia",
    "CSK": "Czechoslovakia",
    "DDR": "East Germany",
}

# Codes that are not states on a map (organisations, "unknown").
NON_STATE_CODES: frozenset[str] = frozenset({"XXX", "EUE", "UNO", "XNA", "XAU"})

# Short names a reader expects, where pycountry's name is long or formal.
DISPLAY_NAMES: dict[str, str] = {
    "RUS": "Russia",
    "IRN": "Iran",
    "PRK": "North Korea",
    "KOR": "South Korea",
    "SYR": "Syria",
    "VEN": "Venezuela",
    "BOL": "Bolivia",
    "TZA": "Tanzania",
    "VNM": "Vietnam",
    "LAO": "Laos",
    "MDA": "Moldova",
    "TWN": "Taiwan",
    "PSE": "Palestine",
    "COD": "DR Congo",
    "COG": "Congo",
    "CZE": "Czech Republic",
    "TUR": "Turkey",
    "GBR": "United Kingdom",
    "USA": "United States",
    "FSM": "Micronesia",
    "BRN": "Brunei",
    "CIV": "Ivory Coast",
    "VAT": "Vatican",
    "MKD": "North Macedonia",
    "BIH": "Bosnia and Herzegovina",
    "ARE": "United Arab Emirates",
    **EXTRA_CODES,
}


class UnknownCountry(ValueError):
    """A name that resolves to no country."""

    def __init__(self, name: str) -> None:
        super().__init__(f"unknown country: {name!r}")
        self.name = name


@dataclass(frozen=True)
class Alias:
    alias: str
    code: str
    kind: str  # name, demonym, capital, seat, place, historic, organisation, special
    source: str


def normalise(name: str) -> str:
    """Case-, accent- and punctuation-folded key for a country name."""
    # Fold twice: NFKD can yield capitals ("𝕊" -> "S") and casefolding can yield
    # combining marks ("ǰ"), so one pass of each is not a fixed point.
    folded = name
    for _ in range(2):
        folded = unicodedata.normalize("NFKD", folded.casefold())
        folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    folded = folded.replace("&", " and ")
    folded = re.sub(r"[’'`]s\b", "", folded)  # "Russia's" -> "russia"
    folded = re.sub(r"[^\w()]+", " ", folded)
    folded = re.sub(r"^(?:the\s+)+", "", folded.strip())
    return " ".join(folded.split())


# Kinds of rows in the data file. "exclusion" rows are not countries: they are
# longer names (New Jersey, Indian Ocean) that must win over the country name
# inside them in running text, and they have no code.
ALIAS_KINDS: tuple[str, ...] = (
    "name",
    "demonym",
    "capital",
    "seat",
    "place",
    "historic",
    "organisation",
    "special",
)
EXCLUSION_KIND = "exclusion"


@cache
def _data_rows() -> tuple[dict[str, str], ...]:
    text = resources.files("flows").joinpath("data", ALIASES_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return tuple(csv.DictReader(lines))


@cache
def aliases() -> tuple[Alias, ...]:
    """The alias table: pycountry's names first, then the project's data file."""
    rows: list[Alias] = []
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                rows.append(Alias(value, country.alpha_3, "name", "pycountry ISO 3166-1"))
    for record in _data_rows():
        if record["kind"] != EXCLUSION_KIND:
            rows.append(Alias(record["alias"], record["code"], record["kind"], record["source"]))
    return tuple(rows)


@cache
def exclusions() -> tuple[str, ...]:
    """Names that contain a country's name but are not a country ("New Jersey")."""
    return tuple(r["alias"] for r in _data_rows() if r["kind"] == EXCLUSION_KIND)


@cache
def _lookup() -> dict[str, str]:
    table: dict[str, str] = {}
    for alias in aliases():
        table.setdefault(normalise(alias.alias), alias.code)
    # Codes are not names: "Ben" is a first name, not Benin (BEN); resolve()
    # takes a code only as written, in capitals.
    return table


@cache
def known_codes() -> frozenset[str]:
    """Every alpha-3 code a claims table may hold."""
    return frozenset({c.alpha_3 for c in pycountry.countries} | set(EXTRA_CODES))


def is_known_code(code: str) -> bool:
    return code in known_codes()


@lru_cache(maxsize=1 << 16)  # pure, and the extractor asks about the same words again and again
def resolve(name: str) -> str | None:
    """ISO alpha-3 code for a name, demonym, capital or code; None when unknown."""
    if not name or not name.strip():
        return None
    stripped = name.strip()
    if stripped in known_codes():
        return stripped  # a code only in capitals: "Sun" is not the Soviet Union
    return _lookup().get(normalise(stripped))


def resolve_strict(name: str) -> str:
    """Like :func:`resolve`, but raises :class:`UnknownCountry`."""
    code = resolve(name)
    if code is None:
        raise UnknownCountry(name)
    return code


@cache
def _alpha2_lookup() -> dict[str, str]:
    table = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    table.update({"XK": "XKX", "UK": "GBR", "EL": "GRC", "EU": "EUE"})  # EU usage: UK, EL
    return table


def from_alpha2(code: str) -> str | None:
    """alpha-3 for an alpha-2 code (with the EU's UK/EL spellings); None when unknown."""
    return _alpha2_lookup().get(code.strip().upper())


@lru_cache(maxsize=4096)
def name_of(code: str) -> str:
    """A short display name for a code; the code itself when unknown.

    Cached: figures name each country once per link, thousands of times a figure at a million claims.
    """
    if code in DISPLAY_NAMES:
        return DISPLAY_NAMES[code]
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def is_state(code: str) -> bool:
    """True for codes drawn as a place on a map (not organisations or 'unknown')."""
    return code in known_codes() and code not in NON_STATE_CODES


@dataclass(frozen=True)
class Mention:
    """A country named in running text."""

    text: str  # as written
    code: str
    kind: str
    start: int
    end: int


def _written_forms(alias: str) -> set[str]:
    """The spellings of an alias to look for in running text.

    Aliases written in capitals (US, UK, EU, DRC) match only in capitals, so the
    pronoun "us" is never the United States; other aliases match as written or
    with a capital first letter (proper nouns), plus all-caps for headlines.
    Each form also comes with typographic and plain apostrophes, and without
    accents, because news text uses both ("Côte d’Ivoire", "Cote d'Ivoire").
    """
    raw = alias[4:] if alias.lower().startswith("the ") else alias
    forms = {raw}
    if not (raw.isupper() or "." in raw):
        forms.add(raw[:1].upper() + raw[1:])
        if len(raw) > 4:
            forms.add(raw.upper())
    for form in list(forms):
        plain = "".join(ch for ch in unicodedata.normalize("NFKD", form) if not unicodedata.combining(ch))
        forms.update({plain, *(f.replace("'", "’") for f in (form, plain))})
        forms.update(f.replace("’", "'") for f in (form, plain))
    return forms


@cache
def _mention_table() -> tuple[re.Pattern[str], dict[str, Alias | None]]:
    """One compiled pattern for every alias, longest first so the longest name wins.

    Exclusions ("New Jersey") are in the pattern too, mapped to None, so that
    they swallow the country name inside them.
    """
    by_form: dict[str, Alias | None] = {}
    for alias in aliases():
        if alias.kind == "special":
            continue
        for form in _written_forms(alias.alias):
            by_form.setdefault(form, alias)
    for phrase in exclusions():
        for form in _written_forms(phrase):
            by_form[form] = None
    # A trie-shaped alternation: the longest form still wins, several times faster.
    body = trie_pattern(by_form)
    # (?<![\w.-]) keeps names whole at the start: no "Niger" in "Nigeria"-like
    # compounds, no "US" after "U.S."; a "pro-Russian" is not Russia. (?!\w) at
    # the end lets "Russian-made" and "Russia's" through, but not "US" in "USB";
    # hyphenated names ("Guinea-Bissau") still win because longer forms come first.
    pattern = re.compile(rf"(?<![\w.-])(?:{body})(?!\w)")
    return pattern, by_form


def mentions(text: str) -> list[Mention]:
    """Every country named in ``text``, left to right, longest match at each place."""
    pattern, by_form = _mention_table()
    found: list[Mention] = []
    for match in pattern.finditer(text):
        alias = by_form[match.group(0)]
        if alias is None or text[match.end() : match.end() + 1] == "$":
            continue  # an exclusion ("New Jersey"), or a currency ("US$247 million", "HK$5")
        found.append(Mention(match.group(0), alias.code, alias.kind, match.start(), match.end()))
    return found
