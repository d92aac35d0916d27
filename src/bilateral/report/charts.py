"""The briefing's charts: Vega-Lite specifications rendered to SVG with vl-convert.

Two charts, both from the analysis and the store: the pair's timeline by dimension with its
phases as bands and the catalysts of its shifts as markers, and the network of the pair with its
triangle partners, the third states it diverges over and the states that react to it. They are
rendered with vl-convert, which needs no browser and no network, so the HTML embeds them inline
and opens offline. The specifications are written as plain Vega-Lite (what Altair would emit),
which keeps Altair's import time out of every briefing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

import vl_convert as vlc

from bilateral import ontology
from bilateral.report.evidence import name_of, parse_period, period_end, say_date
from bilateral.store import Store

# Colour per dimension, fixed so that every briefing reads the same way.
DIMENSION_COLOURS = {
    "military": "#b02a37",
    "economic": "#e8a33d",
    "diplomatic": "#2f6db3",
    "sanctions": "#6c3483",
    "connectivity": "#2a9d8f",
    "regional": "#7f8c8d",
}
STANCE_COLOURS = {"cooperative": "#2b8a3e", "conflictual": "#c92a2a", "mixed": "#868e96"}
WIDTH = 760
WORKER_TIMEOUT = 120
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


@dataclass(frozen=True, slots=True)
class Chart:
    """A rendered chart: its key, caption, Vega-Lite spec and SVG text."""

    key: str
    title: str
    caption: str
    spec: dict[str, Any]
    svg: str


def _data(values: list[dict[str, Any]]) -> dict[str, Any]:
    """Inline data for a chart (plain dicts; no data frame library needed)."""
    return {"values": values}


def _inline(svg: str) -> str:
    """SVG text without the XML prolog, so it can be inlined in HTML."""
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1].lstrip()
    return svg


def render(spec: dict[str, Any]) -> str:
    """SVG text of a Vega-Lite spec, rendered in this process."""
    return _inline(str(vlc.vegalite_to_svg(spec)))


# The worker warms vl-convert's JavaScript engine (about a second) as soon as it starts, then
# renders the specs it is sent on stdin and answers with their SVG texts as JSON.
_WORKER = """
import json, sys
import vl_convert as vlc
vlc.vegalite_to_svg({"data": {"values": [{"a": 1}]}, "mark": "point"})
specs = json.loads(sys.stdin.read())
sys.stdout.write(json.dumps([vlc.vegalite_to_svg(spec) for spec in specs]))
"""


class Renderer:
    """Renders Vega-Lite specs to SVG, in a worker process started early when it can.

    vl-convert holds the GIL while its engine starts, so a thread would not overlap with the
    analysis; a process does, on a second core. When the worker cannot run or fails, the specs
    are rendered in this process instead.
    """

    def __init__(self, *, background: bool = True) -> None:
        self._proc: subprocess.Popen[str] | None = None
        if background:
            try:
                self._proc = subprocess.Popen(
                    [sys.executable, "-c", _WORKER],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.DEVNULL,
                    text=True,
                )
            except OSError:
                self._proc = None

    def render(self, specs: list[dict[str, Any]]) -> list[str]:
        proc, self._proc = self._proc, None
        if proc is not None:
            try:
                out, _ = proc.communicate(json.dumps(specs), timeout=WORKER_TIMEOUT)
                svgs = json.loads(out) if proc.returncode == 0 else None
                if isinstance(svgs, list) and len(svgs) == len(specs):
                    return [_inline(str(svg)) for svg in svgs]
            except (subprocess.TimeoutExpired, ValueError, OSError):
                proc.kill()
                proc.communicate()
        return [render(spec) for spec in specs]

    def close(self) -> None:
        """Stop the worker if it was never used (the briefing failed before its charts)."""
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.communicate()


def timeline_spec(analysis: dict[str, Any]) -> dict[str, Any]:
    onto = ontology.load()
    labels = onto.dimension_labels
    bars: list[dict[str, Any]] = []
    for row in analysis.get("timeline") or []:
        period = str(row.get("period"))
        start = parse_period(str(row.get("start") or period))
        end = period_end(period) or start
        if start is None:
            continue
        for dim, value in (row.get("by_dimension") or {}).items():
            if value:
                bars.append(
                    {
                        "start": start.isoformat(),
                        "end": (end or start).isoformat(),
                        "period": period,
                        "dimension": labels.get(dim, dim),
                        "weight": round(float(value), 2),
                    }
                )
    bands = []
    for phase in analysis.get("phases") or []:
        lo, hi = parse_period(str(phase.get("start"))), period_end(str(phase.get("end")))
        if lo and hi:
            bands.append(
                {
                    "start": lo.isoformat(),
                    "end": hi.isoformat(),
                    "phase": str(phase.get("label") or phase.get("level") or "phase"),
                }
            )
    marks = []
    for shift in analysis.get("shifts") or []:
        day = parse_period(str(shift.get("date")))
        if day:
            kinds = sorted(
                {str(c.get("kind")) for c in shift.get("catalysts") or [] if isinstance(c, dict)}
            )
            marks.append(
                {
                    "date": day.isoformat(),
                    "shift": f"{shift.get('from_label')} → {shift.get('to_label')}",
                    "catalysts": ", ".join(kinds) or "none recorded",
                    "when": say_date(day.isoformat(), "month"),
                }
            )
    domain = [labels.get(d, d) for d in DIMENSION_COLOURS]
    time_x = {"field": "start", "type": "temporal"}
    layers: list[dict[str, Any]] = []
    if bands:
        layers.append(
            {
                "data": _data(bands),
                "mark": {"type": "rect", "opacity": 0.10, "color": "#495057"},
                "encoding": {
                    "x": time_x,
                    "x2": {"field": "end"},
                    "tooltip": [
                        {"field": "phase", "type": "nominal"},
                        {"field": "start", "type": "temporal"},
                        {"field": "end", "type": "temporal"},
                    ],
                },
            }
        )
        layers.append(
            {
                "data": _data(bands),
                "mark": {
                    "type": "text",
                    "align": "left",
                    "baseline": "top",
                    "dx": 3,
                    "dy": 3,
                    "fontSize": 10,
                    "color": "#343a40",
                },
                "encoding": {
                    "x": time_x,
                    "y": {"value": 2},
                    "text": {"field": "phase", "type": "nominal"},
                },
            }
        )
    layers.append(
        {
            "data": _data(bars),
            "mark": {"type": "bar"},
            "encoding": {
                "x": {**time_x, "title": None, "axis": {"format": "%Y", "labelAngle": 0}},
                "x2": {"field": "end"},
                "y": {
                    "aggregate": "sum",
                    "field": "weight",
                    "type": "quantitative",
                    "title": "intensity (sum of stories' PLOVER scores)",
                },
                "color": {
                    "field": "dimension",
                    "type": "nominal",
                    "scale": {"domain": domain, "range": list(DIMENSION_COLOURS.values())},
                    "legend": {"orient": "bottom", "title": None},
                },
                "tooltip": [
                    {"field": "period", "type": "nominal"},
                    {"field": "dimension", "type": "nominal"},
                    {"field": "weight", "type": "quantitative"},
                ],
            },
        }
    )
    if marks:
        mark_x = {"field": "date", "type": "temporal"}
        layers.append(
            {
                "data": _data(marks),
                "mark": {"type": "rule", "color": "#212529", "strokeDash": [4, 3]},
                "encoding": {
                    "x": mark_x,
                    "tooltip": [
                        {"field": "when", "type": "nominal"},
                        {"field": "shift", "type": "nominal"},
                        {"field": "catalysts", "type": "nominal"},
                    ],
                },
            }
        )
        layers.append(
            {
                "data": _data(marks),
                "mark": {
                    "type": "point",
                    "shape": "triangle-down",
                    "filled": True,
                    "size": 90,
                    "color": "#212529",
                },
                "encoding": {"x": mark_x, "y": {"value": 0}},
            }
        )
    return {"$schema": SCHEMA, "width": WIDTH, "height": 240, "layer": layers}


def _edge_stats(store: Store, x: str, y: str, bounds: str) -> tuple[int, float]:
    row = store.con.execute(
        "SELECT count(*), coalesce(sum(CASE WHEN negated THEN 0 ELSE intensity END), 0) "
        "FROM stories WHERE ((actor = ? AND recipient = ?) OR (actor = ? AND recipient = ?)) "
        f"AND {bounds}",
        [x, y, y, x],
    ).fetchall()[0]
    return int(row[0]), float(row[1])


def _stance(n: int, weight: float) -> str:
    if n == 0:
        return "mixed"
    mean = weight / n
    return "cooperative" if mean > 0.5 else "conflictual" if mean < -0.5 else "mixed"


def network_thirds(analysis: dict[str, Any]) -> list[tuple[str, str]]:
    """Third parties to draw, with their role: triangle, divergence or reaction."""
    out: dict[str, str] = {}
    tris = sorted(
        (t for t in analysis.get("triangles") or [] if isinstance(t, dict)),
        key=lambda t: -float(t.get("strength") or 0),
    )
    for t in tris[:4]:
        out.setdefault(str(t.get("third")), "triangle")
    for d in (analysis.get("divergences") or [])[:3]:
        if isinstance(d, dict):
            out.setdefault(str(d.get("third")), "divergence")
    reacts = sorted(
        (r for r in analysis.get("reactions") or [] if isinstance(r, dict)),
        key=lambda r: -sum(int(v) for v in (r.get("types") or {}).values()),
    )
    for r in reacts[:3]:
        out.setdefault(str(r.get("by")), "reaction")
    return list(out.items())


def network_spec(
    store: Store, a: str, b: str, analysis: dict[str, Any], bounds: str
) -> dict[str, Any]:
    thirds = network_thirds(analysis)
    pos = {a: (-1.0, 0.0), b: (1.0, 0.0)}
    # Triangle partners above the pair, divergences below it, reacting states at the sides.
    rows: dict[str, list[str]] = {"triangle": [], "divergence": [], "reaction": []}
    for code, role in thirds:
        rows[role].append(code)
    for role, row_y in (("triangle", 1.25), ("divergence", -1.25)):
        for i, code in enumerate(rows[role]):
            k = len(rows[role])
            pos[code] = (round(-0.9 + 1.8 * (i + 0.5) / k, 3) if k > 1 else 0.0, row_y)
    for i, code in enumerate(rows["reaction"]):
        side = -1 if i % 2 == 0 else 1
        pos[code] = (side * 1.85, round(0.9 - 0.9 * (i // 2), 3))
    nodes = [
        {"code": c, "name": name_of(c), "x": pos[c][0], "y": pos[c][1], "role": role}
        for c, role in [(a, "pair"), (b, "pair"), *thirds]
    ]
    edges = []
    links = [(a, b)] + [(t, x) for t, _ in thirds for x in (a, b)]
    for one, other in links:
        n, weight = _edge_stats(store, one, other, bounds)
        if n == 0:
            continue
        edges.append(
            {
                "x": pos[one][0],
                "y": pos[one][1],
                "x2": pos[other][0],
                "y2": pos[other][1],
                "stories": n,
                "stance": _stance(n, weight),
                "link": f"{name_of(one)} – {name_of(other)}",
            }
        )
    hidden = {"title": None, "labels": False, "ticks": False, "domain": False, "grid": False}
    x = {
        "field": "x",
        "type": "quantitative",
        "scale": {"domain": [-2.1, 2.1], "nice": False},
        "axis": hidden,
    }
    y = {
        "field": "y",
        "type": "quantitative",
        "scale": {"domain": [-1.7, 1.7], "nice": False},
        "axis": hidden,
    }
    edge_layer = {
        "data": _data(edges),
        "mark": {"type": "rule", "opacity": 0.8},
        "encoding": {
            "x": x,
            "y": y,
            "x2": {"field": "x2"},
            "y2": {"field": "y2"},
            "color": {
                "field": "stance",
                "type": "nominal",
                "scale": {"domain": list(STANCE_COLOURS), "range": list(STANCE_COLOURS.values())},
                "legend": {"orient": "bottom", "title": "ties (stories)"},
            },
            "strokeWidth": {
                "field": "stories",
                "type": "quantitative",
                "scale": {"range": [1, 9]},
                "legend": None,
            },
            "tooltip": [
                {"field": "link", "type": "nominal"},
                {"field": "stories", "type": "quantitative"},
                {"field": "stance", "type": "nominal"},
            ],
        },
    }
    node_layer = {
        "data": _data(nodes),
        "mark": {
            "type": "circle",
            "size": 900,
            "opacity": 1,
            "stroke": "#212529",
            "strokeWidth": 1,
        },
        "encoding": {
            "x": x,
            "y": y,
            "color": {
                "field": "role",
                "type": "nominal",
                "scale": {
                    "domain": ["pair", "triangle", "divergence", "reaction"],
                    "range": ["#f1c40f", "#dee2e6", "#ffd8a8", "#d0ebff"],
                },
                "legend": {"orient": "bottom", "title": "role"},
            },
            "tooltip": [
                {"field": "name", "type": "nominal"},
                {"field": "role", "type": "nominal"},
            ],
        },
    }
    text_layer = {
        "data": _data(nodes),
        "mark": {"type": "text", "fontSize": 11, "fontWeight": "bold", "color": "#212529"},
        "encoding": {"x": x, "y": y, "text": {"field": "code", "type": "nominal"}},
    }
    return {
        "$schema": SCHEMA,
        "width": WIDTH,
        "height": 360,
        "layer": [edge_layer, node_layer, text_layer],
        "resolve": {"scale": {"color": "independent"}},
        "config": {"view": {"stroke": None}},
    }


def build_charts(
    store: Store,
    a: str,
    b: str,
    analysis: dict[str, Any],
    bounds: str,
    renderer: Renderer | None = None,
) -> dict[str, Chart]:
    """Both charts, rendered (by ``renderer`` when given, else in this process)."""
    timeline = timeline_spec(analysis)
    network = network_spec(store, a, b, analysis, bounds)
    if renderer is not None:
        timeline_svg, network_svg = renderer.render([timeline, network])
    else:
        timeline_svg, network_svg = render(timeline), render(network)
    na, nb = name_of(a), name_of(b)
    return {
        "timeline": Chart(
            "timeline",
            f"{na}–{nb}: intensity by dimension",
            "Stories between the two per quarter, weighted by PLOVER intensity and coloured by "
            "dimension; grey bands are the phases the analysis finds, dashed lines the shifts "
            "between them.",
            timeline,
            timeline_svg,
        ),
        "network": Chart(
            "network",
            f"{na}, {nb} and the states around them",
            "The pair (yellow) with its triangle partners, the third states it diverges over and "
            "the states that react to it; a line's width is the number of stories between two "
            "states, its colour their balance (green cooperative, red conflictual).",
            network,
            network_svg,
        ),
    }
