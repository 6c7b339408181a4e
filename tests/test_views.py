"""Structural tests of the HTML views, on hand-built Documents (independent of the extractor)."""

from __future__ import annotations

import argparse
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import tnxh_extract
from tnxh_extract.models import (
    Change,
    Decision,
    Document,
    Indicator,
    Period,
    Place,
    UnitRef,
)
from tnxh_extract.views import add_view_parsers, load_document, render, render_report

# --------------------------------------------------------------------------- sample documents

# A real article paragraph (fixtures/articles/000_*.txt) and one made-up sentence that gives an
# indicator with a place inside it, a target, a percent and a change.
SAMPLE_TEXT = (
    "Thực hiện Quyết định số 469/QĐ-LĐTBXH ngày 23/12/2016 của Giám đốc Sở Lao động – Thương binh "
    "và Xã hội tỉnh Quảng Nam, sáng ngày 11/10/2017, Sở tổ chức Hội nghị giao ban công tác phòng, "
    "chống tệ nạn xã hội 9 tháng đầu năm 2017 tại thành phố Tam Kỳ.\n\n"
    "Theo thống kê hiện nay trên toàn tỉnh: có 3.073 cơ sở kinh doanh dịch vụ (gọi tắt là CSKDDV), "
    "trong đó 1.354 CSKDDV dễ phát sinh tệ nạn mại dâm, có 130 người bán dâm đưa vào diện quản lý; "
    "Có 1.793 người sử dụng trái phép chất ma túy (trong đó có 1.456 người nghiện ma túy có hồ sơ "
    "quản lý), 381 người cai nghiện bằng chất thay thế methadone; Có 14 nạn nhân bị mua bán trở về.\n\n"
    "Năm 2017, huyện Quế Sơn đã đưa 809/1.200 người nghiện đi cai nghiện, đạt 67,4% kế hoạch năm, "
    "tăng 12% so với năm 2016."
)


def at(text: str, needle: str, nth: int = 0) -> dict:
    """Span fields of the nth occurrence of `needle` in `text`."""
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return {"text": needle, "start": i, "end": i + len(needle)}


QN = UnitRef(name="Quảng Nam", level="province", code="49")


def sample_document(text: str | None = SAMPLE_TEXT) -> Document:
    t = SAMPLE_TEXT
    sentence1 = t[t.index("Theo thống kê"):t.index("trở về.") + len("trở về.")]
    sentence2 = t[t.index("Năm 2017, huyện"):]
    places = [
        Place(**at(t, "Quảng Nam"), name="Quảng Nam", level="province", code="49"),
        Place(**at(t, "Tam Kỳ"), name="Tam Kỳ", level="district", code="502", province=QN,
              current=UnitRef(name="Đà Nẵng", level="province", code="48")),
        Place(**at(t, "Quế Sơn"), name="Quế Sơn", level="district", code="513", province=QN),
    ]
    decisions = [
        Decision(**at(t, "Quyết định số 469/QĐ-LĐTBXH ngày 23/12/2016 của Giám đốc Sở Lao động – "
                      "Thương binh và Xã hội tỉnh Quảng Nam"),
                 code="469/QĐ-LĐTBXH", doc_type="Quyết định", number="469", issuer_code="LĐTBXH",
                 date="2016-12-23", issuer="Giám đốc Sở Lao động – Thương binh và Xã hội tỉnh Quảng Nam"),
    ]
    common = {"unit": "người", "place": QN, "year": 2017, "sentence": sentence1}
    indicators = [
        Indicator(**at(t, "3.073 cơ sở kinh doanh dịch vụ"), id="i1", value=3073,
                  **{**common, "unit": "cơ sở"}, subject="cơ sở kinh doanh dịch vụ", concept="cskddv"),
        Indicator(**at(t, "1.354 CSKDDV dễ phát sinh tệ nạn mại dâm"), id="i2", value=1354,
                  **{**common, "unit": "cơ sở"}, subject="CSKDDV dễ phát sinh tệ nạn mại dâm",
                  concept="cskddv_nhay_cam", parent="i1"),
        Indicator(**at(t, "130 người bán dâm"), id="i3", value=130, **common,
                  subject="người bán dâm", concept="nguoi_ban_dam"),
        Indicator(**at(t, "1.793 người sử dụng trái phép chất ma túy"), id="i4", value=1793, **common,
                  subject="người sử dụng trái phép chất ma túy", concept="nguoi_su_dung_ma_tuy"),
        Indicator(**at(t, "1.456 người nghiện ma túy có hồ sơ quản lý"), id="i5", value=1456, **common,
                  subject="người nghiện ma túy có hồ sơ quản lý", concept="nguoi_nghien", parent="i4"),
        Indicator(**at(t, "381 người cai nghiện bằng chất thay thế methadone"), id="i6", value=381,
                  **common, subject="cai nghiện bằng methadone", concept="methadone"),
        Indicator(**at(t, "14 nạn nhân bị mua bán trở về"), id="i7", value=14,
                  **{**common, "unit": "nạn nhân"}, subject="nạn nhân bị mua bán trở về",
                  concept="nan_nhan_mua_ban"),
        Indicator(**at(t, "huyện Quế Sơn đã đưa 809/1.200 người nghiện đi cai nghiện, đạt 67,4% kế hoạch năm"),
                  id="i8", value=809, unit="người", target=1200, percent=67.4,
                  subject="người nghiện đi cai nghiện", concept="cai_nghien",
                  place=UnitRef(name="Quế Sơn", level="district", code="513"), year=2017,
                  period=Period(**at(t, "Năm 2017"), start_date="2017-01-01", end_date="2017-12-31", year=2017),
                  change=Change(delta=12, direction="increase", reference_year=2016, delta_unit="%"),
                  sentence=sentence2),
    ]
    return Document(
        source="fixtures/articles/000_687b35c95e240ce9.txt",
        title="Hội nghị giao ban công tác phòng, chống tệ nạn xã hội 9 tháng đầu năm 2017",
        published="2017-10-13",
        text=text,
        places=places,
        decisions=decisions,
        indicators=indicators,
        warnings=["i2: breakdown 1354 of parent i1 3073 — ok", "i8: 809/1200 = 67.4% checks"],
    )


# --------------------------------------------------------------------------- a tiny HTML reader


class Page(HTMLParser):
    """Collects the <mark> elements of #text, the text inside #text, tags and ids."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marks: list[dict] = []  # attrs of every <mark>, in order
        self.frag_text: dict[str, str] = {}  # rid -> text of all its fragments joined
        self.open: list[dict] = []
        self.in_text = False
        self.article_text: list[str] = []
        self.tags: list[str] = []
        self.ids: dict[str, dict] = {}
        self.rows: dict[str, int] = {}  # section class -> number of <tr> with that class
        self.script_types: list[str | None] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        if "id" in a:
            self.ids[a["id"]] = a
        if tag == "div" and a.get("id") == "text":
            self.in_text = True
        if tag == "mark":
            self.marks.append(a)
            self.open.append(a)
        if tag == "tr" and a.get("class"):
            for c in a["class"].split():
                self.rows[c] = self.rows.get(c, 0) + 1
        if tag == "script":
            self.script_types.append(a.get("type"))

    def handle_endtag(self, tag):
        if tag == "mark":
            self.open.pop()
        if tag == "div" and self.in_text:
            self.in_text = False

    def handle_data(self, data):
        if self.in_text:
            self.article_text.append(data)
        for a in self.open:
            self.frag_text[a["data-rid"]] = self.frag_text.get(a["data-rid"], "") + data


def heads(page: Page, kind: str | None = None) -> list[dict]:
    return [m for m in page.marks if m.get("data-head") and (kind is None or m["data-kind"] == kind)]


# --------------------------------------------------------------------------- article view


def test_one_highlight_per_record_and_text_preserved():
    doc = sample_document()
    page = Page(render(doc))
    assert len(heads(page, "place")) == len(doc.places) == 3
    assert len(heads(page, "decision")) == len(doc.decisions) == 1
    assert len(heads(page, "indicator")) == len(doc.indicators) == 8
    assert len({m["data-rid"] for m in page.marks}) == 12
    # the article text is all there, unchanged, in order
    assert "".join(page.article_text) == doc.text
    # every record's highlight covers exactly its span
    records = [("P", doc.places), ("D", doc.decisions), ("I", doc.indicators)]
    for prefix, recs in records:
        for n, rec in enumerate(recs, 1):
            assert page.frag_text[f"{prefix}{n}"] == rec.text


def test_nesting_place_inside_decision_and_indicator():
    doc = sample_document()
    html = render(doc)
    # Quảng Nam (P1) lies inside the decision; Quế Sơn (P3) inside indicator i8 (I8)
    assert re.search(r'<mark class="hl hl-decision"[^>]*data-rid="D1"[^>]*>[^<]*<mark class="hl hl-place"'
                     r'[^>]*data-rid="P1"', html)
    assert re.search(r'data-rid="I8"[^>]*>[^<]*<mark class="hl hl-place"[^>]*data-rid="P3"', html)


def test_crossing_and_identical_spans_are_split_not_lost():
    text = "aaaa bbbb cccc dddd"
    doc = Document(
        source="x", text=text,
        indicators=[Indicator(**at(text, "aaaa bbbb"), id="i1", value=1, unit="x", sentence=text)],
        places=[Place(**at(text, "bbbb cccc"), name="B", level="commune"),
                Place(**at(text, "dddd"), name="D", level="commune")],
        decisions=[Decision(**at(text, "dddd"), code="1/QĐ", doc_type="Quyết định", number="1")],
    )
    page = Page(render(doc))
    assert len(heads(page)) == 4
    assert page.frag_text == {"I1": "aaaa bbbb", "P1": "bbbb cccc", "P2": "dddd", "D1": "dddd"}
    assert "".join(page.article_text) == text
    # P1 crosses the end of I1: two fragments, one head
    assert sum(1 for m in page.marks if m["data-rid"] == "P1") == 2
    # identical spans: the decision encloses the place
    html = render(doc)
    assert re.search(r'data-rid="D1"[^>]*><mark[^>]*data-rid="P2"', html)


def test_escaping_of_article_text_and_fields():
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    text = f"Tại Quảng Nam {evil} có 5 người."
    doc = Document(
        source="<b>src</b>", title=evil, text=text, url="javascript:alert(1)",
        places=[Place(**at(text, "Quảng Nam"), name=evil, level="province")],
        indicators=[Indicator(**at(text, "5 người"), id='i1"><x', value=5, unit="người",
                              subject=evil, sentence=evil)],
        warnings=[evil],
    )
    html = render(doc)
    page = Page(html)
    assert "<img" not in html and "<x" not in html and "<b>" not in html
    assert 'alert("x")</script>' not in html
    assert page.tags.count("script") == 2  # the JSON records and the page's own script
    assert page.script_types == ["application/json", None]
    assert 'href="javascript:' not in html
    assert "".join(page.article_text) == text  # escaped, yet reads the same
    # the embedded JSON parses back to the original strings
    m = re.search(r'<script type="application/json" id="records">(.*?)</script>', html, re.S)
    records = json.loads(m.group(1))
    assert dict(records["I1"]["fields"])["subject"] == evil


def test_spans_outside_or_mismatched_are_reported():
    text = "Có 5 người ở Huế."
    doc = Document(
        source="x", text=text,
        places=[Place(text="Huế", start=13, end=16, name="Huế", level="province"),
                Place(text="Hà Nội", start=40, end=46, name="Hà Nội", level="province"),
                Place(text="Đà Nẵng", start=0, end=2, name="Đà Nẵng", level="province")],
    )
    html = render(doc)
    page = Page(html)
    assert len(heads(page)) == 2  # the one outside the text cannot be shown
    assert "outside the text" in html
    assert 'hl-mismatch' in html and "reads “Có”" in html


def test_without_text_tables_only_with_a_note():
    doc = sample_document(text=None)
    page = Page(render(doc))
    assert "no-text" in page.ids
    assert "text" not in page.ids
    assert page.marks == []
    assert page.rows["row-indicator"] == 8
    assert page.rows["row-decision"] == 1
    assert page.rows["row-place"] == 3


def test_tables_and_warnings_listed():
    doc = sample_document()
    html = render(doc)
    page = Page(html)
    assert page.rows["row-indicator"] == len(doc.indicators)
    assert page.rows["row-decision"] == len(doc.decisions)
    assert page.rows["row-place"] == len(doc.places)
    for w in doc.warnings:
        assert f"<li>{w}</li>" in html
    assert "67.4%" in html and "1200" in html and "increase by 12 % vs 2016" in html
    assert 'name="viewport"' in html
    # nothing is fetched: no external URL in src/href attributes
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_error_document():
    doc = Document(source="broken.pdf", error="PDF has no text layer")
    page = Page(render(doc))
    assert "doc-error" in page.ids
    assert page.marks == []


# --------------------------------------------------------------------------- batch report


def write_batch(outdir: Path) -> list[Document]:
    d1 = sample_document()
    d2 = Document(
        source="b.txt", title="<i>Hai</i>", published="2024-05-01",
        indicators=[
            Indicator(text="7 vụ", start=0, end=4, id="i1", value=7, unit="vụ", concept="cskddv",
                      place=UnitRef(name="Hà Nội", level="province", code="01"), year=2024, sentence="7 vụ"),
            Indicator(text="2 vụ", start=5, end=9, id="i2", value=2, unit="vụ", sentence="2 vụ",
                      place=UnitRef(name="Tam Kỳ", level="district", code="502")),
        ],
        places=[Place(text="Tam Kỳ", start=10, end=16, name="Tam Kỳ", level="district", code="502", province=QN)],
        warnings=["i2: <b>percent</b> does not match"],
    )
    d3 = Document(source="c.pdf", error="no text layer <oops>")
    lines = [d.model_dump_json(exclude={"text"}) for d in (d1, d2, d3)]
    lines.insert(2, "{not json")
    (outdir / "documents.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [d1, d2, d3]


def test_report_tables_charts_failures(tmp_path):
    write_batch(tmp_path)
    html = render_report(tmp_path)
    assert html.startswith("<!DOCTYPE html>")
    page = Page(html)
    for section in ("by-concept", "by-province", "by-year", "warned", "failures", "charts"):
        assert section in page.ids
    # concept cskddv: i1 of the sample + i1 of b.txt = 2 figures in 2 documents
    row = re.search(r"<td data-label=\"concept\">cskddv</td>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>", html)
    assert row and row.groups() == ("2", "2")
    # Tam Kỳ (district) is counted under its province through the document's places
    prov = re.search(r"<td data-label=\"province\">Quảng Nam</td>\s*<td[^>]*>(\d+)</td>", html)
    assert prov and prov.group(1) == "9"
    years = re.search(r"<td data-label=\"year\">2017</td>\s*<td[^>]*>(\d+)</td>", html)
    assert years and years.group(1) == "8"
    # bars: one per concept / province / year
    svg = {name: body for name, body in re.findall(r'<svg class="chart" data-chart="(\w+)".*?>(.*?)</svg>', html, re.S)}
    assert svg["concept"].count('class="bar"') == 9  # 8 concepts + "(no concept)"
    assert svg["province"].count('class="bar"') == 2  # Quảng Nam (with its districts), Hà Nội
    assert svg["year"].count('class="bar"') == 3  # 2017, 2024, (no year)
    # failures: the error record and the unreadable line
    fails = re.search(r'id="table-failures">(.*?)</table>', html, re.S).group(1)
    assert fails.count("<tr>") == 3  # header row + 2
    assert "invalid JSON" in fails and "no text layer &lt;oops&gt;" in fails
    warned = re.search(r'id="table-warned">(.*?)</table>', html, re.S).group(1)
    assert "&lt;b&gt;percent&lt;/b&gt;" in warned and "&lt;i&gt;Hai&lt;/i&gt;" in warned
    assert "<b>percent" not in html and "<i>Hai" not in html
    assert "<script" not in html
    assert not re.search(r'(src|href)="(https?:)?//', html)


def test_report_sums_group_thousands_and_skip_rates(tmp_path):
    def ind(i, value, unit, parent=None):
        return Indicator(text="x", start=0, end=1, id=f"i{i}", value=value, unit=unit, concept="c",
                         parent=parent, sentence="x")

    doc = Document(source="s", indicators=[ind(1, 1793, "người"), ind(2, 1456, "người", parent="i1"),
                                           ind(3, 2_500_000_000, "đồng"), ind(4, 67.4, "%"),
                                           ind(5, 12.25, "người")])
    (tmp_path / "documents.jsonl").write_text(doc.model_dump_json() + "\n", encoding="utf-8")
    html = render_report(tmp_path)
    row = re.search(r'<td data-label="sums">([^<]*)</td>', html).group(1)
    assert row == "1\u202f805.25 người; 2\u202f500\u202f000\u202f000 đồng"  # i2 is a breakdown of i1


def test_report_missing_documents(tmp_path):
    with pytest.raises(FileNotFoundError):
        render_report(tmp_path)


def test_report_empty_file(tmp_path):
    (tmp_path / "documents.jsonl").write_text("", encoding="utf-8")
    html = render_report(tmp_path)
    assert "No indicators." in html and "No failures." in html


# --------------------------------------------------------------------------- CLI


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="tnxh-extract")
    add_view_parsers(p.add_subparsers(dest="command", required=True))
    return p


def run(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    assert args.func is args.handler  # cli.py calls `handler`
    return args.handler(args)


def test_cli_show_from_jsonl(tmp_path):
    docs = [sample_document(), Document(source="other.txt", text="Hà Nội", places=[
        Place(text="Hà Nội", start=0, end=6, name="Hà Nội", level="province")])]
    src = tmp_path / "documents.jsonl"
    src.write_text("".join(d.model_dump_json() + "\n" for d in docs), encoding="utf-8")
    out = tmp_path / "page.html"
    assert run(["show", str(src), "-o", str(out)]) == 0
    assert len(heads(Page(out.read_text(encoding="utf-8")))) == 12
    assert run(["show", str(src), "--line", "2", "-o", str(out)]) == 0
    assert len(heads(Page(out.read_text(encoding="utf-8")))) == 1
    assert run(["show", str(src), "--source", "other.txt", "-o", str(out)]) == 0
    assert "Hà Nội" in out.read_text(encoding="utf-8")
    assert run(["show", str(src), "--line", "9", "-o", str(out)]) == 1
    assert run(["show", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 1
    # a document record without text (the batch default) still renders, tables only
    src.write_text(docs[0].model_dump_json(exclude={"text"}) + "\n", encoding="utf-8")
    assert load_document(src).text is None
    assert run(["show", str(src), "-o", str(out)]) == 0
    assert "no-text" in Page(out.read_text(encoding="utf-8")).ids


def test_cli_show_rereads_text_of_a_textless_record(tmp_path, monkeypatch):
    import hashlib
    import types

    import tnxh_extract.readers as readers

    served = {"text": SAMPLE_TEXT}
    monkeypatch.setattr(readers, "read", lambda path: types.SimpleNamespace(text=served["text"]))
    (tmp_path / "a.txt").write_text("the article as scraped", encoding="utf-8")
    doc = sample_document().model_copy(update={
        "source": "a.txt", "text_sha256": hashlib.sha256(SAMPLE_TEXT.encode()).hexdigest()})
    src = tmp_path / "documents.jsonl"
    src.write_text(doc.model_dump_json(exclude={"text"}) + "\n", encoding="utf-8")
    out = tmp_path / "page.html"
    # source relative to the jsonl's folder, same text: highlights
    assert run(["show", str(src), "-o", str(out)]) == 0
    assert len(heads(Page(out.read_text(encoding="utf-8")))) == 12
    assert run(["show", str(src), "--no-reread", "-o", str(out)]) == 0
    assert len(heads(Page(out.read_text(encoding="utf-8")))) == 0
    # the source changed since: never highlight offsets against another text
    served["text"] = SAMPLE_TEXT.replace("Quảng Nam", "Quảng Ngãi")
    assert run(["show", str(src), "-o", str(out)]) == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert len(heads(page)) == 0 and "no-text" in page.ids


def test_cli_show_article_uses_extract_file(tmp_path, monkeypatch):
    article = tmp_path / "a.txt"
    article.write_text("whatever", encoding="utf-8")
    seen = []

    def fake_extract_file(path):
        seen.append(Path(path))
        return sample_document()

    # set in the module's namespace directly: no lazy import of the real pipeline
    monkeypatch.setitem(vars(tnxh_extract), "extract_file", fake_extract_file)
    out = tmp_path / "page.html"
    assert run(["show", str(article), "-o", str(out)]) == 0
    assert seen == [article]
    assert len(heads(Page(out.read_text(encoding="utf-8")))) == 12


def test_cli_report(tmp_path, capsys):
    write_batch(tmp_path)
    out = tmp_path / "report.html"
    assert run(["report", str(tmp_path), "-o", str(out)]) == 0
    assert "by-concept" in Page(out.read_text(encoding="utf-8")).ids
    assert run(["report", str(tmp_path / "nope")]) == 1
    assert "documents.jsonl" in capsys.readouterr().err


# --------------------------------------------------------------------------- notebooks


def test_notebook_display_is_a_sandboxed_frame(tmp_path):
    page = render(sample_document())
    assert isinstance(page, str) and page.startswith("<!DOCTYPE html>")
    frame = page._repr_html_()

    class Frame(HTMLParser):
        def handle_starttag(self, tag, attrs):
            self.tag, self.attrs = tag, dict(attrs)

    parsed = Frame()
    parsed.feed(frame)
    assert parsed.tag == "iframe"
    assert parsed.attrs["sandbox"] == "allow-scripts"
    assert parsed.attrs["srcdoc"] == str(page)  # the whole page, exactly, once unescaped
    assert "<mark" not in frame  # nothing of the page leaks into the notebook itself
    write_batch(tmp_path)
    assert "<iframe" in render_report(tmp_path)._repr_html_()
