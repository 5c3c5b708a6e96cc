"""Data files -> records: read from the package, checked against the manifest, structured, cached once.

Nothing imports this module until the first record is asked for, so ``import
flanders_s3`` stays cheap. Each family is read, checked against the manifest's
hash, structured and its references checked the first time it is asked for,
exactly once, under one lock. A damaged file raises :class:`DataError` every
time, and nothing of it is cached.

The first load is on every CLI call and every test session's path, so it keeps
to what it needs: the package loader's ``get_data`` (zip-safe, as
``pkgutil.get_data`` is) rather than ``importlib.resources``; the interpreter's
own SHA-256 module rather than ``hashlib``; the structurer of
:mod:`flanders_s3._structure` rather than cattrs, which is imported only when a
file is damaged (to name the problem) or for an export.
"""

from __future__ import annotations

import gc
import importlib
import json
import os
import sys
import threading
from collections.abc import Callable, Iterator
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from flanders_s3 import _structure
from flanders_s3._structure import ID_FIELDS, LIST_FAMILIES
from flanders_s3.errors import DataError
from flanders_s3.model import FAMILY_TYPES
from flanders_s3.model._base import Record

if TYPE_CHECKING:
    from flanders_s3.model import Link



def _sha256_of() -> Callable[[bytes], Any]:
    """The interpreter's own SHA-256 (what hashlib wraps when OpenSSL is absent), else hashlib's.

    Importing it costs nothing; importing hashlib and OpenSSL costs more than hashing the
    data. Both modules are private (``_sha2`` from Python 3.12, ``_sha256`` before), so
    hashlib stays the fallback.
    """
    for module in ("_sha2", "_sha256"):
        try:
            sha256: Callable[[bytes], Any] = importlib.import_module(module).sha256
        except (ImportError, AttributeError):
            continue
        return sha256
    from hashlib import sha256 as hashlib_sha256

    return hashlib_sha256


_sha256 = _sha256_of()
# Above this size OpenSSL's SHA-256 (six times faster on large data) repays importing hashlib.
_LARGE = 1 << 20


def _digest(raw: bytes) -> str:
    if len(raw) > _LARGE:
        from hashlib import sha256

        return sha256(raw).hexdigest()
    digest: str = _sha256(raw).hexdigest()
    return digest

__all__ = ["FILES", "links", "manifest", "paused_collector", "read_json", "records"]

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
        "edition": "editions.json",
        "eye_ris3_priority": "eye_ris3_priorities.json",
    }
)
LINKS_FILE = "links.json"
MANIFEST_FILE = "manifest.json"
_FAMILY_OF: MappingProxyType[str, str] = MappingProxyType({name: family for family, name in FILES.items()})

_lock = threading.RLock()
_records: dict[str, tuple[Record, ...]] = {}
_ids: dict[str, frozenset[str]] = {}
_in_progress: dict[str, frozenset[str]] = {}
_links: list[tuple[Link, ...]] = []
_manifest: list[MappingProxyType[str, Any]] = []
_reader: list[Callable[[str], bytes]] = []


class paused_collector:  # lower case: it reads as what it does, like contextlib.suppress
    """The cyclic garbage collector off for a load, and back on after it if it was on.

    A load builds many objects and no cycles: the collector's passes during it find
    nothing, and at 7,000 records they cost more than the building itself.
    """

    __slots__ = ("_collecting",)

    def __enter__(self) -> None:
        self._collecting = gc.isenabled()
        gc.disable()

    def __exit__(self, *_: object) -> None:
        if self._collecting:
            gc.enable()


def _package_reader() -> Callable[[str], bytes]:
    """How to read ``data/<name>``: the package loader's ``get_data`` where it has one.

    ``get_data`` is what ``pkgutil.get_data`` calls; the file system's loader and
    ``zipimport`` both have it, and both take a path under the package's own location,
    so a package inside a zip file reads the same way. A loader without it gets
    ``importlib.resources``, which every loader supports, at the price of its import.
    """
    spec = sys.modules[__package__].__spec__
    get_data = getattr(spec.loader, "get_data", None) if spec is not None else None
    locations = spec.submodule_search_locations if spec is not None else None
    if get_data is not None and locations:
        data_dir = os.path.join(next(iter(locations)), "data")
        return lambda name: bytes(get_data(os.path.join(data_dir, name)))
    from importlib.resources import files

    data = files(__package__).joinpath("data")  # a Traversable, never a str path
    return lambda name: bytes(data.joinpath(name).read_bytes())


def _read_bytes(name: str) -> bytes:
    if not _reader:
        _reader.append(_package_reader())
    try:
        return _reader[0](name)
    except OSError as exc:
        raise _error(name, f"cannot be read ({exc.__class__.__name__})") from None


def _error(name: str, reason: str, *, record: str | None = None, field: str | None = None) -> DataError:
    return DataError(name, reason, record=record, field=field, family=_FAMILY_OF.get(name))


class _Constant:
    """Stands, in a parsed file, for a ``NaN`` or ``Infinity`` the JSON held (no JSON number is either)."""

    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text


class _Repeated(dict[str, Any]):
    """A parsed JSON object in which ``key`` was given twice (``json`` would keep the last silently)."""

    __slots__ = ("key",)
    key: str


def _path(steps: list[str | int]) -> str | None:
    """A field path as cattrs writes it: ``citations[0].quote``, ``files['clusters.json']``."""
    out = ""
    for step in steps:
        if isinstance(step, int):
            out += f"[{step}]"
        elif step.isidentifier():
            out += f".{step}" if out else step
        else:
            out += f"[{step!r}]"
    return out or None


def _label(item: Any, position: int) -> str:
    """How a message names a record: its id in quotes, or its position when it has no id."""
    label = item.get("id") if isinstance(item, dict) else None
    return f"{label!r}" if isinstance(label, str) else f"#{position}"


def _check_parsed(name: str, data: Any) -> None:
    """Refuse a NaN or Infinity, or a key given twice, anywhere in the file; name where it is.

    In a file of records, the record (by its id, or its position) and the path inside it.
    """
    todo: list[tuple[Any, list[str | int]]] = [(data, [])]
    while todo:  # a loop, not recursion: the file may be nested as deep as the parser allows
        value, steps = todo.pop()
        problem = None
        if isinstance(value, _Constant):
            problem = f"{value.text} is not a JSON number (only finite numbers are)"
        elif isinstance(value, _Repeated):
            problem = f"key {value.key!r} is given twice in one object"
            steps = [*steps, value.key]
        if problem is not None:
            if name != MANIFEST_FILE and isinstance(data, list) and steps and isinstance(steps[0], int):
                raise _error(name, problem, record=_label(data[steps[0]], steps[0]), field=_path(steps[1:]))
            raise _error(name, problem, field=_path(steps))
        if isinstance(value, dict):
            todo.extend((v, [*steps, k]) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            todo.extend((v, [*steps, i]) for i, v in reversed(list(enumerate(value))))


class _Damaged(Exception):
    """Raised by the first parse at a NaN, an Infinity or a key given twice (not a ValueError)."""


def _refuse_constant(text: str) -> Any:
    raise _Damaged


def _refuse_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _Damaged
    return result


def _keep_repeats(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    repeated = _Repeated(result)
    keys = [key for key, _ in pairs]
    repeated.key = next(key for i, key in enumerate(keys) if key in keys[:i])
    return repeated


def _parse(name: str, raw: bytes) -> Any:
    # A sound file is parsed once. A damaged one is parsed again, keeping its damage as
    # markers, so that _check_parsed can name the record and field where it sits.
    try:
        text = raw.decode()  # UTF-8
        try:
            return json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_refuse_repeats)
        except _Damaged:
            data = json.loads(text, parse_constant=_Constant, object_pairs_hook=_keep_repeats)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _error(name, f"is not valid UTF-8 JSON ({exc})") from None
    except RecursionError:
        raise _error(name, "is nested too deeply to parse") from None
    _check_parsed(name, data)
    raise AssertionError(f"{name}: the first parse found damage that the second did not")


def read_json(name: str) -> Any:
    """Read one packaged data file, parse it, and check it against the manifest.

    Stricter than :func:`json.loads`: ``NaN`` and ``Infinity``, a key given twice
    in one object, and nesting too deep to parse are :class:`DataError`.
    """
    raw = _read_bytes(name)
    if name != MANIFEST_FILE:
        expected = manifest()["files"].get(name, {}).get("sha256")
        if expected is None:
            raise _error(name, "is not listed in the manifest")
        actual = _digest(raw)
        if actual != expected:
            raise _error(name, f"sha256 {actual} differs from the manifest's {expected}")
    return _parse(name, raw)


def manifest() -> MappingProxyType[str, Any]:
    """The data manifest: data version and, per file, its sha256 and record count."""
    if _manifest:
        return _manifest[0]
    with _lock:
        if not _manifest:
            _manifest.append(_checked_manifest(read_json(MANIFEST_FILE)))
    return _manifest[0]


def _checked_manifest(data: Any) -> MappingProxyType[str, Any]:
    def refuse(reason: str, field: str | None = None) -> DataError:
        return _error(MANIFEST_FILE, reason, field=field)

    if type(data) is not dict:
        raise refuse(f"must hold a JSON object, not {type(data).__name__}")
    if "data_version" not in data:
        raise refuse("has no data_version", "data_version")
    if type(data["data_version"]) is not str:
        raise refuse(f"expected str, got {type(data['data_version']).__name__}", "data_version")
    if type(data.get("files")) is not dict:
        raise refuse("has no 'files' object", "files")
    entries = {}
    for file, entry in data["files"].items():
        where = _path(["files", file])
        if type(entry) is not dict:
            raise refuse(f"expected dict, got {type(entry).__name__}", where)
        for key, kind in (("sha256", str), ("records", int)):
            if key not in entry:
                raise refuse("required field missing", f"{where}.{key}")
            if type(entry[key]) is not kind:
                raise refuse(f"expected {kind.__name__}, got {type(entry[key]).__name__}", f"{where}.{key}")
        entries[file] = MappingProxyType(dict(entry))
    return MappingProxyType({**data, "files": MappingProxyType(entries)})


def _structure_all(name: str, raw: Any, cls: type[Any]) -> tuple[Any, ...]:
    if not isinstance(raw, list):
        raise _error(name, "must hold a JSON array of records")
    try:
        build = _structure.structurer(cls)
        return tuple([build(item) for item in raw])
    except Exception:  # whatever the fast path does not take, the converter judges
        return _strictly(name, raw, cls)


def _strictly(name: str, raw: list[Any], cls: type[Any]) -> tuple[Any, ...]:
    """Structure with cattrs: the same records for a sound file, the first problem's DataError otherwise."""
    from flanders_s3 import _convert  # only a damaged file (or one the fast path cannot read) pays for it

    out = []
    for position, item in enumerate(raw):
        record, problem = _convert.structure_one(item, cls)
        if problem is not None:
            reason, field = problem
            raise _error(name, reason, record=_label(item, position), field=field)
        out.append(record)
    return tuple(out)


def _references(value: Any, path: str = "", list_family: str | None = None) -> Iterator[tuple[str, str, str]]:
    """Yield (field path, family, id) for every id a structured value refers to.

    The slow walk that names where each id sits; the loader uses it only to name the
    first id that does not resolve, once :func:`flanders_s3._structure.references` has
    found that one does not. Both follow the same rules in the same order.
    """
    if isinstance(value, tuple):
        for i, item in enumerate(value):
            yield from _references(item, f"{path}[{i}]", list_family)
        return
    if not attrs.has(type(value)):
        return
    record_id = getattr(value, "record_id", None)  # a list entry: it is a record of its list's family
    if record_id is not None and list_family is not None:
        yield f"{path}.record_id", list_family, record_id
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        where = f"{path}.{field.name}" if path else field.name
        target = ID_FIELDS.get(field.name)
        if target is None and field.name == "parent_id":
            target = type(value).family  # a part of a record of its own family
        if target is not None and item is not None:
            for ref in item if isinstance(item, tuple) else (item,):
                yield where, target, ref
        else:  # a nested value, or none (a str, such as a record_id, holds nothing to walk)
            yield from _references(item, where, LIST_FAMILIES.get(field.name))


def _known_ids(family: str) -> frozenset[str]:
    if family in _in_progress:  # a family that refers to itself, or a cycle
        return _in_progress[family]
    if family not in _ids:
        # Only the target's ids are needed, so read them without structuring the
        # family: a first get_cluster() need not build every Source. The target's
        # own records are checked in full when it is first asked for.
        raw = read_json(FILES[family])
        if not isinstance(raw, list):
            raise _error(FILES[family], "must hold a JSON array of records")
        _ids[family] = frozenset(str(item.get("id")) for item in raw if isinstance(item, dict))
    return _ids[family]


def _check_references(name: str, items: tuple[Any, ...]) -> None:
    if not items:
        return
    walk = _structure.references(type(items[0]))
    ends = "from_family" in attrs.fields_dict(type(items[0]))  # a link: its two ends are ids too
    refs: list[tuple[str, str]] = []
    for position, item in enumerate(items):
        refs.clear()
        if walk is not None:
            walk(item, refs, None)
        if ends:
            refs.extend(((item.from_family, item.from_id), (item.to_family, item.to_id)))
        # Target files are read in the order their ids appear, as the slow walk reads them:
        # a damaged target is reported the same way whichever walk finds it.
        for family, ref in refs:
            if family not in FILES or ref not in _known_ids(family):
                _name_the_missing(name, item, position, ends)


def _item_label(item: Any, position: int) -> str:
    return repr(item.id) if isinstance(item, Record) else f"#{position}"


def _name_the_missing(name: str, item: Any, position: int, ends: bool) -> None:
    """Raise the DataError for ``item``: a link end's unknown family, else its first id that does not resolve."""
    label = _item_label(item, position)
    refs = list(_references(item))
    if ends:
        for end in ("from", "to"):
            family = getattr(item, f"{end}_family")
            if family not in FILES:
                raise _error(name, f"names an unknown family {family!r}", record=label, field=f"{end}_family")
        refs += [(f"{end}_id", getattr(item, f"{end}_family"), getattr(item, f"{end}_id")) for end in ("from", "to")]
    for where, family, ref in refs:
        if ref not in _known_ids(family):
            raise _error(name, f"refers to a {family} {ref!r} that does not exist", record=label, field=where)
    raise AssertionError(f"the fast and the slow reference walks disagree on {label} in {name}")


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
        with paused_collector():
            return _load_family(family)


def _load_family(family: str) -> tuple[Record, ...]:
    """Read, structure and check one family, and cache it; the caller holds the lock."""
    name = FILES[family]
    items = _structure_all(name, read_json(name), FAMILY_TYPES[family])
    ids = [r.id for r in items]
    seen: set[str] = set()
    for record_id in ids:
        if record_id in seen:
            raise _error(name, "id is used twice", record=repr(record_id), field="id")
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
            from flanders_s3.model import Link

            with paused_collector():
                items = _structure_all(LINKS_FILE, read_json(LINKS_FILE), Link)
                _check_references(LINKS_FILE, items)
                _links.append(items)
    return _links[0]
