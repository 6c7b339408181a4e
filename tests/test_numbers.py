"""numbers.parse / numbers.find against the hand-checked corpus fixtures/corpora/numerals.tsv."""

from __future__ import annotations

from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize
from tnxh_extract.numbers import NumberSpan, find, parse

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpora" / "numerals.tsv"


def _rows(kind: str) -> list[tuple[str, str]]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        k, text, expected = line.split("\t")
        if k == kind:
            rows.append((text, expected))
    return rows


def _num(x: float) -> str:
    return str(int(x)) if x == int(x) else repr(x)


def _describe(span: NumberSpan) -> str:
    """The corpus notation of one span: VALUE[..MAX][%][w]."""
    out = _num(span.value)
    if span.value_max is not None:
        out += f"..{_num(span.value_max)}"
    return out + ("%" if span.is_percent else "") + ("w" if span.words else "")


def test_corpus_is_big_enough():
    assert len(_rows("parse")) + len(_rows("find")) >= 150


@pytest.mark.parametrize(("text", "expected"), _rows("parse"))
def test_parse(text: str, expected: str):
    got = parse(normalize(text))
    if expected == "None":
        assert got is None
    else:
        assert got == pytest.approx(float(expected))


@pytest.mark.parametrize(("text", "expected"), _rows("find"))
def test_find(text: str, expected: str):
    norm = normalize(text)
    spans = find(norm)
    want = [] if expected == "-" else [e.strip() for e in expected.split(";")]
    assert [_describe(s) for s in spans] == want
    for s in spans:
        assert norm[s.start:s.end] == s.text


def test_offsets_and_range_span():
    text = "Mỗi lớp từ 15 đến 20 người, đạt 67,4% KH"
    spans = find(text)
    assert [(s.text, s.start) for s in spans] == [("từ 15 đến 20", 8), ("67,4%", 32)]


def test_slash_pair_gives_two_spans():
    spans = find("809/1.200 người")
    assert [(s.text, s.value) for s in spans] == [("809", 809.0), ("1.200", 1200.0)]


def test_spans_do_not_overlap_and_are_ordered():
    text = normalize(open(CORPUS, encoding="utf-8").read())
    spans = find(text)
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))


@pytest.mark.parametrize("chunk", ["1.1.", "1/1/", "1,1.", "hai ", "hai - ", "1-1-", "ngày 1/1 ", "1 giờ - "])
def test_hostile_repetitions_complete(chunk: str):
    """Long runs of number-like material complete with well-formed spans. How the time
    grows with the input is measured by benchmarks/bench_pathological.py, not here."""
    text = chunk * (200_000 // len(chunk))
    spans = find(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
