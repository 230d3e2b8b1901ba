"""The compiled store's rows: compiling, a cold process's first answer, warm calls, batches.

``python benchmarks/compiled.py --sizes 10000,1000000`` (or ``run.py --only compiled``)
generates each dataset as JSON Lines, then measures, side by side:

* *compile*: a child process running ``compile_store`` (the loader's validation, then the
  Parquet files): wall seconds, µs per event and peak memory (GNU time);
* *cold*: fresh processes, interleaved: ``python -c "import duckdb"``, geoalign opening
  the store and answering one ``allies_of``, and the same question asked by hand of
  the same Parquet file through DuckDB (no geoalign);
* *warm*: distinct calls of each query on one opened store, each timed once;
* *batch*: 10^4 distinct ``allies_of`` calls answered by one hand-written DuckDB join
  over the store's ``ties`` table, by ``allies_of_many`` (one call), and by
  ``allies_of`` in a loop; answers compared.
"""

from __future__ import annotations

import argparse
import datetime
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import processes
import synthetic

KINDS = sorted(kind.value for kind in __import__("geoalign").RelationshipKind if kind.alignment)
BATCH_SQL = """
SELECT c.i, list(DISTINCT t.other ORDER BY t.other)
FROM calls c JOIN read_parquet(?) t
  ON t.actor = c.actor AND list_contains(?, t.kind)
 AND t.definite_from <= c.day AND c.day < t.definite_until
WHERE t.other <> c.actor
GROUP BY c.i
"""
"""allies_of, definite, alignment kinds, as of one day per call: the rule as a join."""
BY_HAND = (
    "import duckdb, sys; print(duckdb.connect().execute("
    "'SELECT DISTINCT other FROM read_parquet(?) WHERE actor = ? AND list_contains(?, kind) "
    "AND definite_from <= ? AND ? < definite_until ORDER BY other', "
    "[sys.argv[1], sys.argv[2], {kinds!r}, int(sys.argv[3]), int(sys.argv[3])]).fetchall())"
)
OURS = (
    "import sys, datetime; from geoalign.store.compiled import open_store; "
    "day = datetime.date.fromordinal(int(sys.argv[3])); "
    "print([a.id for a in open_store(sys.argv[1]).allies_of(sys.argv[2], as_of=day)])"
)


def measure(size: int, runs: int, calls: int, seed: int, scratch: Path) -> dict[str, Any]:
    """Every row of one size; the store is left in ``scratch``."""
    found: dict[str, Any] = {"events": size}
    print(f"\n[{size:,} events: generating]", flush=True)
    data = synthetic.generate(size, max(20, size // 10), seed=seed)
    jsonl = synthetic.write_jsonl(data, scratch / "jsonl")
    del data
    store = scratch / "store"
    print("[compiling]", flush=True)
    program = (
        "import sys; from geoalign.store.compiled import compile_store; "
        "compile_store(sys.argv[1], sys.argv[2])"
    )
    done = processes.run([sys.executable, "-c", program, str(jsonl), str(store)], scratch)
    if done["returncode"]:
        raise SystemExit(done["stderr"])
    found["compile"] = {
        "seconds": done["seconds"],
        "us_per_event": done["seconds"] / size * 1e6,
        "peak_mb": done.get("peak_bytes", 0) / 2**20,
        "store_mb": sum(f.stat().st_size for f in store.iterdir()) / 2**20,
        "input_mb": jsonl.stat().st_size / 2**20,
    }
    print(f"  {found['compile']}", flush=True)
    rng = random.Random(seed)
    work = _calls(store, rng, calls)
    actor, day = work["allies_of"][0]
    ties = str(store / "ties.parquet")
    cold = {
        "import duckdb": [sys.executable, "-c", "import duckdb"],
        "geoalign: open_store + allies_of": [
            sys.executable, "-c", OURS, str(store), actor, str(day.toordinal()),
        ],
        "DuckDB by hand on ties.parquet": [
            sys.executable, "-c", BY_HAND.format(kinds=KINDS), ties, actor, str(day.toordinal()),
        ],
    }  # fmt: skip
    print("[cold processes]", flush=True)
    found["cold"] = processes.interleaved(cold, runs, scratch)
    print("[warm calls and the batch]", flush=True)
    found["warm"] = _warm(store, work)
    found["batch"] = _batch(store, work["allies_of"][:10_000])
    return found


def _calls(store: Path, rng: random.Random, count: int) -> dict[str, list[Any]]:
    """Distinct calls: actors with ties (pairs with events), days uniform over 1990-2024."""
    import duckdb

    db = duckdb.connect()
    actors = [row[0] for row in db.execute(
        "SELECT DISTINCT actor FROM read_parquet(?) ORDER BY actor", [str(store / "ties.parquet")]
    ).fetchall()]  # fmt: skip
    low, high = datetime.date(1990, 1, 1).toordinal(), datetime.date(2024, 12, 31).toordinal()

    def day() -> datetime.date:
        return datetime.date.fromordinal(rng.randint(low, high))

    def pair() -> tuple[str, str]:
        return rng.choice(actors), rng.choice(actors)

    return {
        "allies_of": [(rng.choice(actors), day()) for _ in range(max(count, 10_000))],
        "sanction_status": [(*pair(), day()) for _ in range(count)],
        "timeline_between": [(*pair(), day()) for _ in range(count)],
    }


def _warm(store: Path, work: dict[str, list[Any]]) -> dict[str, Any]:
    from geoalign.store.compiled import open_store

    ds = open_store(store)
    ask = {
        "allies_of": lambda a, d: ds.allies_of(a, as_of=d),
        "sanction_status": lambda a, b, d: ds.sanction_status(a, b, as_of=d),
        "timeline_between": lambda a, b, d: ds.timeline_between(
            a, b, start=d, end=d + datetime.timedelta(days=365)
        ),
    }
    found = {}
    for query, calls in work.items():
        times = []
        for call in calls[: len(work["sanction_status"])]:
            start = time.perf_counter_ns()
            ask[query](*call)
            times.append((time.perf_counter_ns() - start) / 1000)
        found[query] = {
            "median_us": statistics.median(times),
            "p90_us": statistics.quantiles(times, n=10)[-1],
            "calls": len(times),
        }
    return found


def _batch(store: Path, calls: list[tuple[str, datetime.date]]) -> dict[str, Any]:
    import duckdb

    from geoalign.store.compiled import open_store

    db = duckdb.connect()
    times: dict[str, list[float]] = {"join": [], "loop": [], "batch": []}
    ds = open_store(store)
    for repeat in range(3):
        start = time.perf_counter()
        db.execute(
            "CREATE OR REPLACE TEMP TABLE calls AS SELECT unnest(range(?)) AS i, "
            "unnest(?) AS actor, unnest(?) AS day",
            [len(calls), [a for a, _ in calls], [d.toordinal() for _, d in calls]],
        )
        rows = db.execute(BATCH_SQL, [str(store / "ties.parquet"), KINDS]).fetchall()
        times["join"].append(time.perf_counter() - start)
        joined = {i: list(others) for i, others in rows}
        start = time.perf_counter()
        batched = [[a.id for a in allies] for allies in ds.allies_of_many(calls)]
        times["batch"].append(time.perf_counter() - start)
        if repeat == 0:  # the loop takes seconds: once is enough to time it
            start = time.perf_counter()
            looped = [[a.id for a in ds.allies_of(actor, as_of=day)] for actor, day in calls]
            times["loop"].append(time.perf_counter() - start)
    agree = sum(joined.get(i, []) == answer == batched[i] for i, answer in enumerate(looped))
    return {
        "calls": len(calls),
        "join_ms": statistics.median(times["join"]) * 1000,
        "batch_ms": statistics.median(times["batch"]) * 1000,
        "loop_ms": statistics.median(times["loop"]) * 1000,
        "agree": agree,
    }


def measure_sizes(sizes: list[int], runs: int, calls: int, seed: int) -> list[dict[str, Any]]:
    """:func:`measure` of each size in a scratch directory; the tables printed."""
    results = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as scratch:
            results.append(measure(size, runs, calls, seed, Path(scratch)))
    print_rows(results)
    return results


def print_rows(results: list[dict[str, Any]]) -> None:
    """The Markdown tables of benchmarks/README.md's compiled-store section."""
    print("\n| events | compile s | µs/event | peak MB | store MB | JSON Lines MB |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        c = r["compile"]
        print(
            f"| {r['events']:,} | {c['seconds']:.1f} | {c['us_per_event']:.1f} | "
            f"{c['peak_mb']:,.0f} | {c['store_mb']:,.1f} | {c['input_mb']:,.1f} |"
        )
    print("\n| events | process | ms (median / p90) | peak MB | / `import duckdb` |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for r in results:
        base = r["cold"]["import duckdb"]["median_ms"]
        for name, v in r["cold"].items():
            print(
                f"| {r['events']:,} | {name} | {v['median_ms']:,.1f} / {v['p90_ms']:,.1f} | "
                f"{v.get('peak_mb', 0):,.0f} | {v['median_ms'] / base:.2f} |"
            )
    print("\n| events | query | µs per call (median / p90) | calls |")
    print("| ---: | --- | ---: | ---: |")
    for r in results:
        for query, v in r["warm"].items():
            print(
                f"| {r['events']:,} | {query} | {v['median_us']:,.0f} / {v['p90_us']:,.0f} | "
                f"{v['calls']:,} |"
            )
    print(
        "\n| events | calls | DuckDB join ms | allies_of_many ms | batch / join "
        "| allies_of loop ms | loop / join | agree |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        b = r["batch"]
        print(
            f"| {r['events']:,} | {b['calls']:,} | {b['join_ms']:,.0f} | {b['batch_ms']:,.0f} | "
            f"{b['batch_ms'] / b['join_ms']:.2f} | {b['loop_ms']:,.0f} | "
            f"{b['loop_ms'] / b['join_ms']:.1f} | {b['agree']:,} |"
        )


def main(argv: list[str] | None = None) -> int:
    """Measure each size, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--runs", type=int, default=10, help="rounds of the cold processes")
    parser.add_argument("--calls", type=int, default=2000, help="warm calls per query")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", default=str(Path(__file__).parent / "results" / "compiled.json"))
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    results = measure_sizes(sizes, options.runs, options.calls, options.seed)
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
