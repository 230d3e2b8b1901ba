"""Fuzzing the HTTP API: schemathesis from the OpenAPI document, hypothesis on raw query strings.

Whatever the query (valid, invalid, huge, malformed, any Unicode), the answer is JSON
with a status the OpenAPI document declares, and never a 500.
"""

from __future__ import annotations

import json
import re
import urllib.parse
import warnings
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytest.importorskip("fastapi", reason="the server extra is not installed: pip install '.[server]'")
schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 in its test client
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

from tests.edtf_strategies import edtf_dates  # noqa: E402

import geoalign  # noqa: E402
from geoalign.errors import InvalidDateError  # noqa: E402
from geoalign.model.edtf import parse_edtf  # noqa: E402
from geoalign.server.app import create_app  # noqa: E402
from geoalign.server.parameters import EDTF_PATTERN  # noqa: E402
from geoalign.store.arguments import to_bounds  # noqa: E402

APP = create_app(geoalign.load())
CLIENT = TestClient(APP)
OPENAPI = CLIENT.get("/api/openapi.json").json()
ENDPOINTS = sorted(OPENAPI["paths"])
NAMES = sorted(
    {p["name"] for op in OPENAPI["paths"].values() for p in op["get"].get("parameters", [])}
)

schema = schemathesis.openapi.from_asgi("/api/openapi.json", APP)
# A query string too long to read is refused with 414 before it is checked: a rejection
# of schema-violating data as much as a 400 or a 422 is.
_REJECTION = schema.config.checks.negative_data_rejection
_REJECTION.expected_statuses = [*_REJECTION.expected_statuses, "414"]


DATASET = geoalign.load()
WINDOWS = [("from", "to"), ("since", "until")]
DATES = {"as_of", "as_known_on", "from", "to", "since", "until"}


def _answerable(endpoint: str, query: dict[str, Any]) -> bool:
    """Whether a query the schemas allow is also one the document's words allow: its dates
    are accepted by the parser (a range's bounds in order), its windows end after they
    start, as_of has a default (some source is known by as_known_on), and sanctions and
    relationships are asked one of the ways they take."""
    if not all(isinstance(value, str | list) for value in query.values()):
        return True  # not a question the schemas allow: refused, as other checks see
    for name in DATES & query.keys():
        try:
            parse_edtf(query[name])
        except InvalidDateError:
            return False
    for start, end in WINDOWS:
        if start in query and end in query:
            try:
                to_bounds(query[start], query[end])
            except InvalidDateError:
                return False
    defaulted = "as_of" not in query and endpoint in {"allies", "sanctions"}
    if (
        defaulted
        and "as_known_on" in query
        and DATASET.known_on(query["as_known_on"]).horizon is None
    ):
        return False
    if endpoint == "relationships" and "side" in query and "as_of" not in query:
        return False
    if endpoint == "between" and _one_actor(query.get("a"), query.get("b")):
        return False
    if endpoint == "sanctions":
        asked = {"imposer", "target", "on", "by"} & query.keys()
        return asked in ({"imposer", "target"}, {"on"}, {"by"})
    return True


def _one_actor(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` name one actor (between refuses it: two actors, not one)."""
    try:
        return bool(DATASET.resolve(a) == DATASET.resolve(b))
    except geoalign.GeoalignError:  # no actor, or not a name: refused or 404 as it is
        return False


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_generated_requests_conform_to_the_document(case: Any) -> None:
    # Every check: no 500, declared statuses, media types and bodies, schema-violating
    # requests refused; and every request the document allows is answered (200, or 404
    # for a name that is no actor), unless its words refuse it where no schema can.
    endpoint = case.operation.path.removeprefix("/api/")
    allowed = _answerable(endpoint, dict(case.query or {}))
    excluded = [] if allowed else [schemathesis.checks.positive_data_acceptance]
    case.call_and_validate(excluded_checks=excluded)


def test_the_words_of_the_document_refuse_only_what_the_server_refuses() -> None:
    # The exceptions above are real ones: each is refused, and a request close to it is not.
    for endpoint, refused, answered in [
        ("timeline", {"a": "RUS", "b": "SYR", "from": "2025", "to": "2024"}, {"to": "2025"}),
        ("events", {"actor": "SYR", "to": "[2024..2022]"}, {"to": "[2022..2024]"}),
        ("allies", {"actor": "SYR", "as_known_on": "1900"}, {"as_of": "2024"}),
        ("relationships", {"actor": "SYR", "side": "a"}, {"as_of": "2024"}),
        ("between", {"a": "Syria", "b": "SYR"}, {"b": "Russia"}),
        ("sanctions", {"imposer": "USA", "on": "SRB"}, {"target": "SRB", "on": None}),
    ]:
        assert not _answerable(endpoint, refused)
        assert CLIENT.get(f"/api/{endpoint}", params=refused).status_code == 422
        fixed = {k: v for k, v in {**refused, **answered}.items() if v is not None}
        assert _answerable(endpoint, fixed)
        assert CLIENT.get(f"/api/{endpoint}", params=fixed).status_code == 200, fixed


def test_every_endpoint_has_examples_that_get_an_answer() -> None:
    # Schemathesis sends the documented examples first: each endpoint then gets a 200 at
    # least once, and its body is checked against the answers' schema, not only errors.
    for path, operations in OPENAPI["paths"].items():
        params = {
            p["name"]: p["schema"]["examples"][0]
            for p in operations["get"].get("parameters", [])
            if "examples" in p["schema"]
        }
        assert {p["name"] for p in operations["get"]["parameters"] if p["required"]} <= set(params)
        response = CLIENT.get(path, params=params)
        assert response.status_code == 200, (path, response.text)


def _assert_json_error_or_answer(response: Any) -> None:
    assert response.status_code in {200, 400, 404, 414, 422}, response.text
    body = json.loads(response.content)
    if response.status_code == 200:
        assert response.headers["content-type"] == "application/json"
        # an explained answer (its to_dict(), versioned) or a lookup as the CLI prints it
        assert body.get("version") == 1 if "answer" in body else body["schema_version"] == 1
    else:
        assert response.headers["content-type"] == "application/problem+json"
        assert body["status"] == response.status_code
        assert body["detail"]
        assert "Traceback" not in body["detail"]


words = st.one_of(
    st.sampled_from(["RUS", "Russia", "Serbia", "2024", "2024-12-08", "2024-13", "alliance"]),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=1500),
)
# At most 3 pairs: percent-encoded, up to ~55 KB, under the 64 KiB that httpx sends.
pairs = st.lists(
    st.tuples(st.one_of(st.sampled_from(NAMES), st.text(max_size=12)), words), max_size=3
)


@given(endpoint=st.sampled_from(ENDPOINTS), params=pairs)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
def test_any_encoded_query_gets_json(endpoint: str, params: list[tuple[str, str]]) -> None:
    query = urllib.parse.urlencode(params)
    _assert_json_error_or_answer(CLIENT.get(f"{endpoint}?{query}"))


@given(endpoint=st.sampled_from(ENDPOINTS), raw=st.binary(max_size=300))
def test_any_raw_query_bytes_get_json(endpoint: str, raw: bytes) -> None:
    # Percent-encode every byte: the query string reaches the server as those bytes,
    # whether they are UTF-8 or not, with '&', '=' and '%' taken literally.
    query = "".join(f"%{b:02X}" if b > 0x7E or b < 0x21 else chr(b) for b in raw)
    query = query.replace("#", "%23")
    _assert_json_error_or_answer(CLIENT.get(f"{endpoint}?{query}"))


# -- the documented date pattern is the parser's ---------------------------------------------

# OpenAPI's patterns are ECMA-262, where $ ends the text; Python's $ also matches before a
# final newline, so the pattern is matched whole here, as a client's validator matches it.
_WHOLE = re.compile(EDTF_PATTERN.removeprefix("^").removesuffix("$"))
_DATE_TEXT = st.one_of(
    st.builds(str, edtf_dates()),
    st.from_regex(_WHOLE, fullmatch=True),
    st.text(alphabet="0123456789X-[].?~% \n", max_size=26),
    st.text(max_size=12),
)


def _parses(text: str) -> bool:
    try:
        parse_edtf(text)
    except InvalidDateError:
        return False
    return True


def test_the_pattern_refuses_a_final_newline_in_python_too() -> None:
    # A Python validator (jsonschema) searches with re, whose $ also matches before a
    # final newline; the server refuses "2024\n", so the pattern must too.
    assert re.search(EDTF_PATTERN, "2024") is not None
    assert re.search(EDTF_PATTERN, "2024\n") is None
    assert re.search(EDTF_PATTERN, "[2022..2024]?\n") is None


@given(text=_DATE_TEXT)
@settings(max_examples=2000)
def test_the_documented_date_pattern_accepts_what_the_parser_accepts(text: str) -> None:
    documented = _WHOLE.fullmatch(text) is not None
    if _parses(text):
        assert documented, text
    elif documented:
        # The one thing a regular expression cannot say: the order of a range's bounds.
        # Each bound is a date of its own, and each half-open range of it is accepted.
        lower, upper = re.fullmatch(r"\[(.+)\.\.(.+)\][?~%]?", text).groups()  # type: ignore[union-attr]
        assert all(_parses(part) for part in (lower, upper, f"[{lower}..]", f"[..{upper}]"))


def test_every_date_parameter_is_documented_with_the_pattern() -> None:
    dates = {"as_of", "as_known_on", "from", "to", "since", "until"}
    for path, operations in OPENAPI["paths"].items():
        for parameter in operations["get"]["parameters"]:
            if parameter["name"] in dates:
                assert parameter["schema"]["pattern"] == EDTF_PATTERN, (path, parameter["name"])
                assert parameter["schema"]["format"] == "edtf"
