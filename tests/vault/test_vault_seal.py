"""Sealed records: AES-256-GCM round trips, bucket padding, tamper/move/rollback detection, nonces."""

from __future__ import annotations

import os
import random

import pytest

from companion_tui.vault import Sealer, TamperedRecord, VaultError, bucket_size
from companion_tui.vault import seal as seal_mod
from companion_tui.vault.seal import NONCE_BYTES, SEAL_FORMAT, TAG_BYTES, associated_data

HEADER = 1 + NONCE_BYTES  # format byte + nonce
OVERHEAD = HEADER + TAG_BYTES
SIZES = [0, 1, 123, 124, 125, 5000, 70000, 200000]


def expected_blob_len(n: int) -> int:
    return OVERHEAD + bucket_size(n)


def assert_tampered(sealer: Sealer, table: str, record_id: str, version: int, blob: bytes) -> TamperedRecord:
    with pytest.raises(TamperedRecord) as info:
        sealer.open(table, record_id, version, blob)
    err = info.value
    assert err.table == table and err.record_id == record_id
    assert table in str(err) and record_id in str(err)
    return err


# -- round trips and sizes ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_seal_open_round_trip(sealer, size):
    payload = os.urandom(size)
    blob = sealer.seal("entries", "id-42", 3, payload)
    assert blob[0] == SEAL_FORMAT
    assert len(blob) == expected_blob_len(size)
    if size >= 16:
        assert payload not in blob  # not stored in the clear
    assert sealer.open("entries", "id-42", 3, blob) == payload
    assert sealer.open("entries", "id-42", 3, bytearray(blob)) == payload


def test_round_trip_keeps_trailing_zero_bytes(sealer):
    # The padding is zeros: a payload ending in zeros must not lose them.
    for payload in (b"\x00", b"abc\x00\x00", bytes(124), bytes(125)):
        assert sealer.open("t", "i", 1, sealer.seal("t", "i", 1, payload)) == payload


def test_open_with_another_sealer_on_the_same_key(data_key):
    blob = Sealer(data_key).seal("entries", "a", 1, "héllo ✓".encode())
    assert Sealer(bytes(data_key)).open("entries", "a", 1, blob) == "héllo ✓".encode()


@pytest.mark.parametrize(
    ("a", "b"), [(10, 100), (0, 123), (1, 124), (125, 252), (5000, 8000), (70000, 131068), (140000, 196000)]
)
def test_blob_length_depends_only_on_bucket(sealer, a, b):
    assert bucket_size(a) == bucket_size(b)
    blob_a = sealer.seal("entries", "x", 1, os.urandom(a))
    blob_b = sealer.seal("entries", "x", 1, os.urandom(b))
    assert len(blob_a) == len(blob_b)


@pytest.mark.parametrize(("a", "b"), [(123, 124 + 1), (124, 125), (252, 253), (65532, 65533), (131068, 131069)])
def test_crossing_a_bucket_boundary_grows_the_blob(sealer, a, b):
    assert bucket_size(a) < bucket_size(b)
    assert len(sealer.seal("t", "x", 1, bytes(a))) < len(sealer.seal("t", "x", 1, bytes(b)))


@pytest.mark.parametrize(
    ("n", "size"),
    [
        (0, 128),
        (1, 128),
        (124, 128),
        (125, 256),
        (252, 256),
        (253, 512),
        (5000, 8192),
        (65532, 65536),
        (65533, 131072),
        (70000, 131072),
        (131068, 131072),
        (131069, 196608),
        (200000, 262144),
    ],
)
def test_bucket_size_known_values(n, size):
    assert bucket_size(n) == size


def test_bucket_size_properties():
    prev = 0
    for n in list(range(0, 70000, 7)) + list(range(70000, 1_000_000, 997)) + [10**8]:
        size = bucket_size(n)
        assert size >= n + 4, n  # room for the length prefix and payload
        assert size >= prev, n  # monotone
        if n + 4 <= 64 * 1024:
            assert size >= 128 and size & (size - 1) == 0, n  # power of two
            assert size < 2 * (n + 4) or size == 128, n  # the smallest such power
        else:
            assert size % (64 * 1024) == 0, n
            assert size - (n + 4) < 64 * 1024, n  # the smallest such step
        prev = size


def test_bucket_sizes_used_below_a_megabyte_are_few():
    sizes = {bucket_size(n) for n in range(0, 1 << 20, 61)}
    assert len(sizes) <= 10 + 16  # 128..64K powers of two, then 64 KiB steps to 1 MiB


def test_sealer_requires_a_32_byte_key():
    for bad in (b"", bytes(16), bytes(24), bytes(31), bytes(33), bytes(64)):
        with pytest.raises(ValueError):
            Sealer(bad)


def test_sealing_twice_gives_different_blobs_that_both_open(sealer):
    a = sealer.seal("entries", "same", 1, b"same payload")
    b = sealer.seal("entries", "same", 1, b"same payload")
    assert a != b
    assert a[1:HEADER] != b[1:HEADER]
    assert sealer.open("entries", "same", 1, a) == sealer.open("entries", "same", 1, b) == b"same payload"


def test_associated_data_layout():
    assert associated_data("entries", "abc", 7) == b"entries|abc|7|1"
    assert seal_mod.SEAL_FORMAT == 1


# -- tampering -----------------------------------------------------------------------------------------


def test_every_bit_flip_of_a_small_blob_is_tampered(sealer):
    blob = sealer.seal("entries", "e-1", 2, b"dear diary")
    for i in range(len(blob)):
        for bit in range(8):
            bad = bytearray(blob)
            bad[i] ^= 1 << bit
            assert_tampered(sealer, "entries", "e-1", 2, bytes(bad))


@pytest.mark.parametrize("size", [0, 125, 5000, 70000])
def test_a_bit_flip_at_every_byte_position_is_tampered(sealer, size):
    rng = random.Random(size)
    payload = os.urandom(size)
    blob = sealer.seal("checkins", "c-9", 1, payload)
    positions = range(len(blob)) if len(blob) <= 10_000 else sorted(rng.sample(range(len(blob)), 3000))
    for i in positions:
        bad = bytearray(blob)
        bad[i] ^= 1 << rng.randrange(8)
        assert_tampered(sealer, "checkins", "c-9", 1, bytes(bad))
    # Edge positions always: format byte, first/last nonce byte, first ciphertext byte, last tag byte.
    for i in (0, 1, NONCE_BYTES, HEADER, len(blob) - 1):
        bad = bytearray(blob)
        bad[i] ^= 0x80
        assert_tampered(sealer, "checkins", "c-9", 1, bytes(bad))
    assert sealer.open("checkins", "c-9", 1, blob) == payload  # the original was never damaged


@pytest.mark.parametrize(
    ("table", "record_id", "version"),
    [
        ("entries", "e-2", 5),  # moved to another row
        ("entries", "e-10", 5),
        ("entries", "E-1", 5),
        ("entries", "e-1 ", 5),
        ("entries", "", 5),
        ("checkins", "e-1", 5),  # moved to another table
        ("entrie", "e-1", 5),
        ("entries", "e-1", 4),  # rolled back / older version
        ("entries", "e-1", 6),  # newer version
        ("entries", "e-1", 0),
        ("entries", "e-1", -5),
        ("entries", "e-1", 15),
    ],
)
def test_blob_in_the_wrong_place_or_version_is_tampered(sealer, table, record_id, version):
    blob = sealer.seal("entries", "e-1", 5, b"private words")
    assert sealer.open("entries", "e-1", 5, blob) == b"private words"
    assert_tampered(sealer, table, record_id, version, blob)


def test_older_version_blob_put_back_is_tampered(sealer):
    v1 = sealer.seal("entries", "e-1", 1, b"before")
    v2 = sealer.seal("entries", "e-1", 2, b"after")
    assert sealer.open("entries", "e-1", 2, v2) == b"after"
    assert_tampered(sealer, "entries", "e-1", 2, v1)  # rollback
    assert_tampered(sealer, "entries", "e-1", 1, v2)


def test_every_truncation_and_extension_is_tampered(sealer):
    blob = sealer.seal("entries", "t-1", 1, b"short")
    for n in range(len(blob)):
        assert_tampered(sealer, "entries", "t-1", 1, blob[:n])
    for n in range(1, len(blob)):
        assert_tampered(sealer, "entries", "t-1", 1, blob[n:])  # leading bytes cut
    for extra in (b"\x00", b"\x00" * 16, os.urandom(33)):
        assert_tampered(sealer, "entries", "t-1", 1, blob + extra)


def test_blob_trimmed_to_a_smaller_bucket_is_tampered(sealer):
    blob = sealer.seal("entries", "big", 1, os.urandom(300))  # bucket 512
    small_len = OVERHEAD + 256
    assert_tampered(sealer, "entries", "big", 1, blob[:small_len])


@pytest.mark.parametrize("fmt", [0, 2, 3, 0x7F, 0xFF])
def test_unknown_format_byte_is_tampered(sealer, fmt):
    blob = sealer.seal("entries", "f-1", 1, b"payload")
    err = assert_tampered(sealer, "entries", "f-1", 1, bytes([fmt]) + blob[1:])
    assert str(fmt) in str(err)


def test_wrong_key_is_tampered(sealer):
    blob = sealer.seal("entries", "k-1", 1, b"payload")
    for other in (os.urandom(32), bytes(32)):
        assert_tampered(Sealer(other), "entries", "k-1", 1, blob)


def test_nonce_swapped_between_blobs_is_tampered(sealer):
    a = sealer.seal("entries", "n", 1, b"payload a")
    b = sealer.seal("entries", "n", 1, b"payload b")
    assert_tampered(sealer, "entries", "n", 1, a[:1] + b[1:HEADER] + a[HEADER:])
    # Ciphertext bodies swapped across two blobs with the same nonce length and bucket.
    assert_tampered(sealer, "entries", "n", 1, a[:HEADER] + b[HEADER:])


@pytest.mark.parametrize("blob", [None, "a string", 12345, [1, 2, 3]], ids=repr)
def test_non_bytes_blob_is_tampered(sealer, blob):
    assert_tampered(sealer, "entries", "z", 1, blob)


def test_random_blobs_of_every_small_length_are_tampered(sealer):
    rng = random.Random(99)
    for n in range(400):
        for first in (SEAL_FORMAT, rng.randrange(256)):
            blob = bytes([first]) + rng.randbytes(n)
            assert_tampered(sealer, "entries", "r", 1, blob)


def test_tampered_record_is_a_vault_error_and_message_is_safe(sealer):
    payload = b"my secret diary text"
    blob = sealer.seal("entries", "s-1", 1, payload)
    err = assert_tampered(sealer, "entries", "s-1", 1, blob[:-1] + bytes([blob[-1] ^ 1]))
    assert isinstance(err, VaultError)
    assert "secret" not in str(err) and payload.decode() not in repr(err)


def test_separator_in_table_or_id_is_refused_so_associated_data_is_unambiguous(sealer):
    # ('a|b', 'c') and ('a', 'b|c') would give the same associated data; names with '|' are refused.
    with pytest.raises(ValueError):
        sealer.seal("a", "b|c", 1, b"payload")
    with pytest.raises(ValueError):
        sealer.seal("a|b", "c", 1, b"payload")
    blob = sealer.seal("a", "b", 1, b"payload")
    with pytest.raises(TamperedRecord):
        sealer.open("a|b", "c", 1, blob)


# -- nonces -------------------------------------------------------------------------------------------


def test_ten_thousand_seals_never_repeat_a_nonce(sealer):
    nonces = set()
    for i in range(10_000):
        blob = sealer.seal("entries", "same-row", 1, b"")
        nonce = blob[1:HEADER]
        assert len(nonce) == NONCE_BYTES
        nonces.add(nonce)
    assert len(nonces) == 10_000
    assert bytes(NONCE_BYTES) not in nonces
