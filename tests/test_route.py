"""Routes: one parse and one format for a claim's intermediaries, whatever shape they come in."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.route import Route

CODES = st.sampled_from(["POL", "SVK", "ROU", "CZE", "BGR", "ARE"])
ROUTES = st.lists(st.lists(CODES, min_size=1, max_size=3).map(Route.of_chain), max_size=3).map(Route)


@given(ROUTES)
def test_format_and_parse_are_inverses(route: Route) -> None:
    assert Route.parse(route.format()) == route
    assert Route.parse(list(route)) == route


@pytest.mark.parametrize(
    ("value", "chains"),
    [
        ("POL>SVK;ROU", (("POL", "SVK"), ("ROU",))),  # text, as in CSV, the store and the editor
        (["POL>SVK", "ROU"], (("POL", "SVK"), ("ROU",))),  # a list, as in JSONL and gold files
        (np.array(["POL > SVK", " ROU "]), (("POL", "SVK"), ("ROU",))),  # Parquet; typed spaces go
        ("CZE;;BGR;", (("CZE",), ("BGR",))),  # blank routes are no routes
        ("", ()),
        (None, ()),
        (math.nan, ()),
    ],
)
def test_every_shape_parses_to_the_same_route(value: object, chains: tuple[tuple[str, ...], ...]) -> None:
    assert Route.parse(value).chains() == chains


@pytest.mark.parametrize("value", [5, ["POL", 7], {"POL": 1}])
def test_what_is_not_a_route_is_refused(value: object) -> None:
    with pytest.raises(TypeError):
        Route.parse(value)


def test_a_route_is_a_tuple_of_its_chains() -> None:
    route = Route.parse("POL>SVK;ROU")
    assert route == ("POL>SVK", "ROU")
    assert route.format() == "POL>SVK;ROU"
    assert route.codes() == {"POL", "SVK", "ROU"}
    assert route.paths("CZE", "UKR") == [["CZE", "POL", "SVK", "UKR"], ["CZE", "ROU", "UKR"]]
    assert Route().paths("CZE", "UKR") == [["CZE", "UKR"]]


def test_names_and_endpoints() -> None:
    route = Route.parse("Poland>Slovakia;UKR")
    assert route.map_codes(str.upper).format() == "POLAND>SLOVAKIA;UKR"
    assert route.avoiding({"UKR"}) == ("Poland>Slovakia",)
    assert route.describe(lambda code: code[:2]) == "Po › Sl / UK"
