"""Query workloads and how they are timed.

*Distinct*: argument tuples, all different, drawn with a fixed seed: pairs (or actors)
uniformly among those with any data, days uniformly over the synthetic years, windows a
year long.  Each call is timed once, ``time.perf_counter_ns`` around the single call.
Engines take turns by blocks of :data:`BLOCK` calls in a rotating order, so no engine
meets a call another engine has just warmed up.  The slow engines (pandas, DuckDB, brute
force) answer only the first calls of the list.

*Hot, repeated arguments*: the earlier benchmark's mix, kept for comparison: calls on
the busiest 0.1% of keys, each repeated for about a millisecond and timed as a mean, so
that every cache stays hot.  It flatters every engine, ours most.

Every engine's answer to every call is compared with geoalign's, reduced to ids (a
timeline's ids sorted, so that a change of the library's order of equal dates does not
count); disagreements are counted and shown, not fatal, so that the benchmark runs on
while the library's semantics change (see README, "Keeping it working").
"""

from __future__ import annotations

import datetime
import random
import statistics
import time
from collections.abc import Callable
from typing import Any

import synthetic
from baselines import BisectIndex

__all__ = ["BLOCK", "QUERIES", "batches", "methods", "time_distinct", "time_hot", "workloads"]

BLOCK = 500
QUERIES = ("timeline_between", "allies_of", "sanction_status")
DAY_SPAN = (
    datetime.date(synthetic.FIRST_YEAR, 1, 1).toordinal(),
    datetime.date(synthetic.LAST_YEAR, 12, 31).toordinal(),
)
Call = tuple[Any, ...]


def methods(
    engines: dict[str, Any], query: str, options: dict[str, Any]
) -> dict[str, Callable[..., Any]]:
    """Each engine's ``query`` behind one function of the baselines' positional arguments
    (ids, then dates); ``options`` are keyword arguments for geoalign's query only (such
    as ``certainty``), left out when empty so that older versions run too.
    """
    found: dict[str, Callable[..., Any]] = {}
    for name, engine in engines.items():
        method = getattr(engine, query)
        if name != "ours":
            found[name] = lambda *args, method=method: method(*args)
        elif query == "timeline_between":
            found[name] = lambda a, b, s, e, m=method, o=options: m(a, b, start=s, end=e, **o)
        elif query == "allies_of":
            found[name] = lambda actor, day, m=method, o=options: m(actor, as_of=day, **o)
        else:
            found[name] = lambda a, b, day, m=method, o=options: m(a, b, as_of=day, **o)
    return found


def workloads(index: BisectIndex, seed: int, distinct: int, hot: int) -> dict[str, Any]:
    """For each query, ``distinct`` different calls and ``hot`` calls on the busiest keys.

    >>> from baselines import _example
    >>> mixes = workloads(BisectIndex(_example()), 0, 50, 5)["allies_of"]
    >>> len(set(mixes["distinct"])), len(mixes["hot"])
    (50, 5)
    """
    rng = random.Random(seed)

    def day() -> datetime.date:
        return datetime.date.fromordinal(rng.randint(*DAY_SPAN))

    def window(pair: tuple[str, str]) -> Call:
        first = day()
        return (*pair, first, first + datetime.timedelta(days=365))

    measures = {key: len(v) for key, v in index.sanctions.items()}
    for key, stated in index.stated.items():
        measures[key] = measures.get(key, 0) + len(stated)
    weights: dict[str, tuple[dict[Any, int], Callable[[Any], Call]]] = {
        "timeline_between": ({k: len(v[2]) for k, v in index.timelines.items()}, window),
        "allies_of": ({k: len(v) for k, v in index.allies.items()}, lambda a: (a, day())),
        "sanction_status": (measures, lambda pair: (*pair, day())),
    }
    found = {}
    for query, (keys, make) in weights.items():
        ranked = sorted(keys, key=lambda key: (-keys[key], key))
        busiest = ranked[: max(5, len(ranked) // 1000)]
        calls: dict[Call, None] = {}  # insertion-ordered set
        while len(calls) < distinct:
            calls[make(rng.choice(ranked))] = None
        found[query] = {
            "distinct": list(calls),
            "hot": [make(rng.choice(busiest)) for _ in range(hot)],
        }
    return found


def canonical(answer: Any) -> Any:
    """An answer reduced to ids, comparable across engines."""
    if hasattr(answer, "state"):  # geoalign's SanctionStatus
        return answer.state.value, tuple(sorted(m.id for m in answer.measures))
    if isinstance(answer, tuple) and len(answer) == 2 and isinstance(answer[0], str):
        return answer[0], tuple(sorted(answer[1]))  # a baseline's (state, measure ids)
    return sorted(str(item) if isinstance(item, str) else item.id for item in answer)


def time_distinct(
    calling: dict[str, Callable[..., Any]], calls: list[Call], limits: dict[str, int]
) -> dict[str, Any]:
    """Per engine: median, 90th percentile and mean µs per call, each call timed once."""
    names = list(calling)
    samples: dict[str, list[int]] = {name: [] for name in names}
    answers: dict[str, list[Any]] = {name: [] for name in names}
    for number, low in enumerate(range(0, len(calls), BLOCK)):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            block = calls[low : min(low + BLOCK, limits.get(name, len(calls)))]
            method, clock = calling[name], time.perf_counter_ns
            for args in block:
                start = clock()
                answer = method(*args)
                samples[name].append(clock() - start)
                answers[name].append(answer)
    expected = [canonical(answer) for answer in answers["ours"]]
    found = {}
    for name in names:
        differ = [i for i, answer in enumerate(answers[name]) if canonical(answer) != expected[i]]
        found[name] = _stats([ns / 1000 for ns in samples[name]]) | {
            "disagree": len(differ),
            "first_disagreement": repr(calls[differ[0]]) if differ else None,
        }
    return found


def time_hot(
    calling: dict[str, Callable[..., Any]], calls: list[Call], limits: dict[str, int]
) -> dict[str, Any]:
    """Per engine: µs per call, each call repeated for about a millisecond (hot caches)."""
    names = list(calling)
    samples: dict[str, list[float]] = {name: [] for name in names}
    for number, args in enumerate(calls):
        for name in names[number % len(names) :] + names[: number % len(names)]:
            if number >= limits.get(name, len(calls)):
                continue
            method = calling[name]
            start = time.perf_counter()
            method(*args)
            once = time.perf_counter() - start
            repeat = max(1, min(2000, int(0.001 / max(once, 1e-7))))
            start = time.perf_counter()
            for _ in range(repeat):
                method(*args)
            samples[name].append((time.perf_counter() - start) / repeat * 1e6)
    return {name: _stats(values) for name, values in samples.items() if values}


def _stats(us: list[float]) -> dict[str, Any]:
    return {
        "median_us": statistics.median(us),
        "p90_us": statistics.quantiles(us, n=10)[-1] if len(us) > 1 else us[0],
        "mean_us": statistics.fmean(us),
        "calls": len(us),
    }


def batches(
    duckdb: Any, ours: Callable[..., Any], query: str, calls: list[Call], runs: int
) -> dict[str, Any]:
    """One DuckDB join answering every call, against geoalign answering them in a loop.

    Times are the median of ``runs`` passes over all ``calls``, in ms; the join's
    answers are checked against geoalign's.
    """
    joins, loops = [], []
    for _ in range(runs):
        start = time.perf_counter()
        joined = duckdb.batch(query, calls)
        joins.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        answers = [ours(*args) for args in calls]
        loops.append((time.perf_counter() - start) * 1000)
    differ = sum(canonical(a) != canonical(b) for a, b in zip(answers, joined, strict=True))
    return {
        "calls": len(calls),
        "duckdb_join_ms": statistics.median(joins),
        "ours_loop_ms": statistics.median(loops),
        "disagree": differ,
    }
