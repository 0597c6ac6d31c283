"""Nothing typed into the app is readable in any file under the data folder.

A distinct canary goes into every text field of a check-in (and its edit), a draft and a
setting. After save, edit, delete, a backup and close, no file under the data folder —
vault, -wal, -shm, lock, backups — holds any canary in UTF-8, UTF-16-LE or UTF-16-BE.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from companion_tui.core.exchange.document import render_json
from companion_tui.core.moods.checkins import CheckInDraft

WHEN = datetime(1999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=5)))


def canaries(label: str) -> dict[str, str]:
    return {field: f"zqxcanary{label}{field}" for field in ("emotion", "tag", "trigger", "response", "note")}


def draft_of(c: dict[str, str]) -> CheckInDraft:
    return CheckInDraft(score=7, emotions=(c["emotion"],), energy=2, trigger=c["trigger"], response=c["response"],
                        tags=(c["tag"],), note=c["note"], at=WHEN)


def found(folder: Path, needles: list[str]) -> dict[str, list[str]]:
    """{needle: [files holding it]} for every needle present in any encoding."""
    hits: dict[str, list[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        for needle in needles:
            if any(needle.encode(enc) in data for enc in ("utf-8", "utf-16-le", "utf-16-be")):
                hits.setdefault(needle, []).append(path.name)
    return hits


def test_no_canary_in_any_file_under_the_data_folder(vault, workspace, tmp_path) -> None:
    first, edited, removed = canaries("first"), canaries("edited"), canaries("removed")
    extra = {"draft": "zqxcanarydraftnote", "draft2": "zqxcanaryseconddraft", "theme": "zqxcanarytheme"}
    needles = [*first.values(), *edited.values(), *removed.values(), *extra.values(), WHEN.isoformat()[:16]]
    home = vault.paths.home
    ws = workspace

    kept = ws.moods.add(draft_of(first))
    gone = ws.moods.add(draft_of(removed))
    ws.drafts.save("mood-form", {"note": extra["draft"], "emotions": [first["emotion"]]})
    ws.drafts.save("mood-edit:x", {"note": extra["draft2"]})
    ws.settings.update(theme=extra["theme"])
    assert (home / "vault.db-wal").exists()  # the WAL is part of what is checked
    assert found(home, needles) == {}, "after save"

    ws.moods.update(kept.id, draft_of(edited))
    ws.drafts.discard("mood-edit:x")
    ws.vault.store.backup_to(vault.paths.backups / "manual.db")
    assert found(home, needles) == {}, "after edit and backup"

    ws.moods.delete(gone.id)
    assert found(home, needles) == {}, "after delete"

    plaintext = render_json(ws)
    ws.close()
    assert found(home, needles) == {}, "after close"
    assert (vault.paths.backups / "manual.db").exists()

    # Control: the same search does find the canaries where they are in plaintext.
    (tmp_path / "control").mkdir()
    (tmp_path / "control" / "export.json").write_text(plaintext, encoding="utf-16")
    visible = set(found(tmp_path / "control", needles))
    assert set(edited.values()) <= visible
    assert extra["theme"] in visible
    assert json.loads(plaintext)["checkins"][0]["note"] == edited["note"]
