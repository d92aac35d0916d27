"""Phases of a pair's history, their labels and landmarks, and the catalysts of each shift.

**Change points.** The pair's timeline (by year by default) becomes one row of counts per
period: all stories, cooperative ones, conflictual ones (the level and its sign) and the stories
in each dimension (the mix); columns that are always 0 are dropped. Stories of a relationship
arrive like a Poisson process whose rates change at the shifts, so ``ruptures.Pelt`` (``jump=1``)
cuts the series with a Poisson cost (``PoissonCost``: the columns as independent streams) and the
penalty ``PENALTY_FACTOR * d * log(n)`` per cut (d streams, n periods): BIC, doubled. The factor
2 is the smallest that keeps planted pure noise (0–3 stories a year of mixed kinds, the tests'
no-shift stores) in one phase, while a planted lasting shift in level and mix is found within one
period. A stream with fewer than ``MIN_STREAM_STORIES`` stories in the whole history is left out:
it cannot show a change of rate, and it would raise the penalty of every cut. Phases are at least
``min_size`` periods long (3 years, 4 quarters or 6 months by default: over decades, a burst of
two years around one state visit is an episode of a phase, not a phase).

**Ruptures.** Pelt searches every period for a break, so it must see a large change. A shift
also happens where the pair itself dealt a material blow (a sanction, an exit from a joint
project, a seizure: the non-denied material-conflict stories between A and B) and the ties that
blow touched did not recover. At such a known place the location need not be searched, so a
smaller change is evidence enough: within each phase, every rupture proposes the cut at its own
period and at the next, and each cut is tested for a *fall* in the rate of cooperative stories
and of the stories in each of the rupture's dimensions (sanctions aside: the blow itself counts
there) by the likelihood ratio of two Poisson rates against one (χ², one degree of freedom).
The best cut is kept when its p-value times the number of tests made in the phase (Bonferroni)
is under ``RUPTURE_ALPHA`` (0.05); both parts are tested again. A rupture that ties shrugged
off, or that more cooperation followed, cuts nothing (tested on planted steady histories with
ruptures in them). Pelt then runs again inside the new stretches, and the two stages alternate
until neither adds a cut.

**Labels.** The *level* of a phase is its mean cooperative intensity per period placed in the
pair's own range, from its weakest phase (0) to its strongest (1): ``high`` from 0.6, ``moderate``
from 0.25, else ``low``; a history of one phase is ``moderate`` (it has no range to be placed
in). A hostile phase (below) is placed the same way by the weight of its conflict. A shift is
*up* or *down* when the mean net intensity (cooperation plus conflict) rose or fell by more than
a tenth of the phase's activity, else it is a change of *mix*.

Diplomacy is the carrier of the other ties (every visit, signing and statement is also
diplomatic), so a phase is named after another dimension when one *stands out*: it holds at least
``MIN_SHARE`` (a tenth) of the phase's weight on its own side (the net cooperation of each
dimension in a cooperative phase, the net conflict in a hostile one, so a phase is not named
after the blows it took) and its lift, its share in the phase over its share in the pair's whole
history, is at least 1: the phase has both some of it and more of it than the pair usually has.
Of those, the one with the largest share × lift names the phase (in a history of one phase every
lift is 1 and the largest share wins); when none stands out, the phase is diplomatic. A phase
whose conflict outweighs its cooperation is labelled hostility. ``LABELS`` maps (dimension,
level) to words.

**Landmarks.** The phase's top stories by |intensity| × (1 + ln reports), one a month (the
signing, the talks and the pledges of one visit are one landmark, and a later retrospective
dated only to that month does not repeat it; the same holds for catalysts).

**Catalysts** of a shift at period start t, within the window [t − W, t + W) (W = 1 year, 4
quarters or 6 months):

- *own*: the pair's stories in the window, which for these runs on for a second W after the
  break, within the new phase (the count may rise a year before the acts that define the new
  phase); when the level rose (or only the mix changed), those
  in the new phase's dominant dimension first, then cooperative ones; when it fell, conflictual
  ones first, material blows (sanctions, exits, seizures) before words; each group ranked by
  |intensity| × (1 + ln reports);
- *third-party*: stories in the window between a third party and A, B or one of the pair's
  partners (``partners``: the triangle partners), whose dyad *co-moves* with the break: its
  stories in the window are at least ``MIN_BURST`` (1.5) times what its rate over the whole
  analysed period predicts (each count +1), so a war, a treaty or a rupture that falls near the
  break qualifies, and a steady background tie does not; a story between a third party and A
  or B whose evidence names both A and B (an act about the pair itself: sanctions on one side's
  company for its business with the other) qualifies without a burst, as if it had the least
  one. Ranked by |intensity| × (1 + ln reports) × that ratio ÷ (1 + days from the break / 90),
  so the onset of a burst outranks its later episodes; conflictual ones first when the level
  fell, one per dyad. No name of any state is written in this rule.
"""

from __future__ import annotations

import bisect
import itertools
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from bilateral import ontology
from bilateral.analysis.common import (
    WEIGHT_SQL,
    StoryRef,
    bounds_sql,
    dimension_condition,
    dimension_names,
    pair_sql,
    period_label,
    refs_in_order,
)
from bilateral.analysis.timeline import TimelineRow, timeline
from bilateral.extract.actors import ActorLexicon
from bilateral.records import UNKNOWN_ACTOR
from bilateral.store import Store

PENALTY_FACTOR = 2.0
MIN_SIZE = {"year": 3, "quarter": 4, "month": 6}
WINDOW_MONTHS = {"year": 12, "quarter": 12, "month": 6}
HIGH, MODERATE = 0.6, 0.25
MIN_SHARE = 0.1
N_LANDMARKS = 3
N_CATALYSTS = 3
MIN_BURST = 1.5
MAX_THIRD_CANDIDATES = 500
RUPTURE_ALPHA = 0.05
MIN_STREAM_STORIES = 5
STEP_MONTHS = {"year": 12, "quarter": 3, "month": 1}
# A catalyst is near its break: a third-party story's score is divided by 1 + (days from the
# break) / PROXIMITY_DAYS, so the onset of a burst (an invasion) outranks its later, more
# widely reported episodes.
PROXIMITY_DAYS = 90.0
# A shift is up or down when the net intensity moved by more than this share of the activity.
SHIFT_SHARE = 0.1

LABELS: dict[str, dict[str, str]] = {
    "diplomatic": {
        "low": "low-level diplomatic",
        "moderate": "diplomatic engagement",
        "high": "close diplomatic alignment",
    },
    "economic": {
        "low": "low-level economic",
        "moderate": "economic engagement",
        "high": "economic partnership",
    },
    "military": {
        "low": "low-level military contacts",
        "moderate": "military cooperation",
        "high": "military alignment",
    },
    "sanctions": {
        "low": "low-level ties under sanctions",
        "moderate": "sanctions friction",
        "high": "sanctions confrontation",
    },
    "connectivity": {
        "low": "low-level connectivity",
        "moderate": "connectivity ties",
        "high": "connectivity partnership",
    },
    "regional": {
        "low": "low-level regional contacts",
        "moderate": "regional coordination",
        "high": "regional alignment",
    },
    "hostility": {"low": "low-level hostility", "moderate": "hostility", "high": "open hostility"},
}

_SCORE_SQL = f"abs({WEIGHT_SQL}) * (1 + ln(greatest(n_reports, 1)))"
_CIRCLE = "_bilateral_shift_circle"


@dataclass(frozen=True, slots=True)
class Phase:
    """A stretch of the pair's history with one level and one dominant dimension."""

    start: str
    end: str
    start_date: date
    end_date: date  # exclusive
    level: str
    dominant_dimension: str
    label: str
    stories: int
    cooperation: float
    conflict: float
    mean_cooperation: float
    mean_conflict: float  # per period, 0 or less
    by_dimension: dict[str, float]
    landmarks: tuple[StoryRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start,
            "end": self.end,
            "level": self.level,
            "dominant_dimension": self.dominant_dimension,
            "label": self.label,
            "stories": self.stories,
            "cooperation": round(self.cooperation, 3),
            "conflict": round(self.conflict, 3),
            "mean_cooperation": round(self.mean_cooperation, 3),
            "mean_conflict": round(self.mean_conflict, 3),
            "by_dimension": {k: round(v, 3) for k, v in self.by_dimension.items()},
            "landmarks": [s.to_dict() for s in self.landmarks],
        }


@dataclass(frozen=True, slots=True)
class Catalyst:
    kind: str  # "own" | "third-party"
    story: StoryRef

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "story": self.story.to_dict()}


@dataclass(frozen=True, slots=True)
class Shift:
    """The turn from one phase to the next, with what came with it."""

    date: str
    direction: str  # "up" | "down" | "mix"
    from_label: str
    to_label: str
    catalysts: tuple[Catalyst, ...]
    basis: str = "change point"  # or "rupture": found at a blow between the pair

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "direction": self.direction,
            "basis": self.basis,
            "from_label": self.from_label,
            "to_label": self.to_label,
            "catalysts": [c.to_dict() for c in self.catalysts],
        }


@dataclass(frozen=True, slots=True)
class PhaseResult:
    by: str
    phases: tuple[Phase, ...]
    shifts: tuple[Shift, ...]


def _poisson_cost() -> Any:
    """A ruptures cost: the Poisson likelihood of a segment (built on first use, because
    importing ruptures pulls in scipy, about a second that every CLI start would pay)."""
    import ruptures

    class PoissonCost(ruptures.base.BaseCost):  # type: ignore[misc]
        """Twice the negative Poisson log-likelihood of a segment, its streams independent.

        Each column is a count per period; a segment's rate is its mean. Constant terms (log y!)
        are dropped: they do not depend on where the cuts fall.
        """

        model = "poisson"
        min_size = 1

        def fit(self, signal: np.ndarray) -> Any:
            counts = signal if signal.ndim > 1 else signal.reshape(-1, 1)
            self.signal = counts  # ruptures reads the length from it
            self.cumsum = np.vstack([np.zeros((1, counts.shape[1])), np.cumsum(counts, axis=0)])
            return self

        def error(self, start: int, end: int) -> float:
            total = self.cumsum[end] - self.cumsum[start]
            rate = total / (end - start)
            with np.errstate(divide="ignore", invalid="ignore"):
                loglik = np.where(total > 0, total * np.log(rate) - total, 0.0)
            return float(-2.0 * loglik.sum())

    return PoissonCost()


def features(rows: list[TimelineRow]) -> np.ndarray:
    """The per-period counts the change points are found on: the streams (columns) that hold at
    least ``MIN_STREAM_STORIES`` stories; a rarer stream cannot show a change of rate, and each
    stream raises the penalty every cut must pay."""
    cols: list[list[float]] = [
        [float(r.stories) for r in rows],
        [float(r.cooperative_stories) for r in rows],
        [float(r.conflictual_stories) for r in rows],
    ]
    cols += [[float(r.dimension_stories[d]) for r in rows] for d in dimension_names()]
    matrix = np.array(cols, dtype=float).T
    kept: np.ndarray = matrix[:, matrix.sum(axis=0) >= MIN_STREAM_STORIES]
    return kept


def change_points(
    rows: list[TimelineRow], *, min_size: int, span: tuple[int, int] | None = None
) -> list[int]:
    """Indices (into rows) where a new phase starts, by Pelt with the module's penalty rule.

    With ``span`` (lo, hi), only that stretch is cut, with the streams and the penalty of the
    whole history (so a stretch is held to the same standard as the whole).
    """
    n = len(rows)
    lo, hi = span or (0, n)
    signal = features(rows)
    if hi - lo < 2 * min_size or signal.shape[1] == 0:
        return []
    d = signal.shape[1]
    penalty = PENALTY_FACTOR * d * math.log(n)
    import ruptures

    algo = ruptures.Pelt(custom_cost=_poisson_cost(), min_size=min_size, jump=1)
    ends = algo.fit(signal[lo:hi]).predict(pen=penalty)
    return [lo + int(i) for i in ends[:-1]]


def segment(rows: list[TimelineRow], ruptures: list[Rupture], *, min_size: int) -> dict[int, str]:
    """All phase starts, each with the stage that found it (``change point`` or ``rupture``):
    Pelt's change points and the rupture cuts, each stage run again inside the stretches the
    other one made, until neither adds a cut."""
    cuts = dict.fromkeys(change_points(rows, min_size=min_size), "change point")
    while True:
        added = dict.fromkeys(
            rupture_points(rows, ruptures, sorted(cuts), min_size=min_size), "rupture"
        )
        bounds = [0, *sorted(cuts.keys() | added.keys()), len(rows)]
        for lo, hi in itertools.pairwise(bounds):
            for cut in change_points(rows, min_size=min_size, span=(lo, hi)):
                added.setdefault(cut, "change point")
        if added.keys() <= cuts.keys():
            return dict(sorted(cuts.items()))
        cuts = {**added, **cuts}


@dataclass(frozen=True, slots=True)
class Rupture:
    """A material blow between the pair (a sanction, an exit, a seizure): a candidate break."""

    index: int  # the period (row) it falls in
    dimensions: tuple[str, ...]  # its dimensions other than sanctions


def _material_conflict_types() -> list[str]:
    return sorted(n for n, t in ontology.load().types.items() if t.material and not t.cooperative)


def ruptures_of(store: Store, a: str, b: str, rows: list[TimelineRow], by: str) -> list[Rupture]:
    """The pair's non-denied material-conflict stories within the rows, placed in their period."""
    onto = ontology.load()
    kinds = _material_conflict_types()
    step_end = _add_months(rows[-1].start, STEP_MONTHS[by])
    found = store.con.execute(
        f"""
        SELECT date_start, event_type, context FROM stories
        WHERE {pair_sql(a, b)} AND NOT negated AND list_contains(?, event_type)
          AND {bounds_sql(rows[0].start, step_end)}
        ORDER BY date_start, id
        """,
        [kinds],
    ).fetchall()
    starts = [r.start for r in rows]
    out = []
    for day, etype, context in found:
        index = bisect.bisect_right(starts, day) - 1
        dims = tuple(d for d in onto.dimensions_of(context, etype) if d != "sanctions")
        out.append(Rupture(index=index, dimensions=dims))
    return out


def rupture_points(
    rows: list[TimelineRow],
    ruptures: list[Rupture],
    cuts: list[int],
    *,
    min_size: int,
) -> list[int]:
    """Further cuts, each at a rupture that a lasting fall follows; see the module.

    Within each phase the change points leave, every rupture proposes two cuts (the new phase
    opens with the rupture's period, or right after it); each cut is tested for a fall in the
    rate of cooperative stories and in the rate of stories in each of the rupture's dimensions,
    by the likelihood ratio of two Poisson rates against one (χ² with one degree of freedom).
    The smallest p-value times the number of tests in the phase (Bonferroni) must be below
    ``RUPTURE_ALPHA``; the phase is cut there and both parts are tested again.
    """
    # The cost Pelt uses, one stream at a time: error(lo, hi) is -2 log-likelihood of one rate.
    streams = {"": [float(r.cooperative_stories) for r in rows]}
    streams |= {d: [float(r.dimension_stories[d]) for r in rows] for d in dimension_names()}
    costs = {name: _poisson_cost().fit(np.array(v)) for name, v in streams.items()}
    found: list[int] = []
    todo = list(itertools.pairwise([0, *cuts, len(rows)]))
    while todo:
        lo, hi = todo.pop()
        # Each (cut, stream) once: two blows in one period propose the same tests.
        tests: set[tuple[int, str]] = set()
        for rupture in ruptures:
            for cut in (rupture.index, rupture.index + 1):
                if lo + min_size <= cut <= hi - min_size:
                    tests |= {(cut, "")} | {(cut, d) for d in rupture.dimensions}
        best: tuple[float, int] | None = None
        for cut, stream in sorted(tests):
            cost = costs[stream]
            series = cost.signal[:, 0]
            if series[cut:hi].mean() >= series[lo:cut].mean():
                continue
            gain = cost.error(lo, hi) - cost.error(lo, cut) - cost.error(cut, hi)
            p = math.erfc(math.sqrt(max(gain, 0.0) / 2.0))
            if best is None or p < best[0]:
                best = (p, cut)
        if best is not None and best[0] * len(tests) < RUPTURE_ALPHA:
            found.append(best[1])
            todo += [(lo, best[1]), (best[1], hi)]
    return sorted(found)


def _level(mean_coop: float, lowest: float, highest: float) -> str:
    if highest - lowest <= 1e-9:
        return "moderate"
    ratio = (mean_coop - lowest) / (highest - lowest)
    return "high" if ratio >= HIGH else "moderate" if ratio >= MODERATE else "low"


def _dominant(by_dimension: dict[str, float], history: dict[str, float], *, sign: float) -> str:
    """The dimension that stands out in the phase, else diplomatic; see the module.

    Only the weight on the phase's own side counts (``sign`` +1: a dimension's net cooperation,
    -1: its net conflict).
    """
    part = {d: max(sign * v, 0.0) for d, v in by_dimension.items()}
    whole = {d: max(sign * v, 0.0) for d, v in history.items()}
    total, everything = sum(part.values()), sum(whole.values())
    if total <= 0 or everything <= 0:
        return "diplomatic"
    scores = {}
    for d, v in part.items():
        share = v / total
        if d == "diplomatic" or share < MIN_SHARE or whole[d] <= 0:
            continue
        lift = share / (whole[d] / everything)
        if lift >= 1.0 - 1e-9:
            scores[d] = share * lift
    return max(scores.items(), key=lambda kv: kv[1])[0] if scores else "diplomatic"


def _add_months(day: date, months: int) -> date:
    total = day.year * 12 + day.month - 1 + months
    return date(total // 12, total % 12 + 1, 1)


def detect_phases(
    store: Store,
    a: str,
    b: str,
    *,
    by: str = "year",
    start: str | date | None = None,
    end: str | date | None = None,
    min_size: int | None = None,
    partners: tuple[str, ...] = (),
    rows: list[TimelineRow] | None = None,
    source: str = "stories",
) -> PhaseResult:
    """Cut the pair's history into phases; label them and find the catalysts of each shift."""
    if rows is None:
        rows = timeline(store, a, b, by=by, start=start, end=end, source=source)
    a, b = a.strip().upper(), b.strip().upper()
    size = min_size or MIN_SIZE[by]
    step_end = _add_months(rows[-1].start, STEP_MONTHS[by])
    seen = _seen(store, rows, source)
    # Cuts are sought only among the periods the store has reports for: after its latest report
    # (of any pair), a period asked for with --to is silent because nothing was read yet, not
    # because nothing happened, and would look like a fall.
    covered = rows[: max(sum(seen), 1)]
    found = segment(covered, ruptures_of(store, a, b, covered, by), min_size=size)
    bounds = [0, *found, len(rows)]
    spans = list(itertools.pairwise(bounds))
    means = [sum(r.cooperation for r in rows[lo:hi]) / _span(seen, lo, hi) for lo, hi in spans]
    blows = [-sum(r.conflict for r in rows[lo:hi]) / _span(seen, lo, hi) for lo, hi in spans]
    history = {d: sum(r.by_dimension[d] for r in rows) for d in dimension_names()}
    phases: list[Phase] = []
    for lo, hi in itertools.pairwise(bounds):
        part = rows[lo:hi]
        start_date = part[0].start
        end_date = rows[hi].start if hi < len(rows) else step_end
        coop = sum(r.cooperation for r in part)
        conf = sum(r.conflict for r in part)
        by_dim = {d: sum(r.by_dimension[d] for r in part) for d in dimension_names()}
        periods = _span(seen, lo, hi)
        mean_coop = coop / periods
        hostile = -conf > coop
        # A hostile phase is placed by the weight of its conflict, a cooperative one by its
        # cooperation, each in the range the pair's phases span.
        if hostile:
            level = _level(-conf / periods, min(blows), max(blows))
        else:
            level = _level(mean_coop, min(means), max(means))
        dominant = _dominant(by_dim, history, sign=-1.0 if hostile else 1.0)
        key = "hostility" if hostile else dominant
        phases.append(
            Phase(
                start=part[0].period,
                end=part[-1].period,
                start_date=start_date,
                end_date=end_date,
                level=level,
                dominant_dimension=dominant,
                label=LABELS[key][level],
                stories=sum(r.stories for r in part),
                cooperation=coop,
                conflict=conf,
                mean_cooperation=mean_coop,
                mean_conflict=conf / periods,
                by_dimension=by_dim,
                landmarks=_landmarks(store, a, b, start_date, end_date),
            )
        )
    if len(phases) < 2:
        return PhaseResult(by=by, phases=tuple(phases), shifts=())
    circle = [a, b, *[p for p in partners if p not in (a, b)]]
    circle_sql = "[" + ", ".join(f"'{c}'" for c in circle) + "]"
    # The third-party candidates of every shift, in one scan of the store.
    store.con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE {_CIRCLE} AS
        SELECT rowid AS k, date_start, intensity, negated, n_reports, summary,
               least(actor, recipient) AS x, greatest(actor, recipient) AS y
        FROM stories
        WHERE recipient IS NOT NULL AND actor <> recipient
          AND actor <> '{UNKNOWN_ACTOR}' AND recipient <> '{UNKNOWN_ACTOR}'
          AND NOT ({pair_sql(a, b)})
          AND (list_contains({circle_sql}, actor) OR list_contains({circle_sql}, recipient))
          AND {bounds_sql(rows[0].start, step_end)}
        """
    )
    try:
        shifts = tuple(
            _shift(store, a, b, before, after, by, (rows[0].start, step_end), basis)
            for (before, after), basis in zip(
                itertools.pairwise(phases), found.values(), strict=True
            )
        )
    finally:
        store.con.execute(f"DROP TABLE IF EXISTS {_CIRCLE}")
    return PhaseResult(by=by, phases=tuple(phases), shifts=shifts)


def _seen(store: Store, rows: list[TimelineRow], source: str) -> list[int]:
    """1 for each period that starts on or before the store's latest report of any pair, else
    0 (the trailing periods a later ``--to`` asks for)."""
    (last,) = store.con.execute(f"SELECT max(date_start) FROM {source}").fetchone() or (None,)
    return [1 if last is None or r.start <= last else 0 for r in rows]


def _span(seen: list[int], lo: int, hi: int) -> int:
    """How many of rows lo..hi the store has reports for (at least 1)."""
    return max(sum(seen[lo:hi]), 1)


def _landmarks(store: Store, a: str, b: str, lo: date, hi: date) -> tuple[StoryRef, ...]:
    ids = store.con.execute(
        f"""
        SELECT rowid FROM stories WHERE {pair_sql(a, b)} AND {bounds_sql(lo, hi)}
        QUALIFY row_number() OVER (
            PARTITION BY left(date, 7) ORDER BY {_SCORE_SQL} DESC, id) = 1
        ORDER BY {_SCORE_SQL} DESC, date_start, id LIMIT {N_LANDMARKS}
        """
    ).fetchall()
    return refs_in_order(store.con, [r[0] for r in ids])


def _direction(before: Phase, after: Phase) -> str:
    """``up`` when the mean net intensity per period (cooperation plus conflict) rose by more
    than a tenth of the larger phase's activity (cooperation minus conflict), ``down`` when it
    fell by as much, else ``mix`` (the kind of ties changed more than their warmth)."""
    net_before = before.mean_cooperation + before.mean_conflict
    net_after = after.mean_cooperation + after.mean_conflict
    scale = max(
        before.mean_cooperation - before.mean_conflict,
        after.mean_cooperation - after.mean_conflict,
    )
    if net_after - net_before > SHIFT_SHARE * scale:
        return "up"
    if net_before - net_after > SHIFT_SHARE * scale:
        return "down"
    return "mix"


def _shift(
    store: Store,
    a: str,
    b: str,
    before: Phase,
    after: Phase,
    by: str,
    history: tuple[date, date],
    basis: str,
) -> Shift:
    t = after.start_date
    w = WINDOW_MONTHS[by]
    lo, hi = _add_months(t, -w), _add_months(t, w)
    # The pair's own turning points may come a little after the break: the count rises first,
    # the acts that define the new phase (a defence memorandum) can follow within a second
    # window's length, inside the new phase.
    own_hi = max(hi, min(_add_months(t, 2 * w), after.end_date))
    direction = _direction(before, after)
    aligned = {
        "up": f"{WEIGHT_SQL} > 0",
        "down": f"{WEIGHT_SQL} < 0",
        "mix": "false",
    }[direction]
    new_dim = f"({dimension_condition(after.dominant_dimension)})"
    # A rise is told by the new phase's kind of stories; a fall by the blows that came with it.
    blows = ", ".join(f"'{k}'" for k in _material_conflict_types())
    first, second = (
        (f"({aligned})", f"(event_type IN ({blows}) AND NOT negated)")
        if direction == "down"
        else (new_dim, f"({aligned})")
    )
    con = store.con
    own = con.execute(
        f"""
        SELECT rowid FROM stories
        WHERE {pair_sql(a, b)} AND {bounds_sql(lo, own_hi)}
        QUALIFY row_number() OVER (
            PARTITION BY left(date, 7)
            ORDER BY {first} DESC, {second} DESC, {_SCORE_SQL} DESC, id) = 1
        ORDER BY {first} DESC, {second} DESC, {_SCORE_SQL} DESC, date_start, id
        LIMIT {N_CATALYSTS}
        """
    ).fetchall()
    prefer = f"({WEIGHT_SQL} < 0)" if direction == "down" else "true"
    span_days = max((history[1] - history[0]).days, 1)
    share = min(((hi - lo).days) / span_days, 1.0)
    pair_list = f"['{a}', '{b}']"
    candidates = con.execute(
        f"""
        WITH s AS (SELECT * FROM {_CIRCLE}),
        dyads AS (
            SELECT x, y, (count(*) FILTER (WHERE {bounds_sql(lo, hi)}) + 1.0)
                         / (count(*) * {share} + 1.0) AS burst
            FROM s GROUP BY x, y
        )
        SELECT s.k, s.x, s.y, s.date_start, {prefer} AS pref, burst,
               {_SCORE_SQL} * greatest(burst, {MIN_BURST})
               / (1.0 + abs(date_diff('day', s.date_start, DATE '{t.isoformat()}'))
                  / {PROXIMITY_DAYS}) AS score,
               s.summary
        FROM s JOIN dyads USING (x, y)
        WHERE {bounds_sql(lo, hi)}
          AND (burst >= {MIN_BURST} OR list_contains({pair_list}, x)
               OR list_contains({pair_list}, y))
        ORDER BY pref DESC, score DESC, date_start, k
        LIMIT {MAX_THIRD_CANDIDATES}
        """
    ).fetchall()
    lexicon = ActorLexicon.default()
    best: dict[tuple[str, str], tuple[bool, float, date, int]] = {}
    for k, x, y, day, pref, burst, score, summary in candidates:
        if burst < MIN_BURST and not {a, b} <= {m.code for m in lexicon.find(summary, on=day)}:
            continue  # neither a burst near the break nor an act about the pair itself
        if (x, y) not in best:  # candidates come best first: one per dyad
            best[(x, y)] = (bool(pref), float(score), day, int(k))
    ranked = sorted(best.values(), key=lambda r: (not r[0], -r[1], r[2], r[3]))
    third = [(r[3],) for r in ranked[:N_CATALYSTS]]
    own_refs = refs_in_order(con, [r[0] for r in own])
    third_refs = refs_in_order(con, [r[0] for r in third])
    catalysts = tuple(Catalyst("own", s) for s in own_refs) + tuple(
        Catalyst("third-party", s) for s in third_refs
    )
    return Shift(
        date=period_label(t, by),
        direction=direction,
        from_label=before.label,
        to_label=after.label,
        catalysts=catalysts,
        basis=basis,
    )
