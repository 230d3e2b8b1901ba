"""The ``geoalign-documents`` directive: each source document, sentence by sentence, with
the records that carry each sentence.

For every source of the bundled dataset the directive reads the document, splits it into
sentences and puts each sentence beside the relationships and events whose quotes lie in
it (a quote is matched as the quote test matches it: typographic quotes made plain and
runs of white space made one).  A sentence that no record quotes is shown with a dash,
so what the data leaves out is as visible as what it holds.

The documents are read from the directory named by ``GEOALIGN_SOURCES`` (as for the
tests), else from ``../shared/seeds`` beside the repository.  Where neither exists the
page lists each document's records without the text, and says why.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from docutils import nodes
from geoalign_reference import escape, heading
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

import geoalign
from geoalign import Event, Relationship, Source

REPOSITORY = Path(__file__).resolve().parents[2]
_TYPOGRAPHIC = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
# A sentence ends at . ! or ? (and any closing quotes or brackets) before white space and
# a capital, a digit or an opening quote; "U.S." and "J." are initials, not ends.
_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[A-Z0-9\"'\u201c\u2018])")
_INITIALS = re.compile(r"(?:[A-Z]\.)*[A-Z]")


class Sentence(NamedTuple):
    """One sentence of a document and the ids of the records whose quotes it holds."""

    text: str
    records: tuple[str, ...]


def split_sentences(text: str) -> list[str]:
    """The sentences of a document, line by line, white space made single.

    >>> split_sentences("U.S. Secretary Lloyd J. Austin III warned. But who?\\nA title")
    ['U.S. Secretary Lloyd J. Austin III warned.', 'But who?', 'A title']
    """
    out: list[str] = []
    for line in text.splitlines():
        line = " ".join(line.split())
        start = 0
        for end in _END.finditer(line):
            last_word = line[start : end.start()].rsplit(" ", 1)[-1]
            if _INITIALS.fullmatch(last_word):
                continue
            out.append(line[start : end.end()].strip())
            start = end.end()
        if line[start:].strip():
            out.append(line[start:].strip())
    return out


def match_form(text: str) -> str:
    """Text as quotes are matched: plain quotes, single spaces."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


def sentences_with_records(text: str, cited: Sequence[tuple[str, str]]) -> list[Sentence]:
    """Each sentence of ``text`` with the ids of the ``(id, quote)`` pairs found in it.

    A quote spanning sentences belongs to each of them; a quote found nowhere to none.

    >>> [s.records for s in sentences_with_records("One fact. Another.", [("r1", "Another")])]
    [(), ('r1',)]
    """
    parts = split_sentences(text)
    starts, position = [], 0
    for part in parts:
        starts.append(position)
        position += len(match_form(part)) + 1
    whole = " ".join(match_form(part) for part in parts)
    found: list[list[str]] = [[] for _ in parts]
    for record_id, quote in cited:
        begin = whole.find(match_form(quote))
        if begin < 0:
            continue
        end = begin + len(match_form(quote))
        for index, start in enumerate(starts):
            stop = start + len(match_form(parts[index]))
            if start < end and begin < stop and record_id not in found[index]:
                found[index].append(record_id)
    return [Sentence(part, tuple(ids)) for part, ids in zip(parts, found, strict=True)]


def documents_dir() -> Path | None:
    """Where the source documents are, or ``None``."""
    value = os.environ.get("GEOALIGN_SOURCES")
    candidates = [Path(value), REPOSITORY / value] if value else []
    candidates.append(REPOSITORY.parent / "shared" / "seeds")
    return next((path for path in candidates if path.is_dir()), None)


def _describe(record: Relationship | Event) -> str:
    if isinstance(record, Relationship):
        arrow = "→" if record.kind.directed else "↔"
        what = f"{record.kind.value}, {record.a} {arrow} {record.b}"
    else:
        what = f"{record.kind.value} event, {record.date}"
    return f"``{record.id}``: {escape(what)} ({record.confidence.value})"


def _page_of(
    source: Source, records: dict[str, Relationship | Event], folder: Path | None
) -> tuple[str, tuple[int, int]]:
    """The reStructuredText of one document, and its counts (sentences, carried)."""
    cited = [
        (record.id, c.quote)
        for record in records.values()
        for c in record.citations
        if c.source == source.id
    ]
    own = sorted({record_id for record_id, _ in cited})
    lines = [
        heading(escape(source.title), "-"),
        f"``{source.document}``, published {escape(str(source.published))}, "
        f"publisher {escape(source.publisher)} (source ``{source.id}``).",
        "",
    ]
    file = folder / source.document if folder else None
    if file is None or not file.is_file():
        lines += [f"{len(own)} records cite it (the text was not found at build time):", ""]
        lines += [f"* {_describe(records[record_id])}" for record_id in own]
        return "\n".join(lines) + "\n", (0, 0)
    sentences = sentences_with_records(file.read_text(encoding="utf-8"), cited)
    carried = sum(1 for s in sentences if s.records)
    lines += [
        f"{len(sentences)} sentences, {carried} of them carried by {len(own)} records.",
        "",
        ".. list-table::",
        "   :header-rows: 1",
        "   :widths: 55 45",
        "",
        "   * - sentence",
        "     - records",
    ]
    for sentence in sentences:
        lines.append(f"   * - {escape(sentence.text)}")
        if not sentence.records:
            lines.append("     - —")
            continue
        first, *rest = sentence.records
        lines.append(f"     - * {_describe(records[first])}")
        lines += [f"       * {_describe(records[record_id])}" for record_id in rest]
    return "\n".join(lines) + "\n", (len(sentences), carried)


class Documents(SphinxDirective):
    """Render every source document of the bundled dataset beside its records."""

    def run(self) -> list[nodes.Node]:
        # The page depends on the data and the documents, not on its source: read afresh.
        self.env.note_reread()
        dataset = geoalign.load()
        records: dict[str, Relationship | Event] = {
            r.id: r for r in (*dataset.relationships, *dataset.events)
        }
        folder = documents_dir()
        pages, totals = [], [0, 0]
        for source in sorted(dataset.sources, key=lambda s: s.document):
            text, (count, carried) = _page_of(source, records, folder)
            pages.append(text)
            totals[0] += count
            totals[1] += carried
        if folder is None:
            intro = (
                "The documents were not found when these pages were built (set "
                "``GEOALIGN_SOURCES``), so only each document's records are listed."
            )
        else:
            intro = (
                f"{totals[0]} sentences in {len(pages)} documents; {totals[1]} of them "
                f"are carried by at least one of {len(records)} records."
            )
        return self.parse_text_to_nodes("\n".join([intro, "", *pages]), allow_section_headings=True)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("geoalign-documents", Documents)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
