"""The records that flow between stages: Document, Event, Story and GoldLabel.

Each record has a JSON form (``to_dict`` / ``from_dict``) that is the contract of DESIGN.md, and
validates itself on the way in: a bad record raises ``ValidationError`` naming the field. Ids are
hashes of content, so re-ingesting or re-coding the same input yields the same ids and adds
nothing.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from bilateral import ontology
from bilateral.errors import ValidationError

_SPACES = re.compile(r"\s+")
_DATE_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
_ACTOR_CODE = re.compile(r"^[A-Z][A-Z0-9_]{1,15}$")
# The code of an actor that event data coded but could not place (a bare type such as GOV, an
# ethnic group): such an event is kept, but the actor is no party to a pair.
UNKNOWN_ACTOR = "UNK"


def normalise_text(text: str) -> str:
    """The form of a text that its content hash is taken of: NFC, whitespace collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    """A stable hash of a document's normalised text; two routes to one text give one hash."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def make_id(prefix: str, *parts: object) -> str:
    """A deterministic id from content: ``prefix`` + 16 hex digits of a SHA-256."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return prefix + hashlib.sha256(joined.encode("utf-8")).hexdigest()[:16]


def parse_published(value: str) -> date:
    """The calendar date of an ISO date or datetime string."""
    text = value.strip()
    try:
        if len(text) == 10:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ValueError(f"not an ISO date or datetime: {value!r}") from exc


def check_date(value: str, precision: str) -> None:
    """Raise ValueError unless ``value`` is a real date written at ``precision``."""
    pattern = _DATE_FORMS.get(precision)
    if pattern is None:
        raise ValueError(f"precision must be day, month or year, not {precision!r}")
    if not pattern.match(value):
        raise ValueError(f"{value!r} is not a date at {precision} precision")
    if precision == "day":
        date.fromisoformat(value)
    elif precision == "month":
        month = int(value[5:7])
        if not 1 <= month <= 12:
            raise ValueError(f"{value!r} has no month {month}")


def _require_str(data: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None:
        if optional:
            return None
        raise ValidationError("is required", field=key)
    if not isinstance(value, str):
        raise ValidationError(f"must be a string, not {type(value).__name__}", field=key)
    return value


def _need_str(data: dict[str, Any], key: str) -> str:
    value = _require_str(data, key)
    if value is None:  # pragma: no cover - _require_str raises for a missing required key
        raise ValidationError("is required", field=key)
    return value


def _check_keys(data: Any, allowed: frozenset[str], record: str) -> dict[str, Any]:
    if not isinstance(data, dict):
        raise ValidationError(f"a {record} must be a JSON object, not {type(data).__name__}")
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(f"unknown key(s) in {record}: {', '.join(sorted(unknown))}")
    return data


# --------------------------------------------------------------------------------------------
# Document


_DOC_KEYS = frozenset({"id", "text", "published", "url", "title", "source", "language"})


@dataclass(frozen=True, slots=True)
class Document:
    """A news item: text plus when and where it was published."""

    id: str
    text: str
    published: str | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None
    language: str = "en"

    @property
    def content_hash(self) -> str:
        return content_hash(self.text)

    @property
    def published_date(self) -> date | None:
        return parse_published(self.published) if self.published else None

    @classmethod
    def create(
        cls,
        text: str,
        *,
        id: str | None = None,
        published: str | None = None,
        url: str | None = None,
        title: str | None = None,
        source: str | None = None,
        language: str = "en",
    ) -> Document:
        """A validated document; its id defaults to the hash of its normalised text."""
        data: dict[str, Any] = {"text": text, "language": language}
        for key, value in (
            ("id", id),
            ("published", published),
            ("url", url),
            ("title", title),
            ("source", source),
        ):
            if value is not None:
                data[key] = value
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: Any) -> Document:
        data = _check_keys(data, _DOC_KEYS, "document")
        text = _need_str(data, "text")
        if not text.strip():
            raise ValidationError("is empty", field="text")
        if "\x00" in text:
            raise ValidationError("contains NUL bytes", field="text")
        published = _require_str(data, "published", optional=True)
        if published:
            try:
                parse_published(published)
            except ValueError as exc:
                raise ValidationError(str(exc), field="published") from exc
        else:
            published = None
        doc_id = _require_str(data, "id", optional=True) or ("d" + content_hash(text)[:16])
        if not doc_id.strip():
            raise ValidationError("is empty", field="id")
        language = _require_str(data, "language", optional=True) or "en"
        return cls(
            id=doc_id,
            text=text,
            published=published,
            url=_require_str(data, "url", optional=True) or None,
            title=_require_str(data, "title", optional=True) or None,
            source=_require_str(data, "source", optional=True) or None,
            language=language,
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "text": self.text}
        for key in ("published", "url", "title", "source"):
            value = getattr(self, key)
            if value is not None:
                out[key] = value
        out["language"] = self.language
        return out


# --------------------------------------------------------------------------------------------
# Event


@dataclass(frozen=True, slots=True)
class Party:
    """An actor or recipient: a state or IGO code, a sector, and the words that named it."""

    code: str
    sector: str | None = None
    text: str | None = None

    @classmethod
    def from_dict(cls, data: Any, key: str) -> Party:
        if not isinstance(data, dict):
            raise ValidationError("must be an object with a code", field=key)
        code = data.get("code")
        if not isinstance(code, str) or not _ACTOR_CODE.match(code):
            raise ValidationError(f"code {code!r} is not an actor code", field=key)
        sector = data.get("sector")
        text = data.get("text")
        if sector is not None and not isinstance(sector, str):
            raise ValidationError("sector must be a string", field=key)
        if text is not None and not isinstance(text, str):
            raise ValidationError("text must be a string", field=key)
        return cls(code=code, sector=sector or None, text=text)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "sector": self.sector, "text": self.text}


@dataclass(frozen=True, slots=True)
class Location:
    place: str | None
    country: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "country": self.country}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where in its document an event is said: character offsets and the text between them."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


_EVENT_KEYS = frozenset(
    {
        "id",
        "doc_id",
        "date",
        "date_precision",
        "actor",
        "recipient",
        "event_type",
        "mode",
        "context",
        "cameo",
        "goldstein",
        "intensity",
        "location",
        "negated",
        "evidence",
        "confidence",
        "coder",
    }
)


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event, PLOVER-compatible (DESIGN.md, "Event")."""

    id: str
    doc_id: str
    date: str
    date_precision: str
    actor: Party
    recipient: Party | None
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    intensity: float
    evidence: Evidence
    location: Location | None = None
    negated: bool = False
    confidence: float = 1.0
    cameo: str | None = None
    goldstein: float | None = None
    coder: str = "rules"

    @staticmethod
    def make_id(
        doc_id: str, evidence: Evidence, event_type: str, actor: str, recipient: str | None
    ) -> str:
        return make_id("e", doc_id, evidence.start, evidence.end, event_type, actor, recipient)

    @classmethod
    def create(
        cls,
        *,
        doc_id: str,
        date: str,
        date_precision: str,
        actor: Party,
        recipient: Party | None,
        event_type: str,
        evidence: Evidence,
        mode: str | None = None,
        context: tuple[str, ...] | list[str] = (),
        location: Location | None = None,
        negated: bool = False,
        confidence: float = 1.0,
        cameo: str | None = None,
        goldstein: float | None = None,
        intensity: float | None = None,
        coder: str = "rules",
    ) -> Event:
        """An event with its id and (unless given) intensity derived from its content."""
        onto = ontology.load()
        if event_type not in onto.types:
            raise ValidationError(f"unknown PLOVER type {event_type!r}", field="event_type")
        score = onto.intensity(event_type, mode) if intensity is None else intensity
        event = cls(
            id=cls.make_id(
                doc_id, evidence, event_type, actor.code, recipient.code if recipient else None
            ),
            doc_id=doc_id,
            date=date,
            date_precision=date_precision,
            actor=actor,
            recipient=recipient,
            event_type=event_type,
            mode=mode,
            context=tuple(dict.fromkeys(context)),
            intensity=score,
            evidence=evidence,
            location=location,
            negated=negated,
            confidence=confidence,
            cameo=cameo,
            goldstein=goldstein,
            coder=coder,
        )
        event.validate()
        return event

    def validate(self) -> None:
        onto = ontology.load()
        etype = onto.types.get(self.event_type)
        if etype is None:
            raise ValidationError(f"unknown PLOVER type {self.event_type!r}", field="event_type")
        if self.mode is not None and self.mode not in etype.modes:
            raise ValidationError(f"{self.mode!r} is not a mode of {self.event_type}", field="mode")
        unknown = [c for c in self.context if c not in onto.contexts]
        if unknown:
            raise ValidationError(f"unknown context(s): {', '.join(unknown)}", field="context")
        try:
            check_date(self.date, self.date_precision)
        except ValueError as exc:
            raise ValidationError(str(exc), field="date") from exc
        if not -10.0 <= self.intensity <= 10.0:
            raise ValidationError("must lie in -10 .. 10", field="intensity")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValidationError("must lie in 0 .. 1", field="confidence")
        if self.evidence.start < 0 or self.evidence.end < self.evidence.start:
            raise ValidationError("offsets must satisfy 0 <= start <= end", field="evidence")

    @classmethod
    def from_dict(cls, data: Any) -> Event:
        data = _check_keys(data, _EVENT_KEYS, "event")
        doc_id = _need_str(data, "doc_id")
        event_type = _need_str(data, "event_type")
        date_value = _need_str(data, "date")
        precision = _need_str(data, "date_precision")
        actor = Party.from_dict(data.get("actor"), "actor")
        recipient_raw = data.get("recipient")
        recipient = None if recipient_raw is None else Party.from_dict(recipient_raw, "recipient")
        ev = data.get("evidence")
        if not isinstance(ev, dict):
            raise ValidationError("must be an object with start, end, text", field="evidence")
        try:
            evidence = Evidence(int(ev["start"]), int(ev["end"]), str(ev.get("text", "")))
        except (KeyError, TypeError, ValueError) as exc:
            raise ValidationError("needs integer start and end", field="evidence") from exc
        loc = data.get("location")
        location = None
        if isinstance(loc, dict):
            location = Location(loc.get("place"), loc.get("country"))
        elif loc is not None:
            raise ValidationError("must be an object or null", field="location")
        context = data.get("context") or []
        if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
            raise ValidationError("must be a list of strings", field="context")
        mode = _require_str(data, "mode", optional=True)
        onto = ontology.load()
        if event_type not in onto.types:
            raise ValidationError(f"unknown PLOVER type {event_type!r}", field="event_type")
        intensity_raw = data.get("intensity")
        intensity = (
            onto.intensity(event_type, mode) if intensity_raw is None else float(intensity_raw)
        )
        goldstein = data.get("goldstein")
        event = cls(
            id=_require_str(data, "id", optional=True)
            or cls.make_id(
                doc_id, evidence, event_type, actor.code, recipient.code if recipient else None
            ),
            doc_id=doc_id,
            date=date_value,
            date_precision=precision,
            actor=actor,
            recipient=recipient,
            event_type=event_type,
            mode=mode,
            context=tuple(context),
            intensity=intensity,
            evidence=evidence,
            location=location,
            negated=bool(data.get("negated", False)),
            confidence=float(data.get("confidence", 1.0)),
            cameo=_require_str(data, "cameo", optional=True),
            goldstein=None if goldstein is None else float(goldstein),
            coder=_require_str(data, "coder", optional=True) or "rules",
        )
        event.validate()
        return event

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "date": self.date,
            "date_precision": self.date_precision,
            "actor": self.actor.to_dict(),
            "recipient": self.recipient.to_dict() if self.recipient else None,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "intensity": self.intensity,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
            "coder": self.coder,
        }


# --------------------------------------------------------------------------------------------
# Story


@dataclass(frozen=True, slots=True)
class SourceRef:
    """A document behind a story, as a citation: id, title, outlet, date, link."""

    doc_id: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SourceRef:
        """A citation from its JSON form (or a DuckDB struct with the same keys)."""
        return cls(
            doc_id=data["doc_id"],
            title=data.get("title"),
            source=data.get("source"),
            url=data.get("url"),
            published=data.get("published"),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
        }


@dataclass(frozen=True, slots=True)
class Story:
    """Reports of one happening merged into one record (DESIGN.md, "story")."""

    id: str
    date: str
    date_precision: str
    actor: str
    recipient: str | None
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    intensity: float
    summary: str
    event_ids: tuple[str, ...]
    sources: tuple[SourceRef, ...] = field(default_factory=tuple)
    negated: bool = False
    location_country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date,
            "date_precision": self.date_precision,
            "actor": self.actor,
            "recipient": self.recipient,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "intensity": self.intensity,
            "negated": self.negated,
            "location_country": self.location_country,
            "summary": self.summary,
            "event_ids": list(self.event_ids),
            "sources": [s.to_dict() for s in self.sources],
        }


# --------------------------------------------------------------------------------------------
# Gold label

_GOLD_KEYS = frozenset(
    {
        "doc_id",
        "actor",
        "recipient",
        "event_type",
        "mode",
        "context",
        "date",
        "date_precision",
        "location_country",
        "negated",
        "directed",
        "note",
    }
)


@dataclass(frozen=True, slots=True)
class GoldLabel:
    """One hand-labelled event of a gold set (DESIGN.md, "Gold label")."""

    doc_id: str
    actor: str
    recipient: str | None
    event_type: str
    mode: str | None = None
    context: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str | None = None
    location_country: str | None = None
    negated: bool = False
    directed: bool = True

    @classmethod
    def from_dict(cls, data: Any) -> GoldLabel:
        data = _check_keys(data, _GOLD_KEYS, "gold label")
        doc_id = _need_str(data, "doc_id")
        actor = _need_str(data, "actor")
        event_type = _need_str(data, "event_type")
        onto = ontology.load()
        if event_type not in onto.types:
            raise ValidationError(f"unknown PLOVER type {event_type!r}", field="event_type")
        mode = _require_str(data, "mode", optional=True)
        if mode is not None and mode not in onto.types[event_type].modes:
            raise ValidationError(f"{mode!r} is not a mode of {event_type}", field="mode")
        context = data.get("context") or []
        if not isinstance(context, list):
            raise ValidationError("must be a list", field="context")
        unknown = [c for c in context if c not in onto.contexts]
        if unknown:
            raise ValidationError(f"unknown context(s): {', '.join(unknown)}", field="context")
        date_value = _require_str(data, "date", optional=True)
        precision = _require_str(data, "date_precision", optional=True)
        if date_value is not None:
            try:
                check_date(date_value, precision or "day")
            except ValueError as exc:
                raise ValidationError(str(exc), field="date") from exc
        return cls(
            doc_id=doc_id,
            actor=actor,
            recipient=_require_str(data, "recipient", optional=True),
            event_type=event_type,
            mode=mode,
            context=tuple(context),
            date=date_value,
            date_precision=precision,
            location_country=_require_str(data, "location_country", optional=True),
            negated=bool(data.get("negated", False)),
            directed=bool(data.get("directed", True)),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "actor": self.actor,
            "recipient": self.recipient,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "date": self.date,
            "date_precision": self.date_precision,
            "location_country": self.location_country,
            "negated": self.negated,
            "directed": self.directed,
        }
