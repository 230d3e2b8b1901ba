"""Ownership behind a sanctions answer is evidence and never changes the state."""

from __future__ import annotations

import jsonschema

import geoalign


def test_a_sanction_on_an_owned_company_is_shown_but_is_no_sanction_on_the_owner() -> None:
    plain = geoalign.sanction_status("USA", "Russia")
    answer = geoalign.explain_sanctions("USA", "Russia")
    assert answer.status == plain  # the state is the plain query's
    assert [t.relationship.id for t in answer.on_owned] == ["usa-nis-sanctions"]
    assert [t.relationship.id for t in answer.ownership] == ["rus-nis-ownership"]
    assert "usa-nis-sanctions on nis, owned by RUS" in answer.summary
    jsonschema.validate(answer.to_dict(), geoalign.ANSWER_SCHEMA)


def test_the_owner_of_a_sanctioned_company_based_in_the_target_is_named() -> None:
    answer = geoalign.explain_sanctions("USA", "Serbia")
    assert answer.status.state is geoalign.SanctionState.IMPOSED
    assert [t.relationship.id for t in answer.measures] == ["usa-nis-sanctions"]
    assert [t.relationship.id for t in answer.ownership] == ["rus-nis-ownership"]
    assert answer.on_owned == ()
    assert answer.to_dict()["ownership"][0]["quotes"][0]["quote"].startswith(
        "In the beginning of 2025 US imposed sanctions"
    )


def test_no_ownership_where_the_data_holds_none() -> None:
    answer = geoalign.explain_sanctions("Serbia", "Russia")
    assert answer.on_owned == ()
    assert answer.ownership == ()
