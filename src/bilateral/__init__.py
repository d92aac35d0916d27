"""bilateral: an evidence-backed record of how the relationship between two states evolves.

The stages of the flow (DESIGN.md) each live in their own package: ``sources`` (input kinds),
``extract`` (the event coder), ``store`` (DuckDB), ``analysis`` and ``report``.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
