"""bilateral: an evidence-backed record of how the relationship between two states evolves.

The stages of the flow (DESIGN.md) each live in their own package: ``sources`` (input kinds),
``extract`` (the event coder), ``store`` (DuckDB), ``analysis`` and ``report``.
``bilateral.extract(document)`` returns the events of one document.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]


def __getattr__(name: str) -> Any:
    # Import the heavier stages on first use, so `bilateral --version` stays fast.
    if name in {"extract", "analysis", "report", "sources", "store"}:
        return importlib.import_module(f"bilateral.{name}")
    raise AttributeError(f"module 'bilateral' has no attribute {name!r}")
