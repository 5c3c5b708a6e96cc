"""Economic specialisations."""

from __future__ import annotations

from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record


@frozen(kw_only=True, repr=False, cache_hash=True)
class EconomicSpecialisation(Record):
    """An economic strength of the region, with the niches a source lists under it."""

    family: ClassVar[str] = "specialisation"

    strength: str = attrs.field(metadata={"doc": "The strength the source names."})
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says of it, in this library's words; the citations hold its own."},
    )
    niches: tuple[str, ...] = attrs.field(default=(), metadata={"doc": "Niches the source lists under it."})
