"""Timelines with office holders: the compiled store answers as the memory store."""

from __future__ import annotations

from pathlib import Path

import pytest

import geoalign

pytest.importorskip("duckdb", reason="the compiled store needs the store extra (duckdb)")
pytest.importorskip("pyarrow", reason="the compiled store needs the store extra (pyarrow)")

PAIRS = [("Russia", "Syria"), ("Serbia", "Russia"), ("USA", "Syria"), ("Russia", "Russia")]


@pytest.fixture(scope="module")
def stores(tmp_path_factory: pytest.TempPathFactory) -> tuple[geoalign.Dataset, geoalign.Dataset]:
    import importlib.resources

    # the bundled YAML, compiled as a user's data
    data = Path(str(importlib.resources.files("geoalign").joinpath("data")))
    out = tmp_path_factory.mktemp("store") / "bundled"
    geoalign.compile_store(data, out, include_bundled=False)
    return geoalign.load(data, include_bundled=False), geoalign.open_store(out)


@pytest.mark.parametrize("pair", PAIRS)
@pytest.mark.parametrize("certainty", ["definite", "possible"])
@pytest.mark.parametrize("start", [None, "2024-12-08", "[2024-11..2024-12]"])
def test_office_holders_timeline_is_the_same_on_both_stores(
    stores: tuple[geoalign.Dataset, geoalign.Dataset],
    pair: tuple[str, str],
    certainty: str,
    start: str | None,
) -> None:
    memory, compiled = stores
    asked = {"start": start, "certainty": certainty, "officials": True}
    with_officials = memory.timeline_between(*pair, **asked)  # type: ignore[arg-type]
    assert compiled.timeline_between(*pair, **asked) == with_officials  # type: ignore[arg-type]
    plain = memory.timeline_between(*pair, start=start, certainty=certainty)
    assert set(plain) <= set(with_officials)


AGENCY = """
sources:
  - {id: s1, title: T, publisher: P, published: '2020-05-01', document: d.txt}
countries:
  - {id: AAA, name: Aland}
  - {id: BBB, name: Bland}
organizations:
  - {id: ofac, name: Office, kind: agency, country: AAA}
  - {id: firm, name: Firm, kind: company, country: BBB}
relationships:
  - id: ofac-bbb
    kind: sanctions
    a: ofac
    b: firm
    start: '2020'
    confidence: confirmed
    summary: The office sanctions a firm of Bland.
    citations: [{source: s1, quote: q}]
"""


def test_an_agency_sanction_counts_for_its_state_on_both_stores(tmp_path: Path) -> None:
    data = tmp_path / "agency.yaml"
    data.write_text(AGENCY, encoding="utf-8")
    geoalign.compile_store(data, tmp_path / "store", include_bundled=False)
    memory = geoalign.load(data, include_bundled=False)
    compiled = geoalign.open_store(tmp_path / "store")
    for imposer, target in [("AAA", "BBB"), ("ofac", "BBB"), ("AAA", "firm")]:
        # Possibly in force in 2021: a tie is definite only up to its last attestation.
        asked = {"as_of": "2021", "certainty": "possible"}
        expected = memory.sanction_status(imposer, target, **asked)
        assert expected.state is geoalign.SanctionState.IMPOSED
        got = compiled.sanction_status(imposer, target, **asked)
        assert got == expected
        assert [m.a for m in got.measures] == ["ofac"]  # the measure names its real imposer
