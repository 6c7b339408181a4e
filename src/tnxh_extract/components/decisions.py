"""Decisions component: numbered legal and administrative document references."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import decisions
from .base import write_spans


@Language.factory("tnxh_decisions")
def make_decisions(nlp: Language, name: str) -> "DecisionsComponent":
    return DecisionsComponent()


class DecisionsComponent:
    def __call__(self, doc: Doc) -> Doc:
        write_spans(doc, "decisions", decisions.find(doc.text))
        return doc
