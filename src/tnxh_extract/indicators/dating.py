"""The period and year a figure refers to: from its sentence, its paragraph's lead,
its section heading or table caption, else the year the article reports on."""

from __future__ import annotations

from typing import Any

import regex

from ..models import Period
from .context import HARD_STOP, Context, Figure
from .lexicon import Lexicon

# patterns used once per figure, compiled once
_DIGITS = regex.compile(r"\d+")


_FRAME_LEAD = regex.compile(r"(?i)(?:^|[,;:(]\s?|(?<![\p{L}])(?:trong|từ|đến|tới|tính đến|tính tới|cả|hết|suốt|qua|riêng|cũng trong)\s)(?:\S+\s){0,2}$")
_DEADLINE_BEFORE = regex.compile(r"(?i)(?:tính đến|tính tới|đến|tới|trước|hết)\s(?:hết\s)?(?:ngày\s)?$")
_PARTICIPANTS = regex.compile(r"(?i)(?<![\p{L}])(tham dự|dự hội nghị|thành phần|đại biểu|tham gia hội nghị|sự tham gia)(?![\p{L}])")


def period_of(ctx: Context, fig: Figure, lex: Lexicon) -> Period | None:
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
    if chosen is None:
        chosen = _from_subheading(ctx, fig)
    if chosen is None or chosen.kind in ("year", "duration") or chosen.start_date is None:
        return None
    return _as_period(chosen)


SUBHEADING_WORDS = 12


def _from_subheading(ctx: Context, fig: Figure) -> Any | None:
    """A news article's subheading ('Kết quả 9 tháng năm 2025') above the figure's
    paragraph: the nearest short line without a full stop, within a few lines."""
    text = ctx.text
    end = text.rfind("\n", 0, fig.start)
    for _ in range(8):
        if end <= 0:
            return None
        start = text.rfind("\n", 0, end) + 1
        line = text[start:end].strip()
        if line and len(line.split()) <= SUBHEADING_WORDS and not line.endswith((".", ":", ";", ",")):
            spans = [p for p in ctx.usable_index.within(start, end) if p.kind == "period"]
            return spans[0] if spans else None
        end = start - 1
    return None


def _table_caption(ctx: Context, table_start: int) -> tuple[int, int]:
    """The line (caption or lead-in) right above a table."""
    end = ctx.text.rfind("\n", 0, table_start)
    end = max(end, 0)
    while end > 0 and ctx.text[end - 1] == "\n":
        end -= 1
    start = ctx.text.rfind("\n", 0, end) + 1
    return start, end


def _from_sentence(ctx: Context, fig: Figure, spans: list[Any]) -> Any | None:
    sentence = ctx.sentence_at(fig.start)
    dates = [p for p in spans if p.kind == "date" or (p.kind == "period" and _short(p))]
    if _PARTICIPANTS.search(ctx.text, sentence[0], fig.start) or _PARTICIPANTS.search(ctx.text, fig.end, sentence[1]):
        if dates:
            return dates[0]  # a meeting's participants take the meeting's dates
        meeting = _meeting_date(ctx) if _MEETING.search(ctx.text, 0, ctx.title_end) and _MEETING.search(
            ctx.text, sentence[0], sentence[1]) else None
        if meeting is not None:
            return meeting
    if not spans:
        return None
    before = [p for p in spans if p.end <= fig.start]
    before = [p for p in before if not (p.kind == "date" and _DEADLINE_BEFORE.search(ctx.text[max(0, p.start - 20) : p.start]))]
    if before:
        chosen = before[-1]
        if chosen.kind == "duration":
            return _article_period_matching(ctx, chosen)
        return chosen
    clause_end = HARD_STOP.search(ctx.text, fig.end, sentence[1])
    after = [p for p in spans if p.start >= fig.end and p.kind != "date" and (clause_end is None or p.end <= clause_end.start())]
    return after[0] if after else None


_UP_TO_NOW = regex.compile(r"(?i)(?<![\p{L}])(?:đến nay|tới nay|hiện nay|đến thời điểm này|hiện tại)(?![\p{L}])")
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
    m = _DIGITS.match(duration.text)
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


def year_of(ctx: Context, fig: Figure, period: Period | None, lex: Lexicon) -> int | None:
    """The calendar year of the figure: its period's, a year named in its sentence or
    stock date, its section heading's, else the year the article reports on."""
    if period is not None:
        return period.year
    s_start, s_end = ctx.sentence_at(fig.start)
    usable = ctx.usable_periods
    if _MULTI_YEAR.search(ctx.text, s_start, fig.start):
        return None
    if _UP_TO_NOW.search(ctx.text, s_start, fig.start) and ctx.published is not None:
        dated = [p for p in ctx.usable_index.starting(s_start, fig.start) if p.kind in ("date", "period", "year")]
        if not dated:
            return ctx.published.year  # "Đến nay, 27/27 huyện …": a stock at publication
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
    head = _from_sections(ctx, fig, usable) or _from_subheading(ctx, fig)
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
    if "article_year" not in ctx.memo:
        ctx.memo["article_year"] = _article_year(ctx)
    return ctx.memo["article_year"]


def _article_year(ctx: Context) -> int | None:
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
