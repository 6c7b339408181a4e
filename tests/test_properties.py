"""Property tests of every public entry point (issue 9: no input crashes it, none makes it lie).

Profiles: `ci` (default, fast) and `thorough` (HYPOTHESIS_PROFILE=thorough, 100,000
examples in all), registered in conftest.py; figures of the last thorough run are in
docs/hardening.md. `assert_valid_document` is also used by test_pathological.py and
test_faults.py.
"""

from __future__ import annotations

import datetime as dt
import math
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import tnxh_extract
from tnxh_extract import decisions, numbers, periods, places
from tnxh_extract.readers import read_text_string
from tnxh_extract.validate import problems

# ------------------------------------------------------------------ invariants

#: Error/warning prefixes that mean an unexpected exception was caught (a bug), as
#: opposed to a reasoned refusal of the input.


def assert_valid_document(doc: object, *, allow_component_failure: bool = False) -> None:
    """The promises of the API (tnxh_extract.validate): a Document, an error or a text,
    spans that slice the text, finite numbers, no unexpected exception hidden away."""
    found = problems(doc, allow_component_failure=allow_component_failure)
    assert not found, found


def assert_spans_slice(source: str, found: list) -> None:  # type: ignore[type-arg]
    for s in found:
        assert 0 <= s.start <= s.end <= len(source)
        assert source[s.start:s.end] == s.text, (s, source[s.start:s.end])


# ------------------------------------------------------------------ strategies

WORDS = (
    "năm tháng quý ngày tỉnh huyện xã thị xã thành phố phường quận Hà Nội Nghệ An Sơn La "
    "Lào Cai Bát Xát Quảng Nam Quế Sơn Cần Thơ TP. Hồ Chí Minh cai nghiện bắt buộc tự nguyện "
    "người học viên đối tượng vụ lượt người % phần trăm đạt tăng giảm so với cùng kỳ trong đó "
    "gồm khoảng hơn gần trên dưới kế hoạch chỉ tiêu Quyết định Nghị định Chỉ thị Kế hoạch số "
    "ngày QĐ-UBND QĐ-LĐTBXH NĐ-CP CT/TW và , . ; : ( ) / - – | \n 6 tháng đầu năm 9 tháng "
    "từ đến tới hai mươi mốt nghìn không trăm mười một trăm linh lẻ triệu tỷ rưỡi nửa âm "
    "mua bán người mại dâm ma túy nạn nhân trẻ em phụ nữ xuất cảnh Trung Quốc Lào Campuchia"
).split(" ")

UNITS_WORDS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def vi_digits(integer: int, decimals: str, grouped: bool) -> str:
    """'1.234.567,5': '.' between thousands (when grouped), ',' before the decimals."""
    body = f"{integer:,}".replace(",", ".") if grouped else str(integer)
    return body + ("," + decimals if decimals else "")


@st.composite
def vi_number_digits(draw: st.DrawFn) -> tuple[str, float]:
    integer = draw(st.integers(0, 10**15))
    decimals = draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{1,3}", fullmatch=True)))
    grouped = draw(st.booleans()) if integer >= 1000 else False
    if decimals and integer >= 10**12:
        integer //= 10**4  # keep the value exact in a float
    text = vi_digits(integer, decimals, grouped)
    value = float(f"{integer}.{decimals}") if decimals else float(integer)
    return text, value


def _chunk_words(n: int, full: bool, draw: st.DrawFn) -> list[str]:
    """Words of 0 <= n < 1000; `full`: the hundreds are spoken even when 0 (after a scale)."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    unit = lambda d: draw(st.sampled_from(["bảy", "bẩy"])) if d == 7 else UNITS_WORDS[d]  # noqa: E731
    if h or full:
        out += [unit(h), "trăm"]
    if t == 0:
        if u:
            out += ([draw(st.sampled_from(["linh", "lẻ"]))] if out else []) + [unit(u)]
    elif t == 1:
        out.append("mười")
        if u:
            out.append("lăm" if u == 5 else unit(u))
    else:
        out += [unit(t), "mươi"]
        if u == 1:
            out.append(draw(st.sampled_from(["mốt", "một"])))
        elif u == 4:
            out.append(draw(st.sampled_from(["tư", "bốn"])))
        elif u == 5:
            out.append("lăm")
        elif u:
            out.append(unit(u))
    return out


@st.composite
def vi_number_words(draw: st.DrawFn) -> tuple[str, int]:
    """A spelled-out numeral below 10^12 ('hai mươi mốt nghìn không trăm mười một')."""
    n = draw(st.one_of(st.integers(1, 999), st.integers(1, 10**6), st.integers(1, 10**12 - 1)))
    scales = [
        (10**9, draw(st.sampled_from(["tỷ", "tỉ"]))),
        (10**6, "triệu"),
        (10**3, draw(st.sampled_from(["nghìn", "ngàn"]))),
        (1, ""),
    ]
    words: list[str] = []
    rest = n
    for size, name in scales:
        group, rest = divmod(rest, size)
        if group == 0:
            continue
        words += _chunk_words(group, full=bool(words), draw=draw)
        if name:
            words.append(name)
    return " ".join(words), n


TOKEN = st.one_of(
    st.sampled_from(WORDS),
    vi_number_digits().map(lambda p: p[0]),
    vi_number_words().map(lambda p: p[0]),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)).map(lambda d: f"{d.day}/{d.month}/{d.year}"),
    st.text(max_size=3),
)
#: Text that looks like the genre: words, numerals, dates, codes, punctuation, odd bits.
VI_TEXT = st.lists(TOKEN, max_size=80).map(" ".join)
ANY_TEXT = st.one_of(st.text(max_size=400), VI_TEXT)
PUBLISHED = st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)))


# ------------------------------------------------------------------ entry points


@given(st.text(max_size=2000))
def test_extract_any_unicode_text(text: str) -> None:
    assert_valid_document(tnxh_extract.extract(text))


@given(VI_TEXT)
def test_extract_vietnamese_like_text(text: str) -> None:
    assert_valid_document(tnxh_extract.extract(text, source="p"))


@given(st.one_of(st.binary(max_size=3000), VI_TEXT.map(lambda s: s.encode("utf-8"))),
       st.sampled_from(["a.txt", "a.html", "a.pdf", "a", "a.HTM", "<bytes>"]))
def test_extract_bytes_any_bytes(data: bytes, name: str) -> None:
    assert_valid_document(tnxh_extract.extract_bytes(data, name))


@given(VI_TEXT.map(lambda s: "<html><body><h1>Tin</h1><p>" + s.replace("\n", "</p><p>") + "</p></body></html>"))
def test_extract_bytes_html_page(page: str) -> None:
    assert_valid_document(tnxh_extract.extract_bytes(page.encode("utf-8"), "page.html"))


@given(st.binary(max_size=2000), st.sampled_from([".txt", ".html", ".pdf"]))
def test_extract_file_and_many(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"doc{suffix}"
        path.write_bytes(data)
        assert_valid_document(tnxh_extract.extract_file(path))
        docs = list(tnxh_extract.extract_many([path, Path(tmp) / "missing.txt"]))
        assert len(docs) == 2
        for doc in docs:
            assert_valid_document(doc)
        assert docs[1].error


@given(VI_TEXT)
def test_extract_text_from_a_reader_text(text: str) -> None:
    try:
        meta = read_text_string(text, "t")
    except Exception as exc:  # a ReadError is a refusal; anything else a bug
        assert type(exc).__name__ == "ReadError", exc
        return
    assert_valid_document(tnxh_extract.extract_text(meta))


# ------------------------------------------------------------------ numbers


@given(vi_number_digits())
def test_numbers_parse_digits_round_trip(pair: tuple[str, float]) -> None:
    text, value = pair
    assert numbers.parse(text) == value, text


@given(vi_number_words())
def test_numbers_parse_words_round_trip(pair: tuple[str, int]) -> None:
    text, value = pair
    assert numbers.parse(text) == value, text


@given(vi_number_digits(), st.sampled_from(["người", "học viên", "đối tượng", "vụ", "lượt"]))
def test_numbers_find_digits_in_a_sentence(pair: tuple[str, float], unit: str) -> None:
    text, value = pair
    sentence = f"Tổ chức cai nghiện cho {text} {unit} trong kỳ."
    found = numbers.find(sentence)
    assert_spans_slice(sentence, found)
    assert [(s.text, s.value) for s in found] == [(text, value)]


@given(ANY_TEXT)
def test_numbers_parse_and_find_never_raise(text: str) -> None:
    value = numbers.parse(text)
    assert value is None or math.isfinite(value)
    found = numbers.find(text)
    assert_spans_slice(text, found)
    for s in found:
        assert math.isfinite(s.value) and (s.value_max is None or math.isfinite(s.value_max))


# ------------------------------------------------------------------ places, decisions, periods


@given(ANY_TEXT)
def test_places_resolve_and_find_never_raise(text: str) -> None:
    places.resolve(text)
    assert_spans_slice(text, places.find(text))


@given(ANY_TEXT, st.sampled_from([None, "Nghệ An", "Quảng Nam", "Sơn La", "không có", ""]))
def test_places_find_with_a_province(text: str, province: str | None) -> None:
    assert_spans_slice(text, places.find(text, province=province))


@given(ANY_TEXT)
def test_decisions_parse_and_find_never_raise(text: str) -> None:
    decisions.parse(text)
    assert_spans_slice(text, decisions.find(text))


@given(
    st.sampled_from(["Quyết định", "Nghị định", "Chỉ thị", "Kế hoạch", "Thông tư", "Công văn"]),
    st.integers(1, 9999),
    st.booleans(),
    st.sampled_from(["QĐ-UBND", "NĐ-CP", "CT-TTg", "KH-UBND", "TT-BLĐTBXH", "QĐ-LĐTBXH", "LĐTBXH-PCTNXH"]),
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 12, 31)),
)
def test_decisions_parse_round_trip(kind: str, number: int, with_year: bool, symbol: str, date: dt.date) -> None:
    code = f"{number}/{date.year}/{symbol}" if with_year else f"{number}/{symbol}"
    text = f"Thực hiện {kind} số {code} ngày {date.day}/{date.month}/{date.year} của UBND tỉnh."
    d = decisions.parse(text)
    assert d is not None, text
    assert (d.code, d.number, d.date) == (code, str(number), date.isoformat()), (text, d)
    assert text[d.start:d.end] == d.text


@given(ANY_TEXT, PUBLISHED)
def test_periods_find_never_raises(text: str, published: dt.date | None) -> None:
    found = periods.find(text, published=published)
    assert_spans_slice(text, found)
    for p in found:
        if p.start_date and p.end_date:
            assert p.start_date <= p.end_date, p


# ------------------------------------------------------------------ indicators tell the truth


@given(vi_number_digits().filter(lambda p: p[1] >= 2), st.sampled_from(["người", "học viên", "đối tượng"]))
def test_indicator_value_is_the_number_written(pair: tuple[str, float], unit: str) -> None:
    text, value = pair
    assume(not (len(text) == 4 and text.isdigit() and 1900 <= value <= 2100))  # a year
    doc = tnxh_extract.extract(f"Năm 2023, tỉnh Nghệ An tổ chức cai nghiện bắt buộc cho {text} {unit}.")
    assert_valid_document(doc)
    assert [(i.text.split(" ")[0], i.value, i.unit) for i in doc.indicators] == [(text, value, unit)]


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_indicator_fraction_and_rate_are_consistent(done: int, target: int) -> None:
    a, b = vi_digits(done, "", done >= 1000), vi_digits(target, "", target >= 1000)
    doc = tnxh_extract.extract(f"Năm 2023, tỉnh Nghệ An tổ chức cai nghiện cho {a}/{b} người.")
    assert_valid_document(doc)
    assert [(i.value, i.target) for i in doc.indicators] == [(float(done), float(target))]


@pytest.mark.parametrize("text", ["", " ", "\x00", "\ufeff", "\ud7ff", "\U0010ffff" * 3, "\r\n" * 5, "0\U000116d0", "1\U000116d0/1\U000116d0/2020"])
def test_extract_edge_strings(text: str) -> None:
    assert_valid_document(tnxh_extract.extract(text))


def test_the_invariants_catch_a_lie() -> None:
    """assert_valid_document fails on a span that does not slice the text, a value that is
    not finite, and a reader bug hidden in the error (so the properties above can fail)."""
    doc = tnxh_extract.extract("Năm 2023, tỉnh Nghệ An tổ chức cai nghiện cho 809 người.")
    assert_valid_document(doc)
    ind = doc.indicators[0]
    for bad in (
        doc.model_copy(update={"indicators": [ind.model_copy(update={"start": ind.start + 1})]}),
        doc.model_copy(update={"indicators": [ind.model_copy(update={"value": float("nan")})]}),
        doc.model_copy(update={"places": [], "indicators": [], "decisions": [], "error": "reader failed: KeyError: 1"}),
        doc.model_copy(update={"warnings": ["component tnxh_places failed: KeyError: 1"]}),
    ):
        with pytest.raises(AssertionError):
            assert_valid_document(bad)


@pytest.mark.parametrize("text", ["0\U000116d0", "1\U000116d0/1\U000116d0/2020", "năm 20\U000116d0\U000116d0", "1\U000116d0 giờ"])
def test_digits_python_cannot_read_are_not_numbers(text: str) -> None:
    """Found by the thorough run: `regex` (Unicode 16) matches U+116D0 as \\d, Python 3.11's
    int()/float() (Unicode 14) cannot read it; numbers and periods raised ValueError."""
    assert numbers.parse(text) is None
    assert_spans_slice(text, numbers.find(text))
    assert_spans_slice(text, periods.find(text))
