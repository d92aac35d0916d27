"""Sentence splitting: offsets, abbreviations, initials, quotes, datelines, bounded length."""

from __future__ import annotations

from bilateral.extract.sentences import MAX_SENTENCE, dateline, split


def _texts(text: str) -> list[str]:
    return [s.text for s in split(text)]


def test_offsets_point_into_the_text() -> None:
    text = "Iran and Belarus signed a deal.  Minsk welcomed it!\nTehran agreed?"
    sentences = split(text)
    assert [s.text for s in sentences] == [
        "Iran and Belarus signed a deal.",
        "Minsk welcomed it!",
        "Tehran agreed?",
    ]
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_abbreviations_initials_and_acronyms_do_not_split() -> None:
    text = (
        "Gen. Mohammad Bagheri met Lt. Col. Ivanov on Feb. 17 in Minsk. "
        "J. R. Smith of the U.S. Treasury said sanctions would follow. "
        "He left for the U.S. The talks ended."
    )
    assert _texts(text) == [
        "Gen. Mohammad Bagheri met Lt. Col. Ivanov on Feb. 17 in Minsk.",
        "J. R. Smith of the U.S. Treasury said sanctions would follow.",
        "He left for the U.S.",
        "The talks ended.",
    ]


def test_closing_quotes_stay_with_their_sentence() -> None:
    text = 'Lukashenko said: "We are ready." Raisi agreed.'
    assert _texts(text) == ['Lukashenko said: "We are ready."', "Raisi agreed."]


def test_dateline_is_outside_the_first_sentence_content() -> None:
    for text, place in (
        ("TEHRAN, July 31 (IRNA) - Iran and Belarus signed a deal.", "TEHRAN"),
        ("MOSCOW, December 7. /TASS/ - Putin met Raisi. They talked.", "MOSCOW"),
        ("KAPAN, Armenia - The consulate opened.", "KAPAN"),
        ("MINSK, Dec. 6 (Xinhua) -- Putin signed a treaty.", "MINSK"),
    ):
        head = dateline(text)
        assert head is not None
        assert head[1] == place
        first = split(text)[0]
        assert first.start == 0
        assert first.content_start == head[0]
        assert not first.content.startswith(place)
        assert first.content[0].isupper()


def test_no_dateline_in_an_ordinary_opening() -> None:
    assert dateline("Iran and Belarus signed a deal - a big one.") is None
    assert split("US officials said so.")[0].content_start == 0


def test_a_huge_run_on_sentence_is_cut_into_bounded_pieces() -> None:
    text = "word " * 50_000
    pieces = split(text)
    assert len(pieces) > 100
    assert all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert all(text[p.start : p.end] == p.text for p in pieces)


def test_empty_and_blank_text() -> None:
    assert split("") == []
    assert split("   \n\n  ") == []


def test_paragraph_breaks_end_sentences_without_stops() -> None:
    assert _texts("Belarus and Iran sign road map\n\nThe two presidents met.") == [
        "Belarus and Iran sign road map",
        "The two presidents met.",
    ]
