"""Classification codes."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _resolve


class CodeScheme(enum.Enum):
    """The classification a code belongs to, named as the source names it."""

    NACE = "NACE"  # as the source prints it; it names no edition of the classification
    NABS = "NABS"
    POLICY_OBJECTIVE = "policy objective"


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
