"""Benchmark: loading a GDELT 2.0 event export into the store.

Generates a GDELT 2.0 export of N rows (default 10 million) shaped like the real thing: every
row is one of the 100 real rows of the shared sample (``../shared/data/gdelt/samples/events.csv``)
with a new GLOBALEVENTID and a SQLDATE spread over ten years. Then, in the same run, each in a
child process of its own (so each peak memory is its own):

- ``bilateral``: ``bilateral.sources.gdelt.load_file`` into a fresh store file, the path
  ``bilateral ingest`` takes (DuckDB reads the columns kept, joins the CAMEO->PLOVER table and
  inserts into the events table, one transaction);
- ``pandas``: ``pandas.read_csv(engine="pyarrow", dtype_backend="pyarrow")`` reading the same
  file into memory (all 61 columns; Arrow-backed strings, its fastest and leanest setting);

and writes rows per second and peak memory to the "## GDELT load" section of bench/RESULTS.md
(only that section is replaced).

    python bench/bench_gdelt.py                 # 10M rows
    python bench/bench_gdelt.py --rows 2000000  # a quicker run
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results import write_section

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SAMPLE = REPO.parent / "shared" / "data" / "gdelt" / "samples" / "events.csv"
SECTION = "## GDELT load"


def generate(sample: Path, target: Path, rows: int) -> float:
    """Write a GDELT 2.0 export of ``rows`` rows built from the sample's real rows."""
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    columns = {f"c{i}": "VARCHAR" for i in range(61)}
    con.execute(
        "CREATE TABLE sample AS SELECT row_number() OVER () - 1 AS k, * FROM read_csv(?, "
        "delim='\t', header=false, quote='', escape='', auto_detect=false, columns=?)",
        [str(sample), columns],
    )
    n = con.execute("SELECT count(*) FROM sample").fetchall()[0][0]
    rest = ", ".join(f"coalesce(s.c{i}, '')" for i in range(2, 61))
    con.execute(
        f"""
        COPY (
            SELECT (500000000 + i)::VARCHAR AS c0,
                   strftime(DATE '2015-01-01' + (i * 7919 % 3650)::INTEGER, '%Y%m%d') AS c1,
                   {rest}
            FROM range({rows}) r(i) JOIN sample s ON s.k = i % {n}
        ) TO '{target}' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '')
        """
    )
    con.close()
    return time.perf_counter() - started


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_bilateral(path: Path, workdir: Path) -> dict[str, float]:
    from bilateral.sources.gdelt import load_file
    from bilateral.store import Store

    db = workdir / "bench.duckdb"
    db.unlink(missing_ok=True)
    with Store(db) as store:
        cpu = _cpu()
        started = time.perf_counter()
        load = load_file(store, path)
        seconds = time.perf_counter() - started
        cpu = _cpu() - cpu
        stored = store.count("events")
    return {
        "rows": load.read,
        "stored": stored,
        "not_coded": load.not_coded,
        "seconds": seconds,
        "cpu": cpu,
        "peak_mib": _peak_mib(),
        "db_mib": db.stat().st_size / 2**20,
    }


def run_pandas(path: Path, workdir: Path) -> dict[str, float]:
    import pandas as pd

    cpu = _cpu()
    started = time.perf_counter()
    frame = pd.read_csv(path, sep="\t", header=None, engine="pyarrow", dtype_backend="pyarrow")
    seconds = time.perf_counter() - started
    cpu = _cpu() - cpu
    return {"rows": len(frame), "seconds": seconds, "cpu": cpu, "peak_mib": _peak_mib()}


RUNNERS = {"bilateral": run_bilateral, "pandas": run_pandas}


def child(name: str, path: Path, workdir: Path) -> dict[str, float]:
    """Run one contender in a fresh interpreter and return its figures."""
    load_before = os.getloadavg()[0]
    out = subprocess.run(
        [sys.executable, __file__, "--child", name, "--file", str(path), "--workdir", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    result["load_before"] = load_before
    return result


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _figures(name: str, what: str, f: dict[str, float]) -> str:
    return _row(
        [
            name,
            what,
            f"{f['rows']:,.0f}",
            f"{f['seconds']:.1f}",
            f"{f['rows'] / f['seconds']:,.0f}",
            f"{f['cpu']:.1f}",
            f"{f['rows'] / f['cpu']:,.0f}",
            f"{f['peak_mib']:,.0f} MiB",
            f"{f['load_before']:.1f}",
        ]
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--sample", type=Path, default=SAMPLE)
    parser.add_argument("--workdir", type=Path, help="Where the file and store go (a temp dir).")
    parser.add_argument(
        "--repeat", type=int, default=2, help="Runs per contender; the fastest is reported."
    )
    parser.add_argument("--no-write", action="store_true", help="Do not update RESULTS.md.")
    parser.add_argument("--child", choices=sorted(RUNNERS), help=argparse.SUPPRESS)
    parser.add_argument("--file", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(RUNNERS[args.child](args.file, args.workdir)))
        return 0
    if not args.sample.is_file():
        print(f"no GDELT sample at {args.sample}; pass --sample", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="bench-gdelt-", dir=args.workdir) as tmp:
        work = Path(tmp)
        path = work / "20150218230000.export.CSV"
        gen_s = generate(args.sample, path, args.rows)
        size_mib = path.stat().st_size / 2**20
        print(f"generated {args.rows:,} rows ({size_mib:,.0f} MiB) in {gen_s:.1f} s", flush=True)
        ours_runs, theirs_runs = [], []
        for _ in range(max(1, args.repeat)):  # alternate, so both see the same machine
            ours_runs.append(child("bilateral", path, work))
            print(f"bilateral: {ours_runs[-1]}", flush=True)
            theirs_runs.append(child("pandas", path, work))
            print(f"pandas:    {theirs_runs[-1]}", flush=True)
        ours = min(ours_runs, key=lambda r: r["seconds"])
        theirs = min(theirs_runs, key=lambda r: r["seconds"])

    ours_rate = ours["rows"] / ours["seconds"]
    theirs_rate = theirs["rows"] / theirs["seconds"]
    ours_what = (
        f"file → DuckDB store: {ours['stored']:,.0f} events stored ({ours['not_coded']:,.0f} "
        "rows with CAMEO statement codes PLOVER does not code left out), store file "
        f"{ours['db_mib']:,.0f} MiB"
    )
    table = "\n".join(
        [
            _row(["contender", "what it does", "rows", "wall s", "rows/s", "CPU s"])
            + " rows per CPU s | peak memory | load avg before |",
            "|---" * 9 + "|",
            _figures("bilateral `load_file`", ours_what, ours),
            _figures(
                '`pandas.read_csv(engine="pyarrow", dtype_backend="pyarrow")`',
                "file → DataFrame in memory, all columns",
                theirs,
            ),
        ]
    )
    import duckdb

    text = f"""{SECTION}

Written by `bench/bench_gdelt.py` on {time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
({os.cpu_count()} cores, Python {platform.python_version()}, DuckDB {duckdb.__version__}).
Input: a generated GDELT 2.0 export of {args.rows:,} rows, 61 columns, {size_mib:,.0f} MiB,
each row one of the 100 real sample rows with a new id and date. Each contender ran in a
process of its own, the two alternating, {len(ours_runs)} runs each; the fastest run of each is
shown (all wall times: bilateral {", ".join(f"{r['seconds']:.1f}" for r in ours_runs)} s,
pandas {", ".join(f"{r['seconds']:.1f}" for r in theirs_runs)} s). Peak memory is that
process's maximum resident size.

{table}

bilateral loads at {ours_rate / theirs_rate:.2f}× the rate pandas reads. The machine is shared
with other work: the load average before each run is shown, and CPU seconds (all threads) are
given so that figures from a busy machine can be judged. Rerun:
`python bench/bench_gdelt.py` (or `--rows 2000000` for a quick run).
"""
    print(text)
    if not args.no_write:
        write_section(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
