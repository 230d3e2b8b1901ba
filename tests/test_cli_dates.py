"""The command line takes every EDTF form a query date takes in Python."""

from __future__ import annotations

import json

import pytest
from tests.cli_sample import Cap, run

import geoalign


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--as-of", "[2024-12-01..2024-12-31]"),
        ("--as-of", "[..2024-12-06]"),
        ("--as-of", "201X"),
        ("--as-known-on", "[2024-12..2025]"),
    ],
)
def test_an_edtf_query_date_answers_as_in_python(capsys: Cap, option: str, value: str) -> None:
    status, out, _ = run(capsys, "allies", "Russia", option, value, "--possible", "--json")
    asked = {"as_of" if option == "--as-of" else "as_known_on": value}
    expected = geoalign.explain_allies("Russia", certainty="possible", **asked).to_dict()
    assert json.loads(out) == expected
    assert status == (0 if expected["allies"] else 1)


def test_a_range_that_ends_before_it_starts_says_so(capsys: Cap) -> None:
    status, _, err = run(capsys, "timeline", "Russia", "Syria", "--from", "[1912..1911]")
    assert status == 2
    assert "the range ends (1911) before it starts (1912)" in err


@pytest.mark.parametrize("columns", ["30", "40", "45", "80"])
def test_a_wrapped_id_is_printed_once(
    capsys: Cap, monkeypatch: pytest.MonkeyPatch, columns: str
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    status, out, _ = run(capsys, "timeline", "Russia", "Syria")
    assert status == 0
    assert "ukraineine" not in out  # a long id once cut and pasted back whole
    for event in geoalign.timeline_between("Russia", "Syria"):
        assert "".join(out.split()).count(event.id) >= 1
