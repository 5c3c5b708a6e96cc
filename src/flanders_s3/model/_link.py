"""Crosswalk links between records."""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import attrs
from attrs import frozen

from flanders_s3.model._base import Basis, Citation, CitedDate, _resolve

if TYPE_CHECKING:
    from flanders_s3.model._base import Record


@frozen(kw_only=True)
class Link:
    """A crosswalk edge between two records of different families.

    ``basis`` is ``STATED`` with the ``citations`` that, together, state it, or
    ``INFERRED`` with the ``reason`` (citations may still show the evidence).
    """

    from_family: str = attrs.field(metadata={"doc": "Family of the record the link starts at."})
    from_id: str = attrs.field(metadata={"doc": "Id of that record."})
    relation: str = attrs.field(metadata={"doc": "What the link says, read from the first record to the second."})
    to_family: str = attrs.field(metadata={"doc": "Family of the record the link ends at."})
    to_id: str = attrs.field(metadata={"doc": "Id of that record."})
    basis: Basis = attrs.field(metadata={"doc": "``stated`` by a source or ``inferred`` by us."})
    citations: tuple[Citation, ...] = attrs.field(
        default=(),
        metadata={"doc": (
            "The quotes that, together, state the link (both ends and the relation), or show the evidence."
        )},
    )
    reason: str | None = attrs.field(default=None, metadata={"doc": "Why an inferred link holds."})
    date: CitedDate | None = attrs.field(
        default=None, metadata={"doc": "When it happened, for a succession (renamed, replaced, absorbed, merged)."}
    )

    def __attrs_post_init__(self) -> None:
        if self.basis is Basis.STATED and not self.citations:
            raise ValueError("a stated link needs the citations that state it")
        if self.basis is Basis.INFERRED and not self.reason:
            raise ValueError("an inferred link needs its reason")

    @property
    def citation(self) -> Citation | None:
        """The first of :attr:`citations` (``None`` where there is none); deprecated."""
        warnings.warn(
            "Link.citation is deprecated: a link may need several citations; use Link.citations",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.citations[0] if self.citations else None

    @property
    def source(self) -> Record:
        result: Record = _resolve(self.from_family, self.from_id)
        return result

    @property
    def target(self) -> Record:
        result: Record = _resolve(self.to_family, self.to_id)
        return result


# Every record family, in the order the exports list them.
