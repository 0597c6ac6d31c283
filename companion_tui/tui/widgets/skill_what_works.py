"""What works for you: one row per practised skill, most helpful first, and a before/after
chart of the highlighted skill."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable, Static

from companion_tui.core.skills.what_works import MIN_TO_SAY, Point, SkillStats
from companion_tui.tui.widgets.skill_chart import BeforeAfterChart

INTRO = (f"Skills you have practised, the most helpful first. Figures appear once there are {MIN_TO_SAY} "
         "or more answers to go on. Distress is out of 10.")


def _drop(s: SkillStats) -> str:
    if s.avg_drop is None:
        return ""
    change = -s.avg_drop  # a negative change: distress went down
    text = "0.0" if abs(change) < 0.05 else f"{change:+.1f}".replace("-", "−")
    return text if s.drop_known else f"({text})"


def _share(s: SkillStats) -> str:
    if s.helped_share is None:
        return ""
    text = f"{s.helped_much}/{s.answered}"
    return text if s.share_known else f"({text})"


class WhatWorksView(Vertical):
    DEFAULT_CSS = """
    WhatWorksView { height: 1fr; }
    WhatWorksView #works-intro { height: auto; color: $text-muted; padding: 0 1; }
    WhatWorksView #works-table { height: auto; max-height: 50%; min-height: 3; }
    WhatWorksView #works-table { width: auto; max-width: 100%; }
    WhatWorksView #works-chart-title { height: auto; padding: 0 1; margin-top: 1; }
    WhatWorksView BeforeAfterChart { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._series: dict[str, list[Point]] = {}
        self._names: dict[str, str] = {}
        self._verdicts: dict[str, str] = {}
        self.series_for: Callable[[str], list[Point]] = lambda skill_id: []  # set by the pane: skill id -> points

    def compose(self) -> ComposeResult:
        yield Static(INTRO, id="works-intro")
        table: DataTable[str | Text] = DataTable(id="works-table", cursor_type="row", zebra_stripes=True)
        table.add_column("Skill", key="skill", width=26)
        table.add_column("Times", key="n", width=5)
        table.add_column("Distress", key="drop", width=8)
        table.add_column("Helped", key="share", width=7)
        table.add_column("Last", key="last", width=10)
        yield table
        yield Static("", id="works-chart-title")
        yield BeforeAfterChart(id="works-chart")

    def show(self, stats: list[SkillStats], names: dict[str, str]) -> None:
        table = self.query_one("#works-table", DataTable)
        keep = self.highlighted_id
        self._names = names
        self._verdicts = {s.skill_id: s.verdict() for s in stats}
        table.clear()
        for s in stats:
            table.add_row(Text(names.get(s.skill_id, "(unknown skill)")), str(s.practices), _drop(s), _share(s),
                          f"{s.last:%Y-%m-%d}" if s.last else "", key=s.skill_id)
        if keep and keep in {s.skill_id for s in stats}:
            table.move_cursor(row=table.get_row_index(keep))
        if not stats:
            self.query_one("#works-intro", Static).update(
                "Nothing to show yet. Each practice you log — with distress before and after, or how much it "
                "helped — adds to this picture of what helps you.")
        else:
            self.query_one("#works-intro", Static).update(INTRO)
        self._show_chart()

    @property
    def highlighted_id(self) -> str | None:
        table = self.query_one("#works-table", DataTable)
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - the cursor is off the rows (table just refilled): nothing highlighted
            return None

    @on(DataTable.RowHighlighted, "#works-table")
    def _row(self) -> None:
        self._show_chart()

    def _show_chart(self) -> None:
        skill_id = self.highlighted_id
        title = self.query_one("#works-chart-title", Static)
        chart = self.query_one(BeforeAfterChart)
        if skill_id is None:
            title.update("")
            chart.show([], "")
            return
        points = self.series_for(skill_id)
        title.update(f"[b]{escape(self._names.get(skill_id, ''))}[/] · {self._verdicts.get(skill_id, '')}")
        chart.show(points, "No distress ratings for this skill yet.")
