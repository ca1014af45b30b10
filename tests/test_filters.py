"""Filter rules (rows kept and sentences), headline figures and download names."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from flows.dates import date_end
from flows.filters import (
    HELPER_COLUMNS,
    file_name,
    filter_claims,
    headline,
    prepare,
    public,
    rules_for,
)
from flows.models import Evidence
from flows.state import ViewState
from flows.table import CLAIM_COLUMNS, claims_to_frame


@pytest.fixture
def claims(make_claim) -> pd.DataFrame:
    def _claim(n: int, **fields: object):
        """The shared factory's claim, with this file's evidence and no source, url or confidence."""
        base: dict[str, object] = dict(
            evidence=(Evidence(f"Sentence {n} about shells.", 0, 10),),
            article_id=f"a{n}",
            source="",
            url="",
            confidence=0.0,
        )
        base.update(fields)
        return make_claim(n, **base)

    return prepare(
        claims_to_frame(
            [
                _claim(1),
                _claim(2, claimant="Pentagon", stance="confirmed", origin="IRN", items="Shahed drones",
                       category="drones", claim_date="2022-10", date_precision="month"),
                _claim(3, stance="denied", via=("BLR",), claim_date="2021", date_precision="year"),
                _claim(4, claimant="SIPRI", method="import:sipri 1", origin="USA", destination="UKR",
                       via=("POL>SVK", "ROU"), items="HIMARS", category="rockets and missiles",
                       claim_date="2024-02-29", date_precision="day"),
                _claim(5, claimant="analyst", method="manual", claim_date="", date_precision=""),
            ]
        )
    )


def _ids(filtered) -> list[str]:
    return sorted(filtered.claims["article_id"])


def test_no_filter_keeps_everything_and_says_so(claims):
    result = filter_claims(claims, ViewState())
    assert len(result.claims) == 5 and result.steps == ()
    assert result.sentence() == "5 of 5 claims"


@pytest.mark.parametrize(
    ("state", "kept"),
    [
        (ViewState(claimants=("Pentagon",)), ["a2"]),
        (ViewState(stances=("alleged", "denied")), ["a1", "a3", "a4", "a5"]),
        (ViewState(kinds=("register",)), ["a4"]),
        (ViewState(kinds=("manual", "news")), ["a1", "a2", "a3", "a5"]),
        (ViewState(origins=("IRN", "USA")), ["a2", "a4"]),
        (ViewState(vias=("SVK",)), ["a4"]),  # the second hop of a chain counts
        (ViewState(vias=("ROU", "BLR")), ["a3", "a4"]),
        (ViewState(destinations=("UKR",)), ["a4"]),
        (ViewState(categories=("drones",)), ["a2"]),
        (ViewState(query="SHELLS"), ["a1", "a2", "a3", "a4", "a5"]),  # evidence sentences too
        (ViewState(query="himars"), ["a4"]),
        (ViewState(query="a.*"), []),  # plain text, not a pattern
    ],
)
def test_each_filter_keeps_the_right_rows(claims, state, kept):
    assert _ids(filter_claims(claims, state)) == kept


@pytest.mark.parametrize(
    ("start", "end", "kept"),
    [
        # a month-precision claim (2022-10) overlaps a range that starts mid-month
        (date(2022, 10, 20), date(2022, 12, 31), ["a2"]),
        # a year-precision claim (2021) overlaps any range touching 2021
        (date(2021, 12, 31), date(2021, 12, 31), ["a3"]),
        (date(2024, 2, 29), None, ["a4"]),
        (None, date(2021, 6, 1), ["a3"]),
        # undated claims are left out once a bound is set
        (date(1900, 1, 1), date(2100, 1, 1), ["a1", "a2", "a3", "a4"]),
        (date(2022, 11, 1), date(2023, 10, 4), []),
    ],
)
def test_date_range_keeps_claims_whose_span_overlaps(claims, start, end, kept):
    assert _ids(filter_claims(claims, ViewState(date_from=start, date_to=end))) == kept


def test_date_end_of_partial_dates():
    assert date_end("2024-02") == date(2024, 2, 29)
    assert date_end("2023") == date(2023, 12, 31)
    assert date_end("2023-05-06") == date(2023, 5, 6)
    assert date_end("") is None and date_end("2023-13") is None


def test_each_step_says_what_it_filters_and_what_it_leaves(claims):
    state = ViewState(stances=("alleged",), origins=("PRK",), query="shells")
    result = filter_claims(claims, state)
    assert [step.left for step in result.steps] == [3, 2, 2]
    assert result.left_after("origins") == 2 and result.left_after("claimants") is None
    assert result.sentence() == (
        "2 of 5 claims where stance is alleged, origin is North Korea and items or evidence mention “shells”"
    )


def test_country_rules_describe_countries_by_name():
    sentences = [rule.describe() for rule in rules_for(ViewState(vias=("POL", "SVK"), destinations=("UKR",)))]
    assert sentences == ["routed through Poland or Slovakia", "destination is Ukraine"]


def test_headline_follows_the_filtered_rows(claims):
    whole = headline(claims)
    assert (whole.claims, whole.claimants, whole.countries) == (5, 4, 9)  # PRK RUS IRN BLR USA UKR POL SVK ROU
    assert (whole.first, whole.last) == ("2021", "2024-02-29")
    part = headline(filter_claims(claims, ViewState(claimants=("Pentagon",))).claims)
    assert (part.claims, part.claimants, part.countries, part.span) == (1, 1, 2, "2022-10")
    assert headline(claims.iloc[0:0]).span == "–"


def test_headline_works_on_a_plain_claims_table(claims):
    assert headline(public(claims)) == headline(claims)


def test_public_drops_helper_columns_in_contract_order(claims):
    frame = public(filter_claims(claims, ViewState(stances=("denied",))).claims)
    assert tuple(frame.columns) == CLAIM_COLUMNS
    assert not set(HELPER_COLUMNS) & set(frame.columns)
    assert list(frame.index) == [0]


def test_file_name_says_what_was_filtered():
    state = ViewState(stances=("alleged",), origins=("PRK", "IRN"), date_from=date(2023, 1, 1), query="155 mm/x")
    assert file_name(rules_for(state)) == "claims_2023-01-01--_st-alleged_o-PRK+IRN_q-155-mm-x.csv"
    assert file_name([], "legs") == "legs.csv"
    assert len(file_name(rules_for(ViewState(claimants=("x" * 300,))))) <= 124
