"""The command line: thin commands over the library.

Every module ``bilateral/cli/cmd_*.py`` is a group of commands; it defines ``COMMANDS`` and is
found by name, so a new command needs no edit here. Each command parses its arguments, calls one
library function and prints; ``BilateralError`` becomes one message and its exit code (a
traceback only with ``--debug``), and a closed pipe ends quietly.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import traceback
from typing import Any

import click

from bilateral import __version__, settings
from bilateral.cli.common import AppContext, err_console
from bilateral.errors import BilateralError


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: bilateral brief IRN BLR",
)
@click.version_option(__version__, prog_name="bilateral")
@click.option(
    "--db",
    type=click.Path(dir_okay=False),
    envvar="BILATERAL_DB",
    show_envvar=True,
    help="The DuckDB store file (default: ~/.local/share/bilateral/bilateral.duckdb).",
)
@click.option(
    "--debug",
    is_flag=True,
    envvar="BILATERAL_DEBUG",
    show_envvar=True,
    help="Show full tracebacks on errors.",
)
@click.pass_context
def cli(ctx: click.Context, db: str | None, debug: bool) -> None:
    """bilateral: how the relationship between two states evolves, from open news.

    Ingest news and event data, extract PLOVER events with their evidence, merge reports into
    stories, analyse a pair of states and write the analyst's briefing.
    """
    ctx.obj = AppContext(db=db, debug=debug)


def _register_commands() -> None:
    package = importlib.import_module("bilateral.cli")
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        if info.name.startswith("cmd_"):
            module = importlib.import_module(f"bilateral.cli.{info.name}")
            for command in getattr(module, "COMMANDS", ()):
                cli.add_command(command)


_register_commands()


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; return (and exit with) the process exit code."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(settings.get("debug"))
    code = 0
    try:
        cli.main(args=args, prog_name="bilateral", standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.Abort:
        err_console.print("Aborted.")
        code = 130
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except BrokenPipeError:
        _quiet_broken_pipe()
        code = 0
    except BilateralError as exc:
        if debug:
            traceback.print_exc()
        label = click.style("error", fg="red", bold=True)
        click.echo(f"{label} [{exc.code}]: {exc.message}", err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        code = 130
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
    if argv is None:
        sys.exit(code)
    return code


def _quiet_broken_pipe() -> None:
    # Python flushes stdout at exit; point it at devnull so a closed pipe stays quiet.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def __getattr__(name: str) -> Any:  # pragma: no cover - convenience for `python -m`
    raise AttributeError(name)
