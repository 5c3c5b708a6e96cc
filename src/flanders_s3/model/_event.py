"""Events."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import PartialDate, Record, _nonblank, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._network import Network
    from flanders_s3.model._pilot import Pilot


class EventKind(enum.Enum):
    """What kind of event a record is."""

    LAUNCH = "launch"
    MEETING = "meeting"
    COUNCIL = "council"
    PRESENTATION = "presentation"
    WORKSHOP = "workshop"
    NEWS = "news"
    PROCESS = "process"


@frozen(kw_only=True, repr=False, cache_hash=True)
class Event(Record):
    """A dated event or news item; ``date`` ``None`` where the source gives none."""

    family: ClassVar[str] = "event"

    kind: EventKind = attrs.field(
        metadata={"doc": "Launch, meeting, council, presentation, workshop, news or process."}
    )
    date: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it happened (``None`` where the source gives no date)."}
    )
    date_end: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "When it ended, for events that span days."}
    )
    date_inferred: bool = attrs.field(
        default=False,
        metadata={"doc": "True where the source does not print the dates' year: they are read off their context."},
    )
    date_note: str | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(_nonblank),
        metadata={"doc": "How inferred dates were read."},
    )
    description: str | None = attrs.field(
        default=None,
        metadata={"doc": "What the source says happened, in this library's words; the citations hold its own."},
    )
    location: str | None = attrs.field(default=None, metadata={"doc": "Where it took place."})
    pilot_id: str | None = attrs.field(default=None, metadata={"doc": "The Vanguard pilot it belongs to."})
    network_id: str | None = attrs.field(default=None, metadata={"doc": "The network it belongs to."})

    @property
    def pilot(self) -> Pilot | None:
        if self.pilot_id is None:
            return None
        result: Pilot = _resolve("pilot", self.pilot_id)
        return result

    @property
    def network(self) -> Network | None:
        if self.network_id is None:
            return None
        result: Network = _resolve("network", self.network_id)
        return result
