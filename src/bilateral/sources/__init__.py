"""Input readers, one module per kind, registered by name.

``bilateral ingest SOURCE…`` asks each registered source whether it recognises a target (a
path, a URL, a feed) and lets the first one that does load it into the store. Adding an input
kind is one new module that calls ``register``; nothing else changes.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from bilateral.errors import InputError

if TYPE_CHECKING:
    from bilateral.store import LoadResult, Store


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """How to ingest: shared by every source kind."""

    kind: str | None = None
    skip_bad: bool = False
    allow_private: bool = False
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    timeout: float | None = None  # seconds for URLs and feeds; None: BILATERAL_HTTP_TIMEOUT


@dataclass(slots=True)
class IngestReport:
    """What one target gave: documents and events read and added, bad rows skipped."""

    target: str
    kind: str
    documents: LoadResult | None = None
    events: LoadResult | None = None
    mentions: LoadResult | None = None
    skipped_bad: int = 0
    repaired: int = 0
    notes: list[str] = field(default_factory=list)


class Source(Protocol):
    """An input kind: recognises targets and loads them into a store."""

    name: str

    def detect(self, target: str) -> bool: ...

    def ingest(self, target: str, store: Store, options: IngestOptions) -> IngestReport: ...


REGISTRY: dict[str, Source] = {}


def local_file(source: str | Path, display: str | None = None) -> Path:
    """``source`` as a path to an existing regular file, or ``InputError`` saying why not."""
    path = Path(source)
    shown = display or str(source)
    if not path.exists():
        raise InputError("no such file", path=shown)
    if path.is_dir():
        raise InputError("is a directory, not a file", path=shown)
    return path


def register(source: Source) -> Source:
    """Add a source kind to the registry (last registered is asked first)."""
    REGISTRY[source.name] = source
    return source


# The built-in kinds, in registration order; the last registered is asked first, so the kinds
# that look inside a file (GDELT, POLECAT) come after those that go by the name alone.
BUILTIN = ("files", "text", "html", "jsonl", "urls", "rss", "polecat", "gdelt")


def _load_builtin() -> None:
    # Importing a module registers its source; new kinds are added to BUILTIN.
    for name in BUILTIN:
        importlib.import_module(f"bilateral.sources.{name}")


def source_for(target: str, kind: str | None = None) -> Source:
    """The source that handles ``target``: by name when ``kind`` is given, else by detection."""
    _load_builtin()
    if "://" not in target and target != "-":
        path = Path(target)
        if path.is_dir():
            return REGISTRY["dir"]
        if not path.exists():
            raise InputError("no such file", path=target)
    if kind is not None:
        try:
            return REGISTRY[kind]
        except KeyError:
            raise InputError(
                f"unknown source kind {kind!r}; kinds: {', '.join(sorted(REGISTRY))}"
            ) from None
    for source in reversed(list(REGISTRY.values())):
        if source.detect(target):
            return source
    raise InputError(
        f"cannot tell what kind of input this is (kinds: {', '.join(sorted(REGISTRY))}); "
        "pass --kind",
        path=target,
    )


def ingest(targets: Iterable[str], store: Store, options: IngestOptions) -> list[IngestReport]:
    """Ingest each target with its source; each target is loaded in its own transaction."""
    return [source_for(t, options.kind).ingest(t, store, options) for t in targets]
