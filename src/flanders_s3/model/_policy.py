"""Policies."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import PartialDate, Record, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._organisation import Organisation


class PolicyKind(enum.Enum):
    """What kind of policy record it is."""

    POLICY = "policy"
    PLAN = "plan"
    DOCUMENT = "document"
    INSTRUMENT = "instrument"
    METHOD = "method"
    ANALYSIS = "analysis"
    PARTNERSHIP = "partnership"


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
