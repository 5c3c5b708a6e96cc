"""The dataset in other shapes: one JSON document, CSV tables, a Frictionless Data Package,
a JSON Schema of the JSON document, pandas DataFrames, and one record as plain data.

``import flanders_s3`` never imports this module; import it when you need it::

    from flanders_s3 import export
    export.write_json("flanders_s3.json")
    export.write_datapackage("flanders_s3_csv/")

Every output is a pure function of the code and the data: no timestamps, the
documented record order, ``\\n`` line ends, so two runs give the same bytes.

The ``links`` of every export are the crosswalk's :func:`~flanders_s3.links`:
the curated links of ``links.json`` and the links read off the records' stored
ids, each with an export-only ``derived`` flag (``true`` for the second kind).

Every ``write_*`` function is atomic: it writes beside the target under a
temporary name and renames the result into place only once all of it is
written and synced, so a full disk, an error or Ctrl-C leaves the old output
as it was and no partial file or directory behind.
"""

from __future__ import annotations

import ast
import contextlib
import csv
import enum
import errno
import importlib
import inspect
import json
import os
import secrets
import shutil
import signal
import textwrap
import threading
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

import flanders_s3
from flanders_s3 import _convert, _load, _structure, lookup, model
from flanders_s3.model import FAMILY_TYPES, Citation, Link, PartialDate, Precision, Record, _base

if TYPE_CHECKING:  # an optional dependency: imported only when to_dataframe is called
    import pandas

__all__ = [
    "JOINER",
    "json_schema",
    "json_schema_text",
    "table_names",
    "to_dataframe",
    "to_dict",
    "to_json",
    "write_csv",
    "write_datapackage",
    "write_json",
    "write_schema",
]

JOINER = " | "
"""How a tuple of strings is written into one CSV cell (``("a", "b")`` -> ``a | b``)."""

_DATE_PATTERN = r"\d{4}(-\d{2}(-\d{2})?)?"
_SLUG_PATTERN = _base._SLUG.pattern.removesuffix(r"\Z")
_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _plural(family: str) -> str:
    """The family's plural, its data file's stem: ``cluster_domain`` -> ``cluster_domains``."""
    return model.PLURALS[family]


def _records(family: str) -> tuple[Record, ...]:
    return lookup.INDICES[family].all()


def _links() -> tuple[tuple[Link, bool], ...]:
    """Every link, with ``True`` where it is derived from a stored id rather than curated."""
    from flanders_s3 import _crosswalk

    # The crosswalk lists the curated links first, then the derived ones.
    curated = len(_load.links())
    return tuple((link, position >= curated) for position, link in enumerate(_crosswalk.links()))


def _dumps(document: Any) -> str:
    # allow_nan=False: NaN is not JSON; a NaN in the data must fail loudly, not export.
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


# --- atomic writing -----------------------------------------------------------------------


def _temporary_name(target: Path, kind: str) -> Path:
    """A new hidden name beside ``target``: same directory, so a rename never crosses devices."""
    return target.with_name(f".{target.name}.{kind}-{secrets.token_hex(4)}")


def _fsync_directory(directory: Path) -> None:
    """Make a rename in ``directory`` durable (where the system can open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:  # e.g. Windows: a directory cannot be opened, and renames need no sync
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a directory; the files themselves are synced
    finally:
        os.close(fd)


@contextlib.contextmanager
def _new_file(path: Path, newline: str) -> Iterator[typing.TextIO]:
    """A text handle on the new file ``path`` (UTF-8), flushed and synced to disk on success."""
    # O_EXCL: never follow or reuse what is already there. Mode 0o666 less the umask, as open() gives.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
        yield handle
        handle.flush()
        os.fsync(handle.fileno())


def _create(path: Path, text: str) -> None:
    """Write ``text`` to the new file ``path`` with ``\\n`` line ends, flushed and synced."""
    with _new_file(path, "\n") as handle:
        handle.write(text)


def _resolved(path: str | Path) -> Path:
    """``path``, with a symbolic link at its end followed: the link stays, its target is replaced."""
    if str(path) == "":  # Path("") would be the current directory
        raise ValueError("the output path must not be empty")
    target = Path(path)
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically: a temporary file beside it, then ``os.replace``.

    On any failure (a full disk, Ctrl-C) the old file is untouched and the
    temporary file is removed.
    """
    target = _resolved(path)
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a directory", str(path))
    temporary = _temporary_name(target, "tmp")
    try:
        _create(temporary, text)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    _fsync_directory(target.parent)
    return Path(path)


@contextlib.contextmanager
def _sigint_held() -> Iterator[None]:
    """Hold off SIGINT (Ctrl-C) for the block; one that arrives meanwhile is raised after it.

    Only the main thread can set a signal handler; elsewhere Python delivers no
    SIGINT anyway, so the block simply runs.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if received:
        if callable(previous):
            previous(signal.SIGINT, None)
        elif previous == signal.SIG_DFL:
            raise KeyboardInterrupt


_PACKAGE_NAME = "flanders-s3"  # the ``name`` of the Data Package, which marks an earlier export


def _earlier_export(directory: Path) -> bool:
    """Whether ``directory`` holds only an earlier export of this package, which may be replaced.

    Either a Data Package of this package (a ``datapackage.json`` named
    ``flanders-s3``), or files that are all tables this package writes.
    """
    package = directory / "datapackage.json"
    if package.is_file():
        try:
            name = json.loads(package.read_text(encoding="utf-8")).get("name")
        except (OSError, ValueError, AttributeError):
            return False
        return bool(name == _PACKAGE_NAME)
    tables = {f"{name}.csv" for name in table_names()}
    return all(entry.name in tables and entry.is_file() for entry in directory.iterdir())


def _write_directory(directory: str | Path, files: Iterable[tuple[str, Callable[[Path], None]]]) -> Path:
    """Write ``files`` (name, writer) into a new directory beside ``directory``, then swap it in.

    The old directory, if any, is renamed aside, the new one renamed into place
    and the old one deleted, with SIGINT held off for those steps. Any failure
    before the swap removes the new directory and leaves the old one as it was.
    Returns the target directory.
    """
    target = _resolved(directory)
    if target.exists():
        if not target.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "exists and is not a directory", str(directory))
        if not _earlier_export(target):
            raise FileExistsError(
                errno.EEXIST,
                "is not empty and holds no earlier flanders-s3 export (no datapackage.json); "
                "refusing to replace it",
                str(directory),
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    building = _temporary_name(target, "new")
    try:
        building.mkdir()  # mode 0o777 less the umask, as a plain mkdir gives
        for name, write in files:
            write(building / name)
        _fsync_directory(building)
        with _sigint_held():
            aside = _temporary_name(target, "old") if target.exists() else None
            if aside is not None:
                os.rename(target, aside)
            try:
                os.rename(building, target)
            except BaseException:
                if aside is not None:
                    os.rename(aside, target)
                raise
            _fsync_directory(target.parent)
            if aside is not None:
                shutil.rmtree(aside, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise
    return Path(directory)


def _text_file(text: Callable[[], str]) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        _create(path, text())

    return write


# --- one record ---------------------------------------------------------------------------


def to_dict(record: object) -> dict[str, Any]:
    """A record (or any other value of the model: a link, a citation ...) as plain data.

    The same converter writes the JSON export, so the result is one record's
    entry there: every field present (``None`` where the sources are silent),
    enums as their values, tuples as lists, a date as ``{"iso": "2013-11",
    "precision": "month"}`` (ISO 8601 text and how precise it is). It is
    JSON-ready: ``json.dumps(to_dict(record))`` works.

    >>> import flanders_s3 as fs
    >>> data = fs.to_dict(fs.get_cluster("Flux50"))
    >>> data["id"], data["support_max_years"], type(data["aliases"]).__name__
    ('flux50', 10, 'list')

    Raises ``TypeError`` for anything that is not a value of the model.
    """
    if not attrs.has(type(record)):
        raise TypeError(f"to_dict takes a record of flanders_s3, not {type(record).__name__}")
    data: dict[str, Any] = _convert.converter.unstructure(record)
    return data


# --- JSON ---------------------------------------------------------------------------------


def _document() -> dict[str, Any]:
    document: dict[str, Any] = {
        "flanders_s3": {"version": flanders_s3.__version__, "data_version": flanders_s3.DATA_VERSION}
    }
    unstructure = _convert.converter.unstructure
    for family in _load.FILES:
        document[_plural(family)] = [unstructure(record) for record in _records(family)]
    document["links"] = [{**unstructure(link), "derived": derived} for link, derived in _links()]
    return document


def to_json() -> str:
    """The whole dataset as one JSON object (see :func:`json_schema`), ending in a newline.

    >>> import json
    >>> document = json.loads(to_json())
    >>> list(document)[:3], list(document)[-1]
    (['flanders_s3', 'sources', 'clusters'], 'links')
    """
    return _dumps(_document())


def write_json(path: str | Path) -> Path:
    """Write :func:`to_json` to ``path`` (UTF-8), atomically; returns the path.

    The text goes to a temporary file beside ``path``, synced, then renamed
    over it: on any failure the old file is untouched and nothing is left behind.
    """
    return _write_text(path, to_json())


# --- JSON Schema ----------------------------------------------------------------------------


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; anything else -> ``(tp, False)``."""
    if typing.get_origin(tp) in (types.UnionType, typing.Union):
        args = typing.get_args(tp)
        rest = tuple(a for a in args if a is not type(None))
        if len(rest) < len(args):
            return (rest[0] if len(rest) == 1 else typing.Union[rest]), True  # noqa: UP007
    return tp, False


def _doc(cls: type) -> str | None:
    """The first paragraph of the class's docstring, on one line."""
    doc = cls.__dict__.get("__doc__") or _source_doc(cls)
    return inspect.cleandoc(doc).split("\n\n")[0].replace("\n", " ") if doc else None


def _source_doc(cls: type) -> str | None:
    # Under python -OO a class has no __doc__; its docstring is still in the module's source
    # (read through the module's loader, so this works from a zip too), and the schema must
    # not change with the interpreter's flags.
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(cls)))
    except (OSError, TypeError, SyntaxError):  # no source shipped: no description
        return None
    node = tree.body[0]
    return ast.get_docstring(node, clean=False) if isinstance(node, ast.ClassDef) else None


def _string_constraints(field: attrs.Attribute[Any]) -> dict[str, Any]:
    if field.validator is _base._slug:
        return {"pattern": f"^{_SLUG_PATTERN}$"}
    if field.validator is _base._nonblank:
        return {"pattern": r"\S"}
    return {}


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of :func:`to_json`'s document, read off the attrs model.

    Every field is required (the export writes each one, ``null`` where missing),
    no other key is allowed, enums list their values, tuples are arrays, and each
    property carries its field's description (model metadata, so ``-OO`` keeps it).

    >>> schema = json_schema()
    >>> schema["$defs"]["Cluster"]["properties"]["support_max_years"]["type"]
    ['integer', 'null']
    """
    defs: dict[str, Any] = {}

    def ref(cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in defs:
            defs[name] = {}  # claimed first, so a class that refers to itself terminates
            defs[name] = enum_def(cls) if issubclass(cls, enum.Enum) else object_def(cls)
        return {"$ref": f"#/$defs/{name}"}

    def enum_def(cls: type[enum.Enum]) -> dict[str, Any]:
        values = [member.value for member in cls]
        out: dict[str, Any] = {"description": _doc(cls)} if _doc(cls) else {}
        if all(isinstance(v, str) for v in values):
            out["type"] = "string"
        out["enum"] = values
        return out

    def object_def(cls: type) -> dict[str, Any]:
        hints = _hints(cls)
        fields = attrs.fields(cls)
        properties = {}
        for field in fields:
            schema = of_type(hints[field.name])
            if schema.get("type") == "string":
                schema.update(_string_constraints(field))
            if "doc" in field.metadata:  # field metadata, not a docstring: python -OO keeps it
                schema = {"description": field.metadata["doc"], **schema}
            properties[field.name] = schema
        out: dict[str, Any] = {"description": _doc(cls)} if _doc(cls) else {}
        out.update(type="object", properties=properties, required=[f.name for f in fields])
        out["additionalProperties"] = False
        return out

    def of_type(tp: Any) -> dict[str, Any]:
        scalar = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
        if tp in scalar:
            return {"type": scalar[tp]}
        origin = typing.get_origin(tp)
        if origin in (types.UnionType, typing.Union):
            parts = [of_type(arg) for arg in typing.get_args(tp)]
            if not all(part.keys() == {"type"} for part in parts):
                return {"anyOf": parts}
            names = [part["type"] for part in parts]
            if "number" in names:  # JSON Schema's integers are numbers already
                names = [n for n in names if n != "integer"]
            return {"type": names[0] if len(names) == 1 else names}
        if origin is tuple:
            item, *rest = typing.get_args(tp)
            if rest != [Ellipsis]:
                raise TypeError(f"no JSON Schema for fixed-length {tp!r}")
            return {"type": "array", "items": of_type(item)}
        if isinstance(tp, type) and (issubclass(tp, enum.Enum) or attrs.has(tp)):
            return ref(tp)
        raise TypeError(f"no JSON Schema for {tp!r}")

    properties: dict[str, Any] = {
        "flanders_s3": {
            "description": "The versions of the code and the data that wrote the document.",
            "type": "object",
            "properties": {"version": {"type": "string"}, "data_version": {"type": "string"}},
            "required": ["version", "data_version"],
            "additionalProperties": False,
        }
    }
    for family, cls in FAMILY_TYPES.items():
        properties[_plural(family)] = {"type": "array", "items": ref(cls)}
    properties["links"] = {"type": "array", "items": ref(Link)}
    # The one format the attrs types cannot say: a date's ISO shape (PartialDate checks it on load).
    defs["PartialDate"]["properties"]["iso"]["pattern"] = f"^{_DATE_PATTERN}$"
    # The export's one column that is not a model field (see the module docstring).
    defs["Link"]["properties"]["derived"] = {
        "description": "Export only: true for a link read off a stored id, false for a curated one.",
        "type": "boolean",
    }
    defs["Link"]["required"].append("derived")
    return {
        "$schema": _SCHEMA_DIALECT,
        "title": "flanders_s3 JSON export",
        "description": "The document flanders_s3.export.to_json() writes: every record family, then the links.",
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
        "$defs": dict(sorted(defs.items())),
    }


def json_schema_text() -> str:
    """:func:`json_schema` as the text of ``schema/flanders_s3.schema.json``."""
    return _dumps(json_schema())


def write_schema(path: str | Path) -> Path:
    """Write :func:`json_schema_text` to ``path``, atomically (as :func:`write_json`); returns the path."""
    return _write_text(path, json_schema_text())


# --- tables (CSV, Data Package, DataFrame) ------------------------------------------------


@attrs.frozen
class _Column:
    name: str
    type: str  # a Table Schema type: string, integer, number, boolean or date
    required: bool
    get: Callable[[Any], Any]  # the row's object -> a str, int, float, bool or None
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    description: str | None = None
    references: str | None = None  # the family whose ids the column holds
    joined: bool = False  # a tuple of strings joined with JOINER (a list again in a DataFrame)


@attrs.frozen
class _Table:
    name: str
    columns: tuple[_Column, ...]
    primary_key: tuple[str, ...]
    rows: Callable[[], Iterable[Sequence[Any]]]
    description: str


def _attr(get: Callable[[Any], Any], name: str) -> Callable[[Any], Any]:
    """``get`` then attribute ``name``, with ``None`` passing through."""

    def read(obj: Any) -> Any:
        value = get(obj)
        return None if value is None else getattr(value, name)

    return read


def _then(get: Callable[[Any], Any], convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def read(obj: Any) -> Any:
        value = get(obj)
        return None if value is None else convert(value)

    return read


def _identity(obj: Any) -> Any:
    return obj


def _join(values: tuple[str, ...]) -> str | None:
    return JOINER.join(values) if values else None


_SCALAR_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def _columns(
    cls: type,
    *,
    prefix: str = "",
    get: Callable[[Any], Any] = _identity,
    required: bool = True,
    family: str | None = None,
    list_family: str | None = None,
    children: list[tuple[str, type]] | None = None,
) -> list[_Column]:
    """The flat columns of an attrs class: nested values become prefixed columns.

    ``children`` collects the tuple-of-records fields (each becomes its own table);
    it is given only at the top level, so a tuple of records deeper down fails.
    """
    out: list[_Column] = []
    hints = _hints(cls)
    for field in attrs.fields(cls):
        name = prefix + field.name
        tp, optional = _optional(hints[field.name])
        need = required and not optional
        read = _attr(get, field.name)
        if typing.get_origin(tp) is tuple:
            item = typing.get_args(tp)[0]
            if item is str:
                out.append(_Column(name, "string", False, _then(read, _join),
                                   description=f"values joined with {JOINER!r}", joined=True))
            elif item is Citation:
                pass  # every tuple of citations, at any depth, goes to citations.csv (links': link_citations.csv)
            elif item is model.Name:
                pass  # every record's names share names.csv
            elif attrs.has(item) and children is not None:
                children.append((field.name, item))
            else:
                raise TypeError(f"cannot flatten {cls.__name__}.{field.name}: {tp!r}")
        elif tp is PartialDate:
            out.append(_Column(name, "string", need, _attr(read, "iso"), pattern=_DATE_PATTERN,
                               description=f"ISO 8601 date, as precise as {name}_precision says"))
            out.append(_Column(f"{name}_precision", "string", need, _then(read, lambda d: d.precision.value),
                               enum=tuple(p.value for p in Precision)))
            # Sortable and comparable whatever the precision: the first and the last day it covers.
            out.append(_Column(f"{name}_earliest", "date", need, _then(read, lambda d: d.earliest.isoformat()),
                               description=f"the first day {name} covers"))
            out.append(_Column(f"{name}_latest", "date", need, _then(read, lambda d: d.latest.isoformat()),
                               description=f"the last day {name} covers"))
        elif isinstance(tp, type) and attrs.has(tp):
            out += _columns(tp, prefix=f"{name}_", get=read, required=need, family=family,
                            list_family=list_family)
        elif isinstance(tp, type) and issubclass(tp, enum.Enum):
            out.append(_Column(name, "string", need, _then(read, lambda e: e.value),
                               enum=tuple(m.value for m in tp)))
        elif tp in _SCALAR_TYPES or tp == int | float:
            if field.name == "parent_id":
                target = family
            elif field.name == "record_id":
                target = list_family
            else:
                target = _structure.ID_FIELDS.get(field.name)
            pattern = _SLUG_PATTERN if field.validator is _base._slug else None
            out.append(_Column(name, _SCALAR_TYPES.get(tp, "number"), need, read, pattern=pattern,
                               references=target))
        else:
            raise TypeError(f"cannot flatten {cls.__name__}.{field.name}: {tp!r}")
    return out


def _family_rows(family: str, columns: Sequence[_Column]) -> Callable[[], Iterator[list[Any]]]:
    def rows() -> Iterator[list[Any]]:
        for record in _records(family):
            yield [column.get(record) for column in columns]

    return rows


def _child_rows(family: str, field: str, columns: Sequence[_Column]) -> Callable[[], Iterator[list[Any]]]:
    def rows() -> Iterator[list[Any]]:
        for record in _records(family):
            for position, item in enumerate(getattr(record, field)):
                yield [record.id, position, *(column.get(item) for column in columns)]

    return rows


def _cited(value: object, path: str) -> Iterator[tuple[str, int, Citation]]:
    """(path, position, citation) for every tuple of citations in ``value``, at any depth.

    The path names where the tuple sits: ``""`` for a record's own ``citations``,
    ``"period.start"`` for a period's start, ``"memberships.0"`` for the first membership.
    A value's single ``citation`` is not listed: it is a column of its own table.
    """
    cls = type(value)
    if not attrs.has(cls) or cls is Citation:
        return
    for field in attrs.fields(cls):
        item = getattr(value, field.name)
        if field.name == "citations":
            for position, citation in enumerate(item):
                yield path, position, citation
            continue
        here = f"{path}.{field.name}" if path else field.name
        if isinstance(item, tuple):
            for index, part in enumerate(item):
                yield from _cited(part, f"{here}.{index}")
        else:
            yield from _cited(item, here)


def _citation_rows() -> Iterator[list[Any]]:
    for family in _load.FILES:
        for record in _records(family):
            for path, position, c in _cited(record, ""):
                yield [family, record.id, path, position, c.source_id, c.quote, c.supports, c.note]


def _record_rows() -> Iterator[list[Any]]:
    for family in _load.FILES:
        for record in _records(family):
            yield [family, record.id, record.key, record.name]


def _name_rows(columns: Sequence[_Column]) -> Callable[[], Iterator[list[Any]]]:
    def rows() -> Iterator[list[Any]]:
        for family in _load.FILES:
            for record in _records(family):
                for position, name in enumerate(record.names):
                    yield [family, record.id, position, *(column.get(name) for column in columns)]

    return rows


def _link_citation_rows() -> Iterator[list[Any]]:
    for index, (link, _derived) in enumerate(_links()):
        for path, position, c in _cited(link, ""):
            yield [index, path, position, c.source_id, c.quote, c.supports, c.note]


def _link_rows(columns: Sequence[_Column]) -> Callable[[], Iterator[list[Any]]]:
    def rows() -> Iterator[list[Any]]:
        for index, (link, derived) in enumerate(_links()):
            yield [index, *(column.get(link) for column in columns), derived]

    return rows


def _tables() -> tuple[_Table, ...]:
    """Every table the CSV export writes, in resource order: families, their children,
    citations, links."""
    families: list[_Table] = []
    children: list[_Table] = []
    for family, cls in FAMILY_TYPES.items():
        nested: list[tuple[str, type]] = []
        columns = _columns(cls, family=family, children=nested)
        families.append(_Table(_plural(family), tuple(columns), ("id",), _family_rows(family, columns),
                               f"One row per {family.replace('_', ' ')} record, in the data's order."))
        for field, item in nested:
            item_columns = _columns(item, family=family, list_family=_structure.LIST_FAMILIES.get(field))
            key = (  # their values come from _child_rows, not from a getter
                _Column(f"{family}_id", "string", True, _identity, references=family),
                _Column("position", "integer", True, _identity, description="0-based place in the field's tuple"),
            )
            children.append(_Table(
                f"{family}_{field}", (*key, *item_columns), (key[0].name, "position"),
                _child_rows(family, field, item_columns),
                f"The {field} of each {family.replace('_', ' ')} record, one row per entry.",
            ))
    citation = _columns(Citation)
    path = _Column("path", "string", False, _identity,
                   description="where the citations sit: empty for the record's own, else e.g. period.start")
    position = _Column("position", "integer", True, _identity, description="0-based place in those citations")
    citations = _Table(
        "citations",
        (
            _Column("family", "string", True, _identity, enum=tuple(FAMILY_TYPES)),
            _Column("record_id", "string", True, _identity),
            path,
            position,
            *citation,
        ),
        ("family", "record_id", "path", "position"),
        _citation_rows,
        "Every tuple of citations of every record, one row per citation (a single citation is a "
        "citation_* column of its value's table).",
    )
    name = _columns(model.Name)
    names_table = _Table(
        "names",
        (
            _Column("family", "string", True, _identity, enum=tuple(FAMILY_TYPES)),
            _Column("record_id", "string", True, _identity),
            _Column("position", "integer", True, _identity, description="0-based place in the record's names"),
            *name,
        ),
        ("family", "record_id", "position"),
        _name_rows(name),
        "Every record's names by language, one row per name, each with its citation.",
    )
    records = _Table(
        "records",
        (
            _Column("family", "string", True, _identity, enum=tuple(FAMILY_TYPES)),
            _Column("id", "string", True, _identity),
            _Column("key", "string", True, _identity, description="the global key, family:id"),
            _Column("name", "string", True, _identity),
        ),
        ("family", "id"),
        _record_rows,
        "Every record of every family: its family, id, global key and name, to label any id column.",
    )
    link = [
        *_columns(Link),
        _Column("from_name", "string", True, lambda link: link.source.name, description="name of the from end"),
        _Column("to_name", "string", True, lambda link: link.target.name, description="name of the to end"),
    ]
    link_index = _Column("link", "integer", True, _identity, description="0-based place of the link in links.csv")
    links = _Table(
        "links",
        (link_index, *link, _Column("derived", "boolean", True, _identity,
                                    description="true: read off a stored id; false: curated in links.json")),
        ("link",),
        _link_rows(link),
        "Crosswalk links between records of different families.",
    )
    link_citations = _Table(
        "link_citations",
        (link_index, path, position, *citation),
        ("link", "path", "position"),
        _link_citation_rows,
        "The citations of each link (path empty) and of its date (path date), one row per citation.",
    )
    tables = (*families, *children, records, names_table, citations, links, link_citations)
    for table in tables:  # a model change must not silently produce a clashing column
        names = [c.name for c in table.columns]
        if len(set(names)) != len(names):
            raise TypeError(f"table {table.name} has a repeated column name: {names}")
    if len({t.name for t in tables}) != len(tables):
        raise TypeError("two tables share a name")
    return tables


def table_names() -> tuple[str, ...]:
    """The names of the CSV tables, in the order the Data Package lists them.

    >>> table_names()[:3]
    ('sources', 'clusters', 'priorities')
    """
    return tuple(table.name for table in _tables())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def _csv_writer(table: _Table) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with _new_file(path, "") as handle:  # newline="": the csv module writes the line ends
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([column.name for column in table.columns])
            writer.writerows([_cell(value) for value in row] for row in table.rows())

    return write


def _csv_files(tables: Sequence[_Table]) -> list[tuple[str, Callable[[Path], None]]]:
    return [(f"{table.name}.csv", _csv_writer(table)) for table in tables]


def write_csv(directory: str | Path) -> tuple[Path, ...]:
    """Write one UTF-8 CSV file per table into ``directory`` (created if missing).

    A header row, then rows in the data's order. ``None`` is an empty cell (so a
    CSV cannot tell ``None`` from ``""``: use the JSON export for that), enums
    are their values, booleans ``true`` / ``false``, a date is its ISO string
    with a ``<field>_precision`` column, a tuple of strings is joined with
    :data:`JOINER`, a nested value is flattened into ``<field>_<part>`` columns,
    and a tuple of nested values is a table of its own. Returns the paths written.

    Atomic: the files are written into a new directory beside ``directory``,
    which then replaces it (see :func:`write_datapackage`). A ``directory`` that
    exists must be empty or an earlier export of this package.
    """
    tables = _tables()
    target = _write_directory(directory, _csv_files(tables))
    return tuple(target / f"{table.name}.csv" for table in tables)


def _field_descriptor(column: _Column) -> dict[str, Any]:
    out: dict[str, Any] = {"name": column.name, "type": column.type}
    if column.description:
        out["description"] = column.description
    if column.type == "boolean":
        out.update(trueValues=["true"], falseValues=["false"])
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum is not None:
        constraints["enum"] = list(column.enum)
    if column.pattern is not None:
        constraints["pattern"] = column.pattern
    if constraints:
        out["constraints"] = constraints
    return out


def _datapackage(tables: Sequence[_Table]) -> dict[str, Any]:
    resources = []
    for table in tables:
        schema: dict[str, Any] = {"fields": [_field_descriptor(c) for c in table.columns], "missingValues": [""]}
        if table.primary_key:
            schema["primaryKey"] = list(table.primary_key)
        foreign_keys = [
            {"fields": column.name, "reference": {"resource": _plural(column.references), "fields": "id"}}
            for column in table.columns
            if column.references is not None
        ]
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        resources.append({
            "name": table.name,
            "path": f"{table.name}.csv",
            "profile": "tabular-data-resource",
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            # Said, not left to sniffing: a reader guessing the dialect of a table whose first
            # cells are short words can pick the wrong delimiter.
            "dialect": {"delimiter": ",", "quoteChar": '"', "header": True},
            "schema": schema,
        })
    sources = []
    for source in lookup.sources():
        entry = {"title": source.name}
        if source.url:
            entry["path"] = source.url
        sources.append(entry)
    return {
        "profile": "tabular-data-package",
        "name": "flanders-s3",
        "title": "Flanders' smart specialisation strategy (S3 / RIS3)",
        "description": (
            "Flanders' smart specialisation strategy as cited records, exported by flanders_s3 "
            f"{flanders_s3.__version__}. The version is the data's. A tuple of strings is one cell "
            f"joined with {JOINER!r}; an empty cell is a missing value."
        ),
        "version": flanders_s3.DATA_VERSION,
        "licenses": [{"name": "MIT", "path": "https://opensource.org/licenses/MIT", "title": "MIT License"}],
        "sources": sources,
        "resources": resources,
    }


def write_datapackage(directory: str | Path) -> Path:
    """Write the CSV tables and a ``datapackage.json`` describing them (a Frictionless
    tabular data package, with types, primary keys and foreign keys) into ``directory``.

    Atomic: everything is written into a new directory beside ``directory``;
    then the old directory, if any, is renamed aside, the new one renamed into
    place and the old one deleted (with Ctrl-C held off for those steps). Any
    failure before that swap leaves the old export as it was and removes the new
    one. A ``directory`` that exists must be empty or an earlier export of this
    package (CSV tables, with or without the ``datapackage.json`` this function
    writes); anything else is refused with ``FileExistsError``.

    Returns the path of ``datapackage.json``.
    """
    tables = _tables()
    files = [*_csv_files(tables), ("datapackage.json", _text_file(lambda: _dumps(_datapackage(tables))))]
    return _write_directory(directory, files) / "datapackage.json"


def to_dataframe(family: str) -> pandas.DataFrame:
    """One table as a ``pandas.DataFrame``: a family (``"cluster"`` or ``"clusters"``) or
    any other CSV table (``"citations"``, ``"region_statistics"``, ``"links"``).

    The columns are the CSV's; the values keep their types (nullable ``Int64``,
    ``Float64`` and ``boolean`` columns, ``None`` for missing). Needs pandas:
    ``pip install 'flanders-s3[pandas]'``.
    """
    tables = {table.name: table for table in _tables()}
    name = family
    if name not in tables:
        try:  # a family, in any spelling the library accepts
            name = _plural(model.check_family(family))
        except ValueError:
            raise ValueError(f"unknown table {family!r}; one of: {', '.join(tables)}") from None
    try:
        pd: Any = importlib.import_module("pandas")
    except ImportError:
        raise ImportError("to_dataframe needs pandas: pip install 'flanders-s3[pandas]'") from None
    table = tables[name]
    dtypes = {"integer": "Int64", "number": "Float64", "boolean": "boolean", "string": "string"}
    frame = pd.DataFrame.from_records(list(table.rows()), columns=[c.name for c in table.columns])
    result: pandas.DataFrame = frame.astype(
        {c.name: dtypes[c.type] for c in table.columns if c.type in dtypes and not c.joined}
    )
    for column in table.columns:
        if column.joined:  # lists again, ready for DataFrame.explode (no value contains JOINER)
            result[column.name] = [v.split(JOINER) if isinstance(v, str) else [] for v in frame[column.name]]
        elif column.type == "date":
            result[column.name] = pd.to_datetime(frame[column.name])
    return result
