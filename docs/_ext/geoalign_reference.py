"""Generate the dataset reference from the data itself, at every build.

On ``builder-inited`` this extension loads the bundled YAML files with
:func:`geoalign.load` and writes reStructuredText pages into ``reference/generated/``
(which is not under version control): one page per source with every record that cites
it, one page per country with its relationships and events in date order, and one page
each for organizations and persons.  A file is rewritten only when its text changes, and pages of records that no
longer exist are removed, so an incremental build after a data change re-reads just the
pages that changed.

Every piece of text that comes from the data goes through :func:`escape`, so a quote
holding ``*``, a backquote or ``|`` is shown as written instead of being read as markup.

The configuration value ``geoalign_reference_path`` (default: the bundled dataset) points
the reference at another dataset, e.g. ``-D geoalign_reference_path=my/data``.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

from docutils.utils import column_width
from sphinx.application import Sphinx
from sphinx.config import Config

import geoalign
from geoalign import Country, Dataset, Event, Organization, Person, Relationship, Source
from geoalign.model.records import references
from geoalign.views.export import record_json, record_type
from geoalign.views.fields import record_lists

OUT = Path("reference", "generated")
# The fields a page shows in its own way (headline, title, quotes); the others are facts.
_TIE_SHOWN = frozenset(
    {"id", "kind", "directed", "alignment", "a", "b", "start", "end", "ended_by"}
    | {"confidence", "summary", "citations"}
)
_EVENT_SHOWN = frozenset({"id", "date", "kind", "actors", "location", "confidence", "summary"})
_EVENT_SHOWN |= {"citations"}
_TITLED = frozenset({"title", "name", "type"})
_MARKUP = re.compile(r"([\\`*_|:<>\[\]])")
_PLAIN_URL = re.compile(r"https?://[^\s<>`\\]+")


def escape(text: str) -> str:
    """Text from the data as inline reStructuredText that shows exactly that text.

    Runs of white space become one space (a quote may span lines in a file).  Inline
    markup characters get a backslash.  The text is led by an escaped space, which
    renders as nothing but keeps the text from starting a list, a comment, a directive,
    a doctest block or a transition.
    """
    text = " ".join(text.split())
    return "\\ " + _MARKUP.sub(r"\\\1", text) if text else text


def link(url: str) -> str:
    """A URL as a link, if it is a plain web address; otherwise as escaped text."""
    if _PLAIN_URL.fullmatch(url):
        return f"`{escape(url)} <{url}>`__"
    return escape(url)


def heading(text: str, underline: str) -> str:
    """A section title over its underline (long enough for wide characters)."""
    return f"{text}\n{underline * max(column_width(text), 4)}\n"


class Pages:
    """The reference pages of one dataset, as ``{relative path: text}``."""

    def __init__(self, dataset: Dataset) -> None:
        self.ds = dataset
        self.pages: dict[str, str] = {}
        self._by_actor: dict[str, tuple[list[Relationship], list[Event]]] = {}
        for relationship in dataset.relationships:
            for actor in {relationship.a, relationship.b}:
                self._records_of(actor)[0].append(relationship)
        for event in dataset.events:
            for actor in event.actors:
                self._records_of(actor)[1].append(event)

    def _records_of(self, actor_id: str) -> tuple[list[Relationship], list[Event]]:
        return self._by_actor.setdefault(actor_id, ([], []))

    # -- links -------------------------------------------------------------------------

    def actor_link(self, ref: dict[str, str]) -> str:
        """A link to an actor's page, from its reference (``{"id", "type", "name"}``)."""
        if ref["type"] == "country":
            return f":doc:`/reference/generated/country/{ref['id']}`"
        return f":ref:`geoalign-{ref['type']}-{ref['id']}`"

    def source_link(self, source_id: str) -> str:
        return f":doc:`/reference/generated/source/{source_id}`"

    # -- records, from their JSON form (geoalign.views.export) --------------------------

    def relationship(self, r: Relationship, only_source: str | None = None) -> Iterator[str]:
        doc = record_json(r, self.ds)
        arrow = "→" if doc["directed"] else "↔"
        a, b = self.actor_link(doc["a"]), self.actor_link(doc["b"])
        yield f"``{r.id}``: **{doc['kind']}**, {a} {arrow} {b}"
        yield f"   {self.period(doc)}; *{doc['confidence']}*"
        yield ""
        yield f"   {escape(doc['summary'])}"
        yield ""
        yield from self.facts(r, _TIE_SHOWN, "   ")
        yield from self.citations(doc["citations"], only_source)

    def period(self, doc: dict[str, Any]) -> str:
        start, end = doc["start"], doc["end"]
        since = f"since {start}" if start else "start not given"
        if end is not None:
            return f"{start} to {end}" if start else f"{since}, until {end}"
        if doc["ended_by"] is not None:
            source = self.ds.get(doc["ended_by"])
            assert isinstance(source, Source)
            return f"{since}; ended by {source.published}, as {self.source_link(source.id)} states"
        return f"{since}; in force at the horizon"

    def event(self, e: Event, only_source: str | None = None) -> Iterator[str]:
        doc = record_json(e, self.ds)
        actors = ", ".join(self.actor_link(actor) for actor in doc["actors"])
        yield f"``{e.id}``: **{doc['date']}**, {doc['kind']}"
        where = f", in {escape(doc['location'])}" if doc["location"] else ""
        yield f"   {actors}{where}; *{doc['confidence']}*"
        yield ""
        yield f"   {escape(doc['summary'])}"
        yield ""
        yield from self.facts(e, _EVENT_SHOWN, "   ")
        yield from self.citations(doc["citations"], only_source)

    def citations(self, citations: list[dict[str, Any]], only_source: str | None) -> Iterator[str]:
        for citation in citations:
            if only_source is not None and citation["source"] != only_source:
                continue
            origin = "" if only_source else f" ({self.source_link(citation['source'])})"
            yield f"   * “{escape(citation['quote'])}”{origin}"
        yield ""

    def facts(
        self,
        record: Any,
        shown: frozenset[str],
        indent: str = "",
        extra: Iterable[tuple[str, str]] = (),
    ) -> Iterator[str]:
        """A field list of the record's fields (in its JSON form) that have a value and
        are not ``shown`` otherwise, then ``extra``: every field of the record's class, so
        a field added to the model shows here too."""
        doc = record_json(record, self.ds)
        sources = {name for name, to in references(type(record)).items() if to == ("sources",)}
        listed = []
        for name, value in doc.items():
            if name in shown or value in (None, [], ""):
                continue
            if name in record_lists(type(record)):  # a line each: a person's roles
                listed += [(name, self.value(item)) for item in value]
            else:
                text = f"``{value}``" if name == "id" else self.value(value, name in sources)
                listed.append((name, text))
        listed += extra
        if listed:
            yield f"{indent}.. rst-class:: geoalign-facts\n"
            yield from (f"{indent}:{name}: {text}" for name, text in listed)
            yield ""

    def value(self, value: Any, source: bool = False) -> str:
        """A field's value in the JSON form as inline text, links for records it names."""
        if isinstance(value, list):
            return ", ".join(self.value(item, source) for item in value)
        if isinstance(value, dict) and "title" in value:  # a role
            return self.role(value)
        if isinstance(value, dict):
            return self.actor_link(value)
        if isinstance(value, bool):
            return "yes" if value else "no"
        if source:
            return self.source_link(str(value))
        text = str(value)
        return link(text) if _PLAIN_URL.fullmatch(text) else escape(text)

    def role(self, role: dict[str, Any]) -> str:
        text = escape(role["title"])
        if role["actor"]:
            text += f", {self.actor_link(role['actor'])}"
        if role["start"] or role["end"]:
            text += f" ({role['start'] or '?'} to {role['end'] or '?'})"
        return text

    def records(
        self,
        title: str,
        records: list[Any],
        render: Callable[..., Iterator[str]],
        underline: str,
        preamble: Iterable[str] = (),
        **kw: str,
    ) -> Iterator[str]:
        yield heading(title, underline)
        yield from preamble
        if not records:
            yield "None.\n"
            return
        yield ".. rst-class:: geoalign-records\n"
        for record in records:
            yield from render(record, **kw)

    def timeline_of(
        self, actor_id: str, underline: str, *, pictures: bool = False
    ) -> Iterator[str]:
        relationships, events = self._records_of(actor_id)
        yield from self.records(
            "Relationships",
            sorted(relationships, key=_by_start),
            self.relationship,
            underline,
            preamble=self.network_picture(actor_id) if pictures else (),
        )
        yield from self.records(
            "Events",
            sorted(events, key=_in_time),
            self.event,
            underline,
            preamble=self.timeline_picture(actor_id) if pictures and events else (),
        )

    def network_picture(self, actor_id: str) -> Iterator[str]:
        yield (
            f"The ties in force at the horizon ({self.ds.horizon}), and those among the "
            "actors they reach, dashed where only possibly in force (see :doc:`/pictures` "
            "for how to read the picture):\n"
        )
        yield f".. geoalign-network:: {actor_id}"
        yield "   :certainty: possible\n"
        yield "All the relationships, past and present:\n"

    def timeline_picture(self, actor_id: str) -> Iterator[str]:
        yield "Each event is a bar over its whole date: a year, a month or a day.\n"
        yield f".. geoalign-timeline:: {actor_id}\n"

    # -- pages -------------------------------------------------------------------------

    def build(self) -> dict[str, str]:
        self.source_pages()
        self.country_pages()
        self.shared_page("organizations", "Organizations", self.ds.organizations)
        self.shared_page("persons", "Persons", self.ds.persons)
        return self.pages

    def add(self, name: str, lines: Iterable[str]) -> None:
        self.pages[f"{name}.rst"] = "\n".join(lines).rstrip() + "\n"

    def source_pages(self) -> None:
        names = []
        for source in sorted(
            self.ds.sources, key=lambda s: (s.published.earliest, s.published.latest, s.id)
        ):
            names.append(f"source/{source.id}")
            self.add(f"source/{source.id}", self.source_page(source))
        self.add("sources", self.index_page("Sources", names))

    def source_page(self, s: Source) -> Iterator[str]:
        yield f".. _geoalign-source-{s.id}:\n"
        yield heading(escape(s.title), "=")
        yield from self.facts(s, _TITLED)
        cites = [r for r in self.ds.relationships if any(c.source == s.id for c in r.citations)]
        ended = [r for r in self.ds.relationships if r.ended_by == s.id]
        events = [e for e in self.ds.events if any(c.source == s.id for c in e.citations)]
        yield from self.records("Relationships", cites, self.relationship, "-", only_source=s.id)
        if ended:
            yield from self.records(
                "Relationships it says have ended", ended, self.relationship, "-"
            )
        yield from self.records("Events", events, self.event, "-", only_source=s.id)

    def country_pages(self) -> None:
        names = []
        for country in sorted(self.ds.countries, key=lambda c: c.name):
            names.append(f"country/{country.id}")
            self.add(f"country/{country.id}", self.country_page(country))
        self.add("countries", self.index_page("Countries", names))

    def country_page(self, c: Country) -> Iterator[str]:
        yield heading(escape(c.name), "=")
        based = [
            self.actor_link(record_json(o, self.ds))
            for o in self.ds.organizations
            if o.country == c.id
        ]
        yield from self.facts(
            c, _TITLED, extra=[("organizations based here", ", ".join(based))] if based else []
        )
        yield from self.timeline_of(c.id, "-", pictures=True)

    def shared_page(self, name: str, title: str, actors: Iterable[Organization | Person]) -> None:
        self.add(name, self.shared_lines(title, sorted(actors, key=lambda a: a.name)))

    def shared_lines(self, title: str, actors: list[Organization | Person]) -> Iterator[str]:
        yield heading(title, "=")
        if not actors:
            yield "None."
        for actor in actors:
            yield f".. _geoalign-{record_type(actor)}-{actor.id}:\n"
            yield heading(escape(actor.name), "-")
            yield from self.facts(actor, _TITLED)
            yield from self.timeline_of(actor.id, "~")

    def index_page(self, title: str, names: list[str]) -> Iterator[str]:
        yield heading(title, "=")
        yield f"{len(names)} in the dataset (horizon {self.ds.horizon}).\n"
        yield ".. toctree::"
        yield "   :maxdepth: 1"
        yield ""
        yield from (f"   {name}" for name in names)


def data_path(config: Config) -> Path:
    """The dataset the reference shows: ``geoalign_reference_path``, or the bundled files."""
    # The YAML files, not the precompiled copy: they are the source of truth, and an
    # edit shows up in the next build.
    return Path(str(config.geoalign_reference_path or files("geoalign").joinpath("data")))


def data_files(config: Config) -> list[Path]:
    """The files the reference is drawn from: a page that shows them depends on them."""
    path = data_path(config)
    return sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]


def reference_dataset(config: Config) -> Dataset:
    """The dataset the reference shows, loaded once per build process."""
    return _load(data_path(config))


@functools.lru_cache(maxsize=2)
def _load(path: Path) -> Dataset:
    return geoalign.load(path, include_bundled=False)


def _by_start(r: Relationship) -> tuple[bool, datetime.date, str]:
    """Ties without a start first, then by the first day they may have started."""
    return (r.start is not None, r.start.earliest if r.start else datetime.date.min, r.id)


def _in_time(e: Event) -> tuple[datetime.date, datetime.date, str]:
    """The timeline's order: by the last day the event may have happened, then the first."""
    return (e.date.latest, e.date.earliest, e.id)


def write_pages(app: Sphinx) -> None:
    """Write the reference pages for the configured dataset, touching only changed files."""
    _load.cache_clear()  # a new build reads the files afresh
    dataset = reference_dataset(app.config)
    out = Path(app.srcdir, OUT)
    pages = Pages(dataset).build()
    for old in out.rglob("*.rst") if out.exists() else ():
        if old.relative_to(out).as_posix() not in pages:
            old.unlink()
    for name, text in pages.items():
        target = out / name
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("geoalign_reference_path", None, "env", types=(str, type(None)))
    app.connect("builder-inited", write_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
