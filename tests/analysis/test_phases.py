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
    assert shift.basis == "change point"
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


def _plant_rupture(planter, seed: int, *, rupture: bool) -> None:
    """Thin ties to 2000, economic engagement 2001-2010, then a rupture (one side walks out of
    the joint project in September 2010) and a lasting fall of the economic ties, with
    diplomatic contacts a little up: the overall level falls only moderately."""
    rng = random.Random(seed)
    for y in range(1995, 2021):
        era = 0 if y < 2001 else 1 if y < 2011 else 2
        n_econ = (rng.randint(0, 1), rng.randint(2, 4), rng.randint(0, 1))[era]
        n_dipl = (rng.randint(0, 2), rng.randint(1, 2), rng.randint(2, 3))[era]
        for _ in range(n_econ):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            kind = rng.choice(["COOPERATE", "AGREE", "SUPPORT"])
            planter.add("AAA", "BBB", kind, day, context=("economic",))
        for _ in range(n_dipl):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            planter.add("AAA", "BBB", rng.choice(["CONSULT", "AGREE"]), day)
    if rupture:
        planter.add(
            "BBB",
            "AAA",
            "SANCTION",
            "2010-09-14",
            context=("economic", "energy"),
            mode="discontinue",
            text="BBB's state oil company said it was leaving its contract in AAA.",
        )


@pytest.mark.parametrize("seed", range(10))
def test_a_rupture_followed_by_a_fall_ends_a_phase(planter, seed: int) -> None:
    _plant_rupture(planter, seed, rupture=True)
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    starts = [p.start_date.year for p in result.phases]
    (i,) = [i for i, year in enumerate(starts) if abs(year - 2011) <= 1]
    assert i == len(starts) - 1, starts
    engagement, after = result.phases[i - 1 :]
    assert engagement.dominant_dimension == "economic"
    assert after.dominant_dimension == "diplomatic"
    fall = result.shifts[i - 1]
    assert fall.direction == "down"
    first = fall.catalysts[0]
    assert first.kind == "own"
    assert first.story.event_type == "SANCTION"
    assert first.story.date == "2010-09-14"


@pytest.mark.parametrize("seed", [0, 2, 3, 4])
def test_the_rupture_is_what_marks_a_moderate_fall(planter, seed: int) -> None:
    """In these planted histories the fall alone is below the bar a change point must clear
    anywhere in the history (the test above finds it when the rupture is there: anchored at a
    rupture, the location need not be searched)."""
    _plant_rupture(planter, seed, rupture=False)
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    assert not [p.start for p in result.phases if 2010 <= p.start_date.year <= 2012]


@pytest.mark.parametrize("seed", [0, 2, 4])
def test_a_shift_found_at_a_rupture_says_so(planter, seed: int) -> None:
    _plant_rupture(planter, seed, rupture=True)
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    (fall,) = [s for s in result.shifts if 2010 <= int(s.date) <= 2012]
    assert fall.basis == "rupture"
    assert fall.to_dict()["basis"] == "rupture"


@pytest.mark.parametrize("seed", range(20))
def test_ruptures_in_a_steady_history_make_no_phase(planter, seed: int) -> None:
    _plant(planter, seed, shift_year=None)
    rng = random.Random(seed)
    for _ in range(1 + seed % 3):
        day = f"{rng.randint(1997, 2018)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        ctx = rng.choice([("economic",), ("transport",), ("military",)])
        planter.add("BBB", "AAA", "SANCTION", day, context=ctx)
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    assert len(result.phases) == 1, [p.start for p in result.phases]
    assert result.shifts == ()


def _plant_named_rupture(planter, *, about_the_pair: bool) -> None:
    """Iran and Belarus: economic engagement 2001-2010, Belarus walks out in 2010, ties fall.
    The United States sanctions Belarusian firms every year (a steady tie, no burst); in March
    2010 one of those sanctions is, or is not, about Belarus's business in Iran."""
    rng = random.Random(3)
    for y in range(1995, 2021):
        era = 0 if y < 2001 else 1 if y < 2011 else 2
        for _ in range((rng.randint(0, 1), rng.randint(3, 5), rng.randint(0, 1))[era]):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            planter.add("IRN", "BLR", "COOPERATE", day, context=("economic",))
        for _ in range(rng.randint(1, 2)):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            planter.add("IRN", "BLR", "CONSULT", day)
        if y != 2010:
            planter.add(
                "USA",
                "BLR",
                "SANCTION",
                f"{y}-{rng.randint(4, 12):02d}-{rng.randint(1, 28):02d}",
                context=("economic",),
                text=f"Washington sanctioned a Belarusian bank, its list number {y}.",
            )
    planter.add(
        "BLR",
        "IRN",
        "SANCTION",
        "2010-09-14",
        context=("economic",),
        mode="discontinue",
        text="Belarus's state oil company said it was leaving its oilfield contract in Iran.",
    )
    text = (
        "The United States sanctioned Belarus's state oil company over its oilfield in Iran."
        if about_the_pair
        else "The United States sanctioned Belarus's state potash company."
    )
    planter.add("USA", "BLR", "SANCTION", "2010-03-29", context=("economic",), text=text)


@pytest.mark.parametrize("about_the_pair", [True, False])
def test_a_third_party_act_about_the_pair_is_a_catalyst_without_a_burst(
    planter, about_the_pair: bool
) -> None:
    _plant_named_rupture(planter, about_the_pair=about_the_pair)
    result = detect_phases(planter.build(), "IRN", "BLR", by="year")
    (fall,) = [s for s in result.shifts if s.direction == "down"]
    assert 2010 <= int(fall.date) <= 2012
    third = [c.story for c in fall.catalysts if c.kind == "third-party"]
    if about_the_pair:
        assert [(s.actor, s.date) for s in third] == [("USA", "2010-03-29")]
    else:
        assert third == []  # a steady stream of sanctions on other firms is no catalyst


def test_a_phase_is_named_after_what_stands_out_not_after_its_talk(planter) -> None:
    """Before 2010: talks and one trade deal (under a tenth of the weight: it does not stand
    out); from 2010: talks still make most of the weight, but defence cooperation appears, a
    fifth of the weight and none before, and stands out."""
    rng = random.Random(5)
    for y in range(1995, 2021):
        for _ in range(rng.randint(3, 5) if y >= 2010 else rng.randint(1, 2)):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            planter.add("AAA", "BBB", "CONSULT", day)
        if y == 2000 or (y >= 2010 and y % 2 == 0):
            planter.add("AAA", "BBB", "AGREE", f"{y}-06-01", context=("economic",))
        if y >= 2010:
            planter.add("AAA", "BBB", "AGREE", f"{y}-09-01", context=("military",))
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    assert [p.start for p in result.phases] == ["1995", "2010"]
    before, after = result.phases
    assert before.dominant_dimension == "diplomatic"
    assert after.by_dimension["diplomatic"] > after.by_dimension["military"]
    assert after.dominant_dimension == "military"


def test_an_escalating_conflict_is_a_fall_into_open_hostility(planter) -> None:
    """Occasional sanctions and accusations, then from 2015 strikes and deployments: the later
    phase is the more hostile one, and the shift is a fall, though neither phase cooperates."""
    rng = random.Random(8)
    for y in range(1995, 2021):
        escalated = y >= 2015
        for _ in range(rng.randint(4, 6) if escalated else rng.randint(0, 1)):
            day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            kind = rng.choice(["ASSAULT", "MOBILIZE"]) if escalated else "SANCTION"
            planter.add("AAA", "BBB", kind, day, context=("military",))
        day = f"{y}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        planter.add("BBB", "AAA", "ACCUSE", day, mode="disapprove")
    result = detect_phases(planter.build(), "AAA", "BBB", by="year")
    assert [p.start for p in result.phases][1:] in (["2014"], ["2015"], ["2016"])
    before, after = result.phases
    assert before.label == "low-level hostility"
    assert after.label == "open hostility"
    assert after.mean_conflict < before.mean_conflict < 0
    (shift,) = result.shifts
    assert shift.direction == "down"
    assert shift.catalysts[0].story.event_type in {"ASSAULT", "MOBILIZE"}


def test_periods_after_the_stores_last_report_are_no_fall(planter) -> None:
    """Asked to run to the end of 2022 while the store's reports stop in mid-2020, the
    analysis does not read the unread quarters as a collapse of the ties."""
    rng = random.Random(12)
    for y in range(2015, 2021):
        for q in range(4 if y < 2020 else 2):
            for _ in range(rng.randint(3, 5)):
                day = f"{y}-{3 * q + rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
                planter.add("AAA", "BBB", "COOPERATE", day, context=("economic",))
    store = planter.build()
    result = detect_phases(store, "AAA", "BBB", by="quarter", end="2022-12-31")
    assert [p.start for p in result.phases] == ["2015Q1"]
    assert result.phases[0].end == "2022Q4"
    assert result.shifts == ()
    # The level of the one phase is its rate over the quarters the store has read.
    full = detect_phases(store, "AAA", "BBB", by="quarter")
    assert result.phases[0].mean_cooperation == pytest.approx(full.phases[0].mean_cooperation)
