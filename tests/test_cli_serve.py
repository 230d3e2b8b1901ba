"""``geoalign serve`` starts the HTTP API from the command line."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import urllib.request

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed")
pytest.importorskip("uvicorn", reason="the server extra is not installed")


def test_serve_answers_as_the_cli_does() -> None:
    command = [sys.executable, "-m", "geoalign", "serve", "--port", "0", "--log-level", "error"]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        line = server.stderr.readline()
        address = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert address, line
        url = f"{address.group(0)}api/sanctions?imposer=Serbia&target=Russia"
        with urllib.request.urlopen(url, timeout=30) as response:
            served = json.loads(response.read())
        printed = subprocess.run(
            [sys.executable, "-m", "geoalign", "sanctions", "Serbia", "Russia", "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        assert served == json.loads(printed.stdout)
    finally:
        server.terminate()
        server.wait(timeout=30)


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
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr
