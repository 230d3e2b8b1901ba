"""Any record by id, or an actor by name: what ``geoalign show`` and ``/api/show`` ask."""

from __future__ import annotations

from geoalign.errors import AmbiguousActorError, UnknownActorError, UnknownRecordError
from geoalign.model.records import COLLECTIONS, Record
from geoalign.store.dataset import Dataset

__all__ = ["record_or_actor"]


def record_or_actor(dataset: Dataset, wanted: str) -> Record:
    """The record whose id is ``wanted``, else the actor it names (see ``Dataset.resolve``).

    Raises :class:`~geoalign.AmbiguousActorError` for a name of several actors, and
    :class:`~geoalign.UnknownRecordError` for anything else, whose ``suggestions`` are
    the closest ids, best first.

    >>> import geoalign
    >>> record_or_actor(geoalign.load(), "the Kremlin").id
    'RUS'
    >>> record_or_actor(geoalign.load(), "rus-syr-aliance")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    geoalign.errors.UnknownRecordError: no record or actor 'rus-syr-aliance'; did you mean 'rus-syr-alliance' or ...?
    """
    record = dataset.get(wanted)
    if record is not None:
        return record
    try:
        return dataset.resolve(wanted)
    except AmbiguousActorError:
        raise
    except UnknownActorError:
        import difflib  # only for a miss

        ids = [r.id for name in COLLECTIONS for r in getattr(dataset, name)]
        close = tuple(difflib.get_close_matches(wanted, ids, n=3, cutoff=0.6))
        hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else ""
        error = UnknownRecordError(f"no record or actor {wanted!r}{hint}")
        error.suggestions = close
        raise error from None
