"""Value objects of the region profile, networks and people (no id of their own)."""

from __future__ import annotations

import enum
import warnings
from typing import TYPE_CHECKING

import attrs
from attrs import frozen

from flanders_s3.model._base import Citation, PartialDate, _cited, _resolve, _slug

if TYPE_CHECKING:
    from flanders_s3.model._network import Network
    from flanders_s3.model._organisation import Organisation


class MembershipStatus(enum.Enum):
    """The region profile's three answers to "Member ...?"."""

    YES = "yes"
    NO = "no"
    COUNTRY_LEVEL = "country level"


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
