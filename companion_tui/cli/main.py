"""The ``companion`` command: no arguments opens the TUI; subcommands for quick capture,
export/import and passphrase changes.

This module only builds the parser from the command groups in ``GROUPS`` and dispatches;
each group (``cli.vault``, ``cli.moods``, …) adds its subcommands with ``register`` and holds
their handlers, and what they share lives in ``cli.support``. Adding a command group is its
module plus one line in ``GROUPS``; no group module imports this one.

Exit status: 0 success, 2 usage errors (argparse), 1 anything else. Expected problems are
one line on stderr; unexpected ones name only the exception class, never its text, so no
content can reach the terminal scrollback or a log. Heavy libraries (SQLAlchemy,
cryptography, Textual) are imported inside the commands, keeping ``--help`` fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from companion_tui import __version__
from companion_tui.cli import exchange, goals, journal, moods, skills, support, vault
from companion_tui.cli.support import EXIT_FAILURE, Commands
from companion_tui.paths import Paths

# The command groups, in the order `companion --help` lists them.
GROUPS: tuple[Callable[[Commands], None], ...] = (
    vault.register,  # init, passwd, recover
    moods.register,  # mood add | list
    skills.register,  # skill list | log
    journal.register,  # journal add | list | search
    goals.register,  # goal add | list | tick
    exchange.register,  # export, import json | jrnl | daylio
)

ENVIRONMENT = """\
environment:
  COMPANION_HOME             the data folder (default: your platform's user data folder)
  COMPANION_PASSPHRASE       the passphrase, for scripts (otherwise asked on the terminal)
  COMPANION_PASSPHRASE_FILE  a file whose first line is the passphrase
  COMPANION_NEW_PASSPHRASE   the new passphrase for `passwd` and `recover`, for scripts
  COMPANION_RECOVERY_KEY     the recovery key for `recover`, for scripts
When stdin is not a terminal, passphrases that are asked for are read from it, one per line.

companion is not therapy and not for emergencies. In the US call or text 988;
elsewhere, see "Get help now" (F1) in the app.
"""

# Error classes whose messages are written for people. They are looked up by module so
# that reporting an error never imports anything: a class can only have been raised if
# its module is already loaded.
_EXPECTED = {
    "companion_tui.cli.support": ("CliError",),
    "companion_tui.paths": ("DataFolderError",),
    "companion_tui.core.kernel.errors": ("ValidationError", "NotFound"),
    "companion_tui.core.workspace": ("PassphraseTooShort",),
    "companion_tui.store.database": ("StoreError",),
    "companion_tui.store.lock": ("VaultBusy",),
    "companion_tui.vault.errors": ("VaultError",),  # WrongPassphrase, NotAVault, NewerFormat, …
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    support.harden_process()
    try:
        if args.command is None:
            from companion_tui.tui.app import run_tui

            return run_tui(Paths.default())
        run: support.Handler = args.run
        return run(args, Paths.default())
    except KeyboardInterrupt:
        print("\ncompanion: interrupted.", file=sys.stderr)
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 - every error ends as one line, never a traceback
        print(f"companion: {_describe(exc)}", file=sys.stderr)
        return EXIT_FAILURE


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="companion",
        description="A private, encrypted companion for the days between therapy sessions. "
        "Run without a command to open the full-screen app.",
        epilog=ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"companion {__version__}")
    commands = parser.add_subparsers(dest="command", title="commands", metavar="COMMAND")
    for register in GROUPS:
        register(commands)
    return parser


def _describe(exc: Exception) -> str:
    if _is_expected(exc):
        return " ".join(str(exc).split()) or type(exc).__name__
    if isinstance(exc, OSError) and exc.strerror:
        return f"{exc.strerror}: {exc.filename}" if exc.filename else exc.strerror
    return f"unexpected error ({type(exc).__name__}); details are not shown, to keep your data private."


def _is_expected(exc: Exception) -> bool:
    for module_name, names in _EXPECTED.items():
        module = sys.modules.get(module_name)
        if module is not None and isinstance(exc, tuple(getattr(module, n) for n in names)):
            return True
    return False
