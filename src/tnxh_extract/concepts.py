"""Indicator concepts: a controlled vocabulary of what the figures of this field count.

`match(subject, unit, sentence)` maps a figure's subject phrase (and, failing that, its
sentence) to the id of the best concept in gazetteers/indicator_concepts.json:

- the longest synonym found in the subject wins; only when the subject holds none is the
  sentence searched, nearest to the figure (`position`, or where the subject stands in the
  sentence) first, and there only synonyms specific enough to stand on their own;
- an occurrence right after a negator ("không có nơi cư trú ổn định" for the synonym "có
  nơi cư trú ổn định") does not count for that synonym;
- a concept whose unit classes exclude the figure's unit is never chosen ("kinh phí"
  counts money, not people; "methadone" with "cơ sở" is a facility, with "người" patients);
  a unit that no class knows, and "%", exclude nothing;
- in a sentence, a synonym within _NEAR characters of the figure beats a longer one
  farther away;
- a subject written as a header path ("Cai nghiện ma túy: Tự nguyện") is read from its
  last part first;
- when no words fit, a unit class alone may imply a concept (money: budget);
- ties between equally long synonyms go to the concept whose category the unit or the
  surrounding words point to ("học nghề" of "nạn nhân" is trafficking), then to the nearer
  occurrence, then to the order of the data file.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import regex

from .lexicon import load_json
from .normalize import fix_tone_placement

__all__ = ["Concept", "concepts", "get", "match", "unit_classes"]

_WINDOW_BEFORE = 120  # characters of the sentence before the figure searched for a synonym
_WINDOW_AFTER = 80
_NEAR = 30


@dataclass(frozen=True)
class Concept:
    id: str
    label: str
    category: str
    unit: str
    unit_classes: tuple[str, ...]
    synonyms: tuple[str, ...]
    subject_only: frozenset[str]


@dataclass(frozen=True)
class _Data:
    concepts: tuple[Concept, ...]
    by_id: dict[str, Concept]
    unit_class: dict[str, frozenset[str]]
    negator_re: regex.Pattern
    synonym_re: regex.Pattern
    first_words: dict[str, tuple[int, ...]]  # a synonym's first word -> its lengths in words, longest first
    owners: dict[str, tuple[int, ...]]  # synonym -> indexes of concepts
    category_cues: dict[str, tuple[str, ...]]
    unit_cues: dict[str, str]
    fallback: dict[str, str]


@lru_cache(maxsize=8192)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFC", text).lower()
    text = fix_tone_placement(text)
    return regex.sub(r"\s+", " ", text).strip()


@cache
def _data() -> _Data:
    raw = load_json("indicator_concepts.json")
    concepts = tuple(
        Concept(
            id=c["id"], label=c["label"], category=c["category"], unit=c["unit"],
            unit_classes=tuple(c["unit_classes"]),
            synonyms=tuple(_fold(s) for s in c["synonyms"]),
            subject_only=frozenset(_fold(s) for s in c.get("subject_only", [])),
        )
        for c in raw["concepts"]
    )
    unit_class: dict[str, set[str]] = {}
    for cls, units in raw["unit_classes"].items():
        for u in units:
            unit_class.setdefault(_fold(u), set()).add(cls)
    owners: dict[str, list[int]] = {}
    for i, c in enumerate(concepts):
        for s in c.synonyms:
            owners.setdefault(s, []).append(i)
    alt = "|".join(
        regex.escape(s).replace(r"\ ", " ") for s in sorted(owners, key=len, reverse=True)
    )
    synonym_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d])(?:{alt})(?![\p{{L}}\p{{M}}\d])")
    negs = "|".join(
        regex.escape(_fold(n)).replace(r"\ ", " ")
        for n in sorted(raw["negators"], key=len, reverse=True)
    )
    negator_re = regex.compile(rf"(?<![\p{{L}}\p{{M}}])(?:{negs})\s$")
    return _Data(
        concepts=concepts,
        by_id={c.id: c for c in concepts},
        unit_class={u: frozenset(v) for u, v in unit_class.items()},
        negator_re=negator_re,
        synonym_re=synonym_re,
        first_words=_first_words(owners),
        owners={s: tuple(v) for s, v in owners.items()},
        category_cues={k: tuple(_fold(x) for x in v) for k, v in raw["category_cues"].items()},
        unit_cues={_fold(k): v for k, v in raw["unit_cues"].items()},
        fallback=dict(raw.get("fallback_by_unit_class", {})),
    )


@cache
def _longest_synonym() -> int:
    return max((len(s) for s in _data().owners), default=0)


def _first_words(synonyms: dict[str, object]) -> dict[str, tuple[int, ...]]:
    table: dict[str, set[int]] = {}
    for syn in synonyms:
        words = _WORD_RUN.findall(syn)
        table.setdefault(words[0], set()).add(len(words))
    return {w: tuple(sorted(n, reverse=True)) for w, n in table.items()}


def concepts() -> tuple[Concept, ...]:
    """Every concept of the vocabulary, in the order of the data file."""
    return _data().concepts


def get(concept_id: str) -> Concept | None:
    return _data().by_id.get(concept_id)


def unit_classes(unit: str | None) -> frozenset[str] | None:
    """The classes of a unit ("lượt người" -> {"person"}); None when the unit is unknown."""
    if not unit:
        return None
    data = _data()
    u = _fold(unit)
    if u in data.unit_class:
        return data.unit_class[u]
    words = u.split()
    for key in (words[0], words[-1]) if words else ():
        if key in data.unit_class:
            return data.unit_class[key]
    return None


def _compatible(concept: Concept, classes: frozenset[str] | None) -> bool:
    if classes is None or "percent" in classes:
        return True
    return bool(classes & set(concept.unit_classes))


def _occurrences(text: str, data: _Data, pos: int = 0, endpos: int | None = None) -> list[tuple[str, int, bool]]:
    """(synonym, start, negated) of the longest synonym starting at each word of
    text[pos:endpos] (so overlapping ones are included).

    Words are looked up in a table of synonyms by their first word (a few dictionary
    look-ups per word) rather than by running the alternation of every synonym at every
    position of the text.
    """
    out = []
    endpos = len(text) if endpos is None else endpos
    words = [(m.start(), m.end()) for m in _WORD_RUN.finditer(text, pos, endpos)]
    for i, (start, end) in enumerate(words):
        if start > 0 and _is_word_char(text[start - 1]):
            continue  # pos fell inside a word
        lengths = data.first_words.get(text[start:end])
        if not lengths:
            continue
        for n in lengths:  # longest first
            if i + n > len(words):
                continue
            candidate = text[start : words[i + n - 1][1]]
            if candidate in data.owners:
                before = text[max(0, start - 14) : start]
                out.append((candidate, start, bool(data.negator_re.search(before))))
                break
    return out


_WORD_RUN = regex.compile(r"[\p{L}\p{M}\d]+")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _cue_category(text: str, unit: str | None, data: _Data) -> set[str]:
    cats: set[str] = set()
    if unit:
        u = _fold(unit)
        if u in data.unit_cues:
            cats.add(data.unit_cues[u])
    for cat, cues in data.category_cues.items():
        if any(cue in text for cue in cues):
            cats.add(cat)
    return cats


def _best(text: str, data: _Data, classes, in_subject: bool, centre: int | None,
          cues: set[str]) -> str | None:
    best_key = None
    best_id = None
    if centre is not None and not in_subject:
        # only synonyms near the figure count: scan that window, not the whole sentence
        longest = _longest_synonym()
        occurrences = _occurrences(text, data, max(0, centre - _WINDOW_BEFORE - longest),
                                   min(len(text), centre + _WINDOW_AFTER + longest + 1))
    else:
        occurrences = _occurrences(text, data)
    # A concept named only in negated form in the subject ("người nghiện không có hồ sơ
    # quản lý") is ruled out there, also through its shorter synonyms ("người nghiện").
    negated = {
        idx
        for syn, _, neg in occurrences if neg and in_subject
        for idx in data.owners[syn]
    }
    for syn, start, neg in occurrences:
        if neg:
            continue
        if centre is not None and not in_subject:
            if start + len(syn) < centre - _WINDOW_BEFORE or start > centre + _WINDOW_AFTER:
                continue
        distance = 0 if centre is None else min(abs(start - centre), abs(start + len(syn) - centre))
        for idx in data.owners[syn]:
            c = data.concepts[idx]
            if idx in negated:
                continue
            if not in_subject and syn in c.subject_only:
                continue
            if not _compatible(c, classes):
                continue
            # in a sentence, nearness comes first (in steps of _NEAR characters)
            near = 0 if in_subject else -(distance // _NEAR)
            key = (near, len(syn), c.category in cues, -distance, -idx)
            if best_key is None or key > best_key:
                best_key, best_id = key, c.id
    return best_id


def match(subject: str | None, unit: str | None, sentence: str | None = None,
          position: int | None = None) -> str | None:
    """The id of the concept that best fits a figure, or None.

    `subject` is what the figure counts, `unit` its unit, `sentence` the sentence it
    stands in and `position` (optional) the figure's offset in that sentence.
    """
    data = _data()
    classes = unit_classes(unit)
    subj = _fold(subject) if subject else ""
    sent = _fold(sentence) if sentence else ""
    cues = _cue_category(subj + " | " + sent, unit, data)
    if subj:
        # A table header path ("Cai nghiện ma túy: Tự nguyện"): its last part is the most
        # specific, so it is read first.
        parts = [p.strip() for p in subj.split(":") if p.strip()]
        for part in ([parts[-1]] if len(parts) > 1 else []) + [subj]:
            found = _best(part, data, classes, True, None, cues)
            if found:
                return found
    if sent:
        centre = position
        if centre is not None and sentence is not None:
            # positions index the caller's sentence; folding keeps lengths for NFC text
            centre = min(max(0, centre), len(sent))
        elif subj and subj in sent:
            centre = sent.index(subj) + len(subj) // 2
        found = _best(sent, data, classes, False, centre, cues)
        if found:
            return found
    return _fallback(classes, data)


def _fallback(classes: frozenset[str] | None, data: _Data) -> str | None:
    """The concept a unit alone implies (money: budget), when the words gave none."""
    if not classes or "percent" in classes:
        return None
    hits = {data.fallback[c] for c in classes if c in data.fallback}
    return hits.pop() if len(hits) == 1 else None
