"""Vietnamese numerals: read figures as the press writes them, with exact offsets.

Why this exists: every indicator starts from a number, and Vietnamese writes numbers its
own way ("1.200" is twelve hundred, "67,4" is a decimal, "1,1 tỷ" is 1.1 billion, "hai
mươi mốt nghìn không trăm mười một" is 21011). `parse` reads one whole numeral; `find`
lists the numerals of running (normalised) text and leaves out what only looks like a
number: dates, clock times, document codes, digits glued to letters (COVID-19, H5N1, Q.1).

The words (digits, scale words, range and percent cues, counted nouns) live in
`gazetteers/numerals.json`; this module holds only the logic. Everything is linear in the
length of the text: one tokenising pass, one masking pass, one left-to-right scan.
"""

from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import load_json
from .normalize import unreadable_digits

__all__ = ["NumberSpan", "parse", "find"]


@dataclass(frozen=True)
class NumberSpan:
    """One numeral of the text: `text == source[start:end]`."""

    text: str
    start: int
    end: int
    value: float
    value_max: float | None = None  # upper bound of a range ("15-20", "từ 15 đến 20")
    is_percent: bool = False  # followed by "%" or "phần trăm" (included in the span)
    words: bool = False  # spelled out ("hai mươi", "ba người")


@dataclass(frozen=True)
class _Tok:
    kind: str  # "num" (digits), "word" (letters) or "sym" (one other character)
    text: str
    start: int
    end: int
    low: str  # lower-cased text


@dataclass
class _Lex:
    units: dict[str, int]
    zero: set[str]
    ten: dict[str, int]
    tens_marker: set[str]
    after_tens: dict[str, int]
    after_ten: dict[str, int]
    hundred: set[str]
    link: set[str]
    small_scales: dict[str, int]
    scales: dict[str, int]
    half_after: set[str]
    half_before: set[str]
    negative: set[str]
    percent_signs: set[str]
    percent_words: list[list[str]]
    range_dashes: set[str]
    range_words: set[str]
    range_openers: set[str]
    glued_units: set[str]
    date_cues: set[str]
    counted: dict[str, list[list[str]]]  # first word -> phrases (as word lists)


@cache
def _lex() -> _Lex:
    data = load_json("numerals.json")
    counted: dict[str, list[list[str]]] = {}
    for phrase in data["counted_nouns"]:
        words = phrase.lower().split()
        counted.setdefault(words[0], []).append(words)
    return _Lex(
        units=data["units"],
        zero=set(data["zero"]),
        ten=data["ten"],
        tens_marker=set(data["tens_marker"]),
        after_tens=data["after_tens"],
        after_ten=data["after_ten"],
        hundred=set(data["hundred"]),
        link=set(data["link"]),
        small_scales=data["small_scales"],
        scales=data["scales"],
        half_after=set(data["half_after_scale"]),
        half_before=set(data["half_before_scale"]),
        negative=set(data["negative"]),
        percent_signs=set(data["percent_signs"]),
        percent_words=[w.lower().split() for w in data["percent_words"]],
        range_dashes=set(data["range_dashes"]),
        range_words=set(data["range_words"]),
        range_openers=set(data["range_openers"]),
        glued_units=set(data["glued_units"]),
        date_cues={c.split()[-1] for c in data["date_cues"]},
        counted=counted,
    )


# ---------------------------------------------------------------- digits

_TOKEN = regex.compile(r"\d+(?:[.,]\d+)*|[\p{L}\p{M}]+|\S")
_GROUPED = regex.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")  # 1.234.567,5
_COMMA_DECIMAL = regex.compile(r"\d+(?:,\d+)?")  # 67,4 / 03
_EN_GROUPED = regex.compile(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?")  # 1,234,567
_DOT_DECIMAL = regex.compile(r"\d+\.\d+")  # a stray decimal point: 22.8


def _digits_value(raw: str) -> float | None:
    """Value of one run of digits with '.'/',' separators, Vietnamese style."""
    if _GROUPED.fullmatch(raw):
        return float(raw.replace(".", "").replace(",", "."))
    if _COMMA_DECIMAL.fullmatch(raw):
        return float(raw.replace(",", "."))
    if _EN_GROUPED.fullmatch(raw):
        return float(raw.replace(",", ""))
    if _DOT_DECIMAL.fullmatch(raw):
        return float(raw)
    return None


def _tokenize(text: str) -> list[_Tok]:
    toks = []
    for m in _TOKEN.finditer(text):
        s = m.group()
        kind = "num" if s[0].isdigit() else ("word" if s[0].isalpha() else "sym")
        toks.append(_Tok(kind, s, m.start(), m.end(), s.lower()))
    return toks


# ------------------------------------------------- dates, times, codes (masked)

_L = r"(?<![\p{L}\p{M}\d.,/:-])"  # nothing numeric or alphabetic glued on the left
_R = r"(?!\d|[.,/:-]\d)"  # nor on the right
_FULL_DATE = regex.compile(_L + r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})" + _R)
# "15-17/8/2022", "15 và 16/12/2021": a first day sharing the month of a full date
_ISO_DATE = regex.compile(_L + r"(\d{4})-(\d{1,2})-(\d{1,2})" + _R)
_MONTH_YEAR = regex.compile(_L + r"(\d{1,2})/(\d{4})" + _R)
_DAY_MONTH = regex.compile(_L + r"(\d{1,2})([/-])(\d{1,2})" + _R)


@cache
def _clock() -> regex.Pattern:
    """Clock times: "02:04 PM", "10h30", "8 giờ 30", "lúc 8 giờ", "2 giờ sáng"."""
    data = load_json("numerals.json")
    alt = lambda words: "(?:" + "|".join(sorted(map(regex.escape, words), key=len, reverse=True)) + ")"  # noqa: E731
    hour, minute = alt(data["clock_hour_words"]), alt(data["clock_minute_words"])
    cues, parts = alt(data["clock_cues"]), alt(data["day_parts"])
    links = alt(data["range_dashes"] + data["range_words"])
    return regex.compile(
        _L + r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\b\.?)?"
        r"|" + _L + r"\d{1,2}[hg]\d{0,2}(?![\p{L}\d])"
        rf"|{_L}\d{{1,2}}\s?{hour}\s?\d{{1,2}}(?:\s?{minute})?(?![\p{{L}}\d])"
        rf"|{_L}\d{{1,2}}\s?{hour}\s+{parts}(?![\p{{L}}\d])"
        rf"|{_L}\d{{1,2}}\s?{hour}(?=\s*{links}\s*\d{{1,2}}\s?{hour})"
        rf"|(?<=(?<![\p{{L}}]){cues}\s)\d{{1,2}}\s?{hour}(?![\p{{L}}])",
        regex.IGNORECASE,
    )


_SLASH_CHAIN = regex.compile(_L + r"\d+(?:/\d+)*+")  # possessive: linear on "1/1/1/..."
_CODE_TAIL = regex.compile(r"/\p{L}|-\p{Lu}")  # "29/QĐ-...", "36-CT/TW"


def _alt(words) -> str:
    return "(?:" + "|".join(sorted(map(regex.escape, words), key=len, reverse=True)) + ")"


@dataclass(frozen=True)
class _DatePatterns:
    day_before_date: regex.Pattern  # "15-17/8/2022", "15 và 16/12/2021": the first day
    month_year_word: regex.Pattern  # "tháng 6-2021", "tháng 6.2021"
    quarter_year: regex.Pattern  # "quý I/2020"
    month_number: regex.Pattern  # "tháng 6", "tháng 6 năm 2021", "ngày 1 tháng 6 năm 2021", "quý 2"
    day_words: frozenset[str]


@cache
def _date_patterns() -> _DatePatterns:
    data = load_json("numerals.json")
    links = _alt(data["range_dashes"] + data["range_words"] + data["day_joiners"])
    return _DatePatterns(
        regex.compile(_L + rf"(\d{{1,2}})\s*{links}\s*(\d{{1,2}})([/.-])(\d{{1,2}})\3(\d{{4}})" + _R,
                      regex.IGNORECASE),
        regex.compile(rf"{_alt(data['month_words'])}\s+(\d{{1,2}})[.-](\d{{4}})" + _R, regex.IGNORECASE),
        regex.compile(rf"{_alt(data['quarter_words'])}\s+(?:[IVX]+|\d)\s*[/-]\s*(\d{{4}})" + _R,
                      regex.IGNORECASE),
        _month_number_pattern(data),
        frozenset(data["day_words"]),
    )


def _month_number_pattern(data: dict) -> regex.Pattern:
    day, month = _alt(data["day_words"]), _alt(data["month_words"])
    year, quarter = _alt(data["year_words"]), _alt(data["quarter_words"])
    year_tail = rf"(?:\s*,?\s+{year}\s+\d{{4}}(?!\d))?"
    return regex.compile(
        rf"(?<![\p{{L}}\p{{M}}]){day}\s+(?P<d>\d{{1,2}})\s+{month}\s+(?P<m>\d{{1,2}}){year_tail}(?![\d\p{{L}}])"
        rf"|(?<![\p{{L}}\p{{M}}]){month}\s+(?P<m>\d{{1,2}}){year_tail}(?![\d\p{{L}}])"
        rf"|(?<![\p{{L}}\p{{M}}]){quarter}\s+(?P<q>[1-4])(?![\d\p{{L}}])",
        regex.IGNORECASE,
    )
_PREV_WORD = regex.compile(r"([\p{L}\p{M}]+)\s*$")
_NEXT_IS_WORD = regex.compile(r"\s*[\p{L}\p{M}%]")


def _valid_day_month(day: str, month: str) -> bool:
    return 1 <= int(day) <= 31 and 1 <= int(month) <= 12


def _prev_word(text: str, pos: int) -> str:
    m = _PREV_WORD.search(text[max(0, pos - 30):pos])
    return m.group(1).lower() if m else ""


def _is_day_month(text: str, m: regex.Match) -> bool:
    """'31/7' is a date; '5/8 huyện' is a fraction; 'ngày 31-7' is a date."""
    if not _valid_day_month(m.group(1), m.group(3)):
        return False
    prev = _prev_word(text, m.start())
    if m.group(2) == "-":
        return prev in _date_patterns().day_words
    if prev in _lex().date_cues:
        return not _counted_follows_text(text, m.end())
    # "Hà Nội, 12/10" or a line opening "31/7 -": a date; "đạt 9/10." is a fraction
    return _after_punctuation(text, m.start()) and _NEXT_IS_WORD.match(text, m.end()) is None


def _after_punctuation(text: str, pos: int) -> bool:
    """Nothing but punctuation (or the start of the text) before `pos`, spaces aside."""
    before = text[max(0, pos - 12):pos].rstrip()
    if not before:  # start of the text (or a long run of blanks)
        return True
    return not (before[-1].isalnum() or unicodedata.category(before[-1]).startswith("M"))


def _counted_follows_text(text: str, pos: int) -> bool:
    words = [t.low for t in _tokenize(text[pos:pos + 40])][:4]
    return _phrase_at(words, 0, _lex().counted)


def _masks(text: str) -> list[tuple[int, int]]:
    """Character ranges that hold dates, clock times and document codes."""
    spans: list[tuple[int, int]] = []
    for m in _FULL_DATE.finditer(text):
        if _valid_day_month(m.group(1), m.group(3)):
            spans.append(m.span())
    pats = _date_patterns()
    for m in pats.day_before_date.finditer(text):
        if _valid_day_month(m.group(1), m.group(4)) and _valid_day_month(m.group(2), m.group(4)):
            spans.append(m.span())
    for m in _ISO_DATE.finditer(text):
        if _valid_day_month(m.group(3), m.group(2)):
            spans.append(m.span())
    for m in _MONTH_YEAR.finditer(text):
        if 1 <= int(m.group(1)) <= 12 and 1900 <= int(m.group(2)) <= 2100:
            spans.append(m.span())
    for m in pats.month_year_word.finditer(text):
        spans.append((m.start(1), m.end(2)))
    spans += [m.span(1) for m in pats.quarter_year.finditer(text)]
    for m in pats.month_number.finditer(text):
        if m["q"] or (1 <= int(m["m"]) <= 12 and (m["d"] is None or 1 <= int(m["d"]) <= 31)):
            first = m.start("q") if m["q"] else m.start("d") if m["d"] else m.start("m")
            spans.append((first, m.end()))
    for m in _DAY_MONTH.finditer(text):
        if _is_day_month(text, m):
            spans.append(m.span())
    spans += [m.span() for m in _clock().finditer(text)]
    spans += [m.span() for m in _SLASH_CHAIN.finditer(text) if _CODE_TAIL.match(text, m.end())]
    return sorted(spans)


class _Mask:
    def __init__(self, spans: list[tuple[int, int]]):
        self._starts = [s for s, _ in spans]
        self._max_end: list[int] = []
        running = -1
        for _, e in spans:
            running = max(running, e)
            self._max_end.append(running)

    def covers(self, pos: int) -> bool:
        i = bisect.bisect_right(self._starts, pos) - 1
        return i >= 0 and self._max_end[i] > pos


# ------------------------------------------------------------- spelled words


def _phrase_at(words: list[str], j: int, table: dict[str, list[list[str]]]) -> bool:
    if j >= len(words):
        return False
    for phrase in table.get(words[j], []):
        if words[j:j + len(phrase)] == phrase:
            return True
    return False


class _Reader:
    """Reads one numeral from a token list, starting at a given token."""

    def __init__(self, toks: list[_Tok], text: str, mask: _Mask | None):
        self.toks = toks
        self.text = text
        self.mask = mask
        self.lex = _lex()

    def low(self, i: int) -> str:
        return self.toks[i].low if i < len(self.toks) else ""

    def digit_value(self, i: int) -> float | None:
        """Value of the digit token i, or None if it is not a usable number."""
        if i >= len(self.toks) or self.toks[i].kind != "num":
            return None
        tok = self.toks[i]
        if self.mask is not None and (self.mask.covers(tok.start) or self._glued(tok)):
            return None
        return _digits_value(tok.text)

    def _glued(self, tok: _Tok) -> bool:
        text, s, e = self.text, tok.start, tok.end
        before = text[s - 1] if s > 0 else ""
        if before.isalpha() or (before in "-." and s > 1 and text[s - 2].isalpha()):
            return True
        if e < len(text) and text[e].isalpha():
            m = regex.match(r"[\p{L}\p{M}\d]+", text[e:e + 12])
            return m is None or m.group().lower() not in self.lex.glued_units
        return False

    def chunk(self, i: int) -> tuple[float, int, bool] | None:
        """A number below 1000 in words, or one digit token: (value, next index, words)."""
        v = self.digit_value(i)
        if v is not None:
            return v, i + 1, False
        w, lex = self.low(i), self.lex
        if w in lex.ten:
            return self._tail_after_ten(lex.ten[w], i + 1)
        if w in lex.units or (w in lex.zero and self.low(i + 1) in lex.hundred):
            u = lex.units.get(w, 0)
            if self.low(i + 1) in lex.hundred:
                return self._tail_after_hundred(u * 100, i + 2)
            if self.low(i + 1) in lex.tens_marker:
                return self._tail_after_tens(u * 10, i + 2)
            return u, i + 1, True
        if w in lex.half_before and self.low(i + 1) in lex.scales:
            return 0.5, i + 1, True
        return None

    def _tail_after_ten(self, v: float, j: int) -> tuple[float, int, bool]:
        unit = self.lex.after_ten.get(self.low(j))
        return (v + unit, j + 1, True) if unit is not None else (v, j, True)

    def _tail_after_tens(self, v: float, j: int) -> tuple[float, int, bool]:
        unit = self.lex.after_tens.get(self.low(j))
        return (v + unit, j + 1, True) if unit is not None else (v, j, True)

    def _tail_after_hundred(self, v: float, j: int) -> tuple[float, int, bool]:
        lex, w = self.lex, self.low(j)
        if w in lex.link and self.low(j + 1) in lex.units:
            return v + lex.units[self.low(j + 1)], j + 2, True
        if w in lex.ten:
            return self._tail_after_ten(v + lex.ten[w], j + 1)
        if w in lex.half_after:  # "trăm rưỡi" = 150
            return v + 50, j + 1, True
        if w in lex.units and self.low(j + 1) in lex.tens_marker:
            return self._tail_after_tens(v + lex.units[w] * 10, j + 2)
        return v, j, True

    def number(self, i: int) -> tuple[float, int, bool] | None:
        """A whole numeral: chunks joined by scale words ("1 tỷ 200 triệu")."""
        first = self.chunk(i)
        if first is None:
            return None
        lex = self.lex
        group, j, words = first
        total, last_scale = 0.0, None
        while True:
            w = self.low(j)
            if w in lex.small_scales and (not words or j == i + 1) and last_scale is None:
                group *= lex.small_scales[w]
                j += 1
                continue
            if w not in lex.scales:
                break
            scale = lex.scales[w]
            if last_scale is not None and scale >= last_scale:
                break
            total, last_scale, group, j = total + group * scale, scale, 0.0, j + 1
            if self.low(j) in lex.half_after:
                total, j = total + scale / 2, j + 1
            while self.low(j) in lex.scales and lex.scales[self.low(j)] > last_scale:
                scale = lex.scales[self.low(j)]  # "nghìn tỷ": a thousand billion
                total, last_scale, j = total * scale, last_scale * scale, j + 1
            nxt = self.chunk(j)
            if nxt is None:
                break
            if self.low(nxt[1]) in lex.scales and lex.scales[self.low(nxt[1])] < last_scale:
                group, j = nxt[0], nxt[1]
                continue
            if nxt[2] and nxt[1] - j >= 2:  # "nghìn không trăm mười một"
                group, j = nxt[0], nxt[1]
            break
        return total + group, j, words


# ----------------------------------------------------------------- public API


def parse(text: str) -> float | None:
    """The value of a whole numeral string ("1.200", "67,4", "1,1 tỷ", "ba mươi ba"), else None.

    A trailing "%"/"phần trăm" is allowed; a leading "âm" makes it negative. Dates,
    ranges and anything with words left over give None.
    """
    text = unreadable_digits(text)  # digits int()/float() cannot read are not digits here
    toks = _tokenize(text.strip())
    if not toks:
        return None
    lex = _lex()
    sign, i = (-1.0, 1) if toks[0].low in lex.negative else (1.0, 0)
    got = _Reader(toks, text.strip(), None).number(i)
    if got is None:
        return None
    value, j, _ = got
    j = _percent_end(toks, j) or j
    return sign * value if j == len(toks) else None


def _percent_end(toks: list[_Tok], j: int) -> int | None:
    """Index after a "%" / "phần trăm" starting at token j, else None."""
    lex = _lex()
    if j < len(toks) and toks[j].text in lex.percent_signs:
        return j + 1
    words = [t.low for t in toks[j:j + 3]]
    for phrase in lex.percent_words:
        if words[:len(phrase)] == phrase:
            return j + len(phrase)
    return None


@dataclass
class _Atom:
    i: int  # first token
    j: int  # one past the last token
    value: float
    words: bool
    percent: bool


def find(text: str) -> list[NumberSpan]:
    """Every numeral of normalised `text`, left to right, non-overlapping, exact offsets.

    Dates ("23/12/2016", "31/7"), clock times ("02:04", "10h30"), document codes
    ("29/QĐ-...") and digits glued to letters ("COVID-19") give no span. Spelled-out
    numbers count only when unmistakable: several number words, or one before a counted
    noun ("ba người"; not "một số"). "809/1.200" gives two spans; ranges one span.
    """
    source, text = text, unreadable_digits(text)  # same length: offsets hold
    toks = _tokenize(text)
    reader = _Reader(toks, text, _Mask(_masks(text)))
    atoms = _atoms(toks, reader)
    atoms = _merge_ranges(toks, atoms)
    return [_to_span(source, toks, a) for a in atoms]


def _atoms(toks: list[_Tok], reader: _Reader) -> list[_Atom]:
    atoms: list[_Atom] = []
    i = 0
    while i < len(toks):
        got = reader.number(i)
        if got is None or (got[2] and not _plausible_words(toks, i, got[1], reader)):
            i += 1
            continue
        value, j, words = got
        end = _percent_end(toks, j)
        atom = _Atom(i, end or j, value, words, end is not None)
        if i > 0 and toks[i - 1].low in _lex().negative:
            atom.i, atom.value = i - 1, -value
        atoms.append(atom)
        i = atom.j
    return atoms


def _plausible_words(toks: list[_Tok], i: int, j: int, reader: _Reader | None) -> bool:
    """Spelled-out numerals: be sure it is a number and not an article or a name.

    Several number words are a number; a single one only before a counted noun ("ba
    người", not "một số", "Hai Bà Trưng") or before a range to one ("hai đến ba người").
    """
    texts = [t.text for t in toks[i:j]]
    if any(t.kind != "word" for t in toks[i:j]):
        return True
    if len(texts) > 1:
        return not any(t[:1].isupper() and not t.isupper() for t in texts[1:])
    if reader is not None and _starts_spelled_range(toks, j, reader):
        return True
    words = [t.low for t in toks[j:j + 4]]
    if not _phrase_at(words, 0, _lex().counted):
        return False
    nxt = toks[j].text
    return not (texts[0][:1].isupper() and not texts[0].isupper() and nxt[:1].isupper() and not nxt.isupper())


def _starts_spelled_range(toks: list[_Tok], j: int, reader: _Reader) -> bool:
    lex = _lex()
    if j >= len(toks) or not (toks[j].text in lex.range_dashes or toks[j].low in lex.range_words):
        return False
    nxt = reader.number(j + 1)
    return nxt is not None and nxt[2] and _plausible_words(toks, j + 1, nxt[1], None)


def _merge_ranges(toks: list[_Tok], atoms: list[_Atom]) -> list[_Atom | tuple]:
    lex = _lex()
    out: list = []
    k = 0
    while k < len(atoms):
        a = atoms[k]
        b = atoms[k + 1] if k + 1 < len(atoms) else None
        low = _range_low(toks, a, b) if b is not None and b.i == a.j + 1 else a.value
        if b is not None and b.i == a.j + 1 and b.value > low and (b.percent or not a.percent):
            conn = toks[a.j]
            if conn.text in lex.range_dashes or conn.low in lex.range_words:
                start = a.i - 1 if a.i > 0 and toks[a.i - 1].low in lex.range_openers else a.i
                out.append((start, b.j, low, b.value, a.words, b.percent))
                k += 2
                continue
        out.append((a.i, a.j, a.value, None, a.words, a.percent))
        k += 1
    return out


def _range_low(toks: list[_Tok], a: _Atom, b: _Atom) -> float:
    """The lower bound of "từ 1,5 đến 3 triệu": the scale word of the upper bound
    also applies to a lower bound written without one."""
    scales = _lex().scales
    if any(t.low in scales for t in toks[a.i:a.j]):
        return a.value
    last = toks[b.j - 1].low
    if last in scales and a.value * scales[last] < b.value:
        return a.value * scales[last]
    return a.value


def _to_span(text: str, toks: list[_Tok], item: tuple) -> NumberSpan:
    i, j, value, value_max, words, percent = item
    start, end = toks[i].start, toks[j - 1].end
    return NumberSpan(text[start:end], start, end, value, value_max, percent, words)
