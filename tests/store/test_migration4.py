"""Migration 4: stories keep their sources' addresses; a version 3 store keeps its stories."""

from __future__ import annotations

from pathlib import Path

from bilateral.analysis.common import refs_in_order
from bilateral.store import LATEST_VERSION, Store


def test_a_version_3_store_keeps_its_stories_and_their_citations(db_path: Path, old_store) -> None:
    con = old_store(3)
    con.execute(
        "INSERT INTO documents (id, content_hash, text, published, published_date, url, title, "
        "source) VALUES ('d1', 'h1', 'Raisi received Lukashenko.', '2023-03-13', "
        "DATE '2023-03-13', 'https://example.org/a', 'Talks', 'IRNA')"
    )
    con.execute(
        "INSERT INTO stories (id, date, date_precision, date_start, actor, recipient, "
        "event_type, context, intensity, summary, n_reports, event_ids, doc_ids) VALUES "
        "('s1', '2023-03-13', 'day', DATE '2023-03-13', 'BLR', 'IRN', 'CONSULT', "
        "['diplomatic'], 4.0, 'Raisi received Lukashenko.', 1, ['e1'], ['d1'])"
    )
    con.close()
    with Store(db_path) as store:
        assert store.schema_version() == LATEST_VERSION
        columns = {r[0] for r in store.con.execute("DESCRIBE stories").fetchall()}
        assert "source_urls" in columns
        (key,) = store.con.execute("SELECT rowid FROM stories WHERE id = 's1'").fetchone()
        (story,) = refs_in_order(store.con, [key])
    assert story.summary == "Raisi received Lukashenko."
    (source,) = story.sources
    assert (source.doc_id, source.url, source.source, source.published, source.title) == (
        "d1",
        "https://example.org/a",
        "IRNA",
        "2023-03-13",
        "Talks",
    )
