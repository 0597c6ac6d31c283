"""The gentle safety check: does saved text contain a phrase from the local crisis list?

    if safety.check(text):          # after the entry or note was saved, never before
        show safety.notice()        # quiet, non-blocking, points to Get help now (F1)

The phrases live in ``assets/crisis_phrases.toml``. The check runs only on this computer;
nothing is sent or logged, and it never decides whether something may be saved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from companion_tui.core.journal.search import fold
from companion_tui.core.kernel import assets

_NOT_WORD = re.compile(r"[\s\-‐‑–—_/]+")


def _simplify(text: str) -> str:
    """Folded (case, accents), apostrophes dropped, hyphens and whitespace as single spaces."""
    return _NOT_WORD.sub(" ", fold(text).replace("'", ""))


@dataclass(frozen=True)
class Notice:
    title: str
    message: str


@cache
def _pattern() -> re.Pattern[str]:
    phrases = sorted({_simplify(p).strip() for p in assets.load("crisis_phrases.toml")["phrases"]} - {""})
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in phrases) + ")")


def check(text: str) -> bool:
    """True when ``text`` contains one of the crisis phrases (whole words at its start)."""
    if not text or not text.strip():
        return False
    return _pattern().search(_simplify(text)) is not None


def notice(cli: bool = False) -> Notice:
    """The words to show on a match (``cli=True``: for a terminal, where there is no F1)."""
    data = assets.load("crisis_phrases.toml")
    return Notice(data["notice_title"], data["cli_notice" if cli else "notice"])
