"""The strategy over time: every dated fact of the dataset as one ordered timeline.

:func:`timeline` gathers what the records date: the milestones of their history
(founded, recognised, renamed ...), the bounds of their periods, the dates of
succession links, and the dates the five documents give events, networks'
launches and policies. Each entry keeps its record, its date at the precision
the evidence gives, its basis and its citations, so nothing on the timeline is
more exact or more certain than its source.

Listing by date (``fs.clusters(as_of=...)``) lives with the listing functions in
:mod:`flanders_s3.lookup`; both read the same ``period`` of each record.

>>> import flanders_s3 as fs
>>> entries = fs.timeline()
>>> all(a.sort_key <= b.sort_key for a, b in zip(entries, entries[1:]))
True
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import attrs

from flanders_s3 import _crosswalk, lookup
from flanders_s3.model import (
    FAMILY_TYPES,
    Basis,
    Citation,
    CitedDate,
    Event,
    Network,
    PartialDate,
    Policy,
    Precision,
    Record,
    check_family,
)

__all__ = ["TimelineEntry", "timeline"]

# Coarser first among entries of one earliest day: "2016" sorts before "2016-01" and "2016-01-01".
_COARSE_FIRST = {Precision.YEAR: 0, Precision.MONTH: 1, Precision.DAY: 2}


@attrs.frozen
class TimelineEntry:
    """One dated fact: what happened to ``record`` on ``date``, as its citations give it.

    ``what`` is a milestone's kind (``"founded"``, ``"renamed"`` ...), ``"period start"`` /
    ``"period end"``, a succession link's relation (``"continues"``, with ``other`` the
    record at its far end), an event's kind, ``"launched"`` (a network) or ``"dated"`` (a
    policy's date). ``basis`` is ``INFERRED`` where the date is read off, not printed,
    with the ``reason``.
    """

    date: PartialDate
    what: str
    record: Record
    other: Record | None
    basis: Basis
    citations: tuple[Citation, ...]
    reason: str | None = None

    @property
    def precision(self) -> Precision:
        """How much of the date the evidence gives."""
        return self.date.precision

    @property
    def source_ids(self) -> tuple[str, ...]:
        """The ids of the sources cited, in first-cited order."""
        return tuple(dict.fromkeys(c.source_id for c in self.citations))

    @property
    def sort_key(self) -> tuple[str, int, str, str, str]:
        """The order of the timeline (earliest day, coarser precision first, then record key, what, other)."""
        other = self.other.key if self.other is not None else ""
        return (self.date.earliest.isoformat(), _COARSE_FIRST[self.precision], self.record.key, self.what, other)


def _entry(record: Record, what: str, dated: CitedDate, other: Record | None = None) -> TimelineEntry:
    return TimelineEntry(dated.date, what, record, other, dated.basis, dated.citations, dated.reason)


def _supporting(record: Record, field: str, date: PartialDate) -> tuple[Citation, ...]:
    """The record's citations for ``field``; else those that print the date's year; else all of them."""
    year = date.iso[:4]
    return (
        tuple(c for c in record.citations if c.supports == field)
        or tuple(c for c in record.citations if year in c.quote)
        or record.citations
    )


def _document_date(record: Record, what: str, date: PartialDate | None, field: str) -> Iterator[TimelineEntry]:
    if date is not None:
        yield TimelineEntry(date, what, record, None, Basis.STATED, _supporting(record, field, date))


def _entries(record: Record) -> Iterator[TimelineEntry]:
    for milestone in record.milestones:
        yield _entry(record, milestone.kind.value, milestone.date)
    if record.period is not None:
        yield _entry(record, "period start", record.period.start)
        if record.period.end is not None:
            yield _entry(record, "period end", record.period.end)
    if isinstance(record, Event):
        for entry in _document_date(record, record.kind.value, record.date, "date"):
            # A date whose year the source does not print is read off its context: say so.
            yield attrs.evolve(entry, basis=Basis.INFERRED, reason=record.date_note) if record.date_inferred else entry
    elif isinstance(record, Network):
        yield from _document_date(record, "launched", record.launched, "launched")
    elif isinstance(record, Policy):
        yield from _document_date(record, "dated", record.date, "date")


_lock = threading.Lock()
_built: list[tuple[TimelineEntry, ...]] = []  # filled once, under the lock


def _all() -> tuple[TimelineEntry, ...]:
    if not _built:
        records = [r for family in FAMILY_TYPES for r in lookup.INDICES[family].all()]
        links = _crosswalk.links()  # loaded outside our lock: the loaders have their own
        with _lock:
            if not _built:
                entries = [e for record in records for e in _entries(record)]
                entries += [_entry(link.source, link.relation, link.date, link.target)
                            for link in links if link.date is not None]
                _built.append(tuple(sorted(entries, key=lambda e: e.sort_key)))
    return _built[0]


def timeline(family: str | None = None) -> tuple[TimelineEntry, ...]:
    """Every dated fact of the dataset in date order, or those of one ``family``'s records.

    A partial date sorts at its earliest day, a coarser one before a finer one of
    that day. Claims that disagree (two founding years from two pages) are two
    entries, each with its source. ``family`` takes any spelling the library
    accepts for a family (``"clusters"``, ``"cluster-domain"`` ...).
    """
    entries = _all()
    if family is None:
        return entries
    wanted = check_family(family)
    return tuple(e for e in entries if e.record.family == wanted)
