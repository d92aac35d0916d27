"""HTML pages, from a file or a fetched URL: main text, title and publication date.

trafilatura finds the main text (leaving menus, adverts and comments out), the title and the
publication date. Hostile pages are bounded: the parse tree is capped (``MAX_TREE_SIZE``
elements) and libxml2 refuses absurd nesting depths, so a page with 100,000 nested tags ends in
a clear error ("no main text found") rather than a hang or a crash.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bilateral.errors import InputError, ValidationError
from bilateral.records import Document
from bilateral.sources import IngestOptions, IngestReport, register
from bilateral.sources.charset import CharsetError, decode
from bilateral.sources.text import date_from_name, read_bytes

if TYPE_CHECKING:
    from bilateral.store import Store

SUFFIXES = (".html", ".htm", ".xhtml")
MAX_TREE_SIZE = 200_000


def document_from_html(
    html: str, *, display: str, url: str | None = None, name: str | None = None
) -> Document:
    """The document of one HTML page (``url`` when it was fetched)."""
    import trafilatura

    config = _config()
    # trafilatura logs every page it cannot parse at ERROR level; the error we raise says it.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    try:
        found = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            favor_recall=True,
            config=config,
        )
    except (ValueError, RecursionError, MemoryError) as exc:
        raise InputError(f"cannot parse HTML: {type(exc).__name__}", path=display) from None
    text = getattr(found, "text", None) if found is not None else None
    if not text or not text.strip():
        raise InputError("no main text found in this HTML page", path=display)
    published = getattr(found, "date", None) or (date_from_name(name) if name else None)
    title = getattr(found, "title", None) or None
    source = getattr(found, "sitename", None) or None
    page_url = url or _http_only(getattr(found, "url", None))
    try:
        return Document.create(
            text.strip(), published=published, title=title, url=page_url, source=source
        )
    except ValidationError as exc:
        if exc.field == "published":  # a date trafilatura misread: keep the text, drop it
            return Document.create(text.strip(), title=title, url=page_url, source=source)
        raise InputError(exc.reason, path=display, field=exc.field) from None


@cache
def _config() -> Any:
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MAX_TREE_SIZE", str(MAX_TREE_SIZE))
    config.set("DEFAULT", "EXTRACTION_TIMEOUT", "0")
    return config


def _http_only(url: str | None) -> str | None:
    return url if url and url.startswith(("http://", "https://")) else None


def read_document(path: Path, display: str | None = None) -> Document:
    """The document of one local HTML file."""
    shown = display or str(path)
    data = read_bytes(path, shown)
    try:
        html, _ = decode(data, html=True)
    except CharsetError as exc:
        raise InputError(str(exc), path=shown) from None
    return document_from_html(html, display=shown, name=path.name)


class HtmlSource:
    """Local HTML files (``.html``, ``.htm``, ``.xhtml``), one document each."""

    name = "html"

    def detect(self, target: str) -> bool:
        return "://" not in target and target.lower().endswith(SUFFIXES)

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        report = IngestReport(target=target, kind=self.name)
        report.documents = store.add_documents([read_document(Path(target), target)])
        return report


register(HtmlSource())
