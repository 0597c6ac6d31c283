"""Export and import: everything in a vault as plain JSON (see docs/export-format.md).

This is the one place plaintext leaves the vault, and only when the user asks for it.

    data = export_json(ws)          # a dict, ready for json.dumps
    text = RENDERERS["json"](ws)    # the text the CLI writes
    n = import_json(ws, data)       # restores every section; checked before anything is written

The document is a frame (``format``, ``version``, ``exported_at`` … ``settings``) around the
sections of the workspace's parts, in the registry's order: a part declared with
``exchange="moods"`` has its section in ``companion_tui.core.exchange.sections.moods``
(its ``SECTION``; see ``exchange.common`` for the contract). Sections are imported when first
needed, and this module's top-level imports are the standard library and the kernel's errors,
so the CLI can read ``EXPORT_FORMATS`` while building ``--help`` without loading SQLAlchemy
or cryptography.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion_tui.core.kernel.errors import ValidationError

if TYPE_CHECKING:
    from companion_tui.core.exchange.common import Counts, Section
    from companion_tui.core.moods.checkins import CheckIn
    from companion_tui.core.workspace import Workspace

FORMAT = "companion-export"
VERSION = 1
SECTIONS_PACKAGE = "companion_tui.core.exchange.sections"


def sections() -> list[Section[Any]]:
    """The sections of the workspace's parts, in the registry's order."""
    from companion_tui.core.workspace import PARTS

    return [section(part.exchange) for part in PARTS if part.exchange]


def section(name: str) -> Section[Any]:
    """The section named by a part's ``exchange`` (its module's ``SECTION``)."""
    found: Section[Any] = importlib.import_module(f"{SECTIONS_PACKAGE}.{name}").SECTION
    return found


def __getattr__(name: str) -> object:
    """``CHECKIN_FIELDS`` (the fields of one exported check-in) is the moods section's; read here
    on first use, so importing this module stays light."""
    if name == "CHECKIN_FIELDS":
        from companion_tui.core.exchange.sections.moods import CHECKIN_FIELDS

        return CHECKIN_FIELDS
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# -- export ------------------------------------------------------------------------------


def export_json(ws: Workspace) -> dict:
    """Everything in the vault except drafts: the frame, every section, then the settings."""
    data: dict[str, object] = {"format": FORMAT, "version": VERSION, "exported_at": ws.clock().isoformat(timespec="seconds")}
    for one in sections():
        data.update(one.export(ws))
    data["settings"] = asdict(ws.settings.value)  # for people reading the file: not imported
    return data


def render_json(ws: Workspace) -> str:
    return json.dumps(export_json(ws), ensure_ascii=False, indent=2) + "\n"


def render_md(ws: Workspace, what: str = "journal") -> str:
    from companion_tui.core.exchange.md_export import render_markdown

    return render_markdown(ws, what)


def render_csv(ws: Workspace, what: str = "moods") -> str:
    from companion_tui.core.exchange.csv_export import render_csv as render

    return render(ws, what)


#: format name -> renderer returning the export as text. Later formats go here.
RENDERERS: dict[str, Callable[[Workspace], str]] = {"json": render_json, "md": render_md, "csv": render_csv}
EXPORT_FORMATS = tuple(RENDERERS)
#: What ``--what`` can pick for formats that export one part of the vault.
EXPORT_WHAT = {"md": ("journal",), "csv": ("moods",)}
IMPORT_FORMATS = ("json", "jrnl", "daylio")


# -- import ------------------------------------------------------------------------------


def import_json(ws: Workspace, data: object) -> int:
    """Add everything in the export to ``ws``; return how many check-ins were new.

    Every record is validated first; if any is invalid nothing is written. Records whose
    id is already in the vault (including ones that failed to open) are skipped.
    ``import_counts`` gives the figures for every kind of record.
    """
    return import_counts(ws, data)["checkins"][0]


def import_counts(ws: Workspace, data: object) -> Counts:
    """Like ``import_json``; returns ``{kind: (added, in the file)}``: always ``checkins`` and
    ``journal``, and the other kinds the file has any of."""
    parsed = _parse(data, ws.clock(), ws)  # every section is checked before anything is written
    counts: Counts = {}
    for one, value in parsed:
        counts.update(one.write(ws, value))
    return counts


def parse_export(data: object, now: datetime) -> list[CheckIn]:
    """Validate a parsed export (every section, before a vault is open) and return its check-ins.
    Raises ValidationError naming the problems."""
    moods: list[CheckIn] = next(value for one, value in _parse(data, now, None) if one.name == "moods")
    return moods


def check_frame(data: object) -> dict:
    """The document, if it is a companion export this version can read. Raises ValidationError."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValidationError({"format": "This is not a companion export (its \"format\" is not companion-export)."})
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValidationError({"version": "This export has no valid version number."})
    if version > VERSION:
        raise ValidationError(
            {"version": f"This export was written by a newer version of companion (format {version}); please upgrade."}
        )
    return data


def _parse(data: object, now: datetime, into: Workspace | None) -> list[tuple[Section[Any], Any]]:
    """Every section's records; all their problems at once (shortened) if any is bad."""
    from companion_tui.core.exchange.common import shortened

    document = check_frame(data)
    parsed = []
    errors: dict[str, str] = {}
    for one in sections():
        try:
            parsed.append((one, one.parse(document, now, into)))
        except ValidationError as exc:
            errors.update(exc.errors)
    if errors:
        raise ValidationError(shortened(errors))
    return parsed
