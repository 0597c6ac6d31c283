"""Horizontal bar charts as Text: averages (by weekday, by time of day), emotions, better days.

Pure functions of the numbers from ``core.insights_patterns`` and a width, so tests can
read exactly what is drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from companion_tui.core.insights.patterns import CAUTION, MIN_DAYS, Association, Average, EmotionCount, EmotionsFelt
from companion_tui.tui.widgets.trend_pixels import mood_colour

EIGHTHS = " ▏▎▍▌▋▊▉█"
PLEASANT = "#5ea383"
UNPLEASANT = "#d67d54"
OTHER = "#8f8fb8"


def bar(value: float, full: float, width: int) -> str:
    """A bar of ``value``/``full`` of ``width`` cells, in eighths."""
    eighths = max(0, round(value / full * width * 8)) if full else 0
    whole, part = divmod(min(eighths, width * 8), 8)
    return "█" * whole + (EIGHTHS[part] if part else "")


def average_bars(title: str, rows: Sequence[Average], width: int, unit: str, label_w: int = 0) -> Text:
    """``Mon  ███████▌   6.4  12 days`` per row, bars on the 1–10 scale."""
    label_w = max(label_w, *(len(r.label) for r in rows)) if rows else label_w
    bar_w = max(6, min(30, width - label_w - 24))
    out = Text()
    out.append(title + "\n", "bold")
    for r in rows:
        out.append(f"{r.label:<{label_w}}  ", "")
        if r.mean is None:
            out.append("·".ljust(bar_w) + "   –  ", "dim")
            out.append("none\n", "dim")
            continue
        out.append(bar(r.mean, 10, bar_w).ljust(bar_w), mood_colour(r.mean))
        out.append(f" {r.mean:4.1f}  ", "bold")
        out.append(f"{r.n:,} {unit}{'s' if r.n != 1 else ''}\n", "dim")
    out.rstrip()
    return out


def _emotion_rows(out: Text, heading: str, items: Sequence[EmotionCount], colour: str, most: int,
                  word_w: int, bar_w: int, limit: int) -> None:
    out.append(f"{heading}\n", f"bold {colour}")
    if not items:
        out.append("  none named\n", "dim")
        return
    for e in items[:limit]:
        word = e.word if len(e.word) <= word_w else e.word[: word_w - 1] + "…"
        out.append(f"  {word:<{word_w}} ")
        out.append(bar(e.count, most, bar_w).ljust(bar_w), colour)
        out.append(f"  {e.count:,}\n")
    if len(items) > limit:
        out.append(f"  and {len(items) - limit} more\n", "dim")


def emotion_bars(felt: EmotionsFelt, width: int, limit: int = 6) -> Text:
    """The emotions most felt, pleasant and unpleasant (and the person's own words) apart."""
    out = Text()
    out.append("Emotions most felt\n", "bold")
    if felt.empty:
        out.append("No emotions were named in this period." if felt.checkins else "No check-ins in this period.", "dim")
        return out
    out.append(f"named in {felt.named:,} of {felt.checkins:,} check-ins\n", "dim")
    shown = [*felt.pleasant[:limit], *felt.unpleasant[:limit], *felt.other[:limit]]
    most = max(e.count for e in shown)
    word_w = min(16, max(len(e.word) for e in shown))
    bar_w = max(6, min(28, width - word_w - 10))
    for heading, items, colour in (("Pleasant", felt.pleasant, PLEASANT), ("Unpleasant", felt.unpleasant, UNPLEASANT),
                                   ("Your own words", felt.other, OTHER)):
        if items or heading != "Your own words":
            _emotion_rows(out, heading, items, colour, most, word_w, bar_w, limit)
    out.rstrip()
    return out


def diverging(diff: float, half: int = 6, full: float = 3.0) -> Text:
    """A small bar around an axis: rightwards (pleasant colour) for +, leftwards for −."""
    size = min(abs(diff), full) / full * half
    out = Text()
    if diff < 0:
        cells = "█" * round(size) if round(size) or size < 0.25 else "▐"
        out.append(cells.rjust(half), UNPLEASANT)
        out.append("│" + " " * half, "dim")
    else:
        out.append(" " * half + "│", "dim")
        out.append(bar(min(diff, full), full, half).ljust(half), PLEASANT)
    return out


def better_days_text(rows: Sequence[Association], width: int = 80) -> Group:
    """The caution, then tags with enough data (a small diverging bar, the difference and the
    sentence, in a table so long sentences wrap in their own column), then the rest."""
    parts: list[RenderableType] = [Text(CAUTION + "\n", "dim italic")]
    enough = [r for r in rows if r.enough]
    rest = [r for r in rows if not r.enough]
    if not rows:
        parts.append(Text("No tags in this period. Tags you add to check-ins (walk, friends, slept well…) appear "
                          f"here once they have been on at least {MIN_DAYS} days, and missing on {MIN_DAYS} others.",
                          "dim"))
        return Group(*parts)
    if enough:
        table = Table(box=None, show_header=False, padding=(0, 1), pad_edge=False, expand=False)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, justify="right")
        table.add_column(ratio=1, max_width=max(20, width - 24))
        for r in enough:
            diff = r.difference or 0.0
            table.add_row(diverging(diff), Text(f"{'+' if diff >= 0 else '−'}{abs(diff):.1f}", "bold"), r.sentence())
        parts.append(table)
    else:
        parts.append(Text("No tag has enough data in this period yet.", "dim"))
    if rest:
        tail = Text()
        tail.append("\nNot enough data yet ", "bold")
        tail.append(f"(needs at least {MIN_DAYS} days with the tag and {MIN_DAYS} without):\n", "dim")
        tail.append(", ".join(f"{r.tag} ({r.with_days} with, {r.without_days} without)" for r in rest), "dim")
        parts.append(tail)
    return Group(*parts)
