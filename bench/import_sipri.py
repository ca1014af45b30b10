"""Benchmark: import SIPRI trade registers (run by hand, not by the tests).

Imports the largest SIPRI trade register in ../shared/data/sipri (when that
folder is there) and synthetic registers of 30,000 made-up deals in both
layouts (the size of the full SIPRI database), and prints seconds and rows/s.
The issue's floor: 30,000 deals in under 10 s.

    .venv/bin/python bench/import_sipri.py
"""

from __future__ import annotations

import random
import time
from pathlib import Path

from flows.importers import import_bytes

SHARED_SIPRI = Path(__file__).resolve().parents[2] / "shared" / "data" / "sipri"
DEALS = 30_000

PREAMBLE = (
    "Transfers of major conventional arms (synthetic benchmark data, not SIPRI's)\n"
    "A '?' in a column indicates uncertain data.\n"
    "\n"
    "Source: SIPRI Arms Transfers Database (c) SIPRI.\n"
    "Data generated: 01 Jan 2025 10:00:00 AM\n"
)
LEGACY_HEADER = (
    "Recipient,Supplier,Year of order, ,Number ordered, ,Weapon designation,Weapon description,"
    "Number delivered, ,Year(s) of delivery,status,Comments,SIPRI TIV per unit,"
    "SIPRI TIV for total order,SIPRI TIV of delivered weapons"
)
CURRENT_HEADER = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,Order date,"
    "Order date is estimate,Numbers delivered,Numbers delivered is estimate,Delivery year,"
    "Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,Local production"
)
PARTIES = (
    "United States", "Russia", "France", "China", "Germany", "Soviet Union", "India", "Egypt",
    "Hezbollah (Lebanon)*", "NATO**", "unknown supplier(s)", "Yugoslavia", "Turkiye", "Brazil",
)  # fmt: skip
WEAPONS = (
    ("Su-30MK", "FGA aircraft", "Aircraft"), ("T-72", "tank", "Armoured vehicles"),
    ("9M113 Konkurs", "anti-tank missile", "Missiles"), ("AN/TPS-77", "air search radar", "Sensors"),
    ("Bayraktar TB2", "armed UAV", "Aircraft"), ("Type-054A", "frigate", "Ships"),
)  # fmt: skip
COMMENTS = ("", "Second-hand; delivered via Poland", "aid; possibly via Iran", "financed by USA")


def synthetic_legacy(deals: int, rng: random.Random) -> bytes:
    lines = [PREAMBLE.rstrip("\n"), LEGACY_HEADER]
    for _ in range(deals):
        recipient, supplier = rng.sample(PARTIES, 2)
        designation, description, _category = rng.choice(WEAPONS)
        year = rng.randint(1950, 2023)
        ordered = rng.randint(1, 200)
        years = "; ".join(str(year + 1 + k) for k in range(rng.randint(1, 4)))
        lines.append(
            f"{recipient},{supplier},{year},{rng.choice(['', '?'])},{ordered},,{designation},"
            f"{description},{ordered},,{years},New,{rng.choice(COMMENTS)},0.5,{ordered / 2},{ordered / 2}"
        )
    return ("\n".join(lines) + "\n").encode("cp1252")


def synthetic_current(deals: int, rng: random.Random) -> bytes:
    lines = [PREAMBLE.rstrip("\n"), CURRENT_HEADER]
    rows = 0
    deal = 0
    while rows < deals:
        deal += 1
        recipient, supplier = rng.sample(PARTIES, 2)
        designation, description, category = rng.choice(WEAPONS)
        year = rng.randint(1950, 2020)
        for delivery in range(year + 1, year + 1 + rng.randint(1, 3)):
            lines.append(
                f"{deal},{supplier},{recipient},{designation},{description},{category},{year},No,"
                f"{rng.randint(1, 50)},Yes,{delivery},No,New,0.5,0.5,5,No"
            )
            rows += 1
    return ("\n".join(lines) + "\n").encode("ascii")


def run(label: str, data: bytes, name: str) -> None:
    # CPU seconds beside wall seconds: on a shared machine the wall clock also
    # counts other people's work.
    start, start_cpu = time.perf_counter(), time.process_time()
    result = import_bytes(data, name)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    print(
        f"{label:<48} {result.format:<13} {result.rows_read:>7} rows {len(result.claims):>7} claims"
        f" {seconds:6.2f} s ({cpu:5.2f} s CPU) {result.rows_read / seconds:>9,.0f} rows/s"
    )


def main() -> None:
    registers = sorted(SHARED_SIPRI.glob("*/trade-register*.csv"), key=lambda p: p.stat().st_size)
    if registers:
        largest = registers[-1]
        run(f"{largest.parent.name[:30]}/{largest.name}", largest.read_bytes(), largest.name)
    else:
        print(f"{SHARED_SIPRI} not present: real export skipped")
    rng = random.Random(20250101)
    run(f"synthetic legacy layout, {DEALS:,} deals", synthetic_legacy(DEALS, rng), "synthetic.csv")
    run(f"synthetic current layout, {DEALS:,} rows", synthetic_current(DEALS, rng), "synthetic.csv")


if __name__ == "__main__":
    main()
