"""The ingest command: every input kind through the sources registry."""

from __future__ import annotations

import click

from bilateral import sources
from bilateral.cli.common import app, err_console


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--kind",
    help="Input kind, when it cannot be told from the name: jsonl, text, html, gdelt, "
    "polecat, url, rss.",
)
@click.option("--skip-bad", is_flag=True, help="Skip malformed records and report how many.")
@click.option(
    "--include", multiple=True, metavar="GLOB", help="In folders, only files matching GLOB."
)
@click.option("--exclude", multiple=True, metavar="GLOB", help="In folders, leave out GLOB.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let URLs and feeds reach loopback, private and link-local addresses.",
)
@click.option(
    "--timeout",
    type=float,
    envvar="BILATERAL_HTTP_TIMEOUT",
    help="Seconds to wait for a URL or feed [env: BILATERAL_HTTP_TIMEOUT; default 20].",
)
@click.pass_context
def ingest(
    ctx: click.Context,
    targets: tuple[str, ...],
    kind: str | None,
    skip_bad: bool,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    allow_private: bool,
    timeout: float | None,
) -> None:
    """Load news and event data into the store.

    TARGETS are files, folders (read recursively), URLs, RSS/Atom feeds or - for stdin:
    document JSON lines, plain text, HTML pages, GDELT event and mention exports (zipped or
    not) and POLECAT weekly exports. Each file is loaded in one transaction: a malformed line
    rejects the whole file (FILE:LINE: reason) unless --skip-bad is given. Documents already
    stored (same id or same text) and events already stored are skipped.

    \b
    Example:
      bilateral ingest news.jsonl
      bilateral ingest archive/ --include '*.html' --exclude 'drafts/*'
      bilateral ingest 20150218230000.export.CSV.zip
      bilateral ingest https://example.org/feed.xml --kind rss
      cat news.jsonl | bilateral --db my.duckdb ingest -
    """
    options = sources.IngestOptions(
        kind=kind,
        skip_bad=skip_bad,
        allow_private=allow_private,
        include=include,
        exclude=exclude,
        timeout=timeout,
    )
    with app(ctx).store() as store, err_console.status("ingesting…"):
        reports = sources.ingest(targets, store, options)
    for report in reports:
        print_report(report)


def print_report(report: sources.IngestReport) -> None:
    """One line of figures per target on stderr, then its first notes."""
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
    err_console.print(f"{report.target}: " + ("; ".join(parts) or "nothing read"), highlight=False)
    for note in report.notes[:20]:
        err_console.print(f"  {note}", highlight=False)


COMMANDS = [ingest]
