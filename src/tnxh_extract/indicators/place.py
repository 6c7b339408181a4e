"""The place a figure is about: one named right before it, else the article's."""

from __future__ import annotations

import regex

from ..models import Place, UnitRef
from .context import HARD_STOP, Context, Figure, clause_start
from .lexicon import Lexicon

# patterns used once per figure, compiled once
_PLACE_TO_FIGURE_GAP = regex.compile(r"\s*[(:–-]?\s*")


_LEVEL_RANK = {"commune": 0, "district": 1, "province": 2, "country": 3, "foreign": 3}


def place_of(ctx: Context, fig: Figure, lex: Lexicon, inherited: UnitRef | None = None) -> tuple[UnitRef | None, bool]:
    """The place a figure is about, and whether the text names it for this figure.

    A place named right before it ('TP. Pleiku (412 người)') or before it in its clause
    (the most specific of one chain 'phường X, quận Y'); else the place of the figure it
    breaks down or that precedes it in the clause (`inherited`); else the article's main
    place. None for national figures.
    """
    s_start, s_end = ctx.sentence_at(fig.start)
    clause_from = clause_start(ctx.text, s_start, fig.start)
    m = HARD_STOP.search(ctx.text, fig.end, s_end)
    clause_end = m.start() if m else s_end
    if lex.national_re.search(ctx.text, clause_from, clause_end):
        return None, False
    for p in ctx.place_index.within(fig.start - 40, fig.start):
        if 0 <= fig.start - p.end <= 4 and _PLACE_TO_FIGURE_GAP.fullmatch(ctx.text[p.end : fig.start]):
            return UnitRef(name=p.name, level=p.level, code=p.code), True
    # only the places after the previous figure speak of this one ("huyện A có 120 người,
    # huyện B có 85 người")
    floor = fig.prev.end if fig.prev is not None and clause_from <= fig.prev.end <= fig.start else clause_from
    chain = _one_chain(ctx.place_index.within(floor, fig.start))
    if chain is not None:
        return UnitRef(name=chain.name, level=chain.level, code=chain.code), True
    if inherited is not None:
        return inherited, True
    return ctx.main_place, False


def shares_clause(ctx: Context, earlier: Figure, fig: Figure) -> bool:
    """Whether `earlier` stands in the same clause as `fig`, with no clause break between."""
    return ctx.sentence_at(earlier.start) == ctx.sentence_at(fig.start) and not HARD_STOP.search(
        ctx.text, earlier.end, fig.start
    )


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
