"""The bundled dataset against its documents: quotes, integrity and a set of known facts.

The quote checks need the source documents.  They read the directory named by the
environment variable ``GEOALIGN_SOURCES`` (CI sets it to ``../shared/seeds``), and skip
when it is unset.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from pathlib import Path

import pytest
from tests.documents import documents_dir, normalise

import geoalign
from geoalign import PartialDate
from geoalign.model.kinds import Confidence, EventKind, RelationshipKind
from geoalign.model.records import Event, Organization, Person, Relationship, Source

MAX_QUOTE_LENGTH = 300
"""A quote is one sentence or less; no sentence in the corpus worth quoting is longer."""

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_COUNTRY = re.compile(r"[A-Z]{3}")


@pytest.fixture(scope="module")
def ds() -> geoalign.Dataset:
    return geoalign.load()


@pytest.fixture(scope="module")
def sources_dir() -> Path:
    return documents_dir()


def cited(ds: geoalign.Dataset) -> list[Relationship | Event]:
    return [*ds.relationships, *ds.events]


# --- quotes against the documents -----------------------------------------------------


def test_every_source_document_exists(ds: geoalign.Dataset, sources_dir: Path) -> None:
    missing = [
        f"{s.id}: {s.document}" for s in ds.sources if not (sources_dir / s.document).is_file()
    ]
    assert not missing, "source documents missing from GEOALIGN_SOURCES:\n" + "\n".join(missing)


def test_every_quote_is_verbatim(ds: geoalign.Dataset, sources_dir: Path) -> None:
    texts: dict[str, str | None] = {}
    for s in ds.sources:
        file = sources_dir / s.document
        texts[s.id] = normalise(file.read_text(encoding="utf-8")) if file.is_file() else None
    offending = []
    for record in cited(ds):
        for citation in record.citations:
            text = texts.get(citation.source)
            if text is None:
                offending.append(f"{record.id}: document of {citation.source!r} is missing")
            elif normalise(citation.quote) not in text:
                offending.append(f"{record.id} ({citation.source}): {citation.quote!r}")
    assert not offending, "quotes not found in their documents:\n" + "\n".join(offending)


def test_every_document_has_exactly_one_source(ds: geoalign.Dataset, sources_dir: Path) -> None:
    per_document = Counter(s.document for s in ds.sources)
    documents = sorted(p.name for p in sources_dir.glob("*.txt"))
    wrong = {d: per_document[d] for d in documents if per_document[d] != 1}
    assert not wrong, f"documents without exactly one source: {wrong}"


def test_quotes_are_short(ds: geoalign.Dataset) -> None:
    long = [
        f"{r.id}: {len(c.quote)} characters"
        for r in cited(ds)
        for c in r.citations
        if len(c.quote) > MAX_QUOTE_LENGTH or not c.quote.strip()
    ]
    assert not long, "quotes longer than one sentence:\n" + "\n".join(long)


# --- integrity ------------------------------------------------------------------------


def test_every_source_is_cited(ds: geoalign.Dataset) -> None:
    used = {c.source for r in cited(ds) for c in r.citations}
    assert {s.id for s in ds.sources} <= used


def test_every_actor_is_used(ds: geoalign.Dataset) -> None:
    used: set[str] = set()
    for r in ds.relationships:
        used |= {r.a, r.b}
    for e in ds.events:
        used |= set(e.actors)
    for p in ds.persons:
        used |= {role.actor for role in p.roles if role.actor}
    used |= {o.country for o in ds.organizations if o.country}
    used |= {c.claimed_by for r in cited(ds) for c in r.citations if c.claimed_by}
    unused = [a.id for a in (*ds.countries, *ds.organizations) if a.id not in used]
    # A person is named for a post they hold even where no dated event involves them.
    unused += [p.id for p in ds.persons if p.id not in used and not p.roles]
    assert not unused, f"actors no record refers to: {unused}"


def test_ids_are_well_formed_and_unique(ds: geoalign.Dataset) -> None:
    bad = [c.id for c in ds.countries if not _COUNTRY.fullmatch(c.id)]
    others = (*ds.organizations, *ds.persons, *ds.sources, *ds.relationships, *ds.events)
    bad += [r.id for r in others if not _SLUG.fullmatch(r.id)]
    assert not bad, f"malformed ids: {bad}"
    counts = Counter(r.id for r in (*ds.countries, *others))
    assert not [i for i, n in counts.items() if n > 1]


def test_periods_are_ordered(ds: geoalign.Dataset) -> None:
    # Bounded dates are not ordered: a period is wrong when it must end before it starts.
    bad = [
        r.id
        for r in ds.relationships
        if r.start is not None and r.end is not None and r.end.latest < r.start.earliest
    ]
    bad += [
        f"{p.id} ({role.title})"
        for p in ds.persons
        for role in p.roles
        if role.start is not None and role.end is not None and role.end.latest < role.start.earliest
    ]
    assert not bad
    assert not [r.id for r in ds.relationships if r.end is not None and r.ended_by is not None]


def test_nothing_is_dated_after_the_documents_citing_it(ds: geoalign.Dataset) -> None:
    published = {s.id: s.published for s in ds.sources}
    late = [
        f"{e.id} ({e.date} after {c.source})"
        for e in ds.events
        for c in e.citations
        if e.date.earliest > published[c.source].latest
    ]
    late += [
        f"{r.id} (starts {r.start} after {c.source})"
        for r in ds.relationships
        if r.start is not None
        for c in r.citations
        if r.start.earliest > published[c.source].latest
    ]
    assert not late, "records dated after a document that reports them:\n" + "\n".join(late)


def test_inferred_source_dates_are_explained(ds: geoalign.Dataset) -> None:
    for s in ds.sources:
        if s.published.precision != "day" or s.publisher == "unknown":
            assert s.note, f"{s.id}: say in `note` how its date/publisher was inferred"


# --- facts from the documents ---------------------------------------------------------


def rel(ds: geoalign.Dataset, rid: str) -> Relationship:
    return {r.id: r for r in ds.relationships}[rid]


def event(ds: geoalign.Dataset, eid: str) -> Event:
    return {e.id: e for e in ds.events}[eid]


def source(ds: geoalign.Dataset, sid: str) -> Source:
    return {s.id: s for s in ds.sources}[sid]


def person(ds: geoalign.Dataset, pid: str) -> Person:
    return {p.id: p for p in ds.persons}[pid]


def organization(ds: geoalign.Dataset, oid: str) -> Organization:
    return {o.id: o for o in ds.organizations}[oid]


def test_russia_syria_alliance_is_attested_up_to_the_regimes_fall(ds: geoalign.Dataset) -> None:
    r = rel(ds, "rus-syr-alliance")
    assert r.kind is RelationshipKind.ALLIANCE
    assert {r.a, r.b} == {"RUS", "SYR"}
    assert r.start is None  # no document dates its beginning
    assert str(r.end) == "[2024-12-07..]"  # shown up to the fall, unknown after it
    support = rel(ds, "rus-assad-regime-military-support")
    assert (support.a, support.b) == ("RUS", "assad-regime")
    assert str(support.start) == "[..2015-09]"  # the intervention of September 2015
    assert rel(ds, "rus-syr-diplomatic-support").start == PartialDate(2011, 3)


def test_us_sanctions_on_nis_from_early_2025(ds: geoalign.Dataset) -> None:
    r = rel(ds, "usa-nis-sanctions")
    assert (r.kind, r.a, r.b) == (RelationshipKind.SANCTIONS, "USA", "nis")
    assert str(r.start) == "2025"
    assert r.start is not None
    assert r.start.precision == "year"
    assert r.end is None
    assert organization(ds, "nis").country == "SRB"
    assert event(ds, "us-sanctions-nis").date == PartialDate(2025)


def test_armenia_left_the_csto_in_2024(ds: geoalign.Dataset) -> None:
    r = rel(ds, "arm-csto-membership")
    assert (r.kind, r.a, r.b) == (RelationshipKind.MEMBERSHIP, "ARM", "csto")
    assert r.end == PartialDate(2024)
    assert event(ds, "armenia-leaves-csto").date == PartialDate(2024)


def test_aleppo_airstrike_on_saturday_november_30(ds: geoalign.Dataset) -> None:
    e = event(ds, "russian-airstrikes-on-aleppo-2024")
    assert e.kind is EventKind.AIRSTRIKE
    assert str(e.date) == "2024-11-30"
    assert e.date.precision == "day"
    assert e.location == "Aleppo"
    assert {"RUS", "SYR"} <= set(e.actors)


def test_serbia_has_not_sanctioned_russia(ds: geoalign.Dataset) -> None:
    r = rel(ds, "srb-rus-non-sanctioning")
    assert (r.kind, r.a, r.b) == (RelationshipKind.NON_SANCTIONING, "SRB", "RUS")
    assert r.end is None
    assert "Among them is a small Balkan country, Serbia." in [c.quote for c in r.citations]
    listed = {
        x.a for x in ds.relationships if x.kind is RelationshipKind.NON_SANCTIONING and x.b == "RUS"
    }
    assert listed == {"SRB", "SYR"}


def test_moscow_meeting_is_dated_within_the_bounds_the_documents_allow(
    ds: geoalign.Dataset,
) -> None:
    e = event(ds, "putin-assad-moscow-meeting")
    assert {"vladimir-putin", "bashar-al-assad", "RUS", "SYR"} <= set(e.actors)
    assert e.date.earliest == datetime.date(2022, 2, 24)
    assert e.date.latest == datetime.date(2024, 12, 7)
    assert e.location == "Moscow"
    report = source(ds, "putin-assad-moscow-report")
    assert str(report.published) == "[2022-02-24..2024-12]"
    assert report.note is not None
    assert "[2022-02-24..2024-12]" in report.note
    assert "this Wednesday" in report.note
    assert "February 6" in report.note


def test_assad_flight_and_asylum(ds: geoalign.Dataset) -> None:
    assert str(event(ds, "assad-flees-syria").date) == "[2024-12-07..2024-12-08]"
    assert event(ds, "assad-lands-in-moscow").date == PartialDate(2024, 12, 8)
    asylum = rel(ds, "rus-assad-asylum")
    assert (asylum.kind, asylum.a, asylum.b) == (RelationshipKind.ASYLUM, "RUS", "bashar-al-assad")
    assert str(asylum.start) == "[2024-12-08..2024-12-09]"
    assert str(asylum.end) == "[2024-12-11..]"  # last attested by 003, of 10 December
    (president,) = [role for role in person(ds, "bashar-al-assad").roles if role.actor == "SYR"]
    assert str(president.end) == "[2024-12-07..2024-12-08]"


def test_peskov_monday_and_tuesday(ds: geoalign.Dataset) -> None:
    assert event(ds, "peskov-confirms-putin-asylum-decision").date == PartialDate(2024, 12, 9)
    assert event(ds, "peskov-on-russias-future-in-syria").date == PartialDate(2024, 12, 10)
    assert event(ds, "peskov-says-assad-resigned").date == PartialDate(2024, 12, 10)
    assert source(ds, "breitbart-2024-12-assad-asylum").published == PartialDate(2024, 12)


def test_hedged_claims_keep_their_hedge(ds: geoalign.Dataset) -> None:
    assert event(ds, "assad-asks-putin-for-help").confidence is Confidence.ALLEGED
    assert event(ds, "maarat-al-numan-captured").confidence is Confidence.REPORTED
    assert event(ds, "assad-requests-russian-airstrikes").date == PartialDate(2015, 7)
    assert event(ds, "hts-outlines-plan-to-turkey").date == PartialDate(2024, 6, qualifier="~")


def test_serbia_russia_cooperation(ds: geoalign.Dataset) -> None:
    assert rel(ds, "srb-rus-military-cooperation").start == PartialDate(2019)
    kinds = {r.kind for r in ds.relationships if {r.a, r.b} == {"SRB", "RUS"}}
    assert {
        RelationshipKind.MILITARY_COOPERATION,
        RelationshipKind.INTELLIGENCE_COOPERATION,
        RelationshipKind.POLITICAL_COOPERATION,
        RelationshipKind.ARMS_TRANSFER,
        RelationshipKind.ENERGY_COOPERATION,
        RelationshipKind.HEALTH_COOPERATION,
    } <= kinds


def test_kisel_dismissed_and_hama_taken(ds: geoalign.Dataset) -> None:
    assert event(ds, "kisel-dismissed").kind is EventKind.DISMISSAL
    (command,) = person(ds, "sergey-kisel").roles
    assert command.actor == "russian-forces-in-syria"
    assert str(command.end) == "[2024-11-27..2024-12]"  # "amid losses" in the offensive
    hama = event(ds, "hama-captured")
    assert (hama.date, hama.kind) == (PartialDate(2024, 12, 5), EventKind.CAPTURE)


def test_see_news_source(ds: geoalign.Dataset) -> None:
    see_news = source(ds, "see-news-2022-02-26")
    assert see_news.published == PartialDate(2022, 2, 26)
    assert see_news.publisher == "see.news"
    assert see_news.document == "002_f0a5c0b061ff4f28.txt"
    assert see_news.url is None  # the only link printed points to another article


def test_the_common_names_people_type_name_the_actors_the_documents_name(
    ds: geoalign.Dataset,
) -> None:
    names = {"America": "USA", "PRC": "CHN", "ISIS": "islamic-state", "Daesh": "islamic-state"}
    names |= {"al Qaida": "al-qaeda", "U.S.": "USA"}
    assert {name: ds.resolve(name).id for name in names} == names
    # No document names the European Union: a name alone adds no actor.
    for name in ("EU", "European Union"):
        with pytest.raises(geoalign.UnknownActorError):
            ds.resolve(name)
