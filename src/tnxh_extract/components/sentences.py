"""Sentence boundaries: line breaks, and . ! ? before a capital, except after abbreviations."""

from __future__ import annotations

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
        for i, token in enumerate(doc):
            token.is_sent_start = i == 0
        for i in range(n - 1):
            token, nxt = doc[i], doc[i + 1]
            if "\n" in token.text:
                nxt.is_sent_start = True
            elif token.text in _ENDERS and token.whitespace_:
                prev = doc[i - 1].text.lower() if i else ""
                first = nxt.text[:1]
                if prev in _ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
                    continue
                if first.isupper() or first.isdigit() or first in "\"“'(-–":
                    nxt.is_sent_start = True
        return doc
