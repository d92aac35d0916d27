"""The rules coder on acts that reach the pair analysis as evidence: "sent no weapons" is a
denial, what a treaty does not oblige is no act, and one state's own drills near another's
border are a show of force against it."""

from __future__ import annotations

from bilateral.extract import extract
from bilateral.records import Document

PUB = "2024-03-06"  # a Wednesday


def _events(text: str) -> set[tuple[str, str | None, str, bool, str]]:
    return {
        (
            e.event_type,
            e.mode,
            f"{e.actor.code}>{e.recipient.code if e.recipient else None}",
            e.negated,
            e.date,
        )
        for e in extract(Document.create(text, id="d1", published=PUB))
    }


def test_an_act_with_no_object_is_denied() -> None:
    text = "Seoul said on Monday it had sent no artillery shells to Ukraine."
    assert _events(text) == {("AID", None, "KOR>UKR", True, "2024-03-04")}
    # a date inside a "since" clause dates that clause, not the denial
    text = "Turkey has supplied no drones to Ethiopia since the fighting began in November."
    assert _events(text) == {("AID", None, "TUR>ETH", True, PUB)}
    # "no fewer than" is a quantity
    text = "Germany said on Monday it had delivered no fewer than 18 tanks to Ukraine."
    assert _events(text) == {("AID", None, "DEU>UKR", False, "2024-03-04")}


def test_what_a_treaty_does_not_oblige_is_no_act() -> None:
    text = (
        "Japanese officials said on Monday that the accord with the Philippines does not oblige "
        "Japan to send troops if the Philippines is attacked."
    )
    assert _events(text) == set()


def test_drills_alone_near_a_border_are_a_show_of_force() -> None:
    text = "Belarus launched snap military drills near its border with Poland on Monday."
    assert _events(text) == {("MOBILIZE", "troops", "BLR>POL", False, "2024-03-04")}
    # joint drills stay cooperation
    text = "Iran began military exercises with Russia near the border with Azerbaijan on Monday."
    assert _events(text) == {("COOPERATE", None, "IRN>RUS", False, "2024-03-04")}


def test_drones_of_a_state_that_enter_another_state_are_its_act() -> None:
    text = "Romania said on Monday that a Russian drone entered its airspace during an attack."
    assert {(t, m, p) for t, m, p, _, _ in _events(text)} == {("ACCUSE", "allege", "ROU>RUS")}
    # no intruder named: no act
    text = "Tusk requested consultations with NATO after drones violated Polish airspace."
    assert "ASSAULT" not in {t for t, _, _, _, _ in _events(text)}
    # drones shot down are the target, not the actor
    text = "Ukraine said on Monday that its air defences shot down 40 Russian drones."
    assert {(t, m, p) for t, m, p, _, _ in _events(text)} == {("ASSAULT", "aerial", "UKR>RUS")}


def test_a_surname_alone_is_the_person_named_in_full_earlier() -> None:
    text = (
        "Major General Ivan Petrov, commander of the Bulgarian Navy, met Romanian naval officers "
        "in Constanta on Monday. Petrov praised Bucharest for its support."
    )
    assert ("SUPPORT", None, "BGR>ROU", False, "2024-03-04") in _events(text)
    text = (
        "Turkish Land Forces commander General Selcuk Bayraktaroglu held talks with Pakistani "
        "army officials in Rawalpindi on Monday. Bayraktaroglu thanked Islamabad for its help."
    )
    assert ("SUPPORT", None, "TUR>PAK", False, "2024-03-04") in _events(text)
    # a surname never named in full is nobody
    text = "Thai and Cambodian officials met in Kuala Lumpur. Later, Suthep praised Phnom Penh."
    assert "SUPPORT" not in {t for t, _, _, _, _ in _events(text)}


def test_the_service_is_the_intelligence_service_named_earlier() -> None:
    text = (
        "Latvia's state security service presented its yearly review on Monday. The service said "
        "Russia planned to use Kyrgyzstan as a route for sanctioned electronics."
    )
    assert {(t, m, p) for t, m, p, _, _ in _events(text)} == {
        ("ACCUSE", "allege", "LVA>RUS"),
        ("ACCUSE", "allege", "LVA>KGZ"),
    }
    # a ministry telling its own state's plan reports the plan
    text = (
        "Kazakhstan's foreign ministry announced new visa rules on Monday. The ministry said "
        "Kazakhstan planned to open an embassy in Hanoi next year."
    )
    assert {(t, m, p) for t, m, p, _, _ in _events(text)} == {("AGREE", None, "KAZ>VNM")}


def test_drones_shot_down_are_no_actor_and_a_party_after_on_no_subject() -> None:
    text = (
        "Poland said on Monday that several Russian drones entered its territory during attacks "
        "on Ukraine and were shot down with help from NATO allies."
    )
    assert {(t, m, p) for t, m, p, _, _ in _events(text)} == {("ACCUSE", "allege", "POL>RUS")}
    text = "Japan imposed new sanctions on Russia on Monday and praised Ukraine for its resistance."
    assert {(t, p) for t, _, p, _, _ in _events(text)} == {
        ("SANCTION", "JPN>RUS"),
        ("SUPPORT", "JPN>UKR"),
    }
