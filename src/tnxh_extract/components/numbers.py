"""Numbers component: every numeral (digits or words) with its value."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import numbers
from .base import write_spans


@Language.factory("tnxh_numbers")
def make_numbers(nlp: Language, name: str) -> "NumbersComponent":
    return NumbersComponent()


class NumbersComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_spans(doc, "numbers", numbers.find(doc.text))
        return doc
