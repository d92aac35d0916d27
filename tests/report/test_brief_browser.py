"""The briefing in a real browser: headless Chromium renders the HTML, and the rendered DOM shows
the sections, the SVG charts and working citation links; a screenshot is taken for a reader."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

TIMEOUT = 120


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("headless Chromium is needed under CI (.ci/run installs it)")
    pytest.skip("no Chromium on this machine")


def _run(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    command = [
        _chromium(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={profile}",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)


class _Dom(HTMLParser):
    """What the rendered DOM holds: ids, section ids, svg count, citation targets."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.sections: list[str] = []
        self.svgs = 0
        self.cites: list[str] = []
        self.headings: list[str] = []
        self._in_h2 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = dict(attrs)
        if attr.get("id"):
            self.ids.add(str(attr["id"]))
        if tag == "section" and attr.get("id"):
            self.sections.append(str(attr["id"]))
        if tag == "svg":
            self.svgs += 1
        if tag == "a" and attr.get("class") == "cite":
            self.cites.append(str(attr.get("href")))
        self._in_h2 = tag == "h2"

    def handle_data(self, data: str) -> None:
        if self._in_h2 and data.strip():
            self.headings.append(data.strip())
            self._in_h2 = False


@pytest.fixture(scope="module")
def rendered(irn_blr: Path, tmp_path_factory: pytest.TempPathFactory) -> _Dom:
    profile = tmp_path_factory.mktemp("chromium-profile")
    page = (irn_blr / "brief-IRN-BLR.html").resolve().as_uri()
    done = _run(["--dump-dom", page], profile)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _Dom()
    dom.feed(done.stdout)
    return dom


def test_the_browser_shows_every_section_under_its_title(rendered: _Dom) -> None:
    assert rendered.sections == [
        "summary",
        "trajectory",
        "military",
        "economic",
        "sanctions",
        "diplomatic",
        "regional",
        "triangles",
        "reactions",
        "connectivity",
        "sources",
    ]
    for title in (
        "Summary",
        "Genesis and trajectory",
        "Military cooperation",
        "Economic and energy ventures",
        "Sanctions and compliance",
        "Diplomatic consultations and shared stances",
        "Regional dynamics and divergences",
        "The wider alignment",
        "How others see it",
        "Connectivity",
        "Sources",
    ):
        assert title in rendered.headings


def test_the_browser_draws_both_charts(rendered: _Dom) -> None:
    assert {"chart-timeline", "chart-network"} <= rendered.ids
    assert rendered.svgs >= 2


def test_every_citation_link_lands_on_a_source(rendered: _Dom) -> None:
    assert len(rendered.cites) > 50
    targets = {href.removeprefix("#") for href in rendered.cites}
    assert all(re.fullmatch(r"src-\d+", t) for t in targets)
    assert targets <= rendered.ids


def test_a_screenshot_renders(irn_blr: Path, tmp_path: Path) -> None:
    shot = tmp_path / "brief.png"
    page = (irn_blr / "brief-IRN-BLR.html").resolve().as_uri()
    done = _run(["--window-size=1200,1800", f"--screenshot={shot}", page], tmp_path / "profile")
    assert done.returncode == 0, done.stderr[-2000:]
    # A PNG of a page with text and charts is far larger than a blank one.
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 50_000
