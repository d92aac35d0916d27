"""Builders for small synthetic stores where the truth is planted."""

from __future__ import annotations

import itertools
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
