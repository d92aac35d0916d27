"""POLECAT weekly exports, with the known malformations (written here, not copied)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.cli import main
from bilateral.errors import InputError
from bilateral.sources import IngestOptions, ingest, source_for
from bilateral.sources.polecat import load_file
from bilateral.store import Store

HEADER = [
    "Event ID",
    "Event Date",
    "Event Type",
    "Event Mode",
    "Intensity",
    "Contexts",
    "Actor Name",
    "Actor Country",
    "Primary Actor Sector",
    "Recipient Name",
    "Recipient Country",
    "Primary Recipient Sector",
    "Placename",
    "Country",
    "Story ID",
]
ROWS = [
    [
        "ev-1",
        "2023-03-13",
        "CONSULT",
        "visit",
        "4",
        "diplomatic",
        "Alexander Lukashenko",
        "BLR",
        "GOV",
        "Ebrahim Raisi",
        "IRN",
        "GOV",
        "Tehran",
        "IRN",
        "st-1",
    ],
    [
        "ev-2",
        "2023-03-13",
        "SUPPORT",
        "",
        "",
        "economic; transport",
        "Belarus",
        "BLR",
        "GOV",
        "Iran",
        "IRN",
        "GOV",
        "Tehran",
        "IRN",
        "st-1",
    ],
    [
        "ev-3",
        "2023-03-20",
        "sanction",
        "expel",
        "-5.5",
        "diplomatic",
        "Lithuania",
        "LTU",
        "GOV",
        "Belarus",
        "BLR",
        "GOV",
        "",
        "",
        "st-2",
    ],
    [
        "ev-4",
        "2023-04-02",
        "ACCUSE",
        "shout",
        "-2",
        "diplomatic, nonsense",
        "Ukraine",
        "UKR",
        "GOV",
        "",
        "",
        "",
        "",
        "",
        "",
    ],
]


def _write(path: Path, header: list[str], rows: list[list[str]], tail: str = "") -> Path:
    text = "\t".join(header) + "\n" + "".join("\t".join(r) + tail + "\n" for r in rows)
    path.write_text(text, encoding="utf-8")
    return path


def _events(store: Store) -> dict[str, tuple[object, ...]]:
    rows = store.con.execute(
        "SELECT id, doc_id, date, actor_code, recipient_code, event_type, mode, context, "
        "intensity, location_place, coder FROM events"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def test_a_regular_export_loads_with_its_values(tmp_path: Path, db_path: Path) -> None:
    path = _write(tmp_path / "ngec_2023-03-13.tsv", HEADER, ROWS)
    assert source_for(str(path)).name == "polecat"
    with Store(db_path) as store:
        load = load_file(store, path)
        assert (load.read, load.added, load.repaired) == (4, 4, 0)
        assert load.dropped_modes == 1
        assert load.dropped_contexts == 1
        events = _events(store)
        assert load_file(store, path).added == 0
    assert events["polecat:ev-1"] == (
        "polecat:st-1",
        "2023-03-13",
        "BLR",
        "IRN",
        "CONSULT",
        "visit",
        ["diplomatic"],
        4.0,
        "Tehran",
        "polecat",
    )
    assert events["polecat:ev-2"][6:8] == (["economic", "transport"], 5.0)
    assert events["polecat:ev-3"][4:6] == ("SANCTION", "expel")
    assert events["polecat:ev-4"][0] == "polecat:ev-4"  # no story: the event is its own doc
    assert events["polecat:ev-4"][3:7] == (None, "ACCUSE", None, ["diplomatic"])


def test_extra_header_names_are_repaired(tmp_path: Path, db_path: Path) -> None:
    header = [*HEADER[:3], "Headline", *HEADER[3:]]
    path = _write(tmp_path / "bad_header.tsv", header, ROWS)
    with Store(db_path) as store:
        [report] = ingest([str(path)], store, IngestOptions())
        assert report.repaired == 1
        assert "Headline" in report.notes[0]
        assert _events(store)["polecat:ev-1"][1:3] == ("2023-03-13", "BLR")


def test_extra_tab_columns_are_repaired_and_counted(tmp_path: Path, db_path: Path) -> None:
    path = _write(tmp_path / "tabs.tsv", HEADER, ROWS[:2])
    with path.open("a", encoding="utf-8") as fh:
        for row in ROWS[2:]:
            fh.write("\t".join(row) + "\t\t\t\n")
    with Store(db_path) as store:
        [report] = ingest([str(path)], store, IngestOptions())
        assert report.repaired == 2
        assert report.events is not None
        assert report.events.added == 4


def test_bad_rows_name_their_line_and_store_nothing(tmp_path: Path, db_path: Path) -> None:
    rows = [list(r) for r in ROWS]
    rows[1][1] = "13/03/2023"
    rows[2] = rows[2][:5]
    rows[3] = [*rows[3], "not empty"]
    path = _write(tmp_path / "bad.tsv", HEADER, rows)
    with Store(db_path) as store:
        with pytest.raises(InputError) as info:
            load_file(store, path)
        assert (info.value.line, info.value.reason) == (3, "Event Date '13/03/2023' is not a date")
        assert store.count("events") == 0
        load = load_file(store, path, skip_bad=True)
        assert (load.read, load.added, load.skipped_bad) == (1, 1, 3)
        assert [e.line for e in load.errors] == [3, 4, 5]
        assert "expected 15 tab-separated fields, found 5" in load.errors[1].reason
        assert "not empty" in load.errors[2].reason


def test_non_utf8_and_missing_columns(tmp_path: Path, db_path: Path) -> None:
    path = _write(tmp_path / "latin.tsv", HEADER, ROWS)
    data = path.read_bytes().replace(b"Lukashenko", b"Luka\xe8enko")
    path.write_bytes(data)
    with Store(db_path) as store:
        with pytest.raises(InputError, match="not valid UTF-8") as info:
            load_file(store, path)
        assert info.value.line == 2
        odd = _write(tmp_path / "odd.tsv", ["Event ID", "Something"], [["1", "x"]])
        with pytest.raises(InputError, match="no event_date, event_type column"):
            load_file(store, odd)
        assert store.count("events") == 0


def test_cli_reports_repairs(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = [*HEADER, "Headline"]
    path = _write(tmp_path / "week.tsv", header, ROWS)
    assert main(["--db", str(db_path), "ingest", str(path)]) == 0
    err = capsys.readouterr().err
    assert "4 events read, 4 added" in err
    assert "1 lines repaired" in err
