"""Every docstring example of the installed package runs, as doctests.

So do the examples of the shared test strategies, which state what they generate.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import geoalign

# A __main__ module is a script to run, not a module to import.
MODULES = [
    "geoalign",
    *sorted(
        info.name
        for info in pkgutil.walk_packages(geoalign.__path__, prefix="geoalign.")
        if not info.name.endswith(".__main__")
    ),
]
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


# .example() is what the strategies' examples are for: exploring, outside @given.
STRATEGIES = pytest.param(
    "tests.strategies",
    marks=pytest.mark.filterwarnings("ignore::hypothesis.errors.NonInteractiveExampleWarning"),
)


@pytest.mark.parametrize("name", [*MODULES, STRATEGIES])
def test_the_examples_of_a_module_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_package_has_examples() -> None:
    finder = doctest.DocTestFinder()
    examples = sum(
        len(test.examples)
        for name in MODULES
        for test in finder.find(importlib.import_module(name))
    )
    assert examples > len(MODULES)
