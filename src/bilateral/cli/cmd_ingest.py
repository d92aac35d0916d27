"""The ingest command: every input kind through the sources registry."""

from __future__ import annotations

import click

from bilateral import sources
from bilateral.cli.common import app, err_console


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.option("--kind", help="Input kind, when it cannot be told from the name (e.g. jsonl).")
@click.option("--skip-bad", is_flag=True, help="Skip malformed records and report how many.")
@click.pass_context
def ingest(ctx: click.Context, targets: tuple[str, ...], kind: str | None, skip_bad: bool) -> None:
    """Load documents into the store.

    TARGETS are files (document JSON lines) or - for stdin. Each file is loaded in one
    transaction: a malformed line rejects the whole file (FILE:LINE: reason) unless
    --skip-bad is given. Documents already stored (same id or same text) are skipped.

    \b
    Example:
      bilateral ingest news.jsonl
      cat news.jsonl | bilateral --db my.duckdb ingest -
    """
    options = sources.IngestOptions(kind=kind, skip_bad=skip_bad)
    with app(ctx).store() as store, err_console.status("ingesting…"):
        reports = sources.ingest(targets, store, options)
    for report in reports:
        parts = []
        if report.documents is not None:
            d = report.documents
            parts.append(f"{d.read} documents read, {d.added} added, {d.duplicates} already stored")
            if d.conflicts:
                parts.append(f"{d.conflicts} skipped: id already used by another text")
        if report.events is not None:
            e = report.events
            parts.append(f"{e.read} events read, {e.added} added, {e.duplicates} already stored")
        if report.mentions is not None:
            m = report.mentions
            parts.append(f"{m.read} mentions read, {m.added} added, {m.duplicates} already stored")
        if report.skipped_bad:
            parts.append(f"{report.skipped_bad} bad records skipped")
        if report.repaired:
            parts.append(f"{report.repaired} lines repaired")
        err_console.print(f"{report.target}: " + "; ".join(parts), highlight=False)
        for note in report.notes[:20]:
            err_console.print(f"  {note}", highlight=False)


COMMANDS = [ingest]
