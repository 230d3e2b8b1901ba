"""Compiled stores refuse what they cannot answer from: every case a DatasetError, never a half answer.

Damaged files, manifests of another format or a newer geoalign, unreadable directories,
inputs changed since compiling; and the extra stays optional: ``import geoalign`` never
imports DuckDB or pyarrow, and without them the store's functions name the extra.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geoalign import DatasetError, MissingExtraError

pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")

from geoalign.store.compiled import compile_store, open_store
from geoalign.store.compiled.manifest import MANIFEST

DATA = Path(__file__).parents[1] / "src" / "geoalign" / "data"
QUESTION = ("Russia", "Syria")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled files, compiled once; tests damage copies of it."""
    folder = tmp_path_factory.mktemp("built")
    shutil.copytree(DATA, folder / "data")
    compile_store(folder / "data", folder / "store", include_bundled=False)
    return folder


@pytest.fixture
def store(built: Path, tmp_path: Path) -> Path:
    shutil.copytree(built / "store", tmp_path / "store")
    return tmp_path / "store"


def answer(path: Path, **options: bool) -> object:
    """Open the store and ask a question whose answer reads the events and their files."""
    return open_store(path, **options).timeline_between(*QUESTION)


def code(error: pytest.ExceptionInfo[DatasetError]) -> str:
    return error.value.problems[0].code


def test_a_fresh_copy_answers(store: Path) -> None:
    import geoalign

    assert answer(store) == geoalign.load().timeline_between(*QUESTION)


def test_a_truncated_file_is_refused_at_open(store: Path) -> None:
    events = store / "records.parquet"
    events.write_bytes(events.read_bytes()[:-100])
    with pytest.raises(DatasetError) as error:
        open_store(store)
    assert code(error) == "store-damaged"
    assert "records.parquet" in str(error.value)


@pytest.mark.parametrize("where", [-6, 4, 0.5])
def test_a_corrupted_file_of_the_same_size_never_gives_an_answer(store: Path, where: float) -> None:
    # Bytes overwritten in the footer (its length and magic), the first page, the middle.
    for name in ("records.parquet", "memberships.parquet"):
        path = store / name
        content = bytearray(path.read_bytes())
        at = int(len(content) * where) if isinstance(where, float) else where % len(content)
        content[at : at + 4] = b"\xff\x00\xff\x00"
        path.write_bytes(bytes(content))
    with pytest.raises(DatasetError):
        open_store(store, verify=True)
    try:
        found = answer(store)
    except DatasetError:
        return
    # Without verify, a page whose damage still decodes may answer; only a whole answer.
    import geoalign

    assert found == geoalign.load().timeline_between(*QUESTION)


def rewrite(store: Path, **changes: object) -> None:
    manifest = json.loads((store / "manifest.json").read_text())
    manifest.update(changes)
    (store / "manifest.json").write_text(json.dumps(manifest))


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"format_version": 2}, "store-format"),
        ({"format_version": 0}, "store-format"),
        ({"format": "something-else"}, "store-format"),
        ({"geoalign_version": "999.0"}, "store-too-new"),
        ({"files": "none"}, "bad-manifest"),
    ],
)
def test_a_manifest_this_geoalign_cannot_read_is_refused(
    store: Path, changes: dict[str, object], expected: str
) -> None:
    rewrite(store, **changes)
    with pytest.raises(DatasetError) as error:
        open_store(store)
    assert code(error) == expected


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"format_version": "1"}, 'manifest.json: its format_version "1" is not a whole number'),
        ({"format_version": True}, "manifest.json: its format_version true is not a whole number"),
        ({"horizon": "garbage"}, 'manifest.json: its horizon "garbage" is not an EDTF date'),
        ({"horizon": 2024}, "manifest.json: its horizon 2024 is not an EDTF date"),
    ],
)
def test_a_bad_manifest_value_is_named_with_the_store(
    store: Path, changes: dict[str, object], said: str
) -> None:
    rewrite(store, **changes)
    with pytest.raises(DatasetError) as error:
        open_store(store)
    assert code(error) == "bad-manifest"
    assert str(error.value) == f"{store}: {said}"


def test_compiling_a_store_says_compile_takes_dataset_files(store: Path, tmp_path: Path) -> None:
    with pytest.raises(DatasetError) as error:
        compile_store(store, tmp_path / "again")
    assert code(error) == "is-a-store"
    assert str(error.value).startswith(f"{store}: is a compiled store: compile takes dataset files")
    assert not (tmp_path / "again").exists()


def test_a_store_of_an_older_geoalign_is_read(store: Path) -> None:
    rewrite(store, geoalign_version="0.0.1")
    assert answer(store)


@pytest.mark.parametrize("damage", ["no manifest", "not json", "a file", "missing file"])
def test_what_is_not_a_whole_store_is_refused(store: Path, damage: str) -> None:
    if damage == "no manifest":
        (store / "manifest.json").unlink()
    elif damage == "not json":
        (store / "manifest.json").write_text("{")
    elif damage == "a file":
        store = store / "manifest.json"
    else:
        (store / "ties.parquet").unlink()
    with pytest.raises(DatasetError):
        open_store(store)


def test_a_directory_without_permission_is_refused(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = (
        "import sys\nfrom geoalign import DatasetError\nfrom geoalign.store.compiled import open_store\n"
        "try:\n    open_store(sys.argv[1])\nexcept DatasetError as e:\n"
        "    print(e.problems[0].code)\n"
    )
    command = [sys.executable, "-c", program, str(store)]
    if os.geteuid() == 0:  # root reads everything: run as nobody, where nobody can
        nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        reach = [*nobody, sys.executable, "-c", "import geoalign"]
        if shutil.which("setpriv") is None or subprocess.run(reach, check=False).returncode:
            # nobody cannot run this Python (a venv in a private directory, as CI's is):
            # the same refusal, with the permission error raised where the OS raises it
            real = Path.read_text

            def refused(self: Path, *args: Any, **kwargs: Any) -> str:
                if self.name == MANIFEST:
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self, *args, **kwargs)

            monkeypatch.setattr(Path, "read_text", refused)
            with pytest.raises(DatasetError) as caught:
                open_store(store)
            assert caught.value.problems[0].code == "unreadable"
            return
        command = [*nobody, *command]
    store.chmod(0o000)
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    finally:
        store.chmod(0o755)
    assert done.stdout.strip() == "unreadable", done.stderr


def test_a_store_whose_inputs_changed_is_refused(built: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(built / "data", data)
    store = compile_store(data, tmp_path / "store", include_bundled=False)
    countries = data / "countries.yaml"
    text = countries.read_text("utf-8")
    os.utime(countries)  # touched, same bytes: still fresh
    assert answer(store)
    countries.write_text(text.replace("name: Serbia", "name: Serbia2"), "utf-8")
    with pytest.raises(DatasetError) as error:
        open_store(store)
    assert code(error) == "store-stale"
    assert open_store(store, check_inputs=False).resolve("Serbia").id == "SRB"
    countries.write_text(text, "utf-8")
    (data / "more.yaml").write_text("countries: []\n", "utf-8")
    with pytest.raises(DatasetError) as error:
        open_store(store)
    assert code(error) == "store-stale"
    shutil.rmtree(data)  # inputs gone: the store stands on its own
    assert answer(store)


def test_bad_data_compiles_nothing(tmp_path: Path) -> None:
    (tmp_path / "events.yaml").write_text("- {id: x}\n", "utf-8")
    with pytest.raises(DatasetError):
        compile_store(tmp_path / "events.yaml", tmp_path / "store", include_bundled=False)
    assert not (tmp_path / "store").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["events.yaml"]


def test_a_directory_of_other_things_is_not_overwritten(built: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(DatasetError) as error:
        compile_store(built / "data", tmp_path, include_bundled=False)
    assert code(error) == "not-a-store"
    assert (tmp_path / "notes.txt").read_text("utf-8") == "mine"


def test_an_earlier_store_is_replaced(built: Path, store: Path) -> None:
    rewrite(store, counts={})
    compile_store(built / "data", store, include_bundled=False)
    assert json.loads((store / "manifest.json").read_text())["counts"]["events"] > 0


def test_import_geoalign_imports_neither_duckdb_nor_pyarrow() -> None:
    program = (
        "import sys, geoalign, geoalign.store.compiled\n"
        "geoalign.load().allies_of('Russia')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('duckdb', 'pyarrow')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("missing", ["duckdb", "pyarrow"])
def test_without_the_extra_the_error_names_it(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: str
) -> None:
    monkeypatch.setitem(sys.modules, missing, None)  # what an uninstalled module imports as
    with pytest.raises(MissingExtraError) as error:
        compile_store(built / "data", tmp_path / "store", include_bundled=False)
    assert error.value.extra == "store"
    if missing == "duckdb":
        with pytest.raises(MissingExtraError):
            open_store(built / "store")
