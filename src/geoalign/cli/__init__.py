"""The ``geoalign`` command line (also ``python -m geoalign``): see :mod:`geoalign.cli.commands`.

Importing this package is cheap (:mod:`geoalign.cli.main` is the console script's entry
point and imports the commands only when it runs).
"""

from geoalign.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
