"""Fixtures for driving the real app with Pilot on a real vault in a temporary COMPANION_HOME."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion_tui.core.workspace import LockedVault
from companion_tui.paths import Paths
from companion_tui.tui.app import CompanionApp
from companion_tui.vault import FLOOR_PARAMS

PASSPHRASE = "correct horse battery"


class FakeClock:
    """A wall clock (aware datetime) and an idle clock (seconds) that tests move by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now
        self.seconds = 1000.0

    def __call__(self) -> datetime:
        return self.now

    def monotonic(self) -> float:
        return self.seconds

    def advance(self, seconds: float) -> None:
        from datetime import timedelta

        self.now = self.now + timedelta(seconds=seconds)
        self.seconds += seconds


@pytest.fixture
def paths(tmp_path, monkeypatch) -> Paths:
    home = tmp_path / "home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    return Paths(home)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 11, 25, 20, 30, tzinfo=UTC).astimezone())


@pytest.fixture
def vault_paths(paths) -> Paths:
    """A data folder holding an existing (empty) vault with PASSPHRASE."""
    vault, ws, _recovery = LockedVault.create(paths, PASSPHRASE, FLOOR_PARAMS)
    ws.close()
    return paths


@pytest.fixture
def make_app(clock):
    """The real app on the fake clock. Drafts are autosaved only when a test says so (``autosave``):
    the app's own ticking is off, so nothing depends on how fast this machine types."""

    def make(paths: Paths, **kwargs) -> CompanionApp:
        return CompanionApp(paths, clock=clock, idle_clock=clock.monotonic, kdf_params=FLOOR_PARAMS,
                            autosave_every=None, **kwargs)

    return make


def autosave(app: CompanionApp, clock: FakeClock, seconds: float = 60.0) -> None:
    """Let ``seconds`` pass on the idle clock, then run the app's autosave tick once: every form
    still for its delay by then writes its draft."""
    clock.advance(seconds)
    app.autosave.tick()


async def unlock(pilot, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the unlock screen and wait until the Today pane is up."""
    app = pilot.app
    await app.workers.wait_for_complete()
    await pilot.press(*passphrase, "enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.unlocked, "the vault did not unlock"


def screen_text(app) -> str:
    """Exactly what the terminal shows right now (all layers), as plain text."""
    import io

    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="truecolor", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return console.export_text()
