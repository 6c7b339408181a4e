"""What a file is: content sniffing first (magic bytes, markup), the extension second."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["text", "html", "pdf"]

# Formats we recognise only to refuse them with a clear name.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.odt)"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (.doc/.xls)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file (WebP/WAV/AVI)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "an executable (ELF)"),
    (b"MZ", "an executable (Windows)"),
    (b"ID3", "an MP3 audio file"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_HTML = re.compile(
    rb"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<meta\s|<title[\s>]|<div[\s>]|<p[\s>]|<article[\s>]|<table[\s>]|<br\s*/?>",
    re.I,
)
_TEXT_EXT = {".txt", ".text", ".md", ".csv", ".tsv", ""}
_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx"}


def sniff_binary(head: bytes) -> str | None:
    """A description of a non-text format, or None when `head` could be text."""
    for magic, what in _MAGIC:
        if head.startswith(magic):
            if magic == b"MZ" and not _looks_binary(head):
                continue  # a text that happens to start with "MZ"
            return what
    if _looks_binary(head):
        return "binary data"
    return None


def _looks_binary(head: bytes) -> bool:
    from .encodings import bom_encoding

    if not head or bom_encoding(head) in ("utf-16", "utf-32"):
        return False
    sample = head[:8192]
    # UTF-16 without a BOM: NULs in every other byte
    if len(sample) >= 8:
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) / 2
        if (odd > 0.3 * half and even < 0.05 * half) or (even > 0.3 * half and odd < 0.05 * half):
            return False
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return control / len(sample) > 0.05


def sniff(head: bytes, suffix: str) -> Kind:
    """Decide the reader: %PDF anywhere in the first KB, markup in the first 4 KB, else text.

    Raises nothing: refusing binaries is `sniff_binary`'s job, run first.
    """
    from .encodings import bom_encoding

    if b"%PDF-" in head[:1024]:
        return "pdf"
    probe = head[:4096]
    enc = bom_encoding(probe)
    if enc in ("utf-16", "utf-32"):
        try:
            probe = probe.decode(enc, errors="ignore").encode("utf-8")
        except Exception:  # noqa: BLE001
            pass
    if _HTML.search(probe):
        return "html"
    suffix = suffix.lower()
    if suffix in _HTML_EXT and b"<" in probe and b">" in probe:
        return "html"
    return "text"


__all__ = ["Kind", "sniff", "sniff_binary"]
