"""Search: ranked, typo-tolerant, deterministic, fast on hostile queries, and built lazily."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import flanders_s3 as fs
from flanders_s3 import _search as search_module, testing
from flanders_s3._search import Hit, search, suggest
from flanders_s3.lookup import INDICES, normalise
from flanders_s3.model import FAMILY_TYPES

FAMILY_ORDER = {family: n for n, family in enumerate(FAMILY_TYPES)}
KEY_FIELDS = {"id", "name", "aliases"}


def position(record: fs.Record) -> int:
    return INDICES[record.family].all().index(record)


def every(query: str, kind: str | None = None) -> tuple[Hit, ...]:
    return search(query, kind=kind, limit=10_000)


def assert_well_formed(hits: tuple[Hit, ...]) -> None:
    assert all(0 < h.score <= 1 for h in hits)
    assert len({(h.kind, h.record.id) for h in hits}) == len(hits), "one hit per record"
    order = [(-h.score, FAMILY_ORDER[h.kind], position(h.record)) for h in hits]
    assert order == sorted(order)
    for hit in hits:
        assert hit.kind == hit.record.family
        value = getattr(hit.record, hit.field)
        # The field's text, or one item of it (a Name by its text).
        items = [v.text if isinstance(v, fs.Name) else v for v in value] if isinstance(value, tuple) else value
        assert hit.matched == value or hit.matched in items


# --- what it finds ----------------------------------------------------------------------


def test_a_record_is_found_by_each_of_its_keys_with_a_full_score(record: fs.Record) -> None:
    for key in (record.id, record.name, *record.aliases):
        hits = search(key, kind=record.family, limit=10_000)
        mine = [h for h in hits if h.record is record]
        assert mine, key
        assert mine[0].score == 1.0
        assert mine[0].field in KEY_FIELDS or mine[0].field.endswith(("name", "named_as", "code"))
        assert hits[0].score == 1.0
        assert_well_formed(hits)


@settings(max_examples=150)
@given(st.data())
def test_any_spelling_lookup_accepts_finds_the_record_with_a_full_score(data: st.DataObject) -> None:
    record = data.draw(testing.records())
    spelling = data.draw(testing.spellings(record))
    hits = every(spelling, kind=record.family)
    assert any(h.record is record and h.score == 1.0 for h in hits), spelling


def one_typo(word: str, where: int, how: int) -> str:
    where %= len(word) - 1
    if how == 0:  # a letter left out
        return word[:where] + word[where + 1:]
    if how == 1:  # two letters swapped
        return word[:where] + word[where + 1] + word[where] + word[where + 2:]
    return word[:where] + "q" + word[where + 1:]  # one letter wrong


@settings(max_examples=150)
@given(st.data())
def test_one_typo_in_one_word_of_a_name_still_finds_the_record(data: st.DataObject) -> None:
    record = data.draw(testing.records())
    words = record.name.split()
    candidates = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not candidates:
        return
    i = data.draw(st.sampled_from(candidates))
    words[i] = one_typo(words[i], data.draw(st.integers(0, 50)), data.draw(st.integers(0, 2)))
    query = " ".join(words)
    assert record in [h.record for h in every(query, kind=record.family)], query


def test_the_brief_examples() -> None:
    energy = fs.get_priority("energy")
    hits = search("enrgy", kind="priority")
    assert hits[0].record is energy
    assert hits[0].field == "name"
    # Flux50 has no key like "enrgy"; its text says "energy".
    flux = [h for h in search("enrgy", kind="cluster") if h.record is fs.get_cluster("flux50")]
    assert flux
    assert flux[0].field not in KEY_FIELDS
    assert "energy" in flux[0].matched.casefold()
    assert {energy, fs.get_cluster("flux50")} <= {h.record for h in every("enrgy")}

    assert search("catalist")[0].record is fs.get_cluster("catalisti")
    blue = search("blauwe cluster")[0]
    assert blue.record is fs.get_cluster("blue-cluster")
    assert (blue.field, blue.score) == ("aliases", 1.0)


def test_accents_and_case_are_ignored() -> None:
    plain = search("energie blue cluster catalisti")
    assert search("ÉNERGIE Blüe CLÚSTER catalisti") == plain
    assert search("  energie\tblue-cluster  catalisti ") == plain


def test_a_key_field_outranks_the_same_word_in_text() -> None:
    hits = every("energy")
    top = {h.record for h in hits if h.score == 1.0}
    assert fs.get_priority("energy") in top
    text_hits = [h for h in hits if h.field not in KEY_FIELDS and not h.field.endswith("name")]
    assert text_hits
    assert all(h.score < 1.0 for h in text_hits)


def test_kind_keeps_one_family_and_limit_caps() -> None:
    for family in FAMILY_TYPES:
        hits = search("flanders", kind=family, limit=3)
        assert len(hits) <= 3
        assert all(h.kind == family for h in hits)
    everything = every("flanders")
    assert_well_formed(everything)
    assert search("flanders", limit=5) == everything[:5]
    by_family = sorted((h for f in FAMILY_TYPES for h in every("flanders", kind=f)),
                       key=lambda h: (-h.score, FAMILY_ORDER[h.kind], position(h.record)))
    assert tuple(by_family) == everything


def test_no_match_is_an_empty_tuple() -> None:
    assert search("zzqqxxjj") == ()
    assert search("?!…") == ()  # no letter or digit
    assert search("zzqqxxjj", kind="cluster") == ()


def test_the_answer_is_the_same_every_time() -> None:
    assert search("health innovation", limit=50) == search("health innovation", limit=50)


# --- bad input ----------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", " ", "\t\n ", "\u00a0"])
def test_an_empty_query_is_a_value_error(query: str) -> None:
    with pytest.raises(ValueError, match="empty"):
        search(query)


@pytest.mark.parametrize("query", [None, 5, b"flux50", ["flux50"], 1.5])
def test_a_query_that_is_not_text_is_a_type_error_naming_its_type(query: Any) -> None:
    with pytest.raises(TypeError, match=type(query).__name__):
        search(query)


def test_an_unknown_kind_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match="clustre") as info:
        search("flux", kind="clustre")
    assert all(family in str(info.value) for family in FAMILY_TYPES)
    with pytest.raises(TypeError, match="int"):
        search("flux", kind=3)  # type: ignore[arg-type]


@pytest.mark.parametrize(("limit", "error"), [(0, ValueError), (-1, ValueError), ("3", TypeError),
                                              (True, TypeError), (2.0, TypeError), (None, TypeError)])
def test_limit_must_be_a_positive_int(limit: Any, error: type[Exception]) -> None:
    with pytest.raises(error, match="limit"):
        search("flux", limit=limit)


@pytest.mark.parametrize("query", ["x" * 1_000_000, "ab " * 400_000, "é" * 1_000_000, "flux " * 200_000])
def test_a_megabyte_query_returns_quickly(query: str) -> None:
    search("warm up")
    start = time.perf_counter()
    hits = search(query)
    assert time.perf_counter() - start < 0.5
    assert_well_formed(hits)


def test_hits_are_frozen() -> None:
    hit = search("flux")[0]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        hit.score = 0.5  # type: ignore[misc]


# --- suggest ----------------------------------------------------------------------------


def test_suggest_finds_a_near_miss_by_its_name(record: fs.Record) -> None:
    records = INDICES[record.family].all()
    word = max(record.name.split(), key=len)
    if len(word) < 5:
        return
    query = record.name.replace(word, word[:2] + word[3:], 1)  # one letter left out
    names = suggest(record.family, query, n=len(records))
    assert record.name in names, query
    assert set(names) <= {r.name for r in records}
    assert len(set(names)) == len(names)


def test_suggest_answers_the_lookup_misses() -> None:
    assert suggest("cluster", "Flx50")[0] == fs.get_cluster("flux50").name
    assert suggest("cluster", "flux5")[0] == fs.get_cluster("flux50").name
    assert suggest("cluster", "zzqqxxjj") == ()
    assert suggest("cluster", "") == suggest("cluster", "--") == ()
    assert suggest("cluster", "x" * 1_000_000) == ()
    assert len(suggest("organisation", "centrum", n=2)) <= 2


def test_suggest_checks_its_arguments() -> None:
    with pytest.raises(ValueError, match="clustre"):
        suggest("clustre", "flux")
    with pytest.raises(TypeError, match="bytes"):
        suggest("cluster", b"flux")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n must be positive"):
        suggest("cluster", "flux", n=0)


# --- laziness and threads -----------------------------------------------------------------


def run(code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_import_reads_no_data_and_a_search_builds_only_its_family() -> None:
    out = run(
        "from flanders_s3 import _load, _search as search\n"
        "assert not _load._records and not search._indices\n"
        "search.search('flux', kind='cluster')\n"
        "print(sorted(search._indices), sorted(_load._records))\n"
    )
    assert out == "['cluster'] ['cluster']"


def test_threads_build_each_index_once() -> None:
    out = run(
        "import threading\n"
        "from flanders_s3 import _search as search\n"
        "built = []\n"
        "class Counting(search._FamilyIndex):\n"
        "    __slots__ = ()\n"
        "    def __init__(self, family):\n"
        "        built.append(family)\n"
        "        super().__init__(family)\n"
        "search._FamilyIndex = Counting\n"
        "barrier = threading.Barrier(8)\n"
        "answers = []\n"
        "def work():\n"
        "    barrier.wait()\n"
        "    answers.append(search.search('enrgy', limit=50))\n"
        "threads = [threading.Thread(target=work) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "assert len(answers) == 8 and all(a == answers[0] for a in answers)\n"
        "print(len(built) == len(set(built)) == len(search._indices))\n"
    )
    assert out == "True"


def test_the_index_is_read_from_the_model_not_a_list() -> None:
    # Every str / tuple[str, ...] field of every class is searched, except references and the known non-text.
    for family, cls in FAMILY_TYPES.items():
        fields = search_module._text_fields(cls)
        assert fields[:3] == ["name", "aliases", "id"]
        assert not [f for f in fields if f.endswith(("_id", "_ids"))]
        for record in INDICES[family].all():
            for field in fields:
                value = getattr(record, field)
                for item in value if isinstance(value, tuple) else (value,):
                    text = item.text if isinstance(item, fs.Name) else item
                    if text and normalise(text):
                        assert any(h.record is record for h in every(text, kind=family)), (family, field, text)
            break  # one record per family is enough to show each field is indexed


def test_the_edit_distance_stops_at_its_bound() -> None:
    from flanders_s3._search import _distance

    assert _distance("flux", "flux50", 1) == 2  # lengths differ by more than the bound
    assert _distance("flux", "flxu", 1) == 1  # a swap is one edit
    assert _distance("flux", "lfxu", 1) == 2  # two swaps are over the bound
    assert _distance("flux", "flux", 0) == 0
