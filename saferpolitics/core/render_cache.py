"""The render cache: files made from their inputs alone, kept between builds under a key of those inputs.

A build whose inputs have not changed reads the kept files instead of making them again: the
PDFs (WeasyPrint, most of a build's time: saferpolitics.post_build.pdf), the app icons (Pillow, a
fifth of a second), Material's purged stylesheet, each data file's schema pass (jsonschema, a
tenth of a second), the site's data as read and checked (a thirtieth), each page's verdict of
the Markdown stage's checks and whether it is long enough for "On this page" (0.2 ms a long
page), the templates compiled by Jinja (a third of a second), each page's finished HTML (the
post-build scans: 14 ms a page once the menu is long), the search index as rewritten (4 ms)
and the digest of each font file a PDF's key names (2.5 ms). A key
holds every input, the source of the code that makes the result included, and the conditions
it is made under (for a PDF: library versions and the font files fontconfig picks), so a change
to any of them makes it again. Each set of files is a folder named by its key, written under a
temporary name and renamed into place, so a kept set is whole or absent; only the newest
KEEP_LAST sets of each name stay. A cache that cannot be read or written only costs time.

It lives in a folder of its own, FOLDER beside mkdocs.yml: not under .cache/, which other tools
own and empty (Zensical's `build --clean` deletes all of .cache/).
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

KEEP_LAST = 3  # sets kept per name: enough to switch between branches without making them again
FOLDER = ".saferpolitics-cache"  # beside mkdocs.yml
# TOOLKIT_RENDER_CACHE=0 makes everything again (and keeps nothing); =<dir> keeps it there instead.
SWITCH = "TOOLKIT_RENDER_CACHE"
OLD_SWITCH = "TOOLKIT_PDF_CACHE"  # its earlier name, still read
OFF = ("0", "no", "false", "off")


def cache_dir_for(project_root: Path, environ: dict[str, str]) -> Path | None:
    """Where this build keeps what it makes, or None to make everything again."""
    switch = environ.get(SWITCH, environ.get(OLD_SWITCH, "")).strip()
    if switch.lower() in OFF:
        return None
    return Path(switch) if switch else project_root / FOLDER


def switch_note(environ: dict[str, str]) -> str | None:
    """A note for a build that sets the switch by its old name."""
    if OLD_SWITCH in environ and SWITCH not in environ:
        return (
            f"{OLD_SWITCH} is now called {SWITCH} (it switches off every kept render, not only the PDF's); "
            "the old name still works for now."
        )
    return None


def key_for(*parts: bytes | str) -> str:
    """A key that changes when any part does (each part's length goes in, so parts cannot run together)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()[:32]


@functools.cache
def package_source() -> str:
    """Our package's source and Python's version, as a key, for the key of a result that code from
    several of its modules shapes (the data read and checked, each page checked and finished):
    the 700 KB are read and hashed once, not once for each key. The key holds the code as it is
    on disk: a test that changes that code in its own process (monkeypatch) must build with
    TOOLKIT_RENDER_CACHE=0."""
    package = Path(__file__).resolve().parent.parent
    return key_for(sys.version, *(path.read_bytes() for path in sorted(package.rglob("*.py"))))


def reuse(cache_dir: Path | None, name: str, key: str, expected: set[str]) -> dict[str, bytes] | None:
    """The files kept for this key, by file name, or None unless exactly the expected files are there."""
    if cache_dir is None:
        return None
    folder = cache_dir / f"{name}-{key}"
    try:
        files = {path.name: path.read_bytes() for path in folder.iterdir()}
        os.utime(folder)  # recently used: pruned last
    except OSError:
        return None
    return files if set(files) == expected else None


def kept_or_made(
    cache_dir: Path | None, name: str, key: str, expected: set[str], make: Callable[[], dict[str, bytes]]
) -> dict[str, bytes]:
    """The files kept for this key; otherwise those make() returns (the expected ones), kept for later."""
    files = reuse(cache_dir, name, key, expected)
    if files is None:
        files = make()
        keep(cache_dir, name, key, files)
    return files


def keep(cache_dir: Path | None, name: str, key: str, files: dict[str, bytes]) -> None:
    """Keep these files for later builds, and only the newest KEEP_LAST sets of this name."""
    if cache_dir is None:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        temp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=cache_dir))
        for file_name, data in files.items():
            (temp / file_name).write_bytes(data)
        try:
            temp.rename(cache_dir / f"{name}-{key}")
        except OSError:  # another build kept the same set first
            shutil.rmtree(temp, ignore_errors=True)
        _prune(cache_dir, name, key)
    except OSError:
        pass


class KeptFiles:
    """Many small results that share their code and settings, one file each under the key of its
    own inputs (each page's finished HTML), where `kept_or_made` keeps one set of files. The folder
    is named by the shared key; `forget_unused` then leaves only what this build read or kept, so
    it holds one build's worth. Each file is written under a temporary name and renamed into place."""

    def __init__(self, cache_dir: Path | None, name: str, key: str):
        self.folder = open_folder(cache_dir, name, key)
        self.used: set[str] = set()
        self.listed: set[str] | None = None  # the folder's file names, listed once (has)

    def get(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            data = (self.folder / key).read_bytes()
        except OSError:
            return None
        self.used.add(key)
        return data

    def has(self, key: str) -> bool:
        """Whether a result is kept under key, when the result is only that it was kept (a page's
        verdict: clean). From one listing of the folder, not a file opened and read for each key:
        a key is its inputs, so a file there at the listing holds the answer still."""
        if self.folder is None:
            return False
        if self.listed is None:
            try:
                self.listed = set(os.listdir(self.folder))
            except OSError:
                self.listed = set()
        if key in self.listed:
            self.used.add(key)
            return True
        return False

    def put(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        try:
            handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=self.folder)
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.replace(temp, self.folder / key)
            self.used.add(key)
            if self.listed is not None:
                self.listed.add(key)
        except OSError:
            pass

    def made(self, key: str, make: Callable[[], bytes]) -> bytes:
        """The result kept under key; otherwise what make() returns, kept."""
        data = self.get(key)
        if data is None:
            data = make()
            self.put(key, data)
        return data

    def forget_unused(self) -> None:
        """Delete the results this build neither read nor kept, and temporary files an hour old
        (left by a build that stopped half way; a younger one may be another build's, writing)."""
        if self.folder is None:
            return
        try:
            paths = list(self.folder.iterdir())
        except OSError:
            return
        for path in paths:
            try:
                if path.name not in self.used and (
                    not path.name.startswith(".tmp-") or time.time() - path.stat().st_mtime > 3600
                ):
                    path.unlink(missing_ok=True)
            except OSError:  # another build's file, gone or not ours to delete: it only costs time
                pass


def open_folder(cache_dir: Path | None, name: str, key: str) -> Path | None:
    """A folder for this key that a writer fills file by file, each file written whole and checked
    by its reader (Jinja's compiled templates); None without a cache or where it cannot be made."""
    if cache_dir is None:
        return None
    folder = cache_dir / f"{name}-{key}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        os.utime(folder)
        _prune(cache_dir, name, key)
    except OSError:
        return None
    return folder


def _prune(cache_dir: Path, name: str, key: str) -> None:
    """Only the newest KEEP_LAST sets of this name stay, this key's among them."""
    others = [
        p
        for p in cache_dir.glob(f"{name}-*")
        if p.is_dir() and p.name.rsplit("-", 1)[0] == name and p.name != f"{name}-{key}"
    ]
    for stale in sorted(others, key=lambda p: p.stat().st_mtime, reverse=True)[KEEP_LAST - 1 :]:
        shutil.rmtree(stale, ignore_errors=True)
