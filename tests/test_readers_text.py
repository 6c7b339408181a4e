"""The scraped-text reader: the article is kept whole, the page chrome is dropped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize
from tnxh_extract.readers import ReadError, read, read_text_string
from tnxh_extract.readers.text import (
    is_breadcrumb,
    is_chrome_line,
    is_date_line,
    is_list_header,
    is_spam,
    parse_date,
)

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT / "fixtures" / "articles"
GOLD = ROOT / "fixtures" / "gold"
SEEDS = sorted(ARTICLES.glob("00[0-4]_*.txt"))
ALL_TXT = sorted(p for p in ARTICLES.glob("*.txt") if (GOLD / (p.stem + ".gold.json")).exists())


def gold(path: Path) -> dict:
    return json.loads((GOLD / (path.stem + ".gold.json")).read_text(encoding="utf-8"))


def squash(s: str) -> str:
    return normalize(s).replace(" ", "").lower()


def test_there_are_five_seeds() -> None:
    assert len(SEEDS) == 5


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_body_intact(path: Path) -> None:
    """Every gold place and decision code of a seed is still in Text.text."""
    g = gold(path)
    t = read(path)
    text = squash(t.text)  # "SêKông" in the page is "Sê Kông" in the gold
    missing = [p["name"] for p in g["places"] if squash(p["name"]) not in text]
    assert missing == []
    assert [d["code"] for d in g["decisions"] if d["code"] not in t.text] == []


@pytest.mark.parametrize("path", ALL_TXT, ids=lambda p: p.stem[:3])
def test_title_and_date(path: Path) -> None:
    g = gold(path)
    t = read(path)
    assert t.title == g["title"]
    assert t.published == g["published"]
    assert t.title in t.text  # the title line stays in the text
    assert normalize(t.text) == t.text  # offsets index normalised text


@pytest.mark.parametrize("path", ALL_TXT, ids=lambda p: p.stem[:3])
def test_all_decision_codes_survive(path: Path) -> None:
    g = gold(path)
    t = read(path)
    assert [d["code"] for d in g["decisions"] if d["code"] not in t.text] == []


CHROME = {
    "000": ["Select the search type", "Search", "Các tin mới hơn", "[Trở về]", "Lượt xem", "1575",
            "Định hướng tinh thần- phương pháp khoa học", "Hội nghị tập huấn “Tư vấn điều trị nghiện"],
    "001": ["Các tin đã đưa ngày"],
    "002": ["Xã hội\nQuảng Ninh"],
    "003": ["Mới nhất", "Xem nhiều nhất", "kartal", "escort", "Scroll", "\n;\n"],
    "004": ["Trang chủ / Xã hội", "TAG:", "Tin khác", "Thái Bình: Hiệu quả", "Phú Thọ đẩy mạnh", "Phòng, chống TNXH\n"],
}
KEPT = {
    "000": ["Nguồn tin: Chi cục Phòng, chống tệ nạn xã hội Quảng Nam", "Người đăng: Phạm Thị Anh",
            "(Các đại biểu thảo luận)", "huyện Quế Sơn"],
    "001": ["01/08/2017", "Đặng Việt Hùng- PGĐ cơ sở cai nghiện ma túy tỉnh Vĩnh Phúc"],
    "002": ["02:40 PM 10/12/2021", "Giờ học nghề tại Cơ sở cai nghiện ma túy tỉnh Quảng Ninh", "Mỹ Hạnh"],
    "003": ["12/12/2016 04:10", "PV"],
    "004": ["02:04 PM 27/07/2023", "Hồng Phượng"],
}


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.stem[:3])
def test_seed_chrome_gone_article_kept(path: Path) -> None:
    t = read(path)
    key = path.stem[:3]
    for s in CHROME[key]:
        assert s not in t.text, s
    for s in KEPT[key]:
        assert s in t.text, s
    assert t.text.split("\n")[0] == t.title  # nothing above the headline


def test_seed_authors() -> None:
    by = {p.stem[:3]: read(p).author for p in SEEDS}
    assert by == {"000": "Phạm Thị Anh", "001": "Đặng Việt Hùng", "002": "Mỹ Hạnh", "003": "PV", "004": "Hồng Phượng"}


@pytest.mark.parametrize(
    ("s", "iso"),
    [
        ("02:04 PM 27/07/2023", "2023-07-27"),
        ("12/12/2016 04:10", "2016-12-12"),
        ("01/08/2017", "2017-08-01"),
        ("Thứ Hai, 10/12/2021", "2021-12-10"),
        ("Cập nhật: 28-12-2020 | 07:30", "2020-12-28"),
        ("ngày 5 tháng 6 năm 2017", "2017-06-05"),
        ("2022-10-12", "2022-10-12"),
        ("32/13/2020", None),
        ("không có ngày", None),
    ],
)
def test_parse_date(s: str, iso: str | None) -> None:
    assert parse_date(s) == iso


def test_date_line_is_short() -> None:
    assert is_date_line("Thứ Sáu, 18/07/2014, 16:42 (GMT+7)")
    assert is_date_line("20/11/2018 | 15:05 | Lượt xem: 867")
    assert not is_date_line("Ngày 31/7 và ngày 01/8/2017 tại Thành phố Đà Nẵng, Bộ Lao động tổ chức Hội nghị")


def test_line_forms() -> None:
    assert is_breadcrumb("Trang chủ / Xã hội / Phòng, chống TNXH")
    assert is_breadcrumb("Trang chủ » Tin tức » Xã hội")
    assert not is_breadcrumb("cai nghiện cho 809/1.200 người, đạt 67,4%")
    assert is_list_header("Tin liên quan")
    assert is_list_header("Các tin mới hơn:")
    assert is_list_header("Từ khóa: ma túy, cai nghiện")
    assert is_spam("kartal escortgebze escort")
    assert is_spam("best online casino bonus")
    assert not is_spam("Hồng Phượng")
    assert not is_spam("PV")
    assert not is_spam("Tỉnh có 12 tụ điểm cá cược, đánh bạc trái phép.")
    for chrome in ["1 2 3 4 5 ...", "Chia sẻ Facebook Twitter In bài", "[Trở về]", "Lượt xem: 1234", "Tìm kiếm", ";"]:
        assert is_chrome_line(chrome), chrome
    for body in ["Hồng Phượng", "Nguồn: Báo An Giang", "- Bố trí kinh phí để thực hiện công tác cai nghiện ma túy;"]:
        assert not is_chrome_line(body), body


def test_list_run_ends_at_a_paragraph() -> None:
    para = (
        "Trong năm 2021, toàn tỉnh đã tổ chức cai nghiện cho 1.020 người, đạt 102% kế hoạch năm. "
        "Các huyện tiếp tục rà soát người nghiện, lập hồ sơ quản lý và phối hợp với công an cơ sở "
        "để quản lý sau cai nghiện tại nơi cư trú, bảo đảm không để tái nghiện trên địa bàn."
    )
    s = "\n".join([
        "Tỉnh Quảng Nam tổng kết công tác phòng, chống tệ nạn xã hội năm 2021", "01/12/2021",
        "Mở đầu bài viết có nội dung ngắn gọn về hội nghị tổng kết của tỉnh.",
        "Tin liên quan", "Quảng Nam ra mắt mô hình mới", "Hội An tập huấn cai nghiện",
        para, "Minh Anh", "Tin khác", "Đà Nẵng: kiểm tra 120 cơ sở",
    ])
    t = read_text_string(s, "inline")
    assert "Quảng Nam ra mắt mô hình mới" not in t.text
    assert "Hội An tập huấn" not in t.text
    assert para in t.text and "Minh Anh" in t.text
    assert "Đà Nẵng: kiểm tra" not in t.text
    assert t.published == "2021-12-01"


def test_inline_view_counter_stripped_from_author_line() -> None:
    s = "Tiêu đề bài viết về công tác cai nghiện ma túy năm 2017\n01/01/2017\nNội dung.\nNgười đăng: Phạm Thị Anh .Ngày đăng: 13/10/2017 .Lượt xem: 1575 lượt."
    t = read_text_string(s)
    assert t.text.endswith("Người đăng: Phạm Thị Anh .Ngày đăng: 13/10/2017")
    assert t.author == "Phạm Thị Anh"


def test_read_text_string_errors() -> None:
    with pytest.raises(ReadError, match="no text"):
        read_text_string("   \n  ")


# A page of another shape than the seeds: a pipe menu, a weekday date line with GMT, an inline
# "Xem thêm" link and a photo caption inside the body, share counts, comments, a site footer.
OTHER_PAGE = """Thời sự | Góc nhìn | Thế giới | Pháp luật | Sức khỏe
Tìm kiếm
Pháp luật
Bình Dương: Triệt phá đường dây mua bán người qua biên giới, giải cứu 7 nạn nhân
Thứ năm, 12/10/2023, 08:00 (GMT+7)
Công an tỉnh Bình Dương vừa triệt phá đường dây mua bán người qua biên giới Campuchia, giải cứu 7 nạn nhân, trong đó có 2 trẻ em, khởi tố 5 bị can theo Bộ luật Hình sự năm 2015. Các nạn nhân được đưa về Trung tâm Công tác xã hội tỉnh.
Xem thêm: Giải cứu 12 thanh niên bị lừa sang Campuchia làm việc
Theo Sở Lao động - Thương binh và Xã hội, từ đầu năm đến nay tỉnh đã tiếp nhận 19 nạn nhân bị mua bán trở về. Các nạn nhân được hỗ trợ theo Nghị định số 09/2013/NĐ-CP của Chính phủ, mỗi người được hỗ trợ 1,5 triệu đồng.
Các nạn nhân được đưa về Trung tâm Công tác xã hội tỉnh. Ảnh: Công an cung cấp
Lê Huy
Chia sẻ 12 | Thích 37
Bình luận (0)
Gửi bình luận
© 2023 Báo Điện tử Bình Dương. Giấy phép số 123/GP-BTTTT ngày 5/3/2020.
Địa chỉ: 01 Đường 30/4, thành phố Thủ Dầu Một
"""


def test_page_of_another_shape() -> None:
    t = read_text_string(OTHER_PAGE, "other.txt")
    assert t.title == "Bình Dương: Triệt phá đường dây mua bán người qua biên giới, giải cứu 7 nạn nhân"
    assert t.published == "2023-10-12"
    assert t.text.split("\n")[:2] == [t.title, "Thứ năm, 12/10/2023, 08:00 (GMT+7)"]
    for kept in ["09/2013/NĐ-CP", "Ảnh: Công an cung cấp", "Lê Huy", "19 nạn nhân"]:
        assert kept in t.text, kept
    for gone in ["Góc nhìn", "Tìm kiếm", "Pháp luật\n", "Xem thêm", "Giải cứu 12 thanh niên", "Chia sẻ", "Thích 37",
                 "Bình luận", "©", "123/GP-BTTTT", "Thủ Dầu Một"]:
        assert gone not in t.text, gone
    assert t.author == "Lê Huy"


def test_report_as_plain_text_keeps_its_letterhead() -> None:
    """A report saved as text: the letterhead (number, place, date) is part of the document."""
    pdf_text = read(ARTICLES / "302_thaihoa_bc_6thang_2023.pdf").text
    t = read_text_string(pdf_text, "report.txt")
    assert t.text.startswith("UBND THỊ XÃ THÁI HÒA")
    assert "Số: 87/BC-LĐTBXH" in t.text
    assert t.title == "Sơ kết công tác phòng, chống tệ nạn xã hội 6 tháng đầu năm, nhiệm vụ trọng tâm 6 tháng cuối năm 2023"
    assert t.published == "2023-06-20"


def test_plain_text_without_chrome_keeps_every_line() -> None:
    s = "I. KẾT QUẢ\nTheo báo cáo,\nnăm 2021 toàn tỉnh đã tổ chức cai nghiện ma túy cho 1.020 người, đạt 102% kế hoạch năm."
    t = read_text_string(s)
    assert t.text == s
