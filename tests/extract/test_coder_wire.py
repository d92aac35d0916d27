"""The rules coder on phrasings of longer wire copy: signings, stationed weapons, diplomatic
measures, attributions and purposes (docs/ontology.md, sections 2, 3 and 5)."""

from __future__ import annotations

import pytest

from bilateral.extract import extract
from bilateral.records import Document

PUB = "2023-03-14"  # a Tuesday


def _codes(text: str) -> set[tuple[str, str | None, str]]:
    return {
        (e.event_type, e.mode, f"{e.actor.code}>{e.recipient.code if e.recipient else None}")
        for e in extract(Document.create(text, id="w1", published=PUB))
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kazakhstan and Uzbekistan signed a strategic partnership in Astana on Monday.",
            {("SUPPORT", None, "KAZ>UZB")},
        ),
        (
            "Kazakhstan and Uzbekistan put their signatures to a border treaty on Monday.",
            {("SUPPORT", None, "KAZ>UZB")},
        ),
        (
            "Iran and Armenia signed a memorandum to expand trade on Monday.",
            {("SUPPORT", None, "IRN>ARM")},  # the purpose of the text is no second act
        ),
        (
            "Iran and Armenia agreed that the dispute must be settled by diplomacy.",
            {("SUPPORT", None, "IRN>ARM")},
        ),
    ],
)
def test_signings_and_shared_positions(text: str, expected: set[tuple[str, None, str]]) -> None:
    assert _codes(text) == expected


def test_weapons_stationed_in_an_ally_are_aid_and_a_plan_to_do_so_is_agree() -> None:
    assert _codes("Russia has deployed nuclear-capable missiles in Belarus.") == {
        ("AID", None, "RUS>BLR")
    }
    assert _codes("Putin said on Monday that Russia would deploy new missiles in Belarus.") == {
        ("AGREE", None, "RUS>BLR")
    }


def test_an_announced_recall_is_a_sanction_and_a_warning_a_threat() -> None:
    assert _codes("Lithuania said on Monday it would recall its ambassador from Minsk.") == {
        ("SANCTION", "withdraw", "LTU>BLR")
    }
    assert _codes("Poland warned it could recall its ambassador from Minsk.") == {
        ("THREATEN", "relations", "POL>BLR")
    }
    assert _codes("Estonia withdrew its envoy from Minsk on Monday.") == {
        ("SANCTION", "withdraw", "EST>BLR")
    }


def test_a_state_reporting_anothers_act_alleges_it_and_its_purpose() -> None:
    text = "South Korea said on Monday that North Korea had sent troops to help Russia."
    assert _codes(text) == {
        ("ACCUSE", "allege", "KOR>PRK"),
        ("ACCUSE", "allege", "KOR>RUS"),
    }


def test_one_expulsion_for_a_declaration_persona_non_grata() -> None:
    text = "Azerbaijan declared two employees of the Russian embassy persona non grata on Monday."
    assert _codes(text) == {("SANCTION", "expel", "AZE>RUS")}


def test_criticism_inside_a_sanctions_story_and_a_participle_meeting() -> None:
    text = (
        "The EU banned exports of drones to Belarus, calling the Lukashenko government an "
        "accomplice in Russia's war."
    )
    assert ("ACCUSE", "disapprove", "EU>BLR") in _codes(text)
    text = (
        "NATO leaders meeting in Vilnius called on Iran to stop supplying drones to Russia, "
        "and voiced concern about Belarus."
    )
    found = _codes(text)
    assert ("ACCUSE", "disapprove", "NATO>BLR") in found
    assert not any(t == "CONSULT" for t, _, _ in found)


def test_a_possessed_agency_belongs_to_its_state() -> None:
    text = (
        "Ukraine's Foreign Intelligence Service alleged on Friday that Iran had sent drones to "
        "Russia."
    )
    pairs = {p for t, _, p in _codes(text) if t == "ACCUSE"}
    assert "UKR>IRN" in pairs
    assert pairs <= {"UKR>IRN", "UKR>RUS"}  # not Russia's SVR of the same name
