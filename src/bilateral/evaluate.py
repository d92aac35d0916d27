"""Scoring a coder against hand-labelled gold events (``bilateral eval``).

The coder extracts events from the documents itself; each document's events are then aligned
with its gold labels. Three alignments, each greedy within a document:

- **events**: same type and same pair (in order where the gold label is ``directed``, without
  order where it is not). Precision, recall and F1 count these matches; mode, contexts (exact
  and Jaccard), date (value and precision), location country and negation are scored on them.
- **type**: same pair without order, preferring the same type. Type accuracy is the share of
  these alignments whose type agrees: "when the coder found something between the right two
  parties, did it call it the right thing?"
- **pair**: same type, preferring the same pair. Pair accuracy is the share of these whose pair
  (and direction, where directed) agrees: "when the coder found the right kind of act, did it
  get who did it to whom?"

The false-event rate is the share of documents without any gold event in which the coder found
at least one event.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from bilateral.records import Document, Event, GoldLabel

__all__ = ["EvalReport", "evaluate"]


@dataclass(slots=True)
class Ratio:
    """A count of successes out of a count of trials."""

    hits: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.hits += int(ok)

    @property
    def value(self) -> float | None:
        return self.hits / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        value = self.value
        return {
            "value": None if value is None else round(value, 4),
            "hits": self.hits,
            "total": self.total,
        }


@dataclass(slots=True)
class EvalReport:
    """Every figure of one evaluation, and the errors to look at."""

    documents: int = 0
    documents_without_events: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    matched_events: int = 0
    type_accuracy: Ratio = field(default_factory=Ratio)
    pair_accuracy: Ratio = field(default_factory=Ratio)
    mode: Ratio = field(default_factory=Ratio)
    context_exact: Ratio = field(default_factory=Ratio)
    context_jaccard_sum: float = 0.0
    date: Ratio = field(default_factory=Ratio)
    date_precision: Ratio = field(default_factory=Ratio)
    location: Ratio = field(default_factory=Ratio)
    negation: Ratio = field(default_factory=Ratio)
    false_event_docs: Ratio = field(default_factory=Ratio)
    per_type: dict[str, list[int]] = field(default_factory=dict)  # type -> [tp, fp, fn]
    missing_documents: int = 0
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_negatives: list[dict[str, Any]] = field(default_factory=list)
    field_errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched_events / self.predicted_events if self.predicted_events else 0.0

    @property
    def recall(self) -> float:
        return self.matched_events / self.gold_events if self.gold_events else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def context_jaccard(self) -> float | None:
        n = self.context_exact.total
        return self.context_jaccard_sum / n if n else None

    @property
    def false_event_rate(self) -> float | None:
        return self.false_event_docs.value

    def to_dict(self) -> dict[str, Any]:
        per_type = {}
        for etype, (tp, fp, fn) in sorted(self.per_type.items()):
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            per_type[etype] = {
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": round(p, 4),
                "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            }
        jac = self.context_jaccard
        return {
            "documents": self.documents,
            "documents_without_events": self.documents_without_events,
            "missing_documents": self.missing_documents,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "matched_events": self.matched_events,
            "event_precision": round(self.precision, 4),
            "event_recall": round(self.recall, 4),
            "event_f1": round(self.f1, 4),
            "type_accuracy": self.type_accuracy.to_dict(),
            "pair_accuracy": self.pair_accuracy.to_dict(),
            "mode_accuracy": self.mode.to_dict(),
            "context_exact": self.context_exact.to_dict(),
            "context_jaccard": None if jac is None else round(jac, 4),
            "date_accuracy": self.date.to_dict(),
            "date_precision_accuracy": self.date_precision.to_dict(),
            "location_accuracy": self.location.to_dict(),
            "negation_accuracy": self.negation.to_dict(),
            "false_event_rate": self.false_event_docs.to_dict(),
            "per_type": per_type,
        }


def _pair_ok(gold: GoldLabel, event: Event) -> bool:
    rec = event.recipient.code if event.recipient else None
    if gold.directed:
        return (event.actor.code, rec) == (gold.actor, gold.recipient)
    return {event.actor.code, rec} == {gold.actor, gold.recipient}


def _same_unordered(gold: GoldLabel, event: Event) -> bool:
    rec = event.recipient.code if event.recipient else None
    return {event.actor.code, rec} == {gold.actor, gold.recipient}


def _align(
    golds: list[GoldLabel],
    events: list[Event],
    allowed: Callable[[GoldLabel, Event], bool],
    preference: Callable[[GoldLabel, Event], tuple[int, ...]],
) -> list[tuple[GoldLabel, Event]]:
    """Greedy one-to-one alignment: best-preferred allowed pairs first."""
    cands = []
    for gi, g in enumerate(golds):
        for ei, e in enumerate(events):
            if allowed(g, e):
                cands.append((preference(g, e), gi, ei))
    cands.sort(key=lambda c: (tuple(-x for x in c[0]), c[1], c[2]))
    used_g: set[int] = set()
    used_e: set[int] = set()
    out = []
    for _, gi, ei in cands:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        out.append((golds[gi], events[ei]))
    return out


def _location_country(event: Event) -> str | None:
    return event.location.country if event.location else None


def _gold_summary(g: GoldLabel) -> str:
    arrow = "->" if g.directed else "--"
    return (
        f"{g.event_type}{'/' + g.mode if g.mode else ''} {g.actor}{arrow}{g.recipient} "
        f"{g.date or ''} loc={g.location_country} {'NEG ' if g.negated else ''}"
        f"{','.join(g.context)}"
    )


def _event_summary(e: Event) -> str:
    rec = e.recipient.code if e.recipient else None
    return (
        f"{e.event_type}{'/' + e.mode if e.mode else ''} {e.actor.code}->{rec} {e.date} "
        f"loc={_location_country(e)} {'NEG ' if e.negated else ''}{','.join(e.context)}"
    )


def evaluate(
    gold: Iterable[GoldLabel],
    documents: Iterable[Document],
    extract: Callable[[Document], list[Event]],
) -> EvalReport:
    """Extract events from ``documents`` with ``extract`` and score them against ``gold``."""
    by_doc: dict[str, list[GoldLabel]] = defaultdict(list)
    for label in gold:
        by_doc[label.doc_id].append(label)
    report = EvalReport()
    seen: set[str] = set()
    for doc in documents:
        seen.add(doc.id)
        report.documents += 1
        golds = by_doc.get(doc.id, [])
        events = extract(doc)
        report.gold_events += len(golds)
        report.predicted_events += len(events)
        if not golds:
            report.documents_without_events += 1
            report.false_event_docs.add(bool(events))
        _score_document(report, doc, golds, events)
    report.missing_documents = len(set(by_doc) - seen)
    return report


def _score_document(
    report: EvalReport, doc: Document, golds: list[GoldLabel], events: list[Event]
) -> None:
    def pref(g: GoldLabel, e: Event) -> tuple[int, ...]:
        return (int(e.date == g.date), int(e.mode == g.mode), int(_pair_ok(g, e)))

    matches = _align(
        golds, events, lambda g, e: g.event_type == e.event_type and _pair_ok(g, e), pref
    )
    report.matched_events += len(matches)
    matched_g = {id(g) for g, _ in matches}
    matched_e = {id(e) for _, e in matches}
    for g, e in matches:
        report.per_type.setdefault(g.event_type, [0, 0, 0])[0] += 1
        report.mode.add(e.mode == g.mode)
        gc, ec = set(g.context), set(e.context)
        report.context_exact.add(gc == ec)
        union = gc | ec
        report.context_jaccard_sum += len(gc & ec) / len(union) if union else 1.0
        if g.date is not None:
            report.date.add(e.date == g.date)
            report.date_precision.add(e.date_precision == (g.date_precision or "day"))
        report.location.add(_location_country(e) == g.location_country)
        report.negation.add(e.negated == g.negated)
        wrong = [
            name
            for name, ok in (
                ("mode", e.mode == g.mode),
                ("date", g.date is None or e.date == g.date),
                ("location", _location_country(e) == g.location_country),
                ("negated", e.negated == g.negated),
                ("context", gc == ec),
            )
            if not ok
        ]
        if wrong:
            report.field_errors.append(
                {
                    "doc_id": doc.id,
                    "fields": wrong,
                    "gold": _gold_summary(g),
                    "predicted": _event_summary(e),
                    "sentence": e.evidence.text,
                }
            )
    for g in golds:
        if id(g) not in matched_g:
            report.per_type.setdefault(g.event_type, [0, 0, 0])[2] += 1
            report.false_negatives.append(
                {"doc_id": doc.id, "gold": _gold_summary(g), "text": doc.text[:600]}
            )
    for e in events:
        if id(e) not in matched_e:
            report.per_type.setdefault(e.event_type, [0, 0, 0])[1] += 1
            report.false_positives.append(
                {"doc_id": doc.id, "predicted": _event_summary(e), "sentence": e.evidence.text}
            )
    # Type accuracy: aligned on the pair (without order), preferring the same type.
    for g, e in _align(
        golds,
        events,
        _same_unordered,
        lambda g, e: (int(g.event_type == e.event_type), int(e.date == g.date)),
    ):
        report.type_accuracy.add(g.event_type == e.event_type)
    # Pair accuracy: aligned on the type, preferring the same pair.
    for g, e in _align(
        golds,
        events,
        lambda g, e: g.event_type == e.event_type,
        lambda g, e: (int(_pair_ok(g, e)), int(_same_unordered(g, e)), int(e.date == g.date)),
    ):
        report.pair_accuracy.add(_pair_ok(g, e))
