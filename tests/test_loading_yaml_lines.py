"""A problem in a YAML record names its line, as one in a JSON Lines record does.

The line is the field's where the record gives the field (the key's line, or a list
item's), else the deepest part of the field's path the record gives, else the record's
own: a missing field is reported at the record that lacks it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.loading_helpers import load_error

from geoalign import DatasetError
from geoalign.loading.files import load_records

# Problems at several places: each line marked #@ is the line of one problem.
BROKEN = """\
sources:
  - {id: s1, title: T, publisher: P, published: '2024', document: d}
  - id: s2
    title: Later
    publisher: P
    published: 2024-13          #@ a bad date
    document: d
countries:
  - {id: FRE, name: Freedonia}
  - id: SYL                     #@ the name is missing: the record's line
  - id: MAR
    name: Marsovia
    capital: Marsville          #@ an unknown field
organizations:
  -
    id: army                    # the record starts on the line after its dash
    name: Army
    kind: armed_forces
    country: XXX                #@ an unknown country
relationships:
  - id: fre-mar
    kind: alliance
    a: FRE
    b: MAR
    confidence: confirmed
    summary: S
    citations:
      - source: s1
        quote: q
      - quote: q2
        source: s9              #@ an unknown source, in a nested record
events:
  - id: e1
    date: 2024-05
    kind: meeting
    actors:
      - FRE
      - ZZZ                     #@ an unknown actor, an item of a list
    confidence: confirmed
    summary: S
    citations: [{source: s1, quote: q}]
  - id: e2
    date: 2024-06
    kind: meeting
    actors: [FRE]
    confidence: confirmed
    summary: S
    citations:
      - source: s1              #@ the quote is missing: the citation's line
aliases:
  - {actor: NOWHERE, names: [N]}  #@ an alias entry
"""


def _marked(text: str) -> list[int]:
    return [n for n, row in enumerate(text.splitlines(), 1) if "#@ " in row]


def test_every_problem_names_the_line_of_its_field_or_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = load_error(tmp_path, monkeypatch, {"data.yaml": BROKEN.encode()})
    found = sorted((p.line, p.record, p.field, p.code) for p in error.problems)
    assert [problem[1:] for problem in found] == [
        ("s2", "published", "bad-date"),
        ("SYL", "name", "missing-field"),
        ("MAR", "capital", "unknown-field"),
        ("army", "country", "dangling-reference"),
        ("fre-mar", "citations[1].source", "dangling-reference"),
        ("e1", "actors[1]", "dangling-reference"),
        ("e2", "citations[0].quote", "missing-field"),
        (None, "actor", "unknown-actor"),
    ]
    assert [line for line, *_ in found] == _marked(BROKEN)
    assert "data.yaml:10: country 'SYL', field 'name': missing required field" in error.messages
    assert error.messages[-1] == (
        "data.yaml:51: alias #1, field 'actor': 'NOWHERE': no country, organization or person "
        "has this id"
    )


def test_a_record_not_given_as_a_mapping_names_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = b"countries:\n  - {id: FRE, name: F}\n\n  - FRE\n"
    [problem] = load_error(tmp_path, monkeypatch, {"data.yaml": text}).problems
    assert str(problem) == "data.yaml:4: country #2: expected a mapping of fields"


def test_each_file_names_its_own_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A duplicate id across YAML files, and JSON Lines problems beside them, at their lines.
    first = b"countries:\n  - {id: FRE, name: F}\n"
    second = b"# a comment\ncountries:\n  - {id: SYL, name: S}\n  - {id: FRE, name: F2}\n"
    jsonl = b'{"type": "country", "id": "TUR", "name": "T"}\n{"type": "country", "id": "SYL"}\n'
    files = {"a.yaml": first, "b.yaml": second, "c.jsonl": jsonl}
    error = load_error(tmp_path, monkeypatch, files)
    assert [(p.file, p.line, p.code) for p in error.problems] == [
        ("c.jsonl", 2, "missing-field"),
        ("b.yaml", 4, "duplicate-id"),
        ("c.jsonl", 2, "duplicate-id"),
    ]
    assert error.messages[1] == (
        "b.yaml:4: country 'FRE', field 'id': duplicate id, also used by the country at a.yaml #1"
    )


def test_a_file_named_as_a_bundled_file_is_given_no_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Its problems and the bundled file's would be named alike: whose line, unknown.
    monkeypatch.chdir(tmp_path)
    Path("countries.yaml").write_bytes(b"countries:\n  - {id: ZZZ, name: Z, capital: C}\n")
    with pytest.raises(DatasetError) as info:
        load_records("countries.yaml")  # on the bundled YAML files, not precompiled
    assert [(p.line, p.code) for p in info.value.problems] == [(None, "unknown-field")]
