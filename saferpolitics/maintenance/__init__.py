"""Maintainers' tools outside the build: the live link check and the readability score."""
