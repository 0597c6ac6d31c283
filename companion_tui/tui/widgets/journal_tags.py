"""Tags for a journal entry: comma-separated, → completes the tag being typed from known tags."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.suggester import Suggester
from textual.widgets import Input

from companion_tui.core.journal.entries import normalize_tag


def split_tags(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for part in text.split(","):
        tag = normalize_tag(part)
        if tag and tag not in out:
            out.append(tag)
    return tuple(out)


class LastTagSuggester(Suggester):
    """Suggests a completion for the tag after the last comma."""

    def __init__(self, known: Callable[[], Iterable[str]]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = known

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(",")
        typed = last.lstrip().lstrip("#@").casefold()
        if not typed:
            return None
        chosen = set(split_tags(head))
        for tag in self.known():
            if tag not in chosen and tag.casefold().startswith(typed) and len(tag) > len(typed):
                prefix = value[: len(value) - len(last.lstrip())]
                return prefix + tag
        return None


class TagsInput(Input):
    HELP_TITLE = "Tags"
    BINDINGS = [
        Binding("right", "cursor_right", "Complete tag", key_display="→", show=False, id="journal.tags.complete"),
    ]

    def __init__(self, known: Callable[[], Iterable[str]], tags: Iterable[str] = (), *, id: str | None = None) -> None:
        super().__init__(
            ", ".join(tags),
            placeholder="tags, separated by commas (→ completes)",
            suggester=LastTagSuggester(known),
            compact=True,
            id=id,
        )

    @property
    def tags(self) -> tuple[str, ...]:
        return split_tags(self.value)
