"""Command palette (ctrl+p): every app action by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

# (title, help, action, needs an unlocked vault)
COMMANDS: list[tuple[str, str, str, bool]] = [
    ("Get help now", "Crisis lines and your safety options", "help_now", False),
    ("Today", "Go to the Today pane", "pane('today')", True),
    ("Mood", "Check in and see your mood history", "pane('mood')", True),
    ("New check-in", "Open the mood check-in form", "new_checkin", True),
    ("Journal", "Your entries: search, filter, read", "pane('journal')", True),
    ("New journal entry", "Write freely; it is saved as an encrypted draft as you type", "journal('write')", True),
    ("Write from today's prompt", "Open the editor with the prompt of the day", "journal('write_today')", True),
    ("Search the journal", 'Words, "a phrase", tag:x', "journal('search')", True),
    ("Journal prompts", "Browse prompts by category; add, edit or hide them", "journal('prompts')", True),
    ("Filter the journal", "By tag, starred, bring to therapy, prompt category, dates", "journal('filter')", True),
    ("Goals", "This week's goals: tick them off, streaks and strength", "pane('goals')", True),
    ("Add a goal", "A new small weekly goal", "goals('add')", True),
    ("Weekly review", "Look back at last week's goals and choose what's next", "goals('review')", True),
    ("Skills", "Skill catalogue, practice log, guided exercises, what works", "pane('skills')", True),
    ("Log a practice", "Record that you practised a skill and how it went", "skill('log')", True),
    ("Breathing pacer", "Breathe along with an animated shape, then log it", "skill('breathing')", True),
    ("5-4-3-2-1 grounding", "Come back to the present through your senses", "skill('grounding')", True),
    ("Thought record", "Challenge a thought step by step", "skill('thought_record')", True),
    ("What works for me", "Which skills help you most, with a before/after chart", "skill('works')", True),
    ("Insights", "Mood trends, patterns and what goes with better days", "pane('insights')", True),
    ("Mood over time", "A chart of your mood: week, month, quarter, year or all time", "insights('chart')", True),
    ("Year in pixels", "Every day of a year, coloured by your mood", "insights('year')", True),
    ("Mood patterns", "By weekday, by time of day, and the emotions you felt most", "insights('patterns')", True),
    ("What goes with better days", "Tags that went with better or harder days (not causes)", "insights('better')", True),
    ("Keys", "Every key that works here", "keys", False),
    ("Lock now", "Drop keys from memory and show the unlock screen", "lock", True),
    ("Quit", "Save and close", "quit", False),
]


class CompanionCommands(Provider):
    def _available(self):
        unlocked = getattr(self.app, "unlocked", False)
        return [c for c in COMMANDS if unlocked or not c[3]]

    async def discover(self) -> Hits:
        for title, help_text, action, _ in self._available():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action, _ in self._available():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), partial(self.app.run_action, action), help=help_text)
