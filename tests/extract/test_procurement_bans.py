"""Procurement and investment bans on firms active in a state are sanctions on that state."""

from __future__ import annotations

import pytest

from bilateral.extract import extract
from bilateral.records import Document


def _acts(text: str, published: str = "2022-03-10") -> list[tuple[str, str, str | None]]:
    events = extract(Document.create(text, published=published))
    return sorted((e.event_type, e.actor.code, e.recipient.code if e.recipient else None)
                  for e in events)  # fmt: skip


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("The United States barred its agencies from doing business with firms active in Iran.",
         "USA"),
        ("Canada prohibits contracts with companies engaged in prohibited activities in Iran.",
         "CAN"),
    ],
)  # fmt: skip
def test_a_ban_on_dealings_with_firms_in_a_state_is_a_sanction(text: str, actor: str) -> None:
    assert _acts(text) == [("SANCTION", actor, "IRN")]


def test_a_us_state_government_acts_for_the_united_states() -> None:
    text = (
        "New Jersey has enacted a law, signed by Governor Murphy on March 9, which prohibits "
        "government dealings with businesses associated with Belarus and Russia."
    )
    assert _acts(text) == [("SANCTION", "USA", "BLR"), ("SANCTION", "USA", "RUS")]


def test_a_bar_or_a_ban_without_dealings_is_no_sanction() -> None:
    assert _acts("The hotel bar in Tehran was busy as the delegation arrived.") == []


def test_an_act_in_a_relative_clause_after_that_is_coded() -> None:
    text = (
        "The governor signed legislation on Tuesday that bars state agencies from doing business "
        "with firms engaged in investment activities in Iran."
    )
    assert _acts(text.replace("The governor", "Chris Christie"), "2012-07-31") == [
        ("SANCTION", "USA", "IRN")
    ]


def test_that_before_a_bare_noun_is_still_a_determiner() -> None:
    # "that attack" names an attack; it is not a new one
    assert ("ASSAULT", "RUS", "UKR") not in _acts("Officials discussed that attack on Kyiv.")
