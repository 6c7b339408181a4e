"""The PDF reader: reading order, tables with cell offsets, continued tables, page furniture."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize
from tnxh_extract.readers import read

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
GOLD = ROOT / "fixtures" / "gold"
PDFS = sorted(p for p in ARTICLES.glob("*.pdf") if (GOLD / (p.stem + ".gold.json")).exists())


def gold(p: Path) -> dict:
    return json.loads((GOLD / (p.stem + ".gold.json")).read_text(encoding="utf-8"))


def check_offsets(t) -> None:  # type: ignore[no-untyped-def]
    assert normalize(t.text) == t.text
    for tb in t.tables:
        assert t.text[tb.start : tb.end].count("\n") == len(tb.header) + len(tb.rows) - 1
        for row in tb.header + tb.rows:
            for c in row:
                assert t.text[c.start : c.end] == c.text
    for a, b in t.pages:
        assert 0 <= a <= b <= len(t.text)


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem[:3])
def test_report_fixtures(path: Path) -> None:
    g = gold(path)
    t = read(path)
    assert t.format == "pdf"
    assert t.title == g["title"]
    assert t.published == g["published"]
    assert [d["code"] for d in g["decisions"] if d["code"] not in t.text] == []
    squashed = t.text.replace(" ", "").replace("\n", "").lower()
    assert [p["name"] for p in g["places"] if p["name"].replace(" ", "").lower() not in squashed] == []
    check_offsets(t)
    assert len(t.pages) == 2
    assert t.tables


def test_table_continued_with_repeated_header() -> None:
    t = read(ARTICLES / "301_laichau_bc_tnxh_2022.pdf")
    assert len(t.tables) == 1
    tb = t.tables[0]
    assert tb.pages == [1, 2]
    assert [c.text for c in tb.header[0]] == ["TT", "Đơn vị", "Số người nghiện có hồ sơ quản lý", "Cai nghiện tự nguyện", "Cai nghiện bắt buộc"]
    assert [r[1].text for r in tb.rows][-1] == "Tổng cộng"
    assert [r[0].text for r in tb.rows[:8]] == [str(i) for i in range(1, 9)]
    assert t.text.count("TT | Đơn vị") == 1  # the header repeated on page 2 is not laid out twice
    # the table straddles the page boundary
    p1_end = t.pages[0][1]
    assert tb.start < p1_end < tb.end


def test_multi_row_header_joined_per_column() -> None:
    t = read(ARTICLES / "302_thaihoa_bc_6thang_2023.pdf")
    tb = t.tables[0]
    assert len(tb.header) == 2
    assert tb.columns[-2:] == ["Cai nghiện ma túy Tự nguyện", "Cai nghiện ma túy Bắt buộc"]
    assert tb.columns[1] == "Xã, phường"
    assert tb.rows[1][1].text == "Phường Quang Phong"  # a wrapped cell is one cell
    assert "- 2 -" not in t.text  # page number gone


def test_wrapped_lines_joined_letterhead_columns_split() -> None:
    t = read(ARTICLES / "301_laichau_bc_tnxh_2022.pdf")
    assert "cai nghiện ma túy cho 1.020 người, đạt 102% kế hoạch năm" in t.text
    assert "Thực hiện Kế hoạch số 38/KH-UBND ngày 07/01/2022 của UBND tỉnh Lai Châu về công tác" in t.text
    assert "LAI CHÂU CỘNG HÒA" not in t.text
    assert "UBND TỈNH LAI CHÂU\nSỞ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI" in t.text  # left column first
    assert "Nơi nhận:\n- Bộ LĐ-TBXH (Cục PCTNXH);" in t.text  # the signature block too
    assert t.text.endswith("KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n(Đã ký)\nLò Văn Hùng")
    assert t.author == "Lò Văn Hùng"
    assert "Lai Châu, ngày 15 tháng 12 năm 2022" in t.text


# --- built PDFs: running heads, page numbers, a table split over pages without a header ----


def _build(repeat_header: bool) -> bytes:
    pytest.importorskip("reportlab")
    from reportlab import rl_config

    rl_config.invariant = 1
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    def furniture(c, doc):  # type: ignore[no-untyped-def]
        c.setFont("Helvetica", 9)
        c.drawString(72, A4[1] - 40, "SO LAO DONG THUONG BINH VA XA HOI - BAO CAO TNXH")
        c.drawString(A4[0] / 2, 30, f"Trang {doc.page}")

    styles = getSampleStyleSheet()
    data = [["STT", "Don vi", "So nguoi"]] + [[str(i), f"Xa so {i}", str(100 + i)] for i in range(1, 61)]
    table = Table(data, repeatRows=1 if repeat_header else 0)
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black)]))
    story = [Paragraph("BAO CAO", styles["Title"]), Paragraph("Ket qua cong tac nam 2022 cua tinh", styles["Normal"])]
    story += [Paragraph("Noi dung mo dau cua bao cao ve cong tac phong chong te nan xa hoi. " * 3, styles["Normal"])] * 8
    story.append(table)
    story.append(Paragraph("Doan van sau bang ket thuc bao cao.", styles["Normal"]))
    buf = io.BytesIO()
    SimpleDocTemplate(buf, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return buf.getvalue()


@pytest.mark.parametrize("repeat_header", [False, True])
def test_built_table_over_pages(repeat_header: bool) -> None:
    t = read(_build(repeat_header), name="built.pdf")
    check_offsets(t)
    assert len(t.pages) >= 2
    assert len(t.tables) == 1
    tb = t.tables[0]
    assert len(tb.pages) >= 2
    assert [c.text for c in tb.header[0]] == ["STT", "Don vi", "So nguoi"]
    assert len(tb.rows) == 60
    assert [r[0].text for r in tb.rows] == [str(i) for i in range(1, 61)]
    assert t.text.count("STT | Don vi | So nguoi") == 1
    assert "SO LAO DONG THUONG BINH" not in t.text  # running head
    assert "Trang 1" not in t.text and "Trang 2" not in t.text  # page numbers
    assert t.text.endswith("Doan van sau bang ket thuc bao cao.")
    assert t.title == "Ket qua cong tac nam 2022 cua tinh"


def test_header_rows_and_joined_columns() -> None:
    from tnxh_extract.readers.pdf import _columns, _header_rows

    rows = [["Chỉ tiêu", "Năm", None], [None, "2022", "2023"], ["Số người cai nghiện", "1.020", "1.100"]]
    assert _header_rows(rows) == 2  # years head columns; "1.020" is a figure
    assert _columns(rows[:2], 3) == ["Chỉ tiêu", "Năm 2022", "Năm 2023"]
    assert _header_rows([["TT", "Đơn vị"], ["1", "Huyện A"]]) == 1
    assert _header_rows([["1", "Huyện A"], ["2", "Huyện B"]]) == 0
