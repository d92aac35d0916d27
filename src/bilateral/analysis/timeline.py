"""The timeline of a pair: per month, quarter or year, its stories and their summed intensity.

One DuckDB query over ``stories`` (never reports). A story weighs its PLOVER intensity (0 when the
act was denied); ``cooperation`` sums the positive weights, ``conflict`` the negative ones, and
``by_dimension`` the weights of the stories counting in each dimension
(``common.dimension_condition``; a story with contexts in two dimensions counts fully in both).
A story dated only to a month or a year falls in the period holding the first day of that month
or year. The rows are dense: every period between the first and the last (or the given bounds)
appears, empty ones with zeros.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from bilateral.analysis.common import (
    WEIGHT_SQL,
    bounds_sql,
    check_pair,
    check_period,
    check_source,
    describe_period,
    dimension_flags_sql,
    dimension_names,
    pair_sql,
    period_bounds,
    period_label,
    period_start_sql,
    period_step,
    require_stories,
)
from bilateral.errors import QueryError
from bilateral.store import Store


@dataclass(frozen=True, slots=True)
class TimelineRow:
    """One period of a pair's timeline."""

    period: str
    start: date
    stories: int
    reports: int
    intensity: float
    cooperation: float
    conflict: float
    cooperative_stories: int
    conflictual_stories: int
    by_dimension: dict[str, float] = field(default_factory=dict)
    dimension_stories: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start.isoformat(),
            "stories": self.stories,
            "reports": self.reports,
            "intensity": round(self.intensity, 3),
            "cooperation": round(self.cooperation, 3),
            "conflict": round(self.conflict, 3),
            "cooperative_stories": self.cooperative_stories,
            "conflictual_stories": self.conflictual_stories,
            "by_dimension": {k: round(v, 3) for k, v in self.by_dimension.items()},
            "dimension_stories": dict(self.dimension_stories),
        }


def timeline_sql(
    a: str, b: str, by: str, start: date | None, end: date | None, source: str = "stories"
) -> str:
    """The timeline query (codes must be checked first); also used by the benchmark."""
    dims = dimension_names()
    dim_cols = ", ".join(
        f"coalesce(sum(w) FILTER (WHERE d_{d}), 0.0) AS w_{d}, "
        f"count(*) FILTER (WHERE d_{d}) AS n_{d}"
        for d in dims
    )
    step = period_step(by)
    lo = f"DATE '{start.isoformat()}'" if start else "(SELECT min(p) FROM agg)"
    hi = (
        f"CAST(DATE '{end.isoformat()}' - INTERVAL 1 DAY AS DATE)"
        if end
        else "(SELECT max(p) FROM agg)"
    )
    return f"""
        WITH s AS (
            SELECT date_start, n_reports, {WEIGHT_SQL} AS w, {dimension_flags_sql()}
            FROM {source}
            WHERE {pair_sql(a, b)} AND {bounds_sql(start, end)}
        ),
        agg AS (
            SELECT {period_start_sql(by)} AS p, count(*) AS stories,
                   sum(n_reports) AS reports, sum(w) AS intensity,
                   coalesce(sum(w) FILTER (WHERE w > 0), 0.0) AS coop,
                   coalesce(sum(w) FILTER (WHERE w < 0), 0.0) AS conf,
                   count(*) FILTER (WHERE w > 0) AS n_coop,
                   count(*) FILTER (WHERE w < 0) AS n_conf,
                   {dim_cols}
            FROM s GROUP BY 1
        ),
        grid AS (
            SELECT CAST(g AS DATE) AS p FROM generate_series(
                CAST(date_trunc('{by}', {lo}) AS TIMESTAMP),
                CAST({hi} AS TIMESTAMP), INTERVAL '{step}') AS t(g)
            WHERE EXISTS (SELECT 1 FROM agg)
        )
        SELECT grid.p, agg.* EXCLUDE (p) FROM grid LEFT JOIN agg USING (p) ORDER BY grid.p
    """


def timeline(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "quarter",
    start: str | date | None = None,
    end: str | date | None = None,
    source: str = "stories",
) -> list[TimelineRow]:
    """The pair's timeline; QueryError for an unknown code or a pair with no stories."""
    check_period(by)
    require_stories(store)
    check_source(source)
    a, b = check_pair(store, a, b)
    lo, hi = period_bounds(start, end)
    rows = store.con.execute(timeline_sql(a, b, by, lo, hi, source)).fetchall()
    if not any(r[1] for r in rows):
        raise QueryError(f"no stories between {a} and {b} {describe_period(lo, hi)}")
    return [_row(r, by) for r in rows]


def _row(r: tuple[Any, ...], by: str) -> TimelineRow:
    dims = dimension_names()
    base = 8
    by_dim = {d: float(r[base + 2 * i] or 0.0) for i, d in enumerate(dims)}
    dim_n = {d: int(r[base + 2 * i + 1] or 0) for i, d in enumerate(dims)}
    return TimelineRow(
        period=period_label(r[0], by),
        start=r[0],
        stories=int(r[1] or 0),
        reports=int(r[2] or 0),
        intensity=float(r[3] or 0.0),
        cooperation=float(r[4] or 0.0),
        conflict=float(r[5] or 0.0),
        cooperative_stories=int(r[6] or 0),
        conflictual_stories=int(r[7] or 0),
        by_dimension=by_dim,
        dimension_stories=dim_n,
    )


def regroup(rows: list[TimelineRow], by: str) -> list[TimelineRow]:
    """Rows of a finer timeline summed into coarser periods (a quarterly one into years)."""
    check_period(by)
    out: dict[date, TimelineRow] = {}
    for r in rows:
        start = r.start.replace(month=1) if by == "year" else r.start
        if by == "quarter":
            start = r.start.replace(month=(r.start.month - 1) // 3 * 3 + 1)
        prev = out.get(start)
        if prev is None:
            out[start] = TimelineRow(
                period=period_label(start, by),
                start=start,
                stories=r.stories,
                reports=r.reports,
                intensity=r.intensity,
                cooperation=r.cooperation,
                conflict=r.conflict,
                cooperative_stories=r.cooperative_stories,
                conflictual_stories=r.conflictual_stories,
                by_dimension=dict(r.by_dimension),
                dimension_stories=dict(r.dimension_stories),
            )
            continue
        out[start] = TimelineRow(
            period=prev.period,
            start=start,
            stories=prev.stories + r.stories,
            reports=prev.reports + r.reports,
            intensity=prev.intensity + r.intensity,
            cooperation=prev.cooperation + r.cooperation,
            conflict=prev.conflict + r.conflict,
            cooperative_stories=prev.cooperative_stories + r.cooperative_stories,
            conflictual_stories=prev.conflictual_stories + r.conflictual_stories,
            by_dimension={k: v + r.by_dimension[k] for k, v in prev.by_dimension.items()},
            dimension_stories={
                k: v + r.dimension_stories[k] for k, v in prev.dimension_stories.items()
            },
        )
    return [out[k] for k in sorted(out)]
