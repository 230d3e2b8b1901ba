"""The compiled store's rows: compiling, a cold process's first answer, warm calls, batches.

``python benchmarks/compiled.py --sizes 10000,1000000`` (or ``run.py --only compiled``)
generates each dataset as JSON Lines, then measures, side by side:

* *compile*: a child process running ``compile_store`` (JSON Lines: the streaming
  compile, two passes over the file): wall seconds, µs per event and peak memory
  (GNU time);
* *cold*: fresh processes, interleaved: ``python -c "import duckdb"``, geoalign opening
  the store and answering one ``allies_of``, and the same question asked by hand of
  the same Parquet file through DuckDB (no geoalign);
* *warm*: distinct calls of each query on one opened store, each timed once;
* *batch*: 10^4 distinct ``allies_of`` calls answered by one hand-written DuckDB join
  over the store's ``ties`` table (ids; and the same answers as geoalign's, tuples of
  actor records), by ``allies_of_many`` (one call), and by ``allies_of`` in a loop
  (the first 1,000 calls, scaled); answers compared;
* *across sizes*: the cold first answer on every size's store, interleaved in one run.

``--scratch DIR`` keeps each size's JSON Lines file (``DIR/e<size>/jsonl``, made once,
a record at a time, so 10^7 events fit) and store; ``--no-warm`` leaves out the warm
calls.
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


def measure(
    size: int, runs: int, calls: int, seed: int, scratch: Path, *, warm: bool = True
) -> dict[str, Any]:
    """Every row of one size.  ``scratch`` keeps the JSON Lines file (made again only if
    missing, one record at a time) and the store (compiled again each time)."""
    found: dict[str, Any] = {"events": size}
    jsonl = scratch / "jsonl" / "dataset.jsonl"
    if not jsonl.exists():
        print(f"\n[{size:,} events: generating]", flush=True)
        synthetic.write_jsonl(synthetic.stream(size, max(20, size // 10), seed=seed), jsonl.parent)
    store = scratch / "store"
    print(f"[{size:,} events: compiling]", flush=True)
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
    found["question"] = [actor, day.toordinal()]
    ties = str(store / "ties.parquet")
    cold = {
        "import duckdb": [sys.executable, "-c", "import duckdb"],
        "geoalign: open_store + allies_of": _ours(store, actor, day.toordinal()),
        "DuckDB by hand on ties.parquet": [
            sys.executable, "-c", BY_HAND.format(kinds=KINDS), ties, actor, str(day.toordinal()),
        ],
    }  # fmt: skip
    print("[cold processes]", flush=True)
    found["cold"] = processes.interleaved(cold, runs, scratch)
    print("[warm calls and the batch]", flush=True)
    found["warm"] = _warm(store, work) if warm else {}
    found["batch"] = _batch(store, work["allies_of"][:10_000])
    return found


def _ours(store: Path, actor: str, day: int) -> list[str]:
    return [sys.executable, "-c", OURS, str(store), actor, str(day)]


def across_sizes(results: list[dict[str, Any]], scratch: Path, runs: int) -> dict[str, Any]:
    """The cold first answer on each size's store, interleaved in one run (the ratio of
    issue 15: the largest store against the others), beside ``import duckdb``."""
    cold = {"import duckdb": [sys.executable, "-c", "import duckdb"]}
    for r in results:
        store = scratch / f"e{r['events']}" / "store"
        cold[f"geoalign, {r['events']:,} events"] = _ours(store, *r["question"])
    print("[cold processes across sizes]", flush=True)
    return processes.interleaved(cold, runs, scratch)


def _calls(store: Path, rng: random.Random, count: int) -> dict[str, list[Any]]:
    """Distinct calls: actors with ties, pairs of them drawn at random, days uniform over
    1990-2024.  Most pairs share no event and no sanction, so most timeline and sanction
    calls answer empty or unknown: those rows time the store's lookups, mostly of misses."""
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
    """10^4 questions: the hand-written join (ids, and the same answers as geoalign's:
    tuples of actor records, built once per actor as geoalign's store keeps them),
    ``allies_of_many``, and ``allies_of`` in a loop over the first 1,000; interleaved,
    median of 5."""
    import duckdb

    from geoalign.formats.convert import structure
    from geoalign.model.records import RECORD_CLASSES
    from geoalign.store.compiled import open_store

    db = duckdb.connect()
    records = str(store / "records.parquet")
    actors: dict[str, Any] = {}  # the baseline's records of actors, read once like geoalign's

    def join() -> list[list[str]]:
        db.execute(
            "CREATE OR REPLACE TEMP TABLE calls AS SELECT unnest(range(?)) AS i, "
            "unnest(?) AS actor, unnest(?) AS day",
            [len(calls), [a for a, _ in calls], [d.toordinal() for _, d in calls]],
        )
        rows = db.execute(BATCH_SQL, [str(store / "ties.parquet"), KINDS]).fetchall()
        found: list[list[str]] = [[] for _ in calls]
        for i, others in rows:
            found[i] = others
        return found

    def join_records() -> list[tuple[Any, ...]]:
        found = join()
        missing = sorted({o for others in found for o in others} - actors.keys())
        rows = db.execute(
            "SELECT id, collection, data FROM read_parquet(?) WHERE list_contains(?, id)",
            [records, missing],
        ).fetchall()
        for record_id, collection, data in rows:
            actors[record_id] = structure(json.loads(data), RECORD_CLASSES[collection])
        return [tuple([actors[o] for o in others]) for others in found]

    ds = open_store(store)
    times: dict[str, list[float]] = {"join": [], "join_records": [], "batch": []}
    answers: dict[str, Any] = {}
    ask = {"join": join, "join_records": join_records, "batch": lambda: ds.allies_of_many(calls)}
    for repeat in range(5):
        for name in list(ask)[repeat % 3 :] + list(ask)[: repeat % 3]:  # a rotating order
            start = time.perf_counter()
            answers[name] = ask[name]()
            times[name].append(time.perf_counter() - start)
    start = time.perf_counter()
    looped = [ds.allies_of(actor, as_of=day) for actor, day in calls[:1000]]
    loop = (time.perf_counter() - start) * len(calls) / 1000
    agree = sum(
        answers["join"][i] == [a.id for a in answer] and answer == answers["join_records"][i]
        for i, answer in enumerate(answers["batch"])
    )
    agree_loop = sum(looped[i] == answers["batch"][i] for i in range(len(looped)))
    return {
        "calls": len(calls),
        "join_ms": statistics.median(times["join"]) * 1000,
        "join_records_ms": statistics.median(times["join_records"]) * 1000,
        "batch_ms": statistics.median(times["batch"]) * 1000,
        "loop_ms": loop * 1000,
        "agree": agree if agree_loop == len(looped) else -1,
    }


def measure_sizes(
    sizes: list[int],
    runs: int,
    calls: int,
    seed: int,
    scratch: Path | None = None,
    warm: bool = True,
) -> dict[str, Any]:
    """:func:`measure` of each size, then the cold answers across sizes; the tables printed."""
    with tempfile.TemporaryDirectory() as temporary:
        root = scratch or Path(temporary)
        results = [measure(size, runs, calls, seed, root / f"e{size}", warm=warm) for size in sizes]
        across = across_sizes(results, root, runs)
    print_rows(results, across)
    return {"sizes": results, "across": across}


def print_rows(results: list[dict[str, Any]], across: dict[str, Any]) -> None:
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
        "\n| events | calls | join, ids ms | join, records ms | allies_of_many ms "
        "| batch / join, records | batch / join, ids | allies_of loop ms | agree |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        b = r["batch"]
        print(
            f"| {r['events']:,} | {b['calls']:,} | {b['join_ms']:,.0f} | "
            f"{b['join_records_ms']:,.0f} | {b['batch_ms']:,.0f} | "
            f"{b['batch_ms'] / b['join_records_ms']:.2f} | {b['batch_ms'] / b['join_ms']:.2f} | "
            f"{b['loop_ms']:,.0f} | {b['agree']:,} |"
        )
    print("\n| process | ms (median / p90) | peak MB | / `import duckdb` | / smallest store |")
    print("| --- | ---: | ---: | ---: | ---: |")
    base = across["import duckdb"]["median_ms"]
    smallest = next(v["median_ms"] for name, v in across.items() if name != "import duckdb")
    for name, v in across.items():
        print(
            f"| {name} | {v['median_ms']:,.1f} / {v['p90_ms']:,.1f} | {v.get('peak_mb', 0):,.0f} "
            f"| {v['median_ms'] / base:.2f} | {v['median_ms'] / smallest:.2f} |"
        )


def main(argv: list[str] | None = None) -> int:
    """Measure each size, print the tables, write the JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,1000000")
    parser.add_argument("--runs", type=int, default=10, help="rounds of the cold processes")
    parser.add_argument("--calls", type=int, default=2000, help="warm calls per query")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--scratch", type=Path, help="keep datasets and stores here (reused)")
    parser.add_argument("--no-warm", action="store_true", help="leave out the warm calls")
    parser.add_argument("--json", default=str(Path(__file__).parent / "results" / "compiled.json"))
    options = parser.parse_args(argv)
    sizes = [int(size) for size in options.sizes.split(",")]
    results = measure_sizes(
        sizes, options.runs, options.calls, options.seed, options.scratch, not options.no_warm
    )
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
