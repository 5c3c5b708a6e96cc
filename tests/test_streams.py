"""The command line against broken streams: short writes, full devices, closed pipes, Ctrl-C.

Every machine runs the short-write tests: standard output is replaced by a file
object that takes fewer bytes than it is given (as a nearly full disk does, or
a pipe interrupted by a signal). Real devices and real pipes are tried in a
subprocess where the system has them (``/dev/full``, SIGINT, a tmpfs as root).
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flanders_s3 import cli, export

PROGRAM = [sys.executable, "-m", "flanders_s3"]
ENVIRONMENTS = [  # buffered and unbuffered standard output (PYTHONUNBUFFERED=1 lost output before)
    pytest.param({"PYTHONUNBUFFERED": "1"}, id="unbuffered"),
    pytest.param({"PYTHONUNBUFFERED": ""}, id="buffered"),
]


class Disk(io.RawIOBase):
    """A device with ``room`` bytes left: a write takes what fits; once full, it ``fails`` or takes nothing."""

    def __init__(self, room: int, fails: bool) -> None:
        self.room = room
        self.fails = fails
        self.taken = bytearray()
        self.calls = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.calls += 1
        if self.room == 0 and self.fails:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        count = min(len(data), self.room, 8192)  # never all of a large write at once
        self.taken += bytes(data[:count])
        self.room -= count
        return count


def stdout_on(monkeypatch: pytest.MonkeyPatch, raw: io.RawIOBase, buffered: bool) -> None:
    layer: Any = io.BufferedWriter(raw) if buffered else raw  # -u: the text layer writes to the raw file
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(layer, encoding="utf-8", write_through=not buffered))


@pytest.mark.parametrize("buffered", [False, True])
@pytest.mark.parametrize("fails", [False, True])
def test_a_short_write_is_exit_1_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], buffered: bool, fails: bool
) -> None:
    capsys.readouterr()
    text = export.to_json()
    disk = Disk(len(text.encode()) // 4, fails)
    stdout_on(monkeypatch, disk, buffered)
    assert cli.main(["export", "--format", "json"]) == 1
    err = capsys.readouterr().err
    if fails:
        assert err == "flanders-s3: cannot write to standard output: No space left on device\n"
    else:
        assert err == f"flanders-s3: cannot write to standard output: only {len(disk.taken)} " \
                      f"of {len(text.encode())} bytes written\n"
    assert bytes(disk.taken) == text.encode()[: len(disk.taken)]  # what got through is the start, whole


@pytest.mark.parametrize("buffered", [False, True])
def test_writes_that_take_part_at_a_time_deliver_everything(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], buffered: bool
) -> None:
    text = export.to_json()
    disk = Disk(10**9, fails=True)  # room enough, but at most 8 KiB per call
    stdout_on(monkeypatch, disk, buffered)
    assert cli.main(["export", "--format", "json"]) == 0
    assert capsys.readouterr().err == ""
    assert bytes(disk.taken) == text.encode()
    assert disk.calls > 1


class ShortText(io.StringIO):
    """A text stream whose write takes at most ``step`` characters (and none once ``room`` is used)."""

    def __init__(self, step: int, room: int) -> None:
        super().__init__()
        self.step = step
        self.room = room

    def write(self, text: str) -> int:
        count = min(len(text), self.step, self.room)
        self.room -= count
        return super().write(text[:count])


def test_a_text_stream_is_checked_too(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    expected = run_text(capsys, "list")
    stream = ShortText(step=100, room=10**9)
    monkeypatch.setattr(sys, "stdout", stream)
    assert cli.main(["list"]) == 0
    assert stream.getvalue() == expected
    full = ShortText(step=100, room=150)
    monkeypatch.setattr(sys, "stdout", full)
    assert cli.main(["list"]) == 1
    assert full.getvalue() == expected[:150]
    assert capsys.readouterr().err == f"flanders-s3: cannot write to standard output: only 150 of {len(expected)} " \
                                      "bytes written\n"


def run_text(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    assert cli.main(list(argv)) == 0
    return capsys.readouterr().out


def test_help_and_version_are_checked_writes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["--help"], ["--version"], ["export", "--help"]):
        stdout_on(monkeypatch, Disk(10, fails=True), buffered=False)
        assert cli.main(argv) == 1, argv
        assert capsys.readouterr().err == "flanders-s3: cannot write to standard output: No space left on device\n"


def test_closed_stdout_is_exit_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    assert cli.main(["list"]) == 1
    assert capsys.readouterr().err == "flanders-s3: cannot write to standard output: it is closed\n"


# --- real devices and pipes, in a subprocess ------------------------------------------------


def program_env(extra: dict[str, str]) -> dict[str, str]:
    env = {**os.environ, **extra}
    return {k: v for k, v in env.items() if v != ""}


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full on this system")
@pytest.mark.parametrize("env", ENVIRONMENTS)
@pytest.mark.parametrize("argv", [["list"], ["export", "--format", "json"], ["show", "Flux50", "--json"], ["--help"]])
def test_a_full_device_is_exit_1_with_one_line(env: dict[str, str], argv: list[str]) -> None:
    with open("/dev/full", "w") as full:
        result = subprocess.run([*PROGRAM, *argv], stdout=full, stderr=subprocess.PIPE, env=program_env(env),
                                text=True, check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "python -m flanders_s3: cannot write to standard output: No space left on device\n"


@pytest.mark.parametrize("env", ENVIRONMENTS)
@pytest.mark.parametrize("read", [0, 1])
@pytest.mark.parametrize("argv", [["list"], ["export", "--format", "json"], ["--help"]])
def test_a_closed_pipe_ends_quietly(env: dict[str, str], read: int, argv: list[str]) -> None:
    # `flanders-s3 ... | head -c1` (read=1) and `flanders-s3 ... | true` (read=0).
    process = subprocess.Popen([*PROGRAM, *argv], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=program_env(env))
    assert process.stdout is not None
    assert process.stderr is not None
    assert len(process.stdout.read(read)) == read
    process.stdout.close()
    status = process.wait(timeout=60)
    stderr = process.stderr.read()
    process.stderr.close()
    assert stderr == b""
    assert status in (0, 141, -signal.SIGPIPE)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_sigint_is_exit_130_without_a_traceback(env: dict[str, str]) -> None:
    # A program started in the background of a shell inherits SIGINT ignored, and Python then
    # leaves it ignored: the child starts with the default disposition, as at a terminal.
    process = subprocess.Popen([*PROGRAM, "export", "--format", "json"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=program_env(env),
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert process.stdout is not None
    assert process.stderr is not None
    # The export is larger than a pipe holds: once a byte arrives, the program is blocked writing.
    assert process.stdout.read(1)
    process.send_signal(signal.SIGINT)
    process.stdout.read()
    process.stdout.close()
    status = process.wait(timeout=60)
    stderr = process.stderr.read().decode()
    process.stderr.close()
    assert status == 130
    assert stderr == "python -m flanders_s3: interrupted\n"


# --- a real full disk: a small tmpfs, where the system lets us mount one ---------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tmpfs needs root")
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {made.stderr.decode().strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


@pytest.mark.parametrize("env", ENVIRONMENTS)
def test_a_real_full_disk(small_disk: Path, env: dict[str, str]) -> None:
    target = small_disk / "k.json"
    target.write_text("the old export\n", encoding="utf-8")
    result = subprocess.run([*PROGRAM, "export", "--format", "json", "--output", str(target)],
                            capture_output=True, text=True, env=program_env(env), check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"python -m flanders_s3: cannot write {target}: No space left on device\n"
    assert target.read_text(encoding="utf-8") == "the old export\n"
    assert sorted(p.name for p in small_disk.iterdir()) == ["k.json"]
    with (small_disk / "out.json").open("w") as handle:  # `export --format json > file`
        result = subprocess.run([*PROGRAM, "export", "--format", "json"], stdout=handle, stderr=subprocess.PIPE,
                                text=True, env=program_env(env), check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr == "python -m flanders_s3: cannot write to standard output: No space left on device\n"
    directory = small_disk / "package"
    result = subprocess.run([*PROGRAM, "export", "--format", "datapackage", "--output", str(directory)],
                            capture_output=True, text=True, env=program_env(env), check=False, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith(f"python -m flanders_s3: cannot write {directory}: No space left on device")
    assert not directory.exists()
    assert sorted(p.name for p in small_disk.iterdir()) == ["k.json", "out.json"]


def test_ctrl_c_while_python_m_loads_the_cli_is_exit_130(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins
    import runpy

    real = builtins.__import__

    def interrupted(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "flanders_s3.cli":
            raise KeyboardInterrupt
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted)
    with pytest.raises(SystemExit) as exited:
        runpy.run_module("flanders_s3", run_name="__main__")
    assert exited.value.code == 130
