"""Time the pair analysis on a generated store of 10 million events.

The store is generated in DuckDB SQL (no Python loops): ~250 actor codes whose pairs follow a
skewed (power-law) distribution, as news is, with the Iran–Belarus pair given a realistic few
thousand reports; types, modes' scores and contexts drawn per event. Stories are derived in SQL
by merging the reports of one pair, type, negation and day (the same-day clause of the story
rule; ``build_stories``' similarity clause is not what is timed here), sorted by actor,
recipient and date as ``build_stories`` writes them. Then, in one process:

- ``timeline(store, IRN, BLR, by=quarter)`` (DuckDB), median of 5 after a warm-up;
- the same timeline in pandas over the stories already loaded into a DataFrame (loading not
  timed), median of 5, and checked equal to DuckDB's;
- the whole ``analyse_pair(store, IRN, BLR)``, median of 5.

    PYTHONPATH=src python bench/bench_analysis.py [--events N] [--db PATH] [--record]

With ``--record`` the figures are written to the ``## Analysis`` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from results import cpu_model, write_section

from bilateral import ontology
from bilateral.analysis import analyse_pair, timeline
from bilateral.store import Store

RUNS = 5
FOCUS = ("IRN", "BLR")
# Most reported first: the power law gives the first codes most of the events.
BIG = ["USA", "RUS", "CHN", "UKR", "EU", "NATO", "GBR", "FRA", "DEU", "ISR", "TUR", "POL"]


def generate(store: Store, n_events: int) -> None:
    """Fill an empty store with ``n_events`` generated events and their stories, in SQL."""
    onto = ontology.load()
    types = list(onto.types)
    scores = [onto.types[t].score for t in types]
    contexts = [
        ["diplomatic"],
        ["military"],
        ["economic", "energy"],
        ["economic"],
        ["transport"],
        ["legal"],
        ["territory"],
        ["military", "technology"],
        [],
    ]
    fillers = [f"X{i:03d}" for i in range(236)]
    codes = BIG + fillers[:36] + ["IRN", "ARM"] + fillers[36:46] + ["BLR", "AZE"] + fillers[46:]
    con = store.con
    con.execute(
        f"""
        CREATE TEMP TABLE gen AS
        SELECT range AS i,
               1 + floor(pow(random(), 3.0) * {len(codes)})::INTEGER AS ai,
               1 + floor(pow(random(), 2.0) * {len(codes)})::INTEGER AS bi,
               1 + floor(random() * {len(types)})::INTEGER AS ti,
               1 + floor(random() * {len(contexts)})::INTEGER AS ci,
               DATE '1991-01-01' + floor(random() * 13000)::INTEGER AS d,
               random() < 0.02 AS neg
        FROM range({n_events})
        """
    )
    # The focus pair: a few thousand reports, more after 2022, on top of the skewed rest.
    con.execute(
        f"""
        INSERT INTO events (id, doc_id, date, date_precision, date_start, actor_code,
                            recipient_code, event_type, context, intensity, negated,
                            evidence_start, evidence_end, evidence_text, confidence, coder)
        SELECT 'e' || i, 'd' || (i // 3), strftime(d, '%Y-%m-%d'), 'day', d,
               ({codes!r}::VARCHAR[])[ai],
               ({codes!r}::VARCHAR[])[CASE WHEN ai = bi THEN bi % {len(codes)} + 1 ELSE bi END],
               ({types!r}::VARCHAR[])[ti], ({contexts!r}::VARCHAR[][])[ci],
               ({scores!r}::DOUBLE[])[ti], neg, 0, 9, 'generated', 0.5 + random() / 2, 'bench'
        FROM gen
        UNION ALL
        SELECT 'f' || range, 'g' || range, strftime(d, '%Y-%m-%d'), 'day', d,
               CASE WHEN range % 2 = 0 THEN 'IRN' ELSE 'BLR' END,
               CASE WHEN range % 2 = 0 THEN 'BLR' ELSE 'IRN' END,
               ({types!r}::VARCHAR[])[1 + (range % 7)::INTEGER],
               ({contexts!r}::VARCHAR[][])[1 + (range % 4)::INTEGER],
               ({scores!r}::DOUBLE[])[1 + (range % 7)::INTEGER], false, 0, 9, 'generated',
               0.9, 'bench'
        FROM (SELECT range, CASE WHEN range % 3 = 0
                                 THEN DATE '2022-01-01' + (range % 1600)::INTEGER
                                 ELSE DATE '1993-01-01' + ((range * 7919) % 10600)::INTEGER
                            END AS d
              FROM range(6000))
        """
    )
    con.execute("DROP TABLE gen")
    con.execute(
        """
        INSERT INTO stories
        SELECT 's' || substr(sha256(string_agg(id, ',' ORDER BY id)), 1, 16), min(date),
               'day', min(date_start), min(actor_code), min(recipient_code), event_type, NULL,
               list_sort(list_distinct(flatten(list(context)))), max(intensity), negated, NULL,
               'generated', count(DISTINCT doc_id), list(id ORDER BY id),
               list(DISTINCT doc_id ORDER BY doc_id)
        FROM events
        GROUP BY least(actor_code, recipient_code), greatest(actor_code, recipient_code),
                 event_type, negated, date_start
        ORDER BY min(actor_code), min(recipient_code), min(date_start)
        """
    )


def pandas_timeline(frame: pd.DataFrame, a: str, b: str, dims: dict[str, tuple[str, ...]]) -> Any:
    """The same quarterly timeline as ``bilateral.analysis.timeline``, in pandas."""
    pair = frame[
        ((frame["actor"] == a) & (frame["recipient"] == b))
        | ((frame["actor"] == b) & (frame["recipient"] == a))
    ].copy()
    pair["w"] = pair["intensity"].where(~pair["negated"], 0.0)
    pair["p"] = pair["date_start"].dt.to_period("Q")
    every = {c for members in dims.values() for c in members}
    verbal = {"CONSULT", "AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    ctx = pair["context"].map(set)
    out = pair.groupby("p").agg(
        stories=("id", "size"), reports=("n_reports", "sum"), intensity=("w", "sum")
    )
    for dim, members in dims.items():
        member_set = set(members)
        mask = ctx.map(lambda c, m=member_set: bool(c & m))
        if dim == "sanctions":
            mask |= pair["event_type"] == "SANCTION"
        if dim == "diplomatic":
            mask |= pair["event_type"].isin(verbal) & ctx.map(lambda c: not (c & every))
        out[f"dim_{dim}"] = pair["w"].where(mask, 0.0).groupby(pair["p"]).sum()
    full = pd.period_range(out.index.min(), out.index.max(), freq="Q")
    return out.reindex(full, fill_value=0)


def median_time(fn: Callable[[], Any]) -> tuple[float, Any]:
    result = fn()  # warm-up
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), result


def run_pandas(store: Store, a: str, b: str, rows: list[Any]) -> tuple[float, float, bool]:
    """Time the pandas timeline on the stories loaded into a DataFrame; check it equals ours."""
    t0 = time.perf_counter()
    frame = store.con.execute(
        "SELECT id, actor, recipient, event_type, context, intensity, negated, n_reports, "
        "CAST(date_start AS TIMESTAMP) AS date_start FROM stories"
    ).df()
    load_s = time.perf_counter() - t0
    dims = ontology.load().dimensions
    t_pandas, pdf = median_time(lambda: pandas_timeline(frame, a, b, dims))
    duck = [(r.stories, round(r.intensity, 6)) for r in rows]
    pand = [
        (int(s), round(float(i), 6)) for s, i in zip(pdf["stories"], pdf["intensity"], strict=False)
    ]
    same = duck == pand and all(
        abs(r.by_dimension[d] - float(pdf[f"dim_{d}"].iloc[k])) < 1e-6
        for k, r in enumerate(rows)
        for d in dims
    )
    return t_pandas, load_s, same


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--db", type=Path, help="Keep (or reuse) the generated store here.")
    parser.add_argument("--record", action="store_true", help="Write to bench/RESULTS.md.")
    args = parser.parse_args()
    tmp = None
    if args.db is None:
        tmp = tempfile.TemporaryDirectory()
        args.db = Path(tmp.name) / "bench.duckdb"
    fresh = not args.db.exists()
    store = Store(args.db)
    gen_s = 0.0
    if fresh:
        t0 = time.perf_counter()
        generate(store, args.events)
        gen_s = time.perf_counter() - t0
    n_events, n_stories = store.count("events"), store.count("stories")
    a, b = FOCUS
    pair_stories = store.con.execute(
        "SELECT count(*), sum(n_reports) FROM stories WHERE (actor = ? AND recipient = ?) "
        "OR (actor = ? AND recipient = ?)",
        [a, b, b, a],
    ).fetchall()[0]
    top = store.con.execute(
        "SELECT count(*) FROM stories GROUP BY least(actor, recipient), greatest(actor, recipient)"
        " ORDER BY 1 DESC LIMIT 1"
    ).fetchall()[0][0]
    made = f"generated in {gen_s:.1f} s" if fresh else f"reused from {args.db.name}"
    print(f"store: {n_events:,} events, {n_stories:,} stories ({made})")

    load = os.getloadavg()[0]
    t_duck, rows = median_time(lambda: timeline(store, a, b, by="quarter"))
    t_dyad, result = median_time(lambda: analyse_pair(store, a, b))
    t_pandas, load_s, same = run_pandas(store, a, b, rows)
    store.close()
    threads = os.environ.get("BILATERAL_THREADS") or str(os.cpu_count())
    lines = [
        f"timeline {a}-{b} by quarter, DuckDB:     {t_duck * 1000:8.1f} ms (median of {RUNS})",
        f"timeline {a}-{b} by quarter, pandas:     {t_pandas * 1000:8.1f} ms "
        f"(DataFrame already in memory; loading it took {load_s:.1f} s); same result: {same}",
        f"analyse_pair {a}-{b} (whole dyad):       {t_dyad * 1000:8.1f} ms (median of {RUNS})",
        f"pair: {pair_stories[0]:,} stories from {int(pair_stories[1]):,} reports, "
        f"{len(rows)} quarters, {len(result.phases)} phases; busiest pair: {top:,} stories",
    ]
    print("\n".join(lines))
    if args.record:
        section = "\n".join(
            [
                "## Analysis",
                "",
                f"Recorded {dt.date.today().isoformat()} by `bench/bench_analysis.py` on "
                f"{cpu_model()} ({os.cpu_count()} cores, DuckDB threads: {threads}), "
                f"Python {platform.python_version()}; load average {load:.1f} when the "
                "timings began (the machine was shared).",
                "",
                "    PYTHONPATH=src python bench/bench_analysis.py --record",
                "",
                f"Generated store: {n_events:,} events (skewed pairs over 250 actors), "
                f"{n_stories:,} stories.",
                "",
                "```",
                *lines,
                "```",
                "",
                "Targets: timeline < 200 ms, whole dyad analysis < 2 s. The pandas figure "
                "excludes loading the stories into a DataFrame; it filters the pair and "
                "groups by quarter and dimension, the same computation as the SQL.",
            ]
        )
        write_section(section)
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
