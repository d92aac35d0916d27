"""URLs against a real server on 127.0.0.1: pages, charsets, limits and the SSRF guard."""

from __future__ import annotations

import socket
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from bilateral.cli import main
from bilateral.errors import FetchError
from bilateral.sources import IngestOptions, ingest
from bilateral.sources.urls import FetchLimits, fetch, refused_reason
from bilateral.store import Store

Site = Any  # the ``site`` fixture of conftest.py (a live server on 127.0.0.1)

PAGE = """<html><head><meta charset="utf-8"><title>Minsk hosts Iranian delegation</title>
<meta name="date" content="2023-06-01"></head><body><nav>Home | World | Sport</nav><article>
<h1>Minsk hosts Iranian delegation</h1>
<p>An Iranian parliamentary delegation arrived in Minsk on Thursday for talks with Belarusian
lawmakers on trade, transport and industrial cooperation, the House of Representatives said.</p>
<p>The delegation is expected to visit the Minsk Tractor Works and the Belarusian Potash Company
before returning to Tehran at the weekend, according to the programme.</p>
</article></body></html>"""


def limits(
    allow_private: bool = True, timeout: float = 2.0, max_bytes: int = 1 << 20
) -> FetchLimits:
    return FetchLimits(timeout, max_bytes, 5, "bilateral-test", allow_private)


def test_page_is_fetched_and_stored_with_its_url(site: Site, db_path: Path) -> None:
    url = site.add("/news/minsk.html", PAGE)
    with Store(db_path) as store:
        [report] = ingest([url], store, IngestOptions(allow_private=True))
        assert report.kind == "url"
        assert report.documents is not None
        assert report.documents.added == 1
        [doc] = list(store.iter_documents())
        fetched = store.con.execute("SELECT url, doc_id FROM fetched_urls").fetchall()
    assert doc.url == url
    assert doc.published == "2023-06-01"
    assert doc.title == "Minsk hosts Iranian delegation"
    assert "parliamentary delegation arrived in Minsk" in doc.text
    assert fetched == [(url, doc.id)]
    assert site.hits[0][1]["user-agent"].startswith("bilateral/")


def test_charset_from_the_http_header(site: Site, db_path: Path) -> None:
    page = PAGE.replace('<meta charset="utf-8">', "").replace(
        "the House of Representatives said", "сообщила Палата представителей"
    )
    url = site.add("/ru.html", page.encode("windows-1251"), "text/html; charset=windows-1251")
    with Store(db_path) as store:
        ingest([url], store, IngestOptions(allow_private=True))
        [doc] = list(store.iter_documents())
    assert "сообщила Палата представителей" in doc.text


def test_same_article_by_url_and_by_file_is_stored_once(
    site: Site, db_path: Path, tmp_path: Path
) -> None:
    url = site.add("/a.html", PAGE)
    local = tmp_path / "a.html"
    local.write_text(PAGE, encoding="utf-8")
    with Store(db_path) as store:
        ingest([str(local)], store, IngestOptions())
        [report] = ingest([url], store, IngestOptions(allow_private=True))
        assert report.documents is not None
        assert (report.documents.added, report.documents.duplicates) == (0, 1)
        assert store.count("documents") == 1


def test_loopback_is_refused_before_any_connection(site: Site, db_path: Path) -> None:
    url = site.add("/a.html", PAGE)
    for target in (url, url.replace("127.0.0.1", "localhost")):
        with pytest.raises(FetchError, match="loopback address"):
            fetch(target, limits(allow_private=False))
    assert site.hits == []
    with Store(db_path) as store:
        with pytest.raises(FetchError, match="--allow-private"):
            ingest([url], store, IngestOptions())
        assert store.count("documents") == 0


@pytest.fixture
def no_connect(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Record (and forbid) every outgoing socket connection."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise AssertionError(f"connection attempted to {address}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    return attempts


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/meta-data/",
        "http://10.0.0.1/",
        "http://192.168.1.1/",
        "http://[::1]:8080/",
        "http://[::ffff:127.0.0.1]/",
        "http://0.0.0.0/",
    ],
)
def test_private_and_metadata_addresses_refused_without_connecting(
    url: str, no_connect: list[Any]
) -> None:
    with pytest.raises(FetchError, match="refused"):
        fetch(url, limits(allow_private=False))
    assert no_connect == []


def test_metadata_is_refused_even_with_allow_private(no_connect: list[Any]) -> None:
    with pytest.raises(FetchError, match="cloud metadata"):
        fetch("http://169.254.169.254/latest/meta-data/", limits(allow_private=True))
    assert no_connect == []


def test_refused_reasons() -> None:
    assert refused_reason("127.0.0.1") == "a loopback address"
    assert refused_reason("169.254.169.254") == "a cloud metadata address"
    assert refused_reason("169.254.1.1") == "a link-local address"
    assert refused_reason("172.16.0.9") == "a private address"
    assert refused_reason("100.64.0.1") == "not a public address"
    assert refused_reason("224.0.0.1") is not None
    assert refused_reason("8.8.8.8") is None  # only classified, never contacted


def test_redirect_to_metadata_is_refused_at_the_redirect(site: Site) -> None:
    url = site.redirect("/go", "http://169.254.169.254/latest/meta-data/")
    with pytest.raises(FetchError, match="cloud metadata"):
        fetch(url, limits(allow_private=True))
    assert site.count("/go") == 1


def test_redirects_are_followed_within_the_limit(site: Site) -> None:
    site.add("/final.html", PAGE)
    url = site.redirect("/start", "/hop1")
    site.redirect("/hop1", site.base + "/final.html", status=301)
    response = fetch(url, limits())
    assert response.url == site.base + "/final.html"
    assert response.redirects == [site.base + "/hop1", site.base + "/final.html"]


def test_redirect_loop_is_a_clear_error(site: Site) -> None:
    site.redirect("/a", "/b")
    site.redirect("/b", "/a")
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(site.base + "/a", limits())
    for i in range(10):
        site.redirect(f"/r{i}", f"/r{i + 1}")
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetch(site.base + "/r0", limits())
    assert site.count("/r6") == 0


def test_a_server_that_never_answers_times_out(site: Site) -> None:
    def hang(handler: BaseHTTPRequestHandler) -> None:
        site.release.wait(10)
        return None

    site.routes["/hang"] = hang
    with pytest.raises(FetchError, match=r"no answer within 0\.3 s"):
        fetch(site.base + "/hang", limits(timeout=0.3))


def test_body_over_the_size_cap_is_refused(site: Site) -> None:
    big = site.add("/big.html", b"x" * 5000)

    def streamed(handler: BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()  # no Content-Length: the body just keeps coming
        for _ in range(50):
            handler.wfile.write(b"y" * 1000)
        return None

    site.routes["/stream"] = streamed
    with pytest.raises(FetchError, match="more than the 1000 allowed"):
        fetch(big, limits(max_bytes=1000))
    with pytest.raises(FetchError, match="larger than the 1000 bytes allowed"):
        fetch(site.base + "/stream", limits(max_bytes=1000))


def test_http_errors_and_non_pages(site: Site, db_path: Path) -> None:
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(site.base + "/missing", limits())
    image = site.add("/x.png", b"\x89PNG....", "image/png")
    with Store(db_path) as store:
        with pytest.raises(Exception, match="cannot ingest content of type image/png"):
            ingest([image], store, IngestOptions(allow_private=True))
        assert store.count("documents") == 0


def test_cli_url_errors_exit_non_zero(
    site: Site, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.add("/a.html", PAGE)
    assert main(["--db", str(db_path), "ingest", url]) == 5
    assert "refused" in capsys.readouterr().err
    assert main(["--db", str(db_path), "ingest", "--allow-private", url]) == 0
    assert "1 documents read, 1 added" in capsys.readouterr().err
