"""Sealed records: AES-256-GCM, a fresh 96-bit nonce per seal, padded payloads.

Blob layout: format (1 byte) | nonce (12 bytes) | ciphertext + tag.
Associated data: ``table|id|version|format`` so a blob copied to another row or table,
or an older version put back, fails to open.
Plaintext inside: payload length (4 bytes, big-endian) | payload | zero padding to a bucket.
"""

from __future__ import annotations

import os
import re
import struct

from companion_tui.vault.errors import TamperedRecord

SEAL_FORMAT = 1
NONCE_BYTES = 12
TAG_BYTES = 16
_LEN = struct.Struct(">I")
_MIN_BUCKET = 128
_LARGE_STEP = 64 * 1024
_NAME = re.compile(r"[A-Za-z0-9_.:\-]{1,64}")


def bucket_size(n: int) -> int:
    """Padded plaintext size for n bytes: powers of two up to 64 KiB, then 64 KiB steps."""
    need = n + _LEN.size
    if need <= _LARGE_STEP:
        size = _MIN_BUCKET
        while size < need:
            size *= 2
        return size
    return -(-need // _LARGE_STEP) * _LARGE_STEP


def associated_data(table: str, record_id: str, version: int) -> bytes:
    """``table|id|version|format``. Names may not contain the separator, so it is unambiguous."""
    if not (_NAME.fullmatch(table) and _NAME.fullmatch(record_id)) or not isinstance(version, int):
        raise ValueError("table and record id must be [A-Za-z0-9_.:-]+ and version an int")
    return f"{table}|{record_id}|{version}|{SEAL_FORMAT}".encode()


class Sealer:
    """Seals and opens records with one data key."""

    def __init__(self, data_key: bytes) -> None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        if len(data_key) != 32:
            raise ValueError("data key must be 32 bytes")
        self._aead = AESGCM(data_key)

    def seal(self, table: str, record_id: str, version: int, payload: bytes) -> bytes:
        padded = _LEN.pack(len(payload)) + payload
        padded += bytes(bucket_size(len(payload)) - len(padded))
        nonce = os.urandom(NONCE_BYTES)
        ct = self._aead.encrypt(nonce, padded, associated_data(table, record_id, version))
        return bytes([SEAL_FORMAT]) + nonce + ct

    def open(self, table: str, record_id: str, version: int, blob: bytes) -> bytes:
        from cryptography.exceptions import InvalidTag

        if not isinstance(blob, (bytes, bytearray)) or len(blob) < 1 + NONCE_BYTES + TAG_BYTES + _LEN.size:
            raise TamperedRecord(table, record_id, "is truncated")
        if blob[0] != SEAL_FORMAT:
            raise TamperedRecord(table, record_id, f"has an unknown seal format ({blob[0]})")
        if type(version) is not int or not isinstance(record_id, str):
            raise TamperedRecord(table, record_id)
        # No charset check here (seal() makes it): an id read from the file that holds the separator
        # gives associated data with more fields than any seal() made, so it simply fails to open.
        ad = f"{table}|{record_id}|{version}|{SEAL_FORMAT}".encode("utf-8", "surrogateescape")
        try:
            padded = self._aead.decrypt(blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :], ad)
        except (InvalidTag, ValueError):
            raise TamperedRecord(table, record_id) from None
        (length,) = _LEN.unpack_from(padded)
        if length > len(padded) - _LEN.size:
            raise TamperedRecord(table, record_id, "has a bad length")
        return padded[_LEN.size : _LEN.size + length]
