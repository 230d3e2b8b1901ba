"""geoalign.load(STORE) opens a compiled store and answers as the loaded dataset does."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geoalign

pytest.importorskip("duckdb", reason="the compiled store needs the store extra (duckdb)")
pytest.importorskip("pyarrow", reason="the compiled store needs the store extra (pyarrow)")

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "freedonia"


def test_load_opens_a_store_and_answers_as_the_dataset(tmp_path: Path) -> None:
    from geoalign.store.compiled import compile_store

    store = tmp_path / "store"
    compile_store(EXAMPLE, store)
    opened = geoalign.load(store)
    loaded = geoalign.load(EXAMPLE)
    assert type(opened).__name__ == "CompiledDataset"
    assert opened.to_dict() == loaded.to_dict()
    for actor in ("FRE", "Russia", "Serbia"):
        for as_of in ("1933", "2024-12", "2025"):
            for certainty in ("definite", "possible"):
                assert opened.allies_of(
                    actor, as_of=as_of, certainty=certainty
                ) == loaded.allies_of(actor, as_of=as_of, certainty=certainty)


def test_compile_takes_no_bundled_with_its_own_data_path(tmp_path: Path) -> None:
    from geoalign.cli import main

    store = tmp_path / "alone"
    assert main(["compile", "--no-bundled", str(EXAMPLE), "-o", str(store)]) == 0
    assert geoalign.load(store).to_dict() == geoalign.load(EXAMPLE, include_bundled=False).to_dict()


def test_a_name_too_long_is_no_store_and_the_loader_says_why(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from geoalign.cli import main
    from geoalign.store.compiled.manifest import is_store

    long = "x" * 300  # over the 255 bytes a file name may take: stat fails
    assert is_store(long) is False
    assert main(["--data", long, "--format", "json", "allies", "Russia"]) == 2
    error = json.loads(capsys.readouterr().out)["error"]
    assert error["type"] == "invalid_data"
