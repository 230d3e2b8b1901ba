"""Every output is derived from the model: a field added to a record class reaches all of them.

For each collection, the registry's class is swapped for a subclass with one more field,
a dataset file sets that field on one record, and the JSON record, the CLI's ``--json``
and text, the dataset export, the CSV and pandas tables, the networkx graph and the JSON
Schema must all carry it, with no change to any of them.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from tests.cli_sample import SAMPLE, Cap, run

import geoalign
from geoalign.formats.schema import dataset_schema
from geoalign.interop import to_networkx, to_pandas
from geoalign.model.records import ACTOR_COLLECTIONS, COLLECTIONS, RECORD_CLASSES
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
