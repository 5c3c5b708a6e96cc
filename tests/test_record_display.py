"""How records show themselves: a short repr, a notebook table, an order, a cached hash."""

from __future__ import annotations

import html
import pickle

import attrs
import pytest

import flanders_s3 as fs
from flanders_s3.lookup import INDICES


def test_repr_is_short_and_names_type_id_and_name(record: fs.Record) -> None:
    text = repr(record)
    assert len(text) < 300
    assert text.startswith(f"<{type(record).__name__} {record.key} ")
    if len(record.name) <= 120:
        assert repr(record.name) in text
    assert "citations" not in text


def test_a_long_name_is_cut_in_the_repr() -> None:
    flux = fs.get_cluster("flux50")
    long = attrs.evolve(flux, name="x" * 1000)
    assert repr(long) == f"<Cluster cluster:flux50 {'x' * 117 + '...'!r}>"


def test_the_region_shows_briefly() -> None:
    assert repr(fs.region) == "<Region region:flemish-region 'Flemish Region'>"


def test_notebook_table_shows_every_field_and_citation(record: fs.Record) -> None:
    table = record._repr_html_()
    assert html.escape(record.key) in table
    for field in attrs.fields(type(record)):
        if field.name != "citations":
            assert f"<th>{field.name}</th>" in table
    for citation in record.citations:
        assert html.escape(citation.quote) in table


def test_notebook_table_escapes_markup() -> None:
    flux = fs.get_cluster("flux50")
    table = attrs.evolve(flux, tagline="<script>x</script>")._repr_html_()
    assert "<script>" not in table
    assert "&lt;script&gt;x&lt;/script&gt;" in table


def test_records_sort_by_family_then_id() -> None:
    everything = [r for index in INDICES.values() for r in index.all()]
    ordered = sorted(everything)
    assert [(r.family, r.id) for r in ordered] == sorted((r.family, r.id) for r in everything)
    assert [c.id for c in sorted(fs.clusters())] == sorted(c.id for c in fs.clusters())
    flux, sim = fs.get_cluster("flux50"), fs.get_cluster("sim")
    assert flux < sim
    assert flux <= sim
    assert sim > flux
    assert sim >= flux
    assert flux <= flux
    assert flux >= flux
    assert not flux < flux
    assert not flux > flux


@pytest.mark.parametrize("op", ["__lt__", "__le__", "__gt__", "__ge__"])
def test_a_record_does_not_compare_with_other_things(op: str) -> None:
    assert getattr(fs.get_cluster("flux50"), op)("flux50") is NotImplemented
    with pytest.raises(TypeError):
        sorted([fs.get_cluster("flux50"), "flux50"])  # type: ignore[list-item]


def test_records_cache_their_hash_and_keep_value_equality(record: fs.Record) -> None:
    assert hash(record) == hash(record)
    copy = pickle.loads(pickle.dumps(record))
    assert copy == record
    assert hash(copy) == hash(record)
    # attrs keeps a cached hash in a slot of this name (cache_hash=True).
    slots = {s for k in type(record).__mro__ for s in getattr(k, "__slots__", ())}
    assert "_attrs_cached_hash" in slots


def test_notebook_table_cells_are_written_one_way_per_kind_of_value() -> None:
    # An enum by its value, a tuple joined by "; ", a missing value as an em dash, a nested
    # record as name=value pairs without its citation, a date as its ISO text.
    import re

    flux = fs.get_cluster("flux50")
    cells = dict(re.findall(r"<tr><th>(\w+)</th><td>(.*?)</td></tr>", flux._repr_html_()))
    assert cells["aliases"] == "Flux 50"
    assert cells["focus_areas"] == "energy-efficient industry; sustainable communities; smart cities and homes"
    assert cells["dutch_name"] == cells["name_language"] == "\u2014"
    assert cells["former_ids"] == ""
    assert cells["support_max_years"] == "10"
    assert cells["names"].startswith("text=Vlaamse Energiecluster, language=nl; text=")
    assert cells["period"].startswith("start=date=2016-12-15, basis=stated, citations=source_id=")
    assert "citation=" not in cells["names"]
    source = next(s for s in fs.sources() if s.languages == ("en",))
    cells = dict(re.findall(r"<tr><th>(\w+)</th><td>(.*?)</td></tr>", source._repr_html_()))
    assert cells["kind"] == source.kind.value
    assert cells["languages"] == "en"


def test_a_name_is_cut_in_the_repr_only_beyond_its_limit() -> None:
    from flanders_s3.model._base import _REPR_NAME

    flux = fs.get_cluster("flux50")
    exact = attrs.evolve(flux, name="x" * _REPR_NAME)
    assert repr(exact) == f"<Cluster cluster:flux50 '{'x' * _REPR_NAME}'>"
    longer = attrs.evolve(flux, name="x" * (_REPR_NAME + 1))
    assert repr(longer) == f"<Cluster cluster:flux50 '{'x' * (_REPR_NAME - 3)}...'>"


def test_notebook_table_lists_citations_once_below_the_fields() -> None:
    import re

    flux = fs.get_cluster("flux50")
    table = flux._repr_html_()
    assert "citations" not in re.findall(r"<tr><th>(\w+)</th>", table)  # not a row: a list of its own
    listed = table.split("<p>Citations</p><ul>", 1)[1]
    assert listed.startswith("<li>")
    assert listed.endswith("</li></ul>")
    assert listed.count("</li><li>") == len(flux.citations) - 1  # one item each, nothing between them


def test_notebook_table_opens_with_its_caption_and_holds_one_row_per_field() -> None:
    flux = fs.get_cluster("flux50")
    table = flux._repr_html_()
    assert table.startswith("<table><caption>Cluster <code>cluster:flux50</code></caption><tr><th>id</th>")
    body = table.split("</caption>", 1)[1].split("</table>", 1)[0]
    rows = len(attrs.fields(type(flux))) - 1  # every field but citations
    assert body.count("</tr><tr>") == rows - 1
    assert body.startswith("<tr>")
    assert body.endswith("</tr>")
