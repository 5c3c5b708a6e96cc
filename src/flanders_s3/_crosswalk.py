"""The crosswalk: every link between records, curated or read off the records' own references.

Links come from two places. ``links.json`` holds the curated edges
(read by :mod:`flanders_s3._load`), each stated with a citation or inferred
with a reason. The records themselves store references as ids (a priority
domain's ``cluster_id``, a cluster domain's ``supported_by_ids``, the region's
memberships ...); each such reference is also a link, ``STATED``, with the
citation of the referring record that names the other end (else its first
citation). Derived links are computed on first use, once.

>>> import flanders_s3 as fs
>>> from flanders_s3 import crosswalk, related
>>> [(r.link.relation, r.other.family) for r in related(fs.get_priority(8)) if r.direction == "out"]
[('names', 'cluster'), ('is listed in', 'edition')]
>>> [(link.relation, link.to_id) for link in crosswalk("cluster", "priority") if link.from_id == "flux50"]
[('is named by', 'energy')]
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import attrs

from flanders_s3 import _load, _structure, lookup
from flanders_s3._keys import normalise
from flanders_s3.errors import NOT_FOUND
from flanders_s3.model import (
    FAMILY_TYPES,
    Basis,
    Citation,
    Link,
    ListEntry,
    Membership,
    MembershipStatus,
    Record,
    check_family,
)

__all__ = ["Relation", "crosswalk", "links", "related", "reverse"]


@attrs.frozen
class Relation:
    """One link seen from one of its ends: ``direction`` is ``"out"`` where the record is the link's ``from`` end."""

    link: Link
    other: Record  # the record at the other end
    direction: str  # "out" or "in"


# What a stored reference says, read from the referring record to the referred one, keyed by
# (the class holding the id field, the field); a ListEntry's by the region list it is in.
_PHRASES: dict[tuple[str, str], str] = {
    # The source prints a name in brackets beside the domain: it names it, no more ("4. ... (vib)").
    ("PriorityDomain", "cluster_id"): "names",
    ("PriorityDomain", "organisation_id"): "names",
    ("ClusterDomain", "supported_by_ids"): "is supported by",
    ("InnovationHub", "policy_id"): "is part of",
    ("EUPriorityArea", "policy_id"): "is part of",
    ("Pilot", "network_id"): "is a pilot of",
    ("Event", "pilot_id"): "concerns",
    ("Event", "network_id"): "concerns",
    ("Policy", "parent_id"): "is part of",
    ("Policy", "organisation_id"): "is backed by",
    ("Code", "parent_id"): "belongs to",
    ("Role", "organisation_id"): "holds a role at",
    ("Region", "code_ids"): "cites the code",
    ("ProfileOrganisation", "organisation_id"): "lists the organisation",
    ("policy_documents", "record_id"): "lists as a policy document",
    ("major_initiatives", "record_id"): "lists as a major initiative",
    ("represented_in", "record_id"): "is represented in",
    # A record of a set of priorities is an item of the list its edition names.
    ("PriorityDomain", "edition_id"): "is listed in",
    ("ClusterDomain", "edition_id"): "is listed in",
    ("InnovationHub", "edition_id"): "is listed in",
    ("EyeRis3Priority", "edition_id"): "is listed in",
}
# A membership's link says what the region profile answered.
_MEMBERSHIP = {
    MembershipStatus.YES: "is a member of",
    MembershipStatus.NO: "is not a member of",
    MembershipStatus.COUNTRY_LEVEL: "is a member at country level of",
}
# A reference field without a phrase above still becomes a link; a test keeps this unused.
FALLBACK = "refers to"

# Each relation read backwards, for links turned round by crosswalk(); both ways, so turning is an involution.
_INVERSE_PAIRS = (
    ("names", "is named by"),
    ("is supported by", "supports"),
    ("is part of", "has as a part"),
    ("is a pilot of", "has the pilot"),
    ("concerns", "is the subject of"),
    ("is backed by", "backs"),
    ("belongs to", "has as a subdivision"),
    ("holds a role at", "has in a role"),
    ("cites the code", "is a code cited by"),
    ("lists the organisation", "is listed by"),
    ("lists as a policy document", "is listed as a policy document by"),
    ("lists as a major initiative", "is listed as a major initiative by"),
    ("is represented in", "has as a represented region"),
    ("is a member of", "has as a member"),
    ("is not a member of", "does not have as a member"),
    ("is a member at country level of", "has as a member at country level"),
    ("refers to", "is referred to by"),
    ("is listed in", "lists as an item"),
    # Relations of links.json.
    ("overlaps", "overlaps"),
    ("is the same as", "is the same as"),
    ("corresponds to", "corresponds to"),
    ("falls under", "covers"),
    ("listed under", "lists"),
    ("targets", "is targeted by"),
    ("develops initiatives in", "has initiatives developed in it by"),
    ("jointly operationalises", "is jointly operationalised by"),
    # Successions (links.json), in the research's verbs.
    ("continues", "is continued by"),
    ("absorbed", "was absorbed by"),
    ("merged with", "merged with"),
    ("is the new name of", "was renamed as"),
    ("pooled its forces into", "took in the forces of"),
    ("became", "was formerly"),
    ("succeeds", "is succeeded by"),
    ("was formed by merging", "was merged into"),
)
INVERSE: dict[str, str] = {**{a: b for a, b in _INVERSE_PAIRS}, **{b: a for a, b in _INVERSE_PAIRS}}
_UNKNOWN_INVERSE = re.compile(r"inverse of '(.*)'\Z", re.DOTALL)


def reverse(link: Link) -> Link:
    """The same edge read from its other end: ends swapped, relation read backwards.

    Basis, citation and reason stay. A relation without a known backward reading
    becomes ``inverse of '<relation>'``; reversing twice gives the link back.

    >>> import flanders_s3 as fs
    >>> from flanders_s3 import related
    >>> link = next(r.link for r in related(fs.get_priority(8)) if r.direction == "out")
    >>> reverse(link).relation, reverse(reverse(link)) == link
    ('is named by', True)
    """
    if not isinstance(link, Link):
        raise TypeError(f"link must be a Link, not {type(link).__name__}")
    relation = INVERSE.get(link.relation)
    if relation is None:
        unknown = _UNKNOWN_INVERSE.match(link.relation)
        relation = unknown.group(1) if unknown else f"inverse of '{link.relation}'"
    return attrs.evolve(
        link, from_family=link.to_family, from_id=link.to_id, relation=relation,
        to_family=link.from_family, to_id=link.from_id,
    )


# --- links read off stored references ---------------------------------------------------


def _targets(value: object, field: attrs.Attribute[object], family: str, list_family: str | None) -> str | None:
    """The family an id field of ``value`` points into, or None where the field holds no reference."""
    if field.name == "source_id":  # a citation's source is evidence, not a crosswalk edge
        return None
    if field.name == "parent_id":
        return family if isinstance(value, Record) else None
    if field.name == "record_id":
        return list_family if isinstance(value, ListEntry) else None
    return _structure.ID_FIELDS.get(field.name)


def _own_citations(value: object) -> tuple[Citation, ...]:
    """The citations a nested value carries itself (a membership has several, most values one)."""
    if isinstance(value, Record):
        return ()  # a record's citations are weighed by _evidence, per reference
    if isinstance(value, Membership):
        return value.citations
    own = getattr(value, "citation", None)
    return (own,) if isinstance(own, Citation) else ()


def _references(
    value: object, record: Record, citations: tuple[Citation, ...], list_name: str | None,
) -> Iterator[tuple[str, str, str, str, tuple[Citation, ...]]]:
    """(relation, field, target family, target id, the value's own citations) for each id ``value`` stores."""
    if isinstance(value, tuple):
        for item in value:
            yield from _references(item, record, citations, list_name)
        return
    cls = type(value)
    if not attrs.has(cls) or cls is Citation:
        return
    citations = _own_citations(value) or citations
    for field in attrs.fields(cls):
        item = getattr(value, field.name)
        target = _targets(value, field, record.family, _structure.LIST_FAMILIES.get(list_name or ""))
        if target is None:
            if field.name not in ("citation", "citations"):
                yield from _references(item, record, citations, field.name)
            continue
        if item is None:
            continue
        if isinstance(value, Membership):
            relation = _MEMBERSHIP[value.status]
        elif isinstance(value, ListEntry):
            relation = _PHRASES.get((list_name or "", field.name), FALLBACK)
        else:
            relation = _PHRASES.get((type(value).__name__, field.name), FALLBACK)
        for ref in item if isinstance(item, tuple) else (item,):
            yield relation, field.name, target, ref, citations


def _evidence(record: Record, field: str, target: Record) -> Citation | None:
    """The citation of ``record`` that best supports its reference to ``target``."""
    names = [n.casefold() for n in (target.name, *target.aliases)]
    naming = [c for c in record.citations if any(n in c.quote.casefold() for n in names)]
    for group in (naming, [c for c in record.citations if c.supports == field], record.citations):
        if group:
            # Among equals, the one cited for this very field.
            return next((c for c in group if c.supports == field), group[0])
    return None


def names(record: Record, citations: tuple[Citation, ...]) -> bool:
    """True when the quotes name ``record`` by one of its keys (the region is named by its own profile)."""
    if record.family == "region":
        return True
    text = normalise(" ".join(c.quote for c in citations))
    return any(key and key in text for key in (normalise(k) for k in record.keys))


def _naming(record: Record, source_id: str) -> Citation | None:
    """A citation of ``record`` that names it, from ``source_id`` if it has one: the heading of an item."""
    naming = [c for c in record.citations if names(record, (c,))]
    return next((c for c in naming if c.source_id == source_id), naming[0] if naming else None)


def _stated_by(record: Record, target: Record, citations: tuple[Citation, ...]) -> tuple[Citation, ...]:
    """``citations``, with a naming quote of each end they do not name yet; ``()`` where an end stays unnamed.

    A reference read off a document's structure (an item under its heading) is stated by the
    item's quote and the heading's together.
    """
    out = list(citations)
    for end in (record, target):
        if not names(end, tuple(out)):
            extra = _naming(end, out[0].source_id)
            if extra is None:
                return ()
            out.append(extra)
    return tuple(out)


def _derive() -> tuple[Link, ...]:
    out: dict[Link, None] = {}
    for family in FAMILY_TYPES:
        for record in lookup.INDICES[family].all():
            for relation, field, target_family, target_id, own in _references(record, record, (), None):
                target = lookup.get_by_id(target_family, target_id)
                evidence = _evidence(record, field, target)
                citations = own or ((evidence,) if evidence is not None else ())
                stated = _stated_by(record, target, citations) if citations else ()
                if stated:
                    link = Link(from_family=family, from_id=record.id, relation=relation, to_family=target_family,
                                to_id=target_id, basis=Basis.STATED, citations=stated)
                else:  # the reference stands, but no quote of the sources names both ends
                    link = Link(from_family=family, from_id=record.id, relation=relation, to_family=target_family,
                                to_id=target_id, basis=Basis.INFERRED, citations=citations,
                                reason=f"the {family.replace('_', ' ')} record stores this reference in {field}, "
                                       "but no quote of the sources names both ends")
                out.setdefault(link, None)
    return tuple(out)


_Key = tuple[str, str]
_lock = threading.Lock()
# Filled once each, under the lock; read without it (a one-item list is published whole).
_links: list[tuple[Link, ...]] = []
_relations: list[dict[_Key, tuple[Relation, ...]]] = []


def _all() -> tuple[Link, ...]:
    if not _links:
        curated = _load.links()  # outside our lock: the loader has its own
        with _lock:
            if not _links:
                listed = set(curated)
                _links.append(curated + tuple(link for link in _derive() if link not in listed))
    return _links[0]


def _by_record() -> dict[_Key, tuple[Relation, ...]]:
    if not _relations:
        every = _all()
        with _lock:
            if not _relations:
                out: dict[_Key, list[Relation]] = {}
                for link in every:
                    source, target = link.source, link.target
                    out.setdefault((link.from_family, link.from_id), []).append(Relation(link, target, "out"))
                    if source is not target:
                        out.setdefault((link.to_family, link.to_id), []).append(Relation(link, source, "in"))
                _relations.append({key: tuple(rels) for key, rels in out.items()})
    return _relations[0]


def _stated(links: tuple[Link, ...]) -> tuple[Link, ...]:
    return tuple(link for link in links if link.basis is Basis.STATED)


def links(*, stated_only: bool = False) -> tuple[Link, ...]:
    """Every link: the curated ones of ``links.json`` first, then those read off stored references.

    ``stated_only`` drops the inferred ones.

    >>> import flanders_s3 as fs
    >>> all(link.citations for link in fs.links(stated_only=True))
    True
    """
    every = _all()
    return _stated(every) if stated_only else every


def _not_in_the_dataset(record: Record) -> ValueError:
    return ValueError(f"{record.family.replace('_', ' ')} {record.id!r} is not one of the dataset's records")


def related(record: Record, *, stated_only: bool = False) -> tuple[Relation, ...]:
    """The links at ``record``, each with the record at its other end, in :func:`links` order.

    ``record`` must be one of the dataset's records (not one changed with ``attrs.evolve``).
    """
    if not isinstance(record, Record):
        raise TypeError(f"record must be a Record, not {type(record).__name__}")
    if record.family not in FAMILY_TYPES:
        raise ValueError(f"{type(record).__name__} is not a record family; one of: {', '.join(FAMILY_TYPES)}")
    try:
        known = lookup.get_by_id(record.family, record.id)
    except NOT_FOUND[record.family]:
        raise _not_in_the_dataset(record) from None
    if known != record:
        raise _not_in_the_dataset(record)
    relations = _by_record().get((record.family, record.id), ())
    return tuple(r for r in relations if r.link.basis is Basis.STATED) if stated_only else relations


def crosswalk(from_family: str, to_family: str, *, stated_only: bool = False) -> tuple[Link, ...]:
    """Every link between two families, each read from ``from_family`` to ``to_family``.

    A link stored the other way round is turned round (ends swapped, relation read backwards), so
    ``crosswalk(a, b)`` and ``crosswalk(b, a)`` hold the same edges.
    """
    from_family = check_family(from_family, "from_family")
    to_family = check_family(to_family, "to_family")
    out: list[Link] = []
    for link in links(stated_only=stated_only):
        if (link.from_family, link.to_family) == (from_family, to_family):
            out.append(link)
        elif (link.from_family, link.to_family) == (to_family, from_family):
            out.append(reverse(link))
    return tuple(out)
