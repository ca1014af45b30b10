"""Render every figure for the seed claims and a generated 10,000-claim table.

Run by hand from the repository root:

    .venv/bin/python bench/render_figures.py            # HTML under artifacts/figures/
    .venv/bin/python bench/render_figures.py --png      # also PNG, via headless Chromium

Prints, per table and figure, the CPU time this process spends building it
(process time, so other work on the machine does not count; median of a few runs,
after one warm-up that loads geodata; the legs table is built once, as the
dashboard does) and the size of its figure JSON (what goes to the browser). Open the HTML files in a browser to look at them: they embed
plotly.js and need no network. PNGs need Debian's ``chromium``.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go

from flows import figures, geo
from flows.models import Claim, Evidence
from flows.route import Route
from flows.table import claims_to_frame, legs
from flows.vocabulary import CATEGORIES

OUT = Path("artifacts/figures")
RUNS = 5


def seed_claims() -> pd.DataFrame:
    """The seed page's claims (Reuters via The Straits Times, 2025-06-23)."""
    quote = (
        "Russia's foreign intelligence agency said that two Serbian companies sent rockets "
        "and mortar shells to Ukraine through firms in the Czech Republic and Bulgaria."
    )
    common = {"claim_date": "2025-06-23", "date_precision": "day", "article_id": "seed", "method": "rules bench"}
    return claims_to_frame(
        [
            Claim(claimant="SVR", stance="alleged", origin="SRB", destination="UKR", via=("CZE", "BGR"),
                  claimant_country="RUS", items="rockets for multiple rocket launchers; mortar shells",
                  category="ammunition", evidence=(Evidence(quote, 0, len(quote)),), **common),  # type: ignore[arg-type]
            Claim(claimant="Reuters", stance="reported", origin="BGR", destination="UKR",
                  items="weapons and ammunition", category="arms", **common),  # type: ignore[arg-type]
            Claim(claimant="Reuters", stance="reported", origin="CZE", destination="UKR",
                  items="weapons and ammunition", category="arms", **common),  # type: ignore[arg-type]
        ]
    )


def generated_claims(count: int, seed: int = 7) -> pd.DataFrame:
    """``count`` random claims over every country with a shape, a few heavy senders,
    30 claimants, parallel routes and chains, some unknown and historic codes."""
    rng = random.Random(seed)
    codes = sorted(geo.countries().index) + ["XXX", "SUN", "EUE", "UNO"]
    heavy = ["USA", "RUS", "FRA", "DEU", "CHN", "GBR", "ITA", "ISR", "KOR", "TUR"]
    stances = ["alleged", "reported", "confirmed", "denied"]
    claims = []
    for number in range(count):
        origin = rng.choice(heavy) if rng.random() < 0.6 else rng.choice(codes)
        destination = rng.choice(codes)
        roll = rng.random()
        via: tuple[str, ...] = ()
        if roll < 0.15:
            via = (rng.choice(codes),)
        elif roll < 0.2:
            via = (rng.choice(codes), rng.choice(codes))
        elif roll < 0.23:
            via = (Route.of_chain((rng.choice(codes), rng.choice(codes))),)
        year, month = rng.randint(2015, 2025), rng.randint(1, 12)
        quote = f"Claim {number}: shipments from {origin} to {destination} were reported <again>."
        claims.append(
            Claim(
                claimant=f"Claimant {rng.randint(1, 30)}", stance=rng.choice(stances),
                origin=origin, destination=destination, via=via,
                claim_date=f"{year}-{month:02d}", date_precision="month",
                items="artillery shells", category=rng.choice(CATEGORIES),
                quantity=float(rng.randint(1, 500)),
                evidence=(Evidence(quote, 0, len(quote)),), article_id=f"gen{number}", method="rules bench",
            )
        )
    return claims_to_frame(claims)


def timed(build: Callable[[], go.Figure]) -> tuple[go.Figure, float]:
    build()  # warm-up: loads geodata, imports
    times = []
    for _ in range(RUNS):
        start = time.process_time()
        figure = build()
        times.append(time.process_time() - start)
    return figure, statistics.median(times) * 1000


def screenshot(html: Path, png: Path) -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        print("  (no chromium: PNG skipped)", file=sys.stderr)
        return
    subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1200,800", "--virtual-time-budget=8000", f"--screenshot={png.resolve()}",
         html.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", action="store_true", help="also save PNG screenshots (needs chromium)")
    parser.add_argument("--claims", type=int, default=10_000, help="size of the generated table")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    tables = {"seed": seed_claims(), f"generated{args.claims}": generated_claims(args.claims)}
    print(f"{'table':<18}{'figure':<10}{'CPU ms':>10}{'JSON KB':>10}")
    for name, claims in tables.items():
        # As the dashboard does: claimant colours and the legs table once per table.
        start = time.process_time()
        hops = legs(claims)
        print(f"{name:<18}{'legs':<10}{(time.process_time() - start) * 1000:>10.1f}")
        builders: dict[str, Callable[[], go.Figure]] = {
            "sankey": lambda: figures.sankey(claims, legs=hops),
            "map": lambda: figures.flow_map(claims, legs=hops),
            "timeline": lambda: figures.timeline(claims),
        }
        total = 0.0
        for figure_name, build in builders.items():
            figure, ms = timed(build)
            total += ms
            size = len(figure.to_json()) / 1000
            html = OUT / f"{name}_{figure_name}.html"
            figure.write_html(html, include_plotlyjs=True, config=figures.PLOTLY_CONFIG, full_html=True)
            if args.png:
                screenshot(html, html.with_suffix(".png"))
            print(f"{name:<18}{figure_name:<10}{ms:>10.1f}{size:>10.1f}")
        print(f"{name:<18}{'all three':<10}{total:>10.1f}")
    print(f"wrote {OUT}/", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
