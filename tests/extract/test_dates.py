"""Dates resolved against the publication date, with their precision (ONTOLOGY.md, Dates)."""

from __future__ import annotations

import datetime as dt

import pytest

from bilateral.extract.dates import best_date, find_dates

# A Tuesday.
PUB = dt.date(2023, 3, 14)


def _one(sentence: str, published: dt.date = PUB) -> tuple[str, str]:
    found = [d for d in find_dates(sentence, published) if not d.future]
    assert found, sentence
    best = best_date(found, 0)
    assert best is not None
    return best.value, best.precision


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met on July 31, 2022.", ("2022-07-31", "day")),
        ("They met on 31 July 2022.", ("2022-07-31", "day")),
        ("They met on 2022-07-31.", ("2022-07-31", "day")),
        ("They met in March 2021.", ("2021-03", "month")),
        ("They met in 2019.", ("2019", "year")),
        ("They met on March 7.", ("2023-03-07", "day")),
        ("They met on Feb. 17.", ("2023-02-17", "day")),
        ("They met in February.", ("2023-02", "month")),
        # a month still to come this year is last year's
        ("They met in November.", ("2022-11", "month")),
        ("They met in early November.", ("2022-11", "month")),
    ],
)
def test_explicit_and_partial_dates(sentence: str, expected: tuple[str, str]) -> None:
    assert _one(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("They met on Monday.", ("2023-03-13", "day")),
        ("They met on Tuesday.", ("2023-03-14", "day")),  # the publication day itself
        ("They met on Wednesday.", ("2023-03-08", "day")),
        ("They met last Tuesday.", ("2023-03-07", "day")),
        ("They met yesterday.", ("2023-03-13", "day")),
        ("They met today.", ("2023-03-14", "day")),
        ("They met last week.", ("2023-03", "month")),
        ("They met last month.", ("2023-02", "month")),
        ("They met earlier this month.", ("2023-03", "month")),
        ("They met last year.", ("2022", "year")),
        ("They met earlier this year.", ("2023", "year")),
    ],
)
def test_relative_dates(sentence: str, expected: tuple[str, str]) -> None:
    assert _one(sentence) == expected


def test_last_week_takes_the_month_of_a_week_before() -> None:
    assert _one("They met last week.", dt.date(2023, 3, 3)) == ("2023-02", "month")


def test_future_dates_are_flagged_and_never_chosen() -> None:
    found = find_dates("He will visit Minsk on March 20 and next week.", PUB)
    assert found
    assert all(d.future for d in found)
    assert best_date(found, 0) is None


def test_the_verb_may_is_no_month() -> None:
    assert find_dates("Iran may sign the deal.", PUB) == []
    assert _one("They met in May.", dt.date(2023, 6, 1)) == ("2023-05", "month")


def test_the_next_day_counts_from_the_day_named_before() -> None:
    found = find_dates("Trump spoke on Tuesday and met him the next day.", dt.date(2025, 5, 14))
    values = [d.value for d in found]
    assert values == ["2025-05-13", "2025-05-14"]


def test_nearest_finest_date_wins() -> None:
    sentence = "The deal signed in 2019 was ratified on Monday."
    found = find_dates(sentence, PUB)
    best = best_date(found, sentence.index("ratified"))
    assert best is not None
    assert best.value == "2023-03-13"


def test_numbers_that_are_no_dates() -> None:
    assert find_dates("Trade reached 2.1 billion dollars and 2023 tonnes.", PUB) == []
