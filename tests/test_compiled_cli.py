"""``geoalign compile DATA -o STORE``, run through the command line's own entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geoalign.cli import parser
from geoalign.cli.compiling import COMPILE_SUMMARY, add_compile_command, run_compile
from geoalign.cli.main import main

pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")

from geoalign.store.compiled import open_store


@pytest.fixture(autouse=True)
def registered(monkeypatch: pytest.MonkeyPatch) -> None:
    # As the command line registers it (see geoalign.cli.compiling).
    command = (COMPILE_SUMMARY, add_compile_command, run_compile)
    monkeypatch.setitem(parser.STANDALONE, "compile", command)


def test_compile_writes_a_store_that_answers(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import geoalign

    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    status = main(["compile", str(data), "-o", str(tmp_path / "store")])
    assert status == 0
    assert f"into {tmp_path / 'store'}" in capsys.readouterr().err
    store = open_store(tmp_path / "store")
    memory = geoalign.load(data)  # layered on the bundled data, as the command compiles it
    assert store.resolve("Freedonia").id == "FRE"
    assert store.allies_of("Russia", certainty="possible") == memory.allies_of(
        "Russia", certainty="possible"
    )
    assert len(store.events) == len(memory.events) > 0


def test_bad_data_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "events.yaml").write_text("- {id: x}\n", "utf-8")
    status = main(["compile", str(tmp_path / "events.yaml"), "-o", str(tmp_path / "store")])
    assert status == 2
    assert "geoalign: error:" in capsys.readouterr().err
    assert not (tmp_path / "store").exists()


def test_the_output_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compile", "data"]) == 2
    assert "-o" in capsys.readouterr().err


def test_every_problem_is_listed_as_validate_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tie = {
        "type": "relationship",
        "id": "r",
        "kind": "alliance",
        "a": "RUS",
        "b": "ZZZ",
        "confidence": "confirmed",
        "summary": "s",
        "citations": [{"source": "nope", "quote": "q"}],
    }
    data = tmp_path / "bad.jsonl"
    data.write_text(json.dumps(tie) + "\n", encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    listed = [line for line in capsys.readouterr().out.splitlines() if "bad.jsonl:1:" in line]
    assert len(listed) == 2
    assert main(["compile", str(data), "-o", str(tmp_path / "store")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[:2] == listed
    assert err[2] == f"geoalign: error: 2 problems in {data}: nothing was compiled"
    assert not (tmp_path / "store").exists()
