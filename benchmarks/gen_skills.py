"""Generator record types for issue 6: two own skills and about three skill practices a week.

The person has a handful of favourite skills (a Zipf-like preference over the catalogue,
drawn from the seed) and each skill has a hidden effect, so "what works" has something to
find. Practices follow the shared life: more of them in bad weeks, none in gaps without the
app, distress before from that day's mood. About one in eight is a thought record (with
emotions, thinking traps, evidence and a balanced thought); breathing and grounding
practices carry their exercise details. Every practice is checked with the app's own
``practice.validate`` before it is stored.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from datetime import UTC, timedelta
from typing import TYPE_CHECKING

from benchmarks import text as texts
from companion_tui.core.kernel import assets
from companion_tui.core.skills import catalogue as skills_mod
from companion_tui.core.skills import practice as practice_mod
from companion_tui.core.skills.catalogue import Skill, SkillDraft
from companion_tui.core.skills.exercises import PATTERNS
from companion_tui.core.skills.practice import Practice, PracticeDraft

if TYPE_CHECKING:
    from benchmarks.generate import GenContext
    from companion_tui.core.workspace import Workspace

PER_WEEK = 2.6
THOUGHT_RECORD_SHARE = 0.12
OWN_SKILLS = (
    SkillDraft(name="Safe place imagery", category="grounding", when="When old memories pull me back.",
               steps=("Close my eyes", "Picture the lake house in detail", "Notice the calm in my body"), minutes=5),
    SkillDraft(name="Text a friend before I spiral", category="relationships",
               when="Evenings alone when my thoughts start to loop.",
               steps=("Pick one person", "Send one honest line", "Put the phone down for ten minutes"), minutes=2),
)
THOUGHTS = (
    "I'm going to mess this up.", "They think I'm useless.", "I always ruin things.", "Nobody would notice if I left.",
    "I should be coping better by now.", "If I say no they'll be angry.", "Everyone else has it together.",
)
EMOTIONS = ("anxious", "sad", "ashamed", "angry", "lonely", "guilty", "frustrated")
THINGS = ("lamp", "window", "mug", "plant", "book", "door", "rain", "fridge hum", "coffee", "soap", "mint", "jumper")


def _own_skills(ctx: GenContext) -> list[Skill]:
    rng = ctx.rng("skills")
    created = ctx.now.astimezone(UTC) - timedelta(days=300)
    out = []
    for draft in OWN_SKILLS:
        fields = skills_mod.validate(draft)
        at = created.replace(microsecond=0) - timedelta(days=rng.randint(0, 300))
        out.append(Skill(id=f"{rng.getrandbits(128):032x}", version=1, created=at, updated=at, **fields))
    return out


def gen_skills(ctx: GenContext) -> Iterator[Skill]:
    yield from _own_skills(ctx)


def _details(rng: random.Random, skill: skills_mod.Skill, before: int | None) -> dict | None:
    kind = skill.exercise.partition(":")[0]
    if kind == "thought_record":
        emotions = [{"name": e, "before": min(100, max(10, (before or 5) * 10 + rng.randint(-15, 15))),
                     "after": rng.choice([None, rng.randint(10, 70)])} for e in rng.sample(EMOTIONS, rng.randint(1, 3))]
        traps = sorted(rng.sample([d.id for d in assets.distortions()], rng.randint(0, 3)))
        return {"kind": kind, "thought": rng.choice(THOUGHTS), "emotions": emotions, "distortions": traps,
                "evidence_for": texts.note(rng, 3, (), rng.randint(5, 25)),
                "evidence_against": texts.note(rng, 7, (), rng.randint(5, 30)),
                "balanced": texts.note(rng, 6, (), rng.randint(5, 15))}
    if kind == "grounding":
        return {"kind": kind, **{sense: rng.sample(THINGS, rng.randint(max(0, n - 2), n))
                                 for sense, n in (("see", 5), ("touch", 4), ("hear", 3), ("smell", 2), ("taste", 1))}}
    if kind == "breathing":
        pattern = PATTERNS[skill.exercise.partition(":")[2]]
        rounds = pattern.rounds
        done = rounds if rng.random() < 0.85 else rng.randint(0, rounds - 1)
        return {"kind": kind, "pattern": pattern.id, "phases": list(pattern.seconds), "rounds": rounds,
                "completed_rounds": done, "seconds": done * pattern.cycle + rng.randint(0, pattern.cycle - 1)}
    return None


def gen_practices(ctx: GenContext) -> Iterator[Practice]:
    rng = ctx.rng("practices")
    catalogue = skills_mod.builtin_skills() + _own_skills(ctx)
    by_id = {s.id: s for s in catalogue}
    thought = next(s for s in catalogue if s.exercise == "thought_record")
    favourites = rng.sample([s for s in catalogue if s is not thought], 9)
    weights = [1 / (i + 1) for i in range(len(favourites))]
    effect = {s.id: rng.uniform(-0.3, 3.0) for s in catalogue}  # how much each one tends to help this person
    known = set(by_id)
    utc = UTC
    for day in ctx.life.days:
        if day.gap:
            continue
        p = PER_WEEK / 7 * (1.6 if day.bad_week else 0.6 if day.good_spell else 1.0)
        for _ in range(2 if rng.random() < p * p / 3 else 1 if rng.random() < p else 0):
            skill = thought if rng.random() < THOUGHT_RECORD_SHARE else rng.choices(favourites, weights)[0]
            distress = max(0, min(10, round((10 - day.mood) * 0.9 + rng.gauss(0, 1.2))))
            before = distress if rng.random() < 0.85 else None
            after = None
            if before is not None and rng.random() < 0.9:
                after = max(0, min(10, round(before - effect[skill.id] + rng.gauss(0, 1.0))))
            helped = None
            if rng.random() < 0.7:
                drop = (before - after) if before is not None and after is not None else effect[skill.id]
                helped = practice_mod.HELPED[0 if drop < 0.5 else 1 if drop < 1.5 else 2 if drop < 3 else 3]
            hour, minute = rng.choice([(7, 30), (12, 40), (18, 15), (21, 30), (22, 45)])
            at = day.at(hour, (minute + rng.randrange(30)) % 60)
            draft = PracticeDraft(
                skill_id=skill.id, at=at,
                situation=texts.trigger(rng, round(day.mood)) if rng.random() < 0.5 else "",
                before=before, after=after, helped=helped,
                notes=texts.note(rng, round(day.mood), (), texts.note_length(rng) // 2),
                therapy=rng.random() < 0.08, details=_details(rng, skill, before),
            )
            fields = practice_mod.validate(draft, ctx.now, known)  # type: ignore[arg-type]  # exactly what the app accepts
            created = (at.astimezone(utc) + timedelta(seconds=rng.randrange(30, 600))).replace(microsecond=0)
            yield Practice(id=f"{rng.getrandbits(128):032x}", version=1, created=created, updated=created, **fields)


def _dump_skills(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((s.id, s.version, s.to_payload()) for s in ws.skills.own())


def _dump_practices(ws: Workspace) -> Iterable[tuple[str, int, dict]]:
    return ((p.id, p.version, p.to_payload()) for p in ws.practices.newest_first())


#: (name, generate, insert, dump) for benchmarks.generate.RecordType, appended to its GENERATORS
#: in this order (practices refer to the skills). Plain tuples, so this module never imports
#: benchmarks.generate (which may be running as __main__).
RECORD_TYPES = [
    ("skills", gen_skills, lambda ws, chunk: ws.skills.import_many(chunk), _dump_skills),
    ("practices", gen_practices, lambda ws, chunk: ws.practices.import_many(chunk), _dump_practices),
]
