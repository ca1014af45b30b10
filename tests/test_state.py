"""View state <-> URL query string: round trip, whitelists, notices."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs

from hypothesis import given
from hypothesis import strategies as st

from flows import countries
from flows.state import (
    CATEGORY_CHOICES,
    COLOR_BY,
    KEYS,
    TABLE_ROWS_AS,
    MEASURES,
    TOP_MAX,
    TOP_MIN,
    VIEWS,
    Choices,
    ViewState,
    from_query,
    query_string,
    to_query,
)
from flows.vocabulary import SOURCE_KINDS, STANCES

CODES = sorted(c for c in countries.known_codes())


def _subset(values):
    return st.lists(st.sampled_from(values), unique=True, max_size=4).map(tuple)


_claimant = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=40
).map(str.strip).filter(bool)

states = st.builds(
    ViewState,
    date_from=st.none() | st.dates(date(1950, 1, 1), date(2040, 1, 1)),
    date_to=st.none(),
    claimants=st.lists(_claimant, unique=True, max_size=3).map(tuple),
    stances=_subset(list(STANCES)).map(lambda t: tuple(s for s in STANCES if s in t)),
    kinds=_subset(list(SOURCE_KINDS)).map(lambda t: tuple(s for s in SOURCE_KINDS if s in t)),
    origins=_subset(CODES),
    vias=_subset(CODES),
    destinations=_subset(CODES),
    claimant_countries=_subset(CODES),
    categories=_subset(list(CATEGORY_CHOICES)).map(lambda t: tuple(s for s in CATEGORY_CHOICES if s in t)),
    min_confidence=st.sampled_from([0.0, 0.05, 0.5, 0.85, 1.0]),
    query=st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF, blacklist_categories=("Cc",)), max_size=30).map(
        str.strip
    ),
    view=st.sampled_from(list(VIEWS)),
    color=st.sampled_from(list(COLOR_BY)),
    measure=st.sampled_from(list(MEASURES)),
    rows=st.sampled_from(list(TABLE_ROWS_AS)),
    top=st.integers(TOP_MIN, TOP_MAX),
    claim=st.just("") | st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
)


@given(states)
def test_round_trip_through_the_query_dict(state):
    back, notices = from_query(to_query(state))
    assert notices == []
    assert back == state


@given(states)
def test_round_trip_through_a_url_string(state):
    params = parse_qs(query_string(state), keep_blank_values=True)
    back, notices = from_query(params)
    assert notices == []
    assert back == state


def test_default_state_is_an_empty_query():
    assert to_query(ViewState()) == {}
    assert from_query({}) == (ViewState(), [])


def test_only_non_defaults_are_written_with_short_keys():
    state = ViewState(origins=("RUS",), view="map", measure="quantity", top=20)
    assert to_query(state) == {"o": ["Russia"], "view": "Map", "measure": "units", "top": "20"}
    assert all(len(key) <= 7 for key in KEYS.values())


def test_the_claims_view_lists_claims_unless_the_link_asks_for_reports():
    assert ViewState().rows == "claims"
    assert to_query(ViewState(view="table", rows="reports")) == {"view": "Claims", "rows": "Reports"}
    assert from_query({"view": "Claims", "rows": "reports"}) == (ViewState(view="table", rows="reports"), [])
    state, notices = from_query({"rows": "lines"})
    assert state.rows == "claims"
    assert notices == ["Ignored rows='lines': not one of Claims, Reports; showing Claims."]


def test_urls_use_the_labels_widgets_show_and_accept_codes_and_any_case():
    state, notices = from_query({"o": ["RUS", "ukraine"], "d": "United States", "view": "MAP"})
    assert notices == []
    assert state.origins == ("RUS", "UKR")
    assert state.destinations == ("USA",)
    assert state.view == "map"


def test_bad_values_fall_back_to_defaults_with_a_notice_each():
    params = {
        "from": "2022-13-01",
        "st": ["alleged", "rumoured"],
        "o": "Atlantis",
        "view": "3d",
        "top": "999",
        "measure": "__import__('os')",
        "c": "not-an-id",
        "evil": "1",
    }
    state, notices = from_query(params)
    assert state == ViewState(stances=("alleged",))
    text = "\n".join(notices)
    for fragment in ("'evil'", "2022-13-01", "rumoured", "Atlantis", "'3d'", "top=999", "__import__", "c="):
        assert fragment in text
    assert len(notices) == 8


def test_swapped_dates_are_put_in_order_with_a_notice():
    state, notices = from_query({"from": "2024-01-01", "to": "2023-01-01"})
    assert (state.date_from, state.date_to) == (date(2023, 1, 1), date(2024, 1, 1))
    assert len(notices) == 1


def test_values_are_checked_against_the_data_when_choices_are_given():
    choices = Choices(claimants=frozenset({"Ukraine's HUR"}), countries=frozenset({"RUS", "UKR"}))
    state, notices = from_query({"by": ["Ukraine's HUR", "Nobody"], "o": ["Russia", "France"]}, choices)
    assert state.claimants == ("Ukraine's HUR",)
    assert state.origins == ("RUS",)
    assert any("Nobody" in n for n in notices) and any("France" in n for n in notices)


def test_control_characters_and_long_text_are_not_taken_verbatim():
    state, notices = from_query({"q": "drones\x00\n" + "x" * 500, "by": "a\x07b"})
    assert "\x00" not in state.query and len(state.query) <= 200
    assert state.claimants == ()
    assert len(notices) == 2


def test_filters_only_resets_view_choices():
    state = ViewState(stances=("denied",), view="map", top=5)
    assert state.filters_only() == ViewState(stances=("denied",))


def test_claimant_country_confidence_and_no_category_travel_in_the_link():
    state, notices = from_query({"cc": ["rus", "Ukraine"], "conf": "0.85", "cat": ["No category", "drones"]})
    assert notices == []
    assert state.claimant_countries == ("RUS", "UKR")
    assert state.min_confidence == 0.85
    assert state.categories == ("drones", "no category")
    assert parse_qs(query_string(state)) == {
        "cc": ["Russia", "Ukraine"], "cat": ["drones", "no category"], "conf": ["0.85"]
    }
    _, notices = from_query({"conf": "2"})
    assert notices and "conf" in notices[0]
