"""Values as written: YAML plain scalars are text until the schema types them; text is clean.

YAML 1.1 would read ``0700`` as 448, ``1:20`` as 80, ``NO`` as false.  geoalign reads
every plain scalar as text and lets the field's type decide; where the field refuses a
value that YAML 1.1 would have read as another type, the message says to quote it.
Text with control characters or lone surrogates is refused, naming file, record, field.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from tests.loading_helpers import load_error

import geoalign
from geoalign import PartialDate
from geoalign.model.edtf import EDTF_FORMS
from geoalign.model.kinds import Confidence

SOURCE = "sources:\n  - {id: s1, title: T, publisher: P, published: '2024', document: d}\n"


def _load_yaml(tmp_path: Path, text: str) -> geoalign.Dataset:
    path = tmp_path / "data.yaml"
    path.write_text(text, encoding="utf-8")
    return geoalign.load(path, include_bundled=False)


def _source_with(field: str, value: str) -> str:
    """A file with one source, whose ``field`` is written as ``value`` (raw YAML)."""
    fields = {"id": "s1", "title": "T", "publisher": "P", "published": "'2024'", "document": "d"}
    fields[field] = value
    return "sources:\n  - " + "\n    ".join(f"{k}: {v}".rstrip() for k, v in fields.items()) + "\n"


# A field of the source, the value as written in YAML, and the value loaded.
LOADED = {
    "octal-looking-year": ("published", "0700", PartialDate(700)),
    "year": ("published", "2024", PartialDate(2024)),
    "unquoted-day": ("published", "2024-12-08", PartialDate(2024, 12, 8)),
    "no": ("title", "NO", "NO"),
    "on": ("title", "on", "on"),
    "octal": ("title", "0700", "0700"),
    "sexagesimal": ("title", "1:20", "1:20"),
    "float": ("title", "1e400", "1e400"),
    "nan": ("title", ".nan", ".nan"),
    "hex": ("title", "0x1F", "0x1F"),
    "underscored": ("title", "1_000", "1_000"),
    "timestamp": ("title", "2024-12-08 10:30:00", "2024-12-08 10:30:00"),
    "merge-key-text": ("title", "<<", "<<"),
    "quoted-null": ("title", "'null'", "null"),
    "quoted-tilde": ("title", "'~'", "~"),
    "null-optional": ("url", "null", None),
    "tilde-optional": ("url", "~", None),
    "empty-optional": ("url", "", None),
}


@pytest.mark.parametrize(("field", "written", "loaded"), LOADED.values(), ids=LOADED)
def test_a_plain_scalar_is_text_until_the_schema_types_it(
    tmp_path: Path, field: str, written: str, loaded: object
) -> None:
    [source] = _load_yaml(tmp_path, _source_with(field, written)).sources
    value = getattr(source, field)
    assert value == loaded
    assert type(value) is type(loaded)  # plain str, not a subclass of it


QUOTE_IT = "YAML 1.1 reads the unquoted {!r} as {}: quote it"
NOT_EDTF = f"is not a valid date: expected {EDTF_FORMS}"
# The raw YAML of the field, and the problem it gives.
REFUSED = {
    "sexagesimal-date": (
        "published: 1:20",
        f"field 'published': '1:20' {NOT_EDTF}; " + QUOTE_IT.format("1:20", "a number"),
    ),
    "short-year": (
        "published: 12",
        "field 'published': '12' is not a valid date: a year has four digits, 0001 to 9999; "
        + QUOTE_IT.format("12", "a number"),
    ),
    "hex-date": (
        "published: 0x7E8",
        f"field 'published': '0x7E8' {NOT_EDTF}; " + QUOTE_IT.format("0x7E8", "a number"),
    ),
    "bool-date": (
        "published: yes",
        f"field 'published': 'yes' {NOT_EDTF}; " + QUOTE_IT.format("yes", "true or false"),
    ),
    # A date YAML 1.1 reads as a date: quoting would change nothing, so no advice.
    "impossible-day": (
        "published: 2024-12-32",
        "field 'published': '2024-12-32' is not a valid date: day is out of range for month",
    ),
    "quoted-bad-date": (
        "published: '1:20'",
        f"field 'published': '1:20' {NOT_EDTF}",
    ),
    "null-for-text": (
        "title: null",
        "field 'title': expected text, got null (quote 'null' for the word)",
    ),
    "empty-for-text": (
        "title: ",
        "field 'title': expected text, got null (quote 'null' for the word)",
    ),
}


@pytest.mark.parametrize(("written", "expected"), REFUSED.values(), ids=REFUSED)
def test_a_refused_unquoted_value_is_named_with_the_advice_to_quote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str, expected: str
) -> None:
    field, _, value = written.partition(": ")
    text = _source_with(field, value)
    error = load_error(tmp_path, monkeypatch, {"data.yaml": text.encode()})
    # The line of the field, as written.
    line = next(n for n, row in enumerate(text.splitlines(), 1) if f" {field}:" in f" {row}")
    assert error.messages == (f"data.yaml:{line}: source 's1', {expected}",)


def test_an_unquoted_enum_value_says_to_quote_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        SOURCE
        + "countries:\n  - {id: FRE, name: F}\nrelationships:\n"
        + (
            "  - {id: r, kind: alliance, a: FRE, b: FRE, confidence: yes, summary: s,"
            " citations: [{source: s1, quote: q}]}\n"
        )
    )
    # Checked in the same pass: a relationship of FRE with itself.
    problem, same = load_error(tmp_path, monkeypatch, {"data.yaml": text.encode()}).problems
    assert same.code == "same-actors"
    allowed = ", ".join(c.value for c in Confidence)
    assert (problem.field, problem.code) == ("confidence", "bad-value")
    assert problem.message == (
        f"'yes' is not a known confidence (one of: {allowed}); "
        + QUOTE_IT.format("yes", "true or false")
    )


# Text written with escapes in a YAML double-quoted scalar, and the problem.  (A lone
# surrogate, refused by libyaml's parser itself, is tested through JSON Lines below.)
DIRTY = {
    "escape": ("Free\\e]0;owned\\adonia", "control-character", "U+001B (at character 5)"),
    "bell": ("Free\\adonia", "control-character", "U+0007 (at character 5)"),
    "carriage-return": ("Free\\rdonia", "control-character", "U+000D (at character 5)"),
    "tab": ("Free\\tdonia", "control-character", "U+0009 (at character 5)"),
    "next-line-c1": ("Free\\Ndonia", "control-character", "U+0085 (at character 5)"),
    "c1-csi": ("Free\\x9bdonia", "control-character", "U+009B (at character 5)"),
    "delete": ("Free\\x7fdonia", "control-character", "U+007F (at character 5)"),
}


@pytest.mark.parametrize(("escaped", "code", "which"), DIRTY.values(), ids=DIRTY)
def test_text_with_control_characters_is_refused_in_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, escaped: str, code: str, which: str
) -> None:
    text = f'countries:\n  - {{id: FRE, name: "{escaped}"}}\n'
    [problem] = load_error(tmp_path, monkeypatch, {"data.yaml": text.encode()}).problems
    assert (problem.file, problem.record, problem.field, problem.code) == (
        "data.yaml",
        "FRE",
        "name",
        code,
    )
    assert which in problem.message
    assert str(problem).isprintable()


@pytest.mark.parametrize(
    "char", ["\x1b", "\x07", "\r", "\x00", "\x85", "\x9b", chr(0xD800), chr(0xDC80), "\n"]
)
def test_text_with_control_characters_is_refused_in_json_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, char: str
) -> None:
    row = {"type": "event", "id": "e", "date": "2024", "kind": "flight", "actors": ["FRE"],
           "confidence": "confirmed", "summary": "s", "citations": [{"source": "s1", "quote": f"a{char}b"}]}  # fmt: skip
    # what the event refers to, so that the character is the one problem
    known = [
        {"type": "country", "id": "FRE", "name": "Freedonia"},
        {"type": "source", "id": "s1", "title": "t", "publisher": "p", "published": "2024",
         "document": "d.txt"},
    ]  # fmt: skip
    content = "\n".join(json.dumps(line) for line in [*known, row]).encode()
    [problem] = load_error(tmp_path, monkeypatch, {"data.jsonl": content}).problems
    assert (problem.file, problem.line, problem.record, problem.field) == (
        "data.jsonl",
        3,
        "e",
        "citations[0].quote",
    )
    surrogate = "\ud800" <= char <= "\udfff"
    assert problem.code == ("lone-surrogate" if surrogate else "control-character")
    named = "a line break" if char == "\n" else f"U+{ord(char):04X}"
    assert f"{named} (at character 2)" in problem.message


def test_a_summary_folded_over_lines_loads_and_a_kept_line_break_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folded = SOURCE + "countries:\n  - id: FRE\n    name: >-\n      Free\n      donia\n"
    assert _load_yaml(tmp_path, folded).countries[0].name == "Free donia"
    kept = folded.replace(">-", ">")
    [problem] = load_error(tmp_path, monkeypatch, {"data.yaml": kept.encode()}).messages
    assert problem == (
        "data.yaml:5: country 'FRE', field 'name': holds a line break (at character 11); "
        "text is one line (in YAML, fold long text with >-)"
    )


@pytest.mark.parametrize("text", ["Free\u2028donia", "Free\u00a0donia", "Frée donia", "自由"])
def test_printable_unicode_is_kept(tmp_path: Path, text: str) -> None:
    row: dict[str, Any] = {"type": "country", "id": "FRE", "name": text}
    path = tmp_path / "data.jsonl"
    path.write_text(json.dumps(row, ensure_ascii=False), encoding="utf-8")
    assert geoalign.load(path, include_bundled=False).countries[0].name == text


def test_a_file_name_with_control_characters_is_shown_escaped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "bad\x1b]0;owned\x07\nname.yaml"
    [problem] = load_error(tmp_path, monkeypatch, {name: b"countries: {}\n"}).problems
    assert problem.file == name
    assert str(problem) == (
        "bad\\x1b]0;owned\\x07\\nname.yaml: 'countries' must be a list of records, got dict"
    )
