"""Compiled stores: a dataset validated once and written as Parquet files, answered by DuckDB.

:func:`compile_store` writes one (``geoalign compile DATA -o STORE`` on the command
line); :func:`open_store` opens it as a :class:`~geoalign.Dataset` whose queries give
the memory store's answers, from a cold process, without loading the records.  Needs
the ``store`` extra: ``pip install 'geoalign[store]'`` (DuckDB and pyarrow, imported
only when a store is compiled or opened).
"""

from __future__ import annotations

from geoalign.store.compiled.compiling import compile_store
from geoalign.store.compiled.opening import CompiledDataset, open_store

__all__ = ["CompiledDataset", "compile_store", "open_store"]
