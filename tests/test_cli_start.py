"""What the command does for a quick start: the collector off for a bundled answer only."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli_sample import (
    Cap,
    data_fixture,  # noqa: F401 - pytest finds the "data" fixture among this module's names
    run,
)

_AFTER = """\
import gc, sys
from geoalign.cli.main import main
sys.argv = ["geoalign", *sys.argv[1:]]
status = main()
print("collector", "on" if gc.isenabled() else "off", status)
"""
"""A process whose command runs as the console script runs it (``main()``, no argv),
then says whether the collector is on."""


def _collector_after(*argv: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _AFTER, *argv], capture_output=True, text=True, check=False
    )
    return done.stdout.splitlines()[-1]


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["allies", "Russia"], "collector off 0"),
        (["sanctions", "USA", "HTS", "--json"], "collector off 1"),
        (["--no-bundled", "validate", "{data}"], "collector on 0"),
        (
            ["--data", "{data}", "--no-bundled", "allies", "RUS", "--as-of", "2023"],
            "collector on 0",
        ),
    ],
)
def test_the_collector_is_off_only_for_an_answer_from_the_bundled_data(
    argv: list[str], said: str, data: Path
) -> None:
    assert _collector_after(*(word.format(data=data) for word in argv)) == said


def test_main_with_argv_leaves_the_collector_alone(capsys: Cap) -> None:
    import gc

    assert gc.isenabled()
    assert run(capsys, "allies", "Russia")[0] == 0
    assert gc.isenabled()


_DEFINED = """\
import sys
from geoalign.cli.main import main
sys.argv = ["geoalign", *sys.argv[1:]]
main()
print(*sorted(name for name in sys.modules if name.startswith("geoalign.")))
"""
"""A process answering as the console script does, then naming geoalign's modules it imported."""

_ELSEWHERE = ("geoalign.model.explained_others", "geoalign.store.explain_others")
"""The modules of the explained answers but the allies (their classes cost a cold start)."""


@pytest.mark.parametrize(
    ("argv", "imported"),
    [(["allies", "Russia"], False), (["sanctions", "USA", "HTS"], True)],
)
def test_an_allies_answer_defines_no_other_answer(argv: list[str], imported: bool) -> None:
    done = subprocess.run(
        [sys.executable, "-c", _DEFINED, *argv], capture_output=True, text=True, check=False
    )
    modules = done.stdout.split()
    assert "geoalign.model.explained" in modules
    assert all((name in modules) is imported for name in _ELSEWHERE)


def test_the_other_answers_are_named_from_model_explained() -> None:
    import geoalign.model.explained as explained
    from geoalign.model import explained_others

    for name in explained_others.__all__:
        assert getattr(explained, name) is getattr(explained_others, name)
        assert name in explained.__all__
        assert name in dir(explained)
    with pytest.raises(AttributeError, match="no attribute 'Nothing'"):
        explained.Nothing  # noqa: B018 - the lookup is what is tested
