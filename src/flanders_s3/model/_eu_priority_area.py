"""EU priority areas."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._policy import Policy


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
