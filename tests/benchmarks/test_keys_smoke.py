"""The key → frame measure runs end to end: the real app and the bare app in a pseudo-terminal.

A quarter-year vault and two presses per action: this checks that every figure is produced and
positive (so the screens the measure waits for still exist), never how fast anything is.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("pyte", reason="the keys measure reads the screen through pyte (the bench/test extra)")

ROOT = Path(__file__).resolve().parents[2]

NAMES = (
    "key_pane_switch_ms",
    "key_pane_first_ms",
    "key_tab_ms",
    "key_echo_ms",
    "key_palette_ms",
    "key_help_now_ms",
    "key_open_entry_ms",
    "bare_pane_switch_ms",
    "key_pane_switch_ratio",
    "key_trends_ms",
    "key_save_ms",
)


def test_keys_measure_reports_every_figure(tmp_path):
    results = tmp_path / "results.json"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env["COMPANION_PASSPHRASE"] = "keys smoke passphrase"  # the generated vault's, typed into the app
    done = subprocess.run(
        [
            sys.executable, "-m", "benchmarks.run", "--only", "keys",
            "--years", "0.25", "--repeat", "1", "--warmup", "0",
            "--cache", str(tmp_path / "cache"), "--out", str(results),
        ],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, f"{done.stdout[-3000:]}\n{done.stderr[-6000:]}"
    figures = {f["name"]: f for f in json.loads(results.read_text())["figures"]}
    missing = [n for n in NAMES if n not in figures]
    assert not missing, f"missing figures: {missing}"
    for name in NAMES:
        f = figures[name]
        assert isinstance(f["value"], (int, float)) and math.isfinite(f["value"]) and f["value"] > 0, (name, f)
        assert f["samples"] and all(s > 0 for s in f["samples"]), (name, f["samples"])
        assert f["met"] == (f["target"] is None or f["value"] <= f["target"]), name
    for name in ("key_pane_switch_ms", "key_tab_ms", "key_echo_ms", "key_save_ms"):
        assert len(figures[name]["samples"]) >= 2, name
    assert figures["key_pane_switch_ratio"]["target"] == 1.5
    assert figures["key_pane_switch_ms"]["target"] == 50 and figures["key_echo_ms"]["target"] == 16
