"""The key envelope: a random data key wrapped in two slots (passphrase, recovery key).

The envelope is the only key material stored in the vault file. A correct passphrase
is recognised only by the data key unwrapping; no password hash is kept. Changing the
passphrase re-wraps the data key and never touches the sealed records.

Wire format: ``MAGIC`` (4 bytes) + format version (1 byte) + UTF-8 JSON body.

Format 2 means "this vault keeps a sealed version ledger" (core/ledger.py). The format number is
part of each slot's associated data, so a format-2 header edited to say 1 no longer unlocks: the
promise can't be stripped to make a missing ledger look like an old vault. A format-1 vault is
upgraded at its first passphrase unlock (the passphrase slot is re-wrapped under the same derived
key; its recovery slot keeps its format-1 associated data, noted as ``rec.ad``).
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import secrets
from dataclasses import dataclass, replace

from companion_tui.vault.errors import NewerFormat, NotAVault, VaultError, WrongPassphrase
from companion_tui.vault.kdf import (
    DEFAULT_PARAMS,
    KEY_BYTES,
    SALT_BYTES,
    KdfParams,
    derive_key,
)

MAGIC = b"CPNV"
ENVELOPE_FORMAT = 2
NONCE_BYTES = 12
RECOVERY_BYTES = 20  # 160 bits, shown as 32 base32 characters
_REC_INFO = b"companion recovery slot v1"
_MAX_HEADER = 64 * 1024


class BadRecoveryKey(VaultError):
    """The text typed is not shaped like a recovery key."""


@dataclass(frozen=True)
class Slot:
    nonce: bytes
    box: bytes
    salt: bytes = b""


@dataclass(frozen=True)
class Envelope:
    kdf: KdfParams
    kdf_salt: bytes
    passphrase_slot: Slot
    recovery_slot: Slot
    format: int = ENVELOPE_FORMAT
    recovery_ad: int = ENVELOPE_FORMAT  # the format whose associated data wraps the recovery slot

    @property
    def keeps_ledger(self) -> bool:
        return self.format >= 2

    # -- creation and unlocking -------------------------------------------------

    @classmethod
    def create(cls, passphrase: str, params: KdfParams = DEFAULT_PARAMS) -> tuple[Envelope, bytes, str]:
        """A new envelope, its data key, and the recovery key to show the user once."""
        params.check()
        data_key = secrets.token_bytes(KEY_BYTES)
        recovery = secrets.token_bytes(RECOVERY_BYTES)
        kdf_salt = os.urandom(SALT_BYTES)
        pass_slot = _wrap(derive_key(passphrase, kdf_salt, params), data_key, _pass_ad(ENVELOPE_FORMAT))
        rec_salt = os.urandom(SALT_BYTES)
        rec_slot = replace(_wrap(_recovery_kek(recovery, rec_salt), data_key, _rec_ad(ENVELOPE_FORMAT)), salt=rec_salt)
        return cls(params, kdf_salt, pass_slot, rec_slot), data_key, format_recovery_key(recovery)

    def unlock(self, passphrase: str) -> bytes:
        return self.unlock_upgrading(passphrase)[0]

    def unlock_upgrading(self, passphrase: str) -> tuple[bytes, Envelope | None]:
        """The data key, and — for a format-1 envelope — the same envelope as format 2
        (to be stored once the vault's ledger is written)."""
        kek = derive_key(passphrase, self.kdf_salt, self.kdf)
        key = _unwrap(kek, self.passphrase_slot, _pass_ad(self.format), "The passphrase is not correct.")
        if self.format >= ENVELOPE_FORMAT:
            return key, None
        upgraded = replace(self, format=ENVELOPE_FORMAT, passphrase_slot=_wrap(kek, key, _pass_ad(ENVELOPE_FORMAT)))
        return key, upgraded

    def unlock_with_recovery(self, recovery_key: str) -> bytes:
        raw = parse_recovery_key(recovery_key)
        kek = _recovery_kek(raw, self.recovery_slot.salt)
        return _unwrap(kek, self.recovery_slot, _rec_ad(self.recovery_ad), "That recovery key does not open this vault.")

    def rewrap(self, data_key: bytes, new_passphrase: str, params: KdfParams | None = None) -> Envelope:
        """The same data key under a new passphrase (fresh salt), as the current format (the
        caller holds an unlocked workspace, whose ledger exists). The recovery slot is kept."""
        params = max_params(self.kdf, params or DEFAULT_PARAMS)
        params.check()
        salt = os.urandom(SALT_BYTES)
        slot = _wrap(derive_key(new_passphrase, salt, params), data_key, _pass_ad(ENVELOPE_FORMAT))
        return replace(self, kdf=params, kdf_salt=salt, passphrase_slot=slot, format=ENVELOPE_FORMAT)

    # -- serialisation ------------------------------------------------------------

    def to_bytes(self) -> bytes:
        recovery: dict[str, object] = {
            "salt": _b64(self.recovery_slot.salt),
            "nonce": _b64(self.recovery_slot.nonce),
            "box": _b64(self.recovery_slot.box),
        }
        if self.recovery_ad != self.format:
            recovery["ad"] = self.recovery_ad
        body = {
            "kdf": {
                "alg": "argon2id",
                "m": self.kdf.memory_kib,
                "t": self.kdf.iterations,
                "p": self.kdf.lanes,
                "salt": _b64(self.kdf_salt),
            },
            "pass": {"nonce": _b64(self.passphrase_slot.nonce), "box": _b64(self.passphrase_slot.box)},
            "rec": recovery,
        }
        return MAGIC + bytes([self.format]) + json.dumps(body, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> Envelope:
        """Parse a header. Any malformed input raises NotAVault / NewerFormat / DowngradeRefused."""
        if not isinstance(data, (bytes, bytearray)) or len(data) < len(MAGIC) + 1 or data[:4] != MAGIC:
            raise NotAVault("This file is not a companion vault.")
        if len(data) > _MAX_HEADER:
            raise NotAVault("The vault header is damaged (too large).")
        version = data[4]
        if version > ENVELOPE_FORMAT:
            raise NewerFormat(
                f"This vault was written by a newer version of companion (key format {version}); "
                "please upgrade the app."
            )
        if version < 1:
            raise NotAVault("The vault header is damaged (bad format number).")
        try:
            body = json.loads(bytes(data[5:]).decode("utf-8"))
            kdf = body["kdf"]
            if kdf["alg"] != "argon2id":
                raise NotAVault("The vault uses an unknown key-derivation algorithm.")
            params = KdfParams(_int(kdf["m"]), _int(kdf["t"]), _int(kdf["p"]))
            env = cls(
                kdf=params,
                kdf_salt=_unb64(kdf["salt"], SALT_BYTES),
                passphrase_slot=Slot(_unb64(body["pass"]["nonce"], NONCE_BYTES), _unb64(body["pass"]["box"])),
                recovery_slot=Slot(
                    _unb64(body["rec"]["nonce"], NONCE_BYTES),
                    _unb64(body["rec"]["box"]),
                    _unb64(body["rec"]["salt"], SALT_BYTES),
                ),
                format=version,
                recovery_ad=_recovery_ad(version, body["rec"]),
            )
        except NotAVault:
            raise
        except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error, RecursionError):
            raise NotAVault("The vault header is damaged and cannot be read.") from None
        params.check()
        return env


# -- recovery keys ------------------------------------------------------------------

_CONFUSABLE = str.maketrans({"0": "O", "1": "I", "8": "B"})


def format_recovery_key(raw: bytes) -> str:
    text = base64.b32encode(raw).decode().rstrip("=")
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_key(text: str) -> bytes:
    cleaned = "".join(ch for ch in text.upper() if ch.isalnum()).translate(_CONFUSABLE)
    if len(cleaned) != 32:
        raise BadRecoveryKey("A recovery key has 32 letters and digits, in 8 groups of 4.")
    try:
        return base64.b32decode(cleaned)
    except ValueError:  # binascii.Error, or non-ASCII letters/digits that str.isalnum() accepted
        raise BadRecoveryKey("That is not a recovery key: it contains characters a recovery key never has.") from None


def max_params(a: KdfParams, b: KdfParams) -> KdfParams:
    """Never lower the cost of an existing vault when re-wrapping."""
    return KdfParams(max(a.memory_kib, b.memory_kib), max(a.iterations, b.iterations), max(a.lanes, b.lanes))


# -- helpers --------------------------------------------------------------------------


def _pass_ad(fmt: int) -> bytes:
    return b"companion|slot|passphrase|%d" % fmt


def _rec_ad(fmt: int) -> bytes:
    return b"companion|slot|recovery|%d" % fmt


def _recovery_ad(version: int, rec: dict) -> int:
    ad = _int(rec.get("ad", version))
    if not 1 <= ad <= version:
        raise ValueError("bad recovery slot format")
    return ad


def _recovery_kek(raw: bytes, salt: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt, info=_REC_INFO).derive(raw)


def _wrap(kek: bytes, data_key: bytes, ad: bytes) -> Slot:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = os.urandom(NONCE_BYTES)
    return Slot(nonce=nonce, box=AESGCM(kek).encrypt(nonce, data_key, ad))


def _unwrap(kek: bytes, slot: Slot, ad: bytes, message: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        key = AESGCM(kek).decrypt(slot.nonce, slot.box, ad)
    except (InvalidTag, ValueError):
        raise WrongPassphrase(message) from None
    if len(key) != KEY_BYTES:
        raise WrongPassphrase(message)
    return key


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode()


def _unb64(text: object, length: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise TypeError("not a string")
    raw = base64.b64decode(text, validate=True)
    if length is not None and len(raw) != length:
        raise ValueError("wrong length")
    return raw


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError("not an integer")
    return value
