"""Loading a bad file: one DatasetError line naming the file and the reason.

Unreadable, hostile or wrongly shaped files (YAML and JSON Lines) are refused with the
exact message a user reads, and nothing in them is ever run.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from tests.loading_helpers import BASE_TEXT, load_error, load_problems

import geoalign
from geoalign import DatasetError
from geoalign.views.export import dataset_document

_TYPES = "source, country, organization, person, relationship, event, alias"
_BILLION_LAUGHS = b"".join(  # nine levels of nine aliases each
    b"l%d: &l%d [%s]\n" % (level, level, b", ".join([b"*l%d" % (level - 1)] * 9))
    for level in range(1, 10)
).replace(b"*l0", b"lol")
_DEEP = b"[" * 100_000 + b"]" * 100_000
# A file's name, its bytes, and the one problem it must give.
FILE_CASES = {
    "unknown-collection": (
        "data.yaml",
        b"people:\n  - {id: x, name: X}\n",
        "data.yaml: unknown collection 'people' at the top (expected one of: sources, countries, organizations, persons, relationships, events, aliases)",
    ),
    "top-level-list": (
        "data.yaml",
        b"- {id: RUS, name: Russia}\n",
        "data.yaml: expected a mapping of collections (sources:, countries:, organizations:, persons:, relationships:, events:, aliases:) at the top, got list",
    ),
    "collection-not-a-list": (
        "data.yaml",
        b"countries: {id: RUS, name: Russia}\n",
        "data.yaml: 'countries' must be a list of records, got dict",
    ),
    "alias-bomb": (
        "data.yaml",
        _BILLION_LAUGHS,
        "data.yaml: line 1: anchors and aliases (&, *) are not allowed",
    ),
    "deep-flow-nesting": (
        "data.yaml",
        b"countries: " + _DEEP + b"\n",
        "data.yaml: line 1: nesting deeper than 16 levels",
    ),
    "deep-block-nesting": (
        "data.yaml",
        b"countries:\n" + b"- " * 100_000 + b"x\n",
        "data.yaml: line 2: nesting deeper than 16 levels",
    ),
    "binary-tag": (
        "data.yaml",
        b"countries: !!binary aGVsbG8=\n",
        "data.yaml: line 1: the tag 'tag:yaml.org,2002:binary' is not allowed",
    ),
    "binary": ("data.yaml", bytes(range(256)), "data.yaml: the file is binary, not text"),
    "empty": ("data.yaml", b"", "data.yaml: the file is empty"),
    "blank": ("data.yaml", b" \n\t\n", "data.yaml: the file is empty"),
    "no-data": ("data.yaml", b"# only a comment\n", "data.yaml: the file holds no data"),
    "not-utf8": (
        "data.yaml",
        "countries:\n  - {id: TUR, name: Türkiye}\n".encode("latin-1"),
        "data.yaml: the file is not UTF-8 text (bad byte at offset 32)",
    ),
    "jsonl-repeated-key": (
        "data.jsonl",
        b'{"type": "country", "id": "FRE", "name": "F", "id": "SYL"}\n',
        "data.jsonl: line 1: the key 'id' appears twice",
    ),
    "yaml-repeated-key": (
        "data.yaml",
        b"countries:\n  - id: FRE\n    name: F\n    id: SYL\n",
        "data.yaml: line 4: the key 'id' appears twice",
    ),
    "yaml-same-key-quoted-and-not": (
        "data.yaml",
        b"countries:\n  - {id: FRE, name: F, 1: x, '1': y}\n",
        "data.yaml: line 2: the key '1' appears twice",
    ),
    "yaml-null-key": (
        "data.yaml",
        b"countries:\n  - {id: FRE, name: F, ~: x, extra: y}\n",
        "data.yaml: line 2: a key must be text, got null",
    ),
    "yaml-tagged-number-key": (
        "data.yaml",
        b"countries:\n  - {id: FRE, name: F, !!int 1: x, extra: y}\n",
        "data.yaml: line 2: a key must be text, got int",
    ),
    "yaml-merge-key-is-text": (
        "data.yaml",
        b"countries:\n  - {id: FRE, name: F, <<: {aliases: [Fr]}}\n",
        "data.yaml:2: country 'FRE': unknown field '<<'",
    ),
    "jsonl-missing-type": (
        "data.jsonl",
        b'{"id": "RUS", "name": "Russia"}\n',
        f"data.jsonl: line 1: field 'type' is missing: give one of {_TYPES}",
    ),
    "jsonl-unknown-type": (
        "data.jsonl",
        b'{"type": "state", "id": "RUS", "name": "Russia"}\n',
        f"data.jsonl: line 1: field 'type' must be one of {_TYPES}, got 'state'",
    ),
    "jsonl-not-an-object": (
        "data.jsonl",
        b'["country", "RUS"]\n',
        "data.jsonl: line 1: expected a JSON object, got list",
    ),
    "jsonl-deep-nesting": (
        "data.jsonl",
        b'{"type": "country", "id": "RUS", "name": ' + _DEEP + b"}\n",
        "data.jsonl: line 1: not valid JSON (nested too deeply)",
    ),
}


@pytest.mark.parametrize(("name", "content", "expected"), FILE_CASES.values(), ids=FILE_CASES)
def test_a_bad_file_is_named_with_the_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, content: bytes, expected: str
) -> None:
    # In-process on purpose: deep nesting would crash the C YAML composer if it got there.
    assert load_problems(tmp_path, monkeypatch, {name: content}) == [expected]


@pytest.mark.parametrize(
    "content",
    [
        b"countries:\n  - {id: RUS, name: Russia\n  - {id: SYR, name: Syria}\n",
        # The pure-Python scanner, asked for the reason after libyaml, fails in chr().
        b'countries:\n  - {id: NOR, name: "\\Uffffffff"}\n',
    ],
    ids=["unclosed", "escape-beyond-unicode"],
)
def test_a_yaml_syntax_error_names_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: bytes
) -> None:
    [problem] = load_error(tmp_path, monkeypatch, {"data.yaml": content}).problems
    # The reason after "not valid YAML" is the YAML parser's own (C or pure Python).
    assert (problem.file, problem.line in (2, 3), problem.code) == ("data.yaml", True, "not-yaml")
    assert re.fullmatch(r"data\.yaml: line [23]: not valid YAML: .+", str(problem))


def test_bad_json_names_the_file_and_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b'{"type": "country", "id": "RUS", "name": "Russia"}\n{"type": "country", id: 1}\n'
    [problem] = load_error(tmp_path, monkeypatch, {"data.jsonl": content}).problems
    # The reason in brackets is the json module's own.
    assert (problem.file, problem.line, problem.code) == ("data.jsonl", 2, "not-json")
    assert re.fullmatch(r"data\.jsonl: line 2: not valid JSON \(.+\)", str(problem))


def test_every_bad_json_line_is_reported_and_the_others_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        b'{"type": "country", "id": "RUS", "name": "Russia", "id": "X"}\n'
        b"[1]\n"
        b'{"type": "nation", "id": "SYR", "name": "Syria"}\n'
        b'{"type": "country", "id": "IRN", "name": 364}\n'
        b'{"type": "country", "id": "TUR", "name": "T\\u00fcrkiye\\ud800"}\n'
    )
    assert load_problems(tmp_path, monkeypatch, {"data.jsonl": content}) == [
        "data.jsonl: line 1: the key 'id' appears twice",
        "data.jsonl: line 2: expected a JSON object, got list",
        f"data.jsonl: line 3: field 'type' must be one of {_TYPES}, got 'nation'",
        "data.jsonl:4: country 'IRN', field 'name': expected text, got int 364",
        "data.jsonl:5: country 'TUR', field 'name': "
        "holds a lone surrogate U+D800 (at character 8), which is not a character",
    ]


def test_json_lines_records_are_named_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        b'{"type": "country", "id": "RUS", "name": "Russia"}\n'
        b"\n"
        b'{"type": "country", "id": "SYR", "name": 760}\n'
        b'{"type": "country", "name": "Iraq"}\n'
    )
    assert load_problems(tmp_path, monkeypatch, {"data.jsonl": content}) == [
        "data.jsonl:3: country 'SYR', field 'name': expected text, got int 760",
        "data.jsonl:4: country #4, field 'id': missing required field",
    ]


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/new:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system>",
    ],
)
def test_python_tags_are_refused_and_never_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag: str
) -> None:
    marker = tmp_path / "ran"
    content = f"countries: {tag} ['touch {marker}']\n".encode()
    [problem] = load_problems(tmp_path, monkeypatch, {"data.yaml": content})
    assert problem.startswith("data.yaml: line 1: the tag 'tag:yaml.org,2002:python/object/")
    assert problem.endswith("' is not allowed")
    assert not marker.exists()


def test_json_lines_text_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    # json.dumps(..., ensure_ascii=False) writes U+2028 raw; JSON Lines splits on \n only.
    row = {"type": "country", "id": "RUS", "name": "Russia\u2028Federation"}
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n", encoding="utf-8")
    assert geoalign.load(path, include_bundled=False).countries[0].name == row["name"]


def test_a_directory_without_data_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not data", encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        geoalign.load(tmp_path, include_bundled=False)
    assert info.value.messages == (
        f"{tmp_path}: no dataset files (*.yaml, *.yml, *.jsonl, *.json) in this directory",
    )


def test_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(DatasetError) as info:
        geoalign.load(missing, include_bundled=False)
    assert info.value.messages == (f"{missing}: no such file or directory",)


def test_nothing_to_load() -> None:
    with pytest.raises(DatasetError, match="nothing to load"):
        geoalign.load(None, include_bundled=False)


def test_the_json_export_document_loads_as_it_is(tmp_path: Path) -> None:
    yaml_file = tmp_path / "data.yaml"
    yaml_file.write_text(BASE_TEXT.replace("name: Syria", 'name: "Syria\\u2028Arab Republic"'))
    dataset = geoalign.load(yaml_file, include_bundled=False)
    exported = tmp_path / "export.json"
    exported.write_text(json.dumps(dataset_document(dataset), ensure_ascii=False), "utf-8")
    assert geoalign.load(exported, include_bundled=False) == dataset
    yaml_file.unlink()
    assert geoalign.load(tmp_path, include_bundled=False) == dataset  # *.json in a directory


VERSION_NEEDED = "this geoalign reads JSON documents of schema_version 1"


@pytest.mark.parametrize(
    ("document", "code", "message"),
    [
        ({"countries": []}, "schema-version", f"no schema_version: {VERSION_NEEDED}"),
        ({"schema_version": 2}, "schema-version", f"schema_version 2: {VERSION_NEEDED}"),
        ({"schema_version": "1"}, "schema-version", f"schema_version '1': {VERSION_NEEDED}"),
        ({"schema_version": True}, "schema-version", f"schema_version True: {VERSION_NEEDED}"),
        ([], "not-an-object", "expected a JSON object, got list"),
        (
            {"schema_version": 1, "nations": []},
            "unknown-collection",
            "unknown collection 'nations' at the top (expected one of: "
            "sources, countries, organizations, persons, relationships, events, aliases)",
        ),
    ],
)
def test_a_json_document_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, document: object, code: str, message: str
) -> None:
    content = json.dumps(document).encode()
    [problem] = load_error(tmp_path, monkeypatch, {"data.json": content}).problems
    assert (str(problem), problem.code) == (f"data.json: {message}", code)


def test_a_json_document_is_never_read_as_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b"schema_version: 1\ncountries: []\n"  # valid YAML, not JSON
    [problem] = load_error(tmp_path, monkeypatch, {"data.json": content}).problems
    assert (problem.file, problem.line, problem.code) == ("data.json", 1, "not-json")
    repeated = b'{"schema_version": 1, "countries": [{"id": "FRE", "name": "F", "id": "SYL"}]}'
    assert load_problems(tmp_path, monkeypatch, {"data.json": repeated}) == [
        "data.json: the key 'id' appears twice"
    ]
