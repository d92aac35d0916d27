"""The timeline counts stories, not reports, and says clearly when it cannot answer."""

from __future__ import annotations

import pytest

from bilateral.analysis import timeline
from bilateral.errors import QueryError


def test_timeline_counts_stories_not_reports(planter) -> None:
    for k in range(10):
        planter.add("IRN", "BLR", "CONSULT", "2023-03-13", text=f"Raisi met Lukashenko ({k})")
    planter.add("IRN", "BLR", "AID", "2023-08-01", context=("military", "technology"))
    planter.add("BLR", "IRN", "SANCTION", "2023-08-02", context=("economic",))
    planter.add("IRN", "RUS", "AID", "2023-08-01", context=("military",))  # another pair
    store = planter.build()
    rows = timeline(store, "irn", "blr", by="quarter")
    assert [r.period for r in rows] == ["2023Q1", "2023Q2", "2023Q3"]
    q1, q2, q3 = rows
    assert (q1.stories, q1.reports, q1.intensity) == (1, 10, 2.5)
    assert q1.by_dimension["diplomatic"] == 2.5
    assert (q2.stories, q2.intensity) == (0, 0.0)
    assert (q3.stories, q3.cooperation, q3.conflict) == (2, 10.0, -6.0)
    assert q3.by_dimension["military"] == 10.0
    assert q3.by_dimension["economic"] == 10.0 - 6.0
    assert q3.by_dimension["sanctions"] == -6.0
    years = timeline(store, "BLR", "IRN", by="year")
    assert [(r.period, r.stories, r.reports) for r in years] == [("2023", 3, 12)]
    months = timeline(store, "IRN", "BLR", by="month", start="2023-06", end="2023-09")
    assert [r.period for r in months] == ["2023-06", "2023-07", "2023-08", "2023-09"]
    assert sum(r.stories for r in months) == 2


def test_denied_acts_count_as_stories_without_weight(planter) -> None:
    planter.add("IRN", "BLR", "AID", "2022-10-01", context=("military",), negated=True)
    store = planter.build()
    (row,) = timeline(store, "IRN", "BLR", by="year")
    assert (row.stories, row.intensity) == (1, 0.0)


def test_clear_errors(planter) -> None:
    planter.add("IRN", "BLR", "CONSULT", "2023-03-13")
    store = planter.build()
    with pytest.raises(QueryError, match=r"unknown actor code 'IRQ'.*did you mean.*IRN"):
        timeline(store, "IRQ", "BLR")
    with pytest.raises(QueryError, match="no stories between IRN and BLR from 2010-01-01"):
        timeline(store, "IRN", "BLR", start="2010", end="2011")
    with pytest.raises(QueryError, match="two different actors"):
        timeline(store, "IRN", "irn")
    with pytest.raises(QueryError, match="unknown period"):
        timeline(store, "IRN", "BLR", by="week")
    with pytest.raises(QueryError, match="not a date"):
        timeline(store, "IRN", "BLR", start="spring")


def test_events_without_stories_ask_for_a_rebuild(planter) -> None:
    from bilateral.store import Store

    planter.add("IRN", "BLR", "CONSULT", "2023-03-13")
    with Store(planter.path) as store:
        store.add_documents(planter.docs)
        store.add_events(planter.events)
        with pytest.raises(QueryError, match="bilateral stories"):
            timeline(store, "IRN", "BLR")


def test_regrouped_quarters_equal_the_yearly_timeline(world) -> None:
    from bilateral.analysis.timeline import regroup

    quarters = timeline(world, "AAA", "BBB", by="quarter")
    years = timeline(world, "AAA", "BBB", by="year")
    assert regroup(quarters, "year") == years


def test_an_inverted_period_is_named(world) -> None:
    with pytest.raises(QueryError, match="the period is empty: --from 2020 is after --to 2019"):
        timeline(world, "AAA", "BBB", start="2020", end="2019")
