"""The event extractor: from a news document to the PLOVER events in it.

``bilateral.extract(document)`` (this package, called) and ``extract(document)`` return the
events of one document; ``extract_many`` streams the events of many. The stages live in their
own modules: ``sentences`` (splitting with offsets), ``actors`` (states, IGOs, officials),
``dates`` (explicit, partial and relative dates), ``triggers`` (the act and its cues) and
``coder`` (assembling events, and the registry of coders by name).
"""

from __future__ import annotations

import sys
import types
from collections.abc import Callable, Iterable, Iterator

from bilateral.records import Document, Event

__all__ = ["extract", "extract_many"]


def extract(document: Document, *, coder: str = "rules") -> list[Event]:
    """The events of one document, coded by the named coder (default: the rules coder)."""
    return _coder(coder)(document)


def extract_many(documents: Iterable[Document], *, coder: str = "rules") -> Iterator[Event]:
    """The events of many documents, streamed one document at a time."""
    run = _coder(coder)
    for document in documents:
        yield from run(document)


_CACHE: dict[str, Callable[[Document], list[Event]]] = {}


def _coder(name: str) -> Callable[[Document], list[Event]]:
    """The named coder, built once per process (lexicons are compiled on first use)."""
    run = _CACHE.get(name)
    if run is None:
        from bilateral.extract import coder as coders

        run = coders.get(name)
        _CACHE[name] = run
    return run


class _CallableModule(types.ModuleType):
    """Lets ``bilateral.extract`` be both this package and the function of its name."""

    def __call__(self, document: Document, *, coder: str = "rules") -> list[Event]:
        return extract(document, coder=coder)


sys.modules[__name__].__class__ = _CallableModule
