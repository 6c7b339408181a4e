"""Figures: which numbers are statistics, and how each relates to the words around it.

Works on the normalised text plus what the other recognisers found (numbers, periods,
decisions, places, sentences). Each figure becomes one `Indicator`: value and unit, then
the attributes a Vietnamese report states around it — target ("809/1.200"), rate ("đạt
67,4% KH"), qualifier ("hơn", "dự kiến"), change ("tăng 273 người so với cùng kỳ năm
2022", "từ 35 lên 240"), breakdown ("trong đó …"), subject, place, period. Numbers that
only serve as attributes (targets, deltas, "from" values, rates) are consumed, never
emitted as figures of their own.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from typing import Any

import regex

from . import concepts
from .lexicon import load_json
from .models import Change, Indicator, Period, Place, UnitRef


# --------------------------------------------------------------------------- data
@dataclass(frozen=True)
class Lexicon:
    units: tuple[str, ...]
    aliases: dict[str, str]
    unit_re: Any
    cues: dict[str, Any]
    qualifier_re: Any
    plan_re: Any
    named_numbers: frozenset[str]
    name_head_re: Any
    plan_near_re: Any
    breakdown_re: Any
    opener_re: Any
    breakdown_lead_re: Any
    sentence_breakdown_re: Any
    not_before_re: Any
    tail_trim_re: Any
    stock_re: Any
    national_re: Any


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    units_data = load_json("units.json")
    cues = load_json("indicator_cues.json")
    units = tuple(units_data["units"])
    unit_re = regex.compile(
        rf"\s?(?:({_alt(list(units_data['scales']))})\s)?({_alt(list(units))})(?![\p{{L}}\p{{M}}\p{{N}}])",
        regex.IGNORECASE,
    )
    qual = cues["qualifiers"]
    qualifier_re = regex.compile(
        "(?:" + "|".join(f"(?P<{k}>{_alt(v)})" for k, v in qual.items() if k != "expected") + r")\s$",
        regex.IGNORECASE,
    )
    return Lexicon(
        units=units,
        aliases=units_data["aliases"],
        unit_re=unit_re,
        cues=cues,
        qualifier_re=qualifier_re,
        named_numbers=frozenset(cues["named_numbers"]["numbers"]),
        name_head_re=regex.compile(rf"(?<![\p{{L}}])(?:{_alt(cues['named_numbers']['heads'])})\s$"),
        plan_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['plan_words_sentence'])})(?![\p{{L}}])"),
        plan_near_re=regex.compile(
            rf"(?i)(?<![%\d]\s?)(?<![\p{{L}}])({_alt(cues['plan_words_near'])})(?:\s\S+){{0,3}}\s$"
        ),
        breakdown_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['breakdown'])})(?![\p{{L}}])"),
        sentence_breakdown_re=regex.compile(rf"(?i)(?:{_alt(cues['sentence_breakdown'])})(?![\p{{L}}])"),
        breakdown_lead_re=regex.compile(rf"(?i)^(?:{_alt(cues['breakdown'])})(?![\p{{L}}])[\s,:]*"),
        opener_re=regex.compile(rf"\(|(?i:(?<![\p{{L}}])(?:{_alt(cues['breakdown'])})(?![\p{{L}}]))"),
        not_before_re=regex.compile(rf"(?<![\p{{L}}])({_alt(cues['not_figure_before'])})\s?$"),
        tail_trim_re=regex.compile(
            rf"(?:\s|[,:;.\-–(/]|(?<![\p{{L}}])(?i:{_alt(cues['trim_edge'])}))+$"
        ),
        stock_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['stock_words'])})(?![\p{{L}}])"),
        national_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['national_words'])})(?![\p{{L}}])"),
    )


class SpanIndex:
    """Spans sorted by start, for 'which lie within [a, b)' in logarithmic time, so that
    per-figure look-ups stay linear in the document as a whole."""

    def __init__(self, spans: list[Any]) -> None:
        self.spans = sorted(spans, key=lambda s: s.start)
        self.starts = [s.start for s in self.spans]
        self.longest = max((s.end - s.start for s in self.spans), default=0)

    def within(self, a: int, b: int) -> list[Any]:
        """Spans with a <= start and end <= b."""
        lo = bisect.bisect_left(self.starts, a)
        hi = bisect.bisect_left(self.starts, b)
        return [s for s in self.spans[lo:hi] if s.end <= b]

    def starting(self, a: int, b: int) -> list[Any]:
        """Spans with a <= start < b."""
        return self.spans[bisect.bisect_left(self.starts, a) : bisect.bisect_left(self.starts, b)]

    def covering(self, pos: int) -> list[Any]:
        """Spans with start <= pos < end."""
        lo = bisect.bisect_left(self.starts, pos - self.longest)
        hi = bisect.bisect_right(self.starts, pos)
        return [s for s in self.spans[lo:hi] if s.end > pos]


# ----------------------------------------------------------------------- drafts
@dataclass
class Figure:
    """A figure being assembled; becomes an Indicator at the end."""

    start: int
    end: int  # end of value + unit (the expression grows as attributes attach)
    num_end: int  # end of the numeral itself
    value: float
    unit: str | None
    unit_end: int = -1  # end of the counted noun (before any attribute)
    value_max: float | None = None
    target: float | None = None
    percent: float | None = None
    qualifier: str | None = None
    change: dict[str, Any] = field(default_factory=dict)
    parent: Figure | None = None  # the figure this one breaks down
    depth: int = 0  # parenthesis depth
    unit_borrowed: bool = False
    # set for table cells, whose context is the table rather than a sentence
    from_table: bool = False
    table_start: int | None = None
    subject: str | None = None
    place: UnitRef | None = None
    sentence: str | None = None
    prev: Figure | None = None  # the text figures before and after it
    next: Figure | None = None


@dataclass
class Context:
    """Everything the figure rules look at, gathered once per document."""

    text: str
    sentences: list[tuple[int, int]]
    numbers: list[Any]
    periods: list[Any]
    decisions: list[Any]
    places: list[Place]
    main_place: UnitRef | None
    published: date | None
    plan_ranges: list[tuple[int, int]]
    section_of: Any  # callable offset -> list[str]
    sections: list[Any] = field(default_factory=list)  # readers.base.Section
    tables: list[Any] = field(default_factory=list)  # readers.base.Table
    title_end: int = 0
    local_units: dict[str, str] = field(default_factory=dict)  # "CSKDDV" -> "cơ sở"
    sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sent_starts = [s for s, _ in self.sentences]

    @cached_property
    def usable_periods(self) -> list[Any]:
        return _usable_periods(self)

    @cached_property
    def usable_index(self) -> SpanIndex:
        return SpanIndex(self.usable_periods)

    @cached_property
    def decision_index(self) -> SpanIndex:
        return SpanIndex(self.decisions)

    @cached_property
    def place_index(self) -> SpanIndex:
        return SpanIndex([p for p in self.places if p.level in ("province", "district", "commune")])

    def sentence_at(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.sent_starts, offset) - 1
        if i < 0:
            return (0, len(self.text))
        return self.sentences[i]


_HARD_STOP = regex.compile(r"[;:.!?\n()]")
_CLAUSE_STOP = regex.compile(r"[;:.!?\n()]|,\s*(?=(?:và|nhưng|đồng thời|ngoài ra)\b)")


# ------------------------------------------------------------------------ main
def find(ctx: Context) -> list[Indicator]:
    """Every figure in the document as an Indicator, in reading order, ids i1, i2, …"""
    lex = lexicon()
    ctx.local_units.update(_local_abbreviations(ctx.text, lex))
    blocked = _blocked_ranges(ctx) + [(t.start, t.end) for t in ctx.tables]
    blocked.sort()
    nums = [n for n in ctx.numbers if not _overlaps(blocked, n.start, n.end)]
    nums = [n for n in nums if not _is_name_or_label(ctx.text, n, lex) and not _is_article_word(n)]
    figures: list[Figure] = []
    consumed: set[int] = set()
    for i, num in enumerate(nums):
        if i in consumed:
            continue
        fig = _read_figure(ctx, nums, i, consumed, lex)
        if fig is not None:
            figures.append(fig)
    _attach_rates_and_targets(ctx, figures)
    _attach_changes(ctx, figures, lex)
    _drop_consumed(figures)
    _carry_plans(ctx, figures)
    _borrow_units(ctx, figures)
    figures = [f for f in figures if f.unit]
    figures = _drop_title_repeats(ctx, figures)
    _link_breakdowns(ctx, figures, lex)
    _link_sentence_breakdowns(ctx, figures, lex)
    for prev, fig in zip([None, *figures], figures):
        fig.prev = prev
        if prev is not None:
            prev.next = fig
    figures += table_figures(ctx, lex)
    figures.sort(key=lambda f: f.start)
    ids = {id(f): f"i{k + 1}" for k, f in enumerate(figures)}
    return [_to_indicator(ctx, fig, ids, lex) for fig in figures]


_ABBREVIATION = regex.compile(
    r"\((?:gọi tắt là|sau đây gọi tắt là|sau đây gọi là|viết tắt là|viết tắt)\s+(\p{Lu}[\p{Lu}\d&-]{1,11})\)"
)


def _local_abbreviations(text: str, lex: Lexicon) -> dict[str, str]:
    """'3.073 cơ sở kinh doanh dịch vụ (gọi tắt là CSKDDV)': later '1.354 CSKDDV' counts 'cơ sở'."""
    out = {}
    for m in _ABBREVIATION.finditer(text):
        window = text[max(0, m.start() - 80) : m.start()]
        heads = [u for u in (_unit_after(window, w.start(), lex)[0] for w in regex.finditer(r"(?<=\s)\S", window)) if u]
        if heads:
            out[m.group(1)] = heads[0]
    return out


def _is_article_word(num: Any) -> bool:
    """'một' before a noun is most often the indefinite article ('một cơ sở'), not a count."""
    return num.words and num.text.lower() == "một"


def _drop_title_repeats(ctx: Context, figures: list[Figure]) -> list[Figure]:
    """A figure the title repeats from the body is reported once, from the body."""
    if not ctx.title_end:
        return figures
    body = {(f.value, f.unit) for f in figures if f.start >= ctx.title_end}
    return [f for f in figures if f.start >= ctx.title_end or (f.value, f.unit) not in body]


def _blocked_ranges(ctx: Context) -> list[tuple[int, int]]:
    ranges = [(d.start, d.end) for d in ctx.decisions]
    ranges += [(p.start, p.end) for p in ctx.periods]
    ranges += [(p.start, p.end) for p in ctx.places]
    return sorted(ranges)


def _overlaps(ranges: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(ranges, (end, end))
    for s, e in ranges[max(0, i - 8) : i]:
        if s < end and start < e:
            return True
    return False


def _is_name_or_label(text: str, num: Any, lex: Lexicon) -> bool:
    before = text[max(0, num.start - 40) : num.start]
    if lex.not_before_re.search(before):
        return True
    if num.text in lex.named_numbers and lex.name_head_re.search(before):
        return True  # "Ban Chỉ đạo 138", "Trung tâm 05-06", "Đội 178": programme names
    if _PHONE_BEFORE.search(before):
        return True  # "đường dây nóng 1800 1567": every digit group of a phone number
    # a list label at the start of a line: "1. ", "2) ", "II."
    line_start = text.rfind("\n", 0, num.start) + 1
    if not text[line_start : num.start].strip() and regex.match(r"[.)]\s", text[num.end : num.end + 2]):
        return True
    return False


_PHONE_BEFORE = regex.compile(r"(?i)(?:đường dây nóng|tổng đài|điện thoại|hotline|fax|ĐT)[:\s]*(?:[\d.]+\s)+$")


def _unit_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int, float]:
    """The counted noun right after `pos`: (head form, end offset, scale multiplier)."""
    m = lex.unit_re.match(text, pos)
    if not m:
        return None, pos, 1.0
    scale = load_json("units.json")["scales"].get(m.group(1).lower(), 1) if m.group(1) else 1
    written = m.group(2)
    unit = lex.aliases.get(written, written if written.isupper() else written.lower())
    end = m.end()
    if unit == "lượt":  # "lượt cơ sở", "lượt công dân": visits counted in another noun
        inner = lex.unit_re.match(text, end)
        if inner and not inner.group(1) and inner.group(2).lower() not in ("lượt", "người"):
            unit, end = f"lượt {inner.group(2).lower()}", inner.end()
    return unit, end, float(scale)


def _read_figure(ctx: Context, nums: list[Any], i: int, consumed: set[int], lex: Lexicon) -> Figure | None:
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
    if nxt is not None and regex.fullmatch(r"\s?/\s?", text[num.end : nxt.start]) and not num.is_percent:
        target = nxt.value
        consumed.add(i + 1)
        end = nxt.end
        if nxt.is_percent:
            unit = "%"
    scale = 1.0
    unit_borrowed = False
    if unit is None:
        unit, end2, scale = _unit_after(text, end, lex)
        if unit is not None:
            end = end2
    if unit is None and ctx.local_units:
        m = regex.match(r"\s(\p{Lu}[\p{Lu}\d&-]{1,11})(?![\p{L}])", text[end : end + 14])
        if m and m.group(1) in ctx.local_units:
            unit, end = ctx.local_units[m.group(1)], end + m.end()
    if unit is None and regex.search(r"từ\s[\d.,]+\s(?:lên|xuống|còn)\s$", text[max(0, num.start - 30) : num.start]):
        unit = _clause_unit(ctx, num.start, lex)  # "… xã không có người nghiện giảm từ 95 xuống 86"
        unit_borrowed = unit is not None
    if unit is None and _looks_like_year(num, text):
        return None
    if unit is None and not _may_borrow_unit(text, end):
        return None
    # "72 xã, phường/103 xã, phường, thị trấn": the same unit on both sides is a ratio.
    if unit and unit != "%" and target is None and nxt is not None and i + 1 not in consumed:
        between = text[end : nxt.start]
        if regex.fullmatch(r"(?:,\s?[\p{L}\p{M} ]{1,20})*\s?/\s?", between):
            unit2, end2, _ = _unit_after(text, nxt.end, lex)
            if unit2 == unit:
                target = nxt.value
                consumed.add(i + 1)
                end = end2
    depth = text.count("(", 0, num.start) - text.count(")", 0, num.start)
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
    fig.qualifier = _qualifier(ctx, fig, lex)
    return fig


def _clause_unit(ctx: Context, pos: int, lex: Lexicon) -> str | None:
    """The first counted noun in the clause before `pos` (what a bare 'từ A xuống B' counts)."""
    s_start, _ = ctx.sentence_at(pos)
    start = _clause_start(ctx.text, s_start, pos)
    for w in regex.finditer(r"(?:^|(?<=\s))\S", ctx.text[start:pos]):
        unit, _end, _scale = _unit_after(ctx.text, start + w.start() - 1, lex) if w.start() else (None, 0, 1.0)
        if unit and unit != "%":
            return unit
    return None


def _looks_like_year(num: Any, text: str) -> bool:
    return float(num.value).is_integer() and 1900 <= num.value <= 2100 and "." not in num.text


def _may_borrow_unit(text: str, pos: int) -> bool:
    """A bare count ("tiếp nhận 602 vào cai nghiện") whose unit a later phrase states."""
    following = text[pos : pos + 12]
    return bool(regex.match(r"\s(?:vào|đi|ra|về|trường hợp|lên|xuống|còn|\))|\)|;|,\s", following))


def _qualifier(ctx: Context, fig: Figure, lex: Lexicon) -> str | None:
    text = ctx.text
    if _is_plan(ctx, fig, lex):
        return "expected"
    before = text[max(0, fig.start - 20) : fig.start]
    m = lex.qualifier_re.search(before)
    if m:
        for kind in ("more_than", "less_than", "about"):
            if m.group(kind):
                return kind
    return None


def _is_plan(ctx: Context, fig: Figure, lex: Lexicon) -> bool:
    """Under a plan heading, after a plan verb in the sentence ('phấn đấu', 'dự kiến'),
    or right after a plan noun ('Kế hoạch tổ chức 05 lớp')."""
    if any(s <= fig.start < e for s, e in ctx.plan_ranges):
        return True
    s_start, _ = ctx.sentence_at(fig.start)
    before = _visible(ctx, s_start, fig.start)
    clause = _visible(ctx, _clause_start(ctx.text, s_start, fig.start), fig.start)
    if lex.plan_re.search(clause):
        return True
    near = regex.search(r"(?:\S+\s+){0,5}$", before)
    return bool(near and lex.plan_near_re.search(" " + near.group()))


def _clause_start(text: str, floor: int, pos: int) -> int:
    """Start of the clause holding `pos`: after the last ; : ( ) . or line break."""
    best = floor
    for m in _HARD_STOP.finditer(text, floor, pos):
        best = m.end()
    return best


# ----------------------------------------------------------- attributes
_RATE = regex.compile(
    r"^\s?,?\s?(?:(?:và|,)\s)?(?:đạt|bằng)(?:\s(?:tỷ lệ|tỉ lệ))?\s$"
)
_TARGET_LEAD = regex.compile(r"(?i)(?:mục tiêu|chỉ tiêu|kế hoạch)(?:[^;.()\d]{0,30})?\s(?:là|đề ra|đặt ra|đạt)?\s?$")


def _attach_rates_and_targets(ctx: Context, figures: list[Figure]) -> None:
    """'…, đạt 67,4% KH năm' is the rate of the figure before it; '(mục tiêu … 80%)' its target."""
    text = ctx.text
    for k in range(1, len(figures)):
        fig, prev = figures[k], figures[k - 1]
        if fig.unit != "%" or prev.unit is None or getattr(prev, "_consumed", False):
            continue
        if ctx.sentence_at(fig.start) != ctx.sentence_at(prev.start):
            continue
        between = text[prev.end : fig.start]
        if prev.unit != "%" and prev.percent is None and fig.target is None and _is_rate_link(between):
            prev.percent = fig.value + (100.0 if _EXCEEDS.search(between) else 0.0)
            prev.end = _rate_tail_end(text, fig.end)
            fig._consumed = True  # type: ignore[attr-defined]
        elif prev.unit != "%" and prev.percent is None and prev.target is not None and regex.fullmatch(r"\s?\(\s?", between):
            prev.percent = fig.value  # "21/26 (80,8%)"
            fig._consumed = True  # type: ignore[attr-defined]
    live = [f for f in figures if not getattr(f, "_consumed", False)]
    for prev, fig in zip(live, live[1:]):
        if ctx.sentence_at(fig.start) != ctx.sentence_at(prev.start) or prev.target is not None:
            continue
        if fig.unit == prev.unit and _is_target_link(text[prev.end : fig.start]):
            prev.target = fig.value  # "đạt 60% (mục tiêu của Đề án là 80%)", "(kế hoạch 2.000 người)"
            fig._consumed = True  # type: ignore[attr-defined]


_RATE_VERB = r"(?:đạt|bằng|vượt|hoàn thành|chiếm)"
_EXCEEDS = regex.compile(r"(?<![\p{L}])vượt\s$")


def _is_rate_link(between: str) -> bool:
    """', đạt 67,4% …' / ', vượt 12% chỉ tiêu' / 'để hoàn thành 100% kế hoạch' after a count."""
    if len(between) > 160 or regex.search(r"[;.!?\n]", between):
        return False
    if not regex.search(rf"(?:^|,\s?|\s|\()\s?{_RATE_VERB}(?:\s(?:tỷ lệ|tỉ lệ))?\s$", between):
        return False
    if between.rstrip().endswith("chiếm") and not regex.match(r"\s?[,(]", between):
        return False  # "nữ giới chiếm 4%" is a share of its own, not this figure's rate
    return len(between) < 25 or "," in between


def _rate_tail_end(text: str, pos: int) -> int:
    m = regex.match(r"\s(?:so với\s)?(?:KH|kế hoạch|chỉ tiêu)(?:\s(?:năm|giao|đề ra|kế hoạch năm))?", text[pos : pos + 40])
    return pos + m.end() if m else pos


def _is_target_link(between: str) -> bool:
    return len(between) < 60 and bool(_TARGET_LEAD.search(between.strip(" ()") + " "))


_CHANGE = regex.compile(
    r"^\s?,?\s?(?:\(|và\s)?\s?(?P<dir>tăng|giảm)(?:\s(?:thêm|lên|xuống|đi))?\s(?P<num>)"
)
_FROM = regex.compile(r"(?i)(?:từ\s)?$")


def _attach_changes(ctx: Context, figures: list[Figure], lex: Lexicon) -> None:
    """'tăng 273 người so với cùng kỳ năm 2022' and 'từ 35 lên 240 điểm' become `change`."""
    text = ctx.text
    for k, fig in enumerate(figures):
        if getattr(fig, "_consumed", False):
            continue
        before = text[max(0, fig.start - 40) : fig.start]
        m = regex.search(r"(?P<dir>tăng|giảm)(?:\s(?:thêm|lên|xuống|đi))?\s$", before)
        if m is None:
            continue
        owner = _change_owner(ctx, figures, k)
        same_unit = _same_unit_owner(ctx, figures, k)
        if same_unit is not None:
            owner = same_unit
        fig._consumed = True  # type: ignore[attr-defined]
        if owner is None:
            continue
        change = owner.change
        change["direction"] = "increase" if m.group("dir") == "tăng" else "decrease"
        change["delta"] = fig.value
        if fig.unit == "%" and owner.unit != "%":
            change["delta_unit"] = "%"
        after = text[fig.end : fig.end + 60]
        ref = regex.match(r"[^;.()]{0,25}?so\s(?:với\s)?[^;.()\d]{0,20}?(\d{4})(?!\d)", after)
        if ref:
            change["reference_year"] = int(ref.group(1))
    # "từ 35 lên 240 điểm", "123 Trung tâm … xuống thành 105 Cơ sở"
    for k, fig in enumerate(figures):
        if getattr(fig, "_consumed", False):
            continue
        before = text[max(0, fig.start - 20) : fig.start]
        m = regex.search(r"(?P<to>lên|xuống|còn)(?:\s(?:thành|còn))?\s$", before)
        if m is None or k == 0:
            continue
        prev = figures[k - 1]
        if getattr(prev, "_consumed", False) or ctx.sentence_at(prev.start) != ctx.sentence_at(fig.start):
            continue
        gap = text[prev.end : fig.start]
        if len(gap) > 120 or regex.search(r"[;.!?\n]", gap):
            continue
        fig.change.setdefault("direction", "increase" if m.group("to") == "lên" else "decrease")
        fig.change["from"] = prev.value
        if fig.qualifier is None and prev.qualifier is not None:
            fig.qualifier = prev.qualifier
        prev._consumed = True  # type: ignore[attr-defined]
        # a following "giảm 18 cơ sở" already attached to the previous figure moves here
        if prev.change.get("delta") is not None and "delta" not in fig.change:
            fig.change["delta"] = prev.change["delta"]
            fig.change["direction"] = prev.change.get("direction", fig.change["direction"])


def _change_owner(ctx: Context, figures: list[Figure], k: int) -> Figure | None:
    """The figure a change phrase speaks of: the nearest earlier one at the same depth."""
    fig = figures[k]
    sent = ctx.sentence_at(fig.start)
    for j in range(k - 1, -1, -1):
        cand = figures[j]
        if ctx.sentence_at(cand.start) != sent:
            return None
        if getattr(cand, "_consumed", False):
            continue
        if cand.depth <= fig.depth:
            return cand
    return None


def _carry_plans(ctx: Context, figures: list[Figure]) -> None:
    """A plan stays a plan to the end of its clause: 'Kế hoạch tổ chức 05 lớp … tại 05 huyện'."""
    for prev, fig in zip(figures, figures[1:]):
        if prev.qualifier == "expected" and fig.qualifier is None:
            if not _HARD_STOP.search(ctx.text, prev.end, fig.start):
                fig.qualifier = "expected"


def _same_unit_owner(ctx: Context, figures: list[Figure], k: int) -> Figure | None:
    """'312 vụ … với 547 người, giảm 30 vụ': a delta in 'vụ' speaks of the figure in 'vụ'."""
    fig = figures[k]
    if not fig.unit or fig.unit == "%":
        return None
    sent = ctx.sentence_at(fig.start)
    for j in range(k - 1, -1, -1):
        cand = figures[j]
        if ctx.sentence_at(cand.start) != sent or ctx.text.find(";", cand.end, fig.start) >= 0:
            return None
        if not getattr(cand, "_consumed", False) and cand.unit == fig.unit and cand.depth <= fig.depth:
            return cand
    return None


def _drop_consumed(figures: list[Figure]) -> None:
    figures[:] = [f for f in figures if not getattr(f, "_consumed", False)]


def _borrow_units(ctx: Context, figures: list[Figure]) -> None:
    """A bare count takes the unit of the next figure in its sentence ('602 … 10 người')."""
    for k, fig in enumerate(figures):
        if fig.unit:
            continue
        sent = ctx.sentence_at(fig.start)
        unit = None
        if fig.change.get("delta") is not None:
            unit = None
        for other in figures[k + 1 :] + figures[:k][::-1]:
            if other.unit and other.unit != "%" and ctx.sentence_at(other.start) == sent:
                unit = other.unit
                break
        if unit:
            fig.unit = unit
            fig.unit_borrowed = True


def _link_breakdowns(ctx: Context, figures: list[Figure], lex: Lexicon) -> None:
    """'… 630 người (trong đó: 480 …, 97 …)' makes 480 and 97 children of 630.

    A breakdown opens with a cue ('trong đó', 'gồm', 'cụ thể') or a parenthesis right
    after a figure, and runs to the closing parenthesis, to the end of the sentence when
    the cue introduces a list ('gồm:'), else to the next ';'. Its figures count the same
    thing as their parent (same unit, a '%', or a bare count).
    """
    text = ctx.text
    for k, parent in enumerate(figures[:-1]):
        if parent.parent is not None or parent.unit == "%":
            continue
        nxt = figures[k + 1]
        if parent.qualifier == "expected" and nxt.qualifier != "expected" and k > 0:
            # "… cho 1.084 người; ước cả năm đạt 1.150 người. Xét theo địa bàn, …": the
            # parts break down the result, not the forecast
            earlier = figures[k - 1]
            if earlier.parent is None and earlier.unit == parent.unit and earlier.qualifier != "expected":
                parent = earlier
        opener = _breakdown_opener(ctx, figures[k], nxt, lex)
        if opener is None:
            continue
        second = figures[k + 2] if k + 2 < len(figures) else None
        scope_end = _breakdown_end(ctx, opener, nxt, second)
        for child in figures[k + 1 :]:
            if child.start >= scope_end:
                break
            if child.parent is None:
                child.parent = parent


def _link_sentence_breakdowns(ctx: Context, figures: list[Figure], lex: Lexicon) -> None:
    """A sentence opening with a breakdown cue ('Xét theo hình thức, …', 'Trong đó, …')
    breaks down the last result figure of its paragraph before it."""
    text = ctx.text
    for k, fig in enumerate(figures):
        if fig.parent is not None or k == 0:
            continue
        s_start, s_end = ctx.sentence_at(fig.start)
        if not lex.sentence_breakdown_re.match(text[s_start : fig.start].lstrip("-–•+ ")):
            continue
        para_start = text.rfind("\n", 0, s_start) + 1
        parent = next((f for f in reversed(figures[:k]) if para_start <= f.start < s_start
                       and f.parent is None and f.qualifier != "expected" and f.unit != "%"), None)
        if parent is None:
            continue
        for child in figures[k:]:
            if child.start >= s_end:
                break
            if child.parent is None:
                child.parent = parent


def _breakdown_opener(ctx: Context, parent: Figure, nxt: Figure, lex: Lexicon) -> regex.Match | None:
    text = ctx.text
    p_sent, n_sent = ctx.sentence_at(parent.start), ctx.sentence_at(nxt.start)
    if n_sent == p_sent:
        between_start = parent.end
    elif n_sent[0] <= p_sent[1] + 2:  # "… 18 nạn nhân. Trong đó, 12 …"
        between_start = n_sent[0]
    else:
        return None
    between = text[between_start : nxt.start]
    if len(between) > 200:
        return None
    opener = None
    for opener in lex.opener_re.finditer(text, between_start, nxt.start):
        pass  # the opener nearest the first part
    if opener is None and n_sent == p_sent:
        opener = regex.compile(r"\s?:").match(text, parent.end)  # "596 bệnh nhân: thành phố A 318, …"
    if opener is not None and opener.group() == "(" and ")" in text[opener.end() : nxt.start]:
        opener = None  # an aside that closed before the figure: "(gọi tắt là …)"
    if opener is None or (n_sent != p_sent and opener.start() - between_start > 3):
        return None
    if regex.search(r"[;.!?]", text[opener.end() : nxt.start]):
        return None
    return opener


def _breakdown_end(ctx: Context, opener: regex.Match, first: Figure, second: Figure | None) -> int:
    text = ctx.text
    _, s_end = ctx.sentence_at(first.start)
    if opener.group() == "(" or text.rfind("(", 0, opener.start()) > text.rfind(")", 0, opener.start()):
        close = text.find(")", opener.end(), s_end)
        return close if close >= 0 else s_end
    introduces_list = text[opener.end() : opener.end() + 2].lstrip().startswith(":")
    if introduces_list and second is not None and ";" in text[first.end : second.start]:
        # "gồm: a 687 người; b 214 người; c 245 người." — up to an item that starts a new
        # statement with a capital ("…; Hỗ trợ 117 người …")
        new_statement = regex.compile(r";\s*\p{Lu}").search(text, first.end, s_end)
        return new_statement.start() if new_statement else s_end
    semi = text.find(";", opener.end(), s_end)
    return semi if semi >= 0 else s_end


# ----------------------------------------------------------- to records
def _to_indicator(ctx: Context, fig: Figure, ids: dict[int, str], lex: Lexicon) -> Indicator:
    text = ctx.text
    s_start, s_end = ctx.sentence_at(fig.start)
    period = _period_for(ctx, fig, lex)
    year = _year_for(ctx, fig, period, lex)
    subject = fig.subject if fig.subject is not None else _subject(ctx, fig, lex)
    sentence = fig.sentence or text[s_start:s_end].strip()
    position = fig.start - s_start if fig.sentence is None else None
    return Indicator(
        id=ids[id(fig)],
        text=text[fig.start : fig.end],
        start=fig.start,
        end=fig.end,
        value=fig.value,
        value_max=fig.value_max,
        unit=fig.unit or "",
        target=fig.target,
        percent=fig.percent,
        subject=subject,
        concept=concepts.match(subject, fig.unit, sentence, position),
        place=fig.place if fig.from_table else _place_for(ctx, fig, lex),
        period=period,
        year=year,
        qualifier=fig.qualifier,  # type: ignore[arg-type]
        change=Change(**fig.change) if fig.change else None,
        parent=ids.get(id(fig.parent)) if fig.parent is not None else None,
        sentence=sentence,
        section=ctx.section_of(fig.start),
    )


_ATTRIBUTE_STOP = regex.compile(
    r"[;:()\n]|(?<![\p{L}])(?:(?:đạt|tăng|giảm|chiếm|bằng|với)\s(?=[\d]|khoảng|hơn|gần|trên|dưới|xấp xỉ)"
    r"|so với|trong đó|trong số đó|bao gồm|gồm)(?![\p{L}])"
)
_LEAD_TRIM = regex.compile(
    r"^(?:[\s,;:.\-–]|(?i:(?:và|hoặc|trong đó|trong số đó|cụ thể|bao gồm|gồm|như|các|những|với|riêng|còn|ngoài ra|"
    r"đồng thời|cùng với đó|theo đó|trong|tại|ở|của)(?![\p{L}])))+"
)
SUBJECT_WORDS = 10
GENERIC_UNITS = {"người", "lượt", "lượt người"}


def _subject(ctx: Context, fig: Figure, lex: Lexicon) -> str | None:
    """What is counted or done: the words before the figure in its clause, the counted
    noun, and the phrase after it up to the next attribute, figure or clause break."""
    text = ctx.text
    s_start, s_end = ctx.sentence_at(fig.start)
    prev_end = fig.prev.end if fig.prev is not None and s_start < fig.prev.end <= fig.start else s_start
    next_start = fig.next.start if fig.next is not None and fig.end <= fig.next.start < s_end else s_end
    pre_start = _clause_start(text, prev_end, fig.start)
    if prev_end > s_start:  # after an earlier figure: its own phrase runs to 'và'
        joint = None
        for joint in regex.finditer(r"(?<![\p{L}])(?:và|với|cùng)\s", text[pre_start : fig.start]):
            pass
        if joint is not None:
            pre_start += joint.end()
    pre = _cut_words(_visible(ctx, pre_start, fig.start), SUBJECT_WORDS, from_end=True)
    post_end = next_start
    stop = _ATTRIBUTE_STOP.search(text, fig.unit_end, post_end)
    if stop:
        post_end = stop.start()
    if next_start < s_end:  # another figure follows: its own words start after a comma
        comma = text.rfind(",", fig.unit_end, post_end)
        if comma >= 0 and not _ATTRIBUTE_STOP.search(text, fig.unit_end, next_start) and post_end == next_start:
            post_end = comma
    post = _cut_words(_visible(ctx, fig.unit_end, post_end), SUBJECT_WORDS, from_end=False)
    unit = ""
    if fig.unit and fig.unit != "%" and not fig.unit_borrowed:
        unit = regex.sub(r"^\s*/\s*[\d.,]+", "", text[fig.num_end : fig.unit_end]).strip()
    pre = _LEAD_TRIM.sub("", _trim_tail(pre)).strip()
    pre = lex.breakdown_lead_re.sub("", pre).strip()
    post = _trim_tail(post)
    if not post and unit in GENERIC_UNITS and pre:
        unit = ""  # "… tổ chức cai nghiện bắt buộc [cho 809] người": the noun adds nothing
    subject = " ".join(part for part in (pre, unit, post) if part)
    subject = regex.sub(r"\s+([,;])", r"\1", regex.sub(r"\s{2,}", " ", subject)).strip(" ,;")
    return subject or None


def _visible(ctx: Context, start: int, end: int) -> str:
    """text[start:end] without the time phrases, document references and place names
    inside it: where and when are attributes of their own, not what is counted."""
    cuts = [(p.start, p.end) for p in ctx.usable_index.within(start, end)]
    cuts += [(d.start, d.end) for d in ctx.decision_index.within(start, end)]
    out, pos = [], start
    for a, b in sorted(cuts):
        if a >= pos:
            out.append(ctx.text[pos:a])
            pos = b
    out.append(ctx.text[pos:end])
    return regex.sub(r"[ \t]{2,}", " ", " ".join(out))


def _cut_words(phrase: str, n: int, *, from_end: bool) -> str:
    """At most n words of `phrase` (its end or its start), cut at a word boundary."""
    phrase = phrase.strip()
    if len(phrase.split()) <= n:
        return phrase
    from .tokenizer import word_offsets

    words = [w for w in word_offsets(phrase) if regex.search(r"\w", phrase[w[0] : w[1]])]
    if len(words) <= n:
        return phrase
    return phrase[words[-n][0] :] if from_end else phrase[: words[n - 1][1]]


def _trim_tail(phrase: str) -> str:
    """Drop function words at the end of a phrase ('… cai nghiện cho' -> '… cai nghiện')."""
    lex = lexicon()
    prev = None
    phrase = phrase.strip()
    while prev != phrase:
        prev = phrase
        phrase = lex.tail_trim_re.sub("", phrase).strip()
    return phrase


_LEVEL_RANK = {"commune": 0, "district": 1, "province": 2, "country": 3, "foreign": 3}


def _place_for(ctx: Context, fig: Figure, lex: Lexicon) -> UnitRef | None:
    """A place named before the figure in its clause (the most specific of one chain
    'phường X, quận Y'), else the article's main place; None for national figures."""
    s_start, s_end = ctx.sentence_at(fig.start)
    clause_start = _clause_start(ctx.text, s_start, fig.start)
    m = _HARD_STOP.search(ctx.text, fig.end, s_end)
    clause_end = m.start() if m else s_end
    if lex.national_re.search(ctx.text, clause_start, clause_end):
        return None
    for p in ctx.place_index.within(fig.start - 40, fig.start):  # "TP. Pleiku (412 người)"
        if 0 <= fig.start - p.end <= 4 and regex.fullmatch(r"\s*[(:–-]?\s*", ctx.text[p.end : fig.start]):
            return UnitRef(name=p.name, level=p.level, code=p.code)
    # only the places after the previous figure speak of this one ("huyện A có 120 người,
    # huyện B có 85 người")
    floor = fig.prev.end if fig.prev is not None and clause_start <= fig.prev.end <= fig.start else clause_start
    before = ctx.place_index.within(floor, fig.start)
    chain = _one_chain(before)
    if chain is not None:
        return UnitRef(name=chain.name, level=chain.level, code=chain.code)
    return ctx.main_place


def _one_chain(places: list[Place]) -> Place | None:
    """The most specific place when `places` form one chain (each the parent of the one
    before it, or the same unit again); None when they name several unrelated units."""
    if not places:
        return None
    distinct: list[Place] = []
    for p in places:
        if not any(p.name == q.name and p.level == q.level for q in distinct):
            distinct.append(p)
    distinct.sort(key=lambda p: _LEVEL_RANK[p.level])
    for lower, upper in zip(distinct, distinct[1:]):
        if _LEVEL_RANK[lower.level] == _LEVEL_RANK[upper.level]:
            return None
        if upper.level == "province" and lower.province is not None and lower.province.name != upper.name:
            return None
    return distinct[0]


_COMPARISON_BEFORE = regex.compile(r"(?i)(?:so với|so cùng kỳ|so)(?:\s\S+){0,3}\s$")
_FRAME_LEAD = regex.compile(r"(?i)(?:^|[,;:(]\s?|(?<![\p{L}])(?:trong|từ|đến|tới|tính đến|tính tới|cả|hết|suốt|qua|riêng|cũng trong)\s)(?:\S+\s){0,2}$")
_DEADLINE_BEFORE = regex.compile(r"(?i)(?:tính đến|tính tới|đến|tới|trước|hết)\s(?:hết\s)?(?:ngày\s)?$")
_PARTICIPANTS = regex.compile(r"(?i)(?<![\p{L}])(tham dự|dự hội nghị|thành phần|đại biểu|tham gia hội nghị|sự tham gia)(?![\p{L}])")


def _usable_periods(ctx: Context) -> list[Any]:
    """Period spans that can date a figure: not inside a document reference, not the
    reference of a comparison ('so với năm 2015'), not a deadline ('đến ngày 30/9')."""
    out = []
    for p in ctx.periods:
        if p.kind not in ("period", "date", "year", "duration"):
            continue
        if ctx.decision_index.covering(p.start):
            continue
        before = ctx.text[max(0, p.start - 20) : p.start]
        if _COMPARISON_BEFORE.search(before):
            continue
        out.append(p)
    return out


def _period_for(ctx: Context, fig: Figure, lex: Lexicon) -> Period | None:
    """The period a figure refers to, from its sentence, its paragraph's lead or its section.

    A whole calendar year ('năm 2021') gives the figure a year but no period; a stock
    ('hiện có', 'tính đến 30/6') gets no period at all.
    """
    s_start, s_end = ctx.sentence_at(fig.start)
    if lex.stock_re.search(ctx.text, s_start, fig.start):
        return None
    usable = ctx.usable_periods
    if fig.table_start is not None:
        caption = _table_caption(ctx, fig.table_start)
        frames = [p for p in ctx.usable_index.within(*caption) if p.kind == "period"]
        if frames:
            return _as_period(frames[0])
    in_sentence = ctx.usable_index.within(s_start, s_end)
    chosen = _from_sentence(ctx, fig, in_sentence)
    if chosen is None:
        lead = _paragraph_lead(ctx, fig.start)
        if lead is not None:
            leads = [p for p in ctx.usable_index.within(*lead) if p.kind in ("period", "year")]
            chosen = leads[0] if leads else None
    if chosen is None:
        chosen = _from_sections(ctx, fig, usable)
    if chosen is None or chosen.kind in ("year", "duration") or chosen.start_date is None:
        return None
    return _as_period(chosen)


def _table_caption(ctx: Context, table_start: int) -> tuple[int, int]:
    """The line (caption or lead-in) right above a table."""
    end = ctx.text.rfind("\n", 0, table_start)
    end = max(end, 0)
    while end > 0 and ctx.text[end - 1] == "\n":
        end -= 1
    start = ctx.text.rfind("\n", 0, end) + 1
    return start, end


def _from_sentence(ctx: Context, fig: Figure, spans: list[Any]) -> Any | None:
    if not spans:
        return None
    sentence = ctx.sentence_at(fig.start)
    dates = [p for p in spans if p.kind == "date" or (p.kind == "period" and _short(p))]
    if _PARTICIPANTS.search(ctx.text, sentence[0], fig.start) or _PARTICIPANTS.search(ctx.text, fig.end, sentence[1]):
        if dates:
            return dates[0]  # a meeting's participants take the meeting's dates
        meeting = _meeting_date(ctx) if _MEETING.search(ctx.text, 0, ctx.title_end) and _MEETING.search(
            ctx.text, sentence[0], sentence[1]) else None
        if meeting is not None:
            return meeting
    before = [p for p in spans if p.end <= fig.start]
    before = [p for p in before if not (p.kind == "date" and _DEADLINE_BEFORE.search(ctx.text[max(0, p.start - 20) : p.start]))]
    if before:
        chosen = before[-1]
        if chosen.kind == "duration":
            return _article_period_matching(ctx, chosen)
        return chosen
    clause_end = _HARD_STOP.search(ctx.text, fig.end, sentence[1])
    after = [p for p in spans if p.start >= fig.end and p.kind != "date" and (clause_end is None or p.end <= clause_end.start())]
    return after[0] if after else None


_MEETING = regex.compile(r"(?i)(?<![\p{L}])(hội nghị|hội thảo|tọa đàm|diễn đàn|lễ phát động|lễ ra mắt)(?![\p{L}])")


def _short(p: Any) -> bool:
    return p.start_date is not None and p.end_date is not None and (p.end_date - p.start_date).days <= 7


def _meeting_date(ctx: Context) -> Any | None:
    """The date of the event the article reports: the first date or short date range in
    the title or the opening paragraph."""
    head_end = max(ctx.title_end, 0) + 600
    for p in ctx.usable_index.starting(0, head_end):
        if p.kind == "date" or (p.kind == "period" and _short(p)):
            return p
    return None


def _article_period_matching(ctx: Context, duration: Any) -> Any | None:
    """'Trong 9 tháng, …' refers to the article's own '9 tháng đầu năm 2019'."""
    main = _article_period(ctx)
    if main is None:
        return None
    m = regex.match(r"\d+", duration.text)
    months = int(m.group()) if m else None
    span_months = round(((main.end_date - main.start_date).days + 1) / 30.4)
    return main if months is not None and months == span_months else None


def _from_sections(ctx: Context, fig: Figure, usable: list[Any]) -> Any | None:
    for section in sorted(ctx.sections, key=lambda s: -s.level):
        if section.start <= fig.start < section.end:
            heads = ctx.usable_index.within(section.start, section.heading_end)
            heads = [p for p in heads if p.kind in ("period", "year")]
            if heads:
                ranges = [p for p in heads if p.kind == "period"]
                return (ranges or heads)[0]
    return None


def _paragraph_lead(ctx: Context, offset: int) -> tuple[int, int] | None:
    para_start = ctx.text.rfind("\n", 0, offset) + 1
    lead = ctx.sentence_at(para_start)
    if lead[0] <= offset < lead[1]:
        return None  # the figure is in the lead itself
    return lead


def _as_period(p: Any) -> Period:
    return Period(
        text=p.text,
        start=p.start,
        end=p.end,
        start_date=p.start_date.isoformat() if p.start_date else None,
        end_date=p.end_date.isoformat() if p.end_date else None,
        year=_reporting_year(p),
    )


def _reporting_year(p: Any) -> int | None:
    """A period's calendar year; a reporting year that straddles New Year ('16/12/2015 -
    15/12/2016') counts as the year it ends in; a multi-year period has none."""
    if p.year is not None:
        return p.year
    if p.start_date and p.end_date and (p.end_date - p.start_date).days <= 400:
        return p.end_date.year
    return None


def _year_for(ctx: Context, fig: Figure, period: Period | None, lex: Lexicon) -> int | None:
    """The calendar year of the figure: its period's, a year named in its sentence or
    stock date, its section heading's, else the year the article reports on."""
    if period is not None:
        return period.year
    s_start, s_end = ctx.sentence_at(fig.start)
    usable = ctx.usable_periods
    if _MULTI_YEAR.search(ctx.text, s_start, fig.start):
        return None
    named = [p for p in ctx.usable_index.starting(s_start, fig.start) if _reporting_year(p) is not None
             and p.kind != "duration" and _is_time_frame(ctx, p, s_start)]
    if named:
        return _reporting_year(named[-1])
    lead = _paragraph_lead(ctx, fig.start)
    if lead is not None:
        leads = [p for p in ctx.usable_index.starting(*lead) if p.year is not None
                 and p.kind in ("period", "year") and _is_time_frame(ctx, p, lead[0])]
        if leads:
            return leads[0].year
    head = _from_sections(ctx, fig, usable)
    if head is not None:
        return _reporting_year(head)
    return article_year(ctx)


_MULTI_YEAR = regex.compile(r"(?i)(?<![\p{L}\d])(?:[2-9]|1\d|0[2-9]|hai|ba|bốn|năm|mười)\snăm\s(?:qua|thực hiện|triển khai)|giai đoạn\s\d{4}")


def _is_time_frame(ctx: Context, p: Any, floor: int) -> bool:
    """A time phrase that frames its clause ('Năm 2021, …', 'trong 9 tháng …'), not one
    that qualifies a noun inside it ('mô hình năm 2021, 2022 chuyển sang')."""
    return bool(_FRAME_LEAD.search(ctx.text[floor : p.start]) or p.start - floor < 3)


def _article_period(ctx: Context) -> Any | None:
    head_end = max(ctx.title_end, min(len(ctx.text), 600))
    for p in ctx.periods:
        if p.start >= head_end:
            break
        if p.kind == "period" and p.year is not None and p.start_date and p.end_date:
            if (p.end_date - p.start_date).days >= 27:
                return p
    return None


def article_year(ctx: Context) -> int | None:
    """The year the article reports on: from a period in its title or opening; None when
    the opening speaks of several years ('giai đoạn 2011-2015', '3 năm thực hiện')."""
    head_end = max(ctx.title_end, min(len(ctx.text), 600))
    first_period = next((p for p in ctx.periods if p.kind in ("period", "year", "duration")), None)
    if _MULTI_YEAR.search(ctx.text, 0, head_end) and (first_period is None or first_period.year is None or first_period.kind == "duration"):
        return None
    for p in ctx.periods:
        if p.start >= head_end:
            break
        if p.relative and ctx.published is not None and p.year != ctx.published.year:
            continue  # "năm sau", "năm tới": a plan's year, not the report's
        if p.kind in ("period", "year") and p.start_date and p.end_date:
            if (p.end_date - p.start_date).days >= 27:
                return _reporting_year(p)
    return ctx.published.year if ctx.published is not None else None


# ------------------------------------------------------------------ tables
_TOTAL_ROW = regex.compile(r"(?i)^\s*(tổng cộng|tổng số|tổng|cộng|toàn tỉnh|toàn thành phố|toàn huyện|toàn thị xã|toàn quốc|cả nước)\b")
_INDEX_HEADER = regex.compile(r"(?i)^\s*(s?tt|số tt|số thứ tự|#)\s*$")
_UNIT_IN_HEADER = regex.compile(r"\(([^()]{1,20})\)\s*$")


def table_figures(ctx: Context, lex: Lexicon) -> list[Figure]:
    """Each figure cell of a table: subject from its column header, place from its row."""
    from . import numbers

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
    from . import numbers

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
    from . import places

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
        unit, _end, scale = _unit_after(" " + inner, 0, lex)
        if unit:
            return unit, scale
    if "%" in header or regex.search(r"(?i)\btỷ lệ\b", header):
        return "%", 1.0
    m = regex.search(r"(?i)\bsố\s", header)
    if m:
        unit, _end, scale = _unit_after(header, m.end() - 1, lex)
        if unit:
            return unit, scale
    return "người", 1.0
