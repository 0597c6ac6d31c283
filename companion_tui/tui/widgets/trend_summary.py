"""The Insights summary and the selected day's check-ins, as Text built from core numbers."""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import date

from rich.text import Text

from companion_tui.core.insights.patterns import CAUTION, Association, Average, EmotionsFelt
from companion_tui.core.insights.trends import RangeSummary, WeekComparison
from companion_tui.tui.widgets.trend_pixels import mood_colour

EMPTY_VAULT = (
    "No check-ins yet.\n\nCheck in from Today (d, then c) or the Mood pane, and your mood over time, "
    "a year in pixels, your patterns and what goes with better days will grow here."
)


def _highest_lowest(rows: Sequence[Average], name: str, plural: bool) -> str | None:
    known = [r for r in rows if r.mean is not None]
    if len(known) < 2:
        return None
    hi = max(known, key=lambda r: r.mean or 0.0)
    lo = min(known, key=lambda r: r.mean or 0.0)
    if hi.mean == lo.mean:
        return f"{name}: about the same throughout ({hi.mean:.1f})."

    def label(r: Average) -> str:
        text = r.label.split(" (")[0]
        if plural:  # weekdays: "Mon" -> "Mondays"
            return f"{calendar.day_name[list(calendar.day_abbr).index(text)]}s"
        return "night" if text == "Night" else f"the {text.lower()}"

    at = "on" if plural else "in"
    low_at = "on" if plural else ("at" if lo.label.startswith("Night") else "in")
    high_at = at if plural or not hi.label.startswith("Night") else "at"
    return (f"{name}: highest {high_at} {label(hi)} ({hi.mean:.1f}), "
            f"lowest {low_at} {label(lo)} ({lo.mean:.1f}).")


def summary_text(label: str, week: WeekComparison, summary: RangeSummary, weekdays: Sequence[Average],
                 times: Sequence[Average], felt: EmotionsFelt, better: Sequence[Association]) -> Text:
    out = Text()
    out.append("This week\n", "bold")
    out.append(f"  {week.sentence()}\n\n")
    out.append(f"{label}\n", "bold")
    out.append(f"  {summary.sentence()}\n")
    if summary.checkins:
        for line in (_highest_lowest(weekdays, "By weekday", True), _highest_lowest(times, "By time of day", False)):
            if line:
                out.append(f"  {line}\n")
        top = sorted((*felt.pleasant, *felt.unpleasant, *felt.other), key=lambda e: (-e.count, e.word))[:5]
        if top:
            out.append("  Most felt: " + " · ".join(f"{e.word} {e.count}" for e in top) + "\n")
        enough = [a for a in better if a.enough]
        up = [a for a in enough if (a.difference or 0) >= 0.3][:3]
        down = [a for a in reversed(enough) if (a.difference or 0) <= -0.3][:3]
        if up:
            out.append("  Went with better days: " + ", ".join(f"{a.tag} (+{a.difference:.1f})" for a in up) + ".\n")
        if down:
            out.append("  Went with harder days: " + ", ".join(f"{a.tag} (−{-(a.difference or 0.0):.1f})" for a in down)
                       + ".\n")
        if up or down:
            out.append(f"  {CAUTION}\n", "dim italic")
        elif better:
            out.append("  No tag stands out yet: see 5 for the details.\n", "dim")
    out.append("\n2 mood over time · 3 year in pixels · 4 patterns · 5 better days", "dim")
    return out


def day_text(day: date, checkins: Sequence, today: date) -> Text:  # checkins: core.moods.CheckIn
    out = Text()
    out.append(f"{day:%A %-d %B %Y}\n", "bold")
    if not checkins:
        out.append("Still to come." if day > today else "No check-in on this day.", "dim")
        return out
    scores = [c.score for c in checkins]
    mean = sum(scores) / len(scores)
    n = len(checkins)
    out.append("Mood ", "dim")
    out.append(f"{mean:.1f}" if n > 1 else f"{mean:.0f}", f"bold {mood_colour(mean)}")
    out.append(f" · {n} check-in{'s' if n != 1 else ''}", "dim")
    if n > 1 and min(scores) != max(scores):
        out.append(f", {min(scores)} to {max(scores)}", "dim")
    out.append("\n")
    for c in sorted(checkins, key=lambda c: c.at):
        out.append(f"\n{c.at:%H:%M}  ", "dim")
        out.append(f"{c.score}/10", mood_colour(c.score))
        if c.emotions:
            out.append("  " + ", ".join(c.emotions))
        if c.tags:
            out.append("  " + " ".join(f"#{t}" for t in c.tags), "dim")
        for text in (c.trigger, c.response, c.note):
            one = " ".join(text.split())
            if one:
                out.append("\n       " + (one if len(one) <= 160 else one[:159] + "…"), "italic")
    return out
