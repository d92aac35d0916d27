"""The command line as a user meets it: help, version, errors, exit codes, pipes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from bilateral import __version__
from bilateral.cli import cli, main


def run(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "bilateral", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        env={**os.environ, **(env or {})},
        check=False,
    )


def all_commands() -> list[tuple[str, click.Command]]:
    found: list[tuple[str, click.Command]] = []

    def walk(prefix: str, command: click.Command) -> None:
        found.append((prefix, command))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}".strip(), sub)

    walk("", cli)
    return found


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"bilateral, version {__version__}"


@pytest.mark.parametrize("name", [name for name, _ in all_commands()])
def test_every_command_has_help_with_an_example(
    name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*name.split(), "--help"])
    out = capsys.readouterr().out
    assert code == 0
    assert "Usage: bilateral" in out
    assert "Example" in out, f"`bilateral {name} --help` shows no example"


def test_an_error_is_one_clear_line_and_a_nonzero_exit(tmp_path: Path) -> None:
    result = run("--db", str(tmp_path / "s.duckdb"), "ingest", str(tmp_path / "missing.jsonl"))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert "missing.jsonl: no such file" in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    result = run(
        "--debug", "--db", str(tmp_path / "s.duckdb"), "ingest", str(tmp_path / "missing.jsonl")
    )
    assert result.returncode == 2
    assert "Traceback" in result.stderr.decode()


def test_malformed_line_names_file_and_line_and_leaves_store_unchanged(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "a", "text": "Iran and Belarus met."}\n', "utf-8")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "b", "text": "fine"}\n{"id": "c" "text": "broken"}\n', "utf-8")
    assert run("--db", db, "ingest", str(good)).returncode == 0
    result = run("--db", db, "ingest", str(bad))
    assert result.returncode == 2
    assert f"{bad}:2: invalid JSON" in result.stderr.decode()
    stats = json.loads(run("--db", db, "stats", "--json").stdout)
    assert stats["documents"] == 1


def test_ingest_from_stdin_and_export_to_stdout(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    lines = b'{"id": "x1", "text": "Minsk and Tehran agreed to open flights."}\n'
    first = run("--db", db, "ingest", "-", stdin=lines)
    assert first.returncode == 0
    assert "1 added" in first.stderr.decode()
    again = run("--db", db, "ingest", "-", stdin=lines)
    assert "0 added, 1 already stored" in again.stderr.decode()
    out = run("--db", db, "export", "documents", "-")
    assert json.loads(out.stdout) == {
        "id": "x1",
        "text": "Minsk and Tehran agreed to open flights.",
        "language": "en",
    }


def test_a_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    docs = tmp_path / "many.jsonl"
    docs.write_text(
        "".join(
            json.dumps({"text": f"Report number {i} about talks."}) + "\n" for i in range(30000)
        ),
        "utf-8",
    )
    assert run("--db", str(db), "ingest", str(docs)).returncode == 0
    pipeline = subprocess.run(
        f"{sys.executable} -m bilateral --db {db} export documents - | head -n 1",
        shell=True,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert pipeline.stdout.count(b"\n") == 1
    assert b"Traceback" not in pipeline.stderr
    assert b"BrokenPipe" not in pipeline.stderr


def test_bilateral_db_environment_variable_selects_the_store(tmp_path: Path) -> None:
    db = tmp_path / "from-env.duckdb"
    result = run("ingest", "-", stdin=b'{"text": "hello"}\n', env={"BILATERAL_DB": str(db)})
    assert result.returncode == 0
    assert db.exists()


def test_export_refuses_parquet_to_stdout(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    run("--db", db, "ingest", "-", stdin=b'{"text": "hello"}\n')
    result = run("--db", db, "export", "documents", "-", "--format", "parquet")
    assert result.returncode != 0
    assert "Parquet cannot be written to stdout" in result.stderr.decode()


def test_stats_on_a_missing_store_says_so_and_creates_nothing(tmp_path: Path) -> None:
    db = tmp_path / "nothing-here.duckdb"
    result = run("--db", str(db), "stats")
    assert result.returncode != 0
    assert "no store here" in result.stderr.decode()
    assert not db.exists()


def test_migrate_upgrades_an_old_store_for_read_only_commands(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes((Path(__file__).parent / "store" / "fixtures" / "store-v1.duckdb").read_bytes())
    before = run("--db", str(old), "stats")
    assert before.returncode != 0
    assert "run `bilateral migrate`" in before.stderr.decode()
    upgraded = run("--db", str(old), "migrate")
    assert upgraded.returncode == 0
    assert "upgraded to schema version" in upgraded.stderr.decode()
    assert "already at schema version" in run("--db", str(old), "migrate").stderr.decode()
    assert json.loads(run("--db", str(old), "stats", "--json").stdout)["documents"] == 2
