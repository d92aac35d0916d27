"""Trigger words and the cues around them: what act a sentence names, and how it names it.

The lexicons live in ``bilateral/data/lexicon/`` (``triggers.yaml``, ``cues.yaml``,
``contexts.yaml``), loaded and compiled once. Matching is token based: a sentence is cut into
lower-cased word tokens by one regex, each token is looked up in a dict keyed by the first word
of every trigger phrase, and only the few phrases starting there are checked. No regex is tried
per trigger, so the cost does not grow with the size of the lexicon.

For each match the module also reads the cues around it: future (``will``, ``plans to``,
``an upcoming visit``), conditional (``may``), negation (``did not``, ``denied``), allegation
(``accused ... of supplying``), refusal (``refused to sign``), passive voice (``was signed by``)
and request embedding (``urged Iran to sign``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, NamedTuple

import yaml

from bilateral import ontology
from bilateral.errors import BilateralError

__all__ = ["Cues", "Lexicon", "Token", "Trigger", "TriggerMatch", "lexicon", "tokenize"]

_TOKEN = re.compile(
    r"(?:[A-Za-z]\.){2,}|[A-Za-z]+(?:[-'’][A-Za-z0-9]+)*|\d+(?:[.,]\d+)*|[^\sA-Za-z\d]"
)
_GROUPS = frozenset(
    {"leaders", "ministers", "officials", "diplomats", "delegates", "envoys", "heads", "presidents"}
)
_OPENERS = frozenset({":", '"', "\u201c", "(", "-", "\u2014", "\u2013", "'", "\u2018"})
_PUNCT_STOP = frozenset({",", ";", ":", "(", ")", "\u2014", "\u2013", '"', "“", "”"})


class Token(NamedTuple):
    """A token: its text, lower-cased form and offsets (a tuple: made by the million)."""

    text: str
    low: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Word, number and punctuation tokens with offsets; words lower-cased in ``low``."""
    return [
        Token(word, word.lower().replace("’", "'"), m.start(), m.end())
        for m in _TOKEN.finditer(text)
        for word in (m.group(),)
    ]


@dataclass(frozen=True, slots=True)
class Trigger:
    """One lexicon entry: a phrase and what it codes as."""

    phrase: tuple[str, ...]
    event_type: str
    mode: str | None
    contexts: tuple[str, ...]
    needs: frozenset[str] | None
    within: int
    role: str
    future: bool
    plain: bool
    noun: bool
    weight: float
    passive_forms: frozenset[str]
    lemma: str
    placeless: bool = False  # a message or a letter: the act has no location


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a sentence: token span, char span and the cues read around it."""

    trigger: Trigger
    first: int
    last: int  # exclusive token index
    start: int
    end: int
    future: bool
    conditional: bool
    negated: bool
    alleged: bool
    refused: bool
    requested: bool
    passive: bool
    needs_end: int  # token index just past the word that satisfied `needs` (or `last`)
    governed: bool = False  # future only through "agreed to", "plans to": not a threat
    hypothetical: bool = False
    denial: bool = False  # "rejected the accusations": a counter-accusation

    @property
    def skip(self) -> bool:
        """Whether the act is not coded itself (alleged, requested, refused, hypothetical)."""
        return (
            self.alleged
            or self.requested
            or (self.refused and not self.denial)
            or self.hypothetical
        )


@dataclass(frozen=True, slots=True)
class Cues:
    future_words: frozenset[str]
    future_gap: int
    future_governors: frozenset[str]
    request_governors: frozenset[str]
    future_adjectives: frozenset[str]
    conditional_words: frozenset[str]
    negation_words: frozenset[str]
    negation_gap: int
    denial_words: frozenset[str]
    denial_objects: frozenset[str]
    allegation_words: frozenset[str]
    refusal_words: frozenset[str]
    pair_anaphors: tuple[tuple[str, ...], ...]
    single_anaphors: tuple[tuple[str, ...], ...]
    counterpart_words: frozenset[str]
    multilateral_cues: tuple[tuple[str, ...], ...]
    carry_cues: tuple[tuple[str, ...], ...]
    hypothetical_words: frozenset[str]
    determiners: frozenset[str]
    not_before: dict[str, frozenset[str]]


_ACCUSATIONS = frozenset(
    {"accusations", "accusation", "allegations", "allegation", "charges", "claims", "claim"}
)
# Words between two triggers that show the second is no object of the first.
_LINKS = frozenset({"and", "to", ",", "after", "before", "during", "following", "with", "at", "in"})
# Verbs whose needed noun may be their subject: "a trading house opened in Tehran".
_INTRANSITIVE = frozenset({"open", "reopen", "launch", "start", "begin", "resume"})
_PERMIT = frozenset(
    {"allowing", "allow", "allows", "allowed", "permit", "permitting", "permits", "enable",
     "enabling", "enables", "authorise", "authorize", "authorising", "authorizing"}
)  # fmt: skip
_THREAT_WORDS = frozenset({"threatened", "threatens", "threaten", "threatening", "warned", "warns"})
_EXPECTED = frozenset({"expected", "scheduled", "due", "planned", "plans", "intends", "set"})
# "delivered no fewer than 18 tanks", "no later than": a quantity or time, not a denial.
_NO_COMPARATIVES = frozenset({"fewer", "less", "more", "later", "sooner", "longer", "earlier"})
_ADMISSIONS = frozenset({"acknowledged", "admitted", "conceded", "acknowledges", "admits"})
_POSSESSIVE_PRONOUNS = frozenset({"their", "his", "her", "its"})
_ORDINALS = frozenset(
    {"first", "second", "third", "fourth", "fifth", "last", "latest", "previous", "next", "recent"}
)
_ING_OK = frozenset({"during", "according", "including", "following", "regarding"})
# Acronyms that stand before a noun as modifiers ("an EU ban", "a U.S. proposal").
_UPPER = frozenset({"eu", "u.s.", "us", "un", "nato", "uk", "u.n.", "g7", "csto", "sco"})
_PREPOSITIONS = frozenset({"in", "of", "on", "for", "at", "about", "towards", "toward", "from"})
_ADJECTIVE = re.compile(r"^[a-z]+(?:ian|ese|ish|ean|i|ic)$")
_BE = frozenset({"is", "are", "was", "were", "be", "been", "being"})
# Words between a determiner and a verb form that show the form is a noun ("a massive attack").
_MODIFIERS = frozenset(
    {"massive", "new", "first", "second", "joint", "major", "further", "recent", "fresh", "air",
     "drone", "missile", "rocket", "deadly", "possible", "planned", "retaliatory", "alleged",
     "large-scale", "cross-border", "official", "state", "working", "historic", "brief",
     "reported", "latest", "full", "formal", "direct", "illegal", "covert", "continued",
     "military", "arms", "weapons", "fuel", "surprise", "renewed", "two-day", "three-day",
     "armed", "terrorist", "suicide", "bomb", "gun", "knife", "bloody", "fatal", "lethal"}
)  # fmt: skip
# Words that open the reason of an act ("sanctions over Iranian transfers of missiles to
# Russia", "amid Russian supplies"): an act named after them is a background noun phrase.
_REASONS = frozenset({"over", "amid"})
# Verbs whose particle "over" is no reason ("handed over drones", "took over talks").
_OVER_PARTICLE = frozenset(
    {"hand", "hands", "handed", "handing", "take", "takes", "took", "taken", "taking", "turn",
     "turns", "turned", "turning", "pass", "passed", "passes", "passing", "win", "won"}
)  # fmt: skip


def _inflect(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    forms = {lemma}
    if lemma in irregular:
        forms.update(irregular[lemma])
        return forms
    if lemma.endswith("e"):
        forms.update({lemma + "s", lemma + "d", lemma[:-1] + "ing"})
        if lemma.endswith("ee"):
            forms.add(lemma + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms.update({lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"})
    elif lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.update({lemma + "es", lemma + "ed", lemma + "ing"})
    else:
        forms.update({lemma + "s", lemma + "ed", lemma + "ing"})
    return forms


def _past_forms(lemma: str, irregular: dict[str, list[str]]) -> set[str]:
    if lemma in irregular:
        return {f for f in irregular[lemma] if not f.endswith(("s", "ing")) or f.endswith("ss")}
    return {f for f in _inflect(lemma, irregular) if f.endswith(("ed", "ied"))}


class Lexicon:
    """The compiled trigger lexicon: first word -> candidate triggers, longest first."""

    def __init__(self, triggers: list[Trigger], cues: Cues, contexts: dict[str, Any]) -> None:
        self.triggers = triggers
        self.cues = cues
        index: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}
        for trig in triggers:
            for form in trig.phrase[0].split("|"):
                index.setdefault(form, []).append(((form, *trig.phrase[1:]), trig))
        for cands in index.values():
            cands.sort(key=lambda c: (-len(c[0]), c[1].needs is None))
        self.index = index
        self.context_words, self.context_first = _context_index(contexts["contexts"])
        # Words that name who acts (an embassy, a foreign minister) rather than what the act is
        # about: their context counts only when nothing names the subject.
        self.weak_words, self.weak_first = _context_index(contexts.get("weak", {}))
        # Generic industrial words (production, equipment): economic unless the act is military.
        self.civil_words, self.civil_first = _context_index(contexts.get("civil", {}))
        self.context_implies: dict[str, tuple[str, ...]] = {
            str(k): tuple(str(c) for c in v) for k, v in contexts.get("implies", {}).items()
        }
        self.context_defaults: dict[str, tuple[str, ...]] = {
            k: tuple(v) for k, v in contexts["defaults"].items()
        }

    # ------------------------------------------------------------------ matching

    def find(self, tokens: list[Token], limit: int = 64) -> list[TriggerMatch]:
        """Every trigger in a tokenised sentence (non-overlapping, left to right), at most
        ``limit`` of them (a run-on "sentence" of repeated acts costs no more than that)."""
        out: list[TriggerMatch] = []
        n = len(tokens)
        lows = [t.low for t in tokens]
        i = 0
        while i < n:
            cands = self.index.get(lows[i])
            if not cands:
                i += 1
                continue
            hit = None
            for phrase, trig in cands:
                end = _phrase_end(lows, i, phrase)
                if end < 0:
                    continue
                k = end - i
                if not self._usable(lows, trig, i, k):
                    continue
                if (
                    not trig.noun
                    and i > 0
                    and tokens[i].text[:1].isupper()
                    and lows[i - 1] not in _OPENERS
                ):
                    continue  # "Minister of Defence and Armed Forces Logistics": a name
                need_end = i + k
                if trig.needs is not None:
                    found = -1
                    for j in range(i + k, min(n, i + k + trig.within + 1)):
                        if lows[j] in trig.needs:
                            found = j
                            break
                        if trig.lemma in _INTRANSITIVE and lows[j].endswith("ing") and j > i + k:
                            break  # "began releasing treated water from the plant"
                        if lows[j] in (".", ";") or (lows[j] == "," and trig.within < 4):
                            break
                    if (
                        found < 0
                        and i > 0
                        and (lows[i - 1] in _BE | {"been", "being"} or trig.lemma in _INTRANSITIVE)
                    ):
                        # passive: "a memorandum ... was signed by"
                        for j in range(max(0, i - 16), i):
                            if lows[j] in ("that", ";", "but"):
                                found = -1  # "said that North Korea had started": a clause
                            elif lows[j] in trig.needs and (j == 0 or tokens[j].text.islower()):
                                found = i + k - 1  # (not "the Intelligence Service")
                    if found < 0:
                        continue
                    need_end = found + 1
                hit = (end, trig, need_end)
                break
            if hit is None:
                i += 1
                continue
            last, trig, need_end = hit
            if out and i < out[-1].needs_end and trig.event_type == out[-1].trigger.event_type:
                i = last  # "declared two employees ... persona non grata": one act
                continue
            out.append(self._cues(tokens, lows, trig, i, last, need_end, out))
            if len(out) >= limit:
                break
            i = last
        return out

    def _usable(self, lows: list[str], trig: Trigger, i: int, k: int) -> bool:
        """Whether a phrase match names an act rather than a thing or a background event."""
        c = self.cues
        nxt = lows[i + k] if i + k < len(lows) else ""
        stop = c.not_before.get(trig.lemma)
        if stop is not None and nxt in stop:
            return False
        if i == 0:
            return True
        if _reason_phrase(lows, i):
            return False  # "sanctions ... over Iranian transfers of missiles to Russia"
        prev = lows[i - 1]
        if prev.endswith(("'s", "s'")) and prev not in ("let's", "it's", "that's"):
            return False  # "Iran's attack", "Pelosi's visit"
        if (
            trig.noun
            and i > 1
            and prev in ("official", "state", "working", "two-day", "three-day", "brief", "recent")
            and lows[i - 2].endswith(("'s", "s'"))
        ):
            return False  # "Lukashenko's official visit": a visit named, not reported
        if (
            lows[i] == "meeting"
            and prev in _GROUPS
            and lows[i + 1 : i + 2] in (["in"], ["at"], ["on"])
        ):
            return False  # "NATO leaders meeting in Vilnius called on Iran": a participle
        if trig.noun and lows[i].endswith("ing") and prev in _PREPOSITIONS:
            return False  # "the honour of meeting Khamenei": a gerund, not a meeting held
        if trig.noun and (
            prev in _POSSESSIVE_PRONOUNS
            or (i > 1 and lows[i - 2] in _POSSESSIVE_PRONOUNS and prev in _ORDINALS)
        ):
            return False  # "their second meeting", "after their talks": a meeting named again
        if not trig.noun and prev == "as" and lows[i] in trig.passive_forms:
            return False  # "as agreed", "as promised", "as planned": a reference, no act
        if not trig.noun and lows[i] == trig.lemma and prev in ("with", "without"):
            return False  # "shot down with help from NATO allies": a noun
        if not trig.noun and lows[i] == trig.lemma and prev in ("mutual", "reciprocal"):
            return False  # "discussed mutual support": a noun
        if not trig.noun and k == 1 and lows[i] == trig.lemma and trig.needs and prev in trig.needs:
            return False  # "technology transfer", "arms supply": a compound noun
        if not trig.noun:
            if prev in c.determiners and not (prev in ("that", "which") and lows[i] != trig.lemma):
                # "the transfer of missiles", "an attack"; but "a law that bars", "which imposed":
                # an inflected form after a relative "that" is a verb, not a noun
                return False
            if prev in _PREPOSITIONS and (k == 1 or lows[i].endswith("ing")):
                return False  # "in protest at", "on deepening their partnership"
            j = i - 1
            while (
                j > 0
                and j >= i - 4
                and (lows[j] in _MODIFIERS or _ADJECTIVE.match(lows[j]) or lows[j] in _UPPER)
            ):
                j -= 1
            bare = lows[i] == trig.lemma  # "an attack", not "the EU slapped"
            if (
                bare
                and j < i - 1
                and j >= 0
                and (
                    lows[j] in c.determiners
                    or lows[j].endswith("'s")
                    or lows[j] in _PREPOSITIONS | {"with", "without"}
                )
            ):
                # "a massive Russian air attack", "an EU ban", "Trump's demand", "carried out
                # with US support"
                return False
            if k == 1 and prev.endswith("ing") and prev not in _ING_OK and trig.lemma == lows[i]:
                return False  # "admitting blame", "facing sanctions"
        return True

    def _cues(
        self,
        tokens: list[Token],
        lows: list[str],
        trig: Trigger,
        i: int,
        last: int,
        need_end: int,
        earlier: list[TriggerMatch],
    ) -> TriggerMatch:
        c = self.cues
        future = trig.future
        governed = False
        hypothetical = False
        denial = False
        conditional = False
        negated = False
        requested = False
        refused = False
        passive = False
        # Look back through at most a few tokens, stopping at a clause break.
        j = i - 1
        steps = 0
        while j >= 0 and steps <= max(c.future_gap, c.negation_gap):
            w = lows[j]
            if w in _PUNCT_STOP or w == ".":
                break
            if steps < c.future_gap and w in c.future_words:
                future = True
            if w in c.conditional_words and steps < c.future_gap:
                conditional = True
            if steps < c.negation_gap and (w in c.negation_words or w.endswith("n't")):
                negated = True
            if w in _BE and lows[i] in trig.passive_forms and steps < 2:
                passive = True
            if steps == 0 and lows[i] in trig.passive_forms and lows[last : last + 1] == ["by"]:
                passive = True
            if w == "to" and steps <= 1 and j > 0:
                gov = lows[j - 1]
                gov2 = lows[j - 2] if j > 1 else ""
                for back in range(j - 1, max(-1, j - 7), -1):
                    word = lows[back]
                    if word in _PUNCT_STOP:
                        break
                    if word in _PERMIT:
                        future = True
                        governed = True
                        break
                    if (
                        word in c.request_governors
                        or word in c.refusal_words
                        or word in c.conditional_words
                    ):
                        gov2 = gov
                        gov = word
                        break
                if gov == "will" and gov2 in c.determiners:
                    gov = ""  # "the will to deepen cooperation": a noun, no plan
                if gov in c.conditional_words and gov not in c.future_governors:
                    conditional = True
                if gov in c.refusal_words:
                    refused = True
                elif gov in c.request_governors or (
                    gov not in c.future_governors and gov2 in c.request_governors
                ):
                    requested = True
                elif gov in c.future_governors:
                    future = True
                    governed = True
                if gov in c.hypothetical_words:
                    hypothetical = True
            if w == "that" and any(lows[g] in c.request_governors for g in range(max(0, j - 4), j)):
                requested = True  # "demanded on Monday that Lithuania lift ..."
            if trig.noun and steps < 2 and w in c.future_adjectives:
                future = True
            j -= 1
            steps += 1
        if not requested and not refused and _in_request(lows, i, trig, c.request_governors):
            # "asked Belarus to find them, give them medical help and ...": every act of the
            # request's coordinated complement is its content, not an act done
            requested = True
        if trig.noun and not future:
            for k in range(i - 1, max(-1, i - 7), -1):
                if lows[k] in _PUNCT_STOP or lows[k] == ".":
                    break
                if lows[k] in c.future_words or lows[k] in _EXPECTED:
                    future = True  # "will pay a state visit", "is expected to pay a visit"
                    break
        if trig.noun:
            after = lows[last : last + 4]
            if (after[:1] and after[0] in ("will", "would", "shall")) or (
                len(after) > 1
                and after[0] in ("is", "are", "was", "were")
                and after[1] in ("scheduled", "planned", "expected", "due", "set", "to")
            ):
                future = True
                governed = True
        if (
            not trig.noun
            and lows[last : last + 1] == ["no"]
            and len(lows) > last + 1
            and lows[last + 1] not in _NO_COMPARATIVES
        ):
            negated = True  # "has sent no weapons to Russia" (not "no fewer than 18 tanks")
        if i > 0 and lows[i - 1] in c.hypothetical_words:
            hypothetical = True
        for k in range(i - 1, max(-1, i - 8), -1):
            if lows[k] in _PUNCT_STOP:
                break
            if lows[k] in _THREAT_WORDS and trig.event_type != "THREATEN":
                conditional = True  # "threatened to retaliate by restricting transit"
                break
        # Denials and allegations earlier in the sentence govern the act that follows them.
        alleged = False
        clause = 0
        for k in range(i - 1, 0, -1):
            if lows[k] == ";" or (lows[k - 1] == "," and lows[k] in ("and", "but", "while")):
                clause = k
                break
            if lows[k - 1] == "and" and lows[k] in ("said", "says", "added", "told"):
                clause = k  # "... denied any link and said it was ready to talk"
                break
        for k in range(clause, i):
            w = lows[k]
            if w in c.denial_words and trig.event_type not in ("REJECT",):
                negated = True
            if w in c.allegation_words and trig.event_type != "ACCUSE" and not negated:
                alleged = True  # but "rejected claims that ..." is a denial
            if (
                w in ("reports", "report")
                and lows[k + 1 : k + 2] == ["that"]
                and k > 0
                and lows[k - 1] in _UNCONFIRMED
                and trig.event_type != "ACCUSE"
                and not negated
            ):
                alleged = True  # "The deal follows reports that Iranian engineers visited"
        if trig.event_type == "REJECT" and last < len(lows):
            # "rejected reports that ..." is a denial of what follows, not a refusal.
            nxt = lows[last]
            nxt2 = lows[last + 1] if last + 1 < len(lows) else ""
            if (nxt in c.denial_objects and nxt != "that") or (
                (
                    nxt in ("the", "these", "those", "such", "his", "its", "their")
                    or nxt.endswith("'s")
                )
                and nxt2 in c.denial_objects
            ):
                refused = True
                denial = nxt2 in _ACCUSATIONS or nxt in _ACCUSATIONS
        # An act inside the to-clause of an earlier AGREE trigger is its object ("agreed ...
        # to set up", "agreed to resume ... and to cooperate").
        if not trig.future and i > 0 and lows[i - 1] == "to":
            for m in earlier:
                if m.trigger.event_type == "AGREE" or m.future:
                    future = True
                    governed = governed or m.trigger.future
        if (trig.noun or lows[i].endswith("ing")) and not trig.future:
            # "agreed to open negotiations", "agreed to finance the delivery of weapons"
            j = i - 1
            while j > 0 and (lows[j] in c.determiners or lows[j] in _MODIFIERS):
                j -= 1
            verb_object = j >= 0 and lows[j] not in _PREPOSITIONS | _LINKS | {"following"}
            for m in earlier:
                if (
                    verb_object
                    and m.trigger.event_type == "AGREE"
                    and m.trigger.future
                    and "to" in lows[m.last : i]
                    and not any(
                        w in (";", "but", "while", "after", "before") for w in lows[m.last : i]
                    )
                ):
                    future = True
                    governed = True
        # A noun trigger right after another trigger is its object ("suspended talks",
        # "postponed a planned trip"): it is not a second act.
        if (
            (trig.noun or lows[i].endswith("ing"))
            and earlier
            and not earlier[-1].trigger.noun
            and earlier[-1].last >= i - 3
            and not any(w in _LINKS for w in lows[earlier[-1].last : i])
        ):
            refused = True
        if any(lows[k] in c.hypothetical_words for k in range(max(0, i - 6), i)):
            hypothetical = True
        if trig.event_type != "CONCEDE" and any(
            lows[k] in _ADMISSIONS for k in range(max(0, i - 14), i)
        ):
            hypothetical = True  # "acknowledged ... that it had sent drones": the admission
        if any(lows[k] in ("if", "unless", "whether") for k in range(max(0, i - 8), i)):
            hypothetical = True  # "if it did not reach a deal"
        return TriggerMatch(
            trigger=trig,
            first=i,
            last=last,
            start=tokens[i].start,
            end=tokens[last - 1].end,
            future=future,
            conditional=conditional,
            negated=negated,
            alleged=alleged,
            refused=refused,
            requested=requested,
            passive=passive,
            needs_end=need_end,
            governed=governed,
            hypothetical=hypothetical,
            denial=denial,
        )

    # ------------------------------------------------------------------ contexts

    def contexts_in(
        self, lows: list[str], start: int, end: int, *, weak: bool = False, civil: bool = False
    ) -> list[str]:
        """Contexts named by the words ``lows[start:end]`` (with ``weak``: by the words that
        name an actor's office, which count only when no other word names a subject)."""
        found: dict[str, None] = {}
        words = self.weak_words if weak else self.civil_words if civil else self.context_words
        firsts = self.weak_first if weak else self.civil_first if civil else self.context_first
        for i in range(max(0, start), min(end, len(lows))):
            longest = firsts.get(lows[i])
            if longest is None:
                continue
            for k in range(longest, 0, -1):
                ctxs = words.get(tuple(lows[i : i + k]))
                if ctxs:
                    if "none" in ctxs:
                        break  # "road map" is no road: its words name no subject
                    for ctx in ctxs:
                        found[ctx] = None
        return list(found)


def _context_index(
    contexts: dict[str, Any],
) -> tuple[dict[tuple[str, ...], tuple[str, ...]], dict[str, int]]:
    """Phrase (as lower-case tokens) -> its contexts, and first word -> longest phrase length."""
    words: dict[tuple[str, ...], tuple[str, ...]] = {}
    first: dict[str, int] = {}
    for ctx, phrases in contexts.items():
        for phrase in phrases:
            key = tuple(t.low for t in tokenize(str(phrase)))
            words[key] = (*words.get(key, ()), ctx)
            first[key[0]] = max(first.get(key[0], 0), len(key))
    return words, first


# Words that end the complement of a request ("asked X to find them, give them aid"): a new
# clause, a finite verb or a report starts after them.
_REQUEST_ENDS = frozenset(
    {";", ".", ":", "(", ")", '"', "\u201c", "\u201d", "but", "while", "whereas", "although",
     "though", "so", "because", "after", "before", "when", "since", "which", "who", "where",
     "if", "unless", "until", "said", "says", "saying", "added", "adding", "told", "telling",
     "according", "as", "amid", "following", "despite", "will", "would", "shall", "could",
     "may", "might", "can", "has", "have", "had", "is", "are", "was", "were", "did", "does",
     "at", "during", "in"}
)  # fmt: skip
# Request verbs that take their content as a noun phrase ("urged closer cooperation",
# "called for the release of ..."); the second set only with "for".
_URGE = frozenset(
    {"urged", "urges", "urge", "urging", "demanded", "demands", "demand", "demanding"}
)
_ASK_FOR = frozenset(
    {"called", "calls", "call", "calling", "asked", "asks", "ask", "asking", "appealed",
     "appeals", "appealing"}
)  # fmt: skip
_REQUEST_SPAN = 25
_ADJUNCTS = _PREPOSITIONS | {"with", "during", "by", "under", "amid", "after", "before"}


def _in_request(lows: list[str], i: int, trig: Trigger, governors: frozenset[str]) -> bool:
    """Whether the trigger at ``i`` lies in the complement of a request earlier in its clause:
    "asked Belarus to find them, give them medical help and let the embassy reach them",
    "called on all sides to stop firing and return to negotiations", "urged Iran to stop
    supplying drones". A finite verb ("and Buenos Aires sent two planes"), a modal, a report
    or a subordinate clause in between ends the complement; a finite trigger is never in it."""
    if not trig.noun and lows[i] != trig.lemma and not lows[i].endswith("ing"):
        return False  # "asked Argentina to help, and Buenos Aires sent planes"
    for j in range(i - 1, max(-1, i - _REQUEST_SPAN), -1):
        w = lows[j]
        if w in _REQUEST_ENDS or (_finite(lows, j) and w not in governors and j < i - 1):
            return False
        if w in (",", "and") and (lows[j + 1] in _ADJUNCTS or lows[j + 1].endswith("ing")):
            # "asked Belarus to back Iran, in a call with ...", "..., expressing concern":
            # the asking's own setting or manner
            return False
        if w == "that":
            return any(lows[g] in governors for g in range(max(0, j - 4), j))
        if w in _URGE and j < i - 1 and (trig.noun or lows[i].endswith("ing")):
            return True  # "urged joint production", "demanded the release of ..."
        if w in _ASK_FOR and "for" in lows[j + 1 : i] and (trig.noun or lows[i].endswith("ing")):
            return True  # "called on Saturday for closer cooperation and joint exercises"
        if w == "to" and j > 0:
            for back in range(j - 1, max(-1, j - 13), -1):
                gov = lows[back]
                if gov in _PUNCT_STOP:
                    break
                if gov in governors:
                    return True
            if lows[j - 1].endswith("ed") or lows[j - 1] in _BE:
                return False  # "agreed to send", "is to sign": a governor of its own
    return False


# Words before the noun "reports (that)": what such reports say is not established ("follows
# reports that", "amid unconfirmed reports that"); "IRNA reports that" is a source's own story.
_UNCONFIRMED = frozenset(
    {"follows", "follow", "followed", "following", "amid", "after", "despite", "over", "the",
     "media", "press", "unconfirmed", "western", "earlier", "recent", "news", "were", "are"}
)  # fmt: skip
_ATTRIBUTIVE = frozenset({"the", "a", "an", "its", "their", "his", "her", "of", "for", "with"})


def _reason_phrase(lows: list[str], i: int) -> bool:
    """Whether the word at ``i`` heads the noun phrase of a reason: "over Iranian transfers of
    ballistic missiles", "amid the deployment of troops" (no act of the sentence's subject,
    and as a bare noun phrase no act at all: ONTOLOGY.md, What is coded)."""
    j = i - 1
    while (
        j > 0
        and j >= i - 4
        and (
            lows[j] in _MODIFIERS
            or lows[j] in _UPPER
            or lows[j] in ("the", "a", "an")
            or _ADJECTIVE.match(lows[j])
        )
    ):
        j -= 1
    return (
        j >= 0
        and lows[j] in _REASONS
        and not (j > 0 and lows[j - 1] in _OVER_PARTICLE)
        and not lows[i].endswith("ed")
    )


def _finite(lows: list[str], j: int) -> bool:
    """A past verb form ("sent" is not caught; "agreed", "delivered" are), not an attribute
    ("the detained sailors", "armed drones" after "of"/"with", "the United Nations")."""
    w = lows[j]
    return (
        w.endswith("ed")
        and w not in ("united", "need", "speed", "red", "armed")
        and (j == 0 or lows[j - 1] not in _ATTRIBUTIVE)
    )


def _phrase_end(lows: list[str], i: int, phrase: tuple[str, ...]) -> int:
    """End index of ``phrase`` matched at ``i``, or -1. One adverb may sit inside a phrase
    ("stood fully with", "held separate talks" is no such case: only -ly words and "also")."""
    if lows[i] != phrase[0]:
        return -1
    j = i + 1
    skipped = False
    for word in phrase[1:]:
        if j < len(lows) and lows[j] == word:
            j += 1
            continue
        if (
            not skipped
            and j + 1 < len(lows)
            and (lows[j].endswith("ly") or lows[j] == "also")
            and lows[j + 1] == word
        ):
            skipped = True
            j += 2
            continue
        return -1
    return j


def _strs(values: Iterable[Any], where: str) -> list[str]:
    """Words of a lexicon list; a YAML boolean (a bare on/no/yes) is a data error."""
    out = []
    for value in values:
        if not isinstance(value, str | int) or isinstance(value, bool):
            raise BilateralError(f"lexicon {where}: {value!r} is not a word (quote it)")
        out.append(str(value).lower())
    return out


def _phrase_seq(tokens: Iterable[Any], where: str = "cues.yaml") -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(_strs(seq, where)) for seq in tokens)


def _read(name: str) -> dict[str, Any]:
    path = resources.files("bilateral") / "data" / "lexicon" / name
    data = yaml.safe_load(path.read_text("utf-8"))
    if not isinstance(data, dict):
        raise BilateralError(f"lexicon {name}: not a mapping")
    return data


@cache
def lexicon() -> Lexicon:
    """The trigger lexicon, loaded and checked against the ontology once per process."""
    raw = _read("triggers.yaml")
    cue_raw = _read("cues.yaml")
    ctx_raw = _read("contexts.yaml")
    onto = ontology.load()
    irregular = {str(k): [str(f) for f in v] for k, v in raw["irregular"].items()}
    lists = {str(k): frozenset(_strs(v, f"triggers.yaml {k}")) for k, v in raw["lists"].items()}
    not_verbs = set(_strs(raw["not_verbs"], "triggers.yaml not_verbs"))
    triggers: list[Trigger] = []
    for entry in raw["triggers"]:
        etype = entry["type"]
        mode = entry.get("mode")
        if etype not in onto.types:
            raise BilateralError(f"triggers.yaml: unknown type {etype!r} in {entry}")
        if mode is not None and mode not in onto.types[etype].modes:
            raise BilateralError(f"triggers.yaml: {mode!r} is not a mode of {etype}")
        ctx = tuple(entry.get("ctx", ()))
        for c in ctx:
            if c not in onto.contexts:
                raise BilateralError(f"triggers.yaml: unknown context {c!r}")
        words = str(entry["p"]).lower().split()
        noun = bool(entry.get("noun", False))
        if noun:
            forms = {words[0]}
            past: set[str] = set()
        else:
            forms = _inflect(words[0], irregular)
            past = _past_forms(words[0], irregular)
            if len(words) == 1:
                forms -= not_verbs
        needs_name = entry.get("needs")
        if needs_name is not None and needs_name not in lists:
            raise BilateralError(f"triggers.yaml: unknown list {needs_name!r}")
        triggers.append(
            Trigger(
                phrase=("|".join(sorted(forms)), *words[1:]),
                event_type=etype,
                mode=mode,
                contexts=ctx,
                needs=lists[needs_name] if needs_name else None,
                within=int(entry.get("within", 6)),
                role=str(entry.get("role", "directed")),
                future=bool(entry.get("future", False)),
                plain=bool(entry.get("plain", False)),
                noun=noun,
                weight=float(entry.get("weight", 0.8)),
                passive_forms=frozenset(past),
                lemma=words[0],
                placeless=bool(entry.get("placeless", False)),
            )
        )

    def cue_words(key: str) -> frozenset[str]:
        return frozenset(_strs(cue_raw[key], f"cues.yaml {key}"))

    cues = Cues(
        future_words=cue_words("future_words"),
        future_gap=int(cue_raw["future_gap"]),
        future_governors=cue_words("future_governors"),
        request_governors=cue_words("request_governors"),
        future_adjectives=cue_words("future_adjectives"),
        conditional_words=cue_words("conditional_words"),
        negation_words=cue_words("negation_words"),
        negation_gap=int(cue_raw["negation_gap"]),
        denial_words=cue_words("denial_words"),
        denial_objects=cue_words("denial_objects"),
        allegation_words=cue_words("allegation_words"),
        refusal_words=cue_words("refusal_words"),
        pair_anaphors=_phrase_seq(cue_raw["pair_anaphors"]),
        single_anaphors=_phrase_seq(cue_raw["single_anaphors"]),
        counterpart_words=cue_words("counterpart_words"),
        multilateral_cues=_phrase_seq(cue_raw["multilateral_cues"]),
        carry_cues=_phrase_seq(cue_raw["carry_cues"]),
        hypothetical_words=cue_words("hypothetical_words"),
        determiners=cue_words("determiners"),
        not_before={str(k): frozenset(str(w) for w in v) for k, v in cue_raw["not_before"].items()},
    )
    implied = [c for cs in ctx_raw.get("implies", {}).values() for c in cs]
    for ctx in [
        *ctx_raw["contexts"],
        *ctx_raw.get("weak", {}),
        *ctx_raw.get("civil", {}),
        *ctx_raw.get("implies", {}),
        *implied,
    ]:
        if ctx not in onto.contexts and ctx != "none":
            raise BilateralError(f"contexts.yaml: unknown context {ctx!r}")
    return Lexicon(triggers, cues, ctx_raw)
