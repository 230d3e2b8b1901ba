"""Exports and interop: the JSON Schema of dataset files, JSON and CSV exports, pandas, networkx.

The schema is checked against the loader, the one authority on the file format: both
accept the bundled files and generated datasets, and both refuse each kind of bad record.
"""

from __future__ import annotations

import csv
import errno
import importlib.resources
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import networkx
import pandas
import pytest
import yaml
from hypothesis import given
from tests.loading_helpers import DROP, edit_record
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import Confidence, Dataset, DatasetError, EventKind, GeoalignError, RelationshipKind
from geoalign.cli import main
from geoalign.interop import dataset_schema, to_networkx, to_pandas
from geoalign.model.kinds import OrganizationKind
from geoalign.views.export import (
    SCHEMA_VERSION,
    Cell,
    csv_text,
    dataset_document,
    dumps,
    plain_record,
    record_classes,
    record_json,
    tables,
    write_csv,
)


class _JsonLikeLoader(yaml.SafeLoader):
    """YAML as a JSON Schema validator sees it: unquoted dates stay text."""


_JsonLikeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

SCHEMA = dataset_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def schema_errors(document: Any) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(document)]


def as_file(dataset: Dataset) -> dict[str, Any]:
    """The export document turned back into a dataset file's content, through JSON."""
    document = json.loads(dumps(dataset_document(dataset)))
    assert document.pop("schema_version") == SCHEMA_VERSION
    return document


def load_file(content: dict[str, Any], folder: Path) -> Dataset:
    path = folder / "data.yaml"
    path.write_text(yaml.safe_dump(content), encoding="utf-8")
    return geoalign.load(path, include_bundled=False)


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "good.yaml"
    path.write_text(yaml.safe_dump(GOOD_FILE), encoding="utf-8")
    return path


def export(good_file: Path, *argv: str) -> int:
    return main(["--data", str(good_file), "--no-bundled", "export", *argv])


# -- the JSON Schema ------------------------------------------------------------------------


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_enums_are_the_model_enums() -> None:
    for kind in (Confidence, EventKind, OrganizationKind, RelationshipKind):
        assert SCHEMA["$defs"][kind.__name__]["enum"] == [member.value for member in kind]


def test_the_schema_has_every_field_of_every_record_and_forbids_others() -> None:
    for cls in [*record_classes().values(), geoalign.Citation, geoalign.Role]:
        definition = SCHEMA["$defs"][cls.__name__]
        fields = attrs.fields(cls)
        assert list(definition["properties"]) == [field.name for field in fields]
        assert definition["required"] == [f.name for f in fields if f.default is attrs.NOTHING]
        assert definition["additionalProperties"] is False


@pytest.mark.parametrize(
    "name",
    sorted(
        p.name
        for p in importlib.resources.files("geoalign").joinpath("data").iterdir()
        if p.name.endswith(".yaml")
    ),
)
def test_every_bundled_file_matches_the_schema(name: str) -> None:
    text = importlib.resources.files("geoalign").joinpath("data", name).read_text("utf-8")
    assert schema_errors(yaml.load(text, Loader=_JsonLikeLoader)) == []


@DATASET_SETTINGS
@given(datasets())
def test_generated_datasets_match_the_schema(dataset: Dataset) -> None:
    assert schema_errors(as_file(dataset)) == []


GOOD_FILE: dict[str, Any] = {
    "sources": [{"id": "s1", "title": "T", "publisher": "P", "published": 2024, "document": "d"}],
    "countries": [{"id": "RUS", "name": "Russia"}, {"id": "SYR", "name": "Syria"}],
    "organizations": None,
    "events": [
        {
            "id": "e1",
            "date": "2024-12-08",
            "kind": "flight",
            "actors": ["RUS", "SYR"],
            "confidence": "confirmed",
            "summary": "S",
            "citations": [{"source": "s1", "quote": "Q"}],
        }
    ],
}


def _with(collection: str, index: int, **changes: Any) -> dict[str, Any]:
    return edit_record(json.loads(json.dumps(GOOD_FILE)), collection, index, **changes)


BAD_FILES = {
    "unknown field": _with("countries", 0, capital="Moscow"),
    "missing required field": _with("events", 0, summary=DROP),
    "blank text": _with("countries", 1, name="  "),
    "unknown enum value": _with("events", 0, kind="party"),
    "month 13": _with("events", 0, date="2024-13"),
    "date and time": _with("events", 0, date="2024-12-08T10:00"),
    "lowercase country id": _with("countries", 0, id="rus"),
    "slug with capitals": _with("sources", 0, id="S1"),
    "no citations": _with("events", 0, citations=[]),
    "no actors": _with("events", 0, actors=[]),
    "an actor twice": _with("events", 0, actors=["RUS", "RUS"]),
    "a name for a list": _with("countries", 0, aliases="Russian Federation"),
    "unknown collection": {**GOOD_FILE, "treaties": []},
}


def test_the_schema_and_the_loader_accept_a_good_file(tmp_path: Path) -> None:
    assert schema_errors(GOOD_FILE) == []
    assert len(load_file(GOOD_FILE, tmp_path).events) == 1


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_the_schema_and_the_loader_refuse_a_bad_file(case: str, tmp_path: Path) -> None:
    content = BAD_FILES[case]
    assert schema_errors(content) != []
    with pytest.raises(DatasetError):
        load_file(content, tmp_path)


def test_validate_prints_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for n, content in enumerate(BAD_FILES.values()):
        (tmp_path / f"{n}.yaml").write_text(yaml.safe_dump(content), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        geoalign.load(tmp_path, include_bundled=False)
    problems = list(caught.value.messages)
    assert len(problems) >= len(BAD_FILES)
    assert main(["--no-bundled", "validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == problems
    assert err == f"geoalign: {len(problems)} problems found in {tmp_path}\n"
    assert main(["validate", str(tmp_path), "--no-bundled", "--json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert (document["valid"], document["problems"], document["records"]) == (
        False,
        problems,
        None,
    )


def test_validate_a_good_file(good_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--no-bundled", "validate", str(good_file)]) == 0
    out, err = capsys.readouterr()
    counts = "sources: 1, countries: 2, organizations: 0, persons: 0, relationships: 0, events: 1"
    assert (out, err) == (f"{good_file}: valid ({counts})\n", "")
    assert main(["--no-bundled", "validate", str(good_file), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["records"]["countries"] == 2


def test_export_schema_from_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--schema"]) == 0
    assert json.loads(capsys.readouterr().out) == SCHEMA


# -- JSON export ----------------------------------------------------------------------------


@DATASET_SETTINGS
@given(datasets())
def test_the_json_export_loads_back_into_an_equal_dataset(dataset: Dataset) -> None:
    document = dataset_document(dataset)
    assert next(iter(document)) == "schema_version"
    with tempfile.TemporaryDirectory() as folder:
        assert load_file(as_file(dataset), Path(folder)) == dataset  # as YAML, without the version
        path = Path(folder, "export.json")
        path.write_text(dumps(document), encoding="utf-8")  # the export itself
        assert geoalign.load(path, include_bundled=False) == dataset


@DATASET_SETTINGS
@given(datasets())
def test_relationship_and_event_json_carry_their_sources_inline(dataset: Dataset) -> None:
    for record in (*dataset.relationships, *dataset.events):
        data = record_json(record, dataset)
        assert [c["quote"] for c in data["citations"]] == [c.quote for c in record.citations]
        for citation in data["citations"]:
            assert "id" not in citation  # the source's id is its "source"
            source = dataset.get(citation["source"])
            assert isinstance(source, geoalign.Source)
            assert (citation["title"], citation["publisher"], citation["published"]) == (
                source.title,
                source.publisher,
                str(source.published),
            )


# -- tables and CSV -------------------------------------------------------------------------


@DATASET_SETTINGS
@given(datasets())
def test_tables_have_one_row_per_record_and_per_nested_record(dataset: Dataset) -> None:
    found = tables(dataset)
    for collection in record_classes():
        assert [row[0] for row in found[collection].rows] == [
            r.id for r in getattr(dataset, collection)
        ]
    cited = [(r.id, c) for r in (*dataset.relationships, *dataset.events) for c in r.citations]
    fields = [field.name for field in attrs.fields(geoalign.Citation)]
    assert found["citations"].columns == ("record_id", *fields)
    assert [row[:3] for row in found["citations"].rows] == [
        (i, c.source, c.quote) for i, c in cited
    ]
    held = [(p.id, role) for p in dataset.persons for role in p.roles]
    assert [row[:2] for row in found["roles"].rows] == [(i, role.title) for i, role in held]


def read_csv_tables(folder: Path) -> dict[str, list[list[str]]]:
    """Every ``*.csv`` file in ``folder``, header row included, by table name."""
    found = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            found[path.stem] = list(csv.reader(file))
    return found


def cell_back(text: str, listed: bool) -> Cell:
    """A CSV cell read back by the rules the export's documentation gives."""
    if text.startswith("'"):
        text = text[1:]
    if listed:
        return tuple(json.loads(text))
    return text or None


def assert_csv_reads_back(dataset: Dataset, folder: Path) -> None:
    found = read_csv_tables(folder)
    expected = tables(dataset)
    assert sorted(found) == sorted(expected)
    for name, table in expected.items():
        header, *rows = found[name]
        assert tuple(header) == table.columns
        listed = [any(isinstance(row[i], tuple) for row in table.rows) for i in range(len(header))]
        back = [
            tuple(cell_back(text, flag) for text, flag in zip(row, listed, strict=True))
            for row in rows
        ]
        assert back == list(table.rows)


@DATASET_SETTINGS
@given(datasets())
def test_csv_files_read_back_into_the_tables(dataset: Dataset) -> None:
    with tempfile.TemporaryDirectory() as folder:
        written = write_csv(dataset, folder)
        assert [path.name for path in written] == [f"{name}.csv" for name in tables(dataset)]
        assert_csv_reads_back(dataset, Path(folder))


AWKWARD_NAMES = [
    "Serbia; Montenegro",
    'The "Republic", of; names',
    '=HYPERLINK("https://example.org")',
    "+1 country",
    "-minus",
    "@home",
    "'quoted",
    "''twice",
    "[not, a list]",
]


def test_awkward_names_survive_the_csv_export(tmp_path: Path) -> None:
    aliases = json.dumps(AWKWARD_NAMES)
    path = tmp_path / "data.yaml"
    path.write_text(f"countries:\n  - {{id: SCG, name: '=cmd', aliases: {aliases}}}\n", "utf-8")
    dataset = geoalign.load(path, include_bundled=False)
    assert dataset.countries[0].aliases == tuple(AWKWARD_NAMES)
    write_csv(dataset, tmp_path / "csv")
    assert_csv_reads_back(dataset, tmp_path / "csv")
    header, row = read_csv_tables(tmp_path / "csv")["countries"]
    assert row[header.index("name")] == "'=cmd"
    assert json.loads(row[header.index("aliases")]) == AWKWARD_NAMES


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r", "'"])
def test_a_cell_that_could_start_a_formula_is_neutralised(start: str) -> None:
    assert csv_text(f"{start}SUM(A1:A9)") == f"'{start}SUM(A1:A9)"
    assert csv_text(f"x{start}1") == f"x{start}1"
    assert csv_text((f"{start}1",)) == json.dumps([f"{start}1"])  # a list cell starts with [


def test_json_export_from_the_command_line_round_trips(
    good_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "export.json"
    assert export(good_file, "--out", str(out)) == 0
    assert capsys.readouterr() == ("", "")
    document = json.loads(out.read_text(encoding="utf-8"))
    assert export(good_file) == 0
    assert json.loads(capsys.readouterr().out) == document
    assert document.pop("schema_version") == SCHEMA_VERSION
    rebuilt = load_file(document, tmp_path)
    assert rebuilt == geoalign.load(good_file, include_bundled=False)


def test_csv_export_from_the_command_line(good_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    assert export(good_file, "--format", "csv", "--out", str(out)) == 0
    with (out / "events.csv").open(encoding="utf-8", newline="") as file:
        (event,) = csv.DictReader(file)
    assert json.loads(event["actors"]) == ["RUS", "SYR"]
    assert event["location"] == ""
    with (out / "citations.csv").open(encoding="utf-8", newline="") as file:
        (citation,) = csv.DictReader(file)
    assert (citation["record_id"], citation["source"], citation["quote"]) == ("e1", "s1", "Q")


ERROR = 2
"""The exit status of a command whose answer cannot be written (docs/cli.rst, Exit status)."""


@pytest.mark.parametrize("format_", ["json", "csv"])
def test_export_to_a_place_that_cannot_be_written(
    format_: str, good_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = good_file / "inside-a-file"  # a file, so nothing can be created under it
    assert export(good_file, "--format", format_, "--out", str(out)) == ERROR
    err = capsys.readouterr().err
    assert err.startswith(f"geoalign: error: {out}")
    assert err.count("\n") == 1


# Text that YAML would read as something else, or split into lines; JSON keeps it as it is.
ODD_TEXTS = ["line\u2028separator", "para\u2029graph", "NO", "0700", "1:20", "null", "a: b", "#1"]


def test_the_json_export_loads_back_as_the_same_dataset(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    records = [
        {"type": "source", "id": "s1", "title": "T\u2028itle", "publisher": "NO",
         "published": "2024-12", "document": "0700"},
        {"type": "country", "id": "FRE", "name": "Free\u2028donia", "aliases": ODD_TEXTS},
        {"type": "country", "id": "SYL", "name": "Sylvania"},
        {"type": "event", "id": "e1", "date": "2024-12-08", "kind": "flight",
         "actors": ["FRE", "SYL"], "confidence": "confirmed", "summary": "1:20",
         "citations": [{"source": "s1", "quote": "para\u2029graph"}]},
    ]  # fmt: skip
    data = tmp_path / "odd.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    original = geoalign.load(data, include_bundled=False)
    assert original.countries[0].aliases == tuple(ODD_TEXTS)
    out = tmp_path / "export.json"
    assert main(["--data", str(data), "--no-bundled", "export", "--out", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    assert geoalign.load(out, include_bundled=False) == original


# -- files are written whole or not at all --------------------------------------------------


def _failing_fsync(error: BaseException, after: int = 0) -> Any:
    """An ``os.fsync`` that works ``after`` times, then raises ``error``."""
    calls = []

    def fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) > after:
            raise error

    return fsync


def _listing(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


@pytest.mark.parametrize(
    ("error", "status"),
    [(OSError(errno.EIO, "Input/output error"), ERROR), (KeyboardInterrupt(), 130)],
)
def test_a_failed_json_export_leaves_the_old_file_whole(
    error: BaseException,
    status: int,
    good_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "export.json"
    out.write_text("old", encoding="utf-8")
    before = _listing(tmp_path)
    monkeypatch.setattr(os, "fsync", _failing_fsync(error))
    assert export(good_file, "--out", str(out)) == status
    assert out.read_text(encoding="utf-8") == "old"
    assert _listing(tmp_path) == before  # no temporary file left behind
    if status == ERROR:
        assert capsys.readouterr().err == f"geoalign: error: {out}: Input/output error\n"


def test_a_failed_csv_export_leaves_each_old_file_whole(
    good_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "tables"
    out.mkdir()
    names = [f"{name}.csv" for name in tables(Dataset((), (), (), (), (), ()))]
    for name in names:
        (out / name).write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "fsync", _failing_fsync(OSError(errno.ENOSPC, "No space"), after=2))
    assert export(good_file, "--format", "csv", "--out", str(out)) == ERROR
    contents = [(out / name).read_text(encoding="utf-8") for name in names]
    assert contents[2:] == ["old"] * (len(names) - 2)
    assert "old" not in contents[:2]  # the files written before the failure are whole and new
    assert _listing(out) == sorted(names)


def test_an_export_keeps_the_file_s_permissions_and_follows_a_link(
    good_file: Path, tmp_path: Path
) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o600)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    assert export(good_file, "--out", str(link)) == 0
    assert link.is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    assert json.loads(real.read_text(encoding="utf-8"))["schema_version"] == SCHEMA_VERSION
    fresh = tmp_path / "fresh.json"
    assert export(good_file, "--out", str(fresh)) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


# -- pandas and networkx --------------------------------------------------------------------


@DATASET_SETTINGS
@given(datasets())
def test_to_pandas_gives_the_tables_as_frames(dataset: Dataset) -> None:
    frames = to_pandas(dataset)
    for name, table in tables(dataset).items():
        frame = frames[name]
        assert isinstance(frame, pandas.DataFrame)
        assert tuple(frame.columns) == table.columns
        cells = [
            [list(c) if isinstance(c, tuple) else c for c in row] for row in frame.itertuples(False)
        ]
        assert cells == [[list(c) if isinstance(c, tuple) else c for c in r] for r in table.rows]


@DATASET_SETTINGS
@given(datasets())
def test_to_networkx_has_every_actor_and_relationship(dataset: Dataset) -> None:
    graph = to_networkx(dataset)
    assert isinstance(graph, networkx.MultiDiGraph)
    assert sorted(graph.nodes) == sorted(actor.id for actor in dataset.actors())
    for actor in dataset.actors():
        assert graph.nodes[actor.id]["name"] == actor.name
    edges = {key: (a, b, data) for a, b, key, data in graph.edges(keys=True, data=True)}
    assert sorted(edges) == sorted(r.id for r in dataset.relationships)
    for r in dataset.relationships:
        a, b, data = edges[r.id]
        assert (a, b, data["kind"], data["directed"]) == (r.a, r.b, r.kind.value, r.kind.directed)
        assert data["citations"] == [plain_record(c) for c in r.citations]
        assert [c["quote"] for c in data["citations"]] == [c.quote for c in r.citations]
    json.dumps(networkx.node_link_data(graph, edges="edges"))  # plain values only


@pytest.mark.parametrize(("function", "module"), [(to_networkx, "networkx"), (to_pandas, "pandas")])
def test_a_missing_extra_is_named(function: Any, module: str, monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    empty = Dataset((), (), (), (), (), ())
    with pytest.raises(GeoalignError) as caught:
        function(empty)
    assert str(caught.value) == (
        f"{function.__name__} needs {module}: pip install 'geoalign[{module}]'"
    )
    assert isinstance(caught.value.__cause__, ImportError)


def test_an_empty_dataset_gives_empty_tables_with_their_columns() -> None:
    empty = Dataset((), (), (), (), (), ())
    frames = to_pandas(empty)
    for name, table in tables(empty).items():
        assert table.rows == ()
        assert table.columns[0] in ("id", "person", "record_id")
        assert list(frames[name].columns) == list(table.columns)
