"""Time `bilateral brief IRN BLR` as a user runs it: fresh, and with the store ready.

- fresh: a new store file, so the command loads the embedded corpus, extracts its events,
  merges them into stories, analyses the pair and writes the HTML and Markdown (target < 30 s);
- ready: the same command again on that store, which now only analyses and renders (< 3 s).

Each figure is the wall-clock time of the whole command in a new process (interpreter start and
imports included), median and worst of several runs; the ready store is also timed stage by
stage in one process (analysis, sections, charts, writing) to show where the time goes.

    python bench/bench_brief.py [--fresh 3] [--ready 5] [--record]

With ``--record`` the figures replace the ``## Briefing`` section of bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import cpu_model, write_section

HEADING = "## Briefing"
COMMAND = [sys.executable, "-m", "bilateral"]


def _run(db: Path, out: Path) -> float:
    began = time.perf_counter()
    done = subprocess.run(
        [*COMMAND, "--db", str(db), "brief", "IRN", "BLR", "-o", str(out)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BILATERAL_DB": str(db)},
    )
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"bilateral brief failed ({done.returncode}):\n{done.stderr}")
    return seconds


def _import_seconds() -> float:
    """Interpreter start plus importing the CLI (every command module), in a new process."""
    began = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import bilateral.cli"], check=True)
    return time.perf_counter() - began


def _stages(db: Path, out: Path) -> dict[str, float]:
    from bilateral import report
    from bilateral.report.adapter import analyse
    from bilateral.report.charts import build_charts
    from bilateral.report.evidence import bounds_sql
    from bilateral.report.sections import build_sections, make_context
    from bilateral.store import Store

    times: dict[str, float] = {"start Python and import the CLI (new process)": _import_seconds()}
    with Store(db) as store:
        t = time.perf_counter()
        report.prepare(store)
        times["check the store is ready"] = time.perf_counter() - t
        t = time.perf_counter()
        analysis = analyse(store, "IRN", "BLR", None, None)
        times["analyse_pair"] = time.perf_counter() - t
        t = time.perf_counter()
        build_sections(make_context(store, "IRN", "BLR", analysis, bounds_sql(None, None)))
        times["sections (stories, citations)"] = time.perf_counter() - t
        t = time.perf_counter()
        build_charts(store, "IRN", "BLR", analysis, bounds_sql(None, None))
        times["charts (Vega-Lite to SVG, in process, engine start included)"] = (
            time.perf_counter() - t
        )
        built = report.build_brief(store, "IRN", "BLR")
        t = time.perf_counter()
        report.write(built, out, ("html", "md"))
        times["render and write HTML + Markdown"] = time.perf_counter() - t
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", type=int, default=3, help="fresh runs (new store each)")
    parser.add_argument("--ready", type=int, default=5, help="runs on the ready store")
    parser.add_argument("--record", action="store_true", help="write to bench/RESULTS.md")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        fresh = []
        for i in range(args.fresh):
            fresh.append(_run(root / f"fresh{i}.duckdb", root / f"out{i}"))
        db = root / "fresh0.duckdb"
        ready = [_run(db, root / "out-ready") for _ in range(args.ready)]
        stages = _stages(db, root / "out-stages")
        size = sum(p.stat().st_size for p in (root / "out-ready").iterdir())
    lines = [
        HEADING,
        "",
        f"`python bench/bench_brief.py` on {dt.date.today().isoformat()}: {cpu_model()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}. Wall-clock time of the "
        "whole `bilateral brief IRN BLR` command in a new process. Load average when the run "
        f"began: {load:.1f} (other work on the machine slows every figure).",
        "",
        "| run | runs | median | worst | target |",
        "|---|---|---|---|---|",
        f"| fresh store (corpus, extraction, stories, analysis, render) | {len(fresh)} | "
        f"{statistics.median(fresh):.2f} s | {max(fresh):.2f} s | < 30 s |",
        f"| ready store (analysis, render) | {len(ready)} | {statistics.median(ready):.2f} s | "
        f"{max(ready):.2f} s | < 3 s |",
        "",
        "Where the time goes on the ready store, stage by stage in one process. In the command "
        "the charts are rendered by a worker process that starts vl-convert's engine while the "
        "analysis runs, so most of their time overlaps the analysis.",
        "",
        "| stage | seconds |",
        "|---|---|",
        *(f"| {name} | {seconds:.3f} |" for name, seconds in stages.items()),
        "",
        f"Files written: HTML, Markdown and two SVG charts, {size / 1024:.0f} KiB in all.",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    if args.record:
        write_section(section)


if __name__ == "__main__":
    main()
