"""Analysis commands: stories (rebuild), timeline, dyad."""

from __future__ import annotations

import csv
import json
import sys

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bilateral.analysis import (
    DyadAnalysis,
    StoryRef,
    TimelineRow,
    analyse_pair,
    build_stories,
    timeline,
)
from bilateral.analysis.common import PERIODS, dimension_names
from bilateral.analysis.stories import DEFAULT_MIN_SIMILARITY, DEFAULT_WINDOW_DAYS
from bilateral.cli.common import app, err_console, out_console


@click.command()
@click.option(
    "--window",
    default=None,
    type=click.IntRange(0, 60),
    help=f"Most days between two reports of one happening "
    f"[default: BILATERAL_STORY_WINDOW or {DEFAULT_WINDOW_DAYS}].",
)
@click.option(
    "--similarity",
    default=DEFAULT_MIN_SIMILARITY,
    show_default=True,
    type=click.FloatRange(0.0, 1.0),
    help="Least word overlap (Jaccard) of two reports on different days.",
)
@click.pass_context
def stories(ctx: click.Context, window: int | None, similarity: float) -> None:
    """Merge the stored events into stories (reports of one happening count once).

    Rebuilds the whole stories table from the events; story ids are hashes of their events, so
    a rebuild of the same events gives the same stories.

    \b
    Example:
      bilateral stories
      bilateral stories --window 5
    """
    with app(ctx).store() as store:
        n = build_stories(store, window_days=window, min_similarity=similarity)
        events = store.count("events")
    err_console.print(f"{events:,} events merged into {n:,} stories", highlight=False)


def _read_only(ctx: click.Context) -> bool:
    return app(ctx).db_path.exists()


@click.command("timeline")
@click.argument("a")
@click.argument("b")
@click.option("--by", type=click.Choice(PERIODS), default="quarter", show_default=True)
@click.option("--from", "start", metavar="DATE", help="First day (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Last day, inclusive (YYYY, YYYY-MM or date).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.pass_context
def timeline_cmd(
    ctx: click.Context, a: str, b: str, by: str, start: str | None, end: str | None, fmt: str
) -> None:
    """Stories and summed intensity of the pair A–B per month, quarter or year.

    \b
    Example:
      bilateral timeline IRN BLR --by year
      bilateral timeline IRN BLR --by quarter --format csv > irn-blr.csv
    """
    with app(ctx).store(read_only=_read_only(ctx)) as store:
        rows = timeline(store, a, b, by=by, start=start, end=end)
    if fmt == "json":
        click.echo(json.dumps([r.to_dict() for r in rows], indent=2))
    elif fmt == "csv":
        _timeline_csv(rows)
    else:
        _print_table(_timeline_table(rows, f"{a.upper()}–{b.upper()} by {by}"))


def _timeline_csv(rows: list[TimelineRow]) -> None:
    dims = dimension_names()
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(
        ["period", "start", "stories", "reports", "intensity", "cooperation", "conflict"]
        + [f"dim_{d}" for d in dims]
    )
    for r in rows:
        writer.writerow(
            [r.period, r.start.isoformat(), r.stories, r.reports]
            + [round(x, 3) for x in (r.intensity, r.cooperation, r.conflict)]
            + [round(r.by_dimension[d], 3) for d in dims]
        )


def _print_table(table: Table) -> None:
    # A pipe or file has no width; do not squeeze the table into the 80 columns rich assumes.
    if out_console.is_terminal:
        out_console.print(table)
    else:
        Console(file=sys.stdout, width=max(out_console.width, 120)).print(table)


def _timeline_table(rows: list[TimelineRow], title: str) -> Table:
    """Periods with stories; dimension columns only for dimensions that occur."""
    shown = [r for r in rows if r.stories]
    dims = [d for d in dimension_names() if any(r.by_dimension[d] for r in shown)]
    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=False)
    table.add_column("period", no_wrap=True, min_width=7)
    for name in ("stories", "reports", "net", "coop", "conflict", *[d[:4] for d in dims]):
        table.add_column(name, justify="right", no_wrap=True)
    for r in shown:
        table.add_row(
            r.period,
            str(r.stories),
            str(r.reports),
            f"{r.intensity:.1f}",
            f"{r.cooperation:.1f}",
            f"{r.conflict:.1f}",
            *[f"{r.by_dimension[d]:.1f}" if r.by_dimension[d] else "" for d in dims],
        )
    if dims:
        table.caption = "intensity by dimension: " + ", ".join(f"{d[:4]} = {d}" for d in dims)
    return table


@click.command()
@click.argument("a")
@click.argument("b")
@click.option("--from", "start", metavar="DATE", help="First day (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--to", "end", metavar="DATE", help="Last day, inclusive (YYYY, YYYY-MM or date).")
@click.option(
    "--by",
    type=click.Choice(PERIODS),
    default="quarter",
    show_default=True,
    help="Periods of the timeline.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.pass_context
def dyad(
    ctx: click.Context, a: str, b: str, start: str | None, end: str | None, by: str, fmt: str
) -> None:
    """The analysis of the pair A–B: timeline, phases and shifts, triangles, divergences,
    reactions, each finding with its stories and their sources.

    \b
    Example:
      bilateral dyad IRN BLR
      bilateral dyad IRN BLR --from 2020 --format json | jq .phases
    """
    with app(ctx).store(read_only=_read_only(ctx)) as store:
        result = analyse_pair(store, a, b, start=start, end=end, by=by)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print_dyad(result)


def _story_line(s: StoryRef) -> Text:
    who = f"{s.actor}→{s.recipient}" if s.recipient else s.actor
    neg = " (denied)" if s.negated else ""
    outlets = ", ".join(dict.fromkeys(src.source or src.doc_id for src in s.sources))
    line = Text("    ")
    line.append(f"{s.date} ", style="cyan")
    line.append(f"{s.event_type}{neg} {who}: ", style="bold")
    line.append(s.summary.strip()[:200])
    line.append(f"  [{s.n_reports} report{'s' * (s.n_reports != 1)}: {outlets}]", style="dim")
    return line


def _heading(text: str) -> None:
    out_console.print()
    out_console.print(Text(text, style="bold underline"))


def print_dyad(result: DyadAnalysis) -> None:
    a, b = result.pair
    out_console.print(
        Text(f"{a}–{b}, {result.start} to {result.end}", style="bold"),
        Text(
            f"  {_count(result.stories, 'story', 'stories')} from "
            f"{_count(result.reports, 'report', 'reports')}"
        ),
    )
    _heading(f"Phases (change points on the {result.phase_by}ly series)")
    for p in result.phases:
        out_console.print(
            Text(f"  {p.start}–{p.end}: ", style="bold").append(
                f"{p.label} ({_count(p.stories, 'story', 'stories')}, level {p.level}, "
                f"dominant {p.dominant_dimension})",
                style="",
            )
        )
        for s in p.landmarks:
            out_console.print(_story_line(s))
    _heading("Shifts and their catalysts")
    if not result.shifts:
        out_console.print("  none: the pair's history is one phase")
    for sh in result.shifts:
        out_console.print(
            Text(f"  {sh.date} ({sh.direction}, {sh.basis}): ", style="bold").append(
                f"{sh.from_label} → {sh.to_label}", style=""
            )
        )
        for c in sh.catalysts:
            out_console.print(Text(f"   {c.kind}:", style="magenta"))
            out_console.print(_story_line(c.story))
    _heading("Triangles (third parties tied to both)")
    if not result.triangles:
        out_console.print("  none found")
    for t in result.triangles:
        rose = "rose together" if t.rose_together else "did not rise together"
        out_console.print(
            Text(f"  {t.third}: ", style="bold").append(
                f"strength {t.strength:.2f} (share of {a}'s cooperation {t.share_a:.2f}, of "
                f"{b}'s {t.share_b:.2f}); the three ties {rose} after {t.split}",
                style="",
            )
        )
        for s in t.evidence:
            out_console.print(_story_line(s))
    _heading("Divergences (third parties the two treat in opposite ways)")
    if not result.divergences:
        out_console.print("  none found")
    for d in result.divergences:
        out_console.print(
            Text(f"  {d.third}: ", style="bold").append(
                f"{a} {d.a_stance}, {b} {d.b_stance}", style=""
            )
        )
        for s in d.evidence:
            out_console.print(_story_line(s))
    _heading(f"Reactions of others to {a} and {b}")
    if not result.reactions:
        out_console.print("  none found")
    for r in result.reactions:
        types = ", ".join(f"{k} {v}" for k, v in r.types.items())
        pair_note = f"; {r.on_pair} against both in one report" if r.on_pair else ""
        out_console.print(
            Text(f"  {r.by}: ", style="bold").append(
                f"{_count(r.stories, 'story', 'stories')} ({types}); toward {a} {r.targets[a]}, "
                f"{b} "
                f"{r.targets[b]}{pair_note}",
                style="",
            )
        )
        for s in r.evidence:
            out_console.print(_story_line(s))
    _heading(f"Timeline by {result.by} (periods with stories)")
    _print_table(_timeline_table(list(result.timeline), ""))


COMMANDS = [stories, timeline_cmd, dyad]


def _count(n: int, one: str, many: str) -> str:
    """A count with its noun: "1 story", "2 stories"."""
    return f"{n} {one if n == 1 else many}"
