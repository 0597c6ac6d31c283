"""Content shipped as data in ``assets/`` (inside the wheel as ``companion_tui/assets``)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from importlib.abc import Traversable
from pathlib import Path


def assets_dir() -> Traversable:
    packaged = resources.files("companion_tui") / "assets"
    if packaged.is_dir():
        return packaged
    # Source checkout / editable install: assets/ sits next to the package.
    return Path(__file__).resolve().parents[3] / "assets"


@cache
def load(name: str) -> dict:
    return tomllib.loads((assets_dir() / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class EmotionWord:
    word: str
    quadrant: str
    pleasant: bool
    energy: str


@cache
def emotions() -> tuple[EmotionWord, ...]:
    data = load("emotions.toml")
    return tuple(
        EmotionWord(word, q["id"], bool(q["pleasant"]), q["energy"])
        for q in data["quadrant"]
        for word in q["words"]
    )


@cache
def emotion_quadrants() -> tuple[tuple[str, str], ...]:
    """(id, label) for each quadrant, in file order."""
    return tuple((q["id"], q["label"]) for q in load("emotions.toml")["quadrant"])


@cache
def starter_tags() -> tuple[str, ...]:
    return tuple(tag for group in load("tags.toml")["group"] for tag in group["tags"])


@dataclass(frozen=True)
class CrisisLine:
    region: str
    name: str
    contact: str
    notes: str


@dataclass(frozen=True)
class CrisisInfo:
    intro: str
    not_for_emergencies: str
    elsewhere: str
    lines: tuple[CrisisLine, ...]


@cache
def crisis() -> CrisisInfo:
    data = load("crisis.toml")
    return CrisisInfo(
        intro=data["intro"],
        not_for_emergencies=data["not_for_emergencies"],
        elsewhere=data["elsewhere"],
        lines=tuple(
            CrisisLine(x["region"], x["name"], x["contact"], x.get("notes", "")) for x in data["line"]
        ),
    )


# -- skills and thinking traps (issue 6) --------------------------------------------------


@dataclass(frozen=True)
class SkillInfo:
    """A built-in skill from skills.toml (``exercise``: the guided exercise that starts it, or "")."""

    id: str
    name: str
    category: str
    when: str
    steps: tuple[str, ...]
    minutes: int
    exercise: str = ""


@dataclass(frozen=True)
class Distortion:
    id: str
    name: str
    explanation: str
    example: str


@cache
def skill_categories() -> tuple[tuple[str, str], ...]:
    """(id, label) for each skill category, in file order."""
    return tuple((c["id"], c["label"]) for c in load("skills.toml")["category"])


@cache
def skills() -> tuple[SkillInfo, ...]:
    return tuple(
        SkillInfo(s["id"], s["name"], s["category"], s["when"], tuple(s["steps"]), int(s["minutes"]),
                  s.get("exercise", ""))
        for s in load("skills.toml")["skill"]
    )


@cache
def distortions() -> tuple[Distortion, ...]:
    return tuple(
        Distortion(d["id"], d["name"], d["explanation"], d["example"]) for d in load("distortions.toml")["distortion"]
    )
