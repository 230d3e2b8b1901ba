"""What a path names: every file that cannot be read is a problem, never skipped or blocked on.

A FIFO or a device is never opened, a directory where a file should be is named, a
broken or looping symbolic link is reported, a file without read permission (checked
as an unprivileged user: CI runs as root) is reported, and a file over the size limit
is refused before it is opened.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import geoalign
from geoalign import ArgumentTypeError, DatasetError
from geoalign.loading import files

COUNTRY = b"countries:\n  - {id: FRE, name: Freedonia}\n"
NOBODY = 65534


def _problems(path: str | Path) -> list[tuple[str | None, str, str]]:
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, include_bundled=False)
    return [(p.file, p.code, p.message) for p in info.value.problems]


def _in_time(call: Callable[[], object], seconds: float = 20) -> object:
    """Run ``call`` in a thread; fail, rather than hang, if it blocks."""
    outcome: list[object] = []
    thread = threading.Thread(target=lambda: outcome.append(_outcome(call)), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "loading blocked"
    return outcome[0]


def _outcome(call: Callable[[], object]) -> object:
    try:
        return call()
    except DatasetError as error:
        return [(p.file, p.code, p.message) for p in error.problems]


def test_an_empty_path_is_an_error_not_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.yaml").write_bytes(COUNTRY)  # loading '.' would succeed
    assert _problems("") == [
        (
            None,
            "empty-path",
            "the path is empty: name a dataset file or directory ('.' for this one)",
        )
    ]


@pytest.mark.parametrize("path", [5, b"data.yaml", ["data.yaml"]])
def test_a_path_of_the_wrong_type_is_a_type_error(path: object) -> None:
    with pytest.raises(ArgumentTypeError, match="path must be a str or a path-like object, got"):
        files.load_records(path, include_bundled=False)  # type: ignore[arg-type]


def test_a_fifo_is_named_and_never_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    expected = [(str(fifo), "not-a-file", "not a regular file, but a FIFO")]
    assert _in_time(lambda: geoalign.load(fifo, include_bundled=False)) == expected
    assert _in_time(lambda: geoalign.load(tmp_path, include_bundled=False)) == expected


def test_a_device_is_named_and_never_opened() -> None:
    assert _problems(os.devnull) == [
        (os.devnull, "not-a-file", "not a regular file, but a character device")
    ]


def test_a_directory_named_like_a_data_file(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(COUNTRY)
    (tmp_path / "b.yaml").mkdir()
    assert _problems(tmp_path) == [
        (str(tmp_path / "b.yaml"), "not-a-file", "not a regular file, but a directory")
    ]


def test_broken_and_looping_links_are_reported_not_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(COUNTRY)
    (tmp_path / "b.txt").write_bytes(COUNTRY.replace(b"FRE", b"SYL"))
    (tmp_path / "broken.yaml").symlink_to(tmp_path / "nowhere.yaml")
    (tmp_path / "linked.yaml").symlink_to(tmp_path / "b.txt")  # a good link: read
    (tmp_path / "loop.yml").symlink_to(tmp_path / "loop.yml")
    broken = "a symbolic link to nothing: its target does not exist"
    assert _problems(tmp_path) == [
        (str(tmp_path / "broken.yaml"), "broken-link", broken),
        (str(tmp_path / "loop.yml"), "link-loop", "a loop of symbolic links"),
    ]
    assert _problems(tmp_path / "broken.yaml") == [
        (str(tmp_path / "broken.yaml"), "broken-link", broken)
    ]
    (tmp_path / "broken.yaml").unlink()
    (tmp_path / "loop.yml").unlink()
    assert [c.id for c in geoalign.load(tmp_path, include_bundled=False).countries] == [
        "FRE",
        "SYL",
    ]


def test_hidden_files_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(COUNTRY)
    (tmp_path / ".#a.yaml").symlink_to("root@host.1234")  # an editor's lock
    (tmp_path / ".a.yaml.swp.yaml").write_bytes(b"\x00")
    assert [c.id for c in geoalign.load(tmp_path, include_bundled=False).countries] == ["FRE"]


def _as_nobody(call: Callable[[], object]) -> object:
    """``call``'s outcome in a child process run as an unprivileged user (when root)."""
    if os.geteuid() != 0:
        return _outcome(call)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child, measured by its report
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)  # drops every capability, so permissions apply
            os.write(write, repr(_outcome(call)).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as pipe:
        report = pipe.read()
    os.waitpid(pid, 0)
    return report


@pytest.fixture
def shared() -> Iterator[Path]:
    """A directory an unprivileged user may enter (pytest's own are the owner's only)."""
    folder = Path(tempfile.mkdtemp(prefix="geoalign-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        path.chmod(0o700)
    shutil.rmtree(folder)


def test_a_file_without_read_permission(shared: Path) -> None:
    (shared / "a.yaml").write_bytes(COUNTRY)
    secret = shared / "b.yaml"
    secret.write_bytes(COUNTRY.replace(b"FRE", b"SYL"))
    secret.chmod(0)
    expected = [(str(secret), "unreadable", "cannot be read (permission denied)")]
    assert _as_nobody(lambda: geoalign.load(shared, include_bundled=False)) == repr(expected)


def test_a_directory_without_read_permission(shared: Path) -> None:
    closed = shared / "closed"
    closed.mkdir()
    (closed / "a.yaml").write_bytes(COUNTRY)
    closed.chmod(0o311)  # may be entered, not listed
    expected = [(str(closed), "unreadable", "cannot be read (permission denied)")]
    assert _as_nobody(lambda: geoalign.load(closed, include_bundled=False)) == repr(expected)


def test_the_check_runs_without_the_privilege_to_read_anything(shared: Path) -> None:
    # The tests above mean something only if the child really lacks root's privileges.
    secret = shared / "secret"
    secret.write_bytes(b"x")
    secret.chmod(0)
    assert _as_nobody(lambda: secret.read_bytes()) != repr(b"x")


def test_a_file_over_the_limit_is_refused_unopened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as out:
        out.truncate(files.MAX_FILE_BYTES + 1)  # sparse: nothing is written
    opened: list[object] = []
    monkeypatch.setattr(os, "open", lambda *args, **kwargs: opened.append(args))
    assert _problems(big) == [
        (str(big), "too-large", f"the file is larger than the limit of {2**30} bytes")
    ]
    assert opened == []


def test_the_limit_holds_while_reading_a_file_that_misstates_its_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    status = Path("/proc/self/status")
    if not status.is_file() or status.stat().st_size != 0:
        pytest.skip("needs Linux's /proc, whose files say they are empty")
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 64)
    assert _problems(status) == [
        (str(status), "too-large", "the file is larger than the limit of 64 bytes")
    ]
