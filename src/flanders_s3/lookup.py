"""The per-family indices and the ``get_*`` / ``find_*`` / listing functions.

One contract for every family: a query is an id, the name or any alias of a
record, matched exactly after :func:`normalise`; in a family whose records
carry the source's number (priorities, innovation hubs, EU priority areas,
initiatives) the number matches too, as written. ``get_*`` returns the record
or raises the family's :class:`~flanders_s3.errors.RecordNotFound` subclass
with up to three suggestions; ``find_*`` returns a default instead, for any key
of an accepted type. A key that two records of a family share is a
:class:`~flanders_s3.errors.DataError` at load time, so a lookup can never pick
one of two records.

A record's ``former_ids`` (ids released once and since retired) are matched
exactly, by ``get_*``, ``find_*`` and :func:`get_by_id` only, with a
``DeprecationWarning``; never after normalisation, and never by search. Its
``former_names`` (display names released once that no source uses) are matched
the same way by ``get_*`` and ``find_*``.
"""

from __future__ import annotations

import datetime as _dt
import sys
import threading
import warnings
from types import MappingProxyType
from typing import Any, Generic, TypeVar, cast, overload

from flanders_s3 import model
from flanders_s3._keys import normalise
from flanders_s3.errors import NOT_FOUND, DataError
from flanders_s3.model import NUMBERED, check_family

__all__ = [
    "cluster_domains",
    "clusters",
    "codes",
    "editions",
    "eu_priority_areas",
    "events",
    "eye_ris3_priorities",
    "find_cluster",
    "find_cluster_domain",
    "find_code",
    "find_edition",
    "find_eu_priority_area",
    "find_event",
    "find_eye_ris3_priority",
    "find_initiative",
    "find_innovation_hub",
    "find_network",
    "find_organisation",
    "find_person",
    "find_pilot",
    "find_policy",
    "find_priority",
    "find_region",
    "find_source",
    "find_specialisation",
    "get_by_id",
    "get_by_key",
    "get_cluster",
    "get_cluster_domain",
    "get_code",
    "get_edition",
    "get_eu_priority_area",
    "get_event",
    "get_eye_ris3_priority",
    "get_initiative",
    "get_innovation_hub",
    "get_network",
    "get_organisation",
    "get_person",
    "get_pilot",
    "get_policy",
    "get_priority",
    "get_region",
    "get_source",
    "get_specialisation",
    "initiatives",
    "innovation_hubs",
    "networks",
    "normalise",
    "organisations",
    "people",
    "pilots",
    "policies",
    "preload",
    "priorities",
    "regions",
    "sources",
    "specialisations",
]

R = TypeVar("R", bound="model.Record")
T = TypeVar("T")

# An int this long has no decimal text (Python refuses to print it); it is echoed by size instead.
_ECHO_BITS = 256


def _check_day(value: object) -> _dt.date:
    # A datetime is a date to isinstance but not comparable with one: refuse it by name.
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        hint = "; pass its .date()" if isinstance(value, _dt.datetime) else ""
        raise TypeError(f"as_of must be a datetime.date, not {type(value).__name__}{hint}")
    return value


def _keys(record: model.Record) -> list[tuple[str, str]]:
    """(field, key) pairs a record is found by, after normalisation."""
    keys = [
        ("id", record.id), ("name", record.name), *(("aliases", alias) for alias in record.aliases),
        *(("names", name.text) for name in record.names),
    ]
    if record.family == "code":  # by family, not isinstance: that would build the Code class
        # A code is also found with its scheme in front ("NACE C.21"), the way it is cited; a rule,
        # not an alias, since no source prints the two together.
        code = cast("model.Code", record)
        scheme = code.scheme.value
        if not normalise(code.code).startswith(normalise(scheme)):
            keys.append(("code", f"{scheme} {code.code}"))
    return keys


def _label(family: str) -> str:
    return family.replace("_", " ")


def _former_key(family: str, record: model.Record, former: str) -> model.Record:
    # The warning points at the first frame outside this package: get_*, find_*, get_by_id
    # and get_by_key reach this through different depths of calls. mutmut's trampoline, a
    # frame outside the package, sits between any two of its functions and stops this walk
    # at once, so the walk's mutants are planted by tests/test_former_ids.py instead.
    # pragma: no mutate start
    frame, level = sys._getframe(1), 2
    while frame.f_back is not None and frame.f_globals.get("__name__", "").startswith("flanders_s3"):
        frame, level = frame.f_back, level + 1
    # pragma: no mutate end
    what = "id" if former in record.former_ids else "name"
    use = record.id if what == "id" else record.name
    warnings.warn(
        f"{_label(family)} {what} {former!r} is retired; use {use!r} (it finds the same record)",
        DeprecationWarning,
        stacklevel=level,
    )
    return record


class _Index(Generic[R]):
    """The lookups of one family; built on first use, then read without a lock."""

    __slots__ = ("_exact", "_family", "_former", "_lock", "_normal", "_numbered", "_numbers", "_records")

    def __init__(self, family: str) -> None:
        self._family = family
        self._numbered = family in NUMBERED
        # Raw and normalised keys (and numbers, as written) -> record; empty until loaded.
        self._exact: dict[str, R] = {}
        self._normal: dict[str, R] = {}
        self._numbers: dict[int, R] = {}
        self._former: dict[str, R] = {}
        self._records: tuple[R, ...] | None = None
        self._lock = threading.Lock()

    def _load(self) -> tuple[R, ...]:
        if self._records is not None:
            return self._records
        from flanders_s3 import _load  # deferred: importing the package reads nothing

        with self._lock:
            if self._records is not None:
                return self._records
            items: tuple[R, ...] = _load.records(self._family)  # type: ignore[assignment]
            with _load.paused_collector():
                normal, exact, numbers, former = self._build(items, _load.FILES[self._family])
            self._normal = normal
            self._numbers = numbers
            self._former = former
            self._exact = exact  # published last: a reader sees all of it or none
            self._records = items
            return items

    def _build(
        self, items: tuple[R, ...], file: str,
    ) -> tuple[dict[str, R], dict[str, R], dict[int, R], dict[str, R]]:
        """The four maps, from one pass over the records; then the few numbers and former keys.

        A key clash is reported before a number clash, and both before a former key's clash,
        whatever the records' order: numbers and former keys are checked against every key.
        """
        normal: dict[str, R] = {}
        exact: dict[str, R] = {}
        retired: list[tuple[R, str, str]] = []
        for record in items:
            for field, key in _keys(record):
                norm = normalise(key)
                if not norm:
                    raise DataError(file, f"key {key!r} has no letter or digit", family=self._family,
                                    record=repr(record.id), field=field)
                other = normal.get(norm)
                if other is not None and other is not record:
                    raise DataError(file, f"key {key!r} also finds {other.id!r}", family=self._family,
                                    record=repr(record.id), field=field)
                normal[norm] = record
                exact[key] = record
            if record.former_ids or record.former_names:
                retired += [(record, "former_ids", old) for old in record.former_ids]
                retired += [(record, "former_names", old) for old in record.former_names]
        exact.update(normal)
        numbers: dict[int, R] = {}
        if self._numbered:
            # A number matches only as written: normalising would let "-1" or "1.0" find 1.
            for record in items:
                number: int = getattr(record, "number")  # noqa: B009
                other = numbers.get(number) or exact.get(str(number))
                if other is not None and other is not record:
                    raise DataError(file, f"number {number} also finds {other.id!r}", family=self._family,
                                    record=repr(record.id), field="number")
                numbers[number] = record
                exact[str(number)] = record
        former: dict[str, R] = {}
        for record, field, old in retired:
            other = former.get(old) or exact.get(old) or normal.get(normalise(old))
            if other is not None and other is not record:
                what = "former id" if field == "former_ids" else "former name"
                raise DataError(file, f"{what} {old!r} also finds {other.id!r}", family=self._family,
                                record=repr(record.id), field=field)
            former[old] = record
        return normal, exact, numbers, former

    def _miss(self, key: object) -> R:
        if isinstance(key, bool) or not isinstance(key, (str, int)) or (
            isinstance(key, int) and not self._numbered
        ):
            allowed = "str or int" if self._numbered else "str"
            raise TypeError(f"{_label(self._family)} keys must be {allowed}, not {type(key).__name__}")
        self._load()
        if isinstance(key, int):
            found = self._numbers.get(key)
            if found is not None:
                return found
            text = str(key) if key.bit_length() <= _ECHO_BITS else f"an int of {key.bit_length()} bits"
            raise NOT_FOUND[self._family](text)
        # Numbers sit in _exact only, as written: "-1" normalises to "1" but finds nothing.
        found = self._exact.get(key.strip()) or self._normal.get(normalise(key))
        if found is not None:
            return found
        retired = self._former.get(key)
        if retired is not None:
            result: R = _former_key(self._family, retired, key)  # type: ignore[assignment]
            return result
        raise NOT_FOUND[self._family](key, self._suggest(key))

    def _suggest(self, text: str) -> tuple[str, ...]:
        from flanders_s3 import _search  # only a miss pays for it

        return _search.suggest(self._family, text)

    def get(self, key: str | int) -> R:
        """The record whose id, name or alias (or number) matches ``key``; raises the family's ``...NotFound``."""
        try:
            return self._exact[key]  # type: ignore[index]
        except (KeyError, TypeError):  # a miss, or an unhashable key: the slow path says which
            return self._miss(key)

    def find(self, key: str | int, default: T | None = None) -> R | T | None:
        """Like ``get``, but returns ``default`` on a miss (a bad key type still raises ``TypeError``)."""
        try:
            return self.get(key)
        except NOT_FOUND[self._family]:
            return default

    def all(self, as_of: _dt.date | None = None) -> tuple[R, ...]:
        """Every record of the family, in the data file's (documented) order; with ``as_of``,
        only those whose cited period covers that day."""
        records = self._load()
        if as_of is None:
            return records
        day = _check_day(as_of)
        return tuple(r for r in records if r.holds_on(day))

    def by_id(self, record_id: str) -> R:
        """The record with exactly this id (or a former id, with a warning); nothing else matches."""
        self._load()
        record = self._exact.get(record_id)
        if record is not None and record.id == record_id:  # a name or alias is not an id
            return record
        retired = self._former.get(record_id)
        if retired is not None and record_id in retired.former_ids:  # a former name is not an id either
            result: R = _former_key(self._family, retired, record_id)  # type: ignore[assignment]
            return result
        raise NOT_FOUND[self._family](record_id)


_sources: _Index[model.Source] = _Index("source")
_clusters: _Index[model.Cluster] = _Index("cluster")
_priorities: _Index[model.PriorityDomain] = _Index("priority")
_regions: _Index[model.Region] = _Index("region")
_organisations: _Index[model.Organisation] = _Index("organisation")
_networks: _Index[model.Network] = _Index("network")
_people: _Index[model.Person] = _Index("person")
_cluster_domains: _Index[model.ClusterDomain] = _Index("cluster_domain")
_innovation_hubs: _Index[model.InnovationHub] = _Index("innovation_hub")
_eu_priority_areas: _Index[model.EUPriorityArea] = _Index("eu_priority_area")
_specialisations: _Index[model.EconomicSpecialisation] = _Index("specialisation")
_policies: _Index[model.Policy] = _Index("policy")
_pilots: _Index[model.Pilot] = _Index("pilot")
_events: _Index[model.Event] = _Index("event")
_initiatives: _Index[model.Initiative] = _Index("initiative")
_codes: _Index[model.Code] = _Index("code")
_editions: _Index[model.Edition] = _Index("edition")
_eye_ris3_priorities: _Index[model.EyeRis3Priority] = _Index("eye_ris3_priority")

# family -> its index, in export order (invariant in R, so typed loosely here).
# Read-only, so no caller can swap an index for everyone else.
INDICES: MappingProxyType[str, _Index[Any]] = MappingProxyType({
    index._family: index
    for index in (
        _sources, _clusters, _priorities, _regions, _organisations, _networks, _people,
        _cluster_domains, _innovation_hubs, _eu_priority_areas, _specialisations, _policies,
        _pilots, _events, _initiatives, _codes, _editions, _eye_ris3_priorities,
    )
})

# --- one get / find / listing function per family ---------------------------------------
# Written out, not generated, so that help(), inspect.signature() and type checkers
# see each function's own name, key type, return type and docstring.


def get_source(key: str) -> model.Source:
    """The source document whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.SourceNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _sources.get(key)


@overload
def find_source(key: str) -> model.Source | None: ...
@overload
def find_source(key: str, default: T) -> model.Source | T: ...
def find_source(key: str, default: T | None = None) -> model.Source | T | None:
    """Like :func:`get_source`, but ``default`` where no source document matches."""
    return _sources.find(key, default)


def sources(*, as_of: _dt.date | None = None) -> tuple[model.Source, ...]:
    """Every source document,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _sources.all(as_of)


def get_cluster(key: str) -> model.Cluster:
    """The spearhead cluster whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.ClusterNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _clusters.get(key)


@overload
def find_cluster(key: str) -> model.Cluster | None: ...
@overload
def find_cluster(key: str, default: T) -> model.Cluster | T: ...
def find_cluster(key: str, default: T | None = None) -> model.Cluster | T | None:
    """Like :func:`get_cluster`, but ``default`` where no spearhead cluster matches."""
    return _clusters.find(key, default)


def clusters(*, as_of: _dt.date | None = None) -> tuple[model.Cluster, ...]:
    """Every spearhead cluster,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _clusters.all(as_of)


def get_priority(key: str | int) -> model.PriorityDomain:
    """The RIS3 priority domain whose id, name, alias or number matches ``key``.

    Id, name and aliases match after :func:`normalise`; the number only as written
    (``8`` or ``"8"``, never ``"08"``).

    Raises :class:`~flanders_s3.errors.PriorityNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _priorities.get(key)


@overload
def find_priority(key: str | int) -> model.PriorityDomain | None: ...
@overload
def find_priority(key: str | int, default: T) -> model.PriorityDomain | T: ...
def find_priority(key: str | int, default: T | None = None) -> model.PriorityDomain | T | None:
    """Like :func:`get_priority`, but ``default`` where no RIS3 priority domain matches."""
    return _priorities.find(key, default)


def priorities(*, as_of: _dt.date | None = None) -> tuple[model.PriorityDomain, ...]:
    """Every RIS3 priority domain,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _priorities.all(as_of)


def get_region(key: str) -> model.Region:
    """The region whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.RegionNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _regions.get(key)


@overload
def find_region(key: str) -> model.Region | None: ...
@overload
def find_region(key: str, default: T) -> model.Region | T: ...
def find_region(key: str, default: T | None = None) -> model.Region | T | None:
    """Like :func:`get_region`, but ``default`` where no region matches."""
    return _regions.find(key, default)


def regions(*, as_of: _dt.date | None = None) -> tuple[model.Region, ...]:
    """Every region,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _regions.all(as_of)


def get_organisation(key: str) -> model.Organisation:
    """The organisation whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.OrganisationNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _organisations.get(key)


@overload
def find_organisation(key: str) -> model.Organisation | None: ...
@overload
def find_organisation(key: str, default: T) -> model.Organisation | T: ...
def find_organisation(key: str, default: T | None = None) -> model.Organisation | T | None:
    """Like :func:`get_organisation`, but ``default`` where no organisation matches."""
    return _organisations.find(key, default)


def organisations(*, as_of: _dt.date | None = None) -> tuple[model.Organisation, ...]:
    """Every organisation,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _organisations.all(as_of)


def get_network(key: str) -> model.Network:
    """The network, partnership or macro-region whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.NetworkNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _networks.get(key)


@overload
def find_network(key: str) -> model.Network | None: ...
@overload
def find_network(key: str, default: T) -> model.Network | T: ...
def find_network(key: str, default: T | None = None) -> model.Network | T | None:
    """Like :func:`get_network`, but ``default`` where no network, partnership or macro-region matches."""
    return _networks.find(key, default)


def networks(*, as_of: _dt.date | None = None) -> tuple[model.Network, ...]:
    """Every network, partnership or macro-region,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _networks.all(as_of)


def get_person(key: str) -> model.Person:
    """The person whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.PersonNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _people.get(key)


@overload
def find_person(key: str) -> model.Person | None: ...
@overload
def find_person(key: str, default: T) -> model.Person | T: ...
def find_person(key: str, default: T | None = None) -> model.Person | T | None:
    """Like :func:`get_person`, but ``default`` where no person matches."""
    return _people.find(key, default)


def people(*, as_of: _dt.date | None = None) -> tuple[model.Person, ...]:
    """Every person,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _people.all(as_of)


def get_cluster_domain(key: str) -> model.ClusterDomain:
    """The strategic cluster domain whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.ClusterDomainNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _cluster_domains.get(key)


@overload
def find_cluster_domain(key: str) -> model.ClusterDomain | None: ...
@overload
def find_cluster_domain(key: str, default: T) -> model.ClusterDomain | T: ...
def find_cluster_domain(key: str, default: T | None = None) -> model.ClusterDomain | T | None:
    """Like :func:`get_cluster_domain`, but ``default`` where no strategic cluster domain matches."""
    return _cluster_domains.find(key, default)


def cluster_domains(*, as_of: _dt.date | None = None) -> tuple[model.ClusterDomain, ...]:
    """Every strategic cluster domain,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _cluster_domains.all(as_of)


def get_innovation_hub(key: str | int) -> model.InnovationHub:
    """The innovation hub whose id, name, alias or number matches ``key``.

    Id, name and aliases match after :func:`normalise`; the number only as written
    (``8`` or ``"8"``, never ``"08"``).

    Raises :class:`~flanders_s3.errors.InnovationHubNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _innovation_hubs.get(key)


@overload
def find_innovation_hub(key: str | int) -> model.InnovationHub | None: ...
@overload
def find_innovation_hub(key: str | int, default: T) -> model.InnovationHub | T: ...
def find_innovation_hub(key: str | int, default: T | None = None) -> model.InnovationHub | T | None:
    """Like :func:`get_innovation_hub`, but ``default`` where no innovation hub matches."""
    return _innovation_hubs.find(key, default)


def innovation_hubs(*, as_of: _dt.date | None = None) -> tuple[model.InnovationHub, ...]:
    """Every innovation hub,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _innovation_hubs.all(as_of)


def get_eu_priority_area(key: str | int) -> model.EUPriorityArea:
    """The EU priority area whose id, name, alias or number matches ``key``.

    Id, name and aliases match after :func:`normalise`; the number only as written
    (``8`` or ``"8"``, never ``"08"``).

    Raises :class:`~flanders_s3.errors.EUPriorityAreaNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _eu_priority_areas.get(key)


@overload
def find_eu_priority_area(key: str | int) -> model.EUPriorityArea | None: ...
@overload
def find_eu_priority_area(key: str | int, default: T) -> model.EUPriorityArea | T: ...
def find_eu_priority_area(key: str | int, default: T | None = None) -> model.EUPriorityArea | T | None:
    """Like :func:`get_eu_priority_area`, but ``default`` where no EU priority area matches."""
    return _eu_priority_areas.find(key, default)


def eu_priority_areas(*, as_of: _dt.date | None = None) -> tuple[model.EUPriorityArea, ...]:
    """Every EU priority area,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _eu_priority_areas.all(as_of)


def get_specialisation(key: str) -> model.EconomicSpecialisation:
    """The economic specialisation whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.SpecialisationNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _specialisations.get(key)


@overload
def find_specialisation(key: str) -> model.EconomicSpecialisation | None: ...
@overload
def find_specialisation(key: str, default: T) -> model.EconomicSpecialisation | T: ...
def find_specialisation(key: str, default: T | None = None) -> model.EconomicSpecialisation | T | None:
    """Like :func:`get_specialisation`, but ``default`` where no economic specialisation matches."""
    return _specialisations.find(key, default)


def specialisations(*, as_of: _dt.date | None = None) -> tuple[model.EconomicSpecialisation, ...]:
    """Every economic specialisation,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _specialisations.all(as_of)


def get_policy(key: str) -> model.Policy:
    """The policy, plan or instrument whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.PolicyNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _policies.get(key)


@overload
def find_policy(key: str) -> model.Policy | None: ...
@overload
def find_policy(key: str, default: T) -> model.Policy | T: ...
def find_policy(key: str, default: T | None = None) -> model.Policy | T | None:
    """Like :func:`get_policy`, but ``default`` where no policy, plan or instrument matches."""
    return _policies.find(key, default)


def policies(*, as_of: _dt.date | None = None) -> tuple[model.Policy, ...]:
    """Every policy, plan or instrument,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _policies.all(as_of)


def get_pilot(key: str) -> model.Pilot:
    """The Vanguard Initiative pilot whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.PilotNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _pilots.get(key)


@overload
def find_pilot(key: str) -> model.Pilot | None: ...
@overload
def find_pilot(key: str, default: T) -> model.Pilot | T: ...
def find_pilot(key: str, default: T | None = None) -> model.Pilot | T | None:
    """Like :func:`get_pilot`, but ``default`` where no Vanguard Initiative pilot matches."""
    return _pilots.find(key, default)


def pilots(*, as_of: _dt.date | None = None) -> tuple[model.Pilot, ...]:
    """Every Vanguard Initiative pilot,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _pilots.all(as_of)


def get_event(key: str) -> model.Event:
    """The event or news item whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.EventNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _events.get(key)


@overload
def find_event(key: str) -> model.Event | None: ...
@overload
def find_event(key: str, default: T) -> model.Event | T: ...
def find_event(key: str, default: T | None = None) -> model.Event | T | None:
    """Like :func:`get_event`, but ``default`` where no event or news item matches."""
    return _events.find(key, default)


def events(*, as_of: _dt.date | None = None) -> tuple[model.Event, ...]:
    """Every event or news item,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _events.all(as_of)


def get_initiative(key: str | int) -> model.Initiative:
    """The major initiative whose id, name, alias or number matches ``key``.

    Id, name and aliases match after :func:`normalise`; the number only as written
    (``8`` or ``"8"``, never ``"08"``).

    Raises :class:`~flanders_s3.errors.InitiativeNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _initiatives.get(key)


@overload
def find_initiative(key: str | int) -> model.Initiative | None: ...
@overload
def find_initiative(key: str | int, default: T) -> model.Initiative | T: ...
def find_initiative(key: str | int, default: T | None = None) -> model.Initiative | T | None:
    """Like :func:`get_initiative`, but ``default`` where no major initiative matches."""
    return _initiatives.find(key, default)


def initiatives(*, as_of: _dt.date | None = None) -> tuple[model.Initiative, ...]:
    """Every major initiative,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _initiatives.all(as_of)


def get_code(key: str) -> model.Code:
    """The NACE, NABS or policy-objective code whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.CodeNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _codes.get(key)


@overload
def find_code(key: str) -> model.Code | None: ...
@overload
def find_code(key: str, default: T) -> model.Code | T: ...
def find_code(key: str, default: T | None = None) -> model.Code | T | None:
    """Like :func:`get_code`, but ``default`` where no NACE, NABS or policy-objective code matches."""
    return _codes.find(key, default)


def codes(*, as_of: _dt.date | None = None) -> tuple[model.Code, ...]:
    """Every NACE, NABS or policy-objective code,
    in the data file's order (a list read from a source keeps the source's order).

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _codes.all(as_of)


def get_edition(key: str) -> model.Edition:
    """The set of priorities (an edition) whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.EditionNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _editions.get(key)


@overload
def find_edition(key: str) -> model.Edition | None: ...
@overload
def find_edition(key: str, default: T) -> model.Edition | T: ...
def find_edition(key: str, default: T | None = None) -> model.Edition | T | None:
    """Like :func:`get_edition`, but ``default`` where no edition matches."""
    return _editions.find(key, default)


def editions(*, as_of: _dt.date | None = None) -> tuple[model.Edition, ...]:
    """Every set of priorities the strategy has had, oldest first as far as the sources date them.

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _editions.all(as_of)


def get_eye_ris3_priority(key: str) -> model.EyeRis3Priority:
    """The priority encoded in Eye@RIS3 whose id, name or alias matches ``key`` after :func:`normalise`.

    Raises :class:`~flanders_s3.errors.EyeRis3PriorityNotFound`, with suggestions, on a miss
    and ``TypeError`` for a key of another type.
    """
    return _eye_ris3_priorities.get(key)


@overload
def find_eye_ris3_priority(key: str) -> model.EyeRis3Priority | None: ...
@overload
def find_eye_ris3_priority(key: str, default: T) -> model.EyeRis3Priority | T: ...
def find_eye_ris3_priority(key: str, default: T | None = None) -> model.EyeRis3Priority | T | None:
    """Like :func:`get_eye_ris3_priority`, but ``default`` where no Eye@RIS3 priority matches."""
    return _eye_ris3_priorities.find(key, default)


def eye_ris3_priorities(*, as_of: _dt.date | None = None) -> tuple[model.EyeRis3Priority, ...]:
    """Every priority encoded in the EU's Eye@RIS3 tool for Flanders, in the S3 Platform's order.

    With ``as_of`` (a :class:`datetime.date`), only the records whose cited ``period``
    covers that day; a record no source gives a period for is left out.
    """
    return _eye_ris3_priorities.all(as_of)



def get_by_id(family: str, record_id: str) -> model.Record:
    """The record of ``family`` with exactly this id: how stored references resolve.

    Strict: a name or an alias is not an id, and no normalisation is applied.
    ``family`` may be spelled as everywhere else (see ``flanders_s3.model.check_family``).
    """
    index = INDICES.get(family) if isinstance(family, str) else None
    if index is None:
        index = INDICES[check_family(family)]
    if not isinstance(record_id, str):
        raise TypeError(f"record_id must be a str, not {type(record_id).__name__}")
    record: model.Record = index.by_id(record_id)
    return record


def get_by_key(key: str) -> model.Record:
    """The record a global key names: ``"family:id"``, as :attr:`Record.key` gives it.

    >>> get_by_key("cluster:flux50").name
    'Flux50'

    Ids are unique within a family only (``sustainable-chemistry`` is a priority
    and a cluster domain); the key is unique across the dataset. The id part is
    matched as strictly as by :func:`get_by_id`.
    """
    if not isinstance(key, str):
        raise TypeError(f"key must be a str, not {type(key).__name__}")
    family, colon, record_id = key.partition(":")
    if not colon:
        raise ValueError(f"a record key is 'family:id', such as 'cluster:flux50', not {key!r}")
    return get_by_id(family, record_id)


def preload() -> None:
    """Load every family now instead of on first use (e.g. before forking workers)."""
    from flanders_s3 import _load

    for index in INDICES.values():
        index.all()
    _load.links()
