"""Headings and numbered sections: where in the document's outline an offset stands.

Recognised heading lines (short, no sentence-final punctuation):
  level 1  "Phần I", "Chương 2", "I.", "II)", an unnumbered ALL-CAPS line
  level 2  "1.", "2)", "Mục 1"
  level 3  "2.1.", "a)", "b." (a letter item is one level below the numbered heading above it)
  level 4  "2.1.1."
and a short unnumbered line opening with a plan cue ("Kế hoạch 6 tháng cuối năm") at level 2.
Cue words are in gazetteers/sections.json.
"""

from __future__ import annotations

from functools import cache

import regex

from ..lexicon import load_json
from .base import Section, Text

_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_PATTERNS: list[tuple[int, regex.Pattern[str]]] = [
    (1, regex.compile(r"^(?:Phần|PHẦN|Chương|CHƯƠNG)\s+(?:" + _ROMAN + r"|\d+)\b")),
    (2, regex.compile(r"^(?:Mục|MỤC)\s+(?:" + _ROMAN + r"|\d+)\b")),
    (1, regex.compile(r"^(?=[IVX])" + _ROMAN + r"\s*[.)/-]\s+\S")),
    (4, regex.compile(r"^\d{1,2}\.\d{1,2}\.\d{1,2}\.?\s+\S")),
    (3, regex.compile(r"^\d{1,2}\.\d{1,2}\.?\s+\S")),
    (2, regex.compile(r"^\d{1,2}\s*[.)]\s+\S")),
    (3, regex.compile(r"^[a-zđ]\s*[).]\s+\S")),
]
_MAX_WORDS = 25
_LETTER_ITEM = regex.compile(r"^[a-zđ]\s*[).]\s+\S")
_NUMBERING = regex.compile(
    r"^\s*(?:(?:Phần|PHẦN|Chương|CHƯƠNG|Mục|MỤC)\s+\S+?[.:]?\s+|[IVXLC]+\s*[.)/-]\s*|\d+(?:\.\d+)*\s*[.)]?\s+|[a-zđ]\s*[).]\s+)"
)


@cache
def _cues() -> dict[str, list[str]]:
    data = load_json("sections.json")
    return {k: [c.lower() for c in v] for k, v in data.items() if isinstance(v, list)}


def _mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) >= 0.85


def heading_level(line: str, *, allow_caps: bool = True) -> int | None:
    """The heading level of a line, or None when the line is not a heading."""
    s = line.strip()
    if not s or "|" in s:
        return None
    words = s.split()
    if len(words) > _MAX_WORDS or s[-1] in ".;,":
        # "1. Phấn đấu ... trên 40%." is a list item, not a heading; allow a final "." only
        # right after the number ("I." alone is rare) or on an all-caps line
        if not (len(words) <= _MAX_WORDS and s.endswith(".") and _mostly_upper(s)):
            return None
    low = s.lower()
    cues = _cues()
    if any(low.startswith(c + " ") for c in cues["caption_words"]):
        return None  # "Biểu số 01. KẾT QUẢ ...": a table caption
    if len(words) <= 6 and any(low.startswith(c) or low.endswith(c) for c in cues["signature_cues"]):
        return None  # the signature block: "KT. GIÁM ĐỐC", "TRƯỞNG PHÒNG"
    for level, pat in _PATTERNS:
        if pat.match(s):
            return level
    if allow_caps and _mostly_upper(s) and len(words) >= 2:
        return 1
    if len(words) <= 12 and s[-1] not in ".;:,":
        if any(low.startswith(c) for c in _cues()["plan_heads"]):
            return 2
    return None


def find_sections(text: str, *, skip: list[tuple[int, int]] | None = None) -> list[Section]:
    """Sections of `text`: each heading governs up to the next heading of its level or above.

    `skip` are [start, end) ranges (tables) whose lines are never headings. ALL-CAPS lines
    before the first running paragraph (a letterhead, a masthead) are not headings.
    """
    skip = skip or []
    heads: list[tuple[int, int, int, str]] = []  # (start, heading_end, level, heading)
    pos = 0
    seen_paragraph = False
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if any(a <= start < b for a, b in skip):
            continue
        stripped = line.strip()
        if not stripped:
            continue
        lvl = heading_level(stripped, allow_caps=seen_paragraph)
        if lvl is not None and _LETTER_ITEM.match(stripped):
            # "a)" sits one level below the numbered heading it follows ("1." -> 3, "1.1." -> 4)
            numbered = [h for h in heads if not _LETTER_ITEM.match(h[3])]
            lvl = numbered[-1][2] + 1 if numbered else 3
        if lvl is not None:
            lead = len(line) - len(line.lstrip())
            heads.append((start + lead, start + lead + len(stripped), lvl, stripped))
        elif len(stripped) >= 60:
            seen_paragraph = True
    out: list[Section] = []
    for i, (start, hend, lvl, heading) in enumerate(heads):
        end = len(text)
        for start2, _, lvl2, _ in heads[i + 1 :]:
            if lvl2 <= lvl:
                end = start2
                break
        # trim the newline before the next heading
        while end > hend and text[end - 1] == "\n":
            end -= 1
        out.append(Section(heading=heading, level=lvl, start=start, end=end, heading_end=hend))
    return out


def section_path(text: Text, offset: int) -> list[str]:
    """Headings of the sections containing `offset`, outermost first."""
    inside = [s for s in text.sections if s.start <= offset < max(s.end, s.heading_end)]
    inside.sort(key=lambda s: (s.start, s.level))
    return [s.heading for s in inside]


def _bare(heading: str) -> str:
    return _NUMBERING.sub("", heading, count=1).strip().lower()


def heading_is_plan(heading: str) -> bool | None:
    """True for a plan heading, False for a results heading, None when it says neither."""
    h = _bare(heading)
    cues = _cues()
    if any(h.startswith(c) for c in cues["not_plan_heads"]):
        return False
    if any(h.startswith(c) for c in cues["plan_heads"]):
        return True
    if len(h.split()) <= 14 and any(c in h for c in cues["plan_anywhere"]):
        return True
    return None


def is_plan_section(path: list[str]) -> bool:
    """Whether a section path is under a plan heading ("Phương hướng, nhiệm vụ năm 2023",
    "Kế hoạch …", "Mục tiêu …", "Nhiệm vụ trọng tâm …"); the innermost heading that says
    either way decides."""
    for heading in reversed(path):
        verdict = heading_is_plan(heading)
        if verdict is not None:
            return verdict
    return False


__all__ = ["find_sections", "heading_is_plan", "heading_level", "is_plan_section", "section_path"]
