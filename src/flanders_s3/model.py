"""The vocabulary of flanders_s3: frozen, slotted attrs records and their enums.

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
    "Cluster",
    "ClusterDomain",
    "Code",
    "CodeScheme",
    "EUPriorityArea",
    "EconomicSpecialisation",
    "Event",
    "EventKind",
    "Initiative",
    "InnovationHub",
    "Link",
    "ListEntry",
    "Membership",
    "MembershipStatus",
    "Network",
    "NetworkKind",
    "Organisation",
    "OrganisationKind",
    "PartialDate",
    "PerformanceGroup",
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
    NETWORK = "network"
    MACRO_REGION = "macro-region"
    PARTNERSHIP = "partnership"
    INITIATIVE = "initiative"


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
    NACE = "NACE"  # as the source prints it; it names no edition of the classification
    NABS = "NABS"
    POLICY_OBJECTIVE = "policy objective"


class PolicyKind(enum.Enum):
    POLICY = "policy"
    PLAN = "plan"
    DOCUMENT = "document"
    INSTRUMENT = "instrument"
    METHOD = "method"
    ANALYSIS = "analysis"
    PARTNERSHIP = "partnership"


class EventKind(enum.Enum):
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

    iso: str
    precision: Precision

    def __attrs_post_init__(self) -> None:
        if not _DATE_SHAPE[self.precision].match(self.iso):
            raise ValueError(f"date {self.iso!r} is not of {self.precision.value} precision")
        parts = [*map(int, self.iso.split("-")), 1, 1][:3]
        _dt.date(*parts)  # raises ValueError for 2013-13 or 2013-02-30

    @property
    def earliest(self) -> _dt.date:
        """The first day the partial date covers."""
        return _dt.date(*[*map(int, self.iso.split("-")), 1, 1][:3])

    def __str__(self) -> str:
        return self.iso


@frozen
class Citation:
    """A verbatim quote from one source, the evidence for a claim.

    ``supports`` names the field the quote is evidence for, where it is one field.
    """

    source_id: str = attrs.field(validator=_slug)
    quote: str = attrs.field(validator=_nonblank)
    supports: str | None = None

    @property
    def source(self) -> Source:
        result: Source = _resolve("source", self.source_id)
        return result


@frozen
class Statistic:
    """A figure with its unit and reference year (``None`` where the source gives none)."""

    name: str
    value: int | float
    unit: str
    year: int | None
    citation: Citation


@frozen
class PerformanceGroup:
    """An innovation-performance classification as one source states it."""

    group: str
    year: int | None
    citation: Citation


@frozen
class Membership:
    """The region's status in one network, as one source answers it."""

    network_id: str = attrs.field(validator=_slug)
    status: MembershipStatus
    citation: Citation

    @property
    def network(self) -> Network:
        result: Network = _resolve("network", self.network_id)
        return result


@frozen
class ProfileAnswer:
    """A yes / no question of the region profile that is not a network membership."""

    question: str
    answer: str
    value: bool | None
    citation: Citation


@frozen
class Rating:
    """One self-evaluation rating of the region profile."""

    question: str
    level: RatingLevel
    citation: Citation


@frozen
class ListEntry:
    """One entry of a numbered list in a source, kept with the source's own number.

    An entry the source leaves empty keeps its number with ``text`` ``None``:
    silence stays silence, the list is never renumbered.
    """

    number: int
    text: str | None
    record_id: str | None = None
    citation: Citation | None = None


@frozen
class ProfileOrganisation:
    """One entry of the region profile's numbered list of organisations."""

    number: int
    name: str | None
    type: str
    organisation_id: str | None
    citation: Citation

    @property
    def organisation(self) -> Organisation | None:
        if self.organisation_id is None:
            return None
        result: Organisation = _resolve("organisation", self.organisation_id)
        return result


@frozen
class Address:
    lines: tuple[str, ...]
    postcode: str
    city: str
    country: str | None
    citation: Citation


@frozen
class Statement:
    """A labelled passage of a source (``label`` ``None`` where it has none)."""

    label: str | None
    text: str
    citation: Citation


@frozen
class Role:
    """A role a person holds, with the date the source shows them in it."""

    title: str
    capacity: str | None
    organisation_id: str | None
    as_of: PartialDate | None
    as_of_inferred: bool
    citation: Citation

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
    They are not names, so they need no evidence.
    """

    family: ClassVar[str] = "record"

    id: str = attrs.field(validator=_slug)
    name: str = attrs.field(validator=_nonblank)
    aliases: tuple[str, ...] = ()
    citations: tuple[Citation, ...] = ()
    former_ids: tuple[str, ...] = attrs.field(default=(), validator=attrs.validators.deep_iterable(_slug))

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


@frozen(kw_only=True, repr=False, cache_hash=True)
class Source(Record):
    """One of the documents the data rests on."""

    family: ClassVar[str] = "source"

    publisher: str
    author: str | None = None
    kind: SourceKind
    languages: tuple[str, ...]
    file: str
    sha256: str
    url: str | None = None
    date_earliest: PartialDate | None = None
    date_latest: PartialDate | None = None
    date_inferred: bool
    date_note: str


@frozen(kw_only=True, repr=False, cache_hash=True)
class Cluster(Record):
    """One of Flanders' spearhead clusters."""

    family: ClassVar[str] = "cluster"

    tagline: str
    description: str
    dutch_name: str | None = None
    full_name: str | None = None
    focus_label: str | None = None
    focus_areas: tuple[str, ...] = ()
    support_max_years: int | None = None

    @property
    def priorities(self) -> tuple[PriorityDomain, ...]:
        """The priority domains named for this cluster."""
        from flanders_s3 import lookup

        return tuple(p for p in lookup.priorities() if p.cluster_id == self.id)


@frozen(kw_only=True, repr=False, cache_hash=True)
class PriorityDomain(Record):
    """One of the 10 RIS3 priority domains, with the organisation named beside it.

    ``named_as`` keeps the source's own spelling ("Flux 50"); exactly one of
    ``cluster_id`` and ``organisation_id`` says what that name refers to.
    """

    family: ClassVar[str] = "priority"

    number: int
    named_as: str
    cluster_id: str | None = None
    organisation_id: str | None = None

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
    family: ClassVar[str] = "organisation"

    kind: OrganisationKind
    description: str | None = None
    address: Address | None = None
    website: str | None = None


@frozen(kw_only=True, repr=False, cache_hash=True)
class Network(Record):
    """A network, partnership, initiative or macro-region a region can belong to."""

    family: ClassVar[str] = "network"

    kind: NetworkKind
    description: str | None = None
    launched: PartialDate | None = None
    statements: tuple[Statement, ...] = ()


@frozen(kw_only=True, repr=False, cache_hash=True)
class Person(Record):
    family: ClassVar[str] = "person"

    roles: tuple[Role, ...] = ()


@frozen(kw_only=True, repr=False, cache_hash=True)
class Region(Record):
    """The Flemish Region, with everything the sources say about it."""

    family: ClassVar[str] = "region"

    nuts_code: str
    capital: str | None = None
    presentation: tuple[Statement, ...] = ()
    statistics: tuple[Statistic, ...] = ()
    innovation_performance: tuple[PerformanceGroup, ...] = ()
    memberships: tuple[Membership, ...] = ()
    profile_answers: tuple[ProfileAnswer, ...] = ()
    policy_documents: tuple[ListEntry, ...] = ()
    policy_topics: tuple[str, ...] = ()
    code_ids: tuple[str, ...] = ()
    major_initiatives: tuple[ListEntry, ...] = ()
    represented_in: tuple[ListEntry, ...] = ()
    organisations: tuple[ProfileOrganisation, ...] = ()
    self_evaluation: tuple[Rating, ...] = ()
    addresses: tuple[Address, ...] = ()

    @property
    def nuts_level(self) -> int:
        """The NUTS level, read off the code's structure (country code plus one character per level)."""
        return len(self.nuts_code) - 2

    @property
    def codes(self) -> tuple[Code, ...]:
        result: tuple[Code, ...] = tuple(_resolve("code", i) for i in self.code_ids)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class ClusterDomain(Record):
    """One of the seven strategic cluster domains for smart specialisation."""

    family: ClassVar[str] = "cluster_domain"

    description: str
    examples: tuple[str, ...] = ()
    supported_by_ids: tuple[str, ...] = ()

    @property
    def supported_by(self) -> tuple[Organisation, ...]:
        result: tuple[Organisation, ...] = tuple(
            _resolve("organisation", i) for i in self.supported_by_ids
        )
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class InnovationHub(Record):
    """One of the six innovation hubs of the challenge-driven innovation policy (2010)."""

    family: ClassVar[str] = "innovation_hub"

    number: int
    policy_id: str

    @property
    def policy(self) -> Policy:
        result: Policy = _resolve("policy", self.policy_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class EUPriorityArea(Record):
    """One of the six priority areas of the EU Industrial Policy Communication (October 2012)."""

    family: ClassVar[str] = "eu_priority_area"

    number: int
    policy_id: str

    @property
    def policy(self) -> Policy:
        result: Policy = _resolve("policy", self.policy_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class EconomicSpecialisation(Record):
    family: ClassVar[str] = "specialisation"

    strength: str
    description: str | None = None
    niches: tuple[str, ...] = ()


@frozen(kw_only=True, repr=False, cache_hash=True)
class Policy(Record):
    """A policy, plan, document, instrument or method."""

    family: ClassVar[str] = "policy"

    kind: PolicyKind
    description: str | None = None
    date: PartialDate | None = None
    level: str | None = None
    items: tuple[str, ...] = ()
    organisation_id: str | None = None
    parent_id: str | None = None

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

    network_id: str
    description: str | None = None

    @property
    def network(self) -> Network:
        result: Network = _resolve("network", self.network_id)
        return result


@frozen(kw_only=True, repr=False, cache_hash=True)
class Event(Record):
    """A dated event or news item; ``date`` ``None`` where the source gives none."""

    family: ClassVar[str] = "event"

    kind: EventKind
    date: PartialDate | None = None
    date_end: PartialDate | None = None
    description: str | None = None
    location: str | None = None
    pilot_id: str | None = None
    network_id: str | None = None

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

    number: int
    description: str | None = None


@frozen(kw_only=True, repr=False, cache_hash=True)
class Code(Record):
    """A NACE, NABS or policy-objective code the region profile cites."""

    family: ClassVar[str] = "code"

    scheme: CodeScheme
    code: str
    label: str
    parent_id: str | None = None

    @property
    def parent(self) -> Code | None:
        if self.parent_id is None:
            return None
        result: Code = _resolve("code", self.parent_id)
        return result


@frozen(kw_only=True)
class Link:
    """A crosswalk edge between two records of different families.

    ``basis`` is ``STATED`` with the ``citation`` that states it, or
    ``INFERRED`` with the ``reason`` (a citation may still show the evidence).
    """

    from_family: str
    from_id: str
    relation: str
    to_family: str
    to_id: str
    basis: Basis
    citation: Citation | None = None
    reason: str | None = None

    def __attrs_post_init__(self) -> None:
        if self.basis is Basis.STATED and self.citation is None:
            raise ValueError("a stated link needs the citation that states it")
        if self.basis is Basis.INFERRED and not self.reason:
            raise ValueError("an inferred link needs its reason")

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
