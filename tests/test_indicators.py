"""The indicator corpus: sentence -> expected figures, each key compared where given."""

import json
from pathlib import Path

import pytest

import tnxh_extract

CORPUS = Path(__file__).parent.parent / "fixtures" / "corpora" / "indicators.jsonl"
CASES = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def _got(ind, key, by_id):
    if key == "parent":
        return by_id.get(ind.parent) if ind.parent else None
    if key == "change":
        return ind.change.model_dump(by_alias=True, exclude_none=True) if ind.change else None
    if key == "place":
        return ind.place.name if ind.place else None
    return getattr(ind, key)


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_corpus(case):
    doc = tnxh_extract.extract(case["text"])
    assert doc.error is None
    by_id = {ind.id: k for k, ind in enumerate(doc.indicators)}
    got = [(i.value, i.unit) for i in doc.indicators]
    want = [(e["value"], e["unit"]) for e in case["expected"]]
    assert got == want, f"{case['text']}: {[(i.text, i.subject) for i in doc.indicators]}"
    for ind, expected in zip(doc.indicators, case["expected"]):
        for key, value in expected.items():
            if key == "change" and value is not None:
                change = _got(ind, key, by_id) or {}
                assert {k: change.get(k) for k in value} == value, (ind.text, change)
            else:
                assert _got(ind, key, by_id) == value, (key, ind.text)


def test_offsets_and_sentence():
    doc = tnxh_extract.extract("Năm 2021, toàn tỉnh tiếp nhận 630 người vào cai nghiện. Hỗ trợ 20 hộ gia đình.")
    for ind in doc.indicators:
        assert doc.text[ind.start : ind.end] == ind.text
        assert ind.text in ind.sentence
