"""GraphML and GEXF files: read back with networkx, every node, edge and attribute survives."""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import networkx
import pytest
from hypothesis import given
from tests.strategies import DATASET_SETTINGS, datasets

import geoalign
from geoalign import Dataset, GeoalignError, MissingExtraError
from geoalign.interop import to_networkx
from geoalign.interop.graphs import to_gexf, to_graphml
from geoalign.model.records import Records

GEXF_NAMES = {"start": "start_date", "end": "end_date"}
# Characters outside XML 1.0's Char production (surrogates aside: no dataset holds one).
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def encoded(attributes: dict[str, Any], renamed: dict[str, str]) -> dict[str, Any]:
    """What the module promises to write for these to_networkx attributes."""
    return {
        renamed.get(name, name): json.dumps(value, ensure_ascii=False)
        if isinstance(value, list)
        else value
        for name, value in attributes.items()
        if value is not None
    }


def assert_same_graph(read: Any, dataset: Dataset, renamed: dict[str, str]) -> None:
    expected = to_networkx(dataset)
    assert read.is_directed()
    # A GEXF node's id is its element's id, not an attribute: networkx reads it as the key.
    own_id = {"id"} if renamed else set()
    assert dict(read.nodes(data=True)) == {
        node: {**_without(encoded(data, renamed), own_id), "label": data["name"]}
        for node, data in expected.nodes(data=True)
    }
    # Edges are matched by their ids: networkx reads a GEXF file without parallel
    # edges as a DiGraph, whose edges have no keys.
    found = {(u, v, data["id"]): data for u, v, data in read.edges(data=True)}
    assert read.number_of_edges() == len(found) == expected.number_of_edges()
    for u, v, key, data in expected.edges(keys=True, data=True):
        assert found[u, v, key] == encoded(data, renamed)


def _without(data: dict[str, Any], names: set[str]) -> dict[str, Any]:
    return {name: value for name, value in data.items() if name not in names}


def read_graphml(text: str) -> Any:
    return networkx.read_graphml(io.StringIO(text), force_multigraph=True)


def read_gexf(text: str) -> Any:
    return networkx.read_gexf(io.BytesIO(text.encode("utf-8")))


def test_the_bundled_dataset_survives_graphml() -> None:
    dataset = geoalign.load()
    read = read_graphml(to_graphml(dataset) or "")
    assert_same_graph(read, dataset, {})
    assert sorted(key for *_, key in read.edges(keys=True)) == sorted(
        r.id for r in dataset.relationships
    )
    assert read.number_of_nodes() == len(list(dataset.actors()))


def test_the_bundled_dataset_survives_gexf() -> None:
    dataset = geoalign.load()
    assert_same_graph(read_gexf(to_gexf(dataset) or ""), dataset, GEXF_NAMES)


def test_a_none_is_left_out_and_a_list_is_json() -> None:
    read = read_graphml(to_graphml(geoalign.load()) or "")
    alliance = read.edges["RUS", "SYR", "rus-syr-alliance"]
    assert "start" not in alliance  # the dataset gives no start
    assert alliance["end"] == str(geoalign.load().get("rus-syr-alliance").end)  # type: ignore[union-attr]
    assert json.loads(read.nodes["RUS"]["aliases"]) == ["Russian Federation", "RU"]
    first = json.loads(alliance["citations"])[0]
    assert (first["source"], first["quote"]) == (
        "see-news-2022-02-26",
        "Thus, Moscow is the closest friend to Damascus",
    )


@DATASET_SETTINGS
@given(datasets())
def test_generated_datasets_survive_both_formats(dataset: Dataset) -> None:
    if any(NOT_XML.search(text) for text in texts_in(to_networkx(dataset))):
        with pytest.raises(GeoalignError):
            to_graphml(dataset)
        return
    assert_same_graph(read_graphml(to_graphml(dataset) or ""), dataset, {})
    assert_same_graph(read_gexf(to_gexf(dataset) or ""), dataset, GEXF_NAMES)


def texts_in(graph: Any) -> Iterator[str]:
    """The text values among a graph's attributes (lists are written as JSON, escaped)."""
    for data in [*(d for _, d in graph.nodes(data=True)), *(d for *_, d in graph.edges(data=True))]:
        yield from (value for value in data.values() if isinstance(value, str))


@pytest.mark.parametrize(("write", "read"), [(to_graphml, read_graphml), (to_gexf, read_gexf)])
def test_a_path_gets_the_same_document(write: Any, read: Any, tmp_path: Path) -> None:
    dataset = geoalign.load()
    target = tmp_path / "graph.xml"
    assert write(dataset, target) is None
    from_file = read(target.read_text("utf-8"))
    assert networkx.utils.graphs_equal(from_file, read(write(dataset)))


def with_summary(summary: str) -> Dataset:
    """The bundled dataset, its first relationship's summary replaced."""
    bundled = geoalign.load()
    changed = attrs.evolve(bundled.relationships[0], summary=summary)
    records = Records(
        *(getattr(bundled, name) for name in ("sources", "countries", "organizations", "persons")),
        relationships=(changed, *bundled.relationships[1:]),
        events=bundled.events,
    )
    # Unchecked: the loader and Dataset.from_records refuse control characters, but a
    # dataset's records may come from elsewhere.
    return Dataset._from_records(records)


def test_line_breaks_and_spaces_survive() -> None:
    awkward = "a\r\nb\rc\td\u2028e\x85f  "
    dataset = with_summary(awkward)
    assert_same_graph(read_graphml(to_graphml(dataset) or ""), dataset, {})
    assert_same_graph(read_gexf(to_gexf(dataset) or ""), dataset, GEXF_NAMES)


@pytest.mark.parametrize("write", [to_graphml, to_gexf])
def test_a_character_xml_cannot_hold_is_refused(write: Any) -> None:
    dataset = with_summary("bad \x01 byte")
    with pytest.raises(GeoalignError) as caught:
        write(dataset)
    assert dataset.relationships[0].id in str(caught.value)
    assert "'summary'" in str(caught.value)


@pytest.mark.parametrize("write", [to_graphml, to_gexf])
def test_without_networkx_the_error_names_the_extra(
    write: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "networkx", None)  # import networkx now fails
    with pytest.raises(MissingExtraError) as caught:
        write(geoalign.load())
    assert caught.value.extra == "networkx"
    assert write.__name__ in str(caught.value)
