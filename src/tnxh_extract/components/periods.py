"""Periods component: dates, periods, durations and clock times, resolved to ISO dates
against the document's publication date."""

from __future__ import annotations

from spacy.language import Language

from .. import periods
from .base import RecogniserComponent


@Language.factory("tnxh_periods")
def make_periods(nlp: Language, name: str) -> RecogniserComponent:
    return RecogniserComponent("periods", lambda doc: periods.find(doc.text, published=doc._.published))
