"""Sentence boundaries: line breaks, and . ! ? before a capital, except after abbreviations.

Boundaries are found on the characters (one regex pass) and written to the tokens in one
array operation; the sentences' character spans are also kept for the components that
only need offsets (iterating `doc.sents` builds a Span per sentence each time).
"""

from __future__ import annotations

import numpy
import regex
from spacy.attrs import IDX, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from .base import text_of

# Words after which a full stop does not end a sentence (TP. Hà Nội, ThS. Nguyễn ...).
_ABBREVIATIONS = {"tp", "q", "h", "tx", "p", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "đ/c", "st"}
_BOUNDARY = regex.compile(r"\n+\s*|(?<=[.!?…])[ \t]+(?=[\p{Lu}\d\"“'(\-–])")
_LAST_WORD = regex.compile(r"([\p{L}/]+)[.!?…]$")
# A stretch with no sentence end (a PDF without punctuation, a run of figures) is cut
# after SOFT_CHARS at the next comma, semicolon or colon, and after HARD_CHARS at the
# next space (looked for in the following HARD_CHARS only, else cut right there): every
# per-sentence step downstream (subjects, concepts, the sentence copied into each record)
# then costs a bounded amount per figure, and the whole pipeline stays linear. The
# longest sentence of the fixtures has 1,812 characters.
SOFT_CHARS = 2000
HARD_CHARS = 4000
_SOFT_BREAK = regex.compile(r"[,;:]\s+")
_SPACE = regex.compile(r"\s+")


@Language.factory("tnxh_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


def sentence_spans(doc: Doc) -> list[tuple[int, int]]:
    """[start, end) character offsets of the Doc's sentences, as the splitter found them."""
    spans = doc.user_data.get("tnxh_sentences")
    if spans is None:
        spans = [(s.start_char, s.end_char) for s in doc.sents]
    return spans


class SentenceSplitter:
    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        text = text_of(doc)
        starts = [0] + [m.end() for m in _BOUNDARY.finditer(text) if self._ends_sentence(text, m)]
        starts = _cap_lengths(text, [s for s in starts if s < len(text)])
        idx = doc.to_array([IDX]).astype("int64").reshape(-1)
        tokens = numpy.unique(numpy.searchsorted(idx, numpy.array(starts, dtype="int64")))
        tokens = tokens[tokens < len(doc)]
        flags = numpy.full(len(doc), -1, dtype="int64")
        flags[tokens] = 1
        flags[0] = 1
        doc.from_array([SENT_START], flags.astype("uint64").reshape(-1, 1))
        bounds = [int(idx[t]) for t in tokens] + [len(text)]
        spans = []
        for start, nxt in zip(bounds, bounds[1:]):
            end = nxt
            while end > start and text[end - 1].isspace():
                end -= 1
            spans.append((start, end))
        doc.user_data["tnxh_sentences"] = spans
        return doc

    @staticmethod
    def _ends_sentence(text: str, match: regex.Match) -> bool:
        if match.group().startswith("\n"):
            return True
        word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start())
        if word is None:
            return True
        last = word.group(1).lower()
        return not (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()))


def _cap_lengths(text: str, starts: list[int]) -> list[int]:
    """`starts` with extra boundaries so that no sentence runs past HARD_CHARS."""
    out: list[int] = []
    for start, end in zip(starts, starts[1:] + [len(text)]):
        out.append(start)
        pos = start
        while end - pos > HARD_CHARS:
            cut = _SOFT_BREAK.search(text, pos + SOFT_CHARS, pos + HARD_CHARS)
            if cut is None:
                cut = _SPACE.search(text, pos + HARD_CHARS, min(end, pos + 2 * HARD_CHARS))
            pos = cut.end() if cut is not None and cut.end() < end else pos + HARD_CHARS
            out.append(pos)
    return out
