"""Sphinx configuration for the geoalign documentation.

Build with ``python -m sphinx -W -n --keep-going -b html docs docs/_build/html`` and check
every example with ``-b doctest``.  The dataset reference under ``reference/generated/``
is written from the data at every build by ``_ext/geoalign_reference.py``, and the
pictures are drawn into the output by ``_ext/geoalign_pictures.py`` (matplotlib).
"""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "geoalign"
author = "The geoalign developers"
copyright = "the geoalign developers"
release = _version("geoalign")
version = ".".join(release.split(".")[:2])

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "myst_parser",  # only to include CHANGELOG.md and the data policy, kept in Markdown
    "geoalign_reference",
    "geoalign_vocab",
    "geoalign_cli",
    "geoalign_pictures",
]

source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["_build", "examples"]
# Quotes from the sources must be shown exactly as the dataset holds them.
smartquotes = False
nitpicky = True
# No network at build time, hence no intersphinx: standard-library names in signatures
# stay plain text instead of failing the nitpicky build.
nitpick_ignore = [
    ("py:class", name)
    for name in (
        "collections.abc.Iterable",
        "collections.abc.Iterator",
        "collections.abc.Mapping",
        "collections.abc.Sequence",
        "datetime.date",
        "datetime.datetime",
        "os.PathLike",
        "pathlib.Path",
    )
]
# matplotlib's own docs are not linked (no network at build time, as above).
nitpick_ignore += [("py:class", "matplotlib.figure.Figure"), ("py:class", "Figure")]

html_theme = "furo"
html_title = f"geoalign {release}"
html_static_path = ["_static"]
html_css_files = ["geoalign.css"]

autodoc_typehints = "description"
autodoc_member_order = "bysource"

# The pages' examples are ``.. doctest::`` blocks.  Docstring examples (plain ``>>>``
# blocks that autodoc brings in) are run by the test suite, in their modules' namespaces.
doctest_test_doctest_blocks = ""
# Every page's examples run from the docs folder, so the example datasets load by
# relative path and error messages show short file names.
doctest_global_setup = f"""
import os
_cwd = os.getcwd()
os.chdir({str(DOCS)!r})
import geoalign
"""
doctest_global_cleanup = "os.chdir(_cwd)"
