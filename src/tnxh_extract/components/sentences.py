"""Sentence boundaries: line breaks, and . ! ? before a capital, except after abbreviations."""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

# Tokens after which a full stop does not end a sentence (TP. Hà Nội, ThS. Nguyễn ...).
_ABBREVIATIONS = {"tp", "q", "h", "tx", "p", "tt", "ths", "ts", "pgs", "gs", "bs", "ks", "đ/c", "st"}
_ENDERS = {".", "!", "?", "…"}


@Language.factory("tnxh_sentences")
def make_sentences(nlp: Language, name: str) -> "SentenceSplitter":
    return SentenceSplitter()


class SentenceSplitter:
    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        texts = [t.text for t in doc]
        spaced = [bool(t.whitespace_) for t in doc]
        starts = [False] * n
        starts[0] = True
        for i in range(n - 1):
            token = texts[i]
            if "\n" in token:
                starts[i + 1] = True
            elif token in _ENDERS and spaced[i]:
                prev = texts[i - 1].lower() if i else ""
                first = texts[i + 1][:1]
                if prev in _ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
                    continue
                if first.isupper() or first.isdigit() or first in "\"“'(-–":
                    starts[i + 1] = True
        # One array write: setting token.is_sent_start one token at a time makes spaCy
        # scan the whole Doc on every assignment (quadratic on long texts).
        values = numpy.array([1 if s else -1 for s in starts], dtype="int32").astype("uint64").reshape(-1, 1)
        doc.from_array([SENT_START], values)
        return doc
