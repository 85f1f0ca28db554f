"""The layout by capability holds: arrows point one way, and modules stay small.

The import graph is read from the source with `ast`, so an import inside a function counts as
much as one at the top of a module: a lazy import hides a dependency, it does not remove it.
Django's string references ("articles.Article") are not imports and are not counted.
"""

import ast
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = "newsroom"
CORE = "core"
APPS = (
    "accounts", "articles", "authors", "images", "richtext", "editorial", "search", "distribution",
    "redirects", "importers", "demo", "liveblog", "desk", "jobs", "pages", "branding",
    "webhooks", "api",
)  # fmt: skip
PACKAGES = (PROJECT, CORE, *APPS)
MAX_MODULE_LINES = 400
# Data, not logic: the demo articles' text.
LONG_MODULES_ALLOWED = {"demo/content.py"}


@dataclass(frozen=True)
class Import:
    source: str  # importing module, dotted
    target: str  # first-party module it names, dotted
    path: str  # file of the importing module, relative to the project root
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.source} imports {self.target}"


def _module_files() -> dict[str, Path]:
    """Every first-party module that ships: no migrations, no tests."""
    modules = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if "migrations" in parts or "tests" in parts:
                continue
            if parts[-1] == "__init__":
                parts = parts[:-1]
            modules[".".join(parts)] = path
    return modules


MODULES = _module_files()


def _resolve(name: str) -> str | None:
    """The longest known first-party module that `name` starts with."""
    parts = name.split(".")
    if parts[0] not in PACKAGES:
        return None
    while parts:
        candidate = ".".join(parts)
        if candidate in MODULES:
            return candidate
        parts.pop()
    return None


def _imported_names(node: ast.AST, module: str, is_package: bool) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
    elif isinstance(node, ast.ImportFrom):
        if node.level:
            base = module.split(".") if is_package else module.split(".")[:-1]
            base = base[: len(base) - (node.level - 1)]
            origin = ".".join([*base, node.module] if node.module else base)
        else:
            origin = node.module or ""
        # `from articles import models` names the submodule, `from .models import X` the module.
        for alias in node.names:
            submodule = f"{origin}.{alias.name}"
            yield submodule if submodule in MODULES else origin


def _imports() -> list[Import]:
    found = set()
    for module, path in MODULES.items():
        is_package = path.name == "__init__.py"
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        relative = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            for name in _imported_names(node, module, is_package):
                target = _resolve(name)
                if target and target != module:
                    found.add(Import(module, target, relative, node.lineno))
    return sorted(found, key=lambda i: (i.path, i.line, i.target))


IMPORTS = _imports()


def _package(module: str) -> str:
    return module.split(".")[0]


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one member (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for successor in sorted(edges.get(node, ())):
            if successor not in index:
                visit(successor)
                low[node] = min(low[node], low[successor])
            elif successor in on_stack:
                low[node] = min(low[node], index[successor])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(components)


def _cycle_report(imports: list[Import], key) -> str:
    """Each cycle with the imports that close it, so the message says what to move."""
    edges: dict[str, set[str]] = defaultdict(set)
    for imp in imports:
        edges[key(imp.source)].add(key(imp.target))
    lines = []
    for component in _cycles(edges):
        lines.append(f"cycle between {', '.join(component)}:")
        members = set(component)
        lines.extend(
            f"  {imp}"
            for imp in imports
            if key(imp.source) in members
            and key(imp.target) in members
            and key(imp.source) != key(imp.target)
        )
    return "\n".join(lines)


def test_the_graph_sees_the_known_packages_and_their_imports():
    """Guards the other tests against passing because nothing was parsed."""
    assert {_package(module) for module in MODULES} == set(PACKAGES)
    assert any(_package(i.source) == "articles" and _package(i.target) == CORE for i in IMPORTS)


def test_core_imports_no_app_and_not_the_project():
    offending = [
        str(i) for i in IMPORTS if _package(i.source) == CORE and _package(i.target) != CORE
    ]
    assert not offending, "core/ is infrastructure below every app:\n" + "\n".join(offending)


def test_nothing_below_the_project_imports_it():
    """Settings are read through django.conf; everything else in newsroom/ sits on top."""
    offending = [
        str(i) for i in IMPORTS if _package(i.source) != PROJECT and _package(i.target) == PROJECT
    ]
    assert not offending, "newsroom/ is project config, above every app:\n" + "\n".join(offending)


def test_apps_import_each_other_without_cycles():
    between_apps = [i for i in IMPORTS if _package(i.source) in APPS and _package(i.target) in APPS]
    report = _cycle_report(between_apps, _package)
    assert not report, "Apps must depend on each other one way only:\n" + report


def test_modules_inside_a_package_import_each_other_without_cycles():
    within = [i for i in IMPORTS if _package(i.source) == _package(i.target)]
    report = _cycle_report(within, lambda module: module)
    assert not report, "Modules of one package must depend on each other one way only:\n" + report


def test_no_module_is_longer_than_the_limit():
    too_long = []
    for path in MODULES.values():
        relative = str(path.relative_to(ROOT))
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES and relative not in LONG_MODULES_ALLOWED:
            too_long.append(f"{relative}: {lines} lines")
    assert not too_long, f"Split these by concept (limit {MAX_MODULE_LINES} lines):\n" + "\n".join(
        too_long
    )
