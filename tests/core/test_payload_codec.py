"""Payload JSON: what ``encode`` writes, ``decode`` reads back the same (orjson first, stdlib fallback)."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion_tui.core.kernel.drafts import RECORD as DRAFTS
from companion_tui.core.kernel.records import decode, encode
from companion_tui.core.moods.checkins import RECORD as CHECKINS
from companion_tui.vault import TamperedRecord

scalars = st.none() | st.booleans() | st.integers(min_value=-(2**80), max_value=2**80) | st.floats(
    allow_nan=True, allow_infinity=True
) | st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                                         max_size=4), max_leaves=20)


def _same(a: object, b: object) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)  # NaN-safe equality


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=8), values, max_size=6))
def test_whatever_encode_writes_decode_reads_back_the_same(extra: dict) -> None:
    payload = {**extra, "v": 1}
    assert _same(decode(CHECKINS, "x", encode(payload)), payload)


def test_values_only_the_standard_library_reads_still_read() -> None:
    payload = {"v": 1, "nan": math.nan, "inf": -math.inf, "big": -(2**63), "note": "café ☕ \u2028 \"q\""}
    back = decode(CHECKINS, "x", encode(payload))
    assert math.isnan(back["nan"]) and back["inf"] == -math.inf and back["big"] == -(2**63)
    assert back["note"] == payload["note"]


@pytest.mark.parametrize("n", [2**63, -(2**63) - 1, 10**30, -(10**40)])
def test_integers_beyond_64_bits_read_back_exactly(n: int) -> None:
    """orjson would read them back as floats: such payloads are marked and read by the stdlib."""
    raw = encode({"v": 1, "deep": [{"n": n}]})
    assert raw.startswith(b" ") and decode(DRAFTS, "x", raw)["deep"][0]["n"] == n
    assert not encode({"v": 1, "n": 2**63 - 1}).startswith(b" ")


@pytest.mark.parametrize("raw", [b"\xff\xfe{", b'{"v": 1', b"[1, 2]", b'{"v": "1"}', b"", "{\"v\":1,\"n\":\"\udc80\"}".encode("utf-8", "surrogatepass")])
def test_unreadable_payloads_are_a_tampered_record(raw: bytes) -> None:
    with pytest.raises(TamperedRecord) as info:
        decode(CHECKINS, "abc", raw)
    assert "unreadable" in str(info.value)
