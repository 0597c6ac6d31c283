"""No plaintext on disk: a distinct canary in every field of every record type, then a search for
each canary (UTF-8, UTF-16-LE/BE, hex, and base64 at all three byte alignments) in every file under
the data folder (vault, -wal, -shm, lock, backups), in a private TMPDIR given to this process and to
the crash child, and in every file created in the system temp folder during the test.

Phases: create, backup, edit, delete, lock, passphrase change, a crash (child SIGKILLed while
saving canary check-ins), reopening after the crash, and a backup of the recovered vault.
The passphrases and the recovery key are canaries too.
"""

from __future__ import annotations

import random
import secrets
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from companion_tui.core.moods.checkins import CheckInDraft
from companion_tui.core.workspace import LockedVault, Workspace
from companion_tui.paths import Paths
from companion_tui.vault import FLOOR_PARAMS

from .support import encodings_of, record, run_and_kill, scan_paths


class Canaries(dict):
    """label -> canary text. Lower-case letters and digits so it is also a valid emotion/tag word."""

    def new(self, label: str) -> str:
        c = "k" + secrets.token_hex(12)
        self[label] = c
        return c


def _checkin(c: Canaries, phase: str) -> CheckInDraft:
    return CheckInDraft(
        score=4,
        emotions=(c.new(f"{phase}.checkin.emotion"), c.new(f"{phase}.checkin.emotion2")),
        energy=2,
        trigger=c.new(f"{phase}.checkin.trigger"),
        response=c.new(f"{phase}.checkin.response"),
        tags=(c.new(f"{phase}.checkin.tag"),),
        note=f"before {c.new(f'{phase}.checkin.note')} after",
    )


def _write_everything(ws: Workspace, c: Canaries, phase: str) -> dict[str, str]:
    """One record of every type, every free-text field a canary. Returns ids to edit/delete later."""
    ids = {"checkin": ws.moods.add(_checkin(c, phase)).id}
    name = f"mood-edit:{c.new(f'{phase}.draft.name')}"
    ws.drafts.save(name, {c.new(f"{phase}.draft.key"): c.new(f"{phase}.draft.value"),
                          "nested": [c.new(f"{phase}.draft.nested")]})
    ids["draft"] = name
    ws.settings.update(theme=c.new(f"{phase}.settings.theme"))
    ids.update(_write_later_types(ws, c, phase))
    return ids


def _write_later_types(ws: Workspace, c: Canaries, phase: str) -> dict[str, str]:
    """Record types added by later issues (skills, practices, goals). Each new type adds a writer."""
    ids: dict[str, str] = {}
    writers: list[Callable[[], None]] = []
    if getattr(ws, "skills", None) is not None:
        from companion_tui.core.skills.catalogue import SkillDraft

        def skill() -> None:
            s = ws.skills.add(SkillDraft(name=c.new(f"{phase}.skill.name"), when=c.new(f"{phase}.skill.when"),
                                         steps=(c.new(f"{phase}.skill.step1"), c.new(f"{phase}.skill.step2"))))
            ids["skill"] = s.id
            if getattr(ws, "practices", None) is not None:
                from .skills_records import write_practices

                ids["practice"] = write_practices(ws, c.new, phase, s.id)  # every practice field

        writers.append(skill)
    if getattr(ws, "journal", None) is not None:
        from companion_tui.core.journal.entries import EntryDraft

        def journal() -> None:
            e = ws.journal.add(EntryDraft(title=c.new(f"{phase}.journal.title"),
                                          body=f"# {c.new(f'{phase}.journal.body')}\n\nmore {c.new(f'{phase}.journal.body2')}",
                                          tags=(c.new(f"{phase}.journal.tag"),), starred=True, therapy=True))
            ids["journal"] = e.id
            # What the editor autosaves while someone types (an encrypted draft of the entry).
            editing = EntryDraft(title=c.new(f"{phase}.journal.draft_title"), body=c.new(f"{phase}.journal.draft_body"),
                                 tags=(c.new(f"{phase}.journal.draft_tag"),))
            ws.drafts.save(f"journal:edit:{e.id}", {**editing.to_dict(), "entry_id": e.id})

        writers.append(journal)
    if getattr(ws, "prompts", None) is not None:

        def prompt() -> None:
            category = ws.prompts.all()[0].category
            ids["prompt"] = ws.prompts.add(category, f"{c.new(f'{phase}.prompt.text')}?").id
            ws.prompts.edit(ws.prompts.all()[0].id, f"{c.new(f'{phase}.prompt.edited')}?")  # a built-in, reworded

        writers.append(prompt)
    if getattr(ws, "goals", None) is not None:
        from companion_tui.core.goals.model import GoalDraft

        def goal() -> None:
            g = ws.goals.add(GoalDraft(title=c.new(f"{phase}.goal.title"), why=c.new(f"{phase}.goal.why")))
            ws.goals.tick(g.id)
            ids["goal"] = g.id

        writers.append(goal)
    if getattr(ws, "reviews", None) is not None and getattr(ws, "goals", None) is not None:
        from .goals_records import write_review

        writers.append(lambda: ids.update(review=write_review(ws, c.new, phase)))  # answers on the record
    for w in writers:
        w()
    return ids


@pytest.fixture
def temp_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """(a private TMPDIR for this process and its children, the system temp folder as it was)."""
    system_tmp = Path(tempfile.gettempdir())
    d = tmp_path / "private-tmp"
    d.mkdir(mode=0o700)
    monkeypatch.setenv("TMPDIR", str(d))
    monkeypatch.setenv("SQLITE_TMPDIR", str(d))
    monkeypatch.setattr(tempfile, "tempdir", None)  # recomputed from TMPDIR on next use
    assert Path(tempfile.gettempdir()) == d
    return d, system_tmp


def test_no_canary_on_disk_in_any_encoding(tmp_path: Path, temp_dirs: tuple[Path, Path]) -> None:
    private_tmp, system_tmp = temp_dirs
    started = time.time() - 1
    c = Canaries()
    pass1, pass2 = c.new("passphrase.first"), c.new("passphrase.second")
    home = tmp_path / "home"
    paths = Paths(home)
    vault, ws, recovery = LockedVault.create(paths, pass1, FLOOR_PARAMS)
    c["recovery-key"] = recovery
    c["recovery-key.compact"] = recovery.replace("-", "")

    scans: list[tuple[str, int, int]] = []

    def scan(phase: str) -> None:
        """Everything this test and its child own: the data folder and the private TMPDIR."""
        result = scan_paths([home, private_tmp, Path(tempfile.gettempdir())], c)
        assert not result.hits, f"after {phase}: plaintext found: {result.hits[:5]}"
        scans.append((phase, result.files, result.bytes))

    ids = _write_everything(ws, c, "create")
    scan("create")

    ws.vault.store.backup_to(paths.backups / "manual-1.db")
    scan("backup")

    ws.moods.update(ids["checkin"], _checkin(c, "edit"))
    ws.drafts.save(ids["draft"], {"text": c.new("edit.draft.value")})
    ws.settings.update(theme=c.new("edit.settings.theme"))
    more = _write_everything(ws, c, "edit-new")
    scan("edit")

    ws.moods.delete(ids["checkin"])
    ws.drafts.discard(ids["draft"])
    if "practice" in more:
        ws.practices.delete(more["practice"])
    if "goal" in more:
        ws.goals.delete(more["goal"])
    if "journal" in ids:
        ws.journal.update(ids["journal"], body=c.new("edit.journal.body"))
    if "journal" in more:
        ws.journal.delete(more["journal"])
    scan("delete")

    ws.lock()
    scan("lock")
    ws = vault.unlock(pass1)

    ws.change_passphrase(pass2)
    scan("passphrase change")
    ws.close()
    scan("close")

    # A crash mid-save: a fresh interpreter (inheriting the private TMPDIR) saving canary
    # check-ins, killed with SIGKILL; its -wal and -shm stay behind un-checkpointed.
    content = {"emotion": c.new("crash.emotion"), "tag": c.new("crash.tag"), "trigger": c.new("crash.trigger"),
               "response": c.new("crash.response"), "note": c.new("crash.note")}
    outdir = tmp_path / "child"
    outdir.mkdir()
    cfg = {"home": str(home), "mode": "leak", "seed": 1, "recovery": recovery, "content": content}
    outcome = run_and_kill(cfg, outdir, random.Random(5), max_delay=0.3)
    acked = [x["id"] for x in outcome.lines if x.get("ok") == "add"]
    assert acked, "the crash child saved nothing before the kill"
    left_behind = sorted(p.name for p in home.iterdir())
    assert "vault.db-wal" in left_behind, left_behind  # the kill left an un-checkpointed WAL to scan
    scan("crash")

    ws = LockedVault.open(paths).unlock(pass2)
    assert ws.problems == []
    present = {x.id for x in ws.moods.newest_first()}
    assert set(acked) <= present
    scan("reopen after crash")
    ws.vault.store.backup_to(paths.backups / "manual-2.db")
    ws.close()
    scan("backup after crash")

    # Finally the shared temp folders: every file created or changed there since the test began
    # (other processes' files too — they can't contain these random canaries; files over 64 MiB,
    # e.g. benchmark vaults being generated next to us, are skipped).
    shared = [system_tmp, Path("/var/tmp"), Path("/dev/shm"), tmp_path]
    wide = scan_paths([d for d in shared if d.exists()], c, newer_than=started, max_size=64 * 1024 * 1024)
    assert not wide.hits, f"plaintext found in a temp folder: {wide.hits[:5]}"
    scans.append(("shared temp folders", wide.files, wide.bytes))

    files = {p.name for p in home.rglob("*") if p.is_file()}
    assert "vault.db" in files and any(n.startswith("manual-") for n in files)
    record("leak.canaries", len(c))
    record("leak.patterns_per_canary", len(encodings_of("k" * 25)))
    record("leak.phases_scanned", len(scans) - 1)
    record("leak.shared_temp_files_scanned", wide.files)
    record("leak.files_scanned_total", sum(f for _, f, _ in scans))
    record("leak.bytes_scanned_total", sum(b for _, _, b in scans))
    record("leak.crash_child_saves_acknowledged", len(acked))
    record("leak.occurrences_found", 0)


def test_scanner_finds_planted_canaries(tmp_path: Path) -> None:
    """Positive control: the scanner does find a canary planted in each encoding, at any offset."""
    import base64

    c = Canaries()
    text = c.new("planted")
    raw = text.encode()
    plants = {
        "utf-8": raw,
        "utf-16-le": text.encode("utf-16-le"),
        "utf-16-be": text.encode("utf-16-be"),
        "hex": raw.hex().encode(),
        **{f"base64+{k}": base64.b64encode(b"x" * k + raw + b"tail") for k in range(3)},
        **{f"base64-after-{2 * k}-bytes": base64.b64encode(b"yz" * k + raw) for k in range(3)},
    }
    for name, blob in plants.items():
        f = tmp_path / name
        f.write_bytes(secrets.token_bytes(1000) + blob + secrets.token_bytes(77))
        result = scan_paths([tmp_path], {"planted": text})
        assert any(h[0] == str(f) for h in result.hits), f"{name} not found"
        f.unlink()
    assert scan_paths([tmp_path], {"planted": text}).hits == []
