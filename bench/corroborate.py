"""Group a generated feed of reports into claims: ``pipeline.corroborated`` and the claims-level table.

Run by hand from the repository root:

    .venv/bin/python bench/corroborate.py                 # 1,000,000 reports
    .venv/bin/python bench/corroborate.py --rows 100000

The feed is shaped like syndicated news: stories of one claimant (200 bodies,
written by one of their aliases one time in five), one stance and one route
(60 countries, one story in four through intermediaries), each carried by 1 to
40 reports over a few days; half the reports are verbatim wire copies, one in
five a copy with a word changed, the rest retold in their own words; one
report in twenty names no intermediary of a routed story. Prints the process
(CPU) time of canonical claimants, assertion and report ids (one run: the
whole thing is what is measured) and of the claims-level table, and the counts.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import pandas as pd

from flows import claimants, corroborate, pipeline

WORDS = [
    "shells",
    "rockets",
    "drones",
    "missiles",
    "shipment",
    "train",
    "port",
    "border",
    "cargo",
    "officials",
    "said",
    "monday",
    "tuesday",
    "agency",
    "intelligence",
    "ministry",
    "defence",
    "sent",
    "delivered",
    "supplied",
    "covert",
    "route",
    "containers",
    "stock",
    "army",
    "front",
    "weeks",
    "sources",
    "report",
    "documents",
    "satellite",
    "images",
    "trucks",
    "ferry",
    "airport",
    "nightly",
    "secret",
    "deal",
    "transfer",
]


def generated_reports(rows: int, seed: int = 11) -> pd.DataFrame:
    """``rows`` reports of about rows/12 stories (see the module)."""
    rng = np.random.default_rng(seed)
    bodies = [c for c in claimants.claimants() if c.kind in ("intelligence", "government", "military", "un")][:200]
    names = np.array([c.name for c in bodies], dtype=object)
    aliases = np.array([(c.aliases[-1] if c.aliases else c.name) for c in bodies], dtype=object)
    codes = np.array(
        [
            "RUS",
            "UKR",
            "IRN",
            "ISR",
            "CHN",
            "PRK",
            "KOR",
            "TUR",
            "AZE",
            "ARM",
            "IND",
            "PAK",
            "GBR",
            "FRA",
            "DEU",
            "BLR",
            "SYR",
            "SAU",
            "YEM",
            "SDN",
            "ARE",
            "EGY",
            "POL",
            "SRB",
            "CZE",
            "BGR",
            "ROU",
            "HUN",
            "SVK",
            "LBY",
            "TCD",
            "NER",
            "MLI",
            "BFA",
            "SOM",
            "ETH",
            "ERI",
            "KEN",
            "COD",
            "RWA",
            "UGA",
            "AFG",
            "IRQ",
            "LBN",
            "JOR",
            "QAT",
            "OMN",
            "KAZ",
            "UZB",
            "GEO",
            "MDA",
            "VEN",
            "COL",
            "MEX",
            "BRA",
            "CUB",
            "NIC",
            "MMR",
            "THA",
        ],
        dtype=object,
    )
    stories = max(1, rows // 12)
    size = rng.integers(1, 41, stories)
    size = np.maximum(1, np.round(size * rows / size.sum())).astype(np.int64)
    story = np.repeat(np.arange(stories), size)[:rows]
    if len(story) < rows:
        story = np.concatenate([story, rng.integers(0, stories, rows - len(story))])
    n = len(story)
    body = rng.integers(0, len(names), stories)[story]
    origin_index = rng.integers(0, len(codes), stories)
    destination_index = (origin_index + rng.integers(1, len(codes), stories)) % len(codes)
    routed = rng.random(stories) < 0.25
    via_code = codes[(destination_index + 7) % len(codes)]
    story_via = np.empty(stories, dtype=object)
    for position, (code, on) in enumerate(zip(via_code, routed, strict=True)):
        story_via[position] = [code] if on else []
    via = story_via[story].copy()
    dropped = rng.random(n) < 0.05
    for position in np.flatnonzero(dropped):
        via[position] = []
    start = np.datetime64("2020-01-01") + rng.integers(0, 5 * 365, stories)
    day = start[story] + rng.integers(0, 4, n)
    iso = np.datetime_as_string(day, unit="D").astype(object)
    base = np.array([" ".join(rng.choice(WORDS, 24)) for _ in range(stories)], dtype=object)
    kind = rng.random(n)
    evidence = base[story].copy()
    edited = (kind >= 0.5) & (kind < 0.7)
    evidence[edited] = evidence[edited] + " reportedly"
    retold = kind >= 0.7
    evidence[retold] = [" ".join(rng.choice(WORDS, 20)) for _ in range(int(retold.sum()))]
    written = np.where(rng.random(n) < 0.2, aliases[body], names[body])
    ids = np.char.add("r", np.arange(n).astype(str)).astype(object)
    return pd.DataFrame(
        {
            "claim_id": ids,
            "claim_date": iso,
            "date_precision": "day",
            "claimant": written,
            "claimant_country": "",
            "stance": np.where(rng.random(stories) < 0.15, "denied", "alleged")[story],
            "origin": codes[origin_index][story],
            "via": via,
            "destination": codes[destination_index][story],
            "evidence": evidence,
            "source": np.char.add("Outlet ", rng.integers(0, 3000, n).astype(str)).astype(object),
            "url": np.char.add("https://news.example/", np.arange(n).astype(str)).astype(object),
            "published": iso,
            "article_id": ids,
            "method": "rules bench",
            "claimant_text": "",
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    rows = parser.parse_args().rows
    made = time.perf_counter()
    reports = generated_reports(rows)
    print(f"generated {len(reports):,} reports in {time.perf_counter() - made:.1f} s (not measured)")
    wall, cpu = time.perf_counter(), time.process_time()
    grouped = pipeline.corroborated(reports)
    print(f"corroborated: {time.process_time() - cpu:.2f} s CPU ({time.perf_counter() - wall:.2f} s wall)")
    wall, cpu = time.perf_counter(), time.process_time()
    per_claim = corroborate.claims_of(grouped)
    print(f"claims-level table: {time.process_time() - cpu:.2f} s CPU ({time.perf_counter() - wall:.2f} s wall)")
    print(
        f"{len(grouped):,} rows, {grouped['report_id'].nunique():,} reports, {len(per_claim):,} claims; "
        f"{grouped['claimant'].nunique()} claimants (of {reports['claimant'].nunique()} names written)"
    )


if __name__ == "__main__":
    main()
