"""Key press → the frame a person sees: the real app in a pseudo-terminal (``--only keys``).

The app runs as ``python -m companion_tui`` in a pty of 120×40 (``TERM=xterm-256color``,
COMPANION_HOME a fresh copy of the cached vault, no passphrase in the environment); the
passphrase is typed, Today comes up, a weekly review that asks for attention is put off with
escape. Then keys are written one at a time and the output is read through a terminal
emulator (``pyte``, see ``benchmarks/pty_term.py``): each sample is the time from writing the
key to the read after which the screen shows what that key should show (a pane's title in
the header *and* a text only the filled pane shows; the focus highlight on the next field; the
typed character in the field; …). After each sample the output is let settle (no bytes for
``QUIET`` s) before the next key, as a person reads before pressing on.

The bare baseline (``benchmarks/bare_app.py``: six modes, each a header, a dozen Statics, an
Input and a 200-row DataTable, ``switch_mode`` on a key) runs the same way in the same run,
its starts alternated with the app's. Figures are p95 (judged) with p50 alongside, over
≥ 20 presses per action (``4 × --repeat``), and first visits once per pane per app start over
``STARTS`` starts.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from benchmarks import ROOT
from benchmarks.pty_term import Screen, Term

COLS, ROWS = 120, 40
QUIET = 0.15  # seconds without output before the next key
TIMEOUT = 20.0  # longest wait for one key's frame (a first visit on a loaded machine)
UNLOCK_TIMEOUT = 90.0

CYCLE = ("mood", "journal", "goals", "skills", "insights", "today")  # m j g s i d
KEY = {"today": "d", "mood": "m", "journal": "j", "goals": "g", "skills": "s", "insights": "i"}
TITLE = {
    "today": "Today",
    "mood": "Mood",
    "journal": "Journal",
    "goals": "Goals",
    "skills": "Skills",
    "insights": "Insights",
}
_HISTORY_ROW = re.compile(r"\d\d:\d\d +\d+ ")


def header(screen: Screen) -> str:
    return screen.lines[0].replace("⭘", "").strip()


#: A text each pane shows only once it is filled with the vault's data (or its own layout).
FILLED: dict[str, Callable[[Screen], bool]] = {
    "today": lambda s: "This week's goals" in s and "Checked in on" in s,
    "mood": lambda s: "─ History ─" in s and any(_HISTORY_ROW.search(line[70:]) for line in s.lines),
    "journal": lambda s: " entries · enter read" in s,
    "goals": lambda s: "This week · " in s and "Strength" in s,
    "skills": lambda s: "1 Catalogue" in s and "Steps" in s,
    "insights": lambda s: "1 Summary" in s and "5 Better days" in s,
}


def pane_shown(pane: str) -> Callable[[Screen], bool]:
    title, filled = TITLE[pane], FILLED[pane]
    return lambda s: header(s) == title and filled(s)


def p95(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


@dataclass
class Samples:
    by_action: dict[str, list[float]] = field(default_factory=dict)

    def add(self, action: str, seconds: float) -> None:
        self.by_action.setdefault(action, []).append(seconds * 1000)

    def get(self, action: str) -> list[float]:
        return self.by_action.get(action, [])


class Driver:
    """One program in a pty, and the timed keys."""

    def __init__(self, term: Term, samples: Samples) -> None:
        self.term = term
        self.samples = samples

    def timed(self, action: str | None, key: str, check: Callable[[Screen], bool], what: str, timeout: float = TIMEOUT):
        t0 = self.term.send(key)
        t1 = self.term.wait_for(check, timeout, what)
        if action:
            self.samples.add(action, t1 - t0)
        self.term.settle(QUIET, 5.0)
        return t1 - t0

    def untimed(self, key: str, check: Callable[[Screen], bool], what: str, timeout: float = TIMEOUT) -> None:
        self.timed(None, key, check, what, timeout)


def child_env(home: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    if home is not None:
        env["COMPANION_HOME"] = str(home)
    return env


# -- the bare app --------------------------------------------------------------------------


def bare_run(samples: Samples, cycles: int) -> None:
    from benchmarks.bare_app import PANES

    def shown(pane: str) -> Callable[[Screen], bool]:
        _, title, text = PANES[pane]
        return lambda s: header(s) == title and text in s and f"{pane} row 20" in s

    with Term([sys.executable, "-m", "benchmarks.bare_app"], child_env(None), COLS, ROWS, cwd=ROOT) as term:
        d = Driver(term, samples)
        term.wait_for(shown("today"), UNLOCK_TIMEOUT, "the bare app's first pane")
        term.settle(0.5, 5.0)
        for pane in CYCLE[:-1]:
            d.timed("bare_first", KEY[pane], shown(pane), f"bare {pane}, first visit")
        d.timed("bare_switch", KEY["today"], shown("today"), "bare today")
        for _ in range(cycles):
            for pane in CYCLE:
                d.timed("bare_switch", KEY[pane], shown(pane), f"bare {pane}")


# -- the real app --------------------------------------------------------------------------

FORM_FIELDS = ("Mood", "Emotions", "Energy", "Before", "Response", "Tags", "Note", "When")
TAB_FIELDS = FORM_FIELDS[2:]  # Tab is timed between these (Emotions opens a picker over the form)


def form_row(screen: Screen, label: str) -> int | None:
    pattern = re.compile(rf"^\s?│\s+{label}\s")
    for y, line in enumerate(screen.lines[:30]):
        if pattern.match(line[:70]):
            return y
    return None


def form_text(screen: Screen, label: str) -> str:
    """What the form shows right of a field's label (left column only)."""
    y = form_row(screen, label)
    if y is None:
        return ""
    return screen.lines[y][:70].split(label, 1)[1].strip(" │")


class App:
    """The companion app in a pty, unlocked, with the checks its keys need."""

    def __init__(self, term: Term, samples: Samples, secret: str) -> None:
        self.term = term
        self.d = Driver(term, samples)
        self.secret = secret
        self.focus_bg: str | None = None

    def unlock(self) -> None:
        term = self.term
        term.wait_for("Unlock your vault", UNLOCK_TIMEOUT, "the unlock screen")
        term.settle(0.3, 5.0)
        for ch in self.secret:  # typed, one key at a time
            term.send(ch)
            time.sleep(0.01)
        term.send("enter")
        term.wait_for(lambda s: header(s) in ("Today", "Weekly review"), UNLOCK_TIMEOUT, "Today after unlock")
        term.settle(0.8, 10.0)  # a weekly review may be pushed over Today just after
        if header(term.screen) == "Weekly review":
            self.d.untimed("escape", pane_shown("today"), "Today after putting off the weekly review")
        term.wait_for(pane_shown("today"), TIMEOUT, "Today filled")
        term.settle(0.5, 10.0)

    # -- panes
    def visit(self, pane: str, action: str | None) -> None:
        self.d.timed(action, KEY[pane], pane_shown(pane), f"the {pane} pane")

    # -- the mood form: focus, Tab, echo, save
    def _bgs(self, y: int) -> set[str]:
        row = self.term._screen.buffer[y]
        return {row[x].bg for x in range(12, 68)}

    def focused_field(self, screen: Screen) -> str | None:
        for label in FORM_FIELDS:
            y = form_row(screen, label)
            if y is not None and self.focus_bg in self._bgs(y):
                return label
        return None

    def focus_energy(self) -> None:
        """From the Mood pane: `n` focuses the score; learn the focus colour from it; Tab to Energy."""
        term = self.term
        self.d.untimed("n", lambda s: "← Lower" in s.lines[-1], "the mood form's score field focused")
        term.settle(0.5, 5.0)
        mood, emotions = form_row(term.screen, "Mood"), form_row(term.screen, "Emotions")
        if mood is None or emotions is None:
            raise RuntimeError(f"no mood form on the screen:\n{term.screen.text()}")
        extra = self._bgs(mood) - self._bgs(emotions)
        if len(extra) != 1:
            raise RuntimeError(f"cannot tell the focused field's colour: {extra!r}\n{term.screen.text()}")
        self.focus_bg = extra.pop()
        self.d.untimed("tab", lambda s: self.focused_field(s) == "Emotions", "Emotions focused")
        self.d.untimed("tab", lambda s: self.focused_field(s) == "Energy", "Energy focused")

    def tabs(self, presses: int) -> None:
        self.focus_energy()
        at = 0  # index in TAB_FIELDS
        step = 1
        for _ in range(presses):
            if not 0 <= at + step < len(TAB_FIELDS):
                step = -step
            at += step
            target = TAB_FIELDS[at]
            key = "tab" if step > 0 else "shift+tab"
            self.d.timed("tab", key, lambda s, t=target: self.focused_field(s) == t, f"{target} focused")
        while at > 1:  # back to Before
            at -= 1
            self.d.untimed("shift+tab", lambda s, t=TAB_FIELDS[at]: self.focused_field(s) == t, "back")
        if at == 0:
            self.d.untimed("tab", lambda s: self.focused_field(s) == "Before", "Before focused")

    def echo(self, presses: int) -> None:
        """Type into Before (focused): each character must appear in the field."""

        before_text = lambda s: form_text(s, "Before")
        typed = 0
        for _ in range(presses):
            if typed >= 40:
                self.d.untimed("ctrl+u", lambda s: "x" not in before_text(s), "Before cleared")
                typed = 0
            typed += 1
            self.d.timed("echo", "x", lambda s, n=typed: before_text(s).startswith("x" * n), f"{typed} x in Before")
        self.d.untimed("ctrl+u", lambda s: "x" not in before_text(s), "Before cleared")
        self.d.untimed("escape", lambda s: "^s Save  esc Back" not in s.lines[-1], "the form left")

    def saves(self, presses: int) -> None:
        """`n`, a score, ctrl+s: timed from ctrl+s to the form cleared with 'Check-in saved' shown."""

        for i in range(presses):
            score = 1 + i % 9
            # Untimed set-up, retried: after a save the focus may still move (History, then the form).
            for attempt in range(4):
                self.term.settle(0.3, 5.0)
                try:
                    self.d.untimed("n", lambda s: self.focused_field(s) == "Mood", "the score field focused", 5.0)
                    self.term.settle(0.3, 5.0)
                    self.d.untimed(
                        str(score), lambda s, v=score: form_text(s, "Mood").startswith(f"{v}/10"), f"score {score}", 3.0
                    )
                    break
                except TimeoutError:
                    if attempt == 3:
                        raise
            self.d.timed(
                "save",
                "ctrl+s",
                lambda s: form_text(s, "Mood").startswith("–") and "Check-in saved" in s,
                "Check-in saved",
            )

    def open_checkins(self, presses: int) -> None:
        """History list focused (after a save, or escape from the form): enter opens a check-in, escape closes it."""
        term = self.term
        term.settle(0.3, 5.0)
        if "⏎ View" not in term.screen.lines[-1]:  # the save left the focus in the form: escape leaves it
            self.d.untimed("escape", lambda s: "⏎ View" in s.lines[-1], "the history list focused")
        opened = lambda s: "x delete · esc close" in s
        for i in range(presses):
            self.d.timed("open_checkin", "enter", opened, "a check-in opened")
            self.d.untimed("escape", lambda s: not opened(s) and "⏎ View" in s.lines[-1], "the check-in closed")
            if i % 3 == 2:
                self.d.untimed("down", lambda s: True, "next check-in")

    def trends(self, presses: int) -> None:
        shown = lambda s: header(s) == "Insights" and "daily mean" in s
        for _ in range(presses):
            self.d.timed("trends", "t", shown, "Trends")
            self.d.timed("trends_back", "escape", pane_shown("mood"), "back to Mood")

    def open_journal(self, presses: int) -> None:
        opened = lambda s: header(s).startswith("Journal — ") and "esc Back" in s.lines[-1]
        for i in range(presses):
            self.d.timed("open_journal", "enter", opened, "a journal entry opened")
            self.d.untimed("escape", pane_shown("journal"), "back to the journal list")
            if i % 2 == 1:
                self.d.untimed("down", lambda s: True, "next entry")

    def palette(self, presses: int) -> None:
        shown = lambda s: "Search for commands…" in s
        for _ in range(presses):
            self.d.timed("palette", "ctrl+p", shown, "the command palette")
            self.d.untimed("escape", lambda s: not shown(s), "the palette closed")

    def help_now(self, presses: int) -> None:
        shown = lambda s: "escape back" in s and any("Get help now" in line for line in s.lines[1:-1])
        for _ in range(presses):
            self.d.timed("help_now", "f1", shown, "Get help now")
            self.d.untimed("escape", lambda s: not shown(s), "Get help now closed")


def app_run(home: Path, secret: str, samples: Samples, cycles: int, presses: int) -> None:
    argv = [sys.executable, "-m", "companion_tui"]
    with Term(argv, child_env(home), COLS, ROWS, cwd=ROOT) as term:
        app = App(term, samples, secret)
        app.unlock()
        for pane in CYCLE[:-1]:  # the first visit of each pane after unlock
            app.visit(pane, "pane_first")
        app.visit("today", "pane_switch")
        for _ in range(cycles):
            for pane in CYCLE:
                app.visit(pane, "pane_switch")
        app.visit("mood", "pane_switch")
        app.tabs(presses)
        app.echo(presses)
        app.saves(presses)
        app.open_checkins(presses)
        app.trends(presses)
        app.visit("journal", "pane_switch")
        app.open_journal(presses)
        app.palette(presses)
        app.help_now(presses)


# -- the measure ---------------------------------------------------------------------------

#: figure → (action, target ms, what), in the table's order
FIGURES = (
    ("key_pane_switch_ms", "pane_switch", 50, "pane switch on a later visit (m j g s i d in turn)"),
    ("key_pane_first_ms", "pane_first", 150, "first visit of a pane after unlock (m j g s i)"),
    ("key_tab_ms", "tab", 30, "Tab / shift+Tab between the Mood form's fields (Energy … When): focus highlight moved"),
    ("key_echo_ms", "echo", 16, "a character typed into the Mood form's Before field shown in it"),
    ("key_palette_ms", "palette", 100, "ctrl+p: the command palette's input shown"),
    ("key_help_now_ms", "help_now", 100, "f1: the Get help now screen shown"),
    ("key_trends_ms", "trends", 100, "t on Mood: Insights' Over time chart shown"),
    (
        "key_trends_back_ms",
        "trends_back",
        100,
        "escape on Trends: the Mood pane back (includes Textual's 100 ms ESCDELAY for a lone escape)",
    ),
    ("key_open_entry_ms", "open_entry", 100, "enter on a History check-in or a Journal entry: it is shown"),
    ("key_save_ms", "save", 50, "ctrl+s on the Mood form: the form cleared and 'Check-in saved' shown"),
)


def measure_keys(b) -> list:
    from benchmarks.run import Figure, ProbeFailed, record_counts

    # ≥ 20 presses per action with the default --repeat 5; --repeat 1 is a smoke run (2 each).
    presses = 4 * b.repeat if b.repeat > 1 else 2
    starts = max(1, min(3, (b.repeat + 1) // 2))
    cycles = max(1, math.ceil(presses / 6 / starts))
    samples = Samples()
    old_interval = sys.getswitchinterval()
    sys.setswitchinterval(0.0005)  # the pty reader's stamps wait less for the GIL
    t_start = time.perf_counter()
    try:
        for k in range(starts):
            per_start = max(1, math.ceil(presses / starts))
            runs = (("bare", k), ("app", k)) if k % 2 == 0 else (("app", k), ("bare", k))
            for which, _ in runs:
                try:
                    if which == "bare":
                        bare_run(samples, cycles)
                    else:
                        home = b.copy(b.years, f"keys{k}")
                        app_run(home, b.secret, samples, cycles, per_start)
                except (TimeoutError, RuntimeError) as exc:
                    raise ProbeFailed(f"keys ({which}, start {k + 1}): {exc}") from exc
    finally:
        sys.setswitchinterval(old_interval)
    samples.by_action["open_entry"] = samples.get("open_checkin") + samples.get("open_journal")
    b.log(f"  keys: {starts} app starts, {time.perf_counter() - t_start:.0f} s")

    bare = samples.get("bare_switch")
    bare95, bare50 = p95(bare), statistics.median(bare)
    vault = f"{b.years:g}-year vault ({record_counts(b, b.years)})"
    out: list = []
    for name, action, target, what in FIGURES:
        got = samples.get(action)
        v95, v50 = p95(got), statistics.median(got)
        detail = (
            f"p95 of {len(got)}; p50 {v50:.1f} ms; p95 {v95 / bare95:.1f}× the bare app's pane switch. {what}; "
            f"real app in a 120×40 pty, {vault}"
        )
        out.append(Figure(name, v95, "ms", target, v95 <= target, detail, got))
    for name, action, _target, _what in FIGURES:
        got = samples.get(action)
        out.append(
            Figure(name.replace("_ms", "_p50_ms"), statistics.median(got), "ms", None, True, "p50 of the same", got)
        )
    ratios = [p95(samples.get(action)) / bare95 for _n, action, _t, _w in FIGURES]
    out.append(
        Figure(
            "key_pane_switch_ratio",
            ratios[0],
            "x",
            1.5,
            ratios[0] <= 1.5,
            f"p95 pane switch (later visit), app {p95(samples.get('pane_switch')):.0f} ms / bare Textual app "
            f"{bare95:.0f} ms, same run",
            [ratios[0]],
        )
    )
    for (name, _action, _t, _w), ratio in zip(FIGURES[1:], ratios[1:]):
        out.append(
            Figure(
                name.replace("_ms", "_ratio"), ratio, "x", None, True, "p95 ÷ the bare app's p95 pane switch", [ratio]
            )
        )
    first = samples.get("bare_first")
    out += [
        Figure("bare_pane_switch_ms", bare95, "ms", None, True,
               f"p95 of {len(bare)}; p50 {bare50:.1f} ms. Bare Textual app (benchmarks/bare_app.py) in the same "
               "pty, six modes, switch_mode on m j g s i d", bare),
        Figure("bare_pane_first_ms", p95(first), "ms", None, True,
               f"p95 of {len(first)}; p50 {statistics.median(first):.1f} ms: the bare app's first visit of a mode", first),
    ]  # fmt: skip
    for action in ("open_checkin", "open_journal"):
        got = samples.get(action)
        out.append(Figure(f"key_{action}_ms", p95(got), "ms", None, True,
                          f"p95 of {len(got)}; p50 {statistics.median(got):.1f} ms (part of key_open_entry_ms)", got))  # fmt: skip
    return out


# -- the table in RESULTS.md ---------------------------------------------------------------


def results_table(runs: list[tuple[str, dict]]) -> str:
    """Markdown: each judged key figure's p50 / p95 per run (label, JSON of ``run --out``), the ratio
    to the bare app, and the last run's p95 over the first's (the 25-year vs 10-year check)."""
    figs = [{f["name"]: f for f in data["figures"]} for _label, data in runs]
    head = ["figure", "target (p95)"]
    for label, _ in runs:
        head += [f"{label} p50", f"{label} p95", f"{label} ÷ bare"]
    if len(runs) > 1:
        head.append(f"{runs[-1][0]} ÷ {runs[0][0]}")
    lines = ["| " + " | ".join(head) + " |", "|---|--:|" + "--:|" * (len(head) - 2)]
    bare = [f["bare_pane_switch_ms"]["value"] for f in figs]
    for name, *_ in FIGURES:
        first = figs[0][name]
        cells = [f"`{name}`", f"≤ {first['target']:g} ms"]
        for f, b in zip(figs, bare):
            fig = f[name]
            p50 = f[name.replace("_ms", "_p50_ms")]["value"]
            mark = "" if fig["met"] else " ✗"
            cells += [f"{p50:.0f}", f"**{fig['value']:.0f}**{mark}", f"{fig['value'] / b:.1f}×"]
        if len(runs) > 1:
            cells.append(f"{figs[-1][name]['value'] / first['value']:.2f}×")
        lines.append("| " + " | ".join(cells) + " |")
    row = ["`key_pane_switch_ratio`", "≤ 1.5 ×"]
    for f in figs:
        row += ["", f"**{f['key_pane_switch_ratio']['value']:.2f}×**", ""]
    if len(runs) > 1:
        row.append("")
    lines.append("| " + " | ".join(row) + " |")
    for extra in ("bare_pane_switch_ms", "bare_pane_first_ms", "key_open_checkin_ms", "key_open_journal_ms"):
        row = [f"`{extra}`", "info"]
        for f in figs:
            fig = f[extra]
            p50 = statistics.median(fig["samples"])
            row += [f"{p50:.0f}", f"{fig['value']:.0f}", ""]
        if len(runs) > 1:
            row.append(f"{figs[-1][extra]['value'] / figs[0][extra]['value']:.2f}×")
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """``python -m benchmarks.bench_keys LABEL=results.json ...``: the Markdown table of RESULTS.md."""
    import json

    args = sys.argv[1:] if argv is None else argv
    runs = []
    for arg in args:
        label, _, path = arg.partition("=")
        runs.append((label, json.loads(Path(path).read_text())))
    if not runs:
        print(main.__doc__, file=sys.stderr)
        return 2
    print(results_table(runs))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
