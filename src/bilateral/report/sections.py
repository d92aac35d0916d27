"""The briefing's sections, registered by name, each built from the analysis and the stories.

A section is a function of the briefing context that returns blocks of sentences. Every
sentence about the world quotes a story's evidence sentence with its date and outlet and cites
the story's documents by their numbers in the sources list; sentences about the store itself
(counts, phases found) carry the store's own figures. A section with nothing to say says "No
evidence in the store for …". New sections register with ``@section`` and need no other edit.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bilateral import ontology
from bilateral.report.evidence import (
    Citations,
    StoryCache,
    bounds_sql,
    codes_mentioned,
    dimension_sql,
    either_sql,
    name_of,
    on_date,
    pair_sql,
    parse_period,
    say_date,
)
from bilateral.store import Store


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its own words, an optional quoted evidence sentence, and citation numbers."""

    text: str
    quote: str | None = None
    cites: tuple[int, ...] = ()
    also: tuple[Sentence, ...] = ()

    def plain(self) -> str:
        quote = f" “{self.quote}”" if self.quote else ""
        marks = "".join(f"[{n}]" for n in self.cites)
        more = "".join(" " + s.plain() for s in self.also)
        return f"{self.text}{quote}{(' ' + marks) if marks else ''}{more}"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "quote": self.quote, "cites": list(self.cites)}
        if self.also:
            out["also"] = [s.to_dict() for s in self.also]
        return out


@dataclass(slots=True)
class Block:
    """A paragraph (``p``), a bulleted list (``ul``) or a sub-heading (``h3``)."""

    kind: str
    sentences: list[Sentence]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "sentences": [s.to_dict() for s in self.sentences]}


@dataclass(slots=True)
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)
    chart: str | None = None
    evidence: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "chart": self.chart,
            "stories_cited": self.evidence,
            "blocks": [b.to_dict() for b in self.blocks],
        }


@dataclass(slots=True)
class BriefContext:
    """What every section reads: the store, the pair, the period, the analysis, the citations."""

    store: Store
    a: str
    b: str
    bounds: str
    analysis: dict[str, Any]
    cites: Citations = field(default_factory=Citations)
    used: set[str] = field(default_factory=set)
    said: set[str] = field(default_factory=set)
    _mentions: dict[str, set[str]] = field(default_factory=dict)
    _cache: StoryCache | None = None

    @property
    def cache(self) -> StoryCache:
        if self._cache is None:
            self._cache = StoryCache(self.store)
            pair = f"('{self.a}', '{self.b}')"
            self._cache.prefetch(f"(actor IN {pair} OR recipient IN {pair}) AND {self.bounds}")
        return self._cache

    def fetch(self, where: str) -> list[dict[str, Any]]:
        """Stories matching an SQL condition, with their sources (read once per briefing)."""
        return self.cache.fetch(where)

    @property
    def name_a(self) -> str:
        return name_of(self.a)

    @property
    def name_b(self) -> str:
        return name_of(self.b)

    @property
    def pair_names(self) -> str:
        return f"{self.name_a} and {self.name_b}"

    def story_sentence(
        self,
        story: dict[str, Any],
        *,
        label: str | None = None,
        companions: list[dict[str, Any]] | None = None,
        mark: bool = False,
    ) -> Sentence | None:
        """The story as a sentence: date, outlet, its evidence quoted, its documents cited."""
        numbers = self.cites.cite(story)
        if not numbers:
            return None
        when = on_date(str(story["date"]), story.get("date_precision"))
        outlet = story.get("outlet") or "an unnamed outlet"
        kind = label
        if (
            kind is None
            and story.get("event_type") == "ACCUSE"
            and story.get("mode")
            in (
                "allege",
                "investigate",
            )
        ):
            kind = "an allegation"
        if kind is None and story.get("negated"):
            kind = "a denial"
        if kind is None and _CLAIM_WORDS.search(str(story.get("summary") or "")):
            kind = "a claim"
        lead = f"{when}, {kind} ({outlet}):" if kind else f"{when} ({outlet}):"
        summary = str(story["summary"]).strip()
        also: list[Sentence] = []
        seen = {summary}
        # Other stories of the same day and pair first (a visit, its talks, its signing), then
        # the story's other reports, which often carry the detail (a plan, a figure, a quote).
        for extra in companions or []:
            text = str(extra["summary"]).strip()
            if text in seen or len(also) >= 2 or (mark and text in self.said):
                continue
            cites = self.cites.cite(extra, limit=2)
            if cites:
                seen.add(text)
                if mark:
                    self.said.add(text)
                    self.used.add(str(extra["id"]))
                also.append(
                    Sentence(f"Also ({extra.get('outlet') or 'an unnamed outlet'}):", text, cites)
                )
        reports = [(story, o) for o in story.get("others") or []]
        reports += [(c, o) for c in companions or [] for o in c.get("others") or []]
        for owner, other in reports:
            text = str(other.get("text") or "").strip()
            if text in seen or len(also) >= 4 or (mark and text in self.said):
                continue
            cites = self.cites.cite_doc(owner, str(other.get("doc_id")))
            if cites:
                seen.add(text)
                if mark:
                    self.said.add(text)
                also.append(
                    Sentence(f"Also ({other.get('outlet') or 'an unnamed outlet'}):", text, cites)
                )
        return Sentence(lead, quote=summary, cites=numbers, also=tuple(also))

    def sentences(self, stories: list[dict[str, Any]], *, mark: bool = True) -> list[Sentence]:
        """Sentences for stories; with ``mark``, each evidence sentence is quoted once only in
        the dimension sections (one sentence often carries two coded acts)."""
        out = []
        groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for story in stories:
            groups.setdefault(_happening(story), []).append(story)
        for group in groups.values():
            # The bullet leads with the act (a signing, an exercise) over talk about it.
            group.sort(
                key=lambda s: (_LEAD_ORDER.get(s["event_type"], 2), -s["n_reports"], s["id"])
            )
        here: set[str] = set()
        for story in stories:
            text = str(story["summary"]).strip()
            if text in here or (mark and text in self.said):
                continue
            group = groups.get(_happening(story), [])
            if not group or group[0] is not story:
                continue
            sentence = self.story_sentence(story, companions=group[1:], mark=mark)
            here.add(text)
            if sentence is not None:
                here.update(str(a.quote) for a in sentence.also)
            if sentence is not None:
                out.append(sentence)
                if mark:
                    self.used.add(str(story["id"]))
                    self.said.add(text)
        return out

    @property
    def latest_start(self) -> str | None:
        """Where the sections split recent from earlier: the first day of the latest phase when
        the analysis finds more than one, else of the year five years before the last story."""
        phases = self.analysis.get("phases") or []
        if len(phases) >= 2:
            start = parse_period(str(phases[-1].get("start")))
            return start.isoformat() if start else None
        row = self.store.con.execute(
            f"SELECT min(date_start), max(date_start) FROM stories "
            f"WHERE {pair_sql(self.a, self.b)} AND {self.bounds}"
        ).fetchall()
        if not row or row[0][1] is None:
            return None
        first, last = row[0]
        split = dt.date(last.year - 4, 1, 1)
        return split.isoformat() if split > first else None

    def mentions(self, story: dict[str, Any]) -> set[str]:
        key = str(story["id"])
        if key not in self._mentions:
            self._mentions[key] = codes_mentioned(str(story["summary"]))
        return self._mentions[key]

    def about_pair(
        self,
        condition: str,
        limit: int,
        *,
        one_sided: bool = False,
        fresh: bool = True,
        third_limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """The most telling stories about the pair under an SQL condition, in date order.

        Stories between the two come first; then stories of one of them whose evidence names
        the other (a third party's allegation about the pair); with ``one_sided``, then any
        story of one of them (sanctions on one side). Among equals, more reports and stronger
        acts win.
        """
        pair = self.fetch(f"{pair_sql(self.a, self.b)} AND {self.bounds} AND {condition}")
        one = self.fetch(f"{either_sql(self.a, self.b)} AND {self.bounds} AND {condition}")
        ranked: list[tuple[int, dict[str, Any]]] = [(0, s) for s in pair]
        for story in one:
            other = self.b if self.a in (story["actor"], story["recipient"]) else self.a
            if other in self.mentions(story):
                ranked.append((1, story))
            elif one_sided:
                ranked.append((2, story))
        if fresh:
            ranked = [
                (t, s)
                for t, s in ranked
                if s["id"] not in self.used and str(s["summary"]).strip() not in self.said
            ]
        ranked.sort(key=lambda ts: (ts[0], -ts[1]["n_reports"], -abs(ts[1]["intensity"])))
        # ``limit`` counts happenings (stories of one day and pair share a bullet); stories of
        # one side naming the other (a third party's allegation) have a budget of their own.
        budgets = {0: limit, 1: limit // 3 + 2 if third_limit is None else third_limit}
        budgets[2] = budgets[1]
        chosen: list[dict[str, Any]] = []
        keys: dict[int, set[tuple[Any, ...]]] = {0: set(), 1: set(), 2: set()}
        for tier, story in ranked:
            key = _happening(story)
            if key not in keys[tier]:
                if len(keys[tier]) >= budgets[tier]:
                    continue
                keys[tier].add(key)
            chosen.append(story)
        chosen.sort(key=lambda s: (s["date_start"], s["id"]))
        return chosen

    def none(self, what: str) -> Block:
        return Block("p", [Sentence(f"No evidence in the store for {what}.")])

    def evidence(self, items: list[dict[str, Any]] | None, limit: int) -> list[dict[str, Any]]:
        """The stories an analysis finding cites, enriched from the store, in date order."""
        ids = [str(s["id"]) for s in (items or []) if isinstance(s, dict) and "id" in s]
        found = self.cache.by_id(ids)
        stories = [found[i] for i in dict.fromkeys(ids) if i in found]
        stories.sort(key=lambda s: (-s["n_reports"], -abs(s["intensity"])))
        chosen = stories[:limit]
        chosen.sort(key=lambda s: (s["date_start"], s["id"]))
        return chosen


SectionBuilder = Callable[[BriefContext], Section]


@dataclass(frozen=True, slots=True)
class SectionSpec:
    key: str
    title: str
    order: int
    build: SectionBuilder


REGISTRY: dict[str, SectionSpec] = {}


def section(key: str, title: str, order: int) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register a section builder under ``key``; sections appear in ``order``."""

    def register(build: SectionBuilder) -> SectionBuilder:
        REGISTRY[key] = SectionSpec(key, title, order, build)
        return build

    return register


def build_sections(ctx: BriefContext, only: list[str] | None = None) -> list[Section]:
    specs = sorted(REGISTRY.values(), key=lambda s: s.order)
    out = []
    for spec in specs:
        if only is not None and spec.key not in only:
            continue
        sec = spec.build(ctx)
        sec.key, sec.title = spec.key, spec.title
        sec.evidence = sum(1 for b in sec.blocks for x in b.sentences if x.cites)
        out.append(sec)
    return out


# ------------------------------------------------------------------------------------------
# Helpers shared by sections

_ORDINAL_WORDS = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
]
_ORDINALS = {w: i + 1 for i, w in enumerate(_ORDINAL_WORDS)}
_ORDINAL = r"(?P<ord>" + "|".join(_ORDINALS) + r"|\d{1,2}(?:st|nd|rd|th))"


_PLANNED_CUES = ("prepar", "to hold", "will hold", "next", "upcoming", "ahead of", "plan")


def _ordinal_value(word: str) -> int:
    word = word.lower()
    return _ORDINALS.get(word) or int(re.sub(r"\D", "", word))


def _ordinal_word(n: int) -> str:
    for word, value in _ORDINALS.items():
        if value == n:
            return word
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def numbered_series(
    ctx: BriefContext, pattern: str, what: str, extra_condition: str = "true"
) -> list[Sentence]:
    """Sentences on the numbered meetings of a series ("the fifth round of …") the store records.

    The numbers come from the evidence sentences; rounds the store does not document are said
    to be missing rather than guessed.
    """
    regex = re.compile(_ORDINAL + r"\s+" + pattern, re.IGNORECASE)
    stories = ctx.fetch(f"{pair_sql(ctx.a, ctx.b)} AND {ctx.bounds} AND {extra_condition}")
    candidates: dict[int, list[tuple[int, dict[str, Any]]]] = {}
    for story in stories:
        text = str(story["summary"])
        match = regex.search(text)
        if not match:
            continue
        # A meeting being prepared or planned is not the meeting: rank such mentions last.
        before = text[max(0, match.start() - 40) : match.start()].lower()
        planned = any(cue in before for cue in _PLANNED_CUES)
        rank = (2 if planned else 0) + (0 if story["event_type"] in ("CONSULT", "SUPPORT") else 1)
        candidates.setdefault(_ordinal_value(match.group("ord")), []).append((rank, story))
    by_number = {
        n: min(found, key=lambda rs: (rs[0], -rs[1]["n_reports"], rs[1]["date_start"]))[1]
        for n, found in candidates.items()
    }
    if not by_number:
        return []
    numbers = sorted(by_number)
    listed = ", ".join(_ordinal_word(n) for n in numbers)
    missing = [n for n in range(1, max(numbers)) if n not in by_number]
    head = (
        f"The store documents {len(numbers)} numbered {what} between {ctx.pair_names}: "
        f"the {listed}."
    )
    if missing and len(missing) <= 6:
        head += (
            f" It holds no report of the {', '.join(_ordinal_word(n) for n in missing)}, and "
            f"none later than the {_ordinal_word(numbers[-1])}."
        )
    elif missing:
        head += (
            f" It holds no report of the {len(missing)} others up to the "
            f"{_ordinal_word(numbers[-1])}, and none later."
        )
    else:
        head += f" It holds no report of any later than the {_ordinal_word(numbers[-1])}."
    listed_sentences = []
    for n in numbers:
        sentence = ctx.story_sentence(by_number[n], label=f"the {_ordinal_word(n)}")
        if sentence is not None:
            ctx.used.add(str(by_number[n]["id"]))
            listed_sentences.append(sentence)
    return [_cited(head, listed_sentences), *listed_sentences]


def _dimension_section(
    ctx: BriefContext,
    dim: str,
    what: str,
    limit: int,
    *,
    extra: str = "true",
    title: str | None = None,
) -> Section:
    """Stories of one dimension: the latest phase first, then a shorter look at the earlier
    record, then the allegations and denials apart from the acts."""
    cond = f"{dimension_sql(dim)} AND {extra}"
    one_sided = dim == "sanctions"
    sec = Section(dim, "")
    split = ctx.latest_start
    if split is None:
        groups = [(title or "", ctx.about_pair(cond, limit, one_sided=one_sided))]
    else:
        year = split[:4]
        recent = ctx.about_pair(
            f"{cond} AND date_start >= DATE '{split}'", limit, one_sided=one_sided
        )
        earlier = ctx.about_pair(
            f"{cond} AND date_start < DATE '{split}'", max(4, limit // 2), one_sided=one_sided
        )
        lead = f"{title} since" if title else "Since"
        back = f"{title} before" if title else "Before"
        groups = [(f"{lead} {year}", recent), (f"{back} {year}", earlier)]
    claims: list[dict[str, Any]] = []
    for heading, stories in groups:
        acts = [s for s in stories if not _is_claim(s)]
        claims.extend(s for s in stories if _is_claim(s))
        sentences = ctx.sentences(acts)
        if sentences:
            if heading:
                sec.blocks.append(Block("h3", [Sentence(heading)]))
            sec.blocks.append(Block("ul", sentences))
    claim_sentences = ctx.sentences(sorted(claims, key=lambda s: (s["date_start"], s["id"])))
    if claim_sentences:
        sec.blocks.append(Block("h3", [Sentence("Allegations, accusations and denials")]))
        sec.blocks.append(Block("ul", claim_sentences))
    if not sec.blocks:
        if title:
            sec.blocks.append(Block("h3", [Sentence(title)]))
        sec.blocks.append(ctx.none(what))
    return sec


_LEAD_ORDER = {"SUPPORT": 0, "COOPERATE": 0, "AID": 0, "AGREE": 1, "CONSULT": 1}


def _happening(story: dict[str, Any]) -> tuple[Any, ...]:
    """Stories a reader sees as one happening: the same pair on the same day (one meeting
    yields a visit, talks and a signing), denials apart."""
    pair = tuple(sorted(str(x) for x in (story.get("actor"), story.get("recipient"))))
    return (story.get("date"), story.get("negated"), pair)


# Words that make a report a claim by someone rather than an established act.
_CLAIM_WORDS = re.compile(r"\b(alleg\w*|claim\w*|accus\w*|denie[sd]|deny\w*|reportedly)\b", re.I)


def _is_claim(story: dict[str, Any]) -> bool:
    return (
        bool(story.get("negated"))
        or story.get("event_type") == "ACCUSE"
        or bool(_CLAIM_WORDS.search(str(story.get("summary") or "")))
    )


def _store_counts(ctx: BriefContext) -> tuple[int, int, int, str | None, str | None]:
    row = ctx.store.con.execute(
        f"""
        WITH s AS (SELECT * FROM stories WHERE {pair_sql(ctx.a, ctx.b)} AND {ctx.bounds})
        SELECT (SELECT count(*) FROM s), (SELECT coalesce(sum(n_reports), 0) FROM s),
               (SELECT count(DISTINCT d) FROM s, unnest(doc_ids) AS u(d)
                JOIN documents ON documents.id = u.d WHERE published_date IS NOT NULL),
               (SELECT arg_min(date, date_start) FROM s),
               (SELECT arg_max(date, date_start) FROM s)
        """
    ).fetchall()[0]
    return int(row[0]), int(row[1]), int(row[2]), row[3], row[4]


def _pace(ctx: BriefContext) -> Sentence | None:
    """Stories a year, and military ones, before and since the split the sections use."""
    split = ctx.latest_start
    if split is None:
        return None
    mil = dimension_sql("military")
    row = ctx.store.con.execute(
        f"""
        SELECT count(*) FILTER (WHERE date_start < DATE '{split}'),
               count(*) FILTER (WHERE date_start < DATE '{split}' AND {mil}),
               count(*) FILTER (WHERE date_start >= DATE '{split}'),
               count(*) FILTER (WHERE date_start >= DATE '{split}' AND {mil}),
               min(date_start), max(date_start)
        FROM stories WHERE {pair_sql(ctx.a, ctx.b)} AND {ctx.bounds}
        """
    ).fetchall()[0]
    before, mil_before, since, mil_since, first, last = row
    if not before or not since or first is None:
        return None
    cut = dt.date.fromisoformat(split)
    years_before = max((cut - first).days / 365.25, 1.0)
    years_since = max((last - cut).days / 365.25, 1.0)
    return Sentence(
        f"Since {cut.year} the store holds {since} stories between the two "
        f"({since / years_since:.1f} a year, {mil_since} of them military), against {before} "
        f"in the {years_before:.0f} years before ({before / years_before:.1f} a year, "
        f"{mil_before} military)."
    )


def _cited(text: str, evidence: list[Sentence]) -> Sentence:
    """An analytic statement citing the first source of each piece of evidence listed under it."""
    return Sentence(text, cites=tuple(sorted({s.cites[0] for s in evidence if s.cites})))


def _dim_label(dim: str | None) -> str:
    if not dim:
        return "no single dimension"
    return str(ontology.load().dimension_labels.get(dim, dim))


def _span(start: Any, end: Any) -> str:
    lo = say_date(str(start)) if start else "the beginning"
    hi = say_date(str(end)) if end else "the end of the record"
    return lo if start and start == end else f"{lo} to {hi}"


def _stance(text: Any) -> str:
    return str(text or "unclear").replace("_", " ")


# ------------------------------------------------------------------------------------------
# The sections, in the order of the seed article they replace


@section("summary", "Summary", 10)
def summary(ctx: BriefContext) -> Section:
    sec = Section("summary", "")
    n, reports, docs, first, last = _store_counts(ctx)
    sec.blocks.append(
        Block(
            "p",
            [
                Sentence(
                    f"This briefing rests on {n} stories between {ctx.pair_names} in the store, "
                    f"merged from {reports} reports in {docs} dated documents, from "
                    f"{say_date(str(first)) if first else '–'} to "
                    f"{say_date(str(last)) if last else '–'}."
                )
            ],
        )
    )
    totals: dict[str, float] = {}
    for row in ctx.analysis.get("timeline") or []:
        for dim, value in (row.get("by_dimension") or {}).items():
            totals[dim] = totals.get(dim, 0.0) + float(value or 0.0)
    ranked = [d for d, v in sorted(totals.items(), key=lambda dv: -dv[1]) if v > 0]
    if ranked:
        parts = ", ".join(f"{_dim_label(d)} ({totals[d]:.1f})" for d in ranked[:3])
        sec.blocks[0].sentences.append(
            Sentence(
                f"Weighted by the PLOVER intensity of its stories, the relationship is carried "
                f"mostly by: {parts}."
            )
        )
    pace = _pace(ctx)
    if pace is not None:
        sec.blocks[0].sentences.append(pace)
    phases = ctx.analysis.get("phases") or []
    if phases:
        listed = "; ".join(
            f"{p.get('label') or p.get('level')} ({_span(p.get('start'), p.get('end'))})"
            for p in phases
        )
        # Each phase is cited by its best-reported landmark.
        firsts = [ctx.sentences(ctx.evidence(p.get("landmarks"), 1), mark=False) for p in phases]
        plural = "s" if len(phases) > 1 else ""
        found = f"The analysis finds {len(phases)} phase{plural}: {listed}."
        sec.blocks.append(Block("p", [_cited(found, [x for f in firsts for x in f])]))
        latest = phases[-1]
        landmarks = ctx.evidence(latest.get("landmarks"), 3)
        if landmarks:
            sec.blocks.append(
                Block(
                    "p",
                    [
                        Sentence(
                            f"Landmarks of the latest phase, "
                            f"{latest.get('label') or latest.get('level')}:"
                        )
                    ],
                )
            )
            sec.blocks.append(Block("ul", ctx.sentences(landmarks, mark=False)))
    else:
        sec.blocks.append(ctx.none("distinct phases of the relationship"))
    top = ctx.about_pair(
        "event_type IN ('COOPERATE', 'AID', 'SUPPORT')", 3, fresh=False, third_limit=0
    )
    if top:
        sec.blocks.append(Block("p", [Sentence("The most widely reported acts between the two:")]))
        sec.blocks.append(Block("ul", ctx.sentences(top, mark=False)))
    return sec


@section("trajectory", "Genesis and trajectory", 20)
def trajectory(ctx: BriefContext) -> Section:
    sec = Section("trajectory", "", chart="timeline")
    first = ctx.fetch(f"{pair_sql(ctx.a, ctx.b)} AND {ctx.bounds}")[:2]
    if first:
        sec.blocks.append(
            Block("p", [Sentence("The earliest stories between the two in the store:")])
        )
        sec.blocks.append(Block("ul", ctx.sentences(first, mark=False)))
    phases = ctx.analysis.get("phases") or []
    for phase in phases:
        label = phase.get("label") or phase.get("level") or "a phase"
        level = phase.get("level")
        dominant = _dim_label(phase.get("dominant_dimension"))
        start, end = phase.get("start"), phase.get("end")
        when = (
            f"In {say_date(str(start))}" if start and start == end else f"From {_span(start, end)}"
        )
        head = f"{when}: {label}"
        head += f" ({level} activity, mostly {dominant})." if level else f" (mostly {dominant})."
        sec.blocks.append(Block("h3", [Sentence(str(label).capitalize())]))
        marks = ctx.sentences(ctx.evidence(phase.get("landmarks"), 3), mark=False)
        sec.blocks.append(Block("p", [_cited(head, marks)]))
        if marks:
            sec.blocks.append(Block("ul", marks))
    shifts = ctx.analysis.get("shifts") or []
    if shifts:
        sec.blocks.append(Block("h3", [Sentence("Shifts and their catalysts")]))
    for shift in shifts:
        when = shift.get("date")
        sec.blocks.append(
            Block(
                "p",
                [
                    Sentence(
                        f"Around {say_date(str(when)) if when else 'an undated point'}, "
                        f"{shift.get('from_label') or 'the earlier pattern'} gave way to "
                        f"{shift.get('to_label') or 'a new pattern'}"
                        + (
                            ", after a blow between the two that the ties did not recover from."
                            if shift.get("basis") == "rupture"
                            else "."
                        )
                    )
                ],
            )
        )
        items = []
        for catalyst in (shift.get("catalysts") or [])[:4]:
            story = catalyst.get("story") if isinstance(catalyst, dict) else None
            found = ctx.evidence([story] if story else [], 1)
            if found:
                kind = "a third-party catalyst" if catalyst.get("kind") == "third-party" else None
                sentence = ctx.story_sentence(found[0], label=kind or "a catalyst")
                if sentence is not None:
                    items.append(sentence)
        if items:
            sec.blocks.append(Block("ul", items))
    if not phases and not shifts:
        sec.blocks.append(ctx.none("phases and catalysts of the relationship"))
    return sec


@section("military", "Military cooperation", 30)
def military(ctx: BriefContext) -> Section:
    return _dimension_section(ctx, "military", "military cooperation between the two", 16)


@section("economic", "Economic and energy ventures", 40)
def economic(ctx: BriefContext) -> Section:
    series = numbered_series(
        ctx,
        r"(?:(?:session|meeting)\s+of\s+(?:the\s+)?)?(?:[\w-]+\s+){0,3}?(?:commission|committee)",
        "sessions of the joint economic commission",
    )
    sec = _dimension_section(ctx, "economic", "economic or energy ventures", 12)
    if series:
        sec.blocks = [Block("p", series[:1]), Block("ul", series[1:]), *sec.blocks]
    return sec


@section("sanctions", "Sanctions and compliance", 50)
def sanctions(ctx: BriefContext) -> Section:
    return _dimension_section(ctx, "sanctions", "sanctions or compliance rules", 12)


@section("diplomatic", "Diplomatic consultations and shared stances", 60)
def diplomatic(ctx: BriefContext) -> Section:
    series = numbered_series(
        ctx, r"round\s+of\s+(?:political\s+)?consultations", "rounds of political consultations"
    )
    dim = dimension_sql("diplomatic")
    talks = _dimension_section(
        ctx,
        "diplomatic",
        "diplomatic consultations",
        10,
        extra="event_type = 'CONSULT'",
        title="Consultations and visits",
    )
    stances = _dimension_section(
        ctx,
        "diplomatic",
        "shared stances",
        10,
        extra=f"event_type <> 'CONSULT' AND {dim}",
        title="Statements and shared stances",
    )
    sec = Section("diplomatic", "")
    if series:
        sec.blocks += [Block("p", series[:1]), Block("ul", series[1:])]
    sec.blocks += talks.blocks + stances.blocks
    return sec


@section("regional", "Regional dynamics and divergences", 70)
def regional(ctx: BriefContext) -> Section:
    sec = Section("regional", "")
    for div in (ctx.analysis.get("divergences") or [])[:5]:
        third = str(div.get("third"))
        head = (
            f"Towards {name_of(third)}, {ctx.name_a}'s stance is {_stance(div.get('a_stance'))} "
            f"and {ctx.name_b}'s is {_stance(div.get('b_stance'))}."
        )
        stories = ctx.evidence(div.get("evidence"), 5)
        if not stories:
            # A finding without its evidence: the strongest stories of each side with the third.
            q = third.replace("'", "''")
            stories = [
                story
                for side in (ctx.a, ctx.b)
                for story in sorted(
                    ctx.fetch(
                        f"((actor = '{side}' AND recipient = '{q}') OR "
                        f"(actor = '{q}' AND recipient = '{side}')) AND {ctx.bounds}"
                    ),
                    key=lambda x: (-x["n_reports"], -abs(x["intensity"])),
                )[:3]
            ]
        sentences = ctx.sentences(stories)
        if sentences:
            sec.blocks.append(Block("h3", [Sentence(f"{name_of(third)}: a divergence")]))
            sec.blocks.append(Block("p", [_cited(head, sentences)]))
            sec.blocks.append(Block("ul", sentences))
    stories = ctx.about_pair(dimension_sql("regional"), 6)
    regional = ctx.sentences(stories)
    if regional:
        if sec.blocks:
            sec.blocks.append(Block("h3", [Sentence("Other stories on territory and the region")]))
        sec.blocks.append(Block("ul", regional))
    if not sec.blocks:
        sec.blocks.append(ctx.none("regional divergences between the two"))
    return sec


@section("triangles", "The wider alignment", 80)
def triangles(ctx: BriefContext) -> Section:
    sec = Section("triangles", "", chart="network")
    found = sorted(
        (t for t in ctx.analysis.get("triangles") or [] if isinstance(t, dict)),
        key=lambda t: -float(t.get("strength") or 0.0),
    )
    for tri in found[:4]:
        third = str(tri.get("third"))
        together = tri.get("rose_together")
        head = f"{name_of(third)} is tied to both (strength {float(tri.get('strength') or 0):.2f})"
        if together is True:
            head += f"; {ctx.name_a}'s and {ctx.name_b}'s ties with it rose together."
        elif together is False:
            head += f"; {ctx.name_a}'s and {ctx.name_b}'s ties with it did not rise together."
        else:
            head += "."
        evidence = ctx.sentences(ctx.evidence(tri.get("evidence"), 4), mark=False)
        blocks = [Block("p", [_cited(head, evidence)])]
        if evidence:
            blocks.append(Block("ul", evidence))
        for side in (ctx.a, ctx.b):
            ties = _ties(ctx, [third], [side])
            if ties:
                blocks.append(
                    Block(
                        "p",
                        [
                            Sentence(
                                f"{name_of(third)} and {name_of(side)}: their strongest "
                                "commitments in the store" + _since(ctx) + ":"
                            )
                        ],
                    )
                )
                blocks.append(Block("ul", ctx.sentences(ties, mark=False)))
        others = _ties(ctx, [third], None, exclude=[ctx.a, ctx.b])
        if others:
            blocks.append(
                Block(
                    "p",
                    [
                        Sentence(
                            f"For comparison, {name_of(third)}'s commitments with other "
                            "states" + _since(ctx) + ":"
                        )
                    ],
                )
            )
            blocks.append(Block("ul", ctx.sentences(others, mark=False)))
        if len(blocks) > 1:
            sec.blocks.append(Block("h3", [Sentence(f"The {name_of(third)} triangle")]))
            sec.blocks.extend(blocks)
    if not sec.blocks:
        sec.blocks.append(ctx.none("a third state tied to both"))
    return sec


def _since(ctx: BriefContext) -> str:
    return f" since {ctx.latest_start[:4]}" if ctx.latest_start else ""


# Signed or agreed texts say most about an alignment; material acts follow.
_COMMITMENT_ORDER = {"SUPPORT": 0, "AGREE": 1, "COOPERATE": 2, "AID": 3}


def _ties(
    ctx: BriefContext,
    ones: list[str],
    others: list[str] | None,
    *,
    exclude: list[str] | None = None,
    limit: int = 4,
) -> list[dict[str, Any]]:
    """The strongest commitments between ``ones`` and ``others`` (or anyone but ``exclude``)
    in the latest phase: most reported first, signed texts before material acts."""
    mine = sql_in(ones)
    if others is not None:
        theirs = sql_in(others)
        between = (
            f"((actor IN {mine} AND recipient IN {theirs}) "
            f"OR (actor IN {theirs} AND recipient IN {mine}))"
        )
    else:
        away = sql_in([*(exclude or []), *ones])
        between = (
            f"((actor IN {mine} AND recipient NOT IN {away}) "
            f"OR (recipient IN {mine} AND actor NOT IN {away}))"
        )
    since = f"date_start >= DATE '{ctx.latest_start}'" if ctx.latest_start else "true"
    stories = ctx.fetch(
        f"{between} AND recipient IS NOT NULL AND NOT negated "
        f"AND event_type IN ('SUPPORT', 'AGREE', 'COOPERATE', 'AID') AND {since} AND {ctx.bounds}",
    )
    stories.sort(
        key=lambda s: (
            -s["n_reports"],
            _COMMITMENT_ORDER.get(s["event_type"], 9),
            -s["date_start"].toordinal(),
        )
    )
    chosen: list[dict[str, Any]] = []
    seen: set[str] = set()
    for story in stories:
        text = str(story["summary"]).strip()
        if text in seen:
            continue
        seen.add(text)
        chosen.append(story)
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda s: (s["date_start"], s["id"]))
    return chosen


def sql_in(codes: list[str]) -> str:
    return "(" + ", ".join("'" + c.replace("'", "''") + "'" for c in codes) + ")"


@section("reactions", "How others see it", 90)
def reactions(ctx: BriefContext) -> Section:
    sec = Section("reactions", "")
    items = [r for r in ctx.analysis.get("reactions") or [] if isinstance(r, dict)]
    shown: set[str] = set()
    scored = []
    for reaction in items:
        stories = ctx.evidence(reaction.get("evidence"), 12)
        if not stories:
            # A finding without its evidence: cite the reactor's own stories towards the pair.
            by = str(reaction.get("by")).replace("'", "''")
            stories = ctx.fetch(
                f"actor = '{by}' AND recipient IN ('{ctx.a}', '{ctx.b}') AND {ctx.bounds}"
            )
        naming = [s for s in stories if _names_both(ctx, s)]
        total = sum(int(v) for v in (reaction.get("types") or {}).values())
        scored.append(
            (len(naming), total, reaction, naming + [s for s in stories if s not in naming])
        )
    scored.sort(key=lambda x: (-x[0], -x[1]))
    for _, _, reaction, stories in scored[:6]:
        by = str(reaction.get("by"))
        types = reaction.get("types") or {}
        counts = ", ".join(
            f"{n} {t.lower()}" for t, n in sorted(types.items(), key=lambda tn: -int(tn[1]))
        )
        chosen = sorted(stories[:4], key=lambda s: (s["date_start"], s["id"]))
        sentences = ctx.sentences(chosen, mark=False)
        if not sentences:
            continue
        shown.update(s["id"] for s in chosen)
        sec.blocks.append(Block("h3", [Sentence(name_of(by))]))
        sec.blocks.append(
            Block(
                "p",
                [
                    _cited(
                        f"{name_of(by)}: the analysis counts {counts} towards the two.", sentences
                    )
                ],
            )
        )
        sec.blocks.append(Block("ul", sentences))
    rest = []
    for _, _, reaction, stories in scored[6:]:
        numbers = ctx.cites.cite(stories[0], limit=1) if stories else ()
        if numbers:
            types = reaction.get("types") or {}
            counts = ", ".join(f"{n} {t.lower()}" for t, n in sorted(types.items()))
            rest.append(Sentence(f"{name_of(str(reaction.get('by')))} ({counts})", cites=numbers))
    if rest:
        sec.blocks.append(Block("p", [Sentence("The analysis also counts acts by:")]))
        sec.blocks.append(Block("ul", rest))
    third = ctx.about_pair(
        f"actor NOT IN ('{ctx.a}', '{ctx.b}') AND event_type IN "
        "('ACCUSE', 'SANCTION', 'THREATEN', 'REQUEST', 'REJECT', 'COERCE', 'PROTEST')",
        6,
        fresh=False,
    )
    third = [s for s in third if s["id"] not in shown]
    if third:
        sec.blocks.append(Block("h3", [Sentence("Other third-party statements naming both")]))
        sec.blocks.append(Block("ul", ctx.sentences(third, mark=False)))
    if not sec.blocks:
        sec.blocks.append(ctx.none("third parties' reactions to the pair"))
    return sec


def _names_both(ctx: BriefContext, story: dict[str, Any]) -> bool:
    named = ctx.mentions(story) | {story.get("actor"), story.get("recipient")}
    return ctx.a in named and ctx.b in named


@section("connectivity", "Connectivity", 100)
def connectivity(ctx: BriefContext) -> Section:
    sec = Section("connectivity", "")
    sec.blocks.append(
        Block(
            "p",
            [
                Sentence(
                    "bilateral has no connectivity capability yet: it does not read flight "
                    "schedules, fares or travel times, so this briefing says nothing about how "
                    "cheap or quick travel between the two is."
                )
            ],
        )
    )
    stories = ctx.about_pair(dimension_sql("connectivity"), 8)
    if stories:
        sec.blocks.append(Block("p", [Sentence("Transport links the news in the store reports:")]))
        sec.blocks.append(Block("ul", ctx.sentences(stories)))
    else:
        sec.blocks.append(ctx.none("transport links between the two"))
    return sec


def make_context(
    store: Store, a: str, b: str, analysis: dict[str, Any], bounds: str | None = None
) -> BriefContext:
    return BriefContext(store, a, b, bounds or bounds_sql(None, None), analysis)
