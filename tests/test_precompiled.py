"""The precompiled bundled records are exactly what the YAML files say today."""

from __future__ import annotations

from tools import precompile as _precompile

import geoalign
from geoalign.bundled.records import RECORDS
from geoalign.loading.files import load_records
from geoalign.loading.validation import validate


def test_precompiled_records_equal_the_yaml() -> None:
    assert load_records() == RECORDS


def test_precompiled_records_are_valid() -> None:
    # The bundled dataset is built from them unchecked: this check stands for that one.
    assert validate(RECORDS, "records") == []


def test_precompiled_module_is_up_to_date() -> None:
    # Byte for byte: a stale module fails here with the command that refreshes it.
    written = _precompile.TARGET.read_text("utf-8")
    assert written == _precompile.generate(), "run: python tools/precompile.py"


def test_bundled_dataset_is_built_from_the_precompiled_records() -> None:
    dataset = geoalign.load()
    assert dataset.events == RECORDS.events
    assert dataset.relationships == RECORDS.relationships
    assert len(dataset.events) == len(RECORDS.events) > 0


def test_literal_writes_every_field_kind() -> None:
    role = geoalign.Role(title="President", actor="SYR", end=geoalign.PartialDate(2024, 12, 8))
    assert eval(_precompile.literal(role), vars(geoalign)) == role  # our own generated source


def test_precompiled_module_is_readable() -> None:
    # One field per line, as ruff formats it (CI checks the format): no line over 100.
    lines = _precompile.TARGET.read_text("utf-8").splitlines()
    assert max(len(line) for line in lines) <= _precompile.WIDTH
    assert '            id="rus-syr-alliance",' in lines
    assert any(line.strip().startswith("quote=") for line in lines)


def test_literal_splits_a_long_text_into_lines_that_read_back_whole() -> None:
    text = "word " * 60 + "“quoted” and 'single' and \"double\" end."
    source = _precompile.literal(geoalign.Citation(source="s1", quote=text))
    assert max(len(line) for line in source.splitlines()) <= _precompile.WIDTH
    assert eval(source, vars(geoalign)) == geoalign.Citation(source="s1", quote=text)
