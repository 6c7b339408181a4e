"""Decisions component: numbered legal and administrative document references."""

from __future__ import annotations

from spacy.language import Language

from .. import decisions
from .base import RecogniserComponent, text_of


@Language.factory("tnxh_decisions")
def make_decisions(nlp: Language, name: str) -> RecogniserComponent:
    return RecogniserComponent("decisions", lambda doc: decisions.find(text_of(doc)))
