"""The one cattrs converter: strict structuring for errors, and unstructuring for exports.

A first load does not import this module when its data is sound: :mod:`flanders_s3._structure`
builds the records, and hands anything it does not take to :func:`structure_one` here, which
either builds the same record or names the problem. The exports, :func:`flanders_s3.to_dict`
and ``tools/build_data.py`` unstructure through :data:`converter`, so there is one definition of
what a record looks like as plain data.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from types import TracebackType
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.cols import homogenous_tuple_structure_factory

__all__ = ["converter", "structure_one"]

# Structures with a strict eye: an unknown key in a data file is damage, not noise,
# and a value of the wrong JSON type is never coerced (cattrs would turn 5 into "5",
# True into 1, and iterate "lxz" into ("l", "x", "z")).
converter = cattrs.Converter(forbid_extra_keys=True)


# The hooks are module functions, or factories that cattrs calls on first use, so none of
# their checks runs only at import, where mutation testing could not link it to a test.
def _exactly(value: Any, type_: type) -> Any:
    """A ``str``, ``int`` or ``bool`` as itself: cattrs passes the type the field wants."""
    if type(value) is not type_:
        raise TypeError(f"expected {type_.__name__}, got {type(value).__name__}")
    return value


def _int_or_float(value: Any, _: Any) -> Any:
    if type(value) not in (int, float):
        raise TypeError(f"expected int or float, got {type(value).__name__}")
    return value


# cattrs types its structuring functions as taking (value, type), but the functions it makes
# default the type to the one they were made for and read nothing else from it: they are
# called with the value alone, so no argument is passed that nothing reads.
_ValueOnly = Callable[[Any], Any]


def _only_lists(type_: Any, conv: cattrs.Converter) -> Any:
    """The tuple hook, for a JSON array only: a str or a dict is refused, not iterated."""
    inner: _ValueOnly = homogenous_tuple_structure_factory(type_, conv)  # type: ignore[assignment]

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not list:
            raise TypeError(f"expected list, got {type(value).__name__}")
        return inner(value)

    return hook


def _only_dicts(type_: Any) -> Any:
    """The strict attrs hook, for a JSON object only: a list or a str is refused, not indexed."""
    inner: _ValueOnly = converter.gen_structure_attrs_fromdict(type_)  # type: ignore[assignment]

    def hook(value: Any, _: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected dict, got {type(value).__name__}")
        return inner(value)

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


converter.register_structure_hook(str, _exactly)
converter.register_structure_hook(int, _exactly)  # bool is an int to Python, not to the data
converter.register_structure_hook(bool, _exactly)
converter.register_structure_hook_func(lambda t: t == int | float, _int_or_float)
converter.register_structure_hook_factory(_is_homogeneous_tuple, _only_lists)
converter.register_structure_hook_factory(attrs.has, _only_dicts)
converter.register_structure_hook_factory(lambda t: isinstance(t, type) and issubclass(t, enum.Enum), _enum_hook)


def structure_one(item: Any, cls: type[Any]) -> tuple[Any, None] | tuple[None, tuple[str, str | None]]:
    """``(record, None)``, or ``(None, (reason, field path))`` for the first problem cattrs finds."""
    try:
        return converter.structure(item, cls), None
    except Exception as exc:  # cattrs groups every problem; report the first one's path
        return None, _first_problem(exc)


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
        # No note: the class itself refused the values, in an attrs validator
        # (which names the field) or in __attrs_post_init__ (the whole record).
        attribute = _failed_attribute(first.__traceback__, exc.cl)
        if attribute is not None:
            path = _join(path, attribute)
        return _first_problem(first, path)
    return _reason(exc), path or None


def _join(path: str, name: str) -> str:
    """``name`` inside ``path``; the empty path is the record itself."""
    return name if path == "" else f"{path}.{name}"


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
    # Only a class's own checks raise without a note (a tuple's items each get one), so
    # ``cls`` is always an attrs class here.
    own = {id(a): a.name for a in attrs.fields(cls)}
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
