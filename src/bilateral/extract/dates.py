"""Dates in a sentence, resolved against the document's publication date, with their precision.

ONTOLOGY.md's rules, in one linear regex pass per sentence (``dateparser`` is far too slow to
call on every sentence):

- explicit: "July 31, 2023", "31 July 2023", "2023-07-31" -> day; "March 2023" -> month.
- partial: "on July 31" / "on 31 July" -> day of the latest such date on or before publication;
  "in March" -> month (last year's March if this year's is still to come); "in 2024" -> year.
- relative: "today", "yesterday", a weekday -> day (the latest such day on or before
  publication); "this month", "last month", "earlier this month", "last week" -> month
  ("last week" takes the month of the day a week before publication); "this year",
  "last year", "earlier this year" -> year.

Dates after publication are planned acts ("will visit on August 5"): they are returned with
``future=True`` so the coder can keep them out of an event's date (AGREE takes the date of the
announcement).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "best_date", "find_dates"]

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}

_MON = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"

# One alternation, tried left to right at each position; each branch is bounded (no nested
# quantifiers), so the scan is linear in the sentence length.
_PATTERN = re.compile(
    rf"""
    (?P<iso>\b{_YEAR}-[01]\d-[0-3]\d\b)
  | (?P<mdy>\b{_MON}\s{_DAY}(?:,?\s(?P<mdy_y>{_YEAR}))?\b)
  | (?P<dmy>\b{_DAY}\s(?:of\s)?{_MON}(?:,?\s(?P<dmy_y>{_YEAR}))?\b)
  | (?P<my>\b(?:(?:early|mid|late|the\send\sof|the\sbeginning\sof|the\sstart\sof)[\s-])?
        {_MON}(?:\s(?:of\s)?(?P<my_y>{_YEAR}))?\b)
  | (?P<wd>\b(?:last\s|this\s|on\s|next\s)?
        (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)
  | (?P<rel>\b(?:(?:earlier|later)\s(?:this|that)\s(?:week|month|year)
        |(?:this|last|past|next|previous)\s(?:weekend|week|month|year)
        |the\s(?:previous|following|next)\s(?:week|month|year|day)
        |a\s(?:week|month|year)\s(?:ago|earlier)
        |today|yesterday|tonight|tomorrow|the\sday\sbefore)\b)
  | (?P<yr>\b(?:in|since|by|during|of|from|until|year|early|late|mid|throughout)[\s-]
        (?:the\syear\s)?(?P<yr_y>{_YEAR})\b(?!-\d))
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A resolved date expression: offsets in the sentence, value, precision, future flag."""

    start: int
    end: int
    value: str
    precision: str
    future: bool
    relative: bool


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _safe_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _resolve(m: re.Match[str], pub: dt.date) -> tuple[str, str, bool, bool] | None:
    """(value, precision, future, relative) of one match, or None when it is not a date."""
    kind = m.lastgroup
    text = m.group(0)
    low = text.lower()
    if kind == "iso":
        d = _safe_day(int(text[:4]), int(text[5:7]), int(text[8:10]))
        return None if d is None else (d.isoformat(), "day", d > pub, False)
    if kind in ("mdy", "dmy"):
        year_text = m.group("mdy_y") if kind == "mdy" else m.group("dmy_y")
        words = re.findall(r"[A-Za-z]+|\d+", text)
        month = next(MONTHS[w.lower()] for w in words if w.lower() in MONTHS)
        day = int(next(re.sub(r"\D", "", w) for w in words if w[:1].isdigit()))
        if year_text:
            d = _safe_day(int(year_text), month, day)
            return None if d is None else (d.isoformat(), "day", d > pub, False)
        d = _safe_day(pub.year, month, day)
        if d is None:
            return None
        if d > pub:
            # "on August 5" in a story published on August 4 is a plan; but a date more than
            # a month ahead is last year's.
            if (d - pub).days > 45:
                prev = _safe_day(pub.year - 1, month, day)
                return None if prev is None else (prev.isoformat(), "day", False, True)
            return d.isoformat(), "day", True, True
        return d.isoformat(), "day", False, True
    if kind == "my":
        if text[:1].islower() and low.rstrip(".") in ("may", "mar", "jun", "jan", "dec"):
            return None  # "may" the verb, "mar" the verb
        if low.rstrip(".") == "may" and not m.group("my_y"):
            # "May" opening a sentence is as often the verb as the month: only after "in".
            before = m.string[max(0, m.start() - 4) : m.start()].lower()
            if not before.endswith("in "):
                return None
        words = re.findall(r"[A-Za-z]+|\d+", text)
        month = next(MONTHS[w.lower()] for w in words if w.lower() in MONTHS)
        year_text = m.group("my_y")
        if year_text:
            year = int(year_text)
            return _month_value(year, month), "month", (year, month) > (pub.year, pub.month), False
        year = pub.year if month <= pub.month else pub.year - 1
        if month > pub.month and _future_cue(m):
            return _month_value(pub.year, month), "month", True, True
        return _month_value(year, month), "month", False, True
    if kind == "wd":
        words = low.split()
        target = WEEKDAYS[words[-1]]
        back = (pub.weekday() - target) % 7
        if words[0] == "next":
            ahead = (target - pub.weekday()) % 7 or 7
            return (pub + dt.timedelta(days=ahead)).isoformat(), "day", True, True
        if words[0] == "last" and back == 0:
            back = 7
        return (pub - dt.timedelta(days=back)).isoformat(), "day", False, True
    if kind == "rel":
        return _relative(" ".join(low.split()), pub)
    if kind == "yr":
        year = int(m.group("yr_y"))
        return f"{year:04d}", "year", year > pub.year, False
    return None


def _future_cue(m: re.Match[str]) -> bool:
    before = m.string[max(0, m.start() - 40) : m.start()].lower()
    return any(cue in before for cue in (" will ", " to be ", "scheduled", "planned", "expected"))


def _relative(low: str, pub: dt.date) -> tuple[str, str, bool, bool] | None:
    if low in ("today", "tonight"):
        return pub.isoformat(), "day", False, True
    if low == "yesterday":
        return (pub - dt.timedelta(days=1)).isoformat(), "day", False, True
    if low == "the day before":
        return (pub - dt.timedelta(days=1)).isoformat(), "day", False, True
    if low == "tomorrow":
        return (pub + dt.timedelta(days=1)).isoformat(), "day", True, True
    unit = low.split()[-1] if not low.endswith(("ago", "earlier")) else low.split()[1]
    past = low.startswith(("last", "past", "previous", "the previous", "a "))
    future = low.startswith(("next", "later", "the following"))
    if unit == "day":
        delta = -1 if past else 1
        return (pub + dt.timedelta(days=delta)).isoformat(), "day", delta > 0, True
    if unit == "weekend":
        unit = "week"
    if unit == "week":
        day = pub - dt.timedelta(days=7) if past else pub
        if future:
            return _month_value(pub.year, pub.month), "month", True, True
        return _month_value(day.year, day.month), "month", False, True
    if unit == "month":
        if past:
            first = pub.replace(day=1) - dt.timedelta(days=1)
            return _month_value(first.year, first.month), "month", False, True
        return _month_value(pub.year, pub.month), "month", future, True
    if unit == "year":
        year = pub.year - 1 if past else pub.year
        return f"{year:04d}", "year", future, True
    return None


def find_dates(sentence: str, published: dt.date) -> list[DateMention]:
    """Every date expression in a sentence, resolved against the publication date."""
    out: list[DateMention] = []
    for m in _PATTERN.finditer(sentence):
        resolved = _resolve(m, published)
        if resolved is None:
            continue
        value, precision, future, relative = resolved
        low = m.group(0).lower()
        if low.endswith(("following day", "next day")) or low == "the day before":
            # relative to the day named before it in the sentence, if any
            prior = [d for d in out if d.precision == "day"]
            if prior:
                base = dt.date.fromisoformat(prior[-1].value)
                shift = -1 if low == "the day before" else 1
                day = base + dt.timedelta(days=shift)
                value, future = day.isoformat(), day > published
        out.append(DateMention(m.start(), m.end(), value, precision, future, relative))
    return out


_RANK = {"day": 0, "month": 1, "year": 2}


def best_date(mentions: list[DateMention], near: int) -> DateMention | None:
    """The date an act at offset ``near`` most likely took place on.

    Past dates only; the finest precision wins, then the nearest to the act.
    """
    best: tuple[tuple[int, int], DateMention] | None = None
    for dm in mentions:
        if dm.future:
            continue
        dist = 0 if dm.start <= near < dm.end else min(abs(dm.start - near), abs(dm.end - near))
        key = (_RANK[dm.precision], dist)
        if best is None or key < best[0]:
            best = (key, dm)
    return None if best is None else best[1]
