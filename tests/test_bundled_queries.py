"""The queries on the bundled dataset: what the documents say, and how the data is shared.

The expected answers come from the five source documents, not from the data files:
Russia and Assad's Syria were allies until Assad fell on 8 December 2024; Serbia did not
sanction Russia; the US sanctioned Serbia's Russian-owned oil company at the beginning of
2025; Russian aircraft struck Aleppo on 30 November 2024 and Assad flew to Moscow, and
asylum, on 8 December 2024.
"""

from __future__ import annotations

import datetime
import runpy
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tests.documents import documents_dir, normalise

import geoalign
import geoalign.api
import geoalign.bundled.loader
from geoalign import (
    Certainty,
    Dataset,
    Event,
    EventKind,
    Organization,
    PartialDate,
    RelationshipKind,
    SanctionState,
)
from geoalign.rules.events import event_spans, timeline_key

TESTS = Path(__file__).resolve().parent


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return geoalign.load()


def ids(records: tuple[geoalign.Actor, ...] | tuple[Event, ...]) -> list[str]:
    return [record.id for record in records]


# -- alignment -------------------------------------------------------------------------


def test_syria_is_russias_ally_in_2023(ds: Dataset) -> None:
    syria, russia = ds.resolve("Syria"), ds.resolve("Russia")
    assert syria in ds.allies_of("Russia", as_of="2023-06-01")
    assert russia in ds.allies_of("Syria", as_of="2023-06-01")
    assert syria in ds.allies_of("the Kremlin", as_of="2023")


@pytest.mark.parametrize("as_of", ["2025-01", "2025", None])
def test_syria_is_no_ally_of_russia_after_assads_fall(ds: Dataset, as_of: str | None) -> None:
    assert "SYR" not in ids(ds.allies_of("Russia", as_of=as_of))
    assert "RUS" not in ids(ds.allies_of("Syria", as_of=as_of))


# -- sanctions -------------------------------------------------------------------------


@pytest.mark.parametrize("as_of", [None, "2023-06-01", "2024"])
def test_serbia_has_not_sanctioned_russia(ds: Dataset, as_of: str | None) -> None:
    status = ds.sanction_status("Serbia", "Russia", as_of=as_of)
    assert status.state is SanctionState.NOT_IMPOSED
    assert status.citations
    for measure in status.measures:
        assert measure.kind is RelationshipKind.NON_SANCTIONING
        assert (measure.a, measure.b) == ("SRB", "RUS")


def test_serbias_non_sanctioning_is_quoted_from_a_document(ds: Dataset) -> None:
    folder = documents_dir()
    for citation in ds.sanction_status("Serbia", "Russia").citations:
        source = ds.get(citation.source)
        assert isinstance(source, geoalign.Source)
        text = (folder / source.document).read_text(encoding="utf-8")
        assert normalise(citation.quote) in normalise(text)


def test_us_sanctions_serbia_through_nis_from_2025(ds: Dataset) -> None:
    status = geoalign.sanction_status("USA", "Serbia", as_of="2025")
    assert status.state is SanctionState.IMPOSED
    targets = [ds.get(measure.b) for measure in status.measures]
    nis = ds.resolve("NIS")
    assert isinstance(nis, Organization)
    assert nis.country == "SRB"
    assert nis in targets
    assert all(m.kind is RelationshipKind.SANCTIONS and m.a == "USA" for m in status.measures)
    # "In the beginning of 2025": some day of 2025, so in February only possibly in force.
    february = ds.sanction_status("U.S.", "NIS", as_of="2025-02", certainty="possible")
    assert (february.state, february.certainty) == (SanctionState.IMPOSED, Certainty.POSSIBLE)


def test_us_sanctions_are_only_possible_at_the_very_beginning_of_2025(ds: Dataset) -> None:
    # "In the beginning of 2025 US imposed sanctions": on 1 January they may not yet be.
    status = ds.sanction_status("USA", "Serbia", as_of="2025-01-01", certainty="possible")
    assert (status.state, status.certainty) == (SanctionState.IMPOSED, Certainty.POSSIBLE)
    # By default an answer is definite: a state only possibly so is not given.
    assert ds.sanction_status("USA", "Serbia", as_of="2025-01-01").state is SanctionState.UNKNOWN
    assert ds.sanction_status("USA", "Serbia").certainty is Certainty.DEFINITE


def test_nothing_is_known_of_us_sanctions_on_serbia_before_2025(ds: Dataset) -> None:
    # The documents date the sanctions to the beginning of 2025 and say nothing of
    # US sanctions on Serbia before: silence, which is never "not imposed".
    status = ds.sanction_status("USA", "Serbia", as_of="2024-06")
    assert status.state is SanctionState.UNKNOWN
    assert status.measures == ()


# -- what the documents date, and what they do not -------------------------------------


def test_ties_with_no_start_are_no_more_than_possible_before_their_first_source(
    ds: Dataset,
) -> None:
    # Nothing dates Russia's ties with Armenia or Serbia before the documents, and the
    # only Serbian date is cooperation "that began in 2019".
    assert ds.allies_of("Russia", as_of="1500") == ()
    assert {"ARM", "SRB", "SYR"} <= set(
        ids(ds.allies_of("Russia", as_of="1500", certainty="possible"))
    )
    assert "SYR" in ids(ds.allies_of("Russia", as_of="2016"))  # diplomatic support from 2011
    assert "SRB" not in ids(ds.allies_of("Russia", as_of="2016"))
    assert "SRB" in ids(ds.allies_of("Russia", as_of="2020"))  # cooperation of 2019


def test_armenia_may_have_been_in_the_csto_during_2024(ds: Dataset) -> None:
    # The membership ends in 2024, on a day no document gives.
    assert ds.relationships_of("Armenia", as_of="2024", kinds=["membership"]) == ()
    possible = ds.relationships_of(
        "Armenia", as_of="2024", kinds=["membership"], certainty="possible"
    )
    assert [r.id for r in possible] == ["arm-csto-membership"]
    assert ds.tie_certainty(possible[0], "2024").reason == "end 2024"


def test_what_was_known_of_russia_and_syria_on_1_december_2024(ds: Dataset) -> None:
    def ties(certainty: str, known: str) -> set[str]:
        found = ds.relationships_of(
            "Syria",
            as_of="2024-12-01",
            certainty=certainty,  # type: ignore[arg-type]
            as_known_on=known,
        )
        return {r.id for r in found if "RUS" in (r.a, r.b)}

    # The basing and the embassies are reported by documents of December 2024 (or dated
    # only to 2024), so a reader of 30 November could not know of them yet.
    known_in_november, known_in_december = (
        ties("possible", "2024-11-30"),
        ties("possible", "2024-12-31"),
    )
    assert known_in_november < known_in_december
    assert {
        "syr-rus-basing",
        "rus-syr-diplomatic-presence",
    } <= known_in_december - known_in_november
    # Syria's refusal to sanction Russia is known from a source of 2025 only.
    assert "syr-rus-non-sanctioning" not in known_in_december
    assert "syr-rus-non-sanctioning" in ties("definite", "2025")


# -- timeline --------------------------------------------------------------------------


def test_russia_syria_timeline_of_late_2024(ds: Dataset) -> None:
    events = geoalign.timeline_between("Russia", "Syria", start="2024-11")
    assert events == geoalign.timeline_between("Syria", "Russia", start="2024-11")
    assert list(events) == sorted(events, key=lambda e: timeline_key(event_spans(e.date), e.id))
    for event in events:
        assert {"RUS", "SYR"} <= set(event.actors)
        assert event.date.latest >= datetime.date(2024, 11, 1)
    on = {(event.date, event.kind) for event in events}
    # 001: "Russia pledged additional military support to Assad's regime" (November 30)
    # and "Russia began withdrawing its military ships from the Syrian port of Tartus".
    assert (PartialDate(2024, 11, 30), EventKind.PLEDGE) in on
    assert (PartialDate(2024, 12, 8), EventKind.WITHDRAWAL) in on


def test_assads_flight_and_asylum_are_between_russia_and_assad_himself(ds: Dataset) -> None:
    # Assad fled and was granted asylum as a person, no longer acting for Syria, so these
    # events name him, not the state (see the data policy).
    events = geoalign.timeline_between("Russia", "Bashar al-Assad", start="2024-12-08")
    day = datetime.date(2024, 12, 8)
    for kind in (EventKind.ASYLUM, EventKind.FLIGHT):
        assert any(e.kind is kind and day in e.date for e in events), kind
    assert not any("SYR" in event.actors for event in events if event.kind is EventKind.ASYLUM)


# -- the dataset as a whole ------------------------------------------------------------


def test_horizon_is_the_latest_source_date(ds: Dataset) -> None:
    assert ds.horizon is not None
    latest = max(source.published.latest for source in ds.sources)
    assert ds.horizon.latest == latest
    assert ds.horizon in [source.published for source in ds.sources]
    # The latest document reports the US sanctions "in the beginning of 2025".
    assert ds.horizon.latest >= datetime.date(2025, 1, 1)
    assert ds.sanction_status("Serbia", "Russia").as_of == ds.horizon


QUESTIONS = [
    ("resolve", ("turkiye",), {}),
    ("allies_of", ("Russia",), {}),
    ("allies_of", ("Syria",), {"as_of": "2023-06-01"}),
    ("allies_of", ("SRB",), {"as_of": datetime.date(2024, 1, 1), "kinds": ["energy_cooperation"]}),
    ("relationships_of", ("nis",), {"kinds": [RelationshipKind.SANCTIONS]}),
    ("relationships_of", ("Russia",), {"as_of": PartialDate(2016)}),
    ("sanction_status", ("Serbia", "Russia"), {}),
    ("sanction_status", ("USA", "Serbia"), {"as_of": "2025"}),
    ("timeline_between", ("Russia", "Syria"), {"start": "2024-11"}),
    ("timeline_between", ("Assad", "Russia"), {"start": "2024-12-08", "end": "2024-12"}),
]


@pytest.mark.parametrize(("name", "args", "kwargs"), QUESTIONS)
def test_module_functions_ask_the_bundled_dataset(
    ds: Dataset, name: str, args: tuple[object, ...], kwargs: dict[str, object]
) -> None:
    assert ds is geoalign.bundled.loader.bundled()
    assert getattr(geoalign, name)(*args, **kwargs) == getattr(ds, name)(*args, **kwargs)


def test_bundled_dataset_is_loaded_once_across_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[threading.Thread] = []
    load_bundled = geoalign.bundled.loader._load_bundled

    def slow_load() -> Dataset:
        calls.append(threading.current_thread())
        # A slow load keeps the door open: without the lock, the threads released with
        # this one by the barrier would all find no dataset yet and load their own.
        time.sleep(0.2)
        return load_bundled()

    monkeypatch.setattr(geoalign.bundled.loader, "_bundled", None)
    monkeypatch.setattr(geoalign.bundled.loader, "_load_bundled", slow_load)
    barrier = threading.Barrier(8)
    results: list[Dataset] = []

    def ask() -> None:
        barrier.wait()
        results.append(geoalign.bundled.loader.bundled())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8
    assert len(calls) == 1
    assert all(result is results[0] for result in results)
    assert geoalign.load() is results[0]


def test_import_does_not_load_the_data() -> None:
    code = (
        "import sys, geoalign\n"
        "heavy = ('geoalign.api', 'geoalign.store.dataset', 'yaml', 'cattrs')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "geoalign.PartialDate, geoalign.RelationshipKind\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
        "geoalign.allies_of('Russia')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    after_import, after_names, after_query = result.stdout.splitlines()
    assert after_import == "[]"
    assert after_names == "[]"
    assert "'geoalign.api'" in after_query  # the probe sees a load when there is one


def test_typing_check_script_runs(capsys: pytest.CaptureFixture[str]) -> None:
    runpy.run_path(str(TESTS / "typing_check.py"), run_name="__main__")
    assert capsys.readouterr().out.startswith("horizon: ")
