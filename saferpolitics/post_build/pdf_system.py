"""The system parts a PDF render depends on beyond its own files: libraries and the fonts fontconfig picks.

Two uses. `conditions()` goes into every render's cache key (saferpolitics.post_build.pdf), so a
kept PDF is reused only where it would come out the same: the versions of WeasyPrint and the
Python packages it uses, of Pango, HarfBuzz, FreeType and fontconfig, every font file fontconfig
can offer (a glyph the asked-for font lacks comes from another), and the file fontconfig picks
for each family, weight and slant the stylesheets ask for. `preflight()` stops a build before
any work when a part is missing, naming it and the command that installs it: without it
WeasyPrint crashes (a segmentation fault when no font is installed) or quietly lays out with
another font, and a crisis card then takes two pages.

Everything is read with ctypes, as WeasyPrint finds the same libraries, without importing
WeasyPrint (0.4 s): a build whose PDFs are all kept needs the key but never the engine.

A build asks through one `Snapshot`: preflight and every render's key then share each answer
(the versions, the fonts offered, each family's file) instead of each asking the machine again,
and a used font file's digest is kept in the render cache while the file is unchanged.
"""

from __future__ import annotations

import ctypes
import functools
import hashlib
import os
import re
from collections.abc import Callable, Sequence
from importlib.metadata import PackageNotFoundError
from pathlib import Path
from typing import NamedTuple, TypeVar

from saferpolitics.core import installed, render_cache
from saferpolitics.core.problems import Problem, display_path
from saferpolitics.core.source_lines import line_of

# Each library under the names WeasyPrint tries (saferpolitics cannot ask it without importing it).
LIBRARIES = {
    "pango": ("libpango-1.0.so.0", "libpango-1.0.dylib", "libpango-1.0-0.dll"),
    "pangoft2": ("libpangoft2-1.0.so.0", "libpangoft2-1.0.dylib", "libpangoft2-1.0-0.dll"),
    "harfbuzz": ("libharfbuzz.so.0", "libharfbuzz.0.dylib", "libharfbuzz-0.dll"),
    "fontconfig": ("libfontconfig.so.1", "libfontconfig.1.dylib", "libfontconfig-1.dll"),
    "freetype": ("libfreetype.so.6", "libfreetype.6.dylib", "libfreetype-6.dll"),
}
# Optional: WeasyPrint subsets fonts with it when it is there, with fontTools otherwise (other bytes).
HARFBUZZ_SUBSET = ("libharfbuzz-subset.so.0", "libharfbuzz-subset.0.dylib", "libharfbuzz-subset-0.dll")
ENGINE_INSTALL = "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"
PYTHON_INSTALL = ".venv/bin/pip install --require-hashes -r requirements.lock (or `make site`)"
# The Debian package of each font our stylesheets ask for first.
FONT_PACKAGES = {
    "Liberation Sans": "fonts-liberation",
    "Liberation Serif": "fonts-liberation",
    "Liberation Mono": "fonts-liberation",
    "DejaVu Sans": "fonts-dejavu-core",
    "DejaVu Sans Mono": "fonts-dejavu-core",
}
T = TypeVar("T")
# How Snapshot.font_file keeps a digest: a change here must not reuse a digest kept another way.
FONT_DIGESTS = "sha256, first 16 hex digits"
NO_FONTS = Problem(
    "fonts",
    None,
    "fontconfig finds no fonts at all, and the PDF engine cannot lay out text without one",
    "sudo apt-get install fonts-liberation (and check FONTCONFIG_FILE, if it is set, names a configuration with fonts)",
)
# Each family is looked up in the four faces a page uses.
FACES = ("", ":weight=bold", ":slant=italic", ":weight=bold:slant=italic")
GENERIC_FAMILIES = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji", "fangsong"}
# font-family declarations, and custom properties that hold a font stack (Material's --md-text-font-family).
FONT_DECLARATION = re.compile(r"(?:font-family|--[\w-]*font[\w-]*)\s*:\s*([^;}]+)", re.IGNORECASE)


def font_stacks(css: str) -> list[list[str]]:
    """The font stacks a stylesheet asks for, in order, each as the families fontconfig is asked for."""
    stacks = []
    for match in FONT_DECLARATION.finditer(css):
        names = [name.strip().strip("\"'").strip() for name in match[1].split(",")]
        # Left out: var() and other functions, vendors' system fonts (-apple-system), generic names.
        stack = [
            n
            for n in names
            if n and not n.startswith("-") and not {"(", ")"} & set(n) and n.lower() not in GENERIC_FAMILIES
        ]
        if stack and stack[0].lower() not in ("inherit", "initial", "unset", "revert"):
            stacks.append(stack)
    return stacks


def _library(names: tuple[str, ...]) -> ctypes.CDLL:
    for name in names:
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    raise OSError(f"none of {', '.join(names)} could be loaded")


@functools.cache
def _fontconfig() -> ctypes.CDLL:
    fc = _library(LIBRARIES["fontconfig"])
    pointer = ctypes.c_void_p
    fc.FcNameParse.restype, fc.FcNameParse.argtypes = pointer, [ctypes.c_char_p]
    fc.FcConfigSubstitute.argtypes = [pointer, pointer, ctypes.c_int]
    fc.FcDefaultSubstitute.argtypes = [pointer]
    fc.FcFontMatch.restype, fc.FcFontMatch.argtypes = pointer, [pointer, pointer, ctypes.POINTER(ctypes.c_int)]
    fc.FcPatternGetString.argtypes = [pointer, ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
    fc.FcPatternDestroy.argtypes = [pointer]
    fc.FcPatternCreate.restype = pointer
    fc.FcObjectSetCreate.restype = pointer
    fc.FcObjectSetAdd.argtypes = [pointer, ctypes.c_char_p]
    fc.FcObjectSetDestroy.argtypes = [pointer]
    fc.FcFontList.restype, fc.FcFontList.argtypes = ctypes.POINTER(_FontSet), [pointer, pointer, pointer]
    fc.FcFontSetDestroy.argtypes = [ctypes.POINTER(_FontSet)]
    return fc


class _FontSet(ctypes.Structure):
    _fields_ = [("nfont", ctypes.c_int), ("sfont", ctypes.c_int), ("fonts", ctypes.POINTER(ctypes.c_void_p))]


def _string(fc: ctypes.CDLL, pattern: int, name: bytes) -> str:
    value = ctypes.c_char_p()
    if fc.FcPatternGetString(pattern, name, 0, ctypes.byref(value)) != 0 or value.value is None:
        return ""
    return value.value.decode("utf-8", "replace")


def installed_fonts() -> list[str]:
    """Every font file fontconfig can offer (this process's configuration: FONTCONFIG_FILE...)."""
    fc = _fontconfig()
    pattern, objects = fc.FcPatternCreate(), fc.FcObjectSetCreate()
    fc.FcObjectSetAdd(objects, b"file")
    found = fc.FcFontList(None, pattern, objects)
    try:
        return (
            sorted({_string(fc, found.contents.fonts[i], b"file") for i in range(found.contents.nfont)} - {""})
            if found
            else []
        )
    finally:
        if found:
            fc.FcFontSetDestroy(found)
        fc.FcObjectSetDestroy(objects)
        fc.FcPatternDestroy(pattern)


class FontMatch(NamedTuple):
    asked: str  # a family and face, e.g. "Liberation Sans:weight=bold"
    family: str  # the family of the font fontconfig picks ("" when it picks none)
    file: str

    @property
    def exact(self) -> bool:
        return self.family.casefold() == self.asked.split(":")[0].casefold()


def resolve(family: str, face: str = "") -> FontMatch:
    """The font file fontconfig picks for a family and face, as Pango asks for it."""
    fc = _fontconfig()
    escaped = re.sub(r"([-:,\\])", r"\\\1", family)  # fontconfig's name syntax: "-" starts a size, ":" a property
    pattern = fc.FcNameParse(f"{escaped}{face}".encode())
    fc.FcConfigSubstitute(None, pattern, 0)  # FcMatchPattern: the configuration's aliases
    fc.FcDefaultSubstitute(pattern)
    result = ctypes.c_int()
    match = fc.FcFontMatch(None, pattern, ctypes.byref(result))
    fc.FcPatternDestroy(pattern)
    if not match:
        return FontMatch(family + face, "", "")
    try:
        return FontMatch(family + face, _string(fc, match, b"family"), _string(fc, match, b"file"))
    finally:
        fc.FcPatternDestroy(match)


def _file_digest(path: str) -> str:
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    except OSError:
        return "unreadable"


def _stamp(path: str) -> str:
    """A font file fontconfig offers, by its size and time: a desktop has thousands, and reading
    them all would cost seconds (a font that is used is known by its bytes: Snapshot.font_file)."""
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path} missing"
    return f"{path} {stat.st_size} {stat.st_mtime_ns}"


def library_versions() -> dict[str, str]:
    """The versions of the system libraries that lay out and write a PDF; OSError if one is missing."""
    pango = _library(LIBRARIES["pango"])
    pango.pango_version_string.restype = ctypes.c_char_p
    harfbuzz = _library(LIBRARIES["harfbuzz"])
    harfbuzz.hb_version_string.restype = ctypes.c_char_p
    _library(LIBRARIES["pangoft2"])
    freetype = _library(LIBRARIES["freetype"])
    handle, parts = ctypes.c_void_p(), [ctypes.c_int() for _ in range(3)]
    if freetype.FT_Init_FreeType(ctypes.byref(handle)) == 0:
        freetype.FT_Library_Version(handle, *(ctypes.byref(p) for p in parts))
        freetype.FT_Done_FreeType(handle)
    try:
        _library(HARFBUZZ_SUBSET)
        subset = "harfbuzz"
    except OSError:
        subset = "fonttools"
    return {
        "pango": pango.pango_version_string().decode(),
        "harfbuzz": harfbuzz.hb_version_string().decode(),
        "freetype": ".".join(str(p.value) for p in parts),
        "fontconfig": str(_fontconfig().FcGetVersion()),
        "font subsetter": subset,
    }


def package_versions() -> dict[str, str]:
    """WeasyPrint's version, pikepdf's (it writes the final file: pdf.compact) and those of the Python
    packages WeasyPrint uses; PackageNotFoundError if one is missing."""
    weasyprint = installed.headers("weasyprint")
    names = ["weasyprint", "pikepdf"] + [
        re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0]
        for name, requirement in weasyprint
        if name == "Requires-Dist" and "extra ==" not in requirement
    ]
    return {name: installed.version(name) for name in names}


class Snapshot:
    """The system as one build finds it: each question above asked once, and the same answer for
    every check and key of the build that asks it again (preflight, then each PDF's key: the
    crisis cards' and the toolkit's). Make one per build and never keep it longer: a font or
    package installed between two builds of `mkdocs serve` must change the next build's keys.
    A question that raises (a part missing) is not kept: asked again, it raises again."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self._answers: dict[tuple, object] = {}
        self._cache_dir = cache_dir  # the render cache, where font_file keeps each file's digest
        self._digests: render_cache.KeptFiles | None = None  # opened when first needed

    def _once(self, question: tuple, ask: Callable[[], T]) -> T:
        if question not in self._answers:
            self._answers[question] = ask()
        return self._answers[question]

    def package_versions(self) -> dict[str, str]:
        return self._once(("packages",), package_versions)

    def library_versions(self) -> dict[str, str]:
        return self._once(("libraries",), library_versions)

    def installed_fonts(self) -> list[str]:
        return self._once(("fonts",), installed_fonts)

    def resolve(self, family: str, face: str = "") -> FontMatch:
        return self._once(("resolve", family, face), lambda: resolve(family, face))

    def conditions(self, stacks: Sequence[Sequence[str]]) -> str:
        """`conditions` for these stacks, once: the two crisis cards load the same stylesheets."""
        asked = tuple(map(tuple, stacks))
        return self._once(("conditions", asked), lambda: conditions(asked, self))

    def font_file(self, path: str) -> str:
        """A font file that is used, by its bytes: "path digest", or "path missing". Hashing the
        card's eight files cost 2.5 ms a build, so each digest is kept in the render cache under
        what the system says of the file: device, inode, size, modification and change time.
        Writing to the file or putting another in its place changes its change time, which no
        program can set back (as it can the modification time): a changed font is hashed again."""
        return self._once(("font file", path), lambda: self._font_file(path))

    def _font_file(self, path: str) -> str:
        try:
            stat = os.stat(path)
        except OSError:
            return f"{path} missing"
        if self._digests is None:
            self._digests = render_cache.KeptFiles(self._cache_dir, "font-digests", FONT_DIGESTS)
        key = render_cache.key_for(
            path, *map(str, (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns))
        )
        return f"{path} {self._digests.made(key, lambda: _file_digest(path).encode()).decode()}"

    def forget_unused(self) -> None:
        """Once the build's PDFs are made: only the digests it used stay kept."""
        if self._digests is not None:
            self._digests.forget_unused()


def conditions(stacks: Sequence[Sequence[str]], system: Snapshot | None = None) -> str:
    """Everything beyond the document's files that decides its PDF, as text for a cache key.
    system: the build's Snapshot; a new one (every question asked now) when not given."""
    system = system or Snapshot()
    lines = [f"{name} {value}" for name, value in {**system.package_versions(), **system.library_versions()}.items()]
    lines += [f"offered: {_stamp(path)}" for path in system.installed_fonts()]
    for family in dict.fromkeys(family for stack in stacks for family in stack):
        for face in FACES:
            match = system.resolve(family, face)
            lines.append(f"{match.asked} -> {match.family}: {system.font_file(match.file) if match.file else 'none'}")
    return "\n".join(lines)


def preflight(stylesheets: list[Path], root: Path, system: Snapshot | None = None) -> list[Problem]:
    """What is missing for a PDF to come out as designed, each with the command that installs it:
    WeasyPrint's Python packages, the system libraries, any font at all, and the font each of our
    stylesheets asks for first (fontconfig would give another, with other widths). system: the
    build's Snapshot, whose answers its PDFs' keys use again."""
    system = system or Snapshot()
    problems = []
    try:
        system.package_versions()
    except PackageNotFoundError as error:
        problems.append(
            Problem(
                "requirements.lock",
                None,
                f"the Python package {error} is not installed, and the PDF needs it",
                PYTHON_INSTALL,
            )
        )
    try:
        system.library_versions()
    except OSError as error:
        problems.append(
            Problem("system libraries", None, f"the PDF engine needs Pango and its libraries: {error}", ENGINE_INSTALL)
        )
        return problems  # fontconfig comes with them: no fonts can be asked for
    if not system.installed_fonts():
        return [*problems, NO_FONTS]
    for stylesheet in stylesheets:
        text = stylesheet.read_text(encoding="utf-8")
        for stack in font_stacks(text):
            match = system.resolve(stack[0])
            if not match.exact:
                instead = f"fontconfig would use {match.family}" if match.family else "fontconfig has nothing to use"
                package = FONT_PACKAGES.get(stack[0])
                problems.append(
                    Problem(
                        display_path(stylesheet, root),
                        line_of(text, stack[0], stylesheet.name),
                        f'asks for the font "{stack[0]}", which is not installed: {instead}, with other letter widths, '
                        "so the PDF and the crisis cards would not come out as designed (a card may take two pages)",
                        f"sudo apt-get install {package}" if package else f'install the font "{stack[0]}"',
                    )
                )
    return list(dict.fromkeys(problems))
