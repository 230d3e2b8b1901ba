"""The floors of the package: imports only go down, and no module imports itself back.

Every import counts, at the top of a module or inside a function, under
``TYPE_CHECKING`` or not, and ``importlib.import_module``, ``__import__`` or
``pkgutil.resolve_name`` of a literal name, under any alias: a dependency hidden in a
function is still a dependency.  A cycle through a package's ``__init__`` is a cycle,
whether the package is imported by name or runs because one of its modules is.
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


_IMPORTERS = ("import_module", "__import__", "resolve_name")
"""The functions that import a module named by a string: ``importlib.import_module``,
``__import__`` and ``pkgutil.resolve_name``."""


def _imports(name: str, path: Path, known: Collection[str] = MODULES) -> set[str]:
    """The modules of ``known`` that module ``name`` (its source at ``path``) imports:
    by ``import``, ``from ... import`` (absolute or relative), or a call of
    ``import_module``, ``__import__`` or ``resolve_name`` (under any name) with a literal
    name; and, since importing a module first runs its packages' ``__init__``, those of
    its packages not already running when ``name`` runs (not ``name``'s own)."""
    tree = ast.parse(path.read_text("utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    importers = _importer_names(tree)
    wanted: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            wanted.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute("." * node.level + (node.module or ""), package)
            wanted.add(base)
            wanted.update(f"{base}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call):
            wanted.update(_called(node, package, importers, known))
    # A package of ``name``'s own has begun to run before ``name`` does: importing a
    # module through it runs nothing more.
    running = {name, *_packages(name)}
    wanted.update(
        outer for module in wanted.copy() for outer in _packages(module) if outer not in running
    )
    return {module for module in wanted if module in known and module != name}


def _packages(module: str) -> list[str]:
    """The packages holding ``module``, outermost first: ``a.b.c`` is in ``a`` and ``a.b``."""
    parts = module.split(".")
    return [".".join(parts[:n]) for n in range(1, len(parts))]


def _importer_names(tree: ast.AST) -> dict[str, str]:
    """The names a module calls the importing functions by, and which function each is:
    their own names, aliases (``from importlib import import_module as im``) and plain
    assignments (``load = importlib.import_module``)."""
    names = {importer: importer for importer in _IMPORTERS}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("importlib", "pkgutil", "builtins"):
            names.update({a.asname or a.name: a.name for a in node.names if a.name in _IMPORTERS})
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign):
            value = node.value
            found = value.attr if isinstance(value, ast.Attribute) else None
            found = names.get(value.id) if isinstance(value, ast.Name) else found
            if found in _IMPORTERS:
                names.update({t.id: found for t in node.targets if isinstance(t, ast.Name)})
    return names


def _absolute(module: str, package: str) -> str:
    """A module name, relative ones (``..views``) read from ``package``."""
    level = len(module) - len(module.lstrip("."))
    if not level:
        return module
    anchor = package.rsplit(".", level - 1)[0] if level > 1 else package
    rest = module[level:]
    return f"{anchor}.{rest}" if rest else anchor


def _called(
    node: ast.Call, package: str, importers: dict[str, str], known: Collection[str]
) -> set[str]:
    """The module a call of an importing function imports, if its name is a literal,
    given by position or keyword (a relative name with ``package=`` a literal,
    ``__package__`` or ``__name__``); for ``resolve_name``, the module before the colon,
    or without one the longest known prefix of the dotted name."""
    func = node.func
    if isinstance(func, ast.Attribute):
        called = func.attr if func.attr in _IMPORTERS else None
    else:
        called = importers.get(getattr(func, "id", ""))
    keywords = {keyword.arg: keyword.value for keyword in node.keywords}
    name = node.args[0] if node.args else keywords.get("name")
    if called is None or not (isinstance(name, ast.Constant) and isinstance(name.value, str)):
        return set()
    if called == "resolve_name":
        module, colon, _ = name.value.partition(":")
        if colon:
            return {module}
        prefixes = [".".join(module.split(".")[:n]) for n in range(1, module.count(".") + 2)]
        return {max((p for p in prefixes if p in known), key=len, default=module)}
    anchor = node.args[1] if called == "import_module" and len(node.args) > 1 else None
    anchor = keywords.get("package", anchor)
    given = anchor.value if isinstance(anchor, ast.Constant) else None
    return {_absolute(name.value, str(given) if given is not None else package)}


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
    assert found == {"geoalign.store.dataset", "geoalign.store"}  # the package's __init__ runs
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
    assert found == {*expected, "geoalign.api", "geoalign.store", "geoalign.cli"}
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


def _seen(tmp_path: Path, source: str, name: str = "geoalign.model.bad") -> set[str]:
    fake = tmp_path / "bad.py"
    fake.write_text(source, "utf-8")
    return _imports(name, fake)


def test_the_floor_check_sees_a_name_given_by_keyword(tmp_path: Path) -> None:
    found = _seen(
        tmp_path,
        "import importlib\n"
        "importlib.import_module(name='geoalign.api')\n"
        "importlib.import_module(name='.main', package='geoalign.cli')\n"
        "__import__(name='geoalign.server.app')\n",
    )
    assert found == {"geoalign.api", "geoalign.cli.main", "geoalign.cli", "geoalign.server.app",
                     "geoalign.server"}  # fmt: skip


def test_the_floor_check_sees_import_module_under_another_name(tmp_path: Path) -> None:
    found = _seen(
        tmp_path,
        "import importlib as il\n"
        "from importlib import import_module as im\n"
        "from builtins import __import__ as imp\n"
        "load = il.import_module\n"
        "again = load\n"
        "def f():\n"
        "    im('geoalign.api')\n"
        "    il.import_module('geoalign.cli.main')\n"
        "    load('geoalign.server.app')\n"
        "    again('geoalign.store.dataset')\n"
        "    imp('geoalign.bundled.loader')\n"
        "    print('geoalign.interop')\n",  # a call of another function imports nothing
    )
    assert found == {
        "geoalign.api",
        *("geoalign.cli.main", "geoalign.cli"),
        *("geoalign.server.app", "geoalign.server"),
        *("geoalign.store.dataset", "geoalign.store"),
        *("geoalign.bundled.loader", "geoalign.bundled"),
    }


def test_the_floor_check_sees_pkgutil_resolve_name(tmp_path: Path) -> None:
    found = _seen(
        tmp_path,
        "import pkgutil\n"
        "from pkgutil import resolve_name as rn\n"
        "pkgutil.resolve_name('geoalign.store.dataset:Dataset.allies_of')\n"
        "rn('geoalign.api.load')\n"  # no colon: the longest prefix that is a module
        "pkgutil.resolve_name(name='geoalign.cli.main:main')\n",
    )
    assert found == {
        *("geoalign.store.dataset", "geoalign.store"),
        "geoalign.api",
        *("geoalign.cli.main", "geoalign.cli"),
    }
    assert all(_floor(module) > _floor("geoalign.model.bad") for module in found)


def test_the_cycle_check_sees_a_package_that_runs_because_its_module_is_imported(
    tmp_path: Path,
) -> None:
    # other imports pkg.inner, which runs pkg/__init__ first, which imports other.
    (tmp_path / "pkg").mkdir()
    init, inner = tmp_path / "pkg" / "__init__.py", tmp_path / "pkg" / "inner.py"
    other = tmp_path / "other.py"
    init.write_text("from geoalign.other import thing\n", "utf-8")
    inner.write_text("x = 1\n", "utf-8")
    other.write_text("from geoalign.pkg.inner import x\nthing = x\n", "utf-8")
    files = {"geoalign.pkg": init, "geoalign.pkg.inner": inner, "geoalign.other": other}
    graph = {name: _imports(name, path, files) for name, path in files.items()}
    assert graph["geoalign.other"] == {"geoalign.pkg.inner", "geoalign.pkg"}
    assert _cycle(graph) == ["geoalign.other", "geoalign.pkg", "geoalign.other"]
    # A module of the package importing its sibling runs no __init__ again: no cycle.
    init.write_text("from geoalign.pkg.inner import x\n", "utf-8")
    inner.write_text("from geoalign.pkg.sibling import y\nx = y\n", "utf-8")
    sibling = tmp_path / "pkg" / "sibling.py"
    sibling.write_text("y = 1\n", "utf-8")
    files = {"geoalign.pkg": init, "geoalign.pkg.inner": inner, "geoalign.pkg.sibling": sibling}
    graph = {name: _imports(name, path, files) for name, path in files.items()}
    assert graph["geoalign.pkg.inner"] == {"geoalign.pkg.sibling"}
    assert _cycle(graph) is None
