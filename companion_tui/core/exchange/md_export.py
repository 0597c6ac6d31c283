"""Markdown export of the journal: entries grouped by month, oldest first.

    text = render_markdown(ws)                 # the whole journal
    text = render_markdown(ws, what="journal") # the same; other sections may come later

Each entry has a heading with its date, time and title, a line with its tags and flags,
the prompt it answered (if any), and its body exactly as written. Like every export, the
result is plain text: it is not encrypted.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

WHAT = ("journal",)


def render_markdown(ws, what: str = "journal", entries: Iterable | None = None) -> str:
    if what not in WHAT:
        raise ValueError(f"Can't export {what!r} as Markdown; choose one of: {', '.join(WHAT)}.")
    items = sorted(entries if entries is not None else ws.journal.newest_first(), key=lambda e: (e.at, e.created))
    now = ws.clock()
    lines = [
        "# Journal",
        "",
        f"Exported from companion on {now:%A %-d %B %Y at %H:%M}. "
        f"{len(items)} entr{'y' if len(items) == 1 else 'ies'}. This file is not encrypted.",
        "",
    ]
    for _month, group in groupby(items, key=lambda e: (e.at.year, e.at.month)):
        month_entries = list(group)
        lines += [f"## {month_entries[0].at:%B %Y}", ""]
        for entry in month_entries:
            lines += entry_markdown(entry, ws.journal.prompts)
    return "\n".join(lines).rstrip() + "\n"


def entry_markdown(entry, prompts=None) -> list[str]:
    heading = f"### {entry.at:%A %-d %B %Y, %H:%M}"
    if entry.title:
        heading += f" · {entry.title}"
    lines = [heading, ""]
    meta = []
    if entry.tags:
        meta.append("Tags: " + ", ".join(f"#{t}" for t in entry.tags))
    if entry.starred:
        meta.append("★ Starred")
    if entry.therapy:
        meta.append("Bring to therapy")
    if entry.kind != "entry":
        meta.append(entry.kind.capitalize())
    if meta:
        lines += [" · ".join(meta), ""]
    prompt = prompts.find(entry.prompt_id) if prompts is not None else None
    if prompt is not None:
        lines += [f"> {prompt.text}", ""]
    if entry.body:
        lines += [entry.body, ""]
    return lines
