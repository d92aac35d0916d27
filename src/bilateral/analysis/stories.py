"""Stories: reports of one happening merged into one record (DESIGN.md, "Deduplicated event").

Two reports (events) are *linked* when they agree on

- the pair: unordered for the undirected types (CONSULT, AGREE, COOPERATE), ordered otherwise;
- the event type and the negation;
- the date: both at day precision and at most ``window_days`` apart (default 3), or both at the
  same month or year precision and naming the same month or year (a vague date never merges with
  a precise one, nor with another period);
- and the evidence: at day precision, reports of the same day link outright; otherwise the token
  Jaccard similarity of their evidence sentences (lower-cased words of three letters or more,
  common words dropped) must reach ``min_similarity`` (default 0.15). This is the tie-breaker
  that keeps two different acts of one pair in one week apart, while reports of a meeting dated a
  day apart (publication lag, "on Monday") still merge, because they name the same people and
  places.

A story is a connected group of linked reports (label propagation in SQL). Its id is the hash of
its sorted event ids, so rebuilding gives the same ids; its date, actor, recipient, mode, intensity
and ``summary`` come from its best report (highest confidence, then earliest, then lowest id);
its contexts are the union of its reports' contexts; its ``sources`` are its documents in
publication order. An event from event data (GDELT, POLECAT) has no sentence and no stored
document: its summary says who did what to whom by the CAMEO description, where, and that the
event data coded it, and its source is the article address the event data gives. Everything
but the final hand-over to ``Store.replace_stories`` runs in DuckDB.
Stories are written sorted by actor, recipient and date, so that DuckDB's zone maps let a query
for one pair skip most of a large table.
"""

from __future__ import annotations

from typing import Any

import duckdb

from bilateral import ontology, settings
from bilateral.ontology import cameo
from bilateral.records import SourceRef, Story
from bilateral.store import Store

DEFAULT_WINDOW_DAYS = 3
DEFAULT_MIN_SIMILARITY = 0.15

# Words too common in news about states to say two sentences report the same act.
_STOPWORD_TEXT = (
    "the and for with that this from his her their its was were are has have had been will "
    "would said says say also two both between after before during on into over about which "
    "who whom other than more most new first last year years month week day monday tuesday "
    "wednesday thursday friday saturday sunday today yesterday minister ministers president "
    "countries country government official officials agency news reported report reports"
)
_STOPWORDS = tuple(_STOPWORD_TEXT.split())


def _sql_list(items: list[str] | tuple[str, ...]) -> str:
    return "[" + ", ".join("'" + i.replace("'", "''") + "'" for i in items) + "]"


def build_stories(
    store: Store,
    *,
    window_days: int | None = None,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
) -> int:
    """Merge the store's events into stories, replace the stored stories; return how many.

    ``window_days`` defaults to the ``BILATERAL_STORY_WINDOW`` setting (3 days).
    """
    if window_days is None:
        window_days = int(settings.get("story_window"))
    con = store.con
    undirected = sorted(ontology.load().undirected_types)
    con.execute("DROP TABLE IF EXISTS _st_ev")
    con.execute(
        f"""
        CREATE TEMP TABLE _st_ev AS
        SELECT id, doc_id, date, date_precision, date_start, actor_code, recipient_code,
               event_type, mode, context, intensity, negated, location_country, evidence_text,
               confidence, coder, cameo, actor_text, recipient_text, location_place, source_url,
               CASE WHEN event_type IN (SELECT unnest({_sql_list(undirected)}))
                         AND recipient_code IS NOT NULL
                    THEN least(actor_code, recipient_code) ELSE actor_code END AS ka,
               CASE WHEN event_type IN (SELECT unnest({_sql_list(undirected)}))
                         AND recipient_code IS NOT NULL
                    THEN greatest(actor_code, recipient_code)
                    ELSE coalesce(recipient_code, '') END AS kb,
               CASE WHEN date_precision = 'day' THEN '' ELSE date_precision || date END AS kp,
               list_distinct(list_filter(
                   string_split_regex(lower(evidence_text), '[^a-z0-9]+'),
                   lambda t: length(t) > 2 AND NOT list_contains({_sql_list(_STOPWORDS)}, t)
               )) AS toks
        FROM events
        """
    )
    con.execute("DROP TABLE IF EXISTS _st_edges")
    con.execute(
        """
        CREATE TEMP TABLE _st_edges AS
        WITH links AS (
            SELECT x.id AS u, y.id AS v
            FROM _st_ev x JOIN _st_ev y
              ON x.ka = y.ka AND x.kb = y.kb AND x.event_type = y.event_type
             AND x.negated = y.negated AND x.kp = y.kp AND x.id < y.id
            WHERE (x.kp <> '' OR abs(date_diff('day', x.date_start, y.date_start)) <= $window)
              AND ((x.kp = '' AND x.date_start = y.date_start)
                   OR (len(list_intersect(x.toks, y.toks))::DOUBLE
                       / greatest(len(list_distinct(list_concat(x.toks, y.toks))), 1))
                      >= $sim)
        )
        SELECT u, v FROM links UNION ALL SELECT v, u FROM links
        """,
        {"window": window_days, "sim": min_similarity},
    )
    # Connected components by label propagation: each linked report takes the smallest id in
    # reach; a few rounds suffice since stories are small.
    con.execute("DROP TABLE IF EXISTS _st_lab")
    con.execute("CREATE TEMP TABLE _st_lab AS SELECT DISTINCT u AS id, u AS lab FROM _st_edges")
    while True:
        changed = con.execute(
            """
            UPDATE _st_lab SET lab = m.lab
            FROM (SELECT e.u AS id, min(l.lab) AS lab
                  FROM _st_edges e JOIN _st_lab l ON l.id = e.v GROUP BY e.u) m
            WHERE _st_lab.id = m.id AND m.lab < _st_lab.lab
            """
        ).fetchall()
        if not changed or not changed[0][0]:
            break
    con.register("_st_cameo", cameo.arrow_table())
    try:
        rows = _story_rows(con)
    finally:
        con.unregister("_st_cameo")
        for table in ("_st_ev", "_st_edges", "_st_lab"):
            con.execute(f"DROP TABLE IF EXISTS {table}")
    stories = [_story(r) for r in rows]
    n = store.replace_stories(stories)
    _register_actors(store, stories)
    return n


def _story_rows(con: duckdb.DuckDBPyConnection) -> list[tuple[Any, ...]]:
    """One row per story from the labelled reports (see the module for the choices)."""
    return con.execute(
        """
        WITH ev AS (
            SELECT e.*, coalesce(l.lab, e.id) AS lab FROM _st_ev e LEFT JOIN _st_lab l USING (id)
        ),
        best AS (
            SELECT * FROM ev
            QUALIFY row_number() OVER (
                PARTITION BY lab ORDER BY confidence DESC, date_start, id) = 1
        ),
        agg AS (
            SELECT lab,
                   list(id ORDER BY id) AS event_ids,
                   list_sort(list_distinct(flatten(list(context)))) AS context
            FROM ev GROUP BY lab
        ),
        docs AS (
            -- An event from event data (GDELT, POLECAT) has no stored document: its source is
            -- the article address the event data gives, dated by the event.
            SELECT lab, list({'doc_id': doc_id,
                              'title': d.title,
                              'source': coalesce(d.source, url_host(x.url)),
                              'url': coalesce(d.url, x.url),
                              'published': coalesce(d.published,
                                                    CASE WHEN d.id IS NULL THEN x.day END)}
                             ORDER BY coalesce(d.published_date,
                                               CASE WHEN d.id IS NULL
                                                    THEN TRY_CAST(x.day AS DATE) END)
                                      NULLS LAST, doc_id) AS sources
            FROM (SELECT lab, doc_id, any_value(source_url) AS url, min(date) AS day
                  FROM ev GROUP BY lab, doc_id) x
            LEFT JOIN documents d ON d.id = x.doc_id
            GROUP BY lab
        )
        SELECT 's' || sha256(array_to_string(agg.event_ids, chr(31)))[1:16] AS id,
               b.date, b.date_precision, b.actor_code, b.recipient_code, b.event_type, b.mode,
               agg.context, b.intensity,
               CASE WHEN coalesce(b.evidence_text, '') <> '' THEN b.evidence_text
                    ELSE concat(
                        coalesce(b.actor_text, b.actor_code), ' → ',
                        coalesce(b.recipient_text, b.recipient_code, 'no recipient'), ': ',
                        coalesce(c.description, b.event_type),
                        CASE WHEN b.cameo IS NULL THEN '' ELSE ' (CAMEO ' || b.cameo || ')' END,
                        CASE WHEN b.location_place IS NULL THEN ''
                             ELSE ', ' || b.location_place END,
                        ' [as coded by ', b.coder, ', no sentence stored]')
               END AS summary,
               agg.event_ids, docs.sources, b.negated, b.location_country
        FROM best b JOIN agg USING (lab) JOIN docs USING (lab)
        LEFT JOIN _st_cameo c ON c.cameo = b.cameo
        ORDER BY b.actor_code, b.recipient_code NULLS FIRST, b.date_start, id
        """
    ).fetchall()


def _register_actors(store: Store, stories: list[Story]) -> None:
    """Name every state and organisation the stories involve in the ``actors`` table."""
    from bilateral.extract.actors import ActorLexicon

    lexicon = ActorLexicon.default()
    codes = {s.actor for s in stories} | {s.recipient for s in stories if s.recipient}
    store.upsert_actors(
        (code, lexicon.name_of(code), lexicon.kind_of(code)) for code in sorted(codes)
    )


def _story(r: tuple[Any, ...]) -> Story:
    return Story(
        id=r[0],
        date=r[1],
        date_precision=r[2],
        actor=r[3],
        recipient=r[4],
        event_type=r[5],
        mode=r[6],
        context=tuple(r[7]),
        intensity=float(r[8]),
        summary=r[9],
        event_ids=tuple(r[10]),
        sources=tuple(SourceRef.from_dict(s) for s in r[11]),
        negated=bool(r[12]),
        location_country=r[13],
    )
