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

import pytest

import flanders_s3 as fs
from flanders_s3.model import PLURALS

PACKAGE_DIR = Path(fs.__file__).resolve().parent
# The family each data file holds; manifest.json and links.json hold none.
FAMILY_OF = {f"{plural}.json": family for family, plural in PLURALS.items()}

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
                 "message": str(exc), "file": getattr(exc, "file", None), "family": getattr(exc, "family", None),
                 "record": getattr(exc, "record", None), "field": getattr(exc, "field", None),
                 "reason": getattr(exc, "reason", None), "cause": repr(exc.__cause__)}}
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


_FROM_FILE: Any = object()


def assert_data_error(result: dict[str, Any], file: str, *, record: str | None, field: str | None,
                      reason: str, family: str | None = _FROM_FILE) -> None:
    """Exactly this DataError, with exactly this message, on both calls and from the other accessor too.

    ``family`` defaults to the family ``file`` holds (None for manifest.json and links.json).
    """
    first = result["first"]
    assert first["type"] == "DataError", first
    assert first["cause"] == "None"  # one error, not a chain of library internals
    fields = {key: first[key] for key in ("file", "family", "record", "field", "reason")}
    family = FAMILY_OF.get(file) if family is _FROM_FILE else family
    assert fields == {"file": file, "family": family, "record": record, "field": field, "reason": reason}
    where = file + (f", record {record}" if record is not None else "") + (f", field {field}" if field else "")
    assert first["message"] == f"{where}: {reason}"
    # Nothing was cached: the same call, and the family's other accessors, fail alike.
    assert result["second"] == first
    assert result["also"] == [first, first]


def clusters_json() -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads((PACKAGE_DIR / "data" / "clusters.json").read_bytes())
    assert len(data) >= 2, "these cases damage the first two clusters"
    return data


CLUSTERS = ("fs.clusters()", "fs.get_cluster('Flux50')")


def test_truncated_json(tmp_path: Path) -> None:
    content = (PACKAGE_DIR / "data" / "clusters.json").read_bytes()
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b[: len(b) // 2])
    try:
        json.loads(content[: len(content) // 2])
    except ValueError as exc:
        parse_error = str(exc)
    result = probe(root, *CLUSTERS)
    assert_data_error(result, "clusters.json", record=None, field=None,
                      reason=f"is not valid UTF-8 JSON ({parse_error})")
    assert result["sources"] == {"type": None, "value": repr(len(fs.sources()))}  # other families still load


def test_a_field_of_the_wrong_type(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0].update(tagline=5))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="tagline",
                      reason="expected str, got int")


def test_a_nested_field_of_the_wrong_type(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0]["citations"][0].update(quote=["a list"]))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="citations[0].quote",
                      reason="expected str, got list")


def test_an_int_where_a_string_belongs_is_not_coerced(tmp_path: Path) -> None:
    victim = clusters_json()[1]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(name=50))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="name",
                      reason="expected str, got int")


def test_an_unknown_extra_key_is_named_as_the_field(tmp_path: Path) -> None:
    victim = clusters_json()[1]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(colour="red"))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="colour",
                      reason="unknown field(s) colour")


def test_a_nested_unknown_key_is_named_with_its_path(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0]["citations"][0].update(zeta=1, alpha=2))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="citations[0].alpha",
                      reason="unknown field(s) alpha, zeta")


def test_a_duplicate_id(tmp_path: Path) -> None:
    data = clusters_json()
    victim = data[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].update(id=victim))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="id",
                      reason="id is used twice")


def test_two_records_sharing_an_alias(tmp_path: Path) -> None:
    data = clusters_json()

    def share(d: list[dict[str, Any]]) -> None:
        d[0]["aliases"] = [*d[0]["aliases"], "Shared Alias"]
        d[1]["aliases"] = [*d[1]["aliases"], "shared-alias"]  # the same key once normalised

    root = damaged_copy(tmp_path, "clusters.json", share)
    # The lookup's key check raises this one, after the loader's checks passed.
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(data[1]["id"]), field="aliases",
                      reason=f"key 'shared-alias' also finds {data[0]['id']!r}", family="cluster")


@pytest.mark.parametrize("clash", ["live id", "other former id", "normalised key"])
def test_a_former_id_that_finds_another_record(tmp_path: Path, clash: str) -> None:
    data = clusters_json()
    squeezed = "".join(data[0]["name"].lower().split())
    squeezed = f"{squeezed[:2]}-{squeezed[2:]}"  # no key as written, but normalised it is the name
    old = {"live id": data[0]["id"], "other former id": "retired-one", "normalised key": squeezed}[clash]

    def retire(d: list[dict[str, Any]]) -> None:
        if clash == "other former id":
            d[0]["former_ids"] = ["retired-one"]
        d[1]["former_ids"] = [*d[1]["former_ids"], old]

    root = damaged_copy(tmp_path, "clusters.json", retire)
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(data[1]["id"]), field="former_ids",
                      reason=f"former id {old!r} also finds {data[0]['id']!r}", family="cluster")


def test_a_dangling_reference(tmp_path: Path) -> None:
    data = json.loads((PACKAGE_DIR / "data" / "priorities.json").read_bytes())
    index = next(i for i, p in enumerate(data) if p.get("cluster_id"))
    victim = data[index]["id"]
    root = damaged_copy(tmp_path, "priorities.json", lambda d: d[index].update(cluster_id="no-such-cluster"))
    result = probe(root, "fs.priorities()", f"fs.get_priority({data[index]['number']})")
    assert_data_error(result, "priorities.json", record=repr(victim), field="cluster_id",
                      reason="refers to a cluster 'no-such-cluster' that does not exist")


def test_a_dangling_citation_source(tmp_path: Path) -> None:
    victim = clusters_json()[0]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[0]["citations"][0].update(source_id="no-such-source"))
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="citations[0].source_id",
                      reason="refers to a source 'no-such-source' that does not exist")


def test_a_file_whose_hash_differs_from_the_manifest(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b.replace(b"Flux50", b"Flux51", 1), rehash=False)
    actual = hashlib.sha256((root / "flanders_s3" / "data" / "clusters.json").read_bytes()).hexdigest()
    listed = fs.manifest()["files"]["clusters.json"]["sha256"]
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=None, field=None,
                      reason=f"sha256 {actual} differs from the manifest's {listed}")


def test_a_missing_data_file(tmp_path: Path) -> None:
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b, rehash=False)
    (root / "flanders_s3" / "data" / "clusters.json").unlink()
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=None, field=None,
                      reason="cannot be read (FileNotFoundError)")


def test_a_missing_file_that_others_refer_to_fails_them_too(tmp_path: Path) -> None:
    # priorities refer to clusters: with clusters.json gone they cannot be checked, so they are not served.
    root = damaged_copy(tmp_path, "clusters.json", raw=lambda b: b, rehash=False)
    (root / "flanders_s3" / "data" / "clusters.json").unlink()
    assert_data_error(probe(root, "fs.priorities()", "fs.get_priority(1)"), "clusters.json", record=None,
                      field=None, reason="cannot be read (FileNotFoundError)")


def test_an_undamaged_copy_loads(tmp_path: Path) -> None:
    # The harness itself: an intact copy must not raise, or every case above proves nothing.
    root = damaged_copy(tmp_path, "clusters.json", lambda d: None)
    result = probe(root, "len(fs.clusters())", "fs.get_cluster('Flux50').id")
    assert result["first"] == {"type": None, "value": repr(len(fs.clusters()))}
    assert result["also"][0] == {"type": None, "value": "'flux50'"}


def test_a_required_field_missing(tmp_path: Path) -> None:
    victim = clusters_json()[1]["id"]
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[1].pop("name") and None)
    assert_data_error(probe(root, *CLUSTERS), "clusters.json", record=repr(victim), field="name",
                      reason="required field missing")
