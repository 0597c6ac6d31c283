"""Synthetic multi-year vaults and the benchmark that holds companion_tui to its targets.

    python -m benchmarks.generate --years 10 --out DIR     # a real vault that looks like a life
    python -m benchmarks.run                               # the figures, against their targets

Everything here goes through the project's own API (``LockedVault``, ``Workspace``,
``MoodLog``), never raw SQL, so a generated vault is exactly what the app would write.
See ``docs/benchmarks.md`` for the details and ``benchmarks/RESULTS.md`` for the figures.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

#: The seed used when none is given. Same seed, same years, same end date -> same records.
DEFAULT_SEED = 1
#: The last day of a generated life (inclusive), unless ``--end`` says otherwise.
DEFAULT_END = date(2026, 11, 1)
#: Passphrase of generated vaults when COMPANION_PASSPHRASE is not set. Synthetic data only.
DEFAULT_PASSPHRASE = "synthetic benchmark vault"
#: Where the benchmark caches its generated vaults (gitignored).
OUT_DIR = Path(__file__).resolve().parent / "out"
ROOT = Path(__file__).resolve().parents[1]


def passphrase() -> str:
    """COMPANION_PASSPHRASE if set (and non-empty), else the documented default."""
    return os.environ.get("COMPANION_PASSPHRASE") or DEFAULT_PASSPHRASE


def passphrase_source() -> str:
    return "COMPANION_PASSPHRASE" if os.environ.get("COMPANION_PASSPHRASE") else "default"
