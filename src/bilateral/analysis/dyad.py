"""The whole analysis of a pair (DESIGN.md, "Analysis of a pair"): ``analyse_pair``.

Runs the timeline, the triangles (whose partners feed the shifts' third-party catalysts), the
phases and shifts, the divergences and the reactions, and returns them as one frozen
``DyadAnalysis`` whose ``to_dict`` is the JSON that ``bilateral dyad --format json`` prints.
Phases are found on a yearly series when the period covers at least ``YEARLY_FROM_YEARS``
years (quarterly counts of a thinly reported pair are mostly zeros), else on the timeline's own
periods.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bilateral.analysis.common import (
    bounds_sql,
    check_pair,
    check_period,
    pair_sql,
    period_bounds,
    require_stories,
)
from bilateral.analysis.divergence import Divergence, find_divergences
from bilateral.analysis.phases import Phase, Shift, detect_phases
from bilateral.analysis.reactions import Reaction, find_reactions
from bilateral.analysis.timeline import TimelineRow, regroup, timeline
from bilateral.analysis.triangles import Triangle, find_triangles
from bilateral.store import Store

YEARLY_FROM_YEARS = 8
NEAR = "_bilateral_dyad_near"
NEAR_COLUMNS = (
    "rowid AS rowid, date_start, actor, recipient, event_type, intensity, negated, n_reports"
)


@dataclass(frozen=True, slots=True)
class DyadAnalysis:
    pair: tuple[str, str]
    start: str
    end: str
    by: str
    phase_by: str
    stories: int
    reports: int
    timeline: tuple[TimelineRow, ...]
    phases: tuple[Phase, ...]
    shifts: tuple[Shift, ...]
    triangles: tuple[Triangle, ...]
    divergences: tuple[Divergence, ...]
    reactions: tuple[Reaction, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": list(self.pair),
            "from": self.start,
            "to": self.end,
            "by": self.by,
            "phase_by": self.phase_by,
            "stories": self.stories,
            "reports": self.reports,
            "timeline": [r.to_dict() for r in self.timeline],
            "phases": [p.to_dict() for p in self.phases],
            "shifts": [s.to_dict() for s in self.shifts],
            "triangles": [t.to_dict() for t in self.triangles],
            "divergences": [d.to_dict() for d in self.divergences],
            "reactions": [r.to_dict() for r in self.reactions],
        }


def analyse_pair(
    store: Store,
    a: str,
    b: str,
    *,
    start: str | date | None = None,
    end: str | date | None = None,
    by: str = "quarter",
) -> DyadAnalysis:
    """Everything the analyst's picture of the pair needs, each finding with its stories."""
    check_period(by)
    require_stories(store)
    a, b = check_pair(store, a, b)
    lo, hi = period_bounds(start, end)
    con = store.con
    # One scan of the store for the stories touching A or B, with the columns the ties and
    # reactions compute on (row keys, not the long ids, which are costly to read from a large
    # table); triangles, divergences and reactions read this small table. The pair's own
    # queries (timeline, landmarks) read the stories table, where the pair's rows are found
    # by zone maps; evidence is fetched from it by row key.
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {NEAR} AS SELECT {NEAR_COLUMNS} FROM stories "
        f"WHERE (actor IN ('{a}', '{b}') OR recipient IN ('{a}', '{b}')) "
        f"AND {bounds_sql(lo, hi)}"
    )
    try:
        return _analyse(store, a, b, lo, hi, by)
    finally:
        con.execute(f"DROP TABLE IF EXISTS {NEAR}")


def _analyse(
    store: Store, a: str, b: str, lo: date | None, hi: date | None, by: str
) -> DyadAnalysis:
    rows = timeline(store, a, b, by=by, start=lo, end=_inclusive(hi))
    first = rows[0].start
    span_years = (rows[-1].start.year - first.year) + 1
    phase_by = "year" if span_years >= YEARLY_FROM_YEARS else by
    phase_rows = rows if phase_by == by else regroup(rows, phase_by)
    inclusive = _inclusive(hi)
    triangles = find_triangles(store, a, b, start=lo, end=inclusive, source=NEAR)
    phases = detect_phases(
        store,
        a,
        b,
        by=phase_by,
        partners=tuple(t.third for t in triangles),
        rows=phase_rows,
    )
    if phases.shifts and triangles:
        split = phases.phases[-1].start_date
        triangles = find_triangles(store, a, b, start=lo, end=inclusive, split=split, source=NEAR)
    totals = store.con.execute(
        f"SELECT count(*), coalesce(sum(n_reports), 0) FROM {NEAR} "
        f"WHERE {pair_sql(a, b)} AND {bounds_sql(lo, hi)}"
    ).fetchall()[0]
    last_day = hi.toordinal() - 1 if hi else phases.phases[-1].end_date.toordinal() - 1
    return DyadAnalysis(
        pair=(a, b),
        start=(lo or first).isoformat(),
        end=date.fromordinal(last_day).isoformat(),
        by=by,
        phase_by=phase_by,
        stories=int(totals[0]),
        reports=int(totals[1]),
        timeline=tuple(rows),
        phases=phases.phases,
        shifts=phases.shifts,
        triangles=tuple(triangles),
        divergences=tuple(find_divergences(store, a, b, start=lo, end=inclusive, source=NEAR)),
        reactions=tuple(find_reactions(store, a, b, start=lo, end=inclusive, source=NEAR)),
    )


def _inclusive(hi: date | None) -> date | None:
    """The exclusive end bound as the inclusive day the part-functions take."""
    return None if hi is None else date.fromordinal(hi.toordinal() - 1)
