"""The one place where the briefing meets the analysis package.

The briefing consumes the analysis of a pair in its JSON form (DESIGN.md, "Analysis of a pair")
and tolerates extra keys, so it does not depend on the analysis's class names. When a store or
an installation lacks the analysis (``analyse_pair`` not importable), a minimal analysis is built
here from the stories table: the timeline, and empty phases, shifts, triangles, divergences and
reactions, which the sections then report as "no evidence".
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from bilateral import ontology
from bilateral.errors import QueryError
from bilateral.report.evidence import (
    bounds_sql,
    dimension_sql,
    name_of,
    pair_sql,
    parse_period,
    period_end,
)
from bilateral.store import Store


def check_pair(store: Store, a: str, b: str) -> tuple[str, str]:
    """Upper-cased codes, or a QueryError naming the unknown code and close known ones."""
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise QueryError(f"a pair needs two different actors, got {a} twice")
    rows = store.con.execute(
        "SELECT DISTINCT code FROM (SELECT actor AS code FROM stories "
        "UNION SELECT recipient FROM stories) WHERE code IS NOT NULL ORDER BY code"
    ).fetchall()
    codes = [str(r[0]) for r in rows]
    if not codes:
        raise QueryError(f"{store.path}: the store holds no stories yet")
    for code in (a, b):
        if code not in codes:
            close = difflib.get_close_matches(code, codes, n=5, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise QueryError(f"unknown actor code {code!r}: no story in the store names it{hint}")
    return a, b


def bounds(start: str | None, end: str | None) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a ``--from``/``--to`` period (YYYY, YYYY-MM or YYYY-MM-DD)."""
    lo = parse_period(start) if start else None
    hi = period_end(end) if end else None
    if start and lo is None:
        raise QueryError(f"--from {start!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if end and hi is None:
        raise QueryError(f"--to {end!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    if lo and hi and hi < lo:
        raise QueryError(f"the period is empty: --from {start} is after --to {end}")
    return lo, hi


def analyse(store: Store, a: str, b: str, start: str | None, end: str | None) -> dict[str, Any]:
    """The analysis of the pair as a dict; QueryError for an unknown pair or an empty period."""
    a, b = check_pair(store, a, b)
    lo, hi = bounds(start, end)
    n = store.con.execute(
        f"SELECT count(*) FROM stories WHERE {pair_sql(a, b)} AND {bounds_sql(lo, hi)}"
    ).fetchall()[0][0]
    if not n:
        period = f" from {lo or 'the beginning'} to {hi or 'the end'}" if (lo or hi) else ""
        raise QueryError(
            f"no stories between {a} ({name_of(a)}) and {b} ({name_of(b)}){period} in the store"
        )
    try:
        from bilateral.analysis import analyse_pair
    except ImportError:
        return _minimal(store, a, b, lo, hi)
    result: Any = analyse_pair(store, a, b, start=start, end=end, by="quarter")
    data: dict[str, Any] = result.to_dict()
    return data


def _minimal(
    store: Store, a: str, b: str, lo: dt.date | None, hi: dt.date | None
) -> dict[str, Any]:
    dims = list(ontology.load().dimensions)
    cols = ", ".join(
        f"coalesce(sum(CASE WHEN negated THEN 0 ELSE intensity END) "
        f"FILTER (WHERE {dimension_sql(d)}), 0) AS {d}"
        for d in dims
    )
    rows = store.con.execute(
        f"SELECT CAST(date_trunc('quarter', date_start) AS DATE) AS p, count(*), "
        f"sum(CASE WHEN negated THEN 0 ELSE intensity END), {cols} FROM stories "
        f"WHERE {pair_sql(a, b)} AND {bounds_sql(lo, hi)} GROUP BY 1 ORDER BY 1"
    ).fetchall()
    timeline = [
        {
            "period": f"{r[0].year}Q{(r[0].month - 1) // 3 + 1}",
            "start": r[0].isoformat(),
            "stories": int(r[1]),
            "intensity": float(r[2] or 0),
            "by_dimension": {d: float(r[3 + i] or 0) for i, d in enumerate(dims)},
        }
        for r in rows
    ]
    return {
        "pair": [a, b],
        "from": (lo or rows[0][0]).isoformat() if rows else None,
        "to": hi.isoformat() if hi else None,
        "timeline": timeline,
        "phases": [],
        "shifts": [],
        "triangles": [],
        "divergences": [],
        "reactions": [],
        "note": "minimal analysis: the analysis package is not available",
    }
