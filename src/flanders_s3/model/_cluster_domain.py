"""Strategic cluster domains."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _InEdition, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._organisation import Organisation


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
