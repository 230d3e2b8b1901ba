"""The rules of claims, as the loader checks them: one bad dataset per rule.

``disputed`` is what a record is when its citations disagree, ``denied`` what one
citation says; a statement is made by the time its source is published, and a report
of an event once the event may have happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.loading_helpers import base_data, edit_record, load_problems, without_line

import geoalign

ASSERTS = {"source": "s1", "quote": "rebels took Hama"}
DENIES = {"source": "s1", "quote": "Hama holds", "claimed_by": "RUS", "confidence": "denied"}


def _event(**changes: Any) -> dict[str, Any]:
    return {"data.yaml": edit_record(base_data(), "events", 0, **changes)}


def _relationship(**changes: Any) -> dict[str, Any]:
    return {"data.yaml": edit_record(base_data(), "relationships", 0, **changes)}


EVENT = "data.yaml: event 'hama-falls', field "
TIE = "data.yaml: relationship 'rus-syr-alliance', field "

CASES = {
    "citation-disputed": (
        _event(citations=[ASSERTS | {"confidence": "disputed"}]),
        EVENT + "'citations[0].confidence': a citation is never disputed: 'disputed' is the "
        "outcome of citations that disagree; write 'denied' if this quote denies the fact",
    ),
    "record-denied": (
        _relationship(confidence="denied"),
        TIE + "'confidence': a record is never denied: 'denied' is what one citation says; "
        "a record whose citations assert and deny its fact is 'disputed'",
    ),
    "disputed-nobody-denies": (
        _event(confidence="disputed", citations=[ASSERTS, ASSERTS | {"confidence": "alleged"}]),
        EVENT + "'confidence': disputed needs a citation that denies the fact (confidence: "
        "denied) and one that asserts it; none denies it",
    ),
    "disputed-nobody-asserts": (
        _event(confidence="disputed", citations=[DENIES]),
        EVENT + "'confidence': disputed needs a citation that denies the fact (confidence: "
        "denied) and one that asserts it; none asserts it",
    ),
    "dispute-not-declared": (
        _event(confidence="reported", citations=[ASSERTS, DENIES]),
        EVENT + "'confidence': its citations both assert and deny the fact: its confidence "
        "is 'disputed', not 'reported'",
    ),
    "only-denied": (
        _relationship(citations=[DENIES]),
        TIE + "'citations': every citation denies the fact: no source asserts it, so it is "
        "no record",
    ),
    "claimed-after-publication": (
        _relationship(citations=[ASSERTS | {"claimed_on": "2024-12-10"}]),
        TIE + "'citations[0].claimed_on': claimed on 2024-12-10, after its source s1 was "
        "published (2024-12-09)",
    ),
    "claimed-after-publication-range": (
        _event(citations=[ASSERTS | {"claimed_on": "[2024-12-05..2024-12-31]"}]),
        EVENT + "'citations[0].claimed_on': claimed on [2024-12-05..2024-12-31], after its "
        "source s1 was published (2024-12-09)",
    ),
    "claimed-before-the-event": (
        _event(citations=[ASSERTS | {"claimed_on": "[..2024-12-04]"}]),
        EVENT + "'citations[0].claimed_on': claimed on [..2024-12-04], before the event it "
        "reports (2024-12-05)",
    ),
}


@pytest.mark.parametrize(("files", "expected"), CASES.values(), ids=CASES)
def test_a_broken_rule_of_claims_is_one_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Any], expected: str
) -> None:
    problems = load_problems(tmp_path, monkeypatch, files)
    assert [without_line(problem) for problem in problems] == [expected]


VALID = {
    "disputed": _event(confidence="disputed", citations=[ASSERTS, DENIES]),
    # The source's own voice (no confidence) asserts the fact as firmly as the record.
    "disputed-by-the-source-voice": _relationship(
        confidence="disputed", citations=[ASSERTS, DENIES]
    ),
    "claimed-on-the-publication-day": _event(citations=[ASSERTS | {"claimed_on": "2024-12-09"}]),
    "claimed-on-the-event-day": _event(citations=[ASSERTS | {"claimed_on": "2024-12-05"}]),
    # A claim known only within bounds may have been made on or after the event.
    "claimed-within-bounds": _event(
        citations=[ASSERTS | {"claimed_on": "[2024-12-01..2024-12-09]"}]
    ),
}


@pytest.mark.parametrize("files", VALID.values(), ids=VALID)
def test_a_claim_within_the_rules_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, files: dict[str, Any]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("data.yaml").write_text(yaml.safe_dump(files["data.yaml"]), "utf-8")
    assert geoalign.load("data.yaml", include_bundled=False).events


def test_every_broken_rule_of_claims_is_reported_in_one_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = edit_record(
        base_data(),
        "events",
        0,
        confidence="denied",
        citations=[ASSERTS | {"confidence": "disputed", "claimed_on": "2024-12-31"}, DENIES],
    )
    problems = load_problems(tmp_path, monkeypatch, {"data.yaml": data})
    assert [line.split("field ")[1].split(":")[0] for line in problems] == [
        "'confidence'",
        "'citations[0].confidence'",
        "'citations'",
        "'citations[0].claimed_on'",
    ]
