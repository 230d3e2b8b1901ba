"""Fuzzing the HTTP API: schemathesis from the OpenAPI document, hypothesis on raw query strings.

Whatever the query (valid, invalid, huge, malformed, any Unicode), the answer is JSON
with a status the OpenAPI document declares, and never a 500.
"""

from __future__ import annotations

import json
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

import geoalign  # noqa: E402
from geoalign.server.app import create_app  # noqa: E402

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


@schema.parametrize()
@settings(suppress_health_check=list(HealthCheck), deadline=None)
def test_generated_requests_conform_to_the_document(case: Any) -> None:
    # Every check: no 500, declared statuses, media types and bodies; all but one: a date
    # the schema allows (any text) may still name no day, like 2024-02-30, and get a 422.
    case.call_and_validate(excluded_checks=[schemathesis.checks.positive_data_acceptance])


def test_every_endpoint_has_examples_that_get_an_answer() -> None:
    # Schemathesis sends the documented examples first: each endpoint then gets a 200 at
    # least once, and its body is checked against the answers' schema, not only errors.
    for path, operations in OPENAPI["paths"].items():
        params = {
            p["name"]: p["schema"]["examples"][0]
            for p in operations["get"].get("parameters", [])
            if p["required"]
        }
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
