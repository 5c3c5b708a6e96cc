"""Pilots."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import Record, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._network import Network


@frozen(kw_only=True, repr=False, cache_hash=True)
class Pilot(Record):
    """A Vanguard Initiative pilot."""

    family: ClassVar[str] = "pilot"

    network_id: str = attrs.field(metadata={"doc": "The network that runs the pilot."})
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says of the pilot, in this library's words; the citations hold its own."},
    )

    @property
    def network(self) -> Network:
        result: Network = _resolve("network", self.network_id)
        return result
