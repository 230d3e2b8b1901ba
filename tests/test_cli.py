"""The ``geoalign`` command, run as a user would: in-process through ``main(argv)``, and as
``python -m geoalign`` in a subprocess.

Answers are checked against the library's own queries on the same data, so these tests
check the command line's wiring and output, not hard-coded facts.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pytest

import geoalign
from geoalign import Dataset, DatasetError, RelationshipKind
from geoalign.cli import main

SAMPLE = """\
sources:
  - {id: s1, title: Russia and Syria, publisher: The Paper, published: 2024-12-09,
     document: 000.txt}
  - {id: s2, title: "Serbia's neutrality", publisher: Balkan News, published: 2025-01,
     document: 001.txt, url: "https://example.org/s2"}
countries:
  - {id: RUS, name: Russia, aliases: [Russian Federation], metonyms: [the Kremlin]}
  - {id: SYR, name: Syria}
  - {id: SRB, name: Serbia}
  - {id: TUR, name: Türkiye, aliases: [Turkey]}
organizations:
  - {id: nis, name: NIS, kind: company, country: SRB}
persons:
  - id: bashar-al-assad
    name: Bashar al-Assad
    aliases: [Assad]
    roles: [{title: President, actor: SYR, start: 2000, end: 2024-12-08}]
relationships:
  - {id: rus-syr-alliance, kind: alliance, a: RUS, b: SYR, start: 2015-09, end: 2024-12-08,
     confidence: confirmed, summary: "Russia was Assad's main ally.",
     citations: [{source: s1, quote: "Russia was Assad's most important ally"}]}
  - {id: rus-syr-support, kind: military_support, a: RUS, b: SYR, start: 2015-09-30,
     end: 2024-12-08, confidence: confirmed, summary: Russian air power backed Assad.,
     citations: [{source: s1, quote: Russian jets struck rebel positions}]}
  - {id: rus-tur-energy, kind: energy_cooperation, a: RUS, b: TUR, start: 2020,
     confidence: reported, summary: Gas deals.,
     citations: [{source: s1, quote: Russia and Turkey signed gas deals}]}
  - {id: srb-rus-no-sanctions, kind: non_sanctioning, a: SRB, b: RUS, start: 2022-02,
     confidence: confirmed, summary: Serbia has not joined the sanctions on Russia.,
     citations: [{source: s2, quote: Serbia refused to sanction Russia}]}
events:
  - {id: assad-flees, date: 2024-12-08, kind: flight, actors: [bashar-al-assad, RUS, SYR],
     confidence: confirmed, summary: Assad flees to Moscow., location: Moscow,
     citations: [{source: s1, quote: Assad had landed in Moscow}]}
  - {id: rus-intervenes, date: 2015-09, kind: intervention, actors: [RUS, SYR],
     confidence: confirmed, summary: "Russia intervenes in Syria's war.",
     citations: [{source: s1, quote: Russia intervened in September 2015}]}
"""


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "sample.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


@pytest.fixture
def sample(data: Path) -> Dataset:
    return geoalign.load(data, include_bundled=False)


Run = tuple[int, str, str]
Cap = pytest.CaptureFixture[str]


def run(capsys: Cap, *argv: str) -> Run:
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def query(capsys: Cap, data: Path, *argv: str) -> Run:
    return run(capsys, "--data", str(data), "--no-bundled", *argv)


def query_json(capsys: Cap, data: Path, *argv: str) -> Any:
    _, out, _ = query(capsys, data, *argv, "--json")  # the status is each test's business
    document = json.loads(out)
    assert document["schema_version"] == 1
    assert document["command"] == argv[0]
    return document


def assert_one_line_error(err: str, text: str) -> None:
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("geoalign: ")
    assert text in err
    assert "Traceback" not in err


# -- usage --------------------------------------------------------------------------------

COMMANDS = ["allies", "sanctions", "timeline", "resolve", "show", "sources", "validate", "export"]


def test_help_lists_every_command(capsys: Cap) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    for command in COMMANDS:
        assert command in out


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str, capsys: Cap) -> None:
    status, out, _ = run(capsys, command, "--help")
    assert status == 0
    assert out.startswith(f"usage: geoalign {command}")
    assert "--json" in out


def test_version(capsys: Cap) -> None:
    assert run(capsys, "--version") == (0, f"geoalign {version('geoalign')}\n", "")


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["allies"],
        ["timeline", "RUS"],
        ["allies", "RUS", "--kind", "friendship"],
        ["allies", "RUS", "--as-of", "2024-13"],
        ["allies", "RUS", "--as-of", "yesterday"],
        ["timeline", "RUS", "SYR", "--from", "2024-02-30"],
        ["export", "--format", "xml"],
        ["export", "--format", "csv"],
        ["--no-bundled", "sources"],
    ],
)
def test_usage_errors_exit_2(argv: list[str], capsys: Cap) -> None:
    status, out, err = run(capsys, *argv)
    assert status == 2
    assert out == ""
    assert err.startswith("usage: geoalign")
    assert "error: " in err.splitlines()[-1]
    assert "Traceback" not in err


def test_a_bad_date_names_the_option_and_the_reason(capsys: Cap) -> None:
    _, _, err = run(capsys, "sanctions", "SRB", "RUS", "--as-of", "2024-13")
    assert "argument --as-of: '2024-13' is not a valid date: month must be between 1 and 12" in err


def test_a_window_that_ends_before_it_starts_is_a_usage_error(capsys: Cap, data: Path) -> None:
    status, out, err = query(
        capsys, data, "timeline", "RUS", "SYR", "--from", "2024", "--to", "2023"
    )
    assert (status, out) == (2, "")
    assert_one_line_error(err, "geoalign: error: the window starts (2024) after it ends (2023)")


def test_options_go_before_or_after_the_command(capsys: Cap, data: Path) -> None:
    before = run(capsys, "--json", "--data", str(data), "--no-bundled", "resolve", "Turkey")
    after = run(capsys, "resolve", "Turkey", "--data", str(data), "--no-bundled", "--json")
    assert before == after
    assert json.loads(before[1])["actor"]["id"] == "TUR"


# -- queries ------------------------------------------------------------------------------


def test_an_unknown_actor_is_one_line_with_suggestions(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "allies", "Rusia")
    assert (status, out) == (1, "")
    assert err == "geoalign: error: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?\n"


@pytest.mark.parametrize("as_of", ["2016", "2023-06-01", "2024-12-08", "2025-01"])
def test_allies_are_the_library_s_allies(
    as_of: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    expected = sample.allies_of("RUS", as_of=as_of)
    status, out, err = query(capsys, data, "allies", "Russia", "--as-of", as_of)
    document = query_json(capsys, data, "allies", "the Kremlin", "--as-of", as_of)
    assert [entry["actor"]["id"] for entry in document["allies"]] == [a.id for a in expected]
    assert document["as_of"]["date"] == as_of
    assert document["kinds"] == [k.value for k in RelationshipKind if k.alignment]
    in_force = {r.id for r in sample.relationships_of("RUS", as_of=as_of)}
    for entry in document["allies"]:
        ids = {entry["actor"]["id"], "RUS"}
        for tie in entry["relationships"]:
            assert tie["id"] in in_force
            assert tie["alignment"]
            assert {tie["a"]["id"], tie["b"]["id"]} == ids
    if expected:
        assert (status, err) == (0, "")
        assert all(ally.id in out for ally in expected)
    else:
        assert (status, out) == (1, "")
        assert err == f"geoalign: no allies of Russia (RUS) as of {as_of}\n"


def test_allies_of_chosen_kinds(capsys: Cap, data: Path, sample: Dataset) -> None:
    argv = [
        "allies",
        "RUS",
        "--as-of",
        "2023",
        "--kind",
        "energy_cooperation",
        "--kind",
        "alliance",
    ]
    document = query_json(capsys, data, *argv)
    assert document["kinds"] == ["alliance", "energy_cooperation"]
    expected = sample.allies_of("RUS", as_of="2023", kinds=["alliance", "energy_cooperation"])
    assert [entry["actor"]["id"] for entry in document["allies"]] == [a.id for a in expected]
    assert len(expected) == 2  # the energy tie counts only because it was asked for


@pytest.mark.parametrize(
    ("imposer", "target"), [("Serbia", "Russia"), ("RUS", "SRB"), ("SRB", "nis")]
)
def test_sanctions_give_the_library_s_state_and_evidence(
    imposer: str, target: str, capsys: Cap, data: Path, sample: Dataset
) -> None:
    expected = sample.sanction_status(imposer, target)
    status, out, err = query(capsys, data, "sanctions", imposer, target)
    assert (status, err) == (0, "")
    assert f": {expected.state.value}\n" in out
    document = query_json(capsys, data, "sanctions", imposer, target)
    assert document["state"] == expected.state.value
    assert document["as_of"]["date"] == str(sample.horizon)
    assert [m["id"] for m in document["measures"]] == [m.id for m in expected.measures]
    for citation in expected.citations:
        assert citation.quote in out


@pytest.mark.parametrize(("start", "end"), [(None, None), ("2024-12", None), (None, "2016")])
def test_timelines_are_the_library_s_and_symmetric(
    start: str | None,
    end: str | None,
    capsys: Cap,
    data: Path,
    sample: Dataset,
) -> None:
    window = [*(["--from", start] if start else []), *(["--to", end] if end else [])]
    expected = [e.id for e in sample.timeline_between("RUS", "SYR", start=start, end=end)]
    forward = query_json(capsys, data, "timeline", "Russia", "Syria", *window)
    backward = query_json(capsys, data, "timeline", "Syria", "Russia", *window)
    assert [e["id"] for e in forward["events"]] == expected
    assert forward["events"] == backward["events"]
    if start is None:
        assert forward["from"] is None
    else:
        assert forward["from"]["date"] == start
        assert forward["from"]["precision"] == geoalign.PartialDate.parse(start).precision
    status, out, _ = query(capsys, data, "timeline", "RUS", "SYR", *window)
    assert status == 0
    assert [line.split()[3] for line in out.splitlines()[3:]] == expected


def test_an_empty_timeline_exits_1(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "timeline", "SRB", "RUS")
    assert (status, out) == (1, "")
    assert_one_line_error(err, "no events between Serbia (SRB) and Russia (RUS)")
    status, out, _ = query(capsys, data, "timeline", "SRB", "RUS", "--json")
    assert status == 1
    assert json.loads(out)["events"] == []


def test_resolve(capsys: Cap, data: Path) -> None:
    document = query_json(capsys, data, "resolve", "turkiye")
    assert document["name"] == "turkiye"
    assert document["actor"] == {
        "id": "TUR",
        "type": "country",
        "name": "Türkiye",
        "aliases": ["Turkey"],
        "metonyms": [],
    }
    status, out, _ = query(capsys, data, "resolve", "the Kremlin")
    assert status == 0
    assert out.splitlines()[1].split() == ["RUS", "country", "Russia"]


def test_show_a_relationship_with_its_citations(capsys: Cap, data: Path) -> None:
    status, out, _ = query(capsys, data, "show", "rus-syr-alliance")
    assert status == 0
    assert out.startswith("relationship rus-syr-alliance\n")
    assert '"Russia was Assad\'s most important ally"' in out
    assert "Russia and Syria. The Paper, 2024-12-09 [s1]" in out
    document = query_json(capsys, data, "show", "rus-syr-alliance")
    assert document["record_type"] == "relationship"
    assert document["record"]["citations"][0]["publisher"] == "The Paper"
    assert document["counts"] == {}


def test_show_an_actor_with_its_counts(capsys: Cap, data: Path, sample: Dataset) -> None:
    document = query_json(capsys, data, "show", "Assad")  # a name works too
    assert document["record"]["id"] == "bashar-al-assad"
    assert document["record"]["roles"][0]["actor"]["name"] == "Syria"
    assert document["counts"] == {
        "relationships": sum("bashar-al-assad" in (r.a, r.b) for r in sample.relationships),
        "events": sum("bashar-al-assad" in e.actors for e in sample.events),
    }
    document = query_json(capsys, data, "show", "RUS")
    assert document["counts"]["relationships"] == len(
        [r for r in sample.relationships if "RUS" in (r.a, r.b)]
    )


def test_show_an_unknown_record(capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, "show", "rus-syr")
    assert (status, out) == (1, "")
    assert_one_line_error(err, "no record or actor 'rus-syr'; did you mean 'rus-syr-")


def test_sources_by_publication_date(capsys: Cap, data: Path) -> None:
    document = query_json(capsys, data, "sources")
    assert [s["id"] for s in document["sources"]] == ["s1", "s2"]
    assert document["horizon"] == "2025-01"
    assert document["sources"][1]["url"] == "https://example.org/s2"


@pytest.mark.parametrize(
    "argv",
    [
        ["allies", "RUS", "--as-of", "2020"],
        ["sanctions", "SRB", "RUS"],
        ["timeline", "RUS", "SYR"],
        ["resolve", "Turkey"],
        ["show", "TUR"],
        ["show", "assad-flees"],
        ["sources"],
    ],
)
def test_json_output_is_one_utf8_document(argv: list[str], capsys: Cap, data: Path) -> None:
    status, out, err = query(capsys, data, *argv, "--json")
    assert (status, err) == (0, "")
    json.loads(out)  # exactly one document, or this raises
    assert "\\u" not in out
    assert out == query(capsys, data, *argv, "--json")[1]  # deterministic


# -- bad data -------------------------------------------------------------------------------

BAD = """\
countries:
  - {id: rus, name: Russia}
  - {id: SYR, name: "  ", colour: red}
events:
  - {id: e1, date: 2024-13, kind: party, actors: [SYR], confidence: sure, summary: x,
     citations: [{source: s1, quote: q}]}
"""


def test_a_query_on_bad_data_is_one_line(capsys: Cap, tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text(BAD, encoding="utf-8")
    status, out, err = query(capsys, tmp_path / "bad.yaml", "sources")
    assert (status, out) == (1, "")
    hint = f"run 'geoalign --no-bundled validate {tmp_path / 'bad.yaml'}' to list them all"
    assert_one_line_error(err, hint)


def test_a_broken_bundled_dataset_is_one_line(capsys: Cap, monkeypatch: pytest.MonkeyPatch) -> None:
    import geoalign.api

    def broken() -> Dataset:
        raise DatasetError(["data/events.yaml: first problem", "data/events.yaml: second"])

    monkeypatch.setattr(geoalign.api, "bundled", broken)
    status, out, err = run(capsys, "sources")
    assert (status, out) == (1, "")
    assert err == "geoalign: error: data/events.yaml: first problem (and 1 more problem(s))\n"


# -- the bundled dataset, layered data ----------------------------------------------------


def test_queries_default_to_the_bundled_dataset(capsys: Cap) -> None:
    expected = geoalign.sanction_status("Serbia", "Russia")
    document = json.loads(run(capsys, "sanctions", "Serbia", "Russia", "--json")[1])
    assert document["state"] == expected.state.value
    assert [m["id"] for m in document["measures"]] == [m.id for m in expected.measures]


def test_user_data_is_layered_on_the_bundled_dataset(capsys: Cap, tmp_path: Path) -> None:
    russia = geoalign.resolve("Russia")
    path = tmp_path / "mine.yaml"
    path.write_text(f"countries:\n  - {{id: {russia.id}, name: Rossiya}}\n", encoding="utf-8")
    status, _, err = run(capsys, "--data", str(path), "resolve", "Rossiya")
    assert status == 1
    assert_one_line_error(err, "already in the bundled dataset")
    status, out, _ = run(capsys, "--data", str(path), "--override", "resolve", "Rossiya", "--json")
    assert status == 0
    assert json.loads(out)["actor"]["id"] == russia.id


# -- as a separate process ------------------------------------------------------------------


def geoalign_process(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geoalign", *argv],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_python_m_geoalign(data: Path) -> None:
    done = geoalign_process("--data", str(data), "--no-bundled", "timeline", "SYR", "RUS", "--json")
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["events"][0]["actors"][0]["name"] == "Russia"


def test_a_process_error_is_one_line_without_traceback(data: Path) -> None:
    done = geoalign_process("--data", str(data), "--no-bundled", "sanctions", "Serbia", "Rusia")
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == "geoalign: error: unknown actor 'Rusia'; did you mean 'Russia' (RUS)?\n"
    done = geoalign_process("allies")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr


def test_the_console_script_is_installed() -> None:
    script = Path(sys.executable).with_name("geoalign")
    done = subprocess.run([script, "--version"], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, f"geoalign {version('geoalign')}\n")


def test_a_closed_pipe_ends_quietly(data: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "geoalign", "--data", str(data), "--no-bundled", "sources"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.close()  # the reader is gone before the first line is written
    assert process.wait() == 141
    assert process.stderr.read() == b""
    process.stderr.close()


def test_a_broken_pipe_in_process(capsys: Cap, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["--data", str(data), "--no-bundled", "sources"]) == 141
    assert capsys.readouterr().err == ""
