"""Hostile queries for every ``get_*`` / ``find_*``: a right record, the family's miss, or TypeError.

Every family is taken from ``lookup.INDICES``, so a new family is covered the
moment it is registered. The one rule checked throughout: whatever comes back
is a record one of whose normalised keys *is* the normalised query.
"""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import assume, example, given, settings, strategies as st

import flanders_s3 as fs
from conftest import plain_id
from flanders_s3 import _crosswalk
from flanders_s3.errors import NOT_FOUND
from flanders_s3.lookup import INDICES, normalise
from flanders_s3.model import FAMILY_TYPES, NUMBERED as NUMBERED_FAMILIES, PLURALS

FAMILIES = list(INDICES)
NUMBERED = sorted(NUMBERED_FAMILIES)
MEGABYTE = "x" * 1_000_000


def keys_of(record: fs.Record) -> list[str]:
    keys = [record.id, record.name, *record.aliases]
    number = getattr(record, "number", None)
    if record.family in NUMBERED and isinstance(number, int):
        keys.append(str(number))
    return keys


def normal_keys(record: fs.Record) -> set[str]:
    return {normalise(k) for k in keys_of(record)}


def by_normal_key(family: str) -> dict[str, fs.Record]:
    return {key: record for record in INDICES[family].all() for key in normal_keys(record)}


def expected(family: str, query: str) -> fs.Record | None:
    """The oracle: a number matches only as written (white space aside); any other query by its normal form."""
    text = query.strip()
    if family in NUMBERED:
        for record in INDICES[family].all():
            if text == str(getattr(record, "number")):  # noqa: B009
                return record
    names = {normalise(k): r for r in INDICES[family].all() for k in (r.id, r.name, *r.aliases)}
    return names.get(normalise(query))


def check_answer(family: str, query: str) -> fs.Record | None:
    """Ask ``get`` and ``find``; assert the contract; return the record or None on a miss."""
    index = INDICES[family]
    missing = object()
    found = index.find(query, missing)
    if found is missing:
        with pytest.raises(NOT_FOUND[family]) as info:
            index.get(query)
        assert type(info.value) is NOT_FOUND[family]
        assert info.value.query == query
        assert index.find(query) is None
        return None
    assert isinstance(found, fs.Record)
    assert normalise(query) in normal_keys(found), (family, query, found.id)
    assert index.get(query) is found
    record: fs.Record = found
    return record


HOSTILE = [
    "", " ", "\t\n", "\x00", "flux\x0050", "\ud800", "\udfff flux50", "\ud83d", MEGABYTE, "é" * 100_000,
    "'; DROP TABLE clusters; --", "1 OR 1=1", "../../etc/passwd", "..\\..\\windows", "/dev/null",
    "file:///etc/passwd", "%00", "%s%s%n", "{0}", "${jndi:ldap://x}", "<script>alert(1)</script>",
    "\U0001f9ea\U0001f30a", "\u200b", "\u200bflux50\u200b", "\ufeff", "\u202eflux50", "فلاندرز", "פלנדריה",
    "\uff26\uff2c\uff35\uff38\uff15\uff10", "\ufb02ux50", "İ", "ß", "0", "-1", "1e9", "NaN", "None",
    "__class__", "__proto__",
]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize(
    "query", HOSTILE, ids=lambda q: f"'{plain_id(q[:20])}'" + (f"..{len(q)}" if len(q) > 20 else ""),
)
def test_hostile_strings_give_a_matching_record_or_the_family_miss(family: str, query: str) -> None:
    assert check_answer(family, query) is expected(family, query)


@settings(max_examples=200)
@given(family=st.sampled_from(FAMILIES), query=st.text(max_size=60))
@example(family="cluster", query="\ud800")
@example(family="priority", query="-1")
@example(family="priority", query=" 8 ")
@example(family="priority", query="8.0")
def test_any_string_gives_a_matching_record_or_the_family_miss(family: str, query: str) -> None:
    assert check_answer(family, query) is expected(family, query)


def mutate(key: str, data: st.DataObject) -> str:
    op = data.draw(st.sampled_from(["insert", "delete", "replace"]))
    i = data.draw(st.integers(0, len(key) - (op != "insert")))
    if op == "delete":
        return key[:i] + key[i + 1 :]
    ch = data.draw(st.characters(codec="utf-8") | st.sampled_from("aeiouxz019 -"))
    return key[:i] + ch + key[i + (op == "replace") :]


@settings(max_examples=200)
@given(data=st.data())
def test_mutated_real_keys_find_exactly_the_mutated_key_or_miss(data: st.DataObject) -> None:
    family = data.draw(st.sampled_from([f for f in FAMILIES if INDICES[f].all()]))
    record = data.draw(st.sampled_from(INDICES[family].all()))
    key = data.draw(st.sampled_from(keys_of(record)))
    assume(key)
    mutated = mutate(key, data)
    assert check_answer(family, mutated) is expected(family, mutated)


@pytest.mark.parametrize("family", FAMILIES)
def test_a_megabyte_query_misses_with_a_short_message(family: str) -> None:
    with pytest.raises(NOT_FOUND[family]) as info:
        INDICES[family].get(MEGABYTE)
    message = str(info.value)
    assert len(message) < 400  # echoed, but truncated
    assert family.replace("_", " ") in message
    assert info.value.suggestions == ()


@pytest.mark.parametrize("family", FAMILIES)
def test_a_near_miss_message_names_family_query_and_at_most_three_suggestions(family: str) -> None:
    records = INDICES[family].all()
    if not records:
        raise AssertionError(f"no {family} records")
    query = records[0].name + "qq"
    if normalise(query) in by_normal_key(family):
        pytest.skip("the near-miss query is itself a key")
    with pytest.raises(NOT_FOUND[family]) as info:
        INDICES[family].get(query)
    exc = info.value
    assert family.replace("_", " ") in str(exc)
    assert repr(query) in str(exc)
    assert 1 <= len(exc.suggestions) <= 3
    names = {r.name for r in records}
    assert set(exc.suggestions) <= names
    assert all(repr(s) in str(exc) for s in exc.suggestions)


NOT_KEYS: list[Any] = [None, 1.5, b"flux50", bytearray(b"x"), ["x"], ("x",), {}, {"x"}, object(), True, False, 1j]


@pytest.mark.parametrize("family", FAMILIES)
@pytest.mark.parametrize("bad", NOT_KEYS, ids=lambda b: type(b).__name__)
def test_non_string_keys_raise_type_error_naming_the_type(family: str, bad: Any) -> None:
    index = INDICES[family]
    for call in (index.get, index.find):
        with pytest.raises(TypeError, match=type(bad).__name__):
            call(bad)


@pytest.mark.parametrize("family", [f for f in FAMILIES if f not in NUMBERED])
def test_unnumbered_families_reject_ints(family: str) -> None:
    index: Any = INDICES[family]  # typed str-only: the int is the point
    with pytest.raises(TypeError, match="int"):
        index.get(1)


@pytest.mark.parametrize("family", NUMBERED)
def test_numbered_families_take_ints_in_range_only(family: str) -> None:
    index: Any = INDICES[family]
    numbers = {r.number: r for r in index.all()}
    for number, record in numbers.items():
        assert index.get(number) is record
        assert index.get(str(number)) is record
    for number in (0, max(numbers, default=0) + 1, 10**30):
        if number in numbers:
            continue
        with pytest.raises(NOT_FOUND[family], match=family.replace("_", " ")):
            index.get(number)
        assert index.find(number) is None
    for flag in (True, False):
        with pytest.raises(TypeError, match="bool"):
            index.get(flag)


@pytest.mark.parametrize("family", NUMBERED)
def test_negative_ints_miss(family: str) -> None:
    index: Any = INDICES[family]
    if not index.all():
        raise AssertionError(f"no {family} records")
    for record in index.all():
        with pytest.raises(NOT_FOUND[family]):
            index.get(-record.number)


@settings(max_examples=100)
@given(family=st.sampled_from(NUMBERED), number=st.integers(min_value=0))
def test_any_int_gives_its_numbered_record_or_the_miss(family: str, number: int) -> None:
    index: Any = INDICES[family]
    expected = {r.number: r for r in index.all()}.get(number)
    assert index.find(number) is expected
    if expected is None:
        with pytest.raises(NOT_FOUND[family]):
            index.get(number)


def test_public_functions_answer_as_the_index_does() -> None:
    # The tests above go through INDICES; the public functions must give the same answers.
    for family, index in INDICES.items():
        plural = PLURALS[family]
        assert getattr(fs, plural)() is index.all()
        for record in index.all():
            for key in (record.id, record.name, *record.aliases):
                assert getattr(fs, f"get_{family}")(key) is index.get(key) is record
                assert getattr(fs, f"find_{family}")(key) is record
        assert getattr(fs, f"find_{family}")("no such key at all", default=family) == family
        assert getattr(fs, f"find_{family}")("no such key at all") is None


FAMILY_LIST = ", ".join(f"{f} ({p})" for f, p in PLURALS.items())
BAD_ARGUMENTS: list[tuple[str, Any, type[Exception], str]] = [
    # (what is called, the call, the error, its whole message)
    ("search, empty", lambda: fs.search(" \t"), ValueError, "query must not be empty"),
    ("search, kind", lambda: fs.search("flux", kind="clusterz"), ValueError,
     f"unknown kind 'clusterz'; one of: {FAMILY_LIST} (singular or plural; '-', '_' or a space; any case)"),
    ("search, limit", lambda: fs.search("flux", limit=0), ValueError, "limit must be positive, not 0"),
    ("search, limit type", lambda: fs.search("flux", limit="3"), TypeError, "limit must be an int, not str"),
    ("crosswalk, from", lambda: fs.crosswalk("x", "cluster"), ValueError,
     f"unknown from_family 'x'; one of: {FAMILY_LIST} (singular or plural; '-', '_' or a space; any case)"),
    ("crosswalk, to", lambda: fs.crosswalk("cluster", "x"), ValueError,
     f"unknown to_family 'x'; one of: {FAMILY_LIST} (singular or plural; '-', '_' or a space; any case)"),
    ("crosswalk, to type", lambda: fs.crosswalk("cluster", 3), TypeError, "to_family must be a str, not int"),
    ("related, not a record", lambda: fs.related("flux50"), TypeError, "record must be a Record, not str"),
    ("related, a changed record", lambda: fs.related(attrs.evolve(fs.get_cluster("Flux50"), name="Flux 51")),
     ValueError, "cluster 'flux50' is not one of the dataset's records"),
    ("related, a changed domain", lambda: fs.related(attrs.evolve(fs.cluster_domains()[0], name="x")),
     ValueError, f"cluster domain {fs.cluster_domains()[0].id!r} is not one of the dataset's records"),
    ("related, an unknown id", lambda: fs.related(attrs.evolve(fs.get_cluster("Flux50"), id="flux51")),
     ValueError, "cluster 'flux51' is not one of the dataset's records"),
    ("related, no family", lambda: fs.related(fs.Record(id="x", name="x")), ValueError,
     f"Record is not a record family; one of: {', '.join(FAMILY_TYPES)}"),
    ("reverse, not a link", lambda: _crosswalk.reverse(fs.get_cluster("Flux50")), TypeError,
     "link must be a Link, not Cluster"),
]


@pytest.mark.parametrize(("call", "error", "message"), [case[1:] for case in BAD_ARGUMENTS],
                         ids=[case[0] for case in BAD_ARGUMENTS])
def test_a_bad_argument_gets_its_whole_message(call: Any, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        call()
    assert str(caught.value) == message
    assert type(caught.value) is error


def test_search_gives_ten_hits_unless_told() -> None:
    assert len(fs.search("a", limit=50)) > 10
    assert len(fs.search("a")) == 10
    assert fs.search("a") == fs.search("a", limit=50)[:10]
