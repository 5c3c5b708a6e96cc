"""flanders_s3.testing, used from outside the way a user's test suite would use it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import find, given, settings, strategies as st

import flanders_s3 as fs
from flanders_s3 import testing
from flanders_s3.lookup import INDICES, normalise
from flanders_s3.model import FAMILY_TYPES

PLURALS = {
    "priority": "priorities", "policy": "policies", "person": "people", "eye_ris3_priority": "eye_ris3_priorities",
}
SHIPPED = [family for family in FAMILY_TYPES if INDICES[family].all()]


def raw_keys(record: fs.Record) -> set[str]:
    return {record.id, record.name, *record.aliases, *(n.text for n in record.names)}


def test_every_family_has_a_strategy_named_like_its_collection() -> None:
    for family in FAMILY_TYPES:
        name = PLURALS.get(family, family + "s")
        assert callable(getattr(testing, name, None)), name
        assert name in testing.__all__


@given(testing.keys("cluster"))
def test_a_cluster_key_round_trips_through_get_cluster(key: str) -> None:
    cluster = fs.get_cluster(key)
    assert normalise(key) in {normalise(k) for k in raw_keys(cluster)}
    assert fs.find_cluster(key) is cluster


@settings(max_examples=200)
@given(st.data())
def test_every_spelling_resolves_to_its_own_record(data: st.DataObject) -> None:
    record = data.draw(testing.records())
    spelling = data.draw(testing.spellings(record))
    assert INDICES[record.family].get(spelling) is record, spelling


@pytest.mark.parametrize("family", SHIPPED)
@settings(max_examples=25)
@given(data=st.data())
def test_each_family_strategy_draws_that_familys_records(family: str, data: st.DataObject) -> None:
    name = PLURALS.get(family, family + "s")
    record = data.draw(getattr(testing, name)())
    assert isinstance(record, FAMILY_TYPES[family])
    assert INDICES[family].get(record.id) is record
    assert data.draw(testing.records(family)) in INDICES[family].all()
    key = data.draw(testing.keys(family))
    assert normalise(key) in {normalise(k) for k in raw_keys(INDICES[family].get(key))}


def test_records_draws_from_every_shipped_family() -> None:
    # Mapped to the family name: a drawn region's repr is 30 kB.
    families = testing.records().map(lambda r: r.family)
    for family in SHIPPED:
        found = find(families, family.__eq__, settings=settings(max_examples=2000, database=None))
        assert found == family


def test_spellings_are_typed_the_way_people_type() -> None:
    flanders_food = fs.get_cluster("flanders-food")
    strategy = testing.spellings(flanders_food)
    budget = settings(max_examples=500, database=None)
    # Each of these shows up, and each still finds the record.
    for looks in (
        lambda s: s not in raw_keys(flanders_food),  # changed at all
        lambda s: any(c.isupper() for c in s.strip()[1:6]),  # case changed ("lande" is lower in every key)
        lambda s: any(not c.isascii() and c.isalpha() for c in s),  # an accent added
        lambda s: s != s.strip(),  # padded
        lambda s: "  " in s or "_" in s or "-" in s,  # a separator added
        lambda s: not any(c in s for c in " -_.'’\t"),  # every separator left out
    ):
        spelling = find(strategy, looks, settings=budget)
        assert fs.get_cluster(spelling) is flanders_food, spelling


def test_strategies_check_their_arguments() -> None:
    with pytest.raises(ValueError, match="clustre"):
        testing.records("clustre")
    with pytest.raises(TypeError, match="int"):
        testing.records(3)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="cluster"):
        testing.keys("nope")
    with pytest.raises(TypeError, match="str"):
        testing.spellings("flux50")  # type: ignore[arg-type]


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)


def test_importing_and_building_strategies_reads_no_data() -> None:
    result = run(
        "from flanders_s3 import _load, testing\n"
        "strategies = [testing.clusters(), testing.records(), testing.keys('priority'), testing.records('code')]\n"
        "print(len(_load._records))\n"
    )
    assert result.stdout.strip() == "0", result.stderr


def test_without_hypothesis_the_import_error_names_the_extra() -> None:
    result = run(
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import flanders_s3.testing\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    assert "flanders-s3[hypothesis]" in result.stdout, result.stderr


def test_the_module_docstring_example_runs() -> None:
    import doctest

    failures, tried = doctest.testmod(testing, verbose=False)
    assert (failures, tried > 0) == (0, True)


class _Empty:
    def all(self) -> tuple[fs.Record, ...]:
        return ()


def test_an_empty_family_says_so_when_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    from flanders_s3 import lookup

    # INDICES is read-only to callers; the test swaps the whole mapping for one with an empty family.
    monkeypatch.setattr(lookup, "INDICES", {**INDICES, "code": _Empty()})
    with pytest.raises(ValueError, match="no code records"):
        find(testing.codes(), lambda _: True)
