"""geodata/ and flows.geo: every code has a point, points sit where a reader looks,
shapes carry ISO codes, and clipping keeps maps small and drawable by d3."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely.geometry import Point

from flows import countries, geo


def test_every_code_a_claim_can_hold_has_a_label_point_except_unknown() -> None:
    points = geo.label_points()
    missing = sorted(countries.known_codes() - set(points.index) - {"XXX"})
    assert missing == []
    assert "XXX" not in points.index


def test_every_shape_has_a_known_alpha3_code_and_kosovo_is_xkx() -> None:
    shapes = geo.countries()
    assert shapes.index.is_unique
    assert set(shapes.index) <= countries.known_codes()
    assert "XKX" in shapes.index
    assert not any(code.startswith("-") for code in shapes.index)


@pytest.mark.parametrize(
    ("place", "lon", "lat", "code"),
    [
        ("Nicosia north of the Green Line (Northern Cyprus)", 33.6, 35.3, "CYP"),
        ("Hargeisa (Somaliland)", 44.06, 9.56, "SOM"),
        ("Pristina", 21.16, 42.66, "XKX"),
    ],
)
def test_territories_without_an_iso_code_are_drawn_inside_their_iso_country(
    place: str, lon: float, lat: float, code: str
) -> None:
    assert geo.countries().loc[code, "geometry"].buffer(0.1).contains(Point(lon, lat)), place


def test_no_outline_runs_across_the_map_at_the_antimeridian() -> None:
    # Chukotka and Fiji cross 180 degrees; drawn on a plane without being cut
    # there, their rings become bands across the whole map. Antarctica circles
    # the pole, so it alone spans every longitude.
    wide = [
        code
        for code, geometry in geo.countries().geometry.items()
        for polygon in getattr(geometry, "geoms", [geometry])
        if polygon.bounds[2] - polygon.bounds[0] > 180
    ]
    assert wide == ["ATA"]
    fiji = geo.countries().loc["FJI", "geometry"]
    assert fiji.contains(Point(178.0, -17.8)) and fiji.buffer(0.05).contains(Point(-179.9, -16.5))


def test_computed_and_overridden_points_lie_inside_their_country() -> None:
    points = geo.label_points()
    shapes = geo.countries()
    inside = points[points["how"].isin(["pole", "override"])]
    outside = [
        code for code, point in inside.geometry.items()
        if not shapes.loc[code, "geometry"].buffer(1e-6).contains(point)
    ]
    assert outside == []


# Where a reader expects the arrows of these countries to start: a naive centroid
# of the whole outline would be at sea (Indonesia, Norway), abroad (France, with
# French Guiana), or far from the people (the USA with Alaska, Russia in Siberia).
@pytest.mark.parametrize(
    ("code", "west", "south", "east", "north"),
    [
        ("FRA", -2.0, 44.0, 6.0, 49.5),  # metropolitan France
        ("USA", -110.0, 32.0, -85.0, 45.0),  # contiguous states, not Alaska
        ("NOR", 5.0, 58.0, 13.0, 64.0),  # southern Norway
        ("RUS", 30.0, 50.0, 60.0, 62.0),  # west of the Urals
        ("IDN", 105.0, -8.5, 115.0, -5.5),  # Java
        ("GBR", -4.0, 51.0, 1.0, 55.0),  # England
    ],
)
def test_label_points_are_where_a_reader_expects_them(
    code: str, west: float, south: float, east: float, north: float
) -> None:
    lon, lat = geo.label_points().loc[code, ["lon", "lat"]]
    assert geo.Extent(west, south, east, north).contains(lon, lat)


@pytest.mark.parametrize(("historic", "successor"), [("SUN", "RUS"), ("YUG", "SRB"), ("CSK", "CZE"), ("DDR", "DEU")])
def test_dissolved_states_are_drawn_at_their_successor(historic: str, successor: str) -> None:
    points = geo.label_points()
    assert tuple(points.loc[historic, ["lon", "lat"]]) == tuple(points.loc[successor, ["lon", "lat"]])
    assert points.loc[historic, "how"] == "successor"


@pytest.mark.parametrize(
    ("code", "lon", "lat"),
    [("EUE", 4.35, 50.85), ("XNA", 4.42, 50.88), ("UNO", -73.97, 40.75), ("XAU", 38.74, 9.03)],
)
def test_organisations_are_drawn_at_their_seat(code: str, lon: float, lat: float) -> None:
    point = geo.label_points().loc[code]
    assert point["how"] == "seat"
    assert abs(point["lon"] - lon) < 0.2 and abs(point["lat"] - lat) < 0.2


def test_locations_table_names_places_and_leaves_out_codes_without_a_point() -> None:
    table = geo.locations(["SRB", "XXX", "SRB", "EUE"])
    assert list(table.columns) == ["id", "name", "lon", "lat", "how"]
    assert sorted(table["id"]) == ["EUE", "SRB"]
    assert dict(zip(table["id"], table["name"])) == {"SRB": "Serbia", "EUE": "European Union"}


def test_shapes_within_are_clipped_to_the_box_and_wound_clockwise_for_d3() -> None:
    box = geo.Extent(10.0, 40.0, 30.0, 55.0)
    shapes = geo.shapes_within(box)
    assert {"SRB", "CZE", "BGR", "DEU"} <= set(shapes.index)
    assert "USA" not in shapes.index
    west, south, east, north = shapes.total_bounds
    assert west >= box.west and south >= box.south and east <= box.east and north <= box.north
    exteriors = [
        polygon.exterior
        for geometry in shapes.geometry
        for polygon in getattr(geometry, "geoms", [geometry])
    ]
    assert exteriors and not any(shapely.is_ccw(ring) for ring in exteriors)


def test_a_wide_view_is_simplified_to_a_smaller_payload() -> None:
    detailed = json.dumps(geo.shapes_within(geo.WORLD).geometry.__geo_interface__)
    coarse = json.dumps(geo.shapes_within(geo.WORLD, tolerance=0.25).geometry.__geo_interface__)
    assert len(coarse) < 0.8 * len(detailed)


def test_committed_geodata_stays_small() -> None:
    assert (geo.geodata_dir() / geo.SHAPES_FILE).stat().st_size < 500_000


def test_missing_geodata_says_how_to_build_it(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(geo.GEODATA_ENV, str(tmp_path))
    geo.countries.cache_clear()
    try:
        with pytest.raises(geo.GeodataMissing, match="geodata/build.py"):
            geo.countries()
    finally:
        monkeypatch.delenv(geo.GEODATA_ENV)
        geo.countries.cache_clear()
