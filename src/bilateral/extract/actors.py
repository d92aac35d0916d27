"""Actor recognition: which states and international organisations a text mentions, and where.

Owns the gazetteer (state names, adjectives, capitals, metonyms, IGOs, state companies), the
officials with their tenures, and the small phrase grammar that merges "Iran's defence minister
Mohammad-Reza Ashtiani" into one mention. The data lives in ``bilateral/data/actors/`` (see its
SOURCES.md); state names and codes come from rigour.

Matching is token based: every surface form is stored in a trie keyed by tokens, so one pass over
a sentence's tokens finds the longest match at each position without looping over patterns.
Proper names are case-sensitive ("Chad" the state, not "chad"); titles are not ("Defence
Minister" and "defence minister").
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

from rigour.territories import get_territories, get_territory
from rigour.territories.territory import Territory

__all__ = ["ActorLexicon", "Mention", "Tenure"]

# A named official counts as in office this long before and after his recorded tenure: sources
# disagree by days on inaugurations, and news runs "president-elect" and "outgoing" stories.
SLACK = dt.timedelta(days=31)

_TOKEN = re.compile(r"\w+|[^\w\s]")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "‑": "-", "‐": "-"})
_HYPHEN = "-"
_HYPHENS = frozenset({"-", "‑", "‐"})

# Kinds of gazetteer entries, in the order in which a surface form shared by two files is kept.
_PRIORITY = ("stop", "org", "igo", "country", "metonym", "capital", "official", "adjective")

# Capitalised words that end an unknown personal name absorbed after a title.
# Kinds of head that keep a preceding "the" out of the mention unless a title follows
# ("the Kremlin", "the Iranian side", but "Iran" in "the Iran deal", "Iranian" in "the Iranian
# proposal").
_NO_ARTICLE = frozenset({"country", "capital", "adjective"})

_NAME_STOP = frozenset(
    [
        "The",
        "A",
        "An",
        "And",
        "Or",
        "But",
        "On",
        "In",
        "At",
        "Of",
        "For",
        "To",
        "From",
        "By",
        "With",
        "As",
        "Said",
        "Says",
        "Told",
        "Met",
        "Visited",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "He",
        "She",
        "They",
        "It",
        "His",
        "Her",
        "Their",
        "This",
        "That",
        "These",
        "Those",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
    ]
)


@dataclass(frozen=True, slots=True)
class Mention:
    """One actor mentioned in a text; offsets index the text given to `ActorLexicon.find`."""

    start: int
    end: int
    text: str
    code: str
    sector: str | None
    kind: str
    person: str | None
    in_office: bool


@dataclass(frozen=True, slots=True)
class Tenure:
    """One office held by a named official, `end` None while in office."""

    code: str
    role: str
    sector: str | None
    start: dt.date
    end: dt.date | None

    def covers(self, day: dt.date) -> bool:
        if day < self.start - SLACK:
            return False
        return self.end is None or day <= self.end + SLACK


@dataclass(frozen=True, slots=True)
class _Entry:
    code: str
    kind: str
    sector: str | None
    persons: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Title:
    sector: str
    role: str
    takes_object: bool


# A trie node: token -> child; the key "" holds the payload of the phrase ending there.
_Node = dict[str, object]


def _tokens(text: str) -> list[str]:
    return [t for t in _TOKEN.findall(text.translate(_APOSTROPHES)) if t != _HYPHEN]


def _insert(root: _Node, phrase: str, payload: object, *, lower: bool = False) -> None:
    toks = _tokens(phrase.lower() if lower else phrase)
    if not toks:
        return
    node = root
    for tok in toks:
        child = node.get(tok)
        if child is None:
            child = {}
            node[tok] = child
        assert isinstance(child, dict)
        node = child
    node.setdefault("", payload)


def _read_csv(name: str) -> Iterator[dict[str, str]]:
    text = (resources.files("bilateral") / "data" / "actors" / name).read_text(encoding="utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        yield {k: (v or "").strip() for k, v in row.items()}


def _split(field: str) -> list[str]:
    return [p.strip() for p in field.split("|") if p.strip()]


def _parse_day(value: str, *, end: bool) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        year, month = parts
        if not end:
            return dt.date(year, month, 1)
        nxt = dt.date(year + month // 12, month % 12 + 1, 1)
        return nxt - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31) if end else dt.date(parts[0], 1, 1)


class ActorLexicon:
    """The gazetteer and officials, compiled into token tries; build once with `default()`."""

    def __init__(
        self,
        entries: list[tuple[str, _Entry]],
        titles: dict[str, _Title],
        tenures: dict[str, tuple[Tenure, ...]],
        names: dict[str, str],
    ) -> None:
        self._proper: _Node = {}
        rank = {kind: i for i, kind in enumerate(_PRIORITY)}
        merged: dict[str, _Entry] = {}
        for surface, entry in entries:
            old = merged.get(surface)
            if old is None or rank[entry.kind] < rank[old.kind]:
                merged[surface] = entry
            elif old.kind == entry.kind == "official":
                persons = old.persons + tuple(p for p in entry.persons if p not in old.persons)
                merged[surface] = _Entry(old.code, "official", None, persons)
        for surface, entry in merged.items():
            _insert(self._proper, surface, entry)
        self._titles: _Node = {}
        for surface, title in titles.items():
            _insert(self._titles, surface, title, lower=True)
        self._tenures = tenures
        self._names = names
        self._codes = frozenset(
            {e.code for e in merged.values() if e.kind != "stop"}
            | {t.code for ts in tenures.values() for t in ts}
        )

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def default(cls) -> ActorLexicon:
        """The lexicon built from the package's data files (loaded once per process)."""
        return _default()

    @classmethod
    def from_data(cls) -> ActorLexicon:
        entries: list[tuple[str, _Entry]] = []
        names: dict[str, str] = {}
        for row in _read_csv("stop_phrases.csv"):
            entries.append((row["phrase"], _Entry("", "stop", None)))
        for row in _read_csv("states.csv"):
            code = row["code"]
            territory = get_territory(code.lower()) if code != "XKX" else get_territory("xk")
            if territory is None or (territory.alpha3 or "").upper() != code:
                territory = _territory_by_alpha3(code)
            forms = _split(row["names"])
            if territory is not None:
                forms += [territory.name, territory.full_name, territory.in_sentence]
                names[code] = row["display"] or territory.name
            else:
                names[code] = row["display"] or forms[0]
            for form in forms:
                entries.append((form, _Entry(code, "country", None)))
        for row in _read_csv("demonyms.csv"):
            for form in _split(row["demonyms"]):
                entries.append((form, _Entry(row["code"], "adjective", None)))
        for row in _read_csv("capitals.csv"):
            if row["match"] != "yes":
                continue
            for form in [row["capital"], *_split(row["aliases"])]:
                entries.append((form, _Entry(row["code"], "capital", "GOV")))
        for row in _read_csv("metonyms.csv"):
            entries.append((row["surface"], _Entry(row["code"], "metonym", row["sector"] or None)))
        for row in _read_csv("igos.csv"):
            names[row["code"]] = row["name"]
            for form in [row["name"], *_split(row["aliases"])]:
                entries.append((form, _Entry(row["code"], "igo", None)))
        for row in _read_csv("orgs.csv"):
            for form in [row["name"], *_split(row["aliases"])]:
                entries.append((form, _Entry(row["code"], "org", row["sector"] or None)))
        tenures: dict[str, list[Tenure]] = {}
        for row in _read_csv("officials.csv"):
            person = row["name"]
            tenure = Tenure(
                code=row["code"],
                role=row["role"],
                sector=row["sector"] or None,
                start=_parse_day(row["start"], end=False),
                end=_parse_day(row["end"], end=True) if row["end"] else None,
            )
            tenures.setdefault(person, []).append(tenure)
            for form in [person, *_split(row["aliases"])]:
                entries.append((form, _Entry(row["code"], "official", None, (person,))))
        titles = {
            row["title"]: _Title(row["sector"], row["role"], bool(row["object"]))
            for row in _read_csv("titles.csv")
        }
        frozen = {p: tuple(sorted(ts, key=lambda t: t.start)) for p, ts in tenures.items()}
        return cls(entries, titles, frozen, names)

    # -- queries ------------------------------------------------------------------------------

    def name_of(self, code: str) -> str:
        """Display name of a code: "IRN" -> "Iran"; unknown codes come back unchanged."""
        return self._names.get(code, code)

    def is_known(self, code: str) -> bool:
        return code in self._codes

    def codes(self) -> frozenset[str]:
        return self._codes

    def kind_of(self, code: str) -> str:
        """ "state" for an ISO alpha-3 code, "igo" for an organisation, else "other"."""
        if len(code) == 3 and code.isalpha() and code.isupper() and code in self._codes:
            return "igo" if code in _igo_codes() else "state"
        return "igo" if code in _igo_codes() else "other"

    def tenures(self, person: str) -> tuple[Tenure, ...]:
        """The recorded offices of an official, by canonical name, oldest first."""
        return self._tenures.get(person, ())

    def find(self, text: str, on: dt.date | None = None) -> list[Mention]:
        """Actors mentioned in `text`: non-overlapping, longest match, sorted by start.

        `on` is the document date; it decides which office a named official held.
        """
        spans: list[tuple[int, int]] = []
        toks: list[str] = []
        prev = 0
        size = len(text)
        for m in _TOKEN.finditer(text):
            s, e = m.span()
            if s > prev and toks and text.find("\n", prev, s) != -1:
                # A phrase never runs across a line break ("Belarus\n- Military").
                toks.append("\n")
                spans.append((prev, prev))
            tok = m.group()
            if tok in _HYPHENS and s == prev and e < size and not text[e].isspace():
                prev = e  # a hyphen inside a word: "Guinea-Bissau", "Mohammad-Reza"
                continue
            spans.append((s, e))
            toks.append(tok.translate(_APOSTROPHES) if len(tok) == 1 else tok)
            prev = e
        out: list[Mention] = []
        n = len(toks)
        i = 0
        proper = self._proper
        while i < n:
            tok = toks[i]
            if tok not in proper and tok.lower() not in self._titles and tok not in ("the", "The"):
                i += 1
                continue
            found = self._phrase(text, toks, spans, i, on)
            if found is None:
                i += 1
                continue
            mention, i = found
            if mention is not None:
                owner = out[-1] if out else None
                if (
                    mention.kind == "org"
                    and owner is not None
                    and owner.kind in ("country", "capital")
                    and owner.code != mention.code
                    and text[owner.end : mention.start] in ("'s ", "\u2019s ")
                ):
                    # "Ukraine's Foreign Intelligence Service": a body of the named state, not
                    # the agency that bears the same name elsewhere (Russia's SVR)
                    mention = dataclasses.replace(mention, code=owner.code)
                out.append(mention)
        return out

    # -- the phrase grammar -------------------------------------------------------------------
    #   [the] HEAD ['s] [TITLE [to|in [the] STATE]] [NAME]    HEAD: state, capital, IGO, org ...
    #   [TITLE] NAME                                          NAME: a known official
    # A title needs a HEAD or a NAME: "the defence minister" alone is no mention.

    def _walk(self, root: _Node, toks: list[str], i: int, lower: bool) -> tuple[object, int]:
        node = root
        best: object = None
        best_end = i
        j = i
        n = len(toks)
        while j < n:
            key = toks[j].lower() if lower else toks[j]
            child = node.get(key)
            if child is None:
                break
            assert isinstance(child, dict)
            node = child
            j += 1
            payload = node.get("")
            if payload is not None:
                best, best_end = payload, j
        return best, best_end

    def _phrase(
        self, text: str, toks: list[str], spans: list[tuple[int, int]], i: int, on: dt.date | None
    ) -> tuple[Mention | None, int] | None:
        n = len(toks)
        head, k = self._walk(self._proper, toks, i, False)
        has_the = False
        if toks[i] in ("the", "The") and i + 1 < n:
            inner, ik = self._walk(self._proper, toks, i + 1, False)
            # "the US dollar": the stop phrase after the article beats "the US".
            if head is None or (isinstance(inner, _Entry) and inner.kind == "stop" and ik > k):
                head, k = inner, ik
                has_the = head is not None
        if isinstance(head, _Entry) and head.kind == "stop":
            return None, k
        person_entry: _Entry | None = None
        title: _Title | None = None
        head_end = k
        if isinstance(head, _Entry) and head.kind == "official":
            person_entry, head = head, None
        elif isinstance(head, _Entry):
            k = self._possessive(text, toks, spans, k)
        else:
            head = None
            if toks[i] in ("the", "The"):
                return None
            k = i
        if person_entry is None:
            t, tk = self._walk(self._titles, toks, k, True)
            if isinstance(t, _Title):
                title, k = t, tk
                if t.takes_object and head is not None:
                    k = self._object(toks, k)
            nxt, nk = self._walk(self._proper, toks, k, False) if k < n else (None, k)
            if isinstance(nxt, _Entry) and nxt.kind == "official":
                if head is None or title is not None or head.code in self._person_codes(nxt):
                    person_entry, k = nxt, nk
            elif title is not None and title.role and head is not None:
                k = self._unknown_name(toks, k)
        if head is None and person_entry is None:
            return None
        shared: _Title | None = None
        if title is None and person_entry is None:
            k = head_end  # a bare "Iran's" is the state; the possessive is not part of it
            if head is not None and head.kind == "adjective":
                shared = self._shared_title(toks, k)
        start = i
        if has_the and title is None and head is not None and head.kind in _NO_ARTICLE:
            start = i + 1
        if has_the and head is None:
            start = i + 1
        mention = self._mention(text, spans, start, k, head, title, person_entry, on)
        if shared is not None:
            mention = dataclasses.replace(mention, sector=shared.sector)
        return mention, k

    def _shared_title(self, toks: list[str], k: int) -> _Title | None:
        """The title of a coordinated adjective: "Iranian" in "the Iranian and Belarusian
        defence ministers" shares "defence ministers"."""
        if k + 1 >= len(toks) or toks[k] not in ("and", ","):
            return None
        other, j = self._walk(self._proper, toks, k + 1, False)
        if not (isinstance(other, _Entry) and other.kind == "adjective"):
            return None
        shared, _ = self._walk(self._titles, toks, j, True)
        return shared if isinstance(shared, _Title) else None

    def _possessive(self, text: str, toks: list[str], spans: list[tuple[int, int]], k: int) -> int:
        if k < len(toks) and toks[k] == "'" and spans[k][0] == spans[k - 1][1]:
            if k + 1 < len(toks) and toks[k + 1] == "s" and spans[k + 1][0] == spans[k][1]:
                return k + 2
            if text[spans[k - 1][1] - 1] == "s":
                return k + 1
        return k

    def _object(self, toks: list[str], k: int) -> int:
        if k + 1 < len(toks) and toks[k] in ("to", "in", "at"):
            j = k + 1
            obj, oj = self._walk(self._proper, toks, j, False)
            if obj is None and toks[j] == "the":
                obj, oj = self._walk(self._proper, toks, j + 1, False)
            if isinstance(obj, _Entry) and obj.kind in ("country", "capital", "igo"):
                return oj
        return k

    def _unknown_name(self, toks: list[str], k: int) -> int:
        j = k
        while j < len(toks) and j - k < 4:
            tok = toks[j]
            if not (tok[:1].isupper() and tok.isalpha()) or tok in _NAME_STOP:
                break
            found, _ = self._walk(self._proper, toks, j, False)
            if isinstance(found, _Entry) and found.kind != "official":
                break
            j += 1
        return j if j - k >= 2 else k

    def _person_codes(self, entry: _Entry) -> set[str]:
        return {t.code for p in entry.persons for t in self._tenures.get(p, ())}

    def _resolve(self, entry: _Entry, on: dt.date | None) -> tuple[str, Tenure, bool]:
        """The person an alias means on `on`, the tenure that applies and whether it covers `on`."""
        best: tuple[tuple[int, float], str, Tenure] | None = None
        for person in entry.persons:
            for tenure in self._tenures.get(person, ()):
                if on is None:
                    rank: tuple[int, float] = (0, -tenure.start.toordinal())
                elif tenure.covers(on):
                    rank = (0, -tenure.start.toordinal())
                else:
                    last = tenure.end or tenure.start
                    gap = (on - last).days if on > last else (tenure.start - on).days + 0.5
                    rank = (1, gap)
                if best is None or rank < best[0]:
                    best = (rank, person, tenure)
        assert best is not None
        return best[1], best[2], best[0][0] == 0

    def _mention(
        self,
        text: str,
        spans: list[tuple[int, int]],
        start: int,
        end: int,
        head: _Entry | None,
        title: _Title | None,
        person_entry: _Entry | None,
        on: dt.date | None,
    ) -> Mention:
        person: str | None = None
        in_office = True
        sector = head.sector if head is not None else None
        code = head.code if head is not None else ""
        kind = head.kind if head is not None else "title"
        if person_entry is not None:
            person, tenure, in_office = self._resolve(person_entry, on)
            if head is None:
                code = tenure.code
            if title is None:
                sector = tenure.sector if in_office else sector
            kind = "official"
        if title is not None:
            if head is None or head.kind != "org":
                sector = title.sector
            if person_entry is None:
                kind = "title"
        s, e = spans[start][0], spans[end - 1][1]
        return Mention(s, e, text[s:e], code, sector, kind, person, in_office)


def _territory_by_alpha3(code: str) -> Territory | None:
    for territory in get_territories():
        if (territory.alpha3 or "").upper() == code:
            return territory
    return None


@functools.cache
def _default() -> ActorLexicon:
    return ActorLexicon.from_data()


@functools.cache
def _igo_codes() -> frozenset[str]:
    return frozenset(row["code"] for row in _read_csv("igos.csv"))
