"""Bytes to text: Unicode encodings, Windows-1258, and the legacy TCVN3 (ABC) and VNI fonts.

`decode_bytes` picks the encoding (BOM, a declared charset, strict UTF-8, then candidates
scored by how Vietnamese the result reads, charset-normalizer last) and raises ReadError
when nothing fits. `fix_legacy` converts text that is clearly TCVN3 or VNI mis-read as
Windows-1252/Latin-1 (tables in gazetteers/legacy_encodings.json) and leaves anything else
alone.
"""

from __future__ import annotations

import codecs
import unicodedata
from functools import cache

import regex

from ..lexicon import load_json
from .base import ReadError

# The Vietnamese alphabet beyond ASCII, in NFC.
_VI_LETTERS = frozenset(
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
# Letters only Unicode Vietnamese has (never produced by a Latin-1 mis-read).
_UNICODE_ONLY = regex.compile(r"[ăĂđĐơƠưƯĩĨũŨ\u1ea0-\u1ef9]")
_COMMON_PUNCT = frozenset("–—‘’“”…•·€©®°«»×±½¼¾²³µ§¶")


@cache
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load_json("legacy_encodings.json")
    return dict(data["tcvn3"]), dict(data["vni"])


@cache
def _vni_regex() -> regex.Pattern[str]:
    _, vni = _tables()
    keys = sorted(vni, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(k) for k in keys))


@cache
def _tcvn3_marks() -> frozenset[str]:
    """TCVN3 codes that are not letters of Unicode Vietnamese: their presence is the tell."""
    tcvn, _ = _tables()
    return frozenset(c for c in tcvn if c not in _VI_LETTERS)


_VNI_MARKS = frozenset("øûïüëäåöñæîØÛÏÜËÄÅÖÑÆÎ")


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha()) or 1


def detect_legacy(text: str) -> str | None:
    """'tcvn3' or 'vni' when `text` is clearly in that legacy font encoding, else None."""
    sample = text[:200_000]
    if len(_UNICODE_ONLY.findall(sample)) > 2:
        return None  # real Unicode Vietnamese
    n = _letters(sample)
    marks_t = sum(1 for c in sample if c in _tcvn3_marks())
    marks_v = len(_vni_regex().findall(sample)) if any(c in _VNI_MARKS for c in sample) else 0
    marks_v_strict = sum(1 for c in sample if c in _VNI_MARKS)
    if marks_v_strict >= 3 and marks_v_strict / n >= 0.01 and marks_v >= marks_t:
        return "vni"
    if marks_t >= 3 and marks_t / n >= 0.01:
        return "tcvn3"
    return None


def convert_legacy(text: str, encoding: str) -> str:
    tcvn, vni = _tables()
    if encoding == "tcvn3":
        return unicodedata.normalize("NFC", "".join(tcvn.get(c, c) for c in text))
    if encoding == "vni":
        return unicodedata.normalize("NFC", _vni_regex().sub(lambda m: vni[m.group(0)], text))
    raise ValueError(f"unknown legacy encoding {encoding!r}")


def fix_legacy(text: str) -> tuple[str, str | None]:
    """Convert `text` from TCVN3/VNI when it is clearly in one of them; else return it as is."""
    enc = detect_legacy(text)
    if enc is None:
        return text, None
    return convert_legacy(text, enc), enc


def vietnamese_score(text: str) -> float:
    """Share of non-ASCII characters that belong to written Vietnamese (after NFC)."""
    t = unicodedata.normalize("NFC", text[:200_000])
    high = [c for c in t if ord(c) > 127 and not c.isspace()]
    if not high:
        return 1.0
    good = sum(1 for c in high if c in _VI_LETTERS or c in _COMMON_PUNCT)
    return good / len(high)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 8:
        return None
    even = head[0::2].count(0) / (len(head) / 2)
    odd = head[1::2].count(0) / (len(head) / 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _codec(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, *, source: str = "<bytes>", declared: str | None = None) -> tuple[str, str, list[str]]:
    """Decode `data`; return (text, encoding name, warnings) or raise ReadError saying why."""
    warnings: list[str] = []
    enc = bom_encoding(data) or _utf16_without_bom(data)
    if enc:
        try:
            return _post(data.decode(enc), enc, warnings)
        except UnicodeDecodeError as e:
            raise ReadError(f"{source}: starts as {enc} but is not valid {enc} ({e.reason} at byte {e.start})") from e
    if declared and (dec := _codec(declared)):
        if dec in ("ascii", "latin-1", "iso8859-1"):
            dec = "cp1252"  # browsers read these labels as windows-1252
        try:
            text = data.decode(dec)
            if dec.startswith("utf") or vietnamese_score(text) >= 0.9 or detect_legacy(text):
                return _post(text, dec, warnings)
            warnings.append(f"declared charset {declared} does not fit the bytes; guessed instead")
        except UnicodeDecodeError:
            warnings.append(f"declared charset {declared} does not fit the bytes; guessed instead")
    try:
        return _post(data.decode("utf-8"), "utf-8", warnings)
    except UnicodeDecodeError:
        pass
    # mostly UTF-8 with a few damaged bytes: keep it, say so
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    non_ascii = sum(1 for c in loose if ord(c) > 127) or 1
    multibyte_ok = non_ascii - bad
    if multibyte_ok > 0 and bad <= max(3, 0.02 * multibyte_ok) and vietnamese_score(loose.replace("\ufffd", "")) >= 0.9:
        warnings.append(f"{bad} invalid UTF-8 byte sequence(s) replaced with U+FFFD")
        return _post(loose, "utf-8", warnings)
    # 8-bit candidates, scored by how Vietnamese they read
    best: tuple[float, str, str] | None = None
    for cand in ("cp1258", "cp1252", "latin-1"):
        try:
            text = data.decode(cand)
        except UnicodeDecodeError:
            continue
        legacy = detect_legacy(text)
        if legacy:
            text = convert_legacy(text, legacy)
        score = vietnamese_score(text)
        if best is None or score > best[0]:
            best = (score, cand if not legacy else f"{legacy} (read as {cand})", text)
    if best and best[0] >= 0.95:
        if not best[1].startswith("cp1258"):
            warnings.append(f"decoded as {best[1]}")
        if best[1].startswith(("tcvn3", "vni")):
            warnings.append(f"converted from legacy encoding {best[1].split()[0]}")
        return _post(best[2], best[1], warnings)
    try:
        from charset_normalizer import from_bytes

        guess = from_bytes(data).best()
    except Exception:  # noqa: BLE001 - the detector's own failure is just "no guess"
        guess = None
    if guess is not None and guess.encoding:
        text = str(guess)
        if vietnamese_score(text) >= 0.9:
            warnings.append(f"encoding guessed as {guess.encoding}")
            return _post(text, guess.encoding, warnings)
    raise ReadError(
        f"{source}: not valid UTF-8 ({bad} bad byte sequence(s)) and no Vietnamese encoding "
        "(Windows-1258, TCVN3, VNI) fits the bytes"
    )


def _post(text: str, enc: str, warnings: list[str]) -> tuple[str, str, list[str]]:
    if "\x00" in text:
        n = text.count("\x00")
        text = text.replace("\x00", "")
        warnings.append(f"{n} NUL character(s) removed")
    if not enc.startswith(("tcvn3", "vni")):
        fixed, legacy = fix_legacy(text)
        if legacy:
            warnings.append(f"converted from legacy encoding {legacy}")
            text, enc = fixed, f"{legacy} (in {enc})"
    return text, enc, warnings


__all__ = [
    "bom_encoding",
    "convert_legacy",
    "decode_bytes",
    "detect_legacy",
    "fix_legacy",
    "vietnamese_score",
]
