"""GDELT exports: the shared real samples load with exact counts and values; bad files fail
cleanly with FILE:LINE and leave nothing behind."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from bilateral.cli import main
from bilateral.errors import InputError
from bilateral.ontology import cameo
from bilateral.sources import IngestOptions, ingest
from bilateral.sources.gdelt import load_file
from bilateral.store import Store


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text("utf-8").splitlines()]


def _coded(code: str) -> bool:
    found = cameo.lookup(code)
    return found is not None and found.event_type is not None


def _stored(store: Store, where: str = "") -> dict[str, tuple[object, ...]]:
    rows = store.con.execute(
        "SELECT id, date, actor_code, recipient_code, event_type, mode, cameo, goldstein, "
        f"source_url, num_mentions, location_place, coder, doc_id FROM events {where}"
    ).fetchall()
    return {r[0]: r[1:] for r in rows}


def _party(row: list[str], first: int) -> str | None:
    """The party the actor columns from ``first`` (Code, Name, CountryCode, KnownGroupCode)
    name: the country, else the organisation, else UNK when GDELT coded something (a type, an
    ethnic group), else nobody."""
    whole, country, group = row[first].strip(), row[first + 2].strip(), row[first + 3].strip()
    if country:
        return country
    if group:
        return cameo.group_codes().get(group, group)
    return "UNK" if whole else None


def _expected_event(row: list[str], url_index: int | None) -> tuple[object, ...]:
    code = row[26]
    mapping = cameo.lookup(code)
    assert mapping is not None
    day = row[1]
    actor = _party(row, 5) or "UNK"
    recipient = _party(row, 15)
    url = row[url_index] if url_index is not None and len(row) > url_index else None
    place = row[52] if len(row) == 61 else row[50]
    return (
        f"{day[:4]}-{day[4:6]}-{day[6:]}",
        actor,
        recipient,
        mapping.event_type,
        mapping.mode,
        code,
        float(row[30]),
        url or None,
        int(row[31]),
        place or None,
        "gdelt",
        f"gdelt:{row[0]}",
    )


@pytest.mark.parametrize("name", ["events.csv", "eventsT.csv"])
def test_gdelt2_events_load_with_exact_counts_and_values(
    shared_data: Path, db_path: Path, name: str
) -> None:
    path = shared_data / "gdelt" / "samples" / name
    rows = _rows(path)
    assert len(rows) == 100
    assert {len(r) for r in rows} == {61}
    expected = {f"gdelt:{r[0]}": _expected_event(r, 60) for r in rows if _coded(r[26])}
    with Store(db_path) as store:
        load = load_file(store, path)
        assert (load.layout, load.read, load.added) == ("events2", 100, len(expected))
        assert load.not_coded == 100 - len(expected) > 0  # the sample has 01x statements
        assert _stored(store) == expected
        # a second load of the same file adds nothing
        again = load_file(store, path)
        assert (again.added, again.duplicates, again.not_coded) == (
            0,
            len(expected),
            100 - len(expected),
        )
        assert store.count("events") == len(expected)


def test_gdelt2_values_spot_checked_against_the_file(shared_data: Path, db_path: Path) -> None:
    path = shared_data / "gdelt" / "samples" / "events.csv"
    with Store(db_path) as store:
        load_file(store, path)
        row = store.con.execute(
            "SELECT date, date_precision, actor_code, recipient_code, cameo, goldstein, event_type,"
            " mode, context, intensity, source_url, evidence_start, evidence_end, evidence_text"
            " FROM events WHERE id = 'gdelt:410412348'"
        ).fetchall()
    # line 2 of the sample: an unnamed actor visits India (042, Goldstein 1.9), Times of India
    assert row == [
        (
            "2014-02-18",
            "day",
            "UNK",
            "IND",
            "042",
            1.9,
            "CONSULT",
            "visit",
            [],
            4.0,
            "http://timesofindia.indiatimes.com/city/bengaluru/Feline-beauties-to-strut-their-"
            "stuff/articleshow/46292006.cms",
            0,
            0,
            "",
        )
    ]


def test_gdelt1_both_widths_load(shared_data: Path, db_path: Path) -> None:
    path = shared_data / "gdelt" / "samples" / "events1.csv"
    rows = _rows(path)
    assert sorted({len(r) for r in rows}) == [57, 58]
    expected = {f"gdelt:{r[0]}": _expected_event(r, 57) for r in rows if _coded(r[26])}
    with Store(db_path) as store:
        load = load_file(store, path)
        assert (load.layout, load.read, load.added) == ("events1", 100, len(expected))
        stored = _stored(store)
        assert stored == expected
        with_url = [k for k, v in stored.items() if v[7] is not None]
        assert len(with_url) == sum(1 for r in rows if len(r) == 58 and _coded(r[26]))
        assert stored["gdelt:0"][0] == "1979-01-01"


@pytest.mark.parametrize("name", ["mentions.csv", "mentionsT.csv"])
def test_gdelt2_mentions_load(shared_data: Path, db_path: Path, name: str) -> None:
    path = shared_data / "gdelt" / "samples" / name
    rows = _rows(path)
    with Store(db_path) as store:
        load = load_file(store, path)
        assert (load.layout, load.read, load.added) == ("mentions", 100, 100)
        stored = store.con.execute(
            "SELECT event_id, url, source_name, strftime(mention_time, '%Y%m%d%H%M%S'), "
            "sentence_id, confidence, doc_len, doc_tone FROM mentions"
        ).fetchall()
        assert sorted(stored) == sorted(
            (f"gdelt:{r[0]}", r[5], r[4], r[2], int(r[6]), int(r[11]), int(r[12]), float(r[13]))
            for r in rows
        )
        assert load_file(store, path).added == 0


def test_mentions_link_to_events_of_the_same_batch(shared_data: Path, db_path: Path) -> None:
    samples = shared_data / "gdelt" / "samples"
    with Store(db_path) as store:
        load_file(store, samples / "events.csv")
        load_file(store, samples / "mentions.csv")
        linked = store.con.execute(
            "SELECT count(*) FROM mentions m JOIN events e ON e.id = m.event_id"
        ).fetchall()[0][0]
    assert linked > 0


def test_zipped_export_loads_like_the_plain_one(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    zipped = tmp_path / "20150218230000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(shared_data / "gdelt" / "samples" / "events.csv", "20150218230000.export.CSV")
    with Store(db_path) as store:
        reports = ingest([str(zipped)], store, IngestOptions())
        assert reports[0].kind == "gdelt"
        assert reports[0].events is not None
        assert reports[0].events.read == 100
        assert store.count("events") == 89


def _copy_with(src: Path, dst: Path, line: int, change: bytes | None) -> Path:
    lines = src.read_bytes().split(b"\n")
    if change is not None:
        lines[line - 1] = change
    dst.write_bytes(b"\n".join(lines))
    return dst


def _assert_refused(db_path: Path, path: Path, line: int | None, reason: str) -> None:
    with Store(db_path) as store:
        with pytest.raises(InputError) as info:
            load_file(store, path)
        counts = store.con.execute(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM mentions)"
        ).fetchall()
        assert counts == [(0, 0)]
    assert info.value.path == str(path)
    assert info.value.line == line
    assert reason in info.value.reason


def test_wrong_column_count_names_the_line_and_stores_nothing(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    src = shared_data / "gdelt" / "samples" / "events.csv"
    line = src.read_bytes().split(b"\n")[36]
    bad = _copy_with(src, tmp_path / "bad.export.CSV", 37, line.rsplit(b"\t", 1)[0])
    _assert_refused(
        db_path, bad, 37, "expected 61 tab-separated fields (GDELT 2.0 events), found 60"
    )


def test_skip_bad_loads_the_rest_and_counts(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    src = shared_data / "gdelt" / "samples" / "events.csv"
    lines = src.read_bytes().split(b"\n")
    lines[9] = lines[9] + b"\textra"
    lines[19] = lines[19].replace(b"\t20140218\t", b"\t2014-02-18\t", 1)
    bad = tmp_path / "bad.export.CSV"
    bad.write_bytes(b"\n".join(lines))
    good_ids = {
        f"gdelt:{r[0]}" for i, r in enumerate(_rows(src)) if i not in (9, 19) and _coded(r[26])
    }
    with Store(db_path) as store:
        load = load_file(store, bad, skip_bad=True)
        assert load.skipped_bad == 2
        assert [e.line for e in load.errors] == [10, 20]
        assert "SQLDATE" in load.errors[1].reason
        assert set(_stored(store)) == good_ids
        assert load.read == 98
        assert load.added == len(good_ids)


def test_non_utf8_bytes_are_refused_with_the_line(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    src = shared_data / "gdelt" / "samples" / "events.csv"
    line = src.read_bytes().split(b"\n")[4]
    bad = _copy_with(src, tmp_path / "bad.export.CSV", 5, line.replace(b"USA", b"U\xffA", 1))
    _assert_refused(db_path, bad, 5, "not valid UTF-8")


def test_a_50_megabyte_line_is_refused_with_the_line(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    src = shared_data / "gdelt" / "samples" / "events.csv"
    line = src.read_bytes().split(b"\n")[49]
    huge = line + b"x" * (50 * 1024 * 1024)
    bad = _copy_with(src, tmp_path / "bad.export.CSV", 50, huge)
    _assert_refused(db_path, bad, 50, "line longer than")


def test_corrupt_zip_is_a_clear_error(shared_data: Path, db_path: Path, tmp_path: Path) -> None:
    zipped = tmp_path / "20150218230000.export.CSV.zip"
    with zipfile.ZipFile(zipped, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(shared_data / "gdelt" / "samples" / "events.csv", "x.CSV")
    data = bytearray(zipped.read_bytes())
    data[60:400] = bytes(340)  # wreck the compressed stream
    zipped.write_bytes(bytes(data))
    _assert_refused(db_path, zipped, None, "corrupt zip")
    truncated = tmp_path / "t.export.CSV.zip"
    truncated.write_bytes(bytes(data[:200]))
    _assert_refused(db_path, truncated, None, "corrupt zip")


def test_gkg_and_unknown_widths_are_refused(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    _assert_refused(db_path, shared_data / "gdelt" / "samples" / "gkg.csv", None, "GKG")
    odd = tmp_path / "odd.export.CSV"
    odd.write_text("1\t2\t3\n", encoding="utf-8")
    _assert_refused(db_path, odd, 1, "not a GDELT export")


def test_cli_ingest_reports_counts_and_errors(
    shared_data: Path, db_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = shared_data / "gdelt" / "samples" / "events.csv"
    assert main(["--db", str(db_path), "ingest", "--kind", "gdelt", str(src)]) == 0
    err = capsys.readouterr().err
    assert "100 events read, 89 added" in err
    assert "11 rows not stored" in err
    line = src.read_bytes().split(b"\n")[2]
    bad = _copy_with(src, tmp_path / "bad.csv", 3, line + b"\t1")
    assert main(["--db", str(db_path), "ingest", "--kind", "gdelt", str(bad)]) == 2
    assert f"{bad}:3: expected 61" in " ".join(capsys.readouterr().err.split())


def test_gdelt1_short_row_is_found_despite_padding(
    shared_data: Path, db_path: Path, tmp_path: Path
) -> None:
    src = shared_data / "gdelt" / "samples" / "events1.csv"
    line = src.read_bytes().split(b"\n")[11]  # a 57-field row
    short = line.rsplit(b"\t", 1)[0]
    bad = _copy_with(src, tmp_path / "20130203.export.CSV", 12, short)
    _assert_refused(
        db_path, bad, 12, "expected 57 or 58 tab-separated fields (GDELT 1.0 events), found 56"
    )


def test_parties_are_states_or_organisations_never_bare_types_or_ethnic_groups(
    shared_data: Path, db_path: Path
) -> None:
    """Rows whose actor is only a type (GOV) or an ethnic group (Hani, Scottish) keep the event
    with an unknown party, so no pair like GOV-sco appears; organisations take bilateral's codes."""
    with Store(db_path) as store:
        for name in ("events.csv", "events1.csv", "eventsT.csv"):
            load_file(store, shared_data / "gdelt" / "samples" / name)
        codes = {
            r[0]
            for r in store.con.execute(
                "SELECT actor_code FROM events UNION SELECT recipient_code FROM events "
                "WHERE recipient_code IS NOT NULL"
            ).fetchall()
        }
    assert codes
    assert all(c.isupper() for c in codes), sorted(c for c in codes if not c.isupper())
    assert not {"GOV", "BUS", "MIL", "JUD", "CVL", "MED", "EDU", "REF"} & codes
    assert "UNK" in codes
