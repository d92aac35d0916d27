"""What every benchmark shares: the machine's CPU and its own section of bench/RESULTS.md.

Each benchmark owns one ``## Heading`` section of RESULTS.md and rewrites only that section, so
the benchmarks can be rerun in any order.
"""

from __future__ import annotations

import platform
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def cpu_model() -> str:
    """The CPU's model name, as /proc/cpuinfo gives it."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def write_section(section: str, path: Path = RESULTS) -> None:
    """Replace the section whose first line is ``section``'s heading, or append it."""
    body = section.strip("\n").splitlines()
    heading = body[0].strip()
    lines = path.read_text("utf-8").splitlines() if path.exists() else ["# Benchmark results"]
    start = next((i for i, line in enumerate(lines) if line.strip() == heading), None)
    if start is None:
        while lines and not lines[-1].strip():
            lines.pop()
        lines = [*lines, "", *body]
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines)
        )
        tail = lines[end:]
        lines = [*lines[:start], *body, *([""] if tail else []), *tail]
    path.write_text("\n".join(lines) + "\n", "utf-8")
