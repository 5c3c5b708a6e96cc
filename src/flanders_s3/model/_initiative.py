"""Initiatives."""

from __future__ import annotations

from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record


@frozen(kw_only=True, repr=False, cache_hash=True)
class Initiative(Record):
    """A major initiative of the region profile, under the profile's own number."""

    family: ClassVar[str] = "initiative"

    number: int = attrs.field(metadata={"doc": "The initiative's number in the profile's list."})
    description: str | None = attrs.field(default=None, metadata={"doc": "What the profile says of it."})
