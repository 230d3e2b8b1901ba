"""The tables ``run.py`` prints, and the targets of benchmarks/README.md checked against them."""

from __future__ import annotations

from typing import Any

YAML_MAX = 100_000
"""The largest size at which YAML loading is measured (one load takes minutes beyond)."""

__all__ = ["YAML_MAX", "print_cold", "print_size", "print_targets", "targets"]


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the README, at the largest size: ``ours / baseline`` and its limit."""
    cold = {name: value.get("median_ms") for name, value in results["cold_start"].items()}
    largest = results["sizes"][max(results["sizes"], key=int)]
    load = largest["load"]
    median = {
        query: {engine: value["median_us"] for engine, value in engines.items()}
        for query, engines in largest["queries"].items()
    }
    found = [
        ("import geoalign / import attrs", cold["import geoalign"], cold["import attrs"], 1.2),
        (
            "first answer / import attrs, cattrs, yaml",
            cold["first answer"],
            cold["import attrs, cattrs, yaml"],
            1.0,
        ),
        (
            "jsonl load / orjson + hand",
            load["jsonl"]["seconds"],
            load["jsonl_by_hand"]["seconds"],
            2,
        ),
    ]
    for mix in ("random", "hot"):
        timeline = median[f"timeline_between {mix}"]
        for engine, limit in (("bisect", 1.5), ("sqlite", 1 / 1.5), ("pandas", 0.01)):
            found.append(
                (
                    f"timeline_between {mix} / {engine}",
                    timeline["ours"],
                    timeline.get(engine),
                    limit,
                )
            )
        for query in ("allies_of", "sanction_status"):
            times = median[f"{query} {mix}"]
            found.append((f"{query} {mix} / bisect", times["ours"], times["bisect"], 2))
    return [
        {"target": name, "size": largest["events"], "ratio": ratio, "limit": limit}
        | {"met": ratio is not None and ratio <= limit}
        for name, ours, base, limit in found
        for ratio in [ours / base if ours and base else None]
    ]


def print_cold(cold: dict[str, Any]) -> None:
    print("cold start (fresh process, median wall time)")
    for name, value in cold.items():
        shown = f"{value['median_ms']:8.1f} ms" if "median_ms" in value else value["error"]
        print(f"  {name:<28} {shown}")


def print_size(size: int, result: dict[str, Any]) -> None:
    print(
        f"\n{size:,} events, {result['relationships']:,} relationships"
        f" (busiest pair: {result['busiest_pair_events']:,} events)"
    )
    load = result["load"]
    hand = load["jsonl_by_hand"]["seconds"]
    print(f"  {'load':<26}{'seconds':>10}{'us/event':>10}{'peak B/ev':>11}{'kept B/ev':>11}  ratio")
    for name, value in load.items():
        ratio = f"{value['seconds'] / hand:5.2f}x hand" if name != "jsonl_by_hand" else ""
        print(
            f"  {name:<26}{value['seconds']:>10.3f}{value['us_per_event']:>10.1f}"
            f"{value['peak_bytes_per_event']:>11.0f}{value['kept_bytes_per_event']:>11.0f}  {ratio}"
        )
    if "yaml" not in load:
        print(f"  {'yaml':<26}  not measured above {YAML_MAX:,} events (too slow)")
    engines = ["ours", "bisect", "sqlite", "pandas", "brute"]
    print(f"  {'query (us: median / p90)':<26}" + "".join(f"{e:>19}" for e in engines))
    for name, per_engine in result["queries"].items():
        cells = []
        for engine in engines:
            value = per_engine.get(engine)
            cells.append(
                f"{value['median_us']:>9.1f} /{value['p90_us']:>8.1f}" if value else f"{'-':>19}"
            )
        print(f"  {name:<26}" + "".join(cells))
        ours = per_engine["ours"]["median_us"]
        ratios = [
            f"{ours / per_engine[e]['median_us']:>19.3g}x" if e in per_engine else f"{'':>20}"
            for e in engines[1:]
        ]
        print(f"  {'  ours / baseline':<26}{'':>19}" + "".join(r[1:] for r in ratios))
    print(f"  slow baselines (pandas, brute) timed on {result['slow_queries_run']} queries")
    print(f"  measured in {result['elapsed_seconds']:.0f} s")


def print_targets(targets: list[dict[str, Any]]) -> None:
    print("\ntargets (ours / baseline, at the largest size)")
    for item in targets:
        ratio = "n/a" if item["ratio"] is None else f"{item['ratio']:.3g}"
        verdict = "met" if item["met"] else "MISSED"
        print(f"  {item['target']:<48} {ratio:>8}  limit {item['limit']:.3g}  {verdict}")
