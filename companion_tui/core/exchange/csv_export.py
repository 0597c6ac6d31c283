"""CSV export of check-ins (``companion export --format csv --what moods``); see docs/export-format.md.

One row per check-in, oldest first, under this header::

    at,score,energy,emotions,tags,trigger,response,note

``at`` is the ISO date and time with its UTC offset (``2026-03-14T21:30:00+01:00``);
``energy`` is empty when not given; ``emotions`` and ``tags`` are separated by ``;`` (words
can't contain one). RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold
a comma, quote or line break, quotes doubled. UTF-8 without a byte-order mark. Like every
export, the file is not encrypted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

WHAT = ("moods",)
HEADER = ("at", "score", "energy", "emotions", "tags", "trigger", "response", "note")
SEPARATOR = ";"


def checkin_rows(checkins: Iterable) -> Iterable[list[str]]:
    for c in sorted(checkins, key=lambda c: (c.at, c.created)):
        yield [
            c.at.isoformat(timespec="seconds"),
            str(c.score),
            "" if c.energy is None else str(c.energy),
            SEPARATOR.join(c.emotions),
            SEPARATOR.join(c.tags),
            c.trigger,
            c.response,
            c.note,
        ]


def render_csv(ws, what: str = "moods") -> str:
    if what not in WHAT:
        raise ValueError(f"Can't export {what!r} as CSV; choose one of: {', '.join(WHAT)}.")
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    writer.writerows(checkin_rows(ws.moods.newest_first()))
    return out.getvalue()
