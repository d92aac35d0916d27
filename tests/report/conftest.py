"""Stores for the briefing tests: the embedded corpus through the real pipeline (built once per
session), and a small hand-made store whose every story is known."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral import report
from bilateral.analysis import build_stories
from bilateral.records import Document, Event, Evidence, Location, Party
from bilateral.store import Store


@pytest.fixture(scope="session")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the embedded corpus, its extracted events and its stories."""
    path = tmp_path_factory.mktemp("corpus") / "store.duckdb"
    with Store(path) as store:
        report.prepare(store)
    return path


@pytest.fixture(scope="session")
def irn_blr(corpus_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The IRN–BLR briefing in every format, written once."""
    out = tmp_path_factory.mktemp("brief")
    with Store(corpus_store) as store:
        report.brief(store, "IRN", "BLR", out_dir=out, formats=("html", "md", "json"))
    return out


def _event(doc: Document, sentence: str, **kw: object) -> Event:
    start = doc.text.index(sentence)
    return Event.create(
        doc_id=doc.id,
        evidence=Evidence(start, start + len(sentence), sentence),
        **kw,  # type: ignore[arg-type]
    )


MOU = "Iran and Belarus signed a memorandum on military cooperation in Tehran on Monday."
DRILL = "Belarusian troops took part in a joint exercise in Tehran on Friday."
TALKS = "The foreign ministers of Iran and Belarus held talks in Minsk on Tuesday."
UNDATED = "Iran and Belarus held their seventh round of political consultations."


def fill_hand_store(path: Path) -> None:
    """Four documents, one of them undated (like the seed), and an event in each."""
    docs = [
        Document.create(
            f"TEHRAN - {MOU} The plan covers training.",
            id="h-mou",
            published="2023-07-31",
            source="Wire A",
            title="Defence memorandum signed",
            url="https://example.org/a",
        ),
        Document.create(
            f"MINSK - {DRILL}",
            id="h-drill",
            published="2024-05-03",
            source="Wire B",
            title="Joint exercise",
            url="https://example.org/b",
        ),
        Document.create(
            f"MINSK - {TALKS}",
            id="h-talks",
            published="2024-09-10",
            source="Wire C",
            title="Foreign ministers meet",
            url="https://example.org/c",
        ),
        Document.create(f"{UNDATED} Nobody dated this.", id="h-undated", source="seed"),
    ]
    irn, blr = Party("IRN", "GOV", "Iran"), Party("BLR", "GOV", "Belarus")
    events = [
        _event(
            docs[0],
            MOU,
            date="2023-07-31",
            date_precision="day",
            actor=irn,
            recipient=blr,
            event_type="SUPPORT",
            context=["military"],
            location=Location("Tehran", "IRN"),
        ),
        _event(
            docs[1],
            DRILL,
            date="2024-05-03",
            date_precision="day",
            actor=blr,
            recipient=irn,
            event_type="COOPERATE",
            context=["military"],
        ),
        _event(
            docs[2],
            TALKS,
            date="2024-09-10",
            date_precision="day",
            actor=irn,
            recipient=blr,
            event_type="CONSULT",
            context=["diplomatic"],
        ),
        _event(
            docs[3],
            UNDATED,
            date="2024",
            date_precision="year",
            actor=blr,
            recipient=irn,
            event_type="CONSULT",
            context=["diplomatic"],
        ),
    ]
    with Store(path) as store:
        store.add_documents(docs)
        store.add_events(events)
        build_stories(store)


@pytest.fixture
def hand_store(tmp_path: Path) -> Path:
    path = tmp_path / "hand.duckdb"
    fill_hand_store(path)
    return path
