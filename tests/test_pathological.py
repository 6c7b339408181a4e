"""Pathological inputs complete and give a valid Document; crash regressions; fuzz smoke runs.

Nothing here is timed (benchmarks/bench_pathological.py measures time per MB from 10 KB to
10 MB); the sizes are moderate so that a return to quadratic behaviour shows up as a slow
suite, and a hang as a stuck one, without making the suite flaky on a busy machine.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import tnxh_extract
from tnxh_extract import api
from test_properties import assert_valid_document

ROOT = Path(__file__).resolve().parents[1]
REGRESSIONS = ROOT / "fixtures" / "regressions"
SIZE = 20_000  # bytes


def _repeat(unit: str, size: int = SIZE) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _pipe_table(rows: int) -> str:
    lines = ["| STT | Đơn vị | Cai nghiện (người) | Tỷ lệ |", "|---|---|---|---|"]
    lines += [f"| {i + 1} | Xã {i % 97} | {(i * 37) % 5000} người | {i % 100},5% |" for i in range(rows)]
    return "\n".join(lines)


TEXT_CASES = {
    "dots": _repeat("1.1."),
    "unit_words": _repeat("huyện "),
    "so_words": _repeat("số "),
    "decision_openers": _repeat("Quyết định số "),
    "no_spaces": _repeat("cainghiện809người"),
    "letters_only": "a" * SIZE,
    "open_parens": "Năm 2023: " + "(" * SIZE,
    "figures_without_sentence_end": _repeat("(12 người "),
    "figures_in_one_sentence": _repeat("cai nghiện cho 12 người, "),
    "slash_chain": _repeat("1/"),
    "dashes_and_ranges": _repeat("1-2-3 người "),
    "spelled_numbers": _repeat("một trăm linh một nghìn "),
    "newlines": "\n" * SIZE,
    "combining_marks": "a" + "\u0301" * SIZE,
}


@pytest.mark.parametrize("name", sorted(TEXT_CASES))
def test_pathological_text_completes(name: str) -> None:
    doc = tnxh_extract.extract(TEXT_CASES[name], source=name)
    assert_valid_document(doc)


def test_pipe_table_of_10000_rows_completes() -> None:
    text = _pipe_table(10_000)
    doc = tnxh_extract.extract(text, source="table")
    assert_valid_document(doc)
    assert doc.error is None


def test_figures_without_sentence_end_are_all_found() -> None:
    """No sentence end for 30 KB: the text is still read to the end (sentences are capped,
    not the text)."""
    text = _repeat("(12 người ")
    doc = tnxh_extract.extract(text)
    assert_valid_document(doc)
    assert len(doc.indicators) == text.count("12 người")


def test_deeply_nested_html_completes() -> None:
    depth = 5_000
    page = "<html><body>" + "<div>" * depth + "<p>Năm 2023 tỉnh Nghệ An cai nghiện cho 809 người.</p>" + "</div>" * depth
    doc = tnxh_extract.extract_bytes((page + "</body></html>").encode(), "deep.html")
    assert_valid_document(doc)


def test_unclosed_tags_html_completes() -> None:
    page = "<html><body>" + "<b><i><span>" * 3_000 + "Năm 2023 cai nghiện cho 809 người."
    assert_valid_document(tnxh_extract.extract_bytes(page.encode(), "open.html"))


def test_too_long_text_is_refused_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api, "MAX_CHARS", 1_000)
    doc = tnxh_extract.extract("cai nghiện cho 12 người. " * 100)
    assert doc.error and "too large" in doc.error and not doc.indicators


def test_too_many_bytes_are_refused_with_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TNXH_MAX_BYTES", "1000")
    doc = tnxh_extract.extract_bytes(b"cai nghi\xe1\xbb\x87n cho 12 ng\xc6\xb0\xe1\xbb\x9di. " * 100, "big.txt")
    assert doc.error and "too large" in doc.error


# ------------------------------------------------------------------ regressions


def _regressions() -> list[Path]:
    return sorted(p for p in REGRESSIONS.glob("*") if p.is_file() and p.suffix != ".json" and p.name != "README.md")


@pytest.mark.parametrize("path", _regressions(), ids=lambda p: p.name)
def test_regression_fixture(path: Path) -> None:
    """Inputs that once crashed, hung or broke an invariant (fixtures/regressions/README.md);
    a sidecar <name>.json may state what the Document must contain."""
    doc = tnxh_extract.extract_bytes(path.read_bytes(), path.name)
    assert_valid_document(doc)
    sidecar = path.with_name(path.name + ".json")
    if sidecar.exists():
        expected = json.loads(sidecar.read_text(encoding="utf-8"))
        if "error" in expected:
            assert (doc.error is not None) == bool(expected["error"]), doc.error
        if "indicators" in expected:
            assert [(i.value, i.unit) for i in doc.indicators] == [tuple(x) for x in expected["indicators"]]


# ------------------------------------------------------------------ fuzz smoke runs


@pytest.mark.parametrize("kind,suffix", [("text", ".txt"), ("html", ".html"), ("pdf", ".pdf")])
def test_fuzzer_short_run(kind: str, suffix: str, tmp_path: Path) -> None:
    """Each fuzzer for a bounded number of inputs from the fixtures (fuzz/README.md)."""
    if importlib.util.find_spec("atheris") is None:
        pytest.skip("atheris is not installed (pip install atheris)")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in sorted((ROOT / "fixtures" / "articles").glob(f"*{suffix}")) + sorted(REGRESSIONS.glob(f"*{suffix}")):
        shutil.copyfile(seed, corpus / seed.name)
    runs = {"pdf": 40}.get(kind, 100)
    proc = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / f"fuzz_{kind}.py"), f"-runs={runs}", "-seed=1",
         f"-artifact_prefix={tmp_path}/", "-timeout=60", str(corpus)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert f"Done {runs} runs" in proc.stderr, proc.stderr[-2000:]


# ------------------------------------------------------------------ regressions


def test_a_text_over_a_million_characters_is_extracted() -> None:
    text = "Năm 2023 tỉnh Nghệ An cai nghiện cho 809 người.\n" + "a " * 550_000
    assert len(text) > 1_000_000
    doc = tnxh_extract.extract(text)
    assert doc.error is None, doc.error
    assert [(i.value, i.unit) for i in doc.indicators] == [(809.0, "người")]


def test_a_string_over_the_byte_limit_is_refused_before_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    """extract(str) has no file size to check: the reader refuses a string longer than the
    byte limit at once (a 50 MB string was read in full, 800 MB RSS, then refused)."""
    from tnxh_extract.readers import text as text_reader

    monkeypatch.setenv("TNXH_MAX_BYTES", "1000")
    monkeypatch.setattr(text_reader, "normalize", lambda s: pytest.fail("the string was read"))
    doc = tnxh_extract.extract("cai nghiện cho 12 người. " * 100)
    assert doc.error and "too large" in doc.error and "limit" in doc.error
