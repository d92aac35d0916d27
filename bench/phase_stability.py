"""How stable are the Iran–Belarus phases when some of the reporting is missing?

Not a speed benchmark: a robustness measure of the analysis on the embedded corpus. The corpus
is extracted once; then, RUNS times, a random share of its documents (``--keep``, 90 % by
default; each run its own seed) is loaded with their events into a fresh store, the stories are
built and the pair analysed. Counted: how often each reading of the history appears (a phase
opening 2005–2007 and closing 2010–2012, a low phase 2011/13–2020/22, a rise in 2021–2023 to a
military phase, a fall in 2010–2012 with a US sanction among its catalysts) and the most common
segmentations.

    PYTHONPATH=src python bench/phase_stability.py [--runs 20] [--keep 0.9] [--record]

With ``--record`` the figures are written to the ``## Phase stability`` section of
bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import collections
import platform
import random
import tempfile
import time
from pathlib import Path

from results import cpu_model, write_section

from bilateral.analysis import DyadAnalysis, analyse_pair, build_stories
from bilateral.extract import extract_many
from bilateral.records import Event
from bilateral.report.pipeline import corpus_documents
from bilateral.store import Store

READINGS = (
    "solidarity 2006-2011",
    "lukewarm decade, low",
    "fall 2010-2012 with a US sanction",
    "rise 2021-2023 to military",
)


def readings(d: DyadAnalysis) -> dict[str, bool]:
    def year(period: str) -> int:
        return int(period[:4])

    solidarity = [p for p in d.phases if 2005 <= year(p.start) <= 2007]
    lukewarm = [p for p in d.phases if 2011 <= year(p.start) <= 2013]
    fall = [s for s in d.shifts if 2010 <= year(s.date) <= 2012 and s.direction == "down"]
    rise = [s for s in d.shifts if 2021 <= year(s.date) <= 2023 and s.direction == "up"]
    found = {
        "solidarity 2006-2011": bool(solidarity) and 2010 <= year(solidarity[0].end) <= 2012,
        "lukewarm decade, low": bool(lukewarm)
        and 2020 <= year(lukewarm[0].end) <= 2022
        and lukewarm[0].level == "low",
        "fall 2010-2012 with a US sanction": any(
            c.story.actor == "USA" and c.story.event_type == "SANCTION"
            for s in fall
            for c in s.catalysts
        ),
        "rise 2021-2023 to military": bool(rise) and d.phases[-1].dominant_dimension == "military",
    }
    assert set(found) == set(READINGS)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--keep", type=float, default=0.9)
    parser.add_argument("--record", action="store_true", help="Write to bench/RESULTS.md.")
    args = parser.parse_args()

    docs = corpus_documents()
    events = extract_many(docs)
    by_doc: dict[str, list[Event]] = collections.defaultdict(list)
    for e in events:
        by_doc[e.doc_id].append(e)
    found: collections.Counter[str] = collections.Counter()
    cuts: collections.Counter[str] = collections.Counter()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            rng = random.Random(run)
            kept = [doc for doc in docs if rng.random() < args.keep]
            with Store(Path(tmp) / f"run{run}.duckdb") as store:
                store.add_documents(kept)
                store.add_events([e for doc in kept for e in by_doc[doc.id]])
                build_stories(store)
                dyad = analyse_pair(store, "IRN", "BLR")
            found.update(k for k, v in readings(dyad).items() if v)
            cuts[" / ".join(f"{p.start}-{p.end}" for p in dyad.phases)] += 1
    took = time.perf_counter() - started
    lines = [
        "## Phase stability",
        "",
        f"`PYTHONPATH=src python bench/phase_stability.py --runs {args.runs} --keep {args.keep}"
        + (" --record`" if args.record else "`"),
        f"on {cpu_model()}, Python {platform.python_version()}; {args.runs} runs, each keeping "
        f"a random {args.keep:.0%} of the corpus's {len(docs)} documents ({took:.0f} s).",
        "",
        "| reading of the Iran–Belarus history | runs that find it |",
        "|---|---|",
    ]
    for name in READINGS:
        lines.append(f"| {name} | {found[name]} of {args.runs} |")
    lines += ["", "| phases | runs |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in cuts.most_common(5)]
    text = "\n".join(lines)
    print(text)
    if args.record:
        write_section(text)


if __name__ == "__main__":
    main()
