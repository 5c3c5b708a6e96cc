"""The current priority domains."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _InEdition, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._cluster import Cluster
    from flanders_s3.model._organisation import Organisation


@frozen(kw_only=True, repr=False, cache_hash=True)
class PriorityDomain(_InEdition, Record):
    """One of the 10 RIS3 priority domains, with the organisation named beside it.

    ``named_as`` keeps the source's own spelling ("Flux 50"); exactly one of
    ``cluster_id`` and ``organisation_id`` says what that name refers to.
    """

    family: ClassVar[str] = "priority"

    number: int = attrs.field(metadata={"doc": "The domain's number in the source's list (1-10)."})
    named_as: str = attrs.field(
        metadata={"doc": "The name the source puts beside the domain, spelled as it spells it."}
    )
    cluster_id: str | None = attrs.field(
        default=None, metadata={"doc": "The spearhead cluster that name refers to, if it is one."}
    )
    organisation_id: str | None = attrs.field(
        default=None, metadata={"doc": "The organisation that name refers to, if it is not a cluster."}
    )

    edition_id: str | None = attrs.field(
        default=None, metadata={"doc": "The set of priorities (an :class:`Edition`) the record belongs to."}
    )

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
