"""What the commands share: the app context, consoles, progress bars, JSON-lines output."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from bilateral.store import Store, default_path

# soft_wrap: messages carry file paths and must never be broken across lines.
err_console = Console(stderr=True, soft_wrap=True, highlight=False)
out_console = Console()


@dataclass(slots=True)
class AppContext:
    db: str | None
    debug: bool

    @property
    def db_path(self) -> Path:
        return Path(self.db) if self.db else default_path()

    def store(self, *, read_only: bool = False) -> Store:
        return Store(self.db_path, read_only=read_only)


def app(ctx: click.Context) -> AppContext:
    obj = ctx.find_object(AppContext)
    if obj is None:  # a command invoked outside the group (tests calling it directly)
        obj = AppContext(db=None, debug=False)
    return obj


def progress(transient: bool = True) -> Progress:
    """A progress bar on stderr (silent when stderr is not a terminal)."""
    return Progress(
        SpinnerColumn(),
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console,
        transient=transient,
    )


def write_jsonl(records: Iterable[dict[str, Any]], target: str) -> int:
    """Write dicts as JSON lines to a file or ``-`` (stdout); return how many."""
    n = 0
    if target == "-":
        for record in records:
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
        sys.stdout.flush()
        return n
    with open(target, "w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            n += 1
    return n
