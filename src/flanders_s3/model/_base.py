"""Validators, shared vocabularies, the value objects every record holds, and :class:`Record`."""

from __future__ import annotations

import datetime as _dt
import enum
import re
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
from attrs import frozen

if TYPE_CHECKING:
    from flanders_s3.model._edition import Edition
    from flanders_s3.model._source import Source

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*\Z")


def _slug(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not _SLUG.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not a slug ([a-z0-9]+(-[a-z0-9]+)*)")


def _nonblank(_inst: object, attribute: attrs.Attribute[Any], value: str) -> None:
    if not value.strip():
        raise ValueError(f"{attribute.name} must not be blank")


def _cited(_inst: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    if not value:
        raise ValueError(f"{attribute.name} must hold at least one citation")


def _resolve(family: str, record_id: str) -> Any:
    # Imported here, not at module level: lookup imports the model.
    from flanders_s3 import lookup

    return lookup.get_by_id(family, record_id)


class Precision(enum.Enum):
    """How much of a date the evidence gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Basis(enum.Enum):
    """Why a link holds: a source says so, or we infer it (with a reason)."""

    STATED = "stated"
    INFERRED = "inferred"


class MilestoneKind(enum.Enum):
    """What happened to a record on a milestone's date."""

    FOUNDED = "founded"
    RECOGNISED = "recognised"
    LAUNCHED = "launched"
    RENAMED = "renamed"
    MERGED = "merged"
    STARTED = "started"
    ENDED = "ended"
    UPDATED = "updated"
    AGREEMENT = "agreement"


_DATE_SHAPE = {
    Precision.YEAR: re.compile(r"[0-9]{4}\Z"),
    Precision.MONTH: re.compile(r"[0-9]{4}-[0-9]{2}\Z"),
    Precision.DAY: re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
}


@frozen
class PartialDate:
    """An ISO 8601 date at the precision the evidence gives: ``2013``, ``2013-11``, ``2013-11-08``."""

    iso: str = attrs.field(metadata={"doc": "ISO 8601 date: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."})
    precision: Precision = attrs.field(metadata={"doc": "How much of the date the evidence gives."})

    def __attrs_post_init__(self) -> None:
        if not _DATE_SHAPE[self.precision].match(self.iso):
            raise ValueError(f"date {self.iso!r} is not of {self.precision.value} precision")
        self.earliest  # its first day: raises ValueError for 2013-13 or 2013-02-30  # noqa: B018

    @property
    def earliest(self) -> _dt.date:
        """The first day the partial date covers."""
        return _dt.date(*[*map(int, self.iso.split("-")), 1, 1][:3])

    @property
    def latest(self) -> _dt.date:
        """The last day the partial date covers (``2016`` -> 2016-12-31, ``2016-02`` -> 2016-02-29)."""
        year, month, day = [*map(int, self.iso.split("-")), 0, 0][:3]
        if self.precision is Precision.DAY:
            return _dt.date(year, month, day)
        if self.precision is Precision.YEAR:
            return _dt.date(year, 12, 31)
        following = _dt.date(year + 1, 1, 1) if month == 12 else _dt.date(year, month + 1, 1)
        return following - _dt.timedelta(days=1)

    def covers(self, day: _dt.date) -> bool:
        """True when ``day`` falls within the partial date (``2016`` covers 2016-06-01)."""
        return self.earliest <= day <= self.latest

    def __str__(self) -> str:
        return self.iso


@frozen
class Citation:
    """A verbatim quote from one source, the evidence for a claim.

    ``supports`` names the field the quote is evidence for, where it is one field.
    """

    source_id: str = attrs.field(validator=_slug, metadata={"doc": "The source quoted."})
    quote: str = attrs.field(
        validator=_nonblank, metadata={"doc": "The source's exact words (white space normalised when matched)."}
    )
    supports: str | None = attrs.field(
        default=None, metadata={"doc": "The field the quote is evidence for, where it is one field."}
    )
    note: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_nonblank),
        metadata={"doc": (
            "For a public page, what the page states, in this library's words; "
            "the quote then holds no more than a name or a date as the page prints it."
        )},
    )

    @property
    def source(self) -> Source:
        result: Source = _resolve("source", self.source_id)
        return result


_LANGUAGE = re.compile(r"[a-z]{2}\Z")


def _language(_inst: object, attribute: attrs.Attribute[Any], value: str | None) -> None:
    if value is not None and not _LANGUAGE.match(value):
        raise ValueError(f"{attribute.name} {value!r} is not an ISO 639-1 code (two lower-case letters)")


@frozen
class Name:
    """A name of a record in one language, with the citation of a source that uses it.

    Lookups find a record by each of its names, as they do by its aliases.
    """

    text: str = attrs.field(validator=_nonblank, metadata={"doc": "The name, spelled as the source spells it."})
    language: str = attrs.field(validator=_language, metadata={"doc": "Its language (ISO 639-1: ``nl``, ``en``)."})
    citation: Citation = attrs.field(metadata={"doc": "The source that uses the name."})


@frozen
class CitedDate:
    """A partial date with its evidence: ``stated`` by its citations, or ``inferred`` (with a ``reason``).

    A period's bounds and a succession link's date are cited dates.
    """

    date: PartialDate = attrs.field(metadata={"doc": "The date, at the precision the evidence gives."})
    basis: Basis = attrs.field(metadata={"doc": "``stated`` where a source prints the date, else ``inferred``."})
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata={"doc": "The evidence for the date (a page citation carries a note)."}
    )
    reason: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_nonblank),
        metadata={"doc": "Why an inferred date holds."},
    )

    def __attrs_post_init__(self) -> None:
        if not self.citations:
            raise ValueError("a date needs the citation it rests on")
        if self.basis is Basis.INFERRED and self.reason is None:
            raise ValueError("an inferred date needs its reason")


@frozen
class Milestone:
    """A dated step in a record's history, as one source gives it.

    Where sources disagree (recognised in one year, started in the next), each
    claim is a milestone of its own, with its own source: nothing is reconciled.
    """

    kind: MilestoneKind = attrs.field(metadata={"doc": "What happened: founded, recognised, launched, renamed ..."})
    date: CitedDate = attrs.field(metadata={"doc": "When, with its evidence."})


@frozen
class Period:
    """When a record held: from its ``start`` to its ``end`` (``None``: it still holds).

    A partial start covers from its earliest day, a partial end to its latest day,
    so a period ending in ``2016`` covers 2016-06-01. Not to be confused with
    :attr:`Role.as_of`, the date a source *shows* a person in a role.
    """

    start: CitedDate = attrs.field(metadata={"doc": "When it began, with its evidence."})
    end: CitedDate | None = attrs.field(
        default=None, metadata={"doc": "When it ended, with its evidence (``None``: it still holds)."}
    )

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end.date.latest < self.start.date.earliest:
            raise ValueError(f"period ends ({self.end.date}) before it starts ({self.start.date})")

    def covers(self, day: _dt.date) -> bool:
        """True when ``day`` lies within the period."""
        if day < self.start.date.earliest:
            return False
        return self.end is None or day <= self.end.date.latest


_REPR_NAME = 120


def _cell(value: object) -> str:
    """A field's value as one line of text for the notebook table."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple):
        return "; ".join(_cell(v) for v in value)
    if value is None:
        return "\u2014"  # an em dash: the source is silent
    cls = type(value)
    if attrs.has(cls) and not isinstance(value, PartialDate):
        return ", ".join(f"{f.name}={_cell(getattr(value, f.name))}" for f in attrs.fields(cls) if f.name != "citation")
    return str(value)


@frozen(kw_only=True, repr=False, cache_hash=True)
class Record:
    """What every record has: a slug ``id``, a display ``name``, ``aliases`` and ``citations``.

    ``former_ids`` are ids this record was once released under; they still find
    it, exactly and with a ``DeprecationWarning`` (see :mod:`flanders_s3.lookup`).
    They are not names, so they need no evidence. ``former_names`` are, in the
    same way, display names this record was once released under that no source
    uses; the ``name`` now is a form a source prints.
    """

    family: ClassVar[str] = "record"

    id: str = attrs.field(
        validator=_slug,
        metadata={"doc": "Stable slug the record is found by; a released id is a promise (see *Releasing*)."},
    )
    name: str = attrs.field(validator=_nonblank, metadata={"doc": "Display name, as the main source spells it."})
    aliases: tuple[str, ...] = attrs.field(
        default=(),
        metadata={"doc": "Other names and spellings the sources use; exact lookup finds the record by each."},
    )
    citations: tuple[Citation, ...] = attrs.field(
        default=(), metadata={"doc": "The evidence: verbatim quotes, each naming its source and the field it supports."}
    )
    former_ids: tuple[str, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(_slug),
        metadata={"doc": (
            "Ids the record was released under before and has since left; exact lookups still find it by each, "
            "with a DeprecationWarning."
        )},
    )
    former_names: tuple[str, ...] = attrs.field(
        default=(),
        validator=attrs.validators.deep_iterable(_nonblank),
        metadata={"doc": (
            "Display names the record was released under that no source uses; exact lookups still find it by "
            "each, as written, with a DeprecationWarning. Search and suggestions never use them."
        )},
    )
    name_language: str | None = attrs.field(
        default=None,
        validator=_language,
        metadata={"doc": "The language of ``name`` (ISO 639-1), where it is one language's word; else ``None``."},
    )
    names: tuple[Name, ...] = attrs.field(
        default=(), metadata={"doc": "Names by language, each with the source that uses it; lookups match each."}
    )
    period: Period | None = attrs.field(
        default=None,
        metadata={"doc": "When the record held, with cited bounds (``None``: no source gives its period)."},
    )
    milestones: tuple[Milestone, ...] = attrs.field(
        default=(), metadata={"doc": "Dated steps of its history (founded, recognised, renamed ...), each cited."}
    )

    def __repr__(self) -> str:
        # Short on purpose: the region alone unstructures to tens of thousands of
        # characters. The whole record is one call away: flanders_s3.to_dict(record).
        name = self.name if len(self.name) <= _REPR_NAME else self.name[: _REPR_NAME - 3] + "..."
        return f"<{type(self).__name__} {self.family}:{self.id} {name!r}>"

    def _repr_html_(self) -> str:
        """The record as a table for notebooks: its fields, then its citations with their quotes."""
        from html import escape

        rows = [f"<tr><th>{escape(f.name)}</th><td>{escape(_cell(getattr(self, f.name)))}</td></tr>"
                for f in attrs.fields(type(self)) if f.name != "citations"]
        cited = "".join(
            f"<li><code>{escape(c.source_id)}</code>: &ldquo;{escape(c.quote)}&rdquo;</li>" for c in self.citations
        )
        return (
            f"<table><caption>{escape(type(self).__name__)} <code>{escape(self.key)}</code></caption>"
            f"{''.join(rows)}</table><p>Citations</p><ul>{cited}</ul>"
        )

    # Records sort by (family, id): stable across releases, and the same in every family.
    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.family, self.id) < (other.family, other.id)

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.family, self.id) <= (other.family, other.id)

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.family, self.id) > (other.family, other.id)

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return (self.family, self.id) >= (other.family, other.id)

    @property
    def keys(self) -> tuple[str, ...]:
        """The texts exact lookup finds the record by (id, name, aliases and names; never a former id)."""
        return tuple(dict.fromkeys((self.id, self.name, *self.aliases, *(n.text for n in self.names))))

    def holds_on(self, day: _dt.date) -> bool:
        """True when the record's cited period covers ``day`` (False where no source gives a period)."""
        return self.period is not None and self.period.covers(day)

    @property
    def key(self) -> str:
        """The record's global key, ``"family:id"`` (``"cluster:flux50"``): unique across families."""
        return f"{self.family}:{self.id}"

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources this record cites, in first-cited order."""
        return tuple(dict.fromkeys(c.source_id for c in self.citations))

    @property
    def sources(self) -> tuple[Source, ...]:
        result: tuple[Source, ...] = tuple(_resolve("source", i) for i in self.source_ids)
        return result


class _InEdition:
    """The ``edition`` of a record in a set of priorities (its attrs class declares ``edition_id``)."""

    __slots__ = ()
    edition_id: str | None

    @property
    def edition(self) -> Edition | None:
        """The :class:`Edition` this record belongs to (``None`` where the data gives none)."""
        if self.edition_id is None:
            return None
        result: Edition = _resolve("edition", self.edition_id)
        return result
