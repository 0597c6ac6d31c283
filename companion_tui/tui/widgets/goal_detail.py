"""The selected goal in words: why it matters, its target, streak and strength (with the
one-sentence explanation of what strength means)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from companion_tui.core.goals.weeks import Progress

BAR = 20
RECENT = 12  # weeks shown as met / not met


def strength_bar(value: float, width: int = BAR) -> Text:
    filled = round(max(0.0, min(1.0, value)) * width)
    bar = Text()
    bar.append("█" * filled, "green")
    bar.append("░" * (width - filled), "dim")
    return bar


def detail_text(p: Progress, skill_name: str | None = None) -> Text:
    g = p.goal
    out = Text()
    out.append(g.title, "bold")
    bits = [g.target.label(), g.category]
    if skill_name:
        bits.append(f"ticked by practising {skill_name}")
    if g.status != "active":
        bits.append(g.status)
    out.append("  ·  " + "  ·  ".join(bits), "dim")
    if g.why:
        out.append("\n")
        out.append("Why: ", "dim")
        out.append(" ".join(g.why.split()))
    if g.target.kind == "once":
        out.append("\n")
        done = any(w.met for w in p.weeks) or p.met_weeks > 0
        out.append("A one-off step: tick it on the day you do it." if not done else "Done — well done for doing it.")
        return out
    out.append("\n")
    out.append("Streak   ", "dim")
    out.append(p.streak_text())
    recent = [w for w in p.weeks if not w.current][-RECENT:]
    if recent:
        out.append("\n")
        out.append("Weeks    ", "dim")
        for w in recent:
            if not w.active:
                out.append("– ", "dim")
            else:
                out.append("✓ " if w.met else "○ ", "green" if w.met else "dim")
        out.append(f"  the last {len(recent)}, ✓ = target met", "dim")
    out.append("\n")
    out.append("Strength ", "dim")
    out.append_text(strength_bar(p.strength))
    out.append(f" {round(p.strength * 100)}%", "bold")
    out.append("\n")
    out.append(p.strength_text(), "italic")
    return out


class GoalDetail(Static):
    DEFAULT_CSS = """
    GoalDetail { height: auto; padding: 0 1; }
    """

    def show(self, progress: Progress | None, skill_name: str | None = None) -> None:
        if progress is None:
            self.update(Text("Select a goal to see its streak and strength.", "dim"))
        else:
            self.update(detail_text(progress, skill_name))
