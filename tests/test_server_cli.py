"""The HTTP API answers byte for byte what the command line prints with ``--format json``.

Each question is asked of ``geoalign`` (in process, as ``main(argv)``) and of the
endpoint of the same name (``diff`` is ``/api/changes``), on the bundled data in memory
and on a compiled store of the same files (read into DuckDB's memory, as a small store
is, and read from its files, as a large one is), and the bodies are compared as bytes.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install '.[server]'")
pytest.importorskip("duckdb", reason="the store extra is not installed: pip install '.[store]'")

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 in its test client
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

import geoalign
from geoalign.cli.main import main
from geoalign.server.app import create_app
from geoalign.store.compiled import compile_store, connection, open_store

Params = list[tuple[str, str]]

# The command line, and the endpoint and parameters asking the same question.
QUESTIONS: list[tuple[list[str], str, Params]] = [
    (["relationships", "Russia"], "relationships", [("actor", "Russia")]),
    (["relationships", "nis", "--kind", "sanctions", "--kind", "alliance"], "relationships",
     [("actor", "nis"), ("kind", "sanctions"), ("kind", "alliance")]),
    (["relationships", "Syria", "--as-known-on", "2022-03"], "relationships",
     [("actor", "Syria"), ("as_known_on", "2022-03")]),
    (["relationships", "Syria", "--possible"], "relationships",
     [("actor", "Syria"), ("certainty", "possible")]),
    (["relationships", "SYR", "--as-of", "2023-06-01", "--kind", "alliance"], "relationships",
     [("actor", "SYR"), ("as_of", "2023-06-01"), ("kind", "alliance")]),
    (["relationships", "RUS", "--as-of", "2016", "--possible"], "relationships",
     [("actor", "RUS"), ("as_of", "2016"), ("certainty", "possible")]),
    (["sanctions", "USA", "Serbia", "--as-of", "2025"], "sanctions",
     [("imposer", "USA"), ("target", "Serbia"), ("as_of", "2025")]),
    (["sanctions", "--on", "Serbia"], "sanctions", [("on", "Serbia")]),
    (["sanctions", "--on", "Russia", "--as-of", "2023", "--possible"], "sanctions",
     [("on", "Russia"), ("as_of", "2023"), ("certainty", "possible")]),
    (["sanctions", "--by", "USA", "--as-of", "2025"], "sanctions",
     [("by", "USA"), ("as_of", "2025")]),
    (["sanctions", "--by", "United States", "--as-known-on", "2024-12-31"], "sanctions",
     [("by", "United States"), ("as_known_on", "2024-12-31")]),
    (["events", "Syria"], "events", [("actor", "Syria")]),
    (["events", "Syria", "--from", "2024-12", "--kind", "capture"], "events",
     [("actor", "Syria"), ("from", "2024-12"), ("kind", "capture")]),
    (["events", "RUS", "--where", "Damascus", "--possible", "--to", "2024"], "events",
     [("actor", "RUS"), ("where", "Damascus"), ("certainty", "possible"), ("to", "2024")]),
    (["events", "SYR", "--as-known-on", "2022-03"], "events",
     [("actor", "SYR"), ("as_known_on", "2022-03")]),
    (["actors"], "actors", []),
    (["actors", "--type", "country"], "actors", [("type", "country")]),
    (["actors", "--type", "organization", "--name", "syrian"], "actors",
     [("type", "organization"), ("name", "syrian")]),
    (["allies", "Russia", "--as-of", "2024-12-07"], "allies",
     [("actor", "Russia"), ("as_of", "2024-12-07")]),
    (["timeline", "Russia", "Syria", "--from", "2024-11", "--possible"], "timeline",
     [("a", "Russia"), ("b", "Syria"), ("from", "2024-11"), ("certainty", "possible")]),
    (["diff", "Syria", "2024-12-01", "2024-12-31"], "changes",
     [("actor", "Syria"), ("since", "2024-12-01"), ("until", "2024-12-31")]),
]  # fmt: skip


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A compiled store of the bundled data's own files."""
    data = Path(geoalign.__file__).parent / "data"
    return compile_store(data, tmp_path_factory.mktemp("store") / "store", include_bundled=False)


@pytest.fixture(scope="module")
def clients(store: Path) -> dict[str, TestClient]:
    with pytest.MonkeyPatch.context() as patch:  # too big to hold: read where it lies
        patch.setattr(connection, "SMALL_STORE_BYTES", -1)
        files = open_store(store)
    assert not files._compiled._db.in_memory
    return {
        "memory": TestClient(create_app(geoalign.load())),
        "compiled": TestClient(create_app(open_store(store))),
        "files": TestClient(create_app(files)),
    }


@pytest.mark.parametrize("where", ["memory", "compiled", "files"])
@pytest.mark.parametrize(("argv", "endpoint", "params"), QUESTIONS)
def test_the_body_is_what_the_command_prints_as_json(
    capsys: pytest.CaptureFixture[str],
    clients: dict[str, TestClient],
    store: Path,
    where: str,
    argv: list[str],
    endpoint: str,
    params: Params,
) -> None:
    data = [] if where == "memory" else ["--data", str(store)]
    main([*data, "--format", "json", *argv])
    printed = capsys.readouterr().out
    assert printed.startswith('{\n  "answer": ')  # an answer, not an error
    response = clients[where].get(f"/api/{endpoint}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.content == printed.encode("utf-8")


def test_the_questions_are_not_all_empty(clients: dict[str, TestClient]) -> None:
    # Not vacuous: most answers list something.
    listed = 0
    for _, endpoint, params in QUESTIONS:
        body = clients["memory"].get(f"/api/{endpoint}", params=params).json()
        listed += any(isinstance(v, list) and v for v in body.values())
    assert listed >= len(QUESTIONS) - 3


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("sanctions", "imposer"),
        ("sanctions?target=RUS", "imposer"),
        ("sanctions?on=SRB&by=USA", "by"),
        ("sanctions?on=SRB&imposer=USA", "imposer"),
        ("sanctions?by=USA&target=SRB", "target"),
        ("sanctions?on=", "on"),
        ("relationships?actor=RUS&side=a", "side"),
        ("events?actor=RUS&kind=alliance", "kind"),
        ("actors?type=planet", "type"),
    ],
)
def test_a_question_the_command_would_refuse_is_422(
    clients: dict[str, TestClient], query: str, parameter: str
) -> None:
    response = clients["memory"].get(f"/api/{query}")
    assert response.status_code == 422, response.text
    body = response.json()
    assert (body["code"], body["parameter"]) == ("invalid_parameter", parameter)
    assert body["detail"].startswith(f"{parameter}: ")
