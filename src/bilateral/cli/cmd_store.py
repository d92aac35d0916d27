"""Store commands: stats, export, import."""

from __future__ import annotations

import json
from pathlib import Path

import click
from rich.table import Table

from bilateral.cli.common import app, err_console, out_console
from bilateral.errors import StoreError
from bilateral.store import TABLES
from bilateral.store.core import FORMATS


def _format_from(path: str, given: str | None) -> str:
    if given:
        return given
    suffix = Path(path).suffix.lower()
    return {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl"}.get(
        suffix, "jsonl"
    )


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--top", default=10, show_default=True, help="How many top pairs to list.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool, top: int) -> None:
    """Show what the store holds: documents, events, stories, date range, top pairs.

    \b
    Example:
      bilateral stats
      bilateral stats --json | jq .top_pairs
    """
    with app(ctx).store(read_only=True) as store:
        figures = store.stats(top=top)
    if as_json:
        click.echo(json.dumps(figures, indent=2))
        return
    table = Table(title=f"bilateral store {figures['path']}", show_header=False)
    table.add_row("schema version", str(figures["schema_version"]))
    for key in ("documents", "events", "stories", "actors"):
        table.add_row(key, f"{figures[key]:,}")
    dp = figures["documents_published"] or [None, None]
    de = figures["events_dated"] or [None, None]
    table.add_row("documents published", f"{dp[0] or '–'} … {dp[1] or '–'}")
    table.add_row("events dated", f"{de[0] or '–'} … {de[1] or '–'}")
    for entry in figures["top_pairs"]:
        a, b = entry["pair"]
        count = entry["stories"] if entry["stories"] is not None else entry["reports"]
        one, many = ("story", "stories") if entry["stories"] is not None else ("report", "reports")
        unit = one if count == 1 else many
        table.add_row(f"pair {a}–{b}", f"{count} {unit}")
    out_console.print(table)


@click.command("export")
@click.argument("table", type=click.Choice(TABLES))
@click.argument("target", default="-")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Default: from TARGET's suffix, else jsonl."
)
@click.pass_context
def export_cmd(ctx: click.Context, table: str, target: str, fmt: str | None) -> None:
    """Export a whole table as Parquet, CSV or JSON lines (TARGET - is stdout).

    Documents and events are written in their record forms in JSON lines.

    \b
    Example:
      bilateral export documents docs.parquet
      bilateral export events - | head
    """
    fmt = _format_from(target, fmt)
    with app(ctx).store(read_only=True) as store:
        n = store.export(table, target, fmt)
    if target != "-":
        err_console.print(f"{n} rows of {table} written to {target} ({fmt})", highlight=False)


@click.command("import")
@click.argument("table", type=click.Choice(TABLES))
@click.argument("source")
@click.option(
    "--format", "fmt", type=click.Choice(FORMATS), help="Default: from SOURCE's suffix, else jsonl."
)
@click.pass_context
def import_cmd(ctx: click.Context, table: str, source: str, fmt: str | None) -> None:
    """Import a table exported by `bilateral export` (rows already stored are skipped).

    \b
    Example:
      bilateral --db copy.duckdb import documents docs.parquet
    """
    fmt = _format_from(source, fmt)
    with app(ctx).store() as store:
        result = store.import_table(table, source, fmt)
    err_console.print(
        f"{source}: {result.read} rows read, {result.added} added to {table}, "
        f"{result.duplicates} already stored",
        highlight=False,
    )


@click.command()
@click.pass_context
def migrate(ctx: click.Context) -> None:
    """Upgrade a store written by an older bilateral to the current schema.

    Every command that writes upgrades the store it opens; this one does only that, so a store
    can be upgraded before read-only commands (stats, export, timeline, dyad) use it.

    \b
    Example:
      bilateral --db old.duckdb migrate
    """
    path = app(ctx).db_path
    if not path.exists():
        raise StoreError(f"{path}: no store here (run `bilateral ingest` first)")
    with app(ctx).store() as store:
        version = store.schema_version()
        applied = store.applied
    if applied:
        done = ", ".join(str(v) for v in applied)
        err_console.print(f"{path}: upgraded to schema version {version} (applied {done})")
    else:
        err_console.print(f"{path}: already at schema version {version}")


COMMANDS = [stats, export_cmd, import_cmd, migrate]
