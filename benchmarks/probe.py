"""Measurements that need a fresh process. Run by ``benchmarks.run``, one subprocess each.

    python -m benchmarks.probe bare --fd N                 # a bare Textual app, signals on Ready
    python -m benchmarks.probe unlock-screen --fd N        # CompanionApp until the unlock screen is up
    python -m benchmarks.probe app-unlock --fd N --end D   # the real app: passphrase -> Today, RSS
    python -m benchmarks.probe core-unlock --fd N --end D  # core only: open + unlock + Today data, RSS

The vault is COMPANION_HOME and the passphrase COMPANION_PASSPHRASE (never on the
command line). Each probe writes one JSON object per line to file descriptor ``--fd``;
the parent notes its own wall-clock time as each line arrives, so start-up figures
include interpreter start-up identically for the app and the baseline. Headless only:
nothing is drawn on the terminal.
"""

from __future__ import annotations

import time

T0 = time.perf_counter()  # as early as we can: before any import below

import argparse  # noqa: E402
import asyncio  # noqa: E402
import faulthandler  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
from datetime import date, timedelta  # noqa: E402


class Signal:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def send(self, **data: object) -> None:
        data.setdefault("child_s", time.perf_counter() - T0)
        usage = resource.getrusage(resource.RUSAGE_SELF)
        data.setdefault("cpu_s", usage.ru_utime + usage.ru_stime)  # all threads, since exec
        os.write(self.fd, (json.dumps(data) + "\n").encode())


def memory_mb() -> dict[str, float]:
    """Current (VmRSS) and peak (VmHWM) resident memory of this process, in MiB."""
    out = {}
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                out[key] = int(rest.split()[0]) / 1024
    if not out:  # not Linux: ru_maxrss is KiB on Linux, bytes on macOS
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        out = {"VmRSS": float("nan"), "VmHWM": peak / (1024 * 1024 if os.uname().sysname == "Darwin" else 1024)}
    return {"rss_mb": out["VmRSS"], "peak_mb": out["VmHWM"]}


def fixed_clock(end: date):
    """The benchmark's "now": where the synthetic life ends (21:30 on its last day, local time)."""
    from benchmarks.life import end_moment

    now = end_moment(end)
    return lambda: now


# -- start-up ----------------------------------------------------------------------------------


def probe_bare(signal: Signal) -> None:
    from textual.app import App

    class Bare(App):
        def on_ready(self) -> None:
            signal.send(event="ready")
            self.exit()

    Bare().run(headless=True)


def probe_unlock_screen(signal: Signal) -> None:
    from pathlib import Path

    import companion_tui.tui.app as app_module
    from companion_tui.paths import Paths
    from companion_tui.tui.gate.unlock import UnlockScreen

    class Probe(app_module.CompanionApp):
        # A subclass resolves CSS_PATH next to its own file; point it back at the app's.
        CSS_PATH = str(Path(app_module.__file__).with_name("app.tcss"))
        _signalled = False

        def on_ready(self) -> None:
            self.set_interval(0.001, self._poll)
            self._poll()

        def _poll(self) -> None:
            if not self._signalled and isinstance(self.screen, UnlockScreen) and self.screen.is_mounted:
                self._signalled = True
                signal.send(event="ready")
            if self._signalled and self.locked_vault is not None:
                signal.send(event="opened")
                self.exit()

    Probe(Paths.default()).run(headless=True)


# -- unlock ------------------------------------------------------------------------------------


def probe_app_unlock(signal: Signal, end: date) -> None:
    """The real app in run_test: put the passphrase in the field, press enter, wait for Today.

    ``today_s``: enter pressed -> Today is the screen, its cards filled. Seen without polling (a
    poll loop on the UI thread steals the GIL from the unlock worker and slows what it measures):
    the app's mode-change signal (Textual delivers it with ``call_next``, once the app has handled
    what the switch queued) posts a ``call_later`` to the Today screen, which runs after what is
    already in that screen's queue (its Compose and Mount when it is new; in practice its first
    frame). The app builds Today while the passphrase is typed, from when the vault file is open
    (which this probe waits for), and fills its cards before switching to it. The key press runs
    as its own task because ``Pilot.press`` only returns once animations settle.
    """
    from textual.widgets import Input

    from companion_tui.paths import Paths
    from companion_tui.tui.app import CompanionApp
    from companion_tui.tui.panes.today import TodayScreen
    from companion_tui.vault import FLOOR_PARAMS

    secret = os.environ["COMPANION_PASSPHRASE"]

    async def stage(name: str, awaitable, timeout: float = 30.0):
        try:
            return await asyncio.wait_for(awaitable, timeout)
        except TimeoutError:
            raise TimeoutError(f"app-unlock probe stuck at: {name}") from None

    async def run() -> None:
        app = CompanionApp(Paths.default(), clock=fixed_clock(end), kdf_params=FLOOR_PARAMS)
        async with app.run_test(size=(120, 40)) as pilot:

            async def vault_open() -> None:
                while app.locked_vault is None:
                    await asyncio.sleep(0.005)

            await stage("waiting for the vault file to open", vault_open())
            await stage("settling at the unlock screen", pilot.pause())
            # Process CPU of a key derivation with this vault's parameters (all Argon2id lanes),
            # to subtract from the CPU the unlock uses.
            from companion_tui.vault.kdf import derive_key

            c0 = time.process_time()
            derive_key(secret, bytes(16), app.locked_vault.envelope.kdf)
            kdf_cpu = time.process_time() - c0
            gc.collect()
            before = memory_mb()
            mounted: asyncio.Future[float] = asyncio.get_running_loop().create_future()

            def on_mode(mode: str) -> None:
                screen = app.screen
                if mode == "today" and isinstance(screen, TodayScreen):
                    screen.call_later(lambda: mounted.done() or mounted.set_result(time.perf_counter()))

            app.mode_change_signal.subscribe(app, on_mode)
            app.screen.query_one("#passphrase", Input).value = secret
            c0 = time.process_time()
            t0 = time.perf_counter()
            press = asyncio.create_task(pilot.press("enter"))
            today = await stage("waiting for the Today screen", asyncio.shield(mounted))
            cpu = time.process_time() - c0
            await stage("finishing the key press", press)
            await stage("settling on Today", pilot.pause())
            gc.collect()
            after = memory_mb()
            ws = app.workspace
            signal.send(
                event="today",
                today_s=today - t0,
                unlock_cpu_s=cpu - kdf_cpu,
                kdf_s=ws.timings["kdf_s"],
                load_s=ws.timings["load_s"],
                records=len(ws.moods),
                rss_before_mb=before["rss_mb"],
                rss_mb=after["rss_mb"],
                peak_mb=after["peak_mb"],
            )
            await stage("quitting", pilot.press("ctrl+q"))

    asyncio.run(run())


def today_view(ws, today: date) -> tuple:
    """What the Today pane computes from the vault (mirrors tui/panes/today.py: refresh_data)."""
    from companion_tui.core.goals.weeks import week_grid
    from companion_tui.core.insights.trends import week_vs_last

    first_weekday = ws.settings.value.week_start
    todays = ws.moods.on_day(today)
    spark = ws.moods.daily_means(today - timedelta(days=13), today)
    week = ws.moods.days_checked_in_week(today, first_weekday)
    versus = week_vs_last(ws.moods.newest_first(), today, first_weekday).sentence()
    grid = week_grid(ws.goals, today, first_weekday, today)
    due = ws.reviews.due(ws.goals, first_weekday, today)
    return todays, spark, week, versus, grid, due


def probe_core_unlock(signal: Signal, end: date) -> None:
    from companion_tui.core.workspace import LockedVault
    from companion_tui.paths import Paths

    clock = fixed_clock(end)
    gc.collect()
    before = memory_mb()
    t0 = time.perf_counter()
    vault = LockedVault.open(Paths.default())
    ws = vault.unlock(os.environ["COMPANION_PASSPHRASE"], clock=clock)
    today_view(ws, clock().date())
    t1 = time.perf_counter()
    gc.collect()
    after = memory_mb()
    signal.send(
        event="today",
        total_s=t1 - t0,
        kdf_s=ws.timings["kdf_s"],
        records=len(ws.moods),
        rss_before_mb=before["rss_mb"],
        rss_mb=after["rss_mb"],
        peak_mb=after["peak_mb"],
    )
    ws.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.probe")
    parser.add_argument("mode", choices=["bare", "unlock-screen", "app-unlock", "core-unlock"])
    parser.add_argument("--fd", type=int, required=True)
    parser.add_argument("--end", type=date.fromisoformat)
    parser.add_argument("--timeout", type=float, default=120, help="dump every stack and exit after this")
    args = parser.parse_args(argv)
    faulthandler.dump_traceback_later(args.timeout, exit=True)
    signal = Signal(args.fd)
    if args.mode == "bare":
        probe_bare(signal)
    elif args.mode == "unlock-screen":
        probe_unlock_screen(signal)
    elif args.mode == "app-unlock":
        probe_app_unlock(signal, args.end)
    else:
        probe_core_unlock(signal, args.end)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
