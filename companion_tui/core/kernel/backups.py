"""Automatic rotating backups and restore.

Backups are copies made with SQLite's online backup API, so they are exactly as encrypted
as the vault. One is made on the first unlock of each day (kept: the last ``KEEP``), and
before every migration (by the store) and every restore.
"""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from companion_tui.store.database import Store, StoreError

KEEP = 7
PREFIX = "auto-"


def auto_backups(folder: Path) -> list[Path]:
    """Automatic backups, newest first."""
    if not folder.exists():
        return []
    files = [p for p in folder.glob(f"{PREFIX}*.db") if p.is_file()]
    return sorted(files, key=lambda p: p.stat().st_mtime, reverse=True)


def daily_backup(store: Store, folder: Path, today: date, keep: int = KEEP) -> Path | None:
    """Back up once per local day; rotate so at most ``keep`` automatic backups remain.

    File names carry no dates (a counter only): the file times already tell as much.
    """
    existing = auto_backups(folder)
    if existing and datetime.fromtimestamp(existing[0].stat().st_mtime).date() >= today:
        return None
    numbers = [int(p.stem[len(PREFIX):]) for p in existing if p.stem[len(PREFIX):].isdigit()]
    dest = folder / f"{PREFIX}{(max(numbers) + 1) if numbers else 1}.db"
    store.backup_to(dest)
    for old in auto_backups(folder)[keep:]:
        old.unlink(missing_ok=True)
    return dest


def restore(store: Store, source: Path) -> Path:
    """Replace the vault's content with ``source`` (a backup of this vault). Returns the safety copy.

    The current vault is first backed up to ``backups/before-restore.db``; the copy goes in
    through SQLite's backup API on the open, locked connection, so it is one atomic step.
    """
    import sqlite3

    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            ok = src.execute("PRAGMA integrity_check").fetchone()[0]
            has_meta = src.execute("SELECT count(*) FROM sqlite_master WHERE name='meta'").fetchone()[0]
        finally:
            src.close()
    except sqlite3.DatabaseError:
        raise StoreError(f"{source} is not a companion vault backup.") from None
    if ok != "ok" or not has_meta:
        raise StoreError(f"{source} is damaged or not a companion vault backup; nothing was changed.")
    safety = store.path.parent / "backups" / "before-restore.db"
    store.backup_to(safety)
    store.restore_from(source)
    os.chmod(store.path, 0o600)
    return safety
