"""The briefing's evidence: stories read from the store with their citable documents, the
numbered sources list they are cited through, and the display names of actor codes.

A story is citable through its dated documents only: an undated document (the seed article the
briefing replaces has no date) is never a source of facts, and a story that rests on undated
documents alone is left out of the briefing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from bilateral import ontology
from bilateral.analysis.common import story_sources_sql
from bilateral.store import Store

# Verbal types whose contexts name no dimension count as diplomatic (talk without a subject).
VERBAL_TYPES = ("CONSULT", "AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN")


@dataclass(frozen=True, slots=True)
class Source:
    """One document as cited: number in the sources list, title, outlet, date, link."""

    number: int
    doc_id: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.outlet,
            "published": self.published,
            "url": self.url,
        }


@dataclass(slots=True)
class Citations:
    """The sources list: documents numbered in the order the text first cites them."""

    sources: dict[str, Source] = field(default_factory=dict)
    stories: dict[str, list[str]] = field(default_factory=dict)

    def cite(self, story: dict[str, Any], limit: int = 4) -> tuple[int, ...]:
        """Numbers of a story's dated documents (the first ``limit``), registering them.

        The document the quoted evidence sentence comes from is cited first, so the quote can
        always be found in the first source it points to.
        """
        numbers = []
        refs = list(story.get("sources") or [])
        quoted = story.get("quote_doc")
        refs.sort(key=lambda ref: ref.get("doc_id") != quoted)
        for ref in refs:
            if not ref.get("published"):
                continue
            doc_id = str(ref["doc_id"])
            src = self.sources.get(doc_id)
            if src is None:
                src = Source(
                    number=len(self.sources) + 1,
                    doc_id=doc_id,
                    title=ref.get("title"),
                    outlet=ref.get("source"),
                    published=ref.get("published"),
                    url=ref.get("url"),
                )
                self.sources[doc_id] = src
            self.stories.setdefault(doc_id, [])
            if story["id"] not in self.stories[doc_id]:
                self.stories[doc_id].append(str(story["id"]))
            numbers.append(src.number)
            if len(numbers) >= limit:
                break
        return tuple(numbers)

    def cite_doc(self, story: dict[str, Any], doc_id: str) -> tuple[int, ...]:
        """The number of one of a story's documents (registering it), or nothing if undated."""
        refs = [r for r in story.get("sources") or [] if r.get("doc_id") == doc_id]
        if not refs:
            return ()
        return self.cite({"id": story["id"], "sources": refs}, limit=1)

    def listing(self) -> list[Source]:
        return sorted(self.sources.values(), key=lambda s: s.number)


# ------------------------------------------------------------------------------------------
# Names


@cache
def _lexicon() -> Any:
    try:
        from bilateral.extract.actors import ActorLexicon
    except ImportError:  # pragma: no cover - the extractor ships with the package
        return None
    return ActorLexicon.default()


def name_of(code: str | None) -> str:
    """Display name of an actor code ("IRN" -> "Iran"); unknown codes come back unchanged."""
    if code is None:
        return "an unnamed party"
    lexicon = _lexicon()
    if lexicon is None:
        return code
    return str(lexicon.name_of(code))


def codes_mentioned(text: str) -> set[str]:
    """Actor codes a sentence names (states, organisations, officials, capitals)."""
    lexicon = _lexicon()
    if lexicon is None:
        return set()
    return {str(m.code) for m in lexicon.find(text) if getattr(m, "code", None)}


# ------------------------------------------------------------------------------------------
# Dates


def parse_period(value: str | None) -> dt.date | None:
    """The first day of ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ``YYYYQn`` or ``YYYY-Qn``."""
    if not value:
        return None
    text = value.strip()
    try:
        if "Q" in text:
            year, quarter = text.replace("-Q", "Q").split("Q")
            return dt.date(int(year), 3 * (int(quarter) - 1) + 1, 1)
        if len(text) == 4:
            return dt.date(int(text), 1, 1)
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 1)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def period_end(value: str | None) -> dt.date | None:
    """The last day of the period ``value`` names (see ``parse_period``)."""
    start = parse_period(value)
    if start is None or value is None:
        return None
    text = value.strip()
    if "Q" in text:
        month = start.month + 2
    elif len(text) == 4:
        return dt.date(start.year, 12, 31)
    elif len(text) == 7:
        month = start.month
    else:
        return start
    return dt.date(start.year, month, calendar.monthrange(start.year, month)[1])


def say_date(value: str, precision: str | None = None) -> str:
    """A date as a reader says it: "Monday 31 July 2023", "July 2023", "2023", and a quarter
    ("2023Q3") as "the third quarter of 2023"."""
    if precision is None and len(value) == 6 and value[4] == "Q" and value[5] in "1234":
        which = ("first", "second", "third", "fourth")[int(value[5]) - 1]
        return f"the {which} quarter of {value[:4]}"
    precision = precision or {4: "year", 7: "month"}.get(len(value), "day")
    day = parse_period(value)
    if day is None:
        return value
    if precision == "year":
        return str(day.year)
    if precision == "month":
        return f"{calendar.month_name[day.month]} {day.year}"
    return (
        f"{calendar.day_name[day.weekday()]} {day.day} {calendar.month_name[day.month]} {day.year}"
    )


def on_date(value: str, precision: str | None = None) -> str:
    """The date as a time adverbial: "On Monday 31 July 2023", "In July 2023", "In 2023"."""
    said = say_date(value, precision)
    return ("In " if (precision or "day") in ("month", "year") else "On ") + said


def short_date(value: str | None) -> str:
    """A publication date for the sources list: "31 July 2023"."""
    if not value:
        return "undated"
    day = parse_period(value[:10])
    if day is None:
        return value
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


# ------------------------------------------------------------------------------------------
# Stories


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def sql_list(items: Iterable[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def dimension_sql(dim: str) -> str:
    """An SQL condition on a ``stories`` row: does it count in the briefing dimension ``dim``?"""
    onto = ontology.load()
    cond = f"list_has_any(context, {sql_list(onto.dimensions[dim])})"
    if dim == "sanctions":
        return f"({cond} OR event_type = 'SANCTION')"
    if dim == "diplomatic":
        every = sorted({c for members in onto.dimensions.values() for c in members})
        verbal = ", ".join(_q(t) for t in VERBAL_TYPES)
        return (
            f"({cond} OR (event_type IN ({verbal}) AND NOT list_has_any(context, "
            f"{sql_list(every)})))"
        )
    return cond


def pair_sql(a: str, b: str) -> str:
    return (
        f"((actor = {_q(a)} AND recipient = {_q(b)}) OR (actor = {_q(b)} AND recipient = {_q(a)}))"
    )


def either_sql(a: str, b: str) -> str:
    """Stories with exactly one of the pair among actor and recipient."""
    return (
        f"((actor IN ({_q(a)}, {_q(b)})) <> (coalesce(recipient, '') IN ({_q(a)}, {_q(b)})) "
        f"AND coalesce(recipient, '') <> actor)"
    )


def bounds_sql(start: dt.date | None, end: dt.date | None) -> str:
    parts = []
    if start is not None:
        parts.append(f"date_start >= DATE '{start.isoformat()}'")
    if end is not None:
        parts.append(f"date_start <= DATE '{end.isoformat()}'")
    return " AND ".join(parts) if parts else "true"


_STORY_SQL = """
WITH s AS (SELECT * FROM stories WHERE {where}),
src AS ({sources}),
said AS (
    SELECT s.id, arg_min(d.source, (d.published_date, d.id)) AS outlet,
           arg_min(d.id, (d.published_date, d.id)) AS quote_doc
    FROM s, unnest(s.event_ids) AS u(event_id)
    JOIN events e ON e.id = u.event_id
    JOIN documents d ON d.id = e.doc_id
    WHERE e.evidence_text = s.summary AND d.published_date IS NOT NULL
    GROUP BY s.id
),
more AS (
    SELECT id, list({{'text': text, 'doc_id': doc_id, 'outlet': outlet}} ORDER BY published, doc_id)
               AS evidence
    FROM (
        SELECT s.id, e.evidence_text AS text, arg_min(d.id, (d.published_date, d.id)) AS doc_id,
               arg_min(d.source, (d.published_date, d.id)) AS outlet,
               min(d.published_date) AS published
        FROM s, unnest(s.event_ids) AS u(event_id)
        JOIN events e ON e.id = u.event_id
        JOIN documents d ON d.id = e.doc_id
        WHERE e.evidence_text <> s.summary AND d.published_date IS NOT NULL
        GROUP BY s.id, e.evidence_text
    )
    GROUP BY id
)
SELECT s.id, s.date, s.date_precision, s.actor, s.recipient, s.event_type, s.mode, s.context,
       s.intensity, s.negated, s.location_country, s.summary, s.n_reports, src.sources,
       said.outlet, s.date_start, said.quote_doc, more.evidence
FROM s JOIN src ON src.key = s.id LEFT JOIN said ON said.id = s.id
LEFT JOIN more ON more.id = s.id
ORDER BY s.date_start, s.id
"""


def fetch_stories(
    store: Store, where: str, params: list[Any] | None = None
) -> list[dict[str, Any]]:
    """Stories matching an SQL condition, each with its dated sources and the outlet of its
    evidence sentence; stories with no dated source are left out."""
    sql = _STORY_SQL.format(where=where, sources=story_sources_sql("s", "id", cited_only=True))
    rows = store.con.execute(sql, params or []).fetchall()
    out = []
    for r in rows:
        sources = list(r[13] or [])
        out.append(
            {
                "id": r[0],
                "date": r[1],
                "date_precision": r[2],
                "actor": r[3],
                "recipient": r[4],
                "event_type": r[5],
                "mode": r[6],
                "context": list(r[7] or ()),
                "intensity": float(r[8]),
                "negated": bool(r[9]),
                "location_country": r[10],
                "summary": r[11],
                "n_reports": int(r[12]),
                "sources": sources,
                "outlet": r[14] or (sources[0].get("source") if sources else None),
                "date_start": r[15],
                "quote_doc": r[16],
                "others": list(r[17] or []),
            }
        )
    return out


@dataclass(slots=True)
class StoryCache:
    """Stories read once per briefing: sections select ids with cheap SQL conditions, and each
    story's sources and evidence (a join over events and documents) is read only the first time.
    """

    store: Store
    rows: dict[str, dict[str, Any] | None] = field(default_factory=dict)

    def fetch(self, where: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        """Stories matching an SQL condition on ``stories``, in date order (see fetch_stories)."""
        ids = [
            str(r[0])
            for r in self.store.con.execute(
                f"SELECT id FROM stories WHERE {where} ORDER BY date_start, id", params or []
            ).fetchall()
        ]
        missing = [i for i in ids if i not in self.rows]
        if missing:
            found = fetch_stories(self.store, "id IN (SELECT unnest(?))", [missing])
            for story in found:
                self.rows[story["id"]] = story
            for i in missing:
                self.rows.setdefault(i, None)
        return [row for i in ids if (row := self.rows.get(i)) is not None]

    def prefetch(self, where: str) -> None:
        """Read every story matching a condition in one query (the briefing's working set)."""
        found = fetch_stories(self.store, where)
        for story in found:
            self.rows[story["id"]] = story
        ids = self.store.con.execute(f"SELECT id FROM stories WHERE {where}").fetchall()
        for (i,) in ids:
            self.rows.setdefault(str(i), None)

    def by_id(self, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        return {s["id"]: s for s in self.fetch("id IN (SELECT unnest(?))", [wanted])}


def stories_by_id(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    found = fetch_stories(store, "id IN (SELECT unnest(?))", [wanted])
    return {s["id"]: s for s in found}
