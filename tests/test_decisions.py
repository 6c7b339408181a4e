"""Decisions: the example corpus (fixtures/corpora/decisions.jsonl) and the seeds' gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tnxh_extract import decisions
from tnxh_extract.models import Decision
from tnxh_extract.normalize import normalize

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpora" / "decisions.jsonl"
GOLD = ROOT / "fixtures" / "gold"
ARTICLES = ROOT / "fixtures" / "articles"
GOLD_KEYS = ("code", "doc_type", "number", "issuer_code", "date")


def _corpus() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _check(d: Decision, text: str, exp: dict) -> None:
    assert text[d.start:d.end] == d.text
    for key, value in exp.items():
        got = d.text if key == "span" else getattr(d, key)
        assert got == value, f"{key}: {got!r} != {value!r}"


def test_corpus_is_large_and_varied():
    rows = _corpus()
    positives = [r for r in rows if r["expected"]]
    negatives = [r for r in rows if not r["expected"]]
    assert len(positives) >= 80
    assert len(negatives) >= 10
    types = {
        e.get("doc_type")
        for r in positives
        for e in (r["expected"] if isinstance(r["expected"], list) else [r["expected"]])
    }
    assert len(types - {None}) >= 20


@pytest.mark.parametrize("row", _corpus(), ids=lambda r: r["text"][:50])
def test_corpus(row):
    text = normalize(row["text"])
    found = decisions.find(text)
    exp = row["expected"]
    if not exp:
        assert found == [], [d.text for d in found]
        return
    exp_list = exp if isinstance(exp, list) else [exp]
    assert len(found) == len(exp_list), [d.code for d in found]
    for d, e in zip(found, exp_list):
        _check(d, text, e)


def test_parse_returns_the_first_reference():
    d = decisions.parse("theo Chỉ thị số 36-CT/TW và Quyết định số 12/QĐ-UBND")
    assert d is not None and d.code == "36-CT/TW" and d.doc_type == "Chỉ thị"
    assert decisions.parse("không có văn bản nào") is None


def test_parse_normalises_its_input():
    # "Quyết định" written with decomposed diacritics (NFD) still parses.
    import unicodedata

    d = decisions.parse(unicodedata.normalize("NFD", "Quyết định số 5/QĐ-UBND ngày 1/2/2020"))
    assert d is not None and d.doc_type == "Quyết định" and d.date == "2020-02-01"


def _seed_pairs():
    for gold in sorted(GOLD.glob("*.gold.json")):
        data = json.loads(gold.read_text(encoding="utf-8"))
        article = ARTICLES / data["doc"]
        if article.exists() and "decisions" in data:
            yield pytest.param(article, data["decisions"], id=article.name[:40])


def _article_text(article: Path) -> str:
    if article.suffix == ".txt":
        return normalize(article.read_text(encoding="utf-8"))
    try:  # HTML and PDF go through the library's readers (normalised text)
        from tnxh_extract.readers import read

        return read(article).text
    except (ImportError, NotImplementedError) as e:  # reader not built yet
        pytest.skip(f"no reader for {article.suffix}: {e}")


@pytest.mark.parametrize(("article", "gold"), list(_seed_pairs()))
def test_seed_decisions_equal_gold(article, gold):
    text = _article_text(article)
    got = sorted(
        (tuple(getattr(d, k) for k in GOLD_KEYS) for d in decisions.find(text)), key=str
    )
    exp = sorted((tuple(g.get(k) for k in GOLD_KEYS) for g in gold), key=str)
    assert got == exp


def test_adversarial_input_completes():
    """Long runs of near-codes and type words without numbers complete and give
    well-formed records (time growth: benchmarks/bench_pathological.py)."""
    chunks = [
        "Quyết định số " * 2000,
        "12/QĐ-" * 3000,
        "1-2-3-4-5/" * 3000,
        ("của Bộ " * 3000) + "về việc",
        "A" * 50000,
        "Chỉ thị 36 " * 2000,  # many short references: no pairwise comparison
        "UBND tỉnh ban hành Kế hoạch số 5/KH-UBND " * 500,
        "số 1/A-B-C-D-E-F-G-H " * 1000,
    ]
    for chunk in chunks:
        for found in decisions.find(chunk * 4):
            assert (chunk * 4)[found.start : found.end] == found.text


def test_offsets_in_a_longer_text():
    text = normalize("Mở đầu.\nCăn cứ Nghị định số 116/2021/NĐ-CP ngày 21/12/2021 của Chính phủ.")
    (d,) = decisions.find(text)
    assert text[d.start:d.end] == "Nghị định số 116/2021/NĐ-CP ngày 21/12/2021"
    assert d.start == text.index("Nghị định")
