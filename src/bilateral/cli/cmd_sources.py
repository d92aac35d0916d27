"""Commands that keep reading sources: ``watch`` (feeds) and ``gdelt fetch`` (GDELT exports)."""

from __future__ import annotations

import signal
import threading
from datetime import date
from types import FrameType

import click

from bilateral import settings, sources
from bilateral.cli.cmd_ingest import print_report
from bilateral.cli.common import app, err_console
from bilateral.errors import BilateralError, InputError
from bilateral.sources import gdelt_fetch, rss
from bilateral.sources.gdelt import GdeltLoad, report_for
from bilateral.sources.urls import FetchLimits


@click.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 1h.")
@click.option("--rounds", type=int, help="Stop after this many polls (default: run until stopped).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Let feeds and their items reach loopback, private and link-local addresses.",
)
@click.option(
    "--timeout",
    type=float,
    envvar="BILATERAL_HTTP_TIMEOUT",
    help="Seconds to wait for a feed or item [env: BILATERAL_HTTP_TIMEOUT; default 20].",
)
@click.pass_context
def watch(
    ctx: click.Context,
    feeds: tuple[str, ...],
    every: str,
    rounds: int | None,
    allow_private: bool,
    timeout: float | None,
) -> None:
    """Poll RSS/Atom feeds until stopped (Ctrl-C or SIGTERM), storing every new item.

    Each poll asks only for what changed (ETag, Last-Modified) and fetches only items not
    fetched before. The store is opened for each poll only. Stopping ends after the feed being
    polled, with everything polled so far stored.

    \b
    Example:
      bilateral watch https://example.org/world/rss.xml --every 15m
    """
    interval = rss.parse_every(every)
    options = sources.IngestOptions(kind="rss", allow_private=allow_private, timeout=timeout)
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        done = rss.watch(
            feeds,
            app(ctx).store,
            options,
            every=interval,
            stop=stop,
            rounds=rounds,
            on_report=print_report,
            on_error=lambda target, exc: err_console.print(
                f"{target}: [bold red]error[/] [{exc.code}]: {exc.message}", highlight=False
            ),
        )
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    reason = "stopped" if stop.is_set() else "done"
    err_console.print(f"watch {reason} after {done} poll(s)", highlight=False)


@click.group()
def gdelt() -> None:
    """GDELT exports: download a date range into the store.

    Single export files (zipped or not) load with `bilateral ingest`.

    \b
    Example:
      bilateral gdelt fetch --from 2023-03-13 --to 2023-03-14
    """


def _day(value: str, flag: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{flag} {value!r} is not a date (YYYY-MM-DD)") from None


@gdelt.command("fetch")
@click.option("--from", "start", required=True, help="First day (YYYY-MM-DD).")
@click.option("--to", "end", required=True, help="Last day, included (YYYY-MM-DD).")
@click.option(
    "--what",
    type=click.Choice(["events", "mentions", "both"]),
    default="events",
    show_default=True,
    help="Which GDELT 2.0 files to load.",
)
@click.option(
    "--master-url",
    envvar="BILATERAL_GDELT_MASTER_URL",
    help="The master file list [env: BILATERAL_GDELT_MASTER_URL; default: GDELT's].",
)
@click.option("--skip-bad", is_flag=True, help="Skip malformed rows and report how many.")
@click.option("--allow-private", is_flag=True, help="Let downloads reach private addresses.")
@click.option(
    "--timeout",
    type=float,
    envvar="BILATERAL_HTTP_TIMEOUT",
    help="Seconds to wait for each read [env: BILATERAL_HTTP_TIMEOUT; default 20].",
)
@click.pass_context
def gdelt_fetch_cmd(
    ctx: click.Context,
    start: str,
    end: str,
    what: str,
    master_url: str | None,
    skip_bad: bool,
    allow_private: bool,
    timeout: float | None,
) -> None:
    """Download and load the GDELT 2.0 files of a date range, via GDELT's master file list.

    Each file is checked against the list's size and MD5 and loaded in one transaction; files
    loaded before are skipped, so the command can be re-run or the range extended.

    \b
    Example:
      bilateral gdelt fetch --from 2023-03-13 --to 2023-03-14
      bilateral gdelt fetch --from 2023-03-13 --to 2023-03-13 --what both
    """
    kinds = ("events", "mentions") if what == "both" else (what,)
    limits = FetchLimits.from_settings(allow_private=allow_private, timeout=timeout)

    def on_file(name: str, load: GdeltLoad | None, error: str | None) -> None:
        if load is None:
            err_console.print(f"{name}: [bold red]failed[/]: {error}", highlight=False)
            return
        print_report(report_for(name, load))

    with app(ctx).store() as store:
        summary = gdelt_fetch.fetch_range(
            store,
            master_url or str(settings.get("gdelt_master_url")),
            _day(start, "--from"),
            _day(end, "--to"),
            limits,
            kinds=kinds,
            skip_bad=skip_bad,
            on_file=on_file,
        )
    err_console.print(
        f"{summary.listed} files in range: {len(summary.loaded)} loaded, "
        f"{summary.skipped_loaded} loaded before, {len(summary.failed)} failed",
        highlight=False,
    )
    if summary.failed:
        raise BilateralError(f"{len(summary.failed)} GDELT files could not be loaded")


COMMANDS = [watch, gdelt]
