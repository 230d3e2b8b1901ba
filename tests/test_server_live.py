"""The server for real: ``serve()`` under uvicorn on a loopback port, and the page in Chromium.

The browser is Debian's ``chromium`` driven by Playwright for Python (never a browser
download); those tests skip, saying why, only when chromium or Playwright is absent.
What the page draws is checked against what the API answers for the same date.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install '.[server]'")
pytest.importorskip("uvicorn", reason="the server extra is not installed: pip install '.[server]'")
httpx = pytest.importorskip("httpx", reason="httpx is not installed")

import geoalign  # noqa: E402

CHROMIUM = os.environ.get("GEOALIGN_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VENDORED = Path(geoalign.__file__).parent / "server" / "static" / "VENDORED.md"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base URL of ``geoalign.server.run.serve()`` on the bundled data, in a child process."""
    port = _free_port()
    code = f"from geoalign.server.run import serve; serve(port={port}, log_level='warning')"
    process = subprocess.Popen(
        [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            if process.poll() is not None:
                output = process.stdout.read().decode() if process.stdout else ""
                pytest.fail(f"the server exited with {process.returncode}:\n{output}")
            try:
                httpx.get(f"{base}/api/sources", timeout=2)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    pytest.fail("the server did not answer within 60 s")
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=20)


def _api(base: str, endpoint: str, params: Any) -> Any:
    response = httpx.get(f"{base}/api/{endpoint}", params=params, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


# -- over a real socket ----------------------------------------------------------------------


def test_serve_answers_over_http(server: str) -> None:
    response = httpx.get(f"{server}/api/allies", params={"actor": "Russia"}, timeout=10)
    assert response.status_code == 200
    assert response.json()["answer"] == "allies"
    tag = response.headers["etag"]
    again = httpx.get(
        f"{server}/api/allies", params={"actor": "Russia"}, headers={"If-None-Match": tag}
    )
    assert (again.status_code, again.content) == (304, b"")


def test_head_over_http_has_no_body(server: str) -> None:
    head = httpx.head(f"{server}/api/sources", timeout=10)
    assert head.status_code == 200
    assert head.content == b""
    assert int(head.headers["content-length"]) == len(httpx.get(f"{server}/api/sources").content)


def test_a_long_request_line_gets_the_json_414(server: str) -> None:
    # Sent in one piece, as a client does; far beyond what the API reads.
    port = int(server.rsplit(":", 1)[1])
    line = b"GET /api/resolve?name=" + b"R" * 60_000 + b" HTTP/1.1\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(line + b"Host: test\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 414 ")
    assert b"content-type: application/problem+json" in head.lower()
    assert b'"code":"query_too_long"' in body


def test_a_busy_port_is_one_error_line() -> None:
    from geoalign.server.run import serve

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(geoalign.GeoalignError, match=f"^cannot listen on 127.0.0.1:{port}: "):
            serve(port=port)


@pytest.mark.parametrize("port", [-1, 65536])
def test_a_port_out_of_range_is_refused(port: int) -> None:
    from geoalign.server.run import serve

    with pytest.raises(geoalign.GeoalignError, match="port must be between 0 and 65535"):
        serve(port=port)


# -- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page(server: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Chromium page (Debian's package, through Playwright) with its errors collected."""
    if not Path(CHROMIUM).is_file():
        pytest.skip(f"no Chromium at {CHROMIUM}: apt-get install chromium")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 860},
        )
        tab = context.new_page()
        tab.errors = []
        tab.on("pageerror", lambda error: tab.errors.append(str(error)))
        tab.on("console", lambda m: tab.errors.append(m.text) if m.type == "error" else None)
        try:
            yield tab
        finally:
            context.close()


def _drawn(page: Any, as_of: str) -> set[str]:
    page.wait_for_selector(f"#graph[data-state=ready][data-as-of='{as_of}']", timeout=20_000)
    return set(page.evaluate("geoalign.cy.nodes().map((node) => node.id())"))


def _ties(base: str, actor: str, as_of: str, certainty: str) -> dict[str, Any]:
    """The answer of the allies endpoint, and the ids of the actors and ties in it."""
    params = {"actor": actor, "as_of": as_of, "certainty": certainty}
    answer = _api(base, "allies", params)
    actors = {answer["actor"]["id"], *(ally["actor"]["id"] for ally in answer["allies"])}
    ties = {tie["id"]: tie for ally in answer["allies"] for tie in ally["ties"]}
    return {"answer": answer, "actors": actors, "ties": ties}


def _expected(base: str, actor: str, as_of: str) -> set[str]:
    # The page draws every tie possibly in force, the merely possible ones dashed.
    actors: set[str] = _ties(base, actor, as_of, "possible")["actors"]
    return actors


def _dashed(page: Any) -> set[str]:
    return set(page.evaluate("geoalign.cy.edges('.possible').map((edge) => edge.id())"))


def _shown_date(page: Any) -> str:
    page.wait_for_selector("#graph[data-state=ready]", timeout=20_000)
    date: str = page.get_attribute("#graph", "data-as-of")
    return date


def _save(page: Any, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    if folder := os.environ.get("GEOALIGN_ARTIFACTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(folder) / name)
    return shot


def test_moving_the_date_redraws_the_network_as_the_api_says(
    page: Any, server: str, tmp_path: Path
) -> None:
    before, after = "2024-12-07", "2024-12-08"  # the day Assad's government fell
    assert _expected(server, "RUS", before) != _expected(server, "RUS", after)
    page.goto(f"{server}/#actor=RUS&as_of={before}")
    assert _drawn(page, before) == _expected(server, "RUS", before)
    page.focus("#as-of")
    page.keyboard.press("ArrowRight")  # one day on
    assert _drawn(page, after) == _expected(server, "RUS", after)
    _save(page, tmp_path, "server-page-slider.png")
    page.keyboard.press("ArrowLeft")
    assert _drawn(page, before) == _expected(server, "RUS", before)
    for key in ["Home", "End"]:  # the first and the last day of the slider
        previous = _shown_date(page)
        page.keyboard.press(key)
        page.wait_for_function(
            f"document.getElementById('graph').dataset.asOf !== '{previous}'", timeout=20_000
        )
        shown = _shown_date(page)
        assert _drawn(page, shown) == _expected(server, "RUS", shown)
    assert page.errors == []


def test_clicking_a_tie_shows_its_quotes_and_the_pair_timeline(
    page: Any, server: str, tmp_path: Path
) -> None:
    as_of = "2023-06-01"
    page.goto(f"{server}/#actor=SYR&as_of={as_of}")
    _drawn(page, as_of)
    ties = _ties(server, "SYR", as_of, "possible")["ties"]
    chosen = page.evaluate(
        "(() => { const e = geoalign.cy.edges()[0];"
        " return {id: e.id(), at: e.renderedMidpoint()}; })()"
    )
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + chosen["at"]["x"], box["y"] + chosen["at"]["y"])
    page.wait_for_selector("#timeline[data-state=ready]", timeout=20_000)
    tie = ties[page.get_attribute("#details h3", "data-id")]
    quotes = page.eval_on_selector_all("#details blockquote", "qs => qs.map(q => q.textContent)")
    assert quotes == [q["quote"] for q in tie["quotes"]]
    other = ({tie["a"], tie["b"]} - {"SYR"}).pop()
    timeline = _api(server, "timeline", {"a": "SYR", "b": other, "certainty": "possible"})
    shown = page.eval_on_selector_all("#timeline li[data-id]", "ls => ls.map(l => l.dataset.id)")
    assert shown == [event["id"] for event in timeline["events"]]
    assert chosen["id"] in ties
    _save(page, tmp_path, "server-page-evidence.png")
    assert page.errors == []


def test_ties_only_possibly_in_force_are_dashed(page: Any, server: str) -> None:
    as_of = "2016-06-01"
    possible, definite = (_ties(server, "RUS", as_of, c)["ties"] for c in ("possible", "definite"))
    assert set(possible) > set(definite), "the data should hold ties only possibly in force then"
    page.goto(f"{server}/#actor=RUS&as_of={as_of}")
    _drawn(page, as_of)
    assert set(page.evaluate("geoalign.cy.edges().map((edge) => edge.id())")) == set(possible)
    assert _dashed(page) == set(possible) - set(definite)
    assert _dashed(page) == {i for i, tie in possible.items() if tie["certainty"] == "possible"}
    assert page.errors == []


def test_ties_known_only_from_earlier_sources_are_faded(page: Any, server: str) -> None:
    # Faded: no quote of the tie comes from a source published on or after the day shown.
    as_of = "2024-12-07"
    ties = _ties(server, "RUS", as_of, "possible")["ties"]
    day = geoalign.PartialDate.parse(as_of).earliest
    stale = {
        tie_id
        for tie_id, tie in ties.items()
        if max(geoalign.parse_edtf(q["source"]["published"]).latest for q in tie["quotes"]) < day
    }
    assert stale, "the data should hold ties known only from earlier sources then"
    assert stale != set(ties), "and ties a later source attests"
    page.goto(f"{server}/#actor=RUS&as_of={as_of}")
    _drawn(page, as_of)
    assert set(page.evaluate("geoalign.cy.edges('.faded').map((edge) => edge.id())")) == stale
    assert page.errors == []


def test_an_unknown_actor_shows_the_api_error(page: Any, server: str) -> None:
    page.goto(f"{server}/#actor=Rusia&as_of=2020")
    page.wait_for_selector("#graph[data-state=error]", timeout=20_000)
    detail = httpx.get(f"{server}/api/allies", params={"actor": "Rusia"}).json()["detail"]
    assert page.inner_text("#status") == detail
    assert page.evaluate("geoalign.cy.nodes().length") == 0


def test_the_page_runs_the_vendored_cytoscape(page: Any, server: str) -> None:
    page.goto(server)
    _shown_date(page)
    recorded = re.search(r"^\| cytoscape \| ([0-9.]+) \|", VENDORED.read_text("utf-8"), re.M)
    assert recorded is not None
    assert page.evaluate("cytoscape.version") == recorded.group(1)
