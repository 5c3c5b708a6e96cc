"""The public lookup functions: their own names, signatures and docstrings, and the key contract."""

from __future__ import annotations

import inspect
import pydoc
import types
import unicodedata
from typing import Any

import pytest
from hypothesis import given, strategies as st

import flanders_s3 as fs
from flanders_s3 import lookup
from flanders_s3._keys import normalise, words
from flanders_s3.errors import NOT_FOUND
from flanders_s3.model import FAMILY_TYPES, NUMBERED, PLURALS

FAMILIES = list(FAMILY_TYPES)


@pytest.mark.parametrize("family", FAMILIES)
def test_each_function_has_its_own_signature_and_docstring(family: str) -> None:
    cls = FAMILY_TYPES[family]
    key = str | int if family in NUMBERED else str
    get, find, listing = (getattr(fs, f"get_{family}"), getattr(fs, f"find_{family}"), getattr(fs, PLURALS[family]))
    for function, name in ((get, f"get_{family}"), (find, f"find_{family}"), (listing, PLURALS[family])):
        assert isinstance(function, types.FunctionType)
        assert (function.__module__, function.__name__) == ("flanders_s3.lookup", name)
        assert function.__doc__
        assert function.__doc__.strip()
        assert "_Index" not in pydoc.render_doc(function)
    get_signature = inspect.signature(get, eval_str=True)
    assert get_signature.return_annotation is cls
    assert [(p.name, p.annotation) for p in get_signature.parameters.values()] == [("key", key)]
    find_signature = inspect.signature(find, eval_str=True)
    assert [p.name for p in find_signature.parameters.values()] == ["key", "default"]
    assert find_signature.parameters["default"].default is None
    assert inspect.signature(listing, eval_str=True).return_annotation == tuple[cls, ...]
    assert f"get_{family}" in (find.__doc__ or "")


def test_help_names_the_function_and_its_return_type() -> None:
    text = pydoc.render_doc(fs.get_priority, renderer=pydoc.plaintext)
    assert "get_priority(key: 'str | int') -> 'model.PriorityDomain'" in text
    assert "method" not in text


# --- normalisation ------------------------------------------------------------------------


@given(st.text())
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert words(once) == ([once] if once else [])


@given(st.text())
def test_normalise_keeps_only_letters_and_digits_and_agrees_with_words(text: str) -> None:
    key = normalise(text)
    assert all(c.isalnum() for c in key)
    assert key == "".join(words(text))


@pytest.mark.parametrize("spelling", [
    "\u2131lux50", "\uff26\uff2c\uff35\uff38\uff15\uff10", "FLUX\u2007-50", "flüx 50", "Flux\u0035\u0030",
])
def test_compatibility_forms_fold_before_case(spelling: str) -> None:
    assert normalise(spelling) == "flux50"
    assert fs.get_cluster(spelling) is fs.get_cluster("Flux50")


def test_case_is_folded_not_lowered() -> None:
    # "ß".lower() stays "ß"; casefold gives "ss", so a German spelling finds the English one.
    assert normalise("STRASSE") == normalise("straße") == "strasse"
    assert unicodedata.normalize("NFKD", "ß").lower() == "ß"


# --- every find_* returns its default for any key of an accepted type ------------------------

KEYS = st.one_of(st.text(max_size=40), st.integers(), st.just(10**5000), st.just(-(10**5000)))


@pytest.mark.parametrize("family", FAMILIES)
@given(key=KEYS)
def test_find_never_raises_for_a_key_of_an_accepted_type(family: str, key: str | int) -> None:
    find: Any = getattr(fs, f"find_{family}")
    get: Any = getattr(fs, f"get_{family}")
    if isinstance(key, int) and family not in NUMBERED:
        with pytest.raises(TypeError, match=f"{family.replace('_', ' ')} keys must be str, not int"):
            find(key)
        return
    sentinel = object()
    found = find(key, sentinel)
    if found is sentinel:
        with pytest.raises(NOT_FOUND[family]):
            get(key)
    else:
        assert get(key) is found
        assert isinstance(found, FAMILY_TYPES[family])


def test_a_huge_int_is_echoed_by_size() -> None:
    with pytest.raises(fs.PriorityNotFound, match="an int of 16610 bits"):
        fs.get_priority(10**5000)
    assert fs.find_priority(10**5000, "none") == "none"


@pytest.mark.parametrize("family", sorted(NUMBERED))
def test_every_numbered_family_finds_by_number(family: str) -> None:
    records = lookup.INDICES[family].all()
    numbers = {r.number for r in records}
    assert len(numbers) == len(records)
    for record in records:
        assert getattr(fs, f"get_{family}")(record.number) is record
        assert getattr(fs, f"get_{family}")(str(record.number)) is record
    missing = next(n for n in range(1, max(numbers) + 2) if n not in numbers)
    assert getattr(fs, f"find_{family}")(missing) is None


def test_initiatives_are_numbered_as_in_their_source() -> None:
    assert "initiative" in NUMBERED
    assert fs.find_initiative(1) is fs.initiatives()[0]
    assert fs.find_initiative(3) is None  # the profile leaves number 3 empty


@pytest.mark.parametrize("family", ["initiative", "innovation_hub", "eu_priority_area", "organisation"])
def test_type_errors_name_the_family_without_a_wrong_article(family: str) -> None:
    with pytest.raises(TypeError, match=f"^{family.replace('_', ' ')} keys must be str") as info:
        getattr(fs, f"get_{family}")(1.5)
    assert " a initiative" not in str(info.value)


# --- ids and global keys --------------------------------------------------------------------


def test_get_by_id_refuses_a_key_that_is_not_a_str() -> None:
    with pytest.raises(TypeError, match=r"^record_id must be a str, not NoneType$"):
        fs.lookup.get_by_id("cluster", None)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"^family must be a str, not NoneType$"):
        fs.lookup.get_by_id(None, "flux50")  # type: ignore[arg-type]


def test_get_by_id_matches_an_id_only() -> None:
    assert lookup.get_by_id("cluster", "flux50") is fs.get_cluster("Flux50")
    assert lookup.get_by_id("Clusters", "flux50") is fs.get_cluster("Flux50")
    for key in ("Flux50", "Flux 50", "FLUX50", " flux50"):
        with pytest.raises(fs.ClusterNotFound):
            lookup.get_by_id("cluster", key)


def test_every_record_has_a_unique_global_key_that_resolves() -> None:
    records = [r for index in lookup.INDICES.values() for r in index.all()]
    keys = [r.key for r in records]
    assert len(set(keys)) == len(keys)
    for record in records:
        assert record.key == f"{record.family}:{record.id}"
        assert lookup.get_by_key(record.key) is record
    shared = {r.id for r in fs.priorities()} & {r.id for r in fs.cluster_domains()}
    assert "sustainable-chemistry" in shared


@pytest.mark.parametrize(("key", "error", "message"), [
    ("flux50", ValueError, "a record key is 'family:id'"),
    ("clustre:flux50", ValueError, "unknown family 'clustre'"),
    ("cluster:Flux50", fs.ClusterNotFound, "Flux50"),
    (None, TypeError, "key must be a str, not NoneType"),
])
def test_get_by_key_refuses_what_is_not_a_key(key: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        lookup.get_by_key(key)


@pytest.mark.parametrize("code", [c.id for c in fs.codes() if c.id != "nabs07"])
def test_a_code_is_found_with_its_scheme_in_front(code: str) -> None:
    record = fs.get_code(code)
    assert fs.get_code(f"{record.scheme.value} {record.code}") is record
    assert fs.find_code(f"{record.scheme.value} {record.code}".upper()) is record


def test_the_scheme_rule_adds_no_key_a_code_already_spells() -> None:
    nabs = fs.get_code("nabs07")
    assert nabs.code == "NABS07"
    assert fs.find_code("NABS NABS07") is None  # the scheme is already part of the code
    assert fs.find_code("NABS C") is None  # and a scheme never finds another scheme's code
    assert fs.find_code("NACE G") is None


def test_a_global_key_is_split_at_its_first_colon() -> None:
    # "cluster:flux50:x" is the cluster id "flux50:x", which no cluster has: not a family "cluster:flux50".
    with pytest.raises(fs.ClusterNotFound):
        lookup.get_by_key("cluster:flux50:x")
    with pytest.raises(TypeError, match=r"^key must be a str, not int$"):
        lookup.get_by_key(5)  # type: ignore[arg-type]
