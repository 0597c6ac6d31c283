"""Fixtures and switches for the reliability suite (crash, tamper, leak, disk trouble, state
machine, fuzz).

Everything runs against the real thing: real Argon2id (at FLOOR_PARAMS, the cheapest accepted
cost), real AES-GCM, real SQLite files on disk, real child processes killed with SIGKILL.
Nothing in the crypto or the database is mocked.

Large versions: ``COMPANION_LONG=1`` (works from anywhere), or ``--long`` when pytest is pointed
at this folder (``pytest tests/reliability --long``). pytest only accepts options from conftests
it loads at start-up, so ``pytest --long`` from the repository root is rejected: use the
environment variable there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion_tui.core.workspace import Workspace
from companion_tui.vault import FLOOR_PARAMS
from companion_tui.vault import envelope as envelope_mod

from . import support


def pytest_addoption(parser: pytest.Parser) -> None:
    try:
        parser.addoption(
            "--long",
            action="store_true",
            default=False,
            help="reliability suite: run the large versions (same as COMPANION_LONG=1)",
        )
    except ValueError:  # already registered elsewhere
        pass


def pytest_configure(config: pytest.Config) -> None:
    try:
        support.set_long_option(bool(config.getoption("--long")))
    except ValueError:
        support.set_long_option(False)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if not support.FIGURES:
        return
    mode = "long" if support.is_long() else "normal"
    terminalreporter.section(f"reliability figures ({mode} run)")
    for key in sorted(support.FIGURES):
        value = support.FIGURES[key]
        if isinstance(value, float):
            value = f"{value:.2f}"
        terminalreporter.write_line(f"{key:50} {value}")
    out = os.environ.get("COMPANION_RELIABILITY_REPORT")
    if out:
        payload = {"mode": mode, "figures": support.FIGURES}
        Path(out).write_text(json.dumps(payload, indent=2, sort_keys=True, default=str))


@pytest.fixture(autouse=True)
def _floor_rewrap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Passphrase changes re-wrap at max(current, DEFAULT_PARAMS); keep them at the floor for speed.

    The real Argon2id still runs (64 MiB, 3 iterations, 4 lanes): only the cost is lowered.
    """
    monkeypatch.setattr(envelope_mod, "DEFAULT_PARAMS", FLOOR_PARAMS)


@pytest.fixture
def made(tmp_path: Path) -> Iterator[tuple[support.MadeVault, Workspace]]:
    """A fresh vault (FLOOR_PARAMS) in tmp_path/home, unlocked."""
    mv, ws = support.create_vault(tmp_path / "home")
    yield mv, ws
    try:
        if not ws.locked:
            ws.close()
        else:
            ws.vault.close()
    except Exception:
        pass
