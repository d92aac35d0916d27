"""Triangles: third parties with strong cooperative ties to both A and B.

For each side, a third party's *share* is its part of that side's cooperative intensity with all
third parties in the period. A triangle partner X has at least ``min_stories`` cooperative
stories with each of A and B, ties with both that are mostly cooperative (cooperation at least
twice the conflict), and ``strength`` = the smaller of its two shares of at least
``min_strength``. ``rose_together`` says whether the three ties (A–B, A–X, B–X) all had more
cooperative intensity per year after ``split`` than before it (the pair's last shift when the
dyad analysis gives one, else the middle of the period); the yearly means are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bilateral.analysis.common import (
    WEIGHT_SQL,
    StoryRef,
    bounds_sql,
    check_pair,
    check_source,
    pair_sql,
    period_bounds,
    refs_in_order,
    require_stories,
)
from bilateral.analysis.ties import Tie, load_ties, top_tie_stories
from bilateral.store import Store

MIN_STRENGTH = 0.1
MIN_STORIES = 2
MAX_TRIANGLES = 5


@dataclass(frozen=True, slots=True)
class Triangle:
    third: str
    strength: float
    share_a: float
    share_b: float
    stories_a: int
    stories_b: int
    rose_together: bool
    split: str
    before_after: dict[str, tuple[float, float]]
    evidence: tuple[StoryRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "third": self.third,
            "strength": round(self.strength, 3),
            "share_a": round(self.share_a, 3),
            "share_b": round(self.share_b, 3),
            "stories_a": self.stories_a,
            "stories_b": self.stories_b,
            "rose_together": self.rose_together,
            "split": self.split,
            "yearly_cooperation_before_after": {
                k: [round(v[0], 3), round(v[1], 3)] for k, v in self.before_after.items()
            },
            "evidence": [s.to_dict() for s in self.evidence],
        }


def find_triangles(
    store: Store,
    a: str,
    b: str,
    *,
    start: str | date | None = None,
    end: str | date | None = None,
    split: date | None = None,
    min_strength: float = MIN_STRENGTH,
    min_stories: int = MIN_STORIES,
    source: str = "stories",
) -> list[Triangle]:
    """Third parties strongly tied to both A and B, strongest first."""
    require_stories(store)
    check_source(source)
    a, b = check_pair(store, a, b)
    lo, hi = period_bounds(start, end)
    ties = load_ties(store, a, b, lo, hi, source)
    totals = {side: sum(t.cooperation for t in ties if t.side == side) for side in (a, b)}
    by_third: dict[str, dict[str, Tie]] = {}
    for t in ties:
        by_third.setdefault(t.third, {})[t.side] = t
    found: list[tuple[str, float, float, float, Tie, Tie]] = []
    for third, sides in by_third.items():
        ta, tb = sides.get(a), sides.get(b)
        if ta is None or tb is None:
            continue
        if min(ta.cooperative_stories, tb.cooperative_stories) < min_stories:
            continue
        if ta.cooperation < 2 * ta.conflict or tb.cooperation < 2 * tb.conflict:
            continue
        share_a = ta.cooperation / totals[a] if totals[a] else 0.0
        share_b = tb.cooperation / totals[b] if totals[b] else 0.0
        strength = min(share_a, share_b)
        if strength >= min_strength:
            found.append((third, strength, share_a, share_b, ta, tb))
    found.sort(key=lambda f: (-f[1], f[0]))
    found = found[:MAX_TRIANGLES]
    if not found:
        return []
    when = split or _middle(store, a, b, lo, hi, source)
    series = _before_after(store, a, b, [f[0] for f in found], lo, hi, when, source)
    evidence_ids = top_tie_stories(
        store,
        a,
        b,
        lo,
        hi,
        [(s, f[0], "+") for f in found for s in (a, b)],
        source=source,
    )
    refs = {r.id: r for r in refs_in_order(store.con, evidence_ids)}
    out = []
    for third, strength, share_a, share_b, ta, tb in found:
        ties3 = {
            f"{a}-{b}": series.get(("pair", ""), (0.0, 0.0)),
            f"{a}-{third}": series.get((a, third), (0.0, 0.0)),
            f"{b}-{third}": series.get((b, third), (0.0, 0.0)),
        }
        rose = all(after > before for before, after in ties3.values())
        ev = tuple(
            r
            for r in refs.values()
            if third in (r.actor, r.recipient)
            and (a in (r.actor, r.recipient) or b in (r.actor, r.recipient))
        )
        out.append(
            Triangle(
                third=third,
                strength=strength,
                share_a=share_a,
                share_b=share_b,
                stories_a=ta.stories,
                stories_b=tb.stories,
                rose_together=rose,
                split=when.isoformat(),
                before_after=ties3,
                evidence=ev,
            )
        )
    return out


def _middle(store: Store, a: str, b: str, lo: date | None, hi: date | None, source: str) -> date:
    row = store.con.execute(
        f"SELECT min(date_start), max(date_start) FROM {source} "
        f"WHERE {pair_sql(a, b)} AND {bounds_sql(lo, hi)}"
    ).fetchall()
    first, last = row[0]
    if first is None:
        return lo or date(2000, 1, 1)
    return date.fromordinal((first.toordinal() + last.toordinal()) // 2)


def _before_after(
    store: Store,
    a: str,
    b: str,
    thirds: list[str],
    lo: date | None,
    hi: date | None,
    split: date,
    source: str,
) -> dict[tuple[str, str], tuple[float, float]]:
    """Mean cooperative intensity per year before and after ``split``, for each tie."""
    row = store.con.execute(
        f"SELECT min(date_start), max(date_start) FROM {source} WHERE {pair_sql(a, b)} "
        f"AND {bounds_sql(lo, hi)}"
    ).fetchall()
    first: date = row[0][0] or split
    last: date = row[0][1] or split
    start = lo or first
    stop = hi or date(last.year + 1, 1, 1)
    years_before = max((split - start).days / 365.25, 0.5)
    years_after = max((stop - split).days / 365.25, 0.5)
    thirds_sql = "[" + ", ".join(f"'{t}'" for t in thirds) + "]"
    rows = store.con.execute(
        f"""
        WITH s AS (
            SELECT CASE WHEN {pair_sql(a, b)} THEN 'pair'
                        WHEN actor IN ('{a}', '{b}') THEN actor ELSE recipient END AS side,
                   CASE WHEN {pair_sql(a, b)} THEN ''
                        WHEN actor IN ('{a}', '{b}') THEN recipient ELSE actor END AS third,
                   {WEIGHT_SQL} AS w, date_start
            FROM {source}
            WHERE recipient IS NOT NULL AND {bounds_sql(start, stop)}
              AND ({pair_sql(a, b)}
                   OR (actor IN ('{a}', '{b}') AND list_contains({thirds_sql}, recipient))
                   OR (recipient IN ('{a}', '{b}') AND list_contains({thirds_sql}, actor)))
        )
        SELECT side, third,
               coalesce(sum(w) FILTER (WHERE w > 0 AND date_start < DATE '{split}'), 0.0),
               coalesce(sum(w) FILTER (WHERE w > 0 AND date_start >= DATE '{split}'), 0.0)
        FROM s GROUP BY side, third
        """
    ).fetchall()
    return {
        (str(r[0]), str(r[1])): (float(r[2]) / years_before, float(r[3]) / years_after)
        for r in rows
    }
