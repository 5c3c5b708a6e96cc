"""Each lock, proved by a test that fails without it.

Every case runs in a fresh interpreter: many threads are released together by a
``threading.Barrier`` against a first load whose critical section is slowed (the
patched step sleeps), with ``sys.setswitchinterval`` lowered so threads switch often.
With the lock in place the work is done once and every thread gets the same objects.
Each case runs a second time with that one lock swapped for a no-op, and must then
see the work done more than once: so the test is known to fail when the lock goes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from typing import Any

import pytest

THREADS = 12

# Shared by every case: a no-op lock, the barrier and the result as JSON.
PRELUDE = f"""
import json, sys, threading, time
sys.setswitchinterval(1e-6)
import flanders_s3 as fs
from flanders_s3 import _crosswalk, _load, _search, lookup

class NoLock:
    def __enter__(self): return self
    def __exit__(self, *exc): return False
    def acquire(self, *args, **kwargs): return True
    def release(self): pass

def slowed(function, counts, key):
    def wrapper(*args, **kwargs):
        counts[key] = counts.get(key, 0) + 1
        time.sleep(0.02)  # inside the critical section: every other thread arrives meanwhile
        return function(*args, **kwargs)
    return wrapper

def together(work):
    barrier = threading.Barrier({THREADS})
    seen = [None] * {THREADS}
    def run(i):
        barrier.wait()
        seen[i] = work()
    threads = [threading.Thread(target=run, args=(i,)) for i in range({THREADS})]
    for t in threads: t.start()
    for t in threads: t.join()
    return all(s is not None for s in seen), all(s is seen[0] for s in seen)
"""

# lock name -> (how to remove it, the scenario that sets `counts` and `extra`).
CASES: dict[str, tuple[str, str]] = {
    "family load (_load._lock)": (
        "_load._lock = NoLock()",
        """
        counts = {}
        _load._structure_all = slowed(_load._structure_all, counts, "structures")
        done, same = together(lambda: _load.records("cluster"))
        extra = {}
        """,
    ),
    "manifest (_load._lock)": (
        "_load._lock = NoLock()",
        """
        counts = {}
        _load._checked_manifest = slowed(_load._checked_manifest, counts, "checks")
        done, same = together(_load.manifest)
        extra = {"cached": len(_load._manifest)}
        """,
    ),
    "links file (_load._lock)": (
        "_load._lock = NoLock()",
        """
        counts = {}
        _load.read_json("manifest.json"); _load.manifest()
        _load._check_references = slowed(_load._check_references, counts, "checks")
        done, same = together(_load.links)
        extra = {"cached": len(_load._links)}
        """,
    ),
    "index build (lookup._Index._lock)": (
        "lookup.INDICES['cluster']._lock = NoLock()",
        """
        counts = {}
        _load.records("cluster")  # loaded first: only the index build is raced
        lookup._Index._build = slowed(lookup._Index._build, counts, "builds")
        done, same = together(lambda: fs.get_cluster("Flux50"))
        extra = {}
        """,
    ),
    "search index (_search._lock)": (
        "_search._lock = NoLock()",
        """
        counts = {}
        original = _search._FamilyIndex
        class Slowed(original):
            def __init__(self, family):
                counts["builds"] = counts.get("builds", 0) + 1
                time.sleep(0.02)
                super().__init__(family)
        _search._FamilyIndex = Slowed
        done, same = together(lambda: _search._index("cluster"))
        extra = {}
        """,
    ),
    "crosswalk links (_crosswalk._lock)": (
        "_crosswalk._lock = NoLock()",
        """
        counts = {}
        _load.links()  # loaded first: only the derivation is raced
        _crosswalk._derive = slowed(_crosswalk._derive, counts, "derivations")
        done, same = together(_crosswalk._all)
        extra = {"cached": len(_crosswalk._links)}
        """,
    ),
    "crosswalk relations (_crosswalk._lock)": (
        "_crosswalk._lock = NoLock()",
        """
        counts = {}
        _crosswalk._all()
        original = _crosswalk.Relation
        def slowed_relation(*args):
            if not counts.get("seen"):
                counts["seen"] = 1
                time.sleep(0.02)
            return original(*args)
        _crosswalk.Relation = slowed_relation
        done, same = together(_crosswalk._by_record)
        _crosswalk.Relation = original
        counts["builds"] = len(_crosswalk._relations)
        extra = {"cached": len(_crosswalk._relations)}
        """,
    ),
}


def run_case(name: str, *, locked: bool) -> dict[str, Any]:
    remove, scenario = CASES[name]
    code = PRELUDE + ("" if locked else remove + "\n") + textwrap.dedent(scenario) + (
        "\ncounts.pop('seen', None)\n"
        "print(json.dumps({'counts': counts, 'done': done, 'same': same, **extra}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def once(result: dict[str, Any]) -> bool:
    """The raced work was done once, every thread got the same object, and one value was cached."""
    return (result["done"] and result["same"] and set(result["counts"].values()) == {1}
            and result.get("cached", 1) == 1)


@pytest.mark.parametrize("name", list(CASES))
def test_the_lock_makes_a_first_load_happen_once(name: str) -> None:
    result = run_case(name, locked=True)
    assert result["done"], result
    assert once(result), result


@pytest.mark.parametrize("name", list(CASES))
def test_without_its_lock_the_same_race_is_seen(name: str) -> None:
    # The proof that the test above can fail: the same scenario with this one lock made a
    # no-op does the work more than once (or hands threads different objects).
    # Some threads may even fail (a half-loaded family's marker deleted twice): that counts too.
    result = run_case(name, locked=False)
    assert not once(result), result
