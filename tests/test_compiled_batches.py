"""The compiled store's batch forms answer as one call per question does, in one query.

``allies_of_many``, ``timeline_between_many`` and ``sanction_status_many`` are asked
every question of generated datasets (every actor or pair, drawn dates and windows, both
certainties, as known on a drawn day) and compared with the memory store's single calls,
exceptions included.  Skipped, with the reason, where the ``store`` extra is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from tests.query_reference import outcome
from tests.strategies import DATASET_SETTINGS, datasets
from tests.test_compiled_store import BOTH, compiled, known_days, some_kinds, window_ends

from geoalign import ArgumentTypeError, Dataset, UnknownActorError
from geoalign.model.edtf import EDTFDate
from geoalign.model.kinds import RelationshipKind

pytest.importorskip("duckdb", reason="the store extra (duckdb) is not installed")
pytest.importorskip("pyarrow", reason="the store extra (pyarrow) is not installed")

from geoalign.store.compiled import compile_store, open_store
from geoalign.store.compiled.connection import Connection

DATA = Path(__file__).parents[1] / "src" / "geoalign" / "data"


def each(
    single: Callable[..., Any],
    questions: Sequence[tuple[Any, ...]],
    keywords: tuple[str, ...],
    **asked: Any,
) -> Any:
    """The answers of one call per question (its last values passed as ``keywords``), or
    the first error's type, as the batch raises it."""
    cut = -len(keywords)
    answers = [
        outcome(single, *q[:cut], **dict(zip(keywords, q[cut:], strict=True)), **asked)
        for q in questions
    ]
    errors = [answer for answer in answers if isinstance(answer, type)]
    return errors[0] if errors else answers


@DATASET_SETTINGS
@given(ds=datasets(), dates=window_ends, kinds=some_kinds, known=known_days)
def test_each_batch_answers_as_one_call_per_question(
    ds: Dataset,
    dates: list[EDTFDate | None],
    kinds: list[RelationshipKind] | None,
    known: EDTFDate | None,
) -> None:
    actors = [actor.id for actor in ds.actors()]
    pairs = [(a, b) for a in actors for b in actors]
    with compiled(ds) as on_disk:
        for certainty in BOTH:
            asked = {"certainty": certainty, "as_known_on": known}
            questions = [(a, as_of) for a in actors for as_of in dates]
            assert outcome(on_disk.allies_of_many, questions, kinds=kinds, **asked) == each(
                ds.allies_of, questions, ("as_of",), kinds=kinds, **asked
            )
            windows = [(a, b, start, end) for a, b in pairs for start in dates for end in dates]
            assert outcome(on_disk.timeline_between_many, windows, **asked) == each(
                ds.timeline_between, windows, ("start", "end"), **asked
            )
            statuses = [(a, b, as_of) for a, b in pairs for as_of in dates]
            assert outcome(on_disk.sanction_status_many, statuses, **asked) == each(
                ds.sanction_status, statuses, ("as_of",), **asked
            )


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return compile_store(DATA, tmp_path_factory.mktemp("batches") / "store", include_bundled=False)


def queries(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The SQL every DuckDB query runs from now on, in order."""
    ran: list[str] = []
    fetch = Connection._fetch

    def counted(self: Connection, sql: str, parameters: list[Any]) -> list[tuple[Any, ...]]:
        ran.append(sql)
        return fetch(self, sql, parameters)

    monkeypatch.setattr(Connection, "_fetch", counted)
    return ran


def test_a_batch_asks_one_query_for_all_its_questions(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds, memory = open_store(bundled), Dataset.from_records(open_store(bundled)._as_records())
    pairs = sorted({(r.a, r.b) for r in memory.relationships})
    statuses = [(a, b, as_of) for a, b in pairs for as_of in ("2019", "2024-12-06", None)]
    windows = [(a, b, "2020", None) for a, b in pairs]
    allies = [(a, "2024-12-06") for a, _ in pairs]
    ran = queries(monkeypatch)
    answers = ds.sanction_status_many(statuses, certainty="possible")
    answers += ds.timeline_between_many(windows)
    answers += ds.allies_of_many(allies)
    # The actors' ids read ahead (once: the later batches find them read), then one join
    # per batch (the timelines' events read by a second), whatever the number of questions.
    joined = [sql.split(" JOIN ")[1].split()[0] if " JOIN " in sql else "ids" for sql in ran]
    assert joined == ["ids", "sanctions", "memberships", "records", "ties"]
    assert answers == [
        *(memory.sanction_status(*q[:2], as_of=q[2], certainty="possible") for q in statuses),
        *(memory.timeline_between(a, b, start=start, end=end) for a, b, start, end in windows),
        *(memory.allies_of(a, as_of=as_of) for a, as_of in allies),
    ]
    assert any(status.measures for status in answers[: len(statuses)])  # not all empty


def test_a_bad_question_raises_before_anything_is_asked(
    bundled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ds = open_store(bundled)
    ran = queries(monkeypatch)
    with pytest.raises(ArgumentTypeError, match=r"questions\[1\] must be a tuple of 3"):
        ds.sanction_status_many([("USA", "SRB", None), ("USA", "SRB")])
    with pytest.raises(ArgumentTypeError, match=r"questions\[0\] must be a tuple of 2"):
        ds.allies_of_many(["RUS"])  # type: ignore[list-item]
    assert ran == []
    with pytest.raises(UnknownActorError, match="Atlantis"):
        ds.timeline_between_many([("RUS", "SYR", None, None), ("RUS", "Atlantis", None, None)])
    assert not any(" JOIN " in sql for sql in ran)
