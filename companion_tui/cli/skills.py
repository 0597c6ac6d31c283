"""``companion skill list`` and ``companion skill log``: the skill catalogue and quick practice logging.

Standard library only at import time, so ``companion --help`` stays fast.
"""

from __future__ import annotations

import argparse
import shutil
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, cast

from companion_tui.cli.support import (
    AT_HELP,
    EXIT_OK,
    CliError,
    Commands,
    cell,
    read_at,
    resolve_skill,
    unlocked,
)
from companion_tui.paths import Paths

if TYPE_CHECKING:
    from companion_tui.core.skills.catalogue import Skill, SkillCatalogue
    from companion_tui.core.skills.practice import Practice

HELPED_CHOICES = "not at all, a little, quite a bit, a lot (or 1-4)"


def register(commands: Commands) -> None:
    skill = commands.add_parser("skill", help="skills: skill list, skill log (record a practice)")
    sub = skill.add_subparsers(dest="skill_command", metavar="{list,log}", required=True)

    listing = sub.add_parser("list", help="show the skill catalogue (built-in and your own)")
    listing.add_argument("--category", metavar="C", help="only this category, e.g. breathing or self-compassion")
    listing.add_argument("--all", action="store_true", help="include archived skills")
    listing.set_defaults(run=cmd_skill_list)

    log = sub.add_parser("log", help="record that you practised a skill")
    log.add_argument("skill", metavar="SKILL", help="the skill's name (any case; enough of it to be unique)")
    log.add_argument("--before", metavar="N", help="distress before, 0 (none) to 10 (the most)")
    log.add_argument("--after", metavar="N", help="distress after, 0 to 10")
    log.add_argument("--helped", metavar="LEVEL", help=f"how much it helped: {HELPED_CHOICES}")
    log.add_argument("--situation", default="", metavar="TEXT", help="the situation or trigger")
    log.add_argument("--note", default="", metavar="TEXT", help="what worked, what didn't")
    log.add_argument("--therapy", action="store_true", help="flag it to bring to therapy")
    log.add_argument("--at", metavar="WHEN", help=AT_HELP + " (default: now)")
    log.set_defaults(run=cmd_skill_log)


def _category(text: str | None) -> str | None:
    from companion_tui.core.kernel import assets

    if text is None:
        return None
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    for cid, label in assets.skill_categories():
        if key in (cid, label.lower().replace("-", "_").replace(" ", "_")):
            return cid
    names = ", ".join(label.lower() for _, label in assets.skill_categories())
    raise CliError(f"There is no skill category {text!r}; choose one of: {names}.")


def cmd_skill_list(args: argparse.Namespace, paths: Paths) -> int:
    category = _category(args.category)
    if not paths.exists():
        # Without a vault there are no own skills: the built-in catalogue needs no passphrase.
        from companion_tui.core.skills.catalogue import builtin_skills

        skills = builtin_skills()
        last: dict[str, str] = {}
    else:
        with unlocked(paths) as ws:
            skills = ws.skills.all(include_archived=args.all)
            last = {s.id: f"{p.at:%Y-%m-%d}" for s in skills if (p := ws.practices.last_for(s.id))}
    if category:
        skills = [s for s in skills if s.category == category]
    if not skills:
        print("No skills in that category yet.")
        return EXIT_OK
    print(skill_table(skills, last, shutil.get_terminal_size().columns))
    return EXIT_OK


def skill_table(skills: Sequence[Skill], last: dict[str, str], width: int = 100) -> str:
    headers = ("Skill", "Category", "Min", "Last done", "When it helps")
    rows = []
    for s in skills:
        name = s.name + ("" if s.builtin else " (yours)") + (" [archived]" if s.archived else "")
        rows.append((name, s.category_label, str(s.minutes or ""), last.get(s.id, ""), s.when))
    name_w = min(40, max(len(r[0]) for r in [headers, *rows]))
    widths = [name_w, 15, 3, 10]
    widths.append(max(16, width - sum(widths) - 2 * len(widths) - 1))
    lines = ["  ".join(_fit(h, w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("─" * w for w in widths))
    lines += ["  ".join(_fit(v, w) for v, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


def _fit(text: str, width: int) -> str:
    return cell(" ".join(text.split()), width)


def cmd_skill_log(args: argparse.Namespace, paths: Paths) -> int:
    from companion_tui.core.kernel.clock import system_now
    from companion_tui.core.kernel.errors import ValidationError
    from companion_tui.core.skills.practice import PracticeDraft, parse_helped, validate

    at = read_at(args.at)
    try:
        helped = parse_helped(args.helped)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    draft = PracticeDraft(skill_id="", at=at, situation=args.situation, before=args.before, after=args.after,
                          helped=helped, notes=args.note, therapy=args.therapy)
    # Report bad numbers and dates before asking for the passphrase (the skill is checked once unlocked):
    # with no skill id yet, validate reports "skill" without looking in the catalogue.
    try:
        validate(draft, system_now(), catalogue=cast("SkillCatalogue", _NoSkills()))
    except ValidationError as exc:
        rest = {k: v for k, v in exc.errors.items() if k != "skill"}
        if rest:
            raise ValidationError(rest) from None
    with unlocked(paths) as ws:
        skill = resolve_skill(ws.skills, args.skill)
        practice = ws.practices.add(replace(draft, skill_id=skill.id))
    print(f"Logged {skill.name} for {practice.at:%Y-%m-%d %H:%M}{_summary(practice)}.")
    return EXIT_OK


class _NoSkills:
    def __contains__(self, item: object) -> bool:
        return False


def _summary(p: Practice) -> str:
    bits: list[str] = []
    if p.before is not None or p.after is not None:
        before = "–" if p.before is None else str(p.before)
        after = "–" if p.after is None else str(p.after)
        bits.append(f"distress {before} → {after}")
    if p.helped:
        bits.append(f"helped {p.helped_label}")
    if p.therapy:
        bits.append("flagged for therapy")
    return (": " + ", ".join(bits)) if bits else ""
