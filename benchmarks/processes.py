"""Measurements in fresh processes: cold starts, loads, the CLI, cold queries on files.

Every child is timed from outside, from its start to its exit, so the time includes
whatever the child does before and after the work: starting Python, imports, freeing
memory at exit.  Its peak resident memory comes from GNU ``time`` (``/usr/bin/time``,
left out where it is missing): a child's own rusage would not do, because Linux counts
in it the resident memory of the parent it was forked from, here gigabytes.  Its CPU
time (user and system, with its own children's) is the growth of this process's
children's rusage over the run: on a shared, loaded machine the wall time of a short
process is mostly waiting, and the CPU time is what the process itself costs.
Commands measured side by side run interleaved, one of each per round in a rotating
order, after a warm-up round that also writes the bytecode caches (an installed package
starts from cached bytecode).  Run as a script, this module is the
child that loads a dataset once and reports the time and memory of the load itself.
"""

from __future__ import annotations

import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import baselines

HERE = Path(__file__).resolve().parent
_TIME = "/usr/bin/time"
# PYTHONDONTWRITEBYTECODE (set on dev machines) would make every child compile its
# imports anew; installed packages start from cached bytecode.
_ENV = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}

__all__ = [
    "cli",
    "cli_on_data",
    "cold_file_queries",
    "cold_start",
    "interleaved",
    "load_in_child",
    "run",
    "whole_process_loads",
]


def cli() -> list[str]:
    """The ``geoalign`` command installed next to this Python (``-m geoalign`` without it)."""
    script = Path(sys.executable).parent / "geoalign"
    return [str(script)] if script.exists() else [sys.executable, "-m", "geoalign"]


def run(argv: list[str], cwd: str | Path) -> dict[str, Any]:
    """Run one child to its exit: wall and CPU seconds, peak resident bytes, exit code,
    output.

    >>> done = run([sys.executable, "-c", "print(6 * 7)"], ".")
    >>> done["stdout"], done["returncode"], done["seconds"] > 0, done["cpu_seconds"] > 0
    ('42\\n', 0, True, True)
    """
    with tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch, "peak")
        timed = [_TIME, "-f", "%M", "-o", str(peak), *argv] if Path(_TIME).exists() else argv
        with open(Path(scratch, "out"), "w+b") as out, open(Path(scratch, "err"), "w+b") as err:
            used = _children_cpu()
            start = time.perf_counter()
            done = subprocess.run(timed, cwd=cwd, env=_ENV, stdout=out, stderr=err)
            seconds = time.perf_counter() - start
            out.seek(0)
            err.seek(0)
            found = {
                "seconds": seconds,
                "cpu_seconds": _children_cpu() - used,
                "returncode": done.returncode,
                "stdout": out.read().decode(errors="replace"),
                "stderr": err.read().decode(errors="replace"),
            }
        if peak.exists():  # GNU time's last line is the peak in kilobytes
            found["peak_bytes"] = int(peak.read_text().split()[-1]) * 1024
        return found


def _children_cpu() -> float:
    """User and system seconds of this process's children that have exited (and of
    theirs): what a child cost is the growth of it over the child's run."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def interleaved(
    commands: dict[str, list[str]], runs: int, cwd: str | Path, warmup: int = 1
) -> dict[str, Any]:
    """Median, 10th and 90th percentile wall and CPU time (ms), and the median peak
    memory (MB), of each command.

    >>> found = interleaved({"pass": [sys.executable, "-c", "pass"]}, 2, ".")
    >>> found["pass"]["runs"], found["pass"]["median_ms"] > 0, found["pass"]["cpu_median_ms"] > 0
    (2, True, True)
    """
    times: dict[str, list[float]] = {name: [] for name in commands}
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, list[int]] = {name: [] for name in commands}
    failed: dict[str, str] = {}
    names = list(commands)
    for round_ in range(warmup + runs):
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            if name in failed:
                continue
            done = run(commands[name], cwd)
            if done["returncode"] != 0:
                failed[name] = (done["stderr"].strip().splitlines() or ["?"])[-1]
            elif round_ >= warmup:
                times[name].append(done["seconds"] * 1000)
                cpu[name].append(done["cpu_seconds"] * 1000)
                if "peak_bytes" in done:
                    peaks[name].append(done["peak_bytes"])
    found: dict[str, Any] = {}
    for name in commands:
        if not times[name]:
            found[name] = {"error": failed.get(name, "not run")}
            continue
        found[name] = _stats(times[name])
        found[name] |= {f"cpu_{key}": value for key, value in _stats(cpu[name]).items()}
        del found[name]["cpu_runs"]
        if peaks[name]:
            found[name]["peak_mb"] = statistics.median(peaks[name]) / 2**20
    return found


def _stats(values: list[float]) -> dict[str, Any]:
    deciles = statistics.quantiles(values, n=10) if len(values) > 1 else [values[0]]
    return {
        "median_ms": statistics.median(values),
        "p10_ms": deciles[0],
        "p90_ms": deciles[-1],
        "runs": len(values),
    }


def cold_start(runs: int) -> dict[str, Any]:
    """Fresh processes that import or answer, then exit: ms per process, interleaved."""
    python = [sys.executable, "-c"]
    commands = {
        "python -c pass": [*python, "pass"],
        "import attrs": [*python, "import attrs"],
        "import attrs, cattrs, yaml": [*python, "import attrs, cattrs, yaml"],
        "import duckdb": [*python, "import duckdb"],
        "import geoalign": [*python, "import geoalign"],
        "first answer, Python": [
            *python,
            'import geoalign; geoalign.sanction_status("Serbia", "Russia")',
        ],
        "first answer, CLI": [*cli(), "allies", "Russia"],  # the target's command
    }
    with tempfile.TemporaryDirectory() as scratch:  # no stray module shadows an import
        return interleaved(commands, runs, scratch)


def whole_process_loads(paths: dict[str, Path], runs: int) -> dict[str, Any]:
    """Processes that load one dataset and exit, timed from outside, interleaved.

    ``paths`` maps a loader (``"jsonl"`` or ``"yaml"``: geoalign; ``"jsonl_by_hand"``:
    :func:`handload.load_jsonl_by_hand`) to what it loads.
    """
    load = "import geoalign, sys; geoalign.load(sys.argv[1], include_bundled=False)"
    hand = "import handload, sys; handload.load_jsonl_by_hand(sys.argv[1])"
    commands = {
        name: [sys.executable, "-c", hand if name == "jsonl_by_hand" else load, str(path)]
        for name, path in paths.items()
    }
    return interleaved(commands, runs, HERE)  # the hand loader imports from here


def load_in_child(paths: dict[str, Path], runs: int) -> dict[str, Any]:
    """The load itself, timed inside child processes (see :func:`_child`), interleaved."""
    measured: dict[str, list[dict[str, Any]]] = {name: [] for name in paths}
    failed: dict[str, str] = {}
    for round_ in range(runs):
        names = list(paths)
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            done = run([sys.executable, __file__, name, str(paths[name])], HERE)
            if done["returncode"] == 0:
                measured[name].append(json.loads(done["stdout"]))
            else:
                failed[name] = (done["stderr"].strip().splitlines() or ["?"])[-1]
    found: dict[str, Any] = {}
    for name, results in measured.items():
        if name in failed:
            found[name] = {"error": failed[name]}
            continue
        # The run of median time, whole: its parts and its memory add up.
        middle = sorted(results, key=lambda r: r["seconds"])[(len(results) - 1) // 2]
        events = middle["events"]
        found[name] = middle | {
            "runs": len(results),
            "us_per_event": middle["seconds"] / events * 1e6,
            "peak_bytes_per_event": middle["peak_bytes"] / events,
            "kept_bytes_per_event": middle["kept_bytes"] / events,
        }
    return found


def _child(loader: str, path: str) -> dict[str, Any]:
    """One load in this process: its time with the collection it leaves, and its memory.

    The timer stops after ``gc.collect()``: a load that turns the collector off leaves a
    full collection pending, which the process pays at its next allocations.
    """
    import geoalign
    import handload

    before = _memory()
    start = time.perf_counter()
    if loader == "jsonl_by_hand":
        loaded: Any = handload.load_jsonl_by_hand(path)
        events = len(loaded["event"])
    else:
        loaded = geoalign.load(path, include_bundled=False)
        events = len(loaded.events)
    loaded_at = time.perf_counter()
    gc.collect()
    end = time.perf_counter()
    after = _memory()  # while ``loaded`` still holds everything
    return {
        "events": events,
        "seconds": end - start,
        "load_seconds": loaded_at - start,
        "collect_seconds": end - loaded_at,
        "peak_bytes": after["VmHWM"] - before["VmRSS"],
        "kept_bytes": after["VmRSS"] - before["VmRSS"],
    }


def _memory() -> dict[str, int]:
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) * 1024
    return fields


def cli_on_data(path: Path, actor: str, runs: int) -> dict[str, Any]:
    """``geoalign --data PATH allies ACTOR`` in fresh processes: what an analyst with her
    own dataset waits for each answer (no warm-up round: the runs are long and the
    bytecode is cached by then).
    """
    command = [*cli(), "--data", str(path), "allies", actor]
    with tempfile.TemporaryDirectory() as scratch:
        return interleaved({"geoalign --data DATA allies X": command}, runs, scratch, warmup=0)


def cold_file_queries(files: dict[str, Path], actor: str, day: int, runs: int) -> dict[str, Any]:
    """A fresh process answering one ``allies_of`` from a hand-written database file.

    ``files`` maps ``"duckdb"`` and ``"sqlite"`` to database files holding
    :data:`baselines.TABLES`; ``import duckdb`` runs alongside, the yardstick of the
    compiled store's cold-start target.
    """
    query = f"{baselines.ALLIES_SQL!r}, ({actor!r}, {day}, {day})"
    commands = {"import duckdb": [sys.executable, "-c", "import duckdb"]}
    if "duckdb" in files:
        commands["duckdb file: allies_of"] = [
            sys.executable,
            "-c",
            f"import duckdb; db = duckdb.connect({str(files['duckdb'])!r}, read_only=True); "
            f"print(db.execute({query}).fetchall())",
        ]
    commands["sqlite file: allies_of"] = [
        sys.executable,
        "-c",
        f"import sqlite3; db = sqlite3.connect({str(files['sqlite'])!r}); "
        f"print(db.execute({query}).fetchall())",
    ]
    with tempfile.TemporaryDirectory() as scratch:
        return interleaved(commands, runs, scratch)


if __name__ == "__main__":
    print(json.dumps(_child(*sys.argv[1:3])))
