"""Time `ActorLexicon.find` on generated news-like sentences.

Prints microseconds per sentence (median of 5 runs over 20,000 sentences, one core). With
``--record`` the figure is also written to the actors section of bench/RESULTS.md.

    PYTHONPATH=src python bench/bench_actors.py [--sentences N] [--runs R] [--record]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from results import write_section

from bilateral.extract.actors import ActorLexicon

SUBJECTS = [
    "Iran's defence minister Mohammad-Reza Ashtiani",
    "Belarusian Defence Minister Viktor Khrenin",
    "President Alexander Lukashenko",
    "The Iranian foreign ministry",
    "Kremlin spokesman Dmitry Peskov",
    "The European Union",
    "Russian troops",
    "Tehran",
    "A spokesman for the company",
    "The delegation",
    "Lavrov",
    "The White House",
]
VERBS = [
    "met",
    "held talks with",
    "signed a memorandum on military-technical cooperation with",
    "accused",
    "said it would supply drones to",
    "criticised the decision of",
    "welcomed a delegation from",
]
OBJECTS = [
    "his Belarusian counterpart",
    "the Armenian side",
    "officials from Kazakhstan and Azerbaijan",
    "the Chinese ambassador to Minsk",
    "NATO",
    "a group of businessmen",
    "Georgia",
    "the Supreme Court",
]
TAILS = [
    "in Minsk on Monday, according to a statement published by the ministry.",
    "during a visit that lasted three days and included a tour of several factories.",
    "after months of negotiations over oil supplies and the expansion of direct flights.",
    "at a ceremony attended by dozens of officials and journalists from both countries.",
    "on the sidelines of the SCO summit held in Astana last week.",
]


def sentences(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}"
        for _ in range(n)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--record", action="store_true", help="write the figure to RESULTS.md")
    args = parser.parse_args()

    t0 = time.perf_counter()
    lexicon = ActorLexicon.default()
    load = time.perf_counter() - t0
    texts = sentences(args.sentences)
    words = sum(len(t.split()) for t in texts) / len(texts)
    day = dt.date(2023, 7, 31)
    timings = []
    mentions = 0
    for _ in range(args.runs):
        start = time.perf_counter()
        mentions = sum(len(lexicon.find(t, day)) for t in texts)
        timings.append(time.perf_counter() - start)
    per = statistics.median(timings) / len(texts) * 1e6
    figure = (
        f"ActorLexicon.find: {per:.1f} µs/sentence (median of {args.runs} runs, "
        f"{len(texts)} generated sentences of {words:.0f} words on average, "
        f"{mentions / len(texts):.2f} mentions each; lexicon load {load:.2f} s)"
    )
    print(figure)
    if args.record:
        write_section("## Actor recognition\n\n" + figure)


if __name__ == "__main__":
    main()
