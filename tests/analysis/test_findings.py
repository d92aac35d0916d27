"""Triangles, divergences, reactions and catalysts on a store where the truth is planted."""

from __future__ import annotations

import json

import pytest

from bilateral.analysis import (
    analyse_pair,
    find_divergences,
    find_reactions,
    find_triangles,
)
from bilateral.errors import QueryError


def test_planted_triangle_is_found(world) -> None:
    (triangle,) = find_triangles(world, "AAA", "BBB")
    assert triangle.third == "TTT"
    assert triangle.strength > 0.3
    assert triangle.evidence
    assert all("TTT" in (s.actor, s.recipient) for s in triangle.evidence)
    assert {s.actor for s in triangle.evidence} | {s.recipient for s in triangle.evidence} >= {
        "AAA",
        "BBB",
    }


def test_triangle_rises_together_only_when_all_three_ties_rise(world) -> None:
    from datetime import date

    (rising,) = find_triangles(world, "AAA", "BBB", split=date(2010, 1, 1))
    assert rising.rose_together
    # Within the quiet decade the ties of AAA and BBB stay flat: no rise together.
    flat = find_triangles(world, "AAA", "BBB", end="2009", split=date(2005, 1, 1))[0]
    assert flat.third == "TTT"
    assert not flat.rose_together


def test_planted_divergence_is_found(world) -> None:
    (divergence,) = find_divergences(world, "AAA", "BBB")
    assert divergence.third == "MMM"
    assert (divergence.a_stance, divergence.b_stance) == ("cooperative", "hostile")
    kinds = {s.event_type for s in divergence.evidence}
    assert {"COOPERATE", "SANCTION"} <= kinds


def test_reactions_are_grouped_by_reactor(world) -> None:
    reactions = find_reactions(world, "AAA", "BBB")
    assert [r.by for r in reactions] == ["WWW", "MMM", "VVV"]
    www = reactions[0]
    assert www.types == {"ACCUSE": 8, "SANCTION": 6}
    assert www.targets == {"AAA": 7, "BBB": 7}
    assert www.on_pair == 1
    assert all(s.actor == "WWW" for s in www.evidence)
    assert all(src.url for s in www.evidence for src in s.sources)


def test_dyad_finds_the_shift_and_its_third_party_catalyst(world) -> None:
    result = analyse_pair(world, "AAA", "BBB", by="quarter")
    assert result.phase_by == "year"
    assert [p.label for p in result.phases] == ["low-level diplomatic", "military alignment"]
    (shift,) = result.shifts
    assert shift.date == "2010"
    third = [c.story for c in shift.catalysts if c.kind == "third-party"]
    assert ("TTT", "UUU", "ASSAULT") in {(s.actor, s.recipient, s.event_type) for s in third}
    assert [t.third for t in result.triangles] == ["TTT"]
    assert result.triangles[0].rose_together
    assert [d.third for d in result.divergences] == ["MMM"]
    assert result.stories < result.reports
    data = json.loads(json.dumps(result.to_dict()))
    assert data["pair"] == ["AAA", "BBB"]
    story = data["phases"][1]["landmarks"][0]
    assert set(story) >= {"id", "date", "actor", "recipient", "event_type", "context", "summary"}
    assert set(story["sources"][0]) == {"doc_id", "title", "source", "url", "published"}
    assert data["shifts"][0]["catalysts"][0]["kind"] in {"own", "third-party"}


def test_dyad_errors(world) -> None:
    with pytest.raises(QueryError, match="no stories between AAA and MMM"):
        analyse_pair(world, "AAA", "MMM", start="2016")
    with pytest.raises(QueryError, match="unknown actor code 'ZZZ'"):
        analyse_pair(world, "AAA", "ZZZ")
    with pytest.raises(QueryError, match="no stories between TTT and MMM"):
        analyse_pair(world, "TTT", "MMM")


def test_an_unplaced_actor_is_no_triangle_partner_divergence_or_reactor(planter) -> None:
    """Event data codes some actors it cannot place (UNK: a bare 'government', an ethnic
    group); however much they do with the pair, they are no third state."""
    for year in range(2010, 2020):
        planter.add("AAA", "BBB", "COOPERATE", f"{year}-03-01", context=("economic",))
        for side in ("AAA", "BBB"):
            planter.add(side, "UNK", "COOPERATE", f"{year}-05-0{1 + (side == 'BBB')}")
            planter.add("UNK", side, "ACCUSE", f"{year}-07-0{1 + (side == 'BBB')}")
        planter.add("AAA", "TTT", "COOPERATE", f"{year}-09-01")
        planter.add("BBB", "TTT", "COOPERATE", f"{year}-09-02")
    store = planter.build()
    assert [t.third for t in find_triangles(store, "AAA", "BBB")] == ["TTT"]
    assert "UNK" not in {d.third for d in find_divergences(store, "AAA", "BBB")}
    assert find_reactions(store, "AAA", "BBB") == []
    stats = store.stats()
    assert stats["top_pairs"]
    assert all("UNK" not in p["pair"] for p in stats["top_pairs"])
