"""Extraction speed: documents in, events out, on a generated news-like corpus.

    python bench/bench_extract.py [--sentences 100000] [--runs 3] [--record]

The corpus is generated here, deterministically (a seeded random generator over templates that
mix states, officials, capitals, trigger phrases, dates and filler), and streamed: documents are
made one at a time and never held together, so memory stays flat whatever ``--sentences`` is.
The measure is sentences per second through ``bilateral.extract.extract_many`` on one core
(median of ``--runs`` runs), and the peak resident memory of the process. With ``--record`` the
figures, the machine and the command are written to the "## Extraction" section of
bench/RESULTS.md (other sections are left as they are).
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from collections.abc import Iterator
from datetime import date, timedelta

from results import RESULTS, cpu_model, write_section

from bilateral.extract import extract_many
from bilateral.extract.sentences import split
from bilateral.records import Document

SECTION = "## Extraction"

STATES = [
    ("Iran", "Iranian", "Tehran"),
    ("Belarus", "Belarusian", "Minsk"),
    ("Russia", "Russian", "Moscow"),
    ("China", "Chinese", "Beijing"),
    ("Turkey", "Turkish", "Ankara"),
    ("Armenia", "Armenian", "Yerevan"),
    ("Azerbaijan", "Azerbaijani", "Baku"),
    ("Poland", "Polish", "Warsaw"),
    ("Lithuania", "Lithuanian", "Vilnius"),
    ("Kazakhstan", "Kazakh", "Astana"),
    ("India", "Indian", "New Delhi"),
    ("Pakistan", "Pakistani", "Islamabad"),
    ("Germany", "German", "Berlin"),
    ("France", "French", "Paris"),
    ("Ukraine", "Ukrainian", "Kyiv"),
]
TITLES = [
    "President",
    "Foreign Minister",
    "Defence Minister",
    "Prime Minister",
    "Deputy Foreign Minister",
    "Industry Minister",
    "ambassador",
]
NAMES = ["Ivan Petrov", "Ali Rezaei", "Anna Kowalska", "Chen Wei", "Arman Sargsyan", "Omar Khan"]
WHEN = [
    "on Monday",
    "on Tuesday",
    "on Friday",
    "last week",
    "earlier this month",
    "on March 3",
    "in 2021",
    "yesterday",
    "",
]
ACTS = [
    "{A} and {B} signed a memorandum on {topic} {when}.",
    "{a} {title} {name} arrived in {bcap} {when} for talks with his {b} counterpart.",
    "{A} will supply {goods} to {B} under a new contract, officials said {when}.",
    "The {a} {title} met {b} {title2} {name} in {acap} {when} to discuss {topic}.",
    "{A} imposed sanctions on {b} companies {when} over {topic}.",
    "{A} condemned {B} {when} and summoned its ambassador.",
    "{A} denied {when} that it had delivered drones to {B}.",
    "{A} and {B} held the fifth round of political consultations in {acap} {when}.",
    "{a} and {b} troops began joint exercises near the border {when}.",
    "{A} accused {B} {when} of supplying weapons to {C}.",
    "{A} plans to open an embassy in {bcap}, the foreign ministry said {when}.",
    "{a} leader {name} telephoned his {b} counterpart {when}.",
    "{A} warned {when} that it could close its border with {B}.",
    "The two sides agreed to expand cooperation in {topic}.",
]
FILLER = [
    "Trade between the two countries reached {n} million dollars {when}, statistics showed.",
    "Analysts said the relationship had a long history.",
    "The ministry gave no further details.",
    "Officials expect the figures to grow next year.",
    "{A} has a population of about {n} million people.",
    "The meeting was the first of its kind since {y}.",
    "Dr. J. Smith of the U.S. institute said prices rose by {n} percent.",
]
TOPICS = [
    "military-technical cooperation",
    "oil and gas",
    "transport and logistics",
    "trade and investment",
    "nuclear power",
    "agriculture",
    "visa-free travel",
    "regional security",
]
GOODS = ["drones", "tractors", "fuel", "trucks", "wheat", "air defence systems"]


def _sentence(rng: random.Random, template: str) -> str:
    a, b, c = rng.sample(STATES, 3)
    when = rng.choice(WHEN)
    text = template.format(
        A=a[0],
        B=b[0],
        C=c[0],
        a=a[1],
        b=b[1],
        acap=a[2],
        bcap=b[2],
        title=rng.choice(TITLES),
        title2=rng.choice(TITLES),
        name=rng.choice(NAMES),
        topic=rng.choice(TOPICS),
        goods=rng.choice(GOODS),
        when=when,
        n=rng.randint(2, 900),
        y=rng.randint(1992, 2020),
    )
    return " ".join(text.split())


def corpus(sentences: int, seed: int = 2026) -> Iterator[Document]:
    """Documents of 6 to 14 sentences, about half of them acts, until ``sentences`` are made."""
    rng = random.Random(seed)
    made = 0
    n = 0
    start = date(2021, 1, 1)
    while made < sentences:
        k = min(rng.randint(6, 14), sentences - made)
        parts = []
        for _ in range(k):
            pool = ACTS if rng.random() < 0.55 else FILLER
            parts.append(_sentence(rng, rng.choice(pool)))
        a = rng.choice(STATES)
        published = start + timedelta(days=rng.randint(0, 1800))
        head = f"{a[2].upper()}, {published:%B} {published.day} (Wire) - "
        yield Document(id=f"bench-{n:06d}", text=head + " ".join(parts), published=str(published))
        made += k
        n += 1


def run_once(sentences: int) -> tuple[float, int, int, int]:
    """Seconds, sentences, documents and events of one pass over the corpus."""
    counted = 0
    docs = 0
    events = 0
    # Count the sentences the splitter sees (outside the timed pass: same corpus, same seed).
    for doc in corpus(sentences):
        counted += len(split(doc.text))
        docs += 1
    t0 = time.perf_counter()
    for _ in extract_many(corpus(sentences)):
        events += 1
    return time.perf_counter() - t0, counted, docs, events


def peak_rss_mib() -> float:
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--record", action="store_true", help="write bench/RESULTS.md")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    # warm-up: lexicons and gazetteers are loaded once per process
    list(extract_many(corpus(50)))
    timings = []
    counted = docs = events = 0
    for run in range(args.runs):
        seconds, counted, docs, events = run_once(args.sentences)
        timings.append(seconds)
        print(f"run {run + 1}: {seconds:.2f} s, {counted / seconds:,.0f} sentences/s", flush=True)
    median = statistics.median(timings)
    rate = counted / median
    rss = peak_rss_mib()
    print(f"median {median:.2f} s: {rate:,.0f} sentences/s; {docs:,} documents, "
          f"{counted:,} sentences, {events:,} events; peak RSS {rss:,.0f} MiB")  # fmt: skip
    if args.record:
        command = "python bench/bench_extract.py " + " ".join(sys.argv[1:])
        write_section(
            f"{SECTION}\n\n"
            f"`{command.strip()}` on {date.today():%Y-%m-%d}: {cpu_model()}, one core (CPU "
            f"affinity pinned), Python {platform.python_version()}. A generated news-like "
            f"corpus (deterministic templates: datelines, officials, capitals, trigger phrases, "
            f"dates, filler), streamed document by document through "
            f"`bilateral.extract.extract_many` (the rules coder): documents in, events out.\n\n"
            f"| measure | value | target |\n|---|---|---|\n"
            f"| documents | {docs:,} | |\n"
            f"| sentences | {counted:,} | ≥ 100,000 |\n"
            f"| events | {events:,} | |\n"
            f"| runs | {args.runs} (median) | |\n"
            f"| seconds | {median:.2f} (runs: {', '.join(f'{t:.2f}' for t in timings)}) | |\n"
            f"| sentences per second | {rate:,.0f} | ≥ 2,000 |\n"
            f"| peak resident memory | {rss:,.0f} MiB | < 1 GiB |\n"
        )
        print(f"recorded in {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
