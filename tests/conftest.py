"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The read-only public data laid beside the clone (``../shared/data``).

    A user's clone has no ``../shared``: tests that need it skip there with a reason. Under CI
    (``CI=true``) it is always present, so its absence is a failure, not a skip.
    """
    path = REPO.parent / "shared" / "data"
    if not path.is_dir():
        message = f"the shared public data folder ../shared/data is not beside this clone ({path})"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + "; under CI it must be there")
        pytest.skip(message)
    return path


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A fresh store path in a temporary directory (the file does not exist yet)."""
    return tmp_path / "store.duckdb"


@pytest.fixture(autouse=True)
def _isolated_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch the user's real store or settings from a test.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    for name in list(os.environ):
        if name.startswith("BILATERAL_"):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture
def old_store(db_path: Path) -> Callable[[int], duckdb.DuckDBPyConnection]:
    """A store written by an older bilateral: ``old_store(n)`` applies migrations 1..n to a new
    file at ``db_path`` and returns the open connection (close it before opening a Store)."""
    from bilateral.store.migrations import MIGRATIONS

    def make(version: int) -> duckdb.DuckDBPyConnection:
        con = duckdb.connect(str(db_path))
        con.execute(
            "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
            " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
        )
        for migration in MIGRATIONS[:version]:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                [migration.version, migration.name],
            )
        return con

    return make
