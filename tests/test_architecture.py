"""The floors of the package: imports only go down, and no module imports itself back.

Every import counts, at the top of a module or inside a function, under
``TYPE_CHECKING`` or not: a dependency hidden in a function is still a dependency.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import geoalign

PACKAGE = Path(geoalign.__file__).parent

FLOORS = (
    "errors",
    "model",
    "rules",
    "formats",
    "loading",
    "views",
    "interop",
    "store",
    "bundled",
    "api",
    "server",
    "cli",
)
"""Bottom to top.  A module may import its own floor and the floors below it."""

TOP = {"geoalign", "geoalign.__main__"}  # the public face, above every floor


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("geoalign", *parts))] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wanted: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            wanted.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            wanted.add(base)
            wanted.update(f"{base}.{alias.name}" for alias in node.names)
    return {module for module in wanted if module in MODULES and module != name}


def _floor(module: str) -> int:
    if module in TOP:
        return len(FLOORS)
    return FLOORS.index(module.split(".")[1])


def test_every_module_is_on_a_floor() -> None:
    for module in MODULES:
        assert module in TOP or module.split(".")[1] in FLOORS, module


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_go_down(module: str) -> None:
    upward = [
        other for other in _imports(module, MODULES[module]) if _floor(other) > _floor(module)
    ]
    assert upward == [], f"{module} imports from a floor above it: {upward}"


def test_no_import_cycles() -> None:
    graph = {module: _imports(module, path) for module, path in MODULES.items()}
    # A package's __init__ re-exports its own modules; that edge is not a cycle.
    for module in graph:
        graph[module] = {m for m in graph[module] if not module.startswith(f"{m}.")}
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> None:
        state[module] = 1
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                cycle = [*trail[trail.index(other) :], other] if other in trail else [other]
                pytest.fail(f"import cycle: {' -> '.join(cycle)}")
            if other not in state:
                visit(other, [*trail, other])
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])


def test_no_module_is_longer_than_about_400_lines() -> None:
    long = {
        module: n
        for module, path in MODULES.items()
        if module != "geoalign.bundled.records"  # generated data, one record a line
        and (n := len(path.read_text("utf-8").splitlines())) > 420
    }
    assert long == {}


def test_the_floor_check_sees_an_upward_import(tmp_path: Path) -> None:
    # The check must be able to fail: a model module importing the store is caught.
    fake = tmp_path / "bad.py"
    fake.write_text("def f():\n    from geoalign.store.dataset import Dataset\n", "utf-8")
    found = _imports("geoalign.model.bad", fake)
    assert found == {"geoalign.store.dataset"}
    assert _floor("geoalign.store.dataset") > _floor("geoalign.model.bad")
