"""The key envelope: create, serialise, unlock, recovery keys, NFC, rewrap, downgrade refusal,
and header parsing. Real Argon2id throughout, at FLOOR_PARAMS unless the params are the subject."""

from __future__ import annotations

import base64
import json
import os
import random
import re
import unicodedata
from dataclasses import replace

import pytest

from companion_tui.vault import (
    DEFAULT_PARAMS,
    FLOOR_PARAMS,
    BadRecoveryKey,
    DowngradeRefused,
    Envelope,
    KdfParams,
    NewerFormat,
    NotAVault,
    Sealer,
    VaultError,
    WrongPassphrase,
    format_recovery_key,
    parse_recovery_key,
)
from companion_tui.vault import envelope as envelope_mod
from companion_tui.vault import kdf as kdf_mod
from companion_tui.vault.envelope import ENVELOPE_FORMAT, MAGIC, RECOVERY_BYTES, max_params

RECOVERY_SHAPE = re.compile(r"^(?:[A-Z2-7]{4}-){7}[A-Z2-7]{4}$")


# -- helpers -----------------------------------------------------------------------------


def body_of(header: bytes) -> dict:
    assert header[:4] == MAGIC
    return json.loads(header[5:].decode("utf-8"))


def header_of(body: object, fmt: int = ENVELOPE_FORMAT) -> bytes:
    return MAGIC + bytes([fmt]) + json.dumps(body, separators=(",", ":")).encode("utf-8")


def edited(header: bytes, path: tuple[str, ...], value: object) -> bytes:
    body = body_of(header)
    node = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return header_of(body)


def without(header: bytes, path: tuple[str, ...]) -> bytes:
    body = body_of(header)
    node = body
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]
    return header_of(body)


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def flip_b64(text: str, byte_index: int = 0, mask: int = 0x01) -> str:
    raw = bytearray(base64.b64decode(text))
    raw[byte_index] ^= mask
    return b64(bytes(raw))


def ge(a: KdfParams, b: KdfParams) -> bool:
    return a.memory_kib >= b.memory_kib and a.iterations >= b.iterations and a.lanes >= b.lanes


ALL_PATHS = [
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


# -- create / serialise / unlock ------------------------------------------------------------


def test_create_returns_32_byte_key_floor_params_and_well_formed_recovery_key(made_vault):
    assert len(made_vault.data_key) == 32
    assert made_vault.envelope.kdf == FLOOR_PARAMS
    assert RECOVERY_SHAPE.match(made_vault.recovery_key), made_vault.recovery_key
    assert len(parse_recovery_key(made_vault.recovery_key)) == RECOVERY_BYTES


def test_header_round_trip_then_unlock_returns_same_data_key(made_vault):
    parsed = Envelope.from_bytes(made_vault.header)
    assert parsed == made_vault.envelope
    assert parsed.to_bytes() == made_vault.header
    assert parsed.unlock(made_vault.passphrase) == made_vault.data_key


def test_header_parses_from_bytearray_too(made_vault):
    assert Envelope.from_bytes(bytearray(made_vault.header)) == made_vault.envelope


def test_header_is_magic_format_byte_and_json_without_plain_secrets(made_vault):
    header = made_vault.header
    assert header.startswith(MAGIC + bytes([ENVELOPE_FORMAT]))
    body = body_of(header)
    assert set(body) == {"kdf", "pass", "rec"}
    assert body["kdf"] == {
        "alg": "argon2id",
        "m": FLOOR_PARAMS.memory_kib,
        "t": FLOOR_PARAMS.iterations,
        "p": FLOOR_PARAMS.lanes,
        "salt": body["kdf"]["salt"],
    }
    # Neither the data key, the recovery key nor the passphrase is stored in any form we can spot.
    for secret in (made_vault.data_key, parse_recovery_key(made_vault.recovery_key)):
        assert secret not in header
        assert b64(secret).encode() not in header
    assert made_vault.passphrase.encode() not in header
    assert made_vault.recovery_key.encode() not in header


def test_two_vaults_with_the_same_passphrase_share_nothing(made_vault):
    env2, key2, rec2 = Envelope.create(made_vault.passphrase, FLOOR_PARAMS)
    assert key2 != made_vault.data_key
    assert rec2 != made_vault.recovery_key
    assert env2.kdf_salt != made_vault.envelope.kdf_salt
    assert env2.recovery_slot.salt != made_vault.envelope.recovery_slot.salt
    assert env2.passphrase_slot.nonce != made_vault.envelope.passphrase_slot.nonce
    # The other vault's recovery key does not open this one.
    with pytest.raises(WrongPassphrase):
        made_vault.envelope.unlock_with_recovery(rec2)


@pytest.mark.parametrize(
    "wrong",
    ["", "correct horse battery stapl", "Correct horse battery staple", "correct horse battery staple "],
)
def test_wrong_passphrase_raises_wrong_passphrase(made_vault, wrong):
    env = Envelope.from_bytes(made_vault.header)
    with pytest.raises(WrongPassphrase):
        env.unlock(wrong)


# -- recovery key ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda k: k, id="as-shown"),
        pytest.param(lambda k: k.lower(), id="lowercase"),
        pytest.param(lambda k: k.replace("-", " "), id="spaces"),
        pytest.param(lambda k: k.replace("-", ""), id="no-separators"),
        pytest.param(lambda k: "  " + k.lower().replace("-", " ") + "\n", id="lower-spaces-padding"),
        pytest.param(lambda k: k.replace("-", " - "), id="spaced-dashes"),
    ],
)
def test_recovery_key_unlocks_as_typed(made_vault, typed):
    env = Envelope.from_bytes(made_vault.header)
    assert env.unlock_with_recovery(typed(made_vault.recovery_key)) == made_vault.data_key


def test_recovery_key_with_confusable_digits_unlocks(made_vault):
    """A vault whose recovery key is known to contain O, I and B: typing 0, 1, 8 still opens it."""
    text = "BOOKIDEAOBOEBIKE234567ABCDOIBOBI"
    raw = base64.b32decode(text)
    assert format_recovery_key(raw) == "BOOK-IDEA-OBOE-BIKE-2345-67AB-CDOI-BOBI"
    salt = os.urandom(16)
    slot = envelope_mod._wrap(envelope_mod._recovery_kek(raw, salt), made_vault.data_key, envelope_mod._rec_ad(envelope_mod.ENVELOPE_FORMAT))
    env = Envelope.from_bytes(replace(made_vault.envelope, recovery_slot=replace(slot, salt=salt)).to_bytes())

    typed = format_recovery_key(raw).lower().replace("o", "0").replace("i", "1").replace("b", "8").replace("-", " ")
    assert {"0", "1", "8"} <= set(typed)
    assert env.unlock_with_recovery(typed) == made_vault.data_key
    # And the passphrase slot was left alone.
    assert env.unlock(made_vault.passphrase) == made_vault.data_key


def test_real_recovery_key_with_confusables_substituted_unlocks(made_vault):
    typed = made_vault.recovery_key.replace("O", "0").replace("I", "1").replace("B", "8")
    assert Envelope.from_bytes(made_vault.header).unlock_with_recovery(typed) == made_vault.data_key


def test_parse_recovery_key_confusables_map_to_letters():
    raw = base64.b32decode("BOOKIDEAOBOEBIKE234567ABCDOIBOBI")
    assert parse_recovery_key("800K-1DEA-0B0E-B1KE-2345-67AB-CD01-B0B1") == raw
    assert parse_recovery_key("8ook 1dea 0boe bike 2345 67ab cdo1 bob1") == raw


@pytest.mark.parametrize("raw", [bytes(20), b"\xff" * 20, bytes(range(20)), os.urandom(20)])
def test_format_parse_recovery_key_round_trip(raw):
    text = format_recovery_key(raw)
    assert RECOVERY_SHAPE.match(text)
    assert parse_recovery_key(text) == raw


def test_wrong_recovery_key_raises_wrong_passphrase(made_vault):
    env = Envelope.from_bytes(made_vault.header)
    with pytest.raises(WrongPassphrase):
        env.unlock_with_recovery(format_recovery_key(os.urandom(RECOVERY_BYTES)))
    # One character off.
    key = made_vault.recovery_key
    swapped = "A" if key[0] != "A" else "C"
    with pytest.raises(WrongPassphrase):
        env.unlock_with_recovery(swapped + key[1:])
    # The passphrase is not a recovery key, nor the other way round.
    with pytest.raises(VaultError):
        env.unlock_with_recovery(made_vault.passphrase)


@pytest.mark.parametrize(
    "typed",
    [
        pytest.param(lambda k: "", id="empty"),
        pytest.param(lambda k: "ABCD", id="one-group"),
        pytest.param(lambda k: k[:-5], id="seven-groups"),
        pytest.param(lambda k: k + "-A", id="extra-char"),
        pytest.param(lambda k: k[:-1] + "9", id="digit-9-not-base32"),
        pytest.param(lambda k: "-" * 39, id="only-dashes"),
        pytest.param(lambda k: "é" * 32, id="non-ascii-letters"),
        pytest.param(lambda k: "²" * 32, id="superscript-digits"),
        pytest.param(lambda k: k[:-1] + "é", id="one-non-ascii-letter"),
        pytest.param(lambda k: "１" * 32, id="fullwidth-digits"),
    ],
)
def test_malformed_recovery_key_raises_bad_recovery_key(made_vault, typed):
    text = typed(made_vault.recovery_key)
    with pytest.raises(BadRecoveryKey):
        parse_recovery_key(text)
    with pytest.raises(BadRecoveryKey):
        made_vault.envelope.unlock_with_recovery(text)


def test_bad_recovery_key_is_a_vault_error_but_not_wrong_passphrase():
    assert issubclass(BadRecoveryKey, VaultError)
    assert not issubclass(BadRecoveryKey, WrongPassphrase)


# -- NFC normalisation ----------------------------------------------------------------------------


def test_composed_and_decomposed_passphrase_open_the_same_vault():
    composed = "caf\u00e9 \u00fcber na\u00efve"
    decomposed = unicodedata.normalize("NFD", composed)
    assert composed != decomposed and composed.encode() != decomposed.encode()

    env, key, _ = Envelope.create(decomposed, FLOOR_PARAMS)
    parsed = Envelope.from_bytes(env.to_bytes())
    assert parsed.unlock(composed) == key
    assert parsed.unlock(decomposed) == key
    with pytest.raises(WrongPassphrase):
        parsed.unlock("cafe uber naive")


def test_nfc_passphrase_rewrapped_with_composed_form_opens_with_decomposed(made_vault):
    composed = "\u00c5ngstr\u00f6m"
    env = made_vault.envelope.rewrap(made_vault.data_key, composed, FLOOR_PARAMS)
    assert env.unlock(unicodedata.normalize("NFD", composed)) == made_vault.data_key


# -- rewrap ---------------------------------------------------------------------------------------


def test_rewrap_new_passphrase_opens_old_does_not_recovery_still_does(made_vault):
    new = made_vault.envelope.rewrap(made_vault.data_key, "a new passphrase", FLOOR_PARAMS)
    parsed = Envelope.from_bytes(new.to_bytes())

    assert parsed.unlock("a new passphrase") == made_vault.data_key
    with pytest.raises(WrongPassphrase):
        parsed.unlock(made_vault.passphrase)
    assert parsed.unlock_with_recovery(made_vault.recovery_key) == made_vault.data_key

    assert parsed.recovery_slot == made_vault.envelope.recovery_slot
    assert parsed.kdf_salt != made_vault.envelope.kdf_salt
    assert parsed.passphrase_slot.nonce != made_vault.envelope.passphrase_slot.nonce
    assert parsed.passphrase_slot.box != made_vault.envelope.passphrase_slot.box
    # The original envelope object is unchanged (frozen) and still opens with the old passphrase.
    assert Envelope.from_bytes(made_vault.header) == made_vault.envelope


def test_rewrap_leaves_sealed_records_byte_identical_and_openable(made_vault):
    sealer = Sealer(made_vault.data_key)
    records = {
        ("entries", "e1", 1): b"first entry",
        ("entries", "e1", 2): b"first entry, edited",
        ("checkins", "c7", 1): b"x" * 5000,
        ("settings", "theme", 1): b"",
    }
    stored = {k: sealer.seal(*k, v) for k, v in records.items()}
    snapshot = {k: bytes(v) for k, v in stored.items()}

    new_header = made_vault.envelope.rewrap(made_vault.data_key, "rotated", FLOOR_PARAMS).to_bytes()
    key = Envelope.from_bytes(new_header).unlock("rotated")
    assert key == made_vault.data_key

    assert stored == snapshot
    reopened = Sealer(key)
    for k, blob in stored.items():
        assert reopened.open(*k, blob) == records[k]
    # And recovery-key access yields a key that opens them too.
    rec_key = Envelope.from_bytes(new_header).unlock_with_recovery(made_vault.recovery_key)
    assert Sealer(rec_key).open("entries", "e1", 2, stored[("entries", "e1", 2)]) == b"first entry, edited"


def test_rewrap_without_params_raises_a_floor_vault_to_at_least_default(made_vault):
    new = made_vault.envelope.rewrap(made_vault.data_key, "upgraded")
    assert ge(new.kdf, DEFAULT_PARAMS)
    assert ge(new.kdf, made_vault.envelope.kdf)
    assert new.kdf == max_params(made_vault.envelope.kdf, DEFAULT_PARAMS)
    assert Envelope.from_bytes(new.to_bytes()).unlock("upgraded") == made_vault.data_key


def test_rewrap_with_higher_explicit_params_uses_them(made_vault):
    higher = KdfParams(memory_kib=FLOOR_PARAMS.memory_kib, iterations=4, lanes=FLOOR_PARAMS.lanes)
    new = Envelope.from_bytes(made_vault.envelope.rewrap(made_vault.data_key, "higher", higher).to_bytes())
    assert new.kdf == higher
    assert new.unlock("higher") == made_vault.data_key


@pytest.fixture(scope="module")
def stronger_vault():
    """A vault created above the floor (4 iterations) — cheap, but lowering it is detectable."""
    strong = KdfParams(memory_kib=FLOOR_PARAMS.memory_kib, iterations=4, lanes=FLOOR_PARAMS.lanes)
    env, key, rec = Envelope.create("strong one", strong)
    return env, key


@pytest.mark.parametrize(
    "asked",
    [
        pytest.param(FLOOR_PARAMS, id="floor"),
        pytest.param(KdfParams(memory_kib=FLOOR_PARAMS.memory_kib, iterations=3, lanes=1), id="fewer-lanes"),
        pytest.param(KdfParams(memory_kib=1024, iterations=1, lanes=1), id="below-floor"),
    ],
)
def test_rewrap_never_lowers_params(stronger_vault, asked):
    env, key = stronger_vault
    try:
        new = env.rewrap(key, "rotated", asked)
    except DowngradeRefused:
        return  # refusing is an acceptable way of not lowering
    assert ge(new.kdf, env.kdf), f"rewrap lowered {env.kdf} to {new.kdf}"
    assert Envelope.from_bytes(new.to_bytes()).unlock("rotated") == key


# -- downgrade / absurd params ---------------------------------------------------------------------

BELOW_FLOOR = [
    KdfParams(memory_kib=64 * 1024 - 1, iterations=3, lanes=4),
    KdfParams(memory_kib=32 * 1024, iterations=3, lanes=4),
    KdfParams(memory_kib=64 * 1024, iterations=2, lanes=4),
    KdfParams(memory_kib=64 * 1024, iterations=1, lanes=1),
    KdfParams(memory_kib=64 * 1024, iterations=3, lanes=0),
    KdfParams(memory_kib=0, iterations=0, lanes=0),
    KdfParams(memory_kib=-1, iterations=3, lanes=4),
]
ABSURD = [
    KdfParams(memory_kib=kdf_mod.MAX_MEMORY_KIB + 1, iterations=3, lanes=4),
    KdfParams(memory_kib=64 * 1024, iterations=kdf_mod.MAX_ITERATIONS + 1, lanes=4),
    KdfParams(memory_kib=64 * 1024, iterations=3, lanes=kdf_mod.MAX_LANES + 1),
    KdfParams(memory_kib=2**40, iterations=2**20, lanes=2**10),
]


def test_floor_constants_are_the_documented_floor():
    assert FLOOR_PARAMS.memory_kib == 64 * 1024
    assert FLOOR_PARAMS.iterations == 3
    assert ge(DEFAULT_PARAMS, FLOOR_PARAMS)
    FLOOR_PARAMS.check()
    DEFAULT_PARAMS.check()


@pytest.mark.parametrize("params", BELOW_FLOOR + ABSURD, ids=repr)
def test_create_refuses_params_out_of_range(params):
    with pytest.raises(DowngradeRefused):
        Envelope.create("passphrase", params)


@pytest.mark.parametrize("params", BELOW_FLOOR + ABSURD, ids=repr)
def test_header_edited_to_out_of_range_params_is_refused(made_vault, params):
    header = made_vault.header
    header = edited(header, ("kdf", "m"), params.memory_kib)
    header = edited(header, ("kdf", "t"), params.iterations)
    header = edited(header, ("kdf", "p"), params.lanes)
    with pytest.raises(DowngradeRefused):
        Envelope.from_bytes(header)


@pytest.mark.parametrize(
    ("field", "value"), [("m", 65535), ("m", 32768), ("m", 8), ("t", 2), ("t", 1), ("t", 0), ("p", 0), ("m", -65536)]
)
def test_header_single_field_lowered_is_refused(made_vault, field, value):
    with pytest.raises(DowngradeRefused):
        Envelope.from_bytes(edited(made_vault.header, ("kdf", field), value))


def test_header_at_exact_floor_and_ceiling_is_accepted(made_vault):
    floor = edited(edited(made_vault.header, ("kdf", "p"), 1), ("kdf", "t"), 3)
    assert Envelope.from_bytes(floor).kdf == KdfParams(64 * 1024, 3, 1)
    ceiling = made_vault.header
    for field, value in (("m", kdf_mod.MAX_MEMORY_KIB), ("t", kdf_mod.MAX_ITERATIONS), ("p", kdf_mod.MAX_LANES)):
        ceiling = edited(ceiling, ("kdf", field), value)
    assert Envelope.from_bytes(ceiling).kdf == KdfParams(kdf_mod.MAX_MEMORY_KIB, kdf_mod.MAX_ITERATIONS, kdf_mod.MAX_LANES)


def test_unlock_refuses_envelope_built_with_low_params(made_vault):
    weak = replace(made_vault.envelope, kdf=KdfParams(memory_kib=8, iterations=1, lanes=1))
    with pytest.raises(DowngradeRefused):
        weak.unlock(made_vault.passphrase)


# -- header tampering reaches unlock --------------------------------------------------------------


def test_header_with_raised_iterations_no_longer_unlocks(made_vault):
    header = edited(made_vault.header, ("kdf", "t"), 4)
    env = Envelope.from_bytes(header)
    assert env.kdf.iterations == 4
    with pytest.raises(WrongPassphrase):
        env.unlock(made_vault.passphrase)


@pytest.mark.parametrize(
    ("path", "mutate"),
    [
        (("kdf", "salt"), lambda v: flip_b64(v, 0)),
        (("pass", "nonce"), lambda v: flip_b64(v, 11, 0x80)),
        (("pass", "box"), lambda v: flip_b64(v, 5)),
        (("pass", "box"), lambda v: flip_b64(v, 47, 0x80)),  # the tag
    ],
)
def test_tampered_passphrase_slot_raises_wrong_passphrase(made_vault, path, mutate):
    body = body_of(made_vault.header)
    header = edited(made_vault.header, path, mutate(body[path[0]][path[1]]))
    env = Envelope.from_bytes(header)
    with pytest.raises(WrongPassphrase):
        env.unlock(made_vault.passphrase)
    # The recovery slot is independent and still works.
    assert env.unlock_with_recovery(made_vault.recovery_key) == made_vault.data_key


@pytest.mark.parametrize("field", ["salt", "nonce", "box"])
def test_tampered_recovery_slot_raises_wrong_passphrase(made_vault, field):
    body = body_of(made_vault.header)
    raw = base64.b64decode(body["rec"][field])
    for i in range(len(raw)):
        header = edited(made_vault.header, ("rec", field), flip_b64(body["rec"][field], i, 1 << (i % 8)))
        env = Envelope.from_bytes(header)
        with pytest.raises(WrongPassphrase):
            env.unlock_with_recovery(made_vault.recovery_key)


def test_truncated_or_empty_slot_box_raises_wrong_passphrase(made_vault):
    body = body_of(made_vault.header)
    for box in (b"", base64.b64decode(body["rec"]["box"])[:16], base64.b64decode(body["rec"]["box"])[:-1]):
        env = Envelope.from_bytes(edited(made_vault.header, ("rec", "box"), b64(box)))
        with pytest.raises(WrongPassphrase):
            env.unlock_with_recovery(made_vault.recovery_key)


def test_slots_from_another_vault_do_not_open(made_vault):
    other, other_key, other_rec = Envelope.create(made_vault.passphrase, FLOOR_PARAMS)
    # Passphrase slot swapped in from another vault with the same passphrase: different salt → no.
    mixed = replace(made_vault.envelope, passphrase_slot=other.passphrase_slot)
    with pytest.raises(WrongPassphrase):
        mixed.unlock(made_vault.passphrase)
    # Recovery slot moved into the passphrase slot position (same bytes, wrong domain).
    crossed = replace(made_vault.envelope, passphrase_slot=replace(made_vault.envelope.recovery_slot, salt=b""))
    with pytest.raises(WrongPassphrase):
        crossed.unlock(made_vault.passphrase)


# -- header parsing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"C", b"CPN", MAGIC, b"\x00" * 5, b"CPNW\x01{}", b"cpnv\x01{}", b"VNPC\x01{}"])
def test_short_or_wrong_magic_is_not_a_vault(data):
    with pytest.raises(NotAVault):
        Envelope.from_bytes(data)


def test_real_header_with_wrong_magic_is_not_a_vault(made_vault):
    body = made_vault.header[4:]
    for magic in (b"CPNW", b"cpnv", b"\x00PNV", b"SQLi", b"\xff\xff\xff\xff"):
        with pytest.raises(NotAVault):
            Envelope.from_bytes(magic + body)
    with pytest.raises(NotAVault):
        Envelope.from_bytes(b"\n" + made_vault.header)  # shifted by one byte


def test_random_bytes_are_not_a_vault():
    rng = random.Random(1234)
    for _ in range(300):
        data = rng.randbytes(rng.randrange(0, 600))
        with pytest.raises(NotAVault):
            Envelope.from_bytes(data)


def test_every_truncation_of_a_real_header_is_not_a_vault(made_vault):
    header = made_vault.header
    assert len(header) > 100
    for n in range(len(header)):
        with pytest.raises(NotAVault):
            Envelope.from_bytes(header[:n])


@pytest.mark.parametrize("fmt", [ENVELOPE_FORMAT + 1, 7, 255])
def test_newer_format_byte_raises_newer_format(made_vault, fmt):
    header = made_vault.header[:4] + bytes([fmt]) + made_vault.header[5:]
    with pytest.raises(NewerFormat) as info:
        Envelope.from_bytes(header)
    assert "newer" in str(info.value).lower()
    # Even with a garbage body after it, the format number wins (the user must upgrade, not panic).
    with pytest.raises(NewerFormat):
        Envelope.from_bytes(MAGIC + bytes([fmt]) + b"\xff garbage")


def test_format_zero_is_not_a_vault(made_vault):
    with pytest.raises(NotAVault):
        Envelope.from_bytes(MAGIC + b"\x00" + made_vault.header[5:])


@pytest.mark.parametrize("data", [None, 42, "CPNV\x01{}", ["CPNV"], memoryview(b"CPNV\x01{}")], ids=repr)
def test_non_bytes_input_is_not_a_vault(data):
    with pytest.raises(NotAVault):
        Envelope.from_bytes(data)


def test_oversized_header_is_not_a_vault(made_vault):
    limit = envelope_mod._MAX_HEADER
    fits = made_vault.header + b" " * (limit - len(made_vault.header))
    assert len(fits) == limit
    assert Envelope.from_bytes(fits) == made_vault.envelope  # trailing JSON whitespace is fine
    with pytest.raises(NotAVault):
        Envelope.from_bytes(fits + b" ")


@pytest.mark.parametrize(
    "body", [b"", b"{", b"{}", b"[]", b"null", b'"kdf"', b"1", b"true", b"\xff\xfe", b"\xef\xbb\xbf{}", b"{\"kdf\":}"]
)
def test_garbled_json_body_is_not_a_vault(body):
    with pytest.raises(NotAVault):
        Envelope.from_bytes(MAGIC + b"\x01" + body)


def test_deeply_nested_json_body_is_not_a_vault():
    for opener in (b"[", b'{"kdf":'):
        data = MAGIC + b"\x01" + opener * 5000
        assert len(data) < envelope_mod._MAX_HEADER
        with pytest.raises(NotAVault):
            Envelope.from_bytes(data)


def test_invalid_utf8_in_body_is_not_a_vault(made_vault):
    header = made_vault.header.replace(b'"argon2id"', b'"argon2\xffd"')
    with pytest.raises(NotAVault):
        Envelope.from_bytes(header)


@pytest.mark.parametrize("path", ALL_PATHS, ids=lambda p: ".".join(p))
def test_missing_field_is_not_a_vault(made_vault, path):
    with pytest.raises(NotAVault):
        Envelope.from_bytes(without(made_vault.header, path))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("kdf", "alg"), "scrypt"),
        (("kdf", "alg"), "Argon2id"),
        (("kdf", "alg"), None),
        (("kdf", "m"), "65536"),
        (("kdf", "m"), 65536.0),
        (("kdf", "m"), True),
        (("kdf", "t"), [3]),
        (("kdf", "p"), None),
        (("kdf", "p"), False),
        (("kdf", "salt"), 12345),
        (("kdf", "salt"), b64(os.urandom(15))),
        (("kdf", "salt"), b64(os.urandom(17))),
        (("kdf", "salt"), "!!!not base64!!!"),
        (("kdf", "salt"), "AAAAAAAAAAAAAAAAAAAAAA"),  # missing padding
        (("kdf", "salt"), "é" * 24),
        (("kdf",), []),
        (("kdf",), "argon2id"),
        (("kdf",), None),
        (("pass", "nonce"), b64(os.urandom(11))),
        (("pass", "nonce"), b64(os.urandom(16))),
        (("pass", "box"), None),
        (("pass", "box"), {"b64": "AAAA"}),
        (("pass",), "nonce"),
        (("pass",), [1, 2]),
        (("rec", "salt"), b64(b"")),
        (("rec", "nonce"), ""),
        (("rec", "box"), 0),
        (("rec",), None),
    ],
    ids=repr,
)
def test_wrong_field_types_and_shapes_are_not_a_vault(made_vault, path, value):
    with pytest.raises(NotAVault):
        Envelope.from_bytes(edited(made_vault.header, path, value))


def test_unknown_extra_fields_are_ignored(made_vault):
    header = edited(made_vault.header, ("future",), {"x": 1})
    header = edited(header, ("kdf", "note"), "hello")
    assert Envelope.from_bytes(header) == made_vault.envelope
