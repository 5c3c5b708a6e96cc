"""Networks."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import PartialDate, Record
from flanders_s3.model._values import Statement


class NetworkKind(enum.Enum):
    """What kind of network a record is: a network, macro-region, partnership or initiative (``unknown``
    where no source says)."""

    NETWORK = "network"
    MACRO_REGION = "macro-region"
    PARTNERSHIP = "partnership"
    INITIATIVE = "initiative"
    UNKNOWN = "unknown"  # no source says which


@frozen(kw_only=True, repr=False, cache_hash=True)
class Network(Record):
    """A network, partnership, initiative or macro-region a region can belong to."""

    family: ClassVar[str] = "network"

    kind: NetworkKind = attrs.field(
        metadata={"doc": "Network, macro-region, partnership or initiative (``unknown`` where no source says)."}
    )
    description: str | None = attrs.field(default=None, metadata={"doc": "What the sources say the network is."})
    launched: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it was launched, at the precision the source gives."}
    )
    statements: tuple[Statement, ...] = attrs.field(
        default=(), metadata={"doc": "Labelled passages on the network (what, why, who, how, when)."}
    )
