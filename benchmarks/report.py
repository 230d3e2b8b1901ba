"""The tables ``run.py`` prints (Markdown), the targets checked against them, and the
comparison of two runs.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ENGINES", "compare", "print_cold", "print_size", "print_targets", "targets"]

ENGINES = ("ours", "bisect", "sqlite", "pandas", "duckdb", "brute")
KB = 1000


def _mb(value: dict[str, Any]) -> str:
    return f"{value['peak_mb']:,.0f}" if "peak_mb" in value else ""


def _ms(value: dict[str, Any]) -> str:
    if "median_ms" not in value:
        return f"failed: {value.get('error')}"
    return f"{value['median_ms']:,.1f} / {value['p90_ms']:,.1f}"


def print_cold(cold: dict[str, Any]) -> None:
    runs = max((v.get("runs", 0) for v in cold.values()), default=0)
    print(f"\n### Cold start: fresh processes, ms (median / p90 of {runs}, interleaved)\n")
    print("| process | ms | peak MB |\n| --- | ---: | ---: |")
    for name, value in cold.items():
        print(f"| `{name}` | {_ms(value)} | {_mb(value)} |")


def print_size(size: int, result: dict[str, Any]) -> None:
    print(f"\n## {size:,} events, {result['relationships']:,} relationships")
    if "busiest_pair_events" in result:
        print(f"\nbusiest pair: {result['busiest_pair_events']:,} events")
    if "load" in result:
        _print_loads(result["load"])
    if "cli" in result:
        print(
            "\n| whole process | ms (median / p90) | runs | peak MB |\n| --- | ---: | ---: | ---: |"
        )
        for name, value in result["cli"].items():
            print(f"| `{name}` | {_ms(value)} | {value.get('runs')} | {_mb(value)} |")
    if "build_seconds" in result:
        built = ", ".join(f"{n} {s:.1f} s" for n, s in result["build_seconds"].items())
        print(f"\nin-process load and baseline builds: {built}")
    if "queries" in result:
        _print_queries(result["queries"])
    if "store" in result:
        _print_store(result["store"])
    busy = result.get("load_average")
    busy = f"; load average over the last 5 minutes {busy:.1f}" if busy is not None else ""
    print(f"\n(measured in {result['elapsed_seconds']:.0f} s{busy})")


def _print_loads(load: dict[str, Any]) -> None:
    inside, whole = load["in_process"], load["whole_process"]
    hand = inside["jsonl_by_hand"].get("seconds")
    hand_whole = whole["jsonl_by_hand"].get("median_ms")
    print(
        "\n| load | in process: s (load + pending collection) | µs/event | ratio"
        " | whole process: s | ratio | peak MB | kept B/event |"
        "\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
    )
    for name, value in inside.items():
        w = whole[name]
        if "error" in value or "error" in w or not hand or not hand_whole:
            print(f"| {name} | failed: {value.get('error') or w.get('error')} |")
            continue
        print(
            f"| {name} | {value['seconds']:.2f} ({value['load_seconds']:.2f}"
            f" + {value['collect_seconds']:.2f}) | {value['us_per_event']:.1f}"
            f" | {value['seconds'] / hand:.2f} | {w['median_ms'] / 1000:.2f}"
            f" | {w['median_ms'] / hand_whole:.2f} | {_mb(w)}"
            f" | {value['kept_bytes_per_event']:,.0f} |"
        )


def _print_queries(queries: dict[str, Any]) -> None:
    shown = [e for e in ENGINES if any(e in mix for q in queries.values() for mix in q.values())]
    print(
        "\n| query | mix | "
        + " | ".join(shown)
        + " | "
        + " | ".join(f"ours / {e}" for e in shown[1:])
        + " |\n| --- | --- |"
        + " ---: |" * (2 * len(shown) - 1)
    )
    notes, counts = [], {}
    for query, mixes in queries.items():
        for mix, engines in mixes.items():
            cells = [
                f"{v['median_us']:,.1f} / {v['p90_us']:,.1f}" if (v := engines.get(e)) else "-"
                for e in shown
            ]
            ours = engines["ours"]["median_us"]
            ratios = [
                f"{ours / engines[e]['median_us']:.3g}" if e in engines else "-" for e in shown
            ]
            print(f"| {query} | {mix} | " + " | ".join(cells + ratios[1:]) + " |")
            counts[mix] = {e: v["calls"] for e, v in engines.items()}
            notes += [
                f"{query} {mix}: {e} disagrees with geoalign on {v['disagree']} of {v['calls']}"
                f" calls, first {v['first_disagreement']}"
                for e, v in engines.items()
                if v.get("disagree")
            ]
    print("\nµs per call, median / 90th percentile; calls timed per query:")
    for mix, engines in counts.items():
        print(f"{mix}: " + ", ".join(f"{e} {n:,}" for e, n in engines.items()) + ".")
    print("\n" + ("\n".join(notes) if notes else "Every engine's answers agree with geoalign's."))


def _print_store(store: dict[str, Any]) -> None:
    if "batch" in store:
        print("\n| batch of distinct calls | calls | DuckDB join ms | geoalign loop ms | ratio |")
        print("| --- | ---: | ---: | ---: | ---: |")
        for query, value in store["batch"].items():
            differ = f" ({value['disagree']} answers differ)" if value["disagree"] else ""
            print(
                f"| {query}{differ} | {value['calls']:,} | {value['duckdb_join_ms']:,.1f}"
                f" | {value['ours_loop_ms']:,.1f}"
                f" | {value['ours_loop_ms'] / value['duckdb_join_ms']:.2f} |"
            )
    print("\n| cold process, hand-written database file | ms (median / p90) | peak MB |")
    print("| --- | ---: | ---: |")
    for name, value in store["cold_files"].items():
        print(f"| `{name}` | {_ms(value)} | {_mb(value)} |")


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 15 item 3 (and the earlier ones), at the largest size."""
    found: list[dict[str, Any]] = []

    def add(name: str, ratio: float | None, limit: float, note: str = "") -> None:
        met = None if ratio is None else ratio <= limit
        found.append({"target": name, "ratio": ratio, "limit": limit, "met": met, "note": note})

    cold = {k: v.get("median_ms") for k, v in results.get("cold_start", {}).items()}
    if cold:
        add("import geoalign / import attrs", _ratio(cold, "import geoalign", "import attrs"), 1.2)
        for kind in ("CLI", "Python"):
            add(
                f"first answer, {kind} / import attrs, cattrs, yaml",
                _ratio(cold, f"first answer, {kind}", "import attrs, cattrs, yaml"),
                1.0,
            )
    if not results.get("sizes"):
        return found
    size = max(results["sizes"], key=int)
    largest = results["sizes"][size]
    at = f" at {int(size):,} events"
    store = largest.get("store", {})
    duck = store.get("cold_files", {}).get("import duckdb", {}).get("median_ms")
    if "cli" in largest and duck:
        cli = largest["cli"]["geoalign --data DATA allies X"].get("median_ms")
        add(
            f"cold query{at} / import duckdb",
            cli / duck if cli else None,
            2.0,
            "no compiled store yet: today's cold answer is the CLI on JSON Lines",
        )
    if duck and "duckdb file: allies_of" in store["cold_files"]:
        lower = store["cold_files"]["duckdb file: allies_of"]["median_ms"] / duck
        add(f"(lower bound) hand-written DuckDB file query{at} / import duckdb", lower, 2.0)
    for query, value in store.get("batch", {}).items():
        ratio = value["ours_loop_ms"] / value["duckdb_join_ms"]
        add(f"batch {query}{at}: geoalign loop / DuckDB join", ratio, 2.0, "no batch API yet")
    for query, mixes in largest.get("queries", {}).items():
        engines = mixes["distinct"]
        for engine, limit in (("bisect", 2.0), ("sqlite", 1.0), ("pandas", 0.01)):
            if engine in engines and (engine != "pandas" or query == "timeline_between"):
                ratio = engines["ours"]["median_us"] / engines[engine]["median_us"]
                add(f"{query} distinct{at} / {engine}", ratio, limit)
    if "load" in largest:
        inside, whole = largest["load"]["in_process"], largest["load"]["whole_process"]
        add(
            f"JSON Lines load{at} / hand-written, in process",
            _ratio(inside, "jsonl", "jsonl_by_hand", "seconds"),
            2.0,
        )
        add(
            f"JSON Lines load{at} / hand-written, whole process",
            _ratio(whole, "jsonl", "jsonl_by_hand"),
            2.0,
        )
        kept = inside["jsonl"].get("kept_bytes_per_event")
        add(f"kept memory{at}, KB per event", kept / KB if kept else None, 1.0)
        peak = inside["jsonl"].get("peak_bytes_per_event")
        add(
            "peak memory of 10^7 events, GB (projected from the load's peak per event)",
            peak * 1e7 / 1e9 if peak else None,
            4.0,
            "the target is for compiling; no compiler yet",
        )
    return found


def _ratio(values: dict[str, Any], ours: str, base: str, key: str = "median_ms") -> float | None:
    top, bottom = values.get(ours), values.get(base)
    if isinstance(top, dict):
        top, bottom = top.get(key), (bottom or {}).get(key)
    return top / bottom if top and bottom else None


def print_targets(found: list[dict[str, Any]]) -> None:
    print("\n## Targets\n\n| target | measured | limit | verdict |\n| --- | ---: | ---: | --- |")
    for item in found:
        ratio = "n/a" if item["ratio"] is None else f"{item['ratio']:.3g}"
        verdict = {True: "met", False: "**missed**", None: "not measured"}[item["met"]]
        note = f" ({item['note']})" if item["note"] else ""
        print(f"| {item['target']} | {ratio} | {item['limit']:.3g} | {verdict}{note} |")


def compare(old: dict[str, Any], new: dict[str, Any]) -> None:
    """Print the query medians of two runs side by side (new / old), size by size."""
    print("\n## Compared with the earlier run\n")
    print("| events | query | mix | engine | before µs | after µs | after / before |")
    print("| ---: | --- | --- | --- | ---: | ---: | ---: |")
    for size, result in new.get("sizes", {}).items():
        before = old.get("sizes", {}).get(size, {}).get("queries", {})
        for query, mixes in result.get("queries", {}).items():
            for mix, engines in mixes.items():
                for engine, value in engines.items():
                    was = before.get(query, {}).get(mix, {}).get(engine)
                    if was:
                        a, b = was["median_us"], value["median_us"]
                        print(
                            f"| {int(size):,} | {query} | {mix} | {engine}"
                            f" | {a:,.2f} | {b:,.2f} | {b / a:.2f} |"
                        )
