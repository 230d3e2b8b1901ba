"""The small valid dataset that the loading tests edit, and a way to collect the problems.

Import them as ``from tests.loading_helpers import BASE_TEXT, DROP, base_data, edit_record``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

import geoalign
from geoalign import DatasetError

BASE_TEXT = """\
sources:
  - {id: s1, title: Russia and Syria, publisher: A paper, published: 2024-12-09, document: a.txt}
countries:
  - {id: RUS, name: Russia, aliases: [Russian Federation, RU], metonyms: [the Kremlin]}
  - {id: SYR, name: Syria}
organizations:
  - {id: hts, name: Hayat Tahrir al-Sham, kind: armed_group, country: SYR}
persons:
  - id: bashar-al-assad
    name: Bashar al-Assad
    roles: [{title: President, actor: SYR, start: 2000-07, end: 2024-12-08}]
relationships:
  - id: rus-syr-alliance
    kind: alliance
    a: RUS
    b: SYR
    start: 2015-09
    end: 2024-12-08
    confidence: confirmed
    summary: Russia was the main ally of Assad.
    citations: [{source: s1, quote: Assad's most important ally}]
events:
  - id: hama-falls
    date: 2024-12-05
    kind: capture
    actors: [hts, SYR]
    confidence: confirmed
    summary: Rebels take Hama.
    citations: [{source: s1, quote: rebels took Hama}]
"""
"""A valid dataset with one record of each collection (two countries), as a user writes it."""


def base_data() -> dict[str, list[dict[str, Any]]]:
    """The base dataset as plain data, every value text: a fresh copy to edit each time."""
    data: dict[str, list[dict[str, Any]]] = yaml.load(BASE_TEXT, Loader=yaml.BaseLoader)
    return data


def load_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Any]
) -> DatasetError:
    """Write the files (data or raw bytes) into a directory, load it, return the error.

    The directory is the working directory, so problems name files as a user sees them.
    """
    monkeypatch.chdir(tmp_path)
    for name, content in files.items():
        raw = content if isinstance(content, bytes) else yaml.safe_dump(content).encode()
        (tmp_path / name).write_bytes(raw)
    with pytest.raises(DatasetError) as info:
        geoalign.load(".", include_bundled=False)
    return info.value


def load_problems(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Any]
) -> list[str]:
    """:func:`load_error`'s problems, as the lines a user reads."""
    return list(load_error(tmp_path, monkeypatch, files).messages)


DROP = object()
"""Pass as a field's new value to :func:`edit_record` to remove the field."""


def without_line(problem: str) -> str:
    """A YAML problem's text with its line taken out (``data.yaml:12: x`` gives
    ``data.yaml: x``), for tests of what a rule says rather than where; it must have one."""
    found = re.match(r"([^:\s]+\.yaml):(\d+): ", problem)
    assert found, f"no line in {problem!r}"
    return f"{found[1]}: {problem[found.end() :]}"


def edit_record(
    data: dict[str, Any], collection: str, index: int, **changes: Any
) -> dict[str, Any]:
    """``data`` with fields of one record changed, added, or dropped (value ``DROP``)."""
    record = data[collection][index]
    for key, value in changes.items():
        if value is DROP:
            del record[key]
        else:
            record[key] = value
    return data


def load_or_refuse(path: Path) -> None:
    """Loading ``path`` succeeds, or raises DatasetError whose every line names the file.

    Each line is one printable line: a dataset cannot forge lines or send terminal escapes.
    """
    try:
        geoalign.load(path, include_bundled=False)
    except DatasetError as error:
        lines = error.messages
    else:
        return
    assert lines
    assert all(line.startswith(str(path)) and line.isprintable() for line in lines)
