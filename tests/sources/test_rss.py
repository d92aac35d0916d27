"""RSS/Atom feeds against a real server on 127.0.0.1: items fetched once, conditional polls,
and a watch loop that stops cleanly."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from bilateral.errors import FetchError, InputError
from bilateral.sources import IngestOptions, ingest
from bilateral.sources.rss import ingest_feed, parse_every, watch
from bilateral.store import Store

Site = Any  # the ``site`` fixture of conftest.py (a live server on 127.0.0.1)

ARTICLE = """<html><head><title>{title}</title></head><body><article><h1>{title}</h1>
<p>{body} The statement was published by the foreign ministry on its website and repeated by
the state news agency, which added that working groups would meet again within two months.</p>
</article></body></html>"""

STORIES = {
    "1": (
        "Belarus and Iran sign transport memorandum",
        "Minsk and Tehran signed a memorandum on road transport.",
    ),
    "2": ("Iranian minister visits Minsk", "Iran's industry minister arrived in Minsk for talks."),
    "3": (
        "Joint commission meets in Tehran",
        "The joint economic commission held its session in Tehran.",
    ),
}


def _rss(site: Site, ids: list[str]) -> bytes:
    items = "".join(
        f"<item><title>{STORIES[i][0]}</title><link>{site.base}/story/{i}</link>"
        f"<pubDate>Mon, 0{i} May 2023 10:00:00 GMT</pubDate>"
        f"<description>{STORIES[i][1]}</description></item>"
        for i in ids
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Example Wire</title><link>{site.base}/</link>{items}</channel></rss>"
    ).encode()


def _serve_feed(site: Site, ids: list[str], etag: str) -> None:
    body = _rss(site, ids)

    def route(handler: BaseHTTPRequestHandler) -> Any:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.end_headers()
            return None
        handler.send_response(200)
        handler.send_header("Content-Type", "application/rss+xml")
        handler.send_header("ETag", etag)
        handler.send_header("Last-Modified", "Mon, 01 May 2023 10:00:00 GMT")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)
        return None

    site.routes["/feed.xml"] = route
    for i in ids:
        title, text = STORIES[i]
        site.add(f"/story/{i}", ARTICLE.format(title=title, body=text))


def test_feed_items_are_fetched_and_stored_once(site: Site, db_path: Path) -> None:
    _serve_feed(site, ["1", "2"], etag='"v1"')
    feed = site.base + "/feed.xml"
    options = IngestOptions(kind="rss", allow_private=True)
    with Store(db_path) as store:
        [report] = ingest([feed], store, options)
        assert report.documents is not None
        assert report.documents.added == 2
        docs = {d.title: d for d in store.iter_documents()}
        assert docs["Iranian minister visits Minsk"].published == "2023-05-02"
        assert docs["Iranian minister visits Minsk"].url == site.base + "/story/2"
        state = store.con.execute("SELECT etag, last_status FROM feed_state").fetchall()
        assert state == [('"v1"', 200)]

        # unchanged: one conditional request, answered 304, no item fetched
        again = ingest_feed(feed, store, options)
        assert "not modified since the last poll" in again.notes
        assert site.hits[-1][1].get("if-none-match") == '"v1"'
        assert site.count("/story/1") == 1

        # a new item: only it is fetched
        _serve_feed(site, ["1", "2", "3"], etag='"v2"')
        third = ingest_feed(feed, store, options)
        assert third.documents is not None
        assert third.documents.added == 1
        assert (site.count("/story/1"), site.count("/story/3")) == (1, 1)
        assert store.count("documents") == 3


def test_item_page_failing_falls_back_to_the_feed_text(site: Site, db_path: Path) -> None:
    _serve_feed(site, ["1", "2"], etag='"x"')
    site.routes.pop("/story/2")  # now a 404
    with Store(db_path) as store:
        report = ingest_feed(site.base + "/feed.xml", store, IngestOptions(allow_private=True))
        assert report.documents is not None
        assert report.documents.added == 2
        assert any("HTTP 404" in note for note in report.notes)
        texts = sorted(d.text for d in store.iter_documents())
        assert "Iran's industry minister arrived in Minsk for talks." in texts
        # the failed item is not remembered: the next poll tries its page again
        fetched = store.con.execute("SELECT url FROM fetched_urls ORDER BY url").fetchall()
        assert fetched == [(site.base + "/story/1",)]


def test_not_a_feed_is_a_clear_error(site: Site, db_path: Path) -> None:
    url = site.add("/notfeed", b"<html><body>hello</body></html>", "text/html")
    with Store(db_path) as store, pytest.raises(InputError, match="not an RSS or Atom feed"):
        ingest_feed(url, store, IngestOptions(allow_private=True))


def test_url_kind_hands_feeds_to_the_rss_reader(site: Site, db_path: Path) -> None:
    _serve_feed(site, ["3"], etag='"y"')
    with Store(db_path) as store:
        [report] = ingest([site.base + "/feed.xml"], store, IngestOptions(allow_private=True))
        assert report.kind == "rss"
        assert store.count("documents") == 1


def test_parse_every() -> None:
    assert [parse_every(x) for x in ("15m", "30s", "1h", "90", "0.5s")] == [900, 30, 3600, 90, 0.5]
    with pytest.raises(InputError):
        parse_every("soon")


def test_watch_polls_in_rounds_and_stops_on_request(site: Site, db_path: Path) -> None:
    _serve_feed(site, ["1"], etag='"w"')
    stop = threading.Event()
    reports: list[Any] = []
    rounds = watch(
        [site.base + "/feed.xml"],
        lambda: Store(db_path),
        IngestOptions(allow_private=True),
        every=0.01,
        stop=stop,
        rounds=3,
        on_report=reports.append,
    )
    assert rounds == 3
    assert len(reports) == 3
    assert site.count("/feed.xml") == 3
    assert site.count("/story/1") == 1
    stop.set()
    assert (
        watch(
            [site.base + "/feed.xml"],
            lambda: Store(db_path),
            IngestOptions(),
            every=0.01,
            stop=stop,
        )
        == 0
    )


def test_watch_command_stops_cleanly_on_sigterm(site: Site, db_path: Path) -> None:
    _serve_feed(site, ["1", "2"], etag='"s"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("BILATERAL_")}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bilateral",
            "--db",
            str(db_path),
            "watch",
            site.base + "/feed.xml",
            "--every",
            "1h",
            "--allow-private",
            "--timeout",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while site.count("/story/2") == 0 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert site.count("/story/2") == 1
        time.sleep(0.3)  # let the poll commit
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == 0, err.decode()
    assert "watch stopped after 1 poll(s)" in err.decode()
    with Store(db_path) as store:
        assert store.count("documents") == 2


def test_a_feed_that_never_answers_is_a_clear_error(site: Site, db_path: Path) -> None:
    def hang(handler: BaseHTTPRequestHandler) -> Any:
        site.release.wait(10)
        return None

    site.routes["/slow.xml"] = hang
    with Store(db_path) as store:
        with pytest.raises(FetchError, match="no answer within"):
            ingest_feed(
                site.base + "/slow.xml", store, IngestOptions(allow_private=True, timeout=0.3)
            )
        assert store.count("documents") == 0
        assert store.con.execute("SELECT count(*) FROM feed_state").fetchall() == [(0,)]
