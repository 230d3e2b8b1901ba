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
    found["batch"] = _batches(store, rng, work["allies_of"][:10_000])
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


CALLS = {
    "allies_of": ("actor", "day"),
    "timeline_between": ("a", "b", "first_day", "last_day"),
    "sanction_status": ("imposer", "target"),
}
"""The columns of the table of calls each hand-written join reads, after ``i``."""
JOINS = {
    "allies_of": BATCH_SQL,
    "timeline_between": """
SELECT c.i, list(m.event ORDER BY m.possible_last, m.possible_first DESC, m.event)
FROM calls c JOIN read_parquet(?) m
  ON m.actor = c.a AND list_contains(m.actors, c.b)
 AND c.first_day <= m.definite_first AND m.definite_last <= c.last_day
GROUP BY c.i
""",
    "sanction_status": """
SELECT c.i, list((t.relationship, t.statement, t.possible_from, t.possible_until,
                  t.definite_from, t.definite_until))
FROM calls c JOIN read_parquet(?) t ON t.imposer = c.imposer AND t.target = c.target
GROUP BY c.i
""",
}
"""Each query as a hand-written join, definite: allies and timelines give the answers'
ids; sanctions give each pair's measures and statements with their spans, the state
left undecided (what the rule reads)."""
TABLE = {"allies_of": "ties", "timeline_between": "memberships", "sanction_status": "sanctions"}


def _questions(store: Path, rng: random.Random, allies: list[Any]) -> dict[str, list[Any]]:
    """As many questions of each query as ``allies`` (:func:`_calls`' allies); timelines of pairs
    that share an event, and sanctions of pairs with a measure or statement (drawn from
    their tables); days uniform over 1990-2024, a timeline's window a year long."""
    import duckdb

    db = duckdb.connect()
    days = [day for _, day in allies]
    sample = "SELECT {} FROM read_parquet(?) USING SAMPLE {} ROWS (reservoir, 1)"

    def drawn(columns: str, table: str) -> list[Any]:
        path = str(store / f"{table}.parquet")
        return db.execute(sample.format(columns, len(days)), [path]).fetchall()

    members = [
        (a, rng.choice([o for o in others if o != a] or [a]))
        for a, others in drawn("actor, actors", "memberships")
    ]
    pairs = drawn("imposer, target", "sanctions")
    year = datetime.timedelta(days=365)
    return {
        "allies_of": allies,
        "timeline_between": [(*rng.choice(members), day, day + year) for day in days],
        "sanction_status": [(*rng.choice(pairs), day) for day in days],
    }


def _batches(store: Path, rng: random.Random, allies: list[Any]) -> dict[str, Any]:
    """:func:`_questions`' questions answered three ways, interleaved (a rotating order),
    median of 5: the hand-written join (:data:`JOINS`), the same with the answers'
    records built from their JSON, kept from one run to the next as geoalign's store
    keeps records (up to 65,536, then emptied; allies and timelines), and
    geoalign's batch form; then the single query in a loop over the first 300 (scaled)."""
    import duckdb

    from geoalign.formats.convert import structure
    from geoalign.model.records import RECORD_CLASSES
    from geoalign.store.compiled import open_store
    from geoalign.store.compiled.connection import _CACHED as KEPT

    db, ds = duckdb.connect(), open_store(store)
    asked = _questions(store, rng, allies)
    kept: dict[str, Any] = {}  # the baseline's records, kept as geoalign keeps them

    def join(query: str) -> list[Any]:
        values = [
            (q[0], q[1].toordinal()) if query == "allies_of"
            else (*q[:2], q[2].toordinal(), q[3].toordinal()) if query == "timeline_between"
            else q[:2]
            for q in asked[query]
        ]  # fmt: skip
        columns = ", ".join(f"unnest(?) AS {name}" for name in ("i", *CALLS[query]))
        lists = [list(range(len(values))), *map(list, zip(*values, strict=True))]
        db.execute(f"CREATE OR REPLACE TEMP TABLE calls AS SELECT {columns}", lists)
        table = str(store / f"{TABLE[query]}.parquet")
        rows = db.execute(JOINS[query], [table, KINDS] if query == "allies_of" else [table])
        found: list[Any] = [[] for _ in values]
        for i, answer in rows.fetchall():
            found[i] = answer
        return found

    def join_records(query: str) -> list[tuple[Any, ...]]:
        found = join(query)
        records = {x: kept[x] for ids in found for x in ids if x in kept}
        missing = sorted({x for ids in found for x in ids} - records.keys())
        rows = db.execute(
            "SELECT id, collection, data FROM read_parquet(?) WHERE list_contains(?, id)",
            [str(store / "records.parquet"), missing],
        ).fetchall()
        for record_id, collection, data in rows:
            records[record_id] = structure(json.loads(data), RECORD_CLASSES[collection])
            if len(kept) >= KEPT:  # kept within geoalign's bound, emptied as it empties
                kept.clear()
            kept[record_id] = records[record_id]
        return [tuple([records[x] for x in ids]) for ids in found]

    batch = {
        "allies_of": ds.allies_of_many,
        "timeline_between": ds.timeline_between_many,
        "sanction_status": ds.sanction_status_many,
    }
    single = {
        "allies_of": lambda a, d: ds.allies_of(a, as_of=d),
        "timeline_between": lambda a, b, s, e: ds.timeline_between(a, b, start=s, end=e),
        "sanction_status": lambda a, b, d: ds.sanction_status(a, b, as_of=d),
    }
    found: dict[str, Any] = {}
    for query, questions in asked.items():
        ask = {"join": lambda q=query: join(q), "batch": lambda q=query: batch[q](asked[q])}
        if query != "sanction_status":
            ask["join_records"] = lambda q=query: join_records(q)
        times: dict[str, list[float]] = {name: [] for name in ask}
        answers: dict[str, Any] = {}
        for repeat in range(5):
            for name in list(ask)[repeat % len(ask) :] + list(ask)[: repeat % len(ask)]:
                start = time.perf_counter()
                answers[name] = ask[name]()
                times[name].append(time.perf_counter() - start)
        start = time.perf_counter()
        looped = [single[query](*q) for q in questions[:300]]
        loop = (time.perf_counter() - start) * len(questions) / 300
        ours = answers["batch"]
        agree = sum(looped[i] == ours[i] for i in range(len(looped))) == len(looped)
        if query != "sanction_status":
            agree = (
                agree
                and ours == answers["join_records"]
                and answers["join"] == [[record.id for record in answer] for answer in ours]
            )
        found[query] = {
            "calls": len(questions),
            "answered": sum(map(bool, answers["join"])),
            "agree": agree,
            "loop_ms": loop * 1000,
            **{f"{name}_ms": statistics.median(t) * 1000 for name, t in times.items()},
        }
        print(f"  {query}: {found[query]}", flush=True)
    return found


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
    print_batches(results)
    print("\n| process | ms (median / p90) | peak MB | / `import duckdb` | / smallest store |")
    print("| --- | ---: | ---: | ---: | ---: |")
    base = across["import duckdb"]["median_ms"]
    smallest = next(v["median_ms"] for name, v in across.items() if name != "import duckdb")
    for name, v in across.items():
        print(
            f"| {name} | {v['median_ms']:,.1f} / {v['p90_ms']:,.1f} | {v.get('peak_mb', 0):,.0f} "
            f"| {v['median_ms'] / base:.2f} | {v['median_ms'] / smallest:.2f} |"
        )


def print_batches(results: list[dict[str, Any]]) -> None:
    """The batch table: each query's batch form against the hand-written join."""
    print(
        "\n| events | query | calls | answered | join ms | join + records ms | batch ms "
        "| batch / join | batch / join + records | loop ms | agree |"
    )
    print("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for r in results:
        for query, b in r["batch"].items():
            records = b.get("join_records_ms")
            with_records = ("", "") if records is None else (
                f"{records:,.0f}", f"{b['batch_ms'] / records:.2f}"
            )  # fmt: skip
            print(
                f"| {r['events']:,} | {query} | {b['calls']:,} | {b['answered']:,} | "
                f"{b['join_ms']:,.0f} | {with_records[0]} | {b['batch_ms']:,.0f} | "
                f"{b['batch_ms'] / b['join_ms']:.2f} | {with_records[1]} | "
                f"{b['loop_ms']:,.0f} | {'yes' if b['agree'] else 'NO'} |"
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
    parser.add_argument("--batch-only", type=Path, help="only the batches, on this store")
    parser.add_argument("--json", default=str(Path(__file__).parent / "results" / "compiled.json"))
    options = parser.parse_args(argv)
    if options.batch_only:
        rng = random.Random(options.seed)
        allies = _calls(options.batch_only, rng, 10_000)["allies_of"][:10_000]
        manifest = json.loads((options.batch_only / "manifest.json").read_text())
        events = manifest["counts"]["events"]
        results: Any = [{"events": events, "batch": _batches(options.batch_only, rng, allies)}]
        print_batches(results)
        Path(options.json).parent.mkdir(parents=True, exist_ok=True)
        Path(options.json).write_text(json.dumps(results, indent=2))
        return 0
    sizes = [int(size) for size in options.sizes.split(",")]
    results = measure_sizes(
        sizes, options.runs, options.calls, options.seed, options.scratch, not options.no_warm
    )
    Path(options.json).parent.mkdir(parents=True, exist_ok=True)
    Path(options.json).write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
