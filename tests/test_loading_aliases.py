"""A user's dataset adds names to actors, bundled or its own, through an ``aliases`` collection."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from tests.cli_sample import run
from tests.loading_helpers import BASE_TEXT, load_error

import geoalign
from geoalign.formats.schema import dataset_schema


def test_an_alias_of_a_bundled_actor_answers_as_the_actor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = tmp_path / "extra.yaml"
    extra.write_text("aliases:\n  - {actor: RUS, names: [Rossiya]}\n")
    by_alias = run(capsys, "--data", str(extra), "allies", "Rossiya")
    assert by_alias == run(capsys, "allies", "Russia")
    assert by_alias[0] == 0
    assert "Serbia" in by_alias[1]


def test_the_names_are_appended_to_the_actors_aliases(tmp_path: Path) -> None:
    extra = tmp_path / "extra.jsonl"
    lines = [
        {"type": "alias", "actor": "RUS", "names": ["Rossiya", "Rossiyskaya Federatsiya"]},
        {"type": "alias", "actor": "hts", "names": ["Tahrir al-Sham"]},
    ]
    extra.write_text("".join(json.dumps(line) + "\n" for line in lines))
    loaded = geoalign.load(extra)
    russia = geoalign.load().get("RUS")
    assert loaded.get("RUS").aliases == (*russia.aliases, "Rossiya", "Rossiyskaya Federatsiya")
    assert loaded.resolve("rossiya").id == "RUS"
    assert loaded.resolve("Tahrir al-Sham").id == "hts"
    assert geoalign.load().get("RUS") == russia  # the bundled actor itself is unchanged


def test_an_alias_of_the_users_own_actor(tmp_path: Path) -> None:
    text = BASE_TEXT + "aliases:\n  - {actor: SYR, names: [Suriya]}\n"
    (tmp_path / "mine.yaml").write_text(text)
    loaded = geoalign.load(tmp_path / "mine.yaml", include_bundled=False)
    assert loaded.resolve("Suriya").name == "Syria"


def test_a_name_the_actor_has_already_is_left_as_it_is(tmp_path: Path) -> None:
    # The same entry twice, and a name the bundled data gives Russia already.
    entry = "  - {actor: RUS, names: [Rossiya, russian federation]}\n"
    (tmp_path / "extra.yaml").write_text("aliases:\n" + entry + entry)
    aliases = geoalign.load(tmp_path / "extra.yaml").get("RUS").aliases
    assert aliases == (*geoalign.load().get("RUS").aliases, "Rossiya")


BAD_ENTRIES = {
    "unknown-actor": (
        {"actor": "XYZ", "names": ["Somewhere"]},
        "extra.yaml:2: alias #1, field 'actor': 'XYZ': no country, organization or person has this id",
    ),
    "not-an-actor": (
        {"actor": "s1", "names": ["Somewhere"]},
        "extra.yaml:2: alias #1, field 'actor': 's1': no country, organization or person has this id",
    ),
    "alias-taken": (
        {"actor": "RUS", "names": ["Rossiya", "syria"]},
        "extra.yaml:5: alias #1, field 'names[1]': 'syria' is already a name of SYR",
    ),
    "alias-taken-as-resolve-folds": (
        # Accents, dots, hyphens and a leading "the" fold away, as resolve folds them.
        {"actor": "RUS", "names": ["The S.ýria"]},
        "extra.yaml:4: alias #1, field 'names[0]': 'The S.ýria' is already a name of SYR",
    ),
    "alias-taken-from-a-metonym": (
        {"actor": "SYR", "names": ["the Kremlin"]},
        "extra.yaml:4: alias #1, field 'names[0]': 'the Kremlin' is already a name of RUS",
    ),
    "no-names": (
        {"actor": "RUS", "names": []},
        "extra.yaml:3: alias #1, field 'names': give at least one name",
    ),
    "empty-text": (
        {"actor": "RUS", "names": ["  "]},
        "extra.yaml:4: alias #1, field 'names[0]': must not be empty",
    ),
    "unknown-field": (
        {"actor": "RUS", "names": ["Rossiya"], "note": "x"},
        "extra.yaml:5: alias #1: unknown field 'note'",
    ),
}


@pytest.mark.parametrize(("entry", "expected"), BAD_ENTRIES.values(), ids=BAD_ENTRIES)
def test_a_bad_entry_is_a_problem_with_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, entry: dict[str, object], expected: str
) -> None:
    # The entry beside the base dataset, in a file of its own.
    files = {"mine.yaml": yaml.safe_load(BASE_TEXT), "extra.yaml": {"aliases": [entry]}}
    [problem] = load_error(tmp_path, monkeypatch, files).problems
    assert (str(problem), problem.record_type) == (expected, "alias")


def test_the_schema_describes_the_aliases_collection() -> None:
    validator = jsonschema.Draft202012Validator(dataset_schema())
    assert validator.is_valid({"aliases": [{"actor": "RUS", "names": ["Rossiya"]}]})
    assert not validator.is_valid({"aliases": [{"actor": "RUS", "names": []}]})
    assert not validator.is_valid({"aliases": [{"actor": "RUS"}]})
