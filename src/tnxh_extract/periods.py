"""Time expressions: which dates, periods and years a passage talks about.

Why this exists: a figure means little without its time frame ("809 người" in "6 tháng
đầu năm 2023" is 2023-01-01..2023-06-30), and the indicator layer must also know which
digits are dates, years, durations or clock times so as not to report them as figures.
`find` lists the time expressions of normalised text with exact offsets and ISO dates
where the text makes them definite; relative ones ("từ đầu năm đến nay", "năm nay",
"tháng trước") are resolved against the publication date when it is given.

Vocabulary (month and quarter words, Roman numerals, relative phrases, duration units)
lives in `gazetteers/periods.json`; number words come from `gazetteers/numerals.json`.
Matching is regular-expression based with bounded repetition, hence linear in the text.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
from dataclasses import dataclass, replace
from functools import cache
from typing import Callable, Literal

import regex

from . import numbers
from .lexicon import load_json
from .normalize import unreadable_digits

__all__ = ["PeriodSpan", "find"]

Kind = Literal["date", "period", "duration", "time", "year"]
_FLAGS = regex.IGNORECASE | regex.VERSION1
_MIN_YEAR, _MAX_YEAR = 1900, 2100


@dataclass(frozen=True)
class PeriodSpan:
    """One time expression: `text == source[start:end]`."""

    text: str
    start: int
    end: int
    kind: Kind
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    year: int | None = None  # the calendar year meant; None when it spans several
    relative: bool = False  # resolved from context (publication date, a later date)


# ------------------------------------------------------------------ patterns


def _alt(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any blank."""
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(regex.escape(p) for p in w.split()) for w in parts) + ")"


_B0 = r"(?<![\p{L}\p{M}\d])"
_B1 = r"(?![\p{L}\p{M}\d])"


@dataclass
class _Vocab:
    data: dict
    relative: dict[str, dict]
    p: dict[str, str]  # named regex fragments
    rel_year: dict[str, int]  # "ngoái" -> -1


@cache
def _vocab() -> _Vocab:
    d = load_json("periods.json")
    n = load_json("numerals.json")
    number_words = set(n["units"]) | set(n["ten"]) | set(n["tens_marker"]) | set(n["after_tens"])
    number_words |= set(n["hundred"]) | set(n["link"])
    word_num = _alt(number_words)
    p = {
        "day": _alt(d["day_words"]),
        "month": _alt(d["month_words"]),
        "yearw": _alt(d["year_words"]),
        "quarter": _alt(d["quarter_words"]),
        "roman": _alt(d["roman"]),
        "qnum": _alt(d["quarter_numbers"]),
        "mname": _alt(d["month_names"]),
        "first": _alt(d["first_part"]),
        "last": _alt(d["last_part"]),
        "half": _alt(d["half"]),
        "open": _alt(d["range_openers"]),
        "links": _alt(d["range_links"]),
        "ylinks": _alt(d["year_range_links"]),
        "span": _alt(d["span_nouns"]),
        "school": _alt(d["school_year_nouns"]),
        "units": _alt(d["duration_units"]),
        "tails": _alt(d["duration_tails"]),
        "hour": _alt(d["clock_hour_words"]),
        "minute": _alt(d["clock_minute_words"]),
        "cues": _alt(d["clock_cues"]),
        "dayparts": _alt(d["day_parts"]),
        "ampm": _alt(d["am_pm"]),
        "same": _alt(d["same_period"]),
        "now": _alt(d["until_now"]),
        "to": _alt(d["to_words"]),
        "year_start": _alt(d["year_start"]),
        "cues_before_date": _alt(d["date_cues"]),
        "relative": _alt(r["text"] for r in d["relative"]),
        "num": rf"(?:\d{{1,3}}|{word_num}(?:\s+{word_num}){{0,4}})",
    }
    relative = {" ".join(r["text"].lower().split()): r for r in d["relative"]}
    year_words = [w.lower() for w in d["year_words"]]
    rel_year = {}  # "ngoái" -> -1: what follows the year word in "năm ngoái", "năm nay"
    for key, rule in relative.items():
        head, _, rest = key.partition(" ")
        if rule["resolve"] == "year" and head in year_words and rest:
            rel_year[rest] = rule.get("offset", 0)
    p["rel_year"] = _alt(rel_year)
    return _Vocab(d, relative, p, rel_year)


def _date_fragment(p: dict[str, str]) -> str:
    """One calendar date, without capture groups (parsed again by `_read_date`)."""
    return (
        rf"(?:{p['day']}\s+)?(?:\d{{1,2}}[/.-]\d{{1,2}}(?:[/.-]\d{{4}})?(?!\d)"
        rf"|\d{{1,2}}\s+{p['month']}\s+\d{{1,2}}(?:\s*,?\s*(?:{p['yearw']}\s+|/)\d{{4}})?(?!\d))"
    )


def _year_tail(p: dict[str, str], name: str) -> str:
    """ "/2021", " năm 2021", " năm ngoái" after a month or quarter."""
    return (rf"(?:(?:\s*[/-]\s*|\s*,?\s+{p['yearw']}\s+)(?P<{name}>\d{{4}})(?!\d)"
            rf"|\s+{p['yearw']}\s+(?P<{name}_rel>{p['rel_year']}))")


# ------------------------------------------------------------------ helpers


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _month_start(day: dt.date, shift: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + shift
    return dt.date(index // 12, index % 12 + 1, 1)


def _year_ok(y: int | None) -> bool:
    return y is not None and _MIN_YEAR <= y <= _MAX_YEAR


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _small_number(text: str) -> int | None:
    value = numbers.parse(text)
    return int(value) if value is not None and value == int(value) and value > 0 else None


@dataclass
class _Ctx:
    text: str
    published: dt.date | None

    def span(self, m: regex.Match, kind: Kind, start=None, end=None, year=None, relative=False,
             group: int | str = 0) -> PeriodSpan:
        s, e = m.span(group)
        return PeriodSpan(self.text[s:e], s, e, kind, start, end, year, relative)


_DATE_PARTS = regex.compile(
    r"(?:(?P<dw>\p{L}+)\s+)?(?P<d>\d{1,2})(?:(?P<sep>[/.-])|\s+\p{L}+\s+)(?P<m>\d{1,2})"
    r"(?:(?:[/.-]|\s*,?\s*\p{L}+\s+|\s*,?\s*/)(?P<y>\d{4}))?",
    _FLAGS,
)


@dataclass
class _Date:
    day: int
    month: int
    year: int | None
    day_word: bool
    sep: str | None  # "/", "-", "." or None for "09 tháng 01"


def _read_date(text: str) -> _Date | None:
    m = _DATE_PARTS.fullmatch(text.strip())
    if m is None:
        return None
    y = int(m["y"]) if m["y"] else None
    got = _Date(int(m["d"]), int(m["m"]), y, m["dw"] is not None, m["sep"])
    if not (1 <= got.day <= 31 and 1 <= got.month <= 12) or (y is not None and not _year_ok(y)):
        return None
    return got


# ------------------------------------------------------------------ handlers


def _on_date(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    d = _read_date(m[0])
    if d is None or not _standalone_date_ok(d, m, c):
        return None
    year, relative = d.year, False
    if year is None:
        year, relative = _year_of_day_month(c.published, d.month, d.day), True
    day = _safe_date(year, d.month, d.day) if year else None
    if year and day is None:
        return None
    return c.span(m, "date", day, day, year, relative)


@cache
def _cue_before() -> regex.Pattern:
    return regex.compile(rf"{_B0}{_vocab().p['cues_before_date']}\s*$", _FLAGS)


_LOOKAHEAD_DAYS = 183  # a day without a year lies at most half a year after publication


def _year_of_day_month(published: dt.date | None, month: int, day: int) -> int | None:
    """The year of "31/12" in an article: the publication year, or the one before
    when that would put the day far in the future ("đến 31/12" written in January)."""
    if published is None:
        return None
    same = _safe_date(published.year, month, day) or dt.date(published.year, month, 28)
    return published.year - 1 if (same - published).days > _LOOKAHEAD_DAYS else published.year


def _standalone_date_ok(d: _Date, m: regex.Match, c: _Ctx) -> bool:
    """A bare "31/7" is a date only with a cue; "5/8 huyện" is a fraction."""
    if d.year is not None or d.day_word:
        return d.sep != "." or d.year is not None
    if d.sep != "/" or regex.match(r"\s*[\p{L}%]", c.text[m.end():m.end() + 3]):
        return False
    before = c.text[max(0, m.start() - 12):m.start()]
    # "Sáng 12/10", "đến 31/12," or after punctuation ("Hà Nội, 12/10"); not "đạt 9/10."
    return bool(_cue_before().search(before)) or regex.search(r"(?:^|[^\p{L}\p{M}\d\s])\s*$", before) is not None


def _on_date_range(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    a, b = _read_date(m["a"]), _read_date(m["b"])
    if a is None or b is None:
        return None
    relative = b.year is None
    yb = b.year if b.year is not None else (c.published.year if c.published else None)
    if yb is None:
        return c.span(m, "period", relative=True)
    ya = a.year if a.year is not None else (yb if (a.month, a.day) <= (b.month, b.day) else yb - 1)
    start, end = _safe_date(ya, a.month, a.day), _safe_date(yb, b.month, b.day)
    if start is None or end is None or start > end:
        return None
    return c.span(m, "period", start, end, ya if ya == yb else None, relative)


def _on_day_range(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    """"ngày 15 và 16/12/2021", "từ 15-17/8/2022": the first day shares month and year."""
    if not (m["open"] or m["dw"] or m["link"] in "-–—"):
        return None
    b = _read_date(m["b"])
    if b is None or b.year is None:
        return None
    start, end = _safe_date(b.year, b.month, int(m["d1"])), _safe_date(b.year, b.month, b.day)
    if start is None or end is None or start >= end:
        return None
    return c.span(m, "period", start, end, b.year)


def _on_year_start_to(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    """"từ đầu năm đến ngày 30/9/2023": 1 January of that year to the date named."""
    inner = find(m["b"], published=c.published)
    if len(inner) != 1 or inner[0].end_date is None:
        return None
    end = inner[0].end_date
    return c.span(m, "period", dt.date(end.year, 1, 1), end, end.year, inner[0].relative)


def _on_until_now(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    """"từ năm 2021 đến nay", "từ ngày 1/7/2022 đến nay": start as written, end = publication."""
    x = m["x"]
    if x.isdigit():
        x = f"năm {x}"
    inner = find(x, published=c.published)
    if len(inner) != 1 or inner[0].start_date is None:
        return None
    start, end = inner[0].start_date, c.published
    if end is None:
        return c.span(m, "period", start, None, None, True)
    if start > end:
        return None
    return c.span(m, "period", start, end, start.year if start.year == end.year else None, True)


def _resolve_year(m: regex.Match, c: _Ctx, group: str = "y") -> tuple[int | None, bool]:
    """The year written in group `group`, else the relative one ("năm ngoái"), else the
    publication year; and whether it came from the context."""
    if m[group]:
        y = int(m[group])
        return (y, False) if _year_ok(y) else (None, False)
    shift = 0
    rel = m.groupdict().get(group + "_rel")
    if rel:
        shift = _vocab().rel_year[" ".join(rel.lower().split())]
    return (c.published.year + shift if c.published else None), True


def _month_number(token: str) -> int | None:
    v = _vocab().data
    t = " ".join(token.lower().split())
    if t.isdigit():
        return int(t) if 1 <= int(t) <= 12 else None
    return v["roman"].get(t) or v["month_names"].get(t)


def _on_month(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    month = _month_number(m["m"])
    if month is None or (not m["m"].isdigit() and m["y"] is None and m["y_rel"] is None):
        return None
    year, relative = _resolve_year(m, c)
    if m["y"] and year is None:
        return None
    if year is None:
        return c.span(m, "period", relative=True)
    return c.span(m, "period", dt.date(year, month, 1), _last_day(year, month), year, relative)


def _on_month_range(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    m1, m2 = _month_number(m["m1"]), _month_number(m["m2"])
    if m1 is None or m2 is None or (m1 > m2 and not m["y1"]):
        return None
    year, relative = _resolve_year(m, c)
    if year is None:
        return c.span(m, "period", relative=True)
    first_year = int(m["y1"]) if m["y1"] else year
    start, end = dt.date(first_year, m1, 1), _last_day(year, m2)
    if start > end or not _year_ok(first_year):
        return None
    return c.span(m, "period", start, end, year if first_year == year else None, relative)


def _on_quarter(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    v = _vocab().data
    t = " ".join(m["q"].lower().split())
    q = int(t) if t.isdigit() else (v["roman"].get(t) or v["quarter_numbers"].get(t))
    if q is None or not 1 <= q <= 4:
        return None
    year, relative = _resolve_year(m, c)
    if year is None:
        return None if m["y"] else c.span(m, "period", relative=True)
    return c.span(m, "period", dt.date(year, 3 * q - 2, 1), _last_day(year, 3 * q), year, relative)


def _on_part_of_year(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    n = 6 if m["n"] is None else _small_number(m["n"])
    if n is None or not 1 <= n <= 12 or (m["part"] is None and m["y"] is None and m["y_rel"] is None):
        return None
    year, relative = _resolve_year(m, c)
    if year is None:
        return None if m["y"] else c.span(m, "period", relative=True)
    is_last = m["part"] is not None and regex.fullmatch(_vocab().p["last"], m["part"], _FLAGS)
    first, last = (13 - n, 12) if is_last else (1, n)
    return c.span(m, "period", dt.date(year, first, 1), _last_day(year, last), year, relative)


def _on_year(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    y = int(m["y"])
    if not _year_ok(y):
        return None
    return c.span(m, "year", dt.date(y, 1, 1), dt.date(y, 12, 31), y)


def _on_year_range(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not (_year_ok(y1) and _year_ok(y2) and y1 < y2 <= y1 + 50):
        return None
    return c.span(m, "period", dt.date(y1, 1, 1), dt.date(y2, 12, 31), None)


def _on_school_year(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not (_year_ok(y1) and y2 == y1 + 1):
        return None
    months = _vocab().data["school_year_months"]
    start = dt.date(y1, *months["start"])
    end = dt.date(y2, *months["end"])
    return c.span(m, "period", start, end, None)


def _on_same_period_year(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    y = int(m["y"])
    return c.span(m, "period", year=y, relative=True) if _year_ok(y) else None


def _on_relative(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    rule = _vocab().relative[" ".join(m[0].lower().split())]
    kind, how, shift = rule["kind"], rule["resolve"], rule.get("offset", 0)
    p = c.published
    if p is None:
        return c.span(m, kind, relative=True)
    if how == "year_to_date":
        return c.span(m, kind, dt.date(p.year, 1, 1), p, p.year, True)
    if how == "same_period":
        return c.span(m, kind, year=p.year + shift, relative=True)
    if how == "year":
        y = p.year + shift
        return c.span(m, kind, dt.date(y, 1, 1), dt.date(y, 12, 31), y, True)
    if how == "month":
        s = _month_start(p, shift)
        return c.span(m, kind, s, _last_day(s.year, s.month), s.year, True)
    if how == "quarter":
        q0 = _month_start(p, 0).replace(month=(p.month - 1) // 3 * 3 + 1)
        s = _month_start(q0, 3 * shift)
        e = _last_day(_month_start(s, 2).year, _month_start(s, 2).month)
        return c.span(m, kind, s, e, s.year, True)
    day = p + dt.timedelta(days=shift)
    return c.span(m, kind, day, day, day.year, True)


def _on_duration(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    if _small_number(m["n"]) is None:
        return None
    return c.span(m, "duration", relative=m["tail"] is not None)


def _on_clock(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    return c.span(m, "time")


def _on_spoken_clock(m: regex.Match, c: _Ctx) -> PeriodSpan | None:
    """"8 giờ 30", "lúc 8 giờ", "8 giờ sáng" are times; a bare "8 giờ" is a duration."""
    if not (m["cue"] or m["min"] or m["part"]) or int(m["h"]) > 24:
        return None
    return c.span(m, "time")


# ------------------------------------------------------------------ rules

_Handler = Callable[[regex.Match, _Ctx], "PeriodSpan | None"]


@cache
def _rules() -> list[tuple[regex.Pattern, _Handler]]:
    p = _vocab().p
    date = _date_fragment(p)
    y4 = r"\d{4}(?!\d)"
    clock = rf"\d{{1,2}}\s?{p['hour']}(?:\s?\d{{1,2}}(?:\s?{p['minute']})?)?"
    month_expr = rf"{p['month']}\s+\d{{1,2}}(?:{_year_tail(p, 'ym')})?"
    specs: list[tuple[str, _Handler]] = [
        (rf"{p['open']}\s+{p['year_start']}\s*{p['to']}\s+(?P<b>{date}|{month_expr})", _on_year_start_to),
        (rf"{p['open']}\s+(?P<x>{date}|{month_expr}|(?:{p['yearw']}\s+)?\d{{4}}(?!\d))\s+{p['to']}\s+{p['now']}",
         _on_until_now),
        (rf"(?:{p['open']}\s+)?(?P<a>{date})\s*{p['links']}\s*(?P<b>{date})", _on_date_range),
        (rf"(?:(?P<open>{p['open']})\s+)?(?:(?P<dw>{p['day']})\s+)?(?P<d1>\d{{1,2}})(?P<link>\s*{p['links']}\s*)"
         rf"(?P<b>\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}(?!\d))", _on_day_range),
        (date, _on_date),
        (rf"{p['open']}\s+{p['month']}\s+(?P<m1>\d{{1,2}})(?:{_year_tail(p, 'y1')})?\s*{p['ylinks']}"
         rf"\s*(?:{p['month']}\s+)?(?P<m2>\d{{1,2}})(?:{_year_tail(p, 'y')})?", _on_month_range),
        (rf"{p['month']}\s+(?P<m>\d{{1,2}}|{p['roman']}|{p['mname']})(?:{_year_tail(p, 'y')})?",
         _on_month),
        (rf"{p['quarter']}\s+(?P<q>{p['roman']}|\d|{p['qnum']})(?:{_year_tail(p, 'y')})?", _on_quarter),
        (rf"(?:(?P<n>{p['num']})\s+{p['month']}|{p['half']})(?:\s+(?P<part>{p['first']}|{p['last']}))?"
         rf"\s+{p['yearw']}(?:(?:\s*/\s*|\s+)?(?P<y>{y4})|\s+(?P<y_rel>{p['rel_year']}))?", _on_part_of_year),
        (rf"{p['school']}\s+(?P<y1>{y4})\s*[-–—/]\s*(?P<y2>{y4})", _on_school_year),
        (rf"(?:{p['span']}\s+)?(?:{p['open']}\s+)?(?:{p['yearw']}\s+)?(?P<y1>{y4})\s*{p['ylinks']}"
         rf"(?:\s+hết)?\s*(?:{p['yearw']}\s+)?(?P<y2>{y4})", _on_year_range),
        (rf"{p['same']}\s+{p['yearw']}\s+(?P<y>{y4})", _on_same_period_year),
        (rf"{p['yearw']}\s+(?P<y>{y4})", _on_year),
        (p["relative"], _on_relative),
        (rf"(?P<n>{p['num']})\s+{p['units']}(?:\s+(?P<tail>{p['tails']}))?", _on_duration),
        (rf"(?:{p['cues']}\s+)?\d{{1,2}}:\d{{2}}(?::\d{{2}})?(?:\s?{p['ampm']})?", _on_clock),
        (r"\d{1,2}[hg]\d{0,2}", _on_clock),
        (rf"(?:{p['open']}\s+)?{clock}\s*{p['ylinks']}\s*{clock}(?:\s+{p['dayparts']})?", _on_clock),
        (rf"(?:(?P<cue>{p['cues']})\s+)?(?P<h>\d{{1,2}})\s?{p['hour']}"
         rf"(?:\s?(?P<min>\d{{1,2}})(?:\s?{p['minute']})?)?(?:\s+(?P<part>{p['dayparts']}))?", _on_spoken_clock),
    ]
    return [(regex.compile(_B0 + src + _B1, _FLAGS), handler) for src, handler in specs]


# ------------------------------------------------------------------ public API


def find(text: str, *, published: dt.date | str | None = None) -> list[PeriodSpan]:
    """Time expressions of normalised `text`, left to right, non-overlapping.

    Where expressions overlap, the one starting first wins, then the longest
    ("6 tháng đầu năm 2023" over "6 tháng", "5 năm qua" over "năm qua").
    `published` (a date or "YYYY-MM-DD") resolves relative expressions and missing years.
    """
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    source, text = text, unreadable_digits(text)  # digits int() cannot read; same length
    if text is not source:
        return [replace(p, text=source[p.start:p.end]) for p in find(text, published=published)]
    ctx = _Ctx(text, published)
    found: list[tuple[int, int, int, PeriodSpan]] = []
    for rank, (pattern, handler) in enumerate(_rules()):
        for m in pattern.finditer(text, overlapped=False):
            span = handler(m, ctx)
            if span is not None:
                found.append((span.start, -(span.end - span.start), rank, span))
    return _choose(found)


def _choose(found: list[tuple[int, int, int, PeriodSpan]]) -> list[PeriodSpan]:
    """Non-overlapping spans: dates, periods, years and times first (earliest, then
    longest), dropping those inside a duration ("năm qua" in "5 năm qua"); then the
    durations that still fit ("hai ngày" loses to "ngày 15 và 16/12/2021")."""
    ordered = sorted(found, key=lambda f: f[:3])
    durations = _greedy([f[3] for f in ordered if f[3].kind == "duration"], [])
    starts = [d.start for d in durations]

    def inside_duration(span: PeriodSpan) -> bool:
        k = bisect.bisect_right(starts, span.start) - 1
        return k >= 0 and durations[k].end >= span.end

    main = _greedy([f[3] for f in ordered if f[3].kind != "duration" and not inside_duration(f[3])], [])
    return _greedy(durations, main)


def _greedy(candidates: list[PeriodSpan], taken: list[PeriodSpan]) -> list[PeriodSpan]:
    """Add `candidates` (sorted) that overlap nothing already taken; return all, sorted."""
    taken = sorted(taken, key=lambda s: s.start)
    starts = [s.start for s in taken]
    added: list[PeriodSpan] = []
    for span in candidates:
        if added and span.start < added[-1].end:
            continue
        k = bisect.bisect_left(starts, span.end)
        if k > 0 and taken[k - 1].end > span.start:
            continue
        added.append(span)
    return sorted(taken + added, key=lambda s: s.start)
