"""The lookup contract, immutability, round-trips and integrity, over every shipped record."""

from __future__ import annotations

import ast
import copy
import pickle
import re
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import assume, given, strategies as st

import flanders_s3 as fs
from flanders_s3 import _convert, _load
from flanders_s3.lookup import INDICES, get_by_id, normalise
from flanders_s3.model import NUMBERED

FAMILIES = list(INDICES)
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*\Z")


def keys_of(record: fs.Record) -> list[str]:
    keys = [record.id, record.name, *record.aliases]
    if record.family in NUMBERED:
        keys.append(str(record.number))  # type: ignore[attr-defined]
    return keys


def normal_keys(record: fs.Record) -> set[str]:
    return {normalise(k) for k in keys_of(record)}


# --- the lookup contract --------------------------------------------------------------


def test_every_key_finds_its_record(record: fs.Record) -> None:
    index = INDICES[record.family]
    for key in keys_of(record):
        assert index.get(key) is record
        assert index.find(key) is record


@given(data=st.data())
def test_spelling_variants_find_the_same_record(data: st.DataObject) -> None:
    family = data.draw(st.sampled_from(FAMILIES))
    records = INDICES[family].all()
    assume(records)
    record = data.draw(st.sampled_from(records))
    # Names, not numbers: a number matches only as written ("1-" must not find 1).
    key = data.draw(st.sampled_from([record.id, record.name, *record.aliases]))
    # Change case, and scatter spaces and punctuation between the characters.
    noise = st.sampled_from([" ", "-", "_", "'", ".", "  ", "’", ""])
    spelled = "".join(
        (ch.upper() if data.draw(st.booleans()) else ch.lower()) + data.draw(noise) for ch in key
    )
    assert INDICES[family].get(spelled) is record


@given(family=st.sampled_from(FAMILIES), query=st.text(max_size=40))
def test_random_strings_never_return_a_wrong_record(family: str, query: str) -> None:
    index = INDICES[family]
    found = index.find(query)
    if found is not None:
        assert normalise(query) in normal_keys(found)
    else:
        with pytest.raises(fs.RecordNotFound) as info:
            index.get(query)
        assert isinstance(info.value, LookupError)
        assert info.value.family == family


def test_normalised_keys_are_unique_within_each_family() -> None:
    for family, index in INDICES.items():
        owner: dict[str, str] = {}
        for record in index.all():
            for key in normal_keys(record):
                assert owner.setdefault(key, record.id) == record.id, (family, key)


def test_a_miss_names_family_query_and_close_matches() -> None:
    with pytest.raises(fs.ClusterNotFound) as info:
        fs.get_cluster("Flx50")
    message = str(info.value)
    assert "cluster" in message
    assert "'Flx50'" in message
    assert info.value.suggestions
    assert info.value.suggestions[0] == fs.get_cluster("flux50").name
    assert pickle.loads(pickle.dumps(info.value)).suggestions == info.value.suggestions


@pytest.mark.parametrize("bad", [None, 1.5, b"flux50", ["flux50"], {"a": 1}, object()])
def test_non_string_keys_raise_type_error_naming_the_type(bad: Any) -> None:
    with pytest.raises(TypeError, match=type(bad).__name__):
        fs.get_cluster(bad)
    with pytest.raises(TypeError, match=type(bad).__name__):
        fs.find_cluster(bad)


def test_numbered_families_take_numbers_but_not_bools() -> None:
    for priority in fs.priorities():
        assert fs.get_priority(priority.number) is priority
        assert fs.get_priority(str(priority.number)) is priority
    with pytest.raises(TypeError, match="bool"):
        fs.get_priority(True)
    with pytest.raises(fs.PriorityNotFound):
        fs.get_priority(max(p.number for p in fs.priorities()) + 1)
    with pytest.raises(TypeError):
        fs.get_cluster(1)  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["-1", "+1", "1.0", "1-", "01", "1e0", "\uff11", "#1", "No. 1"])
def test_a_number_matches_only_as_written(written: str) -> None:
    # Normalising would turn each of these into "1"; none of them is the number 1.
    assert fs.get_priority(" 1 ").number == 1
    assert fs.find_priority(written) is None
    with pytest.raises(fs.PriorityNotFound):
        fs.get_priority(written)


def test_collections_are_tuples_in_a_stable_order() -> None:
    for index in INDICES.values():
        first = index.all()
        assert isinstance(first, tuple)
        assert index.all() == first
    numbers = [p.number for p in fs.priorities()]
    assert numbers == list(range(1, len(numbers) + 1))  # source order 1..n, no gaps


# --- immutability, value semantics, round trips ----------------------------------------


def test_records_are_frozen_hashable_and_picklable(record: fs.Record) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.name = "changed"  # type: ignore[misc]
    assert hash(record) == hash(copy.deepcopy(record))
    assert pickle.loads(pickle.dumps(record)) == record
    for citation in record.citations:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            citation.quote = "changed"  # type: ignore[misc]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        assert not isinstance(value, (list, dict, set)), field.name


def test_structure_unstructure_round_trip(record: fs.Record) -> None:
    raw = _convert.converter.unstructure(record)
    assert _convert.converter.structure(raw, type(record)) == record


def test_ids_are_slugs_and_unique() -> None:
    for index in INDICES.values():
        ids = [r.id for r in index.all()]
        assert len(ids) == len(set(ids))
        assert all(SLUG.match(i) for i in ids)


DEPRECATED_PROPERTIES = frozenset({"lead", "citation"})  # "citation" of Link and Membership only


def test_link_and_membership_citation_are_deprecated_names_of_the_first_citation() -> None:
    member = fs.region.memberships[0]
    with pytest.warns(DeprecationWarning, match="use Membership.citations"):
        assert member.citation == member.citations[0]
    for link in fs.links():
        with pytest.warns(DeprecationWarning, match="use Link.citations"):
            assert link.citation == (link.citations[0] if link.citations else None)


def test_priority_lead_is_a_deprecated_name_of_named() -> None:
    for priority in fs.priorities():
        with pytest.warns(DeprecationWarning, match="use PriorityDomain.named"):
            assert priority.lead is priority.named


def _references(value: Any) -> list[tuple[str, Any]]:
    """Every (property name, resolved value) reachable from a record, by calling each property."""
    out = []
    for name in dir(type(value)):
        if name in DEPRECATED_PROPERTIES:  # each has its own test (a field of that name is no property)
            continue
        if isinstance(getattr(type(value), name, None), property):
            out.append((name, getattr(value, name)))
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            for sub in item if isinstance(item, tuple) else (item,):
                if attrs.has(type(sub)):
                    out += _references(sub)
    return out


def test_every_reference_resolves(record: fs.Record) -> None:
    for name, resolved in _references(record):
        # A property either resolves (to records of the dataset) or is a computed value.
        for item in resolved if isinstance(resolved, tuple) else (resolved,):
            if isinstance(item, fs.Record):
                assert get_by_id(item.family, item.id) is item, name


def test_every_link_end_resolves() -> None:
    for link in fs.links():
        assert link.source.id == link.from_id
        assert link.target.id == link.to_id
        assert link.citations or link.basis is fs.Basis.INFERRED


def test_priority_leads_are_the_organisations_the_source_names() -> None:
    for priority in fs.priorities():
        lead = priority.named
        assert normalise(priority.named_as) in normal_keys(lead)
        assert any(priority.named_as in c.quote for c in priority.citations)


def test_region_is_lazy_and_the_one_region() -> None:
    assert fs.region is fs.get_region(fs.REGION_ID)
    assert fs.region in fs.regions()
    for membership in fs.region.memberships:
        assert isinstance(membership.status, fs.MembershipStatus)
        assert membership.network in fs.networks()


# --- packaging -------------------------------------------------------------------------


def test_every_data_file_is_in_the_manifest_and_matches_it() -> None:
    import hashlib
    from importlib.resources import files

    manifest = fs.manifest()
    assert manifest["data_version"] == fs.DATA_VERSION
    data = files("flanders_s3").joinpath("data")
    on_disk = {p.name for p in data.iterdir() if p.name.endswith(".json")} - {_load.MANIFEST_FILE}
    assert on_disk == set(manifest["files"])
    for name, entry in manifest["files"].items():
        raw = data.joinpath(name).read_bytes()
        assert hashlib.sha256(raw).hexdigest() == entry["sha256"], name
    for family, name in _load.FILES.items():
        assert len(INDICES[family].all()) == manifest["files"][name]["records"]
    assert len(_load.links()) == manifest["files"][_load.LINKS_FILE]["records"]


def test_manifest_is_read_only() -> None:
    with pytest.raises(TypeError):
        fs.manifest()["data_version"] = "x"  # type: ignore[index]


def test_import_reads_no_data_and_imports_no_cattrs() -> None:
    code = (
        "import sys, flanders_s3, flanders_s3.lookup as l\n"
        "assert 'cattrs' not in sys.modules, 'cattrs imported'\n"
        "assert 'flanders_s3._load' not in sys.modules, 'loader imported'\n"
        "assert all(i._records is None for i in l.INDICES.values())\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_sound_first_lookup_imports_neither_cattrs_nor_importlib_resources() -> None:
    # The cold-start path: the package loader's get_data, the interpreter's own SHA-256, the
    # fast structurer, and only the model modules a cluster needs.
    # Modules already there before the import (a coverage tracer's, say) are not the package's doing.
    code = (
        "import sys\n"
        "before = set(sys.modules)\n"
        "import flanders_s3\n"
        "flanders_s3.get_cluster('Flux50')\n"
        "print(sorted(m for m in sys.modules if m not in before and m.split('.')[0] in"
        " ('cattrs', 'importlib', 'hashlib', 'flanders_s3')))\n"
    )
    loaded = subprocess.run([sys.executable, "-I", "-c", code], check=True, capture_output=True, text=True)
    modules = set(ast.literal_eval(loaded.stdout))
    assert not {m for m in modules if m.split(".")[0] == "cattrs"}
    assert "importlib.resources" not in modules
    assert "hashlib" not in modules
    assert {m for m in modules if m.startswith("flanders_s3.model.")} == {
        "flanders_s3.model._base", "flanders_s3.model._cluster",
    }


def test_a_damaged_file_is_judged_by_cattrs() -> None:
    # The fast path refuses a string where a list belongs; the strict converter names it.
    code = (
        "import sys, flanders_s3\n"
        "from flanders_s3 import _load\n"
        "item = {**_load.read_json('clusters.json')[0], 'aliases': 'lxz'}\n"
        "assert 'cattrs' not in sys.modules\n"
        "try:\n"
        "    _load._structure_all('clusters.json', [item], flanders_s3.Cluster)\n"
        "except flanders_s3.DataError as exc:\n"
        "    print(exc.field, 'cattrs' in sys.modules)\n"
    )
    judged = subprocess.run([sys.executable, "-I", "-c", code], check=True, capture_output=True, text=True)
    assert judged.stdout.split() == ["aliases", "True"]


def test_public_names_are_exported() -> None:
    for name in fs.__all__:
        assert hasattr(fs, name), name
