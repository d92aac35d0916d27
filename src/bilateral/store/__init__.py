"""The DuckDB store: one file holding documents, events, stories and actors.

``Store`` opens (and if needed creates and migrates) the file, loads records in bulk (Arrow
tables, one transaction per batch of one input), and exports or imports any table as Parquet,
CSV or JSON lines. DuckDB allows one writing process at a time; readers open read-only.
"""

from bilateral.store.core import LoadResult, Store, default_path
from bilateral.store.migrations import LATEST_VERSION, TABLES

__all__ = ["LATEST_VERSION", "TABLES", "LoadResult", "Store", "default_path"]
