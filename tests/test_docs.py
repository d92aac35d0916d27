"""Documentation that must stay true: settings, the README's commands, CI."""

from __future__ import annotations

import re
from pathlib import Path

from bilateral.settings import SETTINGS

REPO = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    docs = (REPO / "docs" / "settings.md").read_text("utf-8")
    missing = [s.env for s in SETTINGS if f"`{s.env}`" not in docs]
    assert not missing, f"undocumented settings in docs/settings.md: {missing}"


def test_every_documented_setting_exists() -> None:
    docs = (REPO / "docs" / "settings.md").read_text("utf-8")
    declared = {s.env for s in SETTINGS}
    documented = set(re.findall(r"`(BILATERAL_[A-Z_]+)`", docs))
    assert documented <= declared, f"documented but not declared: {documented - declared}"


def _quickstart_commands() -> list[str]:
    readme = (REPO / "README.md").read_text("utf-8")
    section = readme.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```(?:sh|bash|console)?\n(.*?)```", section, flags=re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_quickstart_has_exactly_two_commands() -> None:
    commands = _quickstart_commands()
    assert len(commands) == 2, commands
    assert "bilateral brief IRN BLR" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readmes_test_command_exactly() -> None:
    test_command = _quickstart_commands()[1]
    ci = (REPO / ".ci" / "run").read_text("utf-8")
    assert test_command in ci.splitlines()
