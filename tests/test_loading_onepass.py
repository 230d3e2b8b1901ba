"""One pass reports every problem it can: a record refused for one field is still checked
for the rest; an unknown field is named; a tie cited outside its own bounds is refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.loading_helpers import DROP, base_data, edit_record, load_error

import geoalign
from geoalign.errors import DatasetError


def _tie(**changes: Any) -> dict[str, Any]:
    return edit_record(base_data(), "relationships", 0, **changes)


def _codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data: Any) -> list[tuple[str, str]]:
    error = load_error(tmp_path, monkeypatch, {"data.yaml": data})
    return [(p.field or "", p.code) for p in error.problems]


def test_a_type_error_does_not_hide_a_dangling_reference(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _tie(confidence=["confirmed"], b="nowhere")
    assert _codes(tmp_path, monkeypatch, data) == [
        ("confidence", "bad-value"),
        ("b", "dangling-reference"),
    ]


def test_a_type_error_does_not_hide_the_dates_and_claims(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The summary is refused; the dates (an end before the start), the citation's claim
    # (made after its source was published) and the event's actors are still checked.
    data = _tie(summary=["S"], start="2020", end="2019")
    data["relationships"][0]["citations"][0]["claimed_on"] = "2025"
    edit_record(data, "events", 0, date="2024-13", actors=["hts", "hts"])
    assert _codes(tmp_path, monkeypatch, data) == [  # events.yaml comes first
        ("date", "bad-date"),
        ("summary", "wrong-type"),
        ("actors", "repeated-actor"),
        ("end", "ends-before-start"),
        ("citations[0].claimed_on", "claimed-after-publication"),
    ]


def test_a_rule_reading_a_refused_field_is_not_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without its citations, the tie cannot be said to lack one, nor its claims checked.
    data = _tie(citations="s1", a="SYR")
    assert _codes(tmp_path, monkeypatch, data) == [
        ("citations", "wrong-type"),
        ("b", "same-actors"),
    ]


def test_an_unknown_field_is_named_and_its_line_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = edit_record(base_data(), "countries", 0, capital="Moscow")
    data["events"][0]["citations"][0]["page"] = "3"
    error = load_error(tmp_path, monkeypatch, {"data.yaml": data})
    assert [(p.record, p.field, p.code) for p in error.problems] == [
        ("RUS", "capital", "unknown-field"),
        ("hama-falls", "citations[0].page", "unknown-field"),
    ]
    assert error.messages == (
        "data.yaml:5: country 'RUS': unknown field 'capital'",
        "data.yaml:17: event 'hama-falls', field 'citations[0]': unknown field 'page'",
    )


_LATER_SOURCE = {
    "id": "s2",
    "title": "Later",
    "publisher": "A paper",
    "published": "2024-12-20",
    "document": "b.txt",
}


def _ended_by_s1_cited_by(source: str, **citation: str) -> dict[str, Any]:
    data = _tie(end=DROP, ended_by="s1")
    data["sources"].append(dict(_LATER_SOURCE))
    data["relationships"][0]["citations"].append({"source": source, "quote": "q", **citation})
    return data


def test_a_tie_cited_as_in_force_after_the_source_that_ends_it_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    error = load_error(tmp_path, monkeypatch, {"data.yaml": _ended_by_s1_cited_by("s2")})
    assert [(p.field, p.code) for p in error.problems] == [("citations[1]", "cited-after-ended-by")]
    assert error.messages == (
        "data.yaml:42: relationship 'rus-syr-alliance', field 'citations[1]': cites s2 as saying "
        "it is in force on 2024-12-20, after s1 said it had ended (2024-12-09)",
    )


@pytest.mark.parametrize(
    "citation",
    [
        {"source": "s1"},  # the source that ends it, cited too: the same day
        {"source": "s2", "claimed_on": "2024-12-05"},  # said before the end, published after
        {"source": "s2", "claimed_on": "[2024-12-01..2024-12-15]"},  # possibly before the end
        {"source": "s2", "confidence": "denied"},  # a denial says nothing is in force
    ],
)
def test_a_citation_not_surely_after_the_end_is_fine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, citation: dict[str, str]
) -> None:
    data = _ended_by_s1_cited_by(**citation)
    if citation.get("confidence") == "denied":  # a disputed tie, then
        data["relationships"][0]["confidence"] = "disputed"
    (tmp_path / "data.yaml").write_text(yaml.safe_dump(data))
    loaded = geoalign.load(tmp_path / "data.yaml", include_bundled=False)
    assert loaded.get("rus-syr-alliance").ended_by == "s1"


@pytest.mark.parametrize("start", ["2025", "[2025..2026]"])
def test_a_citation_before_any_day_of_the_start_is_refused(tmp_path: Path, start: str) -> None:
    # The citation of 2024-12-09 says the tie is in force before any day it may have
    # started; a coarser start would make it count, so the data must settle it.
    data = _tie(start=start, end=DROP)
    (tmp_path / "data.yaml").write_text(yaml.safe_dump(data))
    with pytest.raises(DatasetError) as info:
        geoalign.load(tmp_path / "data.yaml", include_bundled=False)
    assert [problem.code for problem in info.value.problems] == ["attested-before-start"]
    assert info.value.problems[0].field == "citations[0]"


@pytest.mark.parametrize("start", ["2024", "[2024-12-09..2025]", "202X"])
def test_a_citation_on_a_day_the_tie_may_have_started_is_fine(tmp_path: Path, start: str) -> None:
    data = _tie(start=start, end=DROP)
    (tmp_path / "data.yaml").write_text(yaml.safe_dump(data))
    loaded = geoalign.load(tmp_path / "data.yaml", include_bundled=False)
    assert loaded.relationships_of("RUS", as_of="2024-12-09", certainty="possible")
