"""Tables written as 'a | b | c' lines become Table objects with exact cell offsets."""

from tnxh_extract.readers.pipe_tables import find_pipe_tables

TEXT = """Người nghiện tại một số địa bàn:
STT | Đơn vị | Số người nghiện | Đang cai nghiện
1 | TP Thái Nguyên | 1.245 | 210
2 | TX Phổ Yên | 386 | 58
Cộng | 1.631 | 268
Nguồn: Phòng LĐ-TBXH."""


def test_pipe_table_rows_header_and_offsets():
    (table,) = find_pipe_tables(TEXT)
    assert [c.text for c in table.header[0]] == ["STT", "Đơn vị", "Số người nghiện", "Đang cai nghiện"]
    assert [[c.text for c in r] for r in table.rows] == [
        ["1", "TP Thái Nguyên", "1.245", "210"],
        ["2", "TX Phổ Yên", "386", "58"],
        ["", "Cộng", "1.631", "268"],  # the total row is aligned right
    ]
    for row in table.header + table.rows:
        for cell in row:
            assert TEXT[cell.start : cell.end] == cell.text


def test_menus_and_short_runs_are_not_tables():
    assert find_pipe_tables("Trang chủ | Tin tức | Liên hệ\nA | B\nvăn bản") == []
    assert find_pipe_tables("a | 1\nb | 2\n") == []  # fewer than three rows
