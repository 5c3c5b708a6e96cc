"""Data files -> records: importlib.resources, the one cattrs converter, the once-only cache.

This is the only module that imports cattrs, and nothing imports this module
until the first record is asked for, so ``import flanders_s3`` stays cheap.
Each family is read, checked against the manifest's hash, structured and its
references checked the first time it is asked for, exactly once, under one
lock. A damaged file raises :class:`DataError` every time, and nothing of it
is cached.
"""

from __future__ import annotations

import enum
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from importlib.resources import files
from types import MappingProxyType, TracebackType
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory

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
        "edition": "editions.json",
        "eye_ris3_priority": "eye_ris3_priorities.json",
    }
)
LINKS_FILE = "links.json"
MANIFEST_FILE = "manifest.json"
_FAMILY_OF: MappingProxyType[str, str] = MappingProxyType({name: family for family, name in FILES.items()})

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
    "edition_id": "edition",
}
_LIST_FAMILIES: dict[str, str] = {
    "policy_documents": "policy",
    "major_initiatives": "initiative",
    "represented_in": "network",
}

# Structures with a strict eye: an unknown key in a data file is damage, not noise,
# and a value of the wrong JSON type is never coerced (cattrs would turn 5 into "5",
# True into 1, and iterate "lxz" into ("l", "x", "z")).
converter = cattrs.Converter(forbid_extra_keys=True)


def _exactly(*types: type) -> Any:
    def hook(value: Any, _: Any) -> Any:
        if type(value) not in types:
            expected = " or ".join(t.__name__ for t in types)
            raise TypeError(f"expected {expected}, got {type(value).__name__}")
        return value

    return hook


def _only_lists(factory: Callable[[Any, Any], Any]) -> Callable[[Any, Any], Any]:
    """Wrap a tuple hook factory so its hooks take a JSON array and nothing else (not a str, not a dict)."""

    def make(type_: Any, conv: Any) -> Any:
        inner = factory(type_, conv)

        def hook(value: Any, _: Any) -> Any:
            if type(value) is not list:
                raise TypeError(f"expected list, got {type(value).__name__}")
            return inner(value, type_)

        return hook

    return make


def _only_dicts(type_: Any) -> Any:
    """The strict attrs hook, for a JSON object only: a list or a str is refused, not indexed."""
    inner = converter.gen_structure_attrs_fromdict(type_)

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected dict, got {type(value).__name__}")
        return inner(value, type_)

    return hook


def _enum_hook(type_: type[enum.Enum]) -> Any:
    """An enum member by its exact value; the reason lists the values allowed."""
    members = {(type(m.value), m.value): m for m in type_}
    allowed = ", ".join(repr(m.value) for m in type_)

    def hook(value: Any, _: Any) -> Any:
        try:
            return members[type(value), value]
        except (KeyError, TypeError):  # TypeError: an unhashable list or dict
            raise ValueError(f"{value!r} is not one of {allowed}") from None

    return hook


def _is_homogeneous_tuple(type_: Any) -> bool:
    args = get_args(type_)
    return get_origin(type_) is tuple and len(args) == 2 and args[1] is ...


converter.register_structure_hook(str, _exactly(str))
converter.register_structure_hook(int, _exactly(int))  # bool is an int to Python, not to the data
converter.register_structure_hook(bool, _exactly(bool))
converter.register_structure_hook_func(lambda t: t == int | float, _exactly(int, float))
converter.register_structure_hook_factory(_is_homogeneous_tuple, _only_lists(homogenous_tuple_structure_factory))
converter.register_structure_hook_factory(attrs.has, _only_dicts)
converter.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)

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


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    repeated = _Repeated(result)
    keys = [key for key, _ in pairs]
    repeated.key = next(key for i, key in enumerate(keys) if key in keys[:i])
    return repeated


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
        actual = hashlib.sha256(raw).hexdigest()
        if actual != expected:
            raise _error(name, f"sha256 {actual} differs from the manifest's {expected}")
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_Constant, object_pairs_hook=_object)
    except (UnicodeDecodeError, ValueError) as exc:
        raise _error(name, f"is not valid UTF-8 JSON ({exc})") from None
    except RecursionError:
        raise _error(name, "is nested too deeply to parse") from None
    _check_parsed(name, data)
    return data


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
    out = []
    for position, item in enumerate(raw):
        try:
            out.append(converter.structure(item, cls))
        except Exception as exc:  # cattrs groups every problem; report the first one's path
            reason, field = _first_problem(exc)
            raise _error(name, reason, record=_label(item, position), field=field) from None
    return tuple(out)


def _first_problem(exc: BaseException, path: str = "") -> tuple[str, str | None]:
    """The first problem cattrs found, as (reason, field path such as 'citations[0].quote').

    Follows cattrs' notes down to the failing value, as :func:`cattrs.transform_error`
    does, but keeps the failing check's own words as the reason ("expected list, got
    str", "id 'X' is not a slug ...") where transform_error says only "invalid value".
    """
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        extra = sorted(exc.extra_fields)
        return f"unknown field(s) {', '.join(extra)}", _join(path, extra[0])
    if isinstance(exc, cattrs.BaseValidationError):
        first = exc.exceptions[0]
        for note in getattr(first, "__notes__", ()):
            if isinstance(note, cattrs.AttributeValidationNote):
                return _first_problem(first, _join(path, note.name))
            if isinstance(note, cattrs.IterableValidationNote):
                return _first_problem(first, f"{path}[{note.index!r}]")
        if isinstance(exc, cattrs.ClassValidationError) and not isinstance(first, cattrs.errors.CattrsError):
            # No note: the class itself refused the values, in an attrs validator
            # (which names the field) or in __attrs_post_init__ (the whole record).
            attribute = _failed_attribute(first.__traceback__, exc.cl)
            if attribute is not None:
                path = _join(path, attribute)
        return _first_problem(first, path)
    return _reason(exc), path or None


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _reason(exc: BaseException) -> str:
    if isinstance(exc, KeyError):  # cattrs: a required field absent from the object
        return "required field missing"
    return str(exc) or type(exc).__name__


def _failed_attribute(tb: TracebackType | None, cls: type[Any]) -> str | None:
    """The field whose attrs validator raised, found among the validator's arguments.

    attrs calls every validator as ``validator(instance, attribute, value)`` with the
    class's own :class:`attrs.Attribute`; the innermost frame given one of ``cls``'s
    attributes is the validator's.
    """
    own = {id(a): a.name for a in attrs.fields(cls)} if attrs.has(cls) else {}
    found = None
    while tb is not None:
        code = tb.tb_frame.f_code
        arguments = code.co_varnames[: code.co_argcount]
        for argument in arguments:
            name = own.get(id(tb.tb_frame.f_locals.get(argument)))
            if name is not None:
                found = name
        tb = tb.tb_next
    return found


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
            raise _error(FILES[family], "must hold a JSON array of records")
        _ids[family] = frozenset(str(item.get("id")) for item in raw if isinstance(item, dict))
    return _ids[family]


def _check_references(name: str, items: tuple[Any, ...]) -> None:
    for position, item in enumerate(items):
        label = repr(item.id) if isinstance(item, Record) else f"#{position}"
        refs = list(_references(item, ""))
        if isinstance(item, Link):
            for side in ("from", "to"):
                family = getattr(item, f"{side}_family")
                if family not in FILES:
                    raise _error(name, f"names an unknown family {family!r}", record=label, field=f"{side}_family")
                refs.append((f"{side}_id", family, getattr(item, f"{side}_id")))
        for where, family, ref in refs:
            if family not in FILES:
                raise _error(name, f"names an unknown family {family!r}", record=label, field=where)
            if ref not in _known_ids(family):
                raise _error(name, f"refers to a {family} {ref!r} that does not exist", record=label, field=where)


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
            items = _structure_all(LINKS_FILE, read_json(LINKS_FILE), Link)
            _check_references(LINKS_FILE, items)
            _links.append(items)
    return _links[0]
