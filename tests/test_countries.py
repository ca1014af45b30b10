"""Country resolution: names, demonyms, capitals and seats -> ISO 3166-1 alpha-3.

The golden cases are the forms arms-transfer news and registers use: SIPRI,
Kiel Ukraine Support Tracker and CAAT (UK export licence) spellings, the
demonyms and capitals of Wikipedia's "List of adjectival and demonymic forms
for countries and nations" and "List of national capitals", and the traps a
regex over running text falls into (Niger in Nigeria, "us", the bird).
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import cache
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import countries
from flows.countries import Mention, UnknownCountry, mentions, normalise, resolve, resolve_strict

# (text as a whole field, expected alpha-3)
RESOLVE_CASES: list[tuple[str, str]] = [
    # names, short and formal
    ("the Czech Republic", "CZE"),
    ("Czech Republic", "CZE"),
    ("Czechia", "CZE"),
    ("Türkiye", "TUR"),
    ("Turkiye", "TUR"),
    ("Turkey", "TUR"),
    ("North Korea", "PRK"),
    ("DPRK", "PRK"),
    ("Democratic People's Republic of Korea", "PRK"),
    ("Democratic People’s Republic of Korea", "PRK"),
    ("South Korea", "KOR"),
    ("Republic of Korea", "KOR"),
    ("Iran", "IRN"),
    ("Islamic Republic of Iran", "IRN"),
    ("Russia", "RUS"),
    ("Russian Federation", "RUS"),
    ("the UK", "GBR"),
    ("Britain", "GBR"),
    ("Great Britain", "GBR"),
    ("United States of America", "USA"),
    ("U.S.", "USA"),
    ("Kosovo", "XKX"),
    ("Taiwan", "TWN"),
    ("Palestine", "PSE"),
    ("Holy See", "VAT"),
    # register spellings
    ("Cote d'Ivoire", "CIV"),
    ("Côte d’Ivoire", "CIV"),
    ("Ivory Coast", "CIV"),
    ("Viet Nam", "VNM"),
    ("Bosnia-Herzegovina", "BIH"),
    ("Bosnia & Herzegovina", "BIH"),
    ("Congo DR", "COD"),
    ("DR Congo", "COD"),
    ("Congo, Democratic Republic", "COD"),
    ("Congo", "COG"),
    ("Korea, South", "KOR"),
    ("Korea, North", "PRK"),
    ("UAE", "ARE"),
    ("Unknown supplier(s)", "XXX"),
    ("EU (Commission and Council)", "EUE"),
    ("East Germany (GDR)", "DDR"),
    # longest match: every Guinea and Niger is its own country
    ("Guinea", "GIN"),
    ("Equatorial Guinea", "GNQ"),
    ("Papua New Guinea", "PNG"),
    ("Guinea-Bissau", "GNB"),
    ("Guinea Bissau", "GNB"),
    ("Niger", "NER"),
    ("Nigeria", "NGA"),
    ("Sudan", "SDN"),
    ("South Sudan", "SSD"),
    # demonyms
    ("Serbian", "SRB"),
    ("Czech", "CZE"),
    ("Bulgarian", "BGR"),
    ("Ukrainian", "UKR"),
    ("Russian", "RUS"),
    ("North Korean", "PRK"),
    ("Iranian", "IRN"),
    ("Kosovar", "XKX"),
    ("Nigerien", "NER"),
    ("Nigerian", "NGA"),
    ("Bissau-Guinean", "GNB"),
    ("Burkinabè", "BFA"),
    # capitals and seats
    ("Belgrade", "SRB"),
    ("Moscow", "RUS"),
    ("the Kremlin", "RUS"),
    ("Kremlin", "RUS"),
    ("Kyiv", "UKR"),
    ("Kiev", "UKR"),
    ("Washington", "USA"),
    ("Washington, D.C.", "USA"),
    ("Pyongyang", "PRK"),
    ("Tehran", "IRN"),
    ("Beijing", "CHN"),
    ("Pristina", "XKX"),
    ("N'Djamena", "TCD"),
    ("Chisinau", "MDA"),
    ("Chișinău", "MDA"),
    # historic
    ("Soviet Union", "SUN"),
    ("USSR", "SUN"),
    ("Yugoslavia", "YUG"),
    ("Czechoslovakia", "CSK"),
    ("Zaire", "COD"),
    # codes and case
    ("RUS", "RUS"),
    ("  russia  ", "RUS"),
    ("RUSSIA", "RUS"),
    ("Russia's", "RUS"),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVE_CASES)
def test_resolve_golden(text: str, expected: str) -> None:
    assert resolve(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Atlantis", "Nige", "Guine", "Korea", "Dominican", "Congolese", "New Jersey", "Indian Ocean", "Russiaa"],
)
def test_resolve_unknown_is_none(text: str) -> None:
    assert resolve(text) is None


def test_resolve_strict_raises_with_the_name() -> None:
    with pytest.raises(UnknownCountry) as caught:
        resolve_strict("Atlantis")
    assert caught.value.name == "Atlantis"
    assert isinstance(caught.value, ValueError)
    assert resolve_strict("Serbia") == "SRB"


# (running text, the (text, code) pairs mentions() must find, left to right)
MENTION_CASES: list[tuple[str, list[tuple[str, str]]]] = [
    ("Russia's drones", [("Russia", "RUS")]),
    ("Serbia’s ammunition", [("Serbia", "SRB")]),
    ("Russian-made Lancets", [("Russian", "RUS")]),
    ("US-supplied HIMARS", [("US", "USA")]),
    ("Nigeria and Niger", [("Nigeria", "NGA"), ("Niger", "NER")]),
    (
        "Guinea, Equatorial Guinea, Papua New Guinea and Guinea-Bissau",
        [("Guinea", "GIN"), ("Equatorial Guinea", "GNQ"), ("Papua New Guinea", "PNG"), ("Guinea-Bissau", "GNB")],
    ),
    ("shells from the Czech Republic", [("Czech Republic", "CZE")]),
    ("the Kremlin said", [("Kremlin", "RUS")]),
    ("the UK and the US", [("UK", "GBR"), ("US", "USA")]),
    ("Côte d’Ivoire and Cote d'Ivoire", [("Côte d’Ivoire", "CIV"), ("Cote d'Ivoire", "CIV")]),
    ("the People’s Republic of China", [("People’s Republic of China", "CHN")]),
    ("TURKEY SENDS DRONES", [("TURKEY", "TUR")]),
    ("North Korean shells via Iran", [("North Korean", "PRK"), ("Iran", "IRN")]),
    ("South Sudanese and Sudanese troops", [("South Sudanese", "SSD"), ("Sudanese", "SDN")]),
    ("from Pristina to Belgrade", [("Pristina", "XKX"), ("Belgrade", "SRB")]),
    ("Soviet Union, Yugoslavia and Czechoslovakia", [("Soviet Union", "SUN"), ("Yugoslavia", "YUG"), ("Czechoslovakia", "CSK")]),
]


@pytest.mark.parametrize(("text", "expected"), MENTION_CASES)
def test_mentions_golden(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.code) for m in mentions(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "let us know",  # the pronoun is not the United States
        "a USB stick",
        "roast turkey for dinner",  # the bird, in lower case
        "Nigerians",  # no word character may follow a name
        "pro-Russian separatists",  # a hyphen before: an attitude, not the country
        "shipped to New Jersey",
        "in the Indian Ocean",
        "the South China Sea",
        "the Washington Post reported",
        "oil from the Niger Delta",
        "a ship from Jersey City",
        "North American suppliers",
        "the unknown supplier",  # "special" aliases are for register fields only
    ],
)
def test_mentions_negatives(text: str) -> None:
    assert mentions(text) == []


def test_mention_fields() -> None:
    (found,) = mentions("Kyiv said")
    assert found == Mention(text="Kyiv", code="UKR", kind="capital", start=0, end=4)
    assert [m.kind for m in mentions("Serbian shells, Serbia, the Kremlin, USSR")] == [
        "demonym",
        "name",
        "seat",
        "historic",
    ]


# --------------------------------------------------------------------------- the data file


def _data_records() -> list[dict[str, str]]:
    text = resources.files("flows").joinpath("data", countries.ALIASES_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def test_data_rows_are_complete_and_known() -> None:
    kinds = set(countries.ALIAS_KINDS) | {countries.EXCLUSION_KIND}
    for record in _data_records():
        assert record["alias"].strip() == record["alias"] != "", record
        assert record["kind"] in kinds, record
        assert record["source"].strip(), record
        if record["kind"] == countries.EXCLUSION_KIND:
            assert record["code"] == "", record
        else:
            assert countries.is_known_code(record["code"]), record


def test_no_alias_maps_to_two_codes() -> None:
    codes_by_key: dict[str, set[str]] = defaultdict(set)
    for alias in countries.aliases():
        codes_by_key[normalise(alias.alias)].add(alias.code)
    clashes = {key: codes for key, codes in codes_by_key.items() if len(codes) > 1}
    assert clashes == {}


def test_exclusions_are_no_alias() -> None:
    keys = {normalise(alias.alias) for alias in countries.aliases()}
    assert [phrase for phrase in countries.exclusions() if normalise(phrase) in keys] == []


def test_every_alias_resolves_to_its_code() -> None:
    wrong = [(a.alias, a.code, resolve(a.alias)) for a in countries.aliases() if resolve(a.alias) != a.code]
    assert wrong == []


def test_every_form_found_in_text_resolves_to_its_code() -> None:
    # mentions() and resolve() must agree: the extractor resolves what it found.
    wrong = []
    for alias in countries.aliases():
        if alias.kind == "special":
            continue
        text = f"Arms went to {alias.alias} last year."
        codes = [m.code for m in mentions(text) if resolve(m.text) != m.code]
        wrong.extend((alias.alias, code) for code in codes)
    assert wrong == []


# UN member states (193), the two observer states, Taiwan and Kosovo.
UN_MEMBERS_AND_OBSERVERS = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA
BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE PRK DNK
DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB
GUY HTI HND HUN ISL IND IDN IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR KWT KGZ LAO LVA LBN LSO
LBR LBY LIE LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MCO MNG MNE MAR MOZ MMR NAM NRU
NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT KOR MDA ROU RUS RWA
KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE
SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB
ZWE
VAT PSE
TWN XKX
""".split()

# Demonyms shared by two states or with a region: left out on purpose (see the data file).
NO_DEMONYM = {"CAF", "COD", "COG", "DMA", "DOM", "VAT"}
# Capitals that are also the country's name (Luxembourg, Singapore...), or that
# name other places or people (Kingston, Lima, Wellington...): left out on purpose.
NO_CAPITAL = {
    "ATG", "BHS", "CHL", "CRI", "DJI", "GRD", "GUY", "JAM", "LUX", "MDV",
    "MCO", "NZL", "PAN", "PER", "SMR", "SYC", "SGP", "VAT",
}  # fmt: skip


def test_member_list_is_the_un() -> None:
    assert len(UN_MEMBERS_AND_OBSERVERS) == len(set(UN_MEMBERS_AND_OBSERVERS)) == 193 + 2 + 2


@pytest.mark.parametrize("code", UN_MEMBERS_AND_OBSERVERS)
def test_every_state_has_name_demonym_and_capital(code: str) -> None:
    kinds = {a.kind for a in countries.aliases() if a.code == code}
    assert "name" in kinds
    assert countries.is_state(code)
    assert ("demonym" in kinds) == (code not in NO_DEMONYM)
    assert bool(kinds & {"capital", "seat"}) == (code not in NO_CAPITAL)


# --------------------------------------------------------------------------- other API


def test_from_alpha2() -> None:
    assert countries.from_alpha2("rs") == "SRB"
    assert countries.from_alpha2("XK") == "XKX"
    assert countries.from_alpha2("UK") == "GBR"
    assert countries.from_alpha2("EL") == "GRC"
    assert countries.from_alpha2("QQ") is None


def test_name_of_and_is_state() -> None:
    assert countries.name_of("PRK") == "North Korea"
    assert countries.name_of("SRB") == "Serbia"
    assert countries.name_of("NOPE") == "NOPE"
    assert not countries.is_state("EUE")
    assert not countries.is_state("XXX")
    assert countries.is_state("XKX")
    assert not countries.is_state("NOPE")


# --------------------------------------------------------------------------- properties


@pytest.mark.parametrize("code", sorted(countries.known_codes()))
def test_display_name_resolves_back(code: str) -> None:
    assert resolve(countries.name_of(code)) == code


@settings(deadline=None)
@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once


@settings(deadline=None)
@given(st.sampled_from(countries.aliases()), st.sampled_from(["", "the ", "THE "]), st.sampled_from(["", "'s", "’s"]))
def test_alias_resolves_with_article_and_possessive(alias: countries.Alias, article: str, possessive: str) -> None:
    name = alias.alias if alias.alias.lower().startswith("the ") else article + alias.alias
    assert resolve(name + possessive) == alias.code


_filler = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
_aliases_written = st.sampled_from([a.alias for a in countries.aliases() if a.kind != "special"])


@settings(deadline=None)
@given(st.lists(st.one_of(_filler, _aliases_written), max_size=8))
def test_mentions_spans_slice_back(parts: list[str]) -> None:
    text = " ".join(parts)
    found = mentions(text)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
        assert countries.is_known_code(mention.code)
    ends = [m.end for m in found]
    starts = [m.start for m in found]
    assert all(end <= start for end, start in zip(ends, starts[1:]))  # left to right, no overlap


@settings(deadline=None)
@given(st.text())
def test_random_text_never_raises(text: str) -> None:
    code = resolve(text)
    assert code is None or countries.is_known_code(code)
    assert all(isinstance(m, Mention) for m in mentions(text))


@cache
def _longest_first_reference() -> re.Pattern[str]:
    """The plain longest-first alternation that the trie-shaped pattern must equal."""
    _, by_form = countries._mention_table()
    body = "|".join(re.escape(form) for form in sorted(by_form, key=len, reverse=True))
    return re.compile(rf"(?<![\w.-])(?:{body})(?!\w)")


_forms_and_exclusions = st.sampled_from(sorted(countries._mention_table()[1]))


@settings(deadline=None)
@given(st.lists(st.one_of(_forms_and_exclusions, st.sampled_from([" ", "-", "'s ", "ia", "n ", ", ", ""])), max_size=10))
def test_mentions_match_a_longest_first_alternation(parts: list[str]) -> None:
    text = "".join(parts)
    _, by_form = countries._mention_table()
    expected = [
        (m.start(), m.end())
        for m in _longest_first_reference().finditer(text)
        if by_form[m.group(0)] is not None
    ]
    assert [(m.start, m.end) for m in mentions(text)] == expected


# --------------------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("arms smuggled from the Sinai into Gaza", ["EGY", "PSE"]),
        ("a container unloaded at Misrata was bound for Benghazi", ["LBY", "LBY"]),
        ("rifles bought in Texas and Arizona crossed into Sinaloa", ["USA", "USA", "MEX"]),
        ("drones flown from Bandar Abbas to Novorossiysk", ["IRN", "RUS"]),
        ("the CAR embassy said the car was armoured", ["CAF"]),
    ],
)
def test_regions_and_ports_stand_for_their_state(text: str, codes: list[str]) -> None:
    assert [m.code for m in countries.mentions(text)] == codes


@pytest.mark.parametrize("place", ["Punjab", "Kurdistan", "Rafah", "Crimea", "Lagos"])
def test_places_of_two_states_or_contested_name_no_state(place: str) -> None:
    assert countries.resolve(place) is None
