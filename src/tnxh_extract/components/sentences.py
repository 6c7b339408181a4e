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
        starts = [s for s in starts if s < len(text)]
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
