"""The floors of the package: imports only go down, and no module imports itself back.

Every import counts, at the top of a module or inside a function, under
``TYPE_CHECKING`` or not, and ``importlib.import_module`` (or ``__import__``) of a literal
name: a dependency hidden in a function is still a dependency.  A cycle through a
package's ``__init__`` is a cycle.
"""

from __future__ import annotations

import ast
from collections.abc import Collection
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


def _imports(name: str, path: Path, known: Collection[str] = MODULES) -> set[str]:
    """The modules of ``known`` that module ``name`` (its source at ``path``) imports:
    by ``import``, ``from ... import`` (absolute or relative), or a call of
    ``importlib.import_module`` or ``__import__`` with a literal name."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wanted: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            wanted.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute("." * node.level + (node.module or ""), package)
            wanted.add(base)
            wanted.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call):
            wanted.update(_called(node, package))
    return {module for module in wanted if module in known and module != name}


def _absolute(module: str, package: str) -> str:
    """A module name, relative ones (``..views``) read from ``package``."""
    level = len(module) - len(module.lstrip("."))
    if not level:
        return module
    anchor = package.rsplit(".", level - 1)[0] if level > 1 else package
    rest = module[level:]
    return f"{anchor}.{rest}" if rest else anchor


def _called(node: ast.Call, package: str) -> set[str]:
    """The module a call of ``import_module`` or ``__import__`` imports, if its name is a
    literal (a relative name with ``package=`` a literal, ``__package__`` or ``__name__``)."""
    func = node.func
    called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
    if called not in ("import_module", "__import__") or not node.args:
        return set()
    name = node.args[0]
    if not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return set()
    anchor = package
    for keyword in node.keywords:
        value = keyword.value
        if keyword.arg == "package" and isinstance(value, ast.Constant):
            anchor = str(value.value)
    if called == "import_module" and len(node.args) > 1:
        second = node.args[1]
        if isinstance(second, ast.Constant):
            anchor = str(second.value)
    return {_absolute(name.value, anchor)}


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


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """An import cycle of ``graph`` (module -> the modules it imports), or ``None``.

    Every edge counts, that of a submodule to its own package too: importing from a
    package runs its ``__init__``, which may import the submodule back.
    """
    state: dict[str, int] = {}

    def visit(module: str, trail: list[str]) -> list[str] | None:
        state[module] = 1
        for other in sorted(graph[module]):
            if state.get(other) == 1:
                return [*trail[trail.index(other) :], other] if other in trail else [other]
            if other not in state:
                found = visit(other, [*trail, other])
                if found:
                    return found
        state[module] = 2
        return None

    for module in sorted(graph):
        if module not in state:
            found = visit(module, [module])
            if found:
                return found
    return None


def test_no_import_cycles() -> None:
    cycle = _cycle({module: _imports(module, path) for module, path in MODULES.items()})
    assert cycle is None, f"import cycle: {' -> '.join(cycle or [])}"


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


def test_the_floor_check_sees_importlib(tmp_path: Path) -> None:
    # import_module and __import__ with literal names are imports too, relative ones included.
    fake = tmp_path / "bad.py"
    fake.write_text(
        "import importlib\n"
        "from importlib import import_module\n"
        "def f():\n"
        "    importlib.import_module('geoalign.store.dataset')\n"
        "    import_module('..cli.main', __package__)\n"
        "    import_module('.compiled', package='geoalign.store')\n"
        "    __import__('geoalign.api')\n"
        "    import_module(f'geoalign.{f}')\n",  # not a literal: not seen
        "utf-8",
    )
    found = _imports("geoalign.model.bad", fake)
    expected = {"geoalign.store.dataset", "geoalign.cli.main", "geoalign.store.compiled"}
    assert found == {*expected, "geoalign.api"}
    assert all(_floor(module) > _floor("geoalign.model.bad") for module in found)


def test_the_cycle_check_sees_a_cycle_through_a_package_init(tmp_path: Path) -> None:
    # A package's __init__ imports its submodule, which imports from the package.
    (tmp_path / "pkg").mkdir()
    init, inner = tmp_path / "pkg" / "__init__.py", tmp_path / "pkg" / "inner.py"
    init.write_text("from geoalign.pkg.inner import thing\n", "utf-8")
    inner.write_text("def f():\n    from geoalign.pkg import other\n", "utf-8")
    files = {"geoalign.pkg": init, "geoalign.pkg.inner": inner}
    graph = {name: _imports(name, path, files) for name, path in files.items()}
    assert graph == {"geoalign.pkg": {"geoalign.pkg.inner"}, "geoalign.pkg.inner": {"geoalign.pkg"}}
    assert _cycle(graph) == ["geoalign.pkg", "geoalign.pkg.inner", "geoalign.pkg"]
    inner.write_text("thing = 1\n", "utf-8")  # without the import back, no cycle
    assert _cycle({name: _imports(name, path, files) for name, path in files.items()}) is None
