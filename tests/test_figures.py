"""Figures: checked on their data (``fig.to_dict()``), not on pixels.

The seed claims are those of the Straits Times/Reuters page in the project's seed
(SVR alleges Serbia -> Czech Republic / Bulgaria -> Ukraine; Reuters reports
Bulgaria -> Ukraine and Czech Republic -> Ukraine).
"""

from __future__ import annotations

import base64
import json
import math
import pickle
import re

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from flows import figures, geo, table
from flows.countries import name_of
from flows.models import Claim, Evidence
from flows.table import claims_to_frame

SVR_QUOTE = "Serbian companies sent rockets to Ukraine through the Czech Republic and Bulgaria, the SVR said."


def claim(origin: str, destination: str, via: tuple[str, ...] = (), **fields: object) -> Claim:
    values: dict[str, object] = {
        "claimant": "Reuters", "stance": "reported", "claim_date": "2025-06-23",
        "date_precision": "day", "article_id": "a1", "method": "rules 1",
    }
    values.update(fields)
    return Claim(origin=origin, destination=destination, via=via, **values)  # type: ignore[arg-type]


@pytest.fixture
def seed() -> pd.DataFrame:
    return claims_to_frame(
        [
            claim("SRB", "UKR", ("CZE", "BGR"), claimant="SVR", stance="alleged", claimant_country="RUS",
                  items="rockets for multiple rocket launchers; mortar shells",
                  evidence=(Evidence(SVR_QUOTE, 0, len(SVR_QUOTE)),)),
            claim("BGR", "UKR", items="weapons and ammunition"),
            claim("CZE", "UKR", items="weapons and ammunition"),
        ]
    )


def figure_json(figure: object) -> str:
    """The figure as sent to the browser."""
    return figure.to_json()  # type: ignore[attr-defined]


def numbers(values: object) -> list[float]:
    """A figure array as numbers: plotly.py sends numpy arrays as base64 typed arrays."""
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)  # type: ignore[call-overload]


def sankey_links(figure: object) -> dict[tuple[str, float, str, float, str], float]:
    """(from label, from x, to label, to x, colour) -> value."""
    trace = figure.to_dict()["data"][0]  # type: ignore[attr-defined]
    labels, xs = trace["node"]["label"], trace["node"]["x"]
    link = trace["link"]
    found: dict[tuple[str, float, str, float, str], float] = {}
    for s, t, v, c in zip(link["source"], link["target"], link["value"], link["color"]):
        key = (labels[s], round(xs[s], 2), labels[t], round(xs[t], 2), c)
        found[key] = found.get(key, 0.0) + v
    return found


# --------------------------------------------------------------------------- colours


def test_claimant_colors_do_not_depend_on_order_and_differ_for_up_to_nine() -> None:
    names = [f"claimant {i}" for i in range(9)]
    forward = figures.claimant_colors(names)
    assert forward == figures.claimant_colors(reversed(names))
    assert len(set(forward.values())) == 9
    assert set(forward.values()) <= set(figures.PALETTE)


def test_a_claimant_has_one_colour_in_all_three_figures(seed: pd.DataFrame) -> None:
    svr = figures.claimant_colors(seed["claimant"])["SVR"]
    sankey = figures.sankey(seed).to_dict()
    red, green, blue = (int(svr[i : i + 2], 16) for i in (1, 3, 5))
    svr_links = [c for c, n in zip(sankey["data"][0]["link"]["color"], sankey["data"][0]["link"]["customdata"]) if "SVR" in n]
    assert svr_links and all(c.startswith(f"rgba({red},{green},{blue},") for c in svr_links)
    lines = [t for t in figures.flow_map(seed).to_dict()["data"] if t.get("mode") == "lines" and t["name"] == "SVR"]
    assert lines and all(t["line"]["color"] == svr for t in lines)
    bars = [t for t in figures.timeline(seed).to_dict()["data"] if t["name"].startswith("SVR")]
    assert bars and all(t["marker"]["color"] == svr for t in bars)


def _many_claimants(count: int, start: int = 0) -> list[Claim]:
    """Claimant i makes 60 - i claims (a strict ranking), each from its own origin."""
    origins = ["IRN", "PRK", "BLR", "SRB", "CHN", "TUR", "ISR", "USA", "FRA", "DEU", "GBR", "ITA"]
    return [
        claim(origins[i % len(origins)], "RUS", claimant=f"Ministry {i:02d}", claim_date=f"2024-{1 + n % 12:02d}")
        for i in range(start, start + count)
        for n in range(60 - i)
    ]


def _legend_colors(figure: go.Figure, kind: str) -> dict[str, str]:
    data = figure.to_dict()["data"]
    if kind == "map":
        return {t["name"]: t["line"]["color"] for t in data if t.get("mode") == "lines" and t.get("showlegend", True)}
    if kind == "timeline":
        return {t["name"].split(" · ")[0]: t["marker"]["color"] for t in data}
    legend = figure.to_dict()["layout"]["annotations"][0]["text"]
    return {name: color for color, name in re.findall(r'color:(#[0-9A-Fa-f]{6})">■</span> ([^<]+?)(?=   |<br>|$)', legend)}


@pytest.mark.parametrize("kind", ["sankey", "map", "timeline"])
def test_the_colours_a_figure_shows_are_distinct_and_stay_when_claims_are_added(kind: str) -> None:
    build = {"sankey": figures.sankey, "map": figures.flow_map, "timeline": figures.timeline}[kind]
    before = _legend_colors(build(claims_to_frame(_many_claimants(53))), kind)
    coloured = {n: c for n, c in before.items() if n != figures.OTHER_CLAIMANTS}
    assert len(coloured) == figures.MAX_COLORED_CLAIMANTS
    assert len(set(before.values())) == len(before), before  # eight colours and the grey of the rest, all distinct
    # three more claims by claimants too small to be coloured: nobody is recoloured
    added = [claim("IRN", "RUS", claimant=f"Newcomer {i}", claim_date="2024-05") for i in range(3)]
    after = _legend_colors(build(claims_to_frame([*_many_claimants(53), *added])), kind)
    assert after == before


def test_claimant_colours_come_from_the_names_alone() -> None:
    names = [f"Ministry {i:02d}" for i in range(8)]
    assert figures.claimant_colors(names) == figures.claimant_colors(sorted(names, reverse=True))
    # a name whose own slot is free keeps it whoever else is shown
    alone = {name: figures.claimant_colors([name])[name] for name in names}
    together = figures.claimant_colors(names)
    assert sum(alone[n] == together[n] for n in names) >= len(set(alone.values()))


def test_a_cached_figure_comes_back_unchanged(seed: pd.DataFrame) -> None:
    # st.cache_data pickles what it caches.
    for figure in (figures.sankey(seed), figures.flow_map(seed), figures.timeline(seed)):
        loaded = pickle.loads(pickle.dumps(figure))
        assert isinstance(loaded, go.Figure)
        assert json.loads(loaded.to_json()) == json.loads(figure.to_json())


# --------------------------------------------------------------------------- sankey


def test_sankey_puts_stages_in_fixed_columns_and_a_country_in_two_stages(seed: pd.DataFrame) -> None:
    node = figures.sankey(seed).to_dict()["data"][0]["node"]
    columns: dict[str, list[float]] = {}
    for label, x in zip(node["label"], node["x"]):
        columns.setdefault(label, []).append(round(x, 2))
    assert columns == {"Serbia": [0.0], "Bulgaria": [0.0, 0.5], "Czech Republic": [0.0, 0.5], "Ukraine": [1.0]}
    assert all(0 < v < 1 for v in node["x"] + node["y"])


def test_sankey_splits_parallel_routes_and_runs_direct_claims_straight_across(seed: pd.DataFrame) -> None:
    colors = figures.claimant_colors(["SVR", "Reuters"])
    svr, reuters = (figures._rgba(colors[n], 0.55) for n in ("SVR", "Reuters"))
    assert sankey_links(figures.sankey(seed)) == {
        ("Serbia", 0.0, "Czech Republic", 0.5, svr): 0.5,
        ("Serbia", 0.0, "Bulgaria", 0.5, svr): 0.5,
        ("Czech Republic", 0.5, "Ukraine", 1.0, svr): 0.5,
        ("Bulgaria", 0.5, "Ukraine", 1.0, svr): 0.5,
        ("Bulgaria", 0.0, "Ukraine", 1.0, reuters): 1.0,
        ("Czech Republic", 0.0, "Ukraine", 1.0, reuters): 1.0,
    }


def test_legs_of_a_larger_table_are_cut_to_the_claims_drawn(seed: pd.DataFrame) -> None:
    everything = table.legs(seed)
    reuters = seed[seed["claimant"] == "Reuters"]
    assert sankey_links(figures.sankey(reuters, legs=everything)) == sankey_links(figures.sankey(reuters))
    assert figure_json(figures.flow_map(reuters, legs=everything)) == figure_json(figures.flow_map(reuters))


def test_sankey_colours_by_stance_on_request(seed: pd.DataFrame) -> None:
    colours = {c for (_, _, _, _, c) in sankey_links(figures.sankey(seed, color_by="stance"))}
    assert colours == {figures._rgba(figures.STANCE_COLORS[s], 0.55) for s in ("alleged", "reported")}


def test_sankey_hover_gives_count_claimants_dates_and_the_first_quote(seed: pd.DataFrame) -> None:
    link = figures.sankey(seed).to_dict()["data"][0]["link"]
    serbia_czech = next(h for h in link["customdata"] if h.startswith("<b>Serbia → Czech Republic"))
    assert "1 claim: 1 alleged<br>" in serbia_czech
    assert "Claimants: SVR" in serbia_czech
    assert "Dates: 2025-06-23" in serbia_czech
    assert SVR_QUOTE in serbia_czech


def test_hover_names_six_claimants_then_counts_the_rest() -> None:
    claims = claims_to_frame([claim("BGR", "UKR", claimant=f"Agency {i}") for i in range(8)])
    hover = figures.sankey(claims, color_by="stance").to_dict()["data"][0]["link"]["customdata"]
    assert hover == [
        "<b>Bulgaria → Ukraine</b><br>8 claims: 8 reported<br>in 8 reports<br>Claimants: Agency 0, Agency 1, "
        "Agency 2, Agency 3, "
        "Agency 4, Agency 5 and 2 more<br>Dates: 2025-06-23"
    ]


def test_article_text_is_escaped_everywhere_it_becomes_html() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    claims = claims_to_frame(
        [claim("SRB", "UKR", claimant=hostile, items=hostile, evidence=(Evidence(f"He said {hostile}", 0, 5),))]
    )
    for figure in (figures.sankey(claims), figures.flow_map(claims), figures.timeline(claims)):
        text = figure_json(figure)
        assert "<img" not in text
        assert "&lt;img src=x onerror=alert(1)&gt;" in text


def test_sankey_draws_a_cycle_as_separate_stage_nodes() -> None:
    claims = claims_to_frame([claim("POL", "POL", ("UKR",))])
    assert sankey_links(figures.sankey(claims, color_by="stance")) == {
        ("Poland", 0.0, "Ukraine", 0.5, figures._rgba(figures.STANCE_COLORS["reported"], 0.55)): 1.0,
        ("Ukraine", 0.5, "Poland", 1.0, figures._rgba(figures.STANCE_COLORS["reported"], 0.55)): 1.0,
    }


def test_sankey_names_organisations_historic_states_and_unknown() -> None:
    claims = claims_to_frame([claim("SUN", "EUE", ("XXX",))])
    assert figures.sankey(claims).to_dict()["data"][0]["node"]["label"] == ["Soviet Union", "Unknown", "European Union"]


def test_sankey_chain_of_intermediaries_gets_a_column_per_hop() -> None:
    claims = claims_to_frame([claim("DEU", "UKR", ("POL>SVK",)), claim("FRA", "UKR")])
    node = figures.sankey(claims).to_dict()["data"][0]["node"]
    assert dict(zip(node["label"], [round(x, 2) for x in node["x"]])) == {
        "Germany": 0.0, "France": 0.0, "Poland": 0.33, "Slovakia": 0.67, "Ukraine": 1.0,
    }


@pytest.mark.parametrize("make", [figures.sankey, figures.flow_map, figures.timeline])
def test_no_claims_gives_a_friendly_empty_figure(make) -> None:  # type: ignore[no-untyped-def]
    empty = claims_to_frame([])
    layout = make(empty).to_dict()["layout"]
    assert "No claims match" in layout["annotations"][0]["text"]


def test_sankey_gathers_countries_past_top_n_into_other() -> None:
    codes = sorted(c for c in geo.countries().index)[:120]
    claims = claims_to_frame(
        [claim(origin, "UKR", claimant=f"source {i % 3}", extra={"key": str(i)}) for i, origin in enumerate(codes)]
        + [claim("DEU", "UKR", extra={"key": f"deu{i}"}) for i in range(5)]
    )
    figure = figures.sankey(claims, top_n=5).to_dict()
    trace = figure["data"][0]
    origins = [label for label, x in zip(trace["node"]["label"], trace["node"]["x"]) if x < 0.5]
    assert "Germany" in origins and "Other" in origins
    assert len(origins) == 5  # Ukraine is one of the top five, as a destination
    assert math.isclose(sum(trace["link"]["value"]), len(claims))
    assert "gathered in “Other”" in figure["layout"]["title"]["subtitle"]["text"]
    assert len(figures.sankey(claims, top_n=200).to_dict()["data"][0]["node"]["label"]) == len(codes) + 1


def test_sankey_uses_quantity_when_every_claim_has_one_and_says_so_otherwise(seed: pd.DataFrame) -> None:
    counted = seed.assign(quantity=[100.0, 30.0, 20.0])
    values = sankey_links(figures.sankey(counted, measure="quantity", color_by="stance"))
    assert sorted(values.values()) == [20.0, 30.0, 50.0, 50.0, 50.0, 50.0]
    partly = seed.assign(quantity=[100.0, None, 20.0])
    figure = figures.sankey(partly, measure="quantity").to_dict()
    assert sorted(figure["data"][0]["link"]["value"]) == [0.5, 0.5, 0.5, 0.5, 1.0, 1.0]
    assert "1 of 3 claims have no quantity: showing claims instead" in figure["layout"]["title"]["subtitle"]["text"]


def test_values_in_different_units_are_not_added_up(seed: pd.DataFrame) -> None:
    mixed = seed.assign(value=[5.0, 7.0, 9.0], value_unit=["EUR", "TIV", "EUR"])
    figure = figures.sankey(mixed, measure="value").to_dict()
    assert "different units (EUR, TIV)" in figure["layout"]["title"]["subtitle"]["text"]
    negative = seed.assign(value=[5.0, -7.0, 9.0], value_unit="EUR")
    figure = figures.flow_map(negative, measure="value").to_dict()
    assert "negative value: showing claims instead" in figure["layout"]["title"]["subtitle"]["text"]
    same = seed.assign(value=[5.0, 7.0, 9.0], value_unit="EUR")
    figure = figures.sankey(same, measure="value").to_dict()
    assert math.isclose(sum(figure["data"][0]["link"]["value"]), 5.0 * 2 + 7.0 + 9.0)
    assert "value (EUR)" in figure["layout"]["title"]["subtitle"]["text"]


def test_unknown_options_are_refused_with_the_allowed_values(seed: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="claims, quantity, value"):
        figures.sankey(seed, measure="tonnes")
    with pytest.raises(ValueError, match="claimant, stance"):
        figures.flow_map(seed, color_by="country")


# --------------------------------------------------------------------------- flow map


def test_map_fetches_nothing_first_trace_is_scatter_and_base_layers_are_off(seed: pd.DataFrame) -> None:
    figure = figures.flow_map(seed).to_dict()
    assert figure["data"][0]["type"] == "scattergeo"
    assert figure["data"][0]["marker"]["angleref"] == "north"
    layout_geo = figure["layout"]["geo"]
    assert layout_geo["visible"] is False
    assert not any(v for k, v in layout_geo.items() if k.startswith("show"))
    choropleths = [t for t in figure["data"] if t["type"] == "choropleth"]
    assert choropleths and all(t["locationmode"] == "geojson-id" and isinstance(t["geojson"], dict) for t in choropleths)


URL = re.compile(r"(https?:)?//[\w.-]+\.\w+|www\.", re.IGNORECASE)


def test_no_figure_or_config_names_an_outside_url(seed: pd.DataFrame) -> None:
    for figure in (figures.sankey(seed), figures.flow_map(seed), figures.timeline(seed)):
        assert not URL.search(figure_json(figure))
    assert not URL.search(json.dumps(figures.PLOTLY_CONFIG))
    assert figures.PLOTLY_CONFIG["displaylogo"] is False


def test_map_shades_countries_by_role(seed: pd.DataFrame) -> None:
    traces = figures.flow_map(seed).to_dict()["data"]
    by_role = {t["name"]: set(t["locations"]) for t in traces if t["type"] == "choropleth"}
    assert by_role["Origin"] == {"SRB"}
    assert by_role["Several"] == {"CZE", "BGR"}  # origin for Reuters, intermediary for SVR
    assert by_role["Destination"] == {"UKR"}
    assert "Intermediary" not in by_role
    assert {"DEU", "POL", "ROU"} <= by_role["Other countries"]


def test_map_fits_the_view_to_the_flows(seed: pd.DataFrame) -> None:
    layout_geo = figures.flow_map(seed).to_dict()["layout"]["geo"]
    west, east = layout_geo["lonaxis"]["range"]
    south, north = layout_geo["lataxis"]["range"]
    view = geo.Extent(west, south, east, north)
    for code in ("SRB", "CZE", "BGR", "UKR"):
        assert view.contains(*geo.label_points().loc[code, ["lon", "lat"]])
    assert geo.Extent(-15.0, 30.0, 50.0, 65.0).contains(west, south)
    assert geo.Extent(-15.0, 30.0, 50.0, 65.0).contains(east, north)
    far = claims_to_frame([claim("USA", "AUS")]).pipe(figures.flow_map).to_dict()["layout"]["geo"]
    assert far["lonaxis"]["range"][1] - far["lonaxis"]["range"][0] > 100


def mercator_direction(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Compass direction from one point to another as drawn on a Mercator map."""
    y1, y2 = (math.log(math.tan(math.pi / 4 + math.radians(v) / 2)) for v in (lat1, lat2))
    return math.degrees(math.atan2(math.radians(lon2 - lon1), y2 - y1)) % 360


def test_each_leg_has_an_arrowhead_pointing_toward_where_it_goes(seed: pd.DataFrame) -> None:
    arrows = figures.flow_map(seed).to_dict()["data"][-1]
    assert set(arrows["marker"]["symbol"]) == {"arrow"} and arrows["marker"]["angleref"] == "up"
    points = geo.label_points()
    checked = 0
    for lon, lat, angle, hover in zip(arrows["lon"], arrows["lat"], arrows["marker"]["angle"], arrows["hovertext"]):
        names = re.match(r"<b>(.+) → (.+)</b>", hover)
        assert names
        target = {"Ukraine": "UKR", "Czech Republic": "CZE", "Bulgaria": "BGR"}[names.group(2)]
        expected = mercator_direction(lon, lat, *points.loc[target, ["lon", "lat"]])
        assert abs((angle - expected + 180) % 360 - 180) < 3
        checked += 1
    assert checked == 6  # six legs: four of SVR's two routes, two of Reuters


def _clicked(curve: int, index: int, customdata: object) -> dict[str, object]:
    """A chart selection of one point, shaped as ``st.plotly_chart(..., on_select="rerun")`` returns it."""
    point = {"curve_number": curve, "point_number": index, "point_index": index, "lon": 20.1, "lat": 45.3}
    if customdata is not None:
        point["customdata"] = customdata
    return {"selection": {"points": [point], "point_indices": [index], "box": [], "lasso": []}}


def test_each_arrow_carries_its_flows_country_codes_and_a_click_on_one_is_read_back(seed: pd.DataFrame) -> None:
    figure = figures.flow_map(seed)
    data = figure.to_dict()["data"]
    arrows = next(n for n, t in enumerate(data) if t["name"] == figures.MAP_ARROWS)
    pairs = [tuple(pair) for pair in data[arrows]["customdata"]]
    # codes, never labels or article text; one per drawn line, in the order of the hovers
    assert sorted(pairs) == [("BGR", "UKR"), ("BGR", "UKR"), ("CZE", "UKR"), ("CZE", "UKR"), ("SRB", "BGR"), ("SRB", "CZE")]
    for (origin, destination), hover in zip(pairs, data[arrows]["hovertext"], strict=True):
        assert hover.startswith(f"<b>{name_of(origin)} → {name_of(destination)}</b>"), hover
    index = pairs.index(("SRB", "CZE"))
    assert figures.picked_legs(_clicked(arrows, index, ["SRB", "CZE"]), figure) == [("SRB", "CZE")]
    two = _clicked(arrows, 0, list(pairs[0]))
    two["selection"]["points"] += _clicked(arrows, index, ["SRB", "CZE"])["selection"]["points"]  # type: ignore[index]
    assert figures.picked_legs(two, figure) == [pairs[0], ("SRB", "CZE")]
    # a click on anything else (the places, a country, a line) or nothing at all picks nothing
    places = next(n for n, t in enumerate(data) if t["name"] == "Places")
    country = next(n for n, t in enumerate(data) if t["type"] == "choropleth")
    line = next(n for n, t in enumerate(data) if t.get("mode") == "lines")
    for curve, customdata in [(places, None), (country, None), (line, None), (places, ["SRB", "CZE"])]:
        assert figures.picked_legs(_clicked(curve, 0, customdata), figure) == [], curve
    assert figures.picked_legs(_clicked(arrows, 0, "<b>Serbia</b>"), figure) == []
    assert figures.picked_legs(_clicked(arrows, 0, ["SRB", 3]), figure) == []
    assert figures.picked_legs({"selection": {"points": [], "point_indices": [], "box": [], "lasso": []}}, figure) == []
    assert figures.picked_legs(None, figure) == []


def test_a_clicked_arrow_fades_the_other_arrows_but_no_country_or_place(seed: pd.DataFrame) -> None:
    data = figures.flow_map(seed).to_dict()["data"]
    for trace in data:
        if trace["name"] == figures.MAP_ARROWS:
            assert 0.3 <= trace["unselected"]["marker"]["opacity"] < 1
        elif trace["type"] == "choropleth" or trace["name"] == "Places":
            assert trace["unselected"]["marker"]["opacity"] == 1, trace["name"]


def test_heavier_legs_are_drawn_wider() -> None:
    claims = claims_to_frame(
        [claim("DEU", "UKR", extra={"key": str(i)}) for i in range(4)] + [claim("FRA", "UKR")]
    )
    lines = [t for t in figures.flow_map(claims).to_dict()["data"] if t.get("mode") == "lines"]
    widths = {t["line"]["width"]: numbers(t["lon"])[0] for t in lines}
    assert max(widths) > min(widths)
    # One leg per trace here, each ended by a gap (NaN, sent as null) so legs never join.
    assert all(sum(math.isnan(v) for v in numbers(t["lon"])) == 1 for t in lines)
    germany = geo.label_points().loc["DEU", "lon"]
    assert math.isclose(widths[max(widths)], germany, abs_tol=0.01)


def test_map_places_organisations_and_historic_states_and_reports_unknown() -> None:
    claims = claims_to_frame(
        [claim("SUN", "EUE", extra={"key": "1"}), claim("XXX", "UKR", extra={"key": "2"})]
    )
    figure = figures.flow_map(claims).to_dict()
    places = figure["data"][0]
    located = dict(zip(places["lon"], places["lat"]))
    points = geo.label_points()
    assert located == {points.loc["RUS", "lon"]: points.loc["RUS", "lat"], points.loc["EUE", "lon"]: points.loc["EUE", "lat"]}
    assert "1 claim with an unknown country not drawn" in figure["layout"]["title"]["subtitle"]["text"]


def test_map_colours_legs_by_stance_and_titles_the_value_unit(seed: pd.DataFrame) -> None:
    valued = seed.assign(value=[3.0, 1.0, 2.0], value_unit="TIV")
    figure = figures.flow_map(valued, color_by="stance", measure="value").to_dict()
    lines = {t["name"]: t["line"]["color"] for t in figure["data"] if t.get("mode") == "lines"}
    assert lines == {s: figures.STANCE_COLORS[s] for s in ("alleged", "reported")}
    assert figure["layout"]["title"]["subtitle"]["text"] == "Line width: value (TIV)"


def test_map_json_stays_small_for_the_seed_claims(seed: pd.DataFrame) -> None:
    assert len(figures.flow_map(seed).to_json()) < 300_000


def test_great_circles_start_and_end_on_the_points_and_bend_poleward() -> None:
    start, end = np.array([[-74.0, 40.7]]), np.array([[2.35, 48.86]])  # New York -> Paris
    path = geo.great_circles(start, end, steps=10)[0]
    assert np.allclose(path[0], start[0]) and np.allclose(path[-1], end[0])
    assert path[:, 1].max() > 50  # the great circle passes north of both ends


# --------------------------------------------------------------------------- timeline


def test_timeline_stacks_claims_per_month_by_claimant_with_stance_as_pattern() -> None:
    claims = claims_to_frame(
        [
            claim("SRB", "UKR", claimant="SVR", stance="alleged", claim_date="2025-05", date_precision="month"),
            claim("SRB", "UKR", ("CZE", "BGR"), claimant="SVR", stance="alleged"),
            claim("BGR", "UKR"),
            claim("CZE", "UKR"),
            claim("CZE", "UKR", claim_date="", date_precision=""),
            claim("CZE", "UKR", claim_date="2024", date_precision="year"),
        ]
    )
    figure = figures.timeline(claims).to_dict()
    assert figure["layout"]["barmode"] == "stack"
    bars = {t["name"]: dict(zip(t["x"], t["y"])) for t in figure["data"]}
    assert bars == {
        "SVR · alleged": {"2025-05-01": 1, "2025-06-01": 1},
        "Reuters · reported": {"2024-01-01": 1, "2025-06-01": 2},
    }
    patterns = {t["name"]: t["marker"]["pattern"]["shape"] for t in figure["data"]}
    assert patterns["SVR · alleged"] != patterns["Reuters · reported"]
    subtitle = figure["layout"]["title"]["subtitle"]["text"]
    assert "1 undated claim not shown" in subtitle and "1 claim dated to a year only" in subtitle


def test_timeline_hover_lists_the_claims_of_a_bar() -> None:
    claims = claims_to_frame([claim("BGR", "UKR", items="shells"), claim("CZE", "UKR", items="rockets")])
    hover = figures.timeline(claims).to_dict()["data"][0]["hovertext"][0]
    assert "2 claims" in hover
    assert "Bulgaria → Ukraine: shells — Reuters" in hover
    assert "Czech Republic → Ukraine: rockets — Reuters" in hover


def test_timeline_patterns_overlay_the_claimant_colour_so_no_bar_is_blank() -> None:
    claims = claims_to_frame(
        [claim("SRB", "UKR", claimant="SVR", stance=stance) for stance in ("alleged", "confirmed", "denied")]
    )
    for trace in figures.timeline(claims).to_dict()["data"]:
        pattern = trace["marker"]["pattern"]
        # without "overlay" plotly paints a patterned bar in fgcolor (white) on a transparent fill
        assert pattern["fillmode"] == "overlay"
        assert trace["marker"]["color"] != pattern["fgcolor"]


# --------------------------------------------------------------------------- stance


@pytest.fixture
def with_denials() -> pd.DataFrame:
    """Serbia -> Russia: one report, two denials; North Korea -> Russia: denied only."""
    return claims_to_frame(
        [
            claim("SRB", "RUS", claimant="Politico", stance="reported"),
            claim("SRB", "RUS", claimant="Serbia", stance="denied", claim_date="2025-06-24"),
            claim("SRB", "RUS", claimant="Vucic", stance="denied", claim_date="2025-06-25"),
            claim("PRK", "RUS", claimant="North Korea", stance="denied"),
        ]
    )


def test_sankey_draws_denials_hollow_and_hovers_give_the_stance_breakdown(with_denials: pd.DataFrame) -> None:
    for color_by in ("claimant", "stance"):
        figure = figures.sankey(with_denials, color_by=color_by).to_dict()
        link = figure["data"][0]["link"]
        hovers, fills, outlines = link["customdata"], link["color"], link["line"]["width"]
        denied = [i for i, h in enumerate(hovers) if re.search(r"claims?: \d+ denied<br>", h)]
        assert denied and len(denied) < len(hovers)
        for i, hover in enumerate(hovers):
            alpha = float(fills[i].rsplit(",", 1)[1].rstrip(")"))
            if i in denied:
                assert alpha < 0.2 and outlines[i] > 0, hover  # hollow: faint fill, an outline
            else:
                assert alpha > 0.4 and outlines[i] == 0, hover
        assert "□ hollow: denied" in figure["layout"]["annotations"][0]["text"]
    hovers = figures.sankey(with_denials, color_by="stance").to_dict()["data"][0]["link"]["customdata"]
    korea = [h for h in hovers if h.startswith("<b>North Korea")]
    assert korea == ["<b>North Korea → Russia</b><br>1 claim: 1 denied<br>in 1 report<br>Claimants: North Korea<br>Dates: 2025-06-23"]
    assert any("<br>2 claims: 2 denied<br>in 2 reports<br>Claimants: Serbia, Vucic<br>" in h for h in hovers)


def test_map_draws_denials_dotted_with_open_arrows_and_a_legend_entry(with_denials: pd.DataFrame) -> None:
    data = figures.flow_map(with_denials).to_dict()["data"]
    lines = [t for t in data if t.get("mode") == "lines" and t.get("lon") != [None]]
    dashes = {t["line"]["dash"] for t in lines}
    assert dashes == {"solid", "dot"}
    arrows = next(t for t in data if t["name"] == "Direction")
    for symbol, hover in zip(arrows["marker"]["symbol"], arrows["hovertext"]):
        assert (symbol == "arrow-open") == ("denied" in hover and "reported" not in hover), hover
    legend = [t["name"] for t in data if t.get("showlegend", True) and t.get("mode") == "lines"]
    assert any(name.startswith("dotted: denied") for name in legend)
    assert {"Politico", "Serbia", "Vucic", "North Korea"} <= set(legend)  # each colour once, solid
    assert data[0]["type"] == "scattergeo" and data[0]["mode"] == "markers"  # still first: no CDN fetch


def test_map_title_is_plain_text_for_plotly_to_style() -> None:
    title = figures.flow_map(claims_to_frame([claim("BGR", "UKR")])).to_dict()["layout"]["title"]["text"]
    assert "<b>" not in title


def test_other_hovers_name_the_countries_they_gather() -> None:
    claims = claims_to_frame(
        [claim("IRN", "RUS", claimant=f"Agency {i}") for i in range(3)] + [claim("BLR", "RUS"), claim("ARM", "RUS"), claim("TKM", "RUS")]
    )
    trace = figures.sankey(claims, top_n=2).to_dict()["data"][0]
    node_hover = dict(zip(trace["node"]["label"], trace["node"]["customdata"]))
    assert "Gathers: " in node_hover["Other"]
    for name in ("Armenia", "Belarus", "Turkmenistan"):
        assert name in node_hover["Other"]
    other_link = next(h for h in trace["link"]["customdata"] if h.startswith("<b>Other → Russia"))
    assert "Other (from): Armenia, Belarus, Turkmenistan" in other_link


def test_the_headline_counts_denials(with_denials: pd.DataFrame) -> None:
    assert figures.headline_denials(with_denials) == 3


def test_flow_choices_list_each_pair_drawn_with_the_claims_behind_it(with_denials: pd.DataFrame) -> None:
    flows = figures.flow_choices(with_denials)
    assert list(flows["label"]) == [
        "Serbia → Russia · 3 claims: 1 reported, 2 denied",
        "North Korea → Russia · 1 claim: 1 denied",
    ]
    serbia = set(with_denials.loc[with_denials["origin"] == "SRB", "claim_id"])
    assert set(flows["claim_ids"].iloc[0]) == serbia


def test_a_caption_goes_under_the_title_escaped_and_leaves_the_rest_alone(seed: pd.DataFrame) -> None:
    figure = figures.sankey(seed)
    captioned = figures.with_caption(figure, ["3 of 3 claims where items mention “<b>”", "Source: test"]).to_dict()
    subtitle = captioned["layout"]["title"]["subtitle"]["text"]
    said = figure.to_dict()["layout"]["title"]["subtitle"]["text"]
    assert subtitle.startswith(said + "<br>")  # the figure's own notes first
    assert "3 of 3 claims where items mention “&lt;b&gt;”</span><br>" in subtitle and "Source: test" in subtitle
    assert captioned["layout"]["margin"]["t"] == figure.to_dict()["layout"]["margin"]["t"] + 32
    assert captioned["data"] == figure.to_dict()["data"]
    assert figure.to_dict()["layout"]["title"]["subtitle"]["text"] == said  # a copy


def test_legends_sit_under_the_plot_so_they_wrap_on_a_phone(seed: pd.DataFrame) -> None:
    for figure in (figures.flow_map(seed), figures.timeline(seed)):
        legend = figure.to_dict()["layout"]["legend"]
        assert legend["orientation"] == "h" and legend["y"] < 0
    many = claims_to_frame([claim("BGR", "UKR", claimant=f"Agency {i}") for i in range(8)])
    text = figures.sankey(many).to_dict()["layout"]["annotations"][0]["text"]
    assert text.count("<br>") >= 2  # eight names in lines of three


def test_a_figure_exports_as_svg_and_png_with_its_title_and_caption(seed: pd.DataFrame) -> None:
    if not figures.export_available():
        pytest.fail("kaleido (in the test extra) is not installed")
    figure = figures.with_caption(figures.sankey(seed), ["3 of 3 claims", "Source: test"])
    svg = figures.export_image(figure, "svg").decode("utf-8")
    assert svg.startswith("<svg") and "Routes: origin" in svg and "3 of 3 claims" in svg and "Source: test" in svg
    assert "http" not in re.sub(r'xmlns(:\w+)?="[^"]*"', "", svg)  # nothing fetched or linked
    png = figures.export_image(figure, "png")
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    with pytest.raises(ValueError, match="png, svg"):
        figures.export_image(figure, "gif")


def test_on_a_narrow_screen_the_map_figure_is_as_tall_as_the_map_at_that_width(seed: pd.DataFrame) -> None:
    wide = figures.flow_map(seed)
    assert wide.layout.height == figures.MAP_HEIGHT  # width unknown: the desktop's height
    phone = figures.flow_map(seed, width=358)
    lon, lat = wide.layout.geo.lonaxis.range, wide.layout.geo.lataxis.range
    extent = geo.Extent(lon[0], lat[0], lon[1], lat[1])
    legend = sum(1 for trace in phone.data if trace.showlegend is not False)
    assert phone.layout.height == figures.map_height(extent, 358, legend) < figures.MAP_HEIGHT
    assert json.loads(phone.to_json())["data"] == json.loads(wide.to_json())["data"]  # only the height differs


def test_map_height_follows_the_extent_in_mercator() -> None:
    # A box twice as wide as tall near the equator: the map is half as tall as it is wide.
    equator = figures.map_height(geo.Extent(-20.0, -5.0, 0.0, 5.0), 400, 0)
    assert abs(equator - (figures.MAP_TITLE_PIXELS + 200 + 10)) <= 1
    # The same box far north is taller (Mercator stretches latitudes), and a legend adds its rows.
    north = figures.map_height(geo.Extent(-20.0, 55.0, 0.0, 65.0), 400, 0)
    assert north > equator
    assert figures.map_height(geo.Extent(-20.0, -5.0, 0.0, 5.0), 400, 5) == equator + 3 * figures.LEGEND_ROW_PIXELS
    # Never a sliver, never taller than a desktop's map and a bit.
    assert figures.map_height(geo.Extent(-180.0, 0.0, 180.0, 0.5), 358, 0) == 260
    assert figures.map_height(geo.Extent(0.0, -60.0, 1.0, 75.0), 358, 0) == figures.MAP_HEIGHT + 200
