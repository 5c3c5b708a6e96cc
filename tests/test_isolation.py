"""One caller cannot change what the next sees; first loads race safely; odd installs work.

The install tests run the package in a fresh interpreter (a cold cache, no
state from this test process), built from the installed package directory, so
they test what users get rather than the repo layout.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path
from types import MappingProxyType
from typing import Any

import attrs
import pytest

import flanders_s3 as fs
from flanders_s3 import _load
from flanders_s3.lookup import INDICES

PACKAGE_DIR = Path(fs.__file__).resolve().parent


def run_python(code: str, *, path: Path | None = None, env: dict[str, str] | None = None) -> Any:
    """Run ``code`` in a fresh interpreter (``path`` first on sys.path); return the JSON it prints last."""
    prologue = f"import sys; sys.path.insert(0, {str(path)!r})\n" if path else ""
    proc = subprocess.run(
        [sys.executable, "-c", prologue + textwrap.dedent(code)],
        capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})},
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


# --- returned objects are not shared mutable state --------------------------------------


@pytest.mark.parametrize("family", list(INDICES))
def test_collections_are_tuples_and_the_same_each_call(family: str) -> None:
    first = INDICES[family].all()
    assert type(first) is tuple
    mine = list(first)
    mine.clear()  # my copy, not the library's
    mine.append("junk")
    assert INDICES[family].all() is first
    assert "junk" not in INDICES[family].all()


def test_links_are_a_tuple() -> None:
    assert type(fs.links()) is tuple
    assert fs.links() is fs.links()


def test_the_index_registry_is_read_only() -> None:
    # pycountry's public index dicts can be changed by any caller; ours cannot.
    with pytest.raises(TypeError):
        INDICES["cluster"] = INDICES["priority"]  # type: ignore[index]
    with pytest.raises(TypeError):
        del INDICES["cluster"]  # type: ignore[attr-defined]


def test_records_and_their_nested_values_are_frozen(record: fs.Record) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        record.name = "changed"  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        del record.id
    with pytest.raises(AttributeError):  # slotted: no room for new attributes
        record.extra = 1  # type: ignore[attr-defined]
    for field in attrs.fields(type(record)):
        value = getattr(record, field.name)
        assert not isinstance(value, list | dict | set | bytearray), field.name
        for item in value if isinstance(value, tuple) else (value,):
            if attrs.has(type(item)):
                with pytest.raises(attrs.exceptions.FrozenInstanceError):
                    setattr(item, attrs.fields(type(item))[0].name, None)
    assert INDICES[record.family].get(record.id).name != "changed"


def test_the_manifest_is_read_only_all_the_way_down(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_load, "_manifest", [])  # read here, so that this test sees it made
    manifest = fs.manifest()
    assert type(manifest) is type(manifest["files"]) is type(manifest["files"]["clusters.json"]) is MappingProxyType
    with pytest.raises(TypeError):
        manifest["data_version"] = "x"  # type: ignore[index]
    files = manifest["files"]
    with pytest.raises(TypeError):
        files["clusters.json"] = {}
    with pytest.raises(TypeError):
        files["clusters.json"]["sha256"] = "0" * 64
    assert fs.manifest()["files"]["clusters.json"]["sha256"] != "0" * 64


def test_a_miss_error_does_not_share_its_suggestions() -> None:
    with pytest.raises(fs.ClusterNotFound) as first:
        fs.get_cluster("flux5")
    assert type(first.value.suggestions) is tuple
    with pytest.raises(fs.ClusterNotFound) as second:
        fs.get_cluster("flux5")
    assert second.value.suggestions == first.value.suggestions


# --- the first load, raced ------------------------------------------------------------------


def test_32_threads_loading_at_once_load_once_and_share_the_objects() -> None:
    result = run_python(
        """
        import json, threading
        from collections import Counter
        import flanders_s3 as fs
        from flanders_s3 import _load

        reads, structures = Counter(), Counter()
        read_json, structure_all = _load.read_json, _load._structure_all

        def counting_read(name):
            reads[name] += 1
            return read_json(name)

        def counting_structure(name, raw, cls):
            structures[name] += 1
            return structure_all(name, raw, cls)

        _load.read_json, _load._structure_all = counting_read, counting_structure
        assert not _load._records, "something loaded before the threads started"

        barrier = threading.Barrier(32)
        seen = [None] * 32

        def work(i):
            barrier.wait()
            seen[i] = (fs.get_cluster("Flux50"), fs.clusters(), fs.priorities(), fs.get_priority(1))

        threads = [threading.Thread(target=work, args=(i,)) for i in range(32)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        same = all(all(a is b for a, b in zip(s, seen[0])) for s in seen)
        print(json.dumps({"reads": reads, "structures": structures, "same": same,
                          "done": sum(s is not None for s in seen)}))
        """
    )
    assert result["done"] == 32
    assert result["same"]
    # Each family the threads touched was structured exactly once, and no file was
    # parsed for its records more than once (a second read only fetches a family's ids).
    assert result["structures"] == {"clusters.json": 1, "priorities.json": 1}
    assert result["reads"]["clusters.json"] == 1
    assert result["reads"]["priorities.json"] == 1
    assert all(count <= 2 for count in result["reads"].values()), result["reads"]


# --- installs that are not a writable directory ------------------------------------------

LOOKUPS = """
import json, flanders_s3 as fs
fs.preload()
total = sum(len(i.all()) for i in __import__("flanders_s3.lookup").lookup.INDICES.values())
try:
    fs.get_cluster("flux5")
except fs.ClusterNotFound as exc:
    miss = list(exc.suggestions)
print(json.dumps({"file": fs.__file__, "cluster": fs.get_cluster("Flux 50").id, "total": total,
                  "miss": miss, "region": fs.region.id}))
"""


def copy_package(dest: Path) -> Path:
    shutil.copytree(PACKAGE_DIR, dest / "flanders_s3", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def expected_total() -> int:
    return sum(len(index.all()) for index in INDICES.values())


def test_imports_and_loads_from_a_zip_file(tmp_path: Path) -> None:
    archive = tmp_path / "flanders_s3.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for file in sorted(PACKAGE_DIR.rglob("*")):
            if file.is_file() and "__pycache__" not in file.parts:
                zf.write(file, Path("flanders_s3") / file.relative_to(PACKAGE_DIR))
    result = run_python(LOOKUPS, path=archive)
    assert result["file"].startswith(str(archive))  # not the editable install
    assert result["cluster"] == "flux50"
    assert result["total"] == expected_total()
    assert "Flux50" in result["miss"]


# Fails the run on any connection attempt or any file opened for writing.
GUARD = """
import os, socket, sys
violations = []
WRITE = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC

def audit(event, args):
    if event == "open":
        path, mode, flags = args
        if (isinstance(mode, str) and any(c in mode for c in "wax+")) or (isinstance(flags, int) and flags & WRITE):
            violations.append(f"open {path!r} {mode!r} {flags!r}")
    elif event in ("socket.connect", "socket.getaddrinfo"):
        violations.append(f"{event} {args!r}")

sys.addaudithook(audit)

def refuse(*args, **kwargs):
    raise OSError("network use in flanders_s3")

socket.socket.connect = refuse
socket.create_connection = refuse
"""


def test_a_read_only_install_works_and_writes_nothing(tmp_path: Path) -> None:
    root = copy_package(tmp_path)
    for path in [*root.rglob("*"), root]:
        path.chmod(path.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    try:
        code = GUARD + LOOKUPS.replace("print(json.dumps({", "print(json.dumps({'violations': violations, ")
        result = run_python(code, path=root, env={"PYTHONDONTWRITEBYTECODE": "1"})
    finally:
        for path in [root, *root.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
    assert result["file"].startswith(str(root))
    assert result["violations"] == []
    assert result["total"] == expected_total()
    assert not list(root.rglob("__pycache__"))


def test_no_network_and_no_file_written_at_run_time() -> None:
    code = GUARD + LOOKUPS.replace("print(json.dumps({", "print(json.dumps({'violations': violations, ")
    result = run_python(code, env={"PYTHONDONTWRITEBYTECODE": "1"})
    assert result["violations"] == []
    assert result["cluster"] == "flux50"
    assert result["total"] == expected_total()


def test_the_guard_catches_a_write() -> None:
    # Without this, a guard that never fires would pass the two tests above.
    code = GUARD + "import json, tempfile\ntempfile.TemporaryFile().close()\nprint(json.dumps(violations))"
    assert run_python(code, env={"PYTHONDONTWRITEBYTECODE": "1"})
