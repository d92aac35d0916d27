"""The ties of A and B with third parties: one SQL pass shared by triangles and divergences.

A *tie* is everything between one side of the pair (A or B) and one third party X in the
period, in both directions (X's acts toward A say as much about the A–X relationship as A's
acts toward X). Stories between A and B themselves, and stories without a recipient, are left
out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bilateral.analysis.common import WEIGHT_SQL, bounds_sql, pair_sql
from bilateral.records import UNKNOWN_ACTOR
from bilateral.store import Store

SCORE_SQL = f"abs({WEIGHT_SQL}) * (1 + ln(greatest(n_reports, 1)))"


@dataclass(frozen=True, slots=True)
class Tie:
    side: str
    third: str
    stories: int
    cooperation: float  # summed positive weight
    conflict: float  # summed magnitude of negative weight
    cooperative_stories: int
    conflictual_stories: int

    @property
    def cooperative_share(self) -> float:
        total = self.cooperation + self.conflict
        return self.cooperation / total if total else 0.5


def ties_sql(a: str, b: str, start: date | None, end: date | None, source: str = "stories") -> str:
    """Stories touching A or B with a third party, as (side, third, …) rows."""
    return f"""
        SELECT rowid AS k, date_start, actor, recipient, event_type, intensity, negated,
               n_reports,
               CASE WHEN actor IN ('{a}', '{b}') THEN actor ELSE recipient END AS side,
               CASE WHEN actor IN ('{a}', '{b}') THEN recipient ELSE actor END AS third,
               {WEIGHT_SQL} AS w, {SCORE_SQL} AS score
        FROM {source}
        WHERE recipient IS NOT NULL AND actor <> recipient
          AND (actor IN ('{a}', '{b}') OR recipient IN ('{a}', '{b}'))
          AND NOT ({pair_sql(a, b)}) AND {bounds_sql(start, end)}
          AND actor <> '{UNKNOWN_ACTOR}' AND recipient <> '{UNKNOWN_ACTOR}'
    """


def load_ties(
    store: Store,
    a: str,
    b: str,
    start: date | None,
    end: date | None,
    source: str = "stories",
) -> list[Tie]:
    rows = store.con.execute(
        f"""
        SELECT side, third, count(*),
               coalesce(sum(w) FILTER (WHERE w > 0), 0.0),
               coalesce(-sum(w) FILTER (WHERE w < 0), 0.0),
               count(*) FILTER (WHERE w > 0), count(*) FILTER (WHERE w < 0)
        FROM ({ties_sql(a, b, start, end, source)}) GROUP BY side, third ORDER BY side, third
        """
    ).fetchall()
    return [
        Tie(str(r[0]), str(r[1]), int(r[2]), float(r[3]), float(r[4]), int(r[5]), int(r[6]))
        for r in rows
    ]


def top_tie_stories(
    store: Store,
    a: str,
    b: str,
    start: date | None,
    end: date | None,
    wanted: list[tuple[str, str, str]],
    per_tie: int = 2,
    source: str = "stories",
) -> list[int]:
    """Ids of the strongest stories of each (side, third, sign) tie; sign is '+', '-' or '*'."""
    if not wanted:
        return []
    keys = ", ".join(f"('{s}', '{t}', '{g}')" for s, t, g in wanted)
    rows = store.con.execute(
        f"""
        WITH want(side, third, sign) AS (VALUES {keys}),
        s AS ({ties_sql(a, b, start, end, source)})
        SELECT s.k FROM s JOIN want USING (side, third)
        WHERE want.sign = '*' OR (want.sign = '+' AND s.w > 0) OR (want.sign = '-' AND s.w < 0)
        QUALIFY row_number() OVER (
            PARTITION BY s.side, s.third ORDER BY s.score DESC, s.date_start, s.k) <= {per_tie}
        ORDER BY s.third, s.side, s.score DESC, s.date_start, s.k
        """
    ).fetchall()
    return [int(r[0]) for r in rows]
