"""Numbers in JSON files: any length, any constant, always a problem of the file, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import geoalign


def _problems(path: Path) -> tuple[str, ...]:
    with pytest.raises(geoalign.DatasetError) as caught:
        geoalign.load(path, include_bundled=False)
    return caught.value.messages


@given(digits=st.integers(min_value=1, max_value=20_000), field=st.sampled_from(["name", "x"]))
@settings(max_examples=25, deadline=None)
def test_an_integer_of_any_length_is_one_problem_of_its_line(
    tmp_path_factory: pytest.TempPathFactory, digits: int, field: str
) -> None:
    path = tmp_path_factory.mktemp("n") / "numbers.jsonl"
    head = '{"type": "country", "id": "FRE", "name": "F", '
    line = head + f'"{field}": ' + "9" * digits + "}"
    path.write_text('{"type": "country", "id": "SYL", "name": "S"}\n' + line + "\n")
    problems = _problems(path)  # never Python's own ValueError about int conversion
    assert len(problems) == 1
    assert problems[0].startswith(f"{path}:2") or problems[0].startswith(f"{path}: line 2")


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
@pytest.mark.parametrize("suffix", [".jsonl", ".json"])
def test_the_constants_json_lacks_are_refused(tmp_path: Path, constant: str, suffix: str) -> None:
    record = '{"id": "FRE", "name": ' + constant + "}"
    if suffix == ".jsonl":
        text = '{"type": "country", ' + record[1:] + "\n"
    else:
        text = '{"schema_version": 1, "countries": [' + record + "]}"
    path = tmp_path / f"constants{suffix}"
    path.write_text(text)
    (problem,) = _problems(path)
    assert f"{constant} is not a JSON value" in problem
