"""The briefing as a reader and a script see it: sections, citations, formats, errors."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from bilateral import report
from bilateral.cli import main
from bilateral.errors import OutputError, QueryError
from bilateral.report.sections import REGISTRY, Block, Section, Sentence
from bilateral.store import Store

SECTION_IDS = [
    "summary",
    "trajectory",
    "military",
    "economic",
    "sanctions",
    "diplomatic",
    "regional",
    "triangles",
    "reactions",
    "connectivity",
]


def _html(out: Path) -> str:
    return (out / "brief-IRN-BLR.html").read_text("utf-8")


def test_every_section_appears_in_order_with_the_sources_last(irn_blr: Path) -> None:
    html = _html(irn_blr)
    positions = [html.index(f'<section id="{key}">') for key in [*SECTION_IDS, "sources"]]
    assert positions == sorted(positions)
    assert html.index('<nav class="toc"') < positions[0]


def test_every_citation_resolves_to_a_dated_source_with_outlet_and_link(irn_blr: Path) -> None:
    html = _html(irn_blr)
    cited = set(re.findall(r'<a class="cite" href="#src-(\d+)">\[(\d+)\]</a>', html))
    assert cited, "the briefing cites nothing"
    assert all(a == b for a, b in cited)
    data = json.loads((irn_blr / "brief-IRN-BLR.json").read_text("utf-8"))
    sources = {s["number"]: s for s in data["sources"]}
    assert {int(a) for a, _ in cited} == set(sources)
    for number, src in sources.items():
        assert f'<li id="src-{number}"' in html
        for key in ("published", "source", "title", "url"):
            assert src[key], (key, src)
        assert src["doc_id"] != "seed-000"


def test_quoted_evidence_is_the_documents_own_words(irn_blr: Path, corpus_store: Path) -> None:
    data = json.loads((irn_blr / "brief-IRN-BLR.json").read_text("utf-8"))
    numbered = {s["number"]: s["doc_id"] for s in data["sources"]}
    with Store(corpus_store, read_only=True) as store:
        texts = dict(store.con.execute("SELECT id, text FROM documents").fetchall())
    quotes = 0
    for sec in data["sections"]:
        for block in sec["blocks"]:
            for sentence in block["sentences"]:
                if sentence["quote"]:
                    quotes += 1
                    assert sentence["cites"], sentence
                    # The quote is a sentence of one of the documents it cites.
                    assert any(sentence["quote"] in texts[numbered[n]] for n in sentence["cites"])
    assert quotes > 20


def test_store_counts_in_the_summary_come_from_the_store(irn_blr: Path, corpus_store: Path) -> None:
    data = json.loads((irn_blr / "brief-IRN-BLR.json").read_text("utf-8"))
    first = data["sections"][0]["blocks"][0]["sentences"][0]["text"]
    with Store(corpus_store, read_only=True) as store:
        n = store.con.execute(
            "SELECT count(*) FROM stories WHERE (actor = 'IRN' AND recipient = 'BLR') "
            "OR (actor = 'BLR' AND recipient = 'IRN')"
        ).fetchall()[0][0]
    assert f"rests on {n} stories between Iran and Belarus" in first


def test_markdown_is_valid_and_links_resolve(irn_blr: Path) -> None:
    text = (irn_blr / "brief-IRN-BLR.md").read_text("utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == "Iran and Belarus: the relationship in the record"
    assert "Military cooperation" in headings
    assert headings[-1] == "Sources"
    anchors = set(re.findall(r'<a id="([\w-]+)"></a>', text))
    links = set(re.findall(r"\]\(#([\w-]+)\)", text))
    assert links
    assert links <= anchors
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", text)
    assert sorted(images) == ["brief-IRN-BLR-network.svg", "brief-IRN-BLR-timeline.svg"]
    for name in images:
        assert (irn_blr / name).read_text("utf-8").lstrip().startswith("<svg")


def test_html_is_self_contained(irn_blr: Path) -> None:
    html = _html(irn_blr)
    assert "<script" not in html
    assert not re.search(r'(src|href)="https?://[^"]*\.(css|js|svg|png)', html)
    assert html.count("<svg") >= 2
    assert "@media print" in html


def test_a_section_without_evidence_says_so(hand_store: Path, tmp_path: Path) -> None:
    with Store(hand_store) as store:
        result = report.brief(store, "IRN", "BLR", out_dir=tmp_path, corpus=False)
    html = (tmp_path / "brief-IRN-BLR.html").read_text("utf-8")
    economic = html[html.index('<section id="economic">') : html.index('<section id="sanctions">')]
    assert "No evidence in the store for economic or energy ventures." in economic
    assert "Economic and energy ventures" in [
        s.title for s in result.brief.sections if s.evidence == 0
    ]


def test_undated_documents_are_never_cited(hand_store: Path, tmp_path: Path) -> None:
    with Store(hand_store) as store:
        result = report.brief(store, "IRN", "BLR", out_dir=tmp_path, corpus=False)
    assert {s.doc_id for s in result.brief.sources} == {"h-mou", "h-drill", "h-talks"}
    html = (tmp_path / "brief-IRN-BLR.html").read_text("utf-8")
    assert "seventh round" not in html
    assert "Monday 31 July 2023" in html


def test_a_registered_section_appears_without_other_edits(hand_store: Path, tmp_path: Path) -> None:
    @report.section("extra", "An extra section", 95)
    def extra(ctx: object) -> Section:
        return Section("extra", "", [Block("p", [Sentence("Registered by name.")])])

    try:
        with Store(hand_store) as store:
            report.brief(store, "IRN", "BLR", out_dir=tmp_path, corpus=False, formats=("html",))
        html = (tmp_path / "brief-IRN-BLR.html").read_text("utf-8")
        assert '<section id="extra">' in html
        assert "Registered by name." in html
        assert (
            html.index('id="reactions"')
            < html.index('id="extra"')
            < html.index('id="connectivity"')
        )
    finally:
        del REGISTRY["extra"]


def test_unknown_pair_and_empty_period_are_query_errors(hand_store: Path, tmp_path: Path) -> None:
    with Store(hand_store) as store:
        with pytest.raises(QueryError, match="unknown actor code 'IRQ'"):
            report.build_brief(store, "IRN", "IRQ")
        with pytest.raises(QueryError, match="no stories between IRN"):
            report.build_brief(store, "IRN", "BLR", start="2010", end="2011")
        with pytest.raises(QueryError, match="not a date"):
            report.build_brief(store, "IRN", "BLR", start="last year")
        with pytest.raises(QueryError, match="no stories between IRN"):
            report.brief(
                store,
                "IRN",
                "BLR",
                out_dir=tmp_path / "out",
                start="2010",
                end="2011",
                corpus=False,
            )
    assert list((tmp_path / "out").iterdir()) == []


def test_unwritable_output_is_an_output_error_and_writes_nothing(
    hand_store: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    blocker = out / "a-file"
    blocker.write_text("not a directory")
    with Store(hand_store) as store:
        with pytest.raises(OutputError, match="a-file"):
            report.brief(store, "IRN", "BLR", out_dir=blocker / "sub", corpus=False)
        with pytest.raises(OutputError, match="unknown format"):
            report.brief(store, "IRN", "BLR", out_dir=out, formats=("pdf",), corpus=False)
    assert sorted(p.name for p in out.iterdir()) == ["a-file"]


def test_cli_writes_the_files_and_prints_their_paths(
    hand_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reports"
    code = main(["--db", str(hand_store), "brief", "irn", "blr", "-o", str(out), "--no-corpus"])
    printed = capsys.readouterr().out
    assert code == 0
    for name in ("brief-IRN-BLR.html", "brief-IRN-BLR.md"):
        assert (out / name).is_file()
        assert str(out / name) in printed
    assert "Iran–Belarus: 10 sections" in printed
    assert not list(out.glob(".*.tmp"))
    # an ordinary file others may read, as the umask allows (not mkstemp's private 0600)
    umask = os.umask(0)
    os.umask(umask)
    assert (out / "brief-IRN-BLR.html").stat().st_mode & 0o777 == 0o666 & ~umask


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["brief", "IRN", "XYZ", "--no-corpus"], 4, "unknown actor code 'XYZ'"),
        (["brief", "IRN", "BLR", "--from", "1990", "--to", "1991", "--no-corpus"], 4, "no stories"),
        (["brief", "IRN", "BLR", "--format", "pdf", "--no-corpus"], 6, "unknown format"),
    ],
)
def test_cli_errors_are_one_clear_line(
    hand_store: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    code: int,
    message: str,
) -> None:
    full = ["--db", str(hand_store), *args, "-o", str(tmp_path / "o")]
    assert main(full) == code
    err = capsys.readouterr().err
    assert message in err
    assert "Traceback" not in err


def test_cli_unwritable_directory(
    hand_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "f"
    blocker.write_text("x")
    code = main(["--db", str(hand_store), "brief", "IRN", "BLR", "-o", str(blocker), "--no-corpus"])
    assert code == 6
    assert "is a file, not a directory" in capsys.readouterr().err


def test_a_ready_store_is_not_prepared_again(corpus_store: Path) -> None:
    with Store(corpus_store) as store:
        before = store.count("events"), store.count("stories")
        assert report.ensure_corpus(store) == 0
        again = report.prepare(store)
        assert not again.did_work
        assert (store.count("events"), store.count("stories")) == before


def test_the_period_narrows_the_briefing(corpus_store: Path) -> None:
    with Store(corpus_store) as store:
        built = report.build_brief(store, "IRN", "BLR", start="2023", end="2023")
    dates = [s.published or "" for s in built.sources]
    assert "2023" in built.subtitle
    summary = built.sections[0].blocks[0].sentences[0].text
    assert "2023" in summary
    assert "1993" not in summary
    assert dates


def test_the_chart_worker_renders_what_the_process_would() -> None:
    from bilateral.report.charts import Renderer, render

    spec = {
        "data": {"values": [{"year": "2023", "stories": 7}, {"year": "2024", "stories": 3}]},
        "mark": "bar",
        "encoding": {
            "x": {"field": "year", "type": "ordinal"},
            "y": {"field": "stories", "type": "quantitative"},
        },
    }
    worker = Renderer()
    try:
        (svg,) = worker.render([spec])
    finally:
        worker.close()
    assert svg.startswith("<svg")
    assert svg == render(spec)
    # Used up: a second call renders in this process.
    assert worker.render([spec]) == [svg]


def test_the_pace_before_and_since_the_split_is_counted_in_the_store(
    irn_blr: Path, corpus_store: Path
) -> None:
    data = json.loads((irn_blr / "brief-IRN-BLR.json").read_text("utf-8"))
    text = " ".join(s["text"] for s in data["sections"][0]["blocks"][0]["sentences"])
    found = re.search(r"Since (\d{4}) the store holds (\d+) stories .*?against (\d+) in", text)
    assert found, text
    year, since, before = found.groups()
    pair = "((actor = 'IRN' AND recipient = 'BLR') OR (actor = 'BLR' AND recipient = 'IRN'))"
    with Store(corpus_store, read_only=True) as store:
        counts = store.con.execute(
            f"SELECT count(*) FILTER (WHERE year(date_start) >= {year}), "
            f"count(*) FILTER (WHERE year(date_start) < {year}) FROM stories WHERE {pair}"
        ).fetchall()[0]
    assert (int(since), int(before)) == counts


def test_preparing_a_store_extracts_what_lacks_events_and_reports_progress(
    tmp_path: Path,
) -> None:
    docs = [d for d in report.pipeline.corpus_documents() if d.id.startswith("ib-20230731")]
    assert docs
    seen: list[tuple[str, int, int]] = []
    with Store(tmp_path / "few.duckdb") as store:
        store.add_documents(docs)
        done = report.prepare(store, corpus=False, progress=lambda *a: seen.append(a))
        assert done.documents_extracted == len(docs)
        assert done.events_added == store.count("events") > 0
        assert done.stories_built == store.count("stories") > 0
    assert ("extracting events", len(docs), len(docs)) in seen
    assert ("merging reports into stories", 1, 1) in seen


def test_the_corpus_is_not_mixed_into_a_store_of_other_news_unasked(hand_store: Path) -> None:
    with Store(hand_store) as store:
        before = store.count("documents")
        assert report.prepare(store).documents_added == 0
        assert store.count("documents") == before
        added = report.ensure_corpus(store, force=True)
        assert added == len(report.pipeline.corpus_documents())
        assert report.ensure_corpus(store) == 0


def test_a_brief_from_event_data_cites_the_articles_it_gives(
    shared_data: Path, tmp_path: Path
) -> None:
    """A store holding only GDELT rows (no documents): the brief quotes what was coded, says
    so, and cites each event's article address with its host as the outlet."""
    from bilateral.analysis import build_stories
    from bilateral.sources.gdelt import load_file

    path = tmp_path / "gdelt.duckdb"
    with Store(path) as store:
        load_file(store, shared_data / "gdelt" / "samples" / "events1.csv")
        build_stories(store)
        result = report.brief(store, "CHN", "PHL", out_dir=tmp_path, corpus=False)
    url = (
        "https://news.abs-cbn.com/news/07/01/20/"
        "ph-authorities-probing-boat-collision-with-hong-kong-vessel-dfa"
    )
    assert result.brief.sources
    assert {s.url for s in result.brief.sources} == {url}
    assert {s.outlet for s in result.brief.sources} == {"news.abs-cbn.com"}
    assert {s.published for s in result.brief.sources} == {"2019-07-03"}
    markdown = (tmp_path / "brief-CHN-PHL.md").read_text("utf-8")
    assert "Complain officially (CAMEO 114)" in markdown
    assert "as coded by gdelt" in markdown
    assert "In the third quarter of 2019: hostility" in markdown
    assert "1 phase: hostility (the third quarter of 2019)." in markdown
