"""Key normalisation, the per-family indices and the ``get_*`` / ``find_*`` functions.

One contract for every family: a query is an id, the name or any alias of a
record, matched exactly after :func:`normalise`. ``get_*`` returns the record
or raises the family's :class:`~flanders_s3.errors.RecordNotFound` subclass
with up to three suggestions; ``find_*`` returns a default instead. A key that
two records of a family share is a :class:`~flanders_s3.errors.DataError` at
load time, so a lookup can never pick one of two records.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from types import MappingProxyType
from typing import Any, Generic, TypeVar, overload

from flanders_s3.errors import NOT_FOUND, DataError
from flanders_s3.model import (
    Cluster,
    ClusterDomain,
    Code,
    EconomicSpecialisation,
    EUPriorityArea,
    Event,
    Initiative,
    InnovationHub,
    Network,
    Organisation,
    Person,
    Pilot,
    Policy,
    PriorityDomain,
    Record,
    Region,
    Source,
)

__all__ = ["get_by_id", "normalise", "preload"]

R = TypeVar("R", bound=Record)
T = TypeVar("T")

# \W keeps letters and digits of every script; "_" is a word character, so drop it too.
_DROP = re.compile(r"[\W_]+")


def normalise(text: str) -> str:
    """The form keys are compared in: NFKD, accents dropped, casefolded, only letters and digits.

    >>> normalise("Flanders' FOOD")
    'flandersfood'
    >>> normalise("Flux 50") == normalise("FLUX-50") == normalise("flux50")
    True
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    # Combining accents are not word characters, so this drops them as well.
    return _DROP.sub("", decomposed)


def _keys(record: Record) -> list[tuple[str, str]]:
    """(field, key) pairs a record is found by, after normalisation."""
    return [("id", record.id), ("name", record.name), *(("aliases", alias) for alias in record.aliases)]


class _Index(Generic[R]):
    """The lookups of one family; built on first use, then read without a lock."""

    __slots__ = ("_exact", "_family", "_lock", "_normal", "_records")

    def __init__(self, family: str) -> None:
        self._family = family
        # Raw and normalised keys (and numbers, as written) -> record; empty until loaded.
        self._exact: dict[str, R] = {}
        self._normal: dict[str, R] = {}
        self._records: tuple[R, ...] | None = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[R, ...]:
        if self._records is not None:
            return self._records
        from flanders_s3 import _load  # deferred: it imports cattrs

        with self._lock:
            if self._records is not None:
                return self._records
            items: tuple[R, ...] = _load.records(self._family)  # type: ignore[assignment]
            normal: dict[str, R] = {}
            exact: dict[str, R] = {}
            for record in items:
                for field, key in _keys(record):
                    norm = normalise(key)
                    if not norm:
                        raise DataError(_load.FILES[self._family], f"key {key!r} has no letter or digit",
                                        record=repr(record.id), field=field)
                    other = normal.get(norm)
                    if other is not None and other is not record:
                        raise DataError(_load.FILES[self._family],
                                        f"key {key!r} also finds {other.id!r}", record=repr(record.id), field=field)
                    normal[norm] = record
                    exact[key] = record
            exact.update(normal)
            if self._family in _NUMBERED:
                # A number matches only as written: normalising would let "-1" or "1.0" find 1.
                for record in items:
                    number = str(getattr(record, "number"))  # noqa: B009
                    other = exact.get(number)
                    if other is not None and other is not record:
                        raise DataError(_load.FILES[self._family], f"number {number} also finds {other.id!r}",
                                        record=repr(record.id), field="number")
                    exact[number] = record
            self._normal = normal
            self._exact = exact  # published last: a reader sees all of it or none
            self._records = items
            return items

    def _miss(self, key: object) -> R:
        if isinstance(key, bool) or not isinstance(key, (str, int)) or (
            isinstance(key, int) and self._family not in _NUMBERED
        ):
            allowed = "str or int" if self._family in _NUMBERED else "str"
            raise TypeError(f"a {self._family.replace('_', ' ')} key must be {allowed}, not {type(key).__name__}")
        self._load()
        text = str(key)
        # Numbers sit in _exact only, as written: "-1" normalises to "1" but finds nothing.
        found = self._exact.get(text.strip()) or self._normal.get(normalise(text))
        if found is not None:
            return found
        raise NOT_FOUND[self._family](text, self._suggest(text))

    def _suggest(self, text: str) -> tuple[str, ...]:
        from flanders_s3 import _search  # only a miss pays for it

        return _search.suggest(self._family, text)

    def get(self, key: str) -> R:
        """The record whose id, name or alias matches ``key``; raises the family's ``...NotFound``."""
        try:
            return self._exact[key]
        except (KeyError, TypeError):  # a miss, or an unhashable key: the slow path says which
            return self._miss(key)

    @overload
    def find(self, key: str) -> R | None: ...
    @overload
    def find(self, key: str, default: T) -> R | T: ...
    def find(self, key: str, default: object = None) -> object:
        """Like ``get``, but returns ``default`` on a miss (a bad key type still raises ``TypeError``)."""
        try:
            return self.get(key)
        except NOT_FOUND[self._family]:
            return default

    def all(self) -> tuple[R, ...]:
        """Every record of the family, in the data file's (documented) order."""
        return self._load()


class _NumberedIndex(_Index[R]):
    """A family whose records are also found by their number: ``get_priority(8)``."""

    __slots__ = ()

    def get(self, key: str | int) -> R:
        try:
            return self._exact[key]  # type: ignore[index]
        except (KeyError, TypeError):
            return self._miss(key)

    @overload
    def find(self, key: str | int) -> R | None: ...
    @overload
    def find(self, key: str | int, default: T) -> R | T: ...
    def find(self, key: str | int, default: object = None) -> object:
        try:
            return self.get(key)
        except NOT_FOUND[self._family]:
            return default


_NUMBERED = frozenset({"priority", "innovation_hub", "eu_priority_area"})

_sources: _Index[Source] = _Index("source")
_clusters: _Index[Cluster] = _Index("cluster")
_priorities: _NumberedIndex[PriorityDomain] = _NumberedIndex("priority")
_regions: _Index[Region] = _Index("region")
_organisations: _Index[Organisation] = _Index("organisation")
_networks: _Index[Network] = _Index("network")
_people: _Index[Person] = _Index("person")
_cluster_domains: _Index[ClusterDomain] = _Index("cluster_domain")
_innovation_hubs: _NumberedIndex[InnovationHub] = _NumberedIndex("innovation_hub")
_eu_priority_areas: _NumberedIndex[EUPriorityArea] = _NumberedIndex("eu_priority_area")
_specialisations: _Index[EconomicSpecialisation] = _Index("specialisation")
_policies: _Index[Policy] = _Index("policy")
_pilots: _Index[Pilot] = _Index("pilot")
_events: _Index[Event] = _Index("event")
_initiatives: _Index[Initiative] = _Index("initiative")
_codes: _Index[Code] = _Index("code")

# family -> its index, in export order (invariant in R, so typed loosely here).
# Read-only, so no caller can swap an index for everyone else.
INDICES: MappingProxyType[str, _Index[Any]] = MappingProxyType({
    index._family: index
    for index in (
        _sources, _clusters, _priorities, _regions, _organisations, _networks, _people,
        _cluster_domains, _innovation_hubs, _eu_priority_areas, _specialisations, _policies,
        _pilots, _events, _initiatives, _codes,
    )
})

get_source, find_source, sources = _sources.get, _sources.find, _sources.all
get_cluster, find_cluster, clusters = _clusters.get, _clusters.find, _clusters.all
get_priority, find_priority, priorities = _priorities.get, _priorities.find, _priorities.all
get_region, find_region, regions = _regions.get, _regions.find, _regions.all
get_organisation, find_organisation, organisations = _organisations.get, _organisations.find, _organisations.all
get_network, find_network, networks = _networks.get, _networks.find, _networks.all
get_person, find_person, people = _people.get, _people.find, _people.all
get_cluster_domain, find_cluster_domain, cluster_domains = (
    _cluster_domains.get, _cluster_domains.find, _cluster_domains.all)
get_innovation_hub, find_innovation_hub, innovation_hubs = (
    _innovation_hubs.get, _innovation_hubs.find, _innovation_hubs.all)
get_eu_priority_area, find_eu_priority_area, eu_priority_areas = (
    _eu_priority_areas.get, _eu_priority_areas.find, _eu_priority_areas.all)
get_specialisation, find_specialisation, specialisations = (
    _specialisations.get, _specialisations.find, _specialisations.all)
get_policy, find_policy, policies = _policies.get, _policies.find, _policies.all
get_pilot, find_pilot, pilots = _pilots.get, _pilots.find, _pilots.all
get_event, find_event, events = _events.get, _events.find, _events.all
get_initiative, find_initiative, initiatives = _initiatives.get, _initiatives.find, _initiatives.all
get_code, find_code, codes = _codes.get, _codes.find, _codes.all


def get_by_id(family: str, record_id: str) -> Record:
    """The record of ``family`` with exactly this id (how stored references resolve)."""
    try:
        index = INDICES[family]
    except KeyError:
        raise ValueError(f"unknown family {family!r}; one of: {', '.join(INDICES)}") from None
    index.all()
    record: Record | None = index._exact.get(record_id)
    if record is None or record.id != record_id:  # a name or alias is not an id
        raise NOT_FOUND[family](record_id)
    return record


def preload() -> None:
    """Load every family now instead of on first use (e.g. before forking workers)."""
    from flanders_s3 import _load

    for index in INDICES.values():
        index.all()
    _load.links()
