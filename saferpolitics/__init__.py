"""Python behind the Safer Politics toolkit: data loading, validation and rendering.

Hooks in ../hooks are thin wrappers around this package, so the logic can be tested directly
and survives a move to another generator that reads mkdocs.yml.
"""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
