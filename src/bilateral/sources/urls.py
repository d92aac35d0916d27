"""Fetching URLs safely, and ingesting a web page as a document.

``fetch`` is the one way bilateral reads the network. It sends a clear user agent, waits at most
the timeout for the connection and for each read (and four times that for the whole body),
refuses bodies over the size cap, follows a limited number of redirects and stops on a loop.

SSRF guard: before every connection, the first and each redirect's, the host is resolved and
every address it resolves to is checked; loopback, private, link-local, multicast, reserved,
unspecified and other non-global addresses are refused unless ``allow_private`` is set. The
connection is then made to the address that was checked, so a DNS answer that changes between
the check and the connection cannot slip through. Cloud metadata addresses (169.254.169.254,
fd00:ec2::254, 100.100.100.200) are refused even with ``allow_private``: nothing a user ingests
lives there. Proxies from the environment are not used, as they would hide the real target.
"""

from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO
from urllib.parse import urljoin, urlsplit

from bilateral import settings
from bilateral.errors import FetchError, InputError
from bilateral.sources import IngestOptions, IngestReport, register

if TYPE_CHECKING:
    from bilateral.records import Document
    from bilateral.store import Store

METADATA = frozenset(
    ipaddress.ip_address(a) for a in ("169.254.169.254", "fd00:ec2::254", "100.100.100.200")
)
_REDIRECTS = {301, 302, 303, 307, 308}
_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How patient and how trusting a fetch is; defaults from the settings."""

    timeout: float
    max_bytes: int
    max_redirects: int
    user_agent: str
    allow_private: bool = False

    @classmethod
    def from_settings(
        cls, *, allow_private: bool = False, timeout: float | None = None
    ) -> FetchLimits:
        return cls(
            timeout=float(timeout if timeout is not None else settings.get("http_timeout")),
            max_bytes=int(settings.get("max_bytes")),
            max_redirects=int(settings.get("max_redirects")),
            user_agent=str(settings.get("user_agent")),
            allow_private=allow_private,
        )


@dataclass(slots=True)
class Response:
    """What a fetch returned: the final URL, status, headers and body."""

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        message = Message()
        message["content-type"] = self.headers.get("content-type", "")
        found = message.get_param("charset")
        return found if isinstance(found, str) else None


def refused_reason(address: str) -> str | None:
    """Why an IP address may not be reached without ``allow_private`` (None: it may)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip in METADATA:
        return "a cloud metadata address"
    for test, name in (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_private, "a private address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_unspecified, "an unspecified address"),
        (ip.is_reserved, "a reserved address"),
    ):
        if test:
            return name
    if not ip.is_global:
        return "not a public address"
    return None


def resolve_checked(host: str, port: int, allow_private: bool) -> list[tuple[Any, ...]]:
    """Resolve ``host`` and check every address; raise ``FetchError`` before any connection."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    if not infos:
        raise FetchError(f"host {host!r} resolves to no address")
    for info in infos:
        address = str(info[4][0])
        reason = refused_reason(address)
        if reason is None:
            continue
        if reason == "a cloud metadata address" or not allow_private:
            hint = "" if reason == "a cloud metadata address" else " (--allow-private allows it)"
            raise FetchError(f"refused: {host} resolves to {address}, {reason}{hint}")
    return infos


def _guarded_connect(allow_private: bool) -> Any:
    """A ``socket.create_connection`` that connects only to addresses it has checked."""

    def connect(
        address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        host, port = address
        infos = resolve_checked(host, port, allow_private)
        last: OSError | None = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                if timeout is not None:
                    sock.settimeout(timeout)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                last = exc
        raise last or OSError(f"cannot connect to {host}")

    return connect


def _connection(url: str, limits: FetchLimits) -> tuple[http.client.HTTPConnection, str]:
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"}:
        raise FetchError(f"{url}: only http and https URLs can be fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: no host in this URL")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise FetchError(f"{url}: bad port") from None
    conn: http.client.HTTPConnection
    if parts.scheme == "https":
        conn = http.client.HTTPSConnection(parts.hostname, port, timeout=limits.timeout)
    else:
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=limits.timeout)
    # http.client connects through this attribute; ours checks the address first.
    conn._create_connection = _guarded_connect(limits.allow_private)  # type: ignore[attr-defined]
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    return conn, path


def fetch(
    url: str,
    limits: FetchLimits,
    *,
    headers: Mapping[str, str] | None = None,
    sink: BinaryIO | None = None,
) -> Response:
    """GET ``url`` within the limits; ``FetchError`` says why not. 304 is returned as is.

    With ``sink`` the body is written there as it arrives (``Response.body`` stays empty) and
    only the per-read timeout applies, not the whole-body deadline.
    """
    seen = [url]
    current = url
    deadline = time.monotonic() + 4 * limits.timeout
    while True:
        conn, path = _connection(current, limits)
        try:
            request_headers = {
                "User-Agent": limits.user_agent,
                "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                "application/atom+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Encoding": "identity",
                "Connection": "close",
            }
            request_headers.update(headers or {})
            try:
                conn.request("GET", path, headers=request_headers)
                response = conn.getresponse()
                status = response.status
                got = {k.lower(): v for k, v in response.getheaders()}
                if status in _REDIRECTS and "location" in got:
                    target = urljoin(current, got["location"])
                    if target in seen:
                        raise FetchError(f"{url}: redirect loop ({current} -> {target})")
                    if len(seen) > limits.max_redirects:
                        raise FetchError(
                            f"{url}: more than {limits.max_redirects} redirects (last: {target})"
                        )
                    seen.append(target)
                    current = target
                    continue
                body = _read_body(response, got, current, limits, deadline, sink)
            except TimeoutError:
                raise FetchError(f"{current}: no answer within {limits.timeout:g} s") from None
            except (OSError, http.client.HTTPException) as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from None
        finally:
            conn.close()
        if status >= 400:
            raise FetchError(f"{current}: HTTP {status}")
        return Response(current, status, got, body, seen[1:])


def _read_body(
    response: http.client.HTTPResponse,
    headers: Mapping[str, str],
    url: str,
    limits: FetchLimits,
    deadline: float,
    sink: BinaryIO | None,
) -> bytes:
    declared = headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(f"{url}: {declared} bytes is more than the {limits.max_bytes} allowed")
    chunks: list[bytes] = []
    total = 0
    while chunk := response.read(_CHUNK):
        total += len(chunk)
        if total > limits.max_bytes:
            raise FetchError(f"{url}: body larger than the {limits.max_bytes} bytes allowed")
        if sink is None and time.monotonic() > deadline:
            raise FetchError(f"{url}: body not read within {4 * limits.timeout:g} s")
        if sink is not None:
            sink.write(chunk)
        else:
            chunks.append(chunk)
    return b"".join(chunks)


# --------------------------------------------------------------------------------------------
# a web page as a document


def is_feed(response: Response) -> bool:
    """Whether a response is an RSS or Atom feed rather than a page."""
    if response.content_type in {"application/rss+xml", "application/atom+xml"}:
        return True
    head = response.body[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head or b"<rdf" in head)


def document_from_response(response: Response, display: str) -> Document:
    """The document of a fetched page: HTML through trafilatura, plain text as is."""
    from bilateral.sources.charset import CharsetError, decode
    from bilateral.sources.html import document_from_html
    from bilateral.sources.text import document_from_text

    is_html = response.content_type in {"text/html", "application/xhtml+xml", ""}
    try:
        text, _ = decode(response.body, response.charset, html=is_html)
    except CharsetError as exc:
        raise InputError(str(exc), path=display) from None
    if response.content_type == "text/plain":
        name = os.path.basename(urlsplit(response.url).path)
        return document_from_text(text, name=name, display=display, url=response.url)
    if not is_html:
        raise InputError(f"cannot ingest content of type {response.content_type}", path=display)
    return document_from_html(text, display=display, url=response.url)


def remember_fetch(
    store: Store, url: str, *, status: int, doc_id: str | None, feed_url: str | None = None
) -> None:
    """Note in the store that ``url`` was fetched (feeds skip such items next time)."""
    store.con.execute(
        "INSERT OR REPLACE INTO fetched_urls (url, feed_url, doc_id, status, fetched_at) "
        "VALUES (?, ?, ?, ?, current_timestamp)",
        [url, feed_url, doc_id, status],
    ).fetchall()


class UrlSource:
    """A web page (or a GDELT export) at an http(s) URL; feeds go to the ``rss`` kind."""

    name = "url"

    def detect(self, target: str) -> bool:
        return target.lower().startswith(("http://", "https://"))

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport:
        limits = FetchLimits.from_settings(
            allow_private=options.allow_private, timeout=options.timeout
        )
        response = fetch(target, limits)
        name = os.path.basename(urlsplit(response.url).path)
        from bilateral.sources import gdelt

        if gdelt.is_gdelt_name(name):
            return _ingest_gdelt_body(target, name, response.body, store, options)
        if is_feed(response):
            from bilateral.sources import rss

            return rss.ingest_feed(target, store, options, first=response)
        report = IngestReport(target=target, kind=self.name)
        document = document_from_response(response, target)
        report.documents = store.add_documents([document])
        with store.transaction():
            remember_fetch(store, response.url, status=response.status, doc_id=document.id)
        if response.redirects:
            report.notes.append(f"redirected to {response.url}")
        return report


def _ingest_gdelt_body(
    target: str, name: str, body: bytes, store: Store, options: IngestOptions
) -> IngestReport:
    from bilateral.sources import gdelt

    with tempfile.TemporaryDirectory(prefix="bilateral-url-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(body)
        try:
            load = gdelt.load_file(store, path, skip_bad=options.skip_bad)
        except InputError as exc:
            raise InputError(exc.reason, path=target, line=exc.line, field=exc.field) from None
    return gdelt.report_for(target, load)


register(UrlSource())
