"""Migration 3: a store written before it keeps its events and gains the source tables."""

from __future__ import annotations

from pathlib import Path

from bilateral.store import LATEST_VERSION, Store


def test_a_version_2_store_is_upgraded_with_its_events(db_path: Path, old_store) -> None:
    con = old_store(2)
    con.execute(
        "INSERT INTO events (id, doc_id, date, date_precision, date_start, actor_code, "
        "recipient_code, event_type, context, intensity, evidence_start, evidence_end, "
        "evidence_text, confidence, coder, goldstein) VALUES ('e1', 'd1', '2023-03-13', 'day', "
        "DATE '2023-03-13', 'IRN', 'BLR', 'SUPPORT', ['diplomatic'], 5.0, 10, 20, 'signed', "
        "0.9, 'rules', NULL)"
    )
    con.close()
    with Store(db_path) as store:
        assert store.schema_version() == LATEST_VERSION
        [event] = list(store.iter_events())
        assert (event.id, event.actor.code, event.context, event.evidence.text) == (
            "e1",
            "IRN",
            ("diplomatic",),
            "signed",
        )
        tables = {
            r[0]
            for r in store.con.execute(
                "SELECT table_name FROM information_schema.tables"
            ).fetchall()
        }
        assert {"mentions", "fetched_urls", "loaded_files"} <= tables
        indexes = store.con.execute(
            "SELECT count(*) FROM duckdb_indexes() WHERE table_name = 'events'"
        ).fetchall()
        assert indexes == [(0,)]
        # ids stay unique without the primary key: every insert path skips stored ids
        again = store.add_events([event])
        assert (again.added, again.duplicates) == (0, 1)
        assert store.count("events") == 1
