"""A program in a pseudo-terminal, its screen as a terminal would show it (``pyte``).

    term = Term([sys.executable, "-m", "companion_tui"], env, cols=120, rows=40)
    t_key = term.send("m")
    t_seen = term.wait_for(lambda screen: "Check in" in screen, timeout=10)
    print((t_seen - t_key) * 1000, "ms")

The program gets the pty as its controlling terminal, stdin, stdout and stderr, with a fixed
size (``TIOCSWINSZ``) and ``TERM=xterm-256color``. A reader thread drains the pty as soon as
bytes arrive (so the program never waits on a full pty buffer) and stamps each chunk with
``time.perf_counter()`` when it was read; ``wait_for`` feeds the chunks to a ``pyte`` screen in
order and returns the stamp of the chunk after which the screen first showed what was asked.
So the time is "key written → the read that made it appear", and the emulator's own parsing
cost does not count (it runs after the stamp). No busy loop: the thread blocks in ``select``,
``wait_for`` on a queue, both with bounded timeouts.
"""

from __future__ import annotations

import fcntl
import os
import queue
import select
import signal
import struct
import subprocess
import sys
import termios
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import pyte

#: Keys as a terminal sends them (xterm). Anything else is sent as its own characters.
KEYS = {
    "enter": b"\r",
    "tab": b"\t",
    "shift+tab": b"\x1b[Z",
    "escape": b"\x1b",
    "backspace": b"\x7f",
    "up": b"\x1b[A",
    "down": b"\x1b[B",
    "right": b"\x1b[C",
    "left": b"\x1b[D",
    "home": b"\x1b[H",
    "end": b"\x1b[F",
    "pageup": b"\x1b[5~",
    "pagedown": b"\x1b[6~",
    "f1": b"\x1bOP",
    "ctrl+p": b"\x10",
    "ctrl+q": b"\x11",
    "ctrl+s": b"\x13",
    "ctrl+l": b"\x0c",
    "ctrl+u": b"\x15",
}


class TermTimeout(TimeoutError):
    """The screen did not show what was asked in time; the message carries the screen."""


class Screen:
    """What a check sees: the screen's lines, and ``in`` for plain text anywhere on it."""

    def __init__(self, screen: pyte.Screen) -> None:
        self._screen = screen

    @property
    def lines(self) -> list[str]:
        return self._screen.display

    def text(self) -> str:
        return "\n".join(line.rstrip() for line in self.lines)

    def __contains__(self, needle: str) -> bool:
        return any(needle in line for line in self.lines)

    def cursor(self) -> tuple[int, int]:
        return self._screen.cursor.x, self._screen.cursor.y


Check = Callable[[Screen], bool]


class Term:
    def __init__(
        self,
        argv: Sequence[str],
        env: Mapping[str, str] | None = None,
        cols: int = 120,
        rows: int = 40,
        cwd: Path | str | None = None,
        log: Path | None = None,
    ) -> None:
        self.cols, self.rows = cols, rows
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        full_env = dict(os.environ if env is None else env)
        full_env.update(TERM="xterm-256color", COLUMNS=str(cols), LINES=str(rows))
        full_env.pop("TEXTUAL", None)  # no devtools, no headless
        full_env.pop("NO_COLOR", None)

        def controlling_tty() -> None:  # runs after setsid (start_new_session), before exec
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen(
            list(argv),
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=full_env,
            cwd=cwd,
            start_new_session=True,
            preexec_fn=controlling_tty,  # noqa: PLW1509 - the benchmark's own process starts no threads before this
            close_fds=True,
        )
        os.close(slave)
        self.fd = master
        self._screen = pyte.Screen(cols, rows)
        self._stream = pyte.ByteStream(self._screen)
        self.screen = Screen(self._screen)
        self._chunks: queue.SimpleQueue[tuple[float, bytes] | None] = queue.SimpleQueue()
        self._closed = False
        self._eof = False
        self._log = open(log, "wb") if log else None  # noqa: SIM115 - closed in close()
        self._reader = threading.Thread(target=self._read, name="pty-reader", daemon=True)
        self._reader.start()

    # -- the reader thread: drain, stamp, hand over
    def _read(self) -> None:
        while not self._closed:
            try:
                ready, _, _ = select.select([self.fd], [], [], 0.5)
            except (OSError, ValueError):
                break
            if not ready:
                continue
            now = time.perf_counter()
            try:
                data = os.read(self.fd, 1 << 20)
            except OSError:  # EIO: the program has gone and the slave side is closed
                data = b""
            if not data:
                break
            self._chunks.put((now, data))
        self._chunks.put(None)

    def _feed(self, data: bytes) -> None:
        if self._log:
            self._log.write(data)
        self._stream.feed(data)
        # A terminal answers the cursor position query (Textual asks it on start-up).
        if b"\x1b[6n" in data:
            y, x = self._screen.cursor.y, self._screen.cursor.x
            self._write(f"\x1b[{y + 1};{x + 1}R".encode())

    def _write(self, data: bytes) -> None:
        os.write(self.fd, data)

    # -- what a benchmark uses
    def send(self, key: str) -> float:
        """Write one key (a name from ``KEYS`` or literal text); the time just before the write."""
        data = KEYS.get(key)
        if data is None:
            data = key.encode()
        self.drain()
        t = time.perf_counter()
        self._write(data)
        return t

    def drain(self) -> None:
        """Feed everything already read, without waiting."""
        while True:
            try:
                item = self._chunks.get_nowait()
            except queue.Empty:
                return
            if item is None:
                self._eof = True
                return
            self._feed(item[1])

    def wait_for(self, check: Check | str, timeout: float = 10.0, what: str = "") -> float:
        """Feed output until ``check(screen)`` holds (a string: is on the screen); the read's stamp.

        Checks the screen as it already is first (then the stamp is now).
        """
        if isinstance(check, str):
            needle = check
            what = what or repr(needle)
            check = lambda screen: needle in screen
        self.drain()
        if check(self.screen):
            return time.perf_counter()
        deadline = time.perf_counter() + timeout
        while True:
            left = deadline - time.perf_counter()
            if left <= 0 or self._eof:
                break
            try:
                item = self._chunks.get(timeout=left)
            except queue.Empty:
                break
            if item is None:
                self._eof = True
                break
            stamp, data = item
            self._feed(data)
            if check(self.screen):
                return stamp
        state = "the program exited" if self._eof else f"not within {timeout:g} s"
        raise TermTimeout(f"waiting for {what or 'the screen'}: {state}; the screen:\n{self.screen.text()}")

    def settle(self, quiet: float = 0.3, timeout: float = 5.0) -> None:
        """Feed output until nothing has come for ``quiet`` seconds (or ``timeout``)."""
        deadline = time.perf_counter() + timeout
        while True:
            left = min(quiet, deadline - time.perf_counter())
            if left <= 0:
                return
            try:
                item = self._chunks.get(timeout=left)
            except queue.Empty:
                return
            if item is None:
                self._eof = True
                return
            self._feed(item[1])

    def close(self, timeout: float = 5.0) -> int | None:
        """Ask the program to stop (ctrl+q, then SIGTERM, then SIGKILL); its exit code."""
        if self.proc.poll() is None:
            try:
                self._write(KEYS["ctrl+q"])
                self.proc.wait(timeout=timeout)
            except (OSError, subprocess.TimeoutExpired):
                pass
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if self.proc.poll() is not None:
                break
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=2)
            except subprocess.TimeoutExpired:
                continue
        self._closed = True
        self._reader.join(timeout=2)
        try:
            os.close(self.fd)
        except OSError:
            pass
        if self._log:
            self._log.close()
        return self.proc.returncode

    def __enter__(self) -> Term:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def main() -> int:
    """Look at a program's screen: ``python -m benchmarks.pty_term KEYS... -- PROGRAM ARGS``.

    Keys are names from KEYS or text; ``@N`` waits N seconds. Prints the screen after each.
    """
    args = sys.argv[1:]
    split = args.index("--")
    keys, argv = args[:split], args[split + 1 :]
    with Term(argv) as term:
        term.settle(1.0, 30)
        print(term.screen.text())
        for key in keys:
            if key.startswith("@"):
                term.settle(float(key[1:]), float(key[1:]) + 30)
            else:
                term.send(key)
                term.settle(0.5, 30)
            print(f"---- after {key!r}")
            print(term.screen.text())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
