"""Extraction time against the size of one article (1, 4, 16 MB).

    .venv/bin/python bench/extract_size.py [--sizes 1 4 16]

The article repeats one paragraph of our own writing: a claim, its denial and a
route restated again and again, the worst case for merging (every restatement
joins the same claims). Time must grow linearly with size: a few seconds per
MB at most. Prints CPU seconds, seconds per MB and the claims found.
"""

from __future__ import annotations

import argparse
import time

from flows.extract import get_extractor
from flows.models import Article

PARAGRAPH = (
    "Russia's foreign intelligence service, the SVR, said on Monday that two Serbian companies had sold "
    "rockets and mortar shells to Ukraine through firms in the Czech Republic and Bulgaria. "
    "Serbia's president denied the accusation. The shells reached Ukraine via Poland, the report said.\n"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 16], help="article sizes in MB")
    args = parser.parse_args()
    extractor = get_extractor()
    for megabytes in args.sizes:
        text = PARAGRAPH * int(megabytes * 1_000_000 / len(PARAGRAPH))
        cpu = time.process_time()
        claims = extractor.extract(Article(text=text, published="2025-06-23", source="bench"))
        seconds = time.process_time() - cpu
        evidence = sum(len(c.evidence) for c in claims)
        print(
            f"{megabytes:5g} MB: {seconds:7.2f} s CPU  {seconds / megabytes:5.2f} s/MB  "
            f"{len(claims)} claims, {evidence} evidence spans"
        )


if __name__ == "__main__":
    main()
