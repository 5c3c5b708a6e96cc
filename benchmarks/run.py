"""flanders_s3 against a pinned peer (pycountry), side by side in one run.

    python benchmarks/run.py [--quick] [--json PATH]

Cold figures run whole processes of the same interpreter (``sys.executable``),
interleaved A B A B ..., so drift in machine load hits both sides alike; each
pair gives one ratio and the figure is the median of those ratios. Steady
figures run in this process with ``timeit``: per repeat one timing of each
side, again interleaved, reported as best-of and median per call. Memory is
measured in a fresh subprocess with tracemalloc. Nothing here asserts: the
targets are printed beside the figures and written to the JSON.
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
import statistics
import subprocess
import sys
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs (under 30 s); for a smoke check")
    parser.add_argument("--json", type=Path, default=RESULTS / "latest.json", help="where to write the results")
    args = parser.parse_args(argv)

    vers = versions()
    if vers[PEER] != PEER_PIN:
        print(f"warning: {PEER} {vers[PEER]} is installed; the figures are pinned to {PEER_PIN}", file=sys.stderr)
    print("versions:", ", ".join(f"{k} {v}" for k, v in vers.items()))
    info = machine()
    print(f"machine: {info['cpu']}, {info['nproc']} cpus, Python {info['python']} ({info['executable']})")

    pairs, repeats, budget = (8, 5, 0.02) if args.quick else (50, 15, 0.1)
    started = time.perf_counter()
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
