"""Table cells as figures: the column header is the subject, the row label the place."""

from __future__ import annotations

from typing import Any

import regex

from ..models import UnitRef
from .context import Context, Figure
from .figures import unit_after
from .lexicon import Lexicon

# patterns used once per figure, compiled once
_RATE_HEADER = regex.compile(r"(?i)\btỷ lệ\b")
_COUNT_HEADER = regex.compile(r"(?i)\bsố\s")


_TOTAL_ROW = regex.compile(r"(?i)^\s*(tổng cộng|tổng số|tổng|cộng|toàn tỉnh|toàn thành phố|toàn huyện|toàn thị xã|toàn quốc|cả nước)\b")
_INDEX_HEADER = regex.compile(r"(?i)^\s*(s?tt|số tt|số thứ tự|#)\s*$")
_UNIT_IN_HEADER = regex.compile(r"\(([^()]{1,20})\)\s*$")


def table_figures(ctx: Context, lex: Lexicon) -> list[Figure]:
    """Each figure cell of a table: subject from its column header, place from its row."""
    from .. import numbers

    out: list[Figure] = []
    for table in ctx.tables:
        headers = _column_headers(table)
        label_col = _label_column(table, headers)
        for row in table.rows:
            if label_col is None or label_col >= len(row):
                continue
            label = row[label_col]
            place = _row_place(ctx, label)
            line_start = ctx.text.rfind("\n", 0, label.start) + 1
            line_end = ctx.text.find("\n", label.start)
            sentence = ctx.text[line_start : line_end if line_end >= 0 else len(ctx.text)]
            row_figures: list[Figure] = []
            for col, cell in enumerate(row):
                if col == label_col or col >= len(headers) or _INDEX_HEADER.match(headers[col]):
                    continue
                value = numbers.parse(cell.text.strip())
                if value is None or not cell.text.strip():
                    continue
                unit, scale = _header_unit(headers[col], lex)
                fig = Figure(start=cell.start, end=cell.end, num_end=cell.end, unit_end=cell.end, value=value * scale, unit=unit)
                fig.from_table = True
                fig.table_start = table.start
                fig.subject = headers[col] or None
                fig.place = place
                fig.sentence = sentence
                fig.qualifier = "expected" if any(a <= cell.start < b for a, b in ctx.plan_ranges) else None
                if row_figures and lex.breakdown_lead_re.match(headers[col]):
                    fig.parent = row_figures[-1]  # a column headed "Trong đó: …" breaks down the one before
                row_figures.append(fig)
                out.append(fig)
    return out


def _column_headers(table: Any) -> list[str]:
    """One header per column: a spanning upper cell carried right over its sub-headers."""
    width = max([len(r) for r in table.header + table.rows] or [0])
    columns = [[] for _ in range(width)]
    for row in table.header:
        carried = ""
        for col in range(width):
            text = row[col].text.strip() if col < len(row) else ""
            below = any(col < len(r) and r[col].text.strip() for r in table.header[table.header.index(row) + 1 :])
            if text:
                carried = text
                columns[col].append(text)
            elif carried and below:
                columns[col].append(carried)
    return [": ".join(dict.fromkeys(parts)) for parts in columns]


def _label_column(table: Any, headers: list[str]) -> int | None:
    from .. import numbers

    for col in range(len(headers)):
        if _INDEX_HEADER.match(headers[col]):
            continue
        cells = [r[col].text.strip() for r in table.rows if col < len(r)]
        wordy = [c for c in cells if c and numbers.parse(c) is None]
        if cells and len(wordy) >= len(cells) / 2:
            return col
    return None


def _row_place(ctx: Context, label: Any) -> UnitRef | None:
    inside = ctx.place_index.within(label.start, label.end)
    if inside:
        best = inside[0]
        return UnitRef(name=best.name, level=best.level, code=best.code)
    if _TOTAL_ROW.match(label.text):
        return ctx.main_place
    return _bare_unit(label.text.strip(), ctx.main_place)


def _bare_unit(name: str, province: UnitRef | None) -> UnitRef | None:
    """A row labelled with a bare name ('Chợ Mới'): a unit of the article's province."""
    from .. import places

    if not name or province is None or len(name) > 40:
        return None
    for unit_word in ("huyện", "thành phố", "thị xã", "quận", "xã", "phường", "thị trấn"):
        found = places.resolve(f"{unit_word} {name}, tỉnh {province.name}")
        if found is not None and found.level != "province" and found.name.lower() == name.lower():
            return UnitRef(name=found.name, level=found.level, code=found.code)
    return None


def _header_unit(header: str, lex: Lexicon) -> tuple[str, float]:
    """The unit a column counts in: '(người)', '(triệu đồng)', 'Số cơ sở …', else 'người'."""
    m = _UNIT_IN_HEADER.search(header)
    if m:
        inner = m.group(1).strip()
        if inner == "%":
            return "%", 1.0
        unit, _end, scale = unit_after(" " + inner, 0, lex)
        if unit:
            return unit, scale
    if "%" in header or _RATE_HEADER.search(header):
        return "%", 1.0
    m = _COUNT_HEADER.search(header)
    if m:
        unit, _end, scale = unit_after(header, m.end() - 1, lex)
        if unit:
            return unit, scale
    return "người", 1.0
