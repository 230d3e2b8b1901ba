"""A bounded load test of ``geoalign serve`` on loopback: N requests, C at a time.

Starts the server (``geoalign.server.run.serve``) in a child process on a free port of
127.0.0.1, sends a fixed mix of queries over ``--concurrency`` kept-alive connections,
and reports the errors (any status but 200, any connection error) and the latency
percentiles, measured from writing each request to reading the last byte of its body.
It never sends more than ``--requests`` requests nor runs longer than ``--deadline``
seconds, and it talks to no address but its own child's::

    python benchmarks/server_load.py                     # 1,000 requests, 50 concurrent
    python benchmarks/server_load.py --requests 200 --concurrency 10 --json
    python benchmarks/server_load.py --data STORE        # a compiled store (DuckDB)
    python benchmarks/server_load.py --data DATA --no-bundled   # DATA alone, in memory
    python benchmarks/server_load.py --distinct          # no question asked twice

The client is a few lines of asyncio speaking HTTP/1.1, not httpx: measured here,
httpx's async client spent 3.8 ms of CPU per request (the server 1.4 ms) and stalled
some requests for 2 s, so its figures were the client's.  Client and server share the
machine's cores: the figures are an upper bound of what the server alone would take.
Needs the ``server`` extra.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

# The mix: every endpoint, several actors and dates; the page's own query (allies) most.
QUERIES: list[tuple[str, dict[str, str]]] = [
    ("allies", {"actor": "Russia"}),
    ("allies", {"actor": "RUS", "as_of": "2024-12-07"}),
    ("allies", {"actor": "Syria", "as_of": "2016"}),
    ("allies", {"actor": "Serbia", "as_of": "2023-06"}),
    ("allies", {"actor": "RUS", "as_of": "2024-12-07", "as_known_on": "2024-12-01"}),
    ("relationships", {"actor": "SYR", "as_of": "2023-06-01", "certainty": "possible"}),
    ("sanctions", {"imposer": "USA", "target": "Serbia", "as_of": "2025"}),
    ("sanctions", {"imposer": "Serbia", "target": "Russia"}),
    ("timeline", {"a": "Russia", "b": "Syria"}),
    ("timeline", {"a": "RUS", "b": "SYR", "from": "2024-11"}),
    ("changes", {"actor": "Syria", "since": "2024-12-01", "until": "2024-12-31"}),
    ("resolve", {"name": "the Kremlin"}),
    ("show", {"id": "rus-syr-alliance"}),
    ("sources", {}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=1000, help="requests in all (1000)")
    parser.add_argument("--concurrency", type=int, default=50, help="at a time (50)")
    parser.add_argument("--deadline", type=float, default=300, help="seconds at most (300)")
    parser.add_argument(
        "--data", help="a dataset path or compiled store to serve (default: the bundled data)"
    )
    parser.add_argument(
        "--no-bundled", action="store_true", help="serve --data alone, without the bundled data"
    )
    parser.add_argument(
        "--distinct",
        action="store_true",
        help="give each question with an as_of its own day, so that none is asked twice",
    )
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    port = _free_port()
    with _Server(port, args.data, bundled=not args.no_bundled) as server:
        cpu = server.cpu_seconds()
        report = asyncio.run(
            _load(port, args.requests, args.concurrency, args.deadline, args.distinct)
        )
        cpu = server.cpu_seconds() - cpu
    # The server's own CPU time per request: what contention on the machine leaves alone.
    report["server_cpu_ms_per_request"] = round(cpu * 1000 / max(report["sent"], 1), 2)
    report["load_average_1min"] = round(os.getloadavg()[0], 2)  # others' work on the cores
    print(json.dumps(report, indent=2) if args.json else _text(report))
    return 0 if report["errors"] == 0 and report["sent"] == args.requests else 1


async def _load(
    port: int, total: int, concurrency: int, deadline: float, distinct: bool
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    asked = itertools.islice(itertools.cycle(QUERIES), total)
    if distinct:  # each question its own day: no answer is asked twice
        days = (datetime.date(2015, 1, 1) + datetime.timedelta(n) for n in itertools.count())
        asked = ((e, {**p, "as_of": str(next(days))} if "as_of" in p else p) for e, p in asked)
    requests = (
        f"GET /api/{endpoint}?{urllib.parse.urlencode(params)} HTTP/1.1\r\nHost: load\r\n\r\n"
        for endpoint, params in asked
    )
    stop_at = time.monotonic() + deadline

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        for request in requests:  # shared: each request is sent once
            if time.monotonic() > stop_at:
                break
            started = time.perf_counter()
            try:
                writer.write(request.encode())
                head = await reader.readuntil(b"\r\n\r\n")
                await reader.readexactly(_content_length(head))
                status = head.split(b" ", 2)[1].decode()
                outcome = "ok" if status == "200" else status
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                outcome = type(exc).__name__
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            latencies.append(time.perf_counter() - started)
            if outcome != "ok":
                errors[outcome] = errors.get(outcome, 0) + 1
        writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    wall = time.perf_counter() - started
    cuts = statistics.quantiles(latencies, n=100, method="inclusive") if latencies else []
    return {
        "sent": len(latencies),
        "concurrency": concurrency,
        "errors": sum(errors.values()),
        "errors_by_kind": errors,
        "wall_s": round(wall, 3),
        "requests_per_s": round(len(latencies) / wall, 1) if wall else None,
        "p50_ms": round(cuts[49] * 1000, 2) if cuts else None,
        "p99_ms": round(cuts[98] * 1000, 2) if cuts else None,
        "max_ms": round(max(latencies) * 1000, 2) if latencies else None,
    }


def _content_length(head: bytes) -> int:
    for line in head.split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    raise ValueError("an answer without Content-Length")


def _text(report: dict[str, Any]) -> str:
    return (
        f"{report['sent']} requests, {report['concurrency']} concurrent, "
        f"{report['errors']} errors {report['errors_by_kind'] or ''}\n"
        f"p50 {report['p50_ms']} ms, p99 {report['p99_ms']} ms, max {report['max_ms']} ms; "
        f"{report['requests_per_s']} requests/s over {report['wall_s']} s; "
        f"server CPU {report['server_cpu_ms_per_request']} ms per request; "
        f"load average {report['load_average_1min']}\n"
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class _Server:
    """The server in a child process, up on entry and stopped on exit."""

    def __init__(self, port: int, data: str | None, *, bundled: bool = True) -> None:
        code = (
            "import sys; from geoalign.server.run import serve; "
            "serve(sys.argv[2] or None, port=int(sys.argv[1]), log_level='warning', "
            "include_bundled=sys.argv[3] == 'bundled')"
        )
        self.port = port
        self.command = [sys.executable, "-c", code, str(port), data or "", "bundled" * bundled]

    def __enter__(self) -> _Server:
        self.process = subprocess.Popen(self.command)
        deadline = time.monotonic() + 60
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return self
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.process.kill()
                    raise SystemExit("the server did not start") from None
                time.sleep(0.1)

    def cpu_seconds(self) -> float:
        """The user and system CPU time of the server process so far (Linux)."""
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def __exit__(self, *exc: object) -> None:
        self.process.terminate()
        self.process.wait(timeout=20)


if __name__ == "__main__":
    sys.exit(main())
