"""The store's schema as an ordered list of migrations.

A store records the migrations it has applied in ``schema_migrations``; opening a store applies
the missing ones in order, each in its own transaction, so a file written by an older version
of bilateral is upgraded in place. Never edit a released migration: add a new one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial: documents, events, stories, actors",
        """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            content_hash VARCHAR NOT NULL UNIQUE,
            text VARCHAR NOT NULL,
            published VARCHAR,
            published_date DATE,
            url VARCHAR,
            title VARCHAR,
            source VARCHAR,
            language VARCHAR NOT NULL DEFAULT 'en',
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE events (
            id VARCHAR PRIMARY KEY,
            doc_id VARCHAR NOT NULL,
            date VARCHAR NOT NULL,
            date_precision VARCHAR NOT NULL,
            date_start DATE NOT NULL,
            actor_code VARCHAR NOT NULL,
            actor_sector VARCHAR,
            actor_text VARCHAR,
            recipient_code VARCHAR,
            recipient_sector VARCHAR,
            recipient_text VARCHAR,
            event_type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            cameo VARCHAR,
            intensity DOUBLE NOT NULL,
            location_place VARCHAR,
            location_country VARCHAR,
            negated BOOLEAN NOT NULL DEFAULT false,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence_text VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL
        );
        CREATE INDEX events_doc ON events (doc_id);
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            date VARCHAR NOT NULL,
            date_precision VARCHAR NOT NULL,
            date_start DATE NOT NULL,
            actor VARCHAR NOT NULL,
            recipient VARCHAR,
            event_type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            intensity DOUBLE NOT NULL,
            negated BOOLEAN NOT NULL DEFAULT false,
            location_country VARCHAR,
            summary VARCHAR NOT NULL,
            n_reports INTEGER NOT NULL,
            event_ids VARCHAR[] NOT NULL,
            doc_ids VARCHAR[] NOT NULL
        );
        CREATE TABLE actors (
            code VARCHAR PRIMARY KEY,
            name VARCHAR NOT NULL,
            kind VARCHAR NOT NULL
        );
        """,
    ),
    Migration(
        2,
        "event provenance (coder, Goldstein score) and feed polling state",
        """
        ALTER TABLE events ADD COLUMN coder VARCHAR DEFAULT 'rules';
        ALTER TABLE events ADD COLUMN goldstein DOUBLE;
        CREATE TABLE feed_state (
            url VARCHAR PRIMARY KEY,
            etag VARCHAR,
            last_modified VARCHAR,
            last_status INTEGER,
            last_checked TIMESTAMP
        );
        """,
    ),
    Migration(
        3,
        "bulk event sources: events without index (GDELT-speed loads), GDELT provenance, "
        "mentions, fetched URLs, loaded files",
        # The events table is rebuilt without its primary key and doc_id index: DuckDB's ART
        # indexes halve bulk-load speed (2M GDELT rows: 3.5 s without, 6.6 s with, on 2 cores)
        # and hold every key in memory. Every insert path anti-joins on id, so ids stay unique.
        """
        CREATE TABLE events_v3 (
            id VARCHAR NOT NULL,
            doc_id VARCHAR NOT NULL,
            date VARCHAR NOT NULL,
            date_precision VARCHAR NOT NULL,
            date_start DATE NOT NULL,
            actor_code VARCHAR NOT NULL,
            actor_sector VARCHAR,
            actor_text VARCHAR,
            recipient_code VARCHAR,
            recipient_sector VARCHAR,
            recipient_text VARCHAR,
            event_type VARCHAR NOT NULL,
            mode VARCHAR,
            context VARCHAR[] NOT NULL,
            cameo VARCHAR,
            intensity DOUBLE NOT NULL,
            location_place VARCHAR,
            location_country VARCHAR,
            negated BOOLEAN NOT NULL DEFAULT false,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence_text VARCHAR NOT NULL,
            confidence DOUBLE NOT NULL,
            coder VARCHAR DEFAULT 'rules',
            goldstein DOUBLE,
            source_url VARCHAR,
            num_mentions INTEGER,
            num_sources INTEGER,
            num_articles INTEGER,
            avg_tone DOUBLE
        );
        INSERT INTO events_v3 BY NAME SELECT * FROM events;
        DROP INDEX IF EXISTS events_doc;
        DROP TABLE events;
        ALTER TABLE events_v3 RENAME TO events;
        CREATE TABLE mentions (
            event_id VARCHAR NOT NULL,
            url VARCHAR NOT NULL,
            source_name VARCHAR,
            event_time TIMESTAMP,
            mention_time TIMESTAMP,
            mention_type TINYINT,
            sentence_id INTEGER,
            actor1_offset INTEGER,
            actor2_offset INTEGER,
            action_offset INTEGER,
            in_raw_text BOOLEAN,
            confidence INTEGER,
            doc_len INTEGER,
            doc_tone DOUBLE
        );
        CREATE TABLE fetched_urls (
            url VARCHAR PRIMARY KEY,
            feed_url VARCHAR,
            doc_id VARCHAR,
            status INTEGER,
            fetched_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        CREATE TABLE loaded_files (
            name VARCHAR PRIMARY KEY,
            kind VARCHAR NOT NULL,
            size BIGINT,
            rows BIGINT,
            loaded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
        );
        """,
    ),
    Migration(
        4,
        "stories keep the address of each source, for events from event data with no document",
        """
        ALTER TABLE stories ADD COLUMN source_urls VARCHAR[];
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

# Tables a user may export or import, in dependency order.
TABLES: tuple[str, ...] = (
    "documents",
    "events",
    "stories",
    "actors",
    "mentions",
    "feed_state",
    "fetched_urls",
    "loaded_files",
)

# The columns that identify a row of each table: an import skips rows whose key is stored.
TABLE_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("id",),
    "events": ("id",),
    "stories": ("id",),
    "actors": ("code",),
    "mentions": ("event_id", "url"),
    "feed_state": ("url",),
    "fetched_urls": ("url",),
    "loaded_files": ("name",),
}
