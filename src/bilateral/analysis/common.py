"""What the analyses share: the STORY citation record, pair checks, periods and dimensions in SQL.

Every analysis reads the ``stories`` table (reports already merged, see ``stories.py``) and cites
its findings as ``StoryRef``s: the story plus the documents behind it, in DESIGN.md's STORY shape.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from bilateral import ontology
from bilateral.errors import QueryError
from bilateral.records import SourceRef
from bilateral.store import Store

PERIODS = ("month", "quarter", "year")

# A story's weight in sums: its PLOVER intensity, or nothing when the act was denied.
WEIGHT_SQL = "CASE WHEN negated THEN 0.0 ELSE intensity END"

# Verbal acts whose contexts name no dimension count as diplomatic: the labelling guide makes a
# CONSULT diplomatic by default, and talk without a subject is diplomacy.
VERBAL_TYPES = ("CONSULT", "AGREE", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN")


@dataclass(frozen=True, slots=True)
class StoryRef:
    """A story as evidence: what happened, between whom, when, and the documents that say so."""

    id: str
    date: str
    date_precision: str
    actor: str
    recipient: str | None
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    intensity: float
    negated: bool
    summary: str
    n_reports: int
    sources: tuple[SourceRef, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "date_precision": self.date_precision,
            "actor": self.actor,
            "recipient": self.recipient,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "intensity": self.intensity,
            "negated": self.negated,
            "summary": self.summary,
            "n_reports": self.n_reports,
            "sources": [s.to_dict() for s in self.sources],
        }


def dimension_names() -> tuple[str, ...]:
    return tuple(ontology.load().dimensions)


def dimension_condition(dim: str) -> str:
    """An SQL condition on a ``stories`` row: does the story count in dimension ``dim``?

    A story counts in every dimension one of its contexts belongs to (ontology ``dimensions``);
    every SANCTION counts in sanctions; a verbal act with no dimension context counts as
    diplomatic. The regional dimension is the ``territory`` context: a pair's dealings with third
    states of its region are reported as triangles and divergences, not mixed into the pair's sums.
    """
    onto = ontology.load()
    cond = _any_context(onto.dimensions[dim])
    if dim == "sanctions":
        cond = f"({cond} OR event_type = 'SANCTION')"
    if dim == "diplomatic":
        every = sorted({c for ms in onto.dimensions.values() for c in ms})
        cond = (
            f"({cond} OR (event_type IN {_sql_tuple(VERBAL_TYPES)} AND NOT {_any_context(every)}))"
        )
    return cond


def dimension_flags_sql() -> str:
    """Select-list items ``d_{dim}``: the story's dimension flags (computed once per story)."""
    return ", ".join(f"{dimension_condition(d)} AS d_{d}" for d in dimension_names())


def _any_context(members: tuple[str, ...] | list[str]) -> str:
    # A chain of list_contains is several times faster in DuckDB than list_has_any on a constant.
    return "(" + " OR ".join(f"list_contains(context, {_quote(c)})" for c in members) + ")"


def _sql_list(items: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(_quote(i) for i in items) + "]"


def _sql_tuple(items: tuple[str, ...] | list[str]) -> str:
    return "(" + ", ".join(_quote(i) for i in items) + ")"


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def pair_sql(a: str, b: str) -> str:
    """An SQL condition on ``stories``: between A and B, in either direction (codes are checked).

    The redundant IN terms let DuckDB push the filter into the scan.
    """
    qa, qb = _quote(a), _quote(b)
    return (
        f"(actor IN ({qa}, {qb}) AND recipient IN ({qa}, {qb}) "
        f"AND ((actor = {qa} AND recipient = {qb}) OR (actor = {qb} AND recipient = {qa})))"
    )


def period_start_sql(by: str, column: str = "date_start") -> str:
    check_period(by)
    return f"CAST(date_trunc('{by}', {column}) AS DATE)"


_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def check_source(source: str) -> str:
    """The name of the table of stories a query reads (``stories`` or an analysis's temp table)."""
    if not _IDENTIFIER.match(source):
        raise QueryError(f"not a table name: {source!r}")
    return source


def check_period(by: str) -> None:
    if by not in PERIODS:
        raise QueryError(f"unknown period {by!r}; use one of: {', '.join(PERIODS)}")


def period_label(start: date, by: str) -> str:
    if by == "year":
        return f"{start.year}"
    if by == "quarter":
        return f"{start.year}Q{(start.month - 1) // 3 + 1}"
    return f"{start.year}-{start.month:02d}"


def period_step(by: str) -> str:
    return {"month": "1 month", "quarter": "3 months", "year": "1 year"}[by]


def parse_bound(value: str | date | None, name: str) -> date | None:
    """A period bound from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (the start of that period)."""
    if value is None or isinstance(value, date):
        return value
    text = value.strip()
    try:
        if len(text) == 4:
            return date(int(text), 1, 1)
        if len(text) == 7:
            return date(int(text[:4]), int(text[5:7]), 1)
        return date.fromisoformat(text[:10])
    except ValueError as exc:
        raise QueryError(f"--{name} {value!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)") from exc


def end_bound(value: str | date | None) -> date | None:
    """The exclusive end of a period bound: ``2023`` means up to the end of 2023."""
    if value is None:
        return None
    if isinstance(value, date):
        return date.fromordinal(value.toordinal() + 1)
    start = parse_bound(value, "to")
    assert start is not None
    text = value.strip()
    if len(text) == 4:
        return date(start.year + 1, 1, 1)
    if len(text) == 7:
        return date(start.year + (start.month == 12), start.month % 12 + 1, 1)
    return date.fromordinal(start.toordinal() + 1)


def period_bounds(
    start: str | date | None, end: str | date | None
) -> tuple[date | None, date | None]:
    """The first day and the exclusive end of a period given as ``--from``/``--to`` values."""
    lo, hi = parse_bound(start, "from"), end_bound(end)
    if lo is not None and hi is not None and hi <= lo:
        raise QueryError(f"the period is empty: --from {start} is after --to {end}")
    return lo, hi


def known_codes(con: duckdb.DuckDBPyConnection) -> list[str]:
    rows = con.execute(
        "SELECT code FROM ("
        "SELECT actor AS code FROM stories UNION SELECT recipient FROM stories "
        "UNION SELECT actor_code FROM events UNION SELECT recipient_code FROM events "
        "UNION SELECT code FROM actors) WHERE code IS NOT NULL ORDER BY code"
    ).fetchall()
    return [str(r[0]) for r in rows]


def _code_exists(con: duckdb.DuckDBPyConnection, code: str) -> bool:
    # EXISTS stops at the first match, so a known code costs little even on a large store.
    row = con.execute(
        "SELECT EXISTS (SELECT 1 FROM stories WHERE actor = $c OR recipient = $c) "
        "OR EXISTS (SELECT 1 FROM actors WHERE code = $c) "
        "OR EXISTS (SELECT 1 FROM events WHERE actor_code = $c OR recipient_code = $c)",
        {"c": code},
    ).fetchall()
    return bool(row[0][0])


def check_pair(store: Store, a: str, b: str) -> tuple[str, str]:
    """Upper-cased codes of a pair, or a QueryError naming an unknown code and close ones."""
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise QueryError(f"a pair needs two different actors, got {a} twice")
    for code in (a, b):
        if not _code_exists(store.con, code):
            codes = known_codes(store.con)
            if not codes:
                raise QueryError(
                    f"{store.path}: the store holds no events yet (run `bilateral extract`)"
                )
            close = difflib.get_close_matches(code, codes, n=5, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            raise QueryError(f"unknown actor code {code!r}: no event in the store names it{hint}")
    return a, b


def require_stories(store: Store) -> None:
    if store.count("stories") == 0:
        if store.count("events"):
            raise QueryError(
                "the store has events but no stories; run `bilateral stories` to merge the "
                "reports into stories first"
            )
        raise QueryError(f"{store.path}: the store holds no events yet (run `bilateral extract`)")


def bounds_sql(start: date | None, end: date | None, column: str = "date_start") -> str:
    parts = []
    if start is not None:
        parts.append(f"{column} >= DATE '{start.isoformat()}'")
    if end is not None:
        parts.append(f"{column} < DATE '{end.isoformat()}'")
    return " AND ".join(parts) if parts else "true"


def describe_period(start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "in the store"
    lo = start.isoformat() if start else "the beginning"
    hi = date.fromordinal(end.toordinal() - 1).isoformat() if end else "the end"
    return f"from {lo} to {hi}"


def story_sources_sql(stories: str, key: str, *, cited_only: bool = False) -> str:
    """SQL for (key, sources) of the stories in the relation ``stories`` (which has ``key``,
    ``date``, ``date_start``, ``doc_ids`` and ``source_urls``): each source a struct of doc_id,
    title, source (outlet), url and published, in publication order.

    A source with no stored document (an event from event data) is the article address the
    event data gives, with its host as outlet, dated by the story; with ``cited_only``, only the
    sources a briefing can cite are kept: dated documents and addressed event-data sources.
    """
    keep = (
        "d.published_date IS NOT NULL OR (d.id IS NULL AND u.url IS NOT NULL)"
        if cited_only
        else "true"
    )
    return f"""
        SELECT u.{key} AS key,
               list({{'doc_id': u.doc_id,
                     'title': coalesce(d.title, CASE WHEN d.id IS NULL
                                                     THEN 'Coded event ' || u.doc_id END),
                     'source': coalesce(d.source, url_host(u.url)),
                     'url': coalesce(d.url, u.url),
                     'published': coalesce(d.published, CASE WHEN d.id IS NULL THEN u.date END)}}
                    ORDER BY coalesce(d.published_date,
                                      CASE WHEN d.id IS NULL THEN u.date_start END) NULLS LAST,
                             u.doc_id) AS sources
        FROM (SELECT {key}, date, date_start, unnest(doc_ids) AS doc_id,
                     unnest(coalesce(source_urls, [])) AS url FROM {stories}) u
        LEFT JOIN documents d ON d.id = u.doc_id
        WHERE u.doc_id IS NOT NULL AND ({keep})
        GROUP BY u.{key}
    """


def fetch_story_refs(con: duckdb.DuckDBPyConnection, keys: list[int]) -> dict[int, StoryRef]:
    """The stories at these row keys (``rowid`` of ``stories``) with their documents in date
    order, keyed by row key. Analyses pass row keys, not ids: a large store fetches them
    directly, where a long random id would have to be read for every row scanned.
    """
    if not keys:
        return {}
    rows = con.execute(
        f"""
        WITH s AS (
            SELECT rowid AS k, id, date, date_start, date_precision, actor, recipient,
                   event_type, mode, context, intensity, negated, summary, n_reports, doc_ids,
                   source_urls
            FROM stories WHERE rowid = ANY(?)
        ),
        src AS ({story_sources_sql("s", "k")})
        SELECT s.id, s.date, s.date_precision, s.actor, s.recipient, s.event_type, s.mode,
               s.context, s.intensity, s.negated, s.summary, s.n_reports, src.sources, s.k
        FROM s LEFT JOIN src ON src.key = s.k
        """,
        [list(dict.fromkeys(int(k) for k in keys))],
    ).fetchall()
    out: dict[int, StoryRef] = {}
    for r in rows:
        sources = tuple(SourceRef.from_dict(x) for x in (r[12] or []))
        out[int(r[13])] = StoryRef(
            id=r[0],
            date=r[1],
            date_precision=r[2],
            actor=r[3],
            recipient=r[4],
            event_type=r[5],
            mode=r[6],
            context=tuple(r[7] or ()),
            intensity=float(r[8]),
            negated=bool(r[9]),
            summary=r[10],
            n_reports=int(r[11]),
            sources=sources,
        )
    return out


def refs_in_order(con: duckdb.DuckDBPyConnection, keys: list[int]) -> tuple[StoryRef, ...]:
    """The stories at these row keys, in the order given (duplicates once)."""
    found = fetch_story_refs(con, keys)
    return tuple(found[k] for k in dict.fromkeys(keys) if k in found)
