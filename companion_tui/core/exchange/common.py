"""What every export and import shares: the section contract and the field readers.

A **section** is one area's part of the JSON export (``exchange/sections/<name>.py``, each
exposing ``SECTION``). The workspace's parts name theirs (``Part(..., exchange="moods")``) and
``document`` writes and reads them in that order:

- ``export(ws)``: the section's keys and values, ready for ``json.dumps``;
- ``parse(data, now, into)``: the records the file's keys hold, validated with the app's own
  rules; every problem is collected and raised at once as a ``ValidationError``, not
  shortened (nothing is written). ``into``: the vault being imported into, for checks that need it (a practice's
  skill); None checks the file alone;
- ``write(ws, parsed)``: stores what isn't in the vault yet, returns ``{kind: (added, in the
  file)}``. Import parses every section before any writes.

Readers (``record_id``, ``when_field``, ``str_field``, ``str_list``) take the item and an
``errors`` dict to add a plain message to, so one pass names every bad field of a record.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Generic, TypeVar

from companion_tui.core.kernel.errors import ValidationError

if TYPE_CHECKING:
    from companion_tui.core.workspace import Workspace

#: A record's id in an export: 32 lowercase hex digits (``records.new_id``).
RECORD_ID = re.compile(r"^[0-9a-f]{32}$")
BAD_ID = "its id is missing or not 32 lowercase hex digits."
#: Problems named in one error message; the rest are counted.
MAX_SHOWN = 5
MORE = "…and {n} more problems."
ISO_EXAMPLE = "2026-03-14T21:30:00+01:00"

Errors = dict[str, str]
Counts = dict[str, tuple[int, int]]  # kind -> (added, in the file)
P = TypeVar("P")
R = TypeVar("R")


@dataclass(frozen=True)
class Section(Generic[P]):
    """One area's part of the JSON export and its import (see the module docstring)."""

    name: str
    keys: tuple[str, ...]  # the top-level keys of the document it writes and reads, in order
    export: Callable[[Workspace], dict[str, object]]
    parse: Callable[[dict, datetime, Workspace | None], P]
    write: Callable[[Workspace, P], Counts]


# -- reading one field ---------------------------------------------------------------------------------


def record_id(item: dict, errors: Errors, key: str = "id", problem: str = BAD_ID) -> str:
    """``item[key]`` when it is a record id; otherwise ``problem`` goes to ``errors[key]`` and "" comes back."""
    value = item.get(key)
    if not isinstance(value, str) or not RECORD_ID.match(value):
        errors[key] = problem
        return ""
    return value


def when_field(item: dict, key: str, errors: Errors, required: bool = False) -> datetime | None:
    """An ISO date-time (a naive one is local time); None when absent and not ``required``."""
    value = item.get(key)
    if value is None and not required:
        return None
    when = parse_when(value)
    if when is None:
        errors[key] = f"{key!r} is not an ISO date and time (e.g. {ISO_EXAMPLE})."
    return when


def parse_when(value: object) -> datetime | None:
    """``value`` read as an ISO date-time, local time when it has no offset; None if it isn't one."""
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when if when.tzinfo else when.astimezone()


def str_field(item: dict, key: str, errors: Errors) -> str:
    """Text; absent, null or empty reads as ""."""
    value = item.get(key) or ""
    if not isinstance(value, str):
        errors[key] = f"{key!r} must be text."
        return ""
    return value


def str_list(item: dict, key: str, errors: Errors) -> tuple[str, ...]:
    """A list of words; absent, null or empty reads as ()."""
    value = item.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors[key] = f"{key!r} must be a list of words."
        return ()
    return tuple(value)


# -- reading a list of records -------------------------------------------------------------------------


def records_in(items: list, key: str, label: str, build: Callable[[dict], R], errors: Errors,
               ident: Callable[[R], str] = lambda record: getattr(record, "id", "")) -> list[R]:
    """Build each item of the file's ``key`` list; each problem goes to ``errors`` as
    ``"<key>[i].<field>": "<label> <i+1>: message"``, and an id seen twice is one too.

    ``build`` raises ValidationError for a bad item (a KeyError, TypeError or ValueError reads
    as "missing or unreadable fields"); an item that is not an object is reported here."""
    out: list[R] = []
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{label} {index + 1}"
        try:
            if not isinstance(item, dict):
                raise ValidationError({"record": "is not an object."})
            record = build(item)
        except ValidationError as exc:
            errors.update({f"{key}[{index}].{k}": f"{where}: {m}" for k, m in exc.errors.items()})
            continue
        except (KeyError, TypeError, ValueError):
            errors[f"{key}[{index}]"] = f"{where}: has missing or unreadable fields."
            continue
        rid = ident(record)
        if rid in seen:
            errors[f"{key}[{index}].id"] = f"{where}: its id appears twice in the file."
        seen.add(rid)
        out.append(record)
    return out


def list_of(data: dict, key: str, errors: Errors, message: str | None = None) -> list:
    """``data[key]`` when it is a list; absent is an empty list; anything else is a problem."""
    value = data.get(key, [])
    if not isinstance(value, list):
        errors[key] = message or f"{key!r} must be a list."
        return []
    return value


# -- reporting -------------------------------------------------------------------------------------------


def shortened(errors: Errors, more: str = MORE) -> Errors:
    """At most ``MAX_SHOWN`` problems, and a count of the rest (``more`` formats ``{n}``)."""
    if len(errors) <= MAX_SHOWN:
        return errors
    shown = dict(list(errors.items())[:MAX_SHOWN])
    shown["more"] = more.format(n=len(errors) - MAX_SHOWN)
    return shown


def raise_if(errors: Errors) -> None:
    """Raise every collected problem as one ValidationError; nothing if there are none. (A
    section raises them all: the document shortens the whole file's problems once.)"""
    if errors:
        raise ValidationError(errors)


def only_in_file(counts: Counts) -> Counts:
    """The counts of the kinds the file had any of."""
    return {kind: n for kind, n in counts.items() if n[1]}
