"""Helpers shared by the reliability tests (imported as ``tests/reliability/support.py``)."""

from __future__ import annotations

import base64
import json
import os
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from companion_tui.core.moods.checkins import CheckIn, CheckInDraft
from companion_tui.core.workspace import LockedVault, Workspace
from companion_tui.paths import Paths
from companion_tui.store.database import StoreError
from companion_tui.store.lock import VaultBusy
from companion_tui.vault import FLOOR_PARAMS, VaultError

HERE = Path(__file__).resolve().parent
PASSPHRASE = "reliable passphrase one"

#: The project's own, user-facing error types. Anything else escaping is a crash.
PROJECT_ERRORS = (StoreError, VaultError, VaultBusy)

# -- long / normal switch and figures ---------------------------------------------------------

_long_option = False
FIGURES: dict[str, object] = {}


def set_long_option(value: bool) -> None:
    global _long_option
    _long_option = value


def is_long() -> bool:
    env = os.environ.get("COMPANION_LONG", "").strip().lower() in {"1", "true", "yes", "on"}
    return env or _long_option


def scale(normal: int, long: int) -> int:
    """The size of a loop: ``normal`` in CI, ``long`` with COMPANION_LONG=1 / --long."""
    return long if is_long() else normal


def record(name: str, value: object) -> None:
    """Report a measured figure (printed in the terminal summary)."""
    FIGURES[name] = value


def add_figure(name: str, value: int | float) -> None:
    FIGURES[name] = FIGURES.get(name, 0) + value  # type: ignore[operator]


# -- vaults ----------------------------------------------------------------------------------------


@dataclass
class MadeVault:
    paths: Paths
    passphrase: str
    recovery_key: str

    def unlock(self, passphrase: str | None = None) -> Workspace:
        vault = LockedVault.open(self.paths)
        try:
            return vault.unlock(passphrase or self.passphrase)
        except BaseException:
            vault.close()
            raise

    def unlock_fast(self) -> Workspace:
        """Open with the recovery key: HKDF instead of Argon2id, for loops that reopen a lot."""
        vault = LockedVault.open(self.paths)
        try:
            return vault.unlock_with_recovery(self.recovery_key)
        except BaseException:
            vault.close()
            raise


def create_vault(home: Path, passphrase: str = PASSPHRASE) -> tuple[MadeVault, Workspace]:
    paths = Paths(home)
    _vault, ws, recovery = LockedVault.create(paths, passphrase, FLOOR_PARAMS)
    return MadeVault(paths, passphrase, recovery), ws


# -- check-in content ----------------------------------------------------------------------------------

EMOTIONS = ["calm", "anxious", "hopeful", "tired", "content", "irritable", "sad", "proud", "lonely", "grateful"]
TAGS = ["work", "family", "sleep", "exercise", "friends", "therapy", "rain", "outside"]
WORDS = ["the", "a", "walk", "call", "sister", "long", "day", "slept", "badly", "felt", "lighter", "after", "talking", "it", "through", "rain", "again"]


def fields_of(c: CheckIn) -> dict:
    """The user-visible content of a check-in, comparable across processes (JSON-able)."""
    return {
        "score": c.score,
        "emotions": list(c.emotions),
        "energy": c.energy,
        "trigger": c.trigger,
        "response": c.response,
        "tags": list(c.tags),
        "note": c.note,
        "at": c.at.isoformat(),
    }


def random_draft(rng: random.Random, now: datetime | None = None, note_words: int | None = None) -> CheckInDraft:
    now = now or datetime.now(UTC).astimezone()
    n = note_words if note_words is not None else rng.choice([0, 3, 12, 60, 250])
    return CheckInDraft(
        score=rng.randint(1, 10),
        emotions=tuple(rng.sample(EMOTIONS, rng.randint(0, 3))),
        energy=rng.choice([None, 1, 2, 3, 4, 5]),
        trigger=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))),
        response=" ".join(rng.choices(WORDS, k=rng.randint(0, 8))),
        tags=tuple(rng.sample(TAGS, rng.randint(0, 2))),
        note=" ".join(rng.choices(WORDS, k=n)) + f" #{rng.getrandbits(32):08x}",
        at=(now - timedelta(minutes=rng.randint(0, 60 * 24 * 30))).replace(microsecond=0),
    )


def draft_fields(d: CheckInDraft) -> dict:
    """What a (valid, already-normalised) draft is stored as, in ``fields_of`` form."""
    return {
        "score": int(d.score),  # type: ignore[arg-type]
        "emotions": list(d.emotions),
        "energy": d.energy,
        "trigger": d.trigger.strip(),
        "response": d.response.strip(),
        "tags": list(d.tags),
        "note": d.note.strip(),
        "at": d.at.isoformat() if d.at else None,
    }


def draft_to_json(d: CheckInDraft) -> str:
    return json.dumps(draft_fields(d))


# -- scanning files for plaintext -------------------------------------------------------------------


def encodings_of(canary: str) -> dict[str, bytes]:
    """Byte patterns under which ``canary`` could appear in a file."""
    raw = canary.encode("utf-8")
    out = {
        "utf-8": raw,
        "utf-16-le": canary.encode("utf-16-le"),
        "utf-16-be": canary.encode("utf-16-be"),
        "hex": raw.hex().encode(),
    }
    for k in range(3):
        # base64 of the canary starting at byte offset k within a 3-byte group: keep only the
        # characters that depend on canary bytes alone (skip the first ceil(8k/6), stop at the
        # last complete group).
        enc = base64.b64encode(b"\x00" * k + raw)
        total = k + len(raw)
        body = enc[: 4 * (total // 3)]
        skip = -(-8 * k // 6)
        out[f"base64@{k}"] = body[skip:]
    return out


@dataclass
class ScanResult:
    files: int = 0
    bytes: int = 0
    hits: list[tuple[str, str, str]] | None = None  # (path, canary label, encoding)


def scan_paths(roots: list[Path], canaries: dict[str, str], *, newer_than: float | None = None,
               max_size: int = 256 * 1024 * 1024) -> ScanResult:
    """Look for every encoding of every canary in every regular file under ``roots``."""
    needles = [(label, enc, pat) for label, c in canaries.items() for enc, pat in encodings_of(c).items()]
    result = ScanResult(hits=[])
    seen: set[tuple[int, int]] = set()
    for root in roots:
        if not root.exists():
            continue
        walker = [(str(root), [], [root.name])] if root.is_file() else os.walk(root)
        for dirpath, _dirs, files in walker:
            for name in files:
                p = Path(dirpath) / name if not root.is_file() else root
                try:
                    st = p.lstat()
                except OSError:
                    continue
                if not p.is_file() or p.is_symlink() or st.st_size > max_size:
                    continue
                if newer_than is not None and max(st.st_mtime, st.st_ctime) < newer_than:
                    continue
                key = (st.st_dev, st.st_ino)
                if key in seen:
                    continue
                seen.add(key)
                try:
                    data = p.read_bytes()
                except OSError:
                    continue
                result.files += 1
                result.bytes += len(data)
                for label, enc, pat in needles:
                    if pat in data:
                        result.hits.append((str(p), label, enc))
    return result


# -- child processes that get SIGKILLed ------------------------------------------------------------

CHILD = HERE / "crash_child.py"


class Zygote:
    """A warmed-up helper process that forks one crash child per request (see crash_child.py)."""

    def __init__(self) -> None:
        import subprocess
        import sys

        self._proc = subprocess.Popen(
            [sys.executable, str(CHILD), "--zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            bufsize=1,
        )

    def spawn(self, cfg: dict) -> int:
        assert self._proc.stdin and self._proc.stdout
        self._proc.stdin.write(json.dumps(cfg) + "\n")
        self._proc.stdin.flush()
        reply = self._proc.stdout.readline()
        if not reply:
            raise AssertionError(f"the zygote died ({self._proc.wait()})")
        return json.loads(reply)["pid"]

    def status(self) -> int:
        """Wait for the last child to be reaped; its exit status (-9 for SIGKILL)."""
        assert self._proc.stdout
        reply = self._proc.stdout.readline()
        if not reply:
            raise AssertionError(f"the zygote died ({self._proc.wait()})")
        return json.loads(reply)["status"]

    def close(self) -> None:
        if self._proc.stdin:
            self._proc.stdin.close()
        try:
            self._proc.wait(timeout=10)
        except Exception:
            self._proc.kill()
            self._proc.wait()


@dataclass
class KillOutcome:
    lines: list[dict]
    inflight: dict | None  # the last "begin" line if no "ok" followed it
    waited: float

    @property
    def mid_op(self) -> bool:
        return self.inflight is not None


def run_and_kill(cfg: dict, workdir: Path, rng: random.Random, *, zygote: Zygote | None = None,
                 early: bool = False, max_delay: float = 0.2, ready_timeout: float = 30.0,
                 check_lock: Path | None = None, after_first_ok: bool = False) -> KillOutcome:
    """Start a child (forked by ``zygote``, or a fresh interpreter), let it run, SIGKILL it.

    Normally the kill comes a random 0..max_delay seconds after the child printed ``ready`` (or,
    with ``after_first_ok``, its first acknowledgement); an ``early`` kill comes before that (while
    it opens the vault, recovers the WAL, unlocks).
    """
    import signal
    import subprocess
    import sys
    import time

    out_path = workdir / "child.out"
    err_path = workdir / "child.err"
    cfg = dict(cfg, out=str(out_path), err=str(err_path))
    out_path.write_bytes(b"")  # no stale lines from the previous child, and the file exists at once
    err_path.write_bytes(b"")
    popen = None
    if zygote is not None:
        pid = zygote.spawn(cfg)
    else:
        with open(out_path, "wb") as out, open(err_path, "wb") as err:
            popen = subprocess.Popen([sys.executable, str(CHILD), json.dumps(cfg)], stdout=out, stderr=err)
        pid = popen.pid

    def alive() -> bool:
        if popen is not None:
            return popen.poll() is None
        try:
            os.kill(pid, 0)  # still ours until the zygote reaps it
        except ProcessLookupError:
            return False
        # a zombie is "alive" for kill(0); look at /proc when available
        try:
            return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
        except OSError:
            return True

    t0 = time.monotonic()
    try:
        if early:
            time.sleep(rng.uniform(0.0, 0.02 if zygote is not None else 0.6))
        else:
            deadline = t0 + ready_timeout
            marker = b'"ok"' if after_first_ok else b'"ready"'
            while marker not in out_path.read_bytes():
                if not alive() or time.monotonic() > deadline:
                    break
                time.sleep(0.002)
            if check_lock is not None and alive():
                # The child holds the vault (it must not reopen in this mode): a second opener
                # gets a clear "busy" message, not a second writer.
                from companion_tui.core.workspace import LockedVault
                from companion_tui.paths import Paths

                try:
                    LockedVault.open(Paths(check_lock)).close()
                except VaultBusy:
                    pass
                else:
                    raise AssertionError("a second process could open the vault while the child held it")
            time.sleep(rng.uniform(0.0, max_delay))
    finally:
        # Always kill and reap, so a failure here never leaves the zygote's replies out of step.
        waited = time.monotonic() - t0
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:  # it died by itself and was already reaped
            pass
        status = zygote.status() if zygote is not None else popen.wait()  # type: ignore[union-attr]
    if status != -signal.SIGKILL:
        raise AssertionError(f"child ended with {status}, not by our SIGKILL:\n{err_path.read_text()[-4000:]}")
    raw = out_path.read_bytes()
    complete = raw[: raw.rfind(b"\n") + 1]
    lines = [json.loads(x) for x in complete.decode().splitlines() if x.strip()]
    ops = [x for x in lines if "begin" in x or "ok" in x]
    inflight = ops[-1] if ops and "begin" in ops[-1] else None
    return KillOutcome(lines, inflight, waited)
