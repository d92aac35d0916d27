"""Folders: every file under a folder, recursively, each read by the source of its kind.

``--include``/``--exclude`` globs choose the files (matched against the path relative to the
folder and against the bare name; hidden files and folders are left out). Documents from all
the folder's text, HTML and JSON-lines files are stored in one transaction: a bad file rejects
the folder (``FILE: reason``) unless ``skip_bad`` is set, when it is skipped and counted. Bulk
event files (GDELT, POLECAT) are loaded one transaction per file, as they are on their own.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from bilateral.errors import InputError
from bilateral.records import Document
from bilateral.sources import REGISTRY, IngestOptions, IngestReport, register

if TYPE_CHECKING:
    from bilateral.store import LoadResult, Store


def walk(
    root: Path, include: tuple[str, ...] = (), exclude: tuple[str, ...] = ()
) -> Iterator[Path]:
    """Files under ``root`` in a stable order, filtered by the globs; hidden ones left out."""
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if name.startswith("."):
                continue
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            if include and not any(fnmatch(rel, g) or fnmatch(name, g) for g in include):
                continue
            if any(fnmatch(rel, g) or fnmatch(name, g) for g in exclude):
                continue
            if path.is_file():
                yield path


def _document_readers() -> dict[
    str, Callable[[Path, IngestOptions, Callable[[InputError], None]], Iterator[Document]]
]:
    from bilateral.sources import html, jsonl, text

    def from_jsonl(
        path: Path, options: IngestOptions, on_skip: Callable[[InputError], None]
    ) -> Iterator[Document]:
        return jsonl.read_records(
            path, Document.from_dict, skip_bad=options.skip_bad, on_skip=on_skip
        )

    def from_text(
        path: Path, options: IngestOptions, on_skip: Callable[[InputError], None]
    ) -> Iterator[Document]:
        yield text.read_document(path)

    def from_html(
        path: Path, options: IngestOptions, on_skip: Callable[[InputError], None]
    ) -> Iterator[Document]:
        yield html.read_document(path)

    return {"jsonl": from_jsonl, "text": from_text, "html": from_html}


def _add(total: LoadResult | None, part: LoadResult | None) -> LoadResult | None:
    if part is None:
        return total
    return part if total is None else total + part


class DirectorySource:
    """A folder of news files and event exports, read recursively."""

    name = "dir"

    def detect(self, target: str) -> bool:
        return "://" not in target and Path(target).is_dir()

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        from bilateral.sources import source_for

        root = Path(target)
        report = IngestReport(target=target, kind=self.name)
        readers = _document_readers()
        doc_files: list[tuple[Path, str]] = []
        bulk_files: list[Path] = []
        unknown = 0
        for path in walk(root, options.include, options.exclude):
            try:
                source = source_for(str(path), options.kind)
            except InputError:
                unknown += 1
                continue
            if source.name in readers:
                doc_files.append((path, source.name))
            elif source.name in REGISTRY and source.name not in {"dir", "url", "rss"}:
                bulk_files.append(path)
            else:
                unknown += 1

        def skipped(error: InputError) -> None:
            report.skipped_bad += 1
            if len(report.notes) < 50:
                report.notes.append(str(error))

        def documents() -> Iterator[Document]:
            for path, kind in doc_files:
                try:
                    yield from readers[kind](path, options, skipped)
                except InputError as exc:
                    if not options.skip_bad:
                        raise
                    skipped(exc)

        if doc_files:
            report.documents = store.add_documents(documents())
        for path in bulk_files:
            try:
                part = source_for(str(path), options.kind).ingest(str(path), store, options)
            except InputError as exc:
                if not options.skip_bad:
                    raise
                skipped(exc)
                continue
            report.events = _add(report.events, part.events)
            report.mentions = _add(report.mentions, part.mentions)
            report.skipped_bad += part.skipped_bad
            report.repaired += part.repaired
            report.notes += [f"{path}: {note}" for note in part.notes[:5]]
        report.notes.insert(
            0,
            f"{len(doc_files)} document files, {len(bulk_files)} event files"
            + (f", {unknown} files of no known kind left out" if unknown else ""),
        )
        return report


register(DirectorySource())
