"""The views split by what they write: JSON records in ``export``, tables and CSV in
``tables``, the walk over the model's fields in ``fields``; one JSON schema version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geoalign
from geoalign.formats import jsonfile, reading
from geoalign.formats.reading import ReadError
from geoalign.views import export, fields, tables


def test_export_keeps_offering_the_tables_under_their_old_names() -> None:
    for name in tables.__all__:
        assert getattr(export, name) is getattr(tables, name)
    for name in ("record_classes", "record_type"):
        assert getattr(export, name) is getattr(fields, name)


def test_the_version_written_is_the_version_read() -> None:
    document = export.dataset_document(geoalign.load())
    assert document["schema_version"] == reading.SCHEMA_VERSION
    text = json.dumps(document).encode()
    assert len(list(jsonfile.read_json(text, "d.json"))) > 0
    document["schema_version"] = reading.SCHEMA_VERSION + 1
    with pytest.raises(ReadError) as refused:
        list(jsonfile.read_json(json.dumps(document).encode(), "d.json"))
    assert refused.value.code == "schema-version"


def test_no_module_holds_its_own_copy_of_the_version() -> None:
    for module in (export, jsonfile):
        assert "SCHEMA_VERSION = " not in Path(module.__file__).read_text(encoding="utf-8")
