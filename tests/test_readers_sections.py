"""Headings, numbered sections, section paths and plan sections."""

from __future__ import annotations

from pathlib import Path

import pytest

from tnxh_extract.readers import read
from tnxh_extract.readers.base import Text
from tnxh_extract.readers.sections import find_sections, heading_level, is_plan_section, section_path

ROOT = Path(__file__).resolve().parents[1]

DOC = """UBND TỈNH LAI CHÂU
BÁO CÁO
Kết quả công tác phòng, chống tệ nạn xã hội năm 2022 và phương hướng, nhiệm vụ năm 2023 của tỉnh
Phần I
I. KẾT QUẢ THỰC HIỆN NĂM 2022
1. Công tác cai nghiện
Năm 2022 toàn tỉnh đã tổ chức cai nghiện ma túy cho 1.020 người, đạt 102% kế hoạch năm.
1.1. Cai nghiện tự nguyện
a) Tại gia đình
Có 120 người cai nghiện tại gia đình.
2. Công tác phòng, chống mại dâm
Kiểm tra 46 lượt cơ sở.
II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023
1. Phấn đấu tổ chức cai nghiện ma túy cho ít nhất 1.100 người, trong đó tự nguyện trên 40%.
2. Công tác tuyên truyền
Tổ chức 220 buổi tuyên truyền.
Mục 3
Nội dung mục ba.
KIẾN NGHỊ VỚI BỘ
Đề nghị hỗ trợ kinh phí."""


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("I. KẾT QUẢ THỰC HIỆN NĂM 2022", 1),
        ("Phần I", 1),
        ("Chương 2. Tổ chức thực hiện", 1),
        ("1. Công tác cai nghiện", 2),
        ("Mục 3", 2),
        ("2.1. Cai nghiện tự nguyện", 3),
        ("a) Tại gia đình", 3),
        ("2.1.1. Tại cơ sở", 4),
        ("KIẾN NGHỊ VỚI BỘ", 1),
        ("Kế hoạch 6 tháng cuối năm", 2),
        ("1. Phấn đấu tổ chức cai nghiện ma túy cho ít nhất 1.100 người, trong đó tự nguyện trên 40%.", None),
        ("Năm 2022 toàn tỉnh đã tổ chức cai nghiện ma túy cho 1.020 người.", None),
        ("Biểu số 01. KẾT QUẢ CAI NGHIỆN MA TÚY", None),
        ("KT. GIÁM ĐỐC", None),
        ("1 | Thành phố Lai Châu | 268", None),
    ],
)
def test_heading_level(line: str, level: int | None) -> None:
    assert heading_level(line) == level


def _text() -> Text:
    return Text(source="x", format="text", text=DOC, sections=find_sections(DOC))


def test_outline() -> None:
    t = _text()
    heads = [(s.level, s.heading) for s in t.sections]
    assert (1, "UBND TỈNH LAI CHÂU") not in heads  # letterhead before the first paragraph
    assert heads[:4] == [(1, "Phần I"), (1, "I. KẾT QUẢ THỰC HIỆN NĂM 2022"), (2, "1. Công tác cai nghiện"), (3, "1.1. Cai nghiện tự nguyện")]
    for s in t.sections:
        assert DOC[s.start : s.heading_end] == s.heading
        assert s.start < s.end <= len(DOC)
    one = next(s for s in t.sections if s.heading == "I. KẾT QUẢ THỰC HIỆN NĂM 2022")
    assert DOC[one.start : one.end].endswith("Kiểm tra 46 lượt cơ sở.")


def test_section_path_and_plan() -> None:
    t = _text()
    off_result = DOC.index("120 người")
    assert section_path(t, off_result) == [
        "I. KẾT QUẢ THỰC HIỆN NĂM 2022", "1. Công tác cai nghiện", "1.1. Cai nghiện tự nguyện", "a) Tại gia đình",
    ]
    assert not is_plan_section(section_path(t, off_result))
    off_plan = DOC.index("220 buổi")
    assert "II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023" in section_path(t, off_plan)
    assert is_plan_section(section_path(t, off_plan))
    assert not is_plan_section(section_path(t, DOC.index("46 lượt")))


@pytest.mark.parametrize(
    ("path", "plan"),
    [
        (["II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2023", "1. Công tác cai nghiện"], True),
        (["Kế hoạch năm 2024"], True),
        (["3. Mục tiêu đến năm 2025"], True),
        (["II. NHIỆM VỤ TRỌNG TÂM 6 THÁNG CUỐI NĂM 2023"], True),
        (["I. KẾT QUẢ THỰC HIỆN NHIỆM VỤ NĂM 2022"], False),
        (["I. KẾT QUẢ", "2. Tình hình tệ nạn ma túy"], False),
        ([], False),
    ],
)
def test_is_plan_section(path: list[str], plan: bool) -> None:
    assert is_plan_section(path) is plan


def test_pdf_report_sections() -> None:
    t = read(ROOT / "fixtures" / "articles" / "301_laichau_bc_tnxh_2022.pdf")
    plan = t.text.index("Phấn đấu tổ chức cai nghiện ma túy cho ít nhất 1.100 người")
    assert is_plan_section(section_path(t, plan))
    result = t.text.index("1.020 người")
    assert not is_plan_section(section_path(t, result))
    assert section_path(t, result)[-1].startswith("2. Công tác cai nghiện")
