"""The command line: every subcommand's text and JSON, exit statuses, and the bare overview.

Writing to broken streams (full devices, closed pipes, Ctrl-C) is tested in test_streams.py.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import given, settings, strategies as st

import flanders_s3 as fs
from conftest import ROOT, all_records, squash
from flanders_s3 import _convert, cli, export, model
from flanders_s3.lookup import INDICES
from flanders_s3.model import FAMILY_TYPES, NUMBERED, PLURALS


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


def fits(line: str) -> bool:
    """Within WIDTH, or a single token longer than WIDTH on a line of its own (a long URL)."""
    return len(line) <= cli.WIDTH or (" " not in line.strip() and len(line.strip()) > cli.WIDTH)


def test_text_output_fits_100_columns(capsys: pytest.CaptureFixture[str]) -> None:
    calls: list[list[str]] = [[], ["list"], ["sources"], ["info"], *(["list", p] for p in PLURALS.values())]
    for record in all_records():
        calls += [["show", record.id, "--family", record.family], ["related", record.id, "--family", record.family]]
    calls += [["search", record.name] for record in all_records()[::7]]
    calls += [["crosswalk", a, b] for a in FAMILY_TYPES for b in FAMILY_TYPES]
    calls += [["show", "Flandres"], ["show", "11"], ["show", "sustainable-chemistry"]]
    for argv in calls:
        _, out, err = run(capsys, *argv)
        too_wide = [line for line in (out + err).splitlines() if not fits(line)]
        assert not too_wide, (argv, too_wide)


LONG_URL = "https://example.org/" + "a" * 120


def test_a_token_longer_than_the_width_stands_alone_unbroken(capsys: pytest.CaptureFixture[str]) -> None:
    source = attrs.evolve(fs.sources()[0], url=LONG_URL, date_note=f"see {LONG_URL} for the date")
    cli._print(cli._render(source))
    lines = capsys.readouterr().out.splitlines()
    assert LONG_URL in lines  # alone on its line, unbroken, not even indented
    assert lines.count(LONG_URL) == 2
    assert all(len(line) <= cli.WIDTH for line in lines if line != LONG_URL)
    assert "  url" in lines  # the field's name is left on the line before
    token = "b" * 95  # not longer than the width: it fits, moved left of its indent if need be
    cli._print(cli._wrap(f"x {token}", 10, "  field   "))
    assert capsys.readouterr().out.splitlines() == ["  field   x", " " * 5 + token]


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
    # A long name (a page's title) wraps onto the next lines: compared with white space squashed.
    first = out.split("\n  id ", 1)[0]
    assert " ".join(first.split()) == f"{record.family.replace('_', ' ')}: {' '.join(record.name.split())}"
    assert "\n  id " in out
    assert record.id in out
    squashed = " ".join(out.split())
    for citation in record.citations:
        assert f"“{' '.join(citation.quote.split())}”" in squashed
    [shown] = run_json(capsys, "show", record.id, "--family", record.family)
    assert shown["family"] == record.family
    assert _convert.converter.structure(shown["record"], type(record)) == record


def shared_key() -> str:
    keys = [k for f in INDICES for r in INDICES[f].all() for k in (r.id, r.name, *r.aliases)]
    shared = [k for k in keys if len(families_finding(k)) > 1]
    assert shared, "the data has ids that two families share (sustainable-chemistry)"
    return str(shared[0])


def test_show_without_family_prints_every_match_and_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    key = shared_key()
    families = families_finding(key)
    status, out, _ = run(capsys, "show", key)
    assert status == 0
    assert out.startswith(f"{key!r} matches {len(families)} records ({', '.join(families).replace('_', ' ')})")
    for family in families:
        record = INDICES[family].get(key)
        assert f"\n{family.replace('_', ' ')}: {record.name}\n" in out
    shown = run_json(capsys, "show", key)
    assert [item["family"] for item in shown] == families


@pytest.mark.parametrize("command", ["show", "related"])
def test_a_key_of_several_words_needs_no_quotes(capsys: pytest.CaptureFixture[str], command: str) -> None:
    quoted = run(capsys, command, "flux 50")
    assert quoted[0] == 0
    assert run(capsys, command, "flux", "50") == quoted
    assert run(capsys, command, "flux", "50", "--family", "cluster") == quoted
    assert run(capsys, command, "Flanders’", "FOOD") == run(capsys, command, "Flanders’ FOOD")
    status, _, err = run(capsys, command, "flux", "51")
    assert status == 1
    assert "no record matches 'flux 51'" in err


def test_search_words_need_no_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "search", "blauwe", "cluster") == run(capsys, "search", "blauwe cluster")


def test_show_a_miss_exits_1_with_did_you_mean(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "show", "Flx50")
    assert status == 1
    assert out == ""
    assert err.startswith("flanders-s3: no record matches 'Flx50'; did you mean one of these?\n")
    assert "\n  cluster: 'Flux50'\n" in err
    status, out, err = run(capsys, "show", "Flx50", "--family", "cluster")
    assert status == 1
    assert out == ""
    assert err == "flanders-s3: no cluster matches 'Flx50'; did you mean 'Flux50'?\n"


def library_suggestions(key: str) -> dict[str, tuple[str, ...]]:
    """Family -> what its own ``get_*`` suggests for ``key``, through the public API only."""
    out = {}
    for family in FAMILY_TYPES:
        try:
            getattr(fs, f"get_{family}")(key)
        except fs.RecordNotFound as exc:
            out[family] = exc.suggestions
    return out


@pytest.mark.parametrize("key", ["Flandres", "Flx50", "catalist", "enrgy", "vlaams", "blauw clustr"])
def test_a_miss_suggests_exactly_what_the_library_suggests(capsys: pytest.CaptureFixture[str], key: str) -> None:
    suggestions = library_suggestions(key)
    status, _, err = run(capsys, "show", key)
    assert status == 1
    listed = [line for line in err.replace("\n    ", " ").splitlines()[1:] if not line.startswith("  the numbers")]
    assert listed == [
        f"  {family.replace('_', ' ')}: " + " or ".join(repr(s) for s in names)
        for family, names in suggestions.items() if names
    ]
    for family, names in suggestions.items():
        status, _, err = run(capsys, "show", key, "--family", family)
        assert status == 1
        with pytest.raises(fs.RecordNotFound) as raised:
            getattr(fs, f"get_{family}")(key)
        assert raised.value.suggestions == names
        assert err == f"flanders-s3: {raised.value}\n"


def test_show_flandres_suggests_the_flemish_region(capsys: pytest.CaptureFixture[str]) -> None:
    assert library_suggestions("Flandres")["region"] == ("Flemish Region",)
    _, _, err = run(capsys, "show", "Flandres")
    assert "\n  region: 'Flemish Region'\n" in err


def test_a_number_out_of_range_says_what_the_numbers_run_from(capsys: pytest.CaptureFixture[str]) -> None:
    numbers = [p.number for p in fs.priorities()]
    assert (min(numbers), max(numbers)) == (1, 10)
    status, out, err = run(capsys, "show", "11", "--family", "priority")
    assert status == 1
    assert out == ""
    assert err == "flanders-s3: no priority matches '11' (priority numbers run from 1 to 10)\n"
    _, _, err = run(capsys, "show", "0", "--family", "priorities")
    assert "(priority numbers run from 1 to 10)" in err
    _, _, err = run(capsys, "show", "eleven", "--family", "priority")
    assert "numbers run" not in err  # not a number: nothing to say about numbers
    _, _, err = run(capsys, "show", "11", "--family", "cluster")
    assert "numbers run" not in err  # clusters have no numbers
    _, _, err = run(capsys, "show", "99")
    spans = [f"{f.replace('_', ' ')} {min(n)} to {max(n)}" for f in FAMILY_TYPES if f in NUMBERED
             for n in [[r.number for r in INDICES[f].all()]]]
    assert squash(err).endswith("the numbers run: " + ", ".join(spans))


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
    # The columns, in order; a table too wide for the terminal stacks them ("id / date / ...").
    assert [c for c in out.splitlines()[0].split() if c != "/"] == ["id", "date", "publisher", "title"]
    for source in fs.sources():
        assert source.id in out
        if source.date_earliest is not None:
            assert source.date_earliest.iso in out
    assert run_json(capsys, "sources") == [fs.to_dict(s) for s in fs.sources()]


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
    assert run(capsys, "export", "--format", "json", "--output", "-") == (0, out, "")
    status, out, _ = run(capsys, "export", "--format", "schema")
    assert status == 0
    assert out == (ROOT / "schema" / "flanders_s3.schema.json").read_text(encoding="utf-8")
    assert run(capsys, "export", "--format", "schema", "--output", "-") == (0, out, "")


def test_export_writes_files_where_told(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    assert run(capsys, "export", "--format", "json", "--output", str(tmp_path / "all.json"))[0] == 0
    assert (tmp_path / "all.json").read_text(encoding="utf-8") == export.to_json()
    assert run(capsys, "export", "--format", "schema", "--output", str(tmp_path / "s.json"))[0] == 0
    assert (tmp_path / "s.json").read_text(encoding="utf-8") == export.json_schema_text()
    assert run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "csv"))[0] == 0
    assert sorted(p.stem for p in (tmp_path / "csv").iterdir()) == sorted(export.table_names())
    assert run(capsys, "export", "--format", "datapackage", "--output", str(tmp_path / "dp"))[0] == 0
    assert (tmp_path / "dp" / "datapackage.json").is_file()
    assert not (tmp_path / "-").exists()


def test_export_usage_errors(capsys: pytest.CaptureFixture[str], tmp_path: Any) -> None:
    status, _, err = run(capsys, "export", "--format", "csv")
    assert status == 2
    assert "--output DIR" in err
    for fmt in ("csv", "datapackage"):
        status, out, err = run(capsys, "export", "--format", fmt, "--output", "-")
        assert (status, out) == (2, "")
        assert "--output DIR" in err
    assert run(capsys, "export", "--format", "xml")[0] == 2
    for fmt in ("json", "schema", "csv"):
        status, out, err = run(capsys, "export", "--format", fmt, "--output", "")
        assert (status, out) == (2, "")
        assert "argument --output: must not be empty (use - for standard output)" in err
        assert err.startswith("usage: flanders-s3 export")
    (tmp_path / "file").write_text("")
    status, _, err = run(capsys, "export", "--format", "csv", "--output", str(tmp_path / "file"))
    assert status == 1
    assert err == f"flanders-s3: cannot write {tmp_path / 'file'}: exists and is not a directory\n"


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


def test_search_without_hits_exits_1_in_every_output_mode(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "search", "qqqxqqqzzz")
    assert (status, out, err) == (1, "", "flanders-s3: nothing matches 'qqqxqqqzzz'\n")
    status, out, err = run(capsys, "search", "qqqxqqqzzz", "--json")
    assert (status, json.loads(out), err) == (1, [], "flanders-s3: nothing matches 'qqqxqqqzzz'\n")
    status, out, err = run(capsys, "search", "...")  # no letter or digit: no hit either
    assert (status, out) == (1, "")


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
    assert "\n  cluster: 'Flux50'\n" in err


# --- crosswalk ------------------------------------------------------------------------------


@pytest.mark.parametrize(("first", "second"), [("cluster", "priority"), ("priorities", "clusters"),
                                               ("cluster-domains", "organisations"), ("initiative", "region")])
def test_crosswalk_prints_the_librarys_links_with_both_names(
    capsys: pytest.CaptureFixture[str], first: str, second: str
) -> None:
    links = fs.crosswalk(first, second)
    assert links
    assert run_json(capsys, "crosswalk", first, second) == [
        {**fs.to_dict(link), "from_name": link.source.name, "to_name": link.target.name} for link in links
    ]
    status, out, err = run(capsys, "crosswalk", first, second)
    assert (status, err) == (0, "")
    a, b = model.check_family(first), model.check_family(second)
    assert out.splitlines()[0] == f"{a.replace('_', ' ')} -> {b.replace('_', ' ')}: {len(links)} links"
    words = set(out.split())  # a cell may wrap, and a narrow table stacks cells: compare words
    for link in links:
        assert link.from_id in words
        assert link.to_id in words
        for text in (link.source.name, link.relation, link.target.name):
            assert set(text.split()) <= words, text
    assert run(capsys, "crosswalk", first.upper(), second.replace("-", "_")) == (status, out, err)


def test_crosswalk_text_puts_each_link_on_a_row(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "crosswalk", "cluster", "priority")
    lines = out.splitlines()
    assert lines[1].split() == ["cluster", "name", "relation", "priority", "name", "basis"]
    for line, link in zip(lines[2:], fs.crosswalk("cluster", "priority"), strict=True):
        assert line.split()[0] == link.from_id
        assert line.split()[-1] == link.basis.value


def test_crosswalk_stated_only_and_errors(capsys: pytest.CaptureFixture[str]) -> None:
    stated = run_json(capsys, "crosswalk", "priority", "cluster_domain", "--stated-only")
    assert stated == [{**fs.to_dict(link), "from_name": link.source.name, "to_name": link.target.name}
                      for link in fs.crosswalk("priority", "cluster_domain", stated_only=True)]
    assert all(link["basis"] == "stated" for link in stated)
    status, out, err = run(capsys, "crosswalk", "cluster", "bogus")
    assert (status, out) == (2, "")
    assert "unknown family 'bogus'" in err
    assert run(capsys, "crosswalk", "cluster")[0] == 2
    status, out, _ = run(capsys, "crosswalk", "cluster", "cluster")
    assert (status, out) == (0, "cluster -> cluster: 0 links\n")


# --- the public API only --------------------------------------------------------------------


def test_cli_uses_only_the_public_api() -> None:
    tree = ast.parse((ROOT / "src" / "flanders_s3" / "cli.py").read_text(encoding="utf-8"))
    modules: set[str] = set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.module is not None
            modules.add(node.module)
            if node.module.startswith("flanders_s3"):
                names |= {alias.name for alias in node.names}
    ours = {m for m in modules if m.split(".")[0] == "flanders_s3"}
    assert ours == {"flanders_s3", "flanders_s3.model"}
    assert all(not part.startswith("_") for m in ours for part in m.split("."))
    assert names <= {*fs.__all__, *model.__all__, "export", "PLURALS", "FAMILY_TYPES", "NUMBERED",
                     "check_family"}, names
    # No private attribute of the package either (fs._load, flanders_s3._search ...).
    private = [node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)
               and isinstance(node.value, ast.Name) and node.value.id in {"flanders_s3", "export"}
               and node.attr.startswith("_") and not node.attr.startswith("__")]
    assert private == []
    # The names it reads off the package dynamically are public ones.
    assert all(f"get_{f}" in fs.__all__ and PLURALS[f] in fs.__all__ for f in FAMILY_TYPES)


# --- Ctrl-C ---------------------------------------------------------------------------------


def test_ctrl_c_exits_130_with_one_line(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(fs, "sources", interrupted)
    assert run(capsys, "sources") == (130, "", "flanders-s3: interrupted\n")


# --- the table layout -----------------------------------------------------------------------


words = st.text(alphabet="abcdefgh", min_size=1, max_size=12)
cells = st.lists(words, min_size=0, max_size=12).map(" ".join)


@given(rows=st.integers(1, 4).flatmap(lambda n: st.lists(st.lists(cells, min_size=n, max_size=n), min_size=1)))
def test_table_fits_the_width_and_keeps_every_word(rows: list[list[str]]) -> None:
    lines = cli._table(rows)
    if len(rows[0]) * 12 + 2 * (len(rows[0]) - 1) <= cli.WIDTH:  # always true for up to 4 columns
        assert all(len(line) <= cli.WIDTH for line in lines)
    assert sorted(" ".join(lines).split()) == sorted(" ".join(" ".join(row) for row in rows).split())


long_words = st.text(alphabet="abcdefgh", min_size=1, max_size=130)
long_cells = st.lists(long_words, min_size=0, max_size=6).map(" ".join)


@given(rows=st.integers(1, 7).flatmap(lambda n: st.lists(st.lists(long_cells, min_size=n, max_size=n), min_size=1,
                                                         max_size=5)),
       width=st.sampled_from([cli.WIDTH, cli.WIDTH - 2, 40]))
def test_any_table_fits_but_for_a_single_longer_word(rows: list[list[str]], width: int) -> None:
    lines = cli._table(rows, width=width)
    for line in lines:
        assert len(line) <= width or (" " not in line and len(line) > width), line
    shown = [word for word in " ".join(lines).split() if word != "/"]  # "/" joins stacked headers
    assert sorted(shown) == sorted(" ".join(" ".join(row) for row in rows).split())


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
        assert "\n  cluster: 'Flux50'\n" in result.stderr
    if status == 2:
        assert result.stderr.startswith("usage: python -m flanders_s3") or "error:" in result.stderr



def test_the_readmes_commands_run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
                                  tmp_path: Any) -> None:
    import re
    import shlex

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line for block in re.findall(r"^```sh\n(.*?)^```$", readme, flags=re.MULTILINE | re.DOTALL)
                for line in block.splitlines() if line.startswith("flanders-s3 ")]
    assert len(commands) >= 5
    monkeypatch.chdir(tmp_path)  # the export writes where it is told, relative to here
    for command in commands:
        argv = shlex.split(command.split(" | ")[0])
        status, out, err = run(capsys, *argv[1:])
        assert (status, err) == (0, ""), command
        assert out
