"""The docs: they build offline with warnings as errors, every page is in the navigation,
the pages generated from the model and the data cover every family and field, and what
the pages show (commands, CLI output, API names) is what the project really has.

The generator needs only attrs and the package, so its tests run without Sphinx;
the build itself is skipped where Sphinx is not installed (the ``docs`` extra).
The pages' ``>>>`` examples run as doctests (``--doctest-glob=*.md``), not here.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest

import flanders_s3 as fs
from flanders_s3.lookup import INDICES
from flanders_s3.model import FAMILY_TYPES

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_ext"))

import flanders_docs  # noqa: E402

from flanders_s3.cli import main  # noqa: E402

PAGES = sorted(p.stem for p in DOCS.glob("*.md"))


def _blocks(text: str, language: str) -> list[str]:
    """The bodies of the page's fenced code blocks of ``language``."""
    return re.findall(rf"^```{language}\n(.*?)^```$", text, flags=re.MULTILINE | re.DOTALL)


def _sections(text: str) -> dict[str, str]:
    """Family -> its section of the data dictionary."""
    out: dict[str, str] = {}
    text = text.split("\n## Value types")[0]
    for chunk in text.split("\n## `")[1:]:
        family, _, body = chunk.partition("`")
        out[family] = body
    return out


def test_data_dictionary_lists_every_field_of_every_family() -> None:
    missing: list[str] = []
    sections = _sections(flanders_docs.data_dictionary(missing))
    assert missing == [], f"model fields without metadata['doc']: {missing}"
    assert set(sections) == set(FAMILY_TYPES)
    for family, cls in FAMILY_TYPES.items():
        rows = [line for line in sections[family].splitlines() if line.startswith("| `")]
        assert [row.split("`")[1] for row in rows] == [f.name for f in attrs.fields(cls)], family


def test_data_dictionary_names_the_sources_each_field_is_cited_from() -> None:
    files = {s.id: s.file for s in fs.sources()}
    for family in FAMILY_TYPES:
        per_field, overall = flanders_docs.field_sources(family)
        for field, counter in per_field.items():
            assert set(counter) <= set(overall), (family, field)
        cited = {c.source_id for record in INDICES[family].all() for c in record.citations}
        assert cited <= set(overall), family
    text = flanders_docs.data_dictionary([])
    cited_files = {files[c.source_id] for r in fs.clusters() for c in r.citations if c.supports == "tagline"}
    tagline_row = next(line for line in _sections(text)["cluster"].splitlines() if line.startswith("| `tagline`"))
    assert all(f"`{name}`" in tagline_row for name in cited_files)


def test_sources_page_has_every_source_and_disagreement() -> None:
    text = flanders_docs.sources_page()
    for source in fs.sources():
        assert f"`{source.id}`" in text
        assert source.date_note in text
    for group in fs.region.innovation_performance:
        assert repr(group.group) in text
    for priority in fs.priorities():
        if priority.named_as != priority.named.name:
            assert repr(priority.named_as) in text
    assert f"{len(fs.clusters())} spearhead clusters against {len(fs.priorities())} priority domains" in text


def test_connections_picture_is_svg_with_every_priority_and_its_lead() -> None:
    root = ET.fromstring(flanders_docs.connections_svg())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    titles = {t.text for t in root.iter("{http://www.w3.org/2000/svg}title")}
    for priority in fs.priorities():
        assert f"priority:{priority.id}" in titles
        assert f"{priority.named.family}:{priority.named.id}" in titles
    for domain in fs.cluster_domains():
        assert f"cluster_domain:{domain.id}" in titles


def test_timeline_picture_draws_every_period_and_every_dated_step() -> None:
    root = ET.fromstring(flanders_docs.timeline_svg())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    titles = [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}title")]
    with_period = [r for f in FAMILY_TYPES for r in fs.lookup.INDICES[f].all() if r.period is not None]
    assert with_period
    for record in with_period:
        assert any(t.startswith(f"{record.key}: {record.period.start.date}") for t in titles), record.key  # type: ignore[union-attr]
    steps = [e for e in fs.timeline() if e.record.period is not None and not e.what.startswith("period ")]
    assert len(titles) == len(with_period) + len(steps)


def test_connections_picture_draws_each_pair_of_records_once() -> None:
    # fs.links() also holds the links read off stored ids, which the picture draws already.
    _, edges = flanders_docs.graph()
    pairs = [frozenset((a, b)) for a, b, _ in edges]
    assert len(pairs) == len(set(pairs))
    named = {frozenset((("priority", p.id), (p.named.family, p.named.id))) for p in fs.priorities()}
    assert named <= set(pairs)


def test_index_toctrees_hold_every_page() -> None:
    index = (DOCS / "index.md").read_text(encoding="utf-8")
    listed = [line.strip() for block in _blocks(index, r"\{toctree\}") for line in block.splitlines()
              if line.strip() and not line.startswith(":")]
    assert sorted(listed) == sorted(set(PAGES) - {"index"})
    assert len(listed) == len(set(listed))
    for page in ("guide-search", "guide-export", "guide-cli", "performance"):
        assert page in listed
    assert "optional pages" not in index


def test_api_page_documents_the_public_names_not_the_private_modules() -> None:
    text = flanders_docs.api_page()
    assert "## Search, crosswalk and timeline" in text
    for name in ("search", "related", "crosswalk", "links"):
        assert f".. autofunction:: flanders_s3.{name}\n" in text, name
        assert callable(getattr(fs, name)), name
    for name in ("Hit", "Relation"):
        assert f".. autoclass:: flanders_s3.{name}\n" in text, name
        assert isinstance(getattr(fs, name), type), name
    for module in ("flanders_s3.model", "flanders_s3.lookup", "flanders_s3.errors", "flanders_s3.export",
                   "flanders_s3.cli", "flanders_s3.testing"):
        assert f".. automodule:: {module}\n" in text, module
    assert ".. automodule:: flanders_s3.search" not in text
    assert ".. automodule:: flanders_s3.crosswalk" not in text
    assert "flanders_s3._search" not in text
    assert "flanders_s3._crosswalk" not in text
    # Every name the section documents is public: in flanders_s3.__all__.
    documented = re.findall(r"^\.\. auto(?:function|class):: flanders_s3\.(\w+)$", text, flags=re.MULTILINE)
    assert {"manifest", "search", "Hit", "related", "Relation", "crosswalk", "links"} <= set(documented)
    assert set(documented) <= set(fs.__all__)
    # The lookup section names only members lookup has.
    members = re.search(r"automodule:: flanders_s3\.lookup\n   :members: (.*)", text)
    assert members is not None
    from flanders_s3 import lookup

    assert all(hasattr(lookup, name.strip()) for name in members.group(1).split(","))


def test_pages_name_no_module_that_is_gone() -> None:
    gone = re.compile(r"flanders_s3\.(?:search|crosswalk)\.|(?:from|import) flanders_s3\.(?:search|crosswalk)\b"
                      r"|lookup\.links|\ball_links\b")
    for page in [*DOCS.glob("*.md"), DOCS / "_ext" / "flanders_docs.py", DOCS / "conf.py"]:
        found = gone.findall(page.read_text(encoding="utf-8"))
        assert found == [], (page.name, found)


def test_getting_started_gives_the_readmes_set_up_commands_and_the_docs_build() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    page = (DOCS / "getting-started.md").read_text(encoding="utf-8")
    commands = [line for block in _blocks(page, "sh") for line in block.splitlines()]
    for marker in ("main-command", "test-command"):
        block = readme.split(f"<!-- {marker} -->\n```sh\n")[1].split("```")[0].strip()
        assert block in commands, marker
    assert '.venv/bin/pip install -e ".[docs]"' in commands
    assert ".venv/bin/python -m sphinx -n -W -b html docs docs/_build/html" in commands


def test_cli_guide_shows_the_programs_real_output(capsys: pytest.CaptureFixture[str]) -> None:
    text = (DOCS / "guide-cli.md").read_text(encoding="utf-8")
    blocks = _blocks(text, "console")
    assert blocks, "guide-cli.md shows no command with its output"
    ran = 0
    for block in blocks:
        status: int | None = None
        # Each "$ " line is a command; the lines up to the next one are its output.
        for chunk in re.split(r"^\$ ", block, flags=re.MULTILINE)[1:]:
            command, _, shown = chunk.partition("\n")
            if command == "echo $?":
                assert shown == f"{status}\n", f"exit status of the command before: {status}"
                continue
            argv = shlex.split(command)
            assert argv[0] == "flanders-s3", command
            status = main(argv[1:], prog="flanders-s3")
            out, err = capsys.readouterr()
            assert out + err == shown, f"$ {command}\n{out}{err}"
            ran += 1
    assert ran >= 5


def test_every_family_has_a_guide() -> None:
    guides = "\n".join(p.read_text(encoding="utf-8") for p in DOCS.glob("guide-*.md"))
    assert [f for f in FAMILY_TYPES if f"get_{f}" not in guides] == []


def test_ci_builds_the_docs_nitpicky() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ".venv/bin/python -m sphinx -n -W --keep-going -q -b html docs docs/_build/html\n" in ci


def test_docs_build_offline_nitpicky_with_warnings_as_errors(tmp_path: Path) -> None:
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    pytest.importorskip("furo")
    out = tmp_path / "html"
    run = subprocess.run(
        [sys.executable, "-m", "sphinx", "-n", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(DOCS), str(out)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert run.returncode == 0, run.stderr[-4000:]
    for page in PAGES:
        assert (out / f"{page}.html").is_file(), page
    assert (out / "_images" / "connections.svg").is_file()
    assert (out / "_images" / "timeline.svg").is_file()
    api = (out / "api.html").read_text(encoding="utf-8")
    for cls in FAMILY_TYPES.values():
        assert f'id="flanders_s3.model.{cls.__name__}"' in api, cls.__name__
    for name in ("search", "Hit", "related", "Relation", "crosswalk", "links", "export.to_dataframe",
                 "export.write_datapackage", "testing.spellings"):
        assert f'id="flanders_s3.{name}"' in api, name
    # Offline: no page loads anything from another host.
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""<(?:script|link|img)[^>]+(?:src|href)=["']https?://""", html), page.name
