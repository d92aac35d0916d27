"""The trigger lexicon: loading, inflection, and the cues read around a trigger."""

from __future__ import annotations

from bilateral import ontology
from bilateral.extract.triggers import TriggerMatch, lexicon, tokenize


def _matches(sentence: str) -> list[TriggerMatch]:
    return lexicon().find(tokenize(sentence))


def _types(sentence: str) -> list[str]:
    return [m.trigger.event_type for m in _matches(sentence) if not m.skip]


def test_lexicon_uses_only_ontology_types_modes_and_contexts() -> None:
    onto = ontology.load()
    lex = lexicon()
    assert len(lex.triggers) > 200
    for trig in lex.triggers:
        assert trig.event_type in onto.types
        assert trig.mode is None or trig.mode in onto.types[trig.event_type].modes
        assert all(c in onto.contexts for c in trig.contexts)
    for contexts in lex.context_words.values():
        assert all(c in onto.contexts or c == "none" for c in contexts)


def test_verbs_match_in_every_inflection() -> None:
    for form in ("sign", "signed", "signing"):
        assert _types(f"Iran and Belarus {form} a memorandum.") == ["SUPPORT"]
    assert _types("Lukashenko met Raisi.") == ["CONSULT"]
    assert _types("Iran supplied drones to Russia.") == ["AID"]


def test_needs_a_fitting_object() -> None:
    assert _types("Iran signed a memorandum on trade.") == ["SUPPORT"]
    assert _types("Iran signed off on the plan.") == ["SUPPORT"]  # 'plan' is a document
    assert _types("Iran delivered a speech in Minsk.") == []
    assert _types("The ministers held talks.") == ["CONSULT"]


def test_nouns_of_acts_in_the_background_are_not_triggers() -> None:
    assert _types("They discussed the transfer of missiles.") == ["CONSULT"]
    assert _types("Qatar condemned Iran's attack on the base.") == ["ACCUSE"]
    assert _types("It followed a massive Russian air attack.") == []


def test_future_and_governed_acts() -> None:
    (m,) = _matches("Belarus will supply tractors to Iran.")
    assert m.future
    plan = _matches("Belavia plans to launch flights to Tehran.")
    assert any(x.future for x in plan)
    noun = _matches("The talks will be held in April.")[0]
    assert noun.future


def test_negation_denial_and_allegation() -> None:
    (m,) = _matches("Iran did not supply drones to Russia.")
    assert m.negated
    denied = _matches("Tehran denied that it had supplied drones to Russia.")
    assert denied[-1].negated
    # the alleged act is no act of its own: only the accusation is a trigger
    assert _types("Ukraine accused Iran of supplying drones to Russia.") == ["ACCUSE"]
    reported = _matches("Kyiv alleged that Iran had supplied drones to Russia.")
    assert [x.trigger.event_type for x in reported] == ["ACCUSE", "AID"]
    assert reported[1].alleged
    assert not reported[0].alleged


def test_refusals_and_requests_keep_the_governed_act_out() -> None:
    refused = _matches("Minsk refused to sign the treaty.")
    assert refused[0].trigger.event_type == "REJECT"
    assert refused[1].refused
    asked = _matches("Moscow urged Minsk to sign the treaty.")
    assert asked[1].requested


def test_contexts_follow_the_words_of_the_act() -> None:
    lex = lexicon()
    lows = [t.low for t in tokenize("an agreement to develop the Jofeir oil field")]
    assert set(lex.contexts_in(lows, 0, len(lows))) >= {"economic", "energy", "natural_resource"}
    lows = [t.low for t in tokenize("a memorandum on military-technical cooperation")]
    assert "military" in lex.contexts_in(lows, 0, len(lows))
    lows = [t.low for t in tokenize("a road map for comprehensive cooperation")]
    assert "transport" not in lex.contexts_in(lows, 0, len(lows))
