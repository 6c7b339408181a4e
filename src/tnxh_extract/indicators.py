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
from functools import cache
from typing import Any

import regex

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
    breakdown_re: Any
    not_before_re: Any
    trim_re: Any
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
        plan_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['plan_words_in_clause'])})(?![\p{{L}}])"),
        breakdown_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['breakdown'])})(?![\p{{L}}])"),
        not_before_re=regex.compile(rf"(?<![\p{{L}}])({_alt(cues['not_figure_before'])})\s?$"),
        trim_re=regex.compile(
            rf"^(?:\s|[,:;.\-–(]|(?i:(?:{_alt(cues['trim_edge'])})(?![\p{{L}}])))+|(?:\s|[,:;.\-–(]|(?<![\p{{L}}])(?i:{_alt(cues['trim_edge'])}))+$"
        ),
        stock_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['stock_words'])})(?![\p{{L}}])"),
        national_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['national_words'])})(?![\p{{L}}])"),
    )


# ----------------------------------------------------------------------- drafts
@dataclass
class Figure:
    """A figure being assembled; becomes an Indicator at the end."""

    start: int
    end: int  # end of value + unit (the expression grows as attributes attach)
    num_end: int  # end of the numeral itself
    value: float
    unit: str | None
    value_max: float | None = None
    target: float | None = None
    percent: float | None = None
    qualifier: str | None = None
    change: dict[str, Any] = field(default_factory=dict)
    parent: int | None = None  # index into the figure list
    depth: int = 0  # parenthesis depth
    unit_borrowed: bool = False


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
    sent_starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.sent_starts = [s for s, _ in self.sentences]

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
    blocked = _blocked_ranges(ctx)
    nums = [n for n in ctx.numbers if not _overlaps(blocked, n.start, n.end)]
    nums = [n for n in nums if not _is_name_or_label(ctx.text, n, lex)]
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
    _borrow_units(ctx, figures)
    figures = [f for f in figures if f.unit]
    _link_breakdowns(ctx, figures, lex)
    return [_to_indicator(ctx, figures, k, lex) for k in range(len(figures))]


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
    # a list label at the start of a line: "1. ", "2) ", "II."
    line_start = text.rfind("\n", 0, num.start) + 1
    if not text[line_start : num.start].strip() and regex.match(r"[.)]\s", text[num.end : num.end + 2]):
        return True
    return False


def _unit_after(text: str, pos: int, lex: Lexicon) -> tuple[str | None, int, float]:
    """The counted noun right after `pos`: (head form, end offset, scale multiplier)."""
    m = lex.unit_re.match(text, pos)
    if not m:
        return None, pos, 1.0
    scale = load_json("units.json")["scales"].get(m.group(1).lower(), 1) if m.group(1) else 1
    written = m.group(2)
    unit = lex.aliases.get(written, written if written.isupper() else written.lower())
    return unit, m.end(), float(scale)


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
    if unit is None:
        unit, end2, scale = _unit_after(text, end, lex)
        if unit is not None:
            end = end2
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
    )
    fig.qualifier = _qualifier(ctx, fig, lex)
    return fig


def _looks_like_year(num: Any, text: str) -> bool:
    return float(num.value).is_integer() and 1900 <= num.value <= 2100 and "." not in num.text


def _may_borrow_unit(text: str, pos: int) -> bool:
    """A bare count ("tiếp nhận 602 vào cai nghiện") whose unit a later phrase states."""
    following = text[pos : pos + 12]
    return bool(regex.match(r"\s(?:vào|đi|ra|về|trường hợp|\))|\)|;|,\s", following))


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
    if any(s <= fig.start < e for s, e in ctx.plan_ranges):
        return True
    s_start, _ = ctx.sentence_at(fig.start)
    clause_start = _clause_start(ctx.text, s_start, fig.start)
    return bool(lex.plan_re.search(ctx.text, clause_start, fig.start))


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
            prev.percent = fig.value
            prev.end = _rate_tail_end(text, fig.end)
            fig._consumed = True  # type: ignore[attr-defined]
        elif prev.unit == "%" and prev.target is None and _is_target_link(between):
            prev.target = fig.value
            fig._consumed = True  # type: ignore[attr-defined]
        elif prev.unit != "%" and prev.target is None and _is_target_link(between) and fig.qualifier != "expected":
            pass


def _is_rate_link(between: str) -> bool:
    if len(between) > 160 or regex.search(r"[;.!?\n]", between):
        return False
    return bool(regex.search(r"(?:^|,\s?|\s)(?:đạt|bằng)(?:\s(?:tỷ lệ|tỉ lệ))?\s$", between)) and (
        len(between) < 25 or between.rstrip().endswith(("đạt", "bằng")) and "," in between
    )


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
        fig._consumed = True  # type: ignore[attr-defined]
        if owner is None:
            continue
        change = owner.change
        change["direction"] = "increase" if m.group("dir") == "tăng" else "decrease"
        change["delta"] = fig.value
        if fig.unit == "%" and owner.unit != "%":
            change["delta_unit"] = "%"
        after = text[fig.end : fig.end + 60]
        ref = regex.match(r"[^;.()]{0,25}?so\s(?:với\s)?(?:cùng kỳ\s)?(?:năm\s)?(\d{4})", after)
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
    """'… 630 người (trong đó: 480 …, 97 …)' makes 480 and 97 children of 630."""
    text = ctx.text
    for k, fig in enumerate(figures):
        if k == 0:
            continue
        sent = ctx.sentence_at(fig.start)
        # the nearest earlier top-level figure in the sentence, or the previous sentence
        for j in range(k - 1, -1, -1):
            cand = figures[j]
            if cand.parent is not None:
                if ctx.sentence_at(cand.start) == sent and text.find(";", cand.end, fig.start) < 0:
                    # a sibling: same parent when no new top-level figure intervenes
                    if cand.depth == fig.depth and _same_group(text, cand.end, fig.start):
                        fig.parent = cand.parent
                        break
                continue
            cand_sent = ctx.sentence_at(cand.start)
            between = text[cand.end : fig.start]
            if cand_sent == sent:
                cue = lex.breakdown_re.search(between)
                opened = fig.depth > cand.depth and "(" in between
                if (cue or opened) and len(between) < 400:
                    if cue and regex.search(r"[;]", between[cue.end() :]):
                        break
                    fig.parent = j
                break
            # "Trong đó, …" opening the next sentence
            sentence_head = text[sent[0] : fig.start]
            if cand_sent[1] >= sent[0] - 2 and lex.breakdown_re.match(sentence_head.lstrip("-–• ")):
                fig.parent = j
            break


def _same_group(text: str, start: int, end: int) -> bool:
    between = text[start:end]
    return not regex.search(r"[.!?\n]", between) and between.count(")") == 0


# ----------------------------------------------------------- to records
def _to_indicator(ctx: Context, figures: list[Figure], k: int, lex: Lexicon) -> Indicator:
    fig = figures[k]
    text = ctx.text
    s_start, s_end = ctx.sentence_at(fig.start)
    period = _period_for(ctx, fig, lex)
    year = _year_for(ctx, fig, period, lex)
    return Indicator(
        id=f"i{k + 1}",
        text=text[fig.start : fig.end],
        start=fig.start,
        end=fig.end,
        value=fig.value,
        value_max=fig.value_max,
        unit=fig.unit or "",
        target=fig.target,
        percent=fig.percent,
        subject=_subject(ctx, fig, figures, lex),
        place=_place_for(ctx, fig, lex),
        period=period,
        year=year,
        qualifier=fig.qualifier,  # type: ignore[arg-type]
        change=Change(**fig.change) if fig.change else None,
        parent=f"i{fig.parent + 1}" if fig.parent is not None else None,
        sentence=text[s_start:s_end].strip(),
        section=ctx.section_of(fig.start),
    )


def _subject(ctx: Context, fig: Figure, figures: list[Figure], lex: Lexicon) -> str | None:
    """What is counted or done: the clause before the figure and the noun phrase after it."""
    text = ctx.text
    s_start, s_end = ctx.sentence_at(fig.start)
    # before: back to the clause start or the previous figure, at most ~12 syllables
    floor = s_start
    for other in figures:
        if other.end <= fig.start and other.end > floor:
            floor = other.end
    clause_start = _clause_start(text, floor, fig.start)
    before = text[clause_start : fig.start]
    before = _strip_periods_and_places(ctx, clause_start, before)
    before = _last_syllables(before, 12)
    # after: the noun phrase after the unit, up to a stop, the next figure, or an attribute
    stop = s_end
    for other in figures:
        if other.start > fig.start:
            stop = min(stop, other.start)
            break
    after_text = text[fig.end : stop]
    m = regex.search(r"[;:()\n]|(?<![\p{L}])(?:đạt|tăng|giảm|so với|chiếm|bằng|trong đó|gồm|với|\.\s)(?![\p{L}])", after_text)
    if m:
        after_text = after_text[: m.start()]
    after_text = _first_syllables(after_text, 12)
    unit = text[fig.num_end : fig.end] if fig.unit and fig.unit != "%" and not fig.unit_borrowed else ""
    unit = regex.sub(r"^\s*/\s*[\d.,]+", "", unit)
    parts = [_trim(before), _trim(unit.strip() + " " + after_text) if unit.strip() or after_text.strip() else ""]
    subject = " ".join(p for p in parts if p).strip()
    subject = regex.sub(r"\s{2,}", " ", subject)
    return subject or None


def _strip_periods_and_places(ctx: Context, base: int, before: str) -> str:
    """Drop time phrases ('Trong 6 tháng đầu năm,') from the start of a subject."""
    for p in ctx.periods:
        if base <= p.start and p.end <= base + len(before):
            rel_s, rel_e = p.start - base, p.end - base
            if not before[:rel_s].strip(" ,") or before[:rel_s].strip(" ,").lower() in ("trong", "từ", "tính đến", "đến", "năm"):
                before = " " * rel_e + before[rel_e:]
    return before


def _trim(phrase: str) -> str:
    lex = lexicon()
    prev = None
    phrase = phrase.strip()
    while prev != phrase:
        prev = phrase
        phrase = lex.trim_re.sub("", phrase).strip()
    return phrase


def _last_syllables(s: str, n: int) -> str:
    parts = s.split()
    return " ".join(parts[-n:])


def _first_syllables(s: str, n: int) -> str:
    parts = s.split()
    return " ".join(parts[:n])


def _place_for(ctx: Context, fig: Figure, lex: Lexicon) -> UnitRef | None:
    s_start, s_end = ctx.sentence_at(fig.start)
    clause_start = _clause_start(ctx.text, s_start, fig.start)
    m = _HARD_STOP.search(ctx.text, fig.end, s_end)
    clause_end = m.start() if m else s_end
    if lex.national_re.search(ctx.text, clause_start, clause_end):
        return None
    near = [p for p in ctx.places if clause_start <= p.start and p.end <= clause_end and p.level in ("province", "district", "commune")]
    if near:
        best = min(near, key=lambda p: abs(p.start - fig.start))
        return UnitRef(name=best.name, level=best.level, code=best.code)
    return ctx.main_place


def _period_for(ctx: Context, fig: Figure, lex: Lexicon) -> Period | None:
    s_start, s_end = ctx.sentence_at(fig.start)
    if lex.stock_re.search(ctx.text, s_start, fig.start):
        return None
    usable = [p for p in ctx.periods if p.kind in ("period", "date", "year") and p.start_date is not None]
    in_sentence = [p for p in usable if s_start <= p.start and p.end <= s_end and p.start < fig.start]
    if not in_sentence:
        in_sentence = [p for p in usable if s_start <= p.start and p.end <= s_end]
    if in_sentence:
        chosen = in_sentence[-1] if in_sentence[-1].start < fig.start else in_sentence[0]
        return _as_period(chosen)
    lead = _paragraph_lead(ctx, fig.start)
    if lead is not None:
        leads = [p for p in usable if lead[0] <= p.start and p.end <= lead[1] and p.kind != "date"]
        if leads:
            return _as_period(leads[0])
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
        year=p.year,
    )


def _year_for(ctx: Context, fig: Figure, period: Period | None, lex: Lexicon) -> int | None:
    if period is not None:
        return period.year
    s_start, _ = ctx.sentence_at(fig.start)
    for p in ctx.periods:
        if s_start <= p.start < fig.start and p.year is not None and p.kind in ("date", "year", "period"):
            return p.year
    return article_year(ctx)


def article_year(ctx: Context) -> int | None:
    """The year the article reports on: from a period in its opening, else None."""
    head_end = min(len(ctx.text), 600)
    for p in ctx.periods:
        if p.start >= head_end:
            break
        if p.kind in ("period", "year") and p.year is not None and p.start_date and p.end_date:
            if (p.end_date - p.start_date).days >= 27:
                return p.year
    return None
