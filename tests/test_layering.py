"""Imports point one way: tui -> core -> store/vault. Nothing below the TUI loads Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "companion_tui"

# layer -> top-level names its modules must never import
FORBIDDEN = {
    "core": ("textual", "companion_tui.tui"),
    "store": ("textual", "companion_tui.tui", "companion_tui.core", "cryptography"),
    "vault": ("textual", "companion_tui.tui", "companion_tui.core", "companion_tui.store", "sqlalchemy", "alembic"),
}


def test_core_store_vault_and_cli_do_not_load_textual() -> None:
    code = (
        "import sys, pkgutil, importlib, companion_tui.core\n"
        "import companion_tui.core.workspace, companion_tui.cli.main, companion_tui.store.database, companion_tui.vault\n"
        "for m in pkgutil.walk_packages(companion_tui.core.__path__, 'companion_tui.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "assert 'companion_tui.core.moods.checkins' in sys.modules\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'textual' or m.startswith('companion_tui.tui'))\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=PACKAGE.parent)

    assert proc.returncode == 0, proc.stderr


def imported_names(source: str, package: str) -> set[str]:
    """Absolute names of everything ``source`` (a module in ``package``) imports, at any depth."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            target = ".".join(part for part in (base, node.module) if part)
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
    return names


def package_of(path: Path) -> str:
    return ".".join(path.parent.relative_to(PACKAGE.parent).parts)


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_lower_layers_never_import_upward(layer: str) -> None:
    files = sorted((PACKAGE / layer).rglob("*.py"))
    assert files, f"no modules found in {layer}/"
    offenders = {
        f"{path.relative_to(PACKAGE)}: {name}"
        for path in files
        for name in imported_names(path.read_text(encoding="utf-8"), package_of(path))
        for banned in FORBIDDEN[layer]
        if name == banned or name.startswith(banned + ".")
    }

    assert not offenders, sorted(offenders)


def test_the_checker_sees_every_kind_of_import() -> None:
    source = (
        "import textual.app\n"
        "from companion_tui.tui import app\n"
        "def later():\n    from ..tui.widgets import x\n"
        "from . import sibling\n"
    )

    names = imported_names(source, "companion_tui.core")

    assert {"textual.app", "companion_tui.tui.app", "companion_tui.tui.widgets.x", "companion_tui.core.sibling"} <= names
    assert package_of(PACKAGE / "store" / "migrations" / "env.py") == "companion_tui.store.migrations"


def test_cli_process_disables_core_dumps_and_sets_private_umask():
    import subprocess
    import sys

    code = (
        "import os, resource; from companion_tui.cli import support; support.harden_process(); "
        "print(resource.getrlimit(resource.RLIMIT_CORE)[0], oct(os.umask(0)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "0o77"]
