"""periods.find against the hand-checked corpus fixtures/corpora/periods.jsonl."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize
from tnxh_extract.periods import PeriodSpan, find

CORPUS = Path(__file__).resolve().parents[1] / "fixtures" / "corpora" / "periods.jsonl"


def _cases() -> list[dict]:
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _as_dict(span: PeriodSpan) -> dict:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {"text": span.text, "kind": span.kind, "start_date": iso(span.start_date),
            "end_date": iso(span.end_date), "year": span.year, "relative": span.relative}


def test_corpus_is_big_enough():
    assert len(_cases()) >= 60


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["text"][:40])
def test_find(case: dict):
    text = normalize(case["text"])
    published = dt.date.fromisoformat(case["published"]) if case["published"] else None
    spans = find(text, published=published)
    assert [_as_dict(s) for s in spans] == case["spans"]
    for s in spans:
        assert text[s.start:s.end] == s.text


def test_offsets_in_running_text():
    text = "Thực hiện nhiệm vụ 6 tháng đầu năm 2023, Sở Lao động"
    (span,) = find(text)
    assert (span.start, span.end) == (19, 39)


def test_published_may_be_iso_string():
    (span,) = find("năm nay", published="2020-05-05")
    assert span.year == 2020


@pytest.mark.parametrize("chunk", ["1.1.", "1/1/", "1-1-", "năm ", "hai ", "ngày 1/1 ", "từ năm 2011 đến "])
def test_linear_time(chunk: str):
    """Time grows linearly: 8x the text may take about 8x the time, not 64x."""
    small, large = chunk * (100_000 // len(chunk)), chunk * (800_000 // len(chunk))
    t_small = min(_timed(small) for _ in range(2))
    t_large = _timed(large)
    assert t_large < 24 * t_small + 0.5


def test_a_megabyte_of_dotted_digits():
    assert _timed("1.1." * 250_000) < 120


def _timed(text: str) -> float:
    t0 = time.perf_counter()
    find(text)
    return time.perf_counter() - t0
