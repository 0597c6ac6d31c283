"""Run the real CLI in a subprocess: `python -m companion_tui`, isolated data folder, no terminal."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    def one_line_error(self) -> str:
        """The failure message, checked to be one clean line: no traceback, exit status 1."""
        assert self.code == 1, (self.code, self.out, self.err)
        assert "Traceback" not in self.err
        lines = self.err.strip().splitlines()
        assert len(lines) == 1, self.err
        assert lines[0].startswith("companion: ")
        return lines[0]


@pytest.fixture
def cli(companion_home: Path):
    """cli(*args, input=None, **env) -> Result. Secret variables are passed only when given."""

    def run(*args: str, input: str | None = None, **env: str) -> Result:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
        environ.update({"COMPANION_HOME": str(companion_home), "PYTHONPATH": str(REPO), **env})
        proc = subprocess.run(
            [sys.executable, "-m", "companion_tui", *args],
            input=input if input is not None else "",
            capture_output=True,
            text=True,
            env=environ,
            cwd=companion_home.parent,
            timeout=60,
        )
        return Result(proc.returncode, proc.stdout, proc.stderr)

    return run


@pytest.fixture
def digest():
    """digest(path) -> sha256 hex of the file, to show a command changed nothing."""
    return lambda path: hashlib.sha256(Path(path).read_bytes()).hexdigest()
