"""RSS and Atom feeds: every item's page fetched and stored, polling only what is new.

A feed is fetched with the ETag and Last-Modified the store remembers from the last poll
(``feed_state``), so an unchanged feed costs one ``304 Not Modified``. Each item's link is
fetched (through the same SSRF guard and limits as any URL) unless ``fetched_urls`` says it was
fetched before; an item without a link, or whose page yields no text, is stored from the text
the feed itself carries. The feed's date for an item wins over the page's, as feeds state it
explicitly.

An item that cannot be fetched does not stop the others: it is reported, not remembered, and
tried again at the next poll. The documents of one poll are stored in one transaction.
"""

from __future__ import annotations

import calendar
import re
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from bilateral.errors import BilateralError, FetchError, InputError, ValidationError
from bilateral.records import Document
from bilateral.sources import IngestOptions, IngestReport, register
from bilateral.sources.urls import (
    FetchLimits,
    Response,
    document_from_response,
    fetch,
    remember_fetch,
)

if TYPE_CHECKING:
    from bilateral.store import Store

_TAGS = re.compile(r"<[^>]+>")


def _state(store: Store, url: str) -> tuple[str | None, str | None]:
    rows = store.con.execute(
        "SELECT etag, last_modified FROM feed_state WHERE url = ?", [url]
    ).fetchall()
    return (rows[0][0], rows[0][1]) if rows else (None, None)


def _save_state(store: Store, url: str, response: Response) -> None:
    store.con.execute(
        "INSERT OR REPLACE INTO feed_state (url, etag, last_modified, last_status, last_checked) "
        "VALUES (?, ?, ?, ?, current_timestamp)",
        [url, response.headers.get("etag"), response.headers.get("last-modified"), response.status],
    ).fetchall()


def _already_fetched(store: Store, urls: list[str]) -> set[str]:
    if not urls:
        return set()
    rows = store.con.execute(
        "SELECT url FROM fetched_urls WHERE url IN (SELECT unnest(?))", [urls]
    ).fetchall()
    return {r[0] for r in rows}


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return datetime.fromtimestamp(calendar.timegm(parsed), UTC).date().isoformat()
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _entry_text(entry: Any) -> str:
    parts = [c.get("value", "") for c in entry.get("content", []) or []]
    if not any(p.strip() for p in parts):
        parts = [entry.get("summary", "") or ""]
    return _TAGS.sub(" ", " ".join(parts)).strip()


@dataclass(frozen=True, slots=True)
class _Item:
    link: str | None
    title: str | None
    published: str | None
    text: str


def parse_feed(body: bytes, display: str) -> tuple[str | None, list[_Item]]:
    """The feed's title and items; ``InputError`` when the body is no feed."""
    import feedparser

    parsed = feedparser.parse(body)
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        reason = getattr(parsed.get("bozo_exception"), "args", [""])
        detail = f": {reason[0]}" if reason and reason[0] else ""
        raise InputError(f"not an RSS or Atom feed{detail}", path=display)
    items = [
        _Item(
            link=(entry.get("link") or "").strip() or None,
            title=(entry.get("title") or "").strip() or None,
            published=_entry_date(entry),
            text=_entry_text(entry),
        )
        for entry in parsed.entries
    ]
    title = parsed.feed.get("title") if parsed.get("feed") else None
    return (title or None), items


def _item_document(item: _Item, page: Document | None, source: str | None) -> Document | None:
    try:
        if page is not None:
            return Document.create(
                page.text,
                published=item.published or page.published,
                url=page.url or item.link,
                title=item.title or page.title,
                source=page.source or source,
            )
        if item.text:
            return Document.create(
                item.text, published=item.published, url=item.link, title=item.title, source=source
            )
    except ValidationError:
        return None
    return None


def ingest_feed(
    target: str, store: Store, options: IngestOptions, *, first: Response | None = None
) -> IngestReport:
    """Poll one feed: fetch it (conditionally), fetch its new items, store them."""
    limits = FetchLimits.from_settings(allow_private=options.allow_private, timeout=options.timeout)
    report = IngestReport(target=target, kind="rss")
    if first is None:
        etag, modified = _state(store, target)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        response = fetch(target, limits, headers=headers)
    else:
        response = first
    if response.status == 304:
        with store.transaction():
            _save_state(store, target, response)
        report.notes.append("not modified since the last poll")
        from bilateral.store import LoadResult

        report.documents = LoadResult(0, 0, 0)
        return report
    feed_title, items = parse_feed(response.body, target)
    seen = _already_fetched(store, [i.link for i in items if i.link])
    documents: list[Document] = []
    fetched: list[tuple[str, int, str]] = []
    for item in items:
        if item.link and item.link in seen:
            continue
        page: Document | None = None
        status = 0
        if item.link:
            try:
                got = fetch(item.link, limits)
                status = got.status
                page = document_from_response(got, item.link)
            except (FetchError, InputError) as exc:
                report.notes.append(f"item {item.link}: {exc}")
                if not item.text:
                    report.skipped_bad += 1
                    continue
        document = _item_document(item, page, feed_title)
        if document is None:
            report.skipped_bad += 1
            report.notes.append(f"item {item.link or item.title}: no text")
            continue
        documents.append(document)
        if item.link and page is not None:
            fetched.append((item.link, status, document.id))
    report.documents = store.add_documents(documents)
    with store.transaction():
        for link, status, doc_id in fetched:
            remember_fetch(store, link, status=status, doc_id=doc_id, feed_url=target)
        _save_state(store, target, response)
    report.notes.insert(0, f"{len(items)} items in the feed, {len(seen)} fetched before")
    return report


class RssSource:
    """RSS and Atom feeds at http(s) URLs (``--kind rss``; also found by content)."""

    name = "rss"

    def detect(self, target: str) -> bool:
        lowered = target.lower()
        return lowered.startswith(("http://", "https://")) and lowered.endswith(
            (".rss", ".atom", "/rss", "/feed", "/atom", "feed.xml", "rss.xml", "atom.xml")
        )

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        return ingest_feed(target, store, options)


register(RssSource())


# --------------------------------------------------------------------------------------------
# watching feeds


def parse_every(text: str) -> float:
    """Seconds in a duration such as ``15m``, ``30s``, ``1h`` or ``90`` (seconds)."""
    found = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*", text.lower())
    if not found:
        raise InputError(f"{text!r} is not a duration (e.g. 30s, 15m, 1h)")
    value = float(found[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[found[2]]
    if value <= 0:
        raise InputError(f"{text!r}: the interval must be positive")
    return value


def watch(
    feeds: Iterable[str],
    open_store: Callable[[], Store],
    options: IngestOptions,
    *,
    every: float,
    stop: threading.Event,
    rounds: int | None = None,
    on_report: Callable[[IngestReport], None] = lambda r: None,
    on_error: Callable[[str, BilateralError], None] = lambda t, e: None,
) -> int:
    """Poll the feeds every ``every`` seconds until ``stop`` is set (or ``rounds`` are done).

    The store is opened for each round only, so others can read it in between. A feed that
    fails is reported and polled again next round. Returns the number of rounds run.
    """
    targets = list(feeds)
    done = 0
    while not stop.is_set():
        with open_store() as store:
            for target in targets:
                if stop.is_set():
                    break
                try:
                    on_report(ingest_feed(target, store, options))
                except BilateralError as exc:
                    on_error(target, exc)
        done += 1
        if rounds is not None and done >= rounds:
            break
        stop.wait(every)
    return done
