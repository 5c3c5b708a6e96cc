"""Editions: the strategy's sets of priorities."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model import _EDITION_FAMILIES
from flanders_s3.model._base import Record, _resolve, _slug

if TYPE_CHECKING:
    from flanders_s3.model._source import Source


@frozen(kw_only=True, repr=False, cache_hash=True)
class Edition(Record):
    """One of the strategy's successive sets of priorities, as a source lists it.

    Each set is a family of its own (``record_family``: innovation hubs, cluster
    domains, the priorities encoded in Eye@RIS3, the current priority domains),
    and each record of that family points back here by ``edition_id``. Compare
    two sets through :func:`flanders_s3.crosswalk`, which gives each link's basis.
    """

    family: ClassVar[str] = "edition"

    record_family: str = attrs.field(metadata={"doc": "The family whose records make up this set."})
    source_id: str = attrs.field(validator=_slug, metadata={"doc": "The source that lists the set."})
    count_printed: int | None = attrs.field(
        default=None,
        metadata={"doc": "How many priorities the source says the set has, where it prints the number."},
    )

    def __attrs_post_init__(self) -> None:
        if self.record_family not in _EDITION_FAMILIES:
            raise ValueError(f"record_family {self.record_family!r} is not a family of priorities; "
                             f"one of: {', '.join(sorted(_EDITION_FAMILIES))}")

    @property
    def source(self) -> Source:
        result: Source = _resolve("source", self.source_id)
        return result

    @property
    def records(self) -> tuple[Record, ...]:
        """The set's records, in the source's order."""
        from flanders_s3 import lookup

        return tuple(r for r in lookup.INDICES[self.record_family].all() if getattr(r, "edition_id", None) == self.id)
