"""Files and folders: plain text, HTML, JSON lines and event exports, read recursively."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bilateral.cli import main
from bilateral.errors import InputError
from bilateral.sources import IngestOptions, ingest
from bilateral.sources.html import read_document as read_html
from bilateral.sources.text import read_document as read_text
from bilateral.store import Store

ARTICLE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>Iran and Belarus sign a cooperation road map | Example Wire</title>
<meta property="article:published_time" content="2023-03-13T09:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Iran and Belarus sign a cooperation road map</h1>
<p>Tehran and Minsk signed a comprehensive cooperation road map on Monday during a visit by
President Alexander Lukashenko to the Iranian capital, officials said.</p>
<p>The two sides also signed documents on trade, agriculture and transport, and agreed to
hold the next session of their joint economic commission in Minsk later this year.</p>
</article>
<footer>Copyright Example Wire. Subscribe to our newsletter.</footer>
</body></html>
"""

NEWS = (
    "Belarus and Iran agree to expand trade\n"
    "Minsk and Tehran agreed on Tuesday to expand trade and to open a direct air link, the\n"
    "Belarusian foreign ministry said after talks between the two foreign ministers.\n"
)


def _docs(store: Store) -> list[tuple[str, str, str]]:
    return sorted((d.title or "", d.published or "", d.text[:30]) for d in store.iter_documents())


def test_text_file_title_and_date_from_its_name(tmp_path: Path) -> None:
    path = tmp_path / "2023-03-14_trade.txt"
    path.write_text(NEWS, encoding="utf-8")
    doc = read_text(path)
    assert doc.title == "Belarus and Iran agree to expand trade"
    assert doc.published == "2023-03-14"
    assert doc.text.startswith("Belarus and Iran agree")
    undated = tmp_path / "trade.txt"
    undated.write_text(NEWS, encoding="utf-8")
    assert read_text(undated).published is None
    assert read_text(undated).id == doc.id  # same text, same document


def test_text_in_a_legacy_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    sentence = "Le président biélorusse est arrivé à Téhéran pour une visite de deux jours."
    path.write_bytes(sentence.encode("cp1252"))
    assert "président biélorusse est arrivé à Téhéran" in read_text(path).text


def test_empty_and_binary_text_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty file"):
        read_text(empty)
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"abc\x00def\n")
    with pytest.raises(InputError, match="NUL"):
        read_text(binary)


def test_html_main_text_title_and_date(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(ARTICLE, encoding="utf-8")
    doc = read_html(path)
    assert doc.published == "2023-03-13"
    assert doc.title is not None
    assert "Iran and Belarus sign a cooperation road map" in doc.title
    assert "comprehensive cooperation road map on Monday" in doc.text
    assert "newsletter" not in doc.text
    assert "Sport" not in doc.text


def test_html_with_100000_nested_tags_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    path.write_text(
        "<html><body>" + "<div>" * 100_000 + "deep" + "</div>" * 100_000 + "</body></html>",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        read_html(path)
    assert info.value.path == str(path)
    assert "no main text" in info.value.reason


def test_html_declared_charset_is_honoured(tmp_path: Path) -> None:
    page = ARTICLE.replace('charset="utf-8"', 'charset="windows-1251"').replace(
        "officials said", "сообщили официальные лица"
    )
    path = tmp_path / "ru.html"
    path.write_bytes(page.encode("windows-1251"))
    assert "сообщили официальные лица" in read_html(path).text


def _tree(root: Path, shared: Path | None = None) -> Path:
    (root / "wire" / "2023").mkdir(parents=True)
    (root / "drafts").mkdir()
    (root / ".cache").mkdir()
    (root / "wire" / "2023" / "2023-03-13-roadmap.html").write_text(ARTICLE, encoding="utf-8")
    (root / "wire" / "2023" / "2023-03-14-trade.txt").write_text(NEWS, encoding="utf-8")
    (root / "wire" / "feed.jsonl").write_text(
        json.dumps(
            {
                "id": "j1",
                "text": "Belarus and Iran held consultations in Minsk.",
                "published": "2023-04-01",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (root / "drafts" / "draft.txt").write_text("Draft\nnot for the store\n", encoding="utf-8")
    (root / ".cache" / "hidden.txt").write_text("Hidden\nnever read\n", encoding="utf-8")
    (root / "notes.bin").write_bytes(b"\x01\x02")
    if shared is not None:
        shutil.copy(shared / "gdelt" / "samples" / "events.csv", root / "wire" / "events.csv")
    return root


def test_folder_is_read_recursively_with_globs(tmp_path: Path, db_path: Path) -> None:
    root = _tree(tmp_path / "in")
    with Store(db_path) as store:
        [report] = ingest([str(root)], store, IngestOptions(exclude=("drafts/*",)))
        assert report.documents is not None
        assert (report.documents.read, report.documents.added) == (3, 3)
        assert "1 files of no known kind left out" in report.notes[0]
        titles = [t for t, _, _ in _docs(store)]
        assert "Draft" not in titles
        assert "Hidden" not in titles
        [again] = ingest([str(root)], store, IngestOptions(exclude=("drafts/*",)))
        assert again.documents is not None
        assert again.documents.added == 0
    with Store(tmp_path / "only.duckdb") as store:
        ingest([str(root)], store, IngestOptions(include=("*.txt",)))
        assert sorted(t for t, _, _ in _docs(store)) == [
            "Belarus and Iran agree to expand trade",
            "Draft",
        ]


def test_folder_with_gdelt_export_loads_events_too(
    shared_data: Path, tmp_path: Path, db_path: Path
) -> None:
    root = _tree(tmp_path / "in", shared_data)
    with Store(db_path) as store:
        [report] = ingest([str(root)], store, IngestOptions(exclude=("drafts/*",)))
        assert report.events is not None
        assert report.events.added == 89
        assert store.count("documents") == 3


def test_a_bad_file_in_a_folder_rejects_the_folder_unless_skip_bad(
    tmp_path: Path, db_path: Path
) -> None:
    root = _tree(tmp_path / "in")
    bad = root / "wire" / "broken.jsonl"
    bad.write_text('{"text": "fine"}\n{"text": \n', encoding="utf-8")
    with Store(db_path) as store:
        with pytest.raises(InputError) as info:
            ingest([str(root)], store, IngestOptions())
        assert (info.value.path, info.value.line) == (str(bad), 2)
        assert store.count("documents") == 0
        [report] = ingest([str(root)], store, IngestOptions(skip_bad=True))
        assert report.skipped_bad == 1
        assert store.count("documents") == 5  # 4 from the tree, 1 good line of broken.jsonl


def test_same_text_by_two_routes_is_stored_once(tmp_path: Path, db_path: Path) -> None:
    txt = tmp_path / "trade.txt"
    txt.write_text(NEWS, encoding="utf-8")
    lines = tmp_path / "trade.jsonl"
    lines.write_text(json.dumps({"id": "other-id", "text": NEWS.strip()}) + "\n", "utf-8")
    with Store(db_path) as store:
        ingest([str(txt)], store, IngestOptions())
        [report] = ingest([str(lines)], store, IngestOptions())
        assert report.documents is not None
        assert (report.documents.added, report.documents.duplicates) == (0, 1)
        assert store.count("documents") == 1


def test_cli_ingest_folder(
    tmp_path: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _tree(tmp_path / "in")
    code = main(
        [
            "--db",
            str(db_path),
            "ingest",
            str(root),
            "--include",
            "*.html",
            "--include",
            "*.txt",
            "--exclude",
            "drafts/*",
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "2 documents read, 2 added" in err
    missing = tmp_path / "nope.txt"
    assert main(["--db", str(db_path), "ingest", str(missing)]) == 2
    assert f"{missing}: no such file" in capsys.readouterr().err


def test_gzipped_json_lines(tmp_path: Path, db_path: Path) -> None:
    import gzip

    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        for i in range(3):
            fh.write(json.dumps({"id": f"g{i}", "text": f"Item {i} on Minsk and Tehran."}) + "\n")
    with Store(db_path) as store:
        [report] = ingest([str(path)], store, IngestOptions())
        assert report.documents is not None
        assert report.documents.added == 3
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(path.read_bytes()[:-12])
    with Store(tmp_path / "cut.duckdb") as store:
        with pytest.raises(InputError, match="corrupt gzip data"):
            ingest([str(cut)], store, IngestOptions())
        assert store.count("documents") == 0
