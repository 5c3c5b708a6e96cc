"""Shared fixtures: the repo's source texts, and a parametrisation over every shipped record.

A test that takes an argument named ``record`` runs once per record of every
family (babel's "every locale" marker, done as a pytest hook), so a new record
is tested the moment it lands, with no list to update.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

import flanders_s3 as fs
from flanders_s3.lookup import INDICES

ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = ROOT / "sources"

settings.register_profile("default", max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else "default")


def all_records() -> list[fs.Record]:
    return [record for index in INDICES.values() for record in index.all()]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "record" in metafunc.fixturenames:
        records = all_records()
        metafunc.parametrize("record", records, ids=[f"{r.family}:{r.id}" for r in records])


def plain_id(text: str) -> str:
    """A test id in printable ASCII: any other character (and the backslash) as ``U+XXXX``.

    pytest writes other characters with backslash escapes, and an id holding a backslash
    cannot be selected again by its name, which is how mutmut runs the tests of a mutant.
    """
    return "".join(c if c.isascii() and c.isprintable() and c != "\\" else f"U+{ord(c):04X}" for c in text)


def pytest_make_parametrize_id(config: pytest.Config, val: object, argname: str) -> str | None:
    if isinstance(val, bytes):
        val = val.decode("latin-1")
    if isinstance(val, str) and plain_id(val) != val:
        return plain_id(val)
    return None  # pytest's own id


def squash(text: str) -> str:
    """White space normalised, as quotes are matched (the sources keep NBSPs and line breaks)."""
    return " ".join(text.split())


@pytest.fixture(scope="session")
def source_texts() -> dict[str, str]:
    """Captured source id -> the squashed text of the repo's own copy under sources/ (never ../shared).

    A public page has no copy here (the library cites it, it does not keep it), so it has no entry.
    """
    return {s.id: squash((SOURCES_DIR / s.file).read_text(encoding="utf-8"))
            for s in fs.sources() if s.file is not None}


@pytest.fixture(scope="session")
def page_ids() -> frozenset[str]:
    """The ids of the public pages among the sources."""
    return frozenset(s.id for s in fs.sources() if s.is_page)


# --- mutation testing: what a test reaches through work done once ---------------------------
# mutmut surveys the suite once to learn which tests reach each function, then runs a
# mutant against those tests only. The loader, the indices, the search index, the crosswalk
# and the timeline do their work once per process: in the survey that work runs inside the
# first test that asks for it, and a later test that reads the same records would not be
# linked to it, although in the mutant's own fresh process it may be the first to ask. So
# each test is also linked to everything that the functions it called have ever called.
if os.environ.get("MUTANT_UNDER_TEST") == "stats":

    @pytest.hookimpl(tryfirst=True)  # before mutmut's own hook files this test's functions
    def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> None:
        from mutmut.state import state  # only under mutmut's survey

        survey = state()
        called: dict[str, set[str]] = {}
        for callee, callers in survey.function_dependencies.items():
            for caller in callers:
                called.setdefault(caller, set()).add(callee)
        todo = list(survey._stats)
        while todo:
            for callee in called.get(todo.pop(), ()):
                if callee not in survey._stats:
                    survey._stats.add(callee)
                    todo.append(callee)
