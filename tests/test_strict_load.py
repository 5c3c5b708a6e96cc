"""The loader's strictness: damaged data that would parse or structure is a DataError, located exactly.

Each damaged-file case runs in a fresh interpreter against a damaged copy of
the package (the machinery of ``test_faults``) and asserts the whole error:
class, file, family, record, field, reason and message, raised again on a
second access and by the family's other accessors (nothing was cached). The
in-process cases drive the converter and the parser directly over many inputs.
"""

from __future__ import annotations

import enum
import json
import subprocess
import sys
import types
from pathlib import Path
from typing import Any, get_args, get_origin

import attrs
import pytest
from hypothesis import given, strategies as st

from flanders_s3 import _convert, _load
from flanders_s3.errors import DataError
from flanders_s3.model import FAMILY_TYPES, Cluster, Link, PartialDate, Precision, PriorityDomain, SourceKind
from test_faults import CLUSTERS, PACKAGE_DIR, assert_data_error, clusters_json, damaged_copy, probe


def data_json(file: str) -> list[dict[str, Any]]:
    loaded: list[dict[str, Any]] = json.loads((PACKAGE_DIR / "data" / file).read_bytes())
    return loaded


def position(file: str, record_id: str) -> int:
    return next(i for i, item in enumerate(data_json(file)) if item["id"] == record_id)


FLUX50 = position("clusters.json", "flux50")
LINKS = ("fs.links()", "fs.crosswalk('cluster_domain', 'organisation')")


# --- a string (or any non-list) where a list belongs ------------------------------------------


@pytest.mark.parametrize(("value", "got"), [("lxz", "str"), ({"lxz": 1}, "dict"), (5, "int"), (None, "NoneType")])
def test_a_non_list_where_a_list_belongs(tmp_path: Path, value: Any, got: str) -> None:
    # cattrs iterates what it is given: "lxz" became ('l', 'x', 'z') and find_cluster("l") found Flux50.
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[FLUX50].update(aliases=value))
    assert_data_error(probe(root, "fs.clusters()", "fs.find_cluster('l')"), "clusters.json", record="'flux50'",
                      field="aliases", reason=f"expected list, got {got}")


def test_a_string_where_a_nested_list_belongs(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "regions.json", lambda d: d[0]["addresses"][0].update(lines="Bd Roi Albert II"))
    victim = data_json("regions.json")[0]["id"]
    assert_data_error(probe(root, "fs.regions()", f"fs.get_region({victim!r})"), "regions.json",
                      record=repr(victim), field="addresses[0].lines", reason="expected list, got str")


def test_a_string_where_an_object_belongs(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0].update(citations=["fit-spearhead-clusters"]))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="citations[0]",
                      reason="expected dict, got str")


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8,
)
CLUSTER = clusters_json()[0]
TUPLE_FIELDS = [f.name for f in attrs.fields(Cluster) if get_origin(f.type) is tuple or "tuple[" in str(f.type)]


@given(field=st.sampled_from(TUPLE_FIELDS), value=JSON.filter(lambda v: not isinstance(v, list)))
def test_any_json_value_but_an_array_is_refused_for_every_tuple_field(field: str, value: Any) -> None:
    with pytest.raises(DataError) as info:
        _load._structure_all("clusters.json", [{**CLUSTER, field: value}], Cluster)
    error = info.value
    assert (error.record, error.field, error.reason) == (repr(CLUSTER["id"]), field,
                                                         f"expected list, got {type(value).__name__}")


# --- numbers: NaN and Infinity, a bool or a string where an int belongs -----------------------


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_in_a_figure(tmp_path: Path, constant: str) -> None:
    region = data_json("regions.json")[0]
    assert isinstance(region["statistics"][0]["value"], int | float)
    root = damaged_copy(tmp_path, "regions.json", lambda d: d[0]["statistics"][0].update(value=float(constant)))
    assert constant.encode() in (root / "flanders_s3" / "data" / "regions.json").read_bytes()
    assert_data_error(probe(root, "fs.regions()", f"fs.get_region({region['id']!r})"), "regions.json",
                      record=repr(region["id"]), field="statistics[0].value",
                      reason=f"{constant} is not a JSON number (only finite numbers are)")


def test_nan_anywhere_even_where_no_number_belongs(tmp_path: Path) -> None:
    victim = clusters_json()[1]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1]["citations"][0].update(quote=float("nan")))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="citations[0].quote",
                      reason="NaN is not a JSON number (only finite numbers are)")


def test_infinity_in_the_manifest(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "manifest.json", rehash=False,
                        damage=lambda m: m["files"]["clusters.json"].update(records=float("inf")))
    assert_data_error(probe(root, "fs.manifest()", "fs.clusters()"), "manifest.json", record=None,
                      field="files['clusters.json'].records",
                      reason="Infinity is not a JSON number (only finite numbers are)")


@pytest.mark.parametrize(("value", "got"), [(True, "bool"), (False, "bool"), ("1", "str"), (1.0, "float")])
def test_an_int_field_takes_an_int_only(tmp_path: Path, value: Any, got: str) -> None:
    victim = data_json("priorities.json")[0]
    root = damaged_copy(tmp_path, "priorities.json", lambda d: d[0].update(number=value))
    assert_data_error(probe(root, "fs.priorities()", f"fs.find_priority({victim['name']!r})"), "priorities.json",
                      record=repr(victim["id"]), field="number", reason=f"expected int, got {got}")


def test_a_bool_field_takes_a_bool_only(tmp_path: Path) -> None:
    victim = data_json("sources.json")[0]["id"]
    root = damaged_copy(tmp_path, "sources.json", lambda d: d[0].update(date_inferred=1))
    assert_data_error(probe(root, "fs.sources()", f"fs.get_source({victim!r})"), "sources.json",
                      record=repr(victim), field="date_inferred", reason="expected bool, got int")


PRIORITY = data_json("priorities.json")[0]


@given(JSON.filter(lambda v: type(v) is not int))
def test_an_int_field_refuses_every_other_json_value(value: Any) -> None:
    with pytest.raises(DataError) as info:
        _load._structure_all("priorities.json", [{**PRIORITY, "number": value}], PriorityDomain)
    error = info.value
    assert (error.family, error.record, error.field, error.reason) == (
        "priority", repr(PRIORITY["id"]), "number", f"expected int, got {type(value).__name__}")


# --- a key given twice in one object ------------------------------------------------------------


def twice(old: bytes, new: bytes) -> Any:
    def damage(content: bytes) -> bytes:
        assert old in content
        return content.replace(old, new, 1)

    return damage


@pytest.mark.parametrize(("old", "new", "field"), [
    (b'"tagline": ', b'"tagline": "said twice",\n    "tagline": ', "tagline"),
    (b'"name": "Blue Cluster",', b'"name": "Blue Cluster",\n    "name": "Blue Cluster",', "name"),  # even if equal
    (b'"quote": ', b'"quote": "said twice",\n        "quote": ', "citations[0].quote"),
])
def test_a_key_given_twice_in_a_record(tmp_path: Path, old: bytes, new: bytes, field: str) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", raw=twice(old, new))
    key = field.rpartition(".")[2]
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field=field,
                      reason=f"key {key!r} is given twice in one object")


def test_a_key_given_twice_in_a_link(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "links.json", raw=twice(b'"relation": ', b'"relation": "x",\n    "relation": '))
    assert_data_error(probe(root, *LINKS), "links.json", record="#0", field="relation",
                      reason="key 'relation' is given twice in one object")


def test_a_key_given_twice_in_the_manifest(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "manifest.json", rehash=False,
                        raw=twice(b'"data_version": ', b'"data_version": "2000.01.01",\n  "data_version": '))
    assert_data_error(probe(root, "fs.manifest()", "fs.clusters()"), "manifest.json", record=None,
                      field="data_version", reason="key 'data_version' is given twice in one object")


KEYS = st.text("abcdefgh_", min_size=1, max_size=4)  # identifiers, so a path reads a.b[0].c
DOCUMENTS = st.recursive(
    st.integers() | st.text(max_size=3),
    lambda inner: st.lists(inner, min_size=1, max_size=3) | st.dictionaries(KEYS, inner, min_size=1, max_size=3),
    max_leaves=10,
)


def spots(value: Any, path: str = "") -> list[tuple[str, Any]]:
    """Every (path, container) of a document, the document itself first."""
    found = [(path, value)]
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, child in children:
        step = f"[{key}]" if isinstance(key, int) else f".{key}" if path else key
        found += spots(child, path + step)
    return found


def parse_manifest(text: str) -> Any:
    # read_json does not check the manifest against itself, nor cache anything: a pure parse of ``text``.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_load, "_read_bytes", lambda name: text.encode())
        return _load.read_json(_load.MANIFEST_FILE)


@given(document=DOCUMENTS.filter(lambda d: isinstance(d, dict | list)), data=st.data())
def test_nan_is_located_anywhere_in_a_document(document: Any, data: st.DataObject) -> None:
    path, container = data.draw(st.sampled_from([s for s in spots(document) if isinstance(s[1], dict | list)]))
    if isinstance(container, dict):
        key: str | int = data.draw(KEYS)
        container[key] = float("nan")
    else:
        key = data.draw(st.integers(0, len(container) - 1))
        container[key] = float("nan")
    with pytest.raises(DataError) as info:
        parse_manifest(json.dumps(document))
    step = f"[{key}]" if isinstance(key, int) else f".{key}" if path else key
    assert (info.value.field, info.value.reason) == (path + step, "NaN is not a JSON number (only finite numbers are)")


@given(document=DOCUMENTS.filter(lambda d: isinstance(d, dict)), data=st.data())
def test_a_repeated_key_is_located_anywhere_in_a_document(document: Any, data: st.DataObject) -> None:
    path, target = data.draw(st.sampled_from([s for s in spots(document) if isinstance(s[1], dict)]))
    key = data.draw(st.sampled_from(sorted(target)))
    marker = "REPEATED-MARKER"
    target[key] = marker
    text = json.dumps(document).replace(f'"{key}": "{marker}"', f'"{key}": 1, "{key}": 2', 1)
    with pytest.raises(DataError) as info:
        parse_manifest(text)
    assert (info.value.field, info.value.reason) == (f"{path}.{key}" if path else key,
                                                     f"key {key!r} is given twice in one object")


def test_an_undamaged_document_parses_as_json_does() -> None:
    text = (PACKAGE_DIR / "data" / "manifest.json").read_text(encoding="utf-8")
    assert parse_manifest(text) == json.loads(text)


# --- dates, nesting ------------------------------------------------------------------------------


@pytest.mark.parametrize(("victim", "iso", "precision"), [
    ("strategic-cluster-domains", "\u0662\u0660\u0661\u0663", "year"),  # Arabic-Indic digits
    ("ewi-smart-specialisation-presentation", "\uff12\uff10\uff11\uff13-11-08", "day"),  # full-width digits
])
def test_a_date_written_with_non_ascii_digits(tmp_path: Path, victim: str, iso: str, precision: str) -> None:
    index = position("sources.json", victim)
    assert data_json("sources.json")[index]["date_earliest"]["precision"] == precision
    root = damaged_copy(tmp_path, "sources.json", lambda d: d[index]["date_earliest"].update(iso=iso))
    assert_data_error(probe(root, "fs.sources()", f"fs.get_source({victim!r})"), "sources.json", record=repr(victim),
                      field="date_earliest", reason=f"date {iso!r} is not of {precision} precision")


DIGITS = st.characters(categories=["Nd"]).filter(lambda c: not c.isascii())


@given(digit=DIGITS, where=st.integers(0, 9), precision=st.sampled_from(list(Precision)))
def test_a_partial_date_takes_ascii_digits_only(digit: str, where: int, precision: Precision) -> None:
    iso = {Precision.YEAR: "2013", Precision.MONTH: "2013-11", Precision.DAY: "2013-11-08"}[precision]
    PartialDate(iso, precision)  # the undamaged date is fine
    spots_ = [i for i, c in enumerate(iso) if c.isdigit()]
    i = spots_[where % len(spots_)]
    damaged = iso[:i] + digit + iso[i + 1 :]
    with pytest.raises(ValueError, match=rf"^date {damaged!r} is not of {precision.value} precision$"):
        PartialDate(damaged, precision)


def test_json_nested_too_deep_to_parse(tmp_path: Path) -> None:
    depth = 200_000  # past any recursion limit the parser honours
    nested = b"[" * depth + b"]" * depth
    root = damaged_copy(tmp_path, "clusters.json", raw=twice(b'"Blauwe Cluster"', nested))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=None, field=None,
                      reason="is nested too deeply to parse")


# --- the manifest ----------------------------------------------------------------------------------


def dropping(*path: str) -> Any:
    def damage(manifest: dict[str, Any]) -> None:
        target = manifest
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return damage


def setting(value: Any, *path: str) -> Any:
    def damage(manifest: dict[str, Any]) -> None:
        target = manifest
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return damage


MANIFEST_DAMAGE = {
    "an entry that is a string": (setting("abc", "files", "clusters.json"), "files['clusters.json']",
                                  "expected dict, got str"),
    "an entry that is a list": (setting([], "files", "clusters.json"), "files['clusters.json']",
                                "expected dict, got list"),
    "no data_version": (dropping("data_version"), "data_version", "has no data_version"),
    "a data_version that is a number": (setting(2026, "data_version"), "data_version", "expected str, got int"),
    "a data_version that is null": (setting(None, "data_version"), "data_version", "expected str, got NoneType"),
    "no files": (dropping("files"), "files", "has no 'files' object"),
    "files that are a list": (setting([], "files"), "files", "has no 'files' object"),
    "an entry without its sha256": (dropping("files", "clusters.json", "sha256"),
                                    "files['clusters.json'].sha256", "required field missing"),
    "a sha256 that is a number": (setting(5, "files", "clusters.json", "sha256"),
                                  "files['clusters.json'].sha256", "expected str, got int"),
    "an entry without its record count": (dropping("files", "clusters.json", "records"),
                                          "files['clusters.json'].records", "required field missing"),
    "a record count that is a bool": (setting(True, "files", "clusters.json", "records"),
                                      "files['clusters.json'].records", "expected int, got bool"),
    "a record count that is a string": (setting("7", "files", "clusters.json", "records"),
                                        "files['clusters.json'].records", "expected int, got str"),
    "an array, not an object": (lambda m: [m], None, "must hold a JSON object, not list"),
}


@pytest.mark.parametrize("case", MANIFEST_DAMAGE)
def test_a_damaged_manifest(tmp_path: Path, case: str) -> None:
    damage, field, reason = MANIFEST_DAMAGE[case]
    root = damaged_copy(tmp_path, "manifest.json", damage, rehash=False)
    assert_data_error(probe(root, "fs.manifest()", "fs.clusters()"), "manifest.json", record=None, field=field,
                      reason=reason)


def test_info_on_a_manifest_without_data_version_is_a_data_error_not_a_traceback(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "manifest.json", dropping("data_version"), rehash=False)
    code = f"import sys; sys.path.insert(0, {str(root)!r}); from flanders_s3.cli import main; sys.exit(main(['info']))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == ("flanders-s3: the packaged data is damaged: "
                           "manifest.json, field data_version: has no data_version\n")


# --- validators: the field and the validator's own reason -------------------------------------


def cite(**change: Any) -> Any:
    return lambda d: d[0]["citations"].__setitem__(0, {**d[0]["citations"][0], **change})


BLUE = clusters_json()[0]["id"]
SLUG = "is not a slug ([a-z0-9]+(-[a-z0-9]+)*)"
VALIDATED = {
    "a blank quote": (cite(quote="  "), repr(BLUE), "citations[0].quote", "quote must not be blank"),
    "a blank name": (lambda d: d[0].update(name=" "), repr(BLUE), "name", "name must not be blank"),
    "a source_id not a slug": (cite(source_id="Not A Slug"), repr(BLUE), "citations[0].source_id",
                               f"source_id 'Not A Slug' {SLUG}"),
    "an id not a slug": (lambda d: d[0].update(id="Blue Cluster"), "'Blue Cluster'", "id", f"id 'Blue Cluster' {SLUG}"),
}


@pytest.mark.parametrize("case", VALIDATED)
def test_an_attrs_validator_names_its_field_and_reason(tmp_path: Path, case: str) -> None:
    damage, record, field, reason = VALIDATED[case]
    root = damaged_copy(tmp_path, "clusters.json", damage)
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=record, field=field, reason=reason)


def test_a_nested_post_init_check_names_the_field_that_holds_it(tmp_path: Path) -> None:
    victim = "ewi-smart-specialisation-presentation"
    index = position("sources.json", victim)
    root = damaged_copy(tmp_path, "sources.json", lambda d: d[index]["date_earliest"].update(iso="2013-13-08"))
    assert_data_error(probe(root, "fs.sources()", f"fs.get_source({victim!r})"), "sources.json", record=repr(victim),
                      field="date_earliest", reason="month must be in 1..12")


def test_a_record_wide_check_names_the_record_and_its_reason(tmp_path: Path) -> None:
    index = next(i for i, p in enumerate(data_json("priorities.json")) if p["cluster_id"] and not p["organisation_id"])
    victim = data_json("priorities.json")[index]
    root = damaged_copy(tmp_path, "priorities.json", lambda d: d[index].update(organisation_id="flux50"))
    assert_data_error(probe(root, "fs.priorities()", f"fs.find_priority({victim['name']!r})"), "priorities.json",
                      record=repr(victim["id"]), field=None,
                      reason="exactly one of cluster_id and organisation_id must be set")


def test_a_stated_link_without_its_citation(tmp_path: Path) -> None:
    assert data_json("links.json")[0]["basis"] == "stated"
    root = damaged_copy(tmp_path, "links.json", lambda d: d[0].update(citations=[]))
    assert_data_error(probe(root, *LINKS), "links.json", record="#0", field=None,
                      reason="a stated link needs the citations that state it")


def test_an_enum_value_outside_its_vocabulary(tmp_path: Path) -> None:
    victim = data_json("sources.json")[0]["id"]
    root = damaged_copy(tmp_path, "sources.json", lambda d: d[0].update(kind="pdf"))
    allowed = ", ".join(repr(k.value) for k in SourceKind)
    assert_data_error(probe(root, "fs.sources()", f"fs.get_source({victim!r})"), "sources.json",
                      record=repr(victim), field="kind", reason=f"'pdf' is not one of {allowed}")


@pytest.mark.parametrize("side", ["from", "to"])
def test_a_link_naming_an_unknown_family_is_reported_against_that_family(tmp_path: Path, side: str) -> None:
    root = damaged_copy(tmp_path, "links.json", lambda d: d[2].update({f"{side}_family": "no-such-family"}))
    assert_data_error(probe(root, *LINKS), "links.json", record="#2", field=f"{side}_family",
                      reason="names an unknown family 'no-such-family'")


@pytest.mark.parametrize("side", ["from", "to"])
def test_a_link_to_a_missing_record_is_reported_against_its_id(tmp_path: Path, side: str) -> None:
    family = data_json("links.json")[2][f"{side}_family"]
    root = damaged_copy(tmp_path, "links.json", lambda d: d[2].update({f"{side}_id": "no-such-record"}))
    assert_data_error(probe(root, *LINKS), "links.json", record="#2", field=f"{side}_id",
                      reason=f"refers to a {family} 'no-such-record' that does not exist")


# --- every field type of the model is one the converter is strict about ------------------------


def strict_types(cls: type[Any], seen: set[type[Any]]) -> list[str]:
    """The field types under ``cls`` that the converter has no strict hook for, as 'Class.field: type'."""
    if cls in seen:
        return []
    seen.add(cls)
    loose = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        todo = [field.type]
        while todo:
            t = todo.pop()
            if t in (str, int, bool, type(None)) or t == int | float:
                continue
            if isinstance(t, type) and issubclass(t, enum.Enum):
                continue
            if attrs.has(t):
                loose += strict_types(t, seen)
            elif _convert._is_homogeneous_tuple(t):
                todo.append(get_args(t)[0])
            elif isinstance(t, types.UnionType) and type(None) in get_args(t):
                todo.extend(a for a in get_args(t) if a is not type(None))
            else:
                loose.append(f"{cls.__name__}.{field.name}: {t}")
    return loose


def test_every_model_field_has_a_strict_hook() -> None:
    # A new field of a type the hooks above do not cover (a list, a dict, a set, a float...)
    # would be coerced by cattrs' defaults; this fails until the loader learns the type.
    seen: set[type[Any]] = set()
    loose = [problem for cls in (*FAMILY_TYPES.values(), Link) for problem in strict_types(cls, seen)]
    assert loose == []


@pytest.mark.parametrize("family", ["clusters", "Cluster", "", "links"])
def test_the_loader_takes_a_family_by_its_own_name_only(family: str) -> None:
    # _load.records is internal; check_family reads users' spellings before it is reached.
    with pytest.raises(ValueError, match=r"^unknown family ") as caught:
        _load.records(family)
    assert str(caught.value) == f"unknown family {family!r}; one of: {', '.join(_load.FILES)}"
    assert ", cluster, priority, " in str(caught.value)


def test_a_check_that_gives_no_words_is_named_by_its_class_and_field() -> None:
    @attrs.frozen
    class Quiet:
        value: str = attrs.field()

        @value.validator
        def _check(self, attribute: Any, value: Any) -> None:
            raise ValueError

    assert _convert.structure_one({"value": "x"}, Quiet) == (None, ("ValueError", "value"))
    assert _convert.structure_one(["x"], tuple[Quiet, ...])[1] == ("expected dict, got str", "[0]")
