"""The dataset's own bridges give what the interop functions give for it."""

from __future__ import annotations

from pathlib import Path

import pytest

import geoalign
from geoalign import interop

DS = geoalign.load()


@pytest.mark.parametrize("name", ["to_graphml", "to_gexf"])
def test_graph_files_are_the_interop_ones(name: str, tmp_path: Path) -> None:
    text = getattr(DS, name)()
    assert text == getattr(interop, name)(DS)
    path = tmp_path / "graph.xml"
    assert getattr(DS, name)(path) is None
    assert path.read_text("utf-8") == text


def test_pictures_are_the_interop_ones() -> None:
    network = DS.plot_network("Serbia", "2025", certainty="possible")
    same = interop.plot_network(DS, "Serbia", "2025", certainty="possible")
    assert [t.get_text() for t in network.axes[0].texts] == [
        t.get_text() for t in same.axes[0].texts
    ]
    timeline = DS.plot_timeline("Russia", "Syria", start="2024-12")
    labels = [label.get_text() for label in timeline.axes[0].get_yticklabels()]
    expected = [e.id for e in DS.timeline_between("Russia", "Syria", start="2024-12")]
    assert sorted(labels) == sorted(expected)
