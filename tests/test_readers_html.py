"""The HTML reader: the article's text and metadata, none of the page around it."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize
from tnxh_extract.readers import ReadError, read
from tnxh_extract.readers.html import declared_charset, read_html_string
from tnxh_extract.readers.text import is_chrome_line, is_list_header

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
GOLD = ROOT / "fixtures" / "gold"
HTMLS = sorted(p for p in ARTICLES.glob("*.html") if (GOLD / (p.stem + ".gold.json")).exists())

spec = importlib.util.spec_from_file_location("make_malformed", ROOT / "fixtures" / "malformed" / "make_malformed.py")
mm = importlib.util.module_from_spec(spec)
sys.modules["make_malformed"] = mm
spec.loader.exec_module(mm)


def gold(p: Path) -> dict:
    return json.loads((GOLD / (p.stem + ".gold.json")).read_text(encoding="utf-8"))


def squash(s: str) -> str:
    return normalize(s).replace(" ", "").replace("\n", "").lower()


@pytest.mark.parametrize("path", HTMLS, ids=lambda p: p.stem[:3])
def test_html_fixture(path: Path) -> None:
    g = gold(path)
    t = read(path)
    assert t.format == "html"
    assert t.title == g["title"] and t.text.split("\n")[0] == t.title
    assert t.published == g["published"]
    text = squash(t.text)
    assert [p["name"] for p in g["places"] if squash(p["name"]) not in text] == []
    assert [d["code"] for d in g["decisions"] if d["code"] not in t.text] == []
    assert normalize(t.text) == t.text
    in_tables = {ln for tb in t.tables for ln in t.text[tb.start : tb.end].split("\n")}  # data rows, not menus
    chrome = [ln for ln in t.text.split("\n") if ln.strip() and ln not in in_tables
              and (is_chrome_line(ln) or is_list_header(ln))]
    assert chrome == []


def test_sonla_portal_keeps_lead_and_caption_drops_boxes() -> None:
    t = read(ARTICLES / "201_sonla_portal_cai_nghien_9thang_2022.html")
    assert "(sonla.gov.vn) - Ngày 11/10/2022" in t.text  # the sapo, which extractors drop
    assert "Quang cảnh hội nghị đánh giá công tác" in t.text  # a figure caption
    assert "Nguồn: Sở Lao động - Thương binh và Xã hội tỉnh Sơn La" in t.text
    for chrome in ["Lượt xem", "Cỡ chữ", "Từ khóa", "Chia sẻ", "Ý kiến bạn đọc", "Lò Văn Thắng",
                   "Tin liên quan", "Mộc Châu: Ra mắt", "Tin khác", "Điện Biên: 9 tháng", "Tìm kiếm"]:
        assert chrome not in t.text, chrome
    assert t.author == "Thu Hà"
    assert t.url and t.url.endswith("-3518.html")


def test_binhduong_comments_and_lists_gone() -> None:
    t = read(ARTICLES / "204_sldtbxh_binhduong_cai_nghien_6thang_2023.html")
    for chrome in ["Ý kiến", "Tin liên quan", "Tin mới", "Xem nhiều nhất", "Thống kê truy cập"]:
        assert chrome not in t.text, chrome


def test_layout_table_cms_in_windows_1252_label() -> None:
    t = read(ARTICLES / "205_huonghoa_cms_cp1252_ma_tuy_2019.html")
    assert "|" not in t.text  # the page layout table is not rendered as cells
    assert "THỐNG KÊ TRUY CẬP" not in t.text and "CÁC TIN KHÁC" not in t.text
    assert "Hồ Văn Tý - Phòng LĐ-TB&XH huyện Hướng Hóa" in t.text


def test_windows_1258_declared_combining_tones() -> None:
    html = f'<html><head><meta charset="windows-1258"><title>{mm.TITLE}</title></head><body><article><h1>{mm.TITLE}</h1><p>{mm.VI.splitlines()[2]}</p></article></body></html>'
    data = mm.to_cp1258(html)
    assert declared_charset(data) == "windows-1258"
    t = read(data, name="page.html")
    assert mm.VI.splitlines()[2] in t.text  # composed by NFC, so the offsets match the Unicode text
    assert t.title == mm.TITLE


def test_entities_and_broken_markup() -> None:
    html = (
        "<html><body><div class='news-content'><h1>Quảng Ninh tổng kết công tác cai nghiện năm 2021</h1>"
        "<p>Năm 2021, tỉnh Quảng Ninh có 181 người cai nghiện tại gia đình &amp; cộng đồng, "
        "t&#7893;ng c&ocirc;ng 30 ng&#432;&#7901;i d&ugrave;ng thuốc Cedemex.<p>Đoạn hai không đóng thẻ "
        "<b>đậm <i>nghiêng</p></div></span><h2>Kế hoạch năm 2022</h2><p>Huyện Vân Đồn tiếp tục triển khai mô hình."
    )
    t = read_html_string(html, "x.html")
    assert "gia đình & cộng đồng, tổng công 30 người dùng thuốc Cedemex." in t.text
    assert "Đoạn hai không đóng thẻ đậm nghiêng" in t.text
    lines = t.text.split("\n")
    assert "Kế hoạch năm 2022" in lines  # a heading is a line of its own
    assert any(s.heading == "Kế hoạch năm 2022" for s in t.sections)


def test_no_text_refused() -> None:
    with pytest.raises(ReadError, match="no article text"):
        read_html_string("<html><head><title>Trang chủ</title></head><body><nav>Trang chủ</nav></body></html>")
    with pytest.raises(ReadError, match="empty"):
        read_html_string("   ")


def test_unlabelled_boxes_after_the_byline() -> None:
    html = """<html><head><title>Quảng Trị: 187 người nghiện ma túy có hồ sơ quản lý - Báo Quảng Trị</title></head><body>
<div class="menu">Trang chủ | Thời sự | Xã hội</div>
<div class="main"><h2 class="title">Quảng Trị: 187 người nghiện ma túy có hồ sơ quản lý</h2>
<span class="time">Thứ Hai, 25/11/2019 - 08:15</span>
<p>Theo thống kê, đến tháng 10/2019, toàn huyện Hướng Hóa có 187 người nghiện ma túy có hồ sơ quản lý, tập trung ở thị trấn Lao Bảo.</p>
<p>Công an huyện đã phát hiện, bắt giữ 42 vụ, 61 đối tượng mua bán, tàng trữ trái phép chất ma túy trong năm.</p>
<p>Minh Long</p></div><div class="box2"><b>Tin khác</b><a>Khe Sanh ra quân</a></div></body></html>"""
    t = read_html_string(html, "x.html")
    assert t.title == "Quảng Trị: 187 người nghiện ma túy có hồ sơ quản lý"
    assert [ln for ln in t.text.split("\n") if ln][:2] == [t.title, "Thứ Hai, 25/11/2019 - 08:15"]
    assert t.text.endswith("Minh Long")
    assert t.author == "Minh Long"
    assert "Khe Sanh" not in t.text and "Trang chủ" not in t.text


def test_html_data_table_is_read_as_a_table():
    t = read(ARTICLES / "204_sldtbxh_binhduong_cai_nghien_6thang_2023.html")
    assert len(t.tables) == 1
    table = t.tables[0]
    assert [c.text for c in table.header[0]] == ["STT", "Đơn vị", "Cai nghiện tự nguyện", "Cai nghiện bắt buộc"]
    assert len(table.rows) == 10  # nine districts and the total
    assert [c.text for c in table.rows[0]] == ["1", "TP. Thủ Dầu Một", "52", "98"]
    for row in table.header + table.rows:
        for cell in row:
            assert t.text[cell.start : cell.end] == cell.text
