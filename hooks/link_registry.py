"""Stub: replaced by the feature that owns this hook."""
