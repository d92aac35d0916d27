"""Getting a store ready for a briefing: the embedded corpus, its events and its stories.

Each step runs only when the store lacks its output, so a fresh install pays for extraction once
and later briefings start from the stored stories. Progress is reported through a callback
(``stage, done, total``) so that the library stays free of terminal code; the CLI draws the bar.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

from bilateral.errors import InputError, ValidationError
from bilateral.records import Document
from bilateral.store import Store

Progress = Callable[[str, int, int], None]


def quiet(stage: str, done: int, total: int) -> None:
    """The default progress callback: say nothing."""


@dataclass(frozen=True, slots=True)
class Preparation:
    """What getting the store ready did."""

    documents_added: int
    documents_extracted: int
    events_added: int
    stories_built: int | None

    @property
    def did_work(self) -> bool:
        return bool(self.documents_added or self.documents_extracted or self.stories_built)


def corpus_documents() -> list[Document]:
    """The embedded corpus shipped in ``bilateral/data/corpus/*.jsonl``, file by file."""
    folder = resources.files("bilateral") / "data" / "corpus"
    docs: list[Document] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".jsonl"):
            continue
        for number, line in enumerate(entry.read_text("utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                docs.append(Document.from_dict(json.loads(line)))
            except (ValueError, ValidationError) as exc:
                raise InputError(f"embedded corpus: {exc}", path=entry.name, line=number) from exc
    return docs


def ensure_corpus(store: Store, *, force: bool = False) -> int:
    """Load the embedded corpus where it belongs; return the documents added.

    It is loaded into an empty store, topped up in a store that already holds part of it (a
    newer bilateral ships more items), and left out of a store filled with other news unless
    ``force`` is set: a user's own collection is not mixed with the corpus unasked.
    """
    docs = corpus_documents()
    row = store.con.execute(
        "SELECT count(*) FROM documents WHERE id IN (SELECT unnest(?))", [[d.id for d in docs]]
    ).fetchall()
    present = int(row[0][0]) if row else 0
    if present == len(docs):
        return 0
    if present == 0 and not force and store.count("documents"):
        return 0
    return store.add_documents(docs).added


def _documents_without_events(store: Store) -> list[str]:
    rows = store.con.execute(
        "SELECT id FROM documents d WHERE NOT EXISTS "
        "(SELECT 1 FROM events e WHERE e.doc_id = d.id) ORDER BY id"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _ticking(docs: Iterable[Document], total: int, progress: Progress) -> Iterator[Document]:
    done = 0
    progress("extracting events", done, total)
    for doc in docs:
        yield doc
        done += 1
        progress("extracting events", done, total)


def ensure_events(
    store: Store, *, force: bool = False, progress: Progress = quiet
) -> tuple[int, int]:
    """Extract events from the documents that have none; return (documents, events added).

    Runs when ``force`` is set (documents were just loaded) or when the store holds no events
    at all; a document that yields no event (sport, weather) is then not re-read on every
    briefing.
    """
    if not force and store.count("events"):
        return 0, 0
    ids = _documents_without_events(store)
    if not ids:
        return 0, 0
    from bilateral.extract import extract_many

    docs = list(store.iter_documents(ids))
    result = store.add_events(extract_many(_ticking(docs, len(docs), progress)))
    return len(docs), result.added


def ensure_stories(store: Store, *, progress: Progress = quiet) -> int | None:
    """Merge reports into stories when some stored event is in no story; return how many."""
    row = store.con.execute(
        "SELECT count(*) FROM events WHERE id NOT IN (SELECT unnest(event_ids) FROM stories)"
    ).fetchall()
    if not row or not int(row[0][0]):
        return None
    from bilateral.analysis import build_stories

    progress("merging reports into stories", 0, 1)
    n = build_stories(store)
    progress("merging reports into stories", 1, 1)
    return n


def prepare(store: Store, *, progress: Progress = quiet, corpus: bool | None = None) -> Preparation:
    """Load the corpus, extract events, build stories: each only if needed.

    ``corpus``: None loads the embedded corpus where it belongs (see ``ensure_corpus``), True
    loads it into any store, False never loads it.
    """
    added = 0 if corpus is False else ensure_corpus(store, force=bool(corpus))
    n_docs, n_events = ensure_events(store, force=bool(added), progress=progress)
    stories = ensure_stories(store, progress=progress)
    return Preparation(added, n_docs, n_events, stories)
