"""Skills and practices for the reliability suite: canary content in every practice field (leak)
and random practices with every field, comparable across processes (crash).

Imported by test_leak.py (``write_practices``), test_crash_skills.py and crash_child_skills.py.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import datetime, timedelta

from companion_tui.core.skills.catalogue import Skill, SkillDraft
from companion_tui.core.skills.practice import HELPED, Practice, PracticeDraft

WORDS = ["the", "a", "breath", "slow", "counted", "walk", "felt", "lighter", "after", "tight", "chest", "meeting", "sister", "rain", "window"]
TRAPS = ["all-or-nothing", "mind-reading", "fortune-telling", "catastrophising", "labelling", "should-statements"]
BUILTIN = ["box-breathing", "urge-surfing", "thought-record", "grounding-5-4-3-2-1", "body-scan", "feet-on-the-floor"]


# -- leak: a canary in every text a practice can hold -----------------------------------------


def write_practices(ws, new: Callable[[str], str], phase: str, skill_id: str) -> str:
    """Store a thought-record practice and a grounding practice with a distinct canary in every
    text field (situation, notes, thought, emotion names, evidence, balanced thought, every
    grounding answer) plus distress, helped and the therapy flag. Returns the first one's id."""
    p = f"{phase}.practice"
    record = ws.practices.add(PracticeDraft(
        skill_id=skill_id, situation=new(f"{p}.situation"), before=8, after=3, helped="a_lot",
        notes=f"{new(f'{p}.notes')}\n{new(f'{p}.notes2')}", therapy=True,
        details={
            "kind": "thought_record", "thought": new(f"{p}.thought"),
            "emotions": [{"name": new(f"{p}.emotion"), "before": 80, "after": 30},
                         {"name": new(f"{p}.emotion2"), "before": 40}],
            "distortions": ["mind-reading", "labelling"],
            "evidence_for": new(f"{p}.evidence_for"), "evidence_against": new(f"{p}.evidence_against"),
            "balanced": new(f"{p}.balanced"),
        },
    ))
    ws.practices.add(PracticeDraft(
        skill_id="grounding-5-4-3-2-1", situation=new(f"{p}.grounding.situation"), before=6, after=4,
        helped="a_little", notes=new(f"{p}.grounding.notes"),
        details={"kind": "grounding", "see": [new(f"{p}.see"), new(f"{p}.see2")], "touch": [new(f"{p}.touch")],
                 "hear": [new(f"{p}.hear")], "smell": [new(f"{p}.smell")], "taste": [new(f"{p}.taste")]},
    ))
    return record.id


# -- crash: random practices and their comparable form ----------------------------------------


def practice_fields(p: Practice) -> dict:
    return {"skill": p.skill_id, "at": p.at.isoformat(), "situation": p.situation, "before": p.before,
            "after": p.after, "helped": p.helped, "notes": p.notes, "therapy": p.therapy, "details": p.details}


def skill_fields(s: Skill) -> dict:
    return {"name": s.name, "category": s.category, "when": s.when, "steps": list(s.steps), "minutes": s.minutes,
            "exercise": s.exercise, "archived": s.archived}


def _text(rng: random.Random, most: int) -> str:
    return " ".join(rng.choices(WORDS, k=rng.randint(0, most)))


def random_details(rng: random.Random) -> dict | None:
    kind = rng.choice([None, None, "thought_record", "grounding", "breathing"])
    if kind == "thought_record":
        return {"kind": kind, "thought": _text(rng, 8) + f" #{rng.getrandbits(24):06x}",
                "emotions": [{"name": rng.choice(["anxious", "sad", "angry", "ashamed"]),
                              "before": rng.randint(0, 100), "after": rng.choice([None, rng.randint(0, 100)])}
                             for _ in range(rng.randint(0, 3))],
                "distortions": sorted(set(rng.sample(TRAPS, rng.randint(0, 3))), key=TRAPS.index),
                "evidence_for": _text(rng, 20), "evidence_against": _text(rng, 20), "balanced": _text(rng, 12)}
    if kind == "grounding":
        return {"kind": kind, **{sense: [rng.choice(WORDS) for _ in range(rng.randint(0, n))]
                                 for sense, n in (("see", 5), ("touch", 4), ("hear", 3), ("smell", 2), ("taste", 1))}}
    if kind == "breathing":
        rounds = rng.randint(1, 10)
        return {"kind": kind, "pattern": "box", "phases": [4, 4, 4, 4], "rounds": rounds,
                "completed_rounds": rng.randint(0, rounds), "seconds": rng.randint(0, 16 * rounds)}
    return None


def random_practice(rng: random.Random, now: datetime, skills: list[str]) -> PracticeDraft:
    return PracticeDraft(
        skill_id=rng.choice(skills),
        at=(now - timedelta(minutes=rng.randint(0, 60 * 24 * 90))).replace(microsecond=0),
        situation=_text(rng, 10),
        before=rng.choice([None, rng.randint(0, 10)]),
        after=rng.choice([None, rng.randint(0, 10)]),
        helped=rng.choice([None, *HELPED]),
        notes=(_text(rng, rng.choice([0, 5, 60, 300])) + f" #{rng.getrandbits(40):010x}").strip(),
        therapy=rng.random() < 0.2,
        details=random_details(rng),
    )


def random_skill(rng: random.Random, n: int) -> SkillDraft:
    return SkillDraft(name=f"My skill {n} {rng.getrandbits(24):06x}", category=rng.choice(["grounding", "other"]),
                      when=_text(rng, 10), steps=tuple(_text(rng, 6) or "step" for _ in range(rng.randint(0, 4))),
                      minutes=rng.choice([None, rng.randint(1, 60)]))
