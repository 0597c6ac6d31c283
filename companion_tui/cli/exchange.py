"""``companion export`` and ``companion import json | jrnl | daylio FILE``.

The formats themselves live in ``core.exchange``; this module reads and writes the files,
checks a file before the vault is opened, and says what happened.
Standard library only at import time (``core.exchange.document`` is light), so
``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from typing import cast

from companion_tui.cli.support import (
    EXIT_OK,
    CliError,
    Commands,
    checkin_table,
    unlocked,
    warn,
    write_private,
)
from companion_tui.core.exchange.document import EXPORT_FORMATS, IMPORT_FORMATS
from companion_tui.paths import Paths

MAX_DAYLIO_FILE = 64 * 1024 * 1024


def register(commands: Commands) -> None:
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
    # Options that only Daylio files use.
    importer.add_argument(
        "--mood-map", action="append", default=[], metavar="LABEL=SCORE",
        help="daylio: the 1-10 score for a mood label of your own (repeat for several); Daylio's defaults "
        "are rad=10 good=8 meh=5 bad=3 awful=1",
    )
    importer.add_argument("--dry-run", action="store_true",
                          help="daylio: show what would be imported and change nothing")
    importer.set_defaults(run=cmd_import)


# -- export --------------------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.exchange.document import RENDERERS

    check_what(args.format, args.what)
    to_stdout = args.output in (None, "-")
    target = None if to_stdout else Path(args.output)
    if target is not None and not target.parent.is_dir():
        raise CliError(f"Can't write {target}: the folder {target.parent} does not exist.")
    if target is not None and target.is_dir():
        raise CliError(f"Can't write {target}: it is a folder; give a file name.")
    # RENDERERS is typed as taking the workspace alone; md and csv also take the part (--what).
    render = cast(Callable[..., str], RENDERERS[args.format])
    with unlocked(paths) as ws:
        text = render(ws, args.what) if args.what else render(ws)
    where = "this output" if to_stdout else str(target)
    warn(f"the export is NOT encrypted: anyone who can read {where} can read everything in it.")
    if target is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        write_private(target, text.encode("utf-8"))
        print(f"Exported to {target} (readable only by you; delete it when you no longer need it).", file=sys.stderr)
    return EXIT_OK


def check_what(fmt: str, what: str | None) -> None:
    """``--what`` names a part that ``--format`` can export, or a CliError."""
    from companion_tui.core.exchange.document import EXPORT_WHAT

    if what is None:
        return
    choices = EXPORT_WHAT.get(fmt)
    if not choices:
        raise CliError(f"--what is not used with --format {fmt}: that export always has everything.")
    if what not in choices:
        raise CliError(f"Can't export {what!r} as {fmt}; --what can be: {', '.join(choices)}.")


# -- import --------------------------------------------------------------------------------------


def cmd_import(args: argparse.Namespace, paths: Paths) -> int:
    if args.format == "daylio" or args.mood_map or args.dry_run:
        if args.format != "daylio":
            raise CliError("--mood-map and --dry-run are used with `companion import daylio FILE`.")
        return import_daylio(args, paths)
    data = read_json(args.file)
    if args.format == "jrnl":
        return import_jrnl(data, paths)
    return import_json(data, paths)


def import_json(data: object, paths: Paths) -> int:
    """``companion import json FILE``; ``data`` is the parsed JSON."""
    from companion_tui.core.exchange.document import import_counts, parse_export
    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.kernel.parts import record_types
    from companion_tui.core.workspace import PARTS

    total = len(parse_export(data, system_now()))  # a bad file is reported before the vault is opened
    with unlocked(paths) as ws:
        counts = import_counts(ws, data)
    added = counts["checkins"][0]
    skipped = f"; {total - added} were already in the vault" if total > added else ""
    print(f"Imported {added} check-in{'s' if added != 1 else ''}{skipped}.")
    for kind in record_types(PARTS):  # every other kind the file had, in the registry's order
        added, total = counts.get(kind.table, (0, 0))
        if kind.table != "checkins" and total:
            skipped = f"; {total - added} were already in the vault" if total > added else ""
            print(f"Imported {added} {_counted(IMPORTED_NOUNS.get(kind.table, kind.noun), added)}{skipped}.")
    return EXIT_OK


#: Where an import's count reads better than the record type's own noun (built-in skills are never exported).
IMPORTED_NOUNS = {"skills": "own skill"}


def _counted(noun: str, n: int) -> str:
    """'1 goal tick', '3 journal entries'."""
    if n == 1:
        return noun
    return noun[:-1] + "ies" if noun.endswith("y") and noun[-2:-1] not in "aeiou" else noun + "s"


def import_jrnl(data: object, paths: Paths) -> int:
    """``companion import jrnl FILE``; ``data`` is the parsed JSON."""
    from companion_tui.core.exchange.jrnl import import_jrnl as add_entries
    from companion_tui.core.exchange.jrnl import parse
    from companion_tui.core.kernel.clock import system_now

    parse(data, system_now())  # a bad file is reported before the vault is opened
    with unlocked(paths) as ws:
        result = add_entries(ws, data)
    print(result.summary())
    return EXIT_OK


def import_daylio(args: argparse.Namespace, paths: Paths) -> int:
    """``companion import daylio FILE [--mood-map LABEL=SCORE]... [--dry-run]``."""
    from companion_tui.core.exchange.daylio import import_daylio as add_checkins
    from companion_tui.core.exchange.daylio import parse, parse_mood_map, plan
    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.kernel.errors import ValidationError

    name = Path(args.file).name if args.file != "-" else "stdin"
    try:
        mood_map = parse_mood_map(args.mood_map)
        parsed = parse(read_daylio_bytes(args.file), system_now(), mood_map)  # reported before the vault is opened
    except ValidationError as exc:
        message = " ".join(str(exc).split())
        if "Nothing was imported" not in message:
            message += " Nothing was imported."
        raise CliError(f"{name}: {message}") from None
    with unlocked(paths) as ws:
        result = plan(ws, parsed) if args.dry_run else add_checkins(ws, parsed)
    if args.dry_run and result.new:
        print(checkin_table(result.new, shutil.get_terminal_size().columns))
        print()
    for line in result.details():
        print(line)
    print(result.summary(done=not args.dry_run))
    if args.dry_run:
        print("Nothing was written (--dry-run).")
    return EXIT_OK


# -- reading the file ----------------------------------------------------------------------------


def read_json(name: str) -> object:
    """The JSON in file ``name`` ('-': stdin), or a CliError saying why it can't be read."""
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


def read_daylio_bytes(name: str) -> bytes:
    """The bytes of file ``name`` ('-': stdin), at most MAX_DAYLIO_FILE, or a CliError."""
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_DAYLIO_FILE + 1)
        else:
            with open(name, "rb") as fh:
                data = fh.read(MAX_DAYLIO_FILE + 1)
    except IsADirectoryError:
        raise CliError(f"Can't read {name}: it is a folder; give the CSV file Daylio exported.") from None
    except OSError as exc:
        raise CliError(f"Can't read {name}: {exc.strerror}.") from None
    if len(data) > MAX_DAYLIO_FILE:
        raise CliError(f"{name} is larger than {MAX_DAYLIO_FILE // (1024 * 1024)} MiB; is it really a Daylio export?")
    return data
