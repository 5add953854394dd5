"""The layering rules, read from the source: who may import whom, and no import cycles.

- ``problems`` imports neither ``generator`` nor ``grader`` (kinds are pure);
- ``grader`` imports neither ``generator`` nor ``templates`` (the grader never renders or
  makes problems);
- no cycle among all of probgen's modules.

Every ``import`` counts, at the top of a module or inside a function, since an import put
off until a call is still a dependency. Modules are read with ``ast``, not imported.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = {"probgen": ROOT / "probgen", "probgen.problems": ROOT / "problems",
            "probgen.generator": ROOT / "generator", "probgen.grader": ROOT / "grader"}


def modules() -> dict[str, Path]:
    """Every module of probgen by its dotted name (a package by its ``__init__``)."""
    found: dict[str, Path] = {}
    for package, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join((package, *parts))] = path
    return found


MODULES = modules()


def _absolute(name: str, node: ast.ImportFrom) -> str:
    """The module an ImportFrom names, with a relative one resolved against ``name``."""
    if not node.level:
        return node.module or ""
    package = name if MODULES[name].name == "__init__.py" else name.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imports(name: str) -> set[str]:
    """The probgen modules (and other top-level names) that module ``name`` imports."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(MODULES[name].read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, node)
            submodules = {f"{base}.{alias.name}" for alias in node.names} & MODULES.keys()
            found.update(submodules)
            if len(submodules) < len(node.names):  # names from the module itself, not only its submodules
                found.add(base)
    return found


GRAPH = {name: {i for i in imports(name) if i in MODULES or i.startswith("probgen.")} for name in MODULES}


def within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def offences(layer: str, banned: tuple[str, ...]) -> list[str]:
    return sorted(f"{name} imports {target}" for name, targets in GRAPH.items() if within(name, layer)
                  for target in targets if any(within(target, b) for b in banned))


def test_the_walk_sees_the_whole_tree():
    # a real sample of what must be found, so an empty walk cannot pass the rules below
    assert {"probgen.contract", "probgen.problems.model", "probgen.generator.cli", "probgen.grader.compare",
            "probgen.grader.types.number", "probgen.grader.read.tokens"} <= set(MODULES)
    assert "probgen.grader.read.literals" in GRAPH["probgen.grader.read.numbers"]  # a relative import, resolved
    assert "probgen.grader.run" in GRAPH["probgen.generator.cli.grade_cmd"]  # imported inside a function


def test_problems_import_neither_generator_nor_grader():
    assert offences("probgen.problems", ("probgen.generator", "probgen.grader")) == []


def test_grader_imports_neither_generator_nor_templates():
    assert offences("probgen.grader", ("probgen.generator", "probgen.templates", "jinja2")) == []


def cycles() -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan), plus self-imports."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(t for t in GRAPH[node] if t in GRAPH):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in GRAPH[node]:
                groups.append(sorted(group))

    for node in sorted(GRAPH):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycles():
    assert cycles() == []


@pytest.mark.parametrize("edges, expected", [
    ({"a": {"b"}, "b": {"a"}}, [["a", "b"]]),
    ({"a": {"b"}, "b": {"c"}, "c": set()}, []),
    ({"a": {"a"}}, [["a"]]),
])
def test_the_cycle_finder_finds_cycles(monkeypatch, edges, expected):
    monkeypatch.setitem(globals(), "GRAPH", edges)
    assert cycles() == expected
