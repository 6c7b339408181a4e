"""Places component: every place mention, and the article's main place."""

from __future__ import annotations

from collections import Counter

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .. import places
from ..models import Place, UnitRef
from .base import text_of, write_spans

# Cues that an article reports national figures (a ministry's conference, "cả nước").
_NATIONAL = regex.compile(
    r"(?i)(?<!chi )\b(cả nước|toàn quốc|các tỉnh, thành phố|các bộ, ngành|63 tỉnh|Bộ trưởng|Thứ trưởng|Cục trưởng|"
    r"Bộ Lao động|Bộ LĐ|Cục Phòng, chống tệ nạn xã hội)\b"
)
_PROVINCIAL = regex.compile(r"(?i)\b(toàn tỉnh|trên địa bàn tỉnh|trên địa bàn thành phố|UBND tỉnh|Sở Lao động|Sở LĐ)")


@Language.factory("tnxh_places")
def make_places(nlp: Language, name: str) -> "PlacesComponent":
    return PlacesComponent()


class PlacesComponent:
    def __call__(self, doc: Doc) -> Doc:
        found = places.find(text_of(doc))
        main = main_place(doc, found)
        if main is not None and any(p.ambiguous for p in found):
            found = places.find(text_of(doc), province=main.name)
        doc._.main_place = main
        write_spans(doc, "places", found)
        return doc


def main_place(doc: Doc, found: list[Place]) -> UnitRef | None:
    """The unit the article is about, or None when it reads as national.

    A province named in the title or the opening paragraphs, the most mentioned among
    them; failing that, a province that dominates the whole text. A district or commune
    the title itself names narrows it further ('Bát Xát: …').
    """
    title_end, lead_end = _title_and_lead(doc)
    votes: Counter[tuple[str, str | None]] = Counter()
    in_lead: set[tuple[str, str | None]] = set()
    for place in found:
        unit = _province_of(place)
        if unit is None:
            continue
        key = (unit.name, unit.code)
        votes[key] += 3 if place.start < title_end else 1
        if place.start < lead_end:
            in_lead.add(key)
    national = len(_NATIONAL.findall(text_of(doc)))
    provincial = len(_PROVINCIAL.findall(text_of(doc)))
    if not votes or (national > provincial and national >= 2):
        return None
    if in_lead:
        name, code = max(in_lead, key=lambda k: votes[k])
    else:
        (name, code), top = votes.most_common(1)[0]
        if top < 3 or top < 0.6 * sum(votes.values()):
            return None
    title = text_of(doc)[:title_end].lower()
    narrower = {(p.name, p.level, p.code) for p in found
                if p.level in ("district", "commune") and p.province is not None and p.province.name == name
                and p.name != name and (p.start < title_end or (p.start < lead_end and p.name.lower() in title))}
    in_title = {n for n in narrower if any(p.start < title_end and (p.name, p.level, p.code) == n for p in found)}
    narrower = in_title or narrower
    if len({n[0] for n in narrower}) == 1:  # one name; a district over its namesake town
        n_name, n_level, n_code = max(narrower, key=lambda n: n[1] == "district")
        return UnitRef(name=n_name, level=n_level, code=n_code)  # type: ignore[arg-type]
    return UnitRef(name=name, level="province", code=code)


def _title_and_lead(doc: Doc) -> tuple[int, int]:
    """End of the title, and end of the title plus the two paragraphs after it."""
    text = text_of(doc)
    meta = doc._.meta
    title = getattr(meta, "title", None)
    if title and title in text[: len(title) + 400]:
        title_end = text.index(title) + len(title)
    else:
        title_end = text.find("\n")
        title_end = len(text) if title_end < 0 else title_end
    lead_end = title_end
    paragraphs = 0
    while paragraphs < 3 and lead_end < len(text):
        nxt = text.find("\n", lead_end + 1)
        nxt = len(text) if nxt < 0 else nxt
        if len(text[lead_end:nxt].strip()) > 40:
            paragraphs += 1
        lead_end = nxt
    return title_end, lead_end


def _province_of(place: Place) -> UnitRef | None:
    if place.level == "province":
        return UnitRef(name=place.name, level="province", code=place.code)
    if place.level in ("district", "commune") and place.province is not None:
        return place.province
    return None
