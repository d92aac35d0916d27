"""The store: bulk loads, idempotence, atomic rejection of bad input, migrations, export/import."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

from bilateral.errors import InputError, StoreError
from bilateral.records import Document, Event, Evidence, Party
from bilateral.sources.jsonl import read_records
from bilateral.store import LATEST_VERSION, Store

FIXTURES = Path(__file__).parent / "fixtures"

DOCS = [
    {
        "id": "irna-1",
        "text": "TEHRAN, July 31 (IRNA) - Iran and Belarus signed a memorandum on military "
        "cooperation on Monday.",
        "published": "2023-08-01",
        "url": "https://example.org/irna-1",
        "title": "Iran, Belarus sign defence memorandum",
        "source": "IRNA",
        "language": "en",
    },
    {
        "id": "belta-1",
        "text": "Belarusian Defence Minister Viktor Khrenin held talks in Tehran.",
        "published": "2023-07-31T18:05:00+03:00",
        "source": "BelTA",
        "language": "en",
    },
    {
        "id": "no-date",
        "text": "Ein Text ohne Datum, mit Umlauten: äöü — und “Anführungszeichen”.",
        "language": "de",
    },
]


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def ingest(store: Store, path: Path) -> tuple[int, int]:
    result = store.add_documents(read_records(path, Document.from_dict))
    return result.read, result.added


def snapshot(db: Path) -> list[tuple[object, ...]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("SELECT id, content_hash, text FROM documents ORDER BY id").fetchall()
    finally:
        con.close()


def test_ingest_then_export_round_trips_documents_unchanged(tmp_path: Path, db_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    with Store(db_path) as store:
        assert ingest(store, source) == (3, 3)
        store.export("documents", tmp_path / "out.jsonl", "jsonl")
    exported = [
        json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()
    ]
    assert sorted(exported, key=lambda d: d["id"]) == sorted(DOCS, key=lambda d: str(d["id"]))


def test_reingesting_the_same_file_adds_nothing(tmp_path: Path, db_path: Path) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    with Store(db_path) as store:
        ingest(store, source)
        assert ingest(store, source) == (3, 0)
        assert store.count("documents") == 3


def test_same_text_under_another_id_is_stored_once(tmp_path: Path, db_path: Path) -> None:
    again = dict(DOCS[0], id="copy-from-another-feed", text="  " + str(DOCS[0]["text"]) + "\n")
    source = write_jsonl(tmp_path / "docs.jsonl", [DOCS[0], again])
    with Store(db_path) as store:
        result = store.add_documents(read_records(source, Document.from_dict))
        assert (result.read, result.added, result.duplicates) == (2, 1, 1)


def test_default_document_id_is_a_hash_of_the_normalised_text() -> None:
    a = Document.create("Iran  and Belarus\nmet.")
    b = Document.create("Iran and Belarus met.")
    assert a.id == b.id
    assert a.id.startswith("d")
    assert Document.create("Iran and Belarus met again.").id != a.id


BAD_INPUTS = {
    "malformed JSON on line 2": (
        b'{"id": "a", "text": "fine"}\n{"id": "b", "text": \n{"id": "c", "text": "x"}\n',
        ":2: invalid JSON",
    ),
    "missing text on line 3": (
        b'{"id": "a", "text": "one"}\n{"id": "b", "text": "two"}\n{"id": "c"}\n',
        ":3: text: is required",
    ),
    "bad published date": (
        b'{"id": "a", "text": "one", "published": "31/07/2023"}\n',
        ":1: published: not an ISO date",
    ),
    "non-UTF-8 bytes": (
        b'{"id": "a", "text": "one"}\n{"id": "b", "text": "caf\xe9"}\n',
        ":2: not valid UTF-8 (byte 0xe9",
    ),
    "truncated last line": (
        b'{"id": "a", "text": "one"}\n{"id": "b", "text": "tw',
        ":2: truncated last line",
    ),
    "empty file": (b"", ": empty file"),
    "only blank lines": (b"\n\n  \n", ": empty file"),
    "not an object": (b'["a", "b"]\n', ":1: a document must be a JSON object"),
    "unknown key": (b'{"text": "x", "body": "y"}\n', ":1: unknown key(s) in document: body"),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_rejected_with_file_line_reason_and_store_unchanged(
    case: str, tmp_path: Path, db_path: Path
) -> None:
    content, expected = BAD_INPUTS[case]
    good = write_jsonl(tmp_path / "good.jsonl", DOCS[:1])
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(content)
    with Store(db_path) as store:
        ingest(store, good)
    before = snapshot(db_path)
    with Store(db_path) as store, pytest.raises(InputError) as info:
        ingest(store, bad)
    assert str(info.value).startswith(str(bad))
    assert expected in str(info.value)
    assert snapshot(db_path) == before


def test_missing_file_and_directory_are_clear_errors(tmp_path: Path, db_path: Path) -> None:
    with Store(db_path) as store:
        with pytest.raises(InputError, match=r"nope\.jsonl: no such file"):
            ingest(store, tmp_path / "nope.jsonl")
        with pytest.raises(InputError, match="is a directory"):
            ingest(store, tmp_path)
        assert store.count("documents") == 0


def test_skip_bad_loads_the_rest_and_counts_what_was_skipped(tmp_path: Path, db_path: Path) -> None:
    bad = tmp_path / "mixed.jsonl"
    bad.write_bytes(b'{"text": "one"}\n{"text": \n{"text": "three"}\n\xff\xfe\n')
    skipped: list[InputError] = []
    with Store(db_path) as store:
        docs = read_records(bad, Document.from_dict, skip_bad=True, on_skip=skipped.append)
        result = store.add_documents(docs)
        assert result.added == 2
    assert [e.line for e in skipped] == [2, 4]


def test_a_store_written_by_schema_version_1_is_migrated_and_readable(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(FIXTURES / "store-v1.duckdb", old)
    with Store(old) as store:
        assert store.schema_version() == LATEST_VERSION
        docs = {d.id: d for d in store.iter_documents()}
        assert docs["v1-doc-1"].title == "Consultations"
        events = list(store.iter_events())
        assert [(e.actor.code, e.recipient.code if e.recipient else None) for e in events] == [
            ("BLR", "IRN")
        ]
        assert events[0].coder == "rules"  # column added by migration 2, default applied
        # the upgraded store keeps working: same text is still recognised as stored
        again = Document.create(docs["v1-doc-2"].text, id="other-id")
        assert store.add_documents([again]).added == 0


def test_read_only_store_of_an_old_version_asks_for_an_upgrade(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    shutil.copy(FIXTURES / "store-v1.duckdb", old)
    with pytest.raises(StoreError, match="schema version 1"):
        Store(old, read_only=True)


def test_a_directory_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory"):
        Store(tmp_path)


def _event(doc: str, n: int) -> Event:
    text = f"Iran and Belarus held talks number {n}."
    return Event.create(
        doc_id=doc,
        date="2023-07-31",
        date_precision="day",
        actor=Party("IRN", "GOV", "Iran"),
        recipient=Party("BLR", "GOV", "Belarus"),
        event_type="CONSULT",
        context=["diplomatic"],
        evidence=Evidence(100 * n, 100 * n + len(text), text),
    )


def test_events_load_in_bulk_idempotently_and_recoding_replaces(db_path: Path) -> None:
    events = [_event("d1", n) for n in range(5)] + [_event("d2", 0)]
    with Store(db_path) as store:
        assert store.add_events(events).added == 6
        assert store.add_events(events).added == 0
        store.add_events([_event("d1", 99)], replace_docs=["d1"])
        by_doc = store.con.execute(
            "SELECT doc_id, count(*) FROM events GROUP BY 1 ORDER BY 1"
        ).fetchall()
    assert by_doc == [("d1", 1), ("d2", 1)]


def test_a_failing_batch_leaves_nothing_behind(db_path: Path) -> None:
    def documents() -> object:
        yield Document.create("first document")
        yield Document.create("second document")
        raise InputError("boom", path="feed.jsonl", line=3)

    with Store(db_path) as store:
        with pytest.raises(InputError):
            store.add_documents(documents())  # type: ignore[arg-type]
        assert store.count("documents") == 0


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
@pytest.mark.parametrize("table", ["documents", "events"])
def test_export_then_import_into_a_new_store_gives_the_same_rows(
    fmt: str, table: str, tmp_path: Path
) -> None:
    source = write_jsonl(tmp_path / "docs.jsonl", DOCS)
    first, second = tmp_path / "a.duckdb", tmp_path / "b.duckdb"
    with Store(first) as store:
        ingest(store, source)
        store.add_events([_event("irna-1", n) for n in range(3)])
        store.export(table, tmp_path / f"out.{fmt}", fmt)
        original = store.con.execute(
            f"SELECT * EXCLUDE (ingested_at) FROM {table} ORDER BY id"
            if table == "documents"
            else f"SELECT * FROM {table} ORDER BY id"
        ).fetchall()
    with Store(second) as store:
        result = store.import_table(table, tmp_path / f"out.{fmt}", fmt)
        assert result.added == len(original)
        copied = store.con.execute(
            f"SELECT * EXCLUDE (ingested_at) FROM {table} ORDER BY id"
            if table == "documents"
            else f"SELECT * FROM {table} ORDER BY id"
        ).fetchall()
        assert copied == original
        assert store.import_table(table, tmp_path / f"out.{fmt}", fmt).added == 0
