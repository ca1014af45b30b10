"""Benchmark: time per MB of adversarial input, for each reader (run by hand, not by the tests).

The fuzz suite (tests/test_fuzz.py) shows that no reader crashes on hostile
input; this shows that none hangs: the CPU seconds per MB of each kind of
hostile input, at 0.25, 1 and 4 MB, so a time that grows faster than the
input shows as a growing s/MB. Inputs are generated with a fixed seed:

* random bytes (as .txt, .html and .jsonl: decoding, the binary check, the page split),
* random Unicode with bidi and control characters, as .txt,
* one huge line, as .txt and as a JSON record,
* HTML of nested tags (over 20,000 elements: the tag-strip fallback),
* the same text through the extractor,
* CSV with quotes and embedded line breaks under each importer's header,
* claims-table CSV with quotes and line breaks.

    .venv/bin/python bench/fuzz.py            # 0.25, 1 and 4 MB
    .venv/bin/python bench/fuzz.py --quick    # 0.25 and 1 MB
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable

from flows import ingest, table
from flows.extract import get_extractor
from flows.importers import import_bytes
from flows.models import Article

MB = 1024 * 1024
HOSTILE = ["\u202e", "\u2066", "\x1b[31m", "\x00", "\r", "\ufeff", '"', ",", "\n", "<b>", "&amp;", "Iran", "sent",
           "drones", "to", "Russia", "said", "the", "Pentagon", ".", " "]  # fmt: skip


def random_bytes(size: int, rng: random.Random) -> bytes:
    return rng.randbytes(size)


def hostile_text(size: int, rng: random.Random) -> str:
    parts: list[str] = []
    length = 0
    while length < size:
        part = rng.choice(HOSTILE) if rng.random() < 0.8 else chr(rng.randrange(0x20, 0x3000))
        parts.append(part)
        length += len(part.encode())
    return "".join(parts)


def huge_line(size: int) -> str:
    sentence = "Iran sent drones to Russia, the Pentagon said. "
    return sentence * (size // len(sentence))


def nested_html(size: int) -> bytes:
    unit = "<div><span>"
    depth = size // (len(unit) + len("</span></div>"))
    return ("<html><body>" + unit * depth + "Iran sent drones to Russia." + "</span></div>" * depth).encode()


def quoted_csv(size: int, rng: random.Random, header: str, width: int) -> bytes:
    cells = ['"a, b"', '"line\nbreak"', '""', "Germany", "2010", "DE", "issued", "?", ";", '"', "x"]
    lines = [header]
    length = len(header)
    while length < size:
        line = ",".join(rng.choice(cells) for _ in range(width))
        lines.append(line)
        length += len(line) + 1
    return "\n".join(lines).encode()


HEADERS = {
    "sipri": (
        "Data generated: 1 Jan 2026\nSIPRI AT Database ID,Supplier,Recipient,Designation,Description,"
        "Armament category,Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
        "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,TIV delivery values,"
        "Local production",
        17,
    ),
    "kiel": ("donor,iso,month,military_aid", 4),
    "caat-broker": ("2010,DE,Germany,issued,CA,Canada,1,1000.0,ML4,5,,RU,Russia", 13),
    "caat-mission": ("2010,DE,Germany,AF,Afghanistan,ISAF,Rifles", 7),
}


def cases(rng: random.Random) -> dict[str, Callable[[int], Callable[[], object]]]:
    """Name -> (size -> the call to time)."""
    extractor = get_extractor("rules")
    found: dict[str, Callable[[int], Callable[[], object]]] = {}
    for suffix in (".txt", ".html", ".jsonl"):
        found[f"read_bytes, random bytes, {suffix}"] = lambda n, s=suffix: (
            lambda data=random_bytes(n, rng): ingest.read_bytes(data, f"x{s}")
        )
    found["read_bytes, hostile Unicode, .txt"] = lambda n: (
        lambda data=hostile_text(n, rng).encode(): ingest.read_bytes(data, "x.txt")
    )
    found["read_bytes, one huge line, .txt"] = lambda n: (
        lambda data=huge_line(n).encode(): ingest.read_bytes(data, "x.txt", published="2025-06-23")
    )
    found["read_bytes, one huge line, .json"] = lambda n: (
        lambda data=json.dumps({"text": huge_line(n)}).encode(): ingest.read_bytes(data, "x.json")
    )
    found["read_bytes, nested tags, .html"] = lambda n: (lambda data=nested_html(n): ingest.read_bytes(data, "x.html"))
    found["extractor, hostile Unicode"] = lambda n: (
        lambda text=hostile_text(n, rng): extractor.extract(Article(text=text, published="2025-06-23"))
    )
    found["extractor, one huge line"] = lambda n: (
        lambda text=huge_line(n): extractor.extract(Article(text=text, published="2025-06-23"))
    )
    for fmt, (header, width) in HEADERS.items():
        found[f"import {fmt}, quoted CSV"] = lambda n, f=fmt, h=header, w=width: (
            lambda data=quoted_csv(n, rng, h, w): _import(data, f)
        )
    claims_header = ",".join(table.CLAIM_COLUMNS)
    found["claims reader, quoted CSV"] = lambda n: (
        lambda data=quoted_csv(n, rng, claims_header, len(table.CLAIM_COLUMNS)): _read_claims(data)
    )
    return found


def _import(data: bytes, fmt: str) -> object:
    try:
        return import_bytes(data, "x.csv", fmt)
    except ValueError as error:  # ImportFileError: a documented answer too
        return error


def _read_claims(data: bytes) -> object:
    try:
        return table.read_claims_bytes(data, "csv", "x.csv")
    except table.TableError as error:
        return error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="0.25 and 1 MB only")
    parser.add_argument("--only", help="run only the cases whose name contains this")
    args = parser.parse_args()
    sizes = [MB // 4, MB] if args.quick else [MB // 4, MB, 4 * MB]
    rng = random.Random(11)
    print(f"{'input':<40}" + "".join(f"{size / MB:>9.2f} MB" for size in sizes) + "   (CPU s per MB)")
    for name, make in cases(rng).items():
        if args.only and args.only not in name:
            continue
        row = f"{name:<40}"
        for size in sizes:
            call = make(size)
            started = time.process_time()
            call()
            row += f"{(time.process_time() - started) / (size / MB):>12.2f}"
        print(row, flush=True)


if __name__ == "__main__":
    main()
