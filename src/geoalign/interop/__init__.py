"""Bridges to other tools: networkx and pandas (optional extras), and JSON Schema.

``pip install 'geoalign[networkx]'`` or ``'geoalign[pandas]'`` brings networkx or pandas
in; they are imported only when :func:`to_networkx` or :func:`to_pandas` is called.
:func:`dataset_schema` describes the dataset file format for JSON Schema validators.
"""

from geoalign.formats.schema import dataset_schema
from geoalign.interop.frames import DataFrame, MultiDiGraph, to_networkx, to_pandas

__all__ = ["DataFrame", "MultiDiGraph", "dataset_schema", "to_networkx", "to_pandas"]
