"""POLECAT weekly exports (tab-separated, one header line), coded in PLOVER already.

Columns are found by their header names (case, spaces and punctuation ignored), so column order
and extra columns do not matter. Needed: Event ID, Event Date, Event Type; used when present:
Event Mode, Contexts, Intensity, Actor Name/Country/Sector, Recipient Name/Country/Sector,
Placename (or City), Country, Story ID.

Known malformed files are repaired, and the repairs counted:

- a header with extra names the rows do not have (``Headline`` among them): the names no row
  fills are left out (one repaired line: the header);
- rows with extra tab characters (empty fields past the last column): the empty fields are
  dropped (each such row is a repaired line). Extra fields that are not empty make the row bad.

What a POLECAT row becomes: ``id`` ``polecat:<Event ID>``, ``doc_id`` ``polecat:<Story ID>``
(else the event id), ``coder`` ``polecat``, type/mode/contexts as given when PLOVER v2 knows
them (an unknown mode or context is dropped and counted; an unknown type makes the row bad),
``intensity`` POLECAT's when it is a number in -10..10, else the ontology's. POLECAT gives no
text span, so the evidence is empty.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from bilateral import ontology
from bilateral.errors import InputError
from bilateral.records import UNKNOWN_ACTOR
from bilateral.sources import IngestOptions, IngestReport, local_file, register

if TYPE_CHECKING:
    from bilateral.store import LoadResult, Store

MAX_LINE_BYTES = 1024 * 1024
_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
_SPLIT = re.compile(r"\s*[;,|]\s*")

# Our field <- the normalised header names that may carry it, first found wins.
FIELDS: dict[str, tuple[str, ...]] = {
    "event_id": ("eventid", "id"),
    "event_date": ("eventdate", "date"),
    "event_type": ("eventtype", "type"),
    "mode": ("eventmode", "mode"),
    "contexts": ("contexts", "context"),
    "intensity": ("intensity",),
    "actor_name": ("actorname", "actor"),
    "actor_country": ("actorcountry",),
    "actor_sector": ("primaryactorsector", "actorsector", "actorsectors"),
    "recipient_name": ("recipientname", "recipient"),
    "recipient_country": ("recipientcountry",),
    "recipient_sector": ("primaryrecipientsector", "recipientsector", "recipientsectors"),
    "place": ("placename", "city"),
    "country": ("country",),
    "story_id": ("storyid",),
}
REQUIRED = ("event_id", "event_date", "event_type")
# Header names known to appear in malformed files with no data under them.
EXTRA_NAMES = frozenset({"headline"})


def _norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


@dataclass(slots=True)
class PolecatLoad:
    read: int = 0
    added: int = 0
    duplicates: int = 0
    repaired: int = 0
    skipped_bad: int = 0
    dropped_modes: int = 0
    dropped_contexts: int = 0
    errors: list[InputError] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _lines(path: Path) -> list[tuple[int, str, str | None]]:
    """Non-blank lines as (number, text, problem); a line that cannot be read has a problem."""
    out: list[tuple[int, str, str | None]] = []
    with path.open("rb") as fh:
        number = 0
        while raw := fh.readline(MAX_LINE_BYTES + 1):
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while raw and not raw.endswith(b"\n"):
                    raw = fh.readline(MAX_LINE_BYTES)
                out.append((number, "", f"line longer than {MAX_LINE_BYTES // 1024} KiB"))
                continue
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                problem = f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
                out.append((number, "", problem))
                continue
            text = text.rstrip("\r\n")
            if text.strip():
                out.append((number, text, None))
    return out


def _split(text: str) -> list[str]:
    # POLECAT quotes nothing; csv handles the rare quoted field the same way readr does.
    return next(csv.reader(io.StringIO(text), delimiter="\t", quoting=csv.QUOTE_MINIMAL))


def _header(names: list[str], widths: list[int], display: str) -> tuple[list[str], int, str | None]:
    """The header to read rows with, lines repaired (0 or 1) and a note."""
    if not widths:
        return names, 0, None
    common = max(set(widths), key=widths.count)
    if common >= len(names):
        return names, 0, None
    # Rows are narrower than the header: drop the names known to be spurious, then unknown ones.
    known = {alias for aliases in FIELDS.values() for alias in aliases}
    kept = [n for n in names if _norm(n) not in EXTRA_NAMES]
    if len(kept) > common:
        unknown = [n for n in kept if _norm(n) not in known]
        for name in reversed(unknown):
            if len(kept) == common:
                break
            kept.remove(name)
    if len(kept) != common:
        raise InputError(
            f"header has {len(names)} names but rows have {common} fields, and the extra names "
            "cannot be told",
            path=display,
            line=1,
        )
    dropped = [n for n in names if n not in kept]
    return kept, 1, f"header repaired: names with no data left out ({', '.join(dropped)})"


def _day(value: str) -> str:
    text = value.strip()
    if len(text) >= 10 and text[4] == "-":
        return date.fromisoformat(text[:10]).isoformat()
    if len(text) == 8 and text.isdigit():
        return date(int(text[:4]), int(text[4:6]), int(text[6:])).isoformat()
    raise ValueError(text)


def read_file(path: Path, display: str, *, skip_bad: bool = False) -> tuple[pa.Table, PolecatLoad]:
    """Parse a POLECAT export into an Arrow table of events (the events table's columns)."""
    load = PolecatLoad()
    lines = _lines(path)
    if not lines:
        raise InputError("empty file: no header", path=display)
    if lines[0][2] is not None:
        raise InputError(lines[0][2], path=display, line=lines[0][0])
    header_raw = _split(lines[0][1])
    rows = [(n, _split(t) if p is None else [], p) for n, t, p in lines[1:]]
    widths = [len(r) for _, r, p in rows if p is None]
    header, repaired_header, note = _header(header_raw, widths, display)
    load.repaired += repaired_header
    if note:
        load.notes.append(note)
    index: dict[str, int] = {}
    normalised = [_norm(n) for n in header]
    for name, aliases in FIELDS.items():
        for alias in aliases:
            if alias in normalised:
                index[name] = normalised.index(alias)
                break
    missing = [f for f in REQUIRED if f not in index]
    if missing:
        raise InputError(
            f"not a POLECAT export: no {', '.join(missing)} column in the header",
            path=display,
            line=1,
        )
    onto = ontology.load()
    columns: dict[str, list[object]] = {k: [] for k in _COLUMNS}
    width = len(header)
    for number, fields, unreadable in rows:
        load.read += 1
        if unreadable is not None:
            problem: str | None = unreadable
        elif len(fields) > width:
            extra = fields[width:]
            if any(x.strip() for x in extra):
                problem = (
                    f"expected {width} tab-separated fields, found {len(fields)} "
                    "(the extra ones are not empty)"
                )
            else:
                fields = fields[:width]
                load.repaired += 1
                problem = None
        elif len(fields) < width:
            problem = f"expected {width} tab-separated fields, found {len(fields)}"
        else:
            problem = None
        if problem is None:
            problem = _append(columns, fields, index, onto, load)
        if problem is not None:
            error = InputError(problem, path=display, line=number)
            if not skip_bad:
                raise error
            load.read -= 1
            load.skipped_bad += 1
            if len(load.errors) < 20:
                load.errors.append(error)
    return _table(columns), load


_COLUMNS = (
    "id",
    "doc_id",
    "date",
    "date_precision",
    "date_start",
    "actor_code",
    "actor_sector",
    "actor_text",
    "recipient_code",
    "recipient_sector",
    "recipient_text",
    "event_type",
    "mode",
    "context",
    "intensity",
    "location_place",
    "location_country",
)


def _code(value: str) -> str | None:
    text = value.strip().upper()
    return text if _CODE.match(text) else None


def _append(
    columns: dict[str, list[object]],
    fields: list[str],
    index: dict[str, int],
    onto: ontology.Ontology,
    load: PolecatLoad,
) -> str | None:
    def get(name: str) -> str:
        return fields[index[name]].strip() if name in index else ""

    event_id = get("event_id")
    if not event_id:
        return "Event ID is empty"
    try:
        day = _day(get("event_date"))
    except ValueError:
        return f"Event Date {get('event_date')[:30]!r} is not a date"
    etype = get("event_type").upper()
    if etype not in onto.types:
        return f"Event Type {get('event_type')[:30]!r} is not a PLOVER type"
    mode: str | None = get("mode").lower().replace("_", "-") or None
    if mode is not None and mode not in onto.types[etype].modes:
        load.dropped_modes += 1
        mode = None
    contexts: list[str] = []
    for raw in _SPLIT.split(get("contexts")):
        name = raw.strip().lower().replace(" ", "_").replace("-", "_")
        if not name:
            continue
        if name in onto.contexts:
            contexts.append(name)
        else:
            load.dropped_contexts += 1
    intensity = onto.intensity(etype, mode)
    given = get("intensity")
    if given:
        try:
            value = float(given)
        except ValueError:
            return f"Intensity {given[:30]!r} is not a number"
        if -10.0 <= value <= 10.0:
            intensity = value
    recipient = _code(get("recipient_country"))
    story = get("story_id")
    columns["id"].append(f"polecat:{event_id}")
    columns["doc_id"].append(f"polecat:{story}" if story else f"polecat:{event_id}")
    columns["date"].append(day)
    columns["date_precision"].append("day")
    columns["date_start"].append(date.fromisoformat(day))
    columns["actor_code"].append(_code(get("actor_country")) or UNKNOWN_ACTOR)
    columns["actor_sector"].append(get("actor_sector").split(";")[0].strip().upper() or None)
    columns["actor_text"].append(get("actor_name") or None)
    columns["recipient_code"].append(recipient)
    columns["recipient_sector"].append(
        (get("recipient_sector").split(";")[0].strip().upper() or None) if recipient else None
    )
    columns["recipient_text"].append(get("recipient_name") or None)
    columns["event_type"].append(etype)
    columns["mode"].append(mode)
    columns["context"].append(list(dict.fromkeys(contexts)))
    columns["intensity"].append(intensity)
    columns["location_place"].append(get("place") or None)
    columns["location_country"].append(_code(get("country")))
    return None


def _table(columns: dict[str, list[object]]) -> pa.Table:
    s = pa.string()
    n = len(columns["id"])
    types = {"date_start": pa.date32(), "context": pa.list_(s), "intensity": pa.float64()}
    data = {k: pa.array(v, types.get(k, s)) for k, v in columns.items()}
    data["ord"] = pa.array(range(n), pa.int64())
    data["negated"] = pa.array([False] * n, pa.bool_())
    data["evidence_start"] = pa.array([0] * n, pa.int32())
    data["evidence_end"] = pa.array([0] * n, pa.int32())
    data["evidence_text"] = pa.array([""] * n, s)
    data["confidence"] = pa.array([1.0] * n, pa.float64())
    data["coder"] = pa.array(["polecat"] * n, s)
    return pa.table(data)


def load_file(store: Store, source: str | Path, *, skip_bad: bool = False) -> PolecatLoad:
    """Load one POLECAT export into the store in one transaction."""
    display = str(source)
    path = local_file(source)
    table, load = read_file(path, display, skip_bad=skip_bad)
    with store.transaction():
        result: LoadResult = store.insert_event_table(table)
        store.con.execute(
            "INSERT OR REPLACE INTO loaded_files (name, kind, size, rows) VALUES (?, ?, ?, ?)",
            [path.name, "polecat", path.stat().st_size, result.added],
        ).fetchall()
    load.added = result.added
    load.duplicates = result.duplicates
    return load


class PolecatSource:
    """POLECAT weekly exports: tab-separated with a header naming Event ID and Event Type."""

    name = "polecat"

    def detect(self, target: str) -> bool:
        path = Path(target)
        if "://" in target or path.suffix.lower() not in {".tsv", ".txt", ".csv", ".tab"}:
            return False
        try:
            with path.open("rb") as fh:
                first = fh.readline(64 * 1024).decode("utf-8-sig", "replace")
        except OSError:
            return False
        names = {_norm(n) for n in first.split("\t")}
        return "eventid" in names and "eventtype" in names

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        from bilateral.store import LoadResult

        load = load_file(store, target, skip_bad=options.skip_bad)
        report = IngestReport(target=target, kind=self.name)
        report.events = LoadResult(load.read, load.added, load.duplicates)
        report.skipped_bad = load.skipped_bad
        report.repaired = load.repaired
        report.notes = list(load.notes)
        if load.dropped_modes or load.dropped_contexts:
            report.notes.append(
                f"{load.dropped_modes} modes and {load.dropped_contexts} contexts that PLOVER v2 "
                "does not name were left out"
            )
        report.notes += [str(e) for e in load.errors]
        return report


register(PolecatSource())
