"""Build geodata/countries.geojson and geodata/label_points.csv from Natural Earth.

Source: the npm package ``world-atlas`` (Natural Earth 1:50m Admin 0 countries,
v4.1.0, as TopoJSON). Run from the repository root:

    .venv/bin/python geodata/build.py                 # fetches world-atlas with `npm pack`
    .venv/bin/python geodata/build.py --source countries-50m.json   # or a local copy

The steps, each explained where it happens:
1. decode the TopoJSON arcs and simplify each shared arc once, so neighbours
   keep a common border (simplifying polygons one by one opens slivers);
2. give every feature its ISO 3166-1 alpha-3 code (from the numeric id, or by
   name for the features Natural Earth leaves without one);
3. merge features that share a code, round coordinates and write GeoJSON;
4. put one label point per country inside it, then add the hand-entered rows of
   ``label_points_extra.csv`` (territories, successors of dissolved states,
   seats of organisations).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycountry
import shapely
import shapely.affinity
from shapely.geometry import LinearRing, LineString, MultiPolygon, Point, Polygon, mapping
from shapely.geometry.base import BaseGeometry
from shapely.ops import polylabel, unary_union

HERE = Path(__file__).resolve().parent
PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"

# Degrees. At the map's closest useful zoom (a region ~30 degrees wide in ~700 px,
# about 0.04 degrees a pixel) 0.08 moves a border by about two pixels.
SIMPLIFY_TOLERANCE = 0.08
DECIMALS = 2

# Natural Earth features without an ISO numeric id. ISO 3166-1 has a code for none
# of Northern Cyprus, Somaliland or the Siachen Glacier; they are drawn inside the
# country ISO (and the UN) assigns them to, so the map has no holes. Kosovo uses
# the user-assigned XKX, as the EU and the IMF do. "Indian Ocean Ter." (Christmas
# and Cocos Islands, a few km2 each) is dropped: both get points as territories.
CODE_BY_NAME: dict[str, str | None] = {
    "Kosovo": "XKX",
    "N. Cyprus": "CYP",
    "Somaliland": "SOM",
    "Siachen Glacier": "IND",
    "Indian Ocean Ter.": None,
}


def fetch_topology() -> dict[str, object]:
    """countries-50m.json from the world-atlas npm package (needs npm and the registry)."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True, capture_output=True)
        tarball = next(Path(folder).glob("world-atlas-*.tgz"))
        with tarfile.open(tarball) as archive:
            member = archive.extractfile(MEMBER)
            if member is None:
                raise SystemExit(f"{tarball.name} has no {MEMBER}")
            return json.load(io.TextIOWrapper(member, encoding="utf-8"))


def decode_arcs(topology: dict[str, object], tolerance: float) -> list[list[tuple[float, float]]]:
    """Absolute, simplified coordinates of every arc (TopoJSON stores quantized deltas)."""
    transform = topology["transform"]
    assert isinstance(transform, dict)
    (scale_x, scale_y), (shift_x, shift_y) = transform["scale"], transform["translate"]
    arcs: list[list[tuple[float, float]]] = []
    for quantized in topology["arcs"]:  # type: ignore[attr-defined]
        x = y = 0
        points: list[tuple[float, float]] = []
        for dx, dy in quantized:
            x += dx
            y += dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        if points[0] == points[-1] and len(points) >= 4:
            # A closed arc is a whole island: simplified as a ring it stays a ring
            # (at least a triangle) instead of collapsing to a line.
            arcs.append(list(LinearRing(points).simplify(tolerance, preserve_topology=True).coords))
        else:
            arcs.append(list(LineString(points).simplify(tolerance, preserve_topology=False).coords))
    return arcs


def ring(indexes: Sequence[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """Stitch arcs into one ring; a negative index ~i means arc i reversed."""
    coords: list[tuple[float, float]] = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        coords.extend(arc if not coords else arc[1:])
    return coords


def unwrapped(coords: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that crosses the antimeridian made continuous (longitudes past 180).

    TopoJSON is spherical: Chukotka and Taveuni step from 180 to -180. On a plane
    that step is an edge across the whole map, so the ring is unwrapped here and
    cut at 180 by :func:`cut_at_antimeridian`. A ring that crosses only once goes
    round a pole (Antarctica) and is left as it is.
    """
    lon = np.array([x for x, _ in coords])
    crossings = int((np.abs(np.diff(lon)) > 180).sum())
    if crossings == 0 or crossings % 2:
        return coords
    return list(zip(np.unwrap(lon, period=360.0).tolist(), [y for _, y in coords]))


def cut_at_antimeridian(shape: BaseGeometry) -> BaseGeometry:
    """Parts east of 180 (or west of -180) moved back by a turn: all within ±180."""
    parts = [shape.intersection(shapely.box(-180, -90, 180, 90))]
    for beyond, shift in ((shapely.box(180, -90, 540, 90), -360.0), (shapely.box(-540, -90, -180, 90), 360.0)):
        piece = shape.intersection(beyond)
        if not piece.is_empty:
            parts.append(shapely.affinity.translate(piece, xoff=shift))
    return unary_union(parts)


def polygon(rings: Sequence[Sequence[int]], arcs: list[list[tuple[float, float]]]) -> Polygon | None:
    shell, *holes = (unwrapped(ring(r, arcs)) for r in rings)
    if len(shell) < 4:
        return None
    return Polygon(shell, [h for h in holes if len(h) >= 4])


def geometry_of(feature: dict[str, object], arcs: list[list[tuple[float, float]]]) -> BaseGeometry:
    parts = feature["arcs"]
    if feature["type"] == "Polygon":
        polygons = [polygon(parts, arcs)]  # type: ignore[arg-type]
    else:
        polygons = [polygon(p, arcs) for p in parts]  # type: ignore[union-attr]
    return cut_at_antimeridian(shapely.make_valid(MultiPolygon([p for p in polygons if p is not None])))


def code_of(feature: dict[str, object]) -> str | None:
    name = str(feature["properties"]["name"])  # type: ignore[index]
    if "id" in feature:
        country = pycountry.countries.get(numeric=str(feature["id"]))
        if country is None:
            raise SystemExit(f"unknown ISO numeric id {feature['id']} ({name})")
        return country.alpha_3
    if name not in CODE_BY_NAME:
        raise SystemExit(f"feature {name!r} has no id and no entry in CODE_BY_NAME")
    return CODE_BY_NAME[name]


def rounded(geometry: BaseGeometry, decimals: int) -> MultiPolygon:
    """Coordinates rounded to ``decimals``, only polygons kept, as a MultiPolygon."""
    snapped = shapely.make_valid(shapely.set_precision(geometry, 10.0**-decimals))
    polygons = [g for g in getattr(snapped, "geoms", [snapped]) if isinstance(g, (Polygon, MultiPolygon))]
    flat: list[Polygon] = []
    for part in polygons:
        flat.extend(part.geoms if isinstance(part, MultiPolygon) else [part])
    return MultiPolygon(flat)


def shape_of(
    features: list[dict[str, object]],
    simplified: list[list[tuple[float, float]]],
    raw: list[list[tuple[float, float]]],
) -> MultiPolygon:
    """One country's merged outline, as coarse as it can be without vanishing.

    Microstates (Monaco, Macao, Saint-Martin) collapse when their arcs are simplified
    or their coordinates rounded to DECIMALS; they keep finer detail instead.
    """
    for arcs, decimals in ((simplified, DECIMALS), (raw, DECIMALS), (raw, DECIMALS + 1), (raw, DECIMALS + 2)):
        shape = rounded(unary_union([geometry_of(f, arcs) for f in features]), decimals)
        if shape.area > 0:
            return shape
    names = ", ".join(str(f["properties"]["name"]) for f in features)  # type: ignore[index]
    raise SystemExit(f"{names}: no drawable outline")


def label_point(shape: MultiPolygon) -> Point:
    """Pole of inaccessibility of the largest polygon: inside, and on the mainland."""
    largest = max(shape.geoms, key=lambda p: p.area)
    point = polylabel(largest, tolerance=0.01)
    return Point(round(point.x, DECIMALS + 2), round(point.y, DECIMALS + 2))


def display_name(code: str) -> str:
    country = pycountry.countries.get(alpha_3=code)
    if country is None:
        return {"XKX": "Kosovo"}.get(code, code)
    return getattr(country, "common_name", None) or country.name


def read_extra(path: Path) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines))


def build(topology: dict[str, object], out: Path) -> tuple[int, int]:
    simplified = decode_arcs(topology, SIMPLIFY_TOLERANCE)
    raw = decode_arcs(topology, 0.0)
    by_code: dict[str, list[dict[str, object]]] = defaultdict(list)
    for feature in topology["objects"]["countries"]["geometries"]:  # type: ignore[index]
        code = code_of(feature)
        if code is not None:
            by_code[code].append(feature)
    shapes = {code: shape_of(features, simplified, raw) for code, features in sorted(by_code.items())}

    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"iso_a3": code, "name": display_name(code)},
            "geometry": mapping(_ccw(shape)),
        }
        for code, shape in shapes.items()
    ]
    collection = {"type": "FeatureCollection", "features": features}
    (out / "countries.geojson").write_text(
        json.dumps(collection, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8"
    )

    points: dict[str, tuple[float, float, str, str]] = {}
    for code, shape in shapes.items():
        point = label_point(shape)
        points[code] = (point.x, point.y, "pole", "pole of inaccessibility of the largest polygon")
    for row in read_extra(HERE / "label_points_extra.csv"):
        code, how = row["code"], row["how"]
        if how == "override" and code not in shapes:
            raise SystemExit(f"override for {code}, which has no shape")
        if how == "territory" and code in shapes:
            raise SystemExit(f"territory row for {code}, which has a shape: use how=override")
        if how == "successor":
            lon, lat, _, _ = points[row["note"]]
            points[code] = (lon, lat, how, f"drawn at {row['note']}")
        else:
            points[code] = (float(row["lon"]), float(row["lat"]), how, row["note"])
    for code, (lon, lat, how, _) in points.items():
        if how in ("pole", "override") and not shapes[code].buffer(1e-9).contains(Point(lon, lat)):
            raise SystemExit(f"label point of {code} ({lon}, {lat}) is outside its shape")

    with (out / "label_points.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["iso_a3", "lon", "lat", "how", "note"])
        for code in sorted(points):
            lon, lat, how, note = points[code]
            writer.writerow([code, round(lon, 4), round(lat, 4), how, note])
    return len(features), len(points)


def _ccw(shape: MultiPolygon) -> MultiPolygon:
    """RFC 7946 winding: exterior rings counter-clockwise, holes clockwise."""
    return MultiPolygon([shapely.geometry.polygon.orient(p, sign=1.0) for p in shape.geoms])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, help="a local countries-50m.json (default: npm pack)")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: geodata/)")
    args = parser.parse_args(argv)
    topology = json.loads(args.source.read_text(encoding="utf-8")) if args.source else fetch_topology()
    n_shapes, n_points = build(topology, args.out)
    print(f"wrote {n_shapes} country shapes and {n_points} label points to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
