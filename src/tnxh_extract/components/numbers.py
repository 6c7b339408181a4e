"""Numbers component: every numeral (digits or words) with its value."""

from __future__ import annotations

from spacy.language import Language

from .. import numbers
from .base import RecogniserComponent, text_of


@Language.factory("tnxh_numbers")
def make_numbers(nlp: Language, name: str) -> RecogniserComponent:
    return RecogniserComponent("numbers", lambda doc: numbers.find(text_of(doc)))
