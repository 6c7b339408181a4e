"""Periods component: dates, periods, durations and clock times, resolved to ISO dates."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import periods
from .base import write_spans


@Language.factory("tnxh_periods")
def make_periods(nlp: Language, name: str) -> "PeriodsComponent":
    return PeriodsComponent()


class PeriodsComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_spans(doc, "periods", periods.find(doc.text, published=doc._.published))
        return doc
