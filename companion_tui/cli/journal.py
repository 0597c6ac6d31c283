"""``companion journal add | list | search``: write, list and search journal entries.

(jrnl's JSON comes in through ``companion import jrnl``, in ``cli.exchange``.)

Standard library only at import time, so ``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

from companion_tui.cli.support import (
    AT_HELP,
    EXIT_OK,
    CliError,
    Commands,
    positive_int,
    read_at,
    safety_notice,
    unlocked,
)
from companion_tui.paths import Paths

if TYPE_CHECKING:
    from companion_tui.core.journal.entries import Entry
    from companion_tui.core.journal.search import Snippet

MAX_STDIN = 8 * 1024 * 1024


def register(commands: Commands) -> None:
    journal = commands.add_parser("journal", help="journal: journal add, journal list, journal search")
    sub = journal.add_subparsers(dest="journal_command", metavar="{add,list,search}", required=True)

    add = sub.add_parser(
        "add", help="write a journal entry",
        description="Write a journal entry from -m TEXT or from stdin (end with Ctrl-D). When the entry comes "
        "through a pipe, give the passphrase with COMPANION_PASSPHRASE or COMPANION_PASSPHRASE_FILE.",
    )
    add.add_argument("-m", "--message", metavar="TEXT", help="the entry's text (default: read stdin)")
    add.add_argument("--title", default="", metavar="T", help="a title (optional)")
    add.add_argument("--tag", action="append", default=[], metavar="X", help="a tag; repeat for several")
    add.add_argument("--star", action="store_true", help="star the entry")
    add.add_argument("--therapy", action="store_true", help='flag it "bring to therapy"')
    add.add_argument("--at", metavar="WHEN", help=AT_HELP + " (default: now)")
    add.set_defaults(run=cmd_journal_add)

    listing = sub.add_parser("list", help="show recent entries, newest first")
    listing.add_argument("--days", type=positive_int, default=30, metavar="N", help="how many days back (default 30)")
    listing.add_argument("--tag", metavar="X", help="only entries with this tag")
    listing.set_defaults(run=cmd_journal_list)

    search = sub.add_parser(
        "search", help="search every entry",
        description='Search every entry. All words must match (any case, accents ignored); "a quoted phrase" '
        "matches those words in order; tag:x keeps entries tagged x.",
    )
    search.add_argument("query", nargs="+", metavar="QUERY", help='words, "a phrase", tag:x')
    search.set_defaults(run=cmd_journal_search)


# -- journal add -----------------------------------------------------------------------------


def _read_body(args: argparse.Namespace) -> str:
    if args.message is not None:
        return args.message
    stdin = sys.stdin
    if stdin is None:
        raise CliError("No entry given: use -m TEXT or pipe the text in.")
    if stdin.isatty():
        print("Write your entry; finish with Ctrl-D on a new line.", file=sys.stderr)
    text = stdin.read(MAX_STDIN + 1)
    if len(text) > MAX_STDIN:
        raise CliError("The entry on stdin is too long.")
    return text


def cmd_journal_add(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.journal.entries import EntryDraft, validate
    from companion_tui.core.kernel.clock import system_now

    at = read_at(args.at)
    body = _read_body(args)
    draft = EntryDraft(title=args.title, body=body, tags=tuple(args.tag), starred=args.star,
                       therapy=args.therapy, at=at)
    validate(draft, system_now())  # bad input is reported before the vault is opened
    with unlocked(paths) as ws:
        entry = ws.journal.add(draft)
    flags = "".join([" ★" if entry.starred else "", " (bring to therapy)" if entry.therapy else ""])
    print(f"Saved your journal entry for {entry.at:%Y-%m-%d %H:%M} ({entry.words:,} words){flags}.")
    safety_notice(f"{entry.title}\n{entry.body}")
    return EXIT_OK


# -- journal list / search ---------------------------------------------------------------------


def _flags(entry: Entry) -> str:
    return ("★" if entry.starred else " ") + ("⚑" if entry.therapy else " ")


def entry_lines(entries: Sequence[Entry], width: int) -> list[str]:
    """One line per entry: when, flags, headline, tags, words."""
    lines = []
    for e in entries:
        tags = " ".join(f"#{t}" for t in e.tags)
        tail = f"  {tags}" if tags else ""
        tail += f"  {e.words:,}w"
        head = f"{e.at:%Y-%m-%d %H:%M}  {_flags(e)}  "
        room = max(16, width - len(head) - len(tail))
        headline = " ".join(e.headline.split())
        if len(headline) > room:
            headline = headline[: room - 1] + "…"
        lines.append(f"{head}{headline.ljust(room)}{tail}".rstrip())
    return lines


def cmd_journal_list(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.journal.entries import Filter

    with unlocked(paths) as ws:
        entries = ws.journal.since(args.days)
        if args.tag:
            tagged = set(ws.journal.find("", Filter(tag=args.tag)))
            entries = [e for e in entries if e in tagged]
    if not entries:
        which = f" tagged {args.tag!r}" if args.tag else ""
        print(f"No journal entries{which} in the last {args.days} days.")
        return EXIT_OK
    print("\n".join(entry_lines(entries, shutil.get_terminal_size().columns)))
    return EXIT_OK


def cmd_journal_search(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.journal.search import parse, snippet

    text = " ".join(args.query)
    query = parse(text)
    if query.empty:
        raise CliError("Give at least one word, phrase or tag:x to search for.")
    width = shutil.get_terminal_size().columns
    with unlocked(paths) as ws:
        found = ws.journal.find(text)
    if not found:
        print(f"No entries match {text}.")
        return EXIT_OK
    bold = sys.stdout.isatty()
    out = []
    for entry in found:
        out.extend(entry_lines([entry], width))
        piece = snippet(entry.body, query, width=max(40, width - 6))
        if piece.text:
            out.append(textwrap.indent(_marked(piece, bold), "    "))
    out.append(f"\n{len(found)} entr{'y' if len(found) == 1 else 'ies'} found.")
    print("\n".join(out))
    return EXIT_OK


def _marked(piece: Snippet, bold: bool) -> str:
    """The snippet with its matches in bold on a terminal (plain text otherwise)."""
    if not bold:
        return piece.text
    text, last = piece.text, 0
    out: list[str] = []
    for a, b in piece.spans:
        out += [text[last:a], "\x1b[1m", text[a:b], "\x1b[22m"]
        last = b
    out.append(text[last:])
    return "".join(out)
