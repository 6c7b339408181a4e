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

from .. import concepts
from ..models import Change, Indicator, UnitRef
from .attributes import attach_changes, attach_rates_and_targets, borrow_units, carry_plans, drop_consumed
from .breakdowns import link_breakdowns, link_sentence_breakdowns
from .context import Context, Figure
from .dating import article_year, period_of, year_of
from .figures import (
    blocked_ranges,
    drop_title_repeats,
    is_article_word,
    is_name_or_label,
    local_abbreviations,
    overlaps,
    read_figure,
)
from .lexicon import Lexicon, lexicon
from .place import place_of, shares_clause
from .subject import is_weak_subject, subject_of, with_parent_subject
from .tables import table_figures

__all__ = ["Context", "Figure", "article_year", "find", "lexicon"]


def find(ctx: Context) -> list[Indicator]:
    """Every figure in the document as an Indicator, in reading order, ids i1, i2, …"""
    lex = lexicon()
    ctx.local_units.update(local_abbreviations(ctx.text, lex))
    blocked = blocked_ranges(ctx) + [(t.start, t.end) for t in ctx.tables]
    blocked.sort()
    nums = [n for n in ctx.numbers if not overlaps(blocked, n.start, n.end)]
    nums = [n for n in nums if not is_name_or_label(ctx.text, n, lex) and not is_article_word(n)]
    figures: list[Figure] = []
    consumed: set[int] = set()
    for i, num in enumerate(nums):
        if i in consumed:
            continue
        fig = read_figure(ctx, nums, i, consumed, lex)
        if fig is not None:
            figures.append(fig)
    attach_rates_and_targets(ctx, figures)
    attach_changes(ctx, figures, lex)
    drop_consumed(figures)
    carry_plans(ctx, figures)
    borrow_units(ctx, figures)
    figures = [f for f in figures if f.unit]
    figures = drop_title_repeats(ctx, figures)
    link_breakdowns(ctx, figures, lex)
    link_sentence_breakdowns(ctx, figures, lex)
    for prev, fig in zip([None, *figures], figures):
        fig.prev = prev
        if prev is not None:
            prev.next = fig
    figures += table_figures(ctx, lex)
    figures.sort(key=lambda f: f.start)
    ids = {id(f): f"i{k + 1}" for k, f in enumerate(figures)}
    subjects: dict[int, str | None] = {}
    places: dict[int, tuple[UnitRef | None, bool]] = {}
    for fig in figures:  # parents and earlier figures come first
        own = fig.subject if fig.subject is not None else subject_of(ctx, fig, lex)
        subjects[id(fig)] = with_parent_subject(ctx, fig, own, _subject_source(ctx, fig, subjects))
        places[id(fig)] = (fig.place, True) if fig.from_table else place_of(ctx, fig, lex, _inherited_place(ctx, fig, places))
    return [to_indicator(ctx, fig, ids, subjects[id(fig)], places[id(fig)][0], lex) for fig in figures]


def _subject_source(ctx: Context, fig: Figure, subjects: dict[int, str | None]) -> str | None:
    """Whose subject a part that only names a place takes: its parent's, else that of the
    nearest earlier figure of its paragraph counted in the same noun ('596 bệnh nhân: thành
    phố Sóc Trăng 318 bệnh nhân, …')."""
    if fig.parent is not None and not is_weak_subject(ctx, fig.parent, subjects.get(id(fig.parent))):
        return subjects.get(id(fig.parent))
    paragraph = ctx.text.rfind("\n", 0, fig.start)
    earlier = fig.prev
    while earlier is not None and earlier.start > paragraph:
        if earlier.unit == fig.unit and not is_weak_subject(ctx, earlier, subjects.get(id(earlier))):
            return subjects.get(id(earlier))
        earlier = earlier.prev
    return None


def _inherited_place(ctx: Context, fig: Figure, places: dict[int, tuple[UnitRef | None, bool]]) -> UnitRef | None:
    """The place the text gave the figure this one breaks down, or the one before it in
    its clause ('tại xã A Dơi tổ chức 35 buổi …, thu hút 2.600 lượt người')."""
    for source in (fig.parent, fig.prev if fig.prev is not None and shares_clause(ctx, fig.prev, fig) else None):
        if source is not None:
            place, named = places.get(id(source), (None, False))
            if named and place is not None:
                return place
    return None


def to_indicator(
    ctx: Context, fig: Figure, ids: dict[int, str], subject: str | None, place: UnitRef | None, lex: Lexicon
) -> Indicator:
    text = ctx.text
    s_start, s_end = ctx.sentence_at(fig.start)
    period = period_of(ctx, fig, lex)
    year = year_of(ctx, fig, period, lex)
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
        place=place,
        period=period,
        year=year,
        qualifier=fig.qualifier,  # type: ignore[arg-type]
        change=Change(**fig.change) if fig.change else None,
        parent=ids.get(id(fig.parent)) if fig.parent is not None else None,
        sentence=sentence,
        section=ctx.section_of(fig.start),
    )
