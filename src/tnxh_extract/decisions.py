"""Numbered document references: "Quyết định số 469/QĐ-LĐTBXH ngày 23/12/2016 của ...".

`find(text)` returns every numbered reference of a normalised text as `models.Decision`
records with exact offsets; `parse(text)` reads one reference string.

A reference is found from its number and symbol (số, ký hiệu), in the forms of the State's
rules on document formatting ("469/QĐ-UBND", "12/2020/TT-BLĐTBXH", "1219/LĐTBXH-PCTNXH",
"73/2021/QH14") and of the Party's ("36-CT/TW", "05-NQ/TU"), or from a type word followed
by "số" and a bare number ("Nghị quyết liên tịch số 01"). The type name comes from the type
word written before the code when there is one, else from the type abbreviation inside
the code. Type words, abbreviations, issuer codes and the phrases that open and close an
issuer or a summary are data (gazetteers/document_types.json, gazetteers/issuers.json).

Every pattern has bounded quantifiers and every look-around scans a bounded window, so the
work is linear in the length of the text.
"""

from __future__ import annotations

import bisect
import datetime as _dt
import unicodedata
from dataclasses import dataclass
from functools import cache

import regex

from .lexicon import load_json
from .models import Decision
from .normalize import normalize

__all__ = ["find", "parse"]

_WINDOW = 200  # characters scanned before a code for its type word
_MAX_BETWEEN_WORDS = 15  # words allowed between a type word and "số" ("Luật Phòng, chống ma túy số")
_MAX_ISSUER_WORDS = 16
_MAX_SUMMARY = 320

_L = r"[\p{L}\p{M}]"
# A symbol segment: "QĐ", "UBND", "TTg", "QH14", "LĐTB&XH".
_SEG = r"\p{Lu}[\p{L}\p{M}\d&]{0,15}"
# An all-capitals segment, the only kind allowed after a dash written with spaces.
_UPSEG = r"\p{Lu}[\p{Lu}\p{M}\d&]{0,15}(?![\p{L}\p{M}\d])"
_DASH = r"[-–]"
_JOIN = rf"(?:{_DASH}{_SEG}|\s?{_DASH}\s?{_UPSEG})"
_BEFORE = r"(?:(?<=số)|(?<![\p{L}\p{M}\d.,/–-]))"
_AFTER = r"(?![\p{L}\p{M}\d])"

_CODE = regex.compile(
    rf"""{_BEFORE}(?:
      (?P<pnum>\d{{1,5}})(?P<psep>\s?{_DASH}\s?|\s)(?P<pabbr>\p{{Lu}}[\p{{L}}\p{{M}}]{{0,5}})
          \s?/\s?(?P<piss>{_SEG}{_JOIN}{{0,3}}){_AFTER}
    | (?P<snum>\d{{1,5}})\s?/\s?(?:(?P<year>(?:19|20)\d\d)\s?/\s?)?
          (?P<srest>{_SEG}{_JOIN}{{0,6}}){_AFTER}
    )""",
    regex.VERBOSE,
)

_DATE = (
    r"(?P<d>\d{1,2})\s?(?P<s1>[/.-])\s?(?P<m>\d{1,2})\s?(?P=s1)\s?(?P<y>(?:19|20)\d\d)(?!\d)"
    r"|(?P<d2>\d{1,2})\s(?i:tháng)\s(?P<m2>\d{1,2})\s(?:(?i:năm)\s)?(?P<y2>(?:19|20)\d\d)(?!\d)"
)
_DATE_AFTER = regex.compile(
    rf"\s?,?\s?(?:\(\s?)?(?:(?i:ban hành|ký|kí)\s)?(?i:ngày)\s(?:{_DATE})"
)
# A line break ends a clause unless the next line continues it in lower case (wrapped
# lines of PDF reports: "Công văn số\n4125/LĐTBXH-PCTNXH", "của Sở ...\ntỉnh Nghệ An").
_NL_HARD = r"\n(?=[ ]?(?:\p{Lu}|[-+•*–][ ]|\d{1,2}[.)][ ]|\n))"
_CODE_START = regex.compile(r"\d\s?[/–-]\s?\p{Lu}")
_YEAR_AFTER = regex.compile(r"\s(?i:năm)\s(?:19|20)\d\d(?!\d)")
_HARD_STOP = regex.compile(rf"[;!?()“”\"]|{_NL_HARD}|\.(?=\s|$)|:\s(?<!số:\s)")


@dataclass(frozen=True)
class _Lex:
    type_re: regex.Pattern
    plain_re: regex.Pattern
    bare_re: regex.Pattern
    word_type: dict[str, str]
    generic_words: frozenset[str]
    state_abbr: dict[str, str]
    party_abbr: dict[str, str]
    issuers: dict[str, dict]
    issuer_re: regex.Pattern
    summary_re: regex.Pattern
    summary_end_re: regex.Pattern
    next_ref_re: regex.Pattern
    issued_re: regex.Pattern
    head_re: regex.Pattern


def _ascii(s: str) -> str:
    """The key without diacritics: "QĐ" -> "QD", "LĐTBXH" -> "LDTBXH"."""
    s = s.translate(str.maketrans("ĐđÐð", "DdDd"))
    return "".join(ch for ch in unicodedata.normalize("NFD", s) if not unicodedata.combining(ch))


def _alt(phrases: list[str]) -> str:
    parts = sorted({p for p in phrases if p}, key=len, reverse=True)
    return "|".join(regex.escape(p).replace(r"\ ", r"\s") for p in parts)


@cache
def _lex() -> _Lex:
    data = load_json("document_types.json")
    iss = load_json("issuers.json")
    word_type: dict[str, str] = {}
    state_abbr: dict[str, str] = {}
    party_abbr: dict[str, str] = {}
    for t in data["types"]:
        for w in t["words"]:
            word_type.setdefault(w.lower(), t["name"])
        for a in t["state_abbr"]:
            state_abbr.setdefault(a, t["name"])
        for a in t["party_abbr"]:
            party_abbr.setdefault(a, t["name"])
    # Symbols typed without diacritics ("1001/QD-TTg", "LDTBXH") are read too; a folded
    # key never overrides an exact one ("DA" stays Dự án, not Đề án).
    for table in (state_abbr, party_abbr):
        for key, name in list(table.items()):
            table.setdefault(_ascii(key), name)
    issuers = dict(iss["issuers"])
    for key, entry in list(issuers.items()):
        issuers.setdefault(_ascii(key), entry)
    generic = frozenset(w.lower() for w in data["bare_reference_words"])
    words = _alt(list(word_type))
    type_re = regex.compile(rf"(?<!{_L})(?i:{words})(?!{_L})")
    numw = _alt(data["number_words"])
    plain_re = regex.compile(
        rf"(?<!{_L})(?P<type>(?i:{words}))\s(?P<no>(?i:{numw})):?\s?(?P<num>\d{{1,5}})"
        rf"(?![\p{{L}}\p{{M}}\d%/–-]|\s?[/–-]\s?\p{{Lu}}|[.,]\d|\s\p{{Lu}}{{1,5}}/)"
    )
    # "Chỉ thị 36 của Bộ Chính trị", "Nghị quyết 98": a capitalised type word and a bare
    # number, not a year and not a count ("Kế hoạch 5 năm").
    caps = "|".join(
        regex.escape(w[0].upper()) + "(?i:" + regex.escape(w[1:]).replace(r"\ ", r"\s") + ")"
        for w in sorted(word_type, key=len, reverse=True)
    )
    units = _alt(data["units_after_number"])
    bare_re = regex.compile(
        rf"(?<!{_L})(?P<type>{caps})\s(?P<num>\d{{1,4}})"
        rf"(?![\p{{L}}\p{{M}}\d%/–-]|[.,]\d|\s?[/–-]\s?\p{{Lu}}|\s\p{{Lu}}{{1,5}}/"
        rf"|\s(?!năm\s(?:19|20)\d\d)(?i:{units})(?!{_L}))"
    )
    issued_re = regex.compile(
        rf"\s(?:(?:{_alt(data['issuing_adverbs'])})\s){{0,3}}(?:{_alt(data['issuing_verbs'])})\s$"
    )
    head_re = regex.compile(rf"(?<!{_L})(?:{_alt(data['issuer_heads'])})(?!{_L})")
    stops = _alt(data["issuer_stops"])
    issuer_re = regex.compile(
        rf"\s?,?\s(?i:{_alt(data['issuer_words'])})\s(?P<iss>\p{{Lu}}[^\s,;.:()“”\"]{{0,30}}"
        rf"(?:(?:[ ]|\n(?=\p{{Ll}}))(?!(?:{stops})(?!{_L})|và\s(?:\p{{Ll}}|(?i:{words})(?!{_L})))"
        rf"[^\s,;.:()“”\"]{{1,30}}){{0,{_MAX_ISSUER_WORDS - 1}}})"
    )
    next_ref_re = regex.compile(
        rf"(?:[,;]|\s(?i:và|cùng|hoặc))\s(?i:{words})(?!{_L})(?:\s(?i:{numw})|\s\d)"
    )
    summary_re = regex.compile(
        rf"\s?[,:]?\s?(?:[-–]\s)?(?P<q>[“\"]?)(?P<sum>(?i:{_alt(data['summary_openers'])})(?!{_L})\s?)"
        # verbs that open a trích yếu only right after the reference, never after a comma
        # ("Căn cứ Quyết định số ..., thực hiện Kế hoạch ..." is a new clause)
        rf"|\s(?P<q2>)(?P<sum2>(?i:{_alt(data['summary_openers_adjacent'])})(?!{_L})\s?)"
    )
    discourse = _alt(data["clause_openers_after_comma"])
    agencies = _alt(data["agency_words"])
    sstops = _alt(data["summary_stops"])
    summary_end_re = regex.compile(
        rf"[;!?]|{_NL_HARD}|(?<!\b(?:TP|Tp|TX|Q|P|TT|ThS|TS|PGS|GS|St))\.(?=\s|$)"
        rf"|,\s(?=(?i:{discourse})(?!{_L})|(?:{agencies})(?!{_L}))"
        rf"|\s(?=(?:{sstops})\s)"
    )
    return _Lex(
        type_re, plain_re, bare_re, word_type, generic, state_abbr, party_abbr,
        issuers, issuer_re, summary_re, summary_end_re, next_ref_re,
        issued_re, head_re,
    )


# Web text often writes Đ with the look-alike Ð (U+00D0, eth): "QÐ-UBND". The code keeps
# what the text has; look-ups read it as Đ.
_ETH = str.maketrans("Ðð", "Đđ")


def _type_of(word: str, lex: _Lex) -> str:
    return lex.word_type[regex.sub(r"\s+", " ", word.lower())]


def _iso(m: regex.Match) -> str | None:
    d, mo, y = (m.group("d"), m.group("m"), m.group("y"))
    if d is None:
        d, mo, y = m.group("d2"), m.group("m2"), m.group("y2")
    try:
        return _dt.date(int(y), int(mo), int(d)).isoformat()
    except ValueError:
        return None


def _compatible(word_type: str, abbr_type: str) -> bool:
    return abbr_type == word_type or abbr_type.startswith(word_type + " ")


@dataclass
class _TypeWord:
    start: int
    type: str
    generic: bool
    adjacent: bool
    issuer: str | None


def _type_words_before(text: str, pos: int, lex: _Lex) -> list[_TypeWord]:
    """Type words that can govern a code at `pos`, nearest first."""
    lo = max(0, pos - _WINDOW)
    window = text[lo:pos]
    cut = 0
    for m in _HARD_STOP.finditer(window):
        cut = m.end()
    out: list[_TypeWord] = []
    for m in lex.type_re.finditer(window, cut):
        between = window[m.end():].strip()
        words = between.split()
        if not words:
            adjacent = True
        elif words[-1].lower().rstrip(":") in ("số", "hiệu") and len(words) <= _MAX_BETWEEN_WORDS:
            adjacent = len(words) == 1 or (len(words) == 2 and words[0].lower() == "số")
        else:
            continue
        issuer = None
        if len(words) >= 3 and words[0].lower() == "của" and words[1][:1].isupper():
            issuer = " ".join(words[1:-1]).strip(" ,")
        word = m.group()
        out.append(
            _TypeWord(lo + m.start(), _type_of(word, lex), word.lower() in lex.generic_words,
                      adjacent, issuer)
        )
    out.reverse()
    return out


def _issuer_before(text: str, type_start: int, lex: _Lex) -> str | None:
    """The issuer named as the subject before the type word: "UBND tỉnh đã ban hành Kế
    hoạch số ...", "Sở có văn bản số ..." (the last agency head of the clause)."""
    lo = max(0, type_start - _WINDOW)
    window = text[lo:type_start]
    cut = 0
    for m in _HARD_STOP.finditer(window):
        cut = m.end()
    clause = window[cut:]
    # the clause may start after a comma ("Ngày 30/12/2021, Thủ tướng ... ban hành")
    comma = clause.rfind(", ")
    m = lex.issued_re.search(clause)
    if not m:
        return None
    head = None
    first = comma + 2 if 0 <= comma < m.start() else 0
    for h in lex.head_re.finditer(clause, first, m.start()):
        head = h
    if head is None:
        return None
    issuer = clause[head.start():m.start()].strip(" ,")
    return _one_line(issuer) if 0 < len(issuer.split()) <= _MAX_ISSUER_WORDS else None


def _preceded_by_so(text: str, pos: int) -> tuple[bool, int]:
    m = regex.search(r"(?<!\p{L})(?i:số)(?::\s?|\s?)$", text[max(0, pos - 6):pos])
    if m:
        return True, pos - (len(text[max(0, pos - 6):pos]) - m.start())
    return False, pos


def _resolve(issuer_code: str | None, doc_type: str, issuer: str | None, party: bool,
             normative: bool, lex: _Lex) -> str | None:
    if not issuer_code:
        return None
    names: list[str] = []
    for seg in issuer_code.translate(_ETH).replace("–", "-").split("-"):
        entry = lex.issuers.get(seg) or lex.issuers.get(regex.sub(r"\d+$", "", seg))
        if entry is None or (entry.get("party_only") and not party):
            if names:
                break
            return None
        name = entry["name"]
        forms = entry.get("forms")
        if forms:
            level = None
            if issuer:
                m = regex.search(r"(?<!\p{L})(Bộ|Sở|Phòng)(?!\p{L})", issuer)
                level = m.group(1) if m else None
            if level is None and normative:
                level = "Bộ"
            name = forms.get(level, name) if level else name
        names.append(name)
        if "liên tịch" not in doc_type.lower():
            break
    return ", ".join(names) if names else None


def _tail(text: str, end: int, date: str | None, lex: _Lex) -> tuple[int, str | None, str | None, str | None]:
    """Date, issuer and summary after the code ending at `end`; returns the span end too."""
    span_end = end
    pos = end
    m = _YEAR_AFTER.match(text, pos, min(len(text), pos + 12))
    if m:  # "Nghị quyết 98 năm 2014": the year of issue, part of the reference
        span_end = pos = m.end()
    m = _DATE_AFTER.match(text, pos, min(len(text), pos + 60))
    if m:
        date = _iso(m) or date
        span_end = pos = m.end()
    issuer = None
    m = lex.issuer_re.match(text, pos, min(len(text), pos + 400))
    if m:
        issuer = m.group("iss").rstrip(" -–")
        pos = m.start("iss") + len(issuer)
        if date is None:
            d = _DATE_AFTER.match(text, pos, min(len(text), pos + 60))
            if d and _iso(d):
                date = _iso(d)
                span_end = pos = d.end()
    summary = None
    m = lex.summary_re.match(text, pos, min(len(text), pos + 60))
    if m:
        group = "sum" if m.group("sum") is not None else "sum2"
        start = m.start(group)
        limit = min(len(text), start + _MAX_SUMMARY + 80)
        stop = limit
        # Stops inside quotation marks do not end the summary.
        for e in lex.summary_end_re.finditer(text, start + len(m.group(group)), limit):
            seg = text[start:e.start()]
            inside = seg.count("“") > seg.count("”") or seg.count('"') % 2 == 1
            if not inside:
                stop = e.start()
                break
        chunk = text[start:stop]
        if m.group("q"):  # a quoted summary ends at its closing quote
            close_q = chunk.find("”" if m.group("q") == "“" else '"')
            if close_q >= 0:
                chunk = chunk[:close_q]
        nxt = lex.next_ref_re.search(chunk)
        if nxt:
            chunk = chunk[:nxt.start()]
        close = _unbalanced_paren(chunk)
        if close is not None:
            chunk = chunk[:close]
        if len(chunk) > _MAX_SUMMARY:
            chunk = chunk[:_MAX_SUMMARY].rsplit(" ", 1)[0]
        chunk = chunk.rstrip(" ,:-–")
        if len(chunk.split()) >= 2:
            summary = chunk
    # issuer and summary are values, not spans: lines wrapped inside them are joined
    return span_end, date, _one_line(issuer), _one_line(summary)


def _one_line(value: str | None) -> str | None:
    return regex.sub(r"\s+", " ", value) if value else value


def _unbalanced_paren(s: str) -> int | None:
    depth = 0
    for i, ch in enumerate(s):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return i
    return None


# The document's own number in its header block: "Số: 512/BC-SLĐTBXH" on a line of its
# own, near the place-and-date line "Lai Châu, ngày 15 tháng 12 năm 2022", with the type
# in capitals ("BÁO CÁO") and the title (trích yếu) on the lines after it.
_HEADER_DATE = regex.compile(rf"\p{{L}}[^\n,]{{0,40}},\s(?i:ngày)\s(?:{_DATE})")
_HEADER_WINDOW = 300


def _is_header(text: str, so_start: int) -> bool:
    line_start = text.rfind("\n", 0, so_start) + 1
    return text[so_start:so_start + 2] == "Số" and not text[line_start:so_start].strip()


def _header_date(text: str, start: int, end: int) -> str | None:
    lo, hi = max(0, start - _HEADER_WINDOW), min(len(text), end + _HEADER_WINDOW)
    best: tuple[int, str] | None = None
    for m in _HEADER_DATE.finditer(text, lo, hi):
        iso = _iso(m)
        dist = min(abs(m.start() - start), abs(m.start() - end))
        if iso and (best is None or dist < best[0]):
            best = (dist, iso)
    return best[1] if best else None


def _header_title(text: str, end: int, lex: _Lex) -> str | None:
    lines = text[end:end + 600].split("\n")
    if len(lines) < 3 or lines[0].strip():
        return None
    heading = lines[1].strip()
    if not heading or heading != heading.upper() or not lex.type_re.fullmatch(heading):
        return None
    title = [lines[2].strip()]
    for line in lines[3:6]:
        line = line.strip()
        if not line or not line[0].islower():
            break
        title.append(line)
    out = " ".join(t for t in title if t)
    return out or None


def _from_code(text: str, m: regex.Match, lex: _Lex) -> Decision | None:
    code = regex.sub(r"\s+", "", m.group())
    party = m.group("pnum") is not None
    year = m.group("year")
    abbr_type = None
    if party:
        number = m.group("pnum")
        abbr = m.group("pabbr")
        abbr_type = lex.party_abbr.get(abbr.translate(_ETH))
        if abbr_type is None:
            return None
        issuer_code = regex.sub(r"\s+", "", m.group("piss"))
    else:
        number = m.group("snum")
        segs = [s for s in regex.split(r"\s?[-–]\s?", m.group("srest")) if s]
        abbr_type = lex.state_abbr.get(segs[0].translate(_ETH))
        if abbr_type is not None and len(segs) == 1 and not year:
            abbr_type = None  # "12/CP": an issuer alone, not a type
        rest = segs[1:] if abbr_type else segs
        if abbr_type:
            body = regex.sub(r"\s+", "", m.group("srest"))
            issuer_code = body[len(segs[0]) + 1:] or None
        else:
            issuer_code = regex.sub(r"\s+", "", m.group("srest")) if rest else None
    has_so, so_start = _preceded_by_so(text, m.start())
    if party and m.group("psep") == " " and not has_so:
        return None
    candidates = _type_words_before(text, m.start(), lex)
    chosen: _TypeWord | None = None
    if abbr_type:
        for c in candidates:
            if c.generic or _compatible(c.type, abbr_type):
                chosen = c
                break
        if chosen is None and candidates and candidates[0].adjacent:
            chosen = candidates[0]
        if chosen is None:
            doc_type = abbr_type
        elif chosen.generic or _compatible(chosen.type, abbr_type):
            doc_type = abbr_type
        else:
            doc_type = chosen.type
    elif candidates:
        chosen = candidates[0]
        doc_type = "Công văn" if chosen.generic else chosen.type
    elif has_so and issuer_code and (
        lex.issuers.get(issuer_code.translate(_ETH).split("-")[0]) is not None
    ):
        doc_type = "Công văn"
    else:
        return None
    start = chosen.start if chosen else (so_start if has_so else m.start())
    if chosen is not None and _CODE_START.search(text, chosen.start, so_start):
        # "Quyết định số 1001/QĐ-BLĐTBXH và số 1002/QĐ-BLĐTBXH": the type word is shared
        # with an earlier code; this reference starts at its own "số".
        start = so_start if has_so else m.start()
    date = None
    span_end, date, issuer, summary = _tail(text, m.end(), date, lex)
    if issuer is None and chosen is not None and chosen.issuer:
        issuer = _one_line(chosen.issuer)
    if issuer is None and chosen is not None:
        issuer = _issuer_before(text, chosen.start, lex)
    if date is None and chosen is None and has_so and _is_header(text, so_start):
        date = _header_date(text, so_start, span_end)
        if summary is None:
            summary = _header_title(text, span_end, lex)
    resolved = _resolve(issuer_code, doc_type, issuer, party, bool(year), lex)
    return Decision(
        text=text[start:span_end], start=start, end=span_end, code=code, doc_type=doc_type,
        number=number, issuer_code=issuer_code, date=date, issuer=issuer,
        issuer_resolved=resolved, summary=summary,
    )


def find(text: str) -> list[Decision]:
    """Every numbered document reference in normalised `text`, in order of appearance."""
    lex = _lex()
    found: list[Decision] = []
    code_starts: list[int] = []  # code spans, disjoint and in order (for bisect)
    code_ends: list[int] = []
    for m in _CODE.finditer(text):
        d = _from_code(text, m, lex)
        if d is not None:
            found.append(d)
            code_starts.append(m.start())
            code_ends.append(m.end())
    cited = {(d.number, d.doc_type) for d in found if d.issuer_code}
    seen_numbers: set[int] = set()
    plain = [(m, False) for m in lex.plain_re.finditer(text)]
    plain += [(m, True) for m in lex.bare_re.finditer(text)]
    for m, bare in plain:
        at = m.start("num")
        i = bisect.bisect_right(code_starts, at) - 1
        if (i >= 0 and at < code_ends[i]) or at in seen_numbers:
            continue
        if bare and len(m.group("num")) == 4 and m.group("num")[:2] in ("19", "20"):
            continue  # a year: "Luật Phòng, chống ma túy 2021"
        seen_numbers.add(at)
        t = _type_of(m.group("type"), lex)
        if (m.group("num"), t) in cited:
            continue  # a short mention ("Nghị định 116") of a document already cited in full
        doc_type = "Công văn" if m.group("type").lower() in lex.generic_words else t
        span_end, date, issuer, summary = _tail(text, m.end(), None, lex)
        found.append(Decision(
            text=text[m.start():span_end], start=m.start(), end=span_end, code=m.group("num"),
            doc_type=doc_type, number=m.group("num"), issuer_code=None, date=date,
            issuer=issuer, issuer_resolved=None, summary=summary,
        ))
    found.sort(key=lambda d: (d.start, d.end))
    # A reference inside another's span (never expected, but keep spans disjoint).
    out: list[Decision] = []
    for d in found:
        if out and d.start < out[-1].end and d.code == out[-1].code:
            continue
        out.append(d)
    return out


def parse(text: str) -> Decision | None:
    """The first reference in `text` (normalised first), or None."""
    found = find(normalize(text))
    return found[0] if found else None
