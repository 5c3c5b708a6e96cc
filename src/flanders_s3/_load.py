"""Data files -> records: importlib.resources, the one cattrs converter, the once-only cache.

This is the only module that imports cattrs, and nothing imports this module
until the first record is asked for, so ``import flanders_s3`` stays cheap.
Each family is read, checked against the manifest's hash, structured and its
references checked the first time it is asked for, exactly once, under one
lock. A damaged file raises :class:`DataError` every time, and nothing of it
is cached.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from importlib.resources import files
from types import MappingProxyType
from typing import Any

import attrs
import cattrs

from flanders_s3.errors import DataError
from flanders_s3.model import FAMILY_TYPES, Link, ListEntry, Record

__all__ = ["FILES", "converter", "links", "manifest", "read_json", "records"]

# One file per record family; the order is the export order.
FILES: MappingProxyType[str, str] = MappingProxyType(
    {
        "source": "sources.json",
        "cluster": "clusters.json",
        "priority": "priorities.json",
        "region": "regions.json",
        "organisation": "organisations.json",
        "network": "networks.json",
        "person": "people.json",
        "cluster_domain": "cluster_domains.json",
        "innovation_hub": "innovation_hubs.json",
        "eu_priority_area": "eu_priority_areas.json",
        "specialisation": "specialisations.json",
        "policy": "policies.json",
        "pilot": "pilots.json",
        "event": "events.json",
        "initiative": "initiatives.json",
        "code": "codes.json",
    }
)
LINKS_FILE = "links.json"
MANIFEST_FILE = "manifest.json"

# Where an id field points. ``parent_id`` points into the record's own family;
# a ListEntry's ``record_id`` into the family its list holds.
_ID_FIELDS: dict[str, str] = {
    "source_id": "source",
    "network_id": "network",
    "organisation_id": "organisation",
    "cluster_id": "cluster",
    "policy_id": "policy",
    "pilot_id": "pilot",
    "supported_by_ids": "organisation",
    "code_ids": "code",
}
_LIST_FAMILIES: dict[str, str] = {
    "policy_documents": "policy",
    "major_initiatives": "initiative",
    "represented_in": "network",
}

# Structures with a strict eye: an unknown key in a data file is damage, not noise,
# and a value of the wrong JSON type is never coerced (cattrs would turn 5 into "5").
converter = cattrs.Converter(forbid_extra_keys=True)


def _exactly(*types: type) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if type(value) not in types:
            expected = " or ".join(t.__name__ for t in types)
            raise TypeError(f"expected {expected}, got {type(value).__name__}")
        return value

    return hook


converter.register_structure_hook(str, _exactly(str))
converter.register_structure_hook(int, _exactly(int))
converter.register_structure_hook(bool, _exactly(bool))
converter.register_structure_hook_func(lambda t: t == int | float, _exactly(int, float))

_lock = threading.RLock()
_records: dict[str, tuple[Record, ...]] = {}
_ids: dict[str, frozenset[str]] = {}
_in_progress: dict[str, frozenset[str]] = {}
_links: list[tuple[Link, ...]] = []
_manifest: list[MappingProxyType[str, Any]] = []


_data: list[Any] = []


def _data_dir() -> Any:
    # A Traversable, never a str path: the package may live inside a zip file.
    if not _data:
        _data.append(files("flanders_s3").joinpath("data"))
    return _data[0]


def _read_bytes(name: str) -> bytes:
    try:
        return bytes(_data_dir().joinpath(name).read_bytes())
    except OSError as exc:
        raise DataError(name, f"cannot be read ({exc.__class__.__name__})") from None


def read_json(name: str) -> Any:
    """Read one packaged data file, parse it, and check it against the manifest."""
    raw = _read_bytes(name)
    if name != MANIFEST_FILE:
        expected = manifest()["files"].get(name, {}).get("sha256")
        if expected is None:
            raise DataError(name, "is not listed in the manifest")
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected:
            raise DataError(name, f"sha256 {actual} differs from the manifest's {expected}")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise DataError(name, f"is not valid UTF-8 JSON ({exc})") from None


def manifest() -> MappingProxyType[str, Any]:
    """The data manifest: data version and, per file, its sha256 and record count."""
    if _manifest:
        return _manifest[0]
    with _lock:
        if not _manifest:
            data = read_json(MANIFEST_FILE)
            if not isinstance(data, dict) or not isinstance(data.get("files"), dict):
                raise DataError(MANIFEST_FILE, "has no 'files' object")
            files_ = MappingProxyType({k: MappingProxyType(dict(v)) for k, v in data["files"].items()})
            _manifest.append(MappingProxyType({**data, "files": files_}))
    return _manifest[0]


def _structure_all(name: str, raw: Any, cls: type[Any]) -> tuple[Any, ...]:
    if not isinstance(raw, list):
        raise DataError(name, "must hold a JSON array of records")
    out = []
    for position, item in enumerate(raw):
        label = item.get("id") if isinstance(item, dict) else None
        record = f"{label!r}" if isinstance(label, str) else f"#{position}"
        try:
            out.append(converter.structure(item, cls))
        except Exception as exc:  # cattrs groups every problem; report the first one's path
            message, field = _first_problem(exc)
            raise DataError(name, message, record=record, field=field) from None
    return tuple(out)


def _first_problem(exc: Exception) -> tuple[str, str | None]:
    """The first problem cattrs found, as (message, field path such as 'citations[0].quote')."""
    if isinstance(exc, cattrs.BaseValidationError) and isinstance(exc.exceptions[0], cattrs.ForbiddenExtraKeysError):
        exc = exc.exceptions[0]  # a top-level unknown key: cattrs gives it no path
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = ", ".join(sorted(exc.extra_fields))
        return f"unknown field(s) {extra}", extra
    if not isinstance(exc, cattrs.BaseValidationError):
        return str(exc), None
    messages = cattrs.transform_error(exc)
    first = messages[0] if messages else str(exc)
    message, _, path = first.partition(" @ $")
    return message, path.lstrip(".") or None


def _references(value: Any, path: str, list_family: str | None = None) -> Iterator[tuple[str, str, str]]:
    """Yield (field path, family, id) for every id a structured value refers to."""
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _references(item, f"{path}[{i}]", list_family)
        return
    if not attrs.has(type(value)):
        return
    if isinstance(value, ListEntry) and value.record_id is not None and list_family is not None:
        yield f"{path}.record_id", list_family, value.record_id
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        where = f"{path}.{field.name}" if path else field.name
        target = _ID_FIELDS.get(field.name)
        if target is None and field.name == "parent_id":
            target = getattr(type(value), "family", None)
        if target is not None and item is not None:
            for ref in item if isinstance(item, tuple) else (item,):
                yield where, target, ref
        elif field.name not in ("record_id",):
            yield from _references(item, where, _LIST_FAMILIES.get(field.name))


def _known_ids(family: str) -> frozenset[str]:
    if family in _in_progress:  # a family that refers to itself, or a cycle
        return _in_progress[family]
    if family not in _ids:
        # Only the target's ids are needed, so read them without structuring the
        # family: a first get_cluster() need not build every Source. The target's
        # own records are checked in full when it is first asked for.
        raw = read_json(FILES[family])
        if not isinstance(raw, list):
            raise DataError(FILES[family], "must hold a JSON array of records")
        _ids[family] = frozenset(str(item.get("id")) for item in raw if isinstance(item, dict))
    return _ids[family]


def _check_references(name: str, items: tuple[Any, ...]) -> None:
    for item in items:
        label = repr(item.id) if isinstance(item, Record) else None
        refs = list(_references(item, ""))
        if isinstance(item, Link):
            refs += [("from_id", item.from_family, item.from_id), ("to_id", item.to_family, item.to_id)]
        for where, family, ref in refs:
            if family not in FILES:
                raise DataError(name, f"names an unknown family {family!r}", record=label, field=where)
            if ref not in _known_ids(family):
                raise DataError(name, f"refers to a {family} {ref!r} that does not exist", record=label, field=where)


def records(family: str) -> tuple[Record, ...]:
    """All records of one family in file order, loaded on first call, exactly once."""
    try:
        return _records[family]
    except KeyError:
        pass
    if family not in FILES:
        raise ValueError(f"unknown family {family!r}; one of: {', '.join(FILES)}")
    with _lock:
        if family in _records:  # another thread finished it while we waited
            return _records[family]
        name = FILES[family]
        items = _structure_all(name, read_json(name), FAMILY_TYPES[family])
        ids = [r.id for r in items]
        seen: set[str] = set()
        for record_id in ids:
            if record_id in seen:
                raise DataError(name, "id is used twice", record=repr(record_id), field="id")
            seen.add(record_id)
        _in_progress[family] = frozenset(ids)
        try:
            _check_references(name, items)
        finally:
            del _in_progress[family]
        _ids[family] = frozenset(ids)
        _records[family] = items
        return items


def links() -> tuple[Link, ...]:
    """Every crosswalk link, loaded on first call, its ends checked to exist."""
    if _links:
        return _links[0]
    with _lock:
        if not _links:
            items = _structure_all(LINKS_FILE, read_json(LINKS_FILE), Link)
            _check_references(LINKS_FILE, items)
            _links.append(items)
    return _links[0]
