"""Doc -> Document: the one step that turns the pipeline's findings into records."""

from __future__ import annotations

import hashlib

from spacy.tokens import Doc

from .components.base import records, text_of
from .models import Document, Place


def to_document(doc: Doc, source: str) -> Document:
    meta = doc._.meta
    text = text_of(doc)
    return Document(
        source=source,
        title=getattr(meta, "title", None),
        published=getattr(meta, "published", None),
        author=getattr(meta, "author", None),
        url=getattr(meta, "url", None),
        text_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        text=text,
        places=_distinct_places(records(doc, "places")),
        decisions=records(doc, "decisions"),
        indicators=records(doc, "indicators"),
        warnings=list(getattr(meta, "warnings", None) or []) + list(doc._.warnings or []),
    )


def _distinct_places(places: list[Place]) -> list[Place]:
    """Every mention is kept (a consumer may want them all), in text order."""
    return sorted(places, key=lambda p: p.start)
