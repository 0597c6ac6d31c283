"""The whole import graph of companion_tui: no cycles, no private names taken from another module,
the tui reaches storage and keys only through core, and panes don't lean on each other.

Every import statement counts — deferred ones inside functions and ``TYPE_CHECKING`` ones too —
because each is a dependency a reader has to follow.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "companion_tui"
ROOT = PACKAGE.parent


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in PACKAGE.rglob("*.py")}


def owning_module(name: str) -> str | None:
    """The module of ours that ``name`` (a module, or a name inside one) lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def imports_of(module: str) -> list[tuple[str, str]]:
    """(module imported, name taken from it) for every import in ``module``; name is '' for `import x`."""
    path = MODULES[module]
    is_package = path.name == "__init__.py"
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, "") for alias in node.names if alias.name.startswith("companion_tui")]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("companion_tui"):
                found += [(target, alias.name) for alias in node.names]
    return found


def graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = defaultdict(set)
    for module in MODULES:
        for target, name in imports_of(module):
            dep = owning_module(f"{target}.{name}" if name else target)
            if dep and dep != module:
                edges[module].add(dep)
    return edges


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    nodes = set(edges) | {dep for deps in edges.values() for dep in deps}
    for start in sorted(nodes):
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_there_are_no_import_cycles() -> None:
    assert cycles(graph()) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges: dict[str, set[str]] = defaultdict(set, {"companion_tui.a": {"companion_tui.b"},
                                                   "companion_tui.b": {"companion_tui.a"}})

    assert cycles(edges) == [["companion_tui.a", "companion_tui.b"]]
    assert cycles(defaultdict(set, {"companion_tui.a": {"companion_tui.b"}})) == []


def test_no_module_takes_another_modules_private_names() -> None:
    offenders = [
        f"{module} takes {name} from {target}"
        for module in MODULES
        for target, name in imports_of(module)
        if name.startswith("_") and not name.startswith("__")
        and f"{target}.{name}" not in MODULES and owning_module(target) != module
    ]

    assert offenders == []


def test_the_tui_reaches_storage_and_keys_only_through_core() -> None:
    offenders = sorted(
        f"{module} -> {dep}"
        for module, deps in graph().items()
        if module.startswith("companion_tui.tui")
        for dep in deps
        if dep.startswith(("companion_tui.store", "companion_tui.vault"))
    )

    assert offenders == []


def test_panes_do_not_import_each_other() -> None:
    panes = {m for m in MODULES if m.startswith("companion_tui.tui.panes.") and m.rsplit(".", 1)[1]
             not in {"base", "registry"}}
    assert len(panes) >= 6, sorted(panes)
    offenders = sorted(f"{m} -> {dep}" for m in panes for dep in graph()[m] if dep in panes)

    assert offenders == []


def test_core_never_reaches_up_to_the_cli_or_the_tui() -> None:
    offenders = sorted(
        f"{module} -> {dep}"
        for module, deps in graph().items()
        if module.startswith(("companion_tui.core", "companion_tui.store", "companion_tui.vault"))
        for dep in deps
        if dep.startswith(("companion_tui.cli", "companion_tui.tui"))
    )

    assert offenders == []
