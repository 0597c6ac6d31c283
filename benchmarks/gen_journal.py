"""Generator record types for issue 5: journal entries, about one every two days.

Entries follow the shared life: none in gaps without the app, a few more in bad weeks,
written in the evening. Lengths run from 50 to 1,500 words (most a few hundred; a
log-normal spread), in paragraphs of sentences that fit the day's mood and what happened,
plus reflective sentences (some with accents, so accent-insensitive search has something
to find). About a third answer a built-in prompt; some carry tags, a star or the "bring to
therapy" flag. Every entry is checked with the app's own ``journal.validate``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterable, Iterator
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from benchmarks import text as texts
from companion_tui.core.journal import entries as journal_mod
from companion_tui.core.journal.entries import Entry, EntryDraft
from companion_tui.core.journal.prompts import builtin_prompts

if TYPE_CHECKING:
    from benchmarks.generate import GenContext
    from companion_tui.core.workspace import Workspace

PER_DAY = 0.5
MIN_WORDS, MAX_WORDS = 50, 1500
REFLECTIONS = (
    "I keep coming back to what {person} said about {thing}.",
    "Writing this down makes it feel smaller than it did this afternoon.",
    "I noticed the old story again: that I have to get everything right.",
    "Part of me wanted to cancel, and part of me was glad I went.",
    "It is strange how tired I feel after a day of doing very little.",
    "My therapist asked what I would say to a friend, and I didn't have an answer at first.",
    "The walk to {place} helped more than I expected.",
    "I want to remember that this feeling has passed before.",
    "Small thing, but I made {food} and actually enjoyed it.",
    "I felt anxious before the meeting and fine during it, which is worth noting.",
    "There was a moment this evening when everything felt quiet and okay.",
    "I'm not sure why the comment about {thing} got under my skin.",
    "I'd like to bring this up next session: the pattern with deadlines.",
    "Slept badly, so I'm going easy on myself today.",
    "Three good things: the light this morning, a call with {person}, and an early night.",
    "I said no to something and the world did not end.",
    "Sunday evenings still feel heavy, even when the weekend was good.",
    "I noticed my shoulders were up by my ears again and let them drop.",
    "I can be proud of this and still want to do better next time.",
    "The argument with {person} wasn't really about {thing}.",
    "Coffee at the café on the corner with Zoë, who always makes me laugh.",
    "Read a few pages of Camus in French; très difficile, but I liked it.",
    "Crème brûlée after dinner, a small celebration of nothing in particular.",
    "Naïve of me, maybe, but I think it will work out.",
    "Went to the Müller exhibition at the gallery with {person}.",
)
TITLES = (
    "After the session", "A heavy day", "Small wins", "Sunday thoughts", "Notes for next time", "Why I felt stuck",
    "Grateful", "Late night", "A good walk", "What I didn't say", "The meeting", "Being kinder to myself",
    "Weekend", "Morning pages", "Things I want to remember",
)
JOURNAL_TAGS = ("work", "family", "sleep", "friends", "therapy", "gratitude", "anxiety", "walk", "health", "home")


def _words(rng: random.Random) -> int:
    """50–1,500 words, most a few hundred (log-normal, median ≈ 330)."""
    return max(MIN_WORDS, min(MAX_WORDS, round(math.exp(rng.gauss(math.log(330), 0.75)))))


def _body(rng: random.Random, score: int, tags: tuple[str, ...], words: int) -> str:
    paragraphs, count = [], 0
    while count < words:
        want = min(words - count, rng.randint(40, 140))
        sentences = [texts.note(rng, score, tags, max(1, want // 2), limit=200)]
        while sum(len(s.split()) for s in sentences) < want:
            sentences.append(texts.fill(rng.choice(REFLECTIONS), rng))
        paragraph = " ".join(sentences)
        n = len(paragraph.split())
        if count + n > MAX_WORDS:  # never over the longest entry we generate
            paragraph = " ".join(paragraph.split()[: MAX_WORDS - count])
            n = MAX_WORDS - count
        paragraphs.append(paragraph)
        count += n
    return "\n\n".join(paragraphs)


def gen_journal(ctx: GenContext) -> Iterator[Entry]:
    rng = ctx.rng("journal")
    prompts = [p.id for p in builtin_prompts()]
    utc = UTC
    for day in ctx.life.days:
        if day.gap:
            continue
        p = PER_DAY * (1.3 if day.bad_week else 0.85 if day.good_spell else 1.0)
        if rng.random() >= p:
            continue
        score = round(day.mood)
        tags = tuple(sorted(set(rng.sample(JOURNAL_TAGS, rng.choice((0, 0, 1, 1, 2, 3))))))
        draft = EntryDraft(
            title=rng.choice(TITLES) if rng.random() < 0.4 else "",
            body=_body(rng, score, day.tags, _words(rng)),
            tags=tags,
            starred=rng.random() < 0.08,
            therapy=rng.random() < (0.2 if day.bad_week else 0.08),
            prompt_id=rng.choice(prompts) if rng.random() < 0.35 else None,
            at=day.at(rng.choice((7, 13, 20, 21, 21, 22, 22, 23)), rng.randrange(60)),
        )
        fields = journal_mod.validate(draft, ctx.now)  # exactly what the app accepts
        created = (fields["at"].astimezone(utc) + timedelta(minutes=rng.randrange(5, 40))).replace(microsecond=0)
        yield Entry(id=f"{rng.getrandbits(128):032x}", version=1, created=created, updated=created, **fields)


def _dump_journal(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((e.id, e.version, e.to_payload()) for e in ws.journal.newest_first())


#: (name, generate, insert, dump) for benchmarks.generate.RecordType, appended to its GENERATORS.
RECORD_TYPES = [
    ("journal", gen_journal, lambda ws, chunk: ws.journal.import_many(chunk), _dump_journal),
]
