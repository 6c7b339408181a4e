"""Legacy Vietnamese encodings (TCVN3, VNI) and 8-bit decoding."""

from __future__ import annotations

import importlib.util
import sys
import unicodedata
from pathlib import Path

import pytest

from tnxh_extract.readers.base import ReadError
from tnxh_extract.readers.encodings import convert_legacy, decode_bytes, detect_legacy, fix_legacy

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("make_malformed", ROOT / "fixtures" / "malformed" / "make_malformed.py")
mm = importlib.util.module_from_spec(spec)
sys.modules["make_malformed"] = mm
spec.loader.exec_module(mm)

LOWER = "aàáảãạăằắẳẵặâầấẩẫậeèéẻẽẹêềếểễệiìíỉĩịoòóỏõọôồốổỗộơờớởỡợuùúủũụưừứửữựyỳýỷỹỵđ"
SENTENCE = "Sở Lao động – Thương binh và Xã hội tỉnh Quảng Nam: có 1.793 người sử dụng trái phép chất ma túy."


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_round_trip_alphabet(enc: str) -> None:
    legacy = mm.to_legacy(LOWER, enc).decode("cp1252")
    assert convert_legacy(legacy, enc) == LOWER


def test_vni_capitals_round_trip() -> None:
    up = LOWER.upper()
    legacy = mm.to_legacy(up, "vni").decode("cp1252")
    assert convert_legacy(legacy, "vni") == up


@pytest.mark.parametrize("enc", ["tcvn3", "vni"])
def test_detect_and_fix(enc: str) -> None:
    legacy = mm.to_legacy(SENTENCE, enc).decode("cp1252")
    assert detect_legacy(legacy) == enc
    fixed, found = fix_legacy(legacy)
    assert found == enc
    if enc == "vni":
        assert fixed == SENTENCE
    else:  # TCVN3 toned capitals share the lowercase codes: only 'Sở', 'Xã' keep case here
        assert fixed.lower() == SENTENCE.lower()


@pytest.mark.parametrize(
    "text",
    [SENTENCE, "Plain ASCII text with no Vietnamese letters at all.", "Café, naïve, über — résumé", ""],
)
def test_unicode_and_foreign_text_left_alone(text: str) -> None:
    assert detect_legacy(text) is None
    assert fix_legacy(text) == (text, None)


def test_decode_cp1258_with_combining_tones() -> None:
    data = mm.to_cp1258(SENTENCE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, enc, _ = decode_bytes(data)
    assert unicodedata.normalize("NFC", text) == SENTENCE
    assert enc == "cp1258"


def test_decode_declared_charset_and_bom() -> None:
    text, enc, _ = decode_bytes(SENTENCE.encode("utf-16"))
    assert text == SENTENCE and enc == "utf-16"
    text, enc, _ = decode_bytes(mm.to_cp1258(SENTENCE), declared="windows-1258")
    assert unicodedata.normalize("NFC", text) == SENTENCE


def test_garbage_bytes_refused() -> None:
    with pytest.raises(ReadError, match="not valid UTF-8"):
        decode_bytes(bytes(range(128, 256)) * 20)
