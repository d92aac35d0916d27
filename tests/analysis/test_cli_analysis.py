"""The analysis commands as a user runs them."""

from __future__ import annotations

import csv
import io
import json

import pytest

from bilateral.cli import main


@pytest.fixture
def world_db(world, planter):  # type: ignore[no-untyped-def]
    world.close()
    return str(planter.path)


def test_stories_command_rebuilds(world_db, capsys) -> None:
    assert main(["--db", world_db, "stories"]) == 0
    assert "176 events merged into 118 stories" in capsys.readouterr().err


def test_timeline_formats(world_db, capsys) -> None:
    by_year = ["--db", world_db, "timeline", "AAA", "BBB", "--by", "year"]
    assert main([*by_year, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["period"] == "2000"
    assert sum(r["stories"] for r in rows) == 44
    assert main([*by_year, "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["period"] for r in table][-1] == "2015"
    assert "dim_military" in table[0]
    assert main(["--db", world_db, "timeline", "AAA", "BBB", "--from", "2015"]) == 0
    assert "2015Q" in capsys.readouterr().out


def test_dyad_text_and_json(world_db, capsys) -> None:
    assert main(["--db", world_db, "dyad", "AAA", "BBB", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [t["third"] for t in data["triangles"]] == ["TTT"]
    assert main(["--db", world_db, "dyad", "AAA", "BBB"]) == 0
    text = capsys.readouterr().out
    for heading in ("Phases", "Shifts", "Triangles", "Divergences", "Reactions", "Timeline"):
        assert heading in text
    assert "military alignment" in text


def test_errors_are_messages_not_tracebacks(world_db, capsys) -> None:
    assert main(["--db", world_db, "dyad", "AAA", "ZZZ"]) == 4
    err = capsys.readouterr().err
    assert "unknown actor code 'ZZZ'" in err
    assert "Traceback" not in err
    assert main(["--db", world_db, "timeline", "AAA", "BBB", "--from", "2030"]) == 4
    assert "no stories between AAA and BBB" in capsys.readouterr().err


def test_stories_window_is_a_flag(planter, capsys) -> None:
    text = "Lukashenko received the Iranian foreign minister in Minsk"
    planter.add("IRN", "BLR", "CONSULT", "2023-03-13", text=f"{text} (first report)")
    planter.add("IRN", "BLR", "CONSULT", "2023-03-14", text=f"{text} (second report)")
    planter.build().close()
    db = str(planter.path)
    assert main(["--db", db, "stories"]) == 0
    assert "2 events merged into 1 stories" in capsys.readouterr().err
    assert main(["--db", db, "stories", "--window", "0"]) == 0
    assert "2 events merged into 2 stories" in capsys.readouterr().err
