"""The briefing's charts: Vega-Lite specifications (built with Altair) rendered to SVG.

Two charts, both from the analysis and the store: the pair's timeline by dimension with its
phases as bands and the catalysts of its shifts as markers, and the network of the pair with its
triangle partners, the third states it diverges over and the states that react to it. They are
rendered with vl-convert, which needs no browser and no network, so the HTML embeds them inline
and opens offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
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


def render(spec: dict[str, Any]) -> str:
    """SVG text of a Vega-Lite spec, without the XML prolog (so it can be inlined)."""
    svg = str(vlc.vegalite_to_svg(spec))
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1].lstrip()
    return svg


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
    x = alt.X("start:T", title=None, axis=alt.Axis(format="%Y", labelAngle=0))
    layers: list[Any] = []
    if bands:
        band_data = _data(bands)
        layers.append(
            alt.Chart(band_data)
            .mark_rect(opacity=0.10, color="#495057")
            .encode(x=alt.X("start:T"), x2="end:T", tooltip=["phase:N", "start:T", "end:T"])
        )
        layers.append(
            alt.Chart(band_data)
            .mark_text(align="left", baseline="top", dx=3, dy=3, fontSize=10, color="#343a40")
            .encode(x=alt.X("start:T"), y=alt.value(2), text="phase:N")
        )
    layers.append(
        alt.Chart(_data(bars))
        .mark_bar()
        .encode(
            x=x,
            x2="end:T",
            y=alt.Y("sum(weight):Q", title="intensity (sum of stories' PLOVER scores)"),
            color=alt.Color(
                "dimension:N",
                scale=alt.Scale(domain=domain, range=list(DIMENSION_COLOURS.values())),
                legend=alt.Legend(orient="bottom", title=None),
            ),
            tooltip=["period:N", "dimension:N", "weight:Q"],
        )
    )
    if marks:
        mark_data = _data(marks)
        layers.append(
            alt.Chart(mark_data)
            .mark_rule(color="#212529", strokeDash=[4, 3])
            .encode(x=alt.X("date:T"), tooltip=["when:N", "shift:N", "catalysts:N"])
        )
        layers.append(
            alt.Chart(mark_data)
            .mark_point(shape="triangle-down", filled=True, size=90, color="#212529")
            .encode(x=alt.X("date:T"), y=alt.value(0), tooltip=["when:N", "shift:N"])
        )
    chart = alt.layer(*layers).properties(width=WIDTH, height=240)
    return dict(chart.to_dict())


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
    scale_x = alt.Scale(domain=[-2.1, 2.1], nice=False)
    scale_y = alt.Scale(domain=[-1.7, 1.7], nice=False)
    hidden = alt.Axis(title=None, labels=False, ticks=False, domain=False, grid=False)
    edge_layer = (
        alt.Chart(_data(edges))
        .mark_rule(opacity=0.8)
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=hidden),
            y=alt.Y("y:Q", scale=scale_y, axis=hidden),
            x2="x2:Q",
            y2="y2:Q",
            color=alt.Color(
                "stance:N",
                scale=alt.Scale(domain=list(STANCE_COLOURS), range=list(STANCE_COLOURS.values())),
                legend=alt.Legend(orient="bottom", title="ties (stories)"),
            ),
            strokeWidth=alt.StrokeWidth("stories:Q", scale=alt.Scale(range=[1, 9]), legend=None),
            tooltip=["link:N", "stories:Q", "stance:N"],
        )
    )
    node_data = _data(nodes)
    node_layer = (
        alt.Chart(node_data)
        .mark_circle(size=900, opacity=1, stroke="#212529", strokeWidth=1)
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=hidden),
            y=alt.Y("y:Q", scale=scale_y, axis=hidden),
            color=alt.Color(
                "role:N",
                scale=alt.Scale(
                    domain=["pair", "triangle", "divergence", "reaction"],
                    range=["#f1c40f", "#dee2e6", "#ffd8a8", "#d0ebff"],
                ),
                legend=alt.Legend(orient="bottom", title="role"),
            ),
            tooltip=["name:N", "role:N"],
        )
    )
    text_layer = (
        alt.Chart(node_data)
        .mark_text(fontSize=11, fontWeight="bold", color="#212529")
        .encode(
            x=alt.X("x:Q", scale=scale_x, axis=hidden),
            y=alt.Y("y:Q", scale=scale_y, axis=hidden),
            text="code:N",
        )
    )
    chart = (
        alt.layer(edge_layer, node_layer, text_layer)
        .resolve_scale(color="independent")
        .properties(width=WIDTH, height=360)
        .configure_view(stroke=None)
    )
    return dict(chart.to_dict())


def build_charts(
    store: Store, a: str, b: str, analysis: dict[str, Any], bounds: str
) -> dict[str, Chart]:
    """Both charts, rendered."""
    timeline = timeline_spec(analysis)
    network = network_spec(store, a, b, analysis, bounds)
    na, nb = name_of(a), name_of(b)
    return {
        "timeline": Chart(
            "timeline",
            f"{na}–{nb}: intensity by dimension",
            "Stories between the two per quarter, weighted by PLOVER intensity and coloured by "
            "dimension; grey bands are the phases the analysis finds, dashed lines the shifts "
            "between them.",
            timeline,
            render(timeline),
        ),
        "network": Chart(
            "network",
            f"{na}, {nb} and the states around them",
            "The pair (yellow) with its triangle partners, the third states it diverges over and "
            "the states that react to it; a line's width is the number of stories between two "
            "states, its colour their balance (green cooperative, red conflictual).",
            network,
            render(network),
        ),
    }
