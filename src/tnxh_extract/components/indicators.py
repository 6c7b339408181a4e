"""Indicators component: turns numbers in context into figures with their attributes."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .. import indicators
from ..readers import sections as sections_mod
from .base import records, text_of, write_spans
from .sentences import sentence_spans


@Language.factory("tnxh_indicators")
def make_indicators(nlp: Language, name: str) -> "IndicatorsComponent":
    return IndicatorsComponent()


class IndicatorsComponent:
    def __call__(self, doc: Doc) -> Doc:
        meta = doc._.meta
        ctx = indicators.Context(
            text=text_of(doc),
            sentences=sentence_spans(doc),
            numbers=records(doc, "numbers"),
            periods=records(doc, "periods"),
            decisions=records(doc, "decisions"),
            places=records(doc, "places"),
            main_place=doc._.main_place,
            published=doc._.published,
            plan_ranges=_plan_ranges(meta),
            section_of=_section_lookup(meta),
            sections=list(getattr(meta, "sections", None) or []),
            tables=list(getattr(meta, "tables", None) or []),
            title_end=_title_end(text_of(doc), meta),
        )
        write_spans(doc, "indicators", indicators.find(ctx))
        return doc


def _plan_ranges(meta: object) -> list[tuple[int, int]]:
    """Stretches under plan headings ('Phương hướng, nhiệm vụ …'): figures there are plans."""
    if meta is None or not getattr(meta, "sections", None):
        return []
    out = []
    for section in meta.sections:
        if sections_mod.is_plan_section([section.heading]):
            out.append((section.start, section.end))
    return out


def _section_lookup(meta: object):  # type: ignore[no-untyped-def]
    if meta is None or not getattr(meta, "sections", None):
        return lambda offset: []
    return lambda offset: sections_mod.section_path(meta, offset)


def _title_end(text: str, meta: object) -> int:
    title = getattr(meta, "title", None)
    if title and title in text[: len(title) + 400]:
        return text.index(title) + len(title)
    return 0
