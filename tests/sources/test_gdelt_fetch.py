"""`bilateral gdelt fetch` against a local server that serves the shared samples as GDELT
would: a master file list and zipped 15-minute files."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest

from bilateral.cli import main
from bilateral.store import Store

Site = Any  # the ``site`` fixture of conftest.py (a live server on 127.0.0.1)


def _zipped(path: Path, member: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(path, member)
    return buffer.getvalue()


def _publish(site: Site, shared: Path, *, corrupt_md5: bool = False) -> None:
    samples = shared / "gdelt" / "samples"
    files = {
        "20150218230000.export.CSV.zip": _zipped(
            samples / "events.csv", "20150218230000.export.CSV"
        ),
        "20150218230000.mentions.CSV.zip": _zipped(samples / "mentions.csv", "x.mentions.CSV"),
        "20150218230000.gkg.csv.zip": b"not fetched",
        "20200318104500.export.CSV.zip": _zipped(samples / "eventsT.csv", "y.export.CSV"),
    }
    lines = []
    for name, data in files.items():
        md5 = hashlib.md5(data).hexdigest()
        if corrupt_md5 and name.startswith("2020"):
            md5 = "0" * 32
        site.add(f"/gdeltv2/{name}", data, "application/zip")
        lines.append(f"{len(data)} {md5} {site.base}/gdeltv2/{name}")
    site.add("/gdeltv2/masterfilelist.txt", "\n".join(lines) + "\n", "text/plain")


def _fetch(db: Path, site: Site, *args: str) -> int:
    return main(
        [
            "--db",
            str(db),
            "gdelt",
            "fetch",
            "--master-url",
            site.base + "/gdeltv2/masterfilelist.txt",
            "--allow-private",
            "--timeout",
            "5",
            *args,
        ]
    )


def test_fetch_a_range_through_the_master_list(
    site: Site, shared_data: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _publish(site, shared_data)
    assert (
        _fetch(db_path, site, "--from", "2015-02-18", "--to", "2015-02-18", "--what", "both") == 0
    )
    err = capsys.readouterr().err
    assert "2 files in range: 2 loaded, 0 loaded before, 0 failed" in err
    assert site.count("/gdeltv2/20150218230000.gkg.csv.zip") == 0
    assert site.count("/gdeltv2/20200318104500.export.CSV.zip") == 0
    with Store(db_path) as store:
        assert store.count("events") == 89
        assert store.con.execute("SELECT count(*) FROM mentions").fetchall() == [(100,)]
    # re-running skips what is loaded; extending the range loads only the new day
    assert _fetch(db_path, site, "--from", "2015-02-18", "--to", "2020-03-18") == 0
    err = capsys.readouterr().err
    assert "2 files in range: 1 loaded, 1 loaded before, 0 failed" in err
    assert site.count("/gdeltv2/20150218230000.export.CSV.zip") == 1
    with Store(db_path) as store:
        assert store.count("events") == 89 + 94


def test_a_file_that_does_not_match_its_checksum_is_not_loaded(
    site: Site, shared_data: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _publish(site, shared_data, corrupt_md5=True)
    assert _fetch(db_path, site, "--from", "2020-03-18", "--to", "2020-03-18") == 1
    assert "differs from the master list" in capsys.readouterr().err
    with Store(db_path) as store:
        assert store.count("events") == 0


def test_bad_dates_and_refused_hosts(
    site: Site, shared_data: Path, db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _publish(site, shared_data)
    assert _fetch(db_path, site, "--from", "2015-02-30", "--to", "2015-03-01") == 2
    assert "not a date" in capsys.readouterr().err
    code = main(
        [
            "--db",
            str(db_path),
            "gdelt",
            "fetch",
            "--from",
            "2015-02-18",
            "--to",
            "2015-02-18",
            "--master-url",
            site.base + "/gdeltv2/masterfilelist.txt",
        ]
    )
    assert code == 5
    assert "refused" in capsys.readouterr().err
    assert site.hits == []


def test_one_export_by_its_url(site: Site, shared_data: Path, db_path: Path) -> None:
    _publish(site, shared_data)
    url = site.base + "/gdeltv2/20150218230000.export.CSV.zip"
    assert main(["--db", str(db_path), "ingest", "--allow-private", url]) == 0
    with Store(db_path) as store:
        assert store.count("events") == 89
        loaded = store.con.execute("SELECT name, rows FROM loaded_files").fetchall()
    assert loaded == [("20150218230000.export.CSV.zip", 89)]
