"""The gentle safety check: local phrase list, matching rules, and the notice's wording."""

from __future__ import annotations

import pytest

from companion_tui.core.kernel import assets
from companion_tui.core.safety import notice as safety


@pytest.mark.parametrize(
    "text",
    [
        "Some days I want to die.",
        "I keep thinking about SUICIDE",
        "feeling suicidal tonight",
        "I don’t want to be here anymore",  # typographic apostrophe
        "I dont want to be here anymore",
        "thought about hurting\nmyself again",  # across a line break
        "urge to self-harm",
        "urge to self harm",
        "Everyone would be better off without me",
        "Je pense à la mort… I wish I were dead",
    ],
)
def test_crisis_phrases_are_noticed(text) -> None:
    assert safety.check(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Went for a walk, felt better.",
        "I practised a new skill myself today",  # "skill myself" is not "kill myself"
        "The film was about a killer.",
        "I could die laughing at that sketch",
        "The plant died while I was away.",
        "Cutting vegetables for dinner.",
    ],
)
def test_ordinary_text_is_left_alone(text) -> None:
    assert not safety.check(text)


def test_phrase_list_is_local_plain_and_lowercase() -> None:
    data = assets.load("crisis_phrases.toml")
    phrases = data["phrases"]
    assert len(phrases) >= 30
    assert all(p == p.lower().strip() and p for p in phrases)
    assert len(set(phrases)) == len(phrases)


def test_notice_is_gentle_and_points_to_help_now() -> None:
    for cli in (False, True):
        note = safety.notice(cli=cli)
        text = (note.title + " " + note.message).lower()
        assert "saved" in text  # never blocks saving
        for scolding in ("must", "should not", "wrong", "warning", "danger to"):
            assert scolding not in text
    assert "F1" in safety.notice().message
    assert "988" in safety.notice(cli=True).message
