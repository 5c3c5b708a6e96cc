"""Eye@RIS3 priorities."""

from __future__ import annotations

from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _InEdition


@frozen(kw_only=True, repr=False, cache_hash=True)
class EyeRis3Priority(_InEdition, Record):
    """A priority of Flanders as encoded in the EU's Eye@RIS3 tool, named as the S3 Platform lists it."""

    family: ClassVar[str] = "eye_ris3_priority"

    edition_id: str | None = attrs.field(
        default=None, metadata={"doc": "The set of priorities (an :class:`Edition`) the record belongs to."}
    )


# The families that hold a set of priorities, each an edition's records.
