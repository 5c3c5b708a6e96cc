"""The command line: every subcommand's text and JSON, exit statuses, and the bare overview."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

import flanders_s3 as fs
from conftest import ROOT
from flanders_s3 import _load, cli, export
from flanders_s3.lookup import INDICES
from flanders_s3.model import NUMBERED

PLURALS = {family: _load.FILES[family].removesuffix(".json") for family in _load.FILES}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    status, out, err = run(capsys, *argv, "--json")
    assert status == 0, err
    return json.loads(out)


def families_finding(key: str) -> list[str]:
    return [family for family, index in INDICES.items() if index.find(key) is not None]


# --- the bare command -----------------------------------------------------------------------


def test_no_arguments_print_counts_versions_hints_and_the_example_cluster(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys)
    assert status == 0
    assert err == ""
    lines = out.splitlines()
    for family, plural in PLURALS.items():
        assert f"{plural} {len(INDICES[family].all())}" in [" ".join(line.split()) for line in lines]
    assert fs.DATA_VERSION in out
    assert fs.__version__ in out
    assert "show KEY" in out
    flux = fs.get_cluster(cli.EXAMPLE)
    assert f"cluster: {flux.name}" in lines
    assert flux.tagline in out
    assert flux.citations[0].source_id in out
    assert out == run(capsys)[1]  # stable: no clock, no randomness


def test_text_output_fits_100_columns(capsys: pytest.CaptureFixture[str]) -> None:
    for argv in ([], ["list"], ["sources"], ["info"], *(["list", p] for p in PLURALS.values())):
        _, out, _ = run(capsys, *argv)
        too_wide = [line for line in out.splitlines() if len(line) > cli.WIDTH and " " in line.strip()]
        assert not too_wide, (argv, too_wide)


# --- list -----------------------------------------------------------------------------------


def test_list_counts_every_family(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_json(capsys, "list") == [
        {"family": f, "table": PLURALS[f], "records": len(INDICES[f].all())} for f in PLURALS
    ]


@pytest.mark.parametrize("family", list(PLURALS))
def test_list_family_accepts_singular_and_plural(capsys: pytest.CaptureFixture[str], family: str) -> None:
    singular = run(capsys, "list", family)
    assert singular == run(capsys, "list", PLURALS[family]) == run(capsys, "list", PLURALS[family].upper())
    status, out, _ = singular
    assert status == 0
    rows = run_json(capsys, "list", family)
    records = INDICES[family].all()
    assert [row["id"] for row in rows] == [r.id for r in records]
    squashed = " ".join(out.split())  # long names wrap
    for record in records:
        assert f"{record.id} {' '.join(record.name.split())}" in squashed
    if family in NUMBERED:
        assert [row["number"] for row in rows] == [r.number for r in records]  # type: ignore[attr-defined]
        assert out.splitlines()[0].split()[0] == "number"


def test_list_unknown_family_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "list", "bogus")
    assert status == 2
    assert out == ""
    assert "unknown family 'bogus'" in err
    assert "clusters" in err


# --- show -----------------------------------------------------------------------------------


def test_show_prints_every_record_with_its_fields_and_quotes(
    capsys: pytest.CaptureFixture[str], record: fs.Record
) -> None:
    status, out, err = run(capsys, "show", record.id, "--family", PLURALS[record.family])
    assert status == 0
    assert err == ""
    assert out.startswith(f"{record.family.replace('_', ' ')}: {record.name}\n")
    assert "\n  id " in out
    assert record.id in out
    squashed = " ".join(out.split())
    for citation in record.citations:
        assert f"“{' '.join(citation.quote.split())}”" in squashed
    [shown] = run_json(capsys, "show", record.id, "--family", record.family)
    assert shown["family"] == record.family
    assert _load.converter.structure(shown["record"], type(record)) == record


def test_show_without_family_prints_every_match_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    keys = [k for f in INDICES for r in INDICES[f].all() for k in (r.id, r.name, *r.aliases)]
    shared = [k for k in keys if len(families_finding(k)) > 1]
    if not shared:
        pytest.skip("no key is shared by two families in this data")
    key = shared[0]
    families = families_finding(key)
    status, out, _ = run(capsys, "show", key)
    assert status == 0
    assert out.startswith(f"{key!r} matches {len(families)} records")
    shown = run_json(capsys, "show", key)
    assert [item["family"] for item in shown] == families


def test_show_prints_each_of_several_matches(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Until the data has a key two families share: a second family that holds the clusters.
    monkeypatch.setattr(cli.lookup, "INDICES", {**INDICES, "copy": INDICES["cluster"]})
    status, out, _ = run(capsys, "show", "Flux50")
    assert status == 0
    assert out.startswith("'Flux50' matches 2 records (cluster, cluster); all are shown.")
    assert out.count("cluster: Flux50\n") == 2
    assert len(run_json(capsys, "show", "Flux50")) == 2


def test_show_a_miss_exits_1_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "show", "Flx50")
    assert status == 1
    assert out == ""
    assert "no record matches 'Flx50'" in err
    assert "'Flux50' (cluster)" in err
    status, out, err = run(capsys, "show", "Flx50", "--family", "cluster")
    assert status == 1
    assert out == ""
    assert "no cluster matches 'Flx50'; did you mean 'Flux50'?" in err


@settings(max_examples=100)
@given(key=st.text(max_size=30))
def test_show_finds_exactly_what_the_lookups_find(key: str) -> None:
    found = families_finding(key)
    status = cli.main(["show", "--json", "--", key])
    assert status == (0 if found else 1)


# --- sources and info -----------------------------------------------------------------------


def test_sources_lists_each_source(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "sources")
    assert status == 0
    assert out.splitlines()[0].split() == ["id", "date", "publisher", "title"]
    for source in fs.sources():
        assert source.id in out
        if source.date_earliest is not None:
            assert source.date_earliest.iso in out
    assert run_json(capsys, "sources") == [_load.converter.unstructure(s) for s in fs.sources()]


def test_info_shows_versions_and_the_manifest(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "info")
    assert status == 0
    manifest = fs.manifest()
    for name, entry in manifest["files"].items():
        assert f"{name} {entry['records']} {entry['sha256']}" in " ".join(out.split())
    info = run_json(capsys, "info")
    assert info["version"] == fs.__version__
    assert info["data_version"] == manifest["data_version"]
    assert info["files"] == {k: dict(v) for k, v in manifest["files"].items()}


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "--version")
    assert status == 0
    assert out.strip() == f"flanders-s3 {fs.__version__} (data {fs.DATA_VERSION})"


# --- export ---------------------------------------------------------------------------------


def test_export_json_and_schema_print_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "export", "--format", "json")
    assert status == 0
    assert out == export.to_json()
    status, out, _ = run(capsys, "export", "--format", "schema")
    assert status == 0
    assert out == (ROOT / "schema" / "flanders_s3.schema.json").read_text(encoding="utf-8")


def test_export_writes_files_where_told(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    assert run(capsys, "export", "--format", "json", "--output", str(tmp_path / "all.json"))[0] == 0
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == export.to_json()
    assert run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "csv"))[0] == 0
    assert sorted(p.stem for p in (tmp_path / "csv").iterdir()) == sorted(export.table_names())
    assert run(capsys, "export", "--format", "datapackage", "--output", str(tmp_path / "dp"))[0] == 0
    assert (tmp_path / "dp" / "datapackage.json").is_file()


def test_export_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    status, _, err = run(capsys, "export", "--format", "csv")
    assert status == 2
    assert "--output DIR" in err
    assert run(capsys, "export", "--format", "xml")[0] == 2
    (tmp_path / "file").write_text("")
    status, _, err = run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "file"))
    assert status == 1
    assert "cannot write" in err


# --- search and related (modules of their own) ----------------------------------------------


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_search_is_a_usage_error(capsys: pytest.CaptureFixture[str], text: str) -> None:
    status, out, err = run(capsys, "search", text)
    assert status == 2
    assert out == ""
    assert "must not be empty" in err


def test_search_limit_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "search", "energy", "--limit", "0")
    assert status == 2
    assert "at least 1" in err


def test_search_finds_a_cluster_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    cluster = fs.clusters()[0]
    hits = run_json(capsys, "search", cluster.name, "--kind", "clusters", "--limit", "3")
    assert 1 <= len(hits) <= 3
    assert all(hit["family"] == "cluster" for hit in hits)
    assert cluster.id in [hit["id"] for hit in hits]
    status, out, _ = run(capsys, "search", cluster.name)
    assert status == 0
    assert cluster.id in out


def test_search_without_hits_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "qqqxqqqzzz")
    assert status == 1
    assert out == ""
    assert "nothing matches" in err


def test_related_lists_the_crosswalk_relations(capsys: pytest.CaptureFixture[str]) -> None:
    for priority in fs.priorities():
        [result] = run_json(capsys, "related", priority.id, "--family", "priority")
        relations = fs.related(priority)
        assert [(r["direction"], r["other"]["id"]) for r in result["relations"]] == [
            (r.direction, r.other.id) for r in relations
        ]
        status, out, _ = run(capsys, "related", priority.id, "--family", "priority")
        assert status == 0
        for relation in relations:
            assert relation.other.id in out
    stated = run_json(capsys, "related", "Flux50", "--family", "cluster", "--stated-only")[0]["relations"]
    assert all(r["link"]["basis"] == "stated" for r in stated)


def test_related_miss_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "related", "Flx50")
    assert status == 1
    assert "did you mean 'Flux50'" in err


# --- the table layout -----------------------------------------------------------------------


words = st.text(alphabet="abcdefgh", min_size=1, max_size=12)
cells = st.lists(words, min_size=0, max_size=12).map(" ".join)


@given(rows=st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(cells, min_size=n, max_size=n), min_size=1)))
def test_table_fits_the_width_and_keeps_every_word(rows: list[list[str]]) -> None:
    lines = cli._table(rows)
    if len(rows[0]) * 12 + 2 * (len(rows[0]) - 1) <= cli.WIDTH:  # always true for up to 4 columns
        assert all(len(line) <= cli.WIDTH for line in lines)
    assert sorted(" ".join(lines).split()) == sorted(" ".join(" ".join(row) for row in rows).split())


# --- as a program ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "status"),
    [([], 0), (["show", "Flux50"], 0), (["show", "Flx50"], 1), (["list", "bogus"], 2), (["search", ""], 2)],
)
def test_python_m_exit_statuses(argv: list[str], status: int) -> None:
    result = subprocess.run([sys.executable, "-m", "flanders_s3", *argv], capture_output=True, text=True,
                            encoding="utf-8", check=False)
    assert result.returncode == status, result.stderr
    assert "Traceback" not in result.stderr
    if status == 0:
        assert "cluster: Flux50" in result.stdout
    if argv == ["show", "Flx50"]:
        assert "did you mean 'Flux50'" in result.stderr
    if status == 2:
        assert result.stderr.startswith("usage: python -m flanders_s3") or "error:" in result.stderr

