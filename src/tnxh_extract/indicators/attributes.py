"""The attributes a report states around a figure: qualifier and plan, rate and
target, change against an earlier value. Numbers that only serve as attributes are
marked consumed and never become figures of their own.
"""

from __future__ import annotations

import regex

from .context import HARD_STOP, Context, Figure, clause_start, visible
from .lexicon import Lexicon

# patterns used once per figure, compiled once
_LAST_WORDS = regex.compile(r"(?:\S+\s+){0,5}$")
_OPEN_PAREN = regex.compile(r"\s?\(\s?")
_SENTENCE_PUNCT = regex.compile(r"[;.!?\n]")
_RATE_TAIL = regex.compile(r"\s(?:so với\s)?(?:KH|kế hoạch|chỉ tiêu)(?:\s(?:năm|giao|đề ra|kế hoạch năm))?")
_SHARE_OF_FIGURE = regex.compile(r"[,(]\s?chiếm\s$")
_FROM_AFTER = regex.compile(r"(?P<dir>tăng|giảm)\s(?:lên\s|xuống\s)?từ\s$")
_DELTA_BEFORE = regex.compile(r"(?P<dir>tăng|giảm)(?:\s(?:thêm|lên|xuống|đi))?\s$")
_REFERENCE_YEAR = regex.compile(r"[^;.()]{0,25}?so\s(?:với\s)?[^;.()\d]{0,20}?(\d{4})(?!\d)")
_TO_VALUE_BEFORE = regex.compile(r"(?P<to>lên|xuống|còn)(?:\s(?:thành|còn))?\s$")


def qualifier_of(ctx: Context, fig: Figure, lex: Lexicon) -> str | None:
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
    clause = visible(ctx, clause_start(ctx.text, s_start, fig.start), fig.start)
    if lex.plan_re.search(clause):
        return True
    before = visible(ctx, max(s_start, fig.start - NEAR_WINDOW), fig.start)  # the last few words
    near = _LAST_WORDS.search(before)
    return bool(near and lex.plan_near_re.search(" " + near.group()))


NEAR_WINDOW = 120  # characters: more than the five words a plan noun may stand before its figure


# ----------------------------------------------------------- attributes
_TARGET_LEAD = regex.compile(r"(?i)(?:mục tiêu|chỉ tiêu|kế hoạch)(?:[^;.()\d]{0,30})?\s(?:là|đề ra|đặt ra|đạt)?\s?$")


def attach_rates_and_targets(ctx: Context, figures: list[Figure]) -> None:
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
        elif prev.unit != "%" and prev.percent is None and prev.target is not None and _OPEN_PAREN.fullmatch(between):
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
    if len(between) > 160 or _SENTENCE_PUNCT.search(between):
        return False
    if not regex.search(rf"(?:^|,\s?|\s|\()\s?{_RATE_VERB}(?:\s(?:tỷ lệ|tỉ lệ))?\s$", between):
        return False
    if between.rstrip().endswith("chiếm") and not _SHARE_OF_FIGURE.search(between):
        return False  # "nữ giới chiếm 4%" is a share of its own, not this figure's rate
    return len(between) < 25 or "," in between


def _rate_tail_end(text: str, pos: int) -> int:
    m = _RATE_TAIL.match(text[pos : pos + 40])
    return pos + m.end() if m else pos


def _is_target_link(between: str) -> bool:
    return len(between) < 60 and bool(_TARGET_LEAD.search(between.strip(" ()") + " "))




def attach_changes(ctx: Context, figures: list[Figure], lex: Lexicon) -> None:
    """'tăng 273 người so với cùng kỳ năm 2022' and 'từ 35 lên 240 điểm' become `change`."""
    text = ctx.text
    for k, fig in enumerate(figures):
        if getattr(fig, "_consumed", False):
            continue
        before = text[max(0, fig.start - 40) : fig.start]
        since = _FROM_AFTER.search(before)
        if since is not None and k > 0:
            # "… là 42 người, tăng từ 29 người hồi đầu năm": the earlier value follows
            owner = figures[k - 1]
            if not getattr(owner, "_consumed", False) and ctx.sentence_at(owner.start) == ctx.sentence_at(fig.start):
                owner.change.setdefault("direction", "increase" if since.group("dir") == "tăng" else "decrease")
                owner.change["from"] = fig.value
                fig._consumed = True  # type: ignore[attr-defined]
                continue
        m = _DELTA_BEFORE.search(before)
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
        ref = _REFERENCE_YEAR.match(after)
        if ref:
            change["reference_year"] = int(ref.group(1))
    # "từ 35 lên 240 điểm", "123 Trung tâm … xuống thành 105 Cơ sở"
    for k, fig in enumerate(figures):
        if getattr(fig, "_consumed", False):
            continue
        before = text[max(0, fig.start - 20) : fig.start]
        m = _TO_VALUE_BEFORE.search(before)
        if m is None or k == 0:
            continue
        prev = figures[k - 1]
        if getattr(prev, "_consumed", False) or ctx.sentence_at(prev.start) != ctx.sentence_at(fig.start):
            continue
        gap = text[prev.end : fig.start]
        if len(gap) > 120 or _SENTENCE_PUNCT.search(gap):
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


def carry_plans(ctx: Context, figures: list[Figure]) -> None:
    """A plan stays a plan to the end of its clause: 'Kế hoạch tổ chức 05 lớp … tại 05 huyện'."""
    for prev, fig in zip(figures, figures[1:]):
        if prev.qualifier == "expected" and fig.qualifier is None:
            if not HARD_STOP.search(ctx.text, prev.end, fig.start):
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


def drop_consumed(figures: list[Figure]) -> None:
    figures[:] = [f for f in figures if not getattr(f, "_consumed", False)]


def borrow_units(ctx: Context, figures: list[Figure]) -> None:
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
