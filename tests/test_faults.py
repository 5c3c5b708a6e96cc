"""Damaged data: one clear DataError naming file, record and field, raised every time.

Each case copies the installed package into a temporary directory, damages
one data file (re-hashing it into the manifest unless the hash is the
damage), and imports the copy in a fresh interpreter with that directory
first on sys.path, so the cache starts cold and this process is untouched.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import flanders_s3 as fs

PACKAGE_DIR = Path(fs.__file__).resolve().parent

# Runs in the damaged copy: call ``CALL`` twice and describe both failures,
# then check that the other accessors of the family fail too.
PROBE = """
import json, sys
sys.path.insert(0, {root!r})
import flanders_s3 as fs
assert fs.__file__.startswith({root!r}), fs.__file__

def attempt(call):
    try:
        value = call()
    except Exception as exc:
        return {{"type": type(exc).__name__, "is_data_error": isinstance(exc, fs.DataError),
                 "message": str(exc), "file": getattr(exc, "file", None), "record": getattr(exc, "record", None),
                 "field": getattr(exc, "field", None), "cause": repr(exc.__cause__)}}
    return {{"type": None, "value": repr(value)[:200]}}

call = lambda: {call}
first, second = attempt(call), attempt(call)
also = [attempt(lambda: {other}) for _ in range(2)]
print(json.dumps({{"first": first, "second": second, "also": also, "sources": attempt(lambda: len(fs.sources()))}}))
"""


def damaged_copy(tmp_path: Path, file: str, damage: Callable[[Any], Any] | None = None, *,
                 raw: Callable[[bytes], bytes] | None = None, rehash: bool = True) -> Path:
    """A copy of the package with ``file`` damaged: as parsed JSON (``damage``) or as bytes (``raw``)."""
    root = tmp_path / "site"
    shutil.copytree(PACKAGE_DIR, root / "flanders_s3", ignore=shutil.ignore_patterns("__pycache__"))
    data = root / "flanders_s3" / "data"
    path = data / file
    content = path.read_bytes()
    if damage is not None:
        parsed = json.loads(content)
        parsed = damage(parsed) or parsed
        content = (json.dumps(parsed, ensure_ascii=False, indent=2) + "\n").encode()
    if raw is not None:
        content = raw(content)
    path.write_bytes(content)
    if rehash:
        manifest = json.loads((data / "manifest.json").read_bytes())
        manifest["files"][file]["sha256"] = hashlib.sha256(content).hexdigest()
        (data / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return root


def probe(root: Path, call: str, other: str) -> dict[str, Any]:
    code = PROBE.format(root=str(root), call=call, other=other)
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def assert_one_data_error(result: dict[str, Any], file: str, *, record: str | None, field: str | None,
                          words: tuple[str, ...] = ()) -> None:
    first = result["first"]
    assert first["type"] == "DataError", first
    assert first["cause"] == "None"  # one error, not a chain of library internals
    assert first["file"] == file
    assert file in first["message"]
    if record is not None:
        assert record in (first["record"] or ""), first
        assert record in first["message"]
    if field is not None:
        assert field in (first["field"] or ""), first
        assert field in first["message"]
    for word in words:
        assert word in first["message"], first
    # Nothing was cached: the same call, and the family's other accessors, fail alike.
    assert result["second"] == first
    for also in result["also"]:
        assert also["type"] == "DataError", also
        assert also["message"] == first["message"]


def clusters_json() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((PACKAGE_DIR / "data" / "clusters.json").read_bytes())
    assert len(data) >= 2, "these cases damage the first two clusters"
    return data


CLUSTERS = ("fs.clusters()", "fs.get_cluster('Flux50')")


def test_truncated_json(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b[: len(b) // 2])
    result = probe(root, *CLUSTERS)
    assert_one_data_error(result, "clusters.json", record=None, field=None, words=("JSON",))
    assert result["sources"] == {"type": None, "value": repr(len(fs.sources()))}  # other families still load


def test_a_field_of_the_wrong_type(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0].update(tagline=5))
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=victim, field="tagline")


def test_a_nested_field_of_the_wrong_type(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0]["citations"][0].update(quote=["a list"]))
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=victim, field="quote")


def test_an_int_where_a_string_belongs_is_not_coerced(tmp_path: Path) -> None:
    victim = clusters_json()[1]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(name=50))
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=victim, field="name")


def test_an_unknown_extra_key(tmp_path: Path) -> None:
    victim = clusters_json()[1]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(colour="red"))
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=victim, field=None, words=("colour",))


def test_an_unknown_extra_key_is_named_as_the_field(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(colour="red"))
    assert probe(root, *CLUSTERS)["first"]["field"] == "colour"


def test_a_duplicate_id(tmp_path: Path) -> None:
    data = clusters_json()
    victim = data[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(id=victim))
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=victim, field="id", words=("twice",))


def test_two_records_sharing_an_alias(tmp_path: Path) -> None:
    data = clusters_json()

    def share(d: list[dict[str, Any]]) -> None:
        d[0]["aliases"] = [*d[0]["aliases"], "Shared Alias"]
        d[1]["aliases"] = [*d[1]["aliases"], "shared-alias"]  # the same key once normalised

    root = damaged_copy(tmp_path, "clusters.json", share)
    result = probe(root, *CLUSTERS)
    assert_one_data_error(result, "clusters.json", record=data[1]["id"], field="aliases", words=(data[0]["id"],))


def test_a_dangling_reference(tmp_path: Path) -> None:
    data = json.loads((PACKAGE_DIR / "data" / "priorities.json").read_bytes())
    index = next(i for i, p in enumerate(data) if p.get("cluster_id"))
    victim = data[index]["id"]
    root = damaged_copy(tmp_path, "priorities.json", lambda d: d[index].update(cluster_id="no-such-cluster"))
    result = probe(root, "fs.priorities()", f"fs.get_priority({data[index]['number']})")
    assert_one_data_error(result, "priorities.json", record=victim, field="cluster_id", words=("no-such-cluster",))


def test_a_dangling_citation_source(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0]["citations"][0].update(source_id="no-such-source"))
    result = probe(root, *CLUSTERS)
    assert_one_data_error(result, "clusters.json", record=victim, field="source_id", words=("no-such-source",))


def test_a_file_whose_hash_differs_from_the_manifest(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b.replace(b"Flux50", b"Flux51", 1), rehash=False)
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=None, field=None, words=("sha256",))


def test_a_missing_data_file(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b, rehash=False)
    (root / "flanders_s3" / "data" / "clusters.json").unlink()
    assert_one_data_error(probe(root, *CLUSTERS), "clusters.json", record=None, field=None)


def test_a_missing_file_that_others_refer_to_fails_them_too(tmp_path: Path) -> None:
    # priorities refer to clusters: with clusters.json gone they cannot be checked, so they are not served.
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b, rehash=False)
    (root / "flanders_s3" / "data" / "clusters.json").unlink()
    assert_one_data_error(probe(root, "fs.priorities()", "fs.get_priority(1)"), "clusters.json", record=None,
                          field=None)


def test_an_undamaged_copy_loads(tmp_path: Path) -> None:
    # The harness itself: an intact copy must not raise, or every case above proves nothing.
    root = damaged_copy(tmp_path, "clusters.json", lambda d: None)
    result = probe(root, "len(fs.clusters())", "fs.get_cluster('Flux50').id")
    assert result["first"] == {"type": None, "value": repr(len(fs.clusters()))}
    assert result["also"][0] == {"type": None, "value": "'flux50'"}


def test_a_structure_error_field_is_the_bare_path(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0].update(tagline=5))
    assert probe(root, *CLUSTERS)["first"]["field"] == "tagline"
