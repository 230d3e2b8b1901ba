"""The HTTP API in process (ASGI test client): the CLI's JSON, errors, methods, caching, CORS.

Every answer is checked against what the command line prints for the same question, or
against the library's own exceptions, never against hard-coded facts.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pytest
import yaml

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install '.[server]'")

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 in its test client
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

import geoalign
from geoalign import Dataset, UnknownActorError
from geoalign.cli.main import build_parser, main
from geoalign.server.app import MAX_QUERY_BYTES, create_app
from geoalign.server.http import CACHE_CONTROL, dataset_hash
from geoalign.views.export import dumps

STATIC = Path(geoalign.__file__).parent / "server" / "static"

Params = list[tuple[str, str]]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return geoalign.load()


@pytest.fixture(scope="module")
def client(dataset: Dataset) -> TestClient:
    return TestClient(create_app(dataset))


# -- the body is the answer's to_dict(), or the CLI's --json output -------------------------

# The endpoints that answer with an explained answer, and the Python query that gives it
# (relationships: with as_of; sanctions: with imposer and target).
EXPLAINED = {
    "allies": "explain_allies",
    "relationships": "explain_relationships",
    "sanctions": "explain_sanctions",
    "timeline": "explain_timeline",
    "between": "explain_between",
    "changes": "changes",
}
# The API's parameters spelled as the Python keywords.
KEYWORDS = {"kind": "kinds", "from": "start", "to": "end", "id": "record_id"}

ANSWER_QUESTIONS: list[tuple[str, Params]] = [
    ("allies", [("actor", "Russia")]),
    ("allies", [("actor", "RUS"), ("as_of", "2024-12-07"), ("kind", "hostility"),
                ("kind", "alliance")]),
    ("allies", [("actor", "Syria"), ("as_of", "1900")]),
    ("allies", [("actor", "Syria"), ("as_of", "2023-06-01"), ("certainty", "possible")]),
    ("allies", [("actor", "RUS"), ("as_of", "[2016..2017]"), ("certainty", "possible")]),
    ("relationships", [("actor", "Russia"), ("as_of", "2025")]),
    ("relationships", [("actor", "SYR"), ("as_of", "2023-06-01"), ("kind", "alliance")]),
    ("relationships", [("actor", "RUS"), ("as_of", "2016"), ("certainty", "possible")]),
    ("relationships", [("actor", "nis"), ("as_of", "2024-12"), ("kind", "sanctions"),
                       ("kind", "sanctions")]),
    ("relationships", [("actor", "HTS"), ("as_of", "2025"), ("kind", "terrorist_designation"),
                       ("certainty", "possible"), ("side", "b")]),
    ("relationships", [("actor", "USA"), ("as_of", "2025"), ("kind", "sanctions"),
                       ("side", "a")]),
    ("sanctions", [("imposer", "USA"), ("target", "Serbia"), ("as_of", "2025")]),
    ("sanctions", [("imposer", "Serbia"), ("target", "Russia")]),
    ("sanctions", [("imposer", "USA"), ("target", "HTS")]),
    ("timeline", [("a", "Russia"), ("b", "Syria"), ("from", "2024-11")]),
    ("timeline", [("a", "SYR"), ("b", "RUS"), ("from", "2015"), ("to", "2016-06")]),
    ("timeline", [("a", "RUS"), ("b", "SYR"), ("from", "2024"), ("certainty", "possible")]),
    ("between", [("a", "Russia"), ("b", "Syria")]),
    ("between", [("a", "SRB"), ("b", "RUS"), ("certainty", "possible"), ("from", "2019")]),
    ("between", [("a", "USA"), ("b", "HTS"), ("kind", "terrorist_designation"), ("to", "2025")]),
    ("changes", [("actor", "Syria"), ("since", "2024-12-01"), ("until", "2024-12-31")]),
    ("changes", [("actor", "RUS"), ("since", "2016"), ("until", "2025"), ("kind", "sanctions")]),
]  # fmt: skip

SAME_QUESTIONS: list[tuple[list[str], str, Params]] = [
    (["resolve", "the Kremlin", "--json"], "resolve", [("name", "the Kremlin")]),
    (["show", "rus-syr-alliance", "--json"], "show", [("id", "rus-syr-alliance")]),
    (["show", "Türkiye", "--json"], "show", [("id", "Türkiye")]),
    (["show", "see-news-2022-02-26", "--json"], "show", [("id", "see-news-2022-02-26")]),
    (["sources", "--json"], "sources", []),
    (["export"], "export", []),  # JSON without asking
    (["export", "--schema"], "export", [("schema", "true")]),
]  # fmt: skip

ALL_QUESTIONS = ANSWER_QUESTIONS + [(endpoint, params) for _, endpoint, params in SAME_QUESTIONS]


def _explained(dataset: Dataset, endpoint: str, params: Params) -> dict[str, Any]:
    """The to_dict() of the Python query asked what ``params`` ask the endpoint."""
    keywords: dict[str, Any] = {}
    for name, value in params:
        if name == "kind":
            keywords.setdefault("kinds", []).append(value)
        else:
            keywords[KEYWORDS.get(name, name)] = value
    answer: dict[str, Any] = getattr(dataset, EXPLAINED[endpoint])(**keywords).to_dict()
    return answer


@pytest.mark.parametrize(("endpoint", "params"), ANSWER_QUESTIONS)
def test_the_body_is_the_answer_of_the_python_query(
    client: TestClient, dataset: Dataset, endpoint: str, params: Params
) -> None:
    response = client.get(f"/api/{endpoint}", params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    assert response.text == dumps(_explained(dataset, endpoint, params))


@pytest.mark.parametrize(("argv", "endpoint", "params"), SAME_QUESTIONS)
def test_the_body_is_what_the_command_prints(
    client: TestClient,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    endpoint: str,
    params: Params,
) -> None:
    main(argv)
    printed = capsys.readouterr().out
    response = client.get(f"/api/{endpoint}", params=params)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    assert response.text == printed


# Options that choose the data or the form of the output, not the question.
NOT_QUESTIONS = {"help", "json", "data", "no_bundled", "override", "format", "out"}
# The command asking an endpoint's question, where its name is another.
COMMANDS = {"changes": "diff", "between": None}
# Parameters of the Python query that the command does not take.
PYTHON_ONLY = {"relationships": {"side"}}


def _cli_parameters(command: str) -> set[str]:
    subcommands = next(
        a for a in build_parser()._actions if a.dest == "command"
    ).choices  # argparse has no public accessor for its subparsers
    names = set()
    for action in subcommands[command]._actions:
        long = [s for s in action.option_strings if s.startswith("--")]
        names.add(long[0][2:].replace("-", "_") if long else action.dest)
    return names - NOT_QUESTIONS


def test_each_endpoint_takes_the_parameters_of_its_query_and_command(client: TestClient) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert {f"/api/{endpoint}" for endpoint in EXPLAINED} <= set(paths)
    for path, operations in paths.items():
        endpoint = path.removeprefix("/api/")
        parameters = operations["get"].get("parameters", [])
        taken = {p["name"] for p in parameters if p["in"] == "query"}
        assert set(operations) == {"get"}, path
        assert "as_known_on" in taken, path  # every answer, as known on a day
        if endpoint in EXPLAINED:
            method = inspect.signature(getattr(Dataset, EXPLAINED[endpoint]))
            python = set(method.parameters) - {"self"}
            if endpoint == "sanctions":
                python |= {"on", "by"}  # the measures on or by one actor
            assert {KEYWORDS.get(name, name) for name in taken} == python, path
        command = COMMANDS.get(endpoint, endpoint)
        if command is not None:
            cli = {"certainty" if n == "possible" else n for n in _cli_parameters(command)}
            extra = PYTHON_ONLY.get(endpoint, set())
            assert taken == cli | {"as_known_on"} | extra, path


@pytest.mark.parametrize("certainty", ["definite", "possible"])
@pytest.mark.parametrize(("actor", "as_of"), [("Syria", "2023-06-01"), ("RUS", "2016")])
def test_certainty_chooses_the_answers_of_the_plain_query(
    client: TestClient, dataset: Dataset, certainty: str, actor: str, as_of: str
) -> None:
    params = {"actor": actor, "as_of": as_of, "certainty": certainty}
    allies = client.get("/api/allies", params=params).json()["allies"]
    expected = dataset.allies_of(actor, as_of=as_of, certainty=certainty)
    assert [ally["actor"]["id"] for ally in allies] == [a.id for a in expected]
    ties = client.get("/api/relationships", params=params).json()["ties"]
    held = dataset.relationships_of(actor, as_of=as_of, certainty=certainty)
    assert [tie["id"] for tie in ties] == [tie.id for tie in held]
    window = {"a": actor, "b": "Russia" if actor == "Syria" else "Syria", "from": as_of}
    events = client.get("/api/timeline", params={**window, "certainty": certainty}).json()
    found = dataset.timeline_between(window["a"], window["b"], start=as_of, certainty=certainty)
    assert [event["id"] for event in events["events"]] == [e.id for e in found]


KNOWN_ON = ["2022-03", "2024-12-31", "2025"]


@pytest.mark.parametrize("day", KNOWN_ON)
@pytest.mark.parametrize(("endpoint", "params"), ANSWER_QUESTIONS)
def test_as_known_on_is_that_of_the_python_query(
    client: TestClient, dataset: Dataset, endpoint: str, params: Params, day: str
) -> None:
    asked = [*params, ("as_known_on", day)]
    response = client.get(f"/api/{endpoint}", params=asked)
    assert response.text == dumps(_explained(dataset, endpoint, asked))


@pytest.fixture(scope="module")
def known_clients(dataset: Dataset) -> dict[str, TestClient]:
    """A client of the dataset as known on each day of ``KNOWN_ON``."""
    return {day: TestClient(create_app(dataset.known_on(day))) for day in KNOWN_ON}


@pytest.mark.parametrize("day", KNOWN_ON)
@pytest.mark.parametrize(("argv", "endpoint", "params"), SAME_QUESTIONS)
def test_as_known_on_asks_the_dataset_as_known_that_day(
    client: TestClient,
    known_clients: dict[str, TestClient],
    argv: list[str],
    endpoint: str,
    params: Params,
    day: str,
) -> None:
    mine = client.get(f"/api/{endpoint}", params=[*params, ("as_known_on", day)])
    theirs = known_clients[day].get(f"/api/{endpoint}", params=params)
    assert (mine.status_code, mine.text) == (theirs.status_code, theirs.text)


def test_as_known_on_an_early_day_changes_answers(client: TestClient) -> None:
    # Not vacuous: the bundled sources were published on different days.
    for endpoint, params in ALL_QUESTIONS:
        today = client.get(f"/api/{endpoint}", params=params).json()
        then = client.get(f"/api/{endpoint}", params=[*params, ("as_known_on", KNOWN_ON[0])])
        found = then.json()
        for answer in (today, found):  # the question, not the answer
            answer.pop("as_known_on", None)
        if found != today:
            return
    pytest.fail(f"no answer differs as known on {KNOWN_ON[0]}")


# -- errors ---------------------------------------------------------------------------------


def _problem(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert (body["status"], body["code"]) == (status, code)
    assert body["detail"]
    assert "\n" not in body["detail"]
    return body


@pytest.mark.parametrize(
    ("endpoint", "params", "wrong"),
    [
        ("allies", {"actor": "Rusia"}, "actor"),
        ("sanctions", {"imposer": "Serbia", "target": "Rusia"}, "target"),
        ("sanctions", {"imposer": "Sirya", "target": "Russia"}, "imposer"),
        ("timeline", {"a": "Russia", "b": "Sirya"}, "b"),
        ("resolve", {"name": "Turkey!"}, "name"),
        ("allies", {"actor": "no such actor at all"}, "actor"),
        ("relationships", {"actor": "Rusia"}, "actor"),
        ("relationships", {"actor": "Rusia", "as_known_on": "2022"}, "actor"),
        ("changes", {"actor": "Rusia", "since": "2020", "until": "2025"}, "actor"),
    ],
)
def test_an_unknown_actor_is_404_with_the_suggestions_of_resolve(
    client: TestClient, dataset: Dataset, endpoint: str, params: dict[str, str], wrong: str
) -> None:
    with pytest.raises(UnknownActorError) as caught:
        dataset.resolve(params[wrong])
    body = _problem(client.get(f"/api/{endpoint}", params=params), 404, "unknown_actor")
    assert body["detail"] == str(caught.value)
    assert body["suggestions"] == [{"id": i, "name": n} for n, i in caught.value.suggestions]


def test_an_ambiguous_name_is_404_with_the_candidates(tmp_path: Path) -> None:
    data = tmp_path / "twins.yaml"
    twins = [{"id": "NER", "name": "Niger"}, {"id": "NGA", "name": "Nigeria", "aliases": ["Niger"]}]
    data.write_text(yaml.safe_dump({"countries": twins}), "utf-8")
    client = TestClient(create_app(geoalign.load(data, include_bundled=False)))
    body = _problem(client.get("/api/resolve?name=niger"), 404, "ambiguous_actor")
    assert {s["id"] for s in body["suggestions"]} == {"NER", "NGA"}
    # Without sources there is no default date: the question needs one.
    assert (
        "as_of" in _problem(client.get("/api/allies?actor=NER"), 422, "invalid_parameter")["detail"]
    )
    assert client.get("/api/allies?actor=NER&as_of=2020").json()["allies"] == []


def test_an_unknown_record_is_404_with_close_ids(client: TestClient, dataset: Dataset) -> None:
    body = _problem(client.get("/api/show?id=rus-syr-aliance"), 404, "unknown_record")
    assert "rus-syr-alliance" in [s["id"] for s in body["suggestions"]]
    assert all(dataset.get(s["id"]) is not None for s in body["suggestions"])


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("allies?actor=RUS&as_of=2024-13", "as_of"),
        ("allies?actor=RUS&as_of=yesterday", "as_of"),
        ("allies?actor=RUS&as_of=", "as_of"),
        ("sanctions?imposer=USA&target=SRB&as_of=2024-02-30", "as_of"),
        ("timeline?a=RUS&b=SYR&from=24", "from"),
        ("timeline?a=RUS&b=SYR&to=2024-1", "to"),
        ("sources?as_known_on=2024-12-32", "as_known_on"),
        ("relationships?actor=RUS&as_known_on=soon", "as_known_on"),
        ("relationships?actor=RUS&as_of=2024-00", "as_of"),
        ("changes?actor=RUS&since=2024-13&until=2025", "since"),
        ("changes?actor=RUS&since=2024&until=[2025..2024]", "until"),
    ],
)
def test_a_bad_date_is_422_naming_the_parameter(
    client: TestClient, query: str, parameter: str
) -> None:
    body = _problem(client.get(f"/api/{query}"), 422, "invalid_date")
    assert body["parameter"] == parameter
    assert body["detail"].startswith(f"{parameter}: ")


def test_a_window_that_ends_before_it_starts_is_422(client: TestClient) -> None:
    _problem(client.get("/api/timeline?a=RUS&b=SYR&from=2025&to=2024"), 422, "invalid_date")
    _problem(client.get("/api/changes?actor=RUS&since=2025&until=2024"), 422, "invalid_date")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("allies", "actor"),
        ("allies?actor=", "actor"),
        ("allies?actor=RUS&kind=friendship", "kind"),
        ("relationships?actor=RUS&kind=friendship", "kind"),
        ("relationships?as_of=2020", "actor"),
        ("relationships?actor=RUS&side=c", "side"),
        ("changes?actor=RUS&since=2020", "until"),
        ("changes?actor=RUS&since=&until=2025", "since"),
        ("timeline?a=RUS&b=SYR&certainty=likely", "certainty"),
        ("sanctions?imposer=USA", "target"),
        ("show", "id"),
        ("export?schema=maybe", "schema"),
    ],
)
def test_a_bad_or_missing_parameter_is_422(client: TestClient, query: str, parameter: str) -> None:
    body = _problem(client.get(f"/api/{query}"), 422, "invalid_parameter")
    assert body["parameter"] == parameter


@pytest.mark.parametrize(
    "query",
    [
        "allies?actor=RUS&asof=2020",  # a typo is refused, not ignored
        "sources?actor=RUS",
        "allies?actor=RUS&as_of=2020&as_of=2021",
        "allies?actor=RUS&actor=SYR",
        "resolve?name=%FF%FE",  # not UTF-8
        "resolve?name=%C3",
    ],
)
def test_a_malformed_query_string_is_400(client: TestClient, query: str) -> None:
    _problem(client.get(f"/api/{query}"), 400, "malformed_query")


def test_a_raw_non_ascii_query_string_is_400(client: TestClient) -> None:
    status, body = _raw_get(client.app, "/api/resolve", "name=Türkiye".encode())  # unencoded
    assert (status, json.loads(body)["code"]) == (400, "malformed_query")


def test_a_huge_query_string_is_414(client: TestClient) -> None:
    name = "R" * MAX_QUERY_BYTES
    _problem(client.get("/api/resolve", params={"name": name}), 414, "query_too_long")


def test_a_kind_may_be_repeated(client: TestClient) -> None:
    response = client.get("/api/allies?actor=RUS&kind=alliance&kind=alliance&kind=sanctions")
    assert response.json()["kinds"] == ["alliance", "sanctions"]


def test_an_unknown_path_is_404_json(client: TestClient) -> None:
    _problem(client.get("/api/allie?actor=RUS"), 404, "not_found")
    _problem(client.get("/no/such/page.js"), 404, "not_found")


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE"])
@pytest.mark.parametrize("path", ["/api/allies?actor=RUS", "/api/sources", "/", "/app.js"])
def test_only_get_and_head_are_served(client: TestClient, method: str, path: str) -> None:
    response = client.request(method, path, content=b'{"id": "RUS"}')
    _problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET, HEAD"


# -- HEAD, ETag, Cache-Control -------------------------------------------------------------


def test_the_etag_is_the_dataset_hash_and_the_version(client: TestClient, dataset: Dataset) -> None:
    response = client.get("/api/sources")
    canonical = json.dumps(
        dataset.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )
    digest = hashlib.sha256(canonical.encode()).hexdigest()
    assert dataset_hash(dataset) == digest
    assert response.headers["etag"] == f'"{digest[:32]}-{geoalign.__version__}"'
    assert response.headers["cache-control"] == CACHE_CONTROL


@pytest.mark.parametrize("endpoint", ["allies?actor=RUS", "sources", "export", "openapi.json"])
def test_if_none_match_gives_304(client: TestClient, endpoint: str) -> None:
    first = client.get(f"/api/{endpoint}")
    tag = first.headers["etag"]
    for header in [tag, f"W/{tag}", f'"other", {tag}', "*"]:
        again = client.get(f"/api/{endpoint}", headers={"If-None-Match": header})
        assert (again.status_code, again.content) == (304, b"")
        assert again.headers["etag"] == tag
    stale = client.get(f"/api/{endpoint}", headers={"If-None-Match": '"stale"'})
    assert (stale.status_code, stale.content) == (200, first.content)


@pytest.mark.parametrize(
    ("url", "status"),
    [("allies?actor=Rusia", 404), ("allies?actor=RUS&as_of=2024-13", 422), ("nope", 404)],
)
def test_if_none_match_never_hides_an_error(client: TestClient, url: str, status: int) -> None:
    tag = client.get("/api/sources").headers["etag"]
    for header in [tag, "*"]:
        response = client.get(f"/api/{url}", headers={"If-None-Match": header})
        assert response.status_code == status
        assert response.json()["status"] == status


def test_errors_carry_no_validators(client: TestClient) -> None:
    response = client.get("/api/allies?actor=Rusia")
    assert "etag" not in response.headers
    assert "cache-control" not in response.headers


def test_head_is_get_without_the_body(client: TestClient) -> None:
    for path in ["/api/allies?actor=RUS", "/", "/cytoscape.min.js", "/api/allies?actor=Rusia"]:
        get, head = client.get(path), client.head(path)
        assert head.status_code == get.status_code
        assert head.content == b""
        assert head.headers["content-length"] == str(len(get.content))
        assert head.headers.get("etag") == get.headers.get("etag")


def test_the_memory_store_and_the_compiled_store_answer_alike(
    client: TestClient, dataset: Dataset
) -> None:
    # The bundled YAML files loaded as a user dataset (the memory store) against the
    # precompiled bundled dataset: same content hash, same answers.
    files = geoalign.load(Path(geoalign.__file__).parent / "data", include_bundled=False)
    other = TestClient(create_app(files))
    for endpoint, params in ALL_QUESTIONS:
        mine, theirs = (
            client.get(f"/api/{endpoint}", params=params),
            other.get(f"/api/{endpoint}", params=params),
        )
        assert (mine.status_code, mine.text) == (theirs.status_code, theirs.text)
        assert mine.headers["etag"] == theirs.headers["etag"]


def test_other_data_has_another_etag(client: TestClient, tmp_path: Path) -> None:
    data = tmp_path / "one.yaml"
    data.write_text(yaml.safe_dump({"countries": [{"id": "NER", "name": "Niger"}]}), "utf-8")
    other = TestClient(create_app(geoalign.load(data, include_bundled=False)))
    assert (
        other.get("/api/resolve?name=NER").headers["etag"]
        != client.get("/api/sources").headers["etag"]
    )


# -- CORS ------------------------------------------------------------------------------------


def test_no_cors_headers_by_default(client: TestClient) -> None:
    response = client.get("/api/sources", headers={"Origin": "https://example.org"})
    assert "access-control-allow-origin" not in response.headers


def test_cors_allows_the_origins_given(dataset: Dataset) -> None:
    client = TestClient(create_app(dataset, cors_origins=["https://maps.example.org"]))
    mine = {"Origin": "https://maps.example.org"}
    response = client.get("/api/sources", headers=mine)
    assert response.headers["access-control-allow-origin"] == "https://maps.example.org"
    assert "etag" in response.headers["access-control-expose-headers"].lower()
    preflight = client.options(
        "/api/allies?actor=RUS", headers={**mine, "Access-Control-Request-Method": "GET"}
    )
    assert preflight.status_code == 200
    assert "GET" in preflight.headers["access-control-allow-methods"]
    stranger = client.get("/api/sources", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in stranger.headers


# -- the page and its files ------------------------------------------------------------------


def test_the_page_and_every_file_it_loads_are_served(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    loaded = re.findall(r'(?:src|href)="([^":]+)"', page.text)
    assert {"app.js", "cytoscape.min.js", "style.css", "api/openapi.json"} <= set(loaded)
    for path in loaded:
        assert client.get(f"/{path}").status_code == 200, path


def test_vendored_files_match_their_record() -> None:
    record = (STATIC / "VENDORED.md").read_text("utf-8")
    vendored = re.findall(r"sha256 of `([^`]+)`: `([0-9a-f]{64})`", record)
    assert vendored, "VENDORED.md records no file hash"
    for name, digest in vendored:
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest, name
    scripts = {p.name for p in STATIC.glob("*.min.js")}
    assert scripts == {name for name, _ in vendored}


# -- import cost and the missing extra -------------------------------------------------------


def _python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_geoalign_loads_no_server_module() -> None:
    code = (
        "import sys, geoalign, geoalign.cli.main; geoalign.allies_of('Russia');"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " {'fastapi', 'starlette', 'uvicorn', 'pydantic'} or m.startswith('geoalign.server')))"
    )
    assert _python(code) == "[]"


def test_without_fastapi_the_error_names_the_extra() -> None:
    code = (
        "import sys; sys.modules['fastapi'] = None\n"
        "from geoalign.errors import MissingExtraError\n"
        "try:\n    import geoalign.server.app\n"
        "except MissingExtraError as exc:\n    print(exc.extra)"
    )
    assert _python(code) == "server"


def _raw_get(app: Any, path: str, query: bytes) -> tuple[int, bytes]:
    """Send one request whose raw query string no client library would produce."""
    import anyio

    sent: list[dict[str, Any]] = []
    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": query,
        "root_path": "", "headers": [(b"host", b"testserver")], "server": ("testserver", 80),
        "client": ("127.0.0.1", 1),
    }  # fmt: skip

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    anyio.run(app, scope, receive, send)
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return sent[0]["status"], body
