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
import re
import subprocess
import sys
from pathlib import Path

import pytest

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
# A string that is exactly a module of the package (or an object in one, as pkgutil.resolve_name
# takes it): whatever is handed it (runpy, pkgutil, a loader of our own) imports that module.
MODULE_NAME = re.compile(r"saferpolitics(?:\.\w+)+(?::[\w.]+)?")
MODULE_NAME_START = re.compile(r"saferpolitics\.(?:\w+\.)*\w*\{")  # f"saferpolitics.post_build.{name}"


def imported_parts(source: str, module: str) -> list[tuple[int, str, str]]:
    """(line, module named, part of saferpolitics it is in) of every import of the package in
    source, at any depth (a function's own import too), and of every use of a part through the
    package's name or an alias of it (`saferpolitics.post_build.pdf`, `sys.modules[...]`), and of
    every string that is a module's name (MODULE_NAME) outside a docstring. module: the file's
    dotted name, for relative imports. A call of one of IMPORTERS with a name computed at run time is
    "?": the check cannot follow it, nor an f-string that starts as one of the package's modules."""
    tree = ast.parse(source)
    importers, package_names = _aliases(tree)
    docstrings = _docstrings(tree)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module or "", node.level, module)
            # `from saferpolitics import post_build` names the part in the imported names.
            names = [f"{base}.{alias.name}" for alias in node.names] if base == "saferpolitics" else [base]
        elif (
            isinstance(node, ast.Call)
            and (node.args or NAME_KEYWORDS & _keywords(node).keys())
            and _importer(node.func, importers)
        ):
            names = _named_in_call(node, module)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in package_names:
            names = [f"saferpolitics.{node.attr}"]
        elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "sys.modules":
            key = node.slice
            names = [key.value] if isinstance(key, ast.Constant) and isinstance(key.value, str) else ["?"]
        elif isinstance(node, ast.JoinedStr) and MODULE_NAME_START.match(ast.unparse(node)[2:]):
            names = ["?"]  # f"saferpolitics.post_build.{name}": a module named at run time
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node not in docstrings:
            names = [node.value.split(":")[0]] if MODULE_NAME.fullmatch(node.value) else []
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "saferpolitics" and len(parts) > 1:
                found.add((node.lineno, name, parts[1]))
            elif name == "?":
                found.add((node.lineno, "a module named at run time", "?"))
    return sorted(found)


def _docstrings(tree: ast.AST) -> set[ast.Constant]:
    """The docstrings in tree: they name modules to explain, not to import."""
    bodies = [
        node.body
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
    ]
    return {
        body[0].value
        for body in bodies
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    }


def _keywords(node: ast.Call) -> dict[str | None, ast.expr]:
    return {keyword.arg: keyword.value for keyword in node.keywords}


# The functions that import a module by its name, as module.function: also found under any name
# this file gives them or their module (`from importlib import import_module as load`,
# `import importlib as il`, `load = importlib.import_module`).
IMPORTERS = {
    "builtins.__import__",
    "importlib.import_module",
    "importlib.__import__",
    "pkgutil.resolve_name",
    "runpy.run_module",
    "runpy.run_path",
}
IMPORTER_MODULES = {name.split(".")[0] for name in IMPORTERS}
NAME_KEYWORDS = {"name", "mod_name", "path_name"}  # the keyword each of them takes the module's name by


def _aliases(tree: ast.AST) -> tuple[set[str], set[str]]:
    """The names that import a module by its name here (IMPORTERS, `__import__`, and any name they
    or their modules are given), and the names the package itself goes by (`saferpolitics`,
    `import saferpolitics as sp`)."""
    importers, package_names = {"__import__", *IMPORTERS}, {"saferpolitics"}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in IMPORTER_MODULES:
            importers |= {
                alias.asname or alias.name for alias in node.names if f"{node.module}.{alias.name}" in IMPORTERS
            }
        elif isinstance(node, ast.Import):
            package_names |= {alias.asname for alias in node.names if alias.name == "saferpolitics" and alias.asname}
            for alias in node.names:
                if alias.asname and alias.name in IMPORTER_MODULES:
                    importers |= {
                        name.replace(alias.name, alias.asname, 1) for name in IMPORTERS if name.startswith(alias.name)
                    }
    for node in ast.walk(tree):  # after the imports, wherever they are: `load = il.import_module`
        if isinstance(node, ast.Assign) and ast.unparse(node.value) in importers:
            importers |= {target.id for target in node.targets if isinstance(target, ast.Name)}
    return importers, package_names


def _importer(called: ast.expr, importers: set[str]) -> bool:
    """A call of one of IMPORTERS, by any of its names here (not a method of another object that
    happens to be called import_module)."""
    return isinstance(called, (ast.Name, ast.Attribute)) and ast.unparse(called) in importers


def _absolute(name: str, level: int, module: str) -> str:
    """A relative module name (`..core`, level 2) as the absolute name it means inside `module`."""
    if not level:
        return name
    package = module.split(".")[:-level]
    return ".".join([*package, *([name] if name else [])])


def _named_in_call(node: ast.Call, module: str) -> list[str]:
    """The modules a call of one of IMPORTERS imports: its first argument, resolved against
    import_module's `package` or __import__'s `level`, with __import__'s `fromlist` as parts."""
    keywords = _keywords(node)
    dunder = ast.unparse(node.func).endswith("__import__")
    positional = dict(enumerate(node.args))
    first = positional.get(0) or next(keywords[word] for word in NAME_KEYWORDS if word in keywords)
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


# Each way of importing a module (or naming one for something else to import), and the parts of
# the package found in it: run inside saferpolitics/markdown_stage/first_hour.py.
IMPORT_WAYS = [
    ("from saferpolitics.core.problems import Problem", {"core"}),
    ("def render():\n    from saferpolitics.post_build.pdf import render_pdf", {"post_build"}),
    ("from ..post_build import csp", {"post_build"}),
    ("from saferpolitics import post_build, core", {"post_build", "core"}),
    ("import saferpolitics.post_build.pdf as pdf", {"post_build"}),
    ("pdf = importlib.import_module('saferpolitics.post_build.pdf')", {"post_build"}),
    ("csp = __import__('saferpolitics.post_build.csp')", {"post_build"}),
    ("pdf = importlib.import_module('.pdf', 'saferpolitics.post_build')", {"post_build"}),
    ("from importlib import import_module as load\npdf = load('saferpolitics.post_build.pdf')", {"post_build"}),
    ("stages = __import__('saferpolitics', fromlist=['post_build'])", {"post_build"}),
    ("pdf = importlib.import_module(name)", {"?"}),
    ("import saferpolitics\nsaferpolitics.post_build.pdf.render_pdf()", {"post_build"}),
    ("load = importlib.import_module\npdf = load('.pdf', package)", {"?"}),
    ("import saferpolitics as sp\nsp.post_build.pdf.render_pdf()", {"post_build"}),
    ("pdf = __import__('post_build', globals(), locals(), ['pdf'], 2)", {"post_build"}),
    ("pdf = sys.modules['saferpolitics.post_build.pdf']", {"post_build"}),
    ("import importlib as il\npdf = il.import_module(module)", {"?"}),
    ("import importlib as il\nload = il.import_module\npdf = load(module)", {"?"}),
    ("pdf = importlib.import_module(name=module)", {"?"}),
    ("import builtins\npdf = builtins.__import__(module)", {"?"}),
    ("render = pkgutil.resolve_name(name)", {"?"}),
    ("runpy.run_module(mod_name=name)", {"?"}),
    ("from runpy import run_path as run\nrun(path)", {"?"}),
    ("load(f'saferpolitics.post_build.{name}')", {"?"}),
    ("render = pkgutil.resolve_name('saferpolitics.post_build.pdf:render_pdf')", {"post_build"}),
    ("runpy.run_module('saferpolitics.post_build')", {"post_build"}),
    ("found = self.import_module(self.name)", set()),  # a method of another object: not an import
    ('"""Made as saferpolitics.post_build.pdf makes PDFs."""', set()),  # a docstring explains
    ("message = 'see saferpolitics.post_build.pdf'", set()),  # words, not a module's name
]


@pytest.mark.parametrize(("source", "parts"), IMPORT_WAYS, ids=[way.splitlines()[-1] for way, _ in IMPORT_WAYS])
def test_the_check_finds_every_way_of_importing_a_part(source, parts):
    found = imported_parts(source, "saferpolitics.markdown_stage.first_hour")
    assert {part for _, _, part in found} == parts
    assert all(line == len(source.splitlines()) for line, _, _ in found)  # the line that imports


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
