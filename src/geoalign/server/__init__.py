"""The read-only HTTP API and web page (the ``server`` extra: FastAPI and uvicorn).

:func:`geoalign.server.app.create_app` builds the ASGI application for a dataset;
:func:`geoalign.server.run.serve` loads a dataset and serves it with uvicorn (what
``geoalign serve`` runs).  Nothing here is imported by ``import geoalign``.
"""
