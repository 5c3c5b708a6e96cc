"""The first load's fast path agrees with the strict cattrs converter, record for record and error for error.

:mod:`flanders_s3._structure` builds records without cattrs and hands whatever it does
not take to :mod:`flanders_s3._convert`. These tests hold the two together: every shipped
file structures to equal records both ways, every damaged record is refused with the same
:class:`DataError` both ways, and the per-class reference walker lists the same ids, in
the same order, as the slow walk that names their paths.
"""

from __future__ import annotations

import copy
import hashlib
import os
import sys
import types
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import flanders_s3 as fs
from flanders_s3 import _convert, _load, _structure
from flanders_s3.errors import DataError
from flanders_s3.model import FAMILY_TYPES, NUMBERED, Link

FILES = [*_load.FILES.items(), ("link", _load.LINKS_FILE)]


def _class(family: str) -> type[Any]:
    return Link if family == "link" else FAMILY_TYPES[family]


@pytest.mark.parametrize(("family", "name"), FILES)
def test_every_shipped_file_structures_to_equal_records_both_ways(family: str, name: str) -> None:
    raw = _load.read_json(name)
    cls = _class(family)
    build = _structure.structurer(cls)
    fast = [build(item) for item in raw]  # raises Refused if the fast path would hand a sound file on
    strict = [_convert.converter.structure(item, cls) for item in raw]
    assert fast == strict
    assert [type(r) for r in fast] == [type(r) for r in strict]
    assert list(_load._strictly(name, raw, cls)) == fast


@pytest.mark.parametrize(("family", "name"), FILES)
def test_the_reference_walker_lists_what_the_slow_walk_lists(family: str, name: str) -> None:
    records = fs.links() if family == "link" else _load.records(family)
    walk = _structure.references(_class(family))
    assert walk is not None  # every family can cite a source
    found = 0
    for record in records:
        fast: list[tuple[str, str]] = []
        walk(record, fast, None)
        slow = [(target, ref) for _, target, ref in _load._references(record, "")]
        assert fast == slow
        found += len(slow)
    assert found or family == "source"  # a source is its own evidence: it cites nothing


# --- damaged records, both ways ------------------------------------------------------------

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place inside a parsed record, as a path of keys and indexes."""
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            out += _paths(item, (*path, i))
    return out


def _outcome(function: Any, *args: Any) -> tuple[str, Any]:
    try:
        return "records", function(*args)
    except DataError as exc:
        return "error", (exc.file, exc.family, exc.record, exc.field, exc.reason, str(exc))


@st.composite
def damaged(draw: st.DrawFn) -> tuple[str, Any, type[Any]]:
    family, name = draw(st.sampled_from(FILES))
    raw = _load.read_json(name)
    item = copy.deepcopy(draw(st.sampled_from(raw)))
    path = draw(st.sampled_from(_paths(item)[1:]))
    parent = item
    for step in path[:-1]:
        parent = parent[step]
    how = draw(st.sampled_from(["replace", "drop", "add"] if isinstance(parent, dict) else ["replace"]))
    if how == "replace":
        parent[path[-1]] = draw(JSON)
    elif how == "drop":
        del parent[path[-1]]
    else:
        parent[draw(st.text(min_size=1, max_size=6))] = draw(JSON)
    return name, [item], _class(family)


@settings(max_examples=400)
@given(damaged())
def test_a_damaged_record_gets_the_same_outcome_both_ways(case: tuple[str, Any, type[Any]]) -> None:
    name, raw, cls = case
    assert _outcome(_load._structure_all, name, raw, cls) == _outcome(_load._strictly, name, raw, cls)


@pytest.mark.parametrize("value", [True, 1.0, "7", None, [7]])
def test_the_fast_path_refuses_what_is_not_exactly_an_int(value: Any) -> None:
    with pytest.raises(_structure.Refused):
        _structure.structurer(int)(value)


def test_a_missing_field_with_a_default_is_filled_in_by_attrs_on_both_paths() -> None:
    item = {k: v for k, v in _load.read_json("clusters.json")[0].items() if k != "focus_areas"}
    (fast,) = _load._structure_all("clusters.json", [item], fs.Cluster)
    assert fast.focus_areas == ()
    assert fast == _convert.converter.structure(item, fs.Cluster)
    assert _structure.structurer(fs.Cluster)(item) == fast  # taken by the fast path itself
    without_name = {k: v for k, v in item.items() if k != "name"}  # a field with no default
    with pytest.raises(_structure.Refused):
        _structure.structurer(fs.Cluster)(without_name)


def test_a_type_the_fast_path_has_no_structurer_for_is_handed_to_cattrs() -> None:
    @attrs.frozen
    class Odd:
        value: frozenset[str]

    with pytest.raises(TypeError, match="no fast structurer"):
        _structure.structurer(Odd)
    with pytest.raises(DataError) as info:
        _load._structure_all("clusters.json", [{"value": 5}], Odd)
    assert info.value.field == "value"


@attrs.frozen
class Plain:
    text: str
    parts: tuple[str, ...] = ()


@attrs.frozen
class Entry:  # as a policy's list entry: record_id points into the family its list holds
    record_id: str | None
    name: str


@attrs.frozen
class Holder:
    policy_documents: tuple[Entry, ...]
    plain: Plain | None = None
    represented_in: Entry | None = None  # one entry rather than a list: the same family rule


def test_a_class_that_can_hold_no_id_has_no_walker_and_a_list_entry_has_one() -> None:
    assert _structure.references(Plain) is None  # the loader skips the walk for such a family
    walk = _structure.references(Holder)
    assert walk is not None
    out: list[tuple[str, str]] = []
    walk(Holder((Entry("a-policy", "A"), Entry(None, "B")), Plain("x"), Entry("a-network", "C")), out, None)
    assert out == [("policy", "a-policy"), ("network", "a-network")]


NOT_A_TUPLE_OF_ONE_TYPE = [tuple[str, int], tuple[str], dict[str, ...], list[str]]


@pytest.mark.parametrize("type_", [str | int, str | int | None, int | str], ids=str)
def test_a_union_other_than_one_type_or_none_is_handed_to_cattrs(type_: Any) -> None:
    with pytest.raises(TypeError, match="no fast structurer"):
        _structure.structurer(type_)


@pytest.mark.parametrize("type_", NOT_A_TUPLE_OF_ONE_TYPE, ids=str)
def test_only_a_tuple_of_one_type_and_any_length_is_structured_as_one(type_: Any) -> None:
    # The model's tuples are all tuple[X, ...]; a pair, a one-tuple or a mapping is no such tuple
    # to either path, however its arguments happen to look.
    assert not _convert._is_homogeneous_tuple(type_)
    with pytest.raises(TypeError, match="no fast structurer"):
        _structure.structurer(type_)
    assert _convert._is_homogeneous_tuple(tuple[str, ...])


# --- hashing and reading -----------------------------------------------------------------


def test_the_interpreter_s_own_sha256_is_used_where_there_is_one() -> None:
    module = "_sha2" if sys.version_info >= (3, 12) else "_sha256"
    assert _load._sha256_of() is sys.modules[module].sha256


def test_hashlib_is_the_fallback_when_the_private_modules_are_gone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "_sha2", None)  # None in sys.modules: importing it raises ImportError
    monkeypatch.setitem(sys.modules, "_sha256", None)
    sha256 = _load._sha256_of()
    assert sha256 is hashlib.sha256
    assert sha256(b"flux50").hexdigest() == _load._sha256(b"flux50").hexdigest()


def test_the_package_loader_s_get_data_reads_the_files(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = fs.__spec__
    assert spec is not None
    assert spec.submodule_search_locations
    real = spec.loader
    asked: list[str] = []

    class Watched:  # the package's own loader, its get_data calls recorded
        def get_data(self, path: str) -> bytes:
            asked.append(path)
            return real.get_data(path)  # type: ignore[union-attr]

    monkeypatch.setattr(fs, "__spec__", types.SimpleNamespace(
        loader=Watched(), submodule_search_locations=spec.submodule_search_locations, name=spec.name))
    read = _load._package_reader()
    assert read("clusters.json") == (Path(next(iter(spec.submodule_search_locations))) / "data"
                                     / "clusters.json").read_bytes()
    assert asked == [os.path.join(next(iter(spec.submodule_search_locations)), "data", "clusters.json")]


def test_a_loader_without_get_data_reads_through_importlib_resources(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = fs.__spec__
    assert spec is not None
    real = spec.loader

    class NoGetData:  # a loader that serves resources but has no get_data
        def get_resource_reader(self, name: str) -> Any:
            return real.get_resource_reader(name)  # type: ignore[union-attr]

    bare = types.SimpleNamespace(loader=NoGetData(), submodule_search_locations=spec.submodule_search_locations,
                                 name=spec.name)
    monkeypatch.setattr(fs, "__spec__", bare)
    read = _load._package_reader()
    assert "importlib.resources" in sys.modules
    assert read("clusters.json") == _load._read_bytes("clusters.json")
    with pytest.raises(FileNotFoundError):
        read("no-such-file.json")


def test_numbered_names_the_families_whose_records_carry_a_number() -> None:
    computed = {family for family, cls in FAMILY_TYPES.items() if "number" in attrs.fields_dict(cls)}
    assert computed == NUMBERED


# --- the collector paused during a load, the hash chosen by size -----------------------------


def test_the_collector_is_paused_while_a_family_loads_and_resumed_after(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    structure_all = _load._structure_all

    def watching(name: str, raw: Any, cls: type[Any]) -> tuple[Any, ...]:
        seen.append(gc.isenabled())
        return structure_all(name, raw, cls)

    monkeypatch.setattr(_load, "_structure_all", watching)
    monkeypatch.delitem(_load._records, "pilot", raising=False)
    assert gc.isenabled()
    _load.records("pilot")
    assert seen == [False]
    assert gc.isenabled()


def test_a_failed_load_resumes_the_collector_and_a_paused_one_stays_paused(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    def broken(name: str, raw: Any, cls: type[Any]) -> tuple[Any, ...]:
        raise DataError(name, "broken on purpose")

    monkeypatch.setattr(_load, "_structure_all", broken)
    monkeypatch.delitem(_load._records, "pilot", raising=False)
    with pytest.raises(DataError):
        _load.records("pilot")
    assert gc.isenabled()
    gc.disable()
    try:
        with _load.paused_collector():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_large_file_is_hashed_by_hashlib_and_a_small_one_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    used: list[str] = []

    class Spy:
        def __init__(self, who: str, real: Any) -> None:
            self.who, self.real = who, real

        def __call__(self, raw: bytes) -> Any:
            used.append(self.who)
            return self.real(raw)

    monkeypatch.setattr(_load, "_sha256", Spy("own", _load._sha256))
    monkeypatch.setattr(hashlib, "sha256", Spy("hashlib", hashlib.sha256))
    small, large = b"x" * _load._LARGE, b"x" * (_load._LARGE + 1)
    assert _load._digest(small) == hashlib.new("sha256", small).hexdigest()
    assert _load._digest(large) == hashlib.new("sha256", large).hexdigest()
    assert used == ["own", "hashlib"]


def _model_classes() -> list[type[Any]]:
    import typing

    seen: list[type[Any]] = []
    todo: list[Any] = [*FAMILY_TYPES.values(), Link]
    while todo:
        cls = todo.pop()
        if attrs.has(cls) and cls not in seen:
            seen.append(cls)
            for hint in typing.get_type_hints(cls).values():
                todo += [hint, *typing.get_args(hint)]
    return seen


@pytest.mark.parametrize("cls", _model_classes(), ids=lambda cls: cls.__name__)
def test_the_resolved_field_types_are_what_get_type_hints_gives(cls: type[Any]) -> None:
    import typing

    hints = typing.get_type_hints(cls)
    assert _structure._hints(cls) == {field.name: hints[field.name] for field in attrs.fields(cls)}


def test_the_collector_is_paused_while_an_index_is_built(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from flanders_s3 import lookup

    seen: list[bool] = []
    build = lookup._Index._build

    def watching(self: Any, items: Any, file: str) -> Any:
        seen.append(gc.isenabled())
        return build(self, items, file)

    monkeypatch.setattr(lookup._Index, "_build", watching)
    fresh: lookup._Index[Any] = lookup._Index("pilot")
    assert fresh.all() == fs.pilots()
    assert seen == [False]
    assert gc.isenabled()


# --- what a sound file never pays for -----------------------------------------------------


def empty_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader's caches emptied for this test (put back after), so its loads run in it."""
    for cache in ("_records", "_ids", "_in_progress"):
        monkeypatch.setattr(_load, cache, {})
    for cache in ("_links", "_manifest"):
        monkeypatch.setattr(_load, cache, [])


def test_sound_files_are_read_by_the_fast_path_and_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    empty_caches(monkeypatch)

    def never(*args: object) -> None:
        raise AssertionError(f"a sound file reached {args[:1]}")

    monkeypatch.setattr(_load, "_strictly", never)  # the converter, for damaged files only
    monkeypatch.setattr(_load, "_check_parsed", never)  # the walk for NaN and keys given twice
    loaded = {family: _load.records(family) for family in _load.FILES}
    assert _load.links()
    for family, records in loaded.items():
        assert len(records) == _load.manifest()["files"][_load.FILES[family]]["records"]
        assert all(type(record) is FAMILY_TYPES[family] for record in records)
