"""``companion import daylio FILE [--mood-map LABEL=SCORE]... [--dry-run]``.

(``companion export --format csv --what moods`` goes through ``core.export.RENDERERS``.)
Standard library only at import time, so ``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from companion_tui.cli.support import CliError
from companion_tui.paths import Paths

MAX_FILE = 64 * 1024 * 1024


def add_import_options(importer: argparse.ArgumentParser) -> None:
    """Options of ``companion import`` that only Daylio files use."""
    importer.add_argument(
        "--mood-map", action="append", default=[], metavar="LABEL=SCORE",
        help="daylio: the 1-10 score for a mood label of your own (repeat for several); Daylio's defaults "
        "are rad=10 good=8 meh=5 bad=3 awful=1",
    )
    importer.add_argument("--dry-run", action="store_true",
                          help="daylio: show what would be imported and change nothing")


def cmd_import(args: argparse.Namespace, paths: Paths) -> int:
    if args.format != "daylio":
        raise CliError("--mood-map and --dry-run are used with `companion import daylio FILE`.")
    return cmd_import_daylio(args, paths)


def read_bytes(name: str) -> bytes:
    try:
        if name == "-":
            data = sys.stdin.buffer.read(MAX_FILE + 1)
        else:
            with open(name, "rb") as fh:
                data = fh.read(MAX_FILE + 1)
    except IsADirectoryError:
        raise CliError(f"Can't read {name}: it is a folder; give the CSV file Daylio exported.") from None
    except OSError as exc:
        raise CliError(f"Can't read {name}: {exc.strerror}.") from None
    if len(data) > MAX_FILE:
        raise CliError(f"{name} is larger than {MAX_FILE // (1024 * 1024)} MiB; is it really a Daylio export?")
    return data


def cmd_import_daylio(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.cli.main import unlocked
    from companion_tui.cli.support import checkin_table
    from companion_tui.core.exchange.daylio import import_daylio, parse, parse_mood_map, plan
    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.kernel.errors import ValidationError

    name = Path(args.file).name if args.file != "-" else "stdin"
    try:
        mood_map = parse_mood_map(args.mood_map)
        parsed = parse(read_bytes(args.file), system_now(), mood_map)  # reported before the vault is opened
    except ValidationError as exc:
        message = " ".join(str(exc).split())
        if "Nothing was imported" not in message:
            message += " Nothing was imported."
        raise CliError(f"{name}: {message}") from None
    with unlocked(paths) as ws:
        result = plan(ws, parsed) if args.dry_run else import_daylio(ws, parsed)
    if args.dry_run and result.new:
        print(checkin_table(result.new, shutil.get_terminal_size().columns))
        print()
    for line in result.details():
        print(line)
    print(result.summary(done=not args.dry_run))
    if args.dry_run:
        print("Nothing was written (--dry-run).")
    return 0
