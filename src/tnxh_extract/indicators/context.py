"""What the figure rules work on: a document's text and findings, and figure drafts.

`Context` gathers, once per document, the sentences, numbers, periods, decisions,
places and tables (with sorted indexes so every per-figure look-up is logarithmic);
`Figure` is a figure being assembled before it becomes an `Indicator`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import regex

from ..models import Place, UnitRef

# patterns used once per figure, compiled once
_RUN_OF_SPACES = regex.compile(r"[ \t]{2,}")


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
    memo: dict[str, Any] = field(default_factory=dict)  # per-document results computed once

    def __post_init__(self) -> None:
        self.sent_starts = [s for s, _ in self.sentences]

    @cached_property
    def _parens(self) -> tuple[list[int], list[int]]:
        opens = [i for i, ch in enumerate(self.text) if ch == "("]
        closes = [i for i, ch in enumerate(self.text) if ch == ")"]
        return opens, closes

    def paren_depth(self, pos: int) -> int:
        """How many parentheses are open at `pos` (counted once per document, then bisected)."""
        opens, closes = self._parens
        return bisect.bisect_left(opens, pos) - bisect.bisect_left(closes, pos)

    @cached_property
    def usable_periods(self) -> list[Any]:
        return find_usable_periods(self)

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




# ------------------------------------------------------------------------ main


HARD_STOP = regex.compile(r"[;:.!?\n()]")
_COMPARISON_BEFORE = regex.compile(r"(?i)(?:so với|so cùng kỳ|so)(?:\s\S+){0,3}\s$")

def clause_start(text: str, floor: int, pos: int) -> int:
    """Start of the clause holding `pos`: after the last ; : ( ) . or line break."""
    best = floor
    for m in HARD_STOP.finditer(text, floor, pos):
        best = m.end()
    return best



def find_usable_periods(ctx: Context) -> list[Any]:
    """Period spans that can date a figure: not inside a document reference, not the
    reference of a comparison ('so với năm 2015'), not the span in a programme's name
    ('Chương trình … giai đoạn 2021-2025')."""
    out = []
    for p in ctx.periods:
        if p.kind not in ("period", "date", "year", "duration"):
            continue
        if ctx.decision_index.covering(p.start):
            continue
        before = ctx.text[max(0, p.start - 20) : p.start]
        if _COMPARISON_BEFORE.search(before):
            continue
        if _multi_year(p) and _PROGRAMME_BEFORE.search(ctx.text[max(0, p.start - 120) : p.start]):
            continue  # "Chương trình phòng, chống mại dâm giai đoạn 2021-2025": part of a name
        out.append(p)
    return out


def _multi_year(p: Any) -> bool:
    return p.start_date is not None and p.end_date is not None and p.end_date.year > p.start_date.year + 1


_PROGRAMME_BEFORE = regex.compile(
    r"(?i)(?<![\p{L}])(?:chương trình|đề án|kế hoạch|chiến lược|dự án|nghị quyết|quyết định|chỉ thị)"
    r"(?:\s[^\s.;:()]+){0,10}\s$"
)



def visible(ctx: Context, start: int, end: int) -> str:
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
    return _RUN_OF_SPACES.sub(" ", " ".join(out))
