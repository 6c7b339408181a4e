"""Places component: every place mention, and the article's main place."""

from __future__ import annotations

from collections import Counter

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import places
from ..models import Place, UnitRef
from .base import write_spans

# Cues that an article reports national figures (a ministry's conference, "cả nước").
_NATIONAL = regex.compile(r"(?i)\b(cả nước|toàn quốc|các tỉnh, thành phố|63 tỉnh|Bộ trưởng|Thứ trưởng)\b")
_PROVINCIAL = regex.compile(r"(?i)\b(toàn tỉnh|trên địa bàn tỉnh|trên địa bàn thành phố|UBND tỉnh|Sở Lao động|Sở LĐ)")


@Language.factory("tnxh_places")
def make_places(nlp: Language, name: str) -> "PlacesComponent":
    return PlacesComponent()


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        found = places.find(doc.text)
        main = main_place(doc, found)
        if main is not None and any(p.ambiguous for p in found):
            found = places.find(doc.text, province=main.name)
        doc._.main_place = main
        write_spans(doc, "places", found)
        return doc


def main_place(doc: Doc, found: list[Place]) -> UnitRef | None:
    """The province the article is about: the most mentioned, the title counting thrice.

    None when the article reads as national (a ministry's figures for the whole country).
    """
    meta = doc._.meta
    title_end = len(meta.title) if meta is not None and meta.title and doc.text.startswith(meta.title) else 0
    if not title_end:
        first_line = doc.text.split("\n", 1)[0]
        title_end = len(first_line)
    votes: Counter[tuple[str, str | None]] = Counter()
    for place in found:
        unit = _province_of(place)
        if unit is None:
            continue
        weight = 3 if place.start < title_end else 1
        votes[(unit.name, unit.code)] += weight
    national = len(_NATIONAL.findall(doc.text))
    provincial = len(_PROVINCIAL.findall(doc.text))
    if not votes or (national > provincial and national >= 2):
        return None
    (name, code), _ = votes.most_common(1)[0]
    return UnitRef(name=name, level="province", code=code)


def _province_of(place: Place) -> UnitRef | None:
    if place.level == "province":
        return UnitRef(name=place.name, level="province", code=place.code)
    if place.level in ("district", "commune") and place.province is not None:
        return place.province
    return None
