"""An installed Python package's version and metadata, read as lines.

`importlib.metadata.version()` parses a package's METADATA with the email package: a millisecond
a package, and three more to import the parser the first time, on every build (the edition the
PDF and the cards print, jsonschema's version in the data's cache key, WeasyPrint's packages in
the PDF's). The headers come first, one a line, up to the first blank line: reading them so gives
the same values.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution


def headers(package: str) -> list[tuple[str, str]]:
    """The (name, value) headers of an installed package's metadata; PackageNotFoundError if it is
    not installed."""
    found = distribution(package)
    text = found.read_text("METADATA") or found.read_text("PKG-INFO") or ""
    header = text.split("\n\n", 1)[0]
    return [(name, value.strip()) for name, _, value in (line.partition(":") for line in header.splitlines())]


def version(package: str) -> str:
    """An installed package's version, as importlib.metadata.version gives it; PackageNotFoundError
    if it is not installed, or its metadata names no version (a broken install)."""
    for name, value in headers(package):
        if name == "Version":
            return value
    raise PackageNotFoundError(package)
