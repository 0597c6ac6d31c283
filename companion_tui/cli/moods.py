"""``companion mood add | list``: check in from the command line.

(Daylio's CSV comes in through ``companion import daylio``, in ``cli.exchange``.)
Standard library only at import time, so ``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil

from companion_tui.cli.support import (
    AT_HELP,
    EXIT_OK,
    Commands,
    checkin_table,
    positive_int,
    read_at,
    safety_notice,
    unlocked,
)
from companion_tui.paths import Paths


def register(commands: Commands) -> None:
    mood = commands.add_parser("mood", help="check in from the command line: mood add, mood list")
    sub = mood.add_subparsers(dest="mood_command", metavar="{add,list}", required=True)

    add = sub.add_parser("add", help="add a check-in")
    add.add_argument("score", metavar="SCORE", help="your mood from 1 (worst) to 10 (best)")
    add.add_argument("--emotion", action="append", default=[], metavar="WORD",
                     help="an emotion you can name; repeat for several")
    add.add_argument("--energy", metavar="N", help="energy from 1 (drained) to 5 (buzzing)")
    add.add_argument("--trigger", default="", metavar="TEXT", help="what happened before")
    add.add_argument("--response", default="", metavar="TEXT", help="how you responded")
    add.add_argument("--tag", action="append", default=[], metavar="TAG",
                     help="an activity or self-care tag, e.g. 'slept well'; repeat for several")
    add.add_argument("--note", default="", metavar="TEXT", help="a note")
    add.add_argument("--at", metavar="WHEN", help=AT_HELP + " (default: now)")
    add.set_defaults(run=cmd_mood_add)

    listing = sub.add_parser("list", help="show recent check-ins, newest first")
    listing.add_argument("--days", type=positive_int, default=30, metavar="N", help="how many days back (default 30)")
    listing.set_defaults(run=cmd_mood_list)


def cmd_mood_add(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.moods.checkins import CheckInDraft, validate

    at = read_at(args.at)
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
    safety_notice("\n".join((checkin.trigger, checkin.response, checkin.note)))
    return EXIT_OK


def cmd_mood_list(args: argparse.Namespace, paths: Paths) -> int:
    with unlocked(paths) as ws:
        checkins = ws.moods.since(args.days)
    if not checkins:
        print(f"No check-ins in the last {args.days} days.")
        return EXIT_OK
    print(checkin_table(checkins, shutil.get_terminal_size().columns))
    return EXIT_OK
