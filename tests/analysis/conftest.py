"""Builders for small synthetic stores where the truth is planted."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bilateral.analysis import build_stories
from bilateral.records import Document, Event, Evidence, Party
from bilateral.store import Store

_counter = itertools.count()


@dataclass
class Planter:
    """Collects documents and events, then writes them to a store and builds the stories."""

    path: Path
    docs: list[Document] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def add(
        self,
        actor: str,
        recipient: str | None,
        event_type: str,
        day: str,
        *,
        text: str | None = None,
        context: tuple[str, ...] = ("diplomatic",),
        mode: str | None = None,
        precision: str = "day",
        negated: bool = False,
        confidence: float = 0.9,
        source: str = "Wire",
    ) -> Event:
        n = next(_counter)
        sentence = text or f"{actor} and {recipient} {event_type.lower()} number {n} topic{n}."
        published = day if precision == "day" else (day + "-15" if precision == "month" else day)
        if precision == "year":
            published = day + "-06-30"
        doc = Document.create(
            f"{sentence} (item {n})",
            id=f"doc{n:05d}",
            published=published,
            title=f"Item {n}",
            source=source,
            url=f"https://example.org/{n}",
        )
        event = Event.create(
            doc_id=doc.id,
            date=day,
            date_precision=precision,
            actor=Party(actor),
            recipient=Party(recipient) if recipient else None,
            event_type=event_type,
            mode=mode,
            context=context,
            negated=negated,
            confidence=confidence,
            evidence=Evidence(0, len(sentence), sentence),
        )
        self.docs.append(doc)
        self.events.append(event)
        return event

    opened: list[Store] = field(default_factory=list)

    def build(self) -> Store:
        store = Store(self.path)
        self.opened.append(store)
        store.add_documents(self.docs)
        store.add_events(self.events)
        build_stories(store)
        return store


@pytest.fixture
def planter(tmp_path: Path) -> Iterator[Planter]:
    plant = Planter(tmp_path / "planted.duckdb")
    yield plant
    for store in plant.opened:
        store.close()


def plant_world(p: Planter, seed: int = 7) -> None:
    """A small history of AAA–BBB with its truth planted.

    - 2000–2009: one or two diplomatic stories a year; 2010–2015: military cooperation, each
      story reported three times; a shift in 2010, which TTT's assault on UUU co-moves with.
    - TTT: cooperative with both AAA and BBB throughout, more so after 2010 (a triangle).
    - MMM: AAA cooperative, BBB hostile (a divergence); NNN: both cooperative (no divergence).
    - WWW accuses and sanctions AAA and BBB after 2010 (reactions); VVV accuses AAA once.
    """
    rng = random.Random(seed)

    def day(y: int) -> str:
        return f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"

    for y in range(2000, 2010):
        for _ in range(rng.randint(1, 2)):
            p.add("AAA", "BBB", rng.choice(["CONSULT", "SUPPORT"]), day(y))
        p.add("AAA", "TTT", "CONSULT", day(y))
        p.add("TTT", "BBB", "SUPPORT", day(y))
    for y in range(2010, 2016):
        for _ in range(rng.randint(4, 6)):
            d = day(y)
            kind = rng.choice(["COOPERATE", "AID", "SUPPORT"])
            text = f"AAA and BBB military {kind.lower()} deal {rng.randint(0, 10**6)} drones"
            for k in range(3):
                p.add("AAA", "BBB", kind, d, text=f"{text} copy {k}", context=("military",))
        p.add("AAA", "TTT", "COOPERATE", day(y), context=("military",))
        p.add("TTT", "BBB", "AID", day(y), context=("military",))
        p.add("BBB", "TTT", "COOPERATE", day(y), context=("economic",))
        p.add("WWW", "AAA", "SANCTION", day(y), context=("military",))
        p.add("WWW", "BBB", "ACCUSE", day(y), mode="allege")
    p.add("TTT", "UUU", "ASSAULT", "2010-02-24", mode="heavy-weapons", context=("military",))
    for k in range(4):
        p.add("AAA", "MMM", "COOPERATE", day(2003 + k), context=("economic",))
        p.add("BBB", "MMM", "SANCTION", day(2004 + k), mode="withdraw")
        p.add("MMM", "BBB", "ACCUSE", day(2011 + k), mode="disapprove")
        p.add("AAA", "NNN", "SUPPORT", day(2003 + k))
        p.add("BBB", "NNN", "CONSULT", day(2004 + k))
    p.add("VVV", "AAA", "ACCUSE", day(2012), mode="disapprove")
    # Both in one report: WWW condemns AAA and BBB together.
    joint = p.add("WWW", "AAA", "ACCUSE", "2014-07-11", text="WWW says AAA and BBB fuel the war")
    p.events.append(
        Event.create(
            doc_id=joint.doc_id,
            date="2014-07-11",
            date_precision="day",
            actor=Party("WWW"),
            recipient=Party("BBB"),
            event_type="ACCUSE",
            context=("diplomatic",),
            evidence=Evidence(1, 30, "WWW says AAA and BBB fuel the war"),
        )
    )


@pytest.fixture
def world(planter: Planter) -> Store:
    """The store of ``plant_world``, stories built."""
    plant_world(planter)
    return planter.build()
