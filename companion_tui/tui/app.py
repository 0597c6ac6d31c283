"""The Textual app: gate (create / unlock), panes as modes, auto-lock, get help now.

The panes come from ``panes.registry`` (or the ``panes`` given to the app): their keys, the
command palette, ``check_action`` and the ``?`` list are made from it, and the app talks to a
pane only through the ``Pane`` contract (``panes.base``). Forms keep unsaved work through
``draft_keeper`` on the app's ``autosave`` schedule.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import RenderableType
from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Static

from companion_tui.core.kernel.clock import Clock, system_now
from companion_tui.paths import Paths
from companion_tui.tui.autosave import TICK_SECONDS, Autosave
from companion_tui.tui.commands import Command, CompanionCommands
from companion_tui.tui.gate.base import GateScreen
from companion_tui.tui.panes.base import Pane
from companion_tui.tui.panes.registry import PANES, PaneEntry, PaneRegistry
from companion_tui.tui.startup_speed import StyleAhead, long_lived, records_arriving, records_gone
from companion_tui.tui.textual_internals import OwnCrashReport, build_mode, insert_bindings

if TYPE_CHECKING:
    from companion_tui.core.workspace import KdfParams, LockedVault, Workspace

IDLE_CHECK_SECONDS = 5.0

# Palette lines of the app's own, around the panes' (which come from the registry).
COMMANDS_BEFORE_PANES = [Command("Get help now", "Crisis lines and your safety options", "help_now", False)]
COMMANDS_AFTER_PANES = [
    Command("Keys", "Every key that works here", "keys", False),
    Command("Lock now", "Drop keys from memory and show the unlock screen", "lock", True),
    Command("Quit", "Save and close", "quit", False),
]


class Blank(Screen):
    """The base of the default mode, under the gate screens."""

    def compose(self):
        yield Static("")


class CompanionApp(StyleAhead, OwnCrashReport):
    TITLE = "companion"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {CompanionCommands}
    # The gate (create / unlock / problem screens) lives in its own mode; panes are added on unlock.
    MODES = {"gate": Blank}
    DEFAULT_MODE = "gate"
    # The app's own keys. Each pane's key (d, m, j, …) comes from the registry and goes after f1.
    BINDINGS = [
        Binding("f1", "help_now", "Get help now", priority=True, id="app.help_now"),
        Binding("question_mark", "keys", "Keys", id="app.keys"),
        Binding("ctrl+l", "lock", "Lock", id="app.lock"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit_anywhere"),
    ]
    PANE_KEYS_AFTER = "app.help_now"

    def __init__(
        self,
        paths: Paths,
        *,
        clock: Clock = system_now,
        idle_clock: Callable[[], float] = time.monotonic,
        kdf_params: KdfParams | None = None,
        panes: PaneRegistry | Iterable[PaneEntry] = PANES,
        autosave_every: float | None = TICK_SECONDS,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.clock = clock
        self.idle_clock = idle_clock
        self.kdf_params = kdf_params  # None: the vault's default
        self.panes = panes if isinstance(panes, PaneRegistry) else PaneRegistry(panes)
        self.autosave = Autosave(idle_clock, autosave_every)
        self.locked_vault: LockedVault | None = None  # once the file is open
        self.workspace: Workspace | None = None  # while unlocked
        self._pane_modes: set[str] = set()  # the panes' modes, added on unlock (the first one earlier)
        self._panes_built: dict[str, Pane] = {}  # pane name -> the pane, once its mode is built (until lock)
        self._last_activity = idle_clock()
        self._open_guard = threading.Lock()
        self._open_failed = False
        insert_bindings(self, self.panes.bindings(), after_id=self.PANE_KEYS_AFTER)

    @property
    def key_bindings(self) -> list[Binding]:
        """Every app-wide key, in the footer's order (the ``?`` list's "Everywhere")."""
        own: list[Binding] = []
        for binding in type(self).BINDINGS:
            own.append(binding if isinstance(binding, Binding) else Binding(*binding))
        at = next((i + 1 for i, b in enumerate(own) if b.id == self.PANE_KEYS_AFTER), len(own))
        return [*own[:at], *self.panes.bindings(), *own[at:]]

    def commands(self) -> list[Command]:
        """The command palette's lines."""
        return [*COMMANDS_BEFORE_PANES, *self.panes.commands(), *COMMANDS_AFTER_PANES]

    # -- startup --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_interval(IDLE_CHECK_SECONDS, self.check_auto_lock)
        if self.autosave.every is not None:
            self.set_interval(self.autosave.every, self.autosave.tick)
        self.theme_changed_signal.subscribe(self, self._remember_theme)
        if self.paths.vault.exists():
            from companion_tui.tui.gate.unlock import UnlockScreen

            self.push_screen(UnlockScreen())
            # After the first frame: opening imports SQLAlchemy, which should not delay the screen.
            self.call_after_refresh(self.open_vault)
        else:
            from companion_tui.tui.gate.create import CreateScreen

            self.push_screen(CreateScreen())

    @property
    def unlocked(self) -> bool:
        return self.workspace is not None

    @work(thread=True, group="open", exit_on_error=False)
    def open_vault(self) -> None:
        """Open the file and take the lock (no keys yet), off the UI thread; then, while the
        passphrase is typed, get the first pane ready."""
        if self._ensure_open() is None:
            return
        try:
            self.panes.first.load()  # its module is imported here rather than on the UI thread
        except Exception:  # noqa: BLE001 - only a head start: the pane is built as usual on unlock
            return
        self.call_later(self.prepare_first_pane)  # queued, not waited for (the app may be closing)

    def prepare_first_pane(self) -> None:
        """Build the first pane while the passphrase is typed, so that unlocking only fills it.

        It holds nothing until then (it reads the workspace when it is filled) and is dropped on
        lock with the other panes. Building it (compose, mount, styles: ≈ 50 ms) would otherwise
        come after the records have loaded, on the way to showing them.
        """
        first = self.panes.first
        if self.unlocked or first.name in self._pane_modes:
            return
        self._add_pane_mode(first)
        build_mode(self, first.name)

    def _add_pane_mode(self, entry: PaneEntry) -> None:
        def make() -> Screen:
            pane = entry.load()()
            self.style_ahead(pane)
            self._panes_built[entry.name] = pane
            self.call_after_refresh(self._built, pane)
            return pane

        self.add_mode(entry.name, make)
        self._pane_modes.add(entry.name)

    def _built(self, pane: Pane) -> None:
        """A pane was built while unlocked: once mounted, it is kept out of full collections."""
        if not self.unlocked or pane not in self._panes_built.values():
            return  # built while locked (frozen with the records at unlock), or locked since
        if pane.is_mounted:
            long_lived()
        else:
            self.call_after_refresh(self._built, pane)

    def _ensure_open(self) -> LockedVault | None:
        """The LockedVault, opening it first if needed (worker threads only). None after a fatal error."""
        from companion_tui.core.workspace import LockedVault

        with self._open_guard:
            if self.locked_vault is None and not self._open_failed:
                try:
                    self.locked_vault = LockedVault.open(self.paths)
                except Exception as exc:  # noqa: BLE001 - every failure here is shown, never raised
                    self._open_failed = True
                    self.call_from_thread(self._fatal, _message(exc))
            return self.locked_vault

    def _show_error(self, screen: Screen, exc: BaseException) -> None:
        """From a worker: the gate screen that asked says what went wrong."""
        if isinstance(screen, GateScreen):
            self.call_from_thread(screen.show_error, _message(exc))
        else:
            self.call_from_thread(self.notify, _message(exc), severity="error")

    @work(thread=True, exclusive=True, group="vault", exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        from companion_tui.tui.gate.unlock import UnlockScreen

        screen = self.screen
        vault = self._ensure_open()
        if vault is None:
            return
        try:
            with records_arriving():
                ws = vault.unlock(
                    passphrase,
                    # Noted, not drawn: the worker never waits for the screen (see UnlockScreen.report).
                    progress=screen.report if isinstance(screen, UnlockScreen) else None,
                    clock=self.clock,
                )
        except Exception as exc:  # noqa: BLE001 - shown (without content), never raised
            self._show_error(screen, exc)
            return
        self.call_from_thread(self._enter, ws)

    @work(thread=True, exclusive=True, group="vault", exit_on_error=False)
    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        """Open with the recovery key, then re-wrap the data key under a new passphrase."""
        screen = self.screen
        vault = self._ensure_open()
        if vault is None:
            return
        try:
            with records_arriving():
                ws = vault.unlock_with_recovery(recovery_key, clock=self.clock)
            ws.change_passphrase(new_passphrase)
        except Exception as exc:  # noqa: BLE001 - shown (without content), never raised
            self._show_error(screen, exc)
            return
        self.call_from_thread(self._enter, ws)
        self.call_from_thread(self.notify, "Your passphrase was changed. Your recovery key still works.")

    @work(thread=True, exclusive=True, group="vault", exit_on_error=False)
    def create_vault(self, passphrase: str) -> None:
        from companion_tui.core.workspace import LockedVault

        screen = self.screen
        try:
            if self.kdf_params is None:
                vault, ws, recovery = LockedVault.create(self.paths, passphrase, clock=self.clock)
            else:
                vault, ws, recovery = LockedVault.create(self.paths, passphrase, self.kdf_params, clock=self.clock)
        except Exception as exc:  # noqa: BLE001 - shown (without content), never raised
            self._show_error(screen, exc)
            return
        self.locked_vault = vault
        self.call_from_thread(self._show_recovery_key, ws, recovery)

    def _show_recovery_key(self, ws: Workspace, recovery: str) -> None:
        from companion_tui.tui.gate.recovery_key import RecoveryKeyScreen

        self.pop_screen()
        self.push_screen(RecoveryKeyScreen(recovery), lambda _: self._enter(ws))

    def _fatal(self, message: str) -> None:
        from companion_tui.tui.gate.problem import ProblemScreen

        self.switch_screen(ProblemScreen(message))

    def _enter(self, ws: Workspace) -> None:
        self.workspace = ws
        self._last_activity = self.idle_clock()
        self._apply_theme(ws.settings.value.theme)
        unlock_screen = self._gate_unlock_screen()
        if unlock_screen is not None:
            unlock_screen.unlocked()
        for entry in self.panes:
            if entry.name not in self._pane_modes:
                self._add_pane_mode(entry)
        first = self.panes.first.name
        prepared = self._panes_built.get(first)
        if prepared is not None and prepared.is_mounted:  # built while the passphrase was typed: fill it first
            prepared.refresh_data()  # (not mounted yet: it fills itself on resume)
        self.switch_mode(first)
        if ws.problems:
            names = ", ".join(str(p) for p in ws.problems[:5])
            more = f" and {len(ws.problems) - 5} more" if len(ws.problems) > 5 else ""
            one = len(ws.problems) == 1
            self.notify(
                f"{len(ws.problems)} record{'' if one else 's'} in the vault file {'was' if one else 'were'} damaged "
                f"or changed outside companion, so {'it was' if one else 'they were'} not opened and "
                f"{'is' if one else 'are'} left as {'it is' if one else 'they are'}: {names}{more}. "
                "The rest of your vault is fine.",
                title="Records not opened",
                severity="error",
                timeout=30,
            )
        for warning in ws.warnings:
            self.notify(warning, title="Something to know", severity="warning", timeout=15)
        if ws.drafts.all():
            self.notify("You have unsaved work from last time; it is waiting in its pane.", title="Drafts")

    def _gate_unlock_screen(self):
        """Clear the gate (the current mode) down to its unlock screen, which is kept; that screen,
        or None when there is none (after creating a vault) and the gate is down to its base."""
        from companion_tui.tui.gate.unlock import UnlockScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, UnlockScreen):
            self.pop_screen()
        return self.screen if isinstance(self.screen, UnlockScreen) else None

    def _apply_theme(self, theme: str) -> None:
        if theme == self.theme:
            return  # setting it again would restyle every widget for nothing
        try:
            self.theme = theme
        except Exception:  # noqa: BLE001 - an unknown saved theme must never stop the app from opening
            self.theme = "textual-dark"

    def _remember_theme(self, theme: Theme) -> None:
        """A theme picked in the palette is kept (encrypted, in settings) for next time."""
        ws = self.workspace
        if ws is None or ws.settings.value.theme == theme.name:
            return
        try:
            ws.settings.update(theme=theme.name)
        except Exception:  # noqa: BLE001 - a theme that can't be saved is not worth an error
            pass

    # -- no plaintext on disk -----------------------------------------------------------

    def get_system_commands(self, screen: Screen):
        """Textual's commands, minus "Screenshot": it writes the screen, in plaintext, to disk."""
        for command in super().get_system_commands(screen):
            if command.title != "Screenshot":
                yield command

    def deliver_screenshot(self, *args, **kwargs) -> None:
        self.notify("Screenshots are turned off: they would save your words unencrypted.", severity="warning")

    def action_screenshot(self, *args, **kwargs) -> None:
        self.deliver_screenshot()

    # -- panes and actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pane":
            return self.unlocked and bool(parameters) and parameters[0] in self.panes
        if action == "lock":
            return self.unlocked
        return True

    def action_pane(self, name: str, what: str = "") -> None:
        """Show a pane; with ``what``, ask it to do one of the things it offers (Pane.open_for)."""
        if not self.unlocked or name not in self.panes:
            return
        came_from = self.current_mode if self.current_mode not in (name, "gate") else ""
        self.switch_mode(name)
        pane = self._panes_built.get(name)
        if not what or pane is None:
            return
        if self.screen is pane:
            self.call_after_refresh(pane.open_for, what, came_from)
        else:  # something is open over the pane (an editor, a dialog)
            pane.asked_while_covered(what)

    def action_help_now(self) -> None:
        from companion_tui.tui.dialogs.help_now import HelpNowScreen

        if not isinstance(self.screen, HelpNowScreen):
            self.push_screen(HelpNowScreen())

    def action_keys(self) -> None:
        from companion_tui.tui.dialogs.keys import KeysScreen

        pane = self.screen if self.unlocked else None
        self.push_screen(KeysScreen(pane, self.key_bindings))

    async def action_quit(self) -> None:
        self.close_vault()
        self.exit()

    def close_vault(self) -> None:
        if self.workspace is not None:
            self._save_drafts()
            self.workspace.lock()
            self.workspace = None
        if self.locked_vault is not None:
            self.locked_vault.close()
            self.locked_vault = None

    def on_unmount(self) -> None:
        self.close_vault()

    # -- auto-lock -----------------------------------------------------------------------

    def on_event(self, event: events.Event):
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_activity = self.idle_clock()
        return super().on_event(event)

    def check_auto_lock(self) -> None:
        if self.workspace is None:
            return
        minutes = self.workspace.settings.value.auto_lock_minutes
        if self.idle_clock() - self._last_activity >= minutes * 60:
            self.action_lock()

    def _save_drafts(self) -> None:
        """Every open form keeps its unsaved content as an encrypted draft."""
        self.autosave.keep_all()

    def action_lock(self) -> None:
        ws = self.workspace
        if ws is None:
            return
        from companion_tui.tui.gate.unlock import UnlockScreen

        self._save_drafts()
        self.switch_mode("gate")
        for mode in self._pane_modes:
            self.remove_mode(mode)
        self._pane_modes.clear()
        self._panes_built.clear()
        self.autosave.forget_all()
        ws.lock()
        self.workspace = None
        records_gone(self)
        unlock_screen = self._gate_unlock_screen()
        if unlock_screen is not None:
            unlock_screen.reset()
        else:
            self.push_screen(UnlockScreen())
        self.notify("Locked. Your unsaved work was kept as an encrypted draft.", title="Locked")

    # -- crashes ------------------------------------------------------------------------------

    def crash_report(self, exc: BaseException | None) -> RenderableType:
        """Instead of Textual's crash report, which prints local variables (passphrases, entries):
        one that names only the error type and where it happened. Unsaved text is kept as an
        encrypted draft first, where that still works."""
        import traceback

        from rich.text import Text

        try:
            if self.workspace is not None:
                self._save_drafts()
        except Exception:  # noqa: BLE001 - best effort while crashing
            pass
        where = ""
        if exc is not None and exc.__traceback__ is not None:
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "companion_tui" in f.filename] or frames
            last = ours[-1]
            where = f" at {Path(last.filename).name}:{last.lineno}"
        return Text.assemble(
            ("companion stopped because of an unexpected error", "bold red"),
            f" ({type(exc).__name__ if exc else 'unknown'}{where}).\n",
            "Everything you had saved is safe; unsaved text was kept as an encrypted draft where possible.\n",
            "Details are not shown, to keep your data private.",
        )


def _message(exc: BaseException) -> str:
    """A message fit to show (core decides which errors are ours: tui -> core only)."""
    from companion_tui.core.kernel.failures import fit_to_show

    return fit_to_show(exc)


def run_tui(paths: Paths) -> int:
    CompanionApp(paths).run()
    return 0
