"""The benchmark's synthetic datasets are valid, deterministic and shaped as promised."""

from __future__ import annotations

import collections
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

import pytest

import geoalign
from geoalign import PartialDate, RelationshipKind


def _import_synthetic() -> Any:
    # benchmarks/ is not part of the installed package: import the module from the tree.
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "synthetic.py"
    spec = importlib.util.spec_from_file_location("geoalign_bench_synthetic", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


synthetic = _import_synthetic()


@pytest.fixture(scope="module")
def data() -> Any:
    return synthetic.generate(600, 150, seed=7)


@pytest.fixture(scope="module")
def loaded(data: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, geoalign.Dataset]:
    root = tmp_path_factory.mktemp("synthetic")
    synthetic.write_yaml(data, root / "yaml")
    synthetic.write_jsonl(data, root / "jsonl")
    return {fmt: geoalign.load(root / fmt, include_bundled=False) for fmt in ("yaml", "jsonl")}


def test_both_formats_load_to_the_same_dataset(loaded: dict[str, geoalign.Dataset]) -> None:
    assert loaded["yaml"] == loaded["jsonl"]
    assert len(loaded["jsonl"].events) == 600
    assert len(loaded["jsonl"].relationships) == 150


def test_loading_keeps_every_record_as_generated(
    data: Any, loaded: dict[str, geoalign.Dataset]
) -> None:
    assert loaded["jsonl"].to_dict() == data


def test_same_seed_same_data_and_other_seed_other_data() -> None:
    assert synthetic.generate(200, seed=1) == synthetic.generate(200, seed=1)
    assert synthetic.generate(200, seed=1) != synthetic.generate(200, seed=2)


def test_shape(data: Any) -> None:
    countries = data["countries"]
    assert len(countries) == 200
    assert all(len(c["id"]) == 3 and c["id"].isalpha() and c["id"].isupper() for c in countries)
    assert any("country" in org for org in data["organizations"])
    assert data["persons"]
    # Every precision of date appears.
    precisions = {PartialDate.parse(e["date"]).precision for e in data["events"]}
    assert precisions == {"year", "month", "day"}
    # Every kind of relationship, open and ended ones, and some ended by a source.
    relationships = synthetic.generate(3000, 3000, seed=7)["relationships"]
    assert {r["kind"] for r in relationships} == {k.value for k in RelationshipKind}
    assert any("end" in r for r in relationships)
    assert any("end" not in r and "ended_by" not in r for r in relationships)
    assert any("ended_by" in r for r in relationships)


def test_activity_is_skewed(data: Any) -> None:
    pairs = collections.Counter(
        tuple(sorted(e["actors"][:2])) for e in data["events"] if len(e["actors"]) > 1
    )
    busiest = pairs.most_common(1)[0][1]
    median = sorted(pairs.values())[len(pairs) // 2]
    assert busiest >= 10 * median


def test_jsonl_lines_carry_their_type(data: Any, tmp_path: Path) -> None:
    path = synthetic.write_jsonl(data, tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == sum(len(records) for records in data.values())
    assert collections.Counter(json.loads(line)["type"] for line in lines)["event"] == 600
