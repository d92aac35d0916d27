"""Analysis of a pair: stories, timeline, phases, triangles, divergences, reactions.

Every count is of stories (reports merged, ``build_stories``), every query runs in DuckDB over
the ``stories`` table, and every finding carries its evidence as ``StoryRef``s with their
documents. ``analyse_pair`` runs it all; the parts are usable on their own.
"""

from bilateral.analysis.common import StoryRef
from bilateral.analysis.divergence import Divergence, find_divergences
from bilateral.analysis.dyad import DyadAnalysis, analyse_pair
from bilateral.analysis.phases import Catalyst, Phase, PhaseResult, Shift, detect_phases
from bilateral.analysis.reactions import Reaction, find_reactions
from bilateral.analysis.stories import build_stories
from bilateral.analysis.timeline import TimelineRow, timeline
from bilateral.analysis.triangles import Triangle, find_triangles

__all__ = [
    "Catalyst",
    "Divergence",
    "DyadAnalysis",
    "Phase",
    "PhaseResult",
    "Reaction",
    "Shift",
    "StoryRef",
    "TimelineRow",
    "Triangle",
    "analyse_pair",
    "build_stories",
    "detect_phases",
    "find_divergences",
    "find_reactions",
    "find_triangles",
    "timeline",
]
