"""The ``geoalign`` command line (also ``python -m geoalign``): see :mod:`geoalign.cli.main`."""

from geoalign.cli.main import build_parser, main

__all__ = ["build_parser", "main"]
