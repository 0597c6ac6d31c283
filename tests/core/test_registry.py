"""The record-type registry: the workspace's parts, the tables a vault has, and a locked workspace."""

from __future__ import annotations

import pytest

from companion_tui.core.kernel.errors import VaultLocked
from companion_tui.core.kernel.parts import Part, parts_of, record_types
from companion_tui.core.kernel.records import decode, encode
from companion_tui.core.kernel.registry import RecordType
from companion_tui.core.workspace import PARTS, Workspace, record_tables
from companion_tui.paths import Paths
from companion_tui.store.database import Store, StoreError
from companion_tui.vault import TamperedRecord


def test_migrations_create_exactly_the_tables_of_the_registry(tmp_path) -> None:
    """A new record type without a migration (or a migration without a record type) fails here."""
    paths = Paths(tmp_path / "home")
    paths.ensure_home()
    store = Store.open(paths.vault, create=True, lock_path=paths.lock)
    try:
        assert store.tables() == record_tables()
    finally:
        store.close()


def test_the_workspace_class_body_is_the_registry_in_build_order() -> None:
    assert parts_of(Workspace) == PARTS
    names = [p.name for p in PARTS]
    # The parts a build reads come before it (a new record type adds a line; it changes none of these).
    for before, after in (("settings", "moods"), ("prompts", "journal"), ("skills", "practices"),
                          ("practices", "goals"), ("goals", "reviews")):
        assert names.index(before) < names.index(after), (before, after)
    assert {"settings", "drafts", "moods", "prompts", "journal", "skills", "practices", "goals", "reviews"} <= set(names)
    assert isinstance(Workspace.goals, Part)
    assert [t.table for t in Workspace.goals.types] == ["goals", "ticks"]
    tables = [t.table for t in record_types(PARTS)]
    assert len(tables) == len(set(tables)), "two record types share a table"
    exchanged = [p.exchange for p in PARTS if p.exchange]
    assert [e for e in exchanged if e in {"moods", "journal", "skills", "goals"}] == ["moods", "journal", "skills", "goals"]


def test_a_part_after_lock_raises_a_clear_error(workspace) -> None:
    assert len(workspace.moods) == 0 and not workspace.locked
    workspace.lock()

    assert workspace.locked and workspace.data_key == b""
    for part in PARTS:
        with pytest.raises(VaultLocked, match=r"^The vault is locked: unlock it again"):
            getattr(workspace, part.name)
    with pytest.raises(VaultLocked):
        workspace.records


def test_a_part_cannot_be_replaced(workspace) -> None:
    with pytest.raises(AttributeError, match="built at unlock"):
        workspace.moods = None


def test_a_record_type_is_frozen_and_hashable_and_its_upgraders_run_in_order() -> None:
    def v1_to_v2(p: dict) -> dict:
        rest = {k: v for k, v in p.items() if k != "title"}
        return {**rest, "v": 2, "name": p["title"]}

    kind = RecordType("notes", "note", 3, {1: v1_to_v2, 2: lambda p: {**p, "v": 3, "tags": []}})
    assert {kind: "loaded"}[RecordType("notes", "note", 3)] == "loaded"
    with pytest.raises(TypeError):
        kind.upgraders[2] = v1_to_v2  # type: ignore[index]  # read-only on purpose

    assert decode(kind, "x", encode({"v": 1, "title": "a"})) == {"v": 3, "name": "a", "tags": []}
    with pytest.raises(TamperedRecord, match="payload version 0 with no upgrader"):
        decode(kind, "x", encode({"v": 0}))
    with pytest.raises(TamperedRecord, match="newer version of companion"):
        decode(kind, "x", encode({"v": 4}))


def test_the_store_takes_any_record_table_and_names_a_missing_one(workspace) -> None:
    store = workspace.vault.store
    assert store.count("checkins") == 0
    with pytest.raises(StoreError, match="has no 'notes' table"):
        store.rows("notes")
    with pytest.raises(StoreError, match="has no 'notes' table"):
        store.count("notes")
    with pytest.raises(StoreError, match="not a record table name"):
        store.rows("checkins; DROP TABLE meta")
    with pytest.raises(StoreError, match="not a record table name"):
        store.rows("meta")
