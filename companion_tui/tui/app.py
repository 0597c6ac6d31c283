"""The Textual app: gate (create / unlock), panes as modes, auto-lock, get help now."""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Callable
from pathlib import Path

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from companion_tui.core.kernel.clock import Clock, system_now
from companion_tui.paths import Paths
from companion_tui.tui.commands import CompanionCommands
from companion_tui.tui.startup_speed import StyleAhead, records_arriving, records_gone
from companion_tui.vault import DEFAULT_PARAMS, KdfParams

PANES = {
    "today": ("companion_tui.tui.panes.today", "TodayScreen"),
    "mood": ("companion_tui.tui.panes.mood", "MoodScreen"),
    "journal": ("companion_tui.tui.panes.journal", "JournalScreen"),
    "goals": ("companion_tui.tui.panes.goals", "GoalsScreen"),
    "skills": ("companion_tui.tui.panes.skills", "SkillsScreen"),
    "insights": ("companion_tui.tui.panes.insights", "InsightsScreen"),
}
FIRST_PANE = "today"  # shown on unlock
IDLE_CHECK_SECONDS = 5.0


def _pane_factory(app: CompanionApp, module: str, name: str) -> Callable[[], Screen]:
    def make() -> Screen:
        screen = getattr(importlib.import_module(module), name)()
        app.style_ahead(screen)
        return screen

    return make


class Blank(Screen):
    """The base of the default mode, under the gate screens."""

    def compose(self):
        yield Static("")


class CompanionApp(StyleAhead):
    TITLE = "companion"
    CSS_PATH = Path(__file__).with_name("app.tcss")
    COMMANDS = App.COMMANDS | {CompanionCommands}
    # The gate (create / unlock / problem screens) lives in its own mode; panes are added on unlock.
    MODES = {"gate": Blank}
    DEFAULT_MODE = "gate"
    BINDINGS = [
        Binding("f1", "help_now", "Get help now", priority=True, id="app.help_now"),
        Binding("d", "pane('today')", "Today", id="app.today"),
        Binding("m", "pane('mood')", "Mood", id="app.mood"),
        Binding("j", "pane('journal')", "Journal", id="app.journal"),
        Binding("g", "pane('goals')", "Goals", id="app.goals"),
        Binding("s", "pane('skills')", "Skills", id="app.skills"),
        Binding("i", "pane('insights')", "Insights", id="app.insights"),
        Binding("question_mark", "keys", "Keys", id="app.keys"),
        Binding("ctrl+l", "lock", "Lock", id="app.lock"),
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("ctrl+q", "quit", "Quit", priority=True, show=False, id="app.quit_anywhere"),
    ]

    def __init__(
        self,
        paths: Paths,
        *,
        clock: Clock = system_now,
        idle_clock: Callable[[], float] = time.monotonic,
        kdf_params: KdfParams = DEFAULT_PARAMS,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.clock = clock
        self.idle_clock = idle_clock
        self.kdf_params = kdf_params
        self.locked_vault = None  # core.workspace.LockedVault once the file is open
        self.workspace = None  # core.workspace.Workspace while unlocked
        self._last_activity = idle_clock()
        self._open_guard = threading.Lock()
        self._open_failed = False

    # -- startup --------------------------------------------------------------------

    def on_mount(self) -> None:
        self.set_interval(IDLE_CHECK_SECONDS, self.check_auto_lock)
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
            importlib.import_module(PANES[FIRST_PANE][0])  # here rather than on the UI thread
        except Exception:  # noqa: BLE001 - only a head start: the pane is built as usual on unlock
            return
        self.call_later(self.prepare_first_pane)  # queued, not waited for (the app may be closing)

    def prepare_first_pane(self) -> None:
        """Build the first pane while the passphrase is typed, so that unlocking only fills it.

        It holds nothing until then (its cards read ``app.workspace``) and is dropped on lock
        with the other panes. Building it (compose, mount, styles: ≈ 50 ms) would otherwise
        come after the records have loaded, on the way to showing them.
        """
        if self.unlocked or FIRST_PANE in self._modes:
            return
        module, name = PANES[FIRST_PANE]
        self.add_mode(FIRST_PANE, _pane_factory(self, module, name))
        self._init_mode(FIRST_PANE)  # what switch_mode does first for a new mode (Textual 8.2.8), without the switch

    def _ensure_open(self):
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

    @work(thread=True, exclusive=True, group="vault", exit_on_error=False)
    def unlock(self, passphrase: str) -> None:
        from companion_tui.vault import VaultError

        screen = self.screen
        if self._ensure_open() is None:
            return
        try:
            with records_arriving():
                ws = self.locked_vault.unlock(
                    passphrase,
                    # Noted, not drawn: the worker never waits for the screen (see UnlockScreen.report).
                    progress=getattr(screen, "report", None),
                    clock=self.clock,
                )
        except VaultError as exc:
            self.call_from_thread(screen.show_error, str(exc))  # type: ignore[attr-defined]
            return
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(screen.show_error, _message(exc))  # type: ignore[attr-defined]
            return
        self.call_from_thread(self._enter, ws)

    @work(thread=True, exclusive=True, group="vault", exit_on_error=False)
    def recover(self, recovery_key: str, new_passphrase: str) -> None:
        """Open with the recovery key, then re-wrap the data key under a new passphrase."""
        from companion_tui.vault import VaultError

        screen = self.screen
        if self._ensure_open() is None:
            return
        try:
            with records_arriving():
                ws = self.locked_vault.unlock_with_recovery(recovery_key, clock=self.clock)
            ws.change_passphrase(new_passphrase)
        except (VaultError, ValueError) as exc:
            self.call_from_thread(screen.show_error, str(exc))  # type: ignore[attr-defined]
            return
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(screen.show_error, _message(exc))  # type: ignore[attr-defined]
            return
        self.call_from_thread(self._enter, ws)
        self.call_from_thread(self.notify, "Your passphrase was changed. Your recovery key still works.")

    @work(thread=True, exclusive=True, group="vault", exit_on_error=False)
    def create_vault(self, passphrase: str) -> None:
        from companion_tui.core.workspace import LockedVault

        screen = self.screen
        try:
            vault, ws, recovery = LockedVault.create(self.paths, passphrase, self.kdf_params, clock=self.clock)
        except Exception as exc:  # noqa: BLE001
            self.call_from_thread(screen.show_error, _message(exc))  # type: ignore[attr-defined]
            return
        self.locked_vault = vault
        self.call_from_thread(self._show_recovery_key, ws, recovery)

    def _show_recovery_key(self, ws, recovery: str) -> None:
        from companion_tui.tui.gate.recovery_key import RecoveryKeyScreen

        self.pop_screen()
        self.push_screen(RecoveryKeyScreen(recovery), lambda _: self._enter(ws))

    def _fatal(self, message: str) -> None:
        from companion_tui.tui.gate.problem import ProblemScreen

        self.switch_screen(ProblemScreen(message))

    def _enter(self, ws) -> None:
        self.workspace = ws
        self._last_activity = self.idle_clock()
        self._apply_theme(ws.settings.value.theme)
        unlock_screen = self._gate_unlock_screen()
        if unlock_screen is not None:
            unlock_screen.unlocked()
        for mode, (module, name) in PANES.items():
            if mode not in self._modes:
                self.add_mode(mode, _pane_factory(self, module, name))
        prepared = self._screen_stacks.get(FIRST_PANE)
        if prepared and prepared[0].is_mounted:  # built while the passphrase was typed: fill it before showing it
            fill = getattr(prepared[0], "refresh_cards", None)  # (not mounted yet: it fills itself on resume)
            if fill is not None:
                fill()
        self.switch_mode(FIRST_PANE)
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

    def _remember_theme(self, theme) -> None:
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

    def deliver_screenshot(self, *args, **kwargs) -> None:  # type: ignore[override]
        self.notify("Screenshots are turned off: they would save your words unencrypted.", severity="warning")

    def action_screenshot(self, *args, **kwargs) -> None:  # type: ignore[override]
        self.deliver_screenshot()

    # -- panes and actions -------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"pane", "lock", "new_checkin", "goals", "skill", "journal", "insights"}:
            return self.unlocked
        return True

    def action_pane(self, mode: str) -> None:
        if self.unlocked and mode in self._modes:
            self.switch_mode(mode)

    def action_new_checkin(self) -> None:
        if not self.unlocked:
            return
        self.switch_mode("mood")
        start = getattr(self.screen, "start_new", None)
        if start is not None:
            self.call_after_refresh(start)

    def action_goals(self, what: str) -> None:
        """Open the Goals pane and run one of its actions ("add", "review")."""
        if not self.unlocked:
            return
        self.switch_mode("goals")
        action = getattr(self.screen, f"action_{what}", None)
        if action is not None:
            self.call_after_refresh(action)

    def action_skill(self, what: str) -> None:
        """Open the Skills pane and start something there ("log", "works", "breathing",
        "grounding", "thought_record", or a skill id)."""
        if not self.unlocked:
            return
        self.switch_mode("skills")
        start = getattr(self.screen, "start", None)
        if start is not None:
            self.call_after_refresh(start, what)

    def action_journal(self, what: str) -> None:
        """Open the Journal pane and run one of its actions ("write", "write_today", "search", "prompts")."""
        if not self.unlocked:
            return
        self.switch_mode("journal")
        run = getattr(self.screen, "run_from_elsewhere", None)
        if run is None:  # the editor is open: finish or leave that entry first
            self.notify("You are in the middle of an entry: ctrl+s saves it, escape leaves it.")
            return
        self.call_after_refresh(run, what)

    def action_insights(self, tab: str) -> None:
        """Open the Insights pane on a tab ("summary", "chart", "year", "patterns", "better");
        escape there comes back to the pane this was called from."""
        if not self.unlocked:
            return
        back = self.current_mode if self.current_mode not in ("insights", "gate") else ""
        self.switch_mode("insights")
        show = getattr(self.screen, "show_tab", None)
        if show is not None:
            self.call_after_refresh(show, tab, back)

    def action_help_now(self) -> None:
        from companion_tui.tui.dialogs.help_now import HelpNowScreen

        if not isinstance(self.screen, HelpNowScreen):
            self.push_screen(HelpNowScreen())

    def action_keys(self) -> None:
        from companion_tui.tui.dialogs.keys import KeysScreen

        pane = self.screen if self.unlocked else None
        self.push_screen(KeysScreen(pane))

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
        if not self.unlocked:
            return
        minutes = self.workspace.settings.value.auto_lock_minutes
        if self.idle_clock() - self._last_activity >= minutes * 60:
            self.action_lock()

    def _save_drafts(self) -> None:
        """Ask every open pane for unsaved content and keep it as an encrypted draft."""
        ws = self.workspace
        for stack in self._screen_stacks.values():
            for screen in stack:
                collect = getattr(screen, "collect_drafts", None)
                if collect is None:
                    continue
                for name, data in collect().items():
                    if data:
                        ws.drafts.save(name, data)

    def action_lock(self) -> None:
        if not self.unlocked:
            return
        from companion_tui.tui.gate.unlock import UnlockScreen

        self._save_drafts()
        self.switch_mode("gate")
        for mode in PANES:
            if mode in self._modes:
                self.remove_mode(mode)
        self.workspace.lock()
        self.workspace = None
        records_gone(self)
        unlock_screen = self._gate_unlock_screen()
        if unlock_screen is not None:
            unlock_screen.reset()
        else:
            self.push_screen(UnlockScreen())
        self.notify("Locked. Your unsaved work was kept as an encrypted draft.", title="Locked")


    # -- crashes ------------------------------------------------------------------------------

    def _fatal_error(self) -> None:
        """Replace Textual's crash report, which prints local variables (passphrases, entries),
        with one that names only the error type and where it happened. Unsaved text is kept
        as an encrypted draft first, where that still works."""
        import sys
        import traceback

        from rich.text import Text

        try:
            if self.workspace is not None:
                self._save_drafts()
        except Exception:  # noqa: BLE001 - best effort while crashing
            pass
        exc = sys.exc_info()[1] or self._exception
        where = ""
        if exc is not None and exc.__traceback__ is not None:
            frames = traceback.extract_tb(exc.__traceback__)
            ours = [f for f in frames if "companion_tui" in f.filename] or frames
            last = ours[-1]
            where = f" at {Path(last.filename).name}:{last.lineno}"
        message = Text.assemble(
            ("companion stopped because of an unexpected error", "bold red"),
            f" ({type(exc).__name__ if exc else 'unknown'}{where}).\n",
            "Everything you had saved is safe; unsaved text was kept as an encrypted draft where possible.\n",
            "Details are not shown, to keep your data private.",
        )
        self.bell()
        self._exit_renderables.append(message)
        self._close_messages_no_wait()


def _message(exc: BaseException) -> str:
    """A message fit to show: our own errors say what happened; anything else never shows content."""
    from companion_tui.paths import DataFolderError
    from companion_tui.store.database import StoreError
    from companion_tui.store.lock import VaultBusy
    from companion_tui.vault import VaultError

    if isinstance(exc, (VaultError, StoreError, VaultBusy, DataFolderError, ValueError)):
        return str(exc)
    if isinstance(exc, OSError):
        return f"The vault could not be opened: {exc.strerror}."
    return f"Something went wrong ({type(exc).__name__}). Nothing was changed."


def run_tui(paths: Paths) -> int:
    CompanionApp(paths).run()
    return 0
