import spacy
import pytest

from tnxh_extract.tokenizer import SyllableTokenizer, words_in

TEXTS = [
    "Quyết định số 469/QĐ-LĐTBXH ngày 23/12/2016 của Giám đốc Sở",
    "cai nghiện bắt buộc cho 809/1.200 người, đạt 67,4% KH năm",
    "  dòng đầu\n\n  dòng   hai\t(trong đó: 407 người)  ",
    "",
    "\n",
    "COVID-19 và H5N1",
]


@pytest.fixture(scope="module")
def tokenizer():
    return SyllableTokenizer(spacy.blank("xx").vocab)


@pytest.mark.parametrize("text", TEXTS)
def test_doc_text_is_input(tokenizer, text):
    doc = tokenizer(text)
    assert doc.text == text
    for token in doc:
        assert text[token.idx : token.idx + len(token.text)] == token.text


def test_numerals_stay_whole(tokenizer):
    doc = tokenizer("809/1.200 người, đạt 67,4%")
    assert [t.text for t in doc][:3] == ["809", "/", "1.200"]
    assert "67,4" in [t.text for t in doc]


def test_codes_split_at_separators(tokenizer):
    doc = tokenizer("469/QĐ-LĐTBXH")
    assert [t.text for t in doc] == ["469", "/", "QĐ", "-", "LĐTBXH"]


def test_words_in_segments_only_the_span(tokenizer):
    doc = tokenizer("Tổ chức cai nghiện bắt buộc cho 809 người.")
    words = words_in(doc[2:6])
    texts = [doc.text[s:e] for s, e in words]
    assert "cai nghiện" in texts
    assert all(doc[2].idx <= s < e <= doc[5].idx + len(doc[5]) for s, e in words)
