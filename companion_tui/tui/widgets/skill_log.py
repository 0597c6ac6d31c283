"""The practice log: filters (category, skill, from/to dates) over a table, newest first.

Only the newest ``LIMIT`` matching practices become rows; the status line says how many
matched, so years of practice stay quick to draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static

from companion_tui.core.skills.practice import Practice

LIMIT = 500


@dataclass(frozen=True)
class LogFilter:
    category: str | None = None
    skill_id: str | None = None
    first: date | None = None
    last: date | None = None


def _day(text: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    return date.fromisoformat(text)  # raises ValueError


def distress_cell(p: Practice) -> str:
    if p.before is None and p.after is None:
        return ""
    return f"{'–' if p.before is None else p.before:>2} → {'–' if p.after is None else p.after}"


class PracticeLogView(Vertical):
    _bad_dates: tuple[str, ...] = ()  # the date fields that could not be read
    DEFAULT_CSS = """
    PracticeLogView { height: 1fr; }
    PracticeLogView #log-filters { height: auto; }
    PracticeLogView #log-filters { margin-top: 1; }
    PracticeLogView #log-filters Select { width: 1fr; margin-right: 1; }
    PracticeLogView #log-filters Input { width: 17; margin-right: 1; }
    PracticeLogView #log-status { height: 1; color: $text-muted; padding: 0 1; }
    PracticeLogView DataTable { height: 1fr; }
    """

    @dataclass
    class FilterChanged(Message):
        pass

    def compose(self) -> ComposeResult:
        with Horizontal(id="log-filters"):
            yield Select([], prompt="Any category", id="log-category", compact=True)
            yield Select([], prompt="Any skill", id="log-skill", compact=True)
            yield Input(placeholder="from YYYY-MM-DD", id="log-from", compact=True)
            yield Input(placeholder="to YYYY-MM-DD", id="log-to", compact=True)
        yield Static("", id="log-status")
        table: DataTable[str | Text] = DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        table.add_column("When", key="when", width=10)
        table.add_column("Skill", key="skill", width=22)
        table.add_column("Distress", key="distress", width=8)
        table.add_column("Helped", key="helped", width=11)
        table.add_column("★", key="therapy", width=1)
        table.add_column("Situation / notes", key="situation")
        yield table

    @property
    def table(self) -> DataTable:
        return self.query_one("#log-table", DataTable)

    def set_choices(self, categories: list[tuple[str, str]], skills: list[tuple[str, str]]) -> None:
        """(label, id) lists for the two drop-downs; the current choices are kept when still there."""
        for widget_id, options in (("#log-category", categories), ("#log-skill", skills)):
            select = self.query_one(widget_id, Select)
            current = select.value
            with select.prevent(Select.Changed):
                select.set_options(options)
                if current in {v for _, v in options}:
                    select.value = current

    def current_filter(self) -> LogFilter:
        """The filter as typed; a bad date shows a message and is ignored."""
        category = self.query_one("#log-category", Select).value
        skill = self.query_one("#log-skill", Select).value
        dates: list[date | None] = []
        bad = []
        for widget_id, label in (("#log-from", "from"), ("#log-to", "to")):
            try:
                dates.append(_day(self.query_one(widget_id, Input).value))
            except ValueError:
                dates.append(None)
                bad.append(label)
        self._bad_dates = tuple(bad)
        return LogFilter(
            category=None if category is Select.NULL else str(category),
            skill_id=None if skill is Select.NULL else str(skill),
            first=dates[0],
            last=dates[1],
        )

    def show(self, practices: list[Practice], names: dict[str, str], total: int, keep: str | None = None) -> None:
        table = self.table
        keep = keep or self.highlighted_id
        table.clear()
        for p in practices[:LIMIT]:
            text = " ".join((p.situation or p.notes).split())
            kind = {"thought_record": "thought record", "grounding": "5-4-3-2-1", "breathing": "paced"}.get(p.kind)
            if p.kind == "thought_record" and not text:
                text = " ".join((p.details or {}).get("thought", "").split())
            label = f"{kind}: " if kind and p.kind != "breathing" else ""
            table.add_row(
                f"{p.at:%Y-%m-%d}", Text(names.get(p.skill_id, "(unknown skill)")), distress_cell(p),
                p.helped_label, "★" if p.therapy else "", Text(label + text[:200]), key=p.id,
            )
        if keep is not None and keep in {p.id for p in practices[:LIMIT]}:
            table.move_cursor(row=table.get_row_index(keep))
        shown = min(len(practices), LIMIT)
        status = f"{len(practices):,} of {total:,} practices"
        if len(practices) > LIMIT:
            status += f" · showing the newest {shown}; narrow the filters to see older ones"
        if self._bad_dates:
            status += f" · [b]{' and '.join(self._bad_dates)}[/] date not understood (use YYYY-MM-DD)"
        if total:
            status += " · enter view · e edit · x delete · n new"
        self.query_one("#log-status", Static).update(status if total else
                                                      "No practices yet. Press [b]n[/] to log one, or start an "
                                                      "exercise from the catalogue.")

    @property
    def highlighted_id(self) -> str | None:
        table = self.table
        if table.row_count == 0:
            return None
        try:
            return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        except Exception:  # noqa: BLE001 - an empty or just-cleared table
            return None

    @on(Select.Changed, "#log-category, #log-skill")
    @on(Input.Changed, "#log-from, #log-to")
    def _filter_changed(self, event: Message) -> None:
        event.stop()
        self.post_message(self.FilterChanged())
