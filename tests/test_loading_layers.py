"""Layering a user's files on the bundled dataset: override rules, and no partial state.

A user's records join the bundled ones; an id already bundled is refused unless
``override`` replaces it (with a record of the same type); a failed load changes
nothing, neither the shared bundled dataset nor the next load.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import geoalign
from geoalign import Country, Dataset, DatasetError


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _user_layer(bundled: Dataset) -> dict[str, Any]:
    """A user's country and a tie from it to a bundled country, citing a bundled source."""
    country, source = bundled.countries[0], bundled.sources[0]
    return {
        "countries": [{"id": "ZZZ", "name": "Zedland"}],
        "relationships": [
            {
                "id": "zzz-user-tie",
                "kind": "alliance",
                "a": "ZZZ",
                "b": country.id,
                "confidence": "alleged",
                "summary": "A user's tie.",
                "citations": [{"source": source.id, "quote": "a quote"}],
            }
        ],
    }


def test_user_records_layer_on_the_bundled_ones(tmp_path: Path) -> None:
    bundled = geoalign.load()
    layered = geoalign.load(_write(tmp_path / "mine.yaml", _user_layer(bundled)))
    assert layered.countries == (*bundled.countries, layered.get("ZZZ"))
    assert layered.get("zzz-user-tie") in layered.relationships
    assert layered.sources == bundled.sources
    assert geoalign.load() is bundled


def test_user_records_alone_cannot_refer_to_bundled_ones(tmp_path: Path) -> None:
    bundled = geoalign.load()
    path = _write(tmp_path / "mine.yaml", _user_layer(bundled))
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, include_bundled=False)
    country, source = bundled.countries[0].id, bundled.sources[0].id
    assert info.value.messages == (
        f"{path}:6: relationship 'zzz-user-tie', field 'b': "
        f"{country!r}: no country, organization or person has this id",
        f"{path}:9: relationship 'zzz-user-tie', field 'citations[0].source': "
        f"{source!r}: no source has this id",
    )


def test_a_user_id_that_is_bundled_is_refused_without_override(tmp_path: Path) -> None:
    bundled = geoalign.load()
    taken = bundled.countries[0].id
    path = _write(tmp_path / "mine.yaml", {"countries": [{"id": taken, "name": "Elsewhere"}]})
    with pytest.raises(DatasetError) as info:
        geoalign.load(path)
    assert info.value.messages == (
        f"{path}:2: country {taken!r}, field 'id': this id is already in the bundled dataset "
        "(choose another id, or load with override to replace it)",
    )


def test_override_replaces_the_bundled_record(tmp_path: Path) -> None:
    bundled = geoalign.load()
    taken = bundled.countries[0]
    path = _write(tmp_path / "mine.yaml", {"countries": [{"id": taken.id, "name": "Elsewhere"}]})
    layered = geoalign.load(path, override=True)
    assert layered.get(taken.id) == Country(id=taken.id, name="Elsewhere")
    assert len(layered.countries) == len(bundled.countries)
    assert layered.resolve("Elsewhere").id == taken.id
    assert bundled.get(taken.id) == taken  # the shared bundled dataset is untouched


def test_override_cannot_change_the_kind_of_record(tmp_path: Path) -> None:
    bundled = geoalign.load()
    taken = bundled.sources[0].id
    org = {"id": taken, "name": "A body", "kind": "other"}
    path = _write(tmp_path / "mine.yaml", {"organizations": [org]})
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, override=True)
    assert info.value.messages == (
        f"{path}:2: organization {taken!r}, field 'id': overrides a bundled source",
    )


def test_a_failed_load_leaves_nothing_behind(tmp_path: Path) -> None:
    bundled = geoalign.load()
    snapshot = bundled.to_dict()
    data = _user_layer(bundled)
    data["countries"].append({"id": bundled.countries[0].id, "name": "Elsewhere"})
    data["relationships"][0]["b"] = "NOWHERE"
    path = _write(tmp_path / "mine.yaml", data)
    failures = []
    for _ in range(2):
        with pytest.raises(DatasetError) as info:
            geoalign.load(path)
        failures.append(info.value.messages)
    assert failures[0] == failures[1]
    assert len(failures[0]) == 2
    assert geoalign.load() is bundled
    assert bundled.to_dict() == snapshot
    assert bundled.get("ZZZ") is None
    # The same file, corrected, loads: nothing of the failed attempts lingers.
    path = _write(tmp_path / "mine.yaml", _user_layer(bundled))
    assert geoalign.load(path).get("ZZZ") == Country(id="ZZZ", name="Zedland")
