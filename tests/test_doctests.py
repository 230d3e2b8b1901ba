"""Every docstring example of the installed package runs, as doctests."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import geoalign

MODULES = sorted(info.name for info in pkgutil.walk_packages(geoalign.__path__, prefix="geoalign."))
FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


@pytest.mark.parametrize("name", ["geoalign", *MODULES])
def test_the_examples_of_a_module_pass(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=FLAGS, verbose=False, report=True)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_package_has_examples() -> None:
    finder = doctest.DocTestFinder()
    examples = sum(
        len(test.examples)
        for name in ["geoalign", *MODULES]
        for test in finder.find(importlib.import_module(name))
    )
    assert examples > len(MODULES)
