"""Faults stay local: one recogniser or reader raising on one document leaves a warning (or
the document's error) naming it; the other components' results and the other documents
are untouched."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import tnxh_extract
from tnxh_extract import decisions, indicators, numbers, periods, places
from tnxh_extract.readers import html as html_reader
from tnxh_extract.readers import text as text_reader
from test_properties import assert_valid_document

MARK = "Mộc Châu"  # the one document the patched recogniser fails on

FAULTY = (
    "Thực hiện Quyết định số 469/QĐ-LĐTBXH ngày 23/12/2016 của UBND tỉnh Sơn La, trong 6 tháng "
    "đầu năm 2023, huyện Mộc Châu tổ chức cai nghiện bắt buộc cho 809/1.200 người, đạt 67,4% "
    "kế hoạch năm, tăng 273 người so với cùng kỳ năm 2022."
)
OTHER = (
    "Theo Chỉ thị số 25/CT-TTg ngày 5/6/2017, năm 2022 tỉnh Nghệ An tổ chức cai nghiện cho 512 "
    "người, giảm 40 người so với năm 2021; xã Quế Châu, huyện Quế Sơn có 12 học viên."
)

#: component name -> (module whose recogniser is patched, function name)
RECOGNISERS = {
    "tnxh_places": (places, "find"),
    "tnxh_decisions": (decisions, "find"),
    "tnxh_periods": (periods, "find"),
    "tnxh_numbers": (numbers, "find"),
    "tnxh_indicators": (indicators, "find"),
}


class Boom(RuntimeError):
    pass


def _failing_on_mark(original):  # type: ignore[no-untyped-def]
    def patched(arg, *args, **kwargs):  # type: ignore[no-untyped-def]
        text = arg if isinstance(arg, str) else getattr(arg, "text", "")
        if MARK in text:
            raise Boom("injected fault")
        return original(arg, *args, **kwargs)

    return patched


def _records(doc: tnxh_extract.Document, key: str) -> list[dict]:
    return [r.model_dump() for r in getattr(doc, key)]


@pytest.fixture(scope="module")
def baseline() -> dict[str, tnxh_extract.Document]:
    docs = {"faulty": tnxh_extract.extract(FAULTY, source="faulty"), "other": tnxh_extract.extract(OTHER, source="other")}
    for doc in docs.values():
        assert_valid_document(doc)
        assert doc.places and doc.decisions and doc.indicators  # the test needs all three kinds
    return docs


@pytest.mark.parametrize("component", list(RECOGNISERS))
def test_a_failing_recogniser_leaves_a_warning_and_the_rest(
    component: str, baseline: dict[str, tnxh_extract.Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    module, name = RECOGNISERS[component]
    monkeypatch.setattr(module, name, _failing_on_mark(getattr(module, name)))

    doc = tnxh_extract.extract(FAULTY, source="faulty")
    assert_valid_document(doc, allow_component_failure=True)
    assert doc.error is None and doc.text == baseline["faulty"].text
    failed = [w for w in doc.warnings if " failed: " in w]
    assert failed == [f"component {component} failed: Boom: injected fault"], doc.warnings

    base = baseline["faulty"]
    # what does not depend on the failed component is exactly as without the fault
    if component != "tnxh_places":
        assert _records(doc, "places") == _records(base, "places")
    else:
        assert doc.places == []
    if component != "tnxh_decisions":
        assert _records(doc, "decisions") == _records(base, "decisions")
    else:
        assert doc.decisions == []
    if component in ("tnxh_numbers", "tnxh_indicators"):
        assert doc.indicators == []  # no numbers, no figures; but no second warning either
    else:
        # figures are still read; only what the failed component gave them may be missing
        assert [(i.value, i.unit, i.target) for i in doc.indicators] == [
            (i.value, i.unit, i.target) for i in base.indicators
        ]

    # the other document, through the same pipeline, is not affected at all
    other = tnxh_extract.extract(OTHER, source="other")
    assert other.model_dump() == baseline["other"].model_dump()


def test_a_failing_sentence_splitter_leaves_a_warning(monkeypatch: pytest.MonkeyPatch,
                                                     baseline: dict[str, tnxh_extract.Document]) -> None:
    from tnxh_extract.components import sentences

    original = sentences.SentenceSplitter.__call__

    def patched(self, doc):  # type: ignore[no-untyped-def]
        if MARK in doc.text:
            raise Boom("injected fault")
        return original(self, doc)

    monkeypatch.setattr(sentences.SentenceSplitter, "__call__", patched)
    doc = tnxh_extract.extract(FAULTY, source="faulty")
    assert doc.error is None
    assert any(w.startswith("component tnxh_sentences failed: Boom") for w in doc.warnings), doc.warnings
    assert _records(doc, "places") == _records(baseline["faulty"], "places")
    assert _records(doc, "decisions") == _records(baseline["faulty"], "decisions")
    other = tnxh_extract.extract(OTHER, source="other")
    assert other.model_dump() == baseline["other"].model_dump()


def test_a_record_that_fails_validation_becomes_the_error(monkeypatch: pytest.MonkeyPatch) -> None:
    original = decisions.find

    def bad(text: str):  # type: ignore[no-untyped-def]
        found = original(text)
        # not a Decision: the component writes it, the assembly must refuse it
        return [SimpleNamespace(start=d.start, end=d.end) for d in found] if MARK in text else found

    monkeypatch.setattr(decisions, "find", bad)
    doc = tnxh_extract.extract(FAULTY, source="faulty")
    assert doc.error and doc.error.startswith("assembly failed:")
    assert not (doc.places or doc.decisions or doc.indicators)
    assert tnxh_extract.extract(OTHER, source="other").error is None


# ------------------------------------------------------------------ readers


def test_a_failing_html_reader_becomes_the_documents_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = html_reader.read_html_bytes

    def patched(data: bytes, label: str):  # type: ignore[no-untyped-def]
        if MARK.encode() in data:
            raise Boom("injected reader fault")
        return original(data, label)

    monkeypatch.setattr(html_reader, "read_html_bytes", patched)
    page = "<html><head><title>Tin</title></head><body><h1>Tin</h1><p>{}</p></body></html>"
    bad, good = tmp_path / "bad.html", tmp_path / "good.html"
    bad.write_text(page.format(FAULTY), encoding="utf-8")
    good.write_text(page.format(OTHER), encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(FAULTY, encoding="utf-8")

    docs = list(tnxh_extract.extract_many([bad, good, plain]))
    assert [d.source for d in docs] == [str(bad), str(good), str(plain)]
    assert docs[0].error == "reader failed: Boom: injected reader fault"
    assert not (docs[0].places or docs[0].decisions or docs[0].indicators)
    for doc in docs[1:]:
        assert_valid_document(doc)
        assert doc.error is None and doc.indicators
    assert tnxh_extract.extract_bytes(bad.read_bytes(), "bad.html").error == "reader failed: Boom: injected reader fault"
    assert tnxh_extract.extract_file(bad).error == "reader failed: Boom: injected reader fault"


def test_a_failing_text_reader_becomes_the_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import tnxh_extract.readers as readers

    original = text_reader.read_text_string

    def patched(text: str, source: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if MARK in text:
            raise Boom("injected reader fault")
        return original(text, source, *args, **kwargs)

    monkeypatch.setattr(readers, "read_text_string", patched)
    doc = tnxh_extract.extract(FAULTY, source="faulty")
    assert doc.error == "reader failed: Boom: injected reader fault"
    assert doc.source == "faulty" and not doc.indicators
    other = tnxh_extract.extract(OTHER, source="other")
    assert other.error is None and other.indicators


def test_a_failing_tokenizer_becomes_the_documents_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from tnxh_extract import pipeline

    nlp = pipeline.shared()
    original = nlp.tokenizer

    class Failing:
        def __call__(self, text: str):  # type: ignore[no-untyped-def]
            if MARK in text:
                raise Boom("injected tokenizer fault")
            return original(text)

    monkeypatch.setattr(nlp, "tokenizer", Failing())
    doc = tnxh_extract.extract(FAULTY, source="faulty")
    assert doc.error == "tokenizer failed: Boom: injected tokenizer fault"
    assert tnxh_extract.extract(OTHER, source="other").error is None
