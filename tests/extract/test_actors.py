"""Actor recognition on the real gazetteer and officials files."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from importlib import resources

import pytest

from bilateral.extract.actors import ActorLexicon, Mention

D_2023 = dt.date(2023, 7, 31)
D_2025 = dt.date(2025, 3, 12)


@pytest.fixture(scope="module")
def lex() -> ActorLexicon:
    return ActorLexicon.default()


def only(lex: ActorLexicon, text: str, on: dt.date | None = D_2023) -> Mention:
    found = lex.find(text, on)
    assert len(found) == 1, found
    return found[0]


def codes(lex: ActorLexicon, text: str, on: dt.date | None = D_2023) -> list[str]:
    return [m.code for m in lex.find(text, on)]


def rows(name: str) -> list[dict[str, str]]:
    text = (resources.files("bilateral") / "data" / "actors" / name).read_text(encoding="utf-8")
    return list(csv.DictReader(text.splitlines()))


# -- states, short forms, adjectives, capitals, metonyms, IGOs ----------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Iran", "IRN"),
        ("Belarus", "BLR"),
        ("the Islamic Republic", "IRN"),
        ("the Russian Federation", "RUS"),
        ("the US", "USA"),
        ("the U.S.", "USA"),
        ("America", "USA"),
        ("the United States", "USA"),
        ("the UK", "GBR"),
        ("Britain", "GBR"),
        ("North Korea", "PRK"),
        ("the DPRK", "PRK"),
        ("South Korea", "KOR"),
        ("Syria", "SYR"),
        ("Ivory Coast", "CIV"),
        ("Czechia", "CZE"),
        ("the Czech Republic", "CZE"),
        ("Burma", "MMR"),
        ("the Emirates", "ARE"),
        ("the UAE", "ARE"),
        ("Palestine", "PSE"),
        ("Kosovo", "XKX"),
        ("Taiwan", "TWN"),
        ("the Holy See", "VAT"),
        ("Nauru", "NRU"),
    ],
)
def test_state_names_and_short_forms(lex: ActorLexicon, text: str, code: str) -> None:
    m = only(lex, f"Officials from {text} arrived.")
    assert (m.code, m.kind, m.sector) == (code, "country", None)
    assert text.endswith(m.text)


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Belarusian", "BLR"),
        ("Belarussian", "BLR"),
        ("Byelorussian", "BLR"),
        ("Iranian", "IRN"),
        ("Russian", "RUS"),
        ("Azerbaijani", "AZE"),
        ("Azeri", "AZE"),
        ("Armenian", "ARM"),
        ("North Korean", "PRK"),
        ("Emirati", "ARE"),
        ("Saudi", "SAU"),
    ],
)
def test_adjectives(lex: ActorLexicon, word: str, code: str) -> None:
    m = only(lex, f"A {word} proposal was discussed.")
    assert (m.code, m.kind, m.text) == (code, "adjective", word)


@pytest.mark.parametrize(
    ("text", "code", "kind", "sector"),
    [
        ("Minsk", "BLR", "capital", "GOV"),
        ("Tehran", "IRN", "capital", "GOV"),
        ("Beijing", "CHN", "capital", "GOV"),
        ("Washington", "USA", "capital", "GOV"),
        ("Kyiv", "UKR", "capital", "GOV"),
        ("Kiev", "UKR", "capital", "GOV"),
        ("the Kremlin", "RUS", "metonym", "GOV"),
        ("the White House", "USA", "metonym", "GOV"),
        ("the Pentagon", "USA", "metonym", "MIL"),
        ("the State Department", "USA", "metonym", "GOV"),
        ("Downing Street", "GBR", "metonym", "GOV"),
        ("Zhongnanhai", "CHN", "metonym", "GOV"),
        ("the Élysée", "FRA", "metonym", "GOV"),
        ("the Quai d'Orsay", "FRA", "metonym", "GOV"),
        ("Bankova", "UKR", "metonym", "GOV"),
        ("Brussels", "EU", "metonym", None),
    ],
)
def test_capitals_and_metonyms_stand_for_governments(
    lex: ActorLexicon, text: str, code: str, kind: str, sector: str | None
) -> None:
    m = only(lex, f"On Monday {text} rejected the proposal.")
    assert (m.text, m.code, m.kind, m.sector) == (text, code, kind, sector)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("the European Union", "EU"),
        ("the EU", "EU"),
        ("NATO", "NATO"),
        ("the United Nations", "UN"),
        ("the CSTO", "CSTO"),
        ("the Shanghai Cooperation Organisation", "SCO"),
        ("BRICS", "BRICS"),
        ("the Eurasian Economic Union", "EAEU"),
        ("the IAEA", "IAEA"),
        ("the OSCE", "OSCE"),
        ("the African Union", "AU"),
        ("ASEAN", "ASEAN"),
        ("the Gulf Cooperation Council", "GCC"),
        ("OPEC+", "OPEC"),
        ("the CIS", "CIS"),
        ("the G7", "G7"),
        ("the OIC", "OIC"),
        ("the Arab League", "ARAB_LEAGUE"),
        ("the WHO", "WHO"),
        ("the IMF", "IMF"),
        ("the WTO", "WTO"),
    ],
)
def test_igos(lex: ActorLexicon, text: str, code: str) -> None:
    m = only(lex, f"Talks with {text} stalled.")
    assert (m.code, m.kind) == (code, "igo")
    assert text.endswith(m.text.removeprefix("the "))


def test_state_companies_map_to_their_state(lex: ActorLexicon) -> None:
    text = (
        "Belarusneft, Belavia, Mahan Air, Iran Air, Gazprom, Rosneft, Rosatom, NIOC, MAZ, "
        "BelAZ and Iran Khodro signed deals; the IRGC watched."
    )
    found = [(m.text, m.code, m.sector) for m in lex.find(text, D_2023)]
    assert found == [
        ("Belarusneft", "BLR", "BUS"),
        ("Belavia", "BLR", "BUS"),
        ("Mahan Air", "IRN", "BUS"),
        ("Iran Air", "IRN", "BUS"),
        ("Gazprom", "RUS", "BUS"),
        ("Rosneft", "RUS", "BUS"),
        ("Rosatom", "RUS", "BUS"),
        ("NIOC", "IRN", "BUS"),
        ("MAZ", "BLR", "BUS"),
        ("BelAZ", "BLR", "BUS"),
        ("Iran Khodro", "IRN", "BUS"),
        ("the IRGC", "IRN", "MIL"),
    ]


# -- the phrase grammar: one mention for the longest phrase -------------------------------------


@pytest.mark.parametrize(
    ("phrase", "code", "sector", "kind"),
    [
        ("Iran's defence minister Mohammad-Reza Ashtiani", "IRN", "MIL", "official"),
        ("Belarusian Defence Minister Viktor Khrenin", "BLR", "MIL", "official"),
        ("the Iranian defence minister", "IRN", "MIL", "title"),
        ("President Alexander Lukashenko", "BLR", "GOV", "official"),
        ("Belarus's foreign ministry", "BLR", "GOV", "title"),
        ("the Belarusian side", "BLR", "GOV", "title"),
        ("Iranian forces", "IRN", "MIL", "title"),
        ("the Iranian armed forces", "IRN", "MIL", "title"),
        ("Belarusian troops", "BLR", "MIL", "title"),
        ("the Russian Defence Ministry", "RUS", "MIL", "title"),
        ("Kremlin spokesman Dmitry Peskov", "RUS", "GOV", "official"),
        ("the US defense minister", "USA", "MIL", "title"),
        ("Iran's foreign minister", "IRN", "GOV", "title"),
        ("the Belarusian president", "BLR", "GOV", "title"),
        ("Iran's ambassador to Belarus", "IRN", "GOV", "title"),
        ("the Iranian embassy in Minsk", "IRN", "GOV", "title"),
        ("the Belarusian parliament", "BLR", "LEG", "title"),
        ("Iranian lawmakers", "IRN", "LEG", "title"),
        ("the Russian Supreme Court", "RUS", "JUD", "title"),
        ("Belarusian police", "BLR", "COP", "title"),
        ("Russian companies", "RUS", "BUS", "title"),
        ("the Iranian army", "IRN", "MIL", "title"),
        ("Belarus' defence ministry", "BLR", "MIL", "title"),
        ("NATO Secretary General Mark Rutte", "NATO", "GOV", "official"),
    ],
)
def test_longest_phrase_is_one_mention(
    lex: ActorLexicon, phrase: str, code: str, sector: str, kind: str
) -> None:
    text = f"On Tuesday {phrase} said talks would continue."
    m = only(lex, text)
    assert (m.text, m.code, m.sector, m.kind) == (phrase, code, sector, kind)
    assert text[m.start : m.end] == phrase


def test_offsets_index_the_given_text(lex: ActorLexicon) -> None:
    text = "Iran’s defence minister met Lukashenko in Minsk — and the EU objected."
    found = lex.find(text, D_2023)
    assert [m.text for m in found] == ["Iran’s defence minister", "Lukashenko", "Minsk", "the EU"]
    assert all(text[m.start : m.end] == m.text for m in found)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


def test_bare_title_without_country_is_no_mention(lex: ActorLexicon) -> None:
    assert lex.find("The defence minister said the ministry and the army were ready.") == []


def test_unknown_name_after_a_title_is_absorbed(lex: ActorLexicon) -> None:
    m = only(lex, "Iran's ambassador to Belarus Alireza Sanei visited the plant.")
    assert m.text == "Iran's ambassador to Belarus Alireza Sanei"
    assert (m.code, m.person, m.kind) == ("IRN", None, "title")


# -- officials and tenure -----------------------------------------------------------------------


def test_defence_ministers_of_iran_by_tenure(lex: ActorLexicon) -> None:
    m = only(lex, "Ashtiani visited Minsk.".replace(" Minsk", " the plant"), D_2023)
    assert (m.code, m.sector, m.person, m.in_office) == (
        "IRN",
        "MIL",
        "Mohammad-Reza Ashtiani",
        True,
    )
    later = only(lex, "Ashtiani visited the plant.", D_2025)
    assert (later.code, later.in_office, later.sector) == ("IRN", False, None)
    nasir = only(lex, "Aziz Nasirzadeh visited the plant.", D_2025)
    assert (nasir.code, nasir.sector, nasir.in_office) == ("IRN", "MIL", True)
    early = only(lex, "Aziz Nasirzadeh visited the plant.", D_2023)
    assert early.in_office is False


def test_title_gives_the_sector_even_out_of_office(lex: ActorLexicon) -> None:
    m = only(lex, "Former Iranian defence minister Ashtiani spoke.", D_2025)
    assert (m.code, m.sector, m.in_office) == ("IRN", "MIL", False)


@pytest.mark.parametrize(
    ("name", "day", "code", "person"),
    [
        ("Lukashenko", dt.date(1995, 1, 1), "BLR", "Alexander Lukashenko"),
        ("Lukashenka", dt.date(2024, 1, 1), "BLR", "Alexander Lukashenko"),
        ("Shushkevich", dt.date(1992, 5, 1), "BLR", "Stanislav Shushkevich"),
        ("Raisi", dt.date(2022, 5, 1), "IRN", "Ebrahim Raisi"),
        ("Pezeshkian", dt.date(2025, 1, 1), "IRN", "Masoud Pezeshkian"),
        ("Khamenei", dt.date(2010, 1, 1), "IRN", "Ali Khamenei"),
        ("Aliyev", dt.date(2000, 1, 1), "AZE", "Heydar Aliyev"),
        ("Aliyev", dt.date(2015, 1, 1), "AZE", "Ilham Aliyev"),
        ("Kallas", dt.date(2022, 6, 1), "EST", "Kaja Kallas"),
        ("Kallas", dt.date(2025, 6, 1), "EU", "Kaja Kallas"),
        ("Rutte", dt.date(2020, 6, 1), "NLD", "Mark Rutte"),
        ("Rutte", dt.date(2025, 6, 1), "NATO", "Mark Rutte"),
        ("Grossi", dt.date(2023, 1, 1), "IAEA", "Rafael Grossi"),
        ("Guterres", dt.date(2023, 1, 1), "UN", "António Guterres"),
    ],
)
def test_officials_resolve_by_date(
    lex: ActorLexicon, name: str, day: dt.date, code: str, person: str
) -> None:
    m = only(lex, f"{name} spoke.", day)
    assert (m.code, m.person, m.in_office, m.kind) == (code, person, True, "official")
    assert m.sector == "GOV"


def test_no_date_means_in_office(lex: ActorLexicon) -> None:
    m = only(lex, "Ashtiani spoke.", None)
    assert (m.code, m.in_office, m.sector) == ("IRN", True, "MIL")


def test_rafsanjani_outside_tenure_still_maps_to_iran(lex: ActorLexicon) -> None:
    m = only(lex, "Rafsanjani spoke.", dt.date(2010, 1, 1))
    assert (m.code, m.in_office) == ("IRN", False)


# -- ambiguity and false hits -------------------------------------------------------------------


def test_georgia_the_state_and_the_us_state(lex: ActorLexicon) -> None:
    assert codes(lex, "He flew from Atlanta, Georgia to Tbilisi, Georgia.") == ["GEO", "GEO"]
    assert [m.text for m in lex.find("Georgia Tech and Georgia signed.")] == ["Georgia"]


def test_lower_case_words_and_fixed_phrases_are_not_states(lex: ActorLexicon) -> None:
    assert lex.find("a hanging chad, a turkey dinner, a jordan almond") == []
    assert lex.find("Turkey dinner was served near the Jordan River.") == []
    assert lex.find("The Korean Peninsula and the Persian Gulf; Michael Jordan scored.") == []
    assert lex.find("The Iranian rial and the Russian rouble fell against the US dollar.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guinea, Guinea-Bissau, Equatorial Guinea and Papua New Guinea",
            ["GIN", "GNB", "GNQ", "PNG"],
        ),
        ("Niger and Nigeria", ["NER", "NGA"]),
        ("Sudan and South Sudan", ["SDN", "SSD"]),
        ("Dominica and the Dominican Republic", ["DMA", "DOM"]),
        ("the Republic of the Congo and the Democratic Republic of the Congo", ["COG", "COD"]),
        ("Congo-Brazzaville and DR Congo", ["COG", "COD"]),
        ("North Korea and South Korea", ["PRK", "KOR"]),
        ("Chad and Jordan", ["TCD", "JOR"]),
        ("Turkey and Türkiye", ["TUR", "TUR"]),
    ],
)
def test_ambiguous_names(lex: ActorLexicon, text: str, expected: list[str]) -> None:
    assert codes(lex, f"Envoys from {text} met.") == expected


# -- coverage of the data -----------------------------------------------------------------------


def test_every_un_member_resolves_by_name_and_adjective(lex: ActorLexicon) -> None:
    states = rows("states.csv")
    un = [r["code"] for r in states if r["status"] == "un"]
    assert len(un) == 193
    misses = []
    for code in un:
        name = lex.name_of(code)
        if codes(lex, f"Talks with {name} resumed.") != [code]:
            misses.append(("name", code, name))
    # Two adjectives belong to two states; the news uses them for the larger one.
    shared = {"COG": "COD", "DMA": "DOM"}
    adjectives = {r["code"]: r["demonyms"].split("|")[0] for r in rows("demonyms.csv")}
    for code in un:
        adjective = adjectives[code]
        if not adjective:
            assert code in shared
            continue
        if codes(lex, f"The {adjective} proposal was rejected.") != [code]:
            misses.append(("adjective", code, adjective))
    assert misses == []


def test_every_capital_belongs_to_a_known_state(lex: ActorLexicon) -> None:
    capitals = rows("capitals.csv")
    assert len(capitals) == 197
    assert all(lex.is_known(r["code"]) for r in capitals)
    assert codes(lex, "Officials in Minsk and Tehran agreed.") == ["BLR", "IRN"]


def test_officials_file_is_well_formed(lex: ActorLexicon) -> None:
    officials = rows("officials.csv")
    assert len(officials) > 800
    for row in officials:
        assert lex.is_known(row["code"]), row
        assert row["source"].startswith("https://"), row
        assert row["sector"] in {"GOV", "MIL", "LEG"}, row
        if row["end"]:
            assert row["end"] >= row["start"], row


@pytest.mark.parametrize(
    "code",
    [
        "IRN",
        "BLR",
        "RUS",
        "UKR",
        "ARM",
        "AZE",
        "GEO",
        "KAZ",
        "PRK",
        "CHN",
        "USA",
        "GBR",
        "FRA",
        "DEU",
        "POL",
        "LTU",
        "LVA",
        "TUR",
        "ISR",
        "SYR",
        "IRQ",
        "IND",
        "PAK",
        "VEN",
        "SAU",
        "QAT",
        "ARE",
    ],
)
def test_core_states_have_their_leaders_in_2023(code: str) -> None:
    held = {
        row["role"]
        for row in rows("officials.csv")
        if row["code"] == code
        and row["start"] <= "2023-06-01"
        and (not row["end"] or row["end"] >= "2023-06-01")
    }
    assert {"foreign_minister", "defence_minister"} <= held, held
    assert held & {"head_of_state", "head_of_government"}, held


def test_names_and_codes(lex: ActorLexicon) -> None:
    assert lex.name_of("IRN") == "Iran"
    assert lex.name_of("BLR") == "Belarus"
    assert lex.name_of("EU") == "European Union"
    assert lex.name_of("XYZ") == "XYZ"
    assert lex.is_known("NATO")
    assert lex.is_known("ARAB_LEAGUE")
    assert not lex.is_known("XYZ")
    assert {"IRN", "BLR", "EU", "NATO", "UN", "CSTO", "SCO", "BRICS", "EAEU"} <= lex.codes()
    assert ActorLexicon.default() is lex


def test_bare_possessive_and_article_stay_outside_the_state(lex: ActorLexicon) -> None:
    found = lex.find("Iran's economy and the Iranian proposal reached the Kremlin's desk.")
    assert [(m.text, m.code) for m in found] == [
        ("Iran", "IRN"),
        ("Iranian", "IRN"),
        ("the Kremlin", "RUS"),
    ]
    assert [m.text for m in lex.find("Sabalenka won the Australian Open and the US Open.")] == []


def test_name_after_a_foreign_state_is_not_merged(lex: ActorLexicon) -> None:
    found = lex.find("Belarus Lavrov met officials.", D_2023)
    assert [(m.text, m.code) for m in found] == [("Belarus", "BLR"), ("Lavrov", "RUS")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Delegates met in the US state of Georgia.", []),
        ("A court in the Hague ruled.", [("the Hague", "NLD")]),
        ("George Washington crossed the river.", []),
        ("Bank of America analysts disagreed.", []),
    ],
)
def test_more_places_that_are_not_the_state(
    lex: ActorLexicon, text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(m.text, m.code) for m in lex.find(text)] == expected


def test_shared_surnames_resolve_to_the_office_holder_of_the_day(lex: ActorLexicon) -> None:
    assert only(lex, "Clinton spoke.", dt.date(2011, 3, 1)).person == "Hillary Clinton"
    assert only(lex, "Clinton spoke.", dt.date(1995, 3, 1)).person == "Bill Clinton"
    assert only(lex, "Landsbergis spoke.", dt.date(2022, 3, 1)).person == "Gabrielius Landsbergis"
    assert only(lex, "Landsbergis spoke.", dt.date(1991, 3, 1)).person == "Vytautas Landsbergis"


def test_coordinated_adjectives_share_the_title_sector(lex: ActorLexicon) -> None:
    found = lex.find("The Iranian and Belarusian defence ministers met in Minsk.", D_2023)
    assert [(m.text, m.code, m.sector, m.kind) for m in found] == [
        ("Iranian", "IRN", "MIL", "adjective"),
        ("Belarusian defence ministers", "BLR", "MIL", "title"),
        ("Minsk", "BLR", "GOV", "capital"),
    ]


def test_phrases_do_not_cross_line_breaks_or_spaced_dashes(lex: ActorLexicon) -> None:
    found = lex.find("Ties with Belarus\n- Military cooperation grew; Belarus - army drills.")
    assert [(m.text, m.sector) for m in found] == [("Belarus", None), ("Belarus", None)]
    assert [m.text for m in lex.find("Guinea-Bissau and Mohammad Reza Ashtiani")] == [
        "Guinea-Bissau",
        "Mohammad Reza Ashtiani",
    ]
