"""Synthetic geoalign datasets of any size, valid and shaped like real ones.

The shape follows what the bundled data and real event collections look like, only
bigger: about 200 countries with three-letter ids, organizations based in them, persons
holding posts, and a skewed activity where a few actors (and so a few pairs) are very
busy while most are quiet (actors are drawn from a Zipf-like law).  Dates come at all
three precisions; relationships are of every kind, open or ended, a few ended by a
source rather than a date; every relationship and event cites one or two sources.

The output is deterministic given the seed.  It is plain data in the file format
(``{"events": [{...}, ...], ...}``), which :func:`write_yaml` and :func:`write_jsonl`
write as a directory that :func:`geoalign.load` reads.

>>> data = generate(50, seed=1)
>>> len(data["events"]), data == generate(50, seed=1)
(50, True)
>>> sorted(data)
['countries', 'events', 'organizations', 'persons', 'relationships', 'sources']
"""

from __future__ import annotations

import bisect
import itertools
import json
import random
import string
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

import geoalign
from geoalign import EventKind, OrganizationKind, RelationshipKind

__all__ = ["Data", "generate", "stream", "write_jsonl", "write_yaml"]

Data = dict[str, list[dict[str, Any]]]
"""A dataset as plain data: each collection's name and its records, in the file format."""

COUNTRIES = 200
FIRST_YEAR, LAST_YEAR = 1990, 2024
ZIPF_EXPONENT = 1.1
"""How skewed activity is: actor of rank r is drawn with weight 1 / r**1.1."""

# Every kind the library knows, so the data keeps up with the vocabulary.
_RELATIONSHIP_KINDS = tuple(kind.value for kind in RelationshipKind)
_EVENT_KINDS = tuple(kind.value for kind in EventKind)
_ORGANIZATION_KINDS = tuple(kind.value for kind in OrganizationKind)
# Weighted toward the firmer kinds, as real data is.
# No "disputed": that needs a citation denying the fact beside one asserting it.  Six
# entries still, so that a seed draws the same data as before.
_CONFIDENCES = ("confirmed", "confirmed", "reported", "reported", "alleged", "alleged")
_SYLLABLES = ("ka", "lo", "ri", "ve", "sa", "mon", "tar", "bel", "dor", "nia", "gra", "zan")
# The JSON Lines ``type`` of each collection's records (docs/own-data.rst, "JSON Lines").
_TYPES = {
    "sources": "source",
    "countries": "country",
    "organizations": "organization",
    "persons": "person",
    "relationships": "relationship",
    "events": "event",
}
_WORDS = ("talks", "forces", "border", "treaty", "supply", "visit", "council", "ports", "aid")


def generate(events: int, relationships: int | None = None, *, seed: int = 0) -> Data:
    """A valid dataset with ``events`` events and ``relationships`` relationships.

    ``relationships`` defaults to a tenth of ``events`` (at least 20).  Actor counts
    grow slowly with size: 200 countries always, then organizations, persons and
    sources in proportion, within bounds that keep small datasets small.

    >>> data = generate(10, 5, seed=3)
    >>> len(data["relationships"]), len(data["countries"])
    (5, 200)
    >>> all(len(c["id"]) == 3 and c["id"].isupper() for c in data["countries"])
    True
    """
    data: Data = {}
    for collection, record in stream(events, relationships, seed=seed):
        data.setdefault(collection, []).append(record)
    return data


def stream(
    events: int, relationships: int | None = None, *, seed: int = 0
) -> Iterator[tuple[str, dict[str, Any]]]:
    """:func:`generate`'s records one at a time, as ``(collection, record)``, in its order:
    a dataset of 10^7 events written without holding it (relationships and events are
    made as they are asked for).

    >>> [c for c, _ in stream(3, seed=1)] == [c for c, rs in generate(3, seed=1).items() for _ in rs]
    True
    """
    rng = random.Random(seed)
    if relationships is None:
        relationships = max(20, events // 10)
    sources = _sources(rng, min(5000, max(10, events // 200)))
    countries = _countries(rng)
    country_ids = [country["id"] for country in countries]
    organizations = _organizations(rng, min(2000, 40 + events // 500), country_ids)
    org_ids = [org["id"] for org in organizations]
    persons = _persons(rng, min(3000, 60 + events // 300), country_ids + org_ids, sources)
    # Countries are the busiest actors, then organizations, then persons; shuffling within
    # each group spreads the busy ones over the alphabet.
    actors = rng.sample(country_ids, len(country_ids)) + org_ids + [p["id"] for p in persons]
    draw = _zipf_sampler(rng, actors)
    source_ids = [source["id"] for source in sources]
    by_year = sorted((int(source["published"][:4]), source["id"]) for source in sources)
    for collection, records in (
        ("sources", sources),
        ("countries", countries),
        ("organizations", organizations),
        ("persons", persons),
    ):
        yield from ((collection, record) for record in records)
    for i in range(relationships):
        yield "relationships", _relationship(rng, i, draw, by_year)
    for i in range(events):
        yield "events", _event(rng, i, draw, source_ids)


def write_yaml(data: Data, directory: str | Path) -> list[Path]:
    """Write one YAML file per collection (``events.yaml`` ...) into ``directory``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_yaml(generate(5), tmp)][:2]
    ['sources.yaml', 'countries.yaml']
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    paths = []
    for collection, records in data.items():
        path = folder / f"{collection}.yaml"
        with path.open("w", encoding="utf-8") as out:
            yaml.dump(
                {collection: records},
                out,
                Dumper=dumper,
                sort_keys=False,
                allow_unicode=True,
                width=100,
            )
        paths.append(path)
    return paths


def write_jsonl(
    data: Data | Iterable[tuple[str, dict[str, Any]]],
    directory: str | Path,
    name: str = "dataset.jsonl",
) -> Path:
    """Write every record into one JSON Lines file, one object a line with its ``type``.

    ``data`` is a dataset, or :func:`stream`'s records (written as they come).

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     first = write_jsonl(generate(5), tmp).read_text().splitlines()[0]
    >>> json.loads(first)["type"]
    'source'
    """
    folder = Path(directory)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    pairs = (
        ((c, r) for c, records in data.items() for r in records) if isinstance(data, dict) else data
    )
    with path.open("w", encoding="utf-8") as out:
        out.writelines(
            json.dumps({"type": _TYPES[collection], **record}, ensure_ascii=False) + "\n"
            for collection, record in pairs
        )
    return path


def _zipf_sampler(rng: random.Random, items: list[str]) -> Any:
    cumulative = list(
        itertools.accumulate(1 / rank**ZIPF_EXPONENT for rank in range(1, 1 + len(items)))
    )
    total = cumulative[-1]

    def draw() -> str:
        return items[bisect.bisect(cumulative, rng.random() * total)]

    return draw


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def _name(rng: random.Random, taken: set[str], words: int = 1) -> str:
    while True:
        name = " ".join(_word(rng) for _ in range(words))
        if name not in taken:
            taken.add(name)
            return name


def _date(rng: random.Random, low: int = FIRST_YEAR, high: int = LAST_YEAR) -> str:
    year = rng.randint(low, high)
    roll = rng.random()
    if roll < 0.15:
        return f"{year:04d}"
    if roll < 0.40:
        return f"{year:04d}-{rng.randint(1, 12):02d}"
    return f"{year:04d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def _sources(rng: random.Random, count: int) -> list[dict[str, Any]]:
    sources = []
    for i in range(count):
        source: dict[str, Any] = {
            "id": f"src-{i:05d}",
            "title": f"Report {i} on {rng.choice(_WORDS)}",
            "publisher": f"Publisher {rng.randint(1, 40)}",
            "published": _date(rng),
            "document": f"{i:03d}_{rng.getrandbits(64):016x}.txt",
        }
        if rng.random() < 0.7:
            source["url"] = f"https://news.example/{i}"
        sources.append(source)
    return sources


def _countries(rng: random.Random) -> list[dict[str, Any]]:
    letters = string.ascii_uppercase
    every_code = [a + b + c for a in letters for b in letters for c in letters]
    codes = sorted(rng.sample(every_code, COUNTRIES))
    # A code the bundled dataset uses would clash when the data is layered on it
    # (``geoalign --data``): swap it for a free one, drawing no more random numbers.
    bundled = {actor.id for actor in geoalign.load().actors()}
    free = (code for code in every_code if code not in bundled and code not in codes)
    codes = [next(free) if code in bundled else code for code in codes]
    alpha2 = rng.sample([a + b for a in letters for b in letters], COUNTRIES)
    names: set[str] = set()
    countries = []
    for code, short in zip(codes, alpha2, strict=True):
        name = _name(rng, names)
        country: dict[str, Any] = {
            "id": code,
            "name": name,
            "aliases": [f"Republic of {name}", short],
        }
        if rng.random() < 0.3:
            country["metonyms"] = [_name(rng, names)]
        countries.append(country)
    return countries


def _organizations(rng: random.Random, count: int, country_ids: list[str]) -> list[dict[str, Any]]:
    names: set[str] = set()
    organizations = []
    for i in range(count):
        org: dict[str, Any] = {
            "id": f"org-{i:04d}",
            "name": f"{_name(rng, names, words=2)} {rng.choice(('Front', 'Group', 'Union'))}",
            "kind": rng.choice(_ORGANIZATION_KINDS),
        }
        if rng.random() < 0.8:
            org["country"] = rng.choice(country_ids)
        organizations.append(org)
    return organizations


def _persons(
    rng: random.Random, count: int, posts: list[str], sources: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    names: set[str] = set()
    persons = []
    for i in range(count):
        roles = []
        for _ in range(rng.randint(0, 2)):
            role: dict[str, Any] = {"title": rng.choice(("President", "Minister", "Commander"))}
            role["actor"] = rng.choice(posts)
            start_year = rng.randint(FIRST_YEAR, LAST_YEAR - 1)
            role["start"] = _date(rng, start_year, start_year)
            if rng.random() < 0.5:
                role["end"] = _date(rng, start_year + 1, LAST_YEAR)
            roles.append(role)
        person: dict[str, Any] = {"id": f"per-{i:04d}", "name": _name(rng, names, words=2)}
        if roles:
            person["roles"] = roles
        persons.append(person)
    return persons


def _citations(rng: random.Random, source_ids: list[str]) -> list[dict[str, str]]:
    return [
        {"source": source, "quote": f"The {rng.choice(_WORDS)} were {rng.choice(_WORDS)}."}
        for source in rng.sample(source_ids, 1 if rng.random() < 0.8 else 2)
    ]


def _relationship(
    rng: random.Random, i: int, draw: Any, sources: list[tuple[int, str]]
) -> dict[str, Any]:
    """A relationship; ``sources`` are ``(year published, id)`` pairs in order."""
    a = draw()
    b = draw()
    while b == a:
        b = draw()
    # Sanctions and non-sanctioning statements are frequent in real data; weight them up.
    kind = rng.choice(("sanctions", "non_sanctioning", *_RELATIONSHIP_KINDS))
    cited = rng.sample(sources, min(3, len(sources)))
    record: dict[str, Any] = {
        "id": f"rel-{i:06d}",
        "kind": kind,
        "a": a,
        "b": b,
        "confidence": rng.choice(_CONFIDENCES),
        "summary": f"{a} and {b}: {kind.replace('_', ' ')}.",
        "citations": _citations(rng, [s[1] for s in cited]),
    }
    start_year = None
    # It starts before the year of its earliest citation: a source may not say it was
    # in force before any day it may have started (attested-before-start).
    years = {source: year for year, source in cited}
    earliest = min(years[citation["source"]] for citation in record["citations"])
    if rng.random() < 0.9 and earliest > FIRST_YEAR:
        start_year = rng.randint(FIRST_YEAR, min(earliest, LAST_YEAR) - 1)
        record["start"] = _date(rng, start_year, start_year)
    roll = rng.random()
    if roll < 0.4:
        record["end"] = _date(rng, (start_year or FIRST_YEAR) + 1, LAST_YEAR)
    elif roll < 0.43:
        # A source can only end a tie it postdates, and no citation may say the tie is in
        # force after it ended it: pick one published after the start and every citation.
        last = max(years[citation["source"]] for citation in record["citations"])
        later = bisect.bisect_right(sources, (max(start_year or FIRST_YEAR - 1, last), "\uffff"))
        if later < len(sources):
            record["ended_by"] = sources[rng.randrange(later, len(sources))][1]
    return record


def _event(rng: random.Random, i: int, draw: Any, source_ids: list[str]) -> dict[str, Any]:
    actors = [draw()]
    for _ in range(rng.choice((0, 1, 1, 1, 2))):
        other = draw()
        if other not in actors:
            actors.append(other)
    kind = rng.choice(_EVENT_KINDS)
    record: dict[str, Any] = {
        "id": f"ev-{i:07d}",
        "date": _date(rng),
        "kind": kind,
        "actors": actors,
        "confidence": rng.choice(_CONFIDENCES),
        "summary": f"A {kind.replace('_', ' ')} involving {', '.join(actors)}.",
        "citations": _citations(rng, source_ids),
    }
    if rng.random() < 0.3:
        record["location"] = rng.choice(_SYLLABLES).capitalize() + "ville"
    return record
