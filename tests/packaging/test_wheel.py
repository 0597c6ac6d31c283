"""Build the wheel, install it into a fresh venv, and run `companion --help` and `companion init` from there.

Dependencies are borrowed from the test environment through a .pth file (no network), but
companion_tui itself must come from the wheel: assets included.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    (whl,) = out.glob("companion_tui-*.whl")
    return whl


def test_wheel_contains_package_assets_and_migrations(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "companion_tui/assets/emotions.toml",
        "companion_tui/assets/tags.toml",
        "companion_tui/assets/crisis.toml",
        "companion_tui/store/migrations/env.py",
        "companion_tui/store/migrations/versions/0001_initial.py",
        "companion_tui/tui/app.tcss",
    ):
        assert required in names, required
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_runs_help_and_init(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    py = env_dir / "bin" / "python"
    subprocess.run([py, "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)], check=True)
    # Borrow third-party dependencies from this environment (not the editable companion_tui).
    target_site = subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()
    Path(target_site, "_borrowed_deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")

    companion = env_dir / "bin" / "companion"
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env.update(COMPANION_HOME=str(home), COMPANION_PASSPHRASE="correct horse battery staple")

    where = subprocess.run(
        [py, "-c", "import companion_tui, companion_tui.core.kernel.assets as a; print(companion_tui.__file__); print(a.assets_dir())"],
        check=True, capture_output=True, text=True, env=env, cwd=tmp_path,
    ).stdout
    assert str(env_dir) in where.splitlines()[0], where
    assert str(env_dir) in where.splitlines()[1], "assets did not come from the wheel"

    helped = subprocess.run([companion, "--help"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert helped.returncode == 0, helped.stderr
    for command in ("init", "mood", "export"):
        assert command in helped.stdout

    init = subprocess.run([companion, "init"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    assert (home / "vault.db").exists()
    assert "recovery key" in (init.stdout + init.stderr).lower()

    added = subprocess.run([companion, "mood", "add", "7", "--emotion", "calm"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    listed = subprocess.run([companion, "mood", "list"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert listed.returncode == 0 and "calm" in listed.stdout
