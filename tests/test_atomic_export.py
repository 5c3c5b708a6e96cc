"""The exports are atomic: a failure (a full disk, Ctrl-C) leaves the old output untouched and
nothing partial behind; a directory that is not an earlier export is never replaced."""

from __future__ import annotations

import errno
import json
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import flanders_s3 as fs
from flanders_s3 import cli, export, model


def snapshot(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` (relative path -> bytes), and so every name beside them."""
    return {str(p.relative_to(directory)): p.read_bytes() if p.is_file() else b"<dir>"
            for p in sorted(directory.rglob("*"))}


def fail_after(monkeypatch: pytest.MonkeyPatch, calls: int, error: BaseException) -> None:
    """``os.fsync`` succeeds ``calls`` times, then raises ``error`` (a full disk shows there at the latest)."""
    real = os.fsync
    count = 0

    def fsync(fd: int) -> None:
        nonlocal count
        count += 1
        if count > calls:
            raise error
        real(fd)

    monkeypatch.setattr(os, "fsync", fsync)


ENOSPC = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
FAILURES = [pytest.param(ENOSPC, id="ENOSPC"), pytest.param(KeyboardInterrupt(), id="SIGINT")]


# --- one file -------------------------------------------------------------------------------


@pytest.mark.parametrize("write", [export.write_json, export.write_schema])
@pytest.mark.parametrize("error", FAILURES)
def test_a_failed_file_export_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, write: Callable[[Path], Path], error: BaseException
) -> None:
    target = tmp_path / "k.json"
    target.write_text("the old export\n", encoding="utf-8")
    before = snapshot(tmp_path)
    fail_after(monkeypatch, 0, error)
    with pytest.raises(type(error)):
        write(target)
    assert snapshot(tmp_path) == before
    monkeypatch.undo()
    assert write(target) == target
    assert sorted(p.name for p in tmp_path.iterdir()) == ["k.json"]
    assert target.read_text(encoding="utf-8") in (export.to_json(), export.json_schema_text())


def test_a_file_export_replaces_the_file_in_one_step(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "k.json"
    target.write_text("old\n", encoding="utf-8")
    seen: list[str] = []
    real = os.replace

    def replace(source: Any, destination: Any) -> None:
        seen.append(Path(destination).read_text(encoding="utf-8"))  # the old file is whole until the rename
        assert Path(source).parent == target.parent  # written beside the target: the rename cannot cross devices
        assert Path(source).read_text(encoding="utf-8") == export.to_json()
        real(source, destination)

    monkeypatch.setattr(os, "replace", replace)
    export.write_json(target)
    assert seen == ["old\n"]
    assert target.read_text(encoding="utf-8") == export.to_json()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and links")
def test_a_file_export_keeps_the_usual_mode_and_follows_a_link(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.write_text("")
    path = export.write_json(tmp_path / "k.json")
    assert path.stat().st_mode == plain.stat().st_mode  # 0o666 less the umask, as open() gives
    link = tmp_path / "link.json"
    real = tmp_path / "real.json"
    real.write_text("old\n", encoding="utf-8")
    link.symlink_to(real)
    assert export.write_json(link) == link
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == export.to_json()


def test_a_file_export_onto_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IsADirectoryError, match="is a directory"):
        export.write_json(tmp_path)
    with pytest.raises(ValueError, match="must not be empty"):
        export.write_json("")


def test_the_cli_reports_a_failed_file_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "k.json"
    target.write_text("the old export\n", encoding="utf-8")
    fail_after(monkeypatch, 0, ENOSPC)
    assert cli.main(["export", "--format", "json", "--output", str(target)]) == 1
    assert capsys.readouterr() == ("", f"flanders-s3: cannot write {target}: No space left on device\n")
    assert snapshot(tmp_path) == {"k.json": b"the old export\n"}


# --- a directory ----------------------------------------------------------------------------


@pytest.fixture
def earlier(tmp_path: Path) -> Path:
    """An earlier Data Package export, with a table a later version no longer writes."""
    directory = tmp_path / "package"
    export.write_datapackage(directory)
    for path in directory.glob("*.csv"):  # so that any file rewritten in place shows
        path.write_text(f"an older {path.name}\n", encoding="utf-8")
    package = json.loads((directory / "datapackage.json").read_text(encoding="utf-8"))
    (directory / "datapackage.json").write_text(json.dumps({**package, "version": "older"}), encoding="utf-8")
    (directory / "gone.csv").write_text("a table of an older version\n", encoding="utf-8")
    return directory


@pytest.mark.parametrize("write", [export.write_csv, export.write_datapackage])
@pytest.mark.parametrize("error", FAILURES)
@pytest.mark.parametrize("calls", [0, 5, 30])
def test_a_failed_directory_export_leaves_the_old_one(
    earlier: Path, monkeypatch: pytest.MonkeyPatch, write: Callable[[Path], Any], error: BaseException, calls: int
) -> None:
    before = snapshot(earlier.parent)
    fail_after(monkeypatch, calls, error)
    with pytest.raises(type(error)):
        write(earlier)
    assert snapshot(earlier.parent) == before  # nothing new beside it either


def test_a_directory_export_replaces_the_whole_directory(earlier: Path) -> None:
    path = export.write_datapackage(earlier)
    assert path == earlier / "datapackage.json"
    names = sorted(p.name for p in earlier.iterdir())
    assert names == sorted([*(f"{t}.csv" for t in export.table_names()), "datapackage.json"])  # gone.csv is gone
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["package"]
    paths = export.write_csv(earlier)
    assert [p.name for p in paths] == [f"{t}.csv" for t in export.table_names()]
    assert sorted(p.name for p in earlier.iterdir()) == sorted(p.name for p in paths)
    export.write_datapackage(earlier)  # a CSV export is an earlier export too
    assert (earlier / "datapackage.json").is_file()


@pytest.mark.parametrize("write", [export.write_csv, export.write_datapackage])
def test_a_directory_that_is_not_an_earlier_export_is_refused(tmp_path: Path, write: Callable[[Path], Any]) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("my own file\n", encoding="utf-8")
    (mine / "clusters.csv").write_text("my own table\n", encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "datapackage.json").write_text(json.dumps({"name": "someone-elses"}), encoding="utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "datapackage.json").write_text("{", encoding="utf-8")
    before = snapshot(tmp_path)
    for directory in (mine, other, broken):
        with pytest.raises(FileExistsError, match="holds no earlier flanders-s3 export"):
            write(directory)
    with pytest.raises(NotADirectoryError, match="is not a directory"):
        write(mine / "notes.txt")
    assert snapshot(tmp_path) == before
    empty = tmp_path / "empty"
    empty.mkdir()
    write(empty)  # an empty directory is fine
    write(tmp_path / "new" / "deeper")  # and so is one that does not exist yet


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigint_is_held_off_while_the_directories_swap(earlier: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = os.rename
    renames: list[str] = []

    def rename(source: Any, destination: Any) -> None:
        if not renames:  # Ctrl-C right as the old export is renamed aside
            os.kill(os.getpid(), signal.SIGINT)
        renames.append(Path(destination).name)
        real(source, destination)

    monkeypatch.setattr(os, "rename", rename)
    # Python's own handler turns SIGINT into KeyboardInterrupt; a test runner may have set
    # another (mutmut does), which the export hands the held-off signal on to.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):  # delivered once the swap is done
            export.write_datapackage(earlier)
    finally:
        signal.signal(signal.SIGINT, previous)
    assert len(renames) == 2
    assert sorted(p.name for p in earlier.parent.iterdir()) == ["package"]  # the old one deleted
    assert not (earlier / "gone.csv").exists()
    assert json.loads((earlier / "datapackage.json").read_text(encoding="utf-8"))["name"] == "flanders-s3"


def test_the_cli_refuses_a_directory_that_is_not_an_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "notes.txt").write_text("mine\n", encoding="utf-8")
    assert cli.main(["export", "--format", "datapackage", "--output", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"flanders-s3: cannot write {tmp_path}: is not empty and holds no earlier flanders-s3 export "
                   "(no datapackage.json); refusing to replace it\n")
    assert snapshot(tmp_path) == {"notes.txt": b"mine\n"}


# --- one record as plain data ---------------------------------------------------------------


def test_to_dict_is_the_records_entry_in_the_json_export() -> None:
    document = json.loads(export.to_json())
    for family, plural in model.PLURALS.items():
        records = getattr(fs, plural)()
        assert [fs.to_dict(r) for r in records] == document[plural], family
        for record in records:
            assert json.loads(json.dumps(fs.to_dict(record), allow_nan=False)) == fs.to_dict(record)
    assert fs.to_dict is export.to_dict
    assert "to_dict" in fs.__all__


def test_to_dict_gives_plain_values() -> None:
    source = fs.to_dict(fs.sources()[0])
    assert source["kind"] == fs.sources()[0].kind.value  # an enum as its value
    assert isinstance(source["languages"], list)
    date = fs.sources()[0].date_earliest
    assert date is not None
    assert source["date_earliest"] == {"iso": date.iso, "precision": date.precision.value}  # ISO 8601 text
    link = fs.links()[0]
    assert fs.to_dict(link)["basis"] == link.basis.value
    with pytest.raises(TypeError, match="to_dict takes a record of flanders_s3, not str"):
        fs.to_dict("flux50")
