"""Sources: the documents and pages the data rests on."""

from __future__ import annotations

import enum
from typing import ClassVar

import attrs
from attrs import frozen

from flanders_s3.model._base import PartialDate, Record


class SourceKind(enum.Enum):
    """What kind of document a source is."""

    WEB_PAGE = "web page"
    SLIDE_DECK = "slide deck"
    PROFILE = "profile"
    POLICY_TEXT = "policy text"


@frozen(kw_only=True, repr=False, cache_hash=True)
class Source(Record):
    """A document the data rests on: a captured text, or a public page cited by its address.

    A captured source has its ``file`` under ``sources/`` and that file's ``sha256``;
    every quote from it is found in that text. A public page has no capture (the
    library cites it, it does not copy it): it has its ``url`` and the date it was
    ``consulted``, and each citation of it carries a note in the library's words.
    """

    family: ClassVar[str] = "source"

    publisher: str = attrs.field(metadata={"doc": "Who published the document."})
    author: str | None = attrs.field(default=None, metadata={"doc": "Who wrote it, where the document says so."})
    kind: SourceKind = attrs.field(metadata={"doc": "What kind of document it is."})
    languages: tuple[str, ...] = attrs.field(metadata={"doc": "Languages the document is written in (ISO 639-1)."})
    file: str | None = attrs.field(
        metadata={"doc": "The text capture under ``sources/`` in the repository (``None`` for a public page)."}
    )
    sha256: str | None = attrs.field(
        metadata={"doc": "SHA-256 of that capture, so the evidence cannot drift (``None`` for a public page)."}
    )
    url: str | None = attrs.field(default=None, metadata={"doc": "Where the document was published, if known."})
    date_earliest: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "Earliest date the document can be from."}
    )
    date_latest: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "Latest date the document can be from."}
    )
    date_inferred: bool = attrs.field(
        metadata={"doc": "True when the dates are read off the content, not printed in it."}
    )
    date_note: str = attrs.field(metadata={"doc": "How the dates were established."})
    consulted: PartialDate | None = attrs.field(
        default=None, metadata={"doc": "For a public page, the day its content was read for this data."}
    )

    def __attrs_post_init__(self) -> None:
        if (self.file is None) != (self.sha256 is None):
            raise ValueError("a captured source needs both file and sha256")
        if self.file is None and (self.url is None or self.consulted is None):
            raise ValueError("a public page (no file) needs its url and the date it was consulted")

    @property
    def is_page(self) -> bool:
        """True for a public page cited by its address, False for a captured text under ``sources/``."""
        return self.file is None
