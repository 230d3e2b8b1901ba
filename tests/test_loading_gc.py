"""Loading pauses the garbage collector, and never leaves it off, whatever runs at once."""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.loading_helpers import BASE_TEXT

import geoalign
from geoalign import DatasetError
from geoalign.loading import files
from geoalign.loading.gcpause import gc_paused
from geoalign.model.records import Records

THREADS = 16
ROUNDS = 50


@pytest.fixture
def collector_on() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.usefixtures("collector_on")
def test_concurrent_loads_never_leave_the_collector_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text(BASE_TEXT, encoding="utf-8")
    bad.write_text(BASE_TEXT.replace("name: Syria", "name: [Syria]"), encoding="utf-8")
    # A load that looks at the collector, then is held up before switching it off while
    # another load ends, is what left it off; the scheduler of a busy machine does this
    # now and then, this slower switch every time.
    disable = gc.disable
    monkeypatch.setattr(gc, "disable", lambda: (time.sleep(0.001), disable()))
    failures: list[BaseException] = []

    def load(path: Path) -> None:
        try:
            geoalign.load(path, include_bundled=False)
        except DatasetError:
            pass
        except BaseException as exc:  # reported below, not lost in the thread
            failures.append(exc)

    left_off = 0
    for _ in range(ROUNDS):
        paths = [good if n % 2 else bad for n in range(THREADS)]
        threads = [threading.Thread(target=load, args=(path,)) for path in paths]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        left_off += not gc.isenabled()
        gc.enable()  # so that one bad round does not hide the others
    assert (left_off, failures) == (0, [])


@pytest.mark.usefixtures("collector_on")
def test_a_load_that_begins_during_another_and_ends_after_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The interleaving that left the collector off, made certain: the second load looks
    # at the collector while the first runs, and is held up until the first has ended.
    path = tmp_path / "data.yaml"
    path.write_text(BASE_TEXT, encoding="utf-8")
    first_inside, second_inside, first_done = (threading.Event() for _ in range(3))
    disable, load_records = gc.disable, files.load_records

    def slow_disable() -> None:
        if threading.current_thread().name == "second":
            second_inside.set()
            first_done.wait(10)
        disable()

    def watched_load_records(*args: Any, **kwargs: Any) -> Records:
        if threading.current_thread().name == "first":
            first_inside.set()
            second_inside.wait(10)
        else:
            second_inside.set()
        return load_records(*args, **kwargs)

    monkeypatch.setattr(gc, "disable", slow_disable)
    monkeypatch.setattr(files, "load_records", watched_load_records)

    def first() -> None:
        geoalign.load(path, include_bundled=False)
        first_done.set()

    threads = [threading.Thread(target=first, name="first")]
    threads.append(
        threading.Thread(
            target=geoalign.load, args=(path,), kwargs={"include_bundled": False}, name="second"
        )
    )
    threads[0].start()
    assert first_inside.wait(10)
    threads[1].start()
    for thread in threads:
        thread.join(20)
    assert first_done.is_set()
    assert second_inside.is_set()
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off(tmp_path: Path) -> None:
    path = tmp_path / "data.yaml"
    path.write_text(BASE_TEXT, encoding="utf-8")
    was = gc.isenabled()
    gc.disable()
    try:
        geoalign.load(path, include_bundled=False)
        assert not gc.isenabled()
    finally:
        if was:
            gc.enable()


@pytest.mark.usefixtures("collector_on")
def test_nested_pauses_end_with_the_last() -> None:
    with gc_paused():
        with gc_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), gc_paused():
        raise RuntimeError
    assert gc.isenabled()
