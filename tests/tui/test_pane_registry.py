"""The pane registry makes the app's pane keys, palette lines, check_action and `?` list; the
Pane contract is all the app uses to talk to a pane; a pane registered by a test (not in
companion's list) gets the same, and its open hook runs."""

from __future__ import annotations

import re
from typing import ClassVar

import pytest
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Static

from companion_tui.tui.dialogs.keys import KeysScreen
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.panes.registry import PANES, Offer, PaneEntry, PaneRegistry

from .conftest import screen_text, unlock


def keys_text(app) -> str:
    assert isinstance(app.screen, KeysScreen)
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


class ToyPane(Pane):
    """A pane companion doesn't have: registered by this test only."""

    TITLE = "Toy"
    OPENS: ClassVar[frozenset[str]] = frozenset({"wave"})

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[tuple[str, str]] = []
        self.filled = 0

    def compose(self) -> ComposeResult:
        yield Static("A toy pane", id="toy")

    def open_for(self, what: str, came_from: str) -> None:
        self.opened.append((what, came_from))

    def refresh_data(self) -> None:
        self.filled += 1


TOY = PaneEntry("toy", "Toy", "z", ToyPane, "Go to the toy pane", (Offer("Wave at the toy", "A toy's offer", "wave"),))


# -- the registry ------------------------------------------------------------------------------------


def test_every_offer_is_one_its_pane_opens():
    for entry in PANES:
        pane = entry.load()
        assert issubclass(pane, Pane)
        offered = {offer.what for offer in entry.offers}
        assert offered <= pane.OPENS, f"{entry.name} offers {offered - pane.OPENS} it does not open"


def test_a_registry_refuses_two_panes_on_one_key():
    with pytest.raises(ValueError, match="share a key"):
        PaneRegistry([*PANES, PaneEntry("other", "Other", "d", ToyPane, "Twice d")])


async def test_every_pane_has_a_key_a_palette_line_and_a_line_in_keys(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 50)) as pilot:
        await unlock(pilot)
        commands = {c.title: c for c in app.commands()}
        app.action_keys()
        await pilot.pause()
        keys = keys_text(app)
        await pilot.press("escape")
        for entry in PANES:
            # A key, in the app's bindings (what the footer and `?` show) and working.
            [binding] = [b for b in app.key_bindings if b.id == f"app.{entry.name}"]
            assert (binding.key, binding.action, binding.description) == (entry.key, entry.action(), entry.title)
            assert app.check_action("pane", (entry.name,))
            await pilot.press(entry.key)
            await pilot.pause()
            assert app.current_mode == entry.name
            # A palette line for the pane and one for each thing it offers.
            assert commands[entry.title].action == f"pane({entry.name!r})"
            for offer in entry.offers:
                assert commands[offer.title].action == f"pane({entry.name!r}, {offer.what!r})"
                assert commands[offer.title].needs_unlock
            # A line in `?`.
            assert re.search(rf"\b{entry.key}\s+{entry.title}\b", keys), f"{entry.title} is not in the ? list"
        # The footer keeps f1 first, then the panes in the registry's order.
        order = [b.id for b in app.key_bindings]
        assert order[: len(PANES) + 1] == ["app.help_now", *(f"app.{e.name}" for e in PANES)]


async def test_panes_and_lock_need_the_vault_open(vault_paths, make_app):
    app = make_app(vault_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        assert not app.check_action("pane", ("mood",))
        assert not app.check_action("lock", ())
        titles = {c.title for c in app.commands() if not c.needs_unlock}
        assert titles == {"Get help now", "Keys", "Quit"}
        await unlock(pilot)
        assert app.check_action("pane", ("mood",))
        assert not app.check_action("pane", ("no-such-pane",))


# -- a pane registered by a test --------------------------------------------------------------------


async def test_a_toy_pane_gets_a_key_a_palette_line_and_its_open_hook_runs(vault_paths, make_app):
    app = make_app(vault_paths, panes=[*PANES, TOY])
    async with app.run_test(size=(120, 40)) as pilot:
        await unlock(pilot)
        assert any(b.id == "app.toy" and b.key == "z" for b in app.key_bindings)
        # Its key shows it.
        await pilot.press("z")
        await pilot.pause()
        toy = app.screen
        assert isinstance(toy, ToyPane) and app.current_mode == "toy"
        assert toy.opened == []
        # `?` lists it.
        await pilot.press("question_mark")
        await pilot.pause()
        assert re.search(r"\bz\s+Toy\b", keys_text(app))
        await pilot.press("escape")
        # The palette finds its offer, and running it calls the pane's open hook.
        await pilot.press("d", "ctrl+p", *"wave")
        await pilot.pause(0.5)
        assert "Wave at the toy" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is toy and toy.opened == [("wave", "today")]
        # Asked while something is open over it: the hook is not called under the dialog.
        await pilot.press("question_mark")
        await pilot.pause()
        app.action_pane("toy", "wave")
        assert toy.opened == [("wave", "today")]
        # Dropped on lock with the other panes; built again (and unused until shown) after.
        app.action_lock()
        await pilot.pause()
        assert "toy" not in app._modes
        await unlock(pilot)
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ToyPane) and app.screen is not toy


async def test_the_first_pane_is_whatever_the_registry_lists_first(vault_paths, make_app):
    app = make_app(vault_paths, panes=[TOY, *PANES])
    async with app.run_test(size=(120, 40)) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("x")  # typing the passphrase builds the first pane, empty
        await pilot.pause()
        built = app._panes_built.get("toy")
        assert isinstance(built, ToyPane) and built.filled == 0
        await pilot.press("backspace")
        await unlock(pilot)
        assert app.screen is built and built.filled == 1  # filled once, just before it is shown


# -- the draft keeper, on time the test controls ------------------------------------------------------


class NotePane(Pane):
    """One field kept as the draft "toy-note": autosaved after 2 s still, or 5 s into non-stop typing."""

    TITLE = "Note"

    def __init__(self) -> None:
        super().__init__()
        from companion_tui.tui.draft_keeper import DraftKeeper

        self.drafts = DraftKeeper(self, "toy-note", state=lambda: {"note": self.query_one(Input).value},
                                  idle=2.0, at_most=5.0)

    def compose(self) -> ComposeResult:
        yield Input(id="note")

    def on_mount(self) -> None:
        self.drafts.start()
        self.drafts.mark_clean()
        self.drafts.restore_now(lambda data: setattr(self.query_one(Input), "value", data["note"]))
        self.query_one(Input).focus()

    def on_unmount(self) -> None:
        self.drafts.stop()

    @on(Input.Changed)
    def _changed(self) -> None:
        self.drafts.changed()


NOTE = PaneEntry("note", "Note", "z", NotePane, "A note")


async def test_the_draft_keeper_writes_when_the_test_moves_the_clock(vault_paths, make_app, clock):
    app = make_app(vault_paths, panes=[*PANES, NOTE])
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await unlock(pilot)
        await pilot.press("z")
        await pilot.pause()
        await pilot.press(*"hi")
        await pilot.pause()
        drafts = app.workspace.drafts
        pane = app.screen
        assert isinstance(pane, NotePane) and pane.drafts.pending
        await pilot.pause(0.5)  # real time passing writes nothing: only the app's clock counts
        app.autosave.tick()
        assert drafts.get("toy-note") is None
        clock.advance(1.9)
        app.autosave.tick()
        assert drafts.get("toy-note") is None, "written before 2 s without a change"
        clock.advance(0.1)
        app.autosave.tick()
        assert drafts.get("toy-note").data == {"note": "hi"}
        # Typing on without a pause: written at the latest 5 s after the first unsaved change.
        for ch in " there":
            await pilot.press("space" if ch == " " else ch)
            clock.advance(1)
            app.autosave.tick()
        assert drafts.get("toy-note").data == {"note": "hi ther"}  # "e" came 1 s ago
        clock.advance(2)
        app.autosave.tick()
        assert drafts.get("toy-note").data == {"note": "hi there"}
        # Locking keeps what is typed since, and it is back after unlocking.
        await pilot.press("!")
        app.action_lock()
        await pilot.pause()
        await unlock(pilot)
        assert app.workspace.drafts.get("toy-note").data == {"note": "hi there!"}
        await pilot.press("z")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "hi there!"
        assert "Draft restored" in screen_text(app)
        # Cleared again: its own draft goes on the next autosave.
        app.screen.query_one(Input).value = ""
        await pilot.pause()
        clock.advance(2)
        app.autosave.tick()
        assert app.workspace.drafts.get("toy-note") is None
