"""Ownership behind a sanctions answer is evidence and never changes the state.

On a small dataset of its own: Freedonia sanctions a company based in Sylvania and
owned by Ruritania; nothing else ties them.
"""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest

import geoalign
from geoalign import Dataset

OWNED = """\
sources:
  - {id: s1, title: A report, publisher: A paper, published: 2025-02, document: 001.txt}
countries:
  - {id: FRE, name: Freedonia}
  - {id: SYL, name: Sylvania}
  - {id: RUR, name: Ruritania}
organizations:
  - {id: acme, name: Acme Oil, kind: company, country: SYL}
relationships:
  - {id: fre-acme-sanctions, kind: sanctions, a: FRE, b: acme, start: 2025-01,
     confidence: confirmed, summary: Freedonia sanctioned Acme.,
     citations: [{source: s1, quote: Freedonia imposed sanctions on Acme}]}
  - {id: rur-acme-ownership, kind: ownership, a: RUR, b: acme, start: 2008,
     confidence: confirmed, summary: Ruritania owns Acme.,
     citations: [{source: s1, quote: "Acme, majority-owned by Ruritania"}]}
"""


@pytest.fixture(scope="module")
def owned(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    path: Path = tmp_path_factory.mktemp("owned") / "owned.yaml"
    path.write_text(OWNED, encoding="utf-8")
    return geoalign.load(path, include_bundled=False)


def test_a_sanction_on_an_owned_company_is_shown_but_is_no_sanction_on_the_owner(
    owned: Dataset,
) -> None:
    plain = owned.sanction_status("FRE", "RUR")
    answer = owned.explain_sanctions("FRE", "RUR")
    assert answer.status == plain  # the state is the plain query's
    assert answer.status.state is geoalign.SanctionState.UNKNOWN
    assert [t.relationship.id for t in answer.on_owned] == ["fre-acme-sanctions"]
    assert [t.relationship.id for t in answer.ownership] == ["rur-acme-ownership"]
    assert "fre-acme-sanctions on acme, owned by RUR" in answer.summary
    jsonschema.validate(answer.to_dict(), geoalign.ANSWER_SCHEMA)


def test_the_owner_of_a_sanctioned_company_based_in_the_target_is_named(owned: Dataset) -> None:
    answer = owned.explain_sanctions("FRE", "SYL")
    assert answer.status.state is geoalign.SanctionState.IMPOSED
    assert [t.relationship.id for t in answer.measures] == ["fre-acme-sanctions"]
    assert [t.relationship.id for t in answer.ownership] == ["rur-acme-ownership"]
    assert answer.on_owned == ()
    quote = answer.to_dict()["ownership"][0]["quotes"][0]["quote"]
    assert quote == "Acme, majority-owned by Ruritania"
    jsonschema.validate(answer.to_dict(), geoalign.ANSWER_SCHEMA)


def test_no_ownership_where_the_data_holds_none(owned: Dataset) -> None:
    answer = owned.explain_sanctions("SYL", "RUR")
    assert answer.on_owned == ()
    assert answer.ownership == ()
