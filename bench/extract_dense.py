"""Extraction throughput on arms-dense real text, beside spaCy's blank English tokenizer.

    .venv/bin/python bench/extract_dense.py [--articles 10000] [--seed 7]

The corpus is built only from sentences of real articles about arms transfers:
the real-news development texts (``var/realnews/<doc>.txt`` for the documents
of ``flows/data/realnews/dev.jsonl``; third parties' texts, never committed),
split into sentences and shuffled into articles of 8-20 sentences. Nearly every
sentence names a country, a weapon or a transfer, so the extractor's cheap
gate lets most of it through: this is its worst case, not a news feed's.

Both figures are measured in the same run, on one core, in CPU seconds. spaCy
(``pip install spacy``) is optional; without it only the extractor is timed.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time

from flows import corpus
from flows.extract import get_extractor, split_sentences
from flows.models import Article


def sentences_of_dev_texts() -> list[str]:
    gold = corpus.load_gold_set("realnews-dev")
    if not gold.documents:
        sys.exit(f"no real-news texts in {corpus.realnews_texts()}: restore them first (README, real-news set)")
    found: list[str] = []
    for document in gold.documents:
        for article in document.articles:
            found += [s.text for s in split_sentences(article.text)]
    return found


def build(sentences: list[str], count: int, seed: int) -> list[Article]:
    rng = random.Random(seed)
    return [
        Article(
            text="\n".join(rng.choice(sentences) for _ in range(rng.randint(8, 20))),
            title=rng.choice(sentences)[:120],
            published="2024-05-06",
            source="bench",
        )
        for _ in range(count)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    sentences = sentences_of_dev_texts()
    articles = build(sentences, args.articles, args.seed)
    words = sum(len(a.full_text.split()) for a in articles)
    print(f"{len(articles)} articles from {len(sentences)} real sentences, {words / len(articles):.0f} words each")

    extractor = get_extractor()
    extractor.extract(articles[0])  # compile patterns before timing
    cpu = time.process_time()
    claims = sum(len(extractor.extract(a)) for a in articles)
    rules = time.process_time() - cpu
    print(f"rules extractor:        {len(articles) / rules:8,.0f} articles/s  ({rules:.2f} s CPU, {claims} claims)")

    try:
        import spacy
    except ImportError:
        print("spaCy blank tokenizer:  not installed (pip install spacy)")
        return
    nlp = spacy.blank("en")
    nlp(articles[0].full_text)
    cpu = time.process_time()
    tokens = sum(len(nlp(a.full_text)) for a in articles)
    tokenizer = time.process_time() - cpu
    print(f"spaCy blank tokenizer:  {len(articles) / tokenizer:8,.0f} articles/s  ({tokenizer:.2f} s CPU, {tokens} tokens)")


if __name__ == "__main__":
    main()
