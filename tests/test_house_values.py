"""A value outside a vocabulary: one error type and one wording, in files and in queries.

A bad kind, confidence or certainty is an :class:`~geoalign.errors.InvalidValueError`
(a :class:`ValueError`) when a query is given it, and a ``bad-value`` problem of a
:class:`~geoalign.DatasetError` when a dataset file holds it; both say the same words,
listing every value allowed.
"""

from __future__ import annotations

import enum
from pathlib import Path

import pytest
from tests.loading_helpers import base_data, load_error

import geoalign
from geoalign.errors import ArgumentTypeError, GeoalignError, InvalidValueError
from geoalign.formats.convert import CONVERTER, structure
from geoalign.model import kinds
from geoalign.model.kinds import (
    Certainty,
    Confidence,
    EventKind,
    OrganizationKind,
    RelationshipKind,
    member,
    vocabularies,
)


def allowed(kind: type[enum.Enum]) -> str:
    return ", ".join(option.value for option in kind)


def test_the_error_is_a_geoalign_error_and_a_value_error() -> None:
    assert issubclass(InvalidValueError, GeoalignError)
    assert issubclass(InvalidValueError, ValueError)


def test_every_enum_of_the_vocabularies_module_is_found() -> None:
    found = {
        value
        for value in vars(kinds).values()
        if isinstance(value, type) and issubclass(value, enum.Enum)
    }
    assert set(vocabularies()) == found
    assert {Certainty, Confidence, EventKind, OrganizationKind, RelationshipKind} <= found


@pytest.mark.parametrize("kind", vocabularies(), ids=lambda kind: kind.__name__)
def test_the_converter_words_every_vocabulary_as_member_does(kind: type[enum.Enum]) -> None:
    with pytest.raises(InvalidValueError) as by_member:
        member(kind, "no-such-value")
    with pytest.raises(InvalidValueError) as by_converter:
        structure("no-such-value", kind)
    assert str(by_converter.value) == str(by_member.value)
    assert str(by_member.value).endswith(f" (one of: {allowed(kind)})")
    first = next(iter(kind))
    assert structure(first.value, kind) is first
    assert CONVERTER.get_structure_hook(kind)(first.value, kind) is first


def test_member_takes_a_member_or_its_value_and_nothing_else() -> None:
    assert member(Certainty, Certainty.POSSIBLE) is Certainty.POSSIBLE
    assert member(Certainty, "definite") is Certainty.DEFINITE
    for bad in ("Definite", "", 1, None, Confidence.CONFIRMED):
        with pytest.raises(InvalidValueError, match=r"is not a known certainty \(one of: "):
            member(Certainty, bad)


def test_a_bad_kind_reads_the_same_in_a_file_and_in_a_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = base_data()
    data["relationships"][0]["kind"] = "ally"
    error = load_error(tmp_path, monkeypatch, {"data.yaml": data})
    (problem,) = error.problems
    assert (problem.code, problem.field) == ("bad-value", "kind")
    with pytest.raises(InvalidValueError) as in_query:
        geoalign.allies_of("Russia", kinds="ally")
    assert problem.message == str(in_query.value)
    assert problem.message == (
        f"'ally' is not a known relationship kind (one of: {allowed(RelationshipKind)})"
    )
    with pytest.raises(InvalidValueError) as in_a_list:
        geoalign.allies_of("Russia", kinds=["alliance", "ally"])
    assert str(in_a_list.value) == problem.message


def test_a_bad_confidence_in_a_file_lists_the_confidences(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = base_data()
    data["events"][0]["citations"][0]["confidence"] = "certain"
    (problem,) = load_error(tmp_path, monkeypatch, {"data.yaml": data}).problems
    assert (problem.code, problem.field) == ("bad-value", "citations[0].confidence")
    with pytest.raises(InvalidValueError) as in_code:
        member(Confidence, "certain")
    assert problem.message == str(in_code.value)
    assert problem.message.endswith(f"(one of: {allowed(Confidence)})")


@pytest.mark.parametrize(
    "query",
    [
        lambda: geoalign.allies_of("Russia", certainty="maybe"),
        lambda: geoalign.relationships_of("Russia", certainty="maybe"),
        lambda: geoalign.timeline_between("Russia", "Syria", certainty="maybe"),
    ],
)
def test_a_bad_certainty_lists_the_certainties(query: object) -> None:
    with pytest.raises(InvalidValueError) as caught:
        query()  # type: ignore[operator]
    assert str(caught.value) == "'maybe' is not a known certainty (one of: definite, possible)"


def test_a_kind_of_the_wrong_type_in_a_list_is_a_type_error() -> None:
    with pytest.raises(ArgumentTypeError, match=r"^kinds must be relationship kinds") as caught:
        geoalign.allies_of("Russia", kinds=["alliance", 5])  # type: ignore[list-item]
    assert "int 5" in str(caught.value)
