"""Change points find a planted shift, and none where there is none."""

from __future__ import annotations

import random

import pytest

from bilateral.analysis import detect_phases


def _plant(planter, seed: int, *, shift_year: int | None) -> None:
    rng = random.Random(seed)
    for y in range(1995, 2021):
        after = shift_year is not None and y >= shift_year
        for _ in range(rng.randint(4, 7) if after else rng.randint(0, 3)):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            if after:
                kind = rng.choice(["COOPERATE", "AID", "SUPPORT", "CONSULT"])
                planter.add("AAA", "BBB", kind, day, context=("military",))
            else:
                kind = rng.choice(["CONSULT", "SUPPORT", "AGREE"])
                ctx = rng.choice([("diplomatic",), ("economic",), ("diplomatic",)])
                planter.add("AAA", "BBB", kind, day, context=ctx)


@pytest.mark.parametrize(("seed", "shift_year"), [(1, 2008), (2, 2012), (3, 2003)])
def test_planted_shift_is_found_within_one_period(planter, seed: int, shift_year: int) -> None:
    _plant(planter, seed, shift_year=shift_year)
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    assert len(result.phases) == 2
    found = result.phases[1].start_date.year
    assert abs(found - shift_year) <= 1
    before, after = result.phases
    assert after.dominant_dimension == "military"
    assert after.label == "military alignment"
    assert before.level == "low"
    (shift,) = result.shifts
    assert shift.direction == "up"
    assert shift.from_label == before.label
    assert shift.to_label == "military alignment"
    assert shift.catalysts
    assert all(c.kind == "own" for c in shift.catalysts)
    assert after.landmarks
    assert all(s.date[:4] >= str(found) for s in after.landmarks)


@pytest.mark.parametrize("seed", [4, 5, 6, 7])
def test_no_shift_gives_one_phase(planter, seed: int) -> None:
    _plant(planter, seed, shift_year=None)
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    assert len(result.phases) == 1
    assert result.shifts == ()
    (phase,) = result.phases
    assert phase.end == "2020"
    assert phase.level == "moderate"
    assert phase.stories > 0


def test_planted_shift_on_quarters(planter) -> None:
    rng = random.Random(11)
    for y in range(2016, 2024):
        for q in range(4):
            after = (y, q) >= (2020, 2)
            for _ in range(rng.randint(3, 5) if after else rng.randint(0, 1)):
                day = f"{y}-{3 * q + rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
                ctx = ("military",) if after else ("diplomatic",)
                planter.add("AAA", "BBB", "COOPERATE" if after else "CONSULT", day, context=ctx)
    result = detect_phases(planter.build(), "AAA", "BBB", by="quarter")
    starts = [p.start for p in result.phases]
    assert len(starts) == 2
    assert starts[1] in {"2020Q2", "2020Q3", "2020Q4"}
