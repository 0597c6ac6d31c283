"""The CLI's shape: one module per command group, each registering its own commands, and
imports that point one way (cli.main -> the groups -> cli.support), never back to cli.main."""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

import pytest

from companion_tui.cli import exchange, goals, journal, main, moods, skills, vault

CLI = Path(main.__file__).resolve().parent

# group module -> the commands it adds, with their subcommands
EXPECTED = {
    vault: {"init": (), "passwd": (), "recover": ()},
    moods: {"mood": ("add", "list")},
    skills: {"skill": ("list", "log")},
    journal: {"journal": ("add", "list", "search")},
    goals: {"goal": ("add", "list", "tick")},
    exchange: {"export": (), "import": ()},
}


def commands_of(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    (action,) = (a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.mark.parametrize("group", list(EXPECTED), ids=lambda m: m.__name__.rpartition(".")[2])
def test_each_group_registers_its_commands(group) -> None:
    parser = argparse.ArgumentParser(prog="companion")
    group.register(parser.add_subparsers(dest="command"))

    commands = commands_of(parser)

    assert set(commands) == set(EXPECTED[group])
    for name, subcommands in EXPECTED[group].items():
        if subcommands:
            assert set(commands_of(commands[name])) == set(subcommands)
        else:
            assert callable(commands[name].get_default("run"))


def test_the_parser_is_the_groups_and_nothing_else() -> None:
    assert [register.__module__ for register in main.GROUPS] == [m.__name__ for m in EXPECTED]
    assert set(commands_of(main.build_parser())) == {c for cs in EXPECTED.values() for c in cs}


@pytest.mark.parametrize("command", [c for cs in EXPECTED.values() for c in cs])
def test_every_command_has_help(command, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main([command, "--help"])

    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: companion {command}")


@pytest.mark.parametrize("command", [f"{c} {s}" for cs in EXPECTED.values() for c, ss in cs.items() for s in ss])
def test_every_subcommand_has_help(command, capsys) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main([*command.split(), "--help"])

    assert exit_.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: companion {command}")


def cli_imports(path: Path) -> set[str]:
    """The companion_tui.cli modules ``path`` imports, at any depth (deferred imports too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            base = node.module if node.level == 0 else f"companion_tui.cli.{node.module}"
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names}
    modules = {f"companion_tui.cli.{p.stem}" for p in CLI.glob("*.py")}
    return {name for name in found if name in modules}


@pytest.mark.parametrize("path", sorted(p for p in CLI.glob("*.py") if p.stem != "main"), ids=lambda p: p.stem)
def test_no_cli_module_imports_main_and_groups_use_only_support(path) -> None:
    imported = cli_imports(path)

    assert "companion_tui.cli.main" not in imported
    assert imported <= {"companion_tui.cli.support"}, f"{path.stem} imports another command group: {imported}"
