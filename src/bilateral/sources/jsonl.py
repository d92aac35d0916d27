"""Documents in the JSON-lines form of DESIGN.md, from a file or stdin.

Reading is strict: a line that is not valid UTF-8, not JSON or not a valid record raises
``InputError`` with the file and line, and since the store loads a file in one transaction,
nothing of that file is stored. Blank lines are allowed and skipped.
"""

from __future__ import annotations

import gzip
import json
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, TypeVar, cast

from bilateral.errors import InputError, ValidationError
from bilateral.records import Document
from bilateral.sources import IngestOptions, IngestReport, local_file, register

if TYPE_CHECKING:
    from bilateral.store import Store

T = TypeVar("T")

# A line longer than this is refused rather than parsed (a corrupt or hostile file).
MAX_LINE_BYTES = 64 * 1024 * 1024


def _open_binary(source: str | Path) -> tuple[IO[bytes], str]:
    if str(source) == "-":
        return sys.stdin.buffer, "<stdin>"
    path = local_file(source)
    try:
        if path.name.lower().endswith(".gz"):
            return cast(IO[bytes], gzip.open(path, "rb")), str(path)
        return path.open("rb"), str(path)
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror}", path=path) from exc


def read_records(
    source: str | Path,
    parse: Callable[[object], T],
    *,
    skip_bad: bool = False,
    on_skip: Callable[[InputError], None] | None = None,
) -> Iterator[T]:
    """Parse every non-blank line of a JSON-lines file with ``parse``.

    Errors name the file and line. With ``skip_bad`` a bad line is passed to ``on_skip`` and
    reading goes on.
    """
    fh, name = _open_binary(source)
    seen_any = False
    try:
        reader = fh
        number = 0
        while True:
            raw = _readline(reader, MAX_LINE_BYTES + 1, name, number + 1)
            if not raw:
                break
            number += 1
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                error = InputError(
                    f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MiB",
                    path=name,
                    line=number,
                )
                # skip the rest of the over-long line
                while raw and not raw.endswith(b"\n"):
                    raw = _readline(reader, MAX_LINE_BYTES, name, number)
                if skip_bad:
                    if on_skip:
                        on_skip(error)
                    continue
                raise error
            last = not raw.endswith(b"\n")
            try:
                record = _parse_line(raw, parse, last=last)
            except InputError as exc:
                error = InputError(exc.reason, path=name, line=number, field=exc.field)
                if skip_bad:
                    if on_skip:
                        on_skip(error)
                    continue
                raise error from None
            if record is None:
                continue
            seen_any = True
            yield record
    finally:
        if fh is not sys.stdin.buffer:
            fh.close()
    if not seen_any and not skip_bad:
        raise InputError("empty file: no records", path=name)


def _readline(reader: IO[bytes], limit: int, name: str, number: int) -> bytes:
    # A gzipped file can be cut short or corrupt anywhere; say so with the line reached.
    try:
        return reader.readline(limit)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"corrupt gzip data: {exc}", path=name, line=number) from None


def _parse_line(raw: bytes, parse: Callable[[object], T], *, last: bool) -> T | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not valid UTF-8 (byte 0x{raw[exc.start]:02x} at column {exc.start + 1})"
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if last:
            raise InputError(f"truncated last line (no newline, invalid JSON: {exc.msg})") from None
        raise InputError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    try:
        return parse(data)
    except ValidationError as exc:
        raise InputError(exc.reason, field=exc.field) from None


class JsonLinesSource:
    """Document JSON lines (``.jsonl``, ``.ndjson``, ``.json`` or ``-`` for stdin)."""

    name = "jsonl"
    suffixes = (".jsonl", ".ndjson", ".jsonl.gz")

    def detect(self, target: str) -> bool:
        return target == "-" or target.lower().endswith(self.suffixes)

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        report = IngestReport(target=target, kind=self.name)

        def skipped(error: InputError) -> None:
            report.skipped_bad += 1
            report.notes.append(str(error))

        documents = read_records(
            target, Document.from_dict, skip_bad=options.skip_bad, on_skip=skipped
        )
        report.documents = store.add_documents(documents)
        return report


register(JsonLinesSource())
