"""The ``companion`` command: no arguments opens the TUI; subcommands for quick capture,
export/import and passphrase changes.

Exit status: 0 success, 2 usage errors (argparse), 1 anything else. Expected problems are
one line on stderr; unexpected ones name only the exception class, never its text, so no
content can reach the terminal scrollback or a log. Heavy libraries (SQLAlchemy,
cryptography, Textual) are imported inside the commands, keeping ``--help`` fast.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from companion_tui import __version__
from companion_tui.cli import goals as cli_goals
from companion_tui.cli import journal as cli_journal
from companion_tui.cli import moods as cli_moods
from companion_tui.cli import skills as cli_skills
from companion_tui.cli import support as cli_support
from companion_tui.cli.support import CliError, warn
from companion_tui.core.exchange.document import EXPORT_FORMATS, IMPORT_FORMATS
from companion_tui.paths import Paths

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

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
    cli_support.harden_process()
    try:
        if args.command is None:
            from companion_tui.tui.app import run_tui

            return run_tui(Paths.default())
        return args.run(args, Paths.default())
    except KeyboardInterrupt:
        print("\ncompanion: interrupted.", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - every error ends as one line, never a traceback
        print(f"companion: {_describe(exc)}", file=sys.stderr)
        return 1


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


# -- the parser -----------------------------------------------------------------------------


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

    init = commands.add_parser("init", help="create a new encrypted vault (shows your recovery key once)")
    init.set_defaults(run=cmd_init)

    mood = commands.add_parser("mood", help="check in from the command line: mood add, mood list")
    mood_commands = mood.add_subparsers(dest="mood_command", metavar="{add,list}", required=True)
    add = mood_commands.add_parser("add", help="add a check-in")
    add.add_argument("score", metavar="SCORE", help="your mood from 1 (worst) to 10 (best)")
    add.add_argument("--emotion", action="append", default=[], metavar="WORD",
                     help="an emotion you can name; repeat for several")
    add.add_argument("--energy", metavar="N", help="energy from 1 (drained) to 5 (buzzing)")
    add.add_argument("--trigger", default="", metavar="TEXT", help="what happened before")
    add.add_argument("--response", default="", metavar="TEXT", help="how you responded")
    add.add_argument("--tag", action="append", default=[], metavar="TAG",
                     help="an activity or self-care tag, e.g. 'slept well'; repeat for several")
    add.add_argument("--note", default="", metavar="TEXT", help="a note")
    add.add_argument("--at", metavar="WHEN", help=cli_support.AT_HELP + " (default: now)")
    add.set_defaults(run=cmd_mood_add)
    listing = mood_commands.add_parser("list", help="show recent check-ins, newest first")
    listing.add_argument("--days", type=_positive_int, default=30, metavar="N", help="how many days back (default 30)")
    listing.set_defaults(run=cmd_mood_list)

    cli_skills.register(commands)
    cli_journal.register(commands)
    cli_goals.register(commands)

    export = commands.add_parser("export", help="write everything in the vault to a file, NOT encrypted")
    export.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="file format (default json)")
    export.add_argument("-o", "--output", metavar="FILE", help="where to write it (default or '-': stdout)")
    export.add_argument("--what", metavar="PART",
                        help="for --format md: journal (the default); for --format csv: moods (the default)")
    export.set_defaults(run=cmd_export)

    importer = commands.add_parser("import", help="add records from a companion JSON export, a jrnl JSON export "
                                   "or a Daylio CSV export")
    importer.add_argument("format", choices=IMPORT_FORMATS, help="the file's format")
    importer.add_argument("file", metavar="FILE", help="the file to read ('-' for stdin)")
    cli_moods.add_import_options(importer)
    importer.set_defaults(run=cmd_import)

    passwd = commands.add_parser("passwd", help="change your passphrase")
    passwd.set_defaults(run=cmd_passwd)
    recover = commands.add_parser("recover", help="set a new passphrase using your recovery key")
    recover.set_defaults(run=cmd_recover)
    return parser


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


# -- commands -----------------------------------------------------------------------------------

RECOVERY_NOTICE = """\
Your vault is ready: {home}

Your recovery key, shown only this once:

    {key}

Write it down on paper now and store it somewhere safe, away from this computer.
If you forget your passphrase, `companion recover` and this key let you back in.
If you lose BOTH your passphrase and this recovery key, your data is gone for good:
nobody, including the makers of companion, can recover it.
"""


def cmd_init(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.workspace import LockedVault, check_new_passphrase

    if paths.exists():
        raise CliError(f"A vault already exists at {paths.vault}; nothing was changed.")
    passphrase, confirm = cli_support.new_passphrase(cli_support.ENV_PASSPHRASE, cli_support.ENV_PASSPHRASE_FILE)
    _warn_weak(check_new_passphrase(passphrase, confirm))
    vault, ws, key = LockedVault.create(paths, passphrase)
    ws.close()
    print(RECOVERY_NOTICE.format(home=paths.home, key=key))
    return 0


def cmd_mood_add(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.moods.checkins import CheckInDraft, validate

    at = cli_support.read_at(args.at)
    draft = CheckInDraft(
        score=args.score,
        emotions=tuple(args.emotion),
        energy=args.energy,
        trigger=args.trigger,
        response=args.response,
        tags=tuple(args.tag),
        note=args.note,
        at=at,
    )
    validate(draft, system_now())  # bad input is reported before the vault is opened
    with unlocked(paths) as ws:
        checkin = ws.moods.add(draft)
    print(f"Saved your check-in for {checkin.at:%Y-%m-%d %H:%M}: mood {checkin.score}/10.")
    from companion_tui.core.safety import notice as safety

    if safety.check("\n".join((checkin.trigger, checkin.response, checkin.note))):
        note = safety.notice(cli=True)
        print(f"\n{note.title}. {note.message}", file=sys.stderr)
    return 0


def cmd_mood_list(args: argparse.Namespace, paths: Paths) -> int:
    with unlocked(paths) as ws:
        checkins = ws.moods.since(args.days)
    if not checkins:
        print(f"No check-ins in the last {args.days} days.")
        return 0
    print(cli_support.checkin_table(checkins, shutil.get_terminal_size().columns))
    return 0


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.exchange.document import RENDERERS

    cli_journal.check_what(args.format, args.what)
    to_stdout = args.output in (None, "-")
    target = None if to_stdout else Path(args.output)
    if target is not None and not target.parent.is_dir():
        raise CliError(f"Can't write {target}: the folder {target.parent} does not exist.")
    if target is not None and target.is_dir():
        raise CliError(f"Can't write {target}: it is a folder; give a file name.")
    with unlocked(paths) as ws:
        text = RENDERERS[args.format](ws, args.what) if args.what else RENDERERS[args.format](ws)
    where = "this output" if to_stdout else str(target)
    warn(f"the export is NOT encrypted: anyone who can read {where} can read everything in it.")
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        cli_support.write_private(target, text.encode("utf-8"))
        print(f"Exported to {target} (readable only by you; delete it when you no longer need it).", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.exchange.document import import_counts, parse_export
    from companion_tui.core.kernel.clock import system_now

    if args.format == "daylio" or args.mood_map or args.dry_run:
        return cli_moods.cmd_import(args, paths)
    data = _read_json(args.file)
    if args.format == "jrnl":
        return cli_journal.cmd_import_jrnl(data, paths)
    total = len(parse_export(data, system_now()))  # a bad file is reported before the vault is opened
    with unlocked(paths) as ws:
        counts = import_counts(ws, data)
    added = counts["checkins"][0]
    skipped = f"; {total - added} were already in the vault" if total > added else ""
    print(f"Imported {added} check-in{'s' if added != 1 else ''}{skipped}.")
    added, total = counts["journal"]
    if total:
        skipped = f"; {total - added} were already in the vault" if total > added else ""
        print(f"Imported {added} journal entr{'y' if added == 1 else 'ies'}{skipped}.")
    for kind, one in (("skills", "own skill"), ("practices", "skill practice"), ("goals", "goal"),
                      ("ticks", "goal tick"), ("reviews", "weekly review")):
        added, total = counts.get(kind, (0, 0))
        if total:
            skipped = f"; {total - added} were already in the vault" if total > added else ""
            print(f"Imported {added} {one}{'' if added == 1 else 's'}{skipped}.")
    return 0


def cmd_passwd(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.workspace import check_new_passphrase

    with unlocked(paths) as ws:
        new, confirm = cli_support.new_passphrase(cli_support.ENV_NEW_PASSPHRASE)
        _warn_weak(check_new_passphrase(new, confirm))
        ws.change_passphrase(new)
    print("Passphrase changed. Your recovery key is unchanged and still works.")
    return 0


def cmd_recover(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.workspace import LockedVault, check_new_passphrase

    _require_vault(paths)
    vault = LockedVault.open(paths)
    try:
        ws = vault.unlock_with_recovery(cli_support.recovery_key())
        new, confirm = cli_support.new_passphrase(cli_support.ENV_NEW_PASSPHRASE)
        _warn_weak(check_new_passphrase(new, confirm))
        ws.change_passphrase(new)
    finally:
        vault.close()
    print("New passphrase set. Your recovery key is unchanged: keep it safe.")
    return 0


# -- helpers --------------------------------------------------------------------------------------


@contextmanager
def unlocked(paths: Paths) -> Iterator[Workspace]:
    """Open and unlock the vault for one command; always closes it (WAL checkpointed, lock released)."""
    from companion_tui.core.workspace import LockedVault

    _require_vault(paths)
    vault = LockedVault.open(paths)
    try:
        ws = vault.unlock(cli_support.current_passphrase())
        for problem in ws.problems:
            warn(f"{problem}; it was skipped and left as it is.")
        for message in ws.warnings:
            warn(message)
        yield ws
    finally:
        vault.close()


def _require_vault(paths: Paths) -> None:
    if not paths.exists():
        raise CliError(f"There is no vault in {paths.home}. Create one with `companion init`.")


def _warn_weak(warnings: list[str]) -> None:
    for message in warnings:
        warn(f"weak passphrase: {message}")


def _read_json(name: str) -> object:
    try:
        raw = sys.stdin.buffer.read() if name == "-" else Path(name).read_bytes()
    except OSError as exc:
        raise CliError(f"Can't read {name}: {exc.strerror}.") from None
    try:
        return json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise CliError(f"{name} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise CliError(f"{name} is not valid JSON ({exc.msg} at line {exc.lineno}).") from None
