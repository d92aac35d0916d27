"""The briefing command: `bilateral brief A B` writes the analyst's briefing on a pair."""

from __future__ import annotations

import time

import click

from bilateral import report
from bilateral.cli.common import app, err_console, out_console, progress


@click.command()
@click.argument("a")
@click.argument("b")
@click.option(
    "-o",
    "--output",
    "out_dir",
    envvar="BILATERAL_OUTPUT_DIR",
    show_envvar=True,
    help="Directory for the briefing files (default: the current directory).",
)
@click.option("--from", "start", metavar="DATE", help="First day of the period (YYYY[-MM[-DD]]).")
@click.option("--to", "end", metavar="DATE", help="Last day of the period (YYYY[-MM[-DD]]).")
@click.option(
    "--format",
    "formats",
    default="html,md",
    show_default=True,
    help="Comma-separated formats: html, md, json (json = the analysis and the sections).",
)
@click.option(
    "--corpus/--no-corpus",
    default=None,
    help="Load the embedded corpus into this store, or never. Default: into an empty store, "
    "or to top up a store that holds it.",
)
@click.pass_context
def brief(
    ctx: click.Context,
    a: str,
    b: str,
    out_dir: str | None,
    start: str | None,
    end: str | None,
    formats: str,
    corpus: bool | None,
) -> None:
    """Write the analyst's briefing on the relationship of states A and B.

    A and B are actor codes (ISO 3166 alpha-3 for states). On a fresh store the embedded
    corpus is loaded, its events extracted and merged into stories first (once); documents
    without events are extracted and stories rebuilt only when needed. Writes brief-A-B.html
    (one self-contained file) and brief-A-B.md with its charts beside it; prints the paths.

    \b
    Example:
      bilateral brief IRN BLR
      bilateral brief IRN BLR -o reports --from 2022 --format html,md,json
    """
    chosen = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
    began = time.perf_counter()
    with app(ctx).store() as store, progress() as bar:
        tasks: dict[str, object] = {}

        def tick(stage: str, done: int, total: int) -> None:
            task = tasks.get(stage)
            if task is None:
                task = bar.add_task(stage, total=total)
                tasks[stage] = task
            bar.update(task, completed=done, total=total)  # type: ignore[arg-type]

        result = report.brief(
            store,
            a,
            b,
            out_dir=out_dir,
            formats=chosen,
            start=start,
            end=end,
            progress=tick,
            corpus=corpus,
        )
    prep = result.preparation
    if prep is not None and prep.did_work:
        parts = []
        if prep.documents_added:
            parts.append(f"{prep.documents_added} documents loaded")
        if prep.documents_extracted:
            parts.append(
                f"{prep.events_added} events extracted from {prep.documents_extracted} documents"
            )
        if prep.stories_built is not None:
            parts.append(f"{prep.stories_built} stories built")
        err_console.print("store: " + ", ".join(parts), highlight=False)
    for line in result.summary_lines():
        out_console.print(line, highlight=False)
    for path in result.files:
        out_console.print(f"  {path}", highlight=False, soft_wrap=True)
    err_console.print(f"done in {time.perf_counter() - began:.1f} s", highlight=False)


COMMANDS = [brief]
