"""Plain text scraped from a web page: keep the article, drop the page chrome.

A scraped page is a column of lines: menus and search boxes, a breadcrumb, the headline, a
date line, the body (with captions and a source/author line), then lists of other articles,
tags, view counters, pagination and sometimes injected spam. The article is the stretch from
the headline (or the date line, whichever comes first) to the body's last line; inside it,
lines that are chrome by their form or by a cue word (gazetteers/chrome.json) are dropped,
and a list header ("Tin khác", "Xem nhiều nhất", "TAG:") starts a run of dropped lines that
ends only at a real paragraph.
"""

from __future__ import annotations


from dataclasses import dataclass, field
from functools import cache, lru_cache

import regex

from ..lexicon import load_json
from ..normalize import normalize
from .base import Text

# ---------------------------------------------------------------------------------------------
# cue words


@dataclass(frozen=True)
class _Cues:
    list_headers: frozenset[str]
    tag_prefixes: tuple[str, ...]
    line_cues: frozenset[str]
    counter: regex.Pattern[str]
    date_cues: regex.Pattern[str]
    author_cues: regex.Pattern[str]
    breadcrumb: regex.Pattern[str]
    spam_words: frozenset[str]
    counter_words: tuple[str, ...]
    related_prefixes: tuple[str, ...]
    footer_prefixes: tuple[str, ...]


@cache
def _cues() -> _Cues:
    data = load_json("chrome.json")
    low = lambda xs: [normalize(x).lower() for x in xs]  # noqa: E731
    alt = lambda xs: "|".join(regex.escape(x) for x in sorted(low(xs), key=len, reverse=True))  # noqa: E731
    seps = "|".join(regex.escape(s) for s in data["breadcrumb_separators"])
    return _Cues(
        list_headers=frozenset(low(data["list_headers"])),
        tag_prefixes=tuple(low(data["tag_prefixes"])),
        line_cues=frozenset(low(data["line_cues"])),
        # "Lượt xem: 1575 lượt", "| 1.234 lượt xem", with the separator before it
        counter=regex.compile(
            rf"(?i)\s*[.|,;•·–-]?\s*(?:(?:{alt(data['counter_cues'])})\s*:?\s*[\d.,]+(?:\s*lượt)?"
            rf"|[\d.,]+\s*(?:{alt(data['counter_cues'])}))\s*\.?"
        ),
        date_cues=regex.compile(rf"(?i)(?:{alt(data['date_cues'])})\s*:?"),
        author_cues=regex.compile(rf"(?i)^\s*(?:{alt(data['author_cues'])})\s*:\s*"),
        breadcrumb=regex.compile(rf"\s+(?:{seps})\s+"),
        spam_words=frozenset(low(data["spam_words"])),
        counter_words=tuple(low(data["counter_cues"])),
        related_prefixes=tuple(low(data.get("inline_related_prefixes", []))),
        footer_prefixes=tuple(low(data.get("footer_prefixes", []))),
    )


# ---------------------------------------------------------------------------------------------
# line forms

_STRIP = " \t•·*-–—|:;,.[](){}<>«»›‹\"'“”‘’…#=_~+"
_WORD = regex.compile(r"[\p{L}\p{N}]+(?:[./-][\p{L}\p{N}]+)*")
_LETTER_WORD = regex.compile(r"\p{L}+")
_VI_MARKED = regex.compile(r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]", regex.I)
# An unmarked Vietnamese syllable: onset, vowel nucleus, coda.
_VI_PLAIN = regex.compile(
    r"(?i)^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:[aeiouy]{1,3})(?:ng|nh|ch|[cmnpt])?$"
)
_PUNCT_ONLY = regex.compile(r"^[\p{P}\p{S}\s]*$")
_PAGINATION = regex.compile(
    r"(?i)^(?:\d{1,3}|[«»‹›<>]+|\.{3}|…|trang|sau|trước|tiếp|next|prev)"
    r"(?:\s+(?:\d{1,3}|[«»‹›<>]+|\.{3}|…|sau|trước|tiếp|next|prev))+$"
)
_DATE = regex.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\s*[/.-]\s*(?P<m>[01]?\d)\s*[/.-]\s*(?P<y>(?:19|20)\d\d)(?!\d)"
    r"|(?i:ngày)\s+(?P<d2>[0-3]?\d)\s+(?i:tháng)\s+(?P<m2>[01]?\d)\s+(?i:năm)\s+(?P<y2>(?:19|20)\d\d)"
    r"|(?<!\d)(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)(?!\d)"
)
_TIME = regex.compile(r"(?i)(?<!\d)[0-2]?\d\s*[:h]\s*[0-5]\d(?::[0-5]\d)?(?:\s*(?:AM|PM|SA|CH))?(?!\d)|\bGMT\s*[+-]\s*\d+")
_WEEKDAY = regex.compile(r"(?i)\b(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật|CN|T[2-7])\b")
_NAME_WORD = regex.compile(r"^(?:\p{Lu}[\p{Ll}\p{M}]*\.?|\p{Lu}{2,6})$")
_SOURCE_TAG = regex.compile(r"^\s*[\[(]\s*\p{Lu}{2,8}\s*[\])]")  # "(LĐXH)", "[LĐXH]"

LONG_PARAGRAPH = 40  # words: a run of dropped list lines ends at a paragraph this long


def _key(line: str) -> str:
    return " ".join(line.strip(_STRIP).lower().split())


_DIGIT = regex.compile(r"\d")
_SENTENCE_BREAK_MARK = regex.compile(r"[.;?!]\s")
_MENU_SEPARATORS = regex.compile(r"[\s|/•·,]+")
_PAGE_NUMBER = regex.compile(r"[(\[]?\d+[)\]]?")


@lru_cache(maxsize=8192)
def _words(line: str) -> tuple[str, ...]:
    """The words of a line (cached: the chrome tests ask about the same line many times)."""
    return tuple(_WORD.findall(line))


def parse_date(s: str) -> str | None:
    """The first date in `s` as YYYY-MM-DD ("27/07/2023", "ngày 5 tháng 6 năm 2017")."""
    for m in _DATE.finditer(s):
        d, mo, y = (
            (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"]) if m["d2"] else (m["d3"], m["m3"], m["y3"])
        )
        d_i, m_i = int(d), int(mo)
        if 1 <= d_i <= 31 and 1 <= m_i <= 12:
            return f"{int(y):04d}-{m_i:02d}-{d_i:02d}"
    return None


@lru_cache(maxsize=16384)
def is_date_line(line: str) -> bool:
    """A line that is a date stamp: a date, maybe a clock time, weekday, cue word; little else."""
    if not _DATE.search(line) or len(line) > 80:
        return False
    if "|" in line:  # "17/11/2025 10:20 | Pháp luật – Đời sống": a stamp beside a section label
        return any(is_date_line(part) for part in line.split("|") if part.strip())
    rest = _DATE.sub(" ", strip_counters(line))
    rest = _TIME.sub(" ", rest)
    rest = _WEEKDAY.sub(" ", rest)
    rest = _cues().date_cues.sub(" ", rest)
    return len(_LETTER_WORD.findall(rest)) <= 2


def is_vietnamese_prose(line: str) -> bool:
    """Whether the letters of `line` read as Vietnamese (marked letters, or plain syllables)."""
    words = _LETTER_WORD.findall(line)
    if not words:
        return False
    if _VI_MARKED.search(line):
        return True
    plain = sum(1 for w in words if _VI_PLAIN.match(w))
    return plain / len(words) >= 0.5


@lru_cache(maxsize=16384)
def is_spam(line: str) -> bool:
    """Injected text in another language: not Vietnamese prose, or spam words in a short line."""
    words = [w.lower() for w in _LETTER_WORD.findall(line)]
    if not words:
        return False
    cues = _cues()
    if not is_vietnamese_prose(line):
        if any(w in cues.spam_words or any(w.startswith(s) and len(s) >= 5 for s in cues.spam_words) for w in words):
            return True
        # a lowercase run of foreign words (no capitals that would mark a name or acronym)
        return len(words) >= 2 and line == line.lower()
    return False


def is_breadcrumb(line: str) -> bool:
    parts = [p for p in _cues().breadcrumb.split(line.strip()) if p.strip()]
    if len(parts) < 2 or len(_words(line)) > 20:
        return False
    return all(len(_words(p)) <= 6 and not _DIGIT.search(p) and not p.rstrip().endswith(".") for p in parts)


def is_menu(line: str) -> bool:
    """A navigation bar: starts with a home cue and has no sentence punctuation."""
    k = _key(line)
    return k.startswith(("trang chủ", "home")) and len(_words(line)) <= 25 and not _SENTENCE_BREAK_MARK.search(line)


@lru_cache(maxsize=16384)
def is_list_header(line: str) -> bool:
    """A line that opens a run of chrome: "Tin khác", "TAG: …", a site footer ("© 2023 …")."""
    k = _key(line)
    return bool(k) and (k in _cues().list_headers or is_tag_line(line) or is_footer_line(line))


def is_footer_line(line: str) -> bool:
    s = line.strip().lower()
    return len(_words(s)) <= 40 and s.startswith(_cues().footer_prefixes)


def is_inline_related(line: str) -> bool:
    """"Xem thêm: <headline>", ">> <headline>": a link to another article inside the body."""
    s = line.strip().lower()
    for p in _cues().related_prefixes:
        if s.startswith(p):
            rest = s[len(p) :].lstrip(" :>-–»")
            return len(_words(rest)) <= 40 and not _SENTENCE_BREAK.search(rest)
    return False


def is_tag_line(line: str) -> bool:
    k = _key(line)
    s = line.strip().lstrip(_STRIP).lower()
    return any(k == p or (s.startswith(p) and s[len(p) :].lstrip().startswith(":")) for p in _cues().tag_prefixes)


@lru_cache(maxsize=16384)
def is_cue_line(line: str) -> bool:
    """A line made only of cue words: "Tìm kiếm", "[Trở về]", "Chia sẻ Facebook Twitter In bài"."""
    k = _key(line)
    cues = _cues().line_cues
    if k in cues:
        return True
    words = [w for w in _MENU_SEPARATORS.split(k) if w.strip(_STRIP)]
    if not words or len(words) > 12:
        return False
    # counts beside cue words: "Bình luận (0)", "Thích 37", "Chia sẻ 12"
    bare = [w for w in words if not _PAGE_NUMBER.fullmatch(w)]
    if bare and len(bare) < len(words):
        return is_cue_line(" ".join(bare))
    # cover the words with cue phrases of up to three words
    ok = [True] + [False] * len(words)
    for i in range(len(words)):
        if ok[i]:
            for n in (1, 2, 3):
                if i + n <= len(words) and " ".join(w.strip(_STRIP) for w in words[i : i + n]) in cues:
                    ok[i + n] = True
    return ok[-1]


def _may_count(line: str) -> bool:
    low = line.lower()
    return any(c in low for c in _cues().counter_words)


def is_counter_line(line: str) -> bool:
    if not _may_count(line):
        return False
    rest = _cues().counter.sub(" ", line)
    return rest != line and not _LETTER_WORD.search(rest) and not _DATE.search(rest)


def strip_counters(line: str) -> str:
    """Remove view counters from a line ("... .Lượt xem: 1575 lượt.")."""
    return _cues().counter.sub("", line).rstrip() if _may_count(line) else line


def is_pagination(line: str) -> bool:
    return bool(_PAGINATION.match(line.strip()))


@lru_cache(maxsize=16384)
def is_chrome_line(line: str) -> bool:
    """A line that is chrome wherever it stands."""
    s = line.strip()
    if not s:
        return False
    return (
        bool(_PUNCT_ONLY.match(s))
        or is_cue_line(s)
        or is_breadcrumb(s)
        or is_menu(s)
        or is_pagination(s)
        or is_counter_line(s)
        or is_inline_related(s)
        or is_spam(s)
    )


_SENTENCE_BREAK = regex.compile(r"[.;!?…]\s+\S")


@lru_cache(maxsize=16384)
def is_paragraph(line: str) -> bool:
    """Running prose: long, with more than one sentence (headlines in lists have one)."""
    return (
        len(_words(line)) >= LONG_PARAGRAPH
        and len(_SENTENCE_BREAK.findall(line)) >= 1
        and not is_chrome_line(line)
    )


@lru_cache(maxsize=16384)
def looks_like_headline(line: str) -> bool:
    s = line.strip()
    n = len(_words(s))
    if not (4 <= n <= 80) or len(s) > 500:
        return False
    if s.endswith(":") or s[0] in "-•*+–" or is_date_line(s) or is_chrome_line(s) or is_list_header(s):
        return False
    if _cues().author_cues.match(s):
        return False
    return True


def looks_like_name(line: str) -> bool:
    """An author signature: a few capitalised words ("Mỹ Hạnh", "PV", "Hồng Phượng")."""
    words = line.strip().rstrip(".").split()
    return 1 <= len(words) <= 5 and len(line) <= 50 and all(_NAME_WORD.match(w) for w in words)


# ---------------------------------------------------------------------------------------------
# the article


@dataclass
class Article:
    lines: list[str]
    title: str | None = None
    published: str | None = None
    author: str | None = None
    dropped: int = 0
    warnings: list[str] = field(default_factory=list)


def _next_nonblank(lines: list[str], i: int, n: int) -> list[int]:
    out = []
    for j in range(i + 1, len(lines)):
        if lines[j].strip() and not is_counter_line(lines[j]):
            out.append(j)
            if len(out) == n:
                break
    return out


def _find_head(lines: list[str], title_hint: str | None = None, window: int = 150) -> tuple[int | None, int | None]:
    """(title line, date line). The title is the headline-like line that scores best: followed
    by a date line, repeated further down, followed by running prose; a short all-caps masthead
    scores low. The date line is the one right after the title, else one just before it."""
    hint = normalize(title_hint).lower() if title_hint else None
    best: tuple[float, int] | None = None
    keys = [_key(ln) for ln in lines]
    for i, line in enumerate(lines[:window]):
        if hint is not None:
            k, h = keys[i], _key(hint)
            if k and (k == h or (len(k) >= 20 and (h.startswith(k) or k.startswith(h)))):
                best = (99, i)
                break
            continue
        if not looks_like_headline(line):
            continue
        score = 0.0
        nxt = _next_nonblank(lines, i, 3)
        if not nxt:
            continue  # a headline heads something: a lone line (a sentence passed in) is not one
        if nxt and is_date_line(lines[nxt[0]]):
            score += 3
        if keys[i] and keys.count(keys[i]) >= 2:
            score += 2
        if any(is_paragraph(lines[j]) or len(_words(lines[j])) >= 25 for j in nxt):
            score += 1
        w = _words(line)
        if line.isupper() and len(w) <= 6:
            score -= 2
        if len(w) < 6:
            score -= 0.5
        if best is None or score > best[0]:
            best = (score, i)
    if best is None and hint is not None:
        return _find_head(lines, None, window)  # the hinted title is not a line of the page
    title_i = best[1] if best else None
    date_i = None
    if title_i is not None:
        for j in _next_nonblank(lines, title_i, 3):
            if is_date_line(lines[j]):
                date_i = j
                break
        if date_i is None:
            for j in range(title_i - 1, max(-1, title_i - 4), -1):
                if lines[j].strip() and is_date_line(lines[j]):
                    date_i = j
                    break
    else:
        for j, line in enumerate(lines[:window]):
            if line.strip() and is_date_line(line):
                date_i = j
                break
    return title_i, date_i


def clean_lines(lines: list[str], *, find_head: bool = True, title_hint: str | None = None) -> Article:
    """Keep the article's lines (title, date line, body, captions, source/author line)."""
    lines = [ln.rstrip() for ln in lines]
    art = Article(lines=[])
    title_i, date_i = _find_head(lines, title_hint) if find_head else (None, None)
    starts = [i for i in (date_i, title_i) if i is not None]
    start = min(starts) if starts else 0
    # Lines above the headline are dropped only on a page that shows it was scraped from the
    # web (chrome somewhere, or a date stamp under the headline); plain text keeps them.
    scraped = (title_i is not None and date_i is not None and date_i > title_i) or any(
        s.strip() and (is_chrome_line(s) or is_list_header(s)) for s in lines
    )
    if not scraped:
        start = 0
    if title_i is not None:
        art.title = lines[title_i].strip()
    if date_i is not None:
        art.published = parse_date(lines[date_i])

    kept: list[str] = []
    body_lines = 0
    skipping = False
    for i, raw in enumerate(lines):
        s = raw.strip()
        if i < start:
            if s and len(_words(s)) >= LONG_PARAGRAPH and not is_chrome_line(s):
                kept.append(s)  # a paragraph above the headline: keep it, but say so
                art.warnings.append("text above the detected headline kept")
            elif s:
                art.dropped += 1
            continue
        if not s:
            if kept and kept[-1] != "":
                kept.append("")
            continue
        if i in (title_i, date_i):
            kept.append(strip_counters(s))
            continue
        if skipping:
            if is_paragraph(s):
                skipping = False
            else:
                art.dropped += 1
                continue
        if is_list_header(s):
            skipping = True
            art.dropped += 1
            continue
        if is_chrome_line(s):
            art.dropped += 1
            continue
        s2 = strip_counters(s)
        if not s2.strip(_STRIP):
            art.dropped += 1
            continue
        kept.append(s2)
        body_lines += 1

    while kept and kept[-1] == "":
        kept.pop()
    art.lines = kept

    # published from a cue ("Ngày đăng: 13/10/2017") when there is no date line
    if art.published is None:
        for s in kept:
            m = _cues().date_cues.search(s)
            if m and (d := parse_date(s[m.end() : m.end() + 40])):
                art.published = d
                break
    art.author = find_author(kept)
    return art


_AUTHOR_FIELD = regex.compile(r"(?i)(?:người đăng|người viết|tác giả|phóng viên)\s*:\s*([^.|;:\n]+?)\s*(?=[.|;]|ngày|$)")


def find_author(kept: list[str]) -> str | None:
    for s in reversed(kept[-8:]):
        m = _AUTHOR_FIELD.search(s)
        if m:
            return m.group(1).strip()
    for s in reversed(kept[-4:]):
        if not s or regex.match(r"(?i)(?:báo|theo|nguồn)\b", s):
            continue
        if looks_like_name(s):
            return s.strip().rstrip(".")
        # "Đặng Việt Hùng- PGĐ cơ sở ..." : a name before a dash and a job title
        m = regex.match(r"^((?:\p{Lu}[\p{Ll}\p{M}]*\s+){1,4}\p{Lu}[\p{Ll}\p{M}]*)\s*[-–]\s*\S", s)
        if m and len(s) < 120:
            return m.group(1)
        break
    return None


_DATE_PLACE = regex.compile(r"(?i)ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)")
_PLACE_DATE = regex.compile(r"(?i),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+((?:19|20)\d\d)")  # "Lai Châu, ngày …"
_MOTTO = regex.compile(r"(?i)cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+việt\s+nam|độc\s+lập\s*-\s*tự\s+do\s*-\s*hạnh\s+phúc")


def looks_like_report(text: str) -> bool:
    """An administrative document (report, plan, decision): the national motto or a document
    type heading ("BÁO CÁO") alone on a line near the top."""
    head = text[:3000]
    if _MOTTO.search(head):
        return True
    types = {t.lower() for t in load_json("sections.json")["document_types"]}
    return any(ln.strip().lower() in types and ln.strip().isupper() for ln in head.split("\n")[:30])


def report_title_and_date(text: str) -> tuple[str | None, str | None]:
    """Report title: the line after the document type heading ("BÁO CÁO"); date: "…, ngày D
    tháng M năm Y" near the top."""
    head = text[:3000]
    published = None
    m = _PLACE_DATE.search(head) or _DATE_PLACE.search(head)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if 1 <= d <= 31 and 1 <= mo <= 12:
            published = f"{y:04d}-{mo:02d}-{d:02d}"
    types = {t.lower() for t in load_json("sections.json")["document_types"]}
    lines = head.split("\n")
    for k, ln in enumerate(lines[:40]):
        if ln.strip().lower() in types and k + 1 < len(lines):
            nxt = lines[k + 1].strip()
            if nxt and not nxt.lower().startswith(("số:", "kính gửi")):
                return nxt, published
    for ln in lines[:40]:
        if looks_like_headline(ln) and not ln.isupper():
            return ln.strip(), published
    return None, published


def assemble(art: Article) -> str:
    return normalize("\n".join(art.lines))


def read_text_string(s: str, source: str = "<string>", *, fmt: str = "text") -> Text:
    """Read an already decoded string of scraped page text into a `Text`."""
    from . import _max_bytes
    from .base import ReadError
    from .encodings import fix_legacy

    # the byte limit of files applies to strings too (a character is at least a byte in
    # UTF-8): a 50 MB string was read in full (800 MB RSS) before api.MAX_CHARS refused it
    limit = _max_bytes(None)
    if len(s) > limit:
        raise ReadError(f"{source}: too large ({len(s):,} characters, limit {limit / (1024 * 1024):.1f} MB)")
    s = s.replace("\x00", "")
    s, legacy = fix_legacy(s)
    text_in = normalize(s)
    if not text_in:
        raise ReadError(f"{source}: no text (empty or whitespace only)")
    report = looks_like_report(text_in)
    # a report's letterhead (agency, number, place and date) is part of it: no headline search
    art = clean_lines(text_in.split("\n"), find_head=not report)
    text = assemble(art)
    if report:
        art.title, published = report_title_and_date(text)
        art.published = published or art.published
    if not text:
        raise ReadError(f"{source}: no article text left after removing page chrome")
    warnings = list(dict.fromkeys(art.warnings))
    if legacy:
        warnings.append(f"converted from legacy encoding {legacy}")
    title = normalize(art.title) if art.title else None
    if title and title not in text:
        title = None
    from .pipe_tables import find_pipe_tables
    from .sections import find_sections

    return Text(
        source=source,
        format=fmt,  # type: ignore[arg-type]
        text=text,
        sections=find_sections(text),
        tables=find_pipe_tables(text),
        title=title,
        published=art.published,
        author=art.author,
        warnings=warnings,
    )


def read_text_bytes(data: bytes, source: str) -> Text:
    from .encodings import decode_bytes

    s, _enc, warnings = decode_bytes(data, source=source)
    t = read_text_string(s, source)
    t.warnings = warnings + t.warnings
    return t


__all__ = [
    "Article",
    "assemble",
    "clean_lines",
    "is_chrome_line",
    "is_date_line",
    "is_list_header",
    "parse_date",
    "read_text_bytes",
    "read_text_string",
]


