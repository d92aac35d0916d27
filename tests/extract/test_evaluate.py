"""Scoring: alignment on pair and type, direction, per-field accuracy, false events."""

from __future__ import annotations

from bilateral.evaluate import evaluate
from bilateral.records import Document, Event, Evidence, GoldLabel, Location, Party


def _event(doc: str, a: str, b: str, etype: str, *, date: str = "2023-01-02") -> Event:
    return Event.create(
        doc_id=doc,
        date=date,
        date_precision="day",
        actor=Party(a),
        recipient=Party(b),
        event_type=etype,
        evidence=Evidence(0, 1, "x"),
        location=Location(None, a),
    )


def _gold(doc: str, a: str, b: str, etype: str, *, directed: bool = True) -> GoldLabel:
    return GoldLabel(doc, a, b, etype, date="2023-01-02", date_precision="day",
                     location_country=a, directed=directed)  # fmt: skip


def _docs(*ids: str) -> list[Document]:
    return [Document.create("text " + i, id=i, published="2023-01-02") for i in ids]


def test_direction_counts_only_when_directed() -> None:
    predicted = {"d1": [_event("d1", "BLR", "IRN", "SUPPORT")],
                 "d2": [_event("d2", "BLR", "IRN", "ACCUSE")]}  # fmt: skip
    gold = [_gold("d1", "IRN", "BLR", "SUPPORT", directed=False),
            _gold("d2", "IRN", "BLR", "ACCUSE", directed=True)]  # fmt: skip
    report = evaluate(gold, _docs("d1", "d2"), lambda d: predicted[d.id])
    assert report.matched_events == 1
    assert report.precision == 0.5
    assert report.recall == 0.5
    # the reversed ACCUSE is found by type but its pair is wrong
    assert (report.pair_accuracy.hits, report.pair_accuracy.total) == (1, 2)
    assert (report.type_accuracy.hits, report.type_accuracy.total) == (2, 2)


def test_false_events_on_documents_without_gold() -> None:
    predicted = {"d1": [], "d2": [_event("d2", "BLR", "IRN", "CONSULT")], "d3": []}
    report = evaluate([], _docs("d1", "d2", "d3"), lambda d: predicted[d.id])
    assert report.false_event_rate == 1 / 3
    assert report.f1 == 0.0


def test_fields_are_scored_on_matched_events() -> None:
    predicted = {"d1": [_event("d1", "IRN", "BLR", "CONSULT", date="2023-01-01")]}
    report = evaluate(
        [_gold("d1", "IRN", "BLR", "CONSULT")], _docs("d1"), lambda d: predicted[d.id]
    )
    assert report.f1 == 1.0
    assert report.date.value == 0.0
    assert report.location.value == 1.0
    assert report.field_errors
    assert report.field_errors[0]["fields"] == ["date"]
