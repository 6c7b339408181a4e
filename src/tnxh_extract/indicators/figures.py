"""Which numbers are figures, and what each counts: value, unit, target ratio, range.

Numbers inside dates, document codes, place names, programme names and phone numbers,
list labels and years are not figures; a figure needs a counted noun (units.json),
a "%", or a unit its own statement gives it.
"""

from __future__ import annotations

import bisect
from typing import Any

import regex

from .attributes import qualifier_of
from .context import Context, Figure, clause_start
from .lexicon import Lexicon

# patterns used once per figure, compiled once
_WORD_START = regex.compile(r"(?<=\s)\S")
_LABEL_TAIL = regex.compile(r"[.)]\s")
_SLASH = regex.compile(r"\s?/\s?")
_ABBREVIATION_AFTER = regex.compile(r"\s(\p{Lu}[\p{Lu}\d&-]{1,11})(?![\p{L}])")
_FROM_TO_BEFORE = regex.compile(r"từ\s[\d.,]+\s(?:lên|xuống|còn)\s$")
_UNIT_LIST_THEN_SLASH = regex.compile(r"(?:,\s?[\p{L}\p{M} ]{1,20})*\s?/\s?")
_WORD_OR_LINE_START = regex.compile(r"(?:^|(?<=\s))\S")
_BARE_COUNT_TAIL = regex.compile(r"\s(?:vào|đi|ra|về|trường hợp|lên|xuống|còn|\))|\)|;|,\s")


_ABBREVIATION = regex.compile(
    r"\((?:gọi tắt là|sau đây gọi tắt là|sau đây gọi là|viết tắt là|viết tắt)\s+(\p{Lu}[\p{Lu}\d&-]{1,11})\)"
)


def local_abbreviations(text: str, lex: Lexicon) -> dict[str, str]:
    """'3.073 cơ sở kinh doanh dịch vụ (gọi tắt là CSKDDV)': later '1.354 CSKDDV' counts 'cơ sở'."""
    out = {}
    for m in _ABBREVIATION.finditer(text):
        window = text[max(0, m.start() - 80) : m.start()]
        heads = [u for u in (unit_after(window, w.start(), lex)[0] for w in _WORD_START.finditer(window)) if u]
        if heads:
            out[m.group(1)] = heads[0]
    return out


def is_article_word(num: Any) -> bool:
    """'một' before a noun is most often the indefinite article ('một cơ sở'), not a count."""
    return num.words and num.text.lower() == "một"


def drop_title_repeats(ctx: Context, figures: list[Figure]) -> list[Figure]:
    """A figure the title repeats from the body is reported once, from the body."""
    if not ctx.title_end:
        return figures
    body = {(f.value, f.unit) for f in figures if f.start >= ctx.title_end}
    return [f for f in figures if f.start >= ctx.title_end or (f.value, f.unit) not in body]


def blocked_ranges(ctx: Context) -> list[tuple[int, int]]:
    ranges = [(d.start, d.end) for d in ctx.decisions]
    ranges += [(p.start, p.end) for p in ctx.periods]
    ranges += [(p.start, p.end) for p in ctx.places]
    return sorted(ranges)


def overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(ranges, (end, end))
    for s, e in ranges[max(0, i - 8) : i]:
        if s < end and start < e:
            return True
    return False


def is_name_or_label(text: str, num: Any, lex: Lexicon) -> bool:
    before = text[max(0, num.start - 40) : num.start]
    if lex.not_before_re.search(before):
        return True
    if num.text in lex.named_numbers and lex.name_head_re.search(before):
        return True  # "Ban Chỉ đạo 138", "Trung tâm 05-06", "Đội 178": programme names
    if _PHONE_BEFORE.search(before):
        return True  # "đường dây nóng 1800 1567": every digit group of a phone number
    # a list label at the start of a line: "1. ", "2) ", "II."
    line_start = text.rfind("\n", 0, num.start) + 1
    if not text[line_start : num.start].strip() and _LABEL_TAIL.match(text[num.end : num.end + 2]):
        return True
    return False


_PHONE_BEFORE = regex.compile(r"(?i)(?:đường dây nóng|tổng đài|điện thoại|hotline|fax|ĐT)[:\s]*(?:[\d.]+\s)+$")


def unit_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int, float]:
    """The counted noun right after `pos`: (head form, end offset, scale multiplier)."""
    m = lex.unit_re.match(text, pos)
    if not m:
        return None, pos, 1.0
    scale = lex.scales.get(m.group(1).lower(), 1.0) if m.group(1) else 1.0
    written = m.group(2)
    unit = lex.aliases.get(written, written if written.isupper() else written.lower())
    end = m.end()
    if unit == "lượt":  # "lượt cơ sở", "lượt công dân": visits counted in another noun
        inner = lex.unit_re.match(text, end)
        if inner and not inner.group(1) and inner.group(2).lower() not in ("lượt", "người"):
            unit, end = f"lượt {inner.group(2).lower()}", inner.end()
    return unit, end, float(scale)


def read_figure(ctx: Context, nums: list[Any], i: int, consumed: set[int], lex: Lexicon) -> Figure | None:
    text = ctx.text
    num = nums[i]
    value = num.value
    if value is None:
        return None
    unit: str | None = "%" if num.is_percent else None
    end = num.end
    target = None
    # "809/1.200 người", "50/80%": value / target sharing one unit.
    nxt = nums[i + 1] if i + 1 < len(nums) else None
    if nxt is not None and _SLASH.fullmatch(text[num.end : nxt.start]) and not num.is_percent:
        target = nxt.value
        consumed.add(i + 1)
        end = nxt.end
        if nxt.is_percent:
            unit = "%"
    scale = 1.0
    unit_borrowed = False
    if unit is None:
        unit, end2, scale = unit_after(text, end, lex)
        if unit is not None:
            end = end2
    if unit is None and ctx.local_units:
        m = _ABBREVIATION_AFTER.match(text[end : end + 14])
        if m and m.group(1) in ctx.local_units:
            unit, end = ctx.local_units[m.group(1)], end + m.end()
    if unit is None and _FROM_TO_BEFORE.search(text[max(0, num.start - 30) : num.start]):
        unit = _clause_unit(ctx, num.start, lex)  # "… xã không có người nghiện giảm từ 95 xuống 86"
        unit_borrowed = unit is not None
    if unit is None and _looks_like_year(num, text):
        return None
    if unit is None and not _may_borrow_unit(text, end):
        return None
    # "72 xã, phường/103 xã, phường, thị trấn": the same unit on both sides is a ratio.
    if unit and unit != "%" and target is None and nxt is not None and i + 1 not in consumed:
        between = text[end : nxt.start]
        if _UNIT_LIST_THEN_SLASH.fullmatch(between):
            unit2, end2, _ = unit_after(text, nxt.end, lex)
            if unit2 == unit:
                target = nxt.value
                consumed.add(i + 1)
                end = end2
    depth = ctx.paren_depth(num.start)
    fig = Figure(
        start=num.start,
        end=end,
        num_end=num.end,
        value=value * scale,
        unit=unit,
        value_max=num.value_max * scale if num.value_max is not None else None,
        target=target * scale if target is not None else None,
        depth=depth,
        unit_borrowed=unit_borrowed,
    )
    fig.unit_end = end
    fig.qualifier = qualifier_of(ctx, fig, lex)
    return fig


def _clause_unit(ctx: Context, pos: int, lex: Lexicon) -> str | None:
    """The first counted noun in the clause before `pos` (what a bare 'từ A xuống B' counts)."""
    s_start, _ = ctx.sentence_at(pos)
    start = clause_start(ctx.text, s_start, pos)
    for w in _WORD_OR_LINE_START.finditer(ctx.text[start:pos]):
        unit, _end, _scale = unit_after(ctx.text, start + w.start() - 1, lex) if w.start() else (None, 0, 1.0)
        if unit and unit != "%":
            return unit
    return None


def _looks_like_year(num: Any, text: str) -> bool:
    return float(num.value).is_integer() and 1900 <= num.value <= 2100 and "." not in num.text


def _may_borrow_unit(text: str, pos: int) -> bool:
    """A bare count ("tiếp nhận 602 vào cai nghiện") whose unit a later phrase states."""
    following = text[pos : pos + 12]
    return bool(_BARE_COUNT_TAIL.match(following))
