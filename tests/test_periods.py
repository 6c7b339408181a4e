"""periods.find against the hand-checked corpus fixtures/corpora/periods.jsonl."""

from __future__ import annotations

import datetime as dt
import json
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


@pytest.mark.parametrize("chunk", ["1.1.", "1/1/", "1,1.", "hai ", "hai - ", "1-1-", "ngày 1/1 ", "1 giờ - "])
def test_hostile_repetitions_complete(chunk: str):
    """Long runs of number-like material complete with well-formed spans. How the time
    grows with the input is measured by benchmarks/bench_pathological.py, not here."""
    text = chunk * (200_000 // len(chunk))
    spans = find(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
