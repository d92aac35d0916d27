"""The briefing command (placeholder until the briefing is built)."""

from __future__ import annotations

import click

from bilateral.errors import NotReadyError


@click.command()
@click.argument("a")
@click.argument("b")
def brief(a: str, b: str) -> None:
    """Write the analyst's briefing on the relationship of states A and B.

    \b
    Example:
      bilateral brief IRN BLR
    """
    raise NotReadyError(
        f"bilateral brief {a} {b}: not available yet: the embedded corpus, the event extractor "
        "and the briefing are still being built (see README, Status)"
    )


COMMANDS = [brief]
