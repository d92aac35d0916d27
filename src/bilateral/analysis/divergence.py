"""Divergences: third parties toward whom A and B stand in opposite ways.

A side's *stance* toward a third party X comes from their tie in the period (both directions):
``cooperative`` when cooperation makes up at least ``COOPERATIVE`` (0.65) of the tie's absolute
intensity, ``hostile`` when at most ``HOSTILE`` (0.35), else ``mixed``; a side needs
``min_stories`` stories with X to have a stance. A divergence is a third party toward whom one
side is cooperative and the other hostile; ``gap`` is the difference of the two cooperative
shares, and divergences are listed by gap, then by how many stories back them. The evidence is
the strongest stories of each side that show its stance.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from bilateral.analysis.common import (
    StoryRef,
    check_pair,
    end_bound,
    parse_bound,
    refs_in_order,
    require_stories,
)
from bilateral.analysis.ties import Tie, load_ties, top_tie_stories
from bilateral.store import Store

COOPERATIVE = 0.65
HOSTILE = 0.35
MIN_STORIES = 1
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
    source: str = "stories",
) -> list[Divergence]:
    """Third parties toward whom A and B act in opposite ways, clearest first."""
    require_stories(store)
    a, b = check_pair(store, a, b)
    lo, hi = parse_bound(start, "from"), end_bound(end)
    by_third: dict[str, dict[str, Tie]] = {}
    for t in load_ties(store, a, b, lo, hi, source):
        by_third.setdefault(t.third, {})[t.side] = t
    found: list[tuple[float, int, str, Tie, Tie]] = []
    for third, sides in by_third.items():
        ta, tb = sides.get(a), sides.get(b)
        if ta is None or tb is None or min(ta.stories, tb.stories) < min_stories:
            continue
        if {stance(ta), stance(tb)} == {"cooperative", "hostile"}:
            gap = abs(ta.cooperative_share - tb.cooperative_share)
            found.append((gap, ta.stories + tb.stories, third, ta, tb))
    found.sort(key=lambda f: (-f[0], -f[1], f[2]))
    found = found[:MAX_DIVERGENCES]
    wanted = [
        (t.side, third, "+" if stance(t) == "cooperative" else "-")
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
