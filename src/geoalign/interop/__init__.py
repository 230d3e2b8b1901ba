"""Bridges to other tools: networkx, pandas, Gephi files and pictures (optional extras).

``pip install 'geoalign[networkx]'``, ``'geoalign[pandas]'`` or ``'geoalign[plot]'``
brings the library in; each is imported only when a function that needs it is called.
:func:`dataset_schema` describes the dataset file format for JSON Schema validators.
"""

from geoalign.formats.schema import dataset_schema
from geoalign.interop.frames import DataFrame, MultiDiGraph, to_networkx, to_pandas
from geoalign.interop.graphs import to_gexf, to_graphml
from geoalign.interop.plot import plot_network, plot_timeline

__all__ = [
    "DataFrame",
    "MultiDiGraph",
    "dataset_schema",
    "plot_network",
    "plot_timeline",
    "to_gexf",
    "to_graphml",
    "to_networkx",
    "to_pandas",
]
