"""What a guided exercise adds to a practice, stored inside the practice's sealed payload.

``details`` is None for a plain practice, or a dict with ``"kind"``:

- ``"thought_record"``: ``thought``, ``emotions`` (``[{"name", "before" 0–100, "after" 0–100|None}]``),
  ``distortions`` (ids from assets/distortions.toml), ``evidence_for``, ``evidence_against``,
  ``balanced``. The situation is the practice's own ``situation`` field.
- ``"grounding"``: ``see`` (up to 5), ``touch`` (4), ``hear`` (3), ``smell`` (2), ``taste`` (1),
  each a list of short texts.
- ``"breathing"``: ``pattern`` id, ``phases`` (seconds in, hold, out, rest), ``rounds`` planned,
  ``completed_rounds`` and ``seconds`` actually spent.
"""

from __future__ import annotations

from companion_tui.core.kernel import assets
from companion_tui.core.kernel.errors import ValidationError
from companion_tui.core.skills.catalogue import clean_text, whole_number
from companion_tui.core.skills.exercises import GROUNDING_STEPS, PATTERNS

KINDS = ("thought_record", "grounding", "breathing")
MAX_FIELD = 5_000
MAX_ITEM = 200
MAX_EMOTIONS = 12


def validate_details(details: object) -> dict | None:
    """Clean ``details`` or raise ValidationError; keys of errors start with ``details.``."""
    if details is None or details == {}:
        return None
    if not isinstance(details, dict) or details.get("kind") not in KINDS:
        raise ValidationError({"details": "The exercise details are not in a form we can store."})
    errors: dict[str, str] = {}
    kind = details["kind"]
    if kind == "thought_record":
        out = _thought_record(details, errors)
    elif kind == "grounding":
        out = _grounding(details, errors)
    else:
        out = _breathing(details, errors)
    if errors:
        raise ValidationError({f"details.{k}": v for k, v in errors.items()})
    return {"kind": kind, **out}


def _thought_record(d: dict, errors: dict[str, str]) -> dict:
    texts = {
        key: clean_text(d.get(key, ""), MAX_FIELD, label, key, errors)
        for key, label in (
            ("thought", "The automatic thought"),
            ("evidence_for", "The evidence for"),
            ("evidence_against", "The evidence against"),
            ("balanced", "The balanced thought"),
        )
    }
    emotions = []
    raw = d.get("emotions") or []
    if not isinstance(raw, list) or len(raw) > MAX_EMOTIONS:
        errors["emotions"] = f"List up to {MAX_EMOTIONS} emotions."
        raw = []
    for item in raw:
        if not isinstance(item, dict):
            errors["emotions"] = "Each emotion needs a name and an intensity."
            continue
        name = " ".join(clean_text(item.get("name", ""), MAX_ITEM, "An emotion", "emotions", errors).split())
        if not name:
            errors["emotions"] = "Each emotion needs a name."
            continue
        rated: dict[str, int | None] = {}
        for key in ("before", "after"):
            value = item.get(key)
            if value in (None, ""):
                rated[key] = None
                continue
            try:
                rated[key] = whole_number(value, 0, 100)
            except ValueError:
                errors["emotions"] = f"How strong {name!r} is must be a whole number from 0 to 100."
                rated[key] = None
        emotions.append({"name": name.lower(), **rated})
    known = {x.id for x in assets.distortions()}
    picked = d.get("distortions") or []
    if not isinstance(picked, list) or any(p not in known for p in picked):
        errors["distortions"] = "Pick thinking traps from the list."
        picked = []
    distortions = [x.id for x in assets.distortions() if x.id in picked]
    if not texts["thought"] and "thought" not in errors:
        errors["thought"] = "Write down the thought you want to look at."
    return {"thought": texts["thought"], "emotions": emotions, "distortions": distortions,
            "evidence_for": texts["evidence_for"], "evidence_against": texts["evidence_against"],
            "balanced": texts["balanced"]}


def _grounding(d: dict, errors: dict[str, str]) -> dict:
    out = {}
    for step in GROUNDING_STEPS:
        raw = d.get(step.sense) or []
        if not isinstance(raw, list) or len(raw) > step.count:
            errors[step.sense] = f"Up to {step.count} things you can {step.sense}."
            raw = []
        items = [clean_text(x, MAX_ITEM, "Each thing", step.sense, errors) for x in raw]
        out[step.sense] = [x for x in items if x]
    return out


def _breathing(d: dict, errors: dict[str, str]) -> dict:
    pattern = d.get("pattern")
    if pattern not in PATTERNS and pattern != "custom":
        errors["pattern"] = "Unknown breathing pattern."
    phases = d.get("phases") or []
    try:
        if not isinstance(phases, list) or len(phases) != 4:
            raise ValueError(phases)
        phases = [whole_number(p, 0, 30) for p in phases]
        rounds = whole_number(d.get("rounds", 0), 1, 100)
        completed = whole_number(d.get("completed_rounds", 0), 0, 100)
        seconds = whole_number(d.get("seconds", 0), 0, 24 * 3600)
    except ValueError:
        errors["breathing"] = "The breathing details are not in a form we can store."
        return {}
    return {"pattern": pattern, "phases": phases, "rounds": rounds, "completed_rounds": completed,
            "seconds": seconds}


def distortion_names(ids: list[str]) -> list[str]:
    names = {d.id: d.name for d in assets.distortions()}
    return [names.get(i, i) for i in ids]
