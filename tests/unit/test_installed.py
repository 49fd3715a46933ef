"""A package's version read from its metadata's lines is the one importlib.metadata gives."""

import importlib.metadata

import pytest

from saferpolitics.core import installed


@pytest.mark.parametrize("package", ["safer-politics-toolkit", "jsonschema", "weasyprint", "pydyf"])
def test_the_version_is_importlib_metadatas(package):
    assert installed.version(package) == importlib.metadata.version(package)


def test_a_package_that_is_not_installed_says_so():
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        installed.version("no-such-package-here")


def test_a_package_whose_metadata_names_no_version_is_not_installed(monkeypatch):
    """A review: a broken install's metadata with no Version line raised StopIteration, which the
    PDF step's handling of a missing package does not catch."""
    monkeypatch.setattr(installed, "headers", lambda package: [("Name", package)])
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        installed.version("weasyprint")
