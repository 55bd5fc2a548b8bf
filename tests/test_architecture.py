"""The shape of the tree: which app may import which, imports kept at module level, modules kept small.

The rules are in docs/architecture.md. They are checked on the source (every module's
``import`` statements, read with ``ast``), so a new cycle fails here before it fails at start-up.
"""

import ast
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)

#: App -> the apps its non-test modules may import (besides itself). Tests may import any app.
ALLOWED = {
    "core": set(),
    "home": {"core"},
    "disclosure": {"core"},
    "review": {"core", "disclosure", "home"},
    "consultations": {"core", "disclosure", "home", "review"},
    "search": {"core", "disclosure", "home"},
    "inspection": {"core", "disclosure", "home", "review", "consultations"},
    "security": {"core"},
    "applications": {"core", "disclosure", "home"},
    "frontcache": {"core"},
}
#: Not apps but project packages: they may use every app, and no app may use them.
OUTSIDE = {"config", "bench", "tests"}
PROJECT = set(ALLOWED) | OUTSIDE

MAX_IN_FUNCTION_IMPORTS = 15
MAX_MODULE_LINES = 400
#: Data, not code: the demo site's texts.
LONG_DATA_FILES = {"disclosure/demo_content.py"}


def project_modules():
    for path in sorted(BASE_DIR.rglob("*.py")):
        relative = path.relative_to(BASE_DIR)
        if relative.parts[0] not in PROJECT and relative.name not in {"conftest.py", "manage.py"}:
            continue
        if "migrations" in relative.parts or any(part.startswith(".") for part in relative.parts):
            continue
        yield relative, ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))


def imported_top_packages(node, module_path):
    """The top-level package names an import statement brings in (relative imports resolved)."""
    if isinstance(node, ast.Import):
        return [alias.name.split(".")[0] for alias in node.names]
    if node.level:
        return [module_path.parts[0]]
    return [node.module.split(".")[0]] if node.module else []


def is_test_module(relative):
    return "tests" in relative.parts or relative.name == "conftest.py" or relative.parts[0] == "tests"


def walk_imports():
    """(module path, import node, inside a function?) for every project import."""
    for relative, tree in project_modules():
        functions = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
        nested = {id(child) for function in functions for child in ast.walk(function) if child is not function}
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                targets = [name for name in imported_top_packages(node, relative) if name in PROJECT]
                if targets:
                    yield relative, node, targets, id(node) in nested


def test_apps_import_only_in_the_allowed_direction():
    forbidden = []
    for relative, node, targets, _nested in walk_imports():
        source = relative.parts[0]
        if source not in ALLOWED or is_test_module(relative):
            continue
        for target in targets:
            if target != source and target not in ALLOWED[source]:
                forbidden.append(f"{relative}:{node.lineno} imports {target}")
    assert forbidden == []


def test_no_app_imports_the_project_package_or_the_tools():
    offending = [
        f"{relative}:{node.lineno}"
        for relative, node, targets, _nested in walk_imports()
        if relative.parts[0] in ALLOWED and not is_test_module(relative) and set(targets) & OUTSIDE
    ]
    assert offending == []


def test_no_cycle_between_apps():
    graph = {app: set() for app in ALLOWED}
    for relative, _node, targets, _nested in walk_imports():
        source = relative.parts[0]
        if source in ALLOWED and not is_test_module(relative):
            graph[source].update(t for t in targets if t in ALLOWED and t != source)

    def reaches(start, goal, seen=()):
        return any(nxt == goal or (nxt not in seen and reaches(nxt, goal, (*seen, nxt))) for nxt in graph[start])

    cycles = sorted(app for app in graph if reaches(app, app))
    assert cycles == []


def test_few_imports_inside_functions_and_each_says_why():
    nested = [(relative, node) for relative, node, _targets, inside in walk_imports() if inside]
    lines = {}
    undocumented = []
    for relative, node in nested:
        source = lines.setdefault(relative, (BASE_DIR / relative).read_text(encoding="utf-8").splitlines())
        before = source[node.lineno - 2].strip() if node.lineno > 1 else ""
        same = source[node.lineno - 1]
        if "#" not in same and not before.startswith("#"):
            undocumented.append(f"{relative}:{node.lineno}")
    assert len(nested) <= MAX_IN_FUNCTION_IMPORTS, [f"{r}:{n.lineno}" for r, n in nested]
    assert undocumented == []


def test_modules_stay_small():
    long_modules = []
    for relative, _tree in project_modules():
        if str(relative) in LONG_DATA_FILES:
            continue
        count = len((BASE_DIR / relative).read_text(encoding="utf-8").splitlines())
        if count > MAX_MODULE_LINES:
            long_modules.append(f"{relative}: {count}")
    assert long_modules == []


def test_the_walker_sees_the_tree():
    """The rules above could pass vacuously if the walk found nothing."""
    seen = {relative.parts[0] for relative, _tree in project_modules()}
    assert set(ALLOWED) <= seen
    assert any(target == "core" for _r, _n, targets, _i in walk_imports() for target in targets)


def test_the_runtime_never_imports_the_factories():
    """factory_boy and wagtail_factories are development requirements: ``make run`` installs neither."""
    offending = []
    for relative, tree in project_modules():
        if relative.parts[0] not in ALLOWED or is_test_module(relative) or relative.name == "factories.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            parts = [name.split(".") for name in names]
            if any(p[0] in {"factory", "wagtail_factories"} or "factories" in p for p in parts):
                offending.append(f"{relative}:{node.lineno}")
    assert offending == []
