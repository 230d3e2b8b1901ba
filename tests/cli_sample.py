"""A small sample dataset for the command-line tests, and ways to run the command on it.

``data`` is a pytest fixture: the sample written to a file.  A test module that asks for
it imports ``data_fixture``, as pytest looks for fixtures among a module's names.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

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
  - {id: tur-nis-sanctions, kind: sanctions, a: TUR, b: nis, start: 2024-06, end: 2024-12,
     confidence: reported, summary: Türkiye sanctioned NIS for half a year.,
     citations: [{source: s2, quote: Turkey sanctioned NIS}]}
events:
  - {id: assad-flees, date: 2024-12-08, kind: flight, actors: [bashar-al-assad, RUS, SYR],
     confidence: confirmed, summary: Assad flees to Moscow., location: Moscow,
     citations: [{source: s1, quote: Assad had landed in Moscow}]}
  - {id: rus-intervenes, date: 2015-09, kind: intervention, actors: [RUS, SYR],
     confidence: confirmed, summary: "Russia intervenes in Syria's war.",
     citations: [{source: s1, quote: Russia intervened in September 2015}]}
"""
"""Four countries, a company, a person, five ties and two events, cited from two sources."""


@pytest.fixture(name="data")
def data_fixture(tmp_path: Path) -> Path:
    """The sample dataset, written to ``sample.yaml``: what ``--data`` is given."""
    path = tmp_path / "sample.yaml"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


Run = tuple[int, str, str]
"""What a run gives: its exit status, standard output and standard error."""
Cap = pytest.CaptureFixture[str]


def run(capsys: Cap, *argv: str) -> Run:
    """Run the command in-process with ``argv``."""
    status = main(list(argv))
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def query(capsys: Cap, data: Path, *argv: str) -> Run:
    """Run the command on ``data`` alone, without the bundled dataset."""
    return run(capsys, "--data", str(data), "--no-bundled", *argv)


def query_json(capsys: Cap, data: Path, *argv: str) -> Any:
    """Run the command on ``data`` alone with ``--json``; its document, checked for its header:
    an explained answer's (``answer``, ``version``) or a lookup's (``command``)."""
    _, out, _ = query(capsys, data, *argv, "--json")  # the status is each test's business
    document = json.loads(out)
    if "answer" in document:
        assert document["version"] == 1
    else:
        assert (document["schema_version"], document["command"]) == (1, argv[0])
    return document


def assert_one_line_error(err: str, text: str) -> None:
    """``err`` is one ``geoalign:`` line, with ``text`` in it and no traceback."""
    assert err.endswith("\n")
    assert err.count("\n") == 1, err
    assert err.startswith("geoalign: ")
    assert text in err
    assert "Traceback" not in err
