"""Map geometry and the country shapes and label points from ``geodata/``, for maps drawn without a network.

Geometry: great circles between points, compass bearings, and a view fitted
around points (:func:`great_circles`, :func:`bearings`, :func:`fit_extent`).

Two tables joined by ISO alpha-3 code, as flowmap.gl keeps locations apart from
flows: :func:`countries` (outlines) and :func:`label_points` (where arrows start
and end). Both are built by ``geodata/build.py`` and committed; this module finds
them relative to the repository (``flows/`` and ``geodata/`` are siblings), so the
app and the tests work from a checkout. Set ``ARMS_FLOWS_GEODATA`` to a folder to
load them from elsewhere (an installed, non-editable package).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon

from flows import countries as country_names

SHAPES_FILE = "countries.geojson"
POINTS_FILE = "label_points.csv"
GEODATA_ENV = "ARMS_FLOWS_GEODATA"


class GeodataMissing(FileNotFoundError):
    """geodata/ files are not where they should be."""


@dataclass(frozen=True)
class Extent:
    """A longitude/latitude box, west to east and south to north, in degrees."""

    west: float
    south: float
    east: float
    north: float

    @property
    def width(self) -> float:
        return self.east - self.west

    @property
    def height(self) -> float:
        return self.north - self.south

    @property
    def mercator_aspect(self) -> float:
        """Height over width of the box as a Mercator map draws it."""
        return (_mercator(self.north) - _mercator(self.south)) / np.radians(max(self.width, 1e-6))

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def padded(self, degrees: float) -> Extent:
        """The box grown by ``degrees`` on every side, within the world's bounds."""
        return Extent(
            max(self.west - degrees, -180.0),
            max(self.south - degrees, -90.0),
            min(self.east + degrees, 180.0),
            min(self.north + degrees, 90.0),
        )


# The most a map shows: Mercator stretches the poles past use.
WORLD = Extent(-180.0, -58.0, 180.0, 78.0)


# --------------------------------------------------------------------------- geometry
# Lines and views on the sphere, for the flow map (lon/lat in degrees, numpy arrays of pairs).


def great_circles(start: np.ndarray, end: np.ndarray, steps: int) -> np.ndarray:
    """Points along the great circle from each start to each end: shape (n, steps + 1, 2).

    Spherical linear interpolation of unit vectors; lon/lat in degrees.
    """
    lon1, lat1, lon2, lat2 = (np.radians(a) for a in (start[:, 0], start[:, 1], end[:, 0], end[:, 1]))
    a = np.stack([np.cos(lat1) * np.cos(lon1), np.cos(lat1) * np.sin(lon1), np.sin(lat1)], axis=1)
    b = np.stack([np.cos(lat2) * np.cos(lon2), np.cos(lat2) * np.sin(lon2), np.sin(lat2)], axis=1)
    angle = np.arccos(np.clip((a * b).sum(axis=1), -1.0, 1.0))[:, None, None]
    t = np.linspace(0.0, 1.0, steps + 1)[None, :, None]
    sin_angle = np.sin(angle)
    # Where start == end the arc has no length: stay on the point (no 0/0).
    safe = np.where(sin_angle < 1e-12, 1.0, sin_angle)
    weight_a = np.where(sin_angle < 1e-12, 1.0 - t, np.sin((1.0 - t) * angle) / safe)
    weight_b = np.where(sin_angle < 1e-12, t, np.sin(t * angle) / safe)
    vectors = weight_a * a[:, None, :] + weight_b * b[:, None, :]
    lon = np.degrees(np.arctan2(vectors[..., 1], vectors[..., 0]))
    lat = np.degrees(np.arctan2(vectors[..., 2], np.hypot(vectors[..., 0], vectors[..., 1])))
    return np.stack([lon, lat], axis=2)


def bearings(origin: np.ndarray, toward: np.ndarray) -> np.ndarray:
    """Initial compass bearing (degrees clockwise from north) from each origin toward each point."""
    lon1, lat1, lon2, lat2 = (np.radians(a) for a in (origin[:, 0], origin[:, 1], toward[:, 0], toward[:, 1]))
    delta = lon2 - lon1
    y = np.sin(delta) * np.cos(lat2)
    x = np.cos(lat1) * np.sin(lat2) - np.sin(lat1) * np.cos(lat2) * np.cos(delta)
    return np.degrees(np.arctan2(y, x)) % 360.0


def fit_extent(
    lonlat: np.ndarray, pad: float = 0.15, min_width: float = 24.0, min_height: float = 14.0, aspect: float = 1.7
) -> Extent:
    """A lon/lat box around the points: padded, at least min_width x min_height degrees,
    widened or heightened to ``aspect`` (width/height on a Mercator map) so the map
    fills its frame, and cut to :data:`WORLD`. Edges are whole degrees.
    """
    west, south = lonlat.min(axis=0)
    east, north = lonlat.max(axis=0)
    width = max(east - west, min_width / (1 + 2 * pad)) * (1 + 2 * pad)
    height = max(north - south, min_height / (1 + 2 * pad)) * (1 + 2 * pad)
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    west, east = mid_lon - width / 2, mid_lon + width / 2
    bottom, top = _mercator(max(mid_lat - height / 2, WORLD.south)), _mercator(min(mid_lat + height / 2, WORLD.north))
    screen_width = np.radians(east - west)
    if screen_width < aspect * (top - bottom):
        grow = np.degrees(aspect * (top - bottom) - screen_width) / 2
        west, east = west - grow, east + grow
    else:
        grow = (screen_width / aspect - (top - bottom)) / 2
        bottom, top = bottom - grow, top + grow
    return Extent(
        float(max(np.floor(west), WORLD.west)),
        float(max(np.floor(_unmercator(bottom)), WORLD.south)),
        float(min(np.ceil(east), WORLD.east)),
        float(min(np.ceil(_unmercator(top)), WORLD.north)),
    )


def _mercator(lat: float) -> float:
    return float(np.log(np.tan(np.pi / 4 + np.radians(lat) / 2)))


def _unmercator(y: float) -> float:
    return float(np.degrees(2 * np.arctan(np.exp(y)) - np.pi / 2))


# --------------------------------------------------------------------------- files


def geodata_dir() -> Path:
    configured = os.environ.get(GEODATA_ENV)
    return Path(configured) if configured else Path(__file__).resolve().parent.parent / "geodata"


def _file(name: str) -> Path:
    path = geodata_dir() / name
    if not path.is_file():
        raise GeodataMissing(
            f"{path} not found: run `python geodata/build.py` from the repository root, "
            f"or set {GEODATA_ENV} to the folder that holds {SHAPES_FILE} and {POINTS_FILE}"
        )
    return path


@cache
def countries() -> gpd.GeoDataFrame:
    """Country outlines (simplified Natural Earth 1:50m), indexed by ISO alpha-3 code."""
    frame = gpd.read_file(_file(SHAPES_FILE), engine="pyogrio")
    return frame.set_index("iso_a3")[["name", "geometry"]]


@cache
def label_points() -> gpd.GeoDataFrame:
    """One point per drawable code (columns lon, lat, how, note), indexed by code.

    ``how`` says where the point comes from: pole (inside the largest polygon),
    override, territory, successor (a dissolved state at its successor's point)
    or seat (an organisation at its headquarters). Unknown (XXX) has none.
    """
    table = pd.read_csv(_file(POINTS_FILE), dtype={"iso_a3": str, "how": str, "note": str})
    points = gpd.GeoDataFrame(table, geometry=gpd.points_from_xy(table["lon"], table["lat"]), crs="EPSG:4326")
    return points.set_index("iso_a3")


def locations(codes: Iterable[str]) -> pd.DataFrame:
    """The locations table for ``codes`` that have a point: id, name, lon, lat, how.

    Codes without a point (XXX, anything unknown) are left out; callers report them.
    """
    wanted = pd.Index(pd.unique(pd.Series(list(codes), dtype=object)))
    points = label_points()
    found = points.loc[wanted.intersection(points.index), ["lon", "lat", "how"]]
    table = found.rename_axis("id").reset_index()
    table.insert(1, "name", table["id"].map(country_names.name_of))
    return table


def shapes_within(extent: Extent, tolerance: float = 0.0) -> gpd.GeoDataFrame:
    """Outlines clipped to ``extent``, optionally simplified further, wound for d3.

    Clipping keeps a map's payload to the part on screen. ``tolerance`` (degrees)
    coarsens wide views where the stored detail is below a pixel. Exterior rings
    come out clockwise, the winding d3-geo (and so Plotly's geo maps) reads as
    "this side is inside"; the RFC 7946 order of the file would fill the globe.
    """
    shapes = countries()
    box = shapely.box(extent.west, extent.south, extent.east, extent.north)
    inside = shapes[shapes.intersects(box)]
    geometry = shapely.clip_by_rect(inside.geometry.values, extent.west, extent.south, extent.east, extent.north)
    if tolerance > 0:
        geometry = shapely.simplify(geometry, tolerance, preserve_topology=True)
        geometry = np.array([_without_specks(g, (2 * tolerance) ** 2) for g in geometry], dtype=object)
    # d3-geo draws an edge as a great-circle arc: a long cut along a parallel would
    # bow toward the pole (and can turn a ring inside out). Points every 2 degrees
    # keep cuts on their parallel.
    geometry = shapely.segmentize(geometry, 2.0)
    geometry = shapely.orient_polygons(geometry, exterior_cw=True)
    clipped = gpd.GeoDataFrame({"name": inside["name"]}, geometry=geometry, index=inside.index)
    return clipped[~clipped.geometry.is_empty]


def _without_specks(geometry: shapely.Geometry, min_area: float) -> shapely.Geometry:
    """Islands below ``min_area`` (square degrees) left out of a coarse view; the
    largest part stays, so no country disappears."""
    parts = list(getattr(geometry, "geoms", [geometry]))
    if len(parts) < 2:
        return geometry
    largest = max(parts, key=lambda p: p.area)
    return shapely.MultiPolygon([p for p in parts if p is largest or p.area >= min_area])


@lru_cache(maxsize=64)
def geojson_within(extent: Extent, tolerance: float = 0.0) -> Mapping[str, Mapping[str, object]]:
    """GeoJSON geometries of :func:`shapes_within` by code, cached and read-only.

    Rings are read-only numpy arrays: plotly.py deep-copies a figure's data, and
    one array per ring copies in one step where nested tuples copy point by point.
    A dashboard rerun with the same view reuses them.
    """
    shapes = shapes_within(extent, tolerance)
    return MappingProxyType({code: MappingProxyType(_geojson(geometry)) for code, geometry in shapes.geometry.items()})


def _geojson(geometry: shapely.Geometry) -> dict[str, object]:
    polygons = [p for p in getattr(geometry, "geoms", [geometry]) if isinstance(p, Polygon)]
    return {"type": "MultiPolygon", "coordinates": tuple(_rings(p) for p in polygons)}


def _rings(polygon: Polygon) -> tuple[np.ndarray, ...]:
    rings = []
    for ring in (polygon.exterior, *polygon.interiors):
        coords = np.round(shapely.get_coordinates(ring), 2)  # as stored; segmentize adds digits
        coords.flags.writeable = False
        rings.append(coords)
    return tuple(rings)
