"""Innovation hubs."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _InEdition, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._policy import Policy


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
