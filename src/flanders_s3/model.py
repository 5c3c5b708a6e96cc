"""The vocabulary of flanders_s3: frozen, slotted attrs records and their enums.

Each field carries its meaning in ``metadata["doc"]``, data that ``python -OO``
keeps (it drops docstrings); the JSON Schema export and the data dictionary read
it from there. A class's own description is its docstring, which the schema export
reads from the source where ``-OO`` has dropped it.

No I/O happens here. Links between records are stored as ids (fields ending in
``_id`` / ``_ids``) and resolved through the registry by properties, so records
stay acyclic and pickle, copy and unstructure cleanly.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
import warnings
from types import MappingProxyType
from typing import Any, ClassVar

import attrs
from attrs import frozen

__all__ = [
    "Address",
    "Basis",
    "Citation",
    "CitedDate",
    "Cluster",
    "ClusterDomain",
    "Code",
    "CodeScheme",
    "EUPriorityArea",
    "EconomicSpecialisation",
    "Edition",
    "Event",
    "EventKind",
    "EyeRis3Priority",
    "Initiative",
    "InnovationHub",
    "Link",
    "ListEntry",
    "Membership",
    "MembershipStatus",
    "Milestone",
    "MilestoneKind",
    "Name",
    "Network",
    "NetworkKind",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "PerformanceGroup",
    "Period",
    "Person",
    "Pilot",
    "Policy",
    "PolicyKind",
    "Precision",
    "PriorityDomain",
    "ProfileAnswer",
    "ProfileOrganisation",
    "Rating",
    "RatingLevel",
    "Record",
    "Region",
    "Role",
    "Source",
    "SourceKind",
    "Statement",
    "Statistic",
]

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


# --- closed vocabularies --------------------------------------------------------------


class Precision(enum.Enum):
    """How much of a date the evidence gives."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class Basis(enum.Enum):
    """Why a link holds: a source says so, or we infer it (with a reason)."""

    STATED = "stated"
    INFERRED = "inferred"


class SourceKind(enum.Enum):
    """What kind of document a source is."""

    WEB_PAGE = "web page"
    SLIDE_DECK = "slide deck"
    PROFILE = "profile"
    POLICY_TEXT = "policy text"


class MembershipStatus(enum.Enum):
    """The region profile's three answers to "Member ...?"."""

    YES = "yes"
    NO = "no"
    COUNTRY_LEVEL = "country level"


class OrganisationKind(enum.Enum):
    """What kind of organisation a record is, as its sources describe it (``unknown`` where they do not)."""

    RESEARCH_CENTRE = "research centre"
    UNIVERSITY_UNIT = "university unit"
    HOSPITAL = "hospital"
    GOVERNMENT = "government"
    AGENCY = "agency"
    CLUSTER = "cluster organisation"
    INNOVATION_PLATFORM = "innovation platform"
    COMPANY = "company"
    INVESTOR = "investor"
    INFRASTRUCTURE = "infrastructure"
    PROJECT = "project"
    NETWORK = "network"
    UNKNOWN = "unknown"


class NetworkKind(enum.Enum):
    """What kind of network a record is: a network, macro-region, partnership or initiative (``unknown``
    where no source says)."""

    NETWORK = "network"
    MACRO_REGION = "macro-region"
    PARTNERSHIP = "partnership"
    INITIATIVE = "initiative"
    UNKNOWN = "unknown"  # no source says which


class RatingLevel(enum.Enum):
    """The ordinal levels the region profile's self-evaluation uses.

    The source shows these three; it never prints the whole scale, so no other
    level is invented. ``rank`` orders them.
    """

    MEDIUM = "Medium"
    HIGH = "High"
    VERY_HIGH = "Very High"

    @property
    def rank(self) -> int:
        return _RATING_RANK[self]


_RATING_RANK = {RatingLevel.MEDIUM: 1, RatingLevel.HIGH: 2, RatingLevel.VERY_HIGH: 3}


class CodeScheme(enum.Enum):
    """The classification a code belongs to, named as the source names it."""

    NACE = "NACE"  # as the source prints it; it names no edition of the classification
    NABS = "NABS"
    POLICY_OBJECTIVE = "policy objective"


class PolicyKind(enum.Enum):
    """What kind of policy record it is."""

    POLICY = "policy"
    PLAN = "plan"
    DOCUMENT = "document"
    INSTRUMENT = "instrument"
    METHOD = "method"
    ANALYSIS = "analysis"
    PARTNERSHIP = "partnership"


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


class EventKind(enum.Enum):
    """What kind of event a record is."""

    LAUNCH = "launch"
    MEETING = "meeting"
    COUNCIL = "council"
    PRESENTATION = "presentation"
    WORKSHOP = "workshop"
    NEWS = "news"
    PROCESS = "process"


# --- value objects (no id of their own) -----------------------------------------------


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
        parts = [*map(int, self.iso.split("-")), 1, 1][:3]
        _dt.date(*parts)  # raises ValueError for 2013-13 or 2013-02-30

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


@frozen
class Statistic:
    """A figure with its unit and reference year (each ``None`` where the source gives none)."""

    name: str = attrs.field(metadata={"doc": "What is measured."})
    value: int | float = attrs.field(metadata={"doc": "The figure."})
    unit: str | None = attrs.field(
        metadata={"doc": "Its unit, as the source prints it (``None`` where it prints none)."}
    )
    year: int | None = attrs.field(metadata={"doc": "Reference year (``None`` where the source gives none)."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})


@frozen
class PerformanceGroup:
    """An innovation-performance classification as one source states it."""

    group: str = attrs.field(metadata={"doc": "The group, as the source names it."})
    year: int | None = attrs.field(
        metadata={"doc": "Year of the classification (``None`` where the source gives none)."}
    )
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})


@frozen
class Membership:
    """The region's status in one network, as one source answers it."""

    network_id: str = attrs.field(validator=_slug, metadata={"doc": "The network asked about."})
    status: MembershipStatus = attrs.field(metadata={"doc": "Yes, no or country level."})
    citations: tuple[Citation, ...] = attrs.field(
        validator=_cited,
        metadata={"doc": "Every source that gives this answer (sources that agree make one membership)."},
    )

    @property
    def citation(self) -> Citation:
        """The first of :attr:`citations`; deprecated, as a membership may rest on several sources."""
        warnings.warn(
            "Membership.citation is deprecated: a membership may rest on several sources; use Membership.citations",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.citations[0]

    @property
    def network(self) -> Network:
        result: Network = _resolve("network", self.network_id)
        return result


@frozen
class ProfileAnswer:
    """A yes / no question of the region profile that is not a network membership."""

    question: str = attrs.field(metadata={"doc": "The profile's question."})
    answer: str = attrs.field(metadata={"doc": "The answer as printed."})
    value: bool | None = attrs.field(metadata={"doc": "The answer as a boolean (``None`` where it is neither)."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})


@frozen
class Rating:
    """One self-evaluation rating of the region profile."""

    question: str = attrs.field(metadata={"doc": "What is rated."})
    level: RatingLevel = attrs.field(metadata={"doc": "The level given."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})


@frozen
class ListEntry:
    """One entry of a numbered list in a source, kept with the source's own number.

    An entry the source leaves empty keeps its number with ``text`` ``None``:
    silence stays silence, the list is never renumbered.
    """

    number: int = attrs.field(metadata={"doc": "The source's own number for the entry."})
    text: str | None = attrs.field(metadata={"doc": "The entry's text (``None`` where the source leaves it empty)."})
    record_id: str | None = attrs.field(default=None, metadata={"doc": "The record the entry is, where it is one."})
    citation: Citation | None = attrs.field(default=None, metadata={"doc": "The quote this value comes from."})


@frozen
class ProfileOrganisation:
    """One entry of the region profile's numbered list of organisations."""

    number: int = attrs.field(metadata={"doc": "The profile's number for the organisation."})
    name: str | None = attrs.field(metadata={"doc": "Its name (``None`` where the profile gives none)."})
    type: str = attrs.field(metadata={"doc": "Its type, as the profile writes it."})
    organisation_id: str | None = attrs.field(metadata={"doc": "The organisation record, where there is one."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})

    @property
    def organisation(self) -> Organisation | None:
        if self.organisation_id is None:
            return None
        result: Organisation = _resolve("organisation", self.organisation_id)
        return result


@frozen
class Address:
    """A postal address as a source prints it."""

    lines: tuple[str, ...] = attrs.field(metadata={"doc": "Street lines."})
    postcode: str = attrs.field(metadata={"doc": "Postcode."})
    city: str = attrs.field(metadata={"doc": "City."})
    country: str | None = attrs.field(metadata={"doc": "Country, where the address gives one."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})


@frozen
class Statement:
    """A labelled passage of a source (``label`` ``None`` where it has none)."""

    label: str | None = attrs.field(metadata={"doc": "The passage's label (``None`` where it has none)."})
    text: str = attrs.field(metadata={"doc": "The passage."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})


@frozen
class Role:
    """A role a person holds, with the date the source shows them in it."""

    title: str = attrs.field(metadata={"doc": "The role."})
    capacity: str | None = attrs.field(metadata={"doc": "In which capacity, where the source says."})
    organisation_id: str | None = attrs.field(metadata={"doc": "The organisation the role is in."})
    as_of: PartialDate | None = attrs.field(metadata={"doc": "When the source shows the person in the role."})
    as_of_inferred: bool = attrs.field(metadata={"doc": "True when that date is inferred from the source's date."})
    citation: Citation = attrs.field(metadata={"doc": "The quote this value comes from."})

    @property
    def organisation(self) -> Organisation | None:
        if self.organisation_id is None:
            return None
        result: Organisation = _resolve("organisation", self.organisation_id)
        return result


# --- records (each has an id, a name, aliases and its evidence) -----------------------

# A record's repr shows at most this much of its name.
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


@frozen(kw_only=True, repr=False, cache_hash=True)
class Source(Record):
    """A document the data rests on: a captured text, or a public page cited by its address.

    A captured source has its ``file`` under ``sources/`` and that file's ``sha256``;
    every quote from it is found in that text. A public page has no capture (the
    library cites it, it does not copy it): it has its ``url`` and the date it was
    ``consulted``, and each citation of it carries a note in the library's words.
    """

    family: ClassVar[str] = "source"

    publisher: str = attrs.field(metadata={"doc": "Who published the document."})
    author: str | None = attrs.field(default=None, metadata={"doc": "Who wrote it, where the document says so."})
    kind: SourceKind = attrs.field(metadata={"doc": "What kind of document it is."})
    languages: tuple[str, ...] = attrs.field(metadata={"doc": "Languages the document is written in (ISO 639-1)."})
    file: str | None = attrs.field(
        metadata={"doc": "The text capture under ``sources/`` in the repository (``None`` for a public page)."}
    )
    sha256: str | None = attrs.field(
        metadata={"doc": "SHA-256 of that capture, so the evidence cannot drift (``None`` for a public page)."}
    )
    url: str | None = attrs.field(default=None, metadata={"doc": "Where the document was published, if known."})
    date_earliest: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "Earliest date the document can be from."}
    )
    date_latest: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "Latest date the document can be from."}
    )
    date_inferred: bool = attrs.field(
        metadata={"doc": "True when the dates are read off the content, not printed in it."}
    )
    date_note: str = attrs.field(metadata={"doc": "How the dates were established."})
    consulted: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "For a public page, the day its content was read for this data."}
    )

    def __attrs_post_init__(self) -> None:
        if (self.file is None) != (self.sha256 is None):
            raise ValueError("a captured source needs both file and sha256")
        if self.file is None and (self.url is None or self.consulted is None):
            raise ValueError("a public page (no file) needs its url and the date it was consulted")

    @property
    def is_page(self) -> bool:
        """True for a public page cited by its address, False for a captured text under ``sources/``."""
        return self.file is None


@frozen(kw_only=True, repr=False, cache_hash=True)
class Cluster(Record):
    """One of Flanders' spearhead clusters."""

    family: ClassVar[str] = "cluster"

    tagline: str = attrs.field(metadata={"doc": "The cluster's one-line claim, as the source gives it."})
    description: str = attrs.field(metadata={"doc": "The source's paragraph on the cluster."})
    dutch_name: str | None = attrs.field(default=None, metadata={"doc": "The Dutch name, where the sources give one."})
    full_name: str | None = attrs.field(default=None, metadata={"doc": "What an abbreviated name stands for."})
    focus_label: str | None = attrs.field(
        default=None, metadata={"doc": "The source's own word for the list in ``focus_areas``."}
    )
    focus_areas: tuple[str, ...] = attrs.field(
        default=(), metadata={"doc": "The topics, segments or areas the source lists for the cluster."}
    )
    support_max_years: int | None = attrs.field(
        default=None, metadata={"doc": "For how many years at most the cluster is supported."}
    )

    @property
    def priorities(self) -> tuple[PriorityDomain, ...]:
        """The priority domains named for this cluster."""
        from flanders_s3 import lookup

        return tuple(p for p in lookup.priorities() if p.cluster_id == self.id)


@frozen(kw_only=True, repr=False, cache_hash=True)
class PriorityDomain(_InEdition, Record):
    """One of the 10 RIS3 priority domains, with the organisation named beside it.

    ``named_as`` keeps the source's own spelling ("Flux 50"); exactly one of
    ``cluster_id`` and ``organisation_id`` says what that name refers to.
    """

    family: ClassVar[str] = "priority"

    number: int = attrs.field(metadata={"doc": "The domain's number in the source's list (1-10)."})
    named_as: str = attrs.field(
        metadata={"doc": "The name the source puts beside the domain, spelled as it spells it."}
    )
    cluster_id: str | None = attrs.field(
        default=None, metadata={"doc": "The spearhead cluster that name refers to, if it is one."}
    )
    organisation_id: str | None = attrs.field(
        default=None, metadata={"doc": "The organisation that name refers to, if it is not a cluster."}
    )

    edition_id: str | None = attrs.field(
        default=None, metadata={"doc": "The set of priorities (an :class:`Edition`) the record belongs to."}
    )

    def __attrs_post_init__(self) -> None:
        if (self.cluster_id is None) == (self.organisation_id is None):
            raise ValueError("exactly one of cluster_id and organisation_id must be set")

    @property
    def cluster(self) -> Cluster | None:
        if self.cluster_id is None:
            return None
        result: Cluster = _resolve("cluster", self.cluster_id)
        return result

    @property
    def organisation(self) -> Organisation | None:
        if self.organisation_id is None:
            return None
        result: Organisation = _resolve("organisation", self.organisation_id)
        return result

    @property
    def named(self) -> Cluster | Organisation:
        """The spearhead cluster or organisation whose name the source prints beside this domain.

        The source puts a name in brackets after the domain ("4. Health and life
        sciences (vib)"); it says no more than that, so the relation is "names".
        ``named_as`` keeps the name as printed.
        """
        named = self.cluster or self.organisation
        assert named is not None  # guaranteed by __attrs_post_init__
        return named

    @property
    def lead(self) -> Cluster | Organisation:
        """Deprecated alias of :attr:`named` (the source names the record; it does not say it leads)."""
        warnings.warn(
            "PriorityDomain.lead is deprecated: the source names the record beside the domain, "
            "it does not say it leads it; use PriorityDomain.named",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.named


@frozen(kw_only=True, repr=False, cache_hash=True)
class Organisation(Record):
    """An organisation the sources name: a research centre, agency, company, project ..."""

    family: ClassVar[str] = "organisation"

    kind: OrganisationKind = attrs.field(
        metadata={"doc": "What kind of organisation it is (``unknown`` where the sources do not say)."}
    )
    description: str | None = attrs.field(default=None, metadata={"doc": "What the sources say it is or does."})
    address: Address | None = attrs.field(default=None, metadata={"doc": "Postal address, where a source gives one."})
    website: str | None = attrs.field(default=None, metadata={"doc": "Web address, where a source gives one."})


@frozen(kw_only=True, repr=False, cache_hash=True)
class Network(Record):
    """A network, partnership, initiative or macro-region a region can belong to."""

    family: ClassVar[str] = "network"

    kind: NetworkKind = attrs.field(
        metadata={"doc": "Network, macro-region, partnership or initiative (``unknown`` where no source says)."}
    )
    description: str | None = attrs.field(default=None, metadata={"doc": "What the sources say the network is."})
    launched: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it was launched, at the precision the source gives."}
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(), metadata={"doc": "Labelled passages on the network (what, why, who, how, when)."}
    )


@frozen(kw_only=True, repr=False, cache_hash=True)
class Person(Record):
    """A person the sources show in a role."""

    family: ClassVar[str] = "person"

    roles: tuple[Role, ...] = attrs.field(
        default=(), metadata={"doc": "Roles the person holds, each with its date and organisation."}
    )


@frozen(kw_only=True, repr=False, cache_hash=True)
class Region(Record):
    """The Flemish Region, with everything the sources say about it."""

    family: ClassVar[str] = "region"

    nuts_code: str = attrs.field(metadata={"doc": "NUTS code of the region."})
    capital: str | None = attrs.field(default=None, metadata={"doc": "Capital, as the source states it."})
    presentation: tuple[Statement, ...] = attrs.field(
        default=(), metadata={"doc": "The region's presentation, passage by passage."}
    )
    statistics: tuple[Statistic, ...] = attrs.field(
        default=(), metadata={"doc": "Figures with unit and reference year."}
    )
    innovation_performance: tuple[PerformanceGroup, ...] = attrs.field(
        default=(), metadata={"doc": "Innovation-performance groups, one per source that states one."}
    )
    memberships: tuple[Membership, ...] = attrs.field(
        default=(), metadata={"doc": "Status in each network the profile asks about."}
    )
    profile_answers: tuple[ProfileAnswer, ...] = attrs.field(
        default=(), metadata={"doc": "The profile's other yes / no questions."}
    )
    policy_documents: tuple[ListEntry, ...] = attrs.field(
        default=(), metadata={"doc": "The profile's numbered list of policy documents."}
    )
    policy_topics: tuple[str, ...] = attrs.field(default=(), metadata={"doc": "Policy topics the profile ticks."})
    code_ids: tuple[str, ...] = attrs.field(
        default=(), metadata={"doc": "NACE, NABS and policy-objective codes the profile cites."}
    )
    major_initiatives: tuple[ListEntry, ...] = attrs.field(
        default=(), metadata={"doc": "The profile's numbered list of major initiatives (empty numbers kept)."}
    )
    represented_in: tuple[ListEntry, ...] = attrs.field(
        default=(), metadata={"doc": "Networks the region is represented in, as numbered in the profile."}
    )
    organisations: tuple[ProfileOrganisation, ...] = attrs.field(
        default=(), metadata={"doc": "The profile's numbered list of organisations, with their type."}
    )
    self_evaluation: tuple[Rating, ...] = attrs.field(
        default=(), metadata={"doc": "The profile's self-evaluation ratings."}
    )
    addresses: tuple[Address, ...] = attrs.field(
        default=(), metadata={"doc": "Postal addresses the sources give for the region's offices."}
    )

    @property
    def nuts_level(self) -> int:
        """The NUTS level, read off the code's structure (country code plus one character per level)."""
        return len(self.nuts_code) - 2

    @property
    def codes(self) -> tuple[Code, ...]:
        result: tuple[Code, ...] = tuple(_resolve("code", i) for i in self.code_ids)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class ClusterDomain(_InEdition, Record):
    """One of the seven strategic cluster domains for smart specialisation."""

    family: ClassVar[str] = "cluster_domain"

    description: str = attrs.field(metadata={"doc": "The policy text's description of the domain."})
    examples: tuple[str, ...] = attrs.field(default=(), metadata={"doc": "Example activities the text lists."})
    supported_by_ids: tuple[str, ...] = attrs.field(
        default=(), metadata={"doc": "Research centres and platforms named as supporting the domain."}
    )

    edition_id: str | None = attrs.field(
        default=None, metadata={"doc": "The set of priorities (an :class:`Edition`) the record belongs to."}
    )

    @property
    def supported_by(self) -> tuple[Organisation, ...]:
        result: tuple[Organisation, ...] = tuple(
            _resolve("organisation", i) for i in self.supported_by_ids
        )
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class InnovationHub(_InEdition, Record):
    """One of the six innovation hubs of the challenge-driven innovation policy (2010)."""

    family: ClassVar[str] = "innovation_hub"

    number: int = attrs.field(metadata={"doc": "The hub's number in the source's list."})
    policy_id: str = attrs.field(metadata={"doc": "The policy the hub belongs to."})

    edition_id: str | None = attrs.field(
        default=None, metadata={"doc": "The set of priorities (an :class:`Edition`) the record belongs to."}
    )

    @property
    def policy(self) -> Policy:
        result: Policy = _resolve("policy", self.policy_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class EUPriorityArea(Record):
    """One of the six priority areas of the EU Industrial Policy Communication (October 2012)."""

    family: ClassVar[str] = "eu_priority_area"

    number: int = attrs.field(
        metadata={"doc": "The area's number: its place in the source's list where ``number_printed`` is false."}
    )
    policy_id: str = attrs.field(metadata={"doc": "The EU policy that sets the area."})
    number_printed: bool = attrs.field(
        default=True,
        metadata={"doc": "False where the source lists the areas without numbers, so ``number`` is the list position."},
    )

    @property
    def policy(self) -> Policy:
        result: Policy = _resolve("policy", self.policy_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class EconomicSpecialisation(Record):
    """An economic strength of the region, with the niches a source lists under it."""

    family: ClassVar[str] = "specialisation"

    strength: str = attrs.field(metadata={"doc": "The strength the source names."})
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says of it, in this library's words; the citations hold its own."},
    )
    niches: tuple[str, ...] = attrs.field(default=(), metadata={"doc": "Niches the source lists under it."})


@frozen(kw_only=True, repr=False, cache_hash=True)
class Policy(Record):
    """A policy, plan, document, instrument or method."""

    family: ClassVar[str] = "policy"

    kind: PolicyKind = attrs.field(
        metadata={"doc": "Policy, plan, document, instrument, method, analysis or partnership."}
    )
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says it is, in this library's words; the citations hold its own."},
    )
    date: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it was adopted or published, at the source's precision."}
    )
    level: str | None = attrs.field(
        default=None, metadata={"doc": "Level of government or scope (regional, EU, ...), as the source states it."}
    )
    items: tuple[str, ...] = attrs.field(default=(), metadata={"doc": "The points the source lists under it."})
    organisation_id: str | None = attrs.field(default=None, metadata={"doc": "The organisation behind it."})
    parent_id: str | None = attrs.field(default=None, metadata={"doc": "The policy this one is part of."})

    @property
    def organisation(self) -> Organisation | None:
        if self.organisation_id is None:
            return None
        result: Organisation = _resolve("organisation", self.organisation_id)
        return result

    @property
    def parent(self) -> Policy | None:
        if self.parent_id is None:
            return None
        result: Policy = _resolve("policy", self.parent_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class Pilot(Record):
    """A Vanguard Initiative pilot."""

    family: ClassVar[str] = "pilot"

    network_id: str = attrs.field(metadata={"doc": "The network that runs the pilot."})
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says of the pilot, in this library's words; the citations hold its own."},
    )

    @property
    def network(self) -> Network:
        result: Network = _resolve("network", self.network_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class Event(Record):
    """A dated event or news item; ``date`` ``None`` where the source gives none."""

    family: ClassVar[str] = "event"

    kind: EventKind = attrs.field(
        metadata={"doc": "Launch, meeting, council, presentation, workshop, news or process."}
    )
    date: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it happened (``None`` where the source gives no date)."}
    )
    date_end: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it ended, for events that span days."}
    )
    date_inferred: bool = attrs.field(
        default=False,
        metadata={"doc": "True where the source does not print the dates' year: they are read off their context."},
    )
    date_note: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_nonblank),
        metadata={"doc": "How inferred dates were read."},
    )
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says happened, in this library's words; the citations hold its own."},
    )
    location: str | None = attrs.field(default=None, metadata={"doc": "Where it took place."})
    pilot_id: str | None = attrs.field(default=None, metadata={"doc": "The Vanguard pilot it belongs to."})
    network_id: str | None = attrs.field(default=None, metadata={"doc": "The network it belongs to."})

    @property
    def pilot(self) -> Pilot | None:
        if self.pilot_id is None:
            return None
        result: Pilot = _resolve("pilot", self.pilot_id)
        return result

    @property
    def network(self) -> Network | None:
        if self.network_id is None:
            return None
        result: Network = _resolve("network", self.network_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class Initiative(Record):
    """A major initiative of the region profile, under the profile's own number."""

    family: ClassVar[str] = "initiative"

    number: int = attrs.field(metadata={"doc": "The initiative's number in the profile's list."})
    description: str | None = attrs.field(default=None, metadata={"doc": "What the profile says of it."})


@frozen(kw_only=True, repr=False, cache_hash=True)
class Code(Record):
    """A NACE, NABS or policy-objective code the region profile cites."""

    family: ClassVar[str] = "code"

    scheme: CodeScheme = attrs.field(
        metadata={"doc": "NACE, NABS or policy objective, as the source names the scheme (it gives no edition)."}
    )
    code: str = attrs.field(metadata={"doc": "The code as the scheme writes it."})
    label: str = attrs.field(metadata={"doc": "The scheme's label for the code."})
    parent_id: str | None = attrs.field(default=None, metadata={"doc": "The broader code this one belongs to."})

    @property
    def parent(self) -> Code | None:
        if self.parent_id is None:
            return None
        result: Code = _resolve("code", self.parent_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class Edition(Record):
    """One of the strategy's successive sets of priorities, as a source lists it.

    Each set is a family of its own (``record_family``: innovation hubs, cluster
    domains, the priorities encoded in Eye@RIS3, the current priority domains),
    and each record of that family points back here by ``edition_id``. Compare
    two sets through :func:`flanders_s3.crosswalk`, which gives each link's basis.
    """

    family: ClassVar[str] = "edition"

    record_family: str = attrs.field(metadata={"doc": "The family whose records make up this set."})
    source_id: str = attrs.field(validator=_slug, metadata={"doc": "The source that lists the set."})
    count_printed: int | None = attrs.field(
        default=None,
        metadata={"doc": "How many priorities the source says the set has, where it prints the number."},
    )

    def __attrs_post_init__(self) -> None:
        if self.record_family not in _EDITION_FAMILIES:
            raise ValueError(f"record_family {self.record_family!r} is not a family of priorities; "
                             f"one of: {', '.join(sorted(_EDITION_FAMILIES))}")

    @property
    def source(self) -> Source:
        result: Source = _resolve("source", self.source_id)
        return result

    @property
    def records(self) -> tuple[Record, ...]:
        """The set's records, in the source's order."""
        from flanders_s3 import lookup

        return tuple(r for r in lookup.INDICES[self.record_family].all() if getattr(r, "edition_id", None) == self.id)


@frozen(kw_only=True, repr=False, cache_hash=True)
class EyeRis3Priority(_InEdition, Record):
    """A priority of Flanders as encoded in the EU's Eye@RIS3 tool, named as the S3 Platform lists it."""

    family: ClassVar[str] = "eye_ris3_priority"

    edition_id: str | None = attrs.field(
        default=None, metadata={"doc": "The set of priorities (an :class:`Edition`) the record belongs to."}
    )


# The families that hold a set of priorities, each an edition's records.
_EDITION_FAMILIES = frozenset({"innovation_hub", "cluster_domain", "eye_ris3_priority", "priority"})


@frozen(kw_only=True)
class Link:
    """A crosswalk edge between two records of different families.

    ``basis`` is ``STATED`` with the ``citations`` that, together, state it, or
    ``INFERRED`` with the ``reason`` (citations may still show the evidence).
    """

    from_family: str = attrs.field(metadata={"doc": "Family of the record the link starts at."})
    from_id: str = attrs.field(metadata={"doc": "Id of that record."})
    relation: str = attrs.field(metadata={"doc": "What the link says, read from the first record to the second."})
    to_family: str = attrs.field(metadata={"doc": "Family of the record the link ends at."})
    to_id: str = attrs.field(metadata={"doc": "Id of that record."})
    basis: Basis = attrs.field(metadata={"doc": "``stated`` by a source or ``inferred`` by us."})
    citations: tuple[Citation, ...] = attrs.field(
        default=(),
        metadata={"doc": (
            "The quotes that, together, state the link (both ends and the relation), or show the evidence."
        )},
    )
    reason: str | None = attrs.field(default=None, metadata={"doc": "Why an inferred link holds."})
    date: CitedDate | None = attrs.field(
        default=None, metadata={"doc": "When it happened, for a succession (renamed, replaced, absorbed, merged)."}
    )

    def __attrs_post_init__(self) -> None:
        if self.basis is Basis.STATED and not self.citations:
            raise ValueError("a stated link needs the citations that state it")
        if self.basis is Basis.INFERRED and not self.reason:
            raise ValueError("an inferred link needs its reason")

    @property
    def citation(self) -> Citation | None:
        """The first of :attr:`citations` (``None`` where there is none); deprecated."""
        warnings.warn(
            "Link.citation is deprecated: a link may need several citations; use Link.citations",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.citations[0] if self.citations else None

    @property
    def source(self) -> Record:
        result: Record = _resolve(self.from_family, self.from_id)
        return result

    @property
    def target(self) -> Record:
        result: Record = _resolve(self.to_family, self.to_id)
        return result


# Every record family, in the order the exports list them.
FAMILY_TYPES: MappingProxyType[str, type[Record]] = MappingProxyType({
    cls.family: cls
    for cls in (
        Source,
        Cluster,
        PriorityDomain,
        Region,
        Organisation,
        Network,
        Person,
        ClusterDomain,
        InnovationHub,
        EUPriorityArea,
        EconomicSpecialisation,
        Policy,
        Pilot,
        Event,
        Initiative,
        Code,
        Edition,
        EyeRis3Priority,
    )
})

# Families whose records carry the source's number, and are also looked up by it (``get_priority(8)``).
NUMBERED: frozenset[str] = frozenset(f for f, cls in FAMILY_TYPES.items() if "number" in attrs.fields_dict(cls))


# Each family's plural as its data file and the command line spell it.
PLURALS: MappingProxyType[str, str] = MappingProxyType({
    "source": "sources",
    "cluster": "clusters",
    "priority": "priorities",
    "region": "regions",
    "organisation": "organisations",
    "network": "networks",
    "person": "people",
    "cluster_domain": "cluster_domains",
    "innovation_hub": "innovation_hubs",
    "eu_priority_area": "eu_priority_areas",
    "specialisation": "specialisations",
    "policy": "policies",
    "pilot": "pilots",
    "event": "events",
    "initiative": "initiatives",
    "code": "codes",
    "edition": "editions",
    "eye_ris3_priority": "eye_ris3_priorities",
})


def _spellings() -> dict[str, str]:
    out: dict[str, str] = {}
    for family, plural in PLURALS.items():
        for name in (family, plural):
            out[name] = family
            if "isation" in name:  # the US spelling users type: organizations, specialization
                out[name.replace("isation", "ization")] = family
    return out


# Every accepted spelling, in the one form they are compared in (see _family_key).
_FAMILY_SPELLINGS: MappingProxyType[str, str] = MappingProxyType(_spellings())
_SEPARATORS = re.compile(r"[-\s]+")


def _family_key(text: str) -> str:
    return _SEPARATORS.sub("_", text.strip().casefold())


def check_family(value: object, name: str = "family") -> str:
    """The family ``value`` names, in its canonical singular form (``"cluster_domain"``).

    Every entry point (search's ``kind``, ``crosswalk``, ``to_dataframe``, the
    strategies, the command line) reads a family through this one function, so
    they all accept the same spellings: singular or plural, ``-``, ``_`` or a
    space between words, any case, and the US "-ization" forms.

    >>> check_family("Cluster-Domains"), check_family("organizations"), check_family("people")
    ('cluster_domain', 'organisation', 'person')

    Raises ``TypeError`` for a value that is not a ``str`` and ``ValueError``,
    listing the families, for an unknown name.
    """
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    family = _FAMILY_SPELLINGS.get(_family_key(value))
    if family is None:
        known = ", ".join(f"{f} ({p})" for f, p in PLURALS.items())
        raise ValueError(
            f"unknown {name} {value!r}; one of: {known} (singular or plural; '-', '_' or a space; any case)"
        )
    return family
