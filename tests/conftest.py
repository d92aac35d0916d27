"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os
from pathlib import Path

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
