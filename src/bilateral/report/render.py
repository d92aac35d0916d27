"""Rendering a built briefing to HTML, Markdown and JSON, and writing the files atomically.

The HTML is one self-contained file (styles and SVG charts inline, no script, no remote asset),
so it opens offline and prints cleanly. The Markdown carries the same text and links to the
charts written as SVG files beside it. Every file is first written to a temporary name in the
output directory and renamed into place only when all of them are written.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from bilateral import __version__
from bilateral.errors import OutputError
from bilateral.report.charts import Chart
from bilateral.report.evidence import Source, short_date
from bilateral.report.sections import Section

FORMATS = ("html", "md", "json")
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")


@dataclass(slots=True)
class Brief:
    """A built briefing, ready to render."""

    a: str
    b: str
    title: str
    subtitle: str
    footer: str
    sections: list[Section]
    sources: list[Source]
    charts: dict[str, Chart]
    analysis: dict[str, Any]

    @property
    def stem(self) -> str:
        return f"brief-{self.a}-{self.b}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "pair": [self.a, self.b],
            "title": self.title,
            "subtitle": self.subtitle,
            "analysis": self.analysis,
            "sections": [s.to_dict() for s in self.sections],
            "sources": [s.to_dict() for s in self.sources],
            "charts": {k: c.spec for k, c in self.charts.items()},
        }


def _md(text: Any) -> str:
    return _MD_SPECIAL.sub(r"\\\1", str(text))


def _environment(autoescape: bool) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("bilateral.report", "templates"),
        autoescape=autoescape,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = _md
    return env


def _sources(brief: Brief) -> list[dict[str, Any]]:
    return [
        {
            "number": s.number,
            "doc_id": s.doc_id,
            "title": s.title,
            "outlet": s.outlet,
            "date": short_date(s.published),
            "url": s.url,
        }
        for s in brief.sources
    ]


def to_html(brief: Brief) -> str:
    css = (resources.files("bilateral.report") / "templates" / "brief.css").read_text("utf-8")
    return (
        _environment(True)
        .get_template("brief.html.j2")
        .render(
            title=brief.title,
            subtitle=brief.subtitle,
            footer=brief.footer,
            sections=brief.sections,
            sources=_sources(brief),
            charts=brief.charts,
            css=markupsafe.Markup(css),
            version=__version__,
        )
    )


def chart_files(brief: Brief) -> dict[str, str]:
    return {key: f"{brief.stem}-{key}.svg" for key in brief.charts}


def to_markdown(brief: Brief) -> str:
    text = (
        _environment(False)
        .get_template("brief.md.j2")
        .render(
            title=brief.title,
            subtitle=brief.subtitle,
            footer=brief.footer,
            sections=brief.sections,
            sources=_sources(brief),
            charts=brief.charts,
            chart_files=chart_files(brief),
        )
    )
    # Collapse the blank-line runs the template's blocks leave behind.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def to_json(brief: Brief) -> str:
    return json.dumps(brief.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"


def check_output(out_dir: Path, formats: tuple[str, ...]) -> Path:
    """The output directory, created if needed; OutputError when it cannot be written."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise OutputError(f"unknown format(s) {', '.join(unknown)}; formats: {', '.join(FORMATS)}")
    if not formats:
        raise OutputError(f"no output format given; formats: {', '.join(FORMATS)}")
    return _writable_dir(out_dir)


def _writable_dir(out_dir: Path) -> Path:
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}: is a file, not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot create the output directory: {exc.strerror}") from exc
    if not os.access(out_dir, os.W_OK | os.X_OK):
        raise OutputError(f"{out_dir}: the output directory is not writable")
    return out_dir


def write(brief: Brief, out_dir: Path, formats: tuple[str, ...] = ("html", "md")) -> list[Path]:
    """Write the briefing in the given formats; return the paths written (all or nothing)."""
    out_dir = check_output(out_dir, formats)
    files: dict[str, str] = {}
    if "html" in formats:
        files[f"{brief.stem}.html"] = to_html(brief)
    if "md" in formats:
        files[f"{brief.stem}.md"] = to_markdown(brief)
        for key, name in chart_files(brief).items():
            files[name] = brief.charts[key].svg
    if "json" in formats:
        files[f"{brief.stem}.json"] = to_json(brief)
    staged: list[tuple[Path, Path]] = []
    try:
        for name, text in files.items():
            fd, tmp_name = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
            staged.append((Path(tmp_name), out_dir / name))
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            # mkstemp creates the file private (0600); a report is an ordinary file.
            os.chmod(tmp_name, 0o666 & ~_umask())
        for staged_path, final in staged:
            staged_path.replace(final)
    except OSError as exc:
        raise OutputError(f"{out_dir}: cannot write the briefing: {exc.strerror or exc}") from exc
    finally:
        for staged_path, _ in staged:
            staged_path.unlink(missing_ok=True)
    return [final for _, final in staged]


def today() -> str:
    return date.today().isoformat()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
