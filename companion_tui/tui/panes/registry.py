"""Every pane, once: its name, title, key, class and what it offers the command palette.

The app's pane keys (``d``, ``m``, …), its ``check_action``, the palette and the ``?`` list are
all made from this list. Adding a pane is its module (with ``PANE = TheScreen`` at the end),
its ``.tcss`` beside it, and one line here. A pane's class is named by its module so that it is
imported when first needed (Today's on a worker while the passphrase is typed), not when the
app starts; a class may also be given directly (tests do).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from textual.binding import Binding

from companion_tui.tui.commands import Command
from companion_tui.tui.panes.base import Pane


@dataclass(frozen=True)
class Offer:
    """A palette line for something a pane does when asked: ``Pane.open_for(what, …)``."""

    title: str
    help: str
    what: str


@dataclass(frozen=True)
class PaneEntry:
    name: str  # the app's mode and the action's argument: pane('mood')
    title: str  # the key's label, the palette line, the pane's name in ? and the footer
    key: str
    pane: type[Pane] | str  # the class, or the module that names it as PANE
    help: str  # the palette's line for going to the pane
    offers: tuple[Offer, ...] = ()

    def load(self) -> type[Pane]:
        return self.pane if isinstance(self.pane, type) else _load(self.pane)

    def binding(self) -> Binding:
        return Binding(self.key, self.action(), self.title, id=f"app.{self.name}")

    def action(self, what: str = "") -> str:
        return f"pane({self.name!r}, {what!r})" if what else f"pane({self.name!r})"

    def commands(self) -> list[Command]:
        return [Command(self.title, self.help, self.action(), needs_unlock=True)] + [
            Command(o.title, o.help, self.action(o.what), needs_unlock=True) for o in self.offers
        ]


@cache
def _load(module: str) -> type[Pane]:
    pane = importlib.import_module(module).PANE
    if not (isinstance(pane, type) and issubclass(pane, Pane)):
        raise TypeError(f"{module}.PANE is not a Pane")
    return pane


class PaneRegistry:
    """The panes in order (the first is shown on unlock), by name."""

    def __init__(self, entries: Iterable[PaneEntry]) -> None:
        self._entries = {e.name: e for e in entries}
        if not self._entries:
            raise ValueError("an app needs at least one pane")
        keys = [e.key for e in self._entries.values()]
        if len(set(keys)) != len(keys):
            raise ValueError(f"two panes share a key: {keys}")

    def __iter__(self) -> Iterator[PaneEntry]:
        return iter(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def __getitem__(self, name: str) -> PaneEntry:
        return self._entries[name]

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def first(self) -> PaneEntry:
        return next(iter(self._entries.values()))

    def bindings(self) -> list[Binding]:
        return [e.binding() for e in self]

    def commands(self) -> list[Command]:
        return [c for e in self for c in e.commands()]


PANES = PaneRegistry([
    PaneEntry("today", "Today", "d", "companion_tui.tui.panes.today", "Go to the Today pane"),
    PaneEntry("mood", "Mood", "m", "companion_tui.tui.panes.mood", "Check in and see your mood history", (
        Offer("New check-in", "Open the mood check-in form", "new"),
    )),
    PaneEntry("journal", "Journal", "j", "companion_tui.tui.panes.journal", "Your entries: search, filter, read", (
        Offer("New journal entry", "Write freely; it is saved as an encrypted draft as you type", "write"),
        Offer("Write from today's prompt", "Open the editor with the prompt of the day", "write_today"),
        Offer("Search the journal", 'Words, "a phrase", tag:x', "search"),
        Offer("Journal prompts", "Browse prompts by category; add, edit or hide them", "prompts"),
        Offer("Filter the journal", "By tag, starred, bring to therapy, prompt category, dates", "filter"),
    )),
    PaneEntry("goals", "Goals", "g", "companion_tui.tui.panes.goals",
              "This week's goals: tick them off, streaks and strength", (
        Offer("Add a goal", "A new small weekly goal", "add"),
        Offer("Weekly review", "Look back at last week's goals and choose what's next", "review"),
    )),
    PaneEntry("skills", "Skills", "s", "companion_tui.tui.panes.skills",
              "Skill catalogue, practice log, guided exercises, what works", (
        Offer("Log a practice", "Record that you practised a skill and how it went", "log"),
        Offer("Breathing pacer", "Breathe along with an animated shape, then log it", "breathing"),
        Offer("5-4-3-2-1 grounding", "Come back to the present through your senses", "grounding"),
        Offer("Thought record", "Challenge a thought step by step", "thought_record"),
        Offer("What works for me", "Which skills help you most, with a before/after chart", "works"),
    )),
    PaneEntry("insights", "Insights", "i", "companion_tui.tui.panes.insights",
              "Mood trends, patterns and what goes with better days", (
        Offer("Mood over time", "A chart of your mood: week, month, quarter, year or all time", "chart"),
        Offer("Year in pixels", "Every day of a year, coloured by your mood", "year"),
        Offer("Mood patterns", "By weekday, by time of day, and the emotions you felt most", "patterns"),
        Offer("What goes with better days", "Tags that went with better or harder days (not causes)", "better"),
    )),
])
