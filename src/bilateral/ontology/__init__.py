"""PLOVER as data: event types, modes, scores, contexts, dimensions and sectors.

Loaded once from ``data/ontology/plover.yaml``. Everything that checks or scores an event asks
this module, so the ontology lives in one readable file rather than in code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class EventType:
    """One PLOVER event type with its quad class, base score and mode scores."""

    name: str
    quad: str
    score: float
    covers: str
    modes: dict[str, float]

    @property
    def cooperative(self) -> bool:
        return self.quad.endswith("cooperation")

    @property
    def material(self) -> bool:
        return self.quad.startswith("material")


@dataclass(frozen=True, slots=True)
class Ontology:
    types: dict[str, EventType]
    contexts: frozenset[str]
    dimensions: dict[str, tuple[str, ...]]
    dimension_labels: dict[str, str]
    undirected_types: frozenset[str]
    sectors: dict[str, str]

    def intensity(self, event_type: str, mode: str | None = None) -> float:
        """The PLOVER score of a type, or of its mode when one is coded."""
        etype = self.types[event_type]
        if mode is not None and mode in etype.modes:
            return etype.modes[mode]
        return etype.score

    def dimensions_of(self, contexts: list[str] | tuple[str, ...], event_type: str) -> list[str]:
        """The briefing dimensions an event counts under (SANCTION always counts as sanctions)."""
        found = [
            dim for dim, members in self.dimensions.items() if any(c in members for c in contexts)
        ]
        if event_type == "SANCTION" and "sanctions" not in found:
            found.append("sanctions")
        return found


@cache
def load() -> Ontology:
    """The project's ontology, parsed once."""
    text = (resources.files("bilateral") / "data" / "ontology" / "plover.yaml").read_text("utf-8")
    raw: dict[str, Any] = yaml.safe_load(text)
    types = {
        name: EventType(
            name=name,
            quad=str(spec["quad"]),
            score=float(spec["score"]),
            covers=str(spec["covers"]),
            modes={str(k): float(v) for k, v in (spec.get("modes") or {}).items()},
        )
        for name, spec in raw["types"].items()
    }
    return Ontology(
        types=types,
        contexts=frozenset(raw["contexts"]),
        dimensions={k: tuple(v) for k, v in raw["dimensions"].items()},
        dimension_labels=dict(raw["dimension_labels"]),
        undirected_types=frozenset(raw["undirected_types"]),
        sectors=dict(raw["sectors"]),
    )


EVENT_TYPES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
