"""Loading: every malformed input is one DatasetError naming file, record and field.

The specific cases pin the exact message a user reads.  The properties mutate valid
files, as text and as data, and require that loading either succeeds or raises
DatasetError: never another exception, never a crash.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import Dataset, DatasetError, GeoalignError
from geoalign.model import (
    COLLECTIONS,
    Country,
    Event,
    Organization,
    Person,
    Relationship,
    Source,
)

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
DROP = object()
"""Marks a field to remove in :func:`_edited`."""


def _base() -> dict[str, list[dict[str, Any]]]:
    data: dict[str, list[dict[str, Any]]] = yaml.safe_load(BASE_TEXT)
    return data


def _edited(collection: str, index: int, **changes: Any) -> dict[str, list[dict[str, Any]]]:
    """The base dataset with fields of one record changed (or dropped, or added)."""
    data = _base()
    record = data[collection][index]
    for key, value in changes.items():
        if value is DROP:
            del record[key]
        else:
            record[key] = value
    return data


def _problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Any]) -> list[str]:
    """Write the files (data or raw bytes) into a directory, load it, return the problems.

    The directory is the working directory, so problems name files as a user sees them.
    """
    monkeypatch.chdir(tmp_path)
    for name, content in files.items():
        raw = content if isinstance(content, bytes) else yaml.safe_dump(content).encode()
        (tmp_path / name).write_bytes(raw)
    with pytest.raises(DatasetError) as info:
        geoalign.load(".", include_bundled=False)
    return list(info.value.problems)


def _split(data: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """One file per collection, like the bundled dataset."""
    return {f"{name}.yaml": {name: rows} for name, rows in data.items()}


def test_the_base_dataset_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, content in _split(_base()).items():
        Path(name).write_text(yaml.safe_dump(content), encoding="utf-8")
    loaded = geoalign.load(".", include_bundled=False)
    assert [len(getattr(loaded, name)) for name in COLLECTIONS] == [1, 2, 1, 1, 1, 1]


# One edit of the base dataset each, and the line the edited file's problems must be.
RECORD_CASES = {
    "bad-date": (
        _edited("events", 0, date="2024-12-32"),
        "events.yaml: event 'hama-falls', field 'date': '2024-12-32' is not a valid date: day is out of range for month",
    ),
    "missing-field": (
        _edited("events", 0, summary=DROP),
        "events.yaml: event 'hama-falls', field 'summary': missing required field",
    ),
    "missing-id": (
        _edited("events", 0, id=DROP),
        "events.yaml: event #1, field 'id': missing required field",
    ),
    "unknown-field": (
        _edited("countries", 1, capital="Damascus"),
        "countries.yaml: country 'SYR': unknown field 'capital'",
    ),
    "end-before-start": (
        _edited("relationships", 0, start="2024-12-09"),
        "relationships.yaml: relationship 'rus-syr-alliance', field 'end': ends (2024-12-08) before it starts (2024-12-09)",
    ),
    "role-end-before-start": (
        _edited("persons", 0, roles=[{"title": "President", "start": "2001", "end": "2000"}]),
        "persons.yaml: person 'bashar-al-assad', field 'roles[0].end': ends (2000) before it starts (2001)",
    ),
    "unknown-actor": (
        _edited("events", 0, actors=["hts", "IRN"]),
        "events.yaml: event 'hama-falls', field 'actors[1]': 'IRN': no country, organization or person has this id",
    ),
    "actor-is-a-source": (
        _edited("relationships", 0, a="s1"),
        "relationships.yaml: relationship 'rus-syr-alliance', field 'a': 's1': is a source, not a country, organization or person",
    ),
    "unknown-source": (
        _edited("events", 0, citations=[{"source": "s2", "quote": "q"}]),
        "events.yaml: event 'hama-falls', field 'citations[0].source': 's2': no source has this id",
    ),
    "unknown-ended-by": (
        _edited("relationships", 0, end=DROP, ended_by="s9"),
        "relationships.yaml: relationship 'rus-syr-alliance', field 'ended_by': 's9': no source has this id",
    ),
    "end-and-ended-by": (
        _edited("relationships", 0, ended_by="s1"),
        "relationships.yaml: relationship 'rus-syr-alliance', field 'ended_by': give either an end date or ended_by, not both",
    ),
    "ended-by-before-start": (
        _edited("relationships", 0, start="2025", end=DROP, ended_by="s1"),
        "relationships.yaml: relationship 'rus-syr-alliance', field 'ended_by': ends (2024-12-09) before it starts (2025)",
    ),
    "unknown-country": (
        _edited("organizations", 0, country="IRN"),
        "organizations.yaml: organization 'hts', field 'country': 'IRN': no country has this id",
    ),
    "role-in-a-person": (
        _edited("persons", 0, roles=[{"title": "Envoy", "actor": "bashar-al-assad"}]),
        "persons.yaml: person 'bashar-al-assad', field 'roles[0].actor': 'bashar-al-assad': is a person, not a country or organization",
    ),
    "a-equals-b": (
        _edited("relationships", 0, b="RUS"),
        "relationships.yaml: relationship 'rus-syr-alliance', field 'b': a relationship needs two different actors",
    ),
    "no-citation": (
        _edited("events", 0, citations=[]),
        "events.yaml: event 'hama-falls', field 'citations': at least one citation is required",
    ),
    "no-actor": (
        _edited("events", 0, actors=[]),
        "events.yaml: event 'hama-falls', field 'actors': at least one actor is required",
    ),
    "actor-twice": (
        _edited("events", 0, actors=["SYR", "hts", "SYR"]),
        "events.yaml: event 'hama-falls', field 'actors': an actor is listed twice",
    ),
    "duplicate-id": (
        _edited("countries", 1, id="RUS"),
        "countries.yaml: country 'RUS', field 'id': duplicate id, also used by the country at countries.yaml #1",
    ),
    # Files load in name order: events.yaml comes first, so the source is the repeat.
    "duplicate-id-across-collections": (
        _edited("events", 0, id="s1"),
        "sources.yaml: source 's1', field 'id': duplicate id, also used by the event at events.yaml #1",
    ),
    "country-id-form": (
        _edited("countries", 0, id="Rus") | {"relationships": []},
        "countries.yaml: country 'Rus', field 'id': 'Rus' is not a valid id (three capital letters, an ISO 3166-1 alpha-3 code)",
    ),
    "slug-id-form": (
        _edited("sources", 0, id="S 1") | {"relationships": [], "events": []},
        "sources.yaml: source 'S 1', field 'id': 'S 1' is not a valid id (lowercase letters, digits, '.', '_' and '-')",
    ),
    "bad-enum": (
        _edited("organizations", 0, kind="militia"),
        "organizations.yaml: organization 'hts', field 'kind': 'militia' is not a known organization kind (one of: alliance, bloc, international, armed_group, armed_forces, agency, company, media, other)",
    ),
    "text-for-a-list": (
        _edited("countries", 0, aliases="RU"),
        "countries.yaml: country 'RUS', field 'aliases': expected a list, got str 'RU'",
    ),
    "number-for-text": (
        _edited("countries", 0, name=643),
        "countries.yaml: country 'RUS', field 'name': expected text, got int 643",
    ),
    "blank-text": (
        _edited("countries", 0, name=" "),
        "countries.yaml: country 'RUS', field 'name': must not be empty",
    ),
    "record-not-a-mapping": (
        {**_base(), "countries": ["RUS", *_base()["countries"][1:]]},
        "countries.yaml: country #1: expected a mapping of fields",
    ),
}


@pytest.mark.parametrize(("data", "expected"), RECORD_CASES.values(), ids=RECORD_CASES)
def test_a_bad_record_is_named_with_its_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: Any, expected: str
) -> None:
    # Only the edited file's lines: a record refused there may leave references to it
    # from other files dangling, and those are reported too (see the test below).
    file = expected.split(":")[0]
    problems = _problems(tmp_path, monkeypatch, _split(data))
    assert [line for line in problems if line.startswith(f"{file}:")] == [expected]


def test_references_to_a_refused_record_are_not_reported_as_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _edited("countries", 1, capital="Damascus")
    assert _problems(tmp_path, monkeypatch, _split(data)) == [
        "countries.yaml: country 'SYR': unknown field 'capital'"
    ]


def test_a_reference_to_the_wrong_kind_of_record_reads_well(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _edited("relationships", 0, a="hama-falls")
    assert _problems(tmp_path, monkeypatch, _split(data)) == [
        "relationships.yaml: relationship 'rus-syr-alliance', field 'a': "
        "'hama-falls': is an event, not a country, organization or person"
    ]


def test_every_problem_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _base()
    data["countries"] += [
        {"id": "IRN", "name": 364},
        {"id": "TUR", "name": "Türkiye", "capital": "Ankara"},
        {"name": "Iraq"},
    ]
    assert _problems(tmp_path, monkeypatch, {"data.yaml": data}) == [
        "data.yaml: country 'IRN', field 'name': expected text, got int 364",
        "data.yaml: country 'TUR': unknown field 'capital'",
        "data.yaml: country #5, field 'id': missing required field",
    ]


def test_the_error_says_how_many_problems_there_are() -> None:
    error = DatasetError(["a.yaml: one", "a.yaml: two", "a.yaml: three"])
    assert isinstance(error, GeoalignError)
    assert str(error) == "a.yaml: one (and 2 more problem(s))"


_TYPES = "source, country, organization, person, relationship, event"
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
        "data.yaml: unknown collection 'people' at the top (expected one of: sources, countries, organizations, persons, relationships, events)",
    ),
    "top-level-list": (
        "data.yaml",
        b"- {id: RUS, name: Russia}\n",
        "data.yaml: expected a mapping of collections (sources:, countries:, organizations:, persons:, relationships:, events:) at the top, got list",
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
    "jsonl-bad-json": (
        "data.jsonl",
        b'{"type": "country", "id": "RUS", "name": "Russia"}\n{"type": "country", id: 1}\n',
        "data.jsonl: line 2: not valid JSON (Expecting property name enclosed in double quotes)",
    ),
    "jsonl-missing-type": (
        "data.jsonl",
        b'{"id": "RUS", "name": "Russia"}\n',
        f"data.jsonl: line 1: field 'type' must be one of {_TYPES}, got None",
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
    assert _problems(tmp_path, monkeypatch, {name: content}) == [expected]


def test_a_yaml_syntax_error_names_the_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = b"countries:\n  - {id: RUS, name: Russia\n  - {id: SYR, name: Syria}\n"
    [problem] = _problems(tmp_path, monkeypatch, {"data.yaml": content})
    # The wording after the line number is the YAML parser's own (C or pure Python).
    assert re.fullmatch(r"data\.yaml: not valid YAML: line [23]: .+", problem)


def test_json_lines_records_are_named_by_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        b'{"type": "country", "id": "RUS", "name": "Russia"}\n'
        b"\n"
        b'{"type": "country", "id": "SYR", "name": 760}\n'
        b'{"type": "country", "name": "Iraq"}\n'
    )
    assert _problems(tmp_path, monkeypatch, {"data.jsonl": content}) == [
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
    [problem] = _problems(tmp_path, monkeypatch, {"data.yaml": content})
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
    assert info.value.problems == (
        f"{tmp_path}: no dataset files (*.yaml, *.yml, *.jsonl) in this directory",
    )


def test_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(DatasetError) as info:
        geoalign.load(missing, include_bundled=False)
    assert info.value.problems == (f"{missing}: no such file or directory",)


def test_nothing_to_load() -> None:
    with pytest.raises(DatasetError, match="nothing to load"):
        geoalign.load(None, include_bundled=False)


# -- layering on the bundled dataset ----------------------------------------------------------


def _write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _user_layer(bundled: Dataset) -> dict[str, Any]:
    """A user's country and a tie from it to a bundled country, citing a bundled source."""
    country, source = bundled.countries[0], bundled.sources[0]
    return {
        "countries": [{"id": "ZZZ", "name": "Zedland"}],
        "relationships": [
            {
                "id": "zzz-user-tie",
                "kind": "alliance",
                "a": "ZZZ",
                "b": country.id,
                "confidence": "alleged",
                "summary": "A user's tie.",
                "citations": [{"source": source.id, "quote": "a quote"}],
            }
        ],
    }


def test_user_records_layer_on_the_bundled_ones(tmp_path: Path) -> None:
    bundled = geoalign.load()
    layered = geoalign.load(_write(tmp_path / "mine.yaml", _user_layer(bundled)))
    assert layered.countries == (*bundled.countries, layered.get("ZZZ"))
    assert layered.get("zzz-user-tie") in layered.relationships
    assert layered.sources == bundled.sources
    assert geoalign.load() is bundled


def test_user_records_alone_cannot_refer_to_bundled_ones(tmp_path: Path) -> None:
    bundled = geoalign.load()
    path = _write(tmp_path / "mine.yaml", _user_layer(bundled))
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, include_bundled=False)
    country, source = bundled.countries[0].id, bundled.sources[0].id
    assert info.value.problems == (
        f"{path}: relationship 'zzz-user-tie', field 'citations[0].source': "
        f"{source!r}: no source has this id",
        f"{path}: relationship 'zzz-user-tie', field 'b': "
        f"{country!r}: no country, organization or person has this id",
    )


def test_a_user_id_that_is_bundled_is_refused_without_override(tmp_path: Path) -> None:
    bundled = geoalign.load()
    taken = bundled.countries[0].id
    path = _write(tmp_path / "mine.yaml", {"countries": [{"id": taken, "name": "Elsewhere"}]})
    with pytest.raises(DatasetError) as info:
        geoalign.load(path)
    assert info.value.problems == (
        f"{path}: country {taken!r}, field 'id': this id is already in the bundled dataset "
        "(choose another id, or load with override to replace it)",
    )


def test_override_replaces_the_bundled_record(tmp_path: Path) -> None:
    bundled = geoalign.load()
    taken = bundled.countries[0]
    path = _write(tmp_path / "mine.yaml", {"countries": [{"id": taken.id, "name": "Elsewhere"}]})
    layered = geoalign.load(path, override=True)
    assert layered.get(taken.id) == Country(id=taken.id, name="Elsewhere")
    assert len(layered.countries) == len(bundled.countries)
    assert layered.resolve("Elsewhere").id == taken.id
    assert bundled.get(taken.id) == taken  # the shared bundled dataset is untouched


def test_override_cannot_change_the_kind_of_record(tmp_path: Path) -> None:
    bundled = geoalign.load()
    taken = bundled.sources[0].id
    org = {"id": taken, "name": "A body", "kind": "other"}
    path = _write(tmp_path / "mine.yaml", {"organizations": [org]})
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, override=True)
    assert info.value.problems == (
        f"{path}: organization {taken!r}, field 'id': overrides a bundled source",
    )


def test_a_failed_load_leaves_nothing_behind(tmp_path: Path) -> None:
    bundled = geoalign.load()
    snapshot = bundled.to_dict()
    data = _user_layer(bundled)
    data["countries"].append({"id": bundled.countries[0].id, "name": "Elsewhere"})
    data["relationships"][0]["b"] = "NOWHERE"
    path = _write(tmp_path / "mine.yaml", data)
    failures = []
    for _ in range(2):
        with pytest.raises(DatasetError) as info:
            geoalign.load(path)
        failures.append(info.value.problems)
    assert failures[0] == failures[1]
    assert len(failures[0]) == 2
    assert geoalign.load() is bundled
    assert bundled.to_dict() == snapshot
    assert bundled.get("ZZZ") is None
    # The same file, corrected, loads: nothing of the failed attempts lingers.
    path = _write(tmp_path / "mine.yaml", _user_layer(bundled))
    assert geoalign.load(path).get("ZZZ") == Country(id="ZZZ", name="Zedland")


# -- properties: mutated files and mutated data -------------------------------------------------


def _yaml_bytes(dataset: Dataset) -> bytes:
    return yaml.safe_dump(dataset.to_dict(), allow_unicode=False, sort_keys=False).encode()


def _jsonl_bytes(dataset: Dataset) -> bytes:
    rows = [
        json.dumps({"type": COLLECTIONS[name], **row})
        for name, rows in dataset.to_dict().items()
        for row in rows
    ]
    return ("\n".join(rows) + "\n").encode()


_NASTY_BYTES = st.sampled_from(
    [b" ", b"  ", b"-", b":", b"'", b'"', b"{", b"}", b"[", b"]", b"#", b"&a", b"*a", b"!!",
     b"!!python/name:os.system", b"\t", b"\n", b"\\", b",", b"0", b"9", b"\x00", b"\xff", b"\xc3",
     b"|", b">", b"%", b"@", b"`", b"?", b"\r\n", b"null", b"2024-13-01", b"1e400"]
)  # fmt: skip


@st.composite
def _mutated(draw: st.DrawFn, content: bytes) -> bytes:
    """The content with one to three random edits of its lines or bytes."""
    for _ in range(draw(st.integers(1, 3))):
        lines = content.splitlines(keepends=True) or [b""]
        at = draw(st.integers(0, len(lines) - 1))
        where = draw(st.integers(0, len(content)))
        edit = draw(st.sampled_from(["delete", "duplicate", "swap", "indent", "dedent",
                                     "unquote", "change", "insert", "truncate"]))  # fmt: skip
        if edit == "delete":
            del lines[at]
        elif edit == "duplicate":
            lines.insert(at, lines[at])
        elif edit == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif edit == "indent":
            lines[at] = b" " * draw(st.integers(1, 4)) + lines[at]
        elif edit == "dedent":
            lines[at] = lines[at][draw(st.integers(1, 4)) :]
        elif edit == "unquote":
            lines[at] = lines[at].replace(b"'", b"").replace(b'"', b"")
        if edit in ("change", "insert", "truncate"):
            extra = draw(_NASTY_BYTES | st.binary(min_size=1, max_size=3))
            end = where + 1 if edit == "change" else where
            content = (
                content[:where] if edit == "truncate" else content[:where] + extra + content[end:]
            )
        else:
            content = b"".join(lines)
    return content


def _load_or_refuse(tmp_path: Path, name: str, content: bytes) -> None:
    """Loading succeeds or raises DatasetError whose every line names the file."""
    path = tmp_path / name
    path.write_bytes(content)
    try:
        geoalign.load(path, include_bundled=False)
    except DatasetError as error:
        problems = error.problems
    else:
        return
    assert problems
    assert all(line.startswith(str(path)) for line in problems)


@DATASET_SETTINGS
@given(datasets(), st.data())
def test_a_mutated_yaml_file_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset, data: st.DataObject
) -> None:
    content = data.draw(_mutated(_yaml_bytes(dataset)))
    _load_or_refuse(tmp_path_factory.getbasetemp(), "mutated.yaml", content)


@DATASET_SETTINGS
@given(datasets(), st.data())
def test_a_mutated_json_lines_file_loads_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset, data: st.DataObject
) -> None:
    content = data.draw(_mutated(_jsonl_bytes(dataset)))
    _load_or_refuse(tmp_path_factory.getbasetemp(), "mutated.jsonl", content)


_CLASSES = {
    "sources": Source,
    "countries": Country,
    "organizations": Organization,
    "persons": Person,
    "relationships": Relationship,
    "events": Event,
}


def _required(collection: str) -> list[str]:
    return [f.name for f in attrs.fields(_CLASSES[collection]) if f.default is attrs.NOTHING]


@DATASET_SETTINGS
@given(datasets(), st.data())
def test_mutated_record_data_is_refused_with_the_field_named(
    tmp_path_factory: pytest.TempPathFactory, dataset: Dataset, data: st.DataObject
) -> None:
    plain = dataset.to_dict()
    collection = data.draw(st.sampled_from([name for name, rows in plain.items() if rows]))
    position = data.draw(st.integers(1, len(plain[collection])))
    record = plain[collection][position - 1]
    edit = data.draw(st.sampled_from(["drop", "retype", "add"]))
    if edit == "add":
        # No record type has a field of any of these names.
        key = data.draw(st.sampled_from(["extra", "ID", "Name", "note ", "citation"]))
        record[key] = "x"
    else:
        key = data.draw(st.sampled_from(_required(collection) if edit == "drop" else list(record)))
        if edit == "drop":
            del record[key]
        else:
            # None of these is valid in any field (an int would be a valid year).
            record[key] = data.draw(st.sampled_from([{"x": "y"}, True, 1.5]))
    who = f"#{position}" if key == "id" and edit != "add" else repr(record["id"])
    path = tmp_path_factory.getbasetemp() / "mutated.yaml"
    path.write_text(yaml.safe_dump(plain), encoding="utf-8")
    with pytest.raises(DatasetError) as info:
        geoalign.load(path, include_bundled=False)
    head = f"{path}: {COLLECTIONS[collection]} {who}"
    if edit == "add":
        assert f"{head}: unknown field {key!r}" in info.value.problems
    else:
        assert any(line.startswith(f"{head}, field {key!r}: ") for line in info.value.problems)


HAND_TYPED = [
    *("2024-12-32", "2024-12-08 25:00:00", "!!int x", "!!float x", "!!bool maybe"),
    *("2024-1-1", "2024-12-08T10:00:00Z", "~", "null", "[]", "{}", "yes", "0x1F", ".nan", "1e400"),
    *("'", '"', "&a x", "*a", "!!str 5", "! x", "|", ">", "1:20", "-", "? x", "%x", "@x", "`x`"),
]


def test_an_unquoted_impossible_date_reads_like_a_quoted_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content = BASE_TEXT.replace("date: 2024-12-05", "date: 2024-12-32").encode()
    assert _problems(tmp_path, monkeypatch, {"events.yaml": content}) == [
        "events.yaml: event 'hama-falls', field 'date': "
        "'2024-12-32' is not a valid date: day is out of range for month"
    ]


@pytest.mark.parametrize("value", HAND_TYPED)
def test_a_hand_typed_value_anywhere_loads_or_is_refused(tmp_path: Path, value: str) -> None:
    # Every value of the base dataset, in turn, replaced by the same raw YAML text.
    lines = yaml.safe_dump(_base(), default_flow_style=False).splitlines()
    for index, line in enumerate(lines):
        key, colon, rest = line.partition(": ")
        if colon and rest:
            edited = [*lines[:index], f"{key}: {value}", *lines[index + 1 :]]
            _load_or_refuse(tmp_path, "edited.yaml", "\n".join(edited).encode())
