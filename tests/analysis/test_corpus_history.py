"""On the embedded corpus, the analysis finds on its own the history a reader of the sources draws.

The store is built as a user builds it: the corpus documents, the rules extractor, the stories.
Findings that the analysis cannot make from what the extractor gives it today are marked
``xfail(strict=True)`` with the reason measured on the extracted store, so the suite says
exactly which finding is missing and fails loudly once the finding appears.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

from bilateral.analysis import DyadAnalysis, analyse_pair, build_stories
from bilateral.extract import extract_many
from bilateral.records import Document
from bilateral.store import Store

WEST = {"USA", "EU", "GBR", "FRA", "DEU", "POL", "LTU", "LVA", "EST", "NATO", "UKR", "CAN"}


def _corpus() -> list[Document]:
    folder = resources.files("bilateral") / "data" / "corpus"
    docs = []
    for item in sorted(folder.iterdir(), key=lambda f: f.name):
        if item.name.endswith(".jsonl"):
            for line in item.read_text("utf-8").splitlines():
                if line.strip():
                    docs.append(Document.from_dict(json.loads(line)))
    return docs


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    docs = _corpus()
    with Store(path) as store:
        store.add_documents(docs)
        store.add_events(extract_many(docs))
        build_stories(store)
        yield store


@pytest.fixture(scope="module")
def dyad(corpus_store: Store) -> DyadAnalysis:
    return analyse_pair(corpus_store, "IRN", "BLR")


def _years(period: str) -> int:
    return int(period[:4])


def test_stories_merge_reports(dyad: DyadAnalysis) -> None:
    assert dyad.stories > 100
    assert dyad.reports > dyad.stories


def test_shift_in_2022_to_military_alignment(dyad: DyadAnalysis) -> None:
    shifts = [s for s in dyad.shifts if 2021 <= _years(s.date) <= 2023]
    assert shifts, [s.date for s in dyad.shifts]
    (shift,) = shifts
    assert shift.direction == "up"
    last = dyad.phases[-1]
    assert last.dominant_dimension == "military"
    assert last.level == "high"
    assert shift.to_label == last.label
    assert any(c.kind == "own" for c in shift.catalysts)
    assert any(c.kind == "third-party" for c in shift.catalysts)


@pytest.mark.xfail(
    strict=True,
    reason="extraction: the corpus item 'Russian forces enter Ukraine, including from Belarus' "
    "(2022-02-24) is coded COOPERATE RUS→UKR, not ASSAULT, so the invasion has no conflict "
    "story to be a catalyst; the RUS–UKR catalyst found is a miscoded UKR→RUS AID of 2022-10",
)
def test_russian_invasion_among_the_catalysts(dyad: DyadAnalysis) -> None:
    (shift,) = [s for s in dyad.shifts if 2021 <= _years(s.date) <= 2023]
    invasion = [
        c.story
        for c in shift.catalysts
        if c.kind == "third-party"
        and {c.story.actor, c.story.recipient} == {"RUS", "UKR"}
        and c.story.event_type in {"ASSAULT", "MOBILIZE", "COERCE"}
        and c.story.date.startswith("2022-02")
    ]
    assert invasion


def test_thin_formal_ties_to_2005_then_a_rise(dyad: DyadAnalysis) -> None:
    first, second = dyad.phases[:2]
    assert _years(first.start) <= 1993
    assert 2004 <= _years(first.end) <= 2006
    assert first.level == "low"
    assert second.level in {"moderate", "high"}
    (rise,) = [s for s in dyad.shifts if s.date == second.start]
    assert rise.direction == "up"
    assert any(s.event_type in {"COOPERATE", "CONSULT"} for s in second.landmarks)


def test_a_lukewarm_stretch_between_solidarity_and_alignment(dyad: DyadAnalysis) -> None:
    rise = dyad.phases[1]
    last = dyad.phases[-1]
    between = [p for p in dyad.phases[2:-1] if 2007 <= _years(p.start) <= 2012]
    assert between
    lukewarm = between[0]
    assert lukewarm.level == "low"
    assert lukewarm.mean_cooperation < rise.mean_cooperation
    assert lukewarm.mean_cooperation < last.mean_cooperation


@pytest.mark.xfail(
    strict=True,
    reason="not in the extracted corpus's counts: stories fall from 22 (2006) and 7 (2007) to "
    "5, 5 and 4 in 2008-2010, the level of the decade after, so the solidarity phase found is "
    "2006-2007 and its end is a fall in 2008; the 2011 US sanctions on Belarusneft and its exit "
    "from Jofeir (5 stories in 2011) start no new phase of their own",
)
def test_solidarity_lasts_to_2011_and_ends_with_sanctions(dyad: DyadAnalysis) -> None:
    (shift,) = [s for s in dyad.shifts if 2010 <= _years(s.date) <= 2012]
    assert shift.direction == "down"
    assert any(c.story.event_type == "SANCTION" and c.story.actor == "USA" for c in shift.catalysts)


def test_russia_is_the_triangle_partner(dyad: DyadAnalysis) -> None:
    assert dyad.triangles
    russia = dyad.triangles[0]
    assert russia.third == "RUS"
    assert russia.evidence
    sides = {s.actor for s in russia.evidence} | {s.recipient for s in russia.evidence}
    assert {"IRN", "BLR", "RUS"} <= sides


def test_armenia_and_azerbaijan_are_divergences(dyad: DyadAnalysis) -> None:
    thirds = {d.third: d for d in dyad.divergences}
    assert {"ARM", "AZE"} <= set(thirds)
    # Iran leans to Armenia, Belarus to Azerbaijan (the seed's South Caucasus divergence).
    assert thirds["ARM"].a_cooperative_share > thirds["ARM"].b_cooperative_share
    assert thirds["AZE"].b_cooperative_share > thirds["AZE"].a_cooperative_share


def test_western_reactions_grouped_by_reactor(dyad: DyadAnalysis) -> None:
    western = [r for r in dyad.reactions if r.by in WEST]
    assert len(western) >= 3
    kinds = {t for r in western for t in r.types}
    assert {"ACCUSE", "SANCTION"} <= kinds
    assert any(r.targets["BLR"] for r in western)
    assert any(r.targets["IRN"] for r in western)


def test_every_finding_cites_its_documents(dyad: DyadAnalysis) -> None:
    cited = [s for p in dyad.phases for s in p.landmarks]
    cited += [c.story for s in dyad.shifts for c in s.catalysts]
    cited += [s for t in dyad.triangles for s in t.evidence]
    cited += [s for d in dyad.divergences for s in d.evidence]
    cited += [s for r in dyad.reactions for s in r.evidence]
    assert cited
    for story in cited:
        assert story.summary
        assert story.sources
        assert all(src.url and src.published for src in story.sources)
