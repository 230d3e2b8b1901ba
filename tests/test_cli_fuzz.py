"""Any command line, any words: an exit status of the documented rule and never a traceback.

Hypothesis builds command lines from the real commands and options and from words of
every kind (names, dates, EDTF forms, huge and odd text), and runs each in-process.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.cli_sample import Cap, run
from tests.strategies import DATASET_SETTINGS, datasets
from tests.test_loading_fuzz import _jsonl_bytes, _mutated, _yaml_bytes

from geoalign import Dataset

COMMANDS = ["allies", "sanctions", "timeline", "actors", "relationships", "events", "why",
            "diff", "resolve", "show", "sources", "validate", "completion"]  # fmt: skip
OPTIONS = ["--as-of", "--as-known-on", "--from", "--to", "--kind", "--possible", "--format",
           "--json", "--type", "--name", "--on", "--by", "--where", "--help"]  # fmt: skip
KNOWN_WORDS = ["Russia", "RUS", "Syria", "HTS", "the Kremlin", "Rusia", "nis", "bash",
               "2024", "2024-12", "2024-13", "[2024..2022]", "[..2024-12-06]", "201X",
               "2024?", "json", "jsonl", "csv", "text", "alliance", "ally", "country",
               "", "-", "--", "x" * 5000]  # fmt: skip
WORDS = st.one_of(st.sampled_from(KNOWN_WORDS), st.text(max_size=30))


@given(
    command=st.sampled_from(COMMANDS),
    words=st.lists(st.one_of(st.sampled_from(OPTIONS), WORDS), max_size=6),
)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_command_line_ends_with_a_documented_status(
    capsys: Cap, command: str, words: list[str]
) -> None:
    if "\x00" in "".join(words):
        return  # a NUL byte cannot be in a real command line's argument
    status, out, err = run(capsys, command, *words)
    assert status in (0, 1, 2)
    assert "Traceback" not in out + err
    if status == 2:
        assert err.rstrip("\n").splitlines()[-1].startswith("geoalign")  # the one error line
        assert len(err.splitlines()[-1]) < 1_200  # a huge word is not echoed whole
    if status != 2 and ("--json" in words or "json" in words) and out.startswith("{"):
        json.loads(out)  # whatever is printed as JSON is JSON


@pytest.mark.parametrize("form", ["json", "jsonl"])
def test_an_error_under_a_json_format_is_a_json_object(capsys: Cap, form: str) -> None:
    status, out, err = run(capsys, "allies", "x" * 100_000, "--format", form)
    assert status == 2
    error = json.loads(out)["error"]
    assert error["status"] == 2
    assert len(error["message"]) < 1_200
    assert len(err) < 1_200


@settings(
    DATASET_SETTINGS,  # capsys is read whole after each run, so sharing it is safe
    suppress_health_check=[
        *DATASET_SETTINGS.suppress_health_check,
        HealthCheck.function_scoped_fixture,
    ],
)
@given(datasets(), st.data(), st.sampled_from(["validate", "allies", "sources", "timeline"]))
def test_the_command_line_on_a_mutated_dataset_gives_one_line_or_an_answer(
    tmp_path_factory: pytest.TempPathFactory,
    capsys: Cap,
    dataset: Dataset,
    data: st.DataObject,
    command: str,
) -> None:
    suffix, content = data.draw(
        st.sampled_from([(".yaml", _yaml_bytes(dataset)), (".jsonl", _jsonl_bytes(dataset))])
    )
    path = tmp_path_factory.mktemp("mutated") / f"data{suffix}"
    path.write_bytes(data.draw(_mutated(content)))
    actors = [a.id for a in dataset.actors()] or ["nobody"]
    argv = {
        "validate": ["--no-bundled", "validate", str(path)],
        "allies": ["--data", str(path), "--no-bundled", "allies", actors[0]],
        "sources": ["--data", str(path), "--no-bundled", "sources"],
        "timeline": ["--data", str(path), "--no-bundled", "timeline", actors[0], actors[-1]],
    }[command]
    status, out, err = run(capsys, *argv)
    assert status in (0, 1, 2)
    assert "Traceback" not in out + err
    if status == 2:
        assert len(err.splitlines()) == 1  # one line: the first problem and a count
        assert err.startswith("geoalign: error: ")
