"""Load time of this checkout against another (a base commit), side by side.

Run as ``python benchmarks/load_compare.py BASE_SRC [--events N] [--runs R]``, where
``BASE_SRC`` is the ``src`` folder of the base checkout (for example of
``git worktree add /tmp/base ea846e1``).  It writes one synthetic dataset in JSON Lines
(and in YAML with ``--yaml``), by this checkout's generator with the base's vocabulary (of
kinds) so that both checkouts read it, and times, in fresh processes that alternate between the
base and this checkout (rotating order, after a warm-up round):

- ``whole``: a process that runs ``geoalign.load(path)`` (layered on the bundled data)
  and exits, timed from outside, start to exit;
- ``alone``: the same with ``include_bundled=False``, the user's files only;
- ``answer``: ``whole`` and then one ``timeline_between`` of the first pair of actors
  that share an event: the in-memory store builds a pair's timeline when first asked
  for, so a load alone would not show that cost;
- ``records``: :func:`load_records` alone on the user's files (no bundled layer), timed
  inside the child with the collector off, as ``load`` runs it, and including the
  collection it leaves pending.

It prints the medians of wall and CPU time and the ratios of this checkout to the
base; only ratios mean anything, and only of runs taken side by side.  CPU time (user
and system, of the child and its children) is the steadier figure on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

import processes

HERE = Path(__file__).resolve().parent
HEAD_SRC = HERE.parent / "src"

# The child of the "records" measure: one load_records call, timed inside.
_RECORDS = """
import gc, json, sys, time
from geoalign.loading.files import load_records
gc.disable()
start, cpu = time.perf_counter(), time.process_time()
records = load_records(sys.argv[1], include_bundled=False)
gc.enable()
gc.collect()
print(json.dumps([time.perf_counter() - start, time.process_time() - cpu]))
"""
_WHOLE = "import geoalign, sys; geoalign.load(sys.argv[1])"
_ALONE = "import geoalign, sys; geoalign.load(sys.argv[1], include_bundled=False)"
_ANSWER = (
    "import geoalign, sys; ds = geoalign.load(sys.argv[1]); "
    "ds.timeline_between(*next(e for e in ds.events if len(e.actors) > 1).actors[:2])"
)


def _command(src: Path, code: str, path: Path) -> list[str]:
    return ["env", f"PYTHONPATH={src}", sys.executable, "-c", code, str(path)]


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _measure(argv: list[str], inside: bool) -> tuple[float, float]:
    """One child: wall and CPU ms, from outside, or as the child itself reports them."""
    cpu = _cpu()
    done = processes.run(argv, HERE)
    if done["returncode"] != 0:
        raise SystemExit(f"{argv[1]}: {done['stderr'].strip().splitlines()[-1:]}")
    if inside:
        wall, used = json.loads(done["stdout"])
        return wall * 1000, used * 1000
    return done["seconds"] * 1000, (_cpu() - cpu) * 1000


def compare(base: Path, path: Path, runs: int) -> dict[str, dict[str, float]]:
    """Median wall and CPU ms of each measure for base and head, and head's ratios."""
    sides = {"base": base, "head": HEAD_SRC}
    found: dict[str, dict[str, float]] = {}
    measures = (("whole", _WHOLE), ("answer", _ANSWER), ("alone", _ALONE), ("records", _RECORDS))
    for measure, code in measures:
        times: dict[str, list[tuple[float, float]]] = {side: [] for side in sides}
        for round_ in range(runs + 1):  # the first round warms the caches, uncounted
            for side in sorted(sides, reverse=bool(round_ % 2)):
                taken = _measure(_command(sides[side], code, path), measure == "records")
                if round_:
                    times[side].append(taken)
        found[measure] = {
            f"{side}_{kind}": statistics.median(taken[index] for taken in times[side])
            for side in sides
            for index, kind in enumerate(("wall", "cpu"))
        }
        for kind in ("wall", "cpu"):
            found[measure][f"{kind}_ratio"] = (
                found[measure][f"head_{kind}"] / found[measure][f"base_{kind}"]
            )
    return found


def _write(base: Path, events: int, scratch: Path, yaml: bool) -> dict[str, Path]:
    """The dataset, written by this generator in a child that imports the base."""
    write = (
        "import sys; sys.path.insert(0, sys.argv[1]); import synthetic as s; "
        "d = s.generate(int(sys.argv[2])); s.write_jsonl(d, sys.argv[3] + '/jsonl'); "
        "sys.argv[4:] and s.write_yaml(d, sys.argv[3] + '/yaml')"
    )
    argv = [str(HERE), str(events), str(scratch), *(["yaml"] if yaml else [])]
    done = processes.run(_command(base, write, Path(argv[0]))[:-1] + argv, HERE)
    if done["returncode"] != 0:
        raise SystemExit(f"generating the data: {done['stderr'].strip()}")
    paths = {"jsonl": scratch / "jsonl" / "dataset.jsonl"}
    return paths | ({"yaml": scratch / "yaml"} if yaml else {})


def main(argv: list[str] | None = None) -> None:
    """Write the datasets, compare, print one line per format and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base", type=Path, help="the src folder of the base checkout")
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--yaml", action="store_true", help="also compare YAML loads")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        paths = _write(args.base, args.events, Path(scratch), args.yaml)
        results: dict[str, Any] = {}
        for name, path in paths.items():
            results[name] = compare(args.base, path, args.runs)
            for measure, found in results[name].items():
                print(
                    f"{name:5} {measure:7} wall: base {found['base_wall']:6.0f} ms, head "
                    f"{found['head_wall']:6.0f} ms, ratio {found['wall_ratio']:.3f}; CPU: base "
                    f"{found['base_cpu']:6.0f} ms, head {found['head_cpu']:6.0f} ms, ratio "
                    f"{found['cpu_ratio']:.3f} (medians of {args.runs} runs each)",
                    flush=True,
                )


if __name__ == "__main__":
    main()
