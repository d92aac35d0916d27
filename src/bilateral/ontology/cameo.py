"""CAMEO event codes mapped to PLOVER type, mode and contexts.

The table lives in ``data/ontology/cameo_plover.csv`` (derived from the PLOVER project's
crosswalk, CC BY-SA 4.0, see its header). It is loaded once and checked against the ontology:
every type, mode and context it names must exist in ``plover.yaml``. A code missing from the
table maps through its parent (``0874`` → ``087`` → ``08``); codes whose row has no type are
statements with no act, which PLOVER does not code.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pyarrow as pa

from bilateral import ontology
from bilateral.errors import ValidationError

_FILE = "cameo_plover.csv"


@dataclass(frozen=True, slots=True)
class CameoMapping:
    """What one CAMEO code becomes in PLOVER (``event_type`` None: not coded)."""

    cameo: str
    event_type: str | None
    mode: str | None
    contexts: tuple[str, ...]
    intensity: float | None
    basis: str
    description: str


@cache
def table() -> dict[str, CameoMapping]:
    """Every CAMEO code of the table, keyed by code, validated against the ontology."""
    onto = ontology.load()
    text = (resources.files("bilateral") / "data" / "ontology" / _FILE).read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    out: dict[str, CameoMapping] = {}
    for number, row in enumerate(csv.DictReader(lines), start=2):
        code = row["cameo"].strip()
        etype = row["event_type"].strip() or None
        mode = row["mode"].strip() or None
        contexts = tuple(c.strip() for c in row["contexts"].split(";") if c.strip())
        where = f"{_FILE} row {number} ({code})"
        if not code.isdigit() or code in out:
            raise ValidationError(f"{where}: bad or repeated CAMEO code", field="cameo")
        if etype is not None and etype not in onto.types:
            raise ValidationError(f"{where}: unknown PLOVER type {etype!r}", field="event_type")
        if mode is not None and (etype is None or mode not in onto.types[etype].modes):
            raise ValidationError(f"{where}: {mode!r} is not a mode of {etype}", field="mode")
        unknown = [c for c in contexts if c not in onto.contexts]
        if unknown:
            raise ValidationError(f"{where}: unknown context(s) {unknown}", field="contexts")
        out[code] = CameoMapping(
            cameo=code,
            event_type=etype,
            mode=mode,
            contexts=contexts,
            intensity=onto.intensity(etype, mode) if etype else None,
            basis=row["basis"].strip(),
            description=row["description"].strip(),
        )
    return out


def lookup(code: str) -> CameoMapping | None:
    """The mapping of a CAMEO code, through its parents when the code itself is not listed."""
    rows = table()
    code = code.strip()
    while code:
        found = rows.get(code)
        if found is not None:
            return found
        if len(code) <= 2:
            return None
        code = code[:-1]
    return None


def arrow_table() -> pa.Table:
    """The table as Arrow (cameo, event_type, mode, context, intensity, description), for SQL
    joins.

    Codes PLOVER does not code are rows with a NULL ``event_type``, so that a join can tell
    "listed, not coded" from "not listed".
    """
    rows = list(table().values())
    return pa.table(
        {
            "cameo": pa.array([m.cameo for m in rows], pa.string()),
            "event_type": pa.array([m.event_type for m in rows], pa.string()),
            "mode": pa.array([m.mode for m in rows], pa.string()),
            "context": pa.array([list(m.contexts) for m in rows], pa.list_(pa.string())),
            "intensity": pa.array([m.intensity for m in rows], pa.float64()),
            "description": pa.array([m.description for m in rows], pa.string()),
        }
    )


@cache
def group_codes() -> dict[str, str]:
    """CAMEO known-group codes of the organisations bilateral names, to bilateral's codes."""
    text = (resources.files("bilateral") / "data" / "ontology" / "cameo_groups.csv").read_text(
        "utf-8"
    )
    rows = csv.DictReader(line for line in text.splitlines() if not line.startswith("#"))
    return {row["cameo"].strip(): row["code"].strip() for row in rows}
