"""The embedded corpus behind `bilateral brief IRN BLR`, checked the way a user would check it.

The corpus is read from the installed package (importlib.resources), not from the source tree,
so these tests also catch a packaging mistake that leaves the JSON-lines files out.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

import pytest

IRAN = re.compile(r"\b(Iran|Iranian|Iranians|Tehran)\b")
BELARUS = re.compile(r"\b(Belarus|Belarusian|Belarusians|Minsk)\b")
RUSSIA = re.compile(r"\b(Russia|Russian|Moscow|Kremlin)\b")
NORTH_KOREA = re.compile(r"\b(North Korea|North Korean|Pyongyang|DPRK)\b")

# Words a reader would search for to find each topic the briefing must be able to discuss.
TOPICS: dict[str, tuple[tuple[re.Pattern[str], ...], str | None]] = {
    "Russia-Iran treaty 2025": ((RUSSIA, IRAN, re.compile(r"\btreaty\b", re.I)), "2025"),
    "Russia-Belarus treaty 2024": ((RUSSIA, BELARUS, re.compile(r"\btreaty\b", re.I)), "2024"),
    "Russia-DPRK treaty 2024": ((RUSSIA, NORTH_KOREA, re.compile(r"\btreaty\b", re.I)), "2024"),
    "Armenia": ((re.compile(r"\bArmenia"),), None),
    "Azerbaijan": ((re.compile(r"\bAzerbaijan"),), None),
    "New Jersey": ((re.compile(r"\bNew Jersey\b"),), None),
    "Lithuania": ((re.compile(r"\bLithuania"),), None),
    "Poland": ((re.compile(r"\b(Poland|Polish)\b"),), None),
}

# A weekday after a future-tense verb ("will visit Minsk on Tuesday") cannot be resolved by the
# ontology's rule (the latest such day on or before publication); such dates must be explicit.
FUTURE_WEEKDAY = re.compile(
    r"\b(will|would|is to|are to|was to|were to|is due|are due|was due|is expected|are expected"
    r"|was expected|plans? to|planned to|scheduled)\b[^.;,]{0,80}?"
    r"\bon (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
)
# Claims of the seed article that stored reporting does not support; they must not reappear
# in the dated items as fact (see docs/corpus.md, "Known gaps").
SEED_GARBLES = (
    re.compile(r"\bseventh round\b", re.I),
    re.compile(r"\brefined in Iran\b", re.I),
)

FIRST_DAY = dt.date(1991, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)


def corpus_files() -> list[Traversable]:
    folder = files("bilateral") / "data" / "corpus"
    return sorted(
        (entry for entry in folder.iterdir() if entry.name.endswith(".jsonl")),
        key=lambda entry: entry.name,
    )


def load() -> list[tuple[str, int, dict[str, Any]]]:
    """Every document as (file name, line number, object); fails on the first bad line."""
    docs = []
    for entry in corpus_files():
        for number, line in enumerate(entry.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                pytest.fail(f"{entry.name}:{number}: not valid JSON ({exc})")
            assert isinstance(obj, dict), f"{entry.name}:{number}: not a JSON object"
            docs.append((entry.name, number, obj))
    return docs


@pytest.fixture(scope="module")
def docs() -> list[tuple[str, int, dict[str, Any]]]:
    return load()


@pytest.fixture(scope="module")
def dated(docs: list[tuple[str, int, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [obj for name, _, obj in docs if name != "seed.jsonl"]


def mentions_pair(text: str) -> bool:
    return bool(IRAN.search(text) and BELARUS.search(text))


def test_the_corpus_ships_with_the_package() -> None:
    names = {entry.name for entry in corpus_files()}
    assert {"seed.jsonl", "neighbourhood.jsonl", "noise.jsonl"} <= names, names


def test_every_line_has_text_and_a_unique_id(docs: list[tuple[str, int, dict[str, Any]]]) -> None:
    ids: Counter[str] = Counter()
    for name, number, obj in docs:
        text, key = obj.get("text"), obj.get("id")
        assert isinstance(text, str), f"{name}:{number}: text missing or not a string"
        assert text.strip(), f"{name}:{number}: empty text"
        assert isinstance(key, str), f"{name}:{number}: id missing or not a string"
        assert key, f"{name}:{number}: empty id"
        ids[obj["id"]] += 1
    repeated = [key for key, count in ids.items() if count > 1]
    assert not repeated, f"ids used more than once: {repeated}"


def test_the_same_text_never_appears_twice(docs: list[tuple[str, int, dict[str, Any]]]) -> None:
    texts = Counter(" ".join(obj["text"].split()) for _, _, obj in docs)
    repeated = [text[:80] for text, count in texts.items() if count > 1]
    assert not repeated, f"texts repeated word for word: {repeated}"


def test_there_are_enough_documents(docs: list[tuple[str, int, dict[str, Any]]]) -> None:
    assert len(docs) >= 250, f"only {len(docs)} documents"


def test_every_dated_item_has_provenance(docs: list[tuple[str, int, dict[str, Any]]]) -> None:
    for name, number, obj in docs:
        if name == "seed.jsonl":
            continue
        where = f"{name}:{number} ({obj.get('id')})"
        for key in ("url", "source", "title", "published"):
            assert isinstance(obj.get(key), str), f"{where}: no {key}"
            assert obj[key].strip(), f"{where}: empty {key}"
        assert obj["url"].startswith(("https://", "http://")), f"{where}: url {obj['url']!r}"
        try:
            day = dt.date.fromisoformat(obj["published"])
        except ValueError:
            pytest.fail(f"{where}: published {obj['published']!r} is not an ISO date")
        assert FIRST_DAY <= day <= LAST_DAY, f"{where}: published {day} out of range"


def test_no_weekday_is_given_for_a_future_event(dated: list[dict[str, Any]]) -> None:
    hits = [(obj["id"], m.group(0)) for obj in dated for m in FUTURE_WEEKDAY.finditer(obj["text"])]
    assert not hits, f"future weekdays (write the date instead): {hits}"


def test_the_seed_garbles_are_not_repeated(dated: list[dict[str, Any]]) -> None:
    hits = [obj["id"] for obj in dated for p in SEED_GARBLES if p.search(obj["text"])]
    assert not hits, f"items repeating the seed's unsupported claims: {hits}"


def test_many_items_are_about_iran_and_belarus(dated: list[dict[str, Any]]) -> None:
    both = [obj for obj in dated if mentions_pair(obj["text"])]
    assert len(both) >= 150, f"only {len(both)} items mention both Iran and Belarus"


def test_the_noise_file_is_big_enough(docs: list[tuple[str, int, dict[str, Any]]]) -> None:
    noise = [obj for name, _, obj in docs if name == "noise.jsonl"]
    assert len(noise) >= 40, f"only {len(noise)} noise items"


@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_each_topic_is_covered(dated: list[dict[str, Any]], topic: str) -> None:
    patterns, year = TOPICS[topic]
    hits = [
        obj["id"]
        for obj in dated
        if all(p.search(obj["text"]) for p in patterns)
        and (year is None or obj["published"].startswith(year))
    ]
    assert hits, f"no item covers {topic}"


def test_iran_belarus_reporting_is_denser_after_2022(dated: list[dict[str, Any]]) -> None:
    per_year = Counter(int(obj["published"][:4]) for obj in dated if mentions_pair(obj["text"]))
    before = sum(per_year[year] for year in range(1993, 2022)) / len(range(1993, 2022))
    after = sum(per_year[year] for year in range(2022, 2026)) / len(range(2022, 2026))
    assert after > 2 * before, f"mean per year 2022-2025 {after:.1f} vs 1993-2021 {before:.1f}"


def test_exactly_one_undated_seed(docs: list[tuple[str, int, dict[str, Any]]]) -> None:
    seeds = [
        obj for _, _, obj in docs if obj.get("source") == "seed" or obj["id"].startswith("seed-")
    ]
    assert len(seeds) == 1, [obj["id"] for obj in seeds]
    seed = seeds[0]
    assert "published" not in seed
    assert seed["title"] == "Iran & Belarus: Unpacking Their Evolving Strategic Partnership"
    assert "stale strategic partnership" in seed["text"]
