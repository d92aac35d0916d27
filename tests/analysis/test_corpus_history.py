"""On the embedded corpus, the analysis finds on its own the history a reader of the sources draws.

The store is built as a user builds it: the corpus documents, the rules extractor, the stories.
Each test checks one finding of the issue's reading of the sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bilateral.analysis import DyadAnalysis, analyse_pair, build_stories
from bilateral.extract import extract_many
from bilateral.report.pipeline import corpus_documents
from bilateral.store import Store

WEST = {"USA", "EU", "GBR", "FRA", "DEU", "POL", "LTU", "LVA", "EST", "NATO", "UKR", "CAN"}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path: Path = tmp_path_factory.mktemp("corpus") / "corpus.duckdb"
    docs = corpus_documents()
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


def test_thin_formal_ties_then_a_rise_in_the_mid_2000s(dyad: DyadAnalysis) -> None:
    first = dyad.phases[0]
    assert _years(first.start) <= 1998  # the 1990s: relations (1993), embassy (1998)
    assert 2002 <= _years(first.end) <= 2006
    assert first.level == "low"
    rise = dyad.shifts[0]
    assert 2003 <= _years(rise.date) <= 2007
    assert rise.direction == "up"


def test_solidarity_of_2006_to_2011(dyad: DyadAnalysis) -> None:
    (solidarity,) = [p for p in dyad.phases if 2005 <= _years(p.start) <= 2007]
    assert 2010 <= _years(solidarity.end) <= 2012
    assert solidarity.level in {"moderate", "high"}
    # Visits, Jofeir and the car assembly: the ties were economic above all.
    assert solidarity.dominant_dimension == "economic"
    assert {"COOPERATE", "CONSULT", "SUPPORT"} & {s.event_type for s in solidarity.landmarks}


def test_a_lukewarm_decade_before_2022(dyad: DyadAnalysis) -> None:
    (lukewarm,) = [p for p in dyad.phases if 2011 <= _years(p.start) <= 2013]
    assert 2020 <= _years(lukewarm.end) <= 2022
    assert lukewarm.level == "low"
    (solidarity,) = [p for p in dyad.phases if 2005 <= _years(p.start) <= 2007]
    assert lukewarm.mean_cooperation < solidarity.mean_cooperation
    assert lukewarm.mean_cooperation < dyad.phases[-1].mean_cooperation
    # Cooler ties, named by what they still were, not by the blows that ended the last phase.
    assert lukewarm.dominant_dimension in {"diplomatic", "economic"}


def test_solidarity_ends_with_sanctions_and_belarusneft_exit(dyad: DyadAnalysis) -> None:
    (shift,) = [s for s in dyad.shifts if 2010 <= _years(s.date) <= 2012]
    assert shift.direction == "down"
    assert shift.basis == "rupture"
    third = [c.story for c in shift.catalysts if c.kind == "third-party"]
    assert any(
        s.event_type == "SANCTION" and s.actor == "USA" and "Belarusneft" in s.summary
        for s in third
    )
    own = [c.story for c in shift.catalysts if c.kind == "own"]
    assert any(
        s.event_type == "SANCTION" and s.actor == "BLR" and s.date.startswith("2011") for s in own
    )


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
