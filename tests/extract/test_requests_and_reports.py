"""The rules coder on what is asked for, reported by a third party or named only by a law:
the content of a request is no act, a call for more cooperation asks for assistance, a third
state's report about the pair is its allegation, and a sanctions law names no target."""

from __future__ import annotations

from bilateral.extract import extract
from bilateral.records import Document

PUB = "2024-03-06"  # a Wednesday


def _codes(text: str) -> set[tuple[str, str | None, str]]:
    return {
        (e.event_type, e.mode, f"{e.actor.code}>{e.recipient.code if e.recipient else None}")
        for e in extract(Document.create(text, id="r1", published=PUB))
    }


def test_every_act_of_a_requests_complement_is_its_content() -> None:
    text = (
        "Japan's foreign minister asked South Korean officials on Tuesday to find the missing "
        "fishermen, give them medical help and let Japanese diplomats visit them."
    )
    assert _codes(text) == {("REQUEST", "assist", "JPN>KOR")}
    text = "Belarus called on all sides to stop firing and return to negotiations with Israel."
    assert {t for t, _, _ in _codes(text)} == {"REQUEST"}
    text = "Hungary demanded that Ukraine restore language rights and sign a schools agreement."
    assert _codes(text) == {("REQUEST", "change", "HUN>UKR")}


def test_a_finite_verb_or_the_askings_setting_ends_the_request() -> None:
    text = (
        "Chile asked Argentina on Saturday to send firefighting aircraft and Buenos Aires sent "
        "humanitarian aid to Chile the next day."
    )
    assert _codes(text) == {("REQUEST", "assist", "CHL>ARG"), ("AID", None, "ARG>CHL")}
    text = "Araghchi asked Belarus on Monday to back Iran, in a call with his Belarusian colleague."
    assert ("CONSULT", "phone", "IRN>BLR") in _codes(text)


def test_a_call_for_more_cooperation_asks_for_assistance() -> None:
    assert _codes("Uzbekistan called on South Korea on Tuesday for more investment.") == {
        ("REQUEST", "assist", "UZB>KOR")
    }
    assert _codes("Vietnam urged Japan on Monday to expand cooperation in de-mining.") == {
        ("REQUEST", "assist", "VNM>JPN")
    }
    # cutting trade, or speeding up what was agreed, is a change asked for
    assert _codes("Poland called on Germany on Monday to reduce its trade with Russia.") == {
        ("REQUEST", "change", "POL>DEU")
    }


def test_a_sanctions_laws_name_names_no_target() -> None:
    text = (
        "Washington on Thursday blacklisted 14 companies and individuals under the Iran, "
        "North Korea and Syria Nonproliferation Act."
    )
    assert _codes(text) == set()
    text = (
        "The United States has penalised the optics and defence manufacturer BelOMO and the "
        "arms trader BelTechExport under its Iran, North Korea and Syria Nonproliferation Act."
    )
    assert _codes(text) == {("SANCTION", None, "USA>BLR")}
    text = (
        "The State Department on Tuesday imposed sanctions on Belarusneft, the Belarusian "
        "state oil company, under the Iran Sanctions Act."
    )
    assert _codes(text) == {("SANCTION", None, "USA>BLR")}


def test_a_third_states_report_of_others_military_meeting_is_its_allegation() -> None:
    text = (
        "Ukraine's National Resistance Center said on Monday that a group of Iranian engineers "
        "had visited the Gomel Radio Plant in Belarus to discuss producing kamikaze drones there."
    )
    assert _codes(text) == {("ACCUSE", "allege", "UKR>IRN"), ("ACCUSE", "allege", "UKR>BLR")}
    # a meeting on trade that a third state reports is the meeting
    text = "China said on Tuesday that Pakistani and Afghan diplomats held talks in Kabul on trade."
    assert {t for t, _, _ in _codes(text)} == {"CONSULT"}
    # and a military act told in a subordinate clause is a fact, not part of the claim
    text = (
        "Ukraine's border service said Russian troops were crossing from Belarus, where they "
        "had been holding joint drills."
    )
    assert ("COOPERATE", None, "RUS>BLR") in _codes(text)


def test_a_request_is_for_what_it_asks_first_and_ending_support_is_a_change() -> None:
    text = "Japan urged China on Monday to lift its seafood ban and resume talks on the water."
    assert _codes(text) == {("REQUEST", "yield", "JPN>CHN")}
    assert _codes("Ukraine asked Germany on Monday for talks on more air defence systems.") == {
        ("REQUEST", "meet", "UKR>DEU")
    }
    text = "NATO called on Iran to cease its military support to Russia."
    assert _codes(text) == {("REQUEST", "change", "NATO>IRN")}


def test_a_question_asked_is_no_request() -> None:
    text = "Poland's president asked on Monday whether the new bridge to Lithuania would open soon."
    assert _codes(text) == set()
    # put to an official of another state it is a meeting, as "told" is
    text = (
        "Hungarian Prime Minister Viktor Orban asked the Chinese ambassador on Monday when the "
        "first BYD cars would leave the Szeged plant."
    )
    assert _codes(text) == {("CONSULT", None, "HUN>CHN")}
    text = "Ukraine asked Iran on Monday to explain how Iranian-made drones had reached Russia."
    assert _codes(text) == {("REQUEST", "change", "UKR>IRN")}


def test_who_asks_after_telling_or_saying() -> None:
    # the teller goes on after what was told; "a BRICS partner" is no agent
    text = (
        "Lukashenko told Iranian President Masoud Pezeshkian that Minsk was indebted to Tehran "
        "for backing its status as a BRICS partner and asked him to come to Belarus."
    )
    assert ("AGREE", None, "BLR>IRN") in _codes(text)  # asking a leader to come invites him
    assert not any(t == "REQUEST" or "BRICS" in p for t, _, p in _codes(text))
    text = (
        "Venezuela had suffered greatly under US sanctions, Russian Foreign Minister Sergei "
        "Lavrov said on Monday, urging Washington to lift them."
    )
    assert _codes(text) == {("REQUEST", "yield", "RUS>USA")}
    text = "Armenia asked Azerbaijan on Monday to come back to the negotiating table in Brussels."
    assert _codes(text) == {("REQUEST", "meet", "ARM>AZE")}


def test_a_closing_alleged_accuses_those_named_before_it() -> None:
    text = (
        "An Iranian delegation has been in Belarus exploring whether factories could produce "
        "Shahed drones for Russia, Ukraine's National Resistance Center alleged."
    )
    assert _codes(text) == {("ACCUSE", "allege", "UKR>IRN"), ("ACCUSE", "allege", "UKR>BLR")}
    # a closing "said" is an attribution, no accusation (docs/ontology.md 2)
    assert _codes("Iranian drones have been seen over Kherson, Ukraine's air force said.") == set()


def test_an_act_compared_with_is_no_act_reported() -> None:
    text = (
        "Venezuela's president condemned the US naval deployment on Monday, comparing it to the "
        "way Washington invaded Panama."
    )
    assert _codes(text) == {("ACCUSE", "disapprove", "VEN>USA")}


def test_what_reports_say_is_not_established() -> None:
    text = (
        "The new sanctions follow reports that North Korean officers visited Moscow in March to "
        "discuss missile deliveries."
    )
    assert _codes(text) == set()
    # a news agency telling its own story reports the act
    text = "IRNA reports that Iran's foreign minister arrived in Minsk on Tuesday."
    assert _codes(text) == {("CONSULT", "visit", "IRN>BLR")}


def test_a_party_after_from_against_or_called_is_no_later_subject() -> None:
    text = (
        "Polish President Andrzej Duda called Lithuania a model ally against Russia and thanked "
        "Vilnius for its support on Tuesday."
    )
    assert _codes(text) == {("SUPPORT", None, "POL>LTU")}
    # "from Baku, Azerbaijan" is where he came from; a visit under way plans no meeting
    text = (
        "Turkish Foreign Minister Hakan Fidan arrived in Tbilisi on Tuesday. He came from Baku, "
        "Azerbaijan, and is to meet Georgian Prime Minister Irakli Garibashvili."
    )
    assert _codes(text) == {("CONSULT", "visit", "TUR>GEO")}


def test_a_warning_of_what_another_state_may_do_alleges_it() -> None:
    text = "Washington has warned that Pyongyang might supply artillery shells to Russia."
    assert _codes(text) == {("ACCUSE", "allege", "USA>PRK"), ("ACCUSE", "allege", "USA>RUS")}
    # a warning of one's own act is a threat
    text = "Lithuania warned on Tuesday that it could close its border crossings with Belarus."
    assert _codes(text) == {("THREATEN", "restrict", "LTU>BLR")}


def test_a_closing_intelligence_service_claim_accuses_the_states_of_the_clause() -> None:
    text = (
        "Iran is interested in Belarusian help to repair air-defence systems damaged during its "
        "war with Israel, Ukraine's foreign intelligence service said on Friday."
    )
    assert _codes(text) == {("ACCUSE", "allege", "UKR>IRN"), ("ACCUSE", "allege", "UKR>BLR")}
    # a ministry telling its own state's plan still reports the plan
    text = (
        "Kazakhstan and Uzbekistan will open a direct rail link next year, Kazakhstan's transport "
        "ministry said on Monday."
    )
    assert {c[0] for c in _codes(text)} == {"AGREE"}


def test_an_act_named_in_the_reason_of_a_sanction_is_background() -> None:
    text = "Canada sanctioned two North Korean shipping firms over transfers of shells to Russia."
    assert _codes(text) == {("SANCTION", None, "CAN>PRK")}
    # with its own verb the act is coded
    text = "Australia sanctioned three Iranian officials after Iran transferred missiles to Russia."
    assert ("AID", None, "IRN>RUS") in _codes(text)


def test_evacuating_an_embassy_is_a_withdrawal_and_an_armed_attack_is_background() -> None:
    text = (
        "Sweden evacuated most staff of its embassy in Baghdad on Thursday and suspended the "
        "mission's work, hours after an armed attack that set the building on fire."
    )
    assert _codes(text) == {("SANCTION", "withdraw", "SWE>IRQ")}
    text = "India evacuated 212 of its citizens from Israel on a special flight on Friday."
    assert _codes(text) == set()


def test_the_targets_of_a_sanction_are_those_listed_not_the_state_in_its_reason() -> None:
    text = (
        "EU ministers imposed sanctions on seven organisations over Iranian transfers of "
        "missiles to Russia, among them Iran Air and Mahan Air."
    )
    assert _codes(text) == {("SANCTION", None, "EU>IRN")}
