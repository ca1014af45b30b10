"""Benchmark: the dashboard server's work after a filter change, at 10,000 and 30,000 claims.

Run by hand (never in the tests):

    .venv/bin/python bench/dashboard.py            # 10,000 and 30,000 claims
    .venv/bin/python bench/dashboard.py 50000      # other sizes

A filter change makes the app (1) take the prepared claims from ``st.cache_data``
(an unpickle), (2) filter them and count the headline figures, (3) build the
figure of the current view (a cache miss: this filter was not seen before).
Each step is timed here on a synthetic claims table shaped like the real one
(many claimants, ~120 countries, a fifth of the claims routed through
intermediaries, dates of every precision, SIPRI-like register rows).
Loading from SQLite, preparing and splitting every claim into legs happen once
per store revision and are reported separately; the figures get those legs
(``legs=``) and cut them to the claims shown, as the app does. Budget: 100 ms at 10,000 claims, 300 ms at 30,000.
"""

from __future__ import annotations

import pickle
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import pandas as pd

from flows import figures, filters, table
from flows.dates import precision_of
from flows.route import Route
from flows.vocabulary import CATEGORIES, STANCES
from flows.state import ViewState
from flows.store import Store

WORDS = ("drones", "artillery shells", "tanks", "rifles", "missiles", "radars", "helicopters", "rockets")


def synthetic_claims(n: int, seed: int = 7) -> pd.DataFrame:
    rng = random.Random(seed)
    codes = sorted(c for c in __import__("flows.countries", fromlist=["x"]).known_codes() if len(c) == 3)[:120]
    claimants = [f"Claimant {i}" for i in range(250)] + ["SIPRI", "Kiel Institute", "CAAT"]
    rows = []
    for i in range(n):
        origin, destination = rng.sample(codes, 2)
        via: list[str] = []
        if rng.random() < 0.2:
            via = [rng.choice(codes)] if rng.random() < 0.7 else [Route.of_chain((rng.choice(codes), rng.choice(codes)))]
        year = rng.randint(2010, 2025)
        kind = rng.random()
        claim_date = (
            f"{year}" if kind < 0.3 else f"{year}-{rng.randint(1, 12):02d}" if kind < 0.6
            else date(year, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
        )
        item = rng.choice(WORDS)
        register = rng.random() < 0.4
        rows.append(
            {
                "claim_id": f"{i:016x}",
                "claim_date": claim_date,
                "date_precision": precision_of(claim_date),
                "claimant": rng.choice(claimants[-3:] if register else claimants[:-3]),
                "claimant_country": "",
                "stance": "reported" if register else rng.choice(STANCES),
                "origin": origin,
                "origin_actor": "",
                "via": via,
                "destination": destination,
                "destination_actor": "",
                "items": f"{rng.randint(1, 500)} {item}",
                "category": rng.choice(CATEGORIES),
                "quantity": float(rng.randint(1, 500)) if rng.random() < 0.6 else None,
                "value": float(rng.randint(1, 900)) if rng.random() < 0.3 else None,
                "value_unit": "SIPRI TIV" if register else "",
                "evidence": f"Officials said {origin} sent {item} to {destination} via a third country, "
                            f"according to documents seen by reporters in {year}.",
                "source": "Synthetic Wire",
                "url": f"https://example.org/{i}",
                "published": f"{year}-06-01",
                "article_id": f"a{i // 3}",
                "method": "import:sipri 1" if register else rng.choice(["rules 0.1.0", "manual"]),
                "confidence": round(rng.random(), 2),
            }
        )
    return table.typed(pd.DataFrame(rows, columns=list(table.CLAIM_COLUMNS)))


CHANGES: dict[str, ViewState] = {
    "stance": ViewState(stances=("alleged", "confirmed")),
    "origin": ViewState(origins=("AFG", "AGO", "ALB")),
    "via": ViewState(vias=("ARE", "ARG")),
    "search": ViewState(query="drones"),
    "dates": ViewState(date_from=date(2018, 3, 1), date_to=date(2021, 6, 30)),
    "kind+category": ViewState(kinds=("register",), categories=("aircraft", "naval", "drones")),
}


def _ms(seconds: float) -> str:
    return f"{1000 * seconds:7.1f} ms"


def _time(fn, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench(n: int) -> float:
    raw = synthetic_claims(n)
    print(f"\n== {n:,} claims")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "bench.sqlite")
        start = time.perf_counter()
        store.save(raw)
        print(f"   save to SQLite (once)          {_ms(time.perf_counter() - start)}")
        start = time.perf_counter()
        claims = store.claims()
        print(f"   load from SQLite (per revision) {_ms(time.perf_counter() - start)}")
    start = time.perf_counter()
    prepared = filters.prepare(claims)
    print(f"   prepare (per revision)         {_ms(time.perf_counter() - start)}")
    start = time.perf_counter()
    all_legs = table.legs(filters.public(prepared))
    print(f"   legs of every claim (per rev.) {_ms(time.perf_counter() - start)}")
    blob = pickle.dumps(prepared, protocol=pickle.HIGHEST_PROTOCOL)
    unpickle = _time(lambda: pickle.loads(blob))
    print(f"   cache_data hit (unpickle)      {_ms(unpickle)}")

    # First calls load the map's shapes and Plotly's validators: done once per process.
    sample = filters.public(prepared.head(50))
    figures.sankey(sample, legs=all_legs)
    figures.flow_map(sample, legs=all_legs)
    figures.timeline(sample)
    worst = 0.0
    print(f"   {'filter change':<15} {'rows':>7} {'filter+head':>12} {'sankey':>10} {'map':>10} {'timeline':>10} {'total*':>10}")
    for name, state in CHANGES.items():
        result = filters.filter_claims(prepared, state)
        shown = filters.public(result.claims)
        t_filter = _time(lambda: (filters.headline(filters.filter_claims(prepared, state).claims)))
        t_public = _time(lambda: filters.public(result.claims))
        t_sankey = _time(lambda: figures.sankey(shown, color_by="claimant", measure="claims", top_n=12,
                                                legs=all_legs), 2)
        t_map = _time(lambda: figures.flow_map(shown, color_by="claimant", measure="claims",
                                               legs=all_legs), 2)
        t_timeline = _time(lambda: figures.timeline(shown), 2)
        # the app builds the figure of the current view only; the worst view counts
        total = unpickle + t_filter + t_public + max(t_sankey, t_map, t_timeline)
        worst = max(worst, total)
        print(f"   {name:<15} {len(shown):>7,} {_ms(t_filter + t_public):>12} {_ms(t_sankey):>10} "
              f"{_ms(t_map):>10} {_ms(t_timeline):>10} {_ms(total):>10}")
    print(f"   * unpickle + filter + headline + the slowest view's figure; worst: {_ms(worst)}")
    return worst




def bench_app(n: int) -> None:
    """The whole page run after a filter change, as the app reports it (AppTest, in-process)."""
    import os

    from streamlit.testing.v1 import AppTest

    from flows.store import ENV_VAR

    with tempfile.TemporaryDirectory() as folder:
        location = Path(folder) / "bench.sqlite"
        store = Store(location)
        store.save(synthetic_claims(n))
        store.set_meta("seeded", "synthetic")
        os.environ[ENV_VAR] = str(location)
        app = str(Path(__file__).resolve().parent.parent / "app.py")
        at = AppTest.from_file(app, default_timeout=120).run()
        print(f"\n== the app at {n:,} claims (footer's 'server work', first run loads the store)")
        print(f"   first run                      {_footer_ms(at):7.0f} ms")
        steps = [
            ("stance", lambda: at.pills(key="st").set_value(["alleged"])),
            ("origin", lambda: at.multiselect(key="o").set_value(sorted(set(store.claims()["origin"]))[:2])),
            ("search", lambda: at.text_input(key="q").set_value("drones")),
            ("map view", lambda: at.segmented_control(key="view").set_value("map")),
            ("reset", lambda: at.button(key="reset").click()),
        ]
        for name, change in steps:
            change()
            at.run()
            print(f"   {name:<30} {_footer_ms(at):7.0f} ms")


def _footer_ms(at) -> float:  # type: ignore[no-untyped-def]
    for caption in at.caption:
        if "server work" in caption.value:
            return float(caption.value.rsplit(" ", 2)[-2])
    return float("nan")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [10_000, 30_000]
    for n in sizes:
        worst = bench(n)
        budget = 0.1 if n <= 10_000 else 0.3
        verdict = "within" if worst <= budget else "OVER"
        print(f"   {verdict} the {1000 * budget:.0f} ms budget")
    for n in sizes:
        bench_app(n)


if __name__ == "__main__":
    main()
