import re
import unicodedata
from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpora" / "normalize.tsv"


def _cases():
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        raw, expected = line.split("\t")
        yield _unescape(raw), _unescape(expected)


def _unescape(s: str) -> str:
    s = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m.group(1), 16)), s)
    return s.replace("\\r", "\r").replace("\\n", "\n")


@pytest.mark.parametrize("raw,expected", list(_cases()))
def test_corpus(raw, expected):
    assert normalize(raw) == expected


def test_nfd_input_becomes_nfc():
    text = unicodedata.normalize("NFD", "Quảng Nam, người nghiện")
    assert normalize(text) == "Quảng Nam, người nghiện"


@pytest.mark.parametrize("text", ["Hoà Bình và khoẻ", "a\r\n\r\n\r\nb  c", "huyệnQuế Sơn"])
def test_idempotent(text):
    once = normalize(text)
    assert normalize(once) == once
