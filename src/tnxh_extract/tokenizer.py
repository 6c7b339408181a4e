"""Syllable tokenizer with exact offsets, and word segmentation on demand.

Vietnamese writes one syllable per space-separated chunk; places, document codes and
numerals are matched on syllables and characters, so the pipeline tokenises into
syllables and punctuation (cheap, exact) and calls underthesea's word segmenter only on
the stretches of text a component asks about (`words_in`), because segmentation is the
slowest step of the whole pipeline.
"""

from __future__ import annotations

from functools import lru_cache

import regex
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# A numeral with its separators ("1.200", "67,4") stays one token; a code such as
# "469/QĐ-LĐTBXH" splits at "/" and "-" so components see its parts.
_TOKEN = regex.compile(
    r"\s+"
    r"|\p{N}+(?:[.,]\p{N}+)*"
    r"|[\p{L}\p{M}]+(?:\p{N}+[\p{L}\p{M}]*)*"
    r"|\S"
)


class SyllableTokenizer:
    """spaCy tokenizer: syllables, numerals and single punctuation marks; `doc.text == text`."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        for match in _TOKEN.finditer(text):
            piece = match.group()
            if piece.isspace():
                if piece == " " and words and not spaces[-1]:
                    spaces[-1] = True
                    continue
                if words and not spaces[-1] and piece.startswith(" "):
                    spaces[-1] = True
                    piece = piece[1:]
            words.append(piece)
            spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialisation hooks: the tokenizer has no state of its own.
    def to_bytes(self, **_: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_: object) -> SyllableTokenizer:
        return self

    def to_disk(self, _path: object, **_: object) -> None:
        return None

    def from_disk(self, _path: object, **_: object) -> SyllableTokenizer:
        return self


@lru_cache(maxsize=4096)
def _segment(text: str) -> tuple[str, ...]:
    from underthesea import word_tokenize  # imported late: it is slow to import

    return tuple(word_tokenize(text))


def word_offsets(text: str) -> list[tuple[int, int]]:
    """[start, end) of each underthesea word in `text` (a word may span several syllables)."""
    out: list[tuple[int, int]] = []
    pos = 0
    for word in _segment(text):
        syllables = word.split(" ")
        start = text.find(syllables[0], pos)
        if start < 0:
            continue
        end = start
        for syllable in syllables:
            found = text.find(syllable, end)
            if found < 0:
                break
            end = found + len(syllable)
        out.append((start, end))
        pos = end
    return out


def words_in(span: Span | Doc) -> list[tuple[int, int]]:
    """Word boundaries (character offsets into the Doc) of `span`, from underthesea.

    Only the span's own text is segmented, so a component pays for the words it needs.
    """
    base = span.start_char if isinstance(span, Span) else 0
    return [(base + s, base + e) for s, e in word_offsets(span.text)]


def word_spans(doc: Doc) -> list[Span]:
    """The Doc's words as spans over syllable tokens (segments the whole Doc: costly)."""
    spans = []
    for start, end in words_in(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    return spans
