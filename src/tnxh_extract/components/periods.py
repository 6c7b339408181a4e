"""Periods component: dates, periods, durations and clock times, resolved to ISO dates
against the document's publication date."""

from __future__ import annotations

from spacy.language import Language

from .. import periods
from .base import RecogniserComponent, text_of


@Language.factory("tnxh_periods")
def make_periods(nlp: Language, name: str) -> RecogniserComponent:
    return RecogniserComponent("periods", lambda doc: periods.find(text_of(doc), published=doc._.published))
