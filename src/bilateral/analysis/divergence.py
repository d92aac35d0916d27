"""Divergences: third parties toward whom A and B stand in different ways.

A side's *stance* toward a third party X comes from their tie in the period (both directions):
its *cooperative share* is cooperation's part of the tie's absolute intensity; the stance is
``cooperative`` from ``COOPERATIVE`` (0.65), ``hostile`` up to ``HOSTILE`` (0.35), else
``mixed``. A divergence is a third party toward whom the two sides' stances differ and their
cooperative shares lie at least ``MIN_GAP`` (0.25) apart: one side cooperative and the other
hostile is the clearest case, cooperative against mixed a leaning apart (as a state that deals
with both sides of a conflict while its partner takes one). Divergences are listed by gap, then
by how many stories back them; each side needs ``min_stories`` stories with X. The evidence is
the strongest stories of each side in the direction of its stance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bilateral.analysis.common import (
    StoryRef,
    check_pair,
    check_source,
    period_bounds,
    refs_in_order,
    require_stories,
)
from bilateral.analysis.ties import Tie, load_ties, top_tie_stories
from bilateral.store import Store

COOPERATIVE = 0.65
HOSTILE = 0.35
MIN_STORIES = 2
MIN_GAP = 0.25
MAX_DIVERGENCES = 5


def stance(tie: Tie) -> str:
    share = tie.cooperative_share
    return "cooperative" if share >= COOPERATIVE else "hostile" if share <= HOSTILE else "mixed"


@dataclass(frozen=True, slots=True)
class Divergence:
    third: str
    a_stance: str
    b_stance: str
    a_cooperative_share: float
    b_cooperative_share: float
    stories_a: int
    stories_b: int
    gap: float
    evidence: tuple[StoryRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "third": self.third,
            "a_stance": self.a_stance,
            "b_stance": self.b_stance,
            "a_cooperative_share": round(self.a_cooperative_share, 3),
            "b_cooperative_share": round(self.b_cooperative_share, 3),
            "stories_a": self.stories_a,
            "stories_b": self.stories_b,
            "gap": round(self.gap, 3),
            "evidence": [s.to_dict() for s in self.evidence],
        }


def find_divergences(
    store: Store,
    a: str,
    b: str,
    *,
    start: str | date | None = None,
    end: str | date | None = None,
    min_stories: int = MIN_STORIES,
    min_gap: float = MIN_GAP,
    source: str = "stories",
) -> list[Divergence]:
    """Third parties toward whom A and B stand in different ways, clearest first."""
    require_stories(store)
    check_source(source)
    a, b = check_pair(store, a, b)
    lo, hi = period_bounds(start, end)
    by_third: dict[str, dict[str, Tie]] = {}
    for t in load_ties(store, a, b, lo, hi, source):
        by_third.setdefault(t.third, {})[t.side] = t
    found: list[tuple[float, int, str, Tie, Tie]] = []
    for third, sides in by_third.items():
        ta, tb = sides.get(a), sides.get(b)
        if ta is None or tb is None or min(ta.stories, tb.stories) < min_stories:
            continue
        if not (ta.cooperation + ta.conflict) or not (tb.cooperation + tb.conflict):
            continue  # only zero-intensity acts (requests for a meeting): no stance
        gap = abs(ta.cooperative_share - tb.cooperative_share)
        if stance(ta) != stance(tb) and gap >= min_gap:
            found.append((gap, ta.stories + tb.stories, third, ta, tb))
    found.sort(key=lambda f: (-f[0], -f[1], f[2]))
    found = found[:MAX_DIVERGENCES]
    wanted = [
        (t.side, third, {"cooperative": "+", "hostile": "-"}.get(stance(t), "*"))
        for _, _, third, ta, tb in found
        for t in (ta, tb)
    ]
    refs = refs_in_order(store.con, top_tie_stories(store, a, b, lo, hi, wanted, source=source))
    out = []
    for gap, _, third, ta, tb in found:
        ev = tuple(r for r in refs if third in (r.actor, r.recipient))
        out.append(
            Divergence(
                third=third,
                a_stance=stance(ta),
                b_stance=stance(tb),
                a_cooperative_share=ta.cooperative_share,
                b_cooperative_share=tb.cooperative_share,
                stories_a=ta.stories,
                stories_b=tb.stories,
                gap=gap,
                evidence=ev,
            )
        )
    return out
