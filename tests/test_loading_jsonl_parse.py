"""A JSON Lines line is scanned in one call when it is one value alone, and decoded by
:mod:`json` otherwise: both read every text alike (the same value, or a refusal)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geoalign.formats import jsonfile
from geoalign.formats.reading import ReadError

_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
    max_leaves=8,
)
_SPACE = st.sampled_from(["", " ", "\t", "\r", "  \r"])


def _text(value: Any, before: str, after: str) -> str:
    return before + json.dumps(value) + after


@given(_VALUES, _SPACE, _SPACE)
def test_a_value_reads_as_the_decoder_reads_it(value: Any, before: str, after: str) -> None:
    text = _text(value, before, after)
    assert jsonfile._parse(text) == jsonfile._DECODER.decode(text)


@given(st.text(alphabet='{}[]":,0123456789.eE+-tfnrulas \\x'))
def test_any_text_is_read_or_refused_as_the_decoder_does(text: str) -> None:
    try:
        expected = jsonfile._DECODER.decode(text)
    except (ValueError, RecursionError):  # every error of the decoder and of the hooks
        try:
            jsonfile._parse(text)
        except ReadError:
            return
        raise AssertionError(f"{text!r} read, though the decoder refuses it") from None
    assert jsonfile._parse(text) == expected


@pytest.mark.parametrize("text", ['{"a": 1} x', '{"a": 1}{"b": 2}', "1 2", " ", ""])
def test_a_line_that_is_not_one_value_is_refused(text: str) -> None:
    with pytest.raises(ReadError) as info:
        jsonfile._parse(text)
    assert info.value.code == "not-json"
