"""The exceptions: DataError's fixed fields and message, and every error surviving pickle, copy and processes."""

from __future__ import annotations

import copy
import inspect
import json
import multiprocessing
import pickle
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, strategies as st

from flanders_s3 import errors
from flanders_s3.errors import NOT_FOUND, DataError, FlandersS3Error, RecordNotFound
from test_faults import PACKAGE_DIR, damaged_copy

TEXT = st.text(max_size=30)
MAYBE = st.none() | TEXT
ALL_ERRORS = sorted(
    (cls for _, cls in inspect.getmembers(errors, inspect.isclass)
     if issubclass(cls, BaseException) and cls.__module__ == errors.__name__),
    key=lambda cls: cls.__name__,
)


# --- DataError: fields and message ---------------------------------------------------------------


def test_the_message_is_the_location_then_the_reason() -> None:
    error = DataError("clusters.json", "expected list, got str", record="'flux50'", field="aliases",
                      family="cluster")
    assert str(error) == "clusters.json, record 'flux50', field aliases: expected list, got str"
    assert (error.file, error.family, error.record, error.field, error.reason) == (
        "clusters.json", "cluster", "'flux50'", "aliases", "expected list, got str")
    assert error.args == (str(error),)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({}, "links.json: is not valid"),
    ({"record": "#3"}, "links.json, record #3: is not valid"),
    ({"field": "files['a.json']"}, "links.json, field files['a.json']: is not valid"),
    ({"family": "cluster"}, "links.json: is not valid"),  # the family is a field, not part of the message
])
def test_the_location_names_only_what_is_known(kwargs: dict[str, str], message: str) -> None:
    error = DataError("links.json", "is not valid", **kwargs)
    assert str(error) == message
    assert error.reason == "is not valid"
    assert (error.record, error.field, error.family) == tuple(kwargs.get(k) for k in ("record", "field", "family"))


def test_the_positional_signature_still_works() -> None:
    error = DataError("clusters.json", "key 'x' also finds 'y'", record="'z'", field="aliases")
    assert (str(error), error.family) == ("clusters.json, record 'z', field aliases: key 'x' also finds 'y'", None)
    assert isinstance(error, FlandersS3Error)


# --- every error survives pickle and copy ------------------------------------------------------------


def data_errors(cls: type[DataError]) -> st.SearchStrategy[DataError]:
    return st.builds(cls, TEXT, TEXT, record=MAYBE, field=MAYBE, family=MAYBE)


def misses(cls: type[RecordNotFound]) -> st.SearchStrategy[RecordNotFound]:
    return st.builds(cls, st.text(max_size=200), st.lists(TEXT, max_size=3).map(tuple))


def any_error(cls: type[BaseException]) -> st.SearchStrategy[BaseException]:
    if issubclass(cls, DataError):
        return data_errors(cls)
    if issubclass(cls, RecordNotFound):
        return misses(cls)
    if cls is FlandersS3Error:
        return st.builds(cls, TEXT)
    raise AssertionError(f"no strategy for {cls.__name__}: add one, and its fields to FIELDS")


FIELDS = ("file", "family", "record", "field", "reason", "query", "suggestions")


def state(error: BaseException) -> dict[str, Any]:
    """What must survive: class, message, args, every public field and any notes."""
    return {"class": type(error), "message": str(error), "args": error.args,
            "notes": getattr(error, "__notes__", None),
            **{name: getattr(error, name) for name in FIELDS if hasattr(error, name)}}


COPIES = [*(lambda e, p=p: pickle.loads(pickle.dumps(e, protocol=p)) for p in range(pickle.HIGHEST_PROTOCOL + 1)),
          copy.copy, copy.deepcopy]


def test_every_exception_class_is_covered() -> None:
    assert set(ALL_ERRORS) == {DataError, FlandersS3Error, RecordNotFound, *NOT_FOUND.values()}
    for cls in ALL_ERRORS:
        any_error(cls)  # raises if a class has no strategy


@given(data=st.data(), cls=st.sampled_from(ALL_ERRORS), note=st.none() | TEXT)
def test_every_exception_survives_pickle_and_copy(data: st.DataObject, cls: type[BaseException],
                                                  note: str | None) -> None:
    error = data.draw(any_error(cls))
    if note is not None:
        error.add_note(note)
    for duplicate in COPIES:
        again = duplicate(error)
        assert again is not error
        assert state(again) == state(error)


@given(error=data_errors(DataError))
def test_a_data_error_keeps_all_five_fields(error: DataError) -> None:
    for duplicate in COPIES:
        again = duplicate(error)
        assert (again.file, again.family, again.record, again.field, again.reason) == (
            error.file, error.family, error.record, error.field, error.reason)
        assert str(again) == str(error)


# --- across processes -----------------------------------------------------------------------------


def raise_data_error(fields: dict[str, Any]) -> None:
    raise DataError(fields["file"], fields["reason"], record=fields["record"], field=fields["field"],
                    family=fields["family"])


def test_a_pool_worker_hitting_a_data_error_returns_it_to_the_parent() -> None:
    # Before DataError pickled, the parent could not rebuild the worker's error and map() waited for ever.
    fields = {"file": "clusters.json", "reason": "expected list, got str", "record": "'flux50'", "field": "aliases",
              "family": "cluster"}
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        result = pool.map_async(raise_data_error, [fields])
        with pytest.raises(DataError) as info:
            result.get(timeout=60)  # a hang fails here, as multiprocessing.TimeoutError
    error = info.value
    assert {k: getattr(error, k) for k in fields} == fields
    assert str(error) == "clusters.json, record 'flux50', field aliases: expected list, got str"


POOL = """
import json, multiprocessing, sys
sys.path.insert(0, {root!r})
import flanders_s3 as fs
from flanders_s3.lookup import get_by_id
assert fs.__file__.startswith({root!r}), fs.__file__

if __name__ == "__main__":
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        try:
            pool.starmap_async(get_by_id, [("cluster", "flux50"), ("cluster", "sim")]).get(timeout=60)
        except fs.DataError as exc:
            print(json.dumps({{k: getattr(exc, k) for k in ("file", "family", "record", "field", "reason")}}))
"""


def test_workers_loading_damaged_data_report_it_to_the_parent(tmp_path: Path) -> None:
    clusters = json.loads((PACKAGE_DIR / "data" / "clusters.json").read_bytes())
    index = next(i for i, c in enumerate(clusters) if c["id"] == "flux50")
    root = damaged_copy(tmp_path, "clusters.json", lambda d: d[index].update(aliases="lxz"))
    script = tmp_path / "pool.py"
    script.write_text(textwrap.dedent(POOL.format(root=str(root))), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=180)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == {"file": "clusters.json", "family": "cluster", "record": "'flux50'",
                                       "field": "aliases", "reason": "expected list, got str"}
