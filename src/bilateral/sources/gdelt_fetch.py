"""Downloading GDELT 2.0 exports for a date range through GDELT's master file list.

The master file list has one line per file: ``SIZE MD5 URL``. The files whose names carry a
timestamp within the range (``20150218230000.export.CSV.zip``) are downloaded through the
guarded fetcher, checked against their size and MD5, and loaded one transaction each. Files the
store has loaded before (``loaded_files``) are skipped, so a fetch can be re-run or extended.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bilateral.errors import FetchError, InputError
from bilateral.sources import gdelt
from bilateral.sources.urls import FetchLimits, fetch

if TYPE_CHECKING:
    from bilateral.store import Store

KINDS = {"events": "export", "mentions": "mentions"}
# The master list of GDELT 2.0 is large (over 100 MB); it is streamed to a file, not held.
MASTER_MAX_BYTES = 2 * 1024 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class MasterEntry:
    size: int
    md5: str
    url: str
    name: str
    day: date


@dataclass(slots=True)
class FetchSummary:
    """What one ``gdelt fetch`` did."""

    listed: int = 0
    skipped_loaded: int = 0
    loaded: list[tuple[str, gdelt.GdeltLoad]] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def _day_of(name: str) -> date | None:
    stamp = name.split(".", 1)[0]
    if not stamp.isdigit() or len(stamp) not in (8, 14):
        return None
    try:
        return date(int(stamp[:4]), int(stamp[4:6]), int(stamp[6:8]))
    except ValueError:
        return None


def parse_master(path: Path, display: str) -> Iterator[MasterEntry]:
    """The entries of a master file list (lines that are not ``SIZE MD5 URL`` are errors)."""
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            line = raw.decode("utf-8", "replace").strip()
            if not line:
                continue
            parts = line.split()
            if len(parts) != 3 or not parts[0].isdigit() or len(parts[1]) != 32:
                raise InputError(
                    "not a master file list line (SIZE MD5 URL)", path=display, line=number
                )
            name = os.path.basename(urlsplit(parts[2]).path)
            day = _day_of(name)
            if day is None:
                continue
            yield MasterEntry(int(parts[0]), parts[1].lower(), parts[2], name, day)


def select(
    entries: Iterator[MasterEntry], start: date, end: date, kinds: tuple[str, ...]
) -> list[MasterEntry]:
    """The entries of the wanted kinds dated within ``start`` .. ``end`` (inclusive).

    Translingual files (``….translation.export.CSV.zip``, in GDELT's translation master list)
    are of the same kinds.
    """
    wanted = {KINDS[k] for k in kinds}
    return [
        e
        for e in entries
        if start <= e.day <= end and wanted & set(e.name.lower().split(".")[1:-2])
    ]


def _loaded(store: Store) -> set[str]:
    return {r[0] for r in store.con.execute("SELECT name FROM loaded_files").fetchall()}


def fetch_range(
    store: Store,
    master_url: str,
    start: date,
    end: date,
    limits: FetchLimits,
    *,
    kinds: tuple[str, ...] = ("events",),
    skip_bad: bool = False,
    on_file: Callable[[str, gdelt.GdeltLoad | None, str | None], None] = lambda name, load, error: (
        None
    ),
) -> FetchSummary:
    """Download and load the GDELT files of a date range listed in the master file list."""
    if end < start:
        raise InputError(f"--to {end} is before --from {start}")
    summary = FetchSummary()
    big = FetchLimits(
        timeout=limits.timeout,
        max_bytes=MASTER_MAX_BYTES,
        max_redirects=limits.max_redirects,
        user_agent=limits.user_agent,
        allow_private=limits.allow_private,
    )
    with tempfile.TemporaryDirectory(prefix="bilateral-gdelt-fetch-") as tmp:
        master = Path(tmp) / "masterfilelist.txt"
        with master.open("wb") as sink:
            fetch(master_url, big, sink=sink)
        entries = select(parse_master(master, master_url), start, end, kinds)
        summary.listed = len(entries)
        done = _loaded(store)
        for entry in sorted(entries, key=lambda e: e.name):
            if entry.name in done:
                summary.skipped_loaded += 1
                continue
            path = Path(tmp) / entry.name
            try:
                with path.open("wb") as sink:
                    fetch(entry.url, big, sink=sink)
                _verify(path, entry)
                load = gdelt.load_file(store, path, skip_bad=skip_bad)
            except (FetchError, InputError) as exc:
                summary.failed.append(f"{entry.name}: {exc}")
                on_file(entry.name, None, str(exc))
                continue
            finally:
                path.unlink(missing_ok=True)
            summary.loaded.append((entry.name, load))
            on_file(entry.name, load, None)
    return summary


def _verify(path: Path, entry: MasterEntry) -> None:
    size = path.stat().st_size
    if size != entry.size:
        raise FetchError(f"{entry.url}: got {size} bytes, the master list says {entry.size}")
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
    if digest.hexdigest() != entry.md5:
        raise FetchError(f"{entry.url}: MD5 {digest.hexdigest()} differs from the master list's")
