"""Regions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _resolve
from flanders_s3.model._values import (
    Address,
    ListEntry,
    Membership,
    PerformanceGroup,
    ProfileAnswer,
    ProfileOrganisation,
    Rating,
    Statement,
    Statistic,
)

if TYPE_CHECKING:
    from flanders_s3.model._code import Code


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
