"""Measure geoalign's cold start, loading and queries against baselines, side by side.

Run ``python benchmarks/run.py`` (all sizes: under 20 minutes on two busy cores) or
``python benchmarks/run.py --quick`` (10^3 and 10^4 events, under a minute).  It prints
one table per size with ratios ``ours / baseline`` and the targets of benchmarks/README.md,
and writes everything as JSON (``--out``, by default benchmarks/results/latest.json).

Loads run in fresh child processes (so each starts from the same state and its peak
memory is its own); queries run in this process on one loaded dataset, each query timed
for geoalign and every baseline in turn, rotating the order, so that noise falls on all
of them alike.  Latencies are per call: median and 90th percentile over the queries.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import baselines
import geoalign
import handload
import report
import synthetic

HERE = Path(__file__).resolve().parent
"""The largest size loaded from YAML: at 10^6 events the YAML load alone takes ~10 minutes."""
COLD = {
    "python -c pass": "pass",
    "import attrs": "import attrs",
    "import attrs, cattrs, yaml": "import attrs, cattrs, yaml",
    "import geoalign": "import geoalign",
    "first answer": 'import geoalign; geoalign.sanction_status("Serbia", "Russia")',
}
DAY_SPAN = (
    datetime.date(synthetic.FIRST_YEAR, 1, 1).toordinal(),
    datetime.date(synthetic.LAST_YEAR, 12, 31).toordinal(),
)


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run every measurement, print the tables, write the JSON."""
    options = _parser().parse_args(argv)
    if options.child_load:
        print(json.dumps(_child_load(*options.child_load)))
        return 0
    sizes = [1000, 10_000] if options.quick else [int(s) for s in options.sizes.split(",")]
    repeat = 1 if options.quick else options.repeat
    results: dict[str, Any] = {
        "python": sys.version.split()[0],
        "machine": f"{platform.machine()}, {os.cpu_count()} cores",
        "started": datetime.datetime.now().isoformat(timespec="seconds"),
        "cold_start": _cold_start(5 if options.quick else 10 * repeat),
        "sizes": {},
    }
    report.print_cold(results["cold_start"])
    for size in sizes:
        share = options.relationships * size // max(sizes) if options.relationships else size // 10
        relationships = max(20, share)
        start = time.perf_counter()
        result = _measure_size(size, relationships, repeat, options.queries, options.seed)
        result["elapsed_seconds"] = time.perf_counter() - start
        results["sizes"][str(size)] = result
        report.print_size(size, result)
    results["targets"] = report.targets(results)
    report.print_targets(results["targets"])
    out = Path(options.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"\nwritten to {out}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="event counts")
    parser.add_argument(
        "--relationships",
        type=int,
        help="relationships at the largest size, scaled down in proportion for the others "
        "(default: a tenth of the events at every size)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="runs of each load measurement")
    parser.add_argument("--queries", type=int, default=200, help="queries per kind and mix")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="10^3 and 10^4 events only")
    parser.add_argument("--out", default=str(HERE / "results" / "latest.json"))
    parser.add_argument("--child-load", nargs=2, metavar=("LOADER", "PATH"), help=argparse.SUPPRESS)
    return parser


# -- cold start ------------------------------------------------------------------------


def _cold_start(runs: int) -> dict[str, Any]:
    """Wall time of fresh interpreters running each snippet, interleaved; in ms."""
    times: dict[str, list[float]] = {name: [] for name in COLD}
    failed: dict[str, str] = {}
    # Installed packages start from cached bytecode; let the warm-up round write it even
    # where the environment says not to (PYTHONDONTWRITEBYTECODE is set on dev machines).
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as scratch:
        for index in range(runs + 1):  # the first round only warms the bytecode caches
            for name, code in COLD.items():
                if name in failed:
                    continue
                start = time.perf_counter()
                done = subprocess.run(
                    [sys.executable, "-c", code],
                    cwd=scratch,
                    env=env,
                    capture_output=True,
                    text=True,
                )
                elapsed = (time.perf_counter() - start) * 1000
                if done.returncode != 0:
                    failed[name] = (done.stderr.strip().splitlines() or ["?"])[-1]
                elif index > 0:
                    times[name].append(elapsed)
    return {
        name: {"median_ms": statistics.median(t), "runs": len(t)}
        if t
        else {"error": failed.get(name, "not run")}
        for name, t in times.items()
    }


# -- loading ---------------------------------------------------------------------------


def _child_load(loader: str, path: str) -> dict[str, Any]:
    """Runs in a child process: one load, its time and its memory (from /proc)."""
    before = _memory()
    start = time.perf_counter()
    if loader == "hand":
        loaded: Any = handload.load_jsonl_by_hand(path)
        events = len(loaded["event"])
    else:
        loaded = geoalign.load(path, include_bundled=False)
        events = len(loaded.events)
    seconds = time.perf_counter() - start
    after = _memory()  # while ``loaded`` still holds everything
    return {
        "seconds": seconds,
        "events": events,
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


def _measure_loads(paths: dict[str, Path], repeat: int) -> dict[str, Any]:
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in paths}
    for _ in range(repeat):
        for name, path in paths.items():
            loader = "hand" if name == "jsonl_by_hand" else "geoalign"
            done = subprocess.run(
                [sys.executable, __file__, "--child-load", loader, str(path)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[name].append(json.loads(done.stdout))
    loads = {}
    for name, measured in runs.items():
        events = measured[0]["events"]
        seconds, peak, kept = (
            statistics.median(m[key] for m in measured)
            for key in ("seconds", "peak_bytes", "kept_bytes")
        )
        loads[name] = {
            "seconds": seconds,
            "us_per_event": seconds / events * 1e6,
            "peak_bytes_per_event": peak / events,
            "kept_bytes_per_event": kept / events,
            "runs": len(measured),
        }
    return loads


# -- queries ---------------------------------------------------------------------------


def _measure_size(
    size: int, relationships: int, repeat: int, queries: int, seed: int
) -> dict[str, Any]:
    result: dict[str, Any] = {"events": size, "relationships": relationships}
    print(f"\n== {size:,} events, {relationships:,} relationships: generating", flush=True)
    data = synthetic.generate(size, relationships, seed=seed)
    with tempfile.TemporaryDirectory() as scratch:
        paths = {
            "jsonl": synthetic.write_jsonl(data, Path(scratch, "jsonl")),
            "jsonl_by_hand": Path(scratch, "jsonl", "dataset.jsonl"),
        }
        if size <= report.YAML_MAX:
            synthetic.write_yaml(data, Path(scratch, "yaml"))
            paths["yaml"] = Path(scratch, "yaml")
        del data
        print("   loading in child processes", flush=True)
        result["load"] = _measure_loads(paths, repeat)
        dataset = geoalign.load(paths["jsonl"], include_bundled=False)
    print("   building baselines", flush=True)
    engines: dict[str, Any] = {"ours": dataset}
    build: dict[str, float] = {}
    for name, cls in (
        ("bisect", baselines.BisectIndex),
        ("sqlite", baselines.SqliteIndex),
        ("pandas", baselines.PandasMasks),
        ("brute", baselines.BruteForce),
    ):
        start = time.perf_counter()
        try:
            engines[name] = cls(dataset)
        except ImportError:
            continue
        build[name] = time.perf_counter() - start
    result["baseline_build_seconds"] = build
    print("   timing queries", flush=True)
    rng = random.Random(seed)
    bisect_index = engines["bisect"]
    result["busiest_pair_events"] = max(len(t[2]) for t in bisect_index.timelines.values())
    result["queries"] = {}
    result["slow_queries_run"] = {}
    for query, mixes in _workloads(bisect_index, rng, queries).items():
        for mix, calls in mixes.items():
            slow = max(3, queries // 40) if size >= 1_000_000 else max(10, queries // 10)
            result["queries"][f"{query} {mix}"] = _time_queries(engines, query, calls, slow)
        result["slow_queries_run"][query] = slow
    return result


def _ours(dataset: geoalign.Dataset, query: str) -> Callable[..., Any]:
    """geoalign's query with the baselines' positional signature (ids, then dates)."""
    if query == "timeline_between":
        return lambda a, b, start, end: dataset.timeline_between(a, b, start=start, end=end)
    if query == "allies_of":
        return lambda actor, day: dataset.allies_of(actor, as_of=day)
    return lambda imposer, target, day: dataset.sanction_status(imposer, target, as_of=day)


def _theirs(engine: Any, query: str) -> Callable[..., Any] | None:
    """A baseline's query behind one lambda too, so that every engine pays the same call."""
    method = getattr(engine, query, None)
    if method is None:
        return None
    return lambda *args: method(*args)


def _workloads(
    index: baselines.BisectIndex, rng: random.Random, count: int
) -> dict[str, dict[str, list[tuple[Any, ...]]]]:
    """For each query, a random and a hot mix of argument tuples."""

    def day() -> datetime.date:
        return datetime.date.fromordinal(rng.randint(*DAY_SPAN))

    def mixes(keys: dict[Any, int], make: Callable[[Any], tuple[Any, ...]]) -> dict[str, Any]:
        # Random: keys uniformly (most are quiet); hot: the busiest tenth of a percent.
        ranked = sorted(keys, key=lambda key: (-keys[key], key))
        hot = ranked[: max(5, len(ranked) // 1000)]
        return {
            "random": [make(rng.choice(ranked)) for _ in range(count)],
            "hot": [make(rng.choice(hot)) for _ in range(count)],
        }

    def window(pair: tuple[str, str]) -> tuple[Any, ...]:
        first = day()
        return (*pair, first, first + datetime.timedelta(days=365))

    measures = {key: len(v) for key, v in index.sanctions.items()}
    for key, stated in index.stated.items():
        measures[key] = measures.get(key, 0) + len(stated)
    return {
        "timeline_between": mixes({k: len(v[2]) for k, v in index.timelines.items()}, window),
        "allies_of": mixes({k: len(v) for k, v in index.allies.items()}, lambda a: (a, day())),
        "sanction_status": mixes(measures, lambda pair: (*pair, day())),
    }


def _ids(answer: Any) -> Any:
    """An answer reduced to ids, so that every engine's answers compare."""
    if isinstance(answer, geoalign.SanctionStatus):
        return (answer.state.value, tuple(m.id for m in answer.measures))
    if isinstance(answer, tuple) and answer and isinstance(answer[0], str):
        return answer  # a baseline's (state, measure ids)
    return [item if isinstance(item, str) else item.id for item in answer]


def _time_queries(
    engines: dict[str, Any], query: str, calls: list[tuple[Any, ...]], slow: int
) -> dict[str, Any]:
    methods = {
        name: _ours(engine, query) if name == "ours" else _theirs(engine, query)
        for name, engine in engines.items()
    }
    samples: dict[str, list[float]] = {name: [] for name, m in methods.items() if m is not None}
    for number, args in enumerate(calls):
        names = [n for n in samples if n not in ("brute", "pandas") or number < slow]
        names = names[number % len(names) :] + names[: number % len(names)]
        expected = None
        for name in names:
            seconds, answer = _time_call(methods[name], args)
            samples[name].append(seconds)
            if expected is None:
                expected = _ids(answer)
            elif _ids(answer) != expected:
                raise AssertionError(f"{name} disagrees on {query}{args}")
    return {
        name: {
            "median_us": statistics.median(s) * 1e6,
            "p90_us": statistics.quantiles(s, n=10)[-1] * 1e6 if len(s) > 1 else s[0] * 1e6,
            "queries": len(s),
        }
        for name, s in samples.items()
        if s
    }


def _time_call(method: Callable[..., Any], args: tuple[Any, ...]) -> tuple[float, Any]:
    """Seconds per call, repeating fast calls for about a millisecond."""
    start = time.perf_counter()
    answer = method(*args)
    once = time.perf_counter() - start
    inner = max(1, min(2000, int(0.001 / max(once, 1e-7))))
    if inner == 1:
        return once, answer
    start = time.perf_counter()
    for _ in range(inner):
        method(*args)
    return (time.perf_counter() - start) / inner, answer


# -- targets and printing --------------------------------------------------------------


if __name__ == "__main__":
    sys.exit(main())
