"""GDELT event exports (1.0 with 57 or 58 columns, 2.0 with 61) and 2.0 mentions.

GDELT files are tab-separated with no header and no quoting, often zipped. They are loaded by
DuckDB straight into the store in one SQL statement per file (no Python loop over rows): the
file is read with explicit column names and types, only the columns kept are converted, the
CAMEO code is joined with the project's CAMEO→PLOVER table, and rows already stored are left
out. One file is one transaction.

What a GDELT event becomes (DESIGN.md's Event):

- ``id`` and ``doc_id`` are ``gdelt:<GLOBALEVENTID>``: GDELT's own id is stable across its 1.0
  and 2.0 exports, so the same event from two files is stored once, and mentions link to it
  without a join. GDELT events have no document in the store; the article is ``source_url``.
- ``date`` is SQLDATE at day precision; ``cameo`` (EventCode) and ``goldstein`` are kept as
  given; ``event_type``, ``mode``, ``context`` and ``intensity`` come from the CAMEO table.
- ``actor``/``recipient``: the CAMEO country code (mostly ISO alpha-3, kept as given), else the
  CAMEO actor code (``GOV``, ``IGOUNO``…), else ``UNK`` for a missing first actor; the sector is
  the actor's first CAMEO type code, the text its GDELT name.
- ``location_place`` is ActionGeo_FullName (GDELT's geo country codes are FIPS, not ISO, so
  ``location_country`` is left empty).
- ``evidence`` is empty (offsets 0, 0, no text): GDELT gives no sentence. The provenance is
  ``source_url`` (SOURCEURL), ``num_mentions``/``num_sources``/``num_articles``/``avg_tone``, and
  the ``mentions`` table; ``coder`` is ``gdelt``.
- Rows whose CAMEO code PLOVER does not code (01x public statements), or that is not in the
  CAMEO table at all, are not stored; the report counts them.

Bad rows: DuckDB loads the file strictly. When it refuses (a wrong column count, a value that
is not a number or date, bytes that are not UTF-8, an over-long line), the file is scanned line by
line in Python to name the first bad line (``FILE:LINE: reason``) and nothing is stored; with
``skip_bad`` the good lines are copied aside and loaded, and the bad ones are counted.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from bilateral.errors import InputError
from bilateral.ontology import cameo
from bilateral.records import UNKNOWN_ACTOR
from bilateral.sources import IngestOptions, IngestReport, local_file, register

if TYPE_CHECKING:
    from bilateral.store import Store

# GDELT lines are under 4 KiB; a longer one is a corrupt file.
MAX_LINE_BYTES = 1024 * 1024
_READ_CHUNK = 1 << 24

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_EVENT_HEAD = (
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(f"Actor1{c}" for c in _ACTOR),
    *(f"Actor2{c}" for c in _ACTOR),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)


def _geo(prefix: str, adm2: bool) -> tuple[str, ...]:
    names = ["Type", "FullName", "CountryCode", "ADM1Code"]
    if adm2:
        names.append("ADM2Code")
    names += ["Lat", "Long", "FeatureID"]
    return tuple(f"{prefix}Geo_{n}" for n in names)


EVENTS_2 = (
    *_EVENT_HEAD,
    *_geo("Actor1", True),
    *_geo("Actor2", True),
    *_geo("Action", True),
    "DATEADDED",
    "SOURCEURL",
)
EVENTS_1 = (
    *_EVENT_HEAD,
    *_geo("Actor1", False),
    *_geo("Actor2", False),
    *_geo("Action", False),
    "DATEADDED",
    "SOURCEURL",  # absent from the 57-column files (historical backfiles)
)
MENTIONS = (
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
)

_EVENT_TYPES = {
    "GLOBALEVENTID": "BIGINT",
    "SQLDATE": "DATE",
    "GoldsteinScale": "DOUBLE",
    "NumMentions": "INTEGER",
    "NumSources": "INTEGER",
    "NumArticles": "INTEGER",
    "AvgTone": "DOUBLE",
    "DATEADDED": "BIGINT",
}
_MENTION_TYPES = {
    "GLOBALEVENTID": "BIGINT",
    "EventTimeDate": "TIMESTAMP",
    "MentionTimeDate": "TIMESTAMP",
    "MentionType": "TINYINT",
    "SentenceID": "INTEGER",
    "Actor1CharOffset": "INTEGER",
    "Actor2CharOffset": "INTEGER",
    "ActionCharOffset": "INTEGER",
    "InRawText": "INTEGER",
    "Confidence": "INTEGER",
    "MentionDocLen": "INTEGER",
    "MentionDocTone": "DOUBLE",
}


@dataclass(frozen=True, slots=True)
class Layout:
    """One GDELT file layout: its columns, accepted widths and typed columns."""

    name: str
    title: str
    columns: tuple[str, ...]
    widths: frozenset[int]
    types: dict[str, str]
    required: tuple[str, ...]

    def duckdb_columns(self) -> dict[str, str]:
        return {c: self.types.get(c, "VARCHAR") for c in self.columns}


LAYOUTS = {
    "events2": Layout(
        "events2",
        "2.0 events",
        EVENTS_2,
        frozenset({61}),
        _EVENT_TYPES,
        ("GLOBALEVENTID", "SQLDATE", "EventCode"),
    ),
    "events1": Layout(
        "events1",
        "1.0 events",
        EVENTS_1,
        frozenset({57, 58}),
        _EVENT_TYPES,
        ("GLOBALEVENTID", "SQLDATE", "EventCode", "DATEADDED"),
    ),
    "mentions": Layout(
        "mentions",
        "2.0 mentions",
        MENTIONS,
        frozenset({16}),
        _MENTION_TYPES,
        ("GLOBALEVENTID", "MentionTimeDate", "MentionIdentifier"),
    ),
}
_BY_WIDTH = {61: "events2", 57: "events1", 58: "events1", 16: "mentions"}

_NAME = re.compile(
    r"(?i)^(\d{4,14})\.(export|mentions|gkg|translation\.export|translation\.mentions)"
    r"\.csv(\.zip)?$|^(\d{4}|\d{6}|\d{8})\.zip$"
)


def is_gdelt_name(name: str) -> bool:
    return bool(_NAME.match(name))


# --------------------------------------------------------------------------------------------
# reading a file: unzip, detect the layout, count lines


@contextlib.contextmanager
def _plain_file(path: Path, display: str) -> Iterator[Path]:
    """The file itself, or its single member extracted to a temporary file when zipped."""
    if not zipfile.is_zipfile(path):
        if path.suffix.lower() == ".zip":
            raise InputError("corrupt zip: not a zip archive", path=display)
        yield path
        return
    with tempfile.TemporaryDirectory(prefix="bilateral-gdelt-") as tmp:
        out = Path(tmp) / "member.csv"
        try:
            with zipfile.ZipFile(path) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if len(members) != 1:
                    raise InputError(
                        f"a GDELT zip holds one file; this one holds {len(members)}", path=display
                    )
                with archive.open(members[0]) as src, out.open("wb") as dst:
                    shutil.copyfileobj(src, dst, _READ_CHUNK)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError) as exc:
            raise InputError(f"corrupt zip: {exc}", path=display) from exc
        except NotImplementedError as exc:  # an unsupported compression method
            raise InputError(f"cannot unzip: {exc}", path=display) from exc
        yield out


def _first_line(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.readline(MAX_LINE_BYTES + 1)


def detect_layout(path: Path, display: str) -> Layout:
    """The layout of a GDELT file, from the field count of its first line."""
    first = _first_line(path)
    if not first:
        raise InputError("empty file: no rows", path=display)
    width = first.count(b"\t") + 1
    if width == 27:
        raise InputError("a GDELT GKG file: not supported (events and mentions are)", path=display)
    name = _BY_WIDTH.get(width)
    if name is None:
        raise InputError(
            f"not a GDELT export: the first line has {width} tab-separated fields "
            "(2.0 events have 61, 1.0 events 57 or 58, 2.0 mentions 16)",
            path=display,
            line=1,
        )
    return LAYOUTS[name]


# --------------------------------------------------------------------------------------------
# the load statements


def _read_csv(layout: Layout) -> str:
    options = [
        "delim = '\t'",
        "header = false",
        "quote = ''",
        "escape = ''",
        "auto_detect = false",
        "columns = $columns",
        "dateformat = '%Y%m%d'",
        "timestampformat = '%Y%m%d%H%M%S'",
        f"max_line_size = {MAX_LINE_BYTES}",
    ]
    if len(layout.widths) > 1:
        options.append("null_padding = true")
    return f"read_csv($path, {', '.join(options)})"


def _party_sql(actor: str, code: str, *, missing: str) -> str:
    """A GDELT actor as a bilateral code: its country; else the organisation its known-group
    code names (CAMEO ``UNO`` -> ``UN``, others kept as CAMEO codes); else, when GDELT coded an
    actor at all (a type, an ethnic or religious group with no state), ``UNK``; else
    ``missing``. A bare type or ethnic code is no party to a relationship between states."""
    country = code.format(f"{actor}CountryCode")
    group = code.format(f"{actor}KnownGroupCode")
    whole = code.format(f"{actor}Code")
    known = " ".join(
        f"WHEN '{cameo_code}' THEN '{ours}'" for cameo_code, ours in cameo.group_codes().items()
    )
    return (
        f"coalesce(nullif({country}, ''), "
        f"CASE {group} {known} ELSE nullif({group}, '') END, "
        f"CASE WHEN nullif({whole}, '') IS NOT NULL THEN '{UNKNOWN_ACTOR}' END, {missing})"
    )


def _events_sql(layout: Layout, *, dedupe: bool) -> str:
    # A 1.0 row with too few fields is padded with NULLs; a NULL DATEADDED gives it away.
    guard = ""
    if layout.name == "events1":
        guard = "WHERE CASE WHEN DATEADDED IS NULL THEN error('short row') ELSE true END"
    # 2.0 codes are clean; some 1.0 backfile codes carry a stray space.
    code = "trim({})" if layout.name == "events1" else "{}"
    anti = "AND NOT EXISTS (SELECT 1 FROM events e WHERE e.id = r.id)" if dedupe else ""
    return f"""
    INSERT INTO events BY NAME
    SELECT
        r.id AS id,
        r.id AS doc_id,
        CAST(r.SQLDATE AS VARCHAR) AS date,
        'day' AS date_precision,
        r.SQLDATE AS date_start,
        {_party_sql("r.Actor1", code, missing=f"'{UNKNOWN_ACTOR}'")} AS actor_code,
        nullif({code.format("r.Actor1Type1Code")}, '') AS actor_sector,
        nullif(r.Actor1Name, '') AS actor_text,
        {_party_sql("r.Actor2", code, missing="NULL")} AS recipient_code,
        nullif({code.format("r.Actor2Type1Code")}, '') AS recipient_sector,
        nullif(r.Actor2Name, '') AS recipient_text,
        m.event_type,
        m.mode,
        m.context,
        r.EventCode AS cameo,
        r.GoldsteinScale AS goldstein,
        m.intensity,
        nullif(r.ActionGeo_FullName, '') AS location_place,
        false AS negated,
        0 AS evidence_start,
        0 AS evidence_end,
        '' AS evidence_text,
        1.0 AS confidence,
        'gdelt' AS coder,
        nullif(r.SOURCEURL, '') AS source_url,
        r.NumMentions AS num_mentions,
        r.NumSources AS num_sources,
        r.NumArticles AS num_articles,
        r.AvgTone AS avg_tone
    FROM (SELECT *, 'gdelt:' || GLOBALEVENTID AS id FROM {_read_csv(layout)} {guard}) r
    JOIN gdelt_cameo m ON m.cameo = {code.format("r.EventCode")}
    WHERE m.event_type IS NOT NULL {anti}
    """


def _mentions_sql(layout: Layout) -> str:
    return f"""
    INSERT INTO mentions BY NAME
    SELECT
        'gdelt:' || r.GLOBALEVENTID AS event_id,
        r.MentionIdentifier AS url,
        nullif(r.MentionSourceName, '') AS source_name,
        r.EventTimeDate AS event_time,
        r.MentionTimeDate AS mention_time,
        r.MentionType AS mention_type,
        r.SentenceID AS sentence_id,
        r.Actor1CharOffset AS actor1_offset,
        r.Actor2CharOffset AS actor2_offset,
        r.ActionCharOffset AS action_offset,
        r.InRawText = 1 AS in_raw_text,
        r.Confidence AS confidence,
        r.MentionDocLen AS doc_len,
        r.MentionDocTone AS doc_tone
    FROM {_read_csv(layout)} r
    WHERE NOT EXISTS (
        SELECT 1 FROM mentions m
        WHERE m.event_id = 'gdelt:' || r.GLOBALEVENTID AND m.url = r.MentionIdentifier
          AND m.mention_time IS NOT DISTINCT FROM r.MentionTimeDate
    )
    """


def _existing_sql(layout: Layout) -> str:
    """How many rows of the file are already stored (asked only when the store has some)."""
    if layout.name == "mentions":
        return f"""
        SELECT count(*) FROM {_read_csv(layout)} r
        WHERE EXISTS (
            SELECT 1 FROM mentions m
            WHERE m.event_id = 'gdelt:' || r.GLOBALEVENTID AND m.url = r.MentionIdentifier
              AND m.mention_time IS NOT DISTINCT FROM r.MentionTimeDate)
        """
    return f"""
    SELECT count(*) FROM {_read_csv(layout)} r
    WHERE EXISTS (SELECT 1 FROM events e WHERE e.id = 'gdelt:' || r.GLOBALEVENTID)
    """


# --------------------------------------------------------------------------------------------
# finding the bad lines when DuckDB refuses a file


def _check_value(kind: str, value: str) -> None:
    if kind in {"BIGINT", "INTEGER", "TINYINT"}:
        int(value)
    elif kind == "DOUBLE":
        float(value)
    elif kind == "DATE":
        datetime.strptime(value, "%Y%m%d")
    elif kind == "TIMESTAMP":
        datetime.strptime(value, "%Y%m%d%H%M%S")


def _line_problem(raw: bytes, layout: Layout) -> str | None:
    """Why one line (without its newline) cannot be loaded, or None when it can."""
    if len(raw) > MAX_LINE_BYTES:
        return f"line longer than {MAX_LINE_BYTES // 1024} KiB (a corrupt file?)"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
    fields = text.split("\t")
    if len(fields) not in layout.widths:
        expected = " or ".join(str(w) for w in sorted(layout.widths))
        return (
            f"expected {expected} tab-separated fields (GDELT {layout.title}), found {len(fields)}"
        )
    for name, value in zip(layout.columns, fields, strict=False):
        kind = layout.types.get(name)
        if not value:
            if name in layout.required:
                return f"{name} is empty"
            continue
        if kind is None:
            continue
        try:
            _check_value(kind, value)
        except ValueError:
            return f"{name}: {value[:40]!r} is not a valid {kind.lower()}"
    return None


def _scan(path: Path, layout: Layout) -> Iterator[tuple[int, bytes, str | None]]:
    """Every line with its number and its problem (None when good); over-long lines cut."""
    with path.open("rb") as fh:
        number = 0
        while True:
            raw = fh.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):  # skip the rest of the line
                    raw = fh.readline(MAX_LINE_BYTES)
                yield number, b"", f"line longer than {MAX_LINE_BYTES // 1024} KiB"
                continue
            body = raw.rstrip(b"\r\n")
            yield number, raw, _line_problem(body, layout)


# --------------------------------------------------------------------------------------------
# the source


@dataclass(slots=True)
class GdeltLoad:
    """What loading one GDELT file did."""

    layout: str
    read: int
    added: int
    duplicates: int
    not_coded: int
    skipped_bad: int
    errors: list[InputError]


def _register_cameo(con: duckdb.DuckDBPyConnection) -> None:
    con.register("gdelt_cameo", cameo.arrow_table())


def _rows_scanned(con: duckdb.DuckDBPyConnection) -> int | None:
    """Rows the last statement's CSV scan produced, from DuckDB's profile (None: unknown)."""
    try:
        info = json.loads(con.get_profiling_information(format="json"))
    except (duckdb.Error, AttributeError, TypeError, ValueError):
        return None
    stack = list(info.get("operator") or [])
    while stack:
        node = stack.pop()
        if (
            node.get("name") == "READ_CSV"
            or (node.get("extra_info") or {}).get("Function") == "READ_CSV"
        ):
            return int(node.get("intermediate_rows", 0))
        stack.extend(node.get("children") or [])
    return None


def _count_lines(path: Path) -> int:
    count = 0
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(_READ_CHUNK):
            count += chunk.count(b"\n")
            last = chunk[-1:]
    return count + (0 if last == b"\n" else 1)


def _run_load(
    store: Store, path: Path, layout: Layout, name: str, size: int
) -> tuple[int, int, int]:
    """Load one plain file in one transaction; return (rows read, already stored, added)."""
    con = store.con
    params: dict[str, Any] = {"path": str(path), "columns": layout.duckdb_columns()}
    target = "mentions" if layout.name == "mentions" else "events"
    probe = (
        "SELECT 1 FROM mentions LIMIT 1"
        if target == "mentions"
        else "SELECT 1 FROM events WHERE coder = 'gdelt' LIMIT 1"
    )
    with store.transaction():
        existing = 0
        dedupe = bool(con.execute(probe).fetchall())
        if dedupe:
            row = con.execute(_existing_sql(layout), params).fetchall()
            existing = int(row[0][0]) if row else 0
        sql = _mentions_sql(layout) if target == "mentions" else _events_sql(layout, dedupe=dedupe)
        # The rows read come from DuckDB's own count of the scan, not a second pass.
        con.execute("SET enable_profiling = 'no_output'")
        con.execute("SET preserve_insertion_order = false")
        con.execute("SET enable_progress_bar = false")
        try:
            result = con.execute(sql, params).fetchall()
            scanned = _rows_scanned(con)
        finally:
            con.execute("RESET preserve_insertion_order")
            con.execute("RESET enable_profiling")
            con.execute("RESET enable_progress_bar")
        added = int(result[0][0]) if result else 0
        con.execute(
            "INSERT OR REPLACE INTO loaded_files (name, kind, size, rows) VALUES (?, ?, ?, ?)",
            [name, f"gdelt-{layout.name}", size, added],
        ).fetchall()
    read = scanned if scanned is not None else _count_lines(path)
    return read, existing, added


def load_file(
    store: Store, source: str | Path, *, skip_bad: bool = False, max_notes: int = 20
) -> GdeltLoad:
    """Load one GDELT file (zipped or not) into the store in one transaction."""
    display = str(source)
    path = local_file(source)
    size = path.stat().st_size
    with _plain_file(path, display) as plain:
        layout = detect_layout(plain, display)
        _register_cameo(store.con)
        try:
            read, existing, added = _run_load(store, plain, layout, path.name, size)
            bad = 0
            errors: list[InputError] = []
        except duckdb.Error as exc:
            read, existing, added, bad, errors = _load_after_refusal(
                store, plain, layout, display, path.name, size, skip_bad, max_notes, exc
            )
        finally:
            store.con.unregister("gdelt_cameo")
    not_coded = max(read - added - existing, 0) if layout.name != "mentions" else 0
    duplicates = read - added - not_coded
    return GdeltLoad(layout.name, read, added, duplicates, not_coded, bad, errors)


def _load_after_refusal(
    store: Store,
    plain: Path,
    layout: Layout,
    display: str,
    name: str,
    size: int,
    skip_bad: bool,
    max_notes: int,
    refusal: duckdb.Error,
) -> tuple[int, int, int, int, list[InputError]]:
    errors: list[InputError] = []
    bad = 0
    good = 0
    with tempfile.TemporaryDirectory(prefix="bilateral-gdelt-") as tmp:
        clean = Path(tmp) / "clean.csv"
        with clean.open("wb") as out:
            for number, raw, problem in _scan(plain, layout):
                if problem is None:
                    out.write(raw if raw.endswith(b"\n") else raw + b"\n")
                    good += 1
                    continue
                bad += 1
                error = InputError(problem, path=display, line=number)
                if not skip_bad:
                    raise error from None
                if len(errors) < max_notes:
                    errors.append(error)
        if bad == 0:
            first = str(refusal).strip().splitlines()[0] if str(refusal).strip() else "refused"
            raise InputError(f"cannot load this GDELT file: {first}", path=display) from refusal
        if good == 0:
            return 0, 0, 0, bad, errors
        try:
            _, existing, added = _run_load(store, clean, layout, name, size)
        except duckdb.Error as exc:
            first = str(exc).strip().splitlines()[0]
            raise InputError(f"cannot load this GDELT file: {first}", path=display) from exc
    return good, existing, added, bad, errors


class GdeltSource:
    """GDELT 1.0/2.0 event exports and 2.0 mentions (``.CSV`` or ``.CSV.zip``)."""

    name = "gdelt"

    def detect(self, target: str) -> bool:
        if "://" in target:
            return False
        name = os.path.basename(target)
        if is_gdelt_name(name):
            return True
        path = Path(target)
        if path.suffix.lower() not in {".csv", ".tsv", ".txt"} or not path.is_file():
            return False
        try:
            first = _first_line(path)
        except OSError:
            return False
        head = first.split(b"\t", 1)[0]
        return first.count(b"\t") + 1 in _BY_WIDTH and head.strip().isdigit()

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        load = load_file(store, target, skip_bad=options.skip_bad)
        return report_for(target, load)


def report_for(target: str, load: GdeltLoad) -> IngestReport:
    """The ingest report of one loaded GDELT file."""
    from bilateral.store import LoadResult

    report = IngestReport(target=target, kind="gdelt")
    result = LoadResult(load.read, load.added, load.duplicates)
    if load.layout == "mentions":
        report.mentions = result
    else:
        report.events = result
    report.skipped_bad = load.skipped_bad
    report.notes = [f"GDELT {LAYOUTS[load.layout].title}"]
    if load.not_coded:
        report.notes.append(
            f"{load.not_coded} rows not stored: CAMEO statement codes PLOVER does not code"
        )
    report.notes += [str(e) for e in load.errors]
    return report


register(GdeltSource())
