"""Plain-text files: one document per file.

The title is the first line when it is short and more text follows; the publication date comes
from the file's name when it carries one (``2023-03-13-visit.txt``, ``20230313_visit.txt``),
else there is none. The charset is told by ``sources.charset`` (UTF-8 first).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import InputError, ValidationError
from bilateral.records import Document
from bilateral.sources import IngestOptions, IngestReport, local_file, register
from bilateral.sources.charset import CharsetError, decode

if TYPE_CHECKING:
    from bilateral.store import Store

# A local document larger than this is refused (no news item is that long).
MAX_FILE_BYTES = 32 * 1024 * 1024
TITLE_MAX = 200
SUFFIXES = (".txt", ".text", ".md")

_DATED = re.compile(
    r"(?<!\d)((?:19|20)\d{2})[-_.]?(0[1-9]|1[0-2])[-_.]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def read_bytes(path: Path, display: str | None = None) -> bytes:
    """A local file's bytes, refusing directories, missing files and oversized files."""
    shown = display or str(path)
    local_file(path, shown)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                f"file of {size // (1024 * 1024)} MiB is larger than the "
                f"{MAX_FILE_BYTES // (1024 * 1024)} MiB a document may have",
                path=shown,
            )
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", path=shown) from exc


def date_from_name(name: str) -> str | None:
    """An ISO date written in a file name, if there is a valid one."""
    for found in _DATED.finditer(name):
        try:
            return date(int(found[1]), int(found[2]), int(found[3])).isoformat()
        except ValueError:
            continue
    return None


def document_from_text(
    text: str, *, name: str, display: str, url: str | None = None, source: str | None = None
) -> Document:
    """A document from plain text (title from a short first line, date from the name)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        raise InputError("contains NUL bytes: a binary file, not text", path=display)
    if not text.strip():
        raise InputError("empty file: no text", path=display)
    lines = text.strip().split("\n", 1)
    title = None
    if len(lines) == 2 and lines[1].strip() and len(lines[0].strip()) <= TITLE_MAX:
        title = lines[0].strip().lstrip("#").strip() or None
    try:
        return Document.create(
            text.strip(), published=date_from_name(name), title=title, url=url, source=source
        )
    except ValidationError as exc:
        raise InputError(exc.reason, path=display, field=exc.field) from None


def read_document(path: Path, display: str | None = None) -> Document:
    """The document of one plain-text file."""
    shown = display or str(path)
    data = read_bytes(path, shown)
    try:
        text, _ = decode(data)
    except CharsetError as exc:
        raise InputError(str(exc), path=shown) from None
    return document_from_text(text, name=path.name, display=shown)


class TextSource:
    """Plain-text files (``.txt``, ``.text``, ``.md``), one document each."""

    name = "text"

    def detect(self, target: str) -> bool:
        return "://" not in target and target.lower().endswith(SUFFIXES)

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        report = IngestReport(target=target, kind=self.name)
        report.documents = store.add_documents([read_document(Path(target), target)])
        return report


register(TextSource())
