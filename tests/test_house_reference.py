"""The docs' dataset reference (docs/_ext/geoalign_reference.py) draws records from the
views: every field of a record's JSON form shows on its page, an added field too."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.cli_sample import SAMPLE
from tests.test_views_model import VALUE, extended

import geoalign
from geoalign.model.records import RECORD_CLASSES

pytest.importorskip("sphinx", reason="the docs extra is not installed: pip install '.[docs]'")

EXTENSIONS = Path(__file__).parents[1] / "docs" / "_ext"


@pytest.fixture(scope="module")
def reference() -> Any:
    """The reference extension, imported as Sphinx imports it."""
    sys.path.insert(0, str(EXTENSIONS))
    try:
        return importlib.import_module("geoalign_reference")
    finally:
        sys.path.remove(str(EXTENSIONS))


@pytest.mark.parametrize(
    ("collection", "page"),
    [
        ("sources", "source/s1.rst"),
        ("countries", "country/RUS.rst"),
        ("organizations", "organizations.rst"),
        ("persons", "persons.rst"),
        ("relationships", "country/RUS.rst"),
        ("events", "country/RUS.rst"),
    ],
)
def test_an_added_field_shows_on_the_reference_page(
    collection: str, page: str, reference: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(RECORD_CLASSES, collection, extended(RECORD_CLASSES[collection]))
    content = yaml.safe_load(SAMPLE)
    content[collection][0]["extra"] = VALUE
    path = tmp_path / "sample.yaml"
    path.write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    pages = reference.Pages(geoalign.load(path, include_bundled=False)).build()
    assert f":extra: {reference.escape(VALUE)}" in pages[page]
    assert sum(text.count(":extra:") for text in pages.values()) >= 1


def test_the_facts_of_a_record_are_its_json_fields(reference: Any) -> None:
    dataset = geoalign.load()
    pages = reference.Pages(dataset).build()
    person = dataset.resolve("Assad")
    text = pages["persons.rst"]
    block = text[text.index(f".. _geoalign-person-{person.id}:") :]
    for role in person.roles:
        assert f":roles: {reference.escape(role.title)}" in block
    nis = dataset.get("nis")
    organizations = pages["organizations.rst"]
    assert f":country: :doc:`/reference/generated/country/{nis.country}`" in organizations
