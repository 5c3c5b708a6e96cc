"""flanders_s3 against a pinned peer (pycountry), side by side in one run.

    python benchmarks/run.py [--quick] [--json PATH]
    python benchmarks/run.py --scale [--quick] [--json PATH]

Cold figures run whole processes of the same interpreter (``sys.executable``),
interleaved A B A B ..., so drift in machine load hits both sides alike; each
pair gives one ratio and the figure is the median of those ratios. Steady
figures run in this process with ``timeit``: per repeat one timing of each
side, again interleaved, reported as best-of and median per call. Memory is
measured in a fresh subprocess with tracemalloc. Nothing here asserts: the
targets are printed beside the figures and written to the JSON.

``--scale`` measures the load path as the data grows: in a temporary copy of the
package, ``clusters.json`` is grown to 700 and 7,000 records (copies of the real
ones under new ids, names and aliases; the manifest updated), and each size is
loaded in fresh processes beside pycountry's first subdivision lookup (5,046
records). The figures: the first ``get_cluster`` against ``json.loads`` of the
same bytes in the same process, the time per record, peak and retained memory,
and the time of each stage of the load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import importlib.metadata
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
from functools import partial
from pathlib import Path
from typing import Any

PEER = "pycountry"
PEER_PIN = "26.2.16"  # benchmarks/README.md names the same pin
RESULTS = Path(__file__).resolve().parent / "results"

# Each cold snippet is the whole program a fresh interpreter runs.
COLD: dict[str, tuple[str, str, float]] = {
    # name: (flanders_s3 snippet, peer snippet, target ratio)
    "cold import + first lookup": (
        "import flanders_s3 as fs; fs.get_cluster('Flux50')",
        "import pycountry; pycountry.countries.get(alpha_2='BE')",
        1.0,
    ),
    "cold import": ("import flanders_s3", "import pycountry", 0.8),
}


def machine() -> dict[str, Any]:
    """What ran the figures. No path: the results ship in the sdist, and a path names the machine."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "executable": Path(sys.executable).name,
        "platform": platform.platform(),
        "cpu": cpu,
        "nproc": os.cpu_count(),
        "load_average": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def versions() -> dict[str, str]:
    import flanders_s3

    out = {"flanders_s3": flanders_s3.__version__, "flanders_s3 data": flanders_s3.DATA_VERSION}
    for dist in (PEER, "attrs", "cattrs"):
        out[dist] = importlib.metadata.version(dist)
    return out


def run_process(code: str) -> float:
    """Wall time of one whole interpreter run of ``code``, in ms."""
    # -I: no PYTHON* variables, no user site, no cwd on sys.path; both sides alike.
    start = time.perf_counter()
    subprocess.run([sys.executable, "-I", "-c", code], check=True)
    return (time.perf_counter() - start) * 1000


def summary(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


def cold(pairs: int) -> dict[str, Any]:
    out = {}
    for name, (ours, peer, target) in COLD.items():
        run_process(ours), run_process(peer)  # warm-up: byte-code caches, page cache
        a, b = [], []
        for _ in range(pairs):
            a.append(run_process(ours))
            b.append(run_process(peer))
        ratios = [x / y for x, y in zip(a, b, strict=True)]
        out[name] = {
            "kind": "cold process (ms)", "flanders_s3": summary(a), PEER: summary(b),
            "ratio": statistics.median(ratios), "ratio_range": [min(ratios), max(ratios)],
            "target": target, "runs": pairs, "code": {"flanders_s3": ours, PEER: peer},
        }
    return out


def steady_pair(ours: Any, peer: Any, repeats: int, budget: float) -> dict[str, Any]:
    """Per-call time (us) of two callables, interleaved per repeat."""
    ours(), peer()  # first calls load data and build indices; steady state excludes them
    numbers = []
    for fn in (ours, peer):
        n, elapsed = 1, 0.0
        while elapsed < budget:  # enough calls that one timing lasts ``budget`` seconds
            n *= 2
            elapsed = timeit.timeit(fn, number=n)
        numbers.append(n)
    a, b = [], []
    for _ in range(repeats):
        a.append(timeit.timeit(ours, number=numbers[0]) / numbers[0] * 1e6)
        b.append(timeit.timeit(peer, number=numbers[1]) / numbers[1] * 1e6)
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return {
        "kind": "steady per call (us)",
        "flanders_s3": {"best": min(a), **summary(a)}, PEER: {"best": min(b), **summary(b)},
        "ratio": statistics.median(ratios), "ratio_best": min(a) / min(b),
        "ratio_range": [min(ratios), max(ratios)], "repeats": repeats, "calls": numbers,
    }


def steady(repeats: int, budget: float) -> dict[str, Any]:
    import pycountry

    import flanders_s3 as fs

    be = pycountry.countries.get
    out: dict[str, Any] = {}
    gc.disable()  # a collection inside one side's timing would skew that pair
    try:
        out["steady get_cluster('flux50')"] = {
            **steady_pair(partial(fs.get_cluster, "flux50"), partial(be, alpha_2="BE"), repeats, budget),
            "target": 0.3, "code": {"flanders_s3": "fs.get_cluster('flux50')", PEER: "countries.get(alpha_2='BE')"},
        }
        out["steady get_cluster('Flux 50')"] = {
            **steady_pair(partial(fs.get_cluster, "Flux 50"), partial(be, alpha_2="BE"), repeats, budget),
            "target": 1.0, "code": {"flanders_s3": "fs.get_cluster('Flux 50')", PEER: "countries.get(alpha_2='BE')"},
        }
        fuzzy = pycountry.countries.search_fuzzy
        out["search('enrgy')"] = {
            **steady_pair(partial(fs.search, "enrgy"), partial(fuzzy, "belgium"), max(3, repeats // 3), budget),
            "target": 0.15, "code": {"flanders_s3": "fs.search('enrgy')", PEER: "countries.search_fuzzy('belgium')"},
        }
    finally:
        gc.enable()
    return out


# Runs in a fresh interpreter. "Code" is what the first load adds besides the
# records: modules imported on first use and cattrs' generated structure hooks.
# It is built first, by structuring every file once and dropping the result, and
# measured apart, so the figure per record counts only the dataset: the
# records with their nested values and strings, the indices and the id sets.
MEMORY = """
import gc, json, tracemalloc
import flanders_s3 as fs
from flanders_s3 import _load, lookup, model
gc.collect()
tracemalloc.start()
code0 = tracemalloc.get_traced_memory()[0]
files = [(name, model.FAMILY_TYPES[family]) for family, name in _load.FILES.items()]
for name, cls in [*files, (_load.LINKS_FILE, model.Link)]:
    _load._structure_all(name, _load.read_json(name), cls)
gc.collect()
data0 = tracemalloc.get_traced_memory()[0]
fs.preload()
gc.collect()
data = tracemalloc.get_traced_memory()[0] - data0
records = sum(len(index.all()) for index in lookup.INDICES.values())
print(json.dumps({"code": data0 - code0, "data": data, "records": records, "links": len(fs.links())}))
"""


def memory() -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-I", "-c", MEMORY], check=True, capture_output=True, text=True)
    m = json.loads(proc.stdout)
    top = m["records"] + m["links"]
    return {
        "kind": "memory (KiB per top-level record)",
        "definition": "tracemalloc bytes that preload() leaves allocated in a fresh process, with the modules "
        "imported and cattrs' structure hooks built beforehand (reported apart as code_bytes), divided by "
        "the top-level records: every record of every family plus every link",
        "data_bytes": m["data"], "code_bytes": m["code"], "records": m["records"], "links": m["links"],
        "value": m["data"] / top / 1024 if top else float("nan"), "target": 2.5,
    }


def table(results: dict[str, Any]) -> str:
    rows = [f"{'figure':34} {'flanders_s3 median [min-max]':>24} {PEER:>24} {'ratio':>7} {'target':>7}  ok"]
    for name, r in results["figures"].items():
        if "skipped" in r:
            rows.append(f"{name:34} {'skipped: ' + r['skipped']}")
            continue
        if r["kind"].startswith("memory"):
            ok = r["value"] <= r["target"]
            rows.append(f"{name:34} {r['value']:>16.2f} KiB/rec {'-':>24} {'-':>7} {r['target']:>7.2f}  "
                        f"{'yes' if ok else 'NO'}  ({r['data_bytes']} B / ({r['records']} records + "
                        f"{r['links']} links); code built on first load: {r['code_bytes'] // 1024} KiB)")
            continue
        unit = "ms" if r["kind"].startswith("cold") else "us"
        cells = [f"{r[s]['median']:.2f} [{r[s]['min']:.2f}-{r[s]['max']:.2f}] {unit}" for s in ("flanders_s3", PEER)]
        ok = "yes" if r["ratio"] <= r["target"] else "NO"
        rows.append(f"{name:34} {cells[0]:>24} {cells[1]:>24} {r['ratio']:>7.3f} {r['target']:>7.2f}  {ok}")
    return "\n".join(rows)


# --- the load path as the data grows ----------------------------------------------------------

SCALE_SIZES = (7, 700, 7000)


def grown_clusters(real: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """``size`` cluster records: the real ones, then copies under new ids, names and aliases."""
    out = []
    for k in range(size):
        record = json.loads(json.dumps(real[k % len(real)]))
        copy_no = k // len(real)
        if copy_no:
            record["id"] = f"{record['id']}-{copy_no}"
            record["name"] = f"{record['name']} {copy_no}"
            record["aliases"] = [f"{alias} {copy_no}" for alias in record["aliases"]]
            record["former_ids"] = []
            record["former_names"] = [f"{name} {copy_no}" for name in record["former_names"]]
            for name in record["names"]:
                name["text"] = f"{name['text']} {copy_no}"
        out.append(record)
    return out


def grown_package(root: Path, size: int) -> Path:
    """A copy of the installed package under ``root`` whose clusters.json holds ``size`` records."""
    import hashlib

    import flanders_s3

    target = root / f"n{size}"
    shutil.copytree(Path(flanders_s3.__file__).parent, target / "flanders_s3",
                    ignore=shutil.ignore_patterns("__pycache__"))
    data = target / "flanders_s3" / "data"
    clusters = grown_clusters(json.loads((data / "clusters.json").read_bytes()), size)
    raw = (json.dumps(clusters, ensure_ascii=False, indent=1) + "\n").encode()
    (data / "clusters.json").write_bytes(raw)
    manifest = json.loads((data / "manifest.json").read_bytes())
    manifest["files"]["clusters.json"] = {"sha256": hashlib.sha256(raw).hexdigest(), "records": size}
    (data / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return target


# Runs in a fresh interpreter with the grown package first on sys.path.
SCALE_TIMES = """
import gc, json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
with open(os.path.join(sys.argv[1], "flanders_s3", "data", "clusters.json"), "rb") as f:
    raw = f.read()
t0 = time.perf_counter()
json.loads(raw)  # the baseline first, while the heap is small: the loader gets no help from it
t1 = time.perf_counter()
del raw
gc.collect()
t2 = time.perf_counter()
import flanders_s3 as fs
t3 = time.perf_counter()
fs.get_cluster("Flux50")
t4 = time.perf_counter()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"json": t1 - t0, "import": t3 - t2, "first": t4 - t3, "peak_kib": peak}))
"""

# The first load of clusters.json taken apart, stage by stage, in a fresh interpreter.
SCALE_STAGES = """
import gc, json, sys, time
sys.path.insert(0, sys.argv[1])
import flanders_s3 as fs
from flanders_s3 import _load, lookup, model
name, cls = "clusters.json", model.FAMILY_TYPES["cluster"]
_load.manifest(); _load.records("source")  # what the cluster's references need, read beforehand
gc.disable()  # as the loader does while it loads
t = [time.perf_counter()]
raw = _load._read_bytes(name); _load._digest(raw); t.append(time.perf_counter())
parsed = _load._parse(name, raw); t.append(time.perf_counter())
items = _load._structure_all(name, parsed, cls); t.append(time.perf_counter())
_load._in_progress["cluster"] = frozenset(r.id for r in items)
_load._check_references(name, items); t.append(time.perf_counter())
del _load._in_progress["cluster"]
_load._records["cluster"] = items
gc.enable()  # the index is built after the loader has returned
t.append(time.perf_counter())
lookup.INDICES["cluster"]._load(); t.append(time.perf_counter())
stages = ["read and hash", "parse", "structure", "check references", None, "index"]
print(json.dumps({s: b - a for s, a, b in zip(stages, t, t[1:]) if s}))
"""

SCALE_MEMORY = """
import gc, json, sys, tracemalloc
sys.path.insert(0, sys.argv[1])
import flanders_s3 as fs
tracemalloc.start()
fs.get_cluster("Flux50")
gc.collect()
retained, peak = tracemalloc.get_traced_memory()
print(json.dumps({"retained": retained, "peak": peak}))
"""

PEER_SCALE = """
import json, resource, time
t0 = time.perf_counter()
import pycountry
pycountry.subdivisions.get(code="BE-VLG")
t1 = time.perf_counter()
print(json.dumps({"whole": t1 - t0, "records": len(pycountry.subdivisions),
                  "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
"""


def probe(code: str, *args: str) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-I", "-c", code, *args], check=True, capture_output=True, text=True)
    result: dict[str, Any] = json.loads(proc.stdout)
    return result


def scale(runs: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in SCALE_SIZES:
            package = str(grown_package(Path(tmp), size))
            probe(SCALE_TIMES, package)  # warm-up: byte-code caches, page cache
            times, peer = [], []
            for _ in range(runs):  # interleaved with the peer, as the cold figures are
                times.append(probe(SCALE_TIMES, package))
                peer.append(probe(PEER_SCALE))
            stages = [probe(SCALE_STAGES, package) for _ in range(runs)]
            mem = probe(SCALE_MEMORY, package)
            first = statistics.median(t["first"] for t in times)
            out[str(size)] = {
                "records": size,
                "first lookup (ms)": first * 1000,
                "json.loads (ms)": statistics.median(t["json"] for t in times) * 1000,
                "ratio to json.loads": statistics.median(t["first"] / t["json"] for t in times),
                "whole process, import + first lookup (ms)": statistics.median(
                    t["import"] + t["first"] for t in times) * 1000,
                "per record (us)": first / size * 1e6,
                "peak RSS (MiB)": statistics.median(t["peak_kib"] for t in times) / 1024,
                "retained by the first lookup (MiB)": mem["retained"] / 2**20,
                "traced peak of the first lookup (MiB)": mem["peak"] / 2**20,
                "stages (ms)": {s: statistics.median(r[s] for r in stages) * 1000 for s in stages[0]},
                PEER: {"whole process, import + first subdivisions.get (ms)":
                       statistics.median(p["whole"] for p in peer) * 1000,
                       "records": peer[0]["records"],
                       "peak RSS (MiB)": statistics.median(p["peak_kib"] for p in peer) / 1024},
                "runs": runs,
            }
    big, mid = out[str(SCALE_SIZES[-1])], out[str(SCALE_SIZES[-2])]
    out["targets"] = {
        "ratio to json.loads at 7,000": {"value": big["ratio to json.loads"], "target": 3.0},
        "per record, 7,000 / 700": {"value": big["per record (us)"] / mid["per record (us)"], "target": 1.5},
    }
    return out


def scale_table(results: dict[str, Any]) -> str:
    sizes = [str(n) for n in SCALE_SIZES]
    r = results["scale"]
    rows = [f"{'clusters.json of N records':44}" + "".join(f"{'N = ' + n:>14}" for n in sizes)]
    for key in ("first lookup (ms)", "json.loads (ms)", "ratio to json.loads", "per record (us)",
                "whole process, import + first lookup (ms)", "peak RSS (MiB)",
                "retained by the first lookup (MiB)", "traced peak of the first lookup (MiB)"):
        rows.append(f"{key:44}" + "".join(f"{r[n][key]:>14.2f}" for n in sizes))
    for stage in r[sizes[0]]["stages (ms)"]:
        cells = "".join(f"{r[n]['stages (ms)'][stage]:>14.2f}" for n in sizes)
        rows.append(f"{'  stage: ' + stage + ' (ms)':44}{cells}")
    peer = r[sizes[0]][PEER]
    whole = statistics.median(r[n][PEER]["whole process, import + first subdivisions.get (ms)"] for n in sizes)
    rows.append(f"{PEER}: import + first subdivisions.get of {peer['records']} records: {whole:.1f} ms, "
                f"peak RSS {peer['peak RSS (MiB)']:.1f} MiB")
    for name, t in r["targets"].items():
        ok = "yes" if t["value"] <= t["target"] else "NO"
        rows.append(f"{name}: {t['value']:.2f} (target <= {t['target']}) {ok}")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (under 30 s); for a smoke check")
    parser.add_argument("--json", type=Path, default=None,
                        help="where to write the results (default: results/latest.json, or scale.json with --scale)")
    parser.add_argument("--scale", action="store_true", help="the load path at 700 and 7,000 records instead")
    args = parser.parse_args(argv)
    if args.json is None:
        args.json = RESULTS / ("scale.json" if args.scale else "latest.json")

    vers = versions()
    if vers[PEER] != PEER_PIN:
        print(f"warning: {PEER} {vers[PEER]} is installed; the figures are pinned to {PEER_PIN}", file=sys.stderr)
    print("versions:", ", ".join(f"{k} {v}" for k, v in vers.items()))
    info = machine()
    print(f"machine: {info['cpu']}, {info['nproc']} cpus, Python {info['python']} ({info['executable']})")

    started = time.perf_counter()
    if args.scale:
        results = {"when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "quick": args.quick,
                   "machine": info, "versions": vers, "scale": scale(2 if args.quick else 5)}
        results["seconds"] = round(time.perf_counter() - started, 1)
        print(scale_table(results))
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
        return 0
    pairs, repeats, budget = (8, 5, 0.02) if args.quick else (50, 15, 0.1)
    figures = {**cold(pairs), **steady(repeats, budget), "memory retained by the dataset": memory()}
    results = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "quick": args.quick, "seconds": round(time.perf_counter() - started, 1),
        "machine": info, "versions": vers, "figures": figures,
    }
    print(table(results))
    print(f"({results['seconds']} s; ratio = flanders_s3 / {PEER}, median over interleaved pairs)")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
