"""Measure geoalign's cold start, loading and queries against baselines, side by side.

``python benchmarks/run.py`` runs everything at 10^4, 10^5 and 10^6 events (about
half an hour on two cores); ``--quick`` runs 10^4 and 10^5 events with fewer calls and
repeats (about two minutes); ``--only queries`` keeps only the query rows, for a before
and after of a change:

    python benchmarks/run.py --quick --only queries --json before.json
    python benchmarks/run.py --quick --only queries --json after.json --compare before.json

It prints Markdown tables and the targets of benchmarks/README.md, and writes every
number as JSON.  geoalign is used through its public API only (``geoalign.load`` and
the ``Dataset`` queries), whatever version is installed.
"""

from __future__ import annotations

import argparse
import datetime
import gc
import importlib.metadata
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import baselines
import compiled
import geoalign
import processes
import queries
import report
import synthetic

HERE = Path(__file__).resolve().parent
SECTIONS = ("cold", "load", "cli", "queries", "store", "compiled")
YAML_MAX = 100_000
"""The largest size loaded from YAML: at 10^6 events one YAML load takes minutes."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", help="event counts (default 10000,100000,1000000)")
    parser.add_argument("--quick", action="store_true", help="10^4 and 10^5 events, fewer runs")
    parser.add_argument(
        "--only", help=f"comma-separated sections among {', '.join(SECTIONS)} (default: all)"
    )
    parser.add_argument("--calls", type=int, help="distinct calls per query (20000; quick 5000)")
    parser.add_argument(
        "--slow-calls", type=int, help="calls answered by pandas and DuckDB (2000; quick 500)"
    )
    parser.add_argument("--hot", type=int, default=200, help="calls of the hot, repeated mix")
    parser.add_argument("--repeat", type=int, help="runs of each load and CLI call (3)")
    parser.add_argument("--cold-runs", type=int, default=20, help="runs of each cold start")
    parser.add_argument(
        "--certainty", help="pass certainty= to geoalign's queries (versions that have it)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", default=str(HERE / "results" / "latest.json"), metavar="PATH")
    parser.add_argument("--compare", metavar="PATH", help="an earlier --json: print new / old")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse the options, run the chosen measurements, print the tables, write the JSON."""
    options = _parser().parse_args(argv)
    sections = set(options.only.split(",") if options.only else SECTIONS)
    if unknown := sections - set(SECTIONS):
        raise SystemExit(f"unknown sections: {', '.join(sorted(unknown))}")
    quick = options.quick
    default_sizes = "10000,100000" if quick else "10000,100000,1000000"
    sizes = [int(s) for s in (options.sizes or default_sizes).split(",")]
    settings = {
        "sizes": sizes,
        "sections": sorted(sections),
        "calls": options.calls or (5000 if quick else 20_000),
        "slow_calls": options.slow_calls or (500 if quick else 2000),
        "hot": options.hot,
        "repeat": options.repeat or 3,
        "cold_runs": options.cold_runs,
        "yaml_max": 10_000 if quick else YAML_MAX,
        "query_options": {"certainty": options.certainty} if options.certainty else {},
        "seed": options.seed,
    }
    started = time.perf_counter()
    results: dict[str, Any] = _environment() | {"settings": settings, "sizes": {}}
    print(f"geoalign {results['versions']['geoalign']} at {results['geoalign_commit']}")
    if "cold" in sections:
        results["cold_start"] = processes.cold_start(settings["cold_runs"])
        report.print_cold(results["cold_start"])
    for size in sizes if sections - {"cold", "compiled"} else []:
        results["sizes"][str(size)] = result = _measure_size(size, sections, settings)
        report.print_size(size, result)
    if "compiled" in sections:  # the compiled store: generates and compiles each size again
        results["compiled"] = compiled.measure_sizes(
            sizes, max(5, settings["cold_runs"] // 2), 2000, settings["seed"]
        )
    results["targets"] = report.targets(results)
    report.print_targets(results["targets"])
    results["elapsed_seconds"] = time.perf_counter() - started
    print(f"\nwhole run: {results['elapsed_seconds']:.0f} s")
    if options.compare:
        report.compare(json.loads(Path(options.compare).read_text(encoding="utf-8")), results)
    out = Path(options.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {out}")
    return 0


def _environment() -> dict[str, Any]:
    """The machine, the versions and the commit of the geoalign under test."""
    versions: dict[str, str | None] = {}
    for package in ("geoalign", "attrs", "cattrs", "PyYAML", "orjson", "pandas", "duckdb"):
        try:
            versions[package] = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            versions[package] = None
    source = Path(geoalign.__file__).parent

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=source, capture_output=True, text=True)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    if git("status", "--porcelain", "--", ".") != "":
        commit += " with uncommitted changes"
    with open("/proc/meminfo", encoding="ascii") as meminfo:
        memory = int(meminfo.readline().split()[1]) / 2**20
    return {
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GB",
        "python": sys.version.split()[0],
        "versions": versions,
        "geoalign_commit": commit,
        "load_average_at_start": os.getloadavg()[1],
    }


def _measure_size(size: int, sections: set[str], settings: dict[str, Any]) -> dict[str, Any]:
    started = time.perf_counter()
    relationships = max(20, size // 10)
    result: dict[str, Any] = {"events": size, "relationships": relationships}
    print(f"\n[{size:,} events: generating]", flush=True)
    data = synthetic.generate(size, relationships, seed=settings["seed"])
    # The actor in the most relationships: the CLI row asks for its allies.
    busiest = Counter(r[side] for r in data["relationships"] for side in "ab").most_common(1)
    with tempfile.TemporaryDirectory() as scratch:
        jsonl = synthetic.write_jsonl(data, Path(scratch, "jsonl"))
        paths = {"jsonl": jsonl, "jsonl_by_hand": jsonl}
        if "load" in sections and size <= settings["yaml_max"]:
            synthetic.write_yaml(data, Path(scratch, "yaml"))
            paths["yaml"] = Path(scratch, "yaml")
        del data
        repeat = settings["repeat"]
        if "load" in sections:
            print("[loads in child processes]", flush=True)
            result["load"] = {
                "in_process": processes.load_in_child(paths, repeat),
                "whole_process": processes.whole_process_loads(paths, repeat),
            }
        if "cli" in sections:
            print("[the CLI on this dataset]", flush=True)
            result["cli"] = processes.cli_on_data(jsonl, busiest[0][0], repeat)
        if sections & {"queries", "store"}:
            result |= _in_process(jsonl, sections, settings, Path(scratch))
    result["elapsed_seconds"] = time.perf_counter() - started
    result["load_average"] = os.getloadavg()[1]  # over the last 5 minutes: how busy it was
    return result


def _in_process(
    jsonl: Path, sections: set[str], settings: dict[str, Any], scratch: Path
) -> dict[str, Any]:
    """Queries and batches: one dataset loaded here, every engine built from it."""
    print("[loading here, building baselines]", flush=True)
    build: dict[str, float] = {}
    start = time.perf_counter()
    dataset = geoalign.load(jsonl, include_bundled=False)
    build["geoalign load"] = time.perf_counter() - start
    engines: dict[str, Any] = {"ours": dataset}
    makers: dict[str, Any] = {
        "bisect": baselines.BisectIndex,
        "sqlite": baselines.SqliteIndex,
        "brute": baselines.BruteForce,
    }
    try:
        import frames

        start = time.perf_counter()
        tables = frames.data_frames(dataset)
        build["data frames"] = time.perf_counter() - start
        makers["pandas"] = lambda _: frames.PandasIndexed(tables)
        makers["duckdb"] = lambda _: frames.DuckDBTables(tables)
    except ImportError as missing:
        print(f"  pandas and DuckDB baselines skipped: {missing}")
    for name, make in makers.items():
        start = time.perf_counter()
        try:
            engines[name] = make(dataset)
        except ImportError as missing:
            print(f"  {name} baseline skipped: {missing}")
            continue
        build[name] = time.perf_counter() - start
    bisect_index = engines["bisect"]
    size = len(dataset.events)
    limits = {
        "pandas": settings["slow_calls"],
        "duckdb": settings["slow_calls"],
        "brute": 10 if size >= 1_000_000 else 40,
    }
    work = queries.workloads(bisect_index, settings["seed"], settings["calls"], settings["hot"])
    result: dict[str, Any] = {
        "build_seconds": build,
        "busiest_pair_events": max(len(t[2]) for t in bisect_index.timelines.values()),
    }
    gc.collect()  # the collection the load left pending, before any call is timed
    if "queries" in sections:
        print("[timing queries]", flush=True)
        result["queries"] = {}
        for query in queries.QUERIES:
            calling = queries.methods(engines, query, settings["query_options"])
            result["queries"][query] = {
                "distinct": queries.time_distinct(calling, work[query]["distinct"], limits),
                "hot, repeated arguments": queries.time_hot(
                    calling, work[query]["hot"], limits | {"brute": 5}
                ),
            }
    if "store" in sections:
        result["store"] = _store(engines, work, settings, scratch)
    return result


def _store(
    engines: dict[str, Any], work: dict[str, Any], settings: dict[str, Any], scratch: Path
) -> dict[str, Any]:
    """The yardsticks of the compiled store: DuckDB batch joins, cold queries on files."""
    print("[batches and cold queries on database files]", flush=True)
    store: dict[str, Any] = {}
    files = {"sqlite": scratch / "tables.sqlite"}
    engines["sqlite"].save(str(files["sqlite"]))
    if "duckdb" in engines:
        files["duckdb"] = scratch / "tables.duckdb"
        engines["duckdb"].save(str(files["duckdb"]))
        store["batch"] = {}
        for query in queries.QUERIES:
            ours = queries.methods(engines, query, settings["query_options"])["ours"]
            calls = work[query]["distinct"][:10_000]
            store["batch"][query] = queries.batches(engines["duckdb"], ours, query, calls, 3)
    actor, day = work["allies_of"]["distinct"][0]
    store["cold_files"] = processes.cold_file_queries(
        files, actor, day.toordinal(), max(5, settings["cold_runs"] // 2)
    )
    return store


if __name__ == "__main__":
    sys.exit(main())
