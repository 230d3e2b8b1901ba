"""A text field holds at most LONGEST_TEXT characters: a runaway value is one problem."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import geoalign
from geoalign.formats.convert import LONGEST_TEXT


def _write(tmp_path: Path, name: str) -> Path:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"type": "country", "id": "FRE", "name": name}) + "\n")
    return path


def test_the_longest_text_loads_whole(tmp_path: Path) -> None:
    name = "F" * LONGEST_TEXT
    ds = geoalign.load(_write(tmp_path, name), include_bundled=False)
    assert ds.countries[0].name == name


@pytest.mark.parametrize("name", ["F" * (LONGEST_TEXT + 1), "\x1b" * (LONGEST_TEXT + 5)])
def test_a_longer_text_is_one_short_problem(tmp_path: Path, name: str) -> None:
    with pytest.raises(geoalign.DatasetError) as caught:
        geoalign.load(_write(tmp_path, name), include_bundled=False)
    (problem,) = caught.value.problems
    assert problem.code == "too-long"
    assert problem.field == "name"
    assert f"{len(name):,} characters long" in str(problem)
    assert len(str(problem)) < 300  # the value itself is not echoed


@pytest.mark.parametrize("char", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe", "\U0010ffff"])
def test_a_noncharacter_is_refused(tmp_path: Path, char: str) -> None:
    with pytest.raises(geoalign.DatasetError) as caught:
        geoalign.load(_write(tmp_path, f"Free{char}donia"), include_bundled=False)
    (problem,) = caught.value.problems
    assert problem.code == "noncharacter"
    assert f"U+{ord(char):04X} (at character 5)" in problem.message
