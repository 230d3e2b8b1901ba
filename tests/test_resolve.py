"""Name folding and actor resolution, by example, on small hand-written datasets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

import geoalign
from geoalign import (
    AmbiguousActorError,
    ArgumentTypeError,
    Dataset,
    GeoalignError,
    UnknownActorError,
)
from geoalign.model.names import fold

ACTORS: dict[str, list[dict[str, Any]]] = {
    "countries": [
        {
            "id": "RUS",
            "name": "Russia",
            "aliases": ["Russian Federation", "RU"],
            "metonyms": ["Moscow", "the Kremlin"],
        },
        {"id": "SYR", "name": "Syria", "aliases": ["SY"], "metonyms": ["Damascus"]},
        {"id": "TUR", "name": "Türkiye", "aliases": ["Turkey", "TR"], "metonyms": ["Ankara"]},
        {"id": "USA", "name": "United States", "aliases": ["U.S.", "United States of America"]},
        {"id": "SRB", "name": "Serbia", "aliases": ["Republic of Serbia", "RS"]},
    ],
    "organizations": [
        # "Moscow" is a strong name here and only a metonym of Russia.
        {"id": "moscow-city", "name": "Moscow", "kind": "agency", "country": "RUS"},
        # "Damascus" is a metonym of two actors: on its own it names neither.
        {"id": "syrian-government", "name": "Syrian government", "kind": "agency",
         "country": "SYR", "metonyms": ["Damascus"]},
        {"id": "hts", "name": "Hay'at Tahrir al-Sham", "kind": "armed_group", "aliases": ["HTS"]},
    ],
    "persons": [
        {"id": "bashar-al-assad", "name": "Bashar al-Assad", "aliases": ["Assad"]},
        {"id": "aleksandar-vucic", "name": "Aleksandar Vučić", "aliases": ["Vučić"]},
    ],
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    return load_yaml(tmp_path_factory.mktemp("resolve") / "actors.yaml", ACTORS)


def load_yaml(path: Path, collections: dict[str, list[dict[str, Any]]]) -> Dataset:
    """Write ``collections`` as one dataset file and load it on its own."""
    path.write_text(yaml.safe_dump(collections, allow_unicode=True), encoding="utf-8")
    return geoalign.load(path, include_bundled=False)


@pytest.mark.parametrize(
    ("name", "folded"),
    [
        ("Türkiye", "turkiye"),
        ("TURKIYE", "turkiye"),
        ("Tu\u0308rkiye", "turkiye"),  # decomposed accent
        ("U.S.", "us"),
        ("u.s.", "us"),
        ("The Kremlin", "kremlin"),
        ("  the   Kremlin ", "kremlin"),
        ("Bashar al-Assad", "bashar al assad"),
        ("Hay\u2019at Tahrir al-Sham", "hay'at tahrir al sham"),
        ("Vučić", "vucic"),
        ("the", "the"),  # a lone "the" is a name, not an empty one
        ("Theodor", "theodor"),  # only the word "the" goes, not a prefix
    ],
)
def test_fold(name: str, folded: str) -> None:
    assert fold(name) == folded


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("RUS", "RUS"),
        ("rus", "RUS"),
        ("Russia", "RUS"),
        ("RUSSIA", "RUS"),
        ("the Russian Federation", "RUS"),
        ("russian-federation", "RUS"),
        ("Türkiye", "TUR"),
        ("Turkiye", "TUR"),
        ("turkey", "TUR"),
        ("U.S.", "USA"),
        ("US", "USA"),
        ("u.s", "USA"),
        ("The United States", "USA"),
        ("Bashar al Assad", "bashar-al-assad"),
        ("BASHAR-AL-ASSAD", "bashar-al-assad"),
        ("assad", "bashar-al-assad"),
        ("Vucic", "aleksandar-vucic"),
        ("aleksandar vučić", "aleksandar-vucic"),
        ("Hay\u2019at Tahrir al-Sham", "hts"),
        ("the Kremlin", "RUS"),  # a metonym no one has as a strong name
        ("Kremlin", "RUS"),
        ("Ankara", "TUR"),
    ],
)
def test_resolve_finds(dataset: Dataset, name: str, expected: str) -> None:
    assert dataset.resolve(name).id == expected


def test_strong_name_beats_metonym(dataset: Dataset) -> None:
    # Russia's metonym "Moscow" is the city's own name: the city wins.
    assert dataset.resolve("Moscow").id == "moscow-city"
    assert dataset.resolve("moscow").id == "moscow-city"


def test_metonym_of_two_actors_is_ambiguous(dataset: Dataset) -> None:
    with pytest.raises(UnknownActorError) as caught:
        dataset.resolve("damascus")
    err = caught.value
    assert isinstance(err, AmbiguousActorError)
    assert err.suggestions == (("Syria", "SYR"), ("Syrian government", "syrian-government"))
    assert str(err) == (
        "ambiguous actor 'damascus': it could mean 'Syria' (SYR) or "
        "'Syrian government' (syrian-government); use an id"
    )


def test_strong_name_of_two_actors_is_ambiguous(tmp_path: Path) -> None:
    ds = load_yaml(
        tmp_path / "twins.yaml",
        {
            "countries": [
                {"id": "NER", "name": "Niger"},
                {"id": "NGA", "name": "Nigeria", "aliases": ["Niger"]},
            ]
        },
    )
    with pytest.raises(UnknownActorError) as caught:
        ds.resolve("NIGER")
    assert isinstance(caught.value, AmbiguousActorError)
    assert {actor_id for _, actor_id in caught.value.suggestions} == {"NER", "NGA"}
    # An exact id is never ambiguous.
    assert ds.resolve("NER").name == "Niger"


def test_suggestion_for_a_typo(dataset: Dataset) -> None:
    with pytest.raises(UnknownActorError) as caught:
        dataset.resolve("Rusia")
    assert str(caught.value) == "unknown actor 'Rusia'; did you mean 'Russia' (RUS)?"
    assert caught.value.suggestions == (("Russia", "RUS"),)
    assert not isinstance(caught.value, AmbiguousActorError)


@pytest.mark.parametrize("name", ["Rusia", "Russi", "Serbja", "Turkie", "Asad", "HTS rebels", ""])
def test_no_fuzzy_guess(dataset: Dataset, name: str) -> None:
    with pytest.raises(UnknownActorError) as caught:
        dataset.resolve(name)
    assert isinstance(caught.value, LookupError)
    assert isinstance(caught.value, GeoalignError)
    assert not isinstance(caught.value, AmbiguousActorError)


def test_far_name_has_no_suggestion(dataset: Dataset) -> None:
    with pytest.raises(UnknownActorError) as caught:
        dataset.resolve("Atlantis")
    assert caught.value.suggestions == ()
    assert str(caught.value) == "unknown actor 'Atlantis'"


def test_actor_objects(dataset: Dataset, tmp_path: Path) -> None:
    russia = dataset.resolve("Russia")
    assert dataset.resolve(russia) == russia
    # An actor of another dataset, under an id this one has, is not taken for Russia.
    other = load_yaml(tmp_path / "other.yaml", {"countries": [{"id": "RUS", "name": "Rossiya"}]})
    with pytest.raises(UnknownActorError):
        dataset.resolve(other.resolve("RUS"))


@pytest.mark.parametrize("not_a_name", [42, None, b"Russia", ("RUS",)])
def test_a_value_that_is_no_name_is_a_type_error(dataset: Dataset, not_a_name: Any) -> None:
    with pytest.raises(ArgumentTypeError, match=r"^name must be an actor or its id") as caught:
        dataset.resolve(not_a_name)
    assert isinstance(caught.value, TypeError)


def test_ids_of_other_records_are_not_actors(tmp_path: Path) -> None:
    ds = load_yaml(
        tmp_path / "mixed.yaml",
        {
            "sources": [
                {"id": "s1", "title": "T", "publisher": "P", "published": "2024", "document": "d"}
            ],
            "countries": [{"id": "RUS", "name": "Russia"}],
        },
    )
    with pytest.raises(UnknownActorError):
        ds.resolve("s1")


def test_queries_raise_unknown_actor(dataset: Dataset) -> None:
    with pytest.raises(UnknownActorError, match="did you mean 'Russia'"):
        dataset.allies_of("Rusia", as_of="2024")
    with pytest.raises(UnknownActorError):
        dataset.sanction_status("Russia", "Atlantis", as_of="2024")
    with pytest.raises(UnknownActorError):
        dataset.timeline_between("Damascus", "Russia")


def test_unknown_names_of_any_length_are_not_kept(dataset: Dataset) -> None:
    # Caches keyed by what users type stay small: 20 distinct 1 MB names keep no MB.
    import tracemalloc

    dataset.resolve("Russia")  # what a first call caches for good
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(20):
            with pytest.raises(UnknownActorError):
                dataset.resolve(f"{i:02d}" + "x" * 1_000_000)
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 1_000_000


# -- a word of actors' names ----------------------------------------------------------------

KOREAS = [
    {"id": "KOR", "name": "South Korea", "aliases": ["Republic of Korea"]},
    {"id": "PRK", "name": "North Korea", "aliases": ["Democratic People's Republic of Korea"]},
    {"id": "KEN", "name": "Kenya"},
]


@pytest.mark.parametrize("order", [1, -1])
def test_a_word_of_several_names_suggests_each_actor_in_one_order(
    tmp_path: Path, order: int
) -> None:
    ds = load_yaml(tmp_path / "koreas.yaml", {"countries": KOREAS[::order]})
    with pytest.raises(UnknownActorError) as caught:
        ds.resolve("korea")
    assert not isinstance(caught.value, AmbiguousActorError)  # a suggestion, not a match
    # the shortest name holding the word first, then by name: whatever the dataset's order
    assert caught.value.suggestions == (("North Korea", "PRK"), ("South Korea", "KOR"))
    with pytest.raises(UnknownActorError) as caught:
        ds.resolve("Republic")
    assert caught.value.suggestions == (("South Korea", "KOR"), ("North Korea", "PRK"))


@pytest.mark.parametrize(
    ("name", "suggested"),
    [
        ("States", [("United States", "USA")]),
        ("tahrir", [("Hay'at Tahrir al-Sham", "hts")]),
        ("al", [("Bashar al-Assad", "bashar-al-assad"), ("Hay'at Tahrir al-Sham", "hts")]),
        ("al Tahrir", []),  # whole words in their order, not any of them
        ("stat", []),  # a whole word, not part of one
    ],
)
def test_a_word_of_a_name_suggests_its_actor(
    dataset: Dataset, name: str, suggested: list[tuple[str, str]]
) -> None:
    with pytest.raises(UnknownActorError) as caught:
        dataset.resolve(name)
    assert list(caught.value.suggestions) == suggested


def test_korea_suggests_north_korea_in_the_bundled_data() -> None:
    with pytest.raises(UnknownActorError) as caught:
        geoalign.load().resolve("Korea")
    assert caught.value.suggestions
    for _, actor_id in caught.value.suggestions:
        assert "korea" in fold(geoalign.load().resolve(actor_id).name).split()
    assert ("North Korea", "PRK") in caught.value.suggestions
    assert "did you mean 'North Korea' (PRK)" in str(caught.value)


def test_a_common_word_gives_a_few_suggestions_not_every_actor() -> None:
    with pytest.raises(UnknownActorError) as caught:
        geoalign.load().resolve("Syrian")
    assert 1 < len(caught.value.suggestions) <= 5


def test_a_long_name_is_echoed_as_every_value_is_cut_in_the_middle() -> None:
    from geoalign.errors import ECHO, UnknownActorError, clipped

    name = "Russia" + "x" * 10_000 + "\x1bEND"
    message = str(UnknownActorError(name))
    assert message == f"unknown actor {clipped(repr(name))}"
    assert message.startswith("unknown actor 'Russiaxx")
    assert message.endswith("\\x1bEND'")
    assert len(message) == len("unknown actor ") + ECHO
