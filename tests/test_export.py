"""Exports: the JSON document and its schema, the CSV tables, the Data Package, DataFrames."""

from __future__ import annotations

import csv
import enum
import json
import subprocess
import sys
import typing
from pathlib import Path
from typing import Any

import attrs
import pytest

import flanders_s3 as fs
from conftest import ROOT
from flanders_s3 import _convert, _load, export
from flanders_s3.lookup import INDICES
from flanders_s3.model import FAMILY_TYPES

SCHEMA_FILE = ROOT / "schema" / "flanders_s3.schema.json"
PLURALS = {family: _load.FILES[family].removesuffix(".json") for family in _load.FILES}


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    result: dict[str, Any] = json.loads(export.to_json())
    return result


@pytest.fixture(scope="module")
def csv_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("csv")
    export.write_csv(directory)
    return directory


def tuple_of_str_fields(cls: type) -> list[str]:
    hints = typing.get_type_hints(cls)
    return [f.name for f in attrs.fields(cls) if hints[f.name] == tuple[str, ...]]


# --- JSON -----------------------------------------------------------------------------------


def test_json_is_byte_stable_with_unix_line_ends(tmp_path: Path) -> None:
    text = export.to_json()
    assert text == export.to_json()
    assert text.endswith("}\n")
    assert "\r" not in text
    path = export.write_json(tmp_path / "out.json")
    assert path.read_bytes() == text.encode("utf-8")


def test_json_has_versions_then_every_family_in_file_order_then_links(document: dict[str, Any]) -> None:
    assert list(document) == ["flanders_s3", *PLURALS.values(), "links"]
    assert document["flanders_s3"] == {"version": fs.__version__, "data_version": fs.DATA_VERSION}


def test_json_records_structure_back_to_the_same_records(document: dict[str, Any]) -> None:
    for family, plural in PLURALS.items():
        records = INDICES[family].all()
        assert [_convert.converter.structure(item, FAMILY_TYPES[family]) for item in document[plural]] == list(records)


def test_json_keeps_non_ascii_and_partial_dates_as_written() -> None:
    text = export.to_json()
    names = [r.name for family in PLURALS for r in INDICES[family].all()]
    for name in names:
        assert json.dumps(name, ensure_ascii=False) in text  # not \u-escaped
    for source in fs.sources():
        if source.date_earliest is not None:
            expected = {"iso": source.date_earliest.iso, "precision": source.date_earliest.precision.value}
            assert json.loads(text)["sources"][fs.sources().index(source)]["date_earliest"] == expected


def test_json_links_hold_every_curated_link_marked_not_derived(document: dict[str, Any]) -> None:
    links = document["links"]
    assert all(isinstance(item["derived"], bool) for item in links)
    curated = [_convert.converter.unstructure(link) for link in _load.links()]
    exported = [{k: v for k, v in item.items() if k != "derived"} for item in links if not item["derived"]]
    assert sorted(exported, key=json.dumps) == sorted(curated, key=json.dumps)  # the crosswalk owns the order
    for item in links:  # every end of every exported link is a record
        fs.lookup.get_by_id(item["from_family"], item["from_id"])
        fs.lookup.get_by_id(item["to_family"], item["to_id"])


# --- JSON Schema ------------------------------------------------------------------------------


def test_committed_schema_is_the_generated_one() -> None:
    expected = export.json_schema_text()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == expected, (
        "regenerate: python -m flanders_s3 export --format schema --output schema/flanders_s3.schema.json"
    )


@pytest.mark.parametrize("fmt", ["schema", "datapackage"])
def test_python_OO_keeps_every_description(fmt: str, tmp_path: Path) -> None:
    # -OO drops docstrings; the descriptions are data (class __doc__ assignments, field metadata).
    written = {}
    for flag in ("-O", "-OO"):
        target = tmp_path / flag.strip("-")
        cmd = [sys.executable, flag, "-m", "flanders_s3", "export", "--format", fmt, "--output", str(target)]
        subprocess.run(cmd, check=True)
        page = target / "datapackage.json" if fmt == "datapackage" else target
        written[flag] = page.read_text("utf-8")
    assert written["-OO"] == written["-O"]
    assert '"description"' in written["-OO"]


def test_every_schema_property_has_a_description() -> None:
    schema = export.json_schema()
    undocumented = [
        f"{name}.{prop}"
        for name, definition in schema["$defs"].items()
        for prop, spec in definition.get("properties", {}).items()
        if "description" not in spec
    ]
    assert undocumented == []


def test_schema_has_one_definition_per_model_class_with_every_field_required() -> None:
    schema = export.json_schema()
    for family, cls in FAMILY_TYPES.items():
        definition = schema["$defs"][cls.__name__]
        names = [f.name for f in attrs.fields(cls)]
        assert list(definition["properties"]) == names
        assert definition["required"] == names
        assert definition["additionalProperties"] is False
        assert schema["properties"][PLURALS[family]]["items"] == {"$ref": f"#/$defs/{cls.__name__}"}


def test_json_export_validates_against_the_schema(document: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = export.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema).validate(document)


def first_record(document: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    for plural in PLURALS.values():
        if document[plural]:
            return plural, document[plural][0]
    pytest.skip("no records")


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda r: r.update(unknown=1), id="unknown key"),
        pytest.param(lambda r: r.pop("aliases"), id="missing field"),
        pytest.param(lambda r: r.update(id="Not A Slug"), id="bad slug"),
        pytest.param(lambda r: r.update(name=" "), id="blank name"),
        pytest.param(lambda r: r.update(aliases="one alias"), id="string for array"),
        pytest.param(lambda r: r.update(citations=[{"source_id": "x", "quote": "q"}]), id="citation lacks supports"),
    ],
)
def test_schema_rejects_damaged_records(document: dict[str, Any], damage: Any) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    plural, record = first_record(document)
    damaged = json.loads(json.dumps(document))
    damage(damaged[plural][0])
    assert damaged[plural][0] != record
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(damaged, export.json_schema(), cls=jsonschema.Draft202012Validator)


def test_schema_rejects_an_unknown_enum_value_and_a_bad_date(document: dict[str, Any]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    damaged = json.loads(json.dumps(document))
    if not damaged["sources"]:
        pytest.skip("no sources")
    validator = jsonschema.Draft202012Validator(export.json_schema())
    damaged["sources"][0]["kind"] = "podcast"
    assert not validator.is_valid(damaged)
    damaged = json.loads(json.dumps(document))
    damaged["sources"][0]["date_earliest"] = {"iso": "2013/11", "precision": "month"}
    assert not validator.is_valid(damaged)


# --- CSV ------------------------------------------------------------------------------------


def test_csv_writes_one_file_per_table_with_header_and_unix_line_ends(csv_dir: Path) -> None:
    names = export.table_names()
    assert names[: len(PLURALS)] == tuple(PLURALS.values())
    assert names[-5:] == ("records", "names", "citations", "links", "link_citations")
    assert sorted(p.name for p in csv_dir.iterdir()) == sorted(f"{n}.csv" for n in names)
    for name in names:
        raw = (csv_dir / f"{name}.csv").read_bytes()
        assert raw.endswith(b"\n")
        assert b"\r\n" not in raw
        assert raw.split(b"\n", 1)[0].decode().split(",")[:1] != [""]


def test_csv_is_byte_stable(csv_dir: Path, tmp_path: Path) -> None:
    export.write_csv(tmp_path)
    for name in export.table_names():
        assert (tmp_path / f"{name}.csv").read_bytes() == (csv_dir / f"{name}.csv").read_bytes()


def test_family_csv_has_one_row_per_record_in_order_with_scalar_values(csv_dir: Path) -> None:
    for family, plural in PLURALS.items():
        rows = read_csv(csv_dir / f"{plural}.csv")
        records = INDICES[family].all()
        assert [row["id"] for row in rows] == [r.id for r in records]
        hints = typing.get_type_hints(FAMILY_TYPES[family])
        for row, record in zip(rows, records, strict=True):
            for field in attrs.fields(type(record)):
                value = getattr(record, field.name)
                if field.name in row:
                    expected = export._cell(value.value if isinstance(value, enum.Enum) else value)
                    if hints[field.name] == tuple[str, ...]:
                        expected = export.JOINER.join(value)
                    elif isinstance(value, fs.PartialDate):
                        expected = value.iso
                        assert row[f"{field.name}_precision"] == value.precision.value
                    assert row[field.name] == expected, (family, record.id, field.name)


def test_joined_cells_split_back_into_the_tuple() -> None:
    # " | " joins tuples of strings into one cell: no element may contain it.
    for family, cls in FAMILY_TYPES.items():
        for record in INDICES[family].all():
            for name in tuple_of_str_fields(cls):
                for item in getattr(record, name):
                    assert export.JOINER not in item, (family, record.id, name, item)


def _citation_tuples(value: object, path: str) -> list[tuple[str, tuple[Any, ...]]]:
    """Every (path, tuple of citations) in ``value``, written out independently of export._cited."""
    out: list[tuple[str, tuple[Any, ...]]] = []
    if not attrs.has(type(value)) or isinstance(value, fs.Citation):
        return out
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        if field.name == "citations":
            out.append((path, item))
        elif isinstance(item, tuple):
            for i, part in enumerate(item):
                out += _citation_tuples(part, f"{path}.{field.name}.{i}".lstrip("."))
        else:
            out += _citation_tuples(item, f"{path}.{field.name}".lstrip("."))
    return out


def _citation_row(c: Any) -> dict[str, str]:
    return {"source_id": c.source_id, "quote": c.quote, "supports": c.supports or "", "note": c.note or ""}


def test_citations_csv_lists_every_tuple_of_citations_at_every_depth_in_order(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "citations.csv")
    expected = [
        {"family": family, "record_id": r.id, "path": path, "position": str(i), **_citation_row(c)}
        for family in PLURALS
        for r in INDICES[family].all()
        for path, cited in _citation_tuples(r, "")
        for i, c in enumerate(cited)
    ]
    assert rows == expected
    # The region's merged Vanguard membership lists both of its sources under its own path.
    member = [row for row in rows if row["path"].startswith("memberships.")]
    assert {row["source_id"] for row in member} >= {"vanguard-member-profile-flanders",
                                                     "saphire-observatory-profile-flanders"}


def test_link_citations_csv_lists_every_citation_of_every_link(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "link_citations.csv")
    expected = [
        {"link": str(index), "path": path, "position": str(i), **_citation_row(c)}
        for index, link in enumerate(fs.links())
        for path, cited in _citation_tuples(link, "")
        for i, c in enumerate(cited)
    ]
    assert rows == expected
    assert len(rows) >= len(fs.links(stated_only=True))


def test_records_csv_labels_every_record_by_family_id_key_and_name(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "records.csv")
    expected = [{"family": f, "id": r.id, "key": f"{f}:{r.id}", "name": r.name}
                for f in PLURALS for r in INDICES[f].all()]
    assert rows == expected


def test_links_carry_the_names_of_both_ends(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "links.csv")
    for row, link in zip(rows, fs.links(), strict=True):
        assert (row["from_name"], row["to_name"]) == (link.source.name, link.target.name)


def test_every_partial_date_has_its_first_and_last_day_as_sortable_columns(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "events.csv")
    for row, event in zip(rows, fs.events(), strict=True):
        if event.date is None:
            assert row["date_earliest"] == row["date_latest"] == ""
        else:
            assert row["date_earliest"] == event.date.earliest.isoformat()
            assert row["date_latest"] == event.date.latest.isoformat()
    october = next(r for r in rows if r["date"] == "2013-10")
    assert (october["date_earliest"], october["date_latest"]) == ("2013-10-01", "2013-10-31")


def test_names_csv_lists_every_name_of_every_record(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "names.csv")
    expected = [
        (family, r.id, str(i), n.text, n.language, n.citation.source_id)
        for family in PLURALS for r in INDICES[family].all() for i, n in enumerate(r.names)
    ]
    assert [(r["family"], r["record_id"], r["position"], r["text"], r["language"], r["citation_source_id"])
            for r in rows] == expected


def test_child_tables_have_one_row_per_nested_value(csv_dir: Path) -> None:
    shared = ("records", "names", "citations", "links", "link_citations")
    children = [n for n in export.table_names() if n not in PLURALS.values() and n not in shared]
    assert children  # the region's nested lists at least
    for name in children:
        family = next(f for f in sorted(PLURALS, key=len, reverse=True) if name.startswith(f + "_"))
        field = name.removeprefix(family + "_")
        rows = read_csv(csv_dir / f"{name}.csv")
        expected = [(r.id, str(i)) for r in INDICES[family].all() for i, _ in enumerate(getattr(r, field))]
        assert [(row[f"{family}_id"], row["position"]) for row in rows] == expected, name


def test_region_statistics_keep_value_unit_year_and_source(csv_dir: Path) -> None:
    rows = read_csv(csv_dir / "region_statistics.csv")
    stats = [(r.id, s) for r in fs.regions() for s in r.statistics]
    assert len(rows) == len(stats)
    for row, (region_id, stat) in zip(rows, stats, strict=True):
        assert row["region_id"] == region_id
        assert float(row["value"]) == stat.value
        assert row["unit"] == (stat.unit or "")  # a missing unit is an empty cell
        assert row["year"] == ("" if stat.year is None else str(stat.year))
        assert row["citation_source_id"] == stat.citation.source_id


def test_links_csv_matches_the_json_links(csv_dir: Path, document: dict[str, Any]) -> None:
    rows = read_csv(csv_dir / "links.csv")
    assert [(r["from_id"], r["relation"], r["to_id"], r["derived"]) for r in rows] == [
        (link["from_id"], link["relation"], link["to_id"], "true" if link["derived"] else "false")
        for link in document["links"]
    ]


# --- Data Package ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("datapackage")
    export.write_datapackage(directory)
    return directory


def test_datapackage_describes_each_csv_with_its_header_and_resolvable_keys(package_dir: Path) -> None:
    package = json.loads((package_dir / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert package["version"] == fs.DATA_VERSION
    resources = {r["name"]: r for r in package["resources"]}
    assert list(resources) == list(export.table_names())
    for name, resource in resources.items():
        with (package_dir / resource["path"]).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert fields == header
        assert set(resource["schema"].get("primaryKey", [])) <= set(fields)
        for key in resource["schema"].get("foreignKeys", []):
            target = resources[key["reference"]["resource"]]
            assert key["fields"] in fields
            assert key["reference"]["fields"] in [f["name"] for f in target["schema"]["fields"]], name


def test_datapackage_passes_frictionless_validation(package_dir: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    report = frictionless.validate(str(package_dir / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_frictionless_catches_a_broken_foreign_key(package_dir: Path, tmp_path: Path) -> None:
    # Proves the foreign keys are declared and checked, so the passing test above means something.
    frictionless = pytest.importorskip("frictionless")
    export.write_datapackage(tmp_path)
    path = tmp_path / "citations.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    if len(rows) < 2:
        pytest.skip("no citations")
    rows[1][rows[0].index("source_id")] = "no-such-source"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error[0] for error in report.flatten(["type"])}


# --- DataFrames -----------------------------------------------------------------------------


def test_to_dataframe_has_the_csv_columns_and_one_row_per_record(csv_dir: Path) -> None:
    pytest.importorskip("pandas")
    for family, plural in PLURALS.items():
        frame = export.to_dataframe(family)
        with (csv_dir / f"{plural}.csv").open(encoding="utf-8", newline="") as handle:
            assert list(frame.columns) == next(csv.reader(handle))
        assert list(frame["id"]) == [r.id for r in INDICES[family].all()]
        assert export.to_dataframe(plural).equals(frame)
    stats = export.to_dataframe("region_statistics")
    assert list(stats["value"]) == [s.value for r in fs.regions() for s in r.statistics]


def test_to_dataframe_lists_are_lists_and_dates_are_dates() -> None:
    pytest.importorskip("pandas")
    clusters = export.to_dataframe("clusters")
    for row, cluster in zip(clusters.itertuples(), fs.clusters(), strict=True):
        assert row.aliases == list(cluster.aliases)
        assert row.focus_areas == list(cluster.focus_areas)
    assert len(clusters.explode("aliases")) >= len(clusters)
    events = export.to_dataframe("events")
    assert str(events["date_earliest"].dtype).startswith("datetime64")
    ordered = events.sort_values("date_earliest")["id"].tolist()
    assert ordered[: len([e for e in fs.events() if e.date])] == [
        e.id for e in sorted((e for e in fs.events() if e.date), key=lambda e: e.date.earliest)]  # type: ignore[union-attr]
    records = export.to_dataframe("records")
    assert len(records) == sum(len(INDICES[f].all()) for f in PLURALS)
    links = export.to_dataframe("links")
    labels = dict(zip(records["key"], records["name"], strict=True))
    for row in links.itertuples():
        assert labels[f"{row.from_family}:{row.from_id}"] == row.from_name
        assert labels[f"{row.to_family}:{row.to_id}"] == row.to_name


def test_to_dataframe_rejects_an_unknown_table() -> None:
    with pytest.raises(ValueError, match="unknown table 'nope'"):
        export.to_dataframe("nope")


def test_to_dataframe_without_pandas_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)  # makes "import pandas" raise ImportError
    with pytest.raises(ImportError, match=r"flanders-s3\[pandas\]"):
        export.to_dataframe("cluster")


# --- off the lookup path --------------------------------------------------------------------


def test_import_and_lookups_do_not_import_exports_or_cli() -> None:
    code = (
        "import sys, flanders_s3 as fs\n"
        "fs.get_cluster('Flux50'); fs.preload()\n"
        "loaded = {'flanders_s3.export', 'flanders_s3.cli'} & set(sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
