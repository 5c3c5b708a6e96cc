"""Spearhead clusters."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record

if TYPE_CHECKING:
    from flanders_s3.model._priority import PriorityDomain


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
