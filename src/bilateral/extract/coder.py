"""The rules coder: from a document's sentences to PLOVER events, and the registry of coders.

For each sentence the coder finds the actors (``actors.ActorLexicon``), the triggers and their
cues (``triggers``) and the dates (``dates``), then assembles events the way ONTOLOGY.md says a
person would label them:

- the parties: the subject before the trigger is the actor, the object after it the recipient;
  "A and B signed" gives an undirected pair; "was signed by A" reads the agent after "by";
  a visit's host is its object ("arrived in Tehran") or, for "received"/"hosted", its subject;
  "he", "the minister", "the two sides", "his counterpart" stand for parties named before;
  an infinitive or a coordinated verb ("and signed", "to express") shares the subject of the
  verb before it.
- the type: the trigger's, turned into AGREE for a planned cooperative act ("will sign",
  "plans to visit") and into THREATEN for a planned or conditional hostile act ("could close
  the border"); acts that are only alleged ("accused Iran of supplying"), requested ("urged
  Belarus to sign") or refused ("refused to sign") are not coded themselves.
- CONSULT modes: multilateral at a summit's sidelines, visit when the meeting is in one side's
  country (the other side is the visitor), third-party in a third country, phone for calls.
- the date: the nearest past date expression of the act's clause (a plan takes the date of
  its announcement, a deadline dates nothing), else the date of the event before when the
  sentence says "the same day" or names no date at all, else the publication date.
- the place: "in <capital or country>" for acts that take place somewhere (meetings, signings,
  exercises, closures); the actor's own country for summonses and border closures.
- contexts: the words of the act's clause (``contexts.yaml``), else the type's default.

Coders register by name (``register``/``get``); ``rules`` is this one.
"""

from __future__ import annotations

import bisect
import csv
import dataclasses
import datetime as dt
import functools
import io
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources

from bilateral.extract import dates as dates_mod
from bilateral.extract.actors import ActorLexicon, Mention
from bilateral.extract.sentences import Sentence, dateline, split
from bilateral.extract.triggers import Lexicon, Token, TriggerMatch, lexicon, tokenize
from bilateral.records import Document, Event, Evidence, Location, Party, parse_published

__all__ = ["CODERS", "MAX_DOCUMENT", "RulesCoder", "get", "register"]


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (long lists read better so)."""
    return frozenset(text.split())


log = logging.getLogger(__name__)

# Documents longer than this are coded on their first MAX_DOCUMENT characters only (with a
# warning): a news item is a few thousand characters; anything far larger is not one, and the
# cap keeps the time per document bounded.
MAX_DOCUMENT = 200_000
# A sentence naming more acts than this is a list or junk; the rest of its triggers are skipped.
MAX_TRIGGERS = 24

_COOP_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"})
_HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"})
_THREAT_MODE = {
    "SANCTION/withdraw": "relations",
    "SANCTION/expel": "expel",
    "SANCTION": "restrict",
    "COERCE": "restrict",
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
}
_PLACED_TYPES = frozenset(
    {"CONSULT", "SUPPORT", "COOPERATE", "COERCE", "MOBILIZE", "ASSAULT", "PROTEST", "RETREAT"}
)
_HOME_LOCATED = frozenset({"summon", "close", "shut"})
# Hostile acts that a third party may report as another's ("said Iran had supplied ...").
_PLACE_RECIPIENT = frozenset(
    {"CONSULT", "COOPERATE", "AGREE", "ASSAULT", "MOBILIZE", "COERCE", "SANCTION", "RETREAT"}
)
_STATION_LEMMAS = frozenset({"deploy", "station"})
# "to <improve ties>" after a noun or a participle is the purpose of another act, no plan.
_PURPOSE_LEMMAS = frozenset({"expand", "deepen", "strengthen", "boost", "develop", "broaden"})
# Signing a text in another state's capital: the host is the other party ("Belarusneft signed
# a service contract in Tehran").
_SIGN_LEMMAS = frozenset({"sign", "ink", "seal", "conclude", "initial", "put", "affix"})
_PARTNER_TYPES = frozenset(
    {"CONSULT", "SUPPORT", "AGREE", "COOPERATE", "CONCEDE", "REJECT", "REQUEST", "THREATEN"}
)
_DATELINE_TYPES = frozenset({"CONSULT", "SUPPORT", "COOPERATE"})
_DIRECTIONS = _words(
    "western eastern northern southern central north south east west north-western "
    "south-eastern north-eastern south-western northwestern southeastern northeastern "
    "southwestern northwest southeast northeast southwest"
)
_MOTIVE = frozenset(
    {"over", "after", "amid", "following", "because", "citing", "despite", "since", "when"}
)
_REACTIONS = frozenset({"ACCUSE", "REJECT", "THREATEN", "SANCTION", "REQUEST", "PROTEST"})
_CLAIM_WORDS = frozenset({"said", "says", "claimed", "claims", "alleged", "reported", "charged"})
_FUTURE_ONLY = frozenset({"review"})
# What may follow a closing "..., X said": the end, a date, or a further clause (", adding").
_AFTER_CLAIM = frozenset(
    {".", ",", "on", "in", "last", "this", "earlier", "late", "yesterday", "today"}
)
# "sanctions on seven people over Iranian transfers of missiles to Russia": what follows is
# the reason, not the target.
_REASONS = frozenset({"over", "amid"})
# "its war with Israel": a state after these and "with" is the adversary, no party to a plan.
_HOSTILITIES = _words("war wars conflict fighting clashes confrontation standoff dispute")
_JOINT_TYPES = frozenset({"CONSULT", "AGREE", "SUPPORT", "COOPERATE"})
_VERBAL = frozenset(
    {"AGREE", "SUPPORT", "CONSULT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)
# Meetings whose grammatical object is a topic ("discussed a ban on Belarusian airlines"):
# their other party comes with "with" or "between".
_TOPICAL = frozenset(
    {"discuss", "negotiate", "talks", "negotiations", "consultations", "confer", "exchange",
     "hold", "meeting", "meetings"}
)  # fmt: skip
_TARGETED = frozenset(
    {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE", "AID", "ACCUSE", "THREATEN", "RETREAT"}
)
_REPORTABLE = frozenset({"AID", "ASSAULT", "COERCE", "MOBILIZE"})
# Acts of two others that a third state's claim makes an allegation when they are military.
_COVERT_TYPES = frozenset({"CONSULT", "COOPERATE"})
_SECURITY = frozenset({"military", "intelligence", "cbrn"})
_BACKGROUND = frozenset({"when", "where", "which", "who", "while", "after", "before", "since"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside"})
_PLACE_KINDS = frozenset({"capital", "country", "adjective", "metonym"})
_CLAUSE_BREAKS = frozenset({"while", "whereas", "but", "although", "though"})
_OBJECT_BREAKS = frozenset(
    {"while", "whereas", "although", "though", "after", "before", "as", "since", "when",
     "amid", "because", "which", "who", "where", "following", "ahead", "until", "if", "unless",
     "that"}
)  # fmt: skip
_PREP_BREAKS = frozenset(
    {"in", "on", "for", "at", "after", "before", "during", "amid", "despite", "citing", "saying",
     "calling", "as", "while", "which", "who", "where", "according", "but", "prompting"}
)  # fmt: skip
_SUBORDINATORS = frozenset(
    {"after", "as", "while", "when", "because", "since", "before", "until", "once", "whereas",
     "although", "but", "though", "that", "if", "which", "who", "where"}
)  # fmt: skip
# Words after which a clause has a subject of its own ("saying Russian missiles were ...").
_NEW_SUBJECT = frozenset(
    {"saying", "because", "since", "although", "though", "whereas", "if", "unless", "while"}
)
_CONJ = frozenset(
    {"and", ",", ", and", "&", "as well as", "or", "and the", ", the", "-", "–", "and his",
     "and her", "and its", "and their", "together with", "along with", ", together with",
     ", along with", "'s and", "’s and"}
)  # fmt: skip
_ANAPHORA_TYPES = frozenset({"ACCUSE", "SUPPORT", "REJECT"})
_DAY_WORDS = _words("monday tuesday wednesday thursday friday saturday sunday today yesterday")
_ANAPHORIC = _words(
    """move decision action actions deployment broadcast deportations deportation claim claims
    accusations accusation allegations visit strike strikes attack attacks step measures
    sanctions remarks statement statements comments plan exercises drills it them this
    incursion seizure arrest arrests expulsion expulsions ban restrictions announcement
    annexation recognition"""
)
_SAY_WORDS = frozenset(
    {"said", "says", "say", "told", "claimed", "claims", "stated", "reported", "alleged",
     "alleges", "announced", "warned", "insisted", "added", "noted", "asserted"}
)  # fmt: skip
_WORD = re.compile(r"[a-z][a-z'-]*|,")
_AGENTS = _words(
    """officials official president presidents leader leaders minister ministers government
    governments side sides authorities authority forces troops army military navy warships
    soldiers officers companies company firms firm delegation delegations diplomats diplomat
    counterpart counterparts colleague people experts specialists banks bank lawmakers
    parliament parliamentarians businessmen business partners partner guards police hackers
    instructors personnel operators entities individuals leadership negotiators envoy envoys
    ambassador embassy ministry ministries airlines airline carrier carriers co-chairs
    chairs commission committee agency agencies state-owned producer producers makers maker
    manufacturer manufacturers exporter exporters servicemen units pilots contingent navy
    side's guest guests host hosts team teams head heads chief chiefs speaker spokesman
    spokeswoman spokesperson prosecutors court courts judges regime junta administration
    council legislators deputies mps military's peacekeepers vessels tankers fleet ships
    warplanes jets aircraft bombers fighters nationals citizens workers engineers crews
    militants troops' house office centre center mission consulate navies armies
    assembly senate chamber academy organisation organization corporation institute service"""
)
_ADJ_SKIP = _words(
    """defence defense foreign state national new top senior deputy first former acting
    interim military naval air armed security oil gas nuclear trade economic industry
    industrial border federal central regional local joint two three four five several
    many other some all both visiting chief"""
)
_NON_STATE = _words(
    """rebels rebel opposition militants militant separatists separatist insurgents insurgent
    dissident dissidents activists activist exiles diaspora protesters demonstrators fans"""
)
_THINGS = _words(
    """drones drone weapons weapon missiles missile territory territories border borders
    airspace investment investments sites site claims claim position positions goods products
    exports imports oil gas market markets interests interest soil waters region regions
    province city capital flag language culture economy trade money assets nuclear tanks
    balloon balloons statements statement strikes strike attack attacks policy policies
    record history side-effects"""
)
_STOPWORDS = _words(
    """of in on to for with at by from that which who said says is are was were has have had
    will would could may might and-the into over under against after before since during
    the a an its their his her"""
)
_OF_FRAMES = _words(
    """sidelines margins framework auspices gulf sea bay coast region province territory
    capital city funeral death presence memory anniversary end start beginning independence
    expense annexation sovereignty interests outskirts part parts rest north south
    east west centre center heart suburb suburbs shores west territory airspace border regions
    borders occupation liberation collapse fall history"""
)
_GATHERINGS = _words(
    """summit summits meeting conference forum session framework general assembly format
    ministerial talks council games expo exhibition"""
)
_FRAME_NOUNS = frozenset({"sidelines", "margins", "framework", "side-lines", "auspices"})
_SKIP_BEFORE = frozenset(
    {"also", "then", "later", "jointly", "reportedly", "had", "have", "has", "formally",
     "officially", "subsequently", "personally", "already", "recently", "finally", "both",
     "on", "the", "same", "day", "and", "to"}
)  # fmt: skip
_AUX = frozenset(
    {"have", "has", "had", "will", "would", "also", "later", "then", "jointly", "both", "shall",
     "could", "may", "might", "can", "formally", "officially", "reportedly", "again",
     "sharply", "drastically", "significantly", "swiftly", "immediately", "promptly",
     "further", "temporarily", "partially", "subsequently"}
)  # fmt: skip
_GUEST_PRONOUNS = frozenset({"him", "her", "them", "his", "its", "their"})


@dataclass(slots=True)
class _Party:
    code: str
    sector: str | None
    text: str
    start: int  # char offsets in the sentence content (-1 for an anaphor from outside)
    end: int
    ambassador: bool = False
    kind_place: bool = False  # named by a capital or a country ("to Tehran", "to Belarus")
    with_: bool = False  # introduced by "with" ("held talks with Iran")
    igo: bool = False  # an international organisation, not a state


@dataclass(slots=True)
class _Memory:
    """What the document said before: for anaphora and "the same day"."""

    last_actor: _Party | None = None
    last_pair: tuple[_Party, _Party] | None = None
    last_actors: list[_Party] = field(default_factory=list)
    last_recipients: list[_Party] = field(default_factory=list)
    last_type: str | None = None
    last_date: tuple[str, str] | None = None
    last_location: Location | None = None
    codes: list[str] = field(default_factory=list)
    dateline: Location | None = None
    people: dict[str, Mention] = field(default_factory=dict)  # surname -> the full mention
    bodies: dict[str, Mention] = field(default_factory=dict)  # "service" -> Ukraine's service


@dataclass(slots=True)
class _Draft:
    event_type: str
    mode: str | None
    actor: _Party
    recipient: _Party
    contexts: list[str]
    date: str
    precision: str
    location: Location | None
    negated: bool
    confidence: float
    order: int
    directed: bool = True
    placeless: bool = False  # a message or a letter: no place, not even a meeting's


@functools.cache
def _igo_codes() -> frozenset[str]:
    """Codes of international organisations (the actors gazetteer's igos.csv)."""
    path = resources.files("bilateral") / "data" / "actors" / "igos.csv"
    try:
        rows = csv.DictReader(io.StringIO(path.read_text("utf-8")))
        return frozenset(row["code"].strip() for row in rows if row.get("code"))
    except (OSError, KeyError):
        return frozenset()


def _party(m: Mention) -> _Party:
    low = m.text.lower()
    return _Party(
        m.code,
        m.sector,
        m.text,
        m.start,
        m.end,
        ambassador=("ambassador" in low or "envoy" in low or "chargé" in low or "charge" in low),
        kind_place=m.kind in ("capital", "country"),
        igo=m.kind == "igo" or m.code in _igo_codes(),
    )


class RulesCoder:
    """The lexicon-and-rules coder of this module (registered as ``rules``)."""

    name = "rules"

    def __init__(self, actors: ActorLexicon | None = None, lex: Lexicon | None = None) -> None:
        self.actors = actors or ActorLexicon.default()
        self.lex = lex or lexicon()
        self._lows: list[str] = []

    # ------------------------------------------------------------------ documents

    def __call__(self, document: Document) -> list[Event]:
        return self.code(document)

    def code(self, document: Document) -> list[Event]:
        text = document.text
        if len(text) > MAX_DOCUMENT:
            log.warning(
                "document %s: %d characters; coding only the first %d",
                document.id,
                len(text),
                MAX_DOCUMENT,
            )
            text = text[:MAX_DOCUMENT]
        published: dt.date | None = None
        if document.published:
            try:
                published = parse_published(document.published)
            except ValueError:
                published = None
        memory = _Memory()
        head = dateline(text)
        dateline_place = head[1] if head else None
        if dateline_place:
            for m in self.actors.find(dateline_place.title()):
                if m.kind == "capital":
                    memory.dateline = Location(m.text, m.code)
                    break
        drafts: list[tuple[Sentence, _Draft]] = []
        order = 0
        for sentence in split(text):
            for draft in self._sentence(sentence, published, memory, dateline_place):
                draft.order = order
                order += 1
                drafts.append((sentence, draft))
        return self._finish(document, drafts)

    def _finish(self, document: Document, drafts: list[tuple[Sentence, _Draft]]) -> list[Event]:
        undirected = {"CONSULT", "AGREE", "COOPERATE", "SUPPORT"}
        best: dict[tuple[object, ...], tuple[Sentence, _Draft]] = {}
        for sentence, d in drafts:
            codes = (d.actor.code, d.recipient.code)
            # A one-sided statement and a text both sides signed are two acts (ONTOLOGY.md:
            # directed and undirected SUPPORT), as are an invitation and its acceptance.
            joint = d.event_type in undirected and not (
                d.event_type in ("AGREE", "SUPPORT") and d.directed
            )
            pair: object = frozenset(codes) if joint else codes
            key = (d.event_type, pair, d.date)
            old = best.get(key)
            if old is None:
                best[key] = (sentence, d)
                continue
            od = old[1]
            # Keep the first report, but take a mode, a place or a finer reading from a later one.
            if od.mode is None and d.mode is not None:
                od.mode = d.mode
                if d.event_type == "CONSULT" and d.mode == "visit":
                    od.actor, od.recipient = d.actor, d.recipient
            if od.location is None and d.location is not None:
                od.location = d.location
            for c in d.contexts:
                if c not in od.contexts and c != "diplomatic":
                    od.contexts.append(c)
            od.confidence = max(od.confidence, d.confidence)
        # A plan reported both as "promised" (directed) and as the planned act is one AGREE.
        directed_plans = {
            (frozenset((d.actor.code, d.recipient.code)), d.date)
            for _, d in best.values()
            if d.event_type == "AGREE" and d.directed
        }
        loose = [k for k, (_, d) in best.items() if d.event_type == "AGREE" and not d.directed]
        for agree_key in loose:
            plan = best[agree_key][1]
            if (frozenset((plan.actor.code, plan.recipient.code)), plan.date) in directed_plans:
                del best[agree_key]
        events = []
        text = document.text
        for sentence, d in sorted(best.values(), key=lambda sd: sd[1].order):
            start = sentence.content_start
            end = sentence.end
            events.append(
                Event.create(
                    doc_id=document.id,
                    date=d.date,
                    date_precision=d.precision,
                    actor=Party(d.actor.code, d.actor.sector, d.actor.text),
                    recipient=Party(d.recipient.code, d.recipient.sector, d.recipient.text),
                    event_type=d.event_type,
                    mode=d.mode,
                    context=tuple(d.contexts),
                    location=d.location,
                    negated=d.negated,
                    confidence=round(min(1.0, max(0.05, d.confidence)), 3),
                    evidence=Evidence(start, end, text[start:end]),
                    coder=self.name,
                )
            )
        return events

    # ------------------------------------------------------------------ sentences

    def _sentence(
        self,
        sentence: Sentence,
        published: dt.date | None,
        memory: _Memory,
        dateline_place: str | None,
    ) -> list[_Draft]:
        content = sentence.content
        tokens = tokenize(content)
        if not tokens:
            return []
        matches = self.lex.find(tokens, limit=MAX_TRIGGERS)
        mentions = [m for m in self.actors.find(content, on=published) if m.code]
        mentions = _remembered(tokens, mentions, memory.people, memory.bodies)
        memory.people.update(_named_people(tokens, mentions))
        memory.bodies.update(_named_bodies(tokens, mentions))
        for m in mentions:
            if m.code not in memory.codes:
                memory.codes.append(m.code)
        if not matches:
            self._remember_subject(mentions, memory)
            return []
        lows = [t.low for t in tokens]
        self._lows = lows
        starts = [t.start for t in tokens]
        sent = _SentenceView(content, tokens, lows, starts, mentions)
        sent.matches = matches
        date_mentions = dates_mod.find_dates(content, published) if published else []
        multilateral = _has_any(lows, self.lex.cues.multilateral_cues)
        carry = _has_any(lows, self.lex.cues.carry_cues)
        drafts: list[_Draft] = []
        prev_subject: list[_Party] = []
        prev_objects: list[_Party] = []
        prev_match: TriggerMatch | None = None
        alleged_subjects: set[str] = set()
        agreed = False
        told = False  # "told <a foreign official>" was coded: it is the sentence's meeting
        phoned = any(
            m.trigger.event_type == "CONSULT" and m.trigger.mode == "phone" for m in matches
        )
        warned_until = -1  # "warned that <another state> could <act>": the act is alleged
        for match in matches:
            trig = match.trigger
            if match.first < warned_until:
                prev_match = match
                continue
            if _decision_of_hostile_act(matches, match):
                continue  # "decided to leave the contract": the act is coded, not a plan
            if trig.event_type == "AGREE":
                agreed = True
            exercise_alone = self._exercise_alone(sent, match)
            if (
                trig.event_type == "AGREE"
                and trig.lemma in _PURPOSE_LEMMAS
                and match.first > 0
                and sent.lows[match.first - 1] == "to"
                and not match.governed
            ):
                prev_match = match
                continue  # "signed a memorandum to strengthen cooperation": its purpose
            if (
                trig.event_type == "CONCEDE"
                and "that" in sent.lows[match.last : match.last + 3]
                and not any(
                    m.first > match.first and sent.lows[m.first - 1] != "and" for m in matches
                )
            ):
                prev_match = match
                continue  # "acknowledged that cooperation had developed slowly": no act
            if trig.noun and match.first > 0 and sent.lows[match.first - 1] == "for":
                prev_match = match
                continue  # "recalled its ambassador for consultations": a purpose
            if (
                trig.noun
                and not sent.parties
                and match.first > 0
                and sent.lows[match.first - 1] in ("the", "these", "those", "this", "that")
            ):
                prev_match = match
                continue  # "the talks focused on ...": the meeting coded before
            if trig.lemma in _FUTURE_ONLY and not match.future:
                prev_match = match
                continue  # "reviewing ties" is no threat; "would review all cooperation" is
            if (
                trig.event_type == "CONSULT"
                and prev_match is not None
                and prev_match.trigger.event_type == "CONSULT"
                and not match.future
                and match.first > 0
                and sent.lows[match.first - 1] == "to"
            ):
                prev_match = match
                continue  # "arrived in Minsk to discuss trade": the visit's purpose
            if (
                trig.role == "host_obj"
                and sent.lows[match.first] == "visiting"
                and any(sent.token_at(m.start) == match.last for m in sent.parties)
            ):
                prev_match = match
                continue  # "talks with visiting Belarusian President ...": a modifier
            if told and trig.event_type == "CONSULT" and trig.mode == "phone":
                prev_match = match
                continue  # "told his Ukrainian counterpart in a phone call": coded with "told"
            if match.skip:
                if match.alleged and trig.event_type in _REPORTABLE:
                    drafts += self._allegation(sent, match, memory, published, date_mentions)
                prev_match = match
                continue
            reported = prev_match is not None and bool(sent.speaker(prev_match.start))
            subject, via = self._subject(sent, match, prev_match, prev_subject, memory, reported)
            if trig.lemma in _INTRUDING and not any(
                match.first - 4 <= sent.token_at(m.end - 1) < match.first for m in sent.parties
            ):
                prev_match = match
                continue  # "after a dozen drones violated Polish airspace": no intruder named
            if match.passive and via == "mention" and sent.weapons_of(subject):
                prev_match = match
                continue  # "Russian drones entered ... and were shot down": drones shot down
            if via == "shared" and match.passive and trig.event_type in _REPORTABLE:
                prev_match = match
                continue  # "Russian drones entered ... and were shot down": drones shot down
            if via == "shared" and subject and {p.code for p in subject} <= alleged_subjects:
                prev_match = match
                continue  # "said North Korea had sent troops to help Russia": all alleged
            objects = self._objects(sent, match, subject, memory)
            if trig.lemma == "ask" and _question(sent.lows, match):
                # "asked Iran's ambassador what Minsk could do": a question is no request; put
                # to an official of another state it is a meeting, as "told" is
                trig = dataclasses.replace(trig, event_type="CONSULT", mode=None, role="told")
                match = dataclasses.replace(match, trigger=trig)
            claim_end = -1  # a closing ", X alleged": the claim is the clause before it
            if trig.lemma == "allege" and not objects and subject:
                # "A group of Iranian instructors has been seen in Belarus's Gomel region,
                # Ukraine's National Resistance Center alleged": against those named before
                objects, claim_end = self._alleged_before(sent, match, subject)
            if trig.lemma == "ask" and self._asked_to_come(sent, match):
                # "asked him to come to Belarus": an invitation (AGREE, ONTOLOGY.md), directed
                trig = dataclasses.replace(trig, event_type="AGREE", role="inviter", future=True)
                match = dataclasses.replace(match, trigger=trig, future=True)
            if trig.role == "told":
                # "Rouhani told Myasnikovich, speaker of ...": telling an official of another
                # state is a meeting; a call or a meeting named in the sentence codes itself
                objects = self._told_official(sent, match, subject)
                if not objects:
                    continue
                told = True
            if (
                via == "agent"
                and trig.role != "joint"
                and (not objects or trig.role == "host_subj")
            ):
                # "Belarus was sanctioned by the EU", "X was received by Xi"
                lo = sent.clause_start(match.first)
                objects = [
                    p
                    for p in sent.subject_before(match.first)
                    if p.code not in {s.code for s in subject} and p.start >= lo
                ]
            if (
                match.passive
                and via == "mention"
                and objects
                and trig.role == "directed"
                and not sent.after_to(objects[0])
            ):
                # "Belarus was hit with new EU sanctions": the object acts on the subject
                # (but in "Russian warheads were delivered to Belarus" the object receives)
                subject, objects = objects, subject
            if not objects and via == "shared" and prev_objects:
                # "suspended the treaty with Pakistan and closed the crossing"
                objects = [p for p in prev_objects if p.code not in {s.code for s in subject}]
            if trig.event_type == "SANCTION" and trig.mode == "withdraw" and objects:
                posted = self._posted(objects[0])
                if posted is not None:
                    # "recalled Armenia's ambassador in Minsk": Armenia recalls from Belarus
                    subject, objects = [objects[0]], [posted]
            if objects:
                prev_objects = objects
            if trig.event_type == "CONSULT" and match.passive and via != "agent":
                prev_match = match
                continue
            etype, mode = trig.event_type, trig.mode
            if etype in _HOSTILE and _decided(sent.lows, match) and not match.conditional:
                # "decided to leave its contract with NIOC": a decision taken is the act
                match = dataclasses.replace(match, future=False, governed=False)
            if (
                etype == "RETREAT"
                and trig.lemma == "pull"
                and not _forces_leave(sent, match, subject)
            ):
                prev_match = match
                continue  # "pulled out of the Asian Cup qualifier": no withdrawal of forces
            if (
                trig.lemma == "agree"
                and "that" in sent.lows[match.last : match.last + 4]
                and not any(m.first > match.first for m in matches)
            ):
                # "They agreed that the dispute must be settled by diplomacy": a shared
                # position (SUPPORT), not a plan ("agreed that the US would deploy" is a plan)
                etype = "SUPPORT"
                match = dataclasses.replace(match, future=False)
            if etype == "MOBILIZE" and trig.lemma in _STATION_LEMMAS and not objects:
                host = sent.hosted_in(match)
                if host is not None and host.code not in {p.code for p in subject}:
                    # "Russia has deployed its Oreshnik system in Belarus": weapons moved to
                    # an ally are AID (a plan to do so is AGREE), not a show of force
                    etype, mode = "AID", None
                    objects = [_party(host)]
            if match.denial:
                etype, mode = "ACCUSE", "disapprove"
            if etype == "ASSAULT" and mode is None:
                mode = _assault_mode(sent.lows, match)
            if etype == "ACCUSE" and mode == "allege":
                after_of = sent.lows[match.last : match.last + 6]
                if "of" in after_of:
                    nxt = after_of[after_of.index("of") + 1 : after_of.index("of") + 2]
                    if nxt and nxt[0].startswith(("fail", "not")):
                        mode = "disapprove"  # "accused X of failing to ...": a reproach
            if exercise_alone:
                etype, mode = "MOBILIZE", "troops"  # one state's drills near another
            if etype == "REQUEST" and mode is None:
                if _more_cooperation(sent.lows, match):
                    mode = "assist"
                elif _stop_support(sent.lows, match):
                    mode = "change"  # "urged China to stop supplying Russia": a policy
                else:
                    mode = _words_mode(sent.lows, match, _REQUEST_MODES, first=True) or "change"
            if match.future and match.negated and etype == "SUPPORT" and not match.governed:
                etype, mode = "REJECT", None  # "Turkey would not approve their bids"
                match = dataclasses.replace(match, future=False, negated=False)
            if etype in ("AGREE", *_COOP_TO_AGREE) and any(
                w in _HEDGES for w in sent.lows[max(0, match.first - 2) : match.first]
            ):
                prev_match = match
                continue  # "Iran and Russia could deepen cooperation": a hedged possibility
            if match.conditional and not match.future and etype in _COOP_TO_AGREE:
                prev_match = match
                continue  # "the Iranians might be helping": speculation, not an act
            if match.future and match.negated and etype in _COOP_TO_AGREE:
                prev_match = match
                continue  # "will no longer supply": no plan to code
            if (
                etype in ("SUPPORT", "AGREE")
                and not match.future
                and trig.lemma in ("approve", "agree", "adopt", "endorse")
                and _funding(sent.lows, match)
            ):
                etype, mode = "AID", None  # "approved a 3 billion dollar loan for Pakistan"
            if etype == "REJECT" and _rule_out(sent.lows, match):
                # "refused to rule out using force": a threat held open
                etype = "THREATEN"
                mode = _words_mode(sent.lows, match, _THREAT_MODES)
            if (
                etype in ("SUPPORT", "COOPERATE", "AID", "CONSULT")
                and match.first > 0
                and sent.lows[match.first].endswith("ing")
                and sent.lows[match.first - 1] in _HALTS
            ):
                # "the EU stopped recognising Lukashenko": ending cooperation (docs 3)
                etype, mode = "SANCTION", "discontinue"
            if etype == "MOBILIZE" and _to_help(sent.lows, match):
                etype, mode = "AID", None  # "sent troops to help Russia" (docs/ontology.md 3)
            if match.future and etype in _COOP_TO_AGREE:
                etype, mode = "AGREE", None
            elif match.future and etype == "MOBILIZE" and agreed:
                etype, mode = "AGREE", None  # "agreed that the US would deploy ..."
            elif (
                (match.future or match.conditional)
                and etype == "SANCTION"
                and mode in ("withdraw", "expel")
                and "diplomatic" in trig.contexts
                and self._announced(sent, match)
            ):
                pass  # "Belarus said it would recall its ambassador": a decision, not a threat
            elif (match.future or match.conditional) and etype in _HOSTILE:
                if match.governed and not match.conditional:
                    prev_match = match
                    continue
                mode = _THREAT_MODE.get(f"{etype}/{trig.mode}", _THREAT_MODE.get(etype))
                etype = "THREATEN"
            if etype == "THREATEN" and mode is None:
                mode = _words_mode(sent.lows, match, _THREAT_MODES)
            elif match.governed and etype not in _COOP_TO_AGREE and etype != "AGREE":
                prev_match = match
                continue
            if etype == "CONSULT" and match.passive and via != "agent":
                prev_match = match
                continue
            if subject:
                prev_subject = subject
            prev_match = match
            # A third party's claim that one side did something hostile is an allegation.
            covert = self._covert(sent, match, subject, objects, etype)
            if (
                (etype in _REPORTABLE or covert is not None)
                and not match.negated
                and subject
                and via in ("mention", "agent")
                and self._reported(
                    sent,
                    match,
                    subject,
                    covert if covert is not None else objects,
                    memory,
                    published,
                    date_mentions,
                    drafts,
                )
            ):
                alleged_subjects.update(p.code for p in subject)
                continue
            warned_of = self._warned_of(sent, match, subject) if trig.lemma == "warn" else []
            if warned_of:
                # "Washington has warned that Pyongyang might supply shells to Russia": what
                # another state may do is alleged, not held out by the one who warns; the
                # acts of the warning's clause are its content
                etype, mode, objects = "ACCUSE", "allege", warned_of
                warned_until = sent.clause_end(match.last, limit=24)
            elif trig.lemma == "warn" and _plain_warning(sent.lows, match):
                continue  # "warned that Russia remains a threat": an assessment, no threat
            if (
                trig.lemma == "become"
                and match.needs_end < len(sent.lows)
                and sent.lows[match.needs_end] == "to"
            ):
                continue  # "becoming the first NATO member to supply jets": a description
            if (
                etype == "ACCUSE"
                and trig.lemma == "call"
                and "what" in sent.lows[max(0, match.first - 4) : match.first]
                and not sent.parties_between(match.last, _phrase_stop(sent.lows, match.last))
            ):
                continue  # "resisting what he called illegal sanctions": no one named as target
            if _counted(sent.lows, match):
                continue  # "has visited Tehran four times since 2006": a tally, not an act
            if _compared(sent.lows, match):
                continue  # "comparing the accusations to the test tube ... before invading Iraq"
            place = self._place(sent, match)
            pairs = self._pairs(sent, match, etype, subject, objects, place, memory)
            hosted_between = "between" in sent.lows[match.last : match.last + 4]
            if not pairs:
                continue
            when = self._when(
                date_mentions, match, carry, memory, published, plan=etype == "AGREE", sent=sent
            )
            if when is None:
                continue
            date_value, precision, explicit = when
            if not explicit and _characterised(sent.lows, match):
                continue  # "Iran was among the first states to recognise ...": background
            contexts = self._contexts(sent, match, subject, objects, etype)
            if claim_end > 0:
                # what is alleged gives the contexts ("... to produce Shahed drones, X alleged")
                claimed = self.lex.contexts_in(sent.lows, 0, claim_end)
                contexts = self._implied(claimed) if claimed else contexts
            if _anaphoric_object(sent.lows, match):
                # "..., and Athens condemned the move": a reaction is about the act it names
                if drafts:
                    contexts = list(drafts[-1].contexts)
                else:
                    before = self.lex.contexts_in(sent.lows, 0, match.first)
                    contexts = self._implied(before) if before else contexts
            if etype == "AID" and _commercial(sent, match, contexts):
                continue  # "delivered potash under a barter deal": trade, not aid
            for actor, recipient, conf in pairs:
                emode = mode
                location: Location | None = None
                if etype in _PLACED_TYPES and not (etype == "CONSULT" and mode == "phone"):
                    location = place
                    if location is None and trig.role in ("host_obj", "host_place"):
                        location = _host_location(recipient)
                    if location is None:
                        location = self._place(sent, match, anywhere=True)
                    if location is None and carry and memory.last_location is not None:
                        location = memory.last_location
                    if (
                        location is None
                        and memory.dateline is not None
                        and etype in _DATELINE_TYPES
                        and memory.dateline.country in (actor.code, recipient.code)
                        and trig.role != "told"  # "TEHRAN - Aleinik told Bagheri Kani": in Minsk
                    ):
                        # "TEHRAN - ... held talks": the wire places the meeting there.
                        location = memory.dateline
                if trig.lemma in _HOME_LOCATED and etype != "THREATEN":
                    location = Location(None, actor.code)
                if trig.placeless or (trig.role == "told" and phoned):
                    location = None
                if etype == "CONSULT" and trig.role == "host_subj" and hosted_between and subject:
                    emode = "third-party"
                    location = location or Location(None, subject[0].code)
                elif etype == "CONSULT" and trig.role == "told" and phoned:
                    emode = "phone"
                elif etype == "CONSULT" and trig.role == "told" and _told_visiting(sent, match):
                    # "Xi told visiting Spanish Prime Minister Sanchez": the one told travelled
                    actor, recipient, emode = recipient, actor, "visit"
                    if location is None or location.country != recipient.code:
                        location = Location(None, recipient.code)
                elif etype == "CONSULT":
                    actor, recipient, emode = self._consult_mode(
                        match,
                        actor,
                        recipient,
                        emode,
                        location,
                        multilateral,
                        joint_subject=via == "mention" and len(_distinct(subject)) >= 2,
                    )
                draft = _Draft(
                    event_type=etype,
                    mode=emode,
                    actor=actor,
                    recipient=recipient,
                    contexts=list(contexts),
                    date=date_value,
                    precision=precision,
                    location=location,
                    negated=match.negated,
                    confidence=trig.weight * conf * (1.05 if explicit else 1.0),
                    order=0,
                    directed=trig.role == "inviter"
                    or (etype == "SUPPORT" and trig.role in ("directed", "recv")),
                    placeless=trig.placeless,
                )
                drafts.append(draft)
                self._remember(draft, memory)
        # Statements and plans made at a placed meeting take its place (ONTOLOGY.md, Location).
        placed = next(
            (d.location for d in drafts if d.event_type == "CONSULT" and d.location), None
        )
        if placed is not None:
            for d in drafts:
                if d.location is None and d.event_type in ("SUPPORT", "AGREE") and not d.placeless:
                    d.location = placed
        if not drafts:
            self._remember_subject(mentions, memory)
        return drafts

    def _warned_of(
        self, sent: _SentenceView, match: TriggerMatch, subject: list[_Party]
    ) -> list[_Party]:
        """The states of "<A> warned that <B> might / could / would <act> (<C>)" when B is not
        A: the warning alleges what B may do; none when A warns of its own act."""
        lows = sent.lows
        after = lows[match.last : match.last + 8]
        if "that" not in after:
            return []
        k = match.last + after.index("that") + 1
        end = min(len(lows), k + 16)
        if not any(w in _MODALS for w in lows[k:end]):
            return []
        own = {p.code for p in subject}
        lo, hi = sent.starts[min(k, len(lows) - 1)], sent.starts[end - 1]
        named = [m for m in sent.parties if lo <= m.start <= hi and len(m.code) == 3]
        if not named or sent.token_at(named[0].start) > k + 2 or named[0].code in own:
            return []  # "warned that it would ...", "warned that the move could ..."
        out: list[_Party] = []
        for m in named:
            if m.code not in own and m.code not in {p.code for p in out}:
                out.append(_party(m))
        return out

    def _alleged_before(
        self, sent: _SentenceView, match: TriggerMatch, subject: list[_Party]
    ) -> tuple[list[_Party], int]:
        """The states a closing ", X alleged" is about: those named in the clause before the
        comma (agents, "Iranian" modifiers and places), not X itself and not one named only as
        a beneficiary ("drones for Russia"); and the token index of that comma."""
        first = sent.token_at(min(p.start for p in subject if p.start >= 0) if subject else 0)
        k = first - 1
        while k >= 0 and sent.lows[k] == "the":
            k -= 1
        if k < 0 or sent.lows[k] != "," or sent.token_at(subject[0].start) > match.first:
            return [], -1
        return sent.claimed(sent.starts[k], {p.code for p in subject}), k

    def _asked_to_come(self, sent: _SentenceView, match: TriggerMatch) -> bool:
        """ "asked him to come to Belarus", "asked Pezeshkian to visit Minsk": asking a leader to
        come to a named place invites him; "asked Russia to come to the negotiating table"
        does not."""
        lows = sent.lows
        window = lows[match.last : match.last + 8]
        if "to" not in window:
            return False
        k = match.last + window.index("to") + 1
        if k >= len(lows) or lows[k] not in _COMING:
            return False
        hi = sent.starts[min(len(lows) - 1, k + 4)]
        return any(sent.starts[k] < m.start <= hi for m in sent.places + sent.parties)

    def _told_official(
        self, sent: _SentenceView, match: TriggerMatch, subject: list[_Party]
    ) -> list[_Party]:
        """The official of another state right after "told" ("told visiting Spanish Prime
        Minister Sanchez", "told his Iranian counterpart"); none for "told reporters", "told
        Interfax", "told the Belarusian parliament" or an official of the teller's own state."""
        if not subject or any(w in _ADDRESSES for w in sent.lows[match.last :]):
            return []  # "told Pezeshkian ..., speaking at an expanded session": a speech
        k = match.last
        if k < len(sent.lows) and sent.lows[k] == "visiting":
            k += 1
        if k < len(sent.lows) and sent.lows[k] in ("the", "his", "her", "its", "their"):
            k += 1
        own = {p.code for p in subject}
        for m in sent.parties:
            if sent.token_at(m.start) not in (k, k - 1) or m.start < match.end:
                continue
            words = set(_WORD.findall(m.text.lower()))
            if m.kind == "adjective":
                words |= set(sent._words_after(m, 2))  # "his Ukrainian counterpart"
            person = m.kind == "official" or (
                m.kind in ("title", "adjective")
                and bool(words & _OFFICIAL_WORDS)
                and not words & _BODY_WORDS
            )
            if person and m.code not in own and len(m.code) == 3 and sent.usable(m):
                return [_party(m)]
            return []
        # "told Reza Raei, vice governor of the Central Bank of Iran,": a name the gazetteer
        # does not know, placed by its apposition
        j = k
        while j < len(sent.lows) and j - k < 4 and sent.tokens[j].text[:1].isupper():
            j += 1
        if j == k or j >= len(sent.lows) or sent.lows[j] != ",":
            return []
        for m in sent.parties:
            t = sent.token_at(m.start)
            if not j < t <= j + 8 or m.code in own or len(m.code) != 3:
                continue
            if any(w in _OFFICIAL_WORDS for w in sent.lows[j + 1 : t]):
                return [_party(m)]
            break
        return []

    def _posted(self, envoy: _Party) -> _Party | None:
        """The state an envoy is posted to: "Armenia's ambassador in Minsk" -> Belarus."""
        low = envoy.text.lower()
        if not any(w in low for w in ("ambassador", "envoy", "charge", "chargé")):
            return None
        for prep in (" in ", " to "):
            k = envoy.text.find(prep)
            if k < 0:
                continue
            for m in self.actors.find(envoy.text[k + len(prep) :]):
                if m.code and m.code != envoy.code and m.kind in ("capital", "country"):
                    return _Party(m.code, None, m.text, -1, -1)
        return None

    def _announced(self, sent: _SentenceView, match: TriggerMatch) -> bool:
        """ "X said (on Friday) it would <act>": the actor announcing its own decision."""
        lows = sent.lows
        k = match.first - 1
        while k >= 0 and lows[k] in _AUX and lows[k] not in ("will", "would"):
            k -= 1
        if k < 2 or lows[k] not in ("will", "would") or lows[k - 1] not in ("it", "they"):
            return False
        window = lows[max(0, k - 6) : k - 1]
        return any(w in ("said", "says", "announced", "announces") for w in window) and not any(
            w in ("may", "might", "could", "if", "unless", "warned", "threatened") for w in window
        )

    def _exercise_alone(self, sent: _SentenceView, match: TriggerMatch) -> bool:
        """Drills held by one state alone (no "joint", no "with"): a show of force."""
        trig = match.trigger
        if trig.event_type != "COOPERATE":
            return False
        drills = sent.lows[match.needs_end - 1] in _DRILLS  # "began military exercises"
        if "military" not in trig.contexts and not (drills and trig.lemma in _STARTS):
            return False
        lo = max(0, match.first - 4)
        window = sent.lows[lo : match.needs_end + 6]
        # "near its border with Azerbaijan" names the border, not a partner in the drills
        partner_with = any(
            w == "with" and window[j - 1 : j] not in (["border"], ["borders"], ["frontier"])
            for j, w in enumerate(window)
        )
        if "joint" in window or partner_with or "together" in window:
            return False
        before = sent.subject_before(match.first)
        return len(_distinct(before)) == 1 and trig.lemma in ("hold", "conduct", "stage", *_STARTS)

    def _remember(self, d: _Draft, memory: _Memory) -> None:
        new_actor = memory.last_pair is None or memory.last_pair[0].code != d.actor.code
        if new_actor and d.actor.code not in {p.code for p in memory.last_actors}:
            memory.last_actors = [*memory.last_actors[-3:], d.actor]
        same_act = memory.last_pair is not None and memory.last_pair[0].code == d.actor.code
        if same_act and d.recipient.code not in {p.code for p in memory.last_recipients}:
            memory.last_recipients = [*memory.last_recipients, d.recipient]
        elif not same_act:
            memory.last_recipients = [d.recipient]
        memory.last_actor = d.actor
        memory.last_pair = (d.actor, d.recipient)
        memory.last_type = d.event_type
        if d.event_type != "AGREE":
            memory.last_date = (d.date, d.precision)
            if d.location is not None:
                memory.last_location = d.location

    def _when(
        self,
        date_mentions: list[dates_mod.DateMention],
        match: TriggerMatch,
        carry: bool,
        memory: _Memory,
        published: dt.date | None,
        *,
        plan: bool = False,
        sent: _SentenceView | None = None,
    ) -> tuple[str, str, bool] | None:
        if sent is not None and date_mentions:
            date_mentions = sent.dates_for(match, date_mentions, plan=plan)
        if plan:
            # A plan is dated on its announcement: "in July" names the planned act.
            date_mentions = [d for d in date_mentions if d.precision == "day"]
        dm = dates_mod.best_date(date_mentions, match.start)
        if dm is not None:
            return dm.value, dm.precision, True
        if (carry or not date_mentions) and memory.last_date is not None:
            return memory.last_date[0], memory.last_date[1], False
        if published is not None:
            return published.isoformat(), "day", False
        return None

    def _reported(
        self,
        sent: _SentenceView,
        match: TriggerMatch,
        subject: list[_Party],
        objects: list[_Party],
        memory: _Memory,
        published: dt.date | None,
        date_mentions: list[dates_mod.DateMention],
        drafts: list[_Draft],
    ) -> bool:
        """Code "<A> said that <B> supplied <C> ..." as A's allegation against B and C."""
        comma, spy = sent.spy_claim_after(match.last)
        speaker = sent.speaker(match.start) or sent.claimer_after(match.last) or spy
        if not speaker:
            return False
        involved = {p.code for p in subject} | {p.code for p in objects}
        claimants = [p for p in _distinct(speaker) if p.code not in involved]
        if not claimants:
            return False
        when = self._when(date_mentions, match, False, memory, published, plan=True, sent=sent)
        if when is None:
            return True
        targets = _distinct(subject + objects)
        contexts = self._contexts(sent, match, subject, objects, match.trigger.event_type)
        claimed = self.lex.contexts_in(sent.lows, 0, comma) if speaker is spy else []
        if claimed:
            contexts = self._implied(claimed)  # what is claimed, not who claims it
        for claimant in claimants:
            for target in targets:
                d = _Draft(
                    "ACCUSE", "allege", claimant, target, list(contexts), when[0], when[1],
                    None, False, 0.6, 0,
                )  # fmt: skip
                drafts.append(d)
        return True

    def _covert(
        self,
        sent: _SentenceView,
        match: TriggerMatch,
        subject: list[_Party],
        objects: list[_Party],
        etype: str,
    ) -> list[_Party] | None:
        """Military meetings and cooperation of others are what a third state alleges, not
        reports: "Ukraine's National Resistance Center said that Iranian engineers had visited
        a plant in Belarus to discuss producing drones" (ACCUSE allege, docs/ontology.md 2);
        talks it reports on ("said Iranian and Belarusian diplomats held talks") are coded.
        The parties the claim is against: the objects, or the host of a visit ("in Belarus");
        None when the act is no such allegation."""
        said = max((j for j in range(match.first) if sent.lows[j] in _SAY_WORDS), default=-1)
        if said < 0 and etype in _JOINT_TYPES:
            # "Iran is interested in Belarusian help ..., Ukraine's foreign intelligence
            # service said": a closing attribution to a service is its claim too, against the
            # states of the clause before it (not an adversary: "its war with Israel")
            comma, claimant = sent.spy_claim_after(match.last)
            if comma >= 0:
                own = {p.code for p in subject + claimant}
                return sent.claimed(sent.starts[comma], own)
        # what an intelligence service says two other states plan or do is its claim ("The
        # service said Iran planned to use Belarus as another route to sanctioned goods")
        spies = said >= 0 and any(p.sector == "SPY" for p in sent.subject_before(said))
        if etype not in _COVERT_TYPES and not (spies and etype in _JOINT_TYPES):
            return None
        if said < 0 or any(w in _BACKGROUND for w in sent.lows[said : match.first]):
            return None  # "..., where they had been holding joint drills": a fact told
        if not spies and not _SECURITY & set(self._contexts(sent, match, subject, objects, etype)):
            return None
        if objects:
            return objects
        place = self._place(sent, match)
        if place is None or not place.country or place.country in {p.code for p in subject}:
            return []
        return [_Party(place.country, None, place.place or place.country, -1, -1)]

    def _allegation(
        self,
        sent: _SentenceView,
        match: TriggerMatch,
        memory: _Memory,
        published: dt.date | None,
        date_mentions: list[dates_mod.DateMention],
    ) -> list[_Draft]:
        """ "Reports allege Iran supplied ...": nothing to code unless a claimant is named."""
        return []

    def _remember_subject(self, mentions: list[Mention], memory: _Memory) -> None:
        if mentions:
            # "The opposition leader met ... She urged them": "she" is no state
            memory.last_actor = None if mentions[0].sector == "OPP" else _party(mentions[0])

    # ------------------------------------------------------------------ parties

    def _subject(
        self,
        sent: _SentenceView,
        match: TriggerMatch,
        prev_match: TriggerMatch | None,
        prev_subject: list[_Party],
        memory: _Memory,
        prev_reported: bool = False,
    ) -> tuple[list[_Party], str]:
        lows = sent.lows
        i = match.first
        # Passive voice, or a noun with its agent: "a visit to India by a Pakistani minister".
        by_follows = lows[match.last : match.last + 1] == ["by"] or (
            lows[match.last : match.last + 1] == ["to"]
            and "by" in lows[match.last : match.last + 5]
        )
        if match.passive or (match.trigger.noun and by_follows):
            agents = sent.after_word(match.last, "by", limit=4 if match.passive else 5)
            if agents:
                return agents, "agent"
        # A pair anaphor right before the trigger: "the two sides signed".
        ana = _anaphor_before(lows, i, self.lex.cues.pair_anaphors)
        if ana == ("they",) and memory.last_type not in _JOINT_TYPES:
            # "they" after a one-sided act stands for its actor, not for the pair
            if memory.last_actor is not None:
                return [memory.last_actor], "anaphor"
            ana = None
        if ana is not None:
            group = sent.subject_before(i)
            if len(_distinct(group)) >= 2:
                return group, "mention"
            if memory.last_pair is not None:
                a, b = memory.last_pair
                return [a, b], "pair-anaphor"
            story = [c for c in memory.codes if c not in _igo_codes()]
            if len(story) >= 2:
                # no act coded yet: "the two sides" are the first two states of the story
                return [_Party(c, None, c, -1, -1) for c in story[:2]], "pair-anaphor"
        if (
            match.passive
            and match.trigger.lemma in _SIGN_LEMMAS
            and not sent.parties
            and memory.last_pair is not None
            and "when" not in lows[max(0, i - 6) : i]
        ):
            # "Several memoranda were signed": by the pair of the story's last act
            a, b = memory.last_pair
            return [a, b], "pair-anaphor"
        # Shared subject: "... and signed", "... to express", ", calling ...", "after receiving".
        j = i - 1
        while j >= 0 and lows[j] in _AUX:
            j -= 1
        if j >= 0 and lows[j] == "to" and j > 0:
            # "prompting Somalia to recall": the party before "to" acts.
            ends = [m for m in sent.parties if sent.token_at(m.end - 1) == j - 1]
            if ends and sent.usable(ends[-1]):
                return [_party(ends[-1])], "mention"
        if prev_subject and prev_match is not None and j >= 0:
            w = lows[j]
            between = lows[prev_match.last : match.first]
            new_clause = any(t in _SUBORDINATORS or t == "saying" for t in between) or any(
                sent.token_at(m.end - 1) == j for m in sent.parties
            )
            ing = lows[i].endswith("ing") and not match.trigger.noun
            if w == "and" and prev_match.trigger.role == "told" and "that" in between:
                # "Lukashenko told Pezeshkian that Minsk was indebted to Tehran ... and asked
                # him to come": the teller goes on, not a party of what was told
                return prev_subject, "shared"
            if w == "and" and prev_reported:
                # "Aliyev said the plane had been shot down ... and demanded": the speaker
                speaker = sent.speaker(prev_match.start)
                if speaker:
                    return speaker, "mention"
            if not new_clause and (w in ("and", "to") or ing):
                return prev_subject, "shared"
            if w == "and" and j >= 1 and lows[j - 1] == "," and not match.trigger.noun and not ing:
                # "called on Iran to cease ... drones that have been used ..., and voiced
                # concern": a second predicate of the same subject
                return prev_subject, "shared"
            if w in (",", "after", "before", "while", "by") and ing:
                if sent.clause_start(prev_match.first) > 0:
                    # "X denied that Y was training Z, calling the claims fabricated": X
                    main = self._main_subject(sent, match)
                    if main:
                        return main, "main"
                return prev_subject, "shared"
        participle = lows[i].endswith("ing") and not match.trigger.noun and i > 0
        said = i - 2
        while said >= 0 and (lows[said] in _DAY_WORDS or lows[said] == "on"):
            said -= 1  # "Lavrov said on Monday, urging ..."
        if participle and said >= 1 and lows[i - 1] == "," and lows[said] in _SAY_WORDS:
            # "..., Lukashenko said, asking Ahmadian to tell Pezeshkian ...": the one who spoke
            sayer = sent.subject_before(said)
            if sayer and sent.token_at(sayer[-1].end - 1) >= said - 2:
                return sayer, "mention"
        if (
            participle
            and not prev_subject
            and (
                lows[i - 1] in (",", "after", "before", "while", "by")
                or (sent.tokens[i - 1].text[:1].isupper() and lows[i - 1] in _DAY_WORDS)
            )
        ):
            main = self._main_subject(sent, match)
            if main:
                return main, "main"
            if lows[i - 1] == ",":
                # ", demanding ...": the main clause's subject acts, and it is no state
                # ("Thousands of Armenians rallied ... against a decision to hand villages to
                # Azerbaijan, demanding ...")
                return [], "none"
        if participle and not prev_subject:
            # "Greece sent letters to the UN and NATO protesting against ...": the parties
            # right before the participle are an object of the main clause, not its subject
            group = sent.subject_before(i)
            if group and group[0].start >= 0:
                first = sent.token_at(group[0].start)
                k = first - 1
                while k >= 0 and lows[k] in ("the", "a", "an"):
                    k -= 1
                if k >= 0 and lows[k] in _OBJECT_PREPS:
                    main = self._main_subject(sent, match)
                    if main:
                        return main, "main"
        if match.trigger.noun:
            k = i - 1
            while k >= 0 and lows[k] in ("a", "an", "the", "their", "his", "her", "its"):
                k -= 1
            if k >= 0 and lows[k] in ("during", "after", "following", "in", "at", "before"):
                main = self._main_subject(sent, match)
                if main:
                    return main, "main"
        if (
            j >= 1
            and lows[j] in ("was", "is", "were", "are")
            and lows[j - 1] in ("he", "she", "it")
        ):
            j -= 1  # "said it was ready to talk"
        if j >= 0 and lows[j] in ("he", "she", "it"):
            ref = self._referent(sent, match, memory)
            if ref is not None:
                return [ref], "anaphor"
        group = sent.subject_before(i)
        said = sent.clause_start(i)
        if said and i > 0 and "saying" in lows[:i]:
            # inside "saying (that) ...": only a party of that clause can be its subject
            group = [p for p in group if p.start >= said]
        if group:
            # "after he and Vladimir Putin signed": the pronoun joins the named party.
            first = sent.token_at(group[0].start)
            if first >= 2 and lows[first - 1] == "and" and lows[first - 2] in ("he", "she"):
                ref = self._referent(sent, match, memory)
                if ref is not None and ref.code not in {p.code for p in group}:
                    group = [ref, *group]
            return group, "mention"
        ana1 = _anaphor_before(lows, i, self.lex.cues.single_anaphors)
        if ana1 is not None:
            ref = self._referent(sent, match, memory)
            if ref is not None:
                return [ref], "anaphor"
        if prev_subject and prev_match is not None:
            between = lows[prev_match.last : match.first]
            if not any(t in _NEW_SUBJECT for t in between):
                return prev_subject, "shared"
        # A meeting named before its parties: "At a meeting in Tehran, the Iranian and
        # Belarusian ministers ...", "Following talks ..., Pezeshkian and Lukashenko ...";
        # and a joint act in the passive: "... were signed after talks between A and B".
        if match.trigger.role == "joint" and (match.trigger.noun or match.passive):
            after = sent.objects_after(match.last, include_places=False)
            if len(_distinct(after)) >= 2:
                return after, "after"
            later = [m for m in sent.parties if m.start >= match.end and sent.usable(m)]
            if later:
                k = sent.token_at(later[0].start)
                grp = sent.objects_after(k, include_places=False)
                if len(_distinct(grp)) >= 2:
                    return grp, "after"
        # Reported speech with the speaker after the act: "..., X said."
        in_relative = any(a <= match.start < b for a, b in sent.relative)
        if match.trigger.event_type in _VERBAL and not in_relative:
            speaker = sent.speaker_after(match.last)
            if speaker:
                return speaker, "speaker"
        return [], "none"

    def _main_subject(self, sent: _SentenceView, match: TriggerMatch) -> list[_Party]:
        """The subject of the sentence's main clause: its first party and that party's list."""
        for m in sent.parties:
            if not sent.usable(m) or sent.in_relative(m, match.start):
                continue
            if match.start <= m.start < match.end:
                continue
            if m.start < match.start and sent._word_before(m) in _OBJECT_PREPS:
                return []  # "hand border villages to Azerbaijan": an object, no subject
            group = [_party(m)]
            for other in sent.parties:
                if other.start <= m.start:
                    continue
                between = sent.content[group[-1].end : other.start].strip().lower()
                if between in _CONJ and between != ", and":
                    group.append(_party(other))
                elif other.code == group[-1].code and len(between.split()) <= 3:
                    group[-1] = _party(other)
                else:
                    break
            return group
        return []

    def _referent(self, sent: _SentenceView, match: TriggerMatch, memory: _Memory) -> _Party | None:
        """What "he" or "the minister" stands for: a party named earlier in the sentence, or
        the last actor of the document."""
        earlier = [m for m in sent.parties if m.end <= match.start and sent.usable(m)]
        for m in reversed(earlier):
            # "the European Union said it would ...": the speaker just before the pronoun
            k = sent.token_at(m.end - 1) + 1
            if any(w in _SAY_WORDS for w in sent.lows[k : k + 4]):
                return _party(m)
        if earlier:
            return _party(earlier[0])
        return memory.last_actor

    def _objects(
        self, sent: _SentenceView, match: TriggerMatch, subject: list[_Party], memory: _Memory
    ) -> list[_Party]:
        role = match.trigger.role
        include_places = role in ("host_obj", "host_place")
        targets = role == "recv" or match.trigger.event_type in _TARGETED
        codes = {p.code for p in subject}
        if match.trigger.lemma in _INTRUDING and sent.lows[match.needs_end - 1] in _INTRUDED:
            # "entered its territory overnight during attacks on Ukraine": the target is the
            # owner of the territory, named between the verb and the noun (or the speaker)
            lo, hi = sent.starts[match.last], sent.starts[match.needs_end - 1]
            pool = sorted(sent.parties + sent.modifiers + sent.places, key=lambda m: m.start)
            return _distinct(
                [_party(m) for m in pool if lo <= m.start < hi and m.code not in codes]
            )
        anaphoric = _anaphoric_object(sent.lows, match)
        if anaphoric:
            # "Athens condemned the move", "Canberra welcomed the decision": the author of
            # the act reported just before is the target.
            found_prev = [p for p in memory.last_actors if p.code not in codes]
            if memory.last_pair is not None and memory.last_pair[0].code in codes:
                found_prev = [p for p in memory.last_recipients if p.code not in codes] or [
                    memory.last_pair[1]
                ]
            if not found_prev:
                # the act was reported earlier in this sentence without being coded
                first = sent.first_party(match.start)
                found_prev = [first] if first is not None and first.code not in codes else []
            if found_prev:
                return _distinct(found_prev[-3:])
        nxt = sent.lows[match.last] if match.last < len(sent.lows) else ""
        if nxt == "them" and len(memory.last_recipients) > 1:
            group = [p for p in memory.last_recipients if p.code not in codes]
            if group:
                return group  # "... Sweden's and Finland's bids, accusing them of ..."
        if nxt in ("him", "her", "them") and memory.last_pair is not None:
            a, b = memory.last_pair
            for cand in (b, a):
                if cand.code not in codes:
                    return [cand]
        reach = {"host_obj": 5, "host_place": 3, "host_subj": 5}.get(role, 0)
        start = match.last
        if match.trigger.event_type in ("REQUEST", "ACCUSE", "THREATEN", "CONCEDE"):
            window = sent.lows[match.last : match.last + 10]
            if "that" in window and not any(w in (",", ";") for w in window):
                that = match.last + window.index("that")
                if not sent.parties_between(match.last, that):
                    start = that + 1
        found = sent.objects_after(
            start,
            include_places=include_places,
            targets=targets,
            reach=reach,
            skip=frozenset(codes),
        )
        if not found and match.needs_end > match.last:
            found = sent.objects_after(match.needs_end, include_places=False, targets=targets)
        if not found and targets:
            # "sanctions on seven organisations over Iranian transfers of missiles to Russia,
            # among them Iran Air": the targets listed, not the state in the reason; with no
            # list the state after "over" is the best guess ("sanctions over Belarus's role")
            listed = sent.listed_after(match.last)
            found = listed or sent.objects_after(
                start, include_places=include_places, targets=True, reach=reach,
                skip=frozenset(codes), reasons=False,
            )  # fmt: skip
        if role in ("host_obj", "host_place"):
            found = [p for p in found if not p.igo]
        if match.trigger.event_type == "CONSULT" and match.trigger.lemma in _TOPICAL:
            found = [p for p in found if p.with_]
        if match.trigger.event_type == "PROTEST":
            # a walkout or boycott is aimed at a state named later ("in protest at the presence
            # of Russia's minister"), not at the gathering or its venue
            later = [
                _party(m)
                for m in sent.parties
                if m.start >= match.end and len(m.code) == 3 and m.code not in codes
            ]
            found = later[:1]
        if not found:
            found = sent.told(match.last)
        return [p for p in found if p.code not in codes]

    def _place(
        self, sent: _SentenceView, match: TriggerMatch, *, anywhere: bool = False
    ) -> Location | None:
        best: tuple[int, Mention] | None = None
        lo, hi = (0, len(sent.content)) if anywhere else sent.clause_bounds(match)
        for m in sent.places + sent.inner_places(self.actors):
            if not lo <= m.start < hi:
                continue
            dist = m.start - match.end if m.start >= match.end else (match.start - m.end) * 2
            if best is None or dist < best[0]:
                best = (dist, m)
        if best is None:
            return None
        m = best[1]
        place = m.text
        if place.lower().startswith("the "):
            place = place[4:]
        if m.kind == "adjective":
            after = sent.content[m.end : m.end + 9].lower()
            place = place + " capital" if after.startswith(" capital") else place
        return Location(place, m.code)

    def _pairs(
        self,
        sent: _SentenceView,
        match: TriggerMatch,
        etype: str,
        subject: list[_Party],
        objects: list[_Party],
        place: Location | None,
        memory: _Memory,
    ) -> list[tuple[_Party, _Party, float]]:
        role = match.trigger.role
        out: list[tuple[_Party, _Party, float]] = []
        subj = _distinct(subject)
        if role == "host_subj" and "between" in sent.lows[match.last : match.last + 4]:
            pair = _distinct(objects)
            return [(a, b, 1.0) for i, a in enumerate(pair) for b in pair[i + 1 :]]
        if role == "host_subj":
            persons = [o for o in objects if not o.kind_place]
            if subj and persons:
                return [(o, subj[0], 1.0) for o in persons if o.code != subj[0].code]
            return out
        if role == "recv":
            return [(o, s, 1.0) for s in subj for o in objects if o.code != s.code]
        window = sent.lows[match.last : match.last + 2]
        if window in (["each", "other"], ["one", "another"]) and len(subj) >= 2:
            return [(a, b, 1.0) for a in subj for b in subj if a.code != b.code]
        if role == "mutual":
            both = _distinct(subj + objects)
            return [(a, b, 1.0) for a in both for b in both if a.code != b.code]
        if role == "joint" and len(subj) >= 2 and not any(o.with_ for o in objects):
            for a_i, a in enumerate(subj):
                for b in subj[a_i + 1 :]:
                    out.append((a, b, 1.0))
            return out
        if not subj:
            return out
        targets = objects
        conf = 1.0
        multilateral = _has_any(sent.lows, self.lex.cues.multilateral_cues)
        if (
            not targets
            and place is not None
            and not multilateral
            and (
                etype in _PLACE_RECIPIENT
                or (etype == "SUPPORT" and match.trigger.lemma in _SIGN_LEMMAS)
            )
            and place.country
            and all(place.country != s.code for s in subj)
        ):
            targets = [_Party(place.country, None, place.place or place.country, -1, -1)]
            conf = 0.9
        if not targets and role in ("host_obj", "host_place"):
            return out  # "during the visit": a visit with no host named is not coded here
        if not targets and len(subj) >= 2 and (role in ("joint", "inviter") or _ratified(match)):
            # "both parliaments had ratified it": the two parties of the text
            return [(subj[0], b, 1.0) for b in subj[1:]]
        if not targets and etype in _REACTIONS and memory.last_pair is not None:
            # "A shot down B's balloon, and B protested": B reacts to A.
            a, b = memory.last_pair
            if b.code == subj[0].code and a.code != b.code:
                targets = [a]
                conf = 0.8
            elif etype in ("THREATEN", "ACCUSE") and subj[0].code not in (a.code, b.code):
                # "Finland joined NATO, and Russia warned ...": a reaction to the act's author
                targets = [a]
                conf = 0.7
        if not targets and etype in _PARTNER_TYPES:
            # "... crossing from Belarus, where they had been holding joint drills": the state
            # a ", where" clause hangs on is where, and with whom, the act took place.
            host = _where_antecedent(sent, match)
            if host is not None and all(host.code != x.code for x in subj):
                targets = [host]
                conf = 0.85
        if not targets and (
            etype in _PARTNER_TYPES or match.negated or self._pronoun_cue(sent, match)
        ):
            partner = self._partner(sent, match, subj[0], memory)
            if partner is not None:
                targets = [partner]
                conf = 0.8
        for a in subj:
            for b in targets:
                if a.code != b.code:
                    out.append((a, b, conf))
        return out

    def _pronoun_cue(self, sent: _SentenceView, match: TriggerMatch) -> bool:
        window = sent.lows[match.last : match.last + 4]
        if window[:1] and window[0] in ("him", "her", "them"):
            return True
        return any(w in self.lex.cues.counterpart_words for w in window)

    def _partner(
        self, sent: _SentenceView, match: TriggerMatch, actor: _Party, memory: _Memory
    ) -> _Party | None:
        """The other party of the story for "him", "his counterpart", "the guest"."""
        window = sent.lows[match.last : match.last + 6]
        cue = any(w in self.lex.cues.counterpart_words or w in _GUEST_PRONOUNS for w in window)
        if memory.last_pair is not None:
            a, b = memory.last_pair
            if a.code == actor.code and b.code != actor.code:
                return b
            if b.code == actor.code and a.code != actor.code:
                return a
        if cue:
            for code in memory.codes:
                if code != actor.code:
                    return _Party(code, None, code, -1, -1)
        return None

    _PLAIN_WORDS = frozenset({"consultations", "round", "commission", "session", "sessions"})

    def _plain(self, match: TriggerMatch) -> bool:
        """Rounds of consultations and commission sessions have no host (ONTOLOGY.md)."""
        lows = self._lows
        return any(w in self._PLAIN_WORDS for w in lows[match.first : match.needs_end + 1])

    def _consult_mode(
        self,
        match: TriggerMatch,
        actor: _Party,
        recipient: _Party,
        mode: str | None,
        location: Location | None,
        multilateral: bool,
        joint_subject: bool = False,
    ) -> tuple[_Party, _Party, str | None]:
        trig = match.trigger
        if trig.mode == "phone":
            return actor, recipient, "phone"
        if multilateral:
            return actor, recipient, "multilateral"
        if trig.role in ("host_obj", "host_place"):
            return actor, recipient, "visit"
        if location is not None and location.country not in (actor.code, recipient.code, None):
            return actor, recipient, "third-party"
        if trig.plain or actor.ambassador or recipient.ambassador or self._plain(match):
            return actor, recipient, None
        if joint_subject and trig.role != "host_subj":
            # "Iranian and Belarusian officials met in Minsk": who travelled is not said
            return actor, recipient, None
        if location is None or location.country is None:
            return actor, recipient, None if trig.role != "host_subj" else "visit"
        if location.country == recipient.code:
            return actor, recipient, "visit"
        if location.country == actor.code:
            return recipient, actor, "visit"
        return actor, recipient, "third-party"

    # ------------------------------------------------------------------ contexts

    def _contexts(
        self,
        sent: _SentenceView,
        match: TriggerMatch,
        subject: list[_Party],
        objects: list[_Party],
        etype: str,
    ) -> list[str]:
        lows = sent.lows
        start = match.first
        found: list[str] = []
        if (
            etype == "CONSULT"
            and _in_time_phrase(lows, match.first)
            and any(m.first < match.first for m in sent.matches)
        ):
            # A meeting named only in a time phrase after another act ("agreed to expand
            # cooperation in oil after talks in Minsk", "during a call with Trump") is about
            # its own words and its participants ("the defence chiefs of Iran"), not about the
            # main clause's act; with no other act coded, the main clause is what was discussed.
            for p in subject:
                if p.start >= 0:
                    first, last = sent.token_at(p.start), sent.token_at(p.end - 1)
                    for c in self.lex.contexts_in(lows, first - 3, last + 3):
                        if c not in found:
                            found.append(c)
        else:
            for p in subject:
                if p.start >= 0:
                    start = min(start, sent.token_at(p.start))
            if match.passive:
                # "Eight documents on trade and transport were signed by ...": the subject of
                # the act is the passive's subject, before the verb
                start = min(start, sent.token_at(sent.clause_start(match.first)))
        end = sent.clause_end(match.needs_end, limit=16)
        for p in objects:
            if p.end >= 0:
                end = max(end, sent.token_at(p.end - 1) + 1)
        for m in sent.matches:
            # "closed its airspace to Russian aircraft and agreed to finance weapons": the
            # next act's words are its own
            if match.needs_end < m.first < end and lows[m.first - 1] in ("and", ","):
                end = m.first - 1
                break
        spans = [(start, end)]
        if etype == "CONSULT":
            # A meeting is about what its topic phrase names ("talks on trade", "met ... to
            # discuss power plants") and who met ("the energy ministers"), not about other acts
            # of the sentence; with neither it is diplomatic (ONTOLOGY.md: CONSULT default).
            topic = _topic_start(lows, match, end)
            spans = [(start, match.last), (topic, end)]
            for j in range(match.last, min(end, match.last + 3)):
                if lows[j] in ("between", "with", "of"):
                    # "talks between the defence ministers", "a meeting of the economic
                    # committee": who met
                    spans.append((j, min(end, j + 7)))
                    break
            for p in objects:
                if p.start >= 0:
                    first, last = sent.token_at(p.start), sent.token_at(p.end - 1)
                    spans.append((first - 3, last + 3))
        for lo, hi in spans:
            for c in self.lex.contexts_in(lows, lo, hi):
                if c not in found:
                    found.append(c)
        if "military" not in found and "military" not in match.trigger.contexts:
            for lo, hi in spans:
                for c in self.lex.contexts_in(lows, lo, hi, civil=True):
                    if c not in found:
                        found.append(c)
        for c in match.trigger.contexts:
            if c not in found:
                found.insert(0, c)
        if not found:
            found = self.lex.contexts_in(lows, start, end, weak=True)
        if not found:
            defaults = self.lex.context_defaults
            mode_key = f"{etype}/{match.trigger.mode}"
            found = list(defaults.get(mode_key, defaults.get(etype, ())))
        if etype == "ASSAULT" and "military" in found and "economic" in found:
            found.remove("economic")  # factories and plants struck are targets, not a subject
        return self._implied(found)

    def _implied(self, found: list[str]) -> list[str]:
        """``found`` with the contexts its contexts bring (energy -> natural_resource)."""
        for c in list(found):
            for extra in self.lex.context_implies.get(c, ()):
                if extra not in found:
                    found.append(extra)
        return found


class _SentenceView:
    """One sentence's tokens and actor mentions, with the positional queries the rules need."""

    def __init__(
        self,
        content: str,
        tokens: list[Token],
        lows: list[str],
        starts: list[int],
        mentions: list[Mention],
    ) -> None:
        self.content = content
        self.tokens = tokens
        self.lows = lows
        self.starts = starts
        self.matches: list[TriggerMatch] = []
        self.places: list[Mention] = []
        self.parties: list[Mention] = []  # agents: states, officials, "Iranian officials"
        self.modifiers: list[Mention] = []  # "Iranian drones": a party only as a target
        self.blocked: set[int] = set()  # mentions that name a gathering or a frame
        self.all_mentions = mentions
        for m in mentions:
            if self._non_state(m):
                continue
            if self._is_place(m):
                self.places.append(m)
            elif m.kind == "adjective" and not self._agentive_adjective(m):
                self.modifiers.append(m)
            else:
                self.parties.append(m)
            if self._is_frame(m):
                self.blocked.add(m.start)
        self._inner: list[Mention] | None = None
        # Relative clauses (", who ... ,"): their mentions are no subject of the main verb.
        self.relative: list[tuple[int, int]] = []
        for k, w in enumerate(lows):
            if w in ("who", "which", "whose") and k > 0 and lows[k - 1] == ",":
                close = next(
                    (j for j in range(k + 1, len(lows)) if lows[j] in (",", ";")), len(lows)
                )
                end = starts[close] if close < len(lows) else len(content)
                self.relative.append((starts[k], end))

    def token_at(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.starts, offset) - 1)

    def _word_before(self, m: Mention, *, skip_the: bool = True) -> str:
        k = self.token_at(m.start) - 1
        if skip_the and k >= 0 and self.lows[k] in _DIRECTIONS:
            k -= 1  # "in western Belarus"
        if skip_the and k >= 0 and self.lows[k] == "the":
            k -= 1
        return self.lows[k] if k >= 0 else ""

    def _words_after(self, m: Mention, n: int) -> list[str]:
        k = self.token_at(m.end - 1) + 1
        return self.lows[k : k + n]

    def _agentive_adjective(self, m: Mention) -> bool:
        # "Iranian officials" is merged by the actor lexicon; here: "Iranian and Belarusian
        # diplomats", "the Iranian side", "Iranian staff officers" are agents, "Iranian
        # drones" are not.
        tail = _WORD.findall(self.content[m.end : m.end + 80].lower())
        for j, w in enumerate(tail[:5]):
            if w in _AGENTS:
                return True
            if w in _WEAPONS and tail[j + 1 : j + 2] and tail[j + 1] in _INCURSIONS:
                return True  # "several Russian drones entered its territory": Russia acts
            if w in _STOPWORDS:
                return False
        return False

    def weapons_of(self, parties: list[_Party]) -> bool:
        """Whether the parties are named only as the makers of weapons ("Russian drones")."""
        if not parties:
            return False
        for p in parties:
            tail = _WORD.findall(self.content[p.end : p.end + 30].lower())
            if not tail or tail[0] not in _WEAPONS:
                return False
        return True

    def _served(self, m: Mention) -> bool:
        """A state someone spied or worked for ("convicted of spying for Israel") is not the
        target of the act against that someone."""
        before = _WORD.findall(self.content[max(0, m.start - 40) : m.start].lower())
        while before and before[-1] in ("the", "a"):
            before.pop()
        if len(before) >= 2 and before[-1] == "for" and before[-2] in _SERVING:
            return True
        # "the unfriendly act of supplying drones to Russia": who receives is not who acts
        return (
            len(before) >= 2
            and before[-1] == "to"
            and any(w in _GIVING for w in before[-5:-1])
            and "of" in before[-7:-1]
        )

    def _non_state(self, m: Mention) -> bool:
        """Rebels, opposition figures, ethnic kin and "Iranian-made" goods are no state act."""
        if m.sector == "OPP":
            return True  # "the Belarusian opposition leader"
        if self._in_law_name(m):
            return True  # "under the Iran Sanctions Act": a law's name names no party
        after = self.content[m.end : m.end + 40].lower()
        if after.startswith(("-made", "-built", "-designed", "-produced", "-based")):
            return True
        if after.startswith(("-led", "-backed")) and m.kind in ("country", "capital", "igo"):
            return True  # "the Russia-led CSTO"
        words = _WORD.findall(after)[:3]
        if any(w in _NON_STATE for w in words):
            return True
        before = _WORD.findall(self.content[max(0, m.start - 30) : m.start].lower())[-2:]
        return any(w in _NON_STATE or w in ("exiled", "ethnic") for w in before)

    def _in_law_name(self, m: Mention) -> bool:
        """ "the Iran Sanctions Act", "its Iran, North Korea and Syria Nonproliferation Act",
        "the Countering America's Adversaries Through Sanctions Act": a state named inside the
        title of a law (capitalised words up to "Act" or "Law") is no target of the act."""
        k = self.token_at(m.end - 1) + 1
        for t in self.tokens[k : k + 10]:
            if t.text in _LAW_HEADS:
                return True
            if not (t.text[:1].isupper() or t.low in _TITLE_LINKS):
                return False
        return False

    def _is_frame(self, m: Mention) -> bool:
        after = self._words_after(m, 2)
        if after and after[0] in _GATHERINGS:
            return True
        k = self.token_at(m.start) - 1
        if k >= 0 and self.lows[k] == "the":
            k -= 1
        before = self.lows[max(0, k - 1) : k + 1]
        if before and before[-1] in ("within", "than", "like"):
            return True
        return len(before) == 2 and before[1] == "of" and before[0] in _FRAME_NOUNS

    def inner_places(self, actors: ActorLexicon) -> list[Mention]:
        """Places inside a title mention: "Iran's ambassador in Minsk" was met in Minsk."""
        if self._inner is None:
            self._inner = []
            for m in self.parties:
                cut = max(m.text.rfind(" in "), m.text.rfind(" at "))
                if cut < 0:
                    continue
                tail = m.text[cut + 4 :]
                base = m.start + cut + 4
                for inner in actors.find(tail):
                    if inner.kind in ("capital", "country"):
                        self._inner.append(
                            Mention(
                                base + inner.start,
                                base + inner.end,
                                inner.text,
                                inner.code,
                                inner.sector,
                                inner.kind,
                                None,
                                True,
                            )
                        )
        return self._inner

    def _is_place(self, m: Mention) -> bool:
        if m.kind not in _PLACE_KINDS:
            return False
        tail = self.content[m.end : m.end + 10].lower()
        if tail.startswith(("'s", "’s", "'", "’")):
            return False
        if m.kind == "adjective" and not tail.startswith((" capital", " city")):
            return False
        before = self._word_before(m)
        if before in _PLACE_PREPS:
            return True
        # "in Kananaskis, Canada": a country after a town named with "in".
        k = self.token_at(m.start) - 1
        if k >= 0 and self.lows[k] in _DIRECTIONS:
            k -= 1  # "in Tabriz, northwest Iran"
        if before == "," and k >= 2 and self.tokens[k - 1].text[:1].isupper():
            # "in Kananaskis, Canada", "came from Volgograd, Russia" (not "from Britain, Poland")
            preps = _PLACE_PREPS
            if not any(
                self.token_at(p.end - 1) == k - 1 and (p.kind != "capital" or p.code != m.code)
                for p in self.all_mentions
            ):
                preps = preps | {"from"}  # "from Baku, Azerbaijan" but not "from Britain, Poland"
            return any(self.lows[j] in preps for j in range(max(0, k - 4), k - 1))
        return False

    def usable(self, m: Mention) -> bool:
        if m.start in self.blocked:
            return False
        before = self._word_before(m)
        if before in ("over", "during", "since"):
            return False
        if (
            before in ("a", "an")
            and m.code in _igo_codes()
            and next(iter(self._words_after(m, 1)), "") in _STATUS_NOUNS
        ):
            return False  # "its new status as a BRICS partner", "a NATO member"
        if before == "as":
            k = self.token_at(m.start) - 1
            if k >= 0 and self.lows[k] == "the":
                k -= 1
            if k >= 1 and self.lows[k - 1] == "such":
                return False  # "frameworks such as the SCO": examples, not the subject
        if before == "of":
            k = self.token_at(m.start) - 1
            if k >= 0 and self.lows[k] == "the":
                k -= 1
            head = self.lows[k - 1] if k >= 1 else ""
            return head not in _OF_FRAMES
        return True

    def _people_from(self, m: Mention) -> bool:
        """ "Diplomats from Britain, Poland and Ukraine walked out": people from a state act
        for it (but "came from Volgograd", "imports from Russia" name no agent)."""
        k = self.token_at(m.start) - 1
        if k >= 0 and self.lows[k] == "the":
            k -= 1
        return k >= 1 and self.lows[k] == "from" and self.lows[k - 1] in _PEOPLE

    def _with_object(self, m: Mention) -> bool:
        """ "its friendship with Iran": a party after "with" is no subject of a later verb
        (but "Russia, together with Iran," lists it with the subject)."""
        k = self.token_at(m.start) - 1
        if k >= 0 and self.lows[k] == "the":
            k -= 1
        return (
            k >= 1
            and self.lows[k] == "with"
            and self.lows[k - 1] not in ("together", "along", "jointly", "talks", "met")
        )

    def in_relative(self, m: Mention, trig_start: int) -> bool:
        return any(a <= m.start < b and not a <= trig_start < b for a, b in self.relative)

    def hosted_in(self, match: TriggerMatch) -> Mention | None:
        """The state named with "in" after a deployment ("stationed ... in Belarus")."""
        hi = self.starts[min(len(self.starts) - 1, match.needs_end + 6)]
        for m in self.places:
            if match.end <= m.start <= hi and m.kind == "country" and self._word_before(m) == "in":
                return m
        return None

    def after_to(self, party: _Party) -> bool:
        """Whether a party is introduced by "to" ("delivered to Belarus")."""
        if party.start < 0:
            return False
        k = self.token_at(party.start)
        while k > 0 and self.lows[k - 1] in ("the", "its", "their"):
            k -= 1
        return k > 0 and self.lows[k - 1] == "to"

    def parties_between(self, first_tok: int, last_tok: int) -> list[Mention]:
        lo = self.starts[first_tok] if first_tok < len(self.starts) else len(self.content)
        hi = self.starts[last_tok] if last_tok < len(self.starts) else len(self.content)
        return [m for m in self.parties if lo <= m.start < hi]

    def subject_before(self, i: int) -> list[_Party]:
        """The nearest party before token ``i`` in its clause, with its conjuncts."""
        limit = self.starts[i]
        cands = [
            m
            for m in self.parties
            if m.end <= limit
            and self.usable(m)
            and not self.in_relative(m, limit)
            and (self._word_before(m) not in _NOT_SUBJECT_AFTER or self._people_from(m))
            and not self._with_object(m)
        ]
        if not cands:
            return []
        floor = 0
        for k in range(i - 1, -1, -1):
            w = self.lows[k]
            if w == ";" or (w in _CLAUSE_BREAKS and k > 0 and self.lows[k - 1] == ","):
                floor = self.starts[k]
                break
            if w == "that" and k > 0 and self.lows[k - 1] == "and":
                # "said the FTA ... marked a turning point, and that working groups had helped":
                # the second that-clause has its own subject
                floor = self.starts[k]
                break
        cands = [m for m in cands if m.start >= floor]
        if not cands:
            return []
        group = [cands[-1]]
        listed = False  # a bare comma joins a list only before its "and" ("A, B and C")
        for m in reversed(cands[:-1]):
            between = self.content[m.end : group[0].start].strip().lower()
            if between == "," and not listed:
                break  # "... drones for Russia, Ukraine's resistance centre alleged"
            if (between in _CONJ and between != ", and") or _possessive_conj(between):
                listed = listed or between != ","
                group.insert(0, m)
            elif m.code == group[0].code and len(between.split()) <= 3 and "," not in between:
                group[0] = m  # "his Belarusian counterpart Sergei Aleinik": one party
            else:
                break
        return [_party(m) for m in group]

    def clause_bounds(self, match: TriggerMatch) -> tuple[int, int]:
        """Character span of the clause around a trigger (for places and contexts)."""
        lo = 0
        for k in range(match.first - 1, -1, -1):
            w = self.lows[k]
            if w == ";" or (w in _OBJECT_BREAKS and k > 0 and self.lows[k - 1] == ","):
                lo = self.starts[k]
                break
        hi = len(self.content)
        for j in range(match.last, len(self.lows)):
            w = self.lows[j]
            if (
                w == ";"
                or (w in _OBJECT_BREAKS and j > match.last)
                or (
                    w == ","
                    and j + 1 < len(self.lows)
                    and self.lows[j + 1] in _OBJECT_BREAKS | {"and"}
                )
            ):
                hi = self.starts[j]
                break
        return lo, hi

    def objects_after(
        self,
        k: int,
        *,
        include_places: bool,
        targets: bool = False,
        reach: int = 0,
        skip: frozenset[str] = frozenset(),
        reasons: bool = True,
    ) -> list[_Party]:
        lo = self.starts[k] if k < len(self.starts) else len(self.content)
        hi = len(self.content)
        last = len(self.lows) if not reach else min(len(self.lows), k + reach)
        if last < len(self.lows):
            hi = self.starts[last]
        for j in range(k, last):
            w = self.lows[j]
            if w == "," and j + 1 < len(self.lows) and self.lows[j + 1] in _PREP_BREAKS:
                hi = self.starts[j]
                break
            if (
                w == ";"
                or (w in _OBJECT_BREAKS and j > k)
                or (w in _REASONS and targets and reasons and j > k)
                or (
                    w in _CLAUSE_BREAKS | {"and", "saying", "said"}
                    and j > 0
                    and self.lows[j - 1] == ","
                )
            ):
                hi = self.starts[j]
                break
            if w in ("said", "says", "told") and j > k + 1:
                # the speaker before "said" is no object: cut at the comma before it
                comma = max((c for c in range(k, j) if self.lows[c] == ","), default=j)
                hi = self.starts[comma]
                break
        pool = list(self.parties)
        if include_places:
            pool += self.places
        if targets:
            pool += self.modifiers
        pool.sort(key=lambda m: m.start)
        cands = [
            m
            for m in pool
            if lo <= m.start < hi
            and self.usable(m)
            and self._word_before(m) != "at"
            and m.code not in skip
            and not self._served(m)
        ]
        if not cands:
            return []
        group = [cands[0]]
        for m in cands[1:]:
            between = self.content[group[-1].end : m.start].strip().lower()
            if between in _CONJ or between in ("and on", "and to", "and against", "and with"):
                group.append(m)
            else:
                break
        parties = [_party(m) for m in group]
        k0 = self.token_at(group[0].start)
        lead = self.lows[max(0, k0 - 3) : k0]
        if "with" in lead or "between" in lead:
            for p in parties:
                p.with_ = True
        # "the agreement between the EAEU and Iran": the state, not the bloc, is the party.
        states = [p for p in parties if not p.igo]
        if states and len(states) < len(parties):
            parties = states
        return parties

    def listed_after(self, k: int) -> list[_Party]:
        """The parties of a closing list of examples (", among them Iran Air, Mahan Air",
        ", including Belavia") after token ``k``."""
        for j in range(k, len(self.lows) - 2):
            if self.lows[j] == "," and self.lows[j + 1] in ("among", "including"):
                first = j + 3 if self.lows[j + 1 : j + 3] == ["among", "them"] else j + 2
                return self.objects_after(first, include_places=False)
        return []

    def after_word(self, k: int, word: str, *, limit: int) -> list[_Party]:
        for j in range(k, min(len(self.lows), k + limit)):
            if self.lows[j] == word:
                return self.objects_after(j + 1, include_places=False)
        return []

    def speaker(self, trig_start: int) -> list[_Party]:
        """The party that says or claims what the clause at ``trig_start`` reports."""
        k = self.token_at(trig_start)
        for j in range(k - 1, -1, -1):
            if self.lows[j] in _SAY_WORDS:
                return self.subject_before(j)
        return []

    def told(self, k: int) -> list[_Party]:
        """ "..., X told Y": the one told is the act's addressee."""
        for j in range(k, len(self.lows)):
            if self.lows[j] == "told" and j > k:
                return self.objects_after(j + 1, include_places=False, reach=8)
        return []

    def dates_for(
        self, match: TriggerMatch, found: list[dates_mod.DateMention], *, plan: bool
    ) -> list[dates_mod.DateMention]:
        """The date expressions that can date this act.

        Dates in the act's own clause first; else the sentence's other dates, but not the month
        or year of an act in a coordinated clause (", and Paris condemned ...").
        A deadline ("by March 15") dates nothing. The date of a statement ("said on Tuesday")
        dates a plan, and an act only when nothing else does.
        """
        usable = []
        for d in found:
            k = self.token_at(d.start)
            if k > 0 and self.lows[k - 1] in ("by", "until", "till"):
                continue
            if self._since_clause(match, k):
                continue
            usable.append(d)
        spoken = [d for d in usable if self._spoken(d)]
        if plan and spoken:
            return spoken
        lo, hi = self.clause_bounds(match)
        inside = [d for d in usable if lo <= d.start < hi]
        if inside:
            acts = [d for d in inside if d not in spoken]
            return acts or inside
        kept = []
        for d in usable:
            a, b = sorted((self.token_at(d.start), match.first))
            between = self.lows[a:b]
            # "arrested in May, and Paris condemned ...": another act's month or year does not
            # date this one; a day, or the day of a statement, is shared across the sentence.
            coordinated = ";" in between or any(
                between[j] == "," and between[j + 1] in ("and", "but")
                for j in range(len(between) - 1)
            )
            if coordinated and d.precision != "day" and d not in spoken:
                continue
            kept.append(d)
        acts = [d for d in kept if d not in spoken]
        return acts or kept

    def _since_clause(self, match: TriggerMatch, k: int) -> bool:
        """ "has sent no weapons since it took office in August": a date inside a "since"
        clause after the act dates that clause's own act, not this one ("stopped all its oil
        work since late June" is still dated June)."""
        for j in range(k - 3, max(match.last, k - 8) - 1, -1):
            if self.lows[j] in (",", ";", ".", ":"):
                return False
            if self.lows[j] == "since":
                return True
        return False

    def _spoken(self, d: dates_mod.DateMention) -> bool:
        k = self.token_at(d.start)
        window = self.lows[max(0, k - 3) : k]
        return any(w in _SAY_WORDS for w in window)

    def first_party(self, before: int) -> _Party | None:
        for m in self.parties:
            if m.end <= before and self.usable(m):
                return _party(m)
        return None

    def clause_start(self, i: int) -> int:
        """Offset where the reported clause of token ``i`` begins (after "said", "that")."""
        for j in range(i - 1, -1, -1):
            if self.lows[j] in _SAY_WORDS or self.lows[j] in ("that", "saying"):
                return self.starts[j + 1] if j + 1 < len(self.starts) else len(self.content)
        return 0

    def claimer_after(self, k: int) -> list[_Party]:
        """ "..., Ukrainian intelligence claimed.": the party of a closing attribution."""
        for j in range(k, len(self.lows)):
            if (
                self.lows[j] in _CLAIM_WORDS
                and j > 0
                and self.lows[j - 1] != ","
                and len(self.lows) - j <= 5
            ):
                comma = max((c for c in range(k, j) if self.lows[c] == ","), default=-1)
                if comma < 0:
                    return []
                lo, hi = self.starts[comma], self.starts[j]
                return [_party(m) for m in self.parties if lo <= m.start < hi][-1:]
        return []

    def spy_claim_after(self, k: int) -> tuple[int, list[_Party]]:
        """ "..., Ukraine's foreign intelligence service said(, adding ...)": the comma that
        ends the claim and the service's party; (-1, []) when no intelligence or security
        service closes the clause after token ``k``."""
        for j in range(k, len(self.lows)):
            if self.lows[j] not in _CLAIM_WORDS:
                continue
            comma = max((c for c in range(k, j) if self.lows[c] == ","), default=-1)
            nxt = self.lows[j + 1] if j + 1 < len(self.lows) else "."
            if comma < 0 or j - comma > 8 or nxt not in _AFTER_CLAIM:
                return -1, []
            lo, hi = self.starts[comma], self.starts[j]
            who = [m for m in self.parties + self.modifiers if lo <= m.start < hi]
            spy = any(m.sector == "SPY" for m in who) or any(
                w in _SPYING for w in self.lows[comma + 1 : j]
            )
            return (comma, [_party(who[-1])]) if who and spy else (-1, [])
        return -1, []

    def claimed(self, hi: int, own: set[str]) -> list[_Party]:
        """The states a claim that ends at offset ``hi`` is about: agents, "Iranian" modifiers
        and places named in it, not those in ``own`` (the claimant), not one named only as a
        beneficiary ("drones for Russia") or as an adversary ("its war with Israel")."""
        out: list[_Party] = []
        for m in sorted(self.parties + self.modifiers + self.places, key=lambda m: m.start):
            if m.start >= hi or m.code in own or len(m.code) != 3:
                continue
            before = self._word_before(m)
            if before in ("for", "against", "to"):
                continue
            k = self.token_at(m.start)
            if before == "with" and k > 1 and self.lows[k - 2] in _HOSTILITIES:
                continue
            if m.code not in {p.code for p in out}:
                out.append(_party(m))
        return out

    def speaker_after(self, k: int) -> list[_Party]:
        """ "..., the Iranian foreign ministry said.": the party right before a closing "said"."""
        for j in range(k, len(self.lows)):
            if self.lows[j] in ("said", "says", "announced", "reported") and j > 0:
                if self.lows[j - 1] == ",":
                    continue
                comma = max((c for c in range(k, j) if self.lows[c] == ","), default=-1)
                if comma < 0:
                    return []
                lo, hi = self.starts[comma], self.starts[j]
                cands = [m for m in self.parties if lo <= m.start and m.end <= hi]
                if cands:
                    return [_party(cands[-1])]
                return []
        return []

    def clause_end(self, k: int, *, limit: int) -> int:
        """Where the act's own words end: at a clause break or where its motive begins
        ("over the migrant crisis", "after the election", "in retaliation for")."""
        end = min(len(self.lows), k + limit)
        for j in range(k, end):
            w = self.lows[j]
            if w == ";" or (w in _CLAUSE_BREAKS and j > 0 and self.lows[j - 1] == ","):
                return j
            if (w in _MOTIVE or w in _COMPARING) and j > k:
                return j  # "... over the migrant crisis", "..., comparing it to ..."
            if w in ("response", "retaliation", "protest") and self.lows[j - 1] == "in":
                return j - 1
        return end


_ASSAULT_MODES = (
    ({"drone", "drones", "uav", "uavs", "shahed", "shaheds"}, "drone"),
    ({"warplanes", "jets", "airstrike", "airstrikes", "bombers", "aircraft", "air", "bombs"},
     "aerial"),
    ({"missile", "missiles", "rocket", "rockets", "artillery", "shells", "shelling", "mortar",
      "mortars", "barrage"}, "heavy-weapons"),
)  # fmt: skip


def _host_location(host: _Party) -> Location | None:
    """The place of a visit whose host was named by its capital or country ("flew to Tehran")."""
    if host.start < 0 or not host.text or host.text[:1].islower():
        return None
    if len(host.code) != 3:
        return None
    return Location(host.text.removeprefix("the "), host.code) if host.kind_place else None


def _assault_mode(lows: list[str], match: TriggerMatch) -> str | None:
    window = set(lows[max(0, match.first - 3) : match.last + 12])
    for words, mode in _ASSAULT_MODES:
        if window & words:
            return mode
    if match.trigger.lemma == "strike":
        return "aerial"  # "struck sites in Iran": strikes are from the air unless said otherwise
    return None


def _words_mode(
    lows: list[str],
    match: TriggerMatch,
    table: tuple[tuple[frozenset[str], str], ...],
    *,
    first: bool = False,
) -> str | None:
    """A mode from the words that follow the act (REQUEST and THREATEN name their object): by
    the table's order, or with ``first`` by the word named first (a request is for what it
    asks first: "called on Iran to cease its military support" asks Iran to yield, not for
    support)."""
    window = lows[match.last : match.last + 16]
    if first:
        for w in window:
            for words, mode in table:
                if w in words:
                    return mode
        return None
    seen = set(window)
    for words, mode in table:
        if seen & words:
            return mode
    return None


# What a call for more partnership asks for ("called for more Belarusian investment in Iran",
# "urged closer cooperation", "urged Minsk to expand trade"): assistance, not a change.
_PARTNERSHIP = _words(
    """cooperation co-operation collaboration investment investments trade partnership ties
    relations integration engagement involvement contacts exchanges participation links"""
)
_MORE = _words(
    """more closer close wider deeper greater stronger broader further increased expanded
    enhanced intensified stepped-up larger bigger higher"""
)
_GROW = _words(
    """expand expanding deepen deepening strengthen strengthening boost boosting broaden
    broadening increase increasing intensify intensifying develop developing widen widening
    enhance enhancing"""
)
_CALL_ENDS = frozenset({",", ";", ".", ":", "as", "when", "while", "but", "after", "said", "that"})


def _more_cooperation(lows: list[str], match: TriggerMatch) -> bool:
    """Whether a request asks for more cooperation, investment or trade (REQUEST assist, the
    manual's "ask for assistance"), not for a change of policy: "called for more Belarusian
    investment in Iran", "called on Saturday for closer cooperation with Belarus", "urged
    Minsk to expand trade"; not "called for faster implementation of agreements on trade"."""
    for k in range(match.last, min(len(lows), match.last + 12)):
        w = lows[k]
        if w in _CALL_ENDS:
            return False
        if w in _PARTNERSHIP:
            before = lows[max(match.last, k - 3) : k]
            return any(b in _MORE or b in _GROW for b in before)
    return False


_COMING = _words("come visit travel")
# Ranks between a title and a name: "Iranian Army commander Major General Abdolrahim Mousavi".
_RANKS = _words(
    """general major lieutenant brigadier colonel admiral rear vice marshal commander chief
    captain"""
)


def _name_run(tokens: list[Token], k: int) -> int:
    """End of a run of capitalised words starting at ``k`` (ranks not counted)."""
    j = k
    while (
        j < len(tokens)
        and tokens[j].text[:1].isupper()
        and tokens[j].text.isalpha()
        and tokens[j].low not in _RANKS
    ):
        j += 1
    return j


def _named_people(tokens: list[Token], mentions: list[Mention]) -> dict[str, Mention]:
    """People named in full next to a state body ("Iranian Army commander Major General
    Abdolrahim Mousavi", "Major General Andrey Lukyanovich, commander of the Belarusian Air
    Force"): a later bare surname refers to them (see `_with_surnames`)."""
    people: dict[str, Mention] = {}
    starts = [t.start for t in tokens]
    for m in mentions:
        if m.kind not in ("title", "official", "adjective"):
            continue
        m = dataclasses.replace(m, kind="title")  # the person acts for the state
        first = bisect.bisect_left(starts, m.end)
        found = False
        for k in range(first + 1, min(len(tokens), first + 7)):
            if not tokens[k - 1].text.isalpha():
                break  # "Turkish Land Forces commander General Selcuk Bayraktaroglu"
            title = tokens[k - 1].low in _RANKS or tokens[k - 1].text.islower()
            end = _name_run(tokens, k)
            if title and end - k >= 2 and (end == len(tokens) or tokens[end].text.islower()):
                people[tokens[end - 1].text] = m
                found = True
                break
        if found:
            continue
        # appositive: "<Name Name>, commander of the <state body>"
        k = bisect.bisect_left(starts, m.start) - 1
        if k >= 0 and tokens[k].low == "the":
            k -= 1
        if k < 2 or tokens[k].low != "of":
            continue
        k -= 1
        while k > 0 and tokens[k].text.islower() and tokens[k].text.isalpha():
            k -= 1
        if tokens[k].text != ",":
            continue
        end = k
        begin = end
        while begin > 0 and _name_run(tokens, begin - 1) == end:
            begin -= 1
        if end - begin >= 2:
            people[tokens[end - 1].text] = m
    return people


# Bodies a later "the <noun>" refers to: "Ukraine's foreign intelligence service said ... The
# service said".
_BODIES = _words("service agency ministry directorate department committee")
_SPYING = _words("intelligence security spy counterintelligence")


def _named_bodies(tokens: list[Token], mentions: list[Mention]) -> dict[str, Mention]:
    """State bodies named with their state ("Ukraine's foreign intelligence service")."""
    bodies: dict[str, Mention] = {}
    starts = [t.start for t in tokens]
    for m in mentions:
        if m.kind not in ("country", "title", "adjective"):
            continue
        k = bisect.bisect_left(starts, m.end)
        if k < len(tokens) and tokens[k].low == "'s":
            k += 1
        for j in range(k, min(len(tokens), k + 4)):
            if tokens[j].low in _BODIES and tokens[j].text.islower():
                spy = any(t.low in _SPYING for t in tokens[k:j])
                sector = "SPY" if spy else m.sector or "GOV"
                body = dataclasses.replace(m, kind="title", sector=sector)
                bodies[tokens[j].low] = body
                break
            if not (tokens[j].text.islower() and tokens[j].text.isalpha()):
                break
    return bodies


def _remembered(
    tokens: list[Token],
    mentions: list[Mention],
    people: dict[str, Mention],
    bodies: dict[str, Mention],
) -> list[Mention]:
    """A surname alone stands for the person the document named in full earlier ("Mousavi");
    "the service" for the body of that kind named earlier ("Ukraine's intelligence service")."""
    found: list[tuple[Mention, Token, Token]] = []
    for j, t in enumerate(tokens):
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        full = people.get(t.text)
        if full is not None and not (nxt is not None and nxt.text[:1].isupper()):
            found.append((full, t, t))  # (not "Mousavi Street")
        if nxt is None or t.low != "the":
            continue
        body = bodies.get(nxt.low)
        if body is not None and not (j + 2 < len(tokens) and tokens[j + 2].low in ("of", "'s")):
            found.append((body, t, nxt))  # (not "the ministry of ...": named by what follows)
    added = [
        dataclasses.replace(m, start=a.start, end=z.end, text=" ".join({a.text: 0, z.text: 0}))
        for m, a, z in found
        if not any(o.start < z.end and a.start < o.end for o in mentions)
    ]
    return sorted(mentions + added, key=lambda m: m.start) if added else mentions


_DRILLS = _words("exercise exercises drill drills manoeuvres maneuvers")
_STARTS = ("launch", "start", "begin")
# A party right after these is no subject of a later verb: "came from Volgograd", "a barrier
# against NATO", "Mousavi called Belarus a strong barrier ... and thanked Minsk".
_PEOPLE = _words(
    """diplomats ministers officials delegations delegates leaders envoys representatives
    lawmakers parliamentarians troops soldiers officers"""
)
_NOT_SUBJECT_AFTER = _words(
    "from against on called calling described describing branded labelled labeled termed"
)
_COMPARING = _words("comparing compared compares likening likened likens")
_COMPARISON_ENDS = frozenset({";", ".", ":", "and", "but", "while", "said", "says"})


def _compared(lows: list[str], match: TriggerMatch) -> bool:
    """An act named inside a comparison ("comparing the accusations over Iranian nuclear
    weapons to the test tube Washington showed at the UN before invading Iraq", "likening the
    blockade to the Berlin airlift") is the thing compared with, not an act reported; what is
    compared ("comparing the accusations ...") is."""
    compared_with = False
    for k in range(match.first - 1, max(-1, match.first - 25), -1):
        w = lows[k]
        if w in _COMPARING:
            return compared_with
        if w in ("to", "with"):
            compared_with = True
        if w in _COMPARISON_ENDS:
            return False
    return False


# What a state is of an organisation ("a BRICS partner", "an EU candidate"): no agent.
_STATUS_NOUNS = _words("partner member observer candidate ally state country nation")
_WH_WORDS = _words("what why whether how who whom which when where if")


def _question(lows: list[str], match: TriggerMatch) -> bool:
    """ "asked what right ...", "asked Iran's ambassador what Minsk could do", "asked why":
    a question put, not a request for anything (a "to" or "for" first makes it one: "asked
    Iran to explain why ...")."""
    for w in lows[match.last : match.last + 8]:
        if w in _WH_WORDS:
            return True
        if w in ("to", "for", "that", ",", ";", "."):
            return False
    return False


_CESSATIONS = _words("stop stopping cease ceasing halt halting end ending suspend")
_SUPPORT_WORDS = _words(
    """support supporting supplying supplies supply aid assistance help helping arming
    transfer transfers transferring deliveries delivering cooperation"""
)


def _stop_support(lows: list[str], match: TriggerMatch) -> bool:
    """ "urged China to stop supplying Russia", "called on Iran to cease its military support
    to Russia": asking a state to end its backing of another is a change of policy (REQUEST
    change), neither a request for support nor a call to yield."""
    window = lows[match.last : match.last + 16]
    return any(
        w in _CESSATIONS and any(x in _SUPPORT_WORDS for x in window[k + 1 : k + 4])
        for k, w in enumerate(window)
    )


_REQUEST_MODES = (
    (_words("help assistance aid weapons arms support supplies air defence defense systems "
            "backing ammunition peacekeepers mission monitors loan loans shelter rescue"),
     "assist"),
    (_words("talks meeting meetings consultations negotiations negotiating dialogue summit"),
     "meet"),
    (_words("restraint withdraw withdrawal leave release free avoid refrain de-escalate "
            "deescalate halt cease lift end pull admit apologise apologize compensation "
            "resign hand"), "yield"),
)  # fmt: skip
_THREAT_MODES = (
    (_words("expel expulsion diplomats"), "expel"),
    (_words("sanctions sanction close closure ban restrict restrictions border crossings "
            "airspace tariffs"), "restrict"),
    (_words("relations ties cooperation"), "relations"),
    (_words("strike strikes force military attack war nuclear response retaliation retaliate "
            "retaliatory countermeasures missiles destroy annihilate weapons"), "violence"),
)  # fmt: skip


_GIVING = frozenset(
    {"supplying", "selling", "delivering", "sending", "providing", "transferring", "shipping"}
)
_HALTS = frozenset({"stop", "stops", "stopped", "ceased", "ceases", "cease", "quit", "halted"})
_HEDGES = frozenset({"could", "might", "may"})
_OBJECT_PREPS = frozenset({"to", "from", "against", "with", "into", "toward", "towards"})
_SERVING = frozenset(
    {"spying", "spy", "spied", "spies", "working", "worked", "espionage", "collaborating",
     "collaborated", "collaboration"}
)  # fmt: skip
_COMMERCE = frozenset(
    {"barter", "contract", "contracts", "commercial", "export", "exports", "exported", "sold",
     "sale", "sales", "purchase", "purchased", "bought", "buyer", "buyers", "imported"}
)  # fmt: skip
_AID_CONTEXTS = frozenset({"military", "cbrn", "human_security", "disasters", "health"})


_MODALS = frozenset(
    {"will", "would", "could", "may", "might", "can", "shall", "must", "going", "ready",
     "if", "unless", "otherwise", "consequences", "response", "respond", "retaliate"}
)  # fmt: skip


def _plain_warning(lows: list[str], match: TriggerMatch) -> bool:
    """ "warned that X is/remains ...": a warning about a state of things, with no act the
    speaker holds out (no "would", "will", "could", no condition, no consequence)."""
    after = lows[match.last : match.last + 8]
    if "that" not in after:
        return False
    k = match.last + after.index("that") + 1
    clause = lows[k : k + 16]
    return not any(w in _MODALS or w.endswith("'ll") for w in clause)


_FUNDS = frozenset(
    {"package", "loan", "loans", "bailout", "arrangement", "facility", "grant", "grants",
     "tranche", "credit", "aid", "assistance"}
)  # fmt: skip
_MONEY = frozenset({"billion", "million", "dollar", "dollars", "euro", "euros", "$", "bn"})


def _funding(lows: list[str], match: TriggerMatch) -> bool:
    """ "approved / agreed a 50 billion euro aid package for Ukraine": money given, AID
    (docs/ontology.md 3: announced or approved packages are AID)."""
    after = lows[match.last : match.last + 10]
    return bool(_FUNDS.intersection(after)) and bool(_MONEY.intersection(after))


_TOPIC_MARKERS = frozenset(
    {"about", "discuss", "discussed", "discussing", "focusing", "focused", "covering", "reviewed",
     "review", "reviewing", "regarding", "concerning", "devoted", "dedicated"}
)  # fmt: skip


def _topic_start(lows: list[str], match: TriggerMatch, end: int) -> int:
    """Where a meeting's topic phrase begins after its trigger ("talks on trade", "met ... to
    discuss ..."), or ``end`` when none is stated."""
    if match.trigger.lemma in ("discuss", "review"):
        return match.last
    for j in range(match.last, end):
        w = lows[j]
        if w in _TOPIC_MARKERS:
            return j
        nxt = lows[j + 1] if j + 1 < len(lows) else ""
        if w == "on" and nxt not in _DAY_WORDS and nxt not in ("the", "a", "an", "its", "their"):
            return j
    return end


def _phrase_stop(lows: list[str], k: int) -> int:
    """Where the noun phrase starting at ``k`` ends, at the latest: ",", ";", "and", "but"."""
    for j in range(k, min(len(lows), k + 12)):
        if lows[j] in (",", ";", "and", "but"):
            return j
    return min(len(lows), k + 12)


def _rule_out(lows: list[str], match: TriggerMatch) -> bool:
    """ "refused (on Tuesday) to rule out ...": the refusal keeps a threat open."""
    after = lows[match.last : match.last + 7]
    return any(after[k : k + 3] == ["to", "rule", "out"] for k in range(len(after)))


def _to_help(lows: list[str], match: TriggerMatch) -> bool:
    """Forces sent "to help" or "to assist" a state, or at its request: aid, not a threat."""
    after = lows[match.last : match.last + 10]
    for k, w in enumerate(after):
        if w in (";", "but") or (w == "," and k > 0):
            return False
        if k > 0 and after[k - 1] == "to" and w in ("help", "assist", "aid", "support", "defend"):
            return True
        if w == "request" and k > 0 and after[k - 1] in ("its", "his", "the", "their"):
            return True
    return False


def _characterised(lows: list[str], match: TriggerMatch) -> bool:
    """An act named in "the first / only (state) to ...": a description of the actor."""
    i = match.first
    if i < 2 or lows[i - 1] != "to":
        return False
    return any(w in ("first", "only", "last") for w in lows[max(0, i - 5) : i - 1])


def _counted(lows: list[str], match: TriggerMatch) -> bool:
    """A perfect-tense act counted over a span: "have met more than 30 times", "has visited
    Minsk on five occasions" (history in figures: no event)."""
    if not any(w in ("has", "have", "had") for w in lows[max(0, match.first - 3) : match.first]):
        return False
    after = lows[match.last : match.last + 10]
    for k, w in enumerate(after):
        if w in (";", "and", "but") or (w == "," and k > 0):
            break
        if w == "twice" or (w in ("times", "occasions") and k > 0 and after[k - 1] != "the"):
            return True
    return False


def _anaphoric_object(lows: list[str], match: TriggerMatch) -> bool:
    """Whether a reaction's object points back at an act: "condemned the move", "welcomed
    the decision", "called the deployment a threat"."""
    k = match.last
    while k < len(lows) and lows[k] in ("the", "these", "this", "that", "such"):
        k += 1
    heads = {lows[k] if k < len(lows) else ""}
    if match.trigger.needs is not None and match.needs_end > match.last:
        heads.add(lows[match.needs_end - 1])
    return bool(heads & _ANAPHORIC) and match.trigger.event_type in _ANAPHORA_TYPES


def _commercial(sent: _SentenceView, match: TriggerMatch, contexts: list[str]) -> bool:
    """A delivery of civilian goods named as trade (ONTOLOGY decisions: commercial trade is no
    AID; arms, fuel, loans, grants, humanitarian and rescue aid are)."""
    if match.negated or _AID_CONTEXTS.intersection(contexts) or "energy" in contexts:
        return False
    if any(w in ("loan", "loans", "grant", "grants", "credit", "aid") for w in sent.lows):
        return False
    end = sent.clause_end(match.last, limit=20)
    return any(w in _COMMERCE for w in sent.lows[max(0, match.first - 6) : end])


def _in_time_phrase(lows: list[str], i: int) -> bool:
    """Whether token ``i`` heads a time phrase: "after (the) talks", "during a call"."""
    j = i - 1
    while j >= 0 and lows[j] in ("a", "an", "the", "their", "his", "her", "its"):
        j -= 1
    return j >= 0 and lows[j] in ("after", "following", "during", "before")


def _possessive_conj(between: str) -> bool:
    """ "Iran's Atomic Energy Organisation and Belarus's Academy": two parties' bodies."""
    return (
        between.startswith(("'s ", "’s "))
        and between.endswith(" and")
        and len(between.split()) <= 7
        and "," not in between
    )


def _distinct(parties: list[_Party]) -> list[_Party]:
    seen: set[str] = set()
    out = []
    for p in parties:
        if p.code not in seen:
            seen.add(p.code)
            out.append(p)
    return out


def _lemma(match: TriggerMatch) -> str:
    return min(match.trigger.phrase[0].split("|"), key=len)


def _has_any(lows: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    firsts = _first_words(phrases)
    for i, w in enumerate(lows):
        if w in firsts:
            for phrase in phrases:
                if phrase[0] == w and tuple(lows[i : i + len(phrase)]) == phrase:
                    return True
    return False


@functools.cache
def _first_words(phrases: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases)


def _anaphor_before(
    lows: list[str], i: int, phrases: tuple[tuple[str, ...], ...]
) -> tuple[str, ...] | None:
    # "the two defence ministers", "both foreign ministers": a pair named by its role
    if ("the", "two") in phrases or ("both", "sides") in phrases:
        for back in range(2, 6):
            k = i - back
            if k < 0:
                break
            head = tuple(lows[k : k + 2])
            if (head == ("the", "two") or lows[k] == "both") and all(
                w.isalpha() and w not in _AUX for w in lows[k + 1 : i]
            ):
                return ("the", "two") if head == ("the", "two") else ("both",)
    # Allow a few auxiliaries between the anaphor and the trigger ("the two sides have signed").
    for gap in range(4):
        end = i - gap
        if end < 0:
            break
        if gap and lows[end] not in _AUX:
            break
        for phrase in phrases:
            k = len(phrase)
            if end - k >= 0 and tuple(lows[end - k : end]) == phrase:
                return phrase
    return None


# ---------------------------------------------------------------------- registry

Coder = Callable[[Document], list[Event]]
CODERS: dict[str, Callable[[], Coder]] = {}


def register(name: str, factory: Callable[[], Coder]) -> None:
    """Make a coder available by name (``bilateral code --coder NAME``)."""
    CODERS[name] = factory


def get(name: str = "rules") -> Coder:
    """A coder by its registered name."""
    from bilateral.errors import BilateralError

    factory = CODERS.get(name)
    if factory is None:
        known = ", ".join(sorted(CODERS)) or "none"
        raise BilateralError(f"unknown coder {name!r} (known: {known})")
    return factory()


register("rules", RulesCoder)


def code_all(documents: Iterable[Document], coder: Coder | None = None) -> Iterator[Event]:
    """Events of many documents, one document at a time (memory stays flat)."""
    run = coder or get("rules")
    for document in documents:
        yield from run(document)


# The head noun of a law's title, and the small words inside one ("Iran, North Korea and Syria
# Nonproliferation Act", "Countering America's Adversaries Through Sanctions Act").
_LAW_HEADS = frozenset({"Act", "Law", "Acts"})
_TITLE_LINKS = frozenset({",", "and", "of", "the", "&", "-", "'s", "for", "on"})
# Words that make a title a person one can tell something to (not a parliament or a ministry).
_OFFICIAL_WORDS = _words(
    """minister president premier ambassador envoy counterpart speaker chairman chairwoman chair
    governor secretary king emir prince chancellor deputy head chief commander leader
    vice-president vice-premier representative"""
)
# A gathering the words were spoken at: a speech there is no meeting with the one addressed.
_ADDRESSES = _words("speaking addressing session summit forum conference assembly plenary")
_BODY_WORDS = _words("parliament ministry government embassy council assembly committee media")
_DECISIONS = frozenset({"decided", "decides", "decide", "deciding"})


def _decided(lows: list[str], match: TriggerMatch) -> bool:
    """ "decided to <act>": the act is decided, not planned or threatened."""
    i = match.first
    return i >= 2 and lows[i - 1] == "to" and lows[i - 2] in _DECISIONS


def _decision_of_hostile_act(matches: list[TriggerMatch], match: TriggerMatch) -> bool:
    """A "decided to" whose act is hostile ("decided to expel", "decided to leave the
    contract"): the act itself is coded, the decision is no plan (AGREE)."""
    if match.trigger.lemma != "decide":
        return False
    return any(
        m.first == match.last and m.trigger.event_type in _HOSTILE | _REACTIONS for m in matches
    )


def _ratified(match: TriggerMatch) -> bool:
    return match.trigger.event_type == "SUPPORT" and match.trigger.lemma == "ratify"


def _told_visiting(sent: _SentenceView, match: TriggerMatch) -> bool:
    return match.last < len(sent.lows) and sent.lows[match.last] == "visiting"


def _forces_leave(sent: _SentenceView, match: TriggerMatch, subject: list[_Party]) -> bool:
    """ "Russian forces pulled out of Snake Island", "Russia pulled out of Syria": forces or a
    place are left; "pulled out of the Asian Cup qualifier" is no withdrawal."""
    if any(p.sector == "MIL" for p in subject):
        return True
    before = sent.lows[max(0, match.first - 3) : match.first]
    if any(w in _FORCES for w in before):
        return True
    k = match.last
    while k < len(sent.lows) and sent.lows[k] in ("of", "the"):
        k += 1
    if k >= len(sent.lows):
        return False
    for m in sent.places + sent.parties:
        if sent.token_at(m.start) == k and m.kind in ("country", "capital"):
            return True
    return False


# Weapons that act when a verb of attack or incursion follows them ("Russian drones entered
# its territory"); elsewhere "Iranian drones" are what is supplied or shot down.
_WEAPONS = _words(
    """drone drones missile missiles rocket rockets jet jets aircraft warplane warplanes
    helicopter helicopters balloon balloons"""
)
_INCURSIONS = _words(
    """entered enters violated violates crossed crosses struck strikes hit hits attacked
    attacks"""
)
_INTRUDING = frozenset({"enter", "violate"})
_INTRUDED = _words("territory airspace waters")
_FORCES = _words(
    "troops forces soldiers army military units contingent peacekeepers servicemen battalion"
)


def _where_antecedent(sent: _SentenceView, match: TriggerMatch) -> _Party | None:
    """The state named just before ", where" when the trigger sits in that clause."""
    lows = sent.lows
    for k in range(match.first - 1, max(-1, match.first - 10), -1):
        if lows[k] in (",", ";", ".") and not (k + 1 < len(lows) and lows[k + 1] == "where"):
            return None
        if lows[k] == "where" and k > 0 and lows[k - 1] == ",":
            comma = sent.starts[k - 1]
            for m in reversed(sent.parties + sent.places):
                if m.end <= comma and not sent.content[m.end : comma].strip():
                    return _party(m)
            return None
    return None
