"""Shared by every stage: maintainers' problems (file, line, hint), data files read with their lines,
and their JSON Schemas."""
