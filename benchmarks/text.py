"""Template sentences for synthetic notes, triggers and responses (written for this project).

Notes are assembled from sentences that fit the check-in's mood and tags, so a search
for "run" or "argument" later finds plausible entries. Lengths vary from nothing to
about 120 words.
"""

from __future__ import annotations

import random

PEOPLE = ("Sam", "my sister", "Alex", "Mum", "Dad", "Jo", "my manager", "Priya", "Tom", "a neighbour", "Kim")
PLACES = ("the park", "the river", "the canal path", "the allotment", "the hills", "the beach", "town", "the woods")
THINGS = ("the rent", "the dishes", "plans for the weekend", "money", "the holiday", "work hours", "the car")
FOODS = ("soup", "a curry", "pasta", "a big salad", "toast", "stir-fry", "leftovers")

LOW = (
    "Heavy day.",
    "Everything felt like wading through mud.",
    "I stayed in bed longer than I wanted to.",
    "Couldn't concentrate at all this afternoon.",
    "Felt on the edge of tears for most of the evening.",
    "The thoughts went round and round again.",
    "I cancelled on {person} and then felt guilty about it.",
    "Hard to see the point of much today.",
    "Noticed the old 'I always mess this up' story again.",
    "My chest was tight on and off.",
    "Snapped at {person} over something small.",
    "Ate {food} standing at the counter, no appetite really.",
    "Tried to remember that this has passed before.",
    "Too tired to do anything but scroll.",
    "Kept replaying the conversation about {thing}.",
)
MID = (
    "An ordinary day.",
    "Nothing special, which is fine.",
    "Got through the list, mostly.",
    "Bit flat in the afternoon but it lifted.",
    "Made {food} for dinner.",
    "Spoke to {person} briefly.",
    "Work was work.",
    "Sorted out {thing}, finally.",
    "A bit restless this evening.",
    "Weather was grey all day.",
    "Took it slowly.",
    "Not bad, not great.",
    "Had a short nap after lunch.",
    "Thinking about {thing} more than I'd like.",
    "Tidied the flat for twenty minutes.",
)
HIGH = (
    "Good day!",
    "Felt light for most of it.",
    "Laughed a lot with {person}.",
    "Really proud of how I handled the meeting.",
    "Lovely evening, cooked {food} and read.",
    "The sun came out and so did I.",
    "Noticed I wasn't worrying, for once.",
    "Got more done than I planned.",
    "Long chat with {person}, felt close.",
    "Small win: finally sorted {thing}.",
    "Energy was good from the morning on.",
    "Went to {place} and it was beautiful.",
    "Slept well and it showed.",
    "Felt like myself today.",
    "Grateful for {person}.",
)
BY_TAG = {
    "exercise": ("Went for a run before work.", "Gym after work, legs are jelly.", "Short workout in the living room."),
    "walk": ("Walked to {place}.", "A long walk at lunch helped.", "Evening walk around the block."),
    "outside": ("Spent an hour outside.", "Sat outside with a coffee.", "Fresh air did me good."),
    "nature": ("Walked by {place}, saw a heron.", "Trees and quiet at {place}."),
    "saw friends": ("Met {person} for dinner.", "Drinks with friends, good to catch up.", "Friends came over."),
    "alcohol": ("Had a few drinks, probably one too many.", "Wine with dinner.", "Pub after work."),
    "screens late": ("Up too late on my phone again.", "Watched episodes until after one."),
    "poor sleep": ("Woke at four and couldn't get back to sleep.", "Barely slept."),
    "slept well": ("Slept a full eight hours.", "Woke up rested for once."),
    "conflict": ("Argued with {person} about {thing}.", "Tense conversation with {person}."),
    "therapy session": (
        "Therapy today: talked about {thing}.",
        "Session was hard but useful.",
        "We worked on noticing thinking traps in session.",
    ),
    "practised a skill": ("Did the breathing exercise when it got bad.", "Used the grounding exercise on the bus."),
    "work": ("Back-to-back meetings.", "Quiet day at work.", "Long day at work."),
    "deadline": ("Deadline tomorrow, stressed.", "Pushed to hit the deadline."),
    "family time": ("Called {person}.", "Family lunch at the weekend place."),
    "hobby": ("Spent the evening on my project.", "An hour of drawing."),
    "music": ("Played music loud while cleaning.", "Found a new album I love."),
    "reading": ("Read a few chapters before bed.",),
    "cooking": ("Tried a new recipe: {food}.",),
    "stayed home": ("Didn't leave the flat.",),
}
TRIGGERS_LOW = (
    "Argument with {person} about {thing}.",
    "Got critical feedback at work.",
    "Saw photos of everyone out without me.",
    "A bill I'd forgotten about arrived.",
    "{person} didn't reply to my message.",
    "Woke up with a sense of dread.",
    "Made a mistake in front of the team.",
    "Anniversary of a hard time.",
    "Long wait at the doctor's, then rushed appointment.",
    "Plans fell through at the last minute.",
)
TRIGGERS_HIGH = (
    "{person} said something kind out of the blue.",
    "Finished a piece of work I'm proud of.",
    "Good news about {thing}.",
    "A whole day outside at {place}.",
)
RESPONSES_LOW = (
    "Went quiet and withdrew.",
    "Took some slow breaths and named what I felt.",
    "Went for a walk to cool off.",
    "Wrote it down instead of replying straight away.",
    "Ate too much and watched TV.",
    "Called {person} and talked it through.",
    "Told myself it was a fact, not a catastrophe.",
    "Lay down for a while, then did one small thing.",
    "Snapped, then apologised later.",
    "Used the 5-4-3-2-1 grounding exercise.",
)
RESPONSES_HIGH = (
    "Let myself enjoy it.",
    "Told {person} about it.",
    "Wrote it down to remember.",
)


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        person=rng.choice(PEOPLE), place=rng.choice(PLACES), thing=rng.choice(THINGS), food=rng.choice(FOODS)
    )


def note_length(rng: random.Random) -> int:
    """Target words: none (40 %), short (3–15), medium (15–50), long (50–120)."""
    r = rng.random()
    if r < 0.40:
        return 0
    if r < 0.70:
        return rng.randint(3, 15)
    if r < 0.90:
        return rng.randint(15, 50)
    return rng.randint(50, 120)


def note(rng: random.Random, score: int, tags: tuple[str, ...], words: int, limit: int = 120) -> str:
    """Sentences fitting the score and tags until about ``words`` words (never over ``limit``)."""
    if words <= 0:
        return ""
    pool = LOW if score <= 4 else HIGH if score >= 8 else MID
    tagged = [s for t in tags for s in BY_TAG.get(t, ())]
    out: list[str] = []
    count = 0
    while count < words:
        source = tagged if tagged and rng.random() < 0.45 else pool
        sentence = fill(rng.choice(source), rng)
        if sentence in out and len(out) < len(pool):  # rarely the same sentence twice in a note
            continue
        n = len(sentence.split())
        if count + n > limit:
            break
        out.append(sentence)
        count += n
    if not out:  # a first sentence longer than the limit: keep its first words
        out = [" ".join(fill(rng.choice(pool), rng).split()[:limit])]
    return " ".join(out)


def trigger(rng: random.Random, score: int) -> str:
    return fill(rng.choice(TRIGGERS_HIGH if score >= 7 else TRIGGERS_LOW), rng)


def response(rng: random.Random, score: int) -> str:
    return fill(rng.choice(RESPONSES_HIGH if score >= 7 else RESPONSES_LOW), rng)
