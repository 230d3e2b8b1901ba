"""Every output is derived from the model: a field added to a record class reaches all of them.

For each collection, the registry's class is swapped for a subclass with one more field,
a dataset file sets that field on one record, and the JSON record, the CLI's ``--json``
and text, the dataset export, the CSV and pandas tables, the networkx graph and the JSON
Schema must all carry it, with no change to any of them.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
import warnings
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import yaml
from tests.cli_sample import SAMPLE, Cap, run

import geoalign
from geoalign.formats.schema import dataset_schema
from geoalign.interop import to_networkx, to_pandas
from geoalign.model.answer_schema import answer_schema
from geoalign.model.records import ACTOR_COLLECTIONS, COLLECTIONS, RECORD_CLASSES
from geoalign.store import browse
from geoalign.views.export import dataset_document, record_json, tables, write_csv

VALUE = "an added field's value"


def extended(cls: type[Any]) -> type[Any]:
    """``cls`` with one more optional text field, ``extra``."""

    @attrs.frozen(kw_only=True)
    class Extended(cls):  # type: ignore[misc, valid-type]
        extra: str | None = None

    return Extended


@pytest.fixture(params=list(COLLECTIONS))
def collection(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """A collection whose class, in the registry, has the field ``extra``."""
    name: str = request.param
    monkeypatch.setitem(RECORD_CLASSES, name, extended(RECORD_CLASSES[name]))
    return name


@pytest.fixture
def data(collection: str, tmp_path: Path) -> Path:
    """The CLI sample, with ``extra`` set on the first record of ``collection``."""
    content = yaml.safe_load(SAMPLE)
    content[collection][0]["extra"] = VALUE
    path = tmp_path / "sample.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    return path


def test_every_output_carries_an_added_field(
    collection: str, data: Path, tmp_path: Path, capsys: Cap
) -> None:
    dataset = geoalign.load(data, include_bundled=False)
    record = getattr(dataset, collection)[0]
    assert record.extra == VALUE

    assert record_json(record, dataset)["extra"] == VALUE
    assert dataset_document(dataset)[collection][0]["extra"] == VALUE

    schema = dataset_schema()["$defs"][type(record).__name__]
    assert schema["properties"]["extra"]["anyOf"][0]["type"] == "string"

    table = tables(dataset)[collection]
    assert table.rows[0][table.columns.index("extra")] == VALUE
    write_csv(dataset, tmp_path / "csv")
    with (tmp_path / "csv" / f"{collection}.csv").open(encoding="utf-8", newline="") as file:
        assert next(csv.DictReader(file))["extra"] == VALUE
    assert to_pandas(dataset)[collection]["extra"].iloc[0] == VALUE

    graph = to_networkx(dataset)
    if collection in ACTOR_COLLECTIONS:
        assert graph.nodes[record.id]["extra"] == VALUE
    elif collection == "relationships":
        assert graph.edges[record.a, record.b, record.id]["extra"] == VALUE

    argv = ["--data", str(data), "--no-bundled", "show", record.id]
    status, out, _ = run(capsys, *argv, "--json")
    assert status == 0
    assert json.loads(out)["record"]["extra"] == VALUE
    status, out, _ = run(capsys, *argv)
    assert re.search(f"^  extra +{VALUE}$", out, re.MULTILINE)


@pytest.mark.parametrize("collection", ["relationships", "events"], indirect=True)
def test_every_answer_carries_an_added_field(collection: str, data: Path, capsys: Cap) -> None:
    """The ties and events of every answer, the answers' schema, the CLI's ``--json`` and
    the HTTP API carry a field added to ``Relationship`` or ``Event``."""
    dataset = geoalign.load(data, include_bundled=False)
    record = getattr(dataset, collection)[0]  # rus-syr-alliance, or assad-flees (RUS, SYR)
    assert record.extra == VALUE
    key = "ties" if collection == "relationships" else "events"
    documents = [dataset.explain_between("RUS", "SYR", certainty="possible").to_dict()]
    if collection == "relationships":
        documents += [
            dataset.explain_allies("RUS", as_of="2020").to_dict(),
            dataset.explain_relationships("RUS", as_of="2020").to_dict(),
            browse.all_relationships(dataset, "RUS").to_dict(),
            browse.measures(dataset, "SRB", "by").to_dict(),  # a tie without the value
        ]
    else:
        documents += [
            dataset.explain_timeline("RUS", "SYR").to_dict(),
            browse.events(dataset, "SYR").to_dict(),
        ]
    schema = answer_schema()
    for document in documents:
        jsonschema.validate(document, schema)
        assert items(document, key)
        for item in items(document, key):
            assert item["extra"] == (VALUE if item["id"] == record.id else None)
    definition = schema["$defs"]["tie" if collection == "relationships" else "event"]
    assert definition["properties"]["extra"] == {"type": ["string", "null"]}
    assert "extra" in definition["required"]

    argv = ["--data", str(data), "--no-bundled"]
    if collection == "relationships":
        status, out, _ = run(capsys, *argv, "allies", "RUS", "--as-of", "2020", "--json")
    else:
        status, out, _ = run(capsys, *argv, "timeline", "RUS", "SYR", "--json")
    assert status == 0
    assert {item["id"]: item["extra"] for item in items(json.loads(out), key)}[record.id] == VALUE

    if importlib.util.find_spec("fastapi") is not None:
        with warnings.catch_warnings():  # Starlette 1.x asks for httpx2 in its test client
            warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`")
            from starlette.testclient import TestClient

        from geoalign.server.app import create_app

        client = TestClient(create_app(dataset))
        path = "allies" if collection == "relationships" else "timeline"
        params = {"actor": "RUS", "as_of": "2020"} if path == "allies" else {"a": "RUS", "b": "SYR"}
        body = client.get(f"/api/{path}", params=params).json()
        assert {item["id"]: item["extra"] for item in items(body, key)}[record.id] == VALUE


def items(answer: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """The ``key`` ("ties" or "events") of an answer (the ties of every ally, for allies)."""
    if answer["answer"] == "allies":
        return [tie for ally in answer["allies"] for tie in ally["ties"]]
    return list(answer[key])
