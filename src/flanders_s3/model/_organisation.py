"""Organisations."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record
from flanders_s3.model._values import Address


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
