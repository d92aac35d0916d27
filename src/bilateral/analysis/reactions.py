"""Reactions: what third parties say and do against A, B or the pair, grouped by who reacts.

A reaction is a story in the period whose recipient is A or B and whose actor is neither, of a
conflictual type (``REACTION_TYPES``: the verbal and material conflict types of PLOVER, from
REQUEST to ASSAULT). For each reactor: the count of each type, how many stories target A and B,
``on_pair``: how many times it did the same to both on the same day (as "NATO says Iran and
Belarus fuel the war" does), and its strongest stories as evidence. Reactors are listed by number
of stories.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bilateral import ontology
from bilateral.analysis.common import (
    StoryRef,
    bounds_sql,
    check_pair,
    check_source,
    period_bounds,
    refs_in_order,
    require_stories,
)
from bilateral.analysis.ties import SCORE_SQL
from bilateral.ontology import EVENT_TYPES
from bilateral.records import UNKNOWN_ACTOR
from bilateral.store import Store

REACTION_TYPES = tuple(t for t in EVENT_TYPES if not ontology.load().types[t].cooperative)
EVIDENCE_PER_REACTOR = 3


@dataclass(frozen=True, slots=True)
class Reaction:
    by: str
    stories: int
    types: dict[str, int]
    targets: dict[str, int]
    on_pair: int
    evidence: tuple[StoryRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "by": self.by,
            "stories": self.stories,
            "types": dict(self.types),
            "targets": dict(self.targets),
            "on_pair": self.on_pair,
            "evidence": [s.to_dict() for s in self.evidence],
        }


def find_reactions(
    store: Store,
    a: str,
    b: str,
    *,
    start: str | date | None = None,
    end: str | date | None = None,
    limit: int = 15,
    source: str = "stories",
) -> list[Reaction]:
    """Third parties' conflictual acts toward A or B, grouped by reactor, most active first."""
    require_stories(store)
    check_source(source)
    a, b = check_pair(store, a, b)
    lo, hi = period_bounds(start, end)
    types_sql = "(" + ", ".join(f"'{t}'" for t in REACTION_TYPES) + ")"
    rows = store.con.execute(
        f"""
        WITH r AS MATERIALIZED (
            SELECT rowid AS k, date_start, actor, recipient, event_type, {SCORE_SQL} AS score
            FROM {source}
            WHERE recipient IN ('{a}', '{b}') AND actor NOT IN ('{a}', '{b}', '{UNKNOWN_ACTOR}')
              AND event_type IN {types_sql} AND NOT negated AND {bounds_sql(lo, hi)}
        ),
        per_type AS (
            SELECT actor, map_from_entries(list((event_type, n) ORDER BY n DESC, event_type))
                   AS types
            FROM (SELECT actor, event_type, count(*) AS n FROM r GROUP BY ALL) GROUP BY actor
        ),
        both_docs AS (
            SELECT actor, count(*) AS on_pair FROM (
                SELECT actor FROM r GROUP BY actor, event_type, date_start
                HAVING count(DISTINCT recipient) = 2
            ) GROUP BY actor
        ),
        ev AS (
            SELECT actor, list(k ORDER BY score DESC, date_start, k)[1:{EVIDENCE_PER_REACTOR}]
                   AS ids
            FROM r GROUP BY actor
        )
        SELECT r.actor, count(*) AS n,
               count(*) FILTER (WHERE recipient = '{a}'),
               count(*) FILTER (WHERE recipient = '{b}'),
               any_value(per_type.types), coalesce(any_value(both_docs.on_pair), 0),
               any_value(ev.ids)
        FROM r JOIN per_type USING (actor) JOIN ev USING (actor)
        LEFT JOIN both_docs USING (actor)
        GROUP BY r.actor ORDER BY n DESC, r.actor LIMIT {int(limit)}
        """
    ).fetchall()
    refs = {s.id: s for s in refs_in_order(store.con, [i for r in rows for i in r[6]])}
    return [
        Reaction(
            by=str(r[0]),
            stories=int(r[1]),
            types={str(k): int(v) for k, v in dict(r[4]).items()},
            targets={a: int(r[2]), b: int(r[3])},
            on_pair=int(r[5]),
            evidence=tuple(refs[i] for i in r[6] if i in refs),
        )
        for r in rows
    ]
