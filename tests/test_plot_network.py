"""plot_network: the drawn nodes and lines are the actors and ties in force, read from the artists."""

from __future__ import annotations

import io
import sys
from typing import Any

import matplotlib
import pytest
from hypothesis import assume, given
from matplotlib.patches import ArrowStyle
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import (
    Citation,
    Confidence,
    Country,
    Dataset,
    GeoalignError,
    InvalidDateError,
    MissingExtraError,
    PartialDate,
    Relationship,
    RelationshipKind,
    Source,
    UnknownActorError,
)
from geoalign.interop.plot import plot_network, plot_timeline
from geoalign.model.records import Records

BUNDLED = geoalign.load()


def drawn(figure: Any, prefix: str) -> dict[str, Any]:
    """The figure's artists whose gid starts with ``prefix``, by the rest of the gid."""
    return {
        gid.removeprefix(prefix): artist
        for artist in figure.axes[0].get_children()
        if (gid := artist.get_gid() or "").startswith(prefix)
    }


def expected_network(
    dataset: Dataset, actor: str, as_of: Any, certainty: str = "definite"
) -> tuple[set[str], set[str]]:
    """The actors and relationship ids the picture must show, from the queries alone."""
    members = {actor}
    for r in dataset.relationships_of(actor, as_of=as_of, certainty=certainty):
        members |= {r.a, r.b}
    ties = {
        r.id
        for r in dataset.relationships
        if {r.a, r.b} <= members
        and r in dataset.relationships_of(r.a, as_of=as_of, certainty=certainty)
    }
    return members, ties


def dashed(patch: Any) -> bool:
    return patch.get_linestyle() != "-"


@pytest.mark.parametrize("as_of", ["2016", "2023", "2025", "2024-12-07", "2024-12-08"])
def test_russia_is_drawn_with_every_tie_in_force_and_no_other(as_of: str) -> None:
    figure = plot_network(BUNDLED, "Russia", as_of)
    members, ties = expected_network(BUNDLED, "RUS", as_of)
    assert set(drawn(figure, "node:")) == members
    assert set(drawn(figure, "edge:")) == ties
    assert f"{len(ties)} ties among {len(members)} actors" in figure.axes[0].get_title()


def test_the_network_changes_with_the_date() -> None:
    before = drawn(plot_network(BUNDLED, "RUS", "2016"), "edge:")
    after = drawn(plot_network(BUNDLED, "RUS", "2025"), "edge:")
    assert set(before) == expected_network(BUNDLED, "RUS", "2016", "definite")[1]
    assert set(after) == expected_network(BUNDLED, "RUS", "2025", "definite")[1]
    assert set(before) != set(after)


@pytest.mark.parametrize("as_of", ["2016", "2023", "2025"])
def test_possible_ties_come_dashed(as_of: str) -> None:
    figure = plot_network(BUNDLED, "RUS", as_of, certainty="possible")
    members, ties = expected_network(BUNDLED, "RUS", as_of, "possible")
    lines = drawn(figure, "edge:")
    assert set(drawn(figure, "node:")) == members
    assert set(lines) == ties
    sure = {r.id for r in BUNDLED.relationships if r in BUNDLED.relationships_of(r.a, as_of=as_of)}
    assert {i for i, line in lines.items() if not dashed(line)} == ties & sure
    assert any(dashed(line) for line in lines.values()) == bool(ties - sure)
    (legend,) = figure.legends
    labels = [text.get_text() for text in legend.get_texts()]
    assert ("possibly in force" in labels) == bool(ties - sure)


def test_in_2016_most_ties_of_russia_are_only_possible() -> None:
    # Most ties have no start date: before their first attestation they may hold.
    lines = drawn(plot_network(BUNDLED, "RUS", "2016", certainty="possible"), "edge:")
    assert sum(dashed(line) for line in lines.values()) > len(lines) / 2


def test_a_definite_picture_has_no_dashes() -> None:
    lines = drawn(plot_network(BUNDLED, "RUS", "2016"), "edge:")
    assert not any(dashed(line) for line in lines.values())


@DATASET_SETTINGS
@given(datasets())
def test_generated_datasets_draw_the_ties_in_force(dataset: Dataset) -> None:
    actors = [r.a for r in dataset.relationships]
    assume(actors)
    figure = plot_network(dataset, actors[0])
    members, ties = expected_network(dataset, actors[0], None)
    assert set(drawn(figure, "node:")) == members
    assert set(drawn(figure, "edge:")) == ties
    figure.clear()


def test_lines_are_coloured_by_kind_and_the_legend_names_the_kinds() -> None:
    figure = plot_network(BUNDLED, "RUS", "2023")
    colours: dict[RelationshipKind, set[tuple[float, ...]]] = {}
    for relationship_id, patch in drawn(figure, "edge:").items():
        relationship = BUNDLED.get(relationship_id)
        assert isinstance(relationship, geoalign.Relationship)
        colours.setdefault(relationship.kind, set()).add(tuple(patch.get_edgecolor()))
    assert all(len(found) == 1 for found in colours.values())  # one colour per kind
    assert len({next(iter(found)) for found in colours.values()}) == len(colours)
    (legend,) = figure.legends
    labels = [text.get_text() for text in legend.get_texts()]
    kinds = [kind.value for kind in RelationshipKind if kind in colours]
    assert labels == [*kinds, "country", "organization"]


def test_every_kind_has_a_colour_of_its_own() -> None:
    source = Source(id="s1", title="T", publisher="P", published=PartialDate(2024), document="d")
    ties = tuple(
        Relationship(
            id=f"tie-{kind.value}",
            kind=kind,
            a="RUS",
            b="SYR",
            confidence=Confidence.CONFIRMED,
            summary="A tie.",
            citations=(Citation(source="s1", quote="a quote"),),
        )
        for kind in RelationshipKind
    )
    countries = (Country(id="RUS", name="Russia"), Country(id="SYR", name="Syria"))
    dataset = Dataset.from_records(
        Records(sources=(source,), countries=countries, relationships=ties)
    )
    lines = drawn(plot_network(dataset, "RUS"), "edge:")
    assert len(lines) == len(RelationshipKind)
    assert len({tuple(line.get_edgecolor()) for line in lines.values()}) == len(lines)


def test_directed_kinds_have_arrows_and_symmetric_ones_none() -> None:
    for relationship_id, patch in drawn(plot_network(BUNDLED, "RUS", "2023"), "edge:").items():
        relationship = BUNDLED.get(relationship_id)
        assert isinstance(relationship, geoalign.Relationship)
        has_head = isinstance(patch.get_arrowstyle(), ArrowStyle.CurveFilledB)
        assert has_head == relationship.kind.directed, relationship_id


def test_kinds_limit_the_lines() -> None:
    figure = plot_network(BUNDLED, "RUS", "2023", kinds=["alliance"], certainty="possible")
    lines = drawn(figure, "edge:")
    assert lines
    assert {BUNDLED.get(i).kind for i in lines} == {RelationshipKind.ALLIANCE}  # type: ignore[union-attr]
    assert set(drawn(figure, "node:")) == {"RUS"} | {
        r.b if r.a == "RUS" else r.a
        for r in BUNDLED.relationships_of(
            "RUS", as_of="2023", kinds=["alliance"], certainty="possible"
        )
    }


@pytest.mark.parametrize("kinds", ["alliance", RelationshipKind.ALLIANCE, iter(["alliance"])])
def test_one_kind_or_an_iterator_of_kinds_is_taken_as_the_queries_take_it(kinds: Any) -> None:
    lines = drawn(plot_network(BUNDLED, "RUS", "2023", kinds=kinds, certainty="possible"), "edge:")
    asked = plot_network(BUNDLED, "RUS", "2023", kinds=["alliance"], certainty="possible")
    assert lines.keys() == drawn(asked, "edge:").keys()


def test_an_actor_without_ties_is_drawn_alone() -> None:
    assert BUNDLED.relationships_of("GBR") == ()
    figure = plot_network(BUNDLED, "United Kingdom")
    assert set(drawn(figure, "node:")) == {"GBR"}
    assert drawn(figure, "edge:") == {}


def svg(figure: Any) -> bytes:
    out = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "geoalign"}):
        figure.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()


def test_the_same_call_draws_the_same_picture() -> None:
    first, second = (plot_network(BUNDLED, "RUS", "2023") for _ in range(2))
    assert svg(first) == svg(second)
    timelines = (plot_timeline(BUNDLED, "RUS", "SYR") for _ in range(2))
    assert len({svg(figure) for figure in timelines}) == 1


def test_bad_input_gets_geoalign_errors() -> None:
    with pytest.raises(UnknownActorError):
        plot_network(BUNDLED, "Atlantis")
    with pytest.raises(InvalidDateError):
        plot_network(BUNDLED, "RUS", "2024-13")
    with pytest.raises(GeoalignError):
        plot_network(BUNDLED, "RUS", certainty="sure")


@pytest.mark.parametrize(
    "draw", [lambda: plot_network(BUNDLED, "RUS"), lambda: plot_timeline(BUNDLED, "RUS")]
)
def test_without_matplotlib_the_error_names_the_plot_extra(
    draw: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib now fails
    with pytest.raises(MissingExtraError) as caught:
        draw()
    assert caught.value.extra == "plot"
    assert isinstance(caught.value, ImportError)
    assert "geoalign[plot]" in str(caught.value)
