"""CSV export of check-ins: the documented header, RFC 4180 quoting, read back by Python's csv module."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta, timezone

import pytest

from companion_tui.core.exchange.csv_export import HEADER, render_csv
from companion_tui.core.exchange.document import EXPORT_WHAT, RENDERERS
from companion_tui.core.moods.checkins import CheckInDraft

TOKYO = timezone(timedelta(hours=9))


def test_round_trip_with_every_kind_of_awkward_text(workspace) -> None:
    workspace.moods.add(CheckInDraft(
        score=6, energy=2, emotions=("calm", "on edge"), tags=("walk", "mum's"),
        trigger='said "fine", meant no', response="wrote it down,\nthen slept", note="🌿 \u00e9t\u00e9 · 東京\r\nend",
        at=datetime(2026, 3, 14, 23, 30, tzinfo=TOKYO),
    ))
    workspace.moods.add(CheckInDraft(score=9, at=datetime(2026, 3, 1, 8, 0, tzinfo=UTC)))
    text = render_csv(workspace)
    assert text.startswith("at,score,energy,emotions,tags,trigger,response,note\r\n")
    assert RENDERERS["csv"](workspace) == text and EXPORT_WHAT["csv"] == ("moods",)
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert list(rows[0]) == list(HEADER)
    first, second = rows
    assert first == {"at": "2026-03-01T08:00:00+00:00", "score": "9", "energy": "", "emotions": "", "tags": "",
                     "trigger": "", "response": "", "note": ""}
    assert second["at"] == "2026-03-14T23:30:00+09:00"  # its own offset: still the 14th
    assert second["emotions"].split(";") == ["calm", "on edge"] and second["tags"].split(";") == ["walk", "mum's"]
    assert second["trigger"] == 'said "fine", meant no' and '"said ""fine"", meant no"' in text
    assert second["response"] == "wrote it down,\nthen slept"
    assert second["note"] == "🌿 été · 東京\r\nend"


def test_empty_vault_is_just_the_header(workspace) -> None:
    assert render_csv(workspace) == ",".join(HEADER) + "\r\n"
    with pytest.raises(ValueError):
        render_csv(workspace, "journal")
