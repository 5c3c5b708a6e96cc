"""What a release promises: one version string, a data manifest that tells the truth,
a Keep a Changelog file whose newest release is this version, ids that never vanish,
and an sdist that carries everything its tests read and nothing that names the machine
it was built on.

The data files are read the way tzdata's tests read theirs: through
``importlib.resources`` from the installed package, not from the checkout's paths.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import hashlib
import importlib.metadata
import importlib.util
import itertools
import json
import os
import re
import socket
import subprocess
import sys
import tomllib
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

import pytest

import flanders_s3 as fs
from flanders_s3 import _load
from flanders_s3.errors import RecordNotFound
from flanders_s3.lookup import INDICES, get_by_id

ROOT = Path(__file__).resolve().parent.parent
RELEASED_IDS = Path(__file__).resolve().parent / "data" / "released-ids.txt"
SEMVER = r"(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?"


# --- versions ---------------------------------------------------------------------------


def test_version_is_what_the_build_reads() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/flanders_s3/__init__.py"
    # hatchling's regex source: exactly one `__version__ = "..."` line.
    text = (ROOT / "src" / "flanders_s3" / "__init__.py").read_text(encoding="utf-8")
    assert re.findall(r'^__version__ = "([^"]+)"$', text, re.M) == [fs.__version__]
    assert re.fullmatch(SEMVER, fs.__version__)


def test_version_equals_installed_metadata() -> None:
    installed = importlib.metadata.version("flanders-s3")
    assert installed == fs.__version__, (
        f"installed metadata says {installed}, __version__ says {fs.__version__}: reinstall (pip install -e .)"
    )


def test_data_version_is_the_manifests() -> None:
    assert fs.manifest()["data_version"] == fs.DATA_VERSION
    # YYYY.MM.DD of a real day.
    dt.date(*map(int, fs.DATA_VERSION.split(".")))
    assert re.fullmatch(r"\d{4}\.\d{2}\.\d{2}", fs.DATA_VERSION)


# --- the manifest, read from the installed package --------------------------------------


def _data_files() -> dict[str, bytes]:
    data = files("flanders_s3").joinpath("data")
    return {item.name: item.read_bytes() for item in data.iterdir() if item.name.endswith(".json")}


def test_manifest_lists_every_data_file_and_nothing_else() -> None:
    shipped = set(_data_files()) - {_load.MANIFEST_FILE}
    assert set(fs.manifest()["files"]) == shipped
    assert shipped == {*_load.FILES.values(), _load.LINKS_FILE}


@pytest.mark.parametrize("name", sorted({*_load.FILES.values(), _load.LINKS_FILE}))
def test_manifest_entry_is_true(name: str) -> None:
    raw = _data_files()[name]
    entry = fs.manifest()["files"][name]
    assert hashlib.sha256(raw).hexdigest() == entry["sha256"]
    records = json.loads(raw.decode("utf-8"))
    assert isinstance(records, list)
    assert len(records) == entry["records"]


def test_manifest_counts_are_what_the_library_serves() -> None:
    for family, name in _load.FILES.items():
        assert len(INDICES[family].all()) == fs.manifest()["files"][name]["records"], family
    assert len(_load.links()) == fs.manifest()["files"][_load.LINKS_FILE]["records"]


# --- CHANGELOG.md: Keep a Changelog 1.1.0 -----------------------------------------------

_KINDS = ("Added", "Changed", "Deprecated", "Removed", "Fixed", "Security")
# Headings are unlinked (the project names no repository host to link to): kacl-cli accepts them.
_RELEASE = re.compile(rf"## ({SEMVER}) - (\d{{4}}-\d{{2}}-\d{{2}})(?: \[YANKED\])?")


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.split(r"[.+-]", version)[:3])


def parse_changelog(text: str) -> list[tuple[str, dt.date | None]]:
    """The release headings, newest first (``Unreleased`` has no date); raises ValueError on a bad shape."""
    lines = text.splitlines()
    if not lines or lines[0] != "# Changelog":
        raise ValueError("the first line must be '# Changelog'")
    if "keepachangelog.com/en/1.1.0" not in text:
        raise ValueError("must say it follows Keep a Changelog 1.1.0")
    releases: list[tuple[str, dt.date | None]] = []
    for number, line in enumerate(lines, 1):
        if line.startswith("## "):
            if line == "## Unreleased":
                if releases:
                    raise ValueError(f"line {number}: Unreleased must come before every release")
                releases.append(("Unreleased", None))
                continue
            match = _RELEASE.fullmatch(line)
            if match is None:
                raise ValueError(f"line {number}: release heading must read '## X.Y.Z - YYYY-MM-DD': {line!r}")
            try:
                day = dt.date.fromisoformat(match.group(2))
            except ValueError:
                raise ValueError(f"line {number}: {match.group(2)!r} is not a date") from None
            releases.append((match.group(1), day))
        elif line.startswith("### ") and line[4:] not in _KINDS:
            raise ValueError(f"line {number}: change kind must be one of {', '.join(_KINDS)}: {line!r}")
        elif line.startswith("### ") and not releases:
            raise ValueError(f"line {number}: a change kind outside any release")
    dated = [(v, d) for v, d in releases if d is not None]
    for (new_v, new_d), (old_v, old_d) in itertools.pairwise(dated):
        if not (_key(new_v) > _key(old_v) and new_d >= old_d):
            raise ValueError(f"releases out of order: {new_v} ({new_d}) above {old_v} ({old_d})")
    return releases


_HEAD = "# Changelog\n\nThe format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/).\n\n"


def test_changelog_parser_accepts_the_shape() -> None:
    text = _HEAD + "## Unreleased\n\n## 1.1.0 - 2026-02-01\n\n### Added\n\n- x\n\n## 1.0.0 - 2026-01-01\n"
    assert parse_changelog(text) == [
        ("Unreleased", None), ("1.1.0", dt.date(2026, 2, 1)), ("1.0.0", dt.date(2026, 1, 1))]


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("## 1.0.0 2026-01-01\n", "must read"),
        ("## [1.0.0] - 2026-01-01\n", "must read"),
        ("## 1.0.0 - 2026-13-01\n", "is not a date"),
        ("## 1.0 - 2026-01-01\n", "must read"),
        ("## 1.0.0 - 2026-01-01\n\n## Unreleased\n", "must come before"),
        ("## 1.0.0 - 2026-01-01\n\n## 1.1.0 - 2026-02-01\n", "out of order"),
        ("## 1.1.0 - 2026-01-01\n\n## 1.0.0 - 2026-02-01\n", "out of order"),
        ("## 1.0.0 - 2026-01-01\n\n### Improved\n", "change kind"),
        ("## 1.0.0 - 2026-01-01\n\n## 1.0.0 - 2026-01-01\n", "out of order"),
    ],
)
def test_changelog_parser_rejects_bad_shapes(body: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_changelog(_HEAD + body)


def test_changelog_newest_release_is_this_version() -> None:
    releases = parse_changelog((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))
    dated = [(version, day) for version, day in releases if day is not None]
    assert dated, f"CHANGELOG.md has no release heading; add '## {fs.__version__} - YYYY-MM-DD'"
    assert dated[0][0] == fs.__version__, f"newest release is {dated[0][0]}, __version__ is {fs.__version__}"


# --- ids are a promise ------------------------------------------------------------------


def _released() -> list[str]:
    return RELEASED_IDS.read_text(encoding="utf-8").splitlines()


def test_released_ids_file_is_sorted_unique_family_id_lines() -> None:
    lines = _released()
    assert lines, "tests/data/released-ids.txt is empty"
    assert lines == sorted(set(lines))
    for line in lines:
        family, _, record_id = line.partition(":")
        assert family in INDICES, line
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", record_id), line


def test_every_released_id_still_resolves() -> None:
    lost = []
    for line in _released():
        family, _, record_id = line.partition(":")
        retired = any(record_id in r.former_ids for r in INDICES[family].all())
        try:
            if retired:  # a retired id still resolves, and says it is retired
                with pytest.warns(DeprecationWarning, match=f"{record_id!r} is retired"):
                    get_by_id(family, record_id)
            else:
                get_by_id(family, record_id)
            continue
        except RecordNotFound:
            pass
        try:  # a deprecated id: kept as an alias of the record that replaced it
            INDICES[family].get(record_id)
        except RecordNotFound:
            lost.append(line)
    assert not lost, f"released ids no longer resolve (restore them or keep them as aliases): {lost}"


# --- the sdist: everything its tests read, nothing that names the build machine ---------

# Tracked, and left out of the sdist on purpose: kacl-cli's settings. The CI script
# travels, since a test checks it against the classifiers.
SDIST_LEFT_OUT = frozenset({".kacl.yml"})
# hatchling puts these in every sdist, whatever `include` says (PKG-INFO it writes itself).
SDIST_ALWAYS = ("pyproject.toml", ".gitignore", "PKG-INFO")

# An absolute path of a build machine: a home directory (root's too), the system's tree, a
# temporary or work directory, as the start of a path (not a URL's path: no word character,
# dot or slash before it); a Windows profile; an interpreter's install tree.
_MACHINE_PATH = re.compile(
    r"(?<![\w.~/])/(?:home|Users|root|usr|tmp|var|opt|srv|mnt|work|private|nix|Library)/\w"
    r"|\b[A-Za-z]:\\{1,2}(?:Users|Documents and Settings)\b"
    r"|[/\\]\.pyenv[/\\]|\b(?:site|dist)-packages\b",
)


def _sdist_include() -> list[str]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include: list[str] = pyproject["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    return include


def _gitignored() -> Callable[[str, bool], bool]:
    """The .gitignore's rules as hatchling applies them to the sdist (this file's subset: no '!')."""
    rules = []
    for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        assert not line.startswith("!"), f"negated .gitignore rules are not read here: {line}"
        rules.append((line.strip("/"), line.endswith("/"), "/" in line.rstrip("/")))

    def ignored(relative: str, is_dir: bool) -> bool:
        name = relative.rsplit("/", 1)[-1]
        return any(
            (is_dir or not dir_only) and fnmatch.fnmatchcase(relative if anchored else name, pattern)
            for pattern, dir_only, anchored in rules
        )

    return ignored


def sdist_files() -> list[Path]:
    """The files the sdist carries: what `include` names, less what .gitignore ignores.

    The same in a checkout and in an unpacked sdist, where the test run's own
    ``__pycache__`` (ignored) is left out as hatchling leaves it out.
    """
    ignored = _gitignored()
    out: list[Path] = []
    for entry in [*_sdist_include(), *SDIST_ALWAYS]:
        top = ROOT / entry.strip("/")
        if top.is_file():
            out.append(top)
            continue
        for here, dirs, names in os.walk(top):
            base = Path(here).relative_to(ROOT).as_posix()
            dirs[:] = sorted(d for d in dirs if not ignored(f"{base}/{d}", True))
            out += [Path(here, n) for n in sorted(names) if not ignored(f"{base}/{n}", False)]
    return out


def names_the_machine(text: str) -> list[str]:
    """The build-machine paths and names in ``text``; a first-line ``#!`` is a program, not a path."""
    if text.startswith("#!"):
        text = text.partition("\n")[2]
    found = [m.group(0) for m in _MACHINE_PATH.finditer(text)]
    here = {str(ROOT), sys.prefix, sys.base_prefix, str(Path.home())} - {"", "/"}
    found += [value for value in here if re.search(rf"(?<![\w.~/]){re.escape(value)}(?![\w.-])", text)]
    host = socket.gethostname()
    if len(host) >= 5 and host != "localhost" and re.search(rf"\b{re.escape(host)}\b", text):
        found.append(host)
    return found


# Spelt with {S} for "/" (and {B}, {D} for "\\" and "-"): this file ships too, and holds no such path.
S, B, D = "/", "\\", "-"


@pytest.mark.parametrize(
    "text",
    [
        f'"executable": "{S}work{S}main{S}.venv{S}bin{S}python"', f'"{S}tmp{S}dev{S}bin{S}python"',
        f"see {S}home{S}ann{S}src", f"{S}root{S}.cache", f"{S}usr{S}lib{S}python3.11",
        f'"C:{B}{B}Users{B}{B}ann"', f"~{S}.pyenv{S}versions{S}3.12", f"lib{S}python3.11{S}site{D}packages{S}attrs",
        "built in the checkout: {root}",
    ],
)
def test_machine_names_are_recognised(text: str) -> None:
    assert names_the_machine(text.replace("{root}", str(ROOT)))


@pytest.mark.parametrize(
    "text",
    [
        f"#!{S}usr{S}bin{S}env bash\necho", "https://www.vlaio.be/home/clusters", "${TMPDIR:-/tmp}/x.XXXXXX",
        ".venv/bin/python -m pytest", "../../etc/passwd", "a/usr/b", "sources/README.md",
    ],
)
def test_relative_paths_and_urls_are_not_machine_names(text: str) -> None:
    assert names_the_machine(text) == []


def test_sdist_carries_everything_tracked_but_the_ci_settings() -> None:
    include = {entry.strip("/") for entry in _sdist_include()}
    missing = sorted(entry for entry in include if not (ROOT / entry).exists())
    assert missing == [], f"the sdist's include names what is not there: {missing}"
    if (ROOT / ".git").exists():  # a checkout; an unpacked sdist holds only what it carries
        tracked = subprocess.run(
            ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.split("\0")
        tops = {path.split("/", 1)[0] for path in tracked if path}
        left_out = sorted(tops - include - set(SDIST_ALWAYS) - SDIST_LEFT_OUT)
        assert left_out == [], f"tracked but not in the sdist (add to include in pyproject.toml): {left_out}"


def test_no_file_the_sdist_carries_names_the_build_machine() -> None:
    shipped = sdist_files()
    assert ROOT / "schema" / "flanders_s3.schema.json" in shipped
    assert ROOT / "benchmarks" / "results" in {path.parent for path in shipped}
    found = {
        path.relative_to(ROOT).as_posix(): hits
        for path in shipped
        if (hits := names_the_machine(path.read_bytes().decode("utf-8", errors="replace")))
    }
    assert found == {}


def test_benchmark_results_record_the_machine_without_a_path() -> None:
    spec = importlib.util.spec_from_file_location("benchmarks_run", ROOT / "benchmarks" / "run.py")
    assert spec is not None
    assert spec.loader is not None
    run = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run)
    record = json.dumps(run.machine())
    assert names_the_machine(record) == []
    assert sys.executable not in record
    assert run.machine()["executable"] == Path(sys.executable).name


def test_ci_runs_every_python_the_classifiers_claim() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    claimed = {
        c.rsplit(" :: ", 1)[1] for c in pyproject["project"]["classifiers"]
        if re.fullmatch(r"Programming Language :: Python :: 3\.\d+", c)
    }
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    others = re.search(r'^OTHER_PYTHONS="([^"]*)"$', ci, re.MULTILINE)
    assert others, ".ci/run names no OTHER_PYTHONS"
    # The README's test command runs on python3, the oldest supported version.
    oldest = pyproject["project"]["requires-python"].removeprefix(">=")
    assert claimed == {oldest, *others.group(1).split()}
