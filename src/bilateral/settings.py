"""Every setting of bilateral, declared once.

Each setting is read from a ``BILATERAL_*`` environment variable; most also have a command-line
flag that wins over the variable. ``SETTINGS`` is the table that the documentation must cover
(``docs/settings.md``); a test fails when a declared setting is not documented there.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bilateral.errors import BilateralError


@dataclass(frozen=True, slots=True)
class Setting:
    """One declared setting: its environment variable, type, default and meaning."""

    name: str
    env: str
    parse: Callable[[str], Any]
    default: Callable[[], Any]
    help: str
    flag: str | None = None


def _bool(value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError(f"expected a boolean (1/0, true/false), got {value!r}")


def _positive_int(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise ValueError(f"expected a positive integer, got {value!r}")
    return number


def _positive_float(value: str) -> float:
    number = float(value)
    if number <= 0:
        raise ValueError(f"expected a positive number, got {value!r}")
    return number


def _default_db() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "bilateral" / "bilateral.duckdb"


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "db",
        "BILATERAL_DB",
        Path,
        _default_db,
        "Path of the DuckDB store file. Default: $XDG_DATA_HOME/bilateral/bilateral.duckdb "
        "(~/.local/share/bilateral/bilateral.duckdb).",
        flag="--db",
    ),
    Setting(
        "debug",
        "BILATERAL_DEBUG",
        _bool,
        lambda: False,
        "Print full tracebacks instead of one-line error messages.",
        flag="--debug",
    ),
    Setting(
        "batch_size",
        "BILATERAL_BATCH_SIZE",
        _positive_int,
        lambda: 50_000,
        "Records per bulk load; each batch of one input file is written in one transaction.",
    ),
    Setting(
        "threads",
        "BILATERAL_THREADS",
        _positive_int,
        lambda: os.cpu_count() or 1,
        "Threads DuckDB may use. Default: the number of CPU cores.",
    ),
    Setting(
        "story_window",
        "BILATERAL_STORY_WINDOW",
        _positive_int,
        lambda: 3,
        "Most days between two reports that can still be merged into one story.",
        flag="--window",
    ),
    Setting(
        "user_agent",
        "BILATERAL_USER_AGENT",
        str,
        lambda: "bilateral/0.1 (+https://github.com/bilateral-project/bilateral)",
        "User-Agent header sent when fetching URLs and feeds.",
    ),
    Setting(
        "http_timeout",
        "BILATERAL_HTTP_TIMEOUT",
        _positive_float,
        lambda: 20.0,
        "Seconds to wait for a URL or feed (connect and each read) before giving up.",
        flag="--timeout",
    ),
    Setting(
        "max_bytes",
        "BILATERAL_MAX_BYTES",
        _positive_int,
        lambda: 20 * 1024 * 1024,
        "Largest response body, in bytes, accepted from a URL or feed.",
    ),
    Setting(
        "max_redirects",
        "BILATERAL_MAX_REDIRECTS",
        _positive_int,
        lambda: 5,
        "Most redirects followed for one URL.",
    ),
    Setting(
        "gdelt_master_url",
        "BILATERAL_GDELT_MASTER_URL",
        str,
        lambda: "http://data.gdeltproject.org/gdeltv2/masterfilelist.txt",
        "GDELT 2.0 master file list that `bilateral gdelt fetch` picks a date range's files from.",
        flag="--master-url",
    ),
    Setting(
        "output_dir",
        "BILATERAL_OUTPUT_DIR",
        Path,
        lambda: Path("."),
        "Directory where `bilateral brief` writes its reports when -o is not given.",
        flag="-o/--output",
    ),
)

_BY_NAME = {setting.name: setting for setting in SETTINGS}


def get(name: str, environ: Mapping[str, str] | None = None) -> Any:
    """Return the current value of a setting, read from the environment at call time."""
    setting = _BY_NAME[name]
    env = os.environ if environ is None else environ
    raw = env.get(setting.env)
    if raw is None or raw == "":
        return setting.default()
    try:
        return setting.parse(raw)
    except ValueError as exc:
        raise BilateralError(f"{setting.env}={raw!r} is not valid: {exc}") from exc
