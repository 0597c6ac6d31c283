"""Property / fuzz tests: hostile headers and blobs only ever raise the documented vault errors."""

from __future__ import annotations

import base64
import json
import re

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from companion_tui.vault import (
    BadRecoveryKey,
    DowngradeRefused,
    Envelope,
    NewerFormat,
    NotAVault,
    TamperedRecord,
    VaultError,
    WrongPassphrase,
    bucket_size,
    format_recovery_key,
    parse_recovery_key,
)
from companion_tui.vault import kdf as kdf_mod
from companion_tui.vault.envelope import ENVELOPE_FORMAT, MAGIC
from companion_tui.vault.seal import NONCE_BYTES, TAG_BYTES

FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
LIGHT = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PATHS = [
    (),
    ("kdf",),
    ("kdf", "alg"),
    ("kdf", "m"),
    ("kdf", "t"),
    ("kdf", "p"),
    ("kdf", "salt"),
    ("pass",),
    ("pass", "nonce"),
    ("pass", "box"),
    ("rec",),
    ("rec", "salt"),
    ("rec", "nonce"),
    ("rec", "box"),
]

HEADER_ERRORS = (NotAVault, NewerFormat, DowngradeRefused)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


json_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.integers(min_value=0, max_value=2 * kdf_mod.MAX_MEMORY_KIB),
    st.sampled_from([0, 1, 2, 3, 4, 64, 65, 65535, 65536, 131072, kdf_mod.MAX_MEMORY_KIB]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["argon2id", "", "AAAA", "=", "AAAAAAAAAAAAAAAAAAAAAA=="]),
    st.binary(max_size=64).map(b64),
    st.binary(min_size=12, max_size=12).map(b64),
    st.binary(min_size=16, max_size=16).map(b64),
)
json_values = st.recursive(
    json_scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4),
    max_leaves=12,
)


def check_parse(data: bytes) -> Envelope | None:
    """Parse; only documented header errors may escape, and a parsed envelope must be usable."""
    try:
        env = Envelope.from_bytes(data)
    except HEADER_ERRORS:
        return None
    except VaultError as exc:  # pragma: no cover - would be a surprising subclass
        pytest.fail(f"unexpected VaultError subclass {type(exc).__name__}: {exc}")
    # Anything accepted must be within the accepted parameter range and well-shaped.
    env.kdf.check()
    assert len(env.kdf_salt) == 16
    assert len(env.recovery_slot.salt) == 16
    assert len(env.passphrase_slot.nonce) == NONCE_BYTES
    assert len(env.recovery_slot.nonce) == NONCE_BYTES
    assert Envelope.from_bytes(env.to_bytes()) == env
    return env


def apply_edit(body: object, path: tuple[str, ...], value: object) -> object:
    if not path:
        return value
    node = body
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            return body
        node = node[key]
    if isinstance(node, dict):
        node[path[-1]] = value
    return body


def apply_delete(body: object, path: tuple[str, ...]) -> object:
    node = body
    for key in path[:-1]:
        if not isinstance(node, dict) or key not in node:
            return body
        node = node[key]
    if isinstance(node, dict):
        node.pop(path[-1], None)
    return body


# -- headers ------------------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=512))
def test_from_bytes_arbitrary_bytes(data):
    check_parse(data)


@FUZZ
@given(st.integers(min_value=0, max_value=255), st.binary(max_size=512))
def test_from_bytes_magic_any_format_arbitrary_bytes(fmt, rest):
    data = MAGIC + bytes([fmt]) + rest
    if fmt > ENVELOPE_FORMAT:
        with pytest.raises(NewerFormat):
            Envelope.from_bytes(data)
    else:
        check_parse(data)


jsonish_text = st.text(
    alphabet=st.sampled_from(list('{}[]":,.0123456789eE+-truefalsnl \\/ukdfmpaltboxrecpassnonce=A\u00e9')),
    max_size=300,
)


@FUZZ
@given(st.one_of(jsonish_text, st.text(max_size=300), json_values.map(json.dumps)))
def test_from_bytes_magic_and_jsonish_text(text):
    check_parse(MAGIC + bytes([ENVELOPE_FORMAT]) + text.encode("utf-8", "surrogatepass"))


@FUZZ
@given(json_values)
def test_from_bytes_arbitrary_json_document(value):
    check_parse(MAGIC + bytes([ENVELOPE_FORMAT]) + json.dumps(value).encode())


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.tuples(st.just("set"), st.sampled_from(PATHS), json_values),
            st.tuples(st.just("del"), st.sampled_from(PATHS[1:]), st.none()),
        ),
        min_size=1,
        max_size=4,
    )
)
def test_from_bytes_real_header_with_fields_replaced(made_vault, edits):
    body = json.loads(made_vault.header[5:])
    for op, path, value in edits:
        body = apply_edit(body, path, value) if op == "set" else apply_delete(body, path)
    check_parse(MAGIC + bytes([ENVELOPE_FORMAT]) + json.dumps(body).encode())


@FUZZ
@given(st.data())
def test_from_bytes_real_header_byte_edits(made_vault, data):
    header = bytearray(made_vault.header)
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(header) - 1))
        header[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(header)))
    check_parse(bytes(header[:cut]))


@LIGHT
@given(
    st.sampled_from(["salt", "nonce", "box"]),
    st.one_of(st.binary(max_size=80), st.binary(min_size=12, max_size=12), st.binary(min_size=16, max_size=16),
              st.binary(min_size=48, max_size=48)),
)
def test_recovery_slot_replaced_never_unlocks_to_a_wrong_key(made_vault, field, raw):
    body = json.loads(made_vault.header[5:])
    original = base64.b64decode(body["rec"][field])
    assume(raw != original)
    body["rec"][field] = b64(raw)
    env = check_parse(MAGIC + bytes([ENVELOPE_FORMAT]) + json.dumps(body).encode())
    if env is None:
        return
    with pytest.raises(WrongPassphrase):
        env.unlock_with_recovery(made_vault.recovery_key)


# -- recovery keys ---------------------------------------------------------------------------------------

RECOVERY_SHAPE = re.compile(r"^(?:[A-Z2-7]{4}-){7}[A-Z2-7]{4}$")


@FUZZ
@given(
    st.one_of(
        st.text(max_size=60),
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567890189- abc", max_size=45),
        # Letters and digits str.isalnum() accepts but base32 never contains.
        st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567\u00e9\u00df\u00b2\uff11\u0661\u01c5-", min_size=30, max_size=40),
    )
)
def test_parse_recovery_key_arbitrary_text(text):
    try:
        raw = parse_recovery_key(text)
    except BadRecoveryKey:
        return
    assert isinstance(raw, bytes) and len(raw) == 20
    assert RECOVERY_SHAPE.match(format_recovery_key(raw))


@FUZZ
@given(
    st.binary(min_size=20, max_size=20),
    st.sampled_from(["-", " ", "", " - ", "\t", "--", "  "]),
    st.lists(st.booleans(), min_size=32, max_size=32),
    st.booleans(),
)
def test_recovery_key_round_trip_with_typing_variations(raw, sep, lower_mask, confuse):
    text = format_recovery_key(raw)
    assert RECOVERY_SHAPE.match(text)
    chars = [c.lower() if low else c for c, low in zip(text.replace("-", ""), lower_mask)]
    if confuse:
        chars = [{"O": "0", "o": "0", "I": "1", "i": "1", "B": "8", "b": "8"}.get(c, c) for c in chars]
    typed = sep.join("".join(chars[i : i + 4]) for i in range(0, 32, 4))
    assert parse_recovery_key(typed) == raw


# -- sealed records ----------------------------------------------------------------------------------------


@FUZZ
@given(st.binary(max_size=400))
def test_open_arbitrary_bytes_only_raises_tampered(sealer, blob):
    with pytest.raises(TamperedRecord) as info:
        sealer.open("entries", "fz", 1, blob)
    assert (info.value.table, info.value.record_id) == ("entries", "fz")


@FUZZ
@given(st.binary(min_size=NONCE_BYTES + TAG_BYTES + 4, max_size=600))
def test_open_arbitrary_bytes_with_valid_format_byte_only_raises_tampered(sealer, rest):
    with pytest.raises(TamperedRecord):
        sealer.open("entries", "fz", 1, b"\x01" + rest)


@FUZZ
@given(st.data())
def test_open_mutated_real_blob_only_raises_tampered(sealer, data):
    payload = data.draw(st.binary(max_size=300))
    blob = bytearray(sealer.seal("entries", "m", 2, payload))
    for _ in range(data.draw(st.integers(1, 3))):
        i = data.draw(st.integers(0, len(blob) - 1))
        blob[i] ^= data.draw(st.integers(1, 255))
    cut = data.draw(st.integers(0, len(blob)))
    with pytest.raises(TamperedRecord):
        sealer.open("entries", "m", 2, bytes(blob[:cut]))


@FUZZ
@given(st.text(max_size=20), st.text(max_size=20), st.integers(min_value=-(2**40), max_value=2**40))
def test_open_real_blob_elsewhere_only_raises_tampered(sealer, table, record_id, version):
    assume((table, record_id, version) != ("entries", "e-1", 3))
    blob = sealer.seal("entries", "e-1", 3, b"where am I")
    with pytest.raises(TamperedRecord) as info:
        sealer.open(table, record_id, version, blob)
    assert (info.value.table, info.value.record_id) == (table, record_id)


@LIGHT
@given(
    st.from_regex(r"[A-Za-z0-9_.:\-]{1,20}", fullmatch=True),
    st.from_regex(r"[A-Za-z0-9_.:\-]{1,40}", fullmatch=True),
    st.integers(min_value=0, max_value=2**31),
    st.one_of(st.binary(max_size=3000), st.integers(0, 300).map(bytes)),
)
def test_seal_open_round_trip_any_address(sealer, table, record_id, version, payload):
    blob = sealer.seal(table, record_id, version, payload)
    assert len(blob) == 1 + NONCE_BYTES + bucket_size(len(payload)) + TAG_BYTES
    assert sealer.open(table, record_id, version, blob) == payload


@FUZZ
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=0, max_value=10**9))
def test_bucket_size_is_monotone_and_tight(a, b):
    lo, hi = sorted((a, b))
    assert bucket_size(lo) <= bucket_size(hi)
    size = bucket_size(lo)
    need = lo + 4
    assert size >= need
    if need <= 64 * 1024:
        assert size & (size - 1) == 0 and (size == 128 or size // 2 < need)
    else:
        assert size % (64 * 1024) == 0 and size - 64 * 1024 < need
