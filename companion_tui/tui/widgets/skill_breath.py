"""The breathing pacer's shape: an ellipse that grows on the in-breath and shrinks on the out-breath.

``show(size, kind)`` sets how full the lungs are (0..1) and the phase kind ("in", "hold",
"out", "rest"); the colour comes from the stylesheet through the ``-in``/``-hold``/… class.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

MIN_FRACTION = 0.18  # the smallest shape, so there is always something to look at


def ellipse_lines(width: int, height: int, size: float) -> list[str]:
    """Rows of characters drawing a filled ellipse scaled by ``size`` (0..1) in width × height cells."""
    if width <= 0 or height <= 0:
        return []
    ry_max = height / 2
    rx_max = min(width / 2, ry_max * 2.2)  # a terminal cell is about twice as tall as wide
    scale = MIN_FRACTION + (1 - MIN_FRACTION) * max(0.0, min(1.0, size))
    ry, rx = max(0.6, ry_max * scale), max(1.2, rx_max * scale)
    cy, cx = (height - 1) / 2, (width - 1) / 2
    lines = []
    for y in range(height):
        row = []
        for x in range(width):
            d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
            row.append("█" if d <= 0.72 else "▓" if d <= 0.86 else "░" if d <= 1.0 else " ")
        lines.append("".join(row).rstrip())
    return lines


class BreathShape(Widget):
    DEFAULT_CSS = """
    BreathShape { width: 1fr; height: 1fr; min-height: 5; color: $primary; }
    BreathShape.-in { color: $primary; }
    BreathShape.-hold { color: $primary-lighten-1; }
    BreathShape.-out { color: $success; }
    BreathShape.-rest { color: $success-darken-1; }
    BreathShape.-paused { color: $text-muted; }
    """

    fraction: reactive[float] = reactive(0.0)

    def show(self, size: float, kind: str, paused: bool = False) -> None:
        for k in ("in", "hold", "out", "rest"):
            self.set_class(k == kind, f"-{k}")
        self.set_class(paused, "-paused")
        self.fraction = size

    def render(self) -> Text:
        return Text("\n".join(ellipse_lines(self.size.width, self.size.height, self.fraction)))
