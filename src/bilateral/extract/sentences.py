"""Sentence splitting with character offsets into the document text.

News text breaks the naive "split at a full stop" rule in known ways: abbreviations ("Gen.",
"Feb.", "U.S."), initials ("J. Smith"), quotes closing after the stop, and datelines ("TEHRAN,
July 31 (IRNA) -") that open the first sentence. The splitter scans for candidate stops with
one linear regex and rejects the candidates that end an abbreviation or an initial. The dateline
is not part of the first sentence's content (its ``content_start`` lies after it), but the
sentence's ``start`` still points at the document's first character, so offsets stay true.

A sentence longer than ``MAX_SENTENCE`` characters is cut into pieces at the last space before
the limit, so no later stage ever sees unbounded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MAX_SENTENCE", "Sentence", "dateline", "split"]


def _words(text: str) -> frozenset[str]:
    """A word set written as one whitespace-separated string (long lists read better so)."""
    return frozenset(text.split())


MAX_SENTENCE = 2000

# Words that end with a full stop without ending a sentence. Lower-cased, without the stop.
ABBREVIATIONS = _words(
    """
    mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr rep sen gov pres st sr jr rev
    messrs mme mlle hon amb ret brig cdr insp supt
    jan feb mar apr jun jul aug sep sept oct nov dec
    mon tue tues wed thu thur thurs fri sat sun
    no nos vol pp p para art sec ch fig approx est ca cf vs etc al eg ie inc ltd co corp plc
    bros dept univ assn ave blvd mt ft
    """
)

# Abbreviations that may end a sentence when the next word is a capitalised ordinary word
# ("... in the U.S. The ...") are handled by the dotted-acronym rule below, not listed here.
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}$")

# A candidate stop: . ! ? (or an ellipsis), optional closing quotes/brackets, then whitespace.
_STOP = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")

# "TEHRAN, July 31 (IRNA) -", "MOSCOW, December 7. /TASS/ -", "KAPAN, Armenia -",
# "TRENTON, N.J. -", "MINSK (FNA) -", "DUBAI, Oct 1 (Reuters) -".
_DATELINE = re.compile(
    r"""\A\s*
    (?P<place>[A-Z][A-Z'’.\-]+(?:\s[A-Z][A-Z'’.\-]+){0,3})      # the place in capitals
    (?:,\s*[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?               # , Armenia / , N.J.
    (?:,?\s*(?:\d{1,2}\s)?[A-Z][a-z]{2,8}\.?(?:\s\d{1,2})?\.?)? # , July 31 / , 2 March / Dec. 6
    (?:,?\s*\d{4})?                                             # , 2023
    \s*(?:\([^()\n]{1,40}\)|/[^/\n]{1,20}/)?                    # (IRNA) or /TASS/
    \s*(?:-{1,2}|–|—)\s+""",
    re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``start``..``end`` in the document; its content begins at ``content_start``.

    ``content_start`` differs from ``start`` only for a first sentence that opens with a dateline.
    """

    start: int
    end: int
    content_start: int
    text: str

    @property
    def content(self) -> str:
        return self.text[self.content_start - self.start :]


def dateline(text: str) -> tuple[int, str] | None:
    """The end offset and the place of a leading dateline, if the text opens with one."""
    m = _DATELINE.match(text[:200])
    if m is None:
        return None
    place = m.group("place").strip(" .,")
    # An all-capitals place of at least three letters: "US -" or "A -" are no datelines.
    if len(place.replace(" ", "")) < 3:
        return None
    return m.end(), place


def _is_boundary(text: str, stop_start: int, stop_end: int, after: int) -> bool:
    """Whether the stop text[stop_start:stop_end] followed by text[after] ends a sentence."""
    nxt = text[after] if after < len(text) else ""
    if not nxt:
        return True
    if nxt.islower():
        return False
    if text[stop_start] != ".":
        return True
    if stop_end - stop_start > 1 and text[stop_start + 1] in ".":
        return True  # an ellipsis or doubled stop
    m = _WORD_BEFORE.search(text, max(0, stop_start - 30), stop_start + 1)
    if m is None:
        return True
    word = m.group(1)
    bare = word.rstrip(".")
    if "." in bare and _DOTTED.match(word):
        # "U.S." ends a sentence only if a clear sentence opener follows.
        return nxt in "\"“'" or _opens_sentence(text, after)
    tail = bare.rsplit(".", 1)[-1]
    if len(tail) == 1 and tail.isupper():
        return False  # an initial: "J. Smith"
    if tail.lower() in ABBREVIATIONS:
        # "Feb. 17" / "Gen. Smith": no boundary; but "... Inc. The ..." is rare enough.
        return False
    return not (tail.isdigit() and nxt.isdigit())


_OPENERS = _words(
    "The A An He She It They We I In On At But And This That These Those His Her Its Their "
    "After Before While When Officials Earlier Later Meanwhile However"
)


def _opens_sentence(text: str, at: int) -> bool:
    end = at
    limit = min(len(text), at + 20)
    while end < limit and text[end].isalpha():
        end += 1
    return text[at:end] in _OPENERS


def split(text: str) -> list[Sentence]:
    """The sentences of ``text``, in order, with offsets; whitespace between them is dropped."""
    out: list[Sentence] = []
    n = len(text)
    head = dateline(text)
    first_content = head[0] if head else None
    pos = 0
    while pos < n and text[pos].isspace():
        pos += 1
    start = pos
    search_from = first_content if first_content is not None else pos
    for m in _STOP.finditer(text, search_from):
        after = m.end()
        while after < n and text[after].isspace():
            after += 1
        if text.count("\n\n", m.end(), after):
            _emit(out, text, start, m.end(), first_content)
            first_content = None
            start = after
            continue
        if not _is_boundary(text, m.start(), m.end(), after):
            continue
        _emit(out, text, start, m.end(), first_content)
        first_content = None
        start = after
    if start < n:
        _emit(out, text, start, n, first_content)
    return out


def _emit(out: list[Sentence], text: str, start: int, end: int, content: int | None) -> None:
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    # Paragraph breaks inside a span also end a sentence (headlines, lists without stops).
    cut = text.find("\n\n", start, end)
    if cut != -1:
        _emit(out, text, start, cut, content)
        nxt = cut
        while nxt < end and text[nxt].isspace():
            nxt += 1
        _emit(out, text, nxt, end, None)
        return
    cstart = start if content is None or not start <= content < end else content
    if end - start <= MAX_SENTENCE:
        out.append(Sentence(start, end, cstart, text[start:end]))
        return
    piece = start
    while piece < end:
        limit = min(end, piece + MAX_SENTENCE)
        if limit < end:
            space = text.rfind(" ", piece + MAX_SENTENCE // 2, limit)
            if space > piece:
                limit = space
        out.append(Sentence(piece, limit, cstart if piece == start else piece, text[piece:limit]))
        piece = limit
        while piece < end and text[piece].isspace():
            piece += 1
