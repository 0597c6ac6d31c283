"""What every command group of the CLI shares: exit codes, errors, where secrets come from,
opening the vault for one command, argument readers, tables, private files.

Standard library only at import time, so ``companion --help`` starts fast: anything heavier
is imported inside the function that needs it.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from companion_tui.paths import Paths

if TYPE_CHECKING:
    from companion_tui.core.moods.checkins import CheckIn
    from companion_tui.core.skills.catalogue import Skill, SkillCatalogue
    from companion_tui.core.workspace import Workspace

# Exit status: argparse itself exits with EXIT_USAGE for unknown commands and options.
EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

ENV_PASSPHRASE = "COMPANION_PASSPHRASE"
ENV_PASSPHRASE_FILE = "COMPANION_PASSPHRASE_FILE"
ENV_NEW_PASSPHRASE = "COMPANION_NEW_PASSPHRASE"
ENV_RECOVERY_KEY = "COMPANION_RECOVERY_KEY"

# What a command group's ``register`` adds its subcommands to, and what each subcommand runs.
Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Handler: TypeAlias = Callable[[argparse.Namespace, Paths], int]


class CliError(Exception):
    """An expected problem. Its message is shown as one line after ``companion:``."""


def warn(message: str) -> None:
    print(f"companion: warning: {message}", file=sys.stderr)


# -- the vault, for one command --------------------------------------------------------------


@contextmanager
def unlocked(paths: Paths) -> Iterator[Workspace]:
    """Open and unlock the vault for one command; always closes it (WAL checkpointed, lock released)."""
    from companion_tui.core.workspace import LockedVault

    require_vault(paths)
    vault = LockedVault.open(paths)
    try:
        ws = vault.unlock(current_passphrase())
        for problem in ws.problems:
            warn(f"{problem}; it was skipped and left as it is.")
        for message in ws.warnings:
            warn(message)
        yield ws
    finally:
        vault.close()


def require_vault(paths: Paths) -> None:
    if not paths.exists():
        raise CliError(f"There is no vault in {paths.home}. Create one with `companion init`.")

# -- secrets ------------------------------------------------------------------------------


def prompt_secret(prompt: str, *env_names: str) -> str:
    """Ask without echo on a terminal; read one line from stdin when it is a pipe (like restic).

    ``env_names`` are the variables that could have supplied it, named if there is no input.
    """
    stdin = sys.stdin
    if stdin is not None and stdin.isatty():
        try:
            return getpass.getpass(prompt)
        except EOFError:
            raise CliError("No input given.") from None
    line = stdin.readline() if stdin is not None else ""
    if not line:
        raise CliError(
            f"No {prompt.strip().rstrip(':').lower()} given: run in a terminal, or set "
            f"{' or '.join(env_names)} (see `companion --help`)."
        )
    return _strip_newline(line)


def current_passphrase() -> str:
    """The passphrase from COMPANION_PASSPHRASE, COMPANION_PASSPHRASE_FILE, or the terminal."""
    passphrase, if_empty = _from_env(ENV_PASSPHRASE, ENV_PASSPHRASE_FILE)
    if passphrase is None:
        passphrase, if_empty = prompt_secret("Passphrase: ", ENV_PASSPHRASE, ENV_PASSPHRASE_FILE), "The passphrase can't be empty."
    if not passphrase:
        raise CliError(if_empty)
    return passphrase


def new_passphrase(*env_names: str) -> tuple[str, str | None]:
    """A new passphrase and its confirmation (None when it came from the environment)."""
    passphrase, _source = _from_env(*env_names)
    if passphrase is not None:
        return passphrase, None
    if sys.stdin is not None and sys.stdin.isatty():
        print("Choose a passphrase: at least 8 characters; three or four random words work well.", file=sys.stderr)
    return prompt_secret("New passphrase: ", *env_names), prompt_secret("Repeat it: ", *env_names)


def recovery_key() -> str:
    if ENV_RECOVERY_KEY in os.environ:
        return os.environ[ENV_RECOVERY_KEY]
    return prompt_secret("Recovery key: ", ENV_RECOVERY_KEY)


def _from_env(*names: str) -> tuple[str | None, str]:
    """(secret, message to show if it is empty) from the first variable set, or (None, "")."""
    for name in names:
        if name not in os.environ:
            continue
        value = os.environ[name]
        if name != ENV_PASSPHRASE_FILE:
            return value, f"{name} is set but empty."
        try:
            with open(value, encoding="utf-8") as fh:
                return _strip_newline(fh.readline()), f"The first line of the passphrase file ({name}) is empty."
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
            raise CliError(f"Can't read the passphrase file {value} ({name}): {reason}.") from None
    return None, ""


def _strip_newline(line: str) -> str:
    return line.removesuffix("\n").removesuffix("\r")


def warn_weak(warnings: list[str]) -> None:
    """Say what is weak about a new passphrase (core decides; an unusable one has already raised)."""
    for message in warnings:
        warn(f"weak passphrase: {message}")


# -- argument readers ------------------------------------------------------------------------

AT_HELP = 'when, local time: "YYYY-MM-DD HH:MM", "yesterday 22:00", "21:30" (today); a date alone means 12:00'


def positive_int(text: str) -> int:
    """An argparse ``type=``: a whole number of 1 or more (a usage error, exit 2, otherwise)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def read_at(text: str | None) -> datetime | None:
    """``--at`` as an aware local datetime (None: now), or a one-line CliError. Future dates are
    left to each record's validation, which says so in its own words."""
    if text is None:
        return None
    from datetime import time

    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.kernel.errors import ValidationError
    from companion_tui.core.kernel.when import parse_when

    try:
        return parse_when(text, system_now(), keep=time(12, 0))
    except ValidationError as exc:
        raise CliError(f"--at {text!r}: {exc.errors['at']}") from None


def resolve_skill(catalogue: SkillCatalogue, text: str) -> Skill:
    """The one skill ``text`` names (``skill log SKILL``, ``goal add --skill``), or a CliError that says what to do."""
    matches = catalogue.find(text)
    if not matches:
        raise CliError(f"No skill matches {text!r}. `companion skill list` shows them all.")
    if len(matches) > 1:
        names = ", ".join(s.name for s in matches[:6]) + (f" and {len(matches) - 6} more" if len(matches) > 6 else "")
        raise CliError(f"{text!r} matches {len(matches)} skills ({names}); type more of the name.")
    return matches[0]


# -- output -------------------------------------------------------------------------------


def checkin_table(checkins: Sequence[CheckIn], width: int = 100) -> str:
    """A plain table, one check-in per line, in the order given."""
    headers = ("When", "Mood", "Emotions", "Tags", "Note")
    rows = [
        (f"{c.at:%Y-%m-%d %H:%M}", f"{c.score:>2}/10", ", ".join(c.emotions), ", ".join(c.tags), " ".join(c.note.split()))
        for c in checkins
    ]

    def fit(column: int, limit: int) -> int:
        return min(limit, max(len(row[column]) for row in [headers, *rows]))

    widths = [16, 5, fit(2, 24), fit(3, 20)]
    widths.append(max(16, width - sum(widths) - 2 * len(widths) - 1))  # the note takes what is left
    lines = ["  ".join(cell(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(cell(v, w) for v, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def cell(text: str, width: int) -> str:
    """``text`` cut to ``width`` (with …) and padded to it."""
    return (text if len(text) <= width else text[: width - 1] + "…").ljust(width)


def safety_notice(text: str) -> None:
    """After a save: the gentle notice on stderr when the saved text contains a crisis phrase."""
    from companion_tui.core.safety import notice as safety

    if safety.check(text):
        note = safety.notice(cli=True)
        print(f"\n{note.title}. {note.message}", file=sys.stderr)


def write_private(path: Path, data: bytes) -> None:
    """Write atomically with mode 0600: a temp file in the same folder, fsync, os.replace."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)  # created 0600
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:
        dir_fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def harden_process() -> None:
    """Files we create are private (umask 077) and a crash never writes a core dump of decrypted data."""
    os.umask(0o077)
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):  # not on this platform, or not allowed
        pass
