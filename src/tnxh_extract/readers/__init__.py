"""Readers: one per input format, each returning a `Text` (see base.py)."""
