"""``companion goal add | list | tick``: weekly goals from the command line.

Standard library only at import time, so ``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse
from datetime import date

from companion_tui.cli.support import EXIT_OK, CliError, Commands, resolve_skill, unlocked, warn
from companion_tui.paths import Paths

CATEGORY_HELP = "therapy homework, self-care, healthy habits, connection or other (default other)"


def register(commands: Commands) -> None:
    goal = commands.add_parser("goal", help="weekly goals: goal add, goal list, goal tick")
    sub = goal.add_subparsers(dest="goal_command", metavar="{add,list,tick}", required=True)

    add = sub.add_parser("add", help="add a small goal")
    add.add_argument("title", metavar="TITLE", help="a short title, e.g. 'Walk 20 minutes'")
    how = add.add_mutually_exclusive_group()
    how.add_argument("--per-week", metavar="N", help="N times a week, 1 to 7 (the default is once a week)")
    how.add_argument("--daily", action="store_true", help="every day")
    how.add_argument("--once", action="store_true", help="just once (e.g. 'Book the dentist')")
    add.add_argument("--category", metavar="C", default="other", help=CATEGORY_HELP)
    add.add_argument("--skill", metavar="NAME", help="link a skill: logging a practice of it ticks the goal")
    add.add_argument("--why", default="", metavar="TEXT", help="why it matters to you")
    add.add_argument("--start", metavar="YYYY-MM-DD", help="the day it starts (default today)")
    add.set_defaults(run=cmd_goal_add)

    listing = sub.add_parser("list", help="this week's goals as a grid")
    listing.add_argument("--week", metavar="YYYY-MM-DD", help="show the week containing this day instead")
    listing.set_defaults(run=cmd_goal_list)

    tick = sub.add_parser("tick", help="tick a goal for today (or another day)")
    tick.add_argument("title", metavar="TITLE", help="the goal's title, any case; enough of it to be unique")
    tick.add_argument("--day", metavar="YYYY-MM-DD", help="the day to tick (default today)")
    tick.add_argument("--undo", action="store_true", help="remove the tick instead")
    tick.set_defaults(run=cmd_goal_tick)


def parse_day(text: str | None, what: str = "day") -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"Can't read the {what} {text!r}: use YYYY-MM-DD, e.g. 2026-03-14.") from None


def parse_category(text: str) -> str:
    from companion_tui.core.goals.model import CATEGORIES

    key = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
    folded = {c.replace("-", " "): c for c in CATEGORIES}
    if key in folded:
        return folded[key]
    matches = [c for k, c in folded.items() if k.startswith(key) or key in k.split()]
    if len(matches) == 1:
        return matches[0]
    raise CliError(f"There is no goal category {text!r}; choose one of: {', '.join(CATEGORIES)}.")


def cmd_goal_add(args: argparse.Namespace, paths: Paths) -> int:
    from dataclasses import replace

    from companion_tui.core.goals.model import GoalDraft, validate
    from companion_tui.core.kernel.clock import system_now

    kind = "daily" if args.daily else "once" if args.once else "weekly"
    draft = GoalDraft(title=args.title, why=args.why, category=parse_category(args.category), kind=kind,
                      per_week=args.per_week if args.per_week is not None else 1,
                      start=parse_day(args.start, "start date"))
    validate(draft, system_now().date())  # bad input is reported before the vault is opened
    with unlocked(paths) as ws:
        if args.skill:
            skills = getattr(ws, "skills", None)
            if skills is None:
                raise CliError("Skills aren't available in this version, so a goal can't be linked to one.")
            draft = replace(draft, skill_id=resolve_skill(skills, args.skill).id)
        note = ws.goals.cap_note()
        goal = ws.goals.add(draft)
        skill = f", linked to {ws.skills.name_of(goal.skill_id)}" if goal.skill_id else ""
    if note:
        warn(note)
    print(f"Added “{goal.title}”: {goal.target.label()}, {goal.category}{skill}, from {goal.start:%a %-d %b %Y}.")
    return EXIT_OK


def cmd_goal_list(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.goals.weeks import progress, week_grid, week_text

    week = parse_day(args.week)
    with unlocked(paths) as ws:
        today = ws.clock().date()
        first_weekday = ws.settings.value.week_start
        grid = week_grid(ws.goals, week or today, first_weekday, today)
        streaks = {r.goal.id: progress(ws.goals, r.goal, first_weekday, today) for r in grid.rows}
        paused = ws.goals.with_status("paused")
    print(week_text(grid))
    shown = [(r.goal, streaks[r.goal.id]) for r in grid.rows if r.goal.target.kind != "once"]
    if shown:
        print()
        for goal, p in shown:
            print(f"{goal.title}: strength {round(p.strength * 100)}%, "
                  f"{p.streak} week{'s' if p.streak != 1 else ''} in a row.")
    if paused:
        print(f"\nPaused: {', '.join(g.title for g in paused)}.")
    return EXIT_OK


def cmd_goal_tick(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.goals.weeks import week_grid

    day = parse_day(args.day)
    with unlocked(paths) as ws:
        goal = ws.goals.find(args.title)
        today = ws.clock().date()
        day = day or today
        if args.undo:
            changed = ws.goals.untick(goal.id, day)
        else:
            changed = ws.goals.tick(goal.id, day, source="cli") is not None
        first_weekday = ws.settings.value.week_start
        row = next((r for r in week_grid(ws.goals, day, first_weekday).rows if r.goal.id == goal.id), None)
    when = "today" if day == today else f"{day:%a %-d %b %Y}"
    if args.undo:
        what = f"Removed the tick from “{goal.title}” for {when}" if changed else \
            f"“{goal.title}” wasn't ticked for {when}; nothing changed"
    else:
        what = f"Ticked “{goal.title}” for {when}" if changed else f"“{goal.title}” was already ticked for {when}"
    progress = f" ({row.progress} that week{', target met' if row.met else ''})" if row else ""
    print(f"{what}{progress}.")
    return EXIT_OK
