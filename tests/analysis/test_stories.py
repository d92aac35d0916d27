"""Reports of one happening become one story; different happenings stay apart."""

from __future__ import annotations

from pathlib import Path

from bilateral.analysis import build_stories
from bilateral.analysis.common import refs_in_order
from bilateral.records import make_id
from bilateral.sources.gdelt import load_file
from bilateral.store import Store


def _stories(store):
    return store.con.execute(
        "SELECT id, date, actor, recipient, event_type, n_reports, summary, event_ids, doc_ids "
        "FROM stories ORDER BY date_start, id"
    ).fetchall()


def test_ten_reports_of_one_meeting_are_one_story(planter) -> None:
    days = ["2023-03-13", "2023-03-13", "2023-03-14", "2023-03-14", "2023-03-15"] * 2
    for i, day in enumerate(days):
        actor, recipient = ("IRN", "BLR") if i % 2 else ("BLR", "IRN")
        planter.add(
            actor,
            recipient,
            "CONSULT",
            day,
            text=f"Belarusian defence minister Khrenin held talks with Iranian counterpart "
            f"Ashtiani in Tehran on military cooperation (outlet {i})",
            context=("military",),
            source=f"Outlet {i}",
            confidence=0.95 if i == 6 else 0.8,
        )
    store = planter.build()
    rows = _stories(store)
    assert len(rows) == 1
    story = rows[0]
    assert story[5] == 10
    assert story[6].endswith("(outlet 6)")  # the most confident report speaks for the story
    assert story[0] == make_id("s", *sorted(e.id for e in planter.events))


def test_two_meetings_a_week_apart_are_two_stories(planter) -> None:
    text = "Lukashenko received the Iranian foreign minister in Minsk"
    for k in range(3):
        planter.add("IRN", "BLR", "CONSULT", "2023-03-13", text=f"{text} ({k})")
        planter.add("IRN", "BLR", "CONSULT", "2023-03-20", text=f"{text} again ({k})")
    store = planter.build()
    rows = _stories(store)
    assert [(r[1], r[5]) for r in rows] == [("2023-03-13", 3), ("2023-03-20", 3)]


def test_close_days_need_similar_evidence(planter) -> None:
    planter.add("IRN", "BLR", "SUPPORT", "2006-11-07", text="Iran and Belarus sign eight documents")
    planter.add(
        "IRN", "BLR", "SUPPORT", "2006-11-08", text="Ahmadinejad praised Lukashenko as brave"
    )
    planter.add(
        "IRN", "BLR", "SUPPORT", "2006-11-09", text="Iran and Belarus signed eight documents"
    )
    store = planter.build()
    assert sorted(r[5] for r in _stories(store)) == [1, 2]


def test_direction_negation_and_precision_keep_stories_apart(planter) -> None:
    same = "Iran criticised Belarus over the detention"
    planter.add("IRN", "BLR", "ACCUSE", "2021-10-27", text=same)
    planter.add("BLR", "IRN", "ACCUSE", "2021-10-27", text=same)  # ordered type: apart
    planter.add("IRN", "BLR", "COOPERATE", "2021-10-27", text="joint plant opened")
    planter.add("BLR", "IRN", "COOPERATE", "2021-10-27", text="joint plant opened")  # undirected
    planter.add("IRN", "BLR", "AID", "2021-10-27", text="Iran supplied drones")
    planter.add("IRN", "BLR", "AID", "2021-10-27", text="Iran supplied drones", negated=True)
    planter.add("IRN", "BLR", "AGREE", "2021-10", text="agreed a roadmap", precision="month")
    planter.add("IRN", "BLR", "AGREE", "2021-10", text="agreed a roadmap", precision="month")
    planter.add("IRN", "BLR", "AGREE", "2021-11", text="agreed a roadmap", precision="month")
    planter.add("IRN", "BLR", "AGREE", "2021-10-12", text="agreed a roadmap")
    store = planter.build()
    counts = sorted((r[4], r[1], r[5]) for r in _stories(store))
    assert counts == [
        ("ACCUSE", "2021-10-27", 1),
        ("ACCUSE", "2021-10-27", 1),
        ("AGREE", "2021-10", 2),
        ("AGREE", "2021-10-12", 1),
        ("AGREE", "2021-11", 1),
        ("AID", "2021-10-27", 1),
        ("AID", "2021-10-27", 1),
        ("COOPERATE", "2021-10-27", 2),
    ]


def test_rebuild_is_deterministic_and_sources_are_in_date_order(planter) -> None:
    text = "Raisi and Lukashenko met in Tehran"
    planter.add("IRN", "BLR", "CONSULT", "2023-03-14", text=f"{text}, late report")
    planter.add("IRN", "BLR", "CONSULT", "2023-03-13", text=f"{text}, early report")
    store = planter.build()
    first = _stories(store)
    assert build_stories(store) == 1
    assert _stories(store) == first
    late, early = (e.doc_id for e in planter.events)
    assert first[0][8] == [early, late]


def test_the_story_window_setting_widens_what_counts_as_one_happening(planter, monkeypatch) -> None:
    text = "Lukashenko received the Iranian foreign minister in Minsk"
    planter.add("IRN", "BLR", "CONSULT", "2023-03-13", text=text)
    planter.add("IRN", "BLR", "CONSULT", "2023-03-20", text=text + " again")
    store = planter.build()
    assert len(_stories(store)) == 2
    monkeypatch.setenv("BILATERAL_STORY_WINDOW", "7")
    build_stories(store)
    assert [r[5] for r in _stories(store)] == [2]


def test_the_actors_of_the_stories_are_named_in_the_store(planter) -> None:
    planter.add("IRN", "BLR", "CONSULT", "2023-03-13", text="Talks in Tehran")
    planter.add("EU", "BLR", "SANCTION", "2023-08-03", text="The EU listed Belarusian firms")
    store = planter.build()
    assert store.con.execute("SELECT code, name, kind FROM actors ORDER BY code").fetchall() == [
        ("BLR", "Belarus", "state"),
        ("EU", "European Union", "igo"),
        ("IRN", "Iran", "state"),
    ]


def test_a_gdelt_story_says_what_was_coded_and_links_the_article(
    shared_data: Path, db_path: Path
) -> None:
    """An event from GDELT has no sentence and no stored document: its story names the coded
    act by its CAMEO description and cites the article address GDELT gives."""
    with Store(db_path) as store:
        load_file(store, shared_data / "gdelt" / "samples" / "events1.csv")
        build_stories(store)
        (key,) = store.con.execute(
            "SELECT rowid FROM stories WHERE list_contains(event_ids, 'gdelt:932734481')"
        ).fetchone()
        (story,) = refs_in_order(store.con, [key])
    assert story.event_type == "ACCUSE"
    assert (story.actor, story.recipient, story.date) == ("CHN", "PHL", "2019-07-03")
    assert story.summary.startswith("CHINA → PHILIPPINE: ")
    assert "(CAMEO 114)" in story.summary
    assert "Recto Bank, Palawan, Philippines" in story.summary
    assert "as coded by gdelt" in story.summary
    (source,) = story.sources
    assert source.url == (
        "https://news.abs-cbn.com/news/07/01/20/"
        "ph-authorities-probing-boat-collision-with-hong-kong-vessel-dfa"
    )
    assert source.source == "news.abs-cbn.com"
    assert source.published == "2019-07-03"
