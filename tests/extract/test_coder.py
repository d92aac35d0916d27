"""The rules coder on the labelling conventions of ONTOLOGY.md, one case per convention."""

from __future__ import annotations

import pytest

from bilateral.extract import extract
from bilateral.records import Document, Event

PUB = "2023-03-14"  # a Tuesday


def _events(text: str, published: str = PUB) -> list[Event]:
    return extract(Document.create(text, id="t1", published=published))


def _summary(text: str, published: str = PUB) -> set[tuple[str, str, str | None]]:
    return {
        (e.event_type, e.actor.code, e.recipient.code if e.recipient else None)
        for e in _events(text, published)
    }


def _pair(e: Event) -> frozenset[str | None]:
    return frozenset({e.actor.code, e.recipient.code if e.recipient else None})


def test_signing_is_support_between_the_pair() -> None:
    (e,) = _events("Iran and Belarus signed a memorandum on military cooperation on Monday.")
    assert e.event_type == "SUPPORT"
    assert _pair(e) == {"IRN", "BLR"}
    assert e.actor.code == "IRN"  # undirected: the first-mentioned state is the actor
    assert "military" in e.context
    assert (e.date, e.date_precision) == ("2023-03-13", "day")


def test_future_cooperative_acts_are_agree() -> None:
    for text in (
        "Iran will sign a trade agreement with Belarus.",
        "Belarus plans to supply tractors to Iran.",
        "Iran and Belarus agreed to set up a joint venture.",
    ):
        types = {e.event_type for e in _events(text)}
        assert types == {"AGREE"}, text
        assert {_pair(e) for e in _events(text)} == {frozenset({"IRN", "BLR"})}


def test_an_invitation_is_agree_from_the_inviter() -> None:
    (e,) = _events("Raisi has invited Lukashenko to visit Tehran again.")
    assert (e.event_type, e.actor.code, e.recipient and e.recipient.code) == ("AGREE", "IRN", "BLR")


def test_a_visit_is_consult_from_visitor_to_host() -> None:
    (e,) = _events("Belarusian President Alexander Lukashenko arrived in Tehran on Sunday.")
    assert (e.event_type, e.mode) == ("CONSULT", "visit")
    assert (e.actor.code, e.recipient and e.recipient.code) == ("BLR", "IRN")
    assert e.location is not None
    assert e.location.country == "IRN"
    assert e.date == "2023-03-12"


def test_received_makes_the_subject_the_host() -> None:
    (e,) = _events("Putin received Lukashenko in Sochi on Monday.")
    assert (e.event_type, e.mode, e.actor.code) == ("CONSULT", "visit", "BLR")
    assert e.recipient is not None
    assert e.recipient.code == "RUS"


def test_talks_in_one_sides_capital_make_the_other_the_visitor() -> None:
    (e,) = _events("Lukashenko held talks with Raisi in Tehran on Monday.")
    assert (e.event_type, e.mode, e.actor.code) == ("CONSULT", "visit", "BLR")


def test_a_joint_subject_does_not_say_who_travelled() -> None:
    (e,) = _events("Iranian and Belarusian officials held talks in Minsk on Monday.")
    assert (e.event_type, e.mode, _pair(e)) == ("CONSULT", None, {"IRN", "BLR"})
    assert e.location is not None
    assert e.location.country == "BLR"


def test_request_and_threat_modes_follow_their_object() -> None:
    (e,) = _events("Ukraine asked Germany for more air defence systems on Monday.")
    assert (e.event_type, e.mode) == ("REQUEST", "assist")
    (e,) = _events("Belarus urged Lithuania to show restraint on Monday.")
    assert (e.event_type, e.mode) == ("REQUEST", "yield")
    (e,) = _events("Russia threatened Finland with military retaliation on Tuesday.")
    assert (e.event_type, e.mode) == ("THREATEN", "violence")


def test_rounds_of_consultations_have_no_mode() -> None:
    (e,) = _events(
        "Iran and Belarus held the seventh round of their political consultations in Minsk."
    )
    assert (e.event_type, e.mode) == ("CONSULT", None)
    assert e.location is not None
    assert e.location.country == "BLR"


def test_sidelines_make_a_meeting_multilateral() -> None:
    (e,) = _events(
        "Iranian Foreign Minister Hossein Amir-Abdollahian met Belarusian Foreign Minister "
        "Sergei Aleinik on the sidelines of the SCO summit on Tuesday."
    )
    assert (e.event_type, e.mode, _pair(e)) == ("CONSULT", "multilateral", {"IRN", "BLR"})


def test_a_phone_call() -> None:
    (e,) = _events("Lukashenko telephoned Pezeshkian on Tuesday.", "2025-06-18")
    assert (e.event_type, e.mode, _pair(e)) == ("CONSULT", "phone", {"BLR", "IRN"})
    assert e.location is None


def test_joint_exercises_are_cooperate_for_every_pair() -> None:
    events = _events("Naval forces of Iran, Russia and China began a joint exercise on Monday.")
    assert {e.event_type for e in events} == {"COOPERATE"}
    assert {_pair(e) for e in events} == {
        frozenset({"IRN", "RUS"}),
        frozenset({"IRN", "CHN"}),
        frozenset({"RUS", "CHN"}),
    }


def test_supplying_is_aid() -> None:
    (e,) = _events("Iran supplied drones to Russia last year.")
    assert (e.event_type, e.actor.code, e.recipient and e.recipient.code) == ("AID", "IRN", "RUS")
    assert (e.date, e.date_precision) == ("2022", "year")
    assert "military" in e.context


def test_sanctions_take_the_targeted_sector() -> None:
    (e,) = _events(
        "The United States imposed sanctions on Monday on Belarus's potash producer Belaruskali."
    )
    assert (e.event_type, e.actor.code, e.recipient and e.recipient.code) == (
        "SANCTION",
        "USA",
        "BLR",
    )
    assert "natural_resource" in e.context
    assert e.location is None


def test_condemnation_and_allegation() -> None:
    (e,) = _events("Lithuania condemned Belarus on Tuesday.")
    assert (e.event_type, e.mode) == ("ACCUSE", "disapprove")
    (e,) = _events("Ukraine accused Iran of supplying drones to Russia.")
    assert (e.event_type, e.mode, e.actor.code) == ("ACCUSE", "allege", "UKR")
    assert e.recipient is not None
    assert e.recipient.code == "IRN"


def test_a_third_party_claim_is_an_allegation_not_the_act() -> None:
    events = _events("Kyiv said on Monday that Iran had supplied drones to Russia.")
    assert {(e.event_type, e.mode, e.actor.code) for e in events} == {("ACCUSE", "allege", "UKR")}
    assert {e.recipient.code for e in events if e.recipient} == {"IRN", "RUS"}


def test_a_warning_of_sanctions_is_a_threat() -> None:
    (e,) = _events("Lithuania warned it could close its border crossings with Belarus.")
    assert (e.event_type, e.mode, e.actor.code) == ("THREATEN", "restrict", "LTU")


def test_denials_keep_the_type_and_are_negated() -> None:
    (e,) = _events("Iran on Monday denied that Tehran had supplied drones to Russia.")
    assert (e.event_type, e.negated, e.actor.code) == ("AID", True, "IRN")
    (e,) = _events("Iran did not supply drones to Russia.")
    assert e.negated


def test_no_act_no_event() -> None:
    for text in (
        "Trade between Iran and Belarus stood at about 30 million dollars last year.",
        "Belarus exported 30 tractors to Iran last year, according to customs statistics.",
        "Analysts say relations between Minsk and Tehran have a long history.",
    ):
        assert _events(text) == [], text


def test_passive_voice_reads_the_agent() -> None:
    (e,) = _events(
        "A memorandum on joint training was signed by the defence ministries of Belarus and "
        "Russia in Minsk on Thursday."
    )
    assert (e.event_type, _pair(e)) == ("SUPPORT", {"BLR", "RUS"})


def test_several_events_in_one_sentence() -> None:
    got = _summary(
        "Belarusian Defence Minister Viktor Khrenin held talks in Tehran on Tuesday with his "
        "Iranian counterpart Mohammad-Reza Ashtiani, and the two signed a memorandum on "
        "military cooperation."
    )
    assert ("CONSULT", "BLR", "IRN") in got
    assert any(t == "SUPPORT" for t, _, _ in got)


def test_anaphora_across_sentences() -> None:
    got = _summary(
        "Iranian Foreign Minister Hossein Amir-Abdollahian arrived in Yerevan on Friday. "
        "On Saturday he met Prime Minister Nikol Pashinyan."
    )
    assert ("CONSULT", "IRN", "ARM") in got


def test_a_reaction_to_the_move_targets_its_author() -> None:
    got = _summary(
        "Iran's Revolutionary Guards seized two Greek tankers in the Gulf on Friday, and "
        "Athens condemned the move as piracy.",
        "2022-05-27",
    )
    assert ("ACCUSE", "GRC", "IRN") in got


def test_evidence_is_the_sentence_span_without_the_dateline() -> None:
    text = "MINSK, March 14 (BelTA) - Iran and Belarus signed a road map. Trade grew."
    (e,) = _events(text)
    assert e.evidence.text == "Iran and Belarus signed a road map."
    assert text[e.evidence.start : e.evidence.end] == e.evidence.text
    assert 0 < e.confidence <= 1


def test_the_same_act_twice_in_a_document_is_one_event() -> None:
    events = _events(
        "Iran and Belarus signed a road map on Monday. The road map was signed by Iran and "
        "Belarus on Monday in Tehran."
    )
    assert len(events) == 1


def test_no_date_in_the_text_takes_the_publication_date() -> None:
    (e,) = _events("Iran and Belarus signed a road map.")
    assert (e.date, e.date_precision) == (PUB, "day")


@pytest.mark.parametrize(
    "text",
    [
        "\x01\x02\x03 ��� garbage \ufffd" * 100,
        "Иран и Беларусь подписали соглашение. 伊朗和白俄罗斯签署了协议。 "
        "Iran and Belarus signed a deal.",
        "." * 5000,
        "Iran " * 20_000,
    ],
)
def test_bad_input_does_not_crash(text: str) -> None:
    events = _events(text)
    assert isinstance(events, list)


def test_a_huge_document_is_coded_on_its_head_only(caplog: pytest.LogCaptureFixture) -> None:
    from bilateral.extract.coder import MAX_DOCUMENT

    text = "Iran and Belarus signed a road map on Monday. " + "word " * (MAX_DOCUMENT // 2)
    with caplog.at_level("WARNING"):
        events = _events(text)
    assert [e.event_type for e in events] == ["SUPPORT"]
    assert "coding only the first" in caplog.text
    assert all(e.evidence.end <= MAX_DOCUMENT for e in events)


def test_a_run_on_sentence_of_repeated_acts_is_bounded() -> None:
    events = _events("Iran and Belarus signed a deal and " * 3000)
    assert len(events) == 1  # one act between one pair on one date


def test_a_special_place_in_ones_policy_is_support() -> None:
    (e,) = _events(
        "Iranian Defence Minister Mohammad-Reza Ashtiani said on Tuesday that Belarus has a "
        "special place in Iran's foreign policy."
    )
    assert (e.event_type, e.actor.code) == ("SUPPORT", "IRN")
    assert e.recipient is not None
    assert e.recipient.code == "BLR"


def test_an_admission_concedes_and_the_admitted_act_is_not_coded_again() -> None:
    events = _events(
        "Iran acknowledged on Saturday that it had sent a small number of drones to Russia."
    )
    assert [(e.event_type, e.actor.code) for e in events] == [("CONCEDE", "IRN")]


def test_an_exchange_of_messages_is_consult_with_no_place() -> None:
    (e,) = _events("MINSK - Foreign Ministers Aleinik and Amir-Abdollahian exchanged messages.")
    assert (e.event_type, e.mode, e.location) == ("CONSULT", None, None)
    assert _pair(e) == {"BLR", "IRN"}


def test_telling_an_official_of_another_state_is_a_meeting() -> None:
    (e,) = _events("Lukashenko told visiting Iranian Foreign Minister Amir-Abdollahian on Monday.")
    assert (e.event_type, e.mode, e.actor.code) == ("CONSULT", "visit", "IRN")
    assert e.location is not None
    assert e.location.country == "BLR"
    for text in (
        "Lukashenko told reporters on Monday that talks were going well.",
        "Lukashenko told the Belarusian parliament on Monday that the economy grew.",
        "Lukashenko told Prime Minister Golovchenko on Monday to cut prices.",
    ):
        assert not [e for e in _events(text) if e.event_type == "CONSULT"], text


def test_leaving_a_joint_project_is_sanction_discontinue() -> None:
    for text in (
        "Belarus is pulling out of its oil project with Iran.",
        "Belarusneft said it had decided to leave its contract with the National Iranian Oil "
        "Company.",
        "Iran and Belarus have abandoned their joint oil project.",
    ):
        (e,) = _events(text)
        assert (e.event_type, e.mode, _pair(e)) == ("SANCTION", "discontinue", {"BLR", "IRN"})
    assert not _events("Iran pulled out of the Asian Cup qualifier against Jordan on Friday.")


def test_dissatisfaction_is_accuse_and_joint_openings_cooperate() -> None:
    assert _summary("Belarus is dissatisfied with its car venture with Iran.") == {
        ("ACCUSE", "BLR", "IRN")
    }
    (e,) = _events("Belarus's ambassador attended the opening of a joint truck plant in Iran.")
    assert (e.event_type, _pair(e)) == ("COOPERATE", {"BLR", "IRN"})
    (e,) = _events("Belarus will develop an oil field together with Iran.")
    assert (e.event_type, _pair(e)) == ("AGREE", {"BLR", "IRN"})
