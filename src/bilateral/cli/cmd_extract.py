"""Extraction commands: extract (documents in, events out), code (the store) and eval."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from bilateral.analysis.stories import build_stories
from bilateral.cli.common import app, err_console, out_console, progress
from bilateral.errors import OutputError
from bilateral.evaluate import EvalReport, Ratio, evaluate
from bilateral.extract import coder as coders
from bilateral.records import Document, GoldLabel
from bilateral.sources.jsonl import read_records


@click.command()
@click.argument("docs", default="-")
@click.option("-o", "--output", default="-", show_default=True, help="Events file, - for stdout.")
@click.option("--coder", "coder_name", default="rules", show_default=True, help="Coder by name.")
def extract(docs: str, output: str, coder_name: str) -> None:
    """Extract PLOVER events from documents (JSON lines in, JSON lines out).

    DOCS is a file of documents in the JSON-lines form of DESIGN.md, or - for stdin. Events
    stream out as they are found, one JSON object per line.

    \b
    Example:
      bilateral extract news.jsonl -o events.jsonl
      cat news.jsonl | bilateral extract - | jq .event_type
    """
    run = coders.get(coder_name)
    counts = {"documents": 0, "events": 0}

    def events() -> Iterator[str]:
        for document in read_records(docs, Document.from_dict):
            counts["documents"] += 1
            for event in run(document):
                counts["events"] += 1
                yield json.dumps(event.to_dict(), ensure_ascii=False) + "\n"

    if output == "-":
        for line in events():
            sys.stdout.write(line)
        sys.stdout.flush()
    else:
        try:
            fh = open(output, "w", encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise OutputError(f"{output}: cannot write: {exc.strerror}") from exc
        with fh:
            fh.writelines(events())
    err_console.print(
        f"{docs}: {counts['documents']} documents read, {counts['events']} events extracted",
        highlight=False,
    )


@click.command()
@click.option("--doc-id", "doc_ids", multiple=True, help="Code only these documents (repeatable).")
@click.option("--coder", "coder_name", default="rules", show_default=True, help="Coder by name.")
@click.option("--batch", default=500, show_default=True, help="Documents per transaction.")
@click.option(
    "--stories/--no-stories",
    default=True,
    show_default=True,
    help="Rebuild the stories from the events afterwards (what timeline, dyad and brief count).",
)
@click.pass_context
def code(
    ctx: click.Context, doc_ids: tuple[str, ...], coder_name: str, batch: int, stories: bool
) -> None:
    """(Re)code the documents in the store into events, then merge them into stories.

    Each batch of documents replaces its earlier events in one transaction, so running the
    command twice gives the same events (and the same stories).

    \b
    Example:
      bilateral code
      bilateral code --doc-id dev-0001 --doc-id dev-0002
    """
    run = coders.get(coder_name)
    with app(ctx).store() as store:
        ids = list(doc_ids) if doc_ids else None
        total = (
            len(ids)
            if ids is not None
            else int(store.con.execute("SELECT count(*) FROM documents").fetchall()[0][0])
        )
        documents = list(store.iter_documents(ids)) if ids is not None else None
        source = iter(documents) if documents is not None else store.iter_documents()
        done = 0
        found = 0
        added = 0
        with progress() as bar:
            task = bar.add_task("coding", total=total)
            while True:
                chunk: list[Document] = []
                for document in source:
                    chunk.append(document)
                    if len(chunk) >= batch:
                        break
                if not chunk:
                    break
                events = [e for d in chunk for e in run(d)]
                result = store.add_events(events, replace_docs=[d.id for d in chunk])
                done += len(chunk)
                found += len(events)
                added += result.added
                bar.update(task, advance=len(chunk))
        n_stories = build_stories(store) if stories else None
    missing = (len(ids) - done) if ids is not None else 0
    err_console.print(
        f"{done} documents coded, {found} events found, {added} stored"
        + (f"; {missing} requested ids not in the store" if missing else "")
        + (f"; {n_stories} stories" if n_stories is not None else ""),
        highlight=False,
    )


def _fmt(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _ratio_row(table: Table, name: str, ratio: Ratio) -> None:
    table.add_row(name, _fmt(ratio.value), f"{ratio.hits}/{ratio.total}")


@click.command("eval")
@click.argument("gold")
@click.argument("docs")
@click.option("--json", "json_out", help="Also write the figures as JSON to this file (- stdout).")
@click.option("--errors", default=0, show_default=True, help="Print the first N FPs and FNs.")
@click.option("--field-errors", default=0, show_default=True, help="Print N wrong fields.")
@click.option("--coder", "coder_name", default="rules", show_default=True, help="Coder by name.")
def eval_cmd(
    gold: str, docs: str, json_out: str | None, errors: int, field_errors: int, coder_name: str
) -> None:
    """Score the coder against gold labels: extract from DOCS, compare with GOLD.

    \b
    Example:
      bilateral eval tests/gold/dev-gold.jsonl tests/gold/dev-docs.jsonl
      bilateral eval gold.jsonl docs.jsonl --json scores.json --errors 30
    """
    run = coders.get(coder_name)
    labels = list(read_records(gold, GoldLabel.from_dict))
    report = evaluate(labels, read_records(docs, Document.from_dict), run)
    # With --json - the JSON owns stdout; the tables go to stderr.
    console = err_console if json_out == "-" else out_console
    _print_report(report, gold, console)
    for kind, items in (
        ("false positive", report.false_positives),
        ("false negative", report.false_negatives),
    ):
        for item in items[:errors]:
            what = item.get("predicted") or item.get("gold")
            text = item.get("sentence") or item.get("text")
            console.print(f"[bold]{kind}[/] {item['doc_id']}: {what}", highlight=False)
            console.print(f"    {text}", highlight=False, markup=False)
    for item in report.field_errors[:field_errors]:
        console.print(
            f"[bold]wrong {','.join(item['fields'])}[/] {item['doc_id']}\n"
            f"    gold: {item['gold']}\n    pred: {item['predicted']}",
            highlight=False,
        )
        console.print(f"    {item['sentence']}", highlight=False, markup=False)
    if json_out:
        data = json.dumps(report.to_dict(), indent=2)
        if json_out == "-":
            click.echo(data)
        else:
            try:
                Path(json_out).write_text(data + "\n", encoding="utf-8")
            except OSError as exc:
                raise OutputError(f"{json_out}: cannot write: {exc.strerror}") from exc


def _print_report(report: EvalReport, gold: str, console: Console) -> None:
    table = Table(title=f"bilateral eval: {gold}")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_column("count", justify="right")
    table.add_row("documents", "", str(report.documents))
    table.add_row("gold events", "", str(report.gold_events))
    table.add_row("predicted events", "", str(report.predicted_events))
    table.add_row("matched events", "", str(report.matched_events))
    table.add_row("event precision", _fmt(report.precision), "")
    table.add_row("event recall", _fmt(report.recall), "")
    table.add_row("event F1", _fmt(report.f1), "")
    _ratio_row(table, "type accuracy (same pair)", report.type_accuracy)
    _ratio_row(table, "pair accuracy (same type)", report.pair_accuracy)
    _ratio_row(table, "mode", report.mode)
    _ratio_row(table, "contexts exact", report.context_exact)
    table.add_row("contexts Jaccard", _fmt(report.context_jaccard), "")
    _ratio_row(table, "date", report.date)
    _ratio_row(table, "date precision", report.date_precision)
    _ratio_row(table, "location country", report.location)
    _ratio_row(table, "negation", report.negation)
    _ratio_row(table, "false-event rate (no-event docs)", report.false_event_docs)
    console.print(table)
    per = Table(title="per type")
    for col in ("type", "tp", "fp", "fn", "P", "R", "F1"):
        per.add_column(col, justify="right" if col != "type" else "left")
    for etype, row in report.to_dict()["per_type"].items():
        per.add_row(
            etype,
            str(row["tp"]),
            str(row["fp"]),
            str(row["fn"]),
            _fmt(row["precision"]),
            _fmt(row["recall"]),
            _fmt(row["f1"]),
        )
    console.print(per)
    if report.missing_documents:
        err_console.print(
            f"warning: {report.missing_documents} gold documents are not in the documents file",
            highlight=False,
        )


COMMANDS = [extract, code, eval_cmd]
