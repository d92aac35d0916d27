"""Opening, migrating, loading and querying the store (see the package docstring)."""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any, Self

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv

from bilateral import settings
from bilateral.errors import InputError, OutputError, StoreError
from bilateral.records import UNKNOWN_ACTOR, Document, Event, Evidence, Location, Party, Story
from bilateral.store.migrations import LATEST_VERSION, MIGRATIONS, TABLE_KEYS, TABLES

FORMATS = ("parquet", "csv", "jsonl")


def default_path() -> Path:
    """The store path from ``BILATERAL_DB`` or the documented default."""
    return Path(settings.get("db"))


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one bulk load did: records read, added, skipped as already stored."""

    read: int
    added: int
    duplicates: int
    conflicts: int = 0

    def __add__(self, other: LoadResult) -> LoadResult:
        return LoadResult(
            self.read + other.read,
            self.added + other.added,
            self.duplicates + other.duplicates,
            self.conflicts + other.conflicts,
        )


def _date_start(value: str) -> date:
    if len(value) == 4:
        return date(int(value), 1, 1)
    if len(value) == 7:
        return date(int(value[:4]), int(value[5:7]), 1)
    return date.fromisoformat(value[:10])


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# SQL functions every connection to a store has (temporary: nothing is written to the file).
SQL_MACROS = (
    # The host of an address, "https://www.reuters.com/x" -> "reuters.com": the outlet of a
    # source known only by its address (an event from event data).
    "url_host(u) AS regexp_extract(u, '^[a-z]+://(?:www[.])?([^/:]+)', 1)",
)


class Store:
    """A bilateral store in one DuckDB file."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.applied: list[int] = []  # migrations applied when this store was opened
        if self.path.is_dir():
            raise StoreError(f"{self.path}: is a directory, not a store file")
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no store here (run `bilateral ingest` first)")
        if not read_only:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path.parent}: cannot create directory: {exc}") from exc
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open store: {exc}") from exc
        with contextlib.suppress(duckdb.Error):
            _run(self.con, f"SET threads = {int(settings.get('threads'))}")
        for macro in SQL_MACROS:
            _run(self.con, f"CREATE OR REPLACE TEMP MACRO {macro}")
        if read_only:
            if self.schema_version() != LATEST_VERSION:
                raise StoreError(
                    f"{self.path}: store is at schema version {self.schema_version()}, "
                    f"this bilateral needs {LATEST_VERSION}; run `bilateral migrate` to upgrade it"
                )
        else:
            self.applied = self.migrate()

    @classmethod
    def open(cls, path: str | Path | None = None, *, read_only: bool = False) -> Store:
        return cls(default_path() if path is None else path, read_only=read_only)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # ---------------------------------------------------------------- schema

    def schema_version(self) -> int:
        exists = self.con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
        ).fetchall()
        if not exists or not exists[0][0]:
            return 0
        row = self.con.execute("SELECT max(version) FROM schema_migrations").fetchall()
        return int(row[0][0]) if row and row[0][0] is not None else 0

    def migrate(self) -> list[int]:
        """Apply every migration the file lacks, each in one transaction; return their versions."""
        _run(
            self.con,
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            "version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, "
            "applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)",
        )
        current = self.schema_version()
        if current > LATEST_VERSION:
            raise StoreError(
                f"{self.path}: store has schema version {current}, newer than this bilateral "
                f"({LATEST_VERSION}); upgrade bilateral"
            )
        applied = []
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            try:
                with self.transaction():
                    _run(self.con, migration.sql)
                    _run(
                        self.con,
                        "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                        [migration.version, migration.name],
                    )
            except duckdb.Error as exc:
                raise StoreError(
                    f"{self.path}: migration {migration.version} ({migration.name}) failed: {exc}"
                ) from exc
            applied.append(migration.version)
        return applied

    @contextlib.contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: everything inside is written, or nothing is."""
        _run(self.con, "BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            _run(self.con, "ROLLBACK")
            raise
        else:
            _run(self.con, "COMMIT")

    # ---------------------------------------------------------------- documents

    def add_documents(self, documents: Iterable[Document]) -> LoadResult:
        """Load documents in bulk, all in one transaction.

        A document is skipped when its id or its content hash is already stored (re-ingesting
        adds nothing). If the iterable raises (a bad line in the input), nothing is written.
        """
        result = LoadResult(0, 0, 0, 0)
        with self.transaction():
            for batch in _chunks(documents, int(settings.get("batch_size"))):
                result = result + self._insert_documents(batch)
        return result

    def _insert_documents(self, batch: list[Document]) -> LoadResult:
        table = pa.table(
            {
                "ord": pa.array(range(len(batch)), pa.int64()),
                "id": pa.array([d.id for d in batch], pa.string()),
                "content_hash": pa.array([d.content_hash for d in batch], pa.string()),
                "text": pa.array([d.text for d in batch], pa.string()),
                "published": pa.array([d.published for d in batch], pa.string()),
                "published_date": pa.array([d.published_date for d in batch], pa.date32()),
                "url": pa.array([d.url for d in batch], pa.string()),
                "title": pa.array([d.title for d in batch], pa.string()),
                "source": pa.array([d.source for d in batch], pa.string()),
                "language": pa.array([d.language for d in batch], pa.string()),
            }
        )
        con = self.con
        con.register("incoming_documents", table)
        try:
            conflicts_row = con.execute(
                "SELECT count(*) FROM incoming_documents i JOIN documents d ON i.id = d.id "
                "WHERE i.content_hash <> d.content_hash"
            ).fetchall()
            before = self._count("documents")
            _run(
                con,
                """
                INSERT INTO documents (id, content_hash, text, published, published_date, url,
                                       title, source, language)
                SELECT id, content_hash, text, published, published_date, url, title, source,
                       language
                FROM incoming_documents i
                WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = i.id)
                  AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.content_hash = i.content_hash)
                QUALIFY row_number() OVER (PARTITION BY content_hash ORDER BY ord) = 1
                    AND row_number() OVER (PARTITION BY id ORDER BY ord) = 1
                """,
            )
            added = self._count("documents") - before
        finally:
            con.unregister("incoming_documents")
        conflicts = int(conflicts_row[0][0]) if conflicts_row else 0
        return LoadResult(len(batch), added, len(batch) - added - conflicts, conflicts)

    def iter_documents(
        self, ids: Iterable[str] | None = None, *, batch_size: int = 5000
    ) -> Iterator[Document]:
        """Stored documents in a stable order (by id), optionally only the given ids."""
        query = (
            "SELECT id, text, published, url, title, source, language FROM documents"
            " {where} ORDER BY id"
        )
        params: list[Any] = []
        if ids is not None:
            id_list = list(ids)
            query = query.format(where="WHERE id IN (SELECT unnest(?))")
            params = [id_list]
        else:
            query = query.format(where="")
        cursor = self.con.cursor()
        try:
            cursor.execute(query, params)
            while rows := cursor.fetchmany(batch_size):
                for row in rows:
                    yield Document(
                        id=row[0],
                        text=row[1],
                        published=row[2],
                        url=row[3],
                        title=row[4],
                        source=row[5],
                        language=row[6] or "en",
                    )
        finally:
            cursor.close()

    # ---------------------------------------------------------------- events

    def add_events(
        self, events: Iterable[Event], *, replace_docs: Iterable[str] | None = None
    ) -> LoadResult:
        """Load events in bulk in one transaction; ids already stored are skipped.

        With ``replace_docs``, the events of those documents are deleted first (re-coding),
        in the same transaction.
        """
        result = LoadResult(0, 0, 0)
        with self.transaction():
            if replace_docs is not None:
                _run(
                    self.con,
                    "DELETE FROM events WHERE doc_id IN (SELECT unnest(?))",
                    [list(replace_docs)],
                )
            for batch in _chunks(events, int(settings.get("batch_size"))):
                result = result + self._insert_events(batch)
        return result

    def _insert_events(self, batch: list[Event]) -> LoadResult:
        def col(values: list[Any], kind: pa.DataType) -> pa.Array:
            return pa.array(values, kind)

        s = pa.string()
        table = pa.table(
            {
                "ord": col(list(range(len(batch))), pa.int64()),
                "id": col([e.id for e in batch], s),
                "doc_id": col([e.doc_id for e in batch], s),
                "date": col([e.date for e in batch], s),
                "date_precision": col([e.date_precision for e in batch], s),
                "date_start": col([_date_start(e.date) for e in batch], pa.date32()),
                "actor_code": col([e.actor.code for e in batch], s),
                "actor_sector": col([e.actor.sector for e in batch], s),
                "actor_text": col([e.actor.text for e in batch], s),
                "recipient_code": col(
                    [e.recipient.code if e.recipient else None for e in batch], s
                ),
                "recipient_sector": col(
                    [e.recipient.sector if e.recipient else None for e in batch], s
                ),
                "recipient_text": col(
                    [e.recipient.text if e.recipient else None for e in batch], s
                ),
                "event_type": col([e.event_type for e in batch], s),
                "mode": col([e.mode for e in batch], s),
                "context": col([list(e.context) for e in batch], pa.list_(s)),
                "cameo": col([e.cameo for e in batch], s),
                "goldstein": col([e.goldstein for e in batch], pa.float64()),
                "intensity": col([e.intensity for e in batch], pa.float64()),
                "location_place": col([e.location.place if e.location else None for e in batch], s),
                "location_country": col(
                    [e.location.country if e.location else None for e in batch], s
                ),
                "negated": col([e.negated for e in batch], pa.bool_()),
                "evidence_start": col([e.evidence.start for e in batch], pa.int32()),
                "evidence_end": col([e.evidence.end for e in batch], pa.int32()),
                "evidence_text": col([e.evidence.text for e in batch], s),
                "confidence": col([e.confidence for e in batch], pa.float64()),
                "coder": col([e.coder for e in batch], s),
            }
        )
        return self.insert_event_table(table)

    def insert_event_table(self, table: pa.Table) -> LoadResult:
        """Insert an Arrow table with the events table's columns (used by bulk readers)."""
        con = self.con
        con.register("incoming_events", table)
        try:
            before = self._count("events")
            order = "ORDER BY ord" if "ord" in table.column_names else ""
            _run(
                con,
                f"""
                INSERT INTO events BY NAME
                SELECT * EXCLUDE (ord) FROM (
                    SELECT {"*" if order else "*, 0 AS ord"} FROM incoming_events i
                    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = i.id)
                    QUALIFY row_number() OVER (PARTITION BY id {order}) = 1
                )
                """,
            )
            added = self._count("events") - before
        finally:
            con.unregister("incoming_events")
        return LoadResult(table.num_rows, added, table.num_rows - added)

    def iter_events(self, where: str = "", params: list[Any] | None = None) -> Iterator[Event]:
        """Stored events as records; ``where`` is an SQL condition on the events table."""
        sql = (
            f"SELECT {_EVENT_COLUMNS} FROM events {('WHERE ' + where) if where else ''} ORDER BY id"
        )
        cursor = self.con.cursor()
        try:
            cursor.execute(sql, params or [])
            while rows := cursor.fetchmany(5000):
                for row in rows:
                    yield _event_from_row(row)
        finally:
            cursor.close()

    # ---------------------------------------------------------------- stories & actors

    def replace_stories(self, stories: list[Story]) -> int:
        """Replace every stored story with these (stories are rebuilt from events as a whole)."""
        s = pa.string()
        table = pa.table(
            {
                "id": pa.array([x.id for x in stories], s),
                "date": pa.array([x.date for x in stories], s),
                "date_precision": pa.array([x.date_precision for x in stories], s),
                "date_start": pa.array([_date_start(x.date) for x in stories], pa.date32()),
                "actor": pa.array([x.actor for x in stories], s),
                "recipient": pa.array([x.recipient for x in stories], s),
                "event_type": pa.array([x.event_type for x in stories], s),
                "mode": pa.array([x.mode for x in stories], s),
                "context": pa.array([list(x.context) for x in stories], pa.list_(s)),
                "intensity": pa.array([x.intensity for x in stories], pa.float64()),
                "negated": pa.array([x.negated for x in stories], pa.bool_()),
                "location_country": pa.array([x.location_country for x in stories], s),
                "summary": pa.array([x.summary for x in stories], s),
                "n_reports": pa.array([len(x.sources) for x in stories], pa.int32()),
                "event_ids": pa.array([list(x.event_ids) for x in stories], pa.list_(s)),
                "doc_ids": pa.array([[r.doc_id for r in x.sources] for x in stories], pa.list_(s)),
                "source_urls": pa.array([[r.url for r in x.sources] for x in stories], pa.list_(s)),
            }
        )
        with self.transaction():
            _run(self.con, "DELETE FROM stories")
            self.con.register("incoming_stories", table)
            try:
                _run(self.con, "INSERT INTO stories BY NAME SELECT * FROM incoming_stories")
            finally:
                self.con.unregister("incoming_stories")
        return int(table.num_rows)

    def upsert_actors(self, rows: Iterable[tuple[str, str, str]]) -> int:
        """Insert or update (code, name, kind) rows of the actors table."""
        items = list(rows)
        if not items:
            return 0
        table = pa.table(
            {
                "code": pa.array([r[0] for r in items], pa.string()),
                "name": pa.array([r[1] for r in items], pa.string()),
                "kind": pa.array([r[2] for r in items], pa.string()),
            }
        )
        with self.transaction():
            self.con.register("incoming_actors", table)
            try:
                _run(
                    self.con,
                    "INSERT OR REPLACE INTO actors SELECT code, name, kind FROM incoming_actors",
                )
            finally:
                self.con.unregister("incoming_actors")
        return len(items)

    # ---------------------------------------------------------------- reading

    def _count(self, table: str) -> int:
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()
        return int(row[0][0]) if row else 0

    def count(self, table: str) -> int:
        if table not in TABLES:
            raise StoreError(f"no table {table!r}; tables: {', '.join(TABLES)}")
        return self._count(table)

    def stats(self, top: int = 10) -> dict[str, Any]:
        """What the store holds: counts, date ranges, the most reported pairs."""
        con = self.con
        doc_range = con.execute(
            "SELECT min(published_date), max(published_date) FROM documents"
        ).fetchall()[0]
        event_range = con.execute("SELECT min(date_start), max(date_start) FROM events").fetchall()[
            0
        ]
        pairs = con.execute(
            """
            SELECT least(actor, recipient) AS a, greatest(actor, recipient) AS b,
                   count(*) AS stories, sum(n_reports) AS reports
            FROM stories WHERE recipient IS NOT NULL AND actor <> recipient
              AND actor <> $unknown AND recipient <> $unknown
            GROUP BY ALL ORDER BY stories DESC, a, b LIMIT $top
            """,
            {"top": top, "unknown": UNKNOWN_ACTOR},
        ).fetchall()
        if not pairs:
            pairs = con.execute(
                """
                SELECT least(actor_code, recipient_code) AS a,
                       greatest(actor_code, recipient_code) AS b,
                       NULL AS stories, count(*) AS reports
                FROM events WHERE recipient_code IS NOT NULL AND actor_code <> recipient_code
                  AND actor_code <> $unknown AND recipient_code <> $unknown
                GROUP BY ALL ORDER BY reports DESC, a, b LIMIT $top
                """,
                {"top": top, "unknown": UNKNOWN_ACTOR},
            ).fetchall()

        def iso(value: Any) -> str | None:
            return value.isoformat() if value is not None else None

        return {
            "path": str(self.path),
            "schema_version": self.schema_version(),
            "documents": self._count("documents"),
            "events": self._count("events"),
            "stories": self._count("stories"),
            "actors": self._count("actors"),
            "documents_published": [iso(doc_range[0]), iso(doc_range[1])] if doc_range else None,
            "events_dated": [iso(event_range[0]), iso(event_range[1])] if event_range else None,
            "top_pairs": [
                {"pair": [a, b], "stories": s, "reports": int(r)} for a, b, s, r in pairs
            ],
        }

    # ---------------------------------------------------------------- export / import

    def export(self, table: str, target: str | Path, fmt: str) -> int:
        """Write a whole table to ``target`` (``-`` for stdout) as parquet, csv or jsonl.

        Documents and events are written in their record forms in JSON lines, so an export can
        be fed back to ``bilateral ingest`` or ``bilateral import``.
        """
        if table not in TABLES:
            raise StoreError(f"no table {table!r}; tables: {', '.join(TABLES)}")
        if fmt not in FORMATS:
            raise StoreError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
        to_stdout = str(target) == "-"
        if fmt == "parquet" and to_stdout:
            raise OutputError("Parquet cannot be written to stdout; give a file name")
        n = self._count(table)
        if fmt == "jsonl":
            if to_stdout:
                self._write_jsonl(table, sys.stdout)
                sys.stdout.flush()
            else:
                path = Path(target)
                tmp = self._tmp_target(path)
                try:
                    with tmp.open("w", encoding="utf-8") as fh:
                        self._write_jsonl(table, fh)
                    tmp.replace(path)
                finally:
                    tmp.unlink(missing_ok=True)
            return n
        order = "ORDER BY code" if table == "actors" else "ORDER BY 1"
        query = f"SELECT * FROM {table} {order}"
        if fmt == "csv" and to_stdout:
            reader = self.con.sql(query).to_arrow_reader(10_000)
            with pa_csv.CSVWriter(sys.stdout.buffer, reader.schema) as writer:
                for batch in reader:
                    writer.write_batch(batch)
            sys.stdout.flush()
            return n
        path = Path(target)
        tmp = self._tmp_target(path)
        options = "FORMAT parquet, COMPRESSION zstd" if fmt == "parquet" else "FORMAT csv, HEADER"
        try:
            _run(self.con, f"COPY ({query}) TO '{_sql_str(tmp)}' ({options})")
            tmp.replace(path)
        except duckdb.Error as exc:
            raise OutputError(f"{path}: cannot write: {exc}") from exc
        finally:
            tmp.unlink(missing_ok=True)
        return n

    @staticmethod
    def _tmp_target(path: Path) -> Path:
        if path.is_dir():
            raise OutputError(f"{path}: is a directory; give a file name")
        if not path.parent.exists():
            raise OutputError(f"{path.parent}: no such directory")
        return path.with_name(f".{path.name}.tmp")

    def _write_jsonl(self, table: str, fh: IO[str]) -> None:
        if table == "documents":
            for doc in self.iter_documents():
                fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
            return
        if table == "events":
            for event in self.iter_events():
                fh.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            return
        cursor = self.con.cursor()
        try:
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")
            names = [d[0] for d in cursor.description or []]
            while rows := cursor.fetchmany(5000):
                for row in rows:
                    fh.write(json.dumps(dict(zip(names, row, strict=True)), default=str) + "\n")
        finally:
            cursor.close()

    def import_table(self, table: str, source: str | Path, fmt: str) -> LoadResult:
        """Load a Parquet, CSV or JSON-lines export back into ``table``; stored keys are skipped."""
        from bilateral.sources.jsonl import read_records

        if table not in TABLES:
            raise StoreError(f"no table {table!r}; tables: {', '.join(TABLES)}")
        path = Path(source)
        if str(source) != "-" and not path.is_file():
            raise InputError("no such file" if not path.exists() else "not a file", path=path)
        if fmt == "jsonl" and table == "documents":
            return self.add_documents(read_records(source, Document.from_dict))
        if fmt == "jsonl" and table == "events":
            return self.add_events(read_records(source, Event.from_dict))
        if fmt not in FORMATS:
            raise StoreError(f"unknown format {fmt!r}; formats: {', '.join(FORMATS)}")
        # Text formats are read with the target table's own column types, so that an ISO
        # string such as a `published` datetime is not re-typed by auto-detection.
        described = self.con.execute(f"DESCRIBE {table}").fetchall()
        types = ", ".join(f"'{row[0]}': '{row[1]}'" for row in described)
        reader = {
            "parquet": "read_parquet(?)",
            "csv": f"read_csv(?, header = true, types = {{{types}}})",
            "jsonl": f"read_json(?, format = 'newline_delimited', columns = {{{types}}})",
        }[fmt]
        match = " AND ".join(f"t.{k} = i.{k}" for k in TABLE_KEYS[table])
        try:
            with self.transaction():
                _run(
                    self.con,
                    f"CREATE TEMP TABLE incoming_import AS SELECT * FROM {reader}",
                    [str(path)],
                )
                read_row = self.con.execute("SELECT count(*) FROM incoming_import").fetchall()
                before = self._count(table)
                _run(
                    self.con,
                    f"INSERT INTO {table} BY NAME SELECT * FROM incoming_import i "
                    f"WHERE NOT EXISTS (SELECT 1 FROM {table} t WHERE {match})",
                )
                added = self._count(table) - before
                _run(self.con, "DROP TABLE incoming_import")
        except duckdb.Error as exc:
            with contextlib.suppress(duckdb.Error):
                _run(self.con, "DROP TABLE IF EXISTS incoming_import")
            raise InputError(f"cannot import into {table}: {exc}", path=path) from exc
        read = int(read_row[0][0]) if read_row else 0
        return LoadResult(read, added, read - added)


def _run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> None:
    """Execute a statement and consume its result (DuckDB wants results finished)."""
    con.execute(sql, params or []).fetchall()


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


_EVENT_COLUMNS = (
    "id, doc_id, date, date_precision, actor_code, actor_sector, actor_text, recipient_code, "
    "recipient_sector, recipient_text, event_type, mode, context, cameo, goldstein, intensity, "
    "location_place, location_country, negated, evidence_start, evidence_end, evidence_text, "
    "confidence, coder"
)


def _event_from_row(row: tuple[Any, ...]) -> Event:
    location = Location(row[16], row[17]) if (row[16] or row[17]) else None
    return Event(
        id=row[0],
        doc_id=row[1],
        date=row[2],
        date_precision=row[3],
        actor=Party(row[4], row[5], row[6]),
        recipient=Party(row[7], row[8], row[9]) if row[7] else None,
        event_type=row[10],
        mode=row[11],
        context=tuple(row[12] or ()),
        cameo=row[13],
        goldstein=row[14],
        intensity=float(row[15]),
        location=location,
        negated=bool(row[18]),
        evidence=Evidence(int(row[19]), int(row[20]), row[21]),
        confidence=float(row[22]),
        coder=row[23] or "rules",
    )
