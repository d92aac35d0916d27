"""Contexts follow the subject of the act; statistics, trade and non-state acts are no events."""

from __future__ import annotations

from bilateral.extract import extract
from bilateral.records import Document, Event

PUB = "2023-03-14"  # a Tuesday


def _events(text: str) -> list[Event]:
    return extract(Document.create(text, id="t1", published=PUB))


def test_office_words_name_who_acts_not_the_subject() -> None:
    (e,) = _events(
        "Iran's foreign ministry summoned the French ambassador on Monday to protest against "
        "the new sanctions on its airlines."
    )
    assert e.event_type == "ACCUSE"
    assert set(e.context) == {"transport"}


def test_expelling_diplomats_is_still_diplomatic() -> None:
    (e,) = _events("Poland expelled two Belarusian diplomats on Monday.")
    assert e.event_type == "SANCTION"
    assert "diplomatic" in e.context


def test_energy_brings_natural_resource() -> None:
    (e,) = _events("Iran and Belarus signed an agreement on electricity supplies on Monday.")
    assert {"energy", "natural_resource"} <= set(e.context)


def test_a_security_accord_is_military() -> None:
    (e,) = _events("Japan and Ukraine signed a ten-year security accord on Monday.")
    assert "military" in e.context


def test_a_meeting_in_a_time_phrase_keeps_its_own_contexts() -> None:
    events = _events(
        "Belarus and Venezuela agreed on Monday to expand cooperation in oil, following talks "
        "in Minsk between the two foreign ministers."
    )
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert consult
    assert set(consult[0].context) == {"diplomatic"}


def test_commercial_deliveries_are_no_aid() -> None:
    assert not _events(
        "Belarus delivered 30,000 tonnes of fertiliser to Iran last year under a barter deal."
    )


def test_a_tally_of_past_visits_is_no_event() -> None:
    assert not _events("Lukashenko has visited Tehran five times since 2006.")


def test_the_state_spied_for_is_no_recipient() -> None:
    assert not _events("Iran executed two men on Monday whom it convicted of spying for Israel.")


def test_a_warning_about_a_state_of_things_is_no_threat() -> None:
    assert not _events(
        "The EU's foreign policy chief warned that Russia remains a threat to Europe."
    )
    (e,) = _events("Lithuania warned Belarus that it could close the border crossings.")
    assert e.event_type == "THREATEN"


def test_a_reaction_to_the_move_takes_the_moves_contexts() -> None:
    events = _events(
        "Iran seized two Greek tankers in the Gulf on Friday, and Athens condemned the move."
    )
    accuse = [e for e in events if e.event_type == "ACCUSE"]
    assert accuse
    assert "transport" in accuse[0].context


def test_an_opposition_leader_is_no_state() -> None:
    assert not _events(
        "The Belarusian opposition leader met EU foreign ministers in Brussels on Monday. "
        "She urged them to tighten sanctions on Minsk."
    )


def test_a_hedged_possibility_is_no_plan() -> None:
    assert not _events("Analysts said Iran and Russia could deepen military cooperation.")


def test_stopping_a_cooperative_act_is_discontinue() -> None:
    (e,) = _events("The EU stopped recognising Lukashenko as president on Monday.")
    assert (e.event_type, e.mode) == ("SANCTION", "discontinue")


def test_what_someone_called_illegal_needs_a_named_target() -> None:
    events = _events("Aleinik praised Iran for resisting what he called illegal sanctions.")
    assert all(e.event_type != "ACCUSE" for e in events)


def test_a_meeting_is_about_its_topic_and_participants() -> None:
    events = _events(
        "Modi and Xi held talks on the sidelines of the BRICS summit in Kazan on Wednesday "
        "and endorsed the border deal."
    )
    consult = [e for e in events if e.event_type == "CONSULT"]
    assert consult
    assert set(consult[0].context) == {"diplomatic"}
    (e,) = _events(
        "Iranian Energy Minister Ali Akbar Mehrabian met Belarusian Energy Minister Viktor "
        "Karankevich in Minsk on Tuesday to discuss cooperation in power plant construction."
    )
    assert "energy" in e.context


def test_the_next_acts_words_are_its_own() -> None:
    events = _events(
        "The European Union closed its airspace to Russian aircraft on Sunday and agreed to "
        "finance the delivery of weapons to Ukraine."
    )
    sanction = [e for e in events if e.event_type == "SANCTION"]
    assert sanction
    assert "military" not in sanction[0].context
