"""Turning bytes from a file or a server into text: which charset, and a clear error if none.

The order: the charset the server declared, a byte-order mark, an HTML ``<meta charset>``
(or ``http-equiv`` content type) in the first bytes, strict UTF-8, and last charset-normalizer's
best guess. Bytes that fit none are an error, never silently replaced characters.
"""

from __future__ import annotations

import codecs
import re

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE | re.DOTALL
)


class CharsetError(ValueError):
    """The bytes are in no charset that could be told."""


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB, if any."""
    found = _META.search(data[:4096])
    return _codec(found.group(1).decode("ascii", "ignore")) if found else None


def decode(data: bytes, declared: str | None = None, *, html: bool = False) -> tuple[str, str]:
    """The text and the charset it was read in; ``CharsetError`` when none fits."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                break
    candidates: list[str | None] = [_codec(declared)]
    if html:
        candidates.append(meta_charset(data))
    candidates.append("utf-8")
    for candidate in candidates:
        if candidate is None:
            continue
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 1024 * 1024]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding), str(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    raise CharsetError("not valid UTF-8, and no other charset fits")
