"""Extraction throughput on one core, over a generated corpus.

    .venv/bin/python bench/extract.py [--articles 10000] [--seed 7]

The corpus mixes what a news feed holds: about one article in seven
report arms transfers (claims, denials, routes through third countries), the
rest are politics, economy, strikes, drills and pledges that mention
countries and weapons without a transfer. Articles run 350-900 words.
Times :func:`flows.pipeline.extract` (the extractor, then the claims table
checked as ``flows extract`` does). Prints articles/s, words/s and claims found.
"""

from __future__ import annotations

import argparse
import os
import random
import time

from flows import pipeline
from flows.extract import get_extractor
from flows.models import Article

COUNTRIES = ["Serbia", "Bulgaria", "the Czech Republic", "Ukraine", "Russia", "Iran", "North Korea",
             "Turkey", "Poland", "Germany", "France", "Belarus", "China", "India", "Armenia",
             "Azerbaijan", "Israel", "Sudan", "Chad", "Libya", "Egypt", "the United Arab Emirates"]
CLAIMANTS = ["US officials", "the SVR", "Ukraine's military intelligence", "the Kremlin",
             "a UN panel of experts", "Conflict Armament Research", "South Korea's spy agency",
             "the Pentagon", "Israeli officials", "the foreign ministry"]
ITEMS = ["artillery shells", "attack drones", "ballistic missiles", "mortar rounds", "howitzers",
         "assault rifles", "air defence systems", "armoured vehicles", "rocket components", "ammunition"]
VERBS = ["supplied", "sold", "shipped", "delivered", "sent", "smuggled", "transferred"]
# General news: what most of a feed is. A few lines mention weapons, strikes,
# drills and pledges without any transfer, as real coverage does.
FILLER = [
    "The central bank kept interest rates unchanged on {day}, citing slowing inflation in {c1}.",
    "Officials in {c1} and {c2} met to discuss trade, energy prices and migration.",
    "Opposition lawmakers called for an inquiry into the budget, which they said favoured the capital.",
    "The ministry said talks would resume next month after a pause over the holidays.",
    "Analysts said the currency could weaken further if demand in {c1} keeps falling.",
    "Thousands of people marched through the capital of {c1} on {day} to protest against rising prices.",
    "A spokesman declined to comment on the report, saying the matter was under review.",
    "Weather forecasters warned of heavy rain across the north of {c1} later this week.",
    "The company reported a 12% rise in quarterly profit, beating analysts' expectations.",
    "Shares in Asian markets fell for a third day as investors weighed the outlook for growth.",
    "The court adjourned the hearing until next month after the defence asked for more time.",
    "Health officials in {c1} said hospital admissions had fallen by a fifth since the start of the year.",
    "The national team of {c1} beat {c2} 2-1 in a friendly match on {day}.",
    "Negotiators from {c1} and {c2} said they had made progress on a new fisheries agreement.",
    "The president of {c1} will travel to {c2} next week for a two-day state visit.",
    "Farmers blocked roads near the border, demanding lower fuel taxes and fewer regulations.",
    "The government announced a plan to build 200,000 homes over the next five years.",
    "Police said three people had been arrested after the protest turned violent late on {day}.",
    "The election commission said turnout was the highest in two decades.",
    "Tourism revenue in {c1} rose sharply in the summer, the statistics office said.",
    "Engineers are still assessing damage to the bridge, which was closed after the flood.",
    "The minister resigned on {day} after weeks of pressure over a procurement scandal.",
    "Prices of wheat and maize rose after poor harvests in {c1} and {c2}.",
    "The army of {c1} held drills near the border with {c2}, its defence ministry said.",
    "{c1} pledged to send more {item} to {c2} next year, the prime minister said.",
    "Missiles struck an energy facility in {c1} overnight, regional officials said.",
    "The two leaders agreed to explore joint production of {item}.",
    "Shares in European defence companies rose after the summit, with investors betting on higher spending.",
    "The government said it would evacuate citizens from {c1} on chartered flights.",
]
CLAIMS = [
    "{claimant} said on {day} that {c1} had {verb} {item} to {c2}.",
    "{c1} {verb} {item} to {c2} through firms in {c3} and {c4}, according to {claimant}.",
    "\"{c1} has {verb} {item} to {c2},\" {claimant} said.",
    "{claimant} accused {c1} of sending {item} to {c2} via {c3}.",
    "{c1} denied supplying {item} to {c2}.",
    "{c2} received {item} from {c1}, {claimant} said in a report published on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def sentence(template: str, rng: random.Random) -> str:
    c1, c2, c3, c4 = rng.sample(COUNTRIES, 4)
    return template.format(
        c1=c1, c2=c2, c3=c3, c4=c4, day=rng.choice(DAYS), item=rng.choice(ITEMS),
        verb=rng.choice(VERBS), claimant=rng.choice(CLAIMANTS),
    )


def article(index: int, rng: random.Random) -> Article:
    words_wanted = rng.randint(350, 900)
    sentences: list[str] = []
    arms = rng.random() < 0.15
    while sum(len(s.split()) for s in sentences) < words_wanted:
        if arms and rng.random() < 0.3:
            sentences.append(sentence(rng.choice(CLAIMS), rng))
        else:
            sentences.append(sentence(rng.choice(FILLER), rng))
    paragraphs = [" ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
    title = sentence(rng.choice(CLAIMS if arms else FILLER), rng).rstrip(".")
    return Article(text="\n".join(paragraphs), title=title, source="bench", published="2024-05-06", url=f"bench://{index}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    rng = random.Random(args.seed)
    corpus = [article(i, rng) for i in range(args.articles)]
    words = sum(len(a.text.split()) for a in corpus)
    extractor = get_extractor()
    extractor.extract(corpus[0])  # compile patterns before timing
    started, cpu_started = time.perf_counter(), time.process_time()
    extraction = pipeline.extract(corpus, extractor)  # what `flows extract` does: claims, then the checked table
    elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    print(f"{len(corpus)} articles, {words / len(corpus):.0f} words each on average")
    print(f"wall {elapsed:.2f} s on one core: {len(corpus) / elapsed:,.0f} articles/s, {words / elapsed:,.0f} words/s")
    # CPU time is what the process itself used: steadier when other work shares the machine.
    print(f"cpu  {cpu:.2f} s: {len(corpus) / cpu:,.0f} articles/s")
    print(f"{extraction.claims_found} claims found, {len(extraction.claims)} in the table")


if __name__ == "__main__":
    main()
