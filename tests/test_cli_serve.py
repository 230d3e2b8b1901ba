"""``geoalign serve`` starts the HTTP API from the command line."""

from __future__ import annotations

import contextlib
import json
import re
import subprocess
import sys
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import geoalign

pytest.importorskip("fastapi", reason="the server extra is not installed")
pytest.importorskip("uvicorn", reason="the server extra is not installed")


SERVE = [sys.executable, "-m", "geoalign", "serve", "--port", "0", "--log-level", "error"]


@contextlib.contextmanager
def _serving(*options: str) -> Iterator[str]:
    """The address of ``geoalign serve`` run with these options, until the block ends."""
    server = subprocess.Popen([*SERVE, *options], stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, line
        yield address.group(0)
    finally:
        server.terminate()
        server.wait(timeout=30)


def _get(url: str) -> Any:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def test_serve_answers_as_the_cli_does() -> None:
    with _serving() as address:
        served = _get(f"{address}api/sanctions?imposer=Serbia&target=Russia")
        printed = subprocess.run(
            [sys.executable, "-m", "geoalign", "sanctions", "Serbia", "Russia", "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert served == json.loads(printed.stdout)


STORE_QUESTIONS = [
    "allies?actor=Russia",
    "allies?actor=SYR&as_of=2023-06-01&certainty=possible",
    "relationships?actor=Serbia&as_known_on=2024-12-31",
    "sanctions?imposer=USA&target=Serbia&as_of=2025",
    "timeline?a=RUS&b=SYR&from=2024-11",
    "show?id=rus-syr-alliance",
    "sources?as_known_on=2022-03",
]


def test_serve_store_answers_as_the_memory_store(tmp_path: Path) -> None:
    pytest.importorskip("duckdb", reason="the store extra is not installed")
    with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 in its test client
        warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
        from starlette.testclient import TestClient

    from geoalign.server.app import create_app
    from geoalign.store.compiled import compile_store

    data = Path(geoalign.__file__).parent / "data"
    store = compile_store(data, tmp_path / "store", include_bundled=False)
    memory = TestClient(create_app(geoalign.load()))
    with _serving("--data", str(store)) as address:
        for question in STORE_QUESTIONS:
            assert _get(f"{address}api/{question}") == memory.get(f"/api/{question}").json()


def test_a_busy_port_is_one_error_line() -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "geoalign", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode != 0  # the command line's error status
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr
