"""``geoalign compile DATA -o STORE``, run through the command line's own entry point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

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


class _Interrupting:
    """DuckDB's module, but every COPY (the sort of a table) is stopped as Ctrl-C stops it."""

    def __init__(self, duckdb: Any, error: Exception) -> None:
        self._duckdb, self._error = duckdb, error

    def connect(self, *args: Any, **kwargs: Any) -> Any:
        real, error = self._duckdb.connect(*args, **kwargs), self._error

        class Stopped:
            def execute(self, sql: str, *more: Any) -> Any:
                if sql.startswith("COPY"):
                    raise error
                return real.execute(sql, *more)

            def close(self) -> None:
                real.close()

        return Stopped()


@pytest.mark.parametrize("interrupt", ["runtime", "interrupt-exception"])
def test_ctrl_c_while_duckdb_sorts_is_130_and_keeps_the_old_store(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    interrupt: str,
) -> None:
    import duckdb

    from geoalign.store.compiled import writing

    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    store = tmp_path / "store"
    assert main(["compile", str(data), "-o", str(store)]) == 0
    before = {path.name: path.read_bytes() for path in store.iterdir()}
    # What DuckDB raises when SIGINT reaches it mid-query (seen with DuckDB 2.0: the
    # RuntimeError), or its own exception type.
    error = (
        RuntimeError("Query interrupted")
        if interrupt == "runtime"
        else duckdb.InterruptException("INTERRUPT Error: Interrupted!")
    )
    real = writing._extras()
    monkeypatch.setattr(writing, "_extras", lambda: (_Interrupting(real[0], error), *real[1:]))
    capsys.readouterr()
    assert main(["compile", str(data), "-o", str(store)]) == 130
    assert "Traceback" not in capsys.readouterr().err
    assert {path.name: path.read_bytes() for path in store.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fre.yaml", "store"]


def test_a_failed_swap_puts_the_old_store_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from geoalign.store.compiled import compile_store

    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    store = compile_store(data, tmp_path / "store", include_bundled=False)
    before = {path.name: path.read_bytes() for path in store.iterdir()}
    rename = Path.rename

    def failing(self: Path, target: Any) -> Any:
        if ".partial-" in self.name:  # the new store, moving into place
            raise OSError(28, "No space left on device")
        return rename(self, target)

    monkeypatch.setattr(Path, "rename", failing)
    with pytest.raises(OSError, match="No space"):
        compile_store(data, store, include_bundled=False)
    monkeypatch.undo()
    assert {path.name: path.read_bytes() for path in store.iterdir()} == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fre.yaml", "store"]
    assert open_store(store).resolve("Freedonia").id == "FRE"


def test_validate_finds_a_same_size_change_in_a_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from geoalign.store.compiled import compile_store

    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    store = compile_store(data, tmp_path / "store", include_bundled=False)
    assert main(["validate", str(store)]) == 0
    capsys.readouterr()
    records = store / "records.parquet"
    content = bytearray(records.read_bytes())
    content[len(content) // 2] ^= 0x01  # one bit, the size unchanged
    records.write_bytes(bytes(content))
    assert main(["validate", str(store)]) == 1
    out = capsys.readouterr().out
    assert "records.parquet" in out
    assert "store-damaged" in out or "changed since it was written" in out


@pytest.mark.parametrize(
    "flags", [["--no-bundled"], ["--override"], ["--no-bundled", "--override"]]
)
@pytest.mark.parametrize("command", [["resolve", "Freedonia"], ["validate"]])
def test_layer_flags_on_a_store_are_said_to_be_ignored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str], command: list[str]
) -> None:
    from geoalign.store.compiled import compile_store

    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    store = str(compile_store(data, tmp_path / "store"))
    where = ["--data", store] if command[0] != "validate" else []
    args = [*flags, *where, *command, *([store] if command[0] == "validate" else [])]
    assert main(args) == 0
    err = capsys.readouterr().err.splitlines()
    assert err == [
        f"geoalign: note: {' and '.join(flags)} ignored: {store} is a compiled store, whose "
        f"layers were chosen when it was compiled (geoalign compile {flags[0]})"
    ]
    assert main([*where, *command, *([store] if command[0] == "validate" else [])]) == 0
    assert capsys.readouterr().err == ""


def test_an_empty_output_path_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["compile", str(data), "-o", ""]) == 2
    err = capsys.readouterr().err
    assert "argument -o/--output: an empty path names no file or directory" in err
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fre.yaml"]


def test_the_command_reads_a_small_store_where_it_lies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A cold process asks one question: copying the store into memory would cost more
    # than it saves (see open_store's memory).  Python's default for a small store copies.
    from geoalign.store.compiled import compile_store, connection

    data = tmp_path / "fre.yaml"
    data.write_text("countries:\n- {id: FRE, name: Freedonia}\n", "utf-8")
    store = compile_store(data, tmp_path / "store")
    opened: list[bool] = []
    init = connection.Connection.__init__

    def recording(self: Any, *args: Any) -> None:
        init(self, *args)
        opened.append(self.in_memory)

    monkeypatch.setattr(connection.Connection, "__init__", recording)
    assert main(["--data", str(store), "resolve", "Freedonia"]) == 0
    assert "FRE" in capsys.readouterr().out
    assert main(["validate", str(store)]) == 0
    assert opened == [False, False]
    assert open_store(store).resolve("Freedonia").id == "FRE"
    assert opened == [False, False, True]


def test_only_duckdb_s_interrupt_becomes_keyboard_interrupt() -> None:
    import duckdb

    from geoalign.store.compiled.connection import interruptible

    for interrupt in (RuntimeError("Query interrupted"), duckdb.InterruptException("x")):
        with pytest.raises(KeyboardInterrupt), interruptible():
            raise interrupt
    with pytest.raises(RuntimeError, match="something else"), interruptible():
        raise RuntimeError("something else")
