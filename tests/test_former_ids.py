"""Retired ids: found exactly by get_* / find_* / get_by_id with a DeprecationWarning, never otherwise."""

from __future__ import annotations

import inspect
import json
import re
import sys
import warnings
from importlib.resources import files

import attrs
import pytest

import flanders_s3 as fs
from flanders_s3 import lookup
from flanders_s3.lookup import INDICES


def caller_file() -> str:
    """The file a retired key's warning must point at: the first frame outside the package.

    That is this test file, except under mutation testing, where mutmut's trampoline sits
    between the test and the package (docs/testing.md).
    """
    trampoline = sys.modules.get("mutmut.mutation.trampoline")
    if trampoline is not None:
        return str(trampoline.__file__)
    return __file__


RETIRED = [
    ("source", "regions4permed-profile-flanders", "saphire-observatory-profile-flanders"),
    ("organisation", "regions4permed", "saphire"),
]


@pytest.mark.parametrize(("family", "old", "new"), RETIRED)
def test_a_retired_id_finds_its_record_with_a_warning(family: str, old: str, new: str) -> None:
    record = lookup.get_by_id(family, new)
    assert old in record.former_ids
    for call in (lambda: getattr(fs, f"get_{family}")(old), lambda: getattr(fs, f"find_{family}")(old),
                 lambda: lookup.get_by_id(family, old), lambda: lookup.get_by_key(f"{family}:{old}")):
        with pytest.warns(DeprecationWarning, match=f"{family} id {old!r} is retired; use {new!r}") as caught:
            assert call() is record
        assert {w.filename for w in caught} == {caller_file()}  # the warning points at the caller


@pytest.mark.parametrize(("family", "old", "new"), RETIRED)
def test_a_retired_id_is_matched_exactly_and_never_searched(family: str, old: str, new: str) -> None:
    find = getattr(fs, f"find_{family}")
    for spelling in {old.upper(), old.replace("-", " "), f" {old}", old[:-1]} - {old}:
        assert find(spelling) is None, spelling
    assert not any(old in h.matched for h in fs.search(old))
    with pytest.raises(fs.RecordNotFound) as info:
        getattr(fs, f"get_{family}")(old.upper())
    assert all(old not in s for s in info.value.suggestions)


def test_no_former_id_is_a_live_id() -> None:
    for family, index in INDICES.items():
        live = {r.id for r in index.all()}
        for record in index.all():
            assert not set(record.former_ids) & live, (family, record.id)


def test_no_record_uses_the_misattributed_project_name() -> None:
    # "Regions4PerMed" is a project no source names; only former ids may still spell it.
    data = files("flanders_s3").joinpath("data")
    for name in ("sources.json", "organisations.json", "links.json", "initiatives.json", "networks.json"):
        for item in json.loads(data.joinpath(name).read_text(encoding="utf-8")):
            text = json.dumps({k: v for k, v in item.items() if k != "former_ids"}, ensure_ascii=False)
            assert "regions4permed" not in text.casefold(), (name, item.get("id"))
    source = fs.get_source("saphire-observatory-profile-flanders")
    assert (source.publisher, source.file) == ("SAPHIRe project", "saphire-observatory-profile-flanders.txt")
    saphire = fs.get_organisation("saphire")
    assert any("825046" in c.quote for c in saphire.citations)
    assert any("co-ordinated by Department Economy, Science and Innovation (EWI)" in c.quote for c in saphire.citations)


# Display names released before that no source uses; the name now is a source's form.
RENAMED = [
    ("organisation", "New strategic research centre (manufacturing)",
     "new-strategic-research-centre-for-manufacturing"),
]
# Renamed records whose old name is their id in words: the id finds them, as it always did.
RENAMED_AS_ID = [
    ("specialisation", "Textiles and wearing apparel", "textiles-and-wearing-apparel"),
    ("event", "Launch of the Vanguard Initiative", "launch-of-the-vanguard-initiative"),
    ("event", "NeMs4Bio explorative workshop", "nems4bio-explorative-workshop"),
]


@pytest.mark.parametrize(("family", "old", "record_id"), RENAMED_AS_ID)
def test_an_old_name_spelling_its_id_still_finds_the_record(family: str, old: str, record_id: str) -> None:
    record = getattr(fs, f"get_{family}")(old)
    assert record.id == record_id
    assert record.name != old
    assert not record.former_names


@pytest.mark.parametrize(("family", "old", "record_id"), RENAMED)
def test_a_retired_name_finds_its_record_exactly_with_a_warning(family: str, old: str, record_id: str) -> None:
    record = lookup.get_by_id(family, record_id)
    assert old in record.former_names
    assert record.name != old
    for call in (lambda: getattr(fs, f"get_{family}")(old), lambda: getattr(fs, f"find_{family}")(old)):
        with pytest.warns(DeprecationWarning, match=f"{family} name {re.escape(repr(old))} is retired") as caught:
            assert call() is record
        label = family.replace("_", " ")
        expected = f"{label} name {old!r} is retired; use {record.name!r} (it finds the same record)"
        assert str(caught[0].message) == expected
        assert {w.filename for w in caught} == {caller_file()}
    # Not an id, not normalised, not searched, not suggested.
    with pytest.raises(fs.RecordNotFound):
        lookup.get_by_id(family, old)
    assert getattr(fs, f"find_{family}")(old.upper()) is None
    assert getattr(fs, f"find_{family}")(f"{old}.") is None
    assert not any(old in h.matched for h in fs.search(old))


def test_a_former_name_that_finds_another_record_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from flanders_s3 import _load

    original = _load.records

    def clash(family: str) -> tuple[fs.Record, ...]:
        items = original(family)
        if family != "event":
            return items
        first, second, *rest = items
        return (first, attrs.evolve(second, former_names=(first.name + " (old)", first.id)), *rest)

    monkeypatch.setattr(_load, "records", clash)
    index = lookup._Index("event")
    with pytest.raises(fs.DataError) as info:
        index.all()
    assert info.value.field == "former_names"
    assert "former name" in info.value.reason
    assert "also finds" in info.value.reason


def test_no_former_name_is_a_live_key() -> None:
    for family, index in INDICES.items():
        for record in index.all():
            for old in record.former_names:
                assert getattr(fs, f"find_{family}")(old.upper()) is None, (family, old)


# The frame walk in lookup._former_key, one plausible slip at a time. mutmut cannot score
# the walk (its trampoline stops the walk at the first step), so the walk is left out of
# its run and its mutants are planted here, each of which must move the warning.
WALK_MUTANTS = [
    ("sys._getframe(1), 2", "sys._getframe(2), 2"),
    ("sys._getframe(1), 2", "sys._getframe(1), 3"),
    ("sys._getframe(1), 2", "sys._getframe(1), 1"),
    ("frame.f_back is not None and", "frame.f_back is None and"),
    ("frame.f_back is not None and", "frame.f_back is not None or"),
    ('get("__name__", "")', 'get("__file__", "")'),
    ('.startswith("flanders_s3")', '.startswith("FLANDERS_S3")'),
    ('.startswith("flanders_s3")', '.startswith("flanders_s3.model")'),
    ("frame.f_back, level + 1", "frame.f_back, level + 2"),
    ("frame.f_back, level + 1", "frame.f_back, level"),
    ("stacklevel=level", "stacklevel=2"),
]


SHIPPED_FORMER_KEY = lookup._former_key


def planted(original: str, change: str) -> object:
    """lookup._former_key with ``original`` in its source replaced by ``change``, once."""
    source = inspect.getsource(SHIPPED_FORMER_KEY)
    assert source.count(original) == 1, original
    # Compiled at its own lines of lookup.py, in a copy of the module's globals.
    padding = "\n" * (SHIPPED_FORMER_KEY.__code__.co_firstlineno - 1)
    namespace = dict(vars(lookup))
    exec(compile(padding + source.replace(original, change), lookup.__file__, "exec"), namespace)
    return namespace["_former_key"]


def warned_at(family: str, old: str) -> set[tuple[str, int]]:
    """Where each warning points: its file, and its line counted from the first call's line less one."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        here = sys._getframe().f_lineno
        getattr(fs, f"get_{family}")(old)  # two depths of calls into the package
        lookup.get_by_key(f"{family}:{old}")
    assert [w.category for w in caught] == [DeprecationWarning, DeprecationWarning]
    return {(w.filename, w.lineno - here) for w in caught}


@pytest.mark.skipif("mutmut.mutation.trampoline" in sys.modules, reason="the trampoline stops the walk at once")
@pytest.mark.parametrize(("original", "change"), WALK_MUTANTS)
def test_every_slip_in_the_warning_frame_walk_moves_the_warning(
    monkeypatch: pytest.MonkeyPatch, original: str, change: str
) -> None:
    family, old, _ = RETIRED[0]
    monkeypatch.setattr(lookup, "_former_key", planted(original, original))
    at_the_calls = {(__file__, 1), (__file__, 2)}
    assert warned_at(family, old) == at_the_calls  # the unchanged walk, planted the same way
    monkeypatch.setattr(lookup, "_former_key", planted(original, change))
    assert warned_at(family, old) != at_the_calls
