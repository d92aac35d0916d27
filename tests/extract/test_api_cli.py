"""The public API (``bilateral.extract``), the coder registry and the extract/code/eval commands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import bilateral
from bilateral.cli import main
from bilateral.errors import BilateralError
from bilateral.extract import coder as coders
from bilateral.extract import extract_many
from bilateral.records import Document, Event, GoldLabel
from bilateral.store import Store

DOCS = [
    {
        "id": "a1",
        "published": "2023-03-14",
        "text": "Belarus and Iran signed a road map for cooperation in Tehran on Monday.",
    },
    {
        "id": "a2",
        "published": "2023-03-13",
        "text": "TEHRAN, March 13 (IRNA) - Lukashenko arrived in Tehran on Sunday.",
    },
    {"id": "a3", "published": "2023-03-13", "text": "Trade grew by ten percent last year."},
]


def _write_docs(path: Path) -> Path:
    path.write_text("".join(json.dumps(d) + "\n" for d in DOCS), encoding="utf-8")
    return path


def test_the_package_itself_is_callable() -> None:
    doc = Document.from_dict(DOCS[0])
    events = bilateral.extract(doc)  # type: ignore[operator]
    assert [e.event_type for e in events] == ["SUPPORT"]
    assert isinstance(events[0], Event)


def test_extract_many_streams_all_documents() -> None:
    docs = [Document.from_dict(d) for d in DOCS]
    events = list(extract_many(docs))
    assert {e.doc_id for e in events} == {"a1", "a2"}


def test_unknown_coder_is_a_clear_error() -> None:
    with pytest.raises(BilateralError, match="unknown coder 'nope'"):
        coders.get("nope")
    assert "rules" in coders.CODERS


def test_event_ids_are_stable() -> None:
    doc = Document.from_dict(DOCS[0])
    assert [e.id for e in bilateral.extract(doc)] == [e.id for e in bilateral.extract(doc)]  # type: ignore[operator]


def test_extract_command_writes_json_lines(tmp_path: Path) -> None:
    docs = _write_docs(tmp_path / "docs.jsonl")
    out = tmp_path / "events.jsonl"
    assert main(["extract", str(docs), "-o", str(out)]) == 0
    events = [Event.from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert {(e.doc_id, e.event_type) for e in events} == {("a1", "SUPPORT"), ("a2", "CONSULT")}


def test_extract_command_streams_stdin_to_stdout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    import io
    import sys

    data = _write_docs(tmp_path / "docs.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["extract", "-"]) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert len(lines) == 2
    assert json.loads(lines[0])["doc_id"] == "a1"


def test_extract_command_names_the_bad_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_bytes(b'{"id": "x", "text": "ok"}\n\xff\xfe binary junk\n')
    code = main(["extract", str(bad), "-o", str(tmp_path / "out.jsonl")])
    assert code != 0
    assert "bad.jsonl:2" in capsys.readouterr().err


def test_code_command_is_idempotent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "store.duckdb"
    docs = _write_docs(tmp_path / "docs.jsonl")
    assert main(["--db", str(db), "ingest", str(docs)]) == 0
    assert main(["--db", str(db), "code"]) == 0
    err = capsys.readouterr().err
    assert "3 documents coded, 2 events found" in err
    with Store(db) as store:
        first = sorted(e.id for e in store.iter_events())
    assert main(["--db", str(db), "code"]) == 0
    assert main(["--db", str(db), "code", "--doc-id", "a1"]) == 0
    with Store(db) as store:
        assert sorted(e.id for e in store.iter_events()) == first
        # coding also merged the events into stories, which timeline, dyad and brief count
        assert store.count("stories") == 2
    assert len(first) == 2
    assert main(["--db", str(db), "code", "--no-stories"]) == 0
    assert "stories" not in capsys.readouterr().err.splitlines()[-1]


def test_eval_command_scores_and_writes_json(tmp_path: Path) -> None:
    docs = _write_docs(tmp_path / "docs.jsonl")
    gold = tmp_path / "gold.jsonl"
    labels = [
        GoldLabel("a1", "IRN", "BLR", "SUPPORT", None, ("diplomatic",), "2023-03-13", "day",
                  "IRN", False, False),
        GoldLabel("a2", "BLR", "IRN", "CONSULT", "visit", ("diplomatic",), "2023-03-12", "day",
                  "IRN", False, True),
        GoldLabel("a2", "BLR", "IRN", "AGREE", None, (), "2023-03-13", "day", None, False,
                  False),
    ]  # fmt: skip
    gold.write_text("".join(json.dumps(g.to_dict()) + "\n" for g in labels))
    out = tmp_path / "scores.json"
    assert main(["eval", str(gold), str(docs), "--json", str(out), "--errors", "5"]) == 0
    scores = json.loads(out.read_text())
    assert scores["gold_events"] == 3
    assert scores["matched_events"] == 2
    assert scores["event_precision"] == 1.0
    assert scores["event_recall"] == pytest.approx(2 / 3, abs=1e-3)
    assert scores["date_accuracy"]["value"] == 1.0
    assert scores["false_event_rate"] == {"value": 0.0, "hits": 0, "total": 1}
    assert scores["per_type"]["AGREE"]["fn"] == 1


def test_eval_json_to_stdout_is_pure_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docs = _write_docs(tmp_path / "docs.jsonl")
    gold = tmp_path / "gold.jsonl"
    label = GoldLabel("a1", "IRN", "BLR", "SUPPORT", directed=False)
    gold.write_text(json.dumps(label.to_dict()) + "\n")
    assert main(["eval", str(gold), str(docs), "--json", "-"]) == 0
    scores = json.loads(capsys.readouterr().out)
    assert scores["matched_events"] == 1
    assert scores["documents_without_events"] == 2
