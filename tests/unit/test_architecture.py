"""The stages hold: each imports only what it may, read from the source with `ast` (function-level
imports too), and only saferpolitics/engine/ may import MkDocs (README, Layout).

    core            <- imported by everything; imports no other part
    markdown_stage  -> core only (stage 1 never reaches into stage 2)
    post_build      -> core only (stage 2 never reaches back into stage 1)
    engine          -> core, markdown_stage, post_build: the one place that joins the stages
    maintenance     -> core and the stages' parsers, never the engine (its tools run without
                       MkDocs); nothing in the build imports a maintainers' tool
"""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import saferpolitics

PACKAGE = Path(saferpolitics.__file__).resolve().parent
STAGES = ("core", "markdown_stage", "post_build", "maintenance")
# Each part of the package -> the parts it may import, and the rule a message quotes.
MAY_IMPORT = {
    "core": {"core"},
    "markdown_stage": {"core", "markdown_stage"},
    "post_build": {"core", "post_build"},
    "engine": {"core", "markdown_stage", "post_build", "engine"},
    "maintenance": {"core", "markdown_stage", "post_build", "maintenance"},
    "": set(),  # saferpolitics/__init__.py
}
RULES = {
    "core": "core/ is shared by both stages and imports neither (nor the engine)",
    "markdown_stage": "the Markdown stage imports only core/: what both stages need belongs there",
    "post_build": "the post-build stage imports only core/: what both stages need belongs there",
    "engine": "the engine joins the stages and imports no maintainers' tool",
    "maintenance": "maintainers' tools run without MkDocs: they never import the engine",
    "": "the package's own __init__ imports none of its parts",
}


def imported_parts(source: str, module: str) -> list[tuple[int, str, str]]:
    """(line, module named, part of saferpolitics it is in) of every import of the package in
    source, at any depth (a function's own import too), and of every use of a part through the
    package's name or an alias of it (`saferpolitics.post_build.pdf`, `sys.modules[...]`).
    module: the file's dotted name, for relative imports. An import by a name computed at run
    time is "?": the check cannot follow it."""
    tree = ast.parse(source)
    importers, package_names = _aliases(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module or "", node.level, module)
            # `from saferpolitics import post_build` names the part in the imported names.
            names = [f"{base}.{alias.name}" for alias in node.names] if base == "saferpolitics" else [base]
        elif isinstance(node, ast.Call) and node.args and _importer(node.func, importers):
            names = _named_in_call(node, module)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in package_names:
            names = [f"saferpolitics.{node.attr}"]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "sys.modules":
            key = node.slice
            names = [key.value] if isinstance(key, ast.Constant) and isinstance(key.value, str) else ["?"]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "saferpolitics" and len(parts) > 1:
                found.append((node.lineno, name, parts[1]))
            elif name == "?":
                found.append((node.lineno, "a module named at run time", "?"))
    return sorted(found, key=lambda item: item[0])  # ast.walk goes breadth first


def _aliases(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names that import a module by its name here (`__import__`, `import_module` from
    importlib, and any name it is given: `as load`, `load = importlib.import_module`), and the names
    the package itself goes by (`saferpolitics`, `import saferpolitics as sp`)."""
    importers, package_names = {"__import__"}, {"saferpolitics"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == "importlib":
            importers |= {alias.asname or alias.name for alias in node.names if alias.name == "import_module"}
        elif isinstance(node, ast.Import):
            package_names |= {alias.asname for alias in node.names if alias.name == "saferpolitics" and alias.asname}
        elif isinstance(node, ast.Assign) and ast.unparse(node.value) in ("importlib.import_module", *importers):
            importers |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return importers, package_names


def _importer(called: ast.expr, importers: set[str]) -> bool:
    """A call of importlib.import_module or __import__, by any of its names here (not a method of
    another object that happens to be called import_module)."""
    if isinstance(called, ast.Name):
        return called.id in importers
    return ast.unparse(called) == "importlib.import_module"


def _absolute(name: str, level: int, module: str) -> str:
    """A relative module name (`..core`, level 2) as the absolute name it means inside `module`."""
    if not level:
        return name
    package = module.split(".")[:-level]
    return ".".join([*package, *([name] if name else [])])


def _named_in_call(node: ast.Call, module: str) -> list[str]:
    """The modules a call to import_module or __import__ imports: its first argument, resolved
    against import_module's `package` or __import__'s `level`, with __import__'s `fromlist` as parts."""
    keywords = {keyword.arg: keyword.value for keyword in node.keywords}
    dunder = isinstance(node.func, ast.Name) and node.func.id == "__import__"
    positional = dict(enumerate(node.args))
    first = node.args[0]
    if not isinstance(first, ast.Constant) or not isinstance(first.value, str):
        return ["?"]
    name = first.value
    if dunder:
        level = keywords.get("level") or positional.get(4)
        if level is not None:
            if not isinstance(level, ast.Constant):
                return ["?"]
            name = _absolute(name, level.value, module)
        fromlist = keywords.get("fromlist") or positional.get(3)
        if isinstance(fromlist, (ast.List, ast.Tuple)):
            return [name, *(f"{name}.{item.value}" for item in fromlist.elts if isinstance(item, ast.Constant))]
        return [name]
    if name.startswith("."):
        package = keywords.get("package") or positional.get(1)
        if not isinstance(package, ast.Constant):
            return ["?"]
        dots = len(name) - len(name.lstrip("."))
        name = _absolute(name[dots:], dots, package.value + ".__init__")
    return [name]


def direction_problems(file: Path) -> list[str]:
    """Each import in file against the direction of the stages: file, line and the rule."""
    relative = file.relative_to(PACKAGE.parent)
    module = ".".join(relative.with_suffix("").parts)
    part = relative.parts[1] if len(relative.parts) > 2 else ""
    return [
        f"{relative.as_posix()}:{line}: imports {name} ({target}): {RULES[part]}"
        for line, name, target in imported_parts(file.read_text(encoding="utf-8"), module)
        if target == "?" or (target in MAY_IMPORT and target not in MAY_IMPORT[part])
    ]


def test_every_import_follows_the_direction_of_the_stages():
    files = sorted(PACKAGE.rglob("*.py"))
    assert len(files) > 40, files
    problems = [problem for file in files for problem in direction_problems(file)]
    assert not problems, "imports against the direction of the stages:\n" + "\n".join(problems)


def test_the_check_finds_an_import_inside_a_function_a_relative_one_one_by_name_and_a_use_by_name(tmp_path):
    source = (
        "from saferpolitics.core.problems import Problem\n"
        "def render():\n"
        "    from saferpolitics.post_build.pdf import render_pdf\n"
        "from ..post_build import csp\n"
        "from saferpolitics import post_build, core\n"
        "import saferpolitics.post_build.pdf as pdf\n"
        "pdf = importlib.import_module('saferpolitics.post_build.pdf')\n"
        "csp = __import__('saferpolitics.post_build.csp')\n"
        "pdf = importlib.import_module('.pdf', 'saferpolitics.post_build')\n"
        "from importlib import import_module as load\n"
        "pdf = load('saferpolitics.post_build.pdf')\n"
        "stages = __import__('saferpolitics', fromlist=['post_build'])\n"
        "pdf = importlib.import_module(name)\n"
        "import saferpolitics\n"
        "saferpolitics.post_build.pdf.render_pdf()\n"
        "load = importlib.import_module\n"
        "pdf = load('saferpolitics.post_build.pdf')\n"
        "import saferpolitics as sp\n"
        "sp.post_build.pdf.render_pdf()\n"
        "pdf = __import__('post_build', globals(), locals(), ['pdf'], 2)\n"
        "pdf = sys.modules['saferpolitics.post_build.pdf']\n"
        "found = self.import_module(self.name)\n"  # a method of another object: not an import
    )
    found = imported_parts(source, "saferpolitics.markdown_stage.first_hour")
    assert [(line, part) for line, _, part in found] == [
        (1, "core"),
        (3, "post_build"),
        (4, "post_build"),
        (5, "post_build"),
        (5, "core"),
        (6, "post_build"),
        (7, "post_build"),
        (8, "post_build"),
        (9, "post_build"),
        (11, "post_build"),
        (12, "post_build"),
        (13, "?"),
        (15, "post_build"),
        (17, "post_build"),
        (19, "post_build"),
        (20, "post_build"),
        (20, "post_build"),
        (21, "post_build"),
    ]


def test_no_stage_imports_mkdocs():
    modules = [
        f"saferpolitics.{stage}.{info.name}"
        for stage in STAGES
        for info in pkgutil.iter_modules([str(PACKAGE / stage)])
        if info.name != "__main__"
    ]
    assert len(modules) > 25, modules
    script = (
        f"import sys; {'; '.join(f'import {m}' for m in modules)}; "
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('mkdocs', 'properdocs')))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", f"a stage imports MkDocs: {result.stdout}"
