"""Maintainers' tools outside the build: the live link check."""
