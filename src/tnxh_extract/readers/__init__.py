"""Readers: one per input format, each returning a `Text` (see base.py).

    read(source)            a path, a PathLike or raw bytes; sniffed, then text/html/pdf
    read_text_string(s)     an already decoded string of scraped page text

Anything that cannot be read raises `ReadError` with a human reason.
"""

from __future__ import annotations

import os
from pathlib import Path

from .base import Cell, ReadError, Section, Table, Text
from .detect import sniff, sniff_binary
from .text import read_text_string

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs larger than this are refused ("too large"); override per call or with $TNXH_MAX_BYTES."""


def _max_bytes(max_bytes: int | None) -> int:
    if max_bytes is not None:
        return max_bytes
    env = os.environ.get("TNXH_MAX_BYTES")
    if env and env.isdigit():
        return int(env)
    return DEFAULT_MAX_BYTES


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def read(
    source: str | os.PathLike[str] | bytes,
    *,
    name: str | None = None,
    max_bytes: int | None = None,
) -> Text:
    """Read a file (path) or raw bytes into a `Text`; raise ReadError saying why not.

    `name` is the source name recorded in the Text (and whose extension helps the sniffing)
    when `source` is bytes; for a path it defaults to the path as given.
    """
    limit = _max_bytes(max_bytes)
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
        if len(data) > limit:
            raise ReadError(f"{label}: too large ({_mb(len(data))}, limit {_mb(limit)})")
    elif isinstance(source, (str, os.PathLike)):
        path = Path(source)
        label = name or str(source)
        if isinstance(source, str) and ("\n" in source or source.lstrip().startswith("<")) and not path.exists():
            raise ReadError(
                f"{label[:60]!r}...: not a file path; use read_text_string() for text or pass bytes"
            )
        try:
            st = path.stat()
        except FileNotFoundError:
            raise ReadError(f"{label}: no such file") from None
        except OSError as e:
            raise ReadError(f"{label}: cannot access ({e.strerror or e})") from None
        if path.is_dir():
            raise ReadError(f"{label}: is a directory, not a file")
        if st.st_size > limit:
            raise ReadError(f"{label}: too large ({_mb(st.st_size)}, limit {_mb(limit)})")
        try:
            data = path.read_bytes()
        except OSError as e:
            raise ReadError(f"{label}: cannot read ({e.strerror or e})") from None
    else:
        raise TypeError(f"read() takes a path or bytes, not {type(source).__name__}")
    return read_bytes(data, label)


def read_bytes(data: bytes, label: str) -> Text:
    """Dispatch raw bytes (already size-checked) to the right reader."""
    suffix = Path(label).suffix.lower() if label and not label.startswith("<") else ""
    if not data:
        raise ReadError(f"{label}: empty file (0 bytes)")
    if not data.strip(b" \t\r\n\f\v"):
        raise ReadError(f"{label}: only whitespace, no text")
    head = data[:8192]
    kind_pdf = b"%PDF-" in head[:1024]
    if not kind_pdf:
        what = sniff_binary(head)
        if what:
            expected = {".pdf": "a PDF", ".html": "HTML", ".htm": "HTML", ".txt": "text"}.get(suffix)
            named = f" named {suffix} but" if expected else ""
            raise ReadError(f"{label}:{named} is {what}, not a readable article (text, HTML or PDF)")
        if suffix == ".pdf":
            raise ReadError(f"{label}: named .pdf but is not a PDF (no %PDF header)")
    kind = sniff(head, suffix)
    if kind == "pdf":
        from .pdf import read_pdf_bytes

        return read_pdf_bytes(data, label)
    if kind == "html":
        from .html import read_html_bytes

        return read_html_bytes(data, label)
    from .text import read_text_bytes

    return read_text_bytes(data, label)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "Cell",
    "ReadError",
    "Section",
    "Table",
    "Text",
    "read",
    "read_bytes",
    "read_text_string",
]
