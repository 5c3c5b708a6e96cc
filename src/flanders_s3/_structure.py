"""Plain JSON -> records on the first load, without cattrs: the fast path of :mod:`flanders_s3._load`.

Each class's structurer and reference walker is built once, from ``attrs.fields`` and the
resolved type hints; nothing here is written per class. The structurer accepts exact JSON
types only (a ``str`` where the model says ``str``, a ``list`` where it says a tuple, a
``dict`` with no unknown key where it says a record) and raises :class:`Refused` for
anything else. The loader then hands the file to the strict cattrs converter
(:mod:`flanders_s3._convert`), which either builds the same records or raises the usual
:class:`~flanders_s3.errors.DataError`: the fast path decides nothing a sound file does
not decide, and a damaged file is refused in the same words as before. A test structures
every data file both ways and every damaged-data case both ways, so the two cannot drift.
"""

from __future__ import annotations

import enum
import sys
import types
import typing
from collections.abc import Callable
from typing import Any

import attrs

__all__ = ["ID_FIELDS", "LIST_FAMILIES", "Refused", "references", "structurer"]

Structure = Callable[[Any], Any]
# Appends (family, id) for every id a value refers to, in the order the fields are declared.
Walk = Callable[[Any, list[tuple[str, str]], "str | None"], None]

# Where an id field points. ``parent_id`` points into the record's own family;
# a ListEntry's ``record_id`` into the family its list holds.
ID_FIELDS: dict[str, str] = {
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
LIST_FAMILIES: dict[str, str] = {
    "policy_documents": "policy",
    "major_initiatives": "initiative",
    "represented_in": "network",
}


class Refused(Exception):
    """A value the fast path does not take; the strict converter decides what it is."""


_REFUSED = Refused()  # one instance: raising it costs no allocation, and nothing reads it
_structurers: dict[Any, Structure] = {}
_walkers: dict[type, Walk | None] = {}
_hints_of: dict[type, dict[str, Any]] = {}
_evaluated: dict[tuple[str, str], Any] = {}


def _hints(cls: type) -> dict[str, Any]:
    """Each init field's resolved type (the model writes its annotations as strings).

    What ``typing.get_type_hints`` gives, for the fields only, with each annotation text
    evaluated once per module: the same few ("str | None", "tuple[Citation, ...]") recur in
    every class, and compiling each again is most of a cold first load's own work.
    """
    try:
        return _hints_of[cls]
    except KeyError:
        pass
    declared: dict[str, tuple[Any, str]] = {}
    for klass in reversed(cls.__mro__):  # a subclass's annotation wins, as in get_type_hints
        for name, annotation in vars(klass).get("__annotations__", {}).items():
            declared[name] = (annotation, klass.__module__)
    hints = {}
    for field in attrs.fields(cls):
        annotation, module = declared[field.name]
        if isinstance(annotation, str):
            key = (annotation, module)
            if key not in _evaluated:
                _evaluated[key] = eval(annotation, vars(sys.modules[module]))  # the model's own annotation text
            annotation = _evaluated[key]
        hints[field.name] = annotation
    _hints_of[cls] = hints
    return hints


def structurer(type_: Any) -> Structure:
    """The function that builds a value of ``type_`` from parsed JSON, or raises :class:`Refused`."""
    try:
        return _structurers[type_]
    except KeyError:
        pass
    built = _build(type_)
    _structurers[type_] = built
    return built


def _exact(*allowed: type) -> Structure:
    def structure(value: Any) -> Any:
        if type(value) not in allowed:
            raise _REFUSED
        return value

    return structure


def _build(type_: Any) -> Structure:
    if type_ is str or type_ is int or type_ is bool:  # bool is an int to Python, not to the data
        return _exact(type_)
    if type_ == int | float:
        return _exact(int, float)
    if isinstance(type_, type) and issubclass(type_, enum.Enum):
        return _enum(type_)
    if attrs.has(type_):
        return _record(type_)
    args = typing.get_args(type_)
    if typing.get_origin(type_) is tuple and len(args) == 2 and args[1] is ...:
        return _tuple(args[0])
    if isinstance(type_, types.UnionType) and len(args) == 2 and type(None) in args:
        inner = structurer(next(arg for arg in args if arg is not type(None)))
        return lambda value: None if value is None else inner(value)
    raise TypeError(f"no fast structurer for {type_!r}")  # the loader falls back to cattrs


def _enum(type_: type[enum.Enum]) -> Structure:
    members = {(type(m.value), m.value): m for m in type_}

    def structure(value: Any) -> Any:
        try:
            return members[type(value), value]
        except (KeyError, TypeError):  # TypeError: an unhashable list or dict
            raise _REFUSED from None

    return structure


def _tuple(item_type: Any) -> Structure:
    if item_type is str:  # the commonest tuple: check the items, keep them as they are

        def strings(value: Any) -> Any:
            if type(value) is not list:
                raise _REFUSED
            for item in value:
                if type(item) is not str:
                    raise _REFUSED
            return tuple(value)

        return strings
    item = structurer(item_type)

    def structure(value: Any) -> Any:
        if type(value) is not list:
            raise _REFUSED
        return tuple([item(v) for v in value])

    return structure


def _record(cls: type) -> Structure:
    hints = _hints(cls)
    plan = [
        (field.name, structurer(hints[field.name]), field.default is attrs.NOTHING)
        for field in attrs.fields(cls)
        if field.init
    ]
    allowed = frozenset(name for name, _, _ in plan)

    def structure(value: Any) -> Any:
        if type(value) is not dict or not allowed.issuperset(value):
            raise _REFUSED
        kwargs = {}
        for name, build, required in plan:
            if name in value:
                kwargs[name] = build(value[name])
            elif required:
                raise _REFUSED
            # else: attrs fills in the default, as it does under cattrs
        return cls(**kwargs)  # a validator's error goes to the converter too: it names the field

    return structure


# --- references ---------------------------------------------------------------------------


def references(cls: type) -> Walk | None:
    """The walker that lists every id an instance of ``cls`` refers to, or None if it holds none.

    Worked out once per class from its field types: only the fields that can hold an id,
    directly or in a nested value, are visited, in declaration order.
    """
    try:
        return _walkers[cls]
    except KeyError:
        pass
    # No model class holds itself, directly or further down; one that did would recurse here.
    walker = _walker(cls)
    _walkers[cls] = walker
    return walker


def _classes(type_: Any) -> list[type]:
    """The attrs classes a field of this type may hold (itself, inside a tuple, or optional)."""
    if attrs.has(type_):
        return [type_]
    return [cls for arg in typing.get_args(type_) for cls in _classes(arg)]


def _walker(cls: type) -> Walk | None:
    hints = _hints(cls)
    own_family = getattr(cls, "family", None)
    # A list entry (a value with a record_id) refers to a record of the family its list holds.
    entry = "record_id" in hints
    steps: list[tuple[str, str | None, Any, bool]] = []  # (field, target family or None, walker, many)
    for name, type_ in hints.items():
        target = ID_FIELDS.get(name) or (own_family if name == "parent_id" else None)
        many = typing.get_origin(type_) is tuple
        if target is not None:
            steps.append((name, target, None, many))
        else:  # a record_id is a plain str, so it holds no nested record
            nested = [inner for inner in map(references, _classes(type_)) if inner is not None]
            if nested:
                (inner,) = nested  # every field holds one record type (or none)
                steps.append((name, None, (inner, LIST_FAMILIES.get(name)), many))
    if not steps and not entry:
        return None

    def walk(value: Any, out: list[tuple[str, str]], list_family: str | None) -> None:
        if entry and list_family is not None and value.record_id is not None:
            out.append((list_family, value.record_id))
        for name, target, nested, many in steps:
            item = getattr(value, name)
            if item is None:
                continue
            if target is not None:
                if many:
                    out.extend([(target, ref) for ref in item])
                else:
                    out.append((target, item))
            else:
                walk_nested, family = nested
                if many:
                    for one in item:
                        walk_nested(one, out, family)
                else:
                    walk_nested(item, out, family)

    return walk
