"""Doc/Span extensions shared by the components, and how findings are written."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from spacy.tokens import Doc, Span

if not Doc.has_extension("meta"):
    Doc.set_extension("meta", default=None)  # readers.base.Text of the document, if any
    Doc.set_extension("published", default=None)  # datetime.date | None
    Doc.set_extension("main_place", default=None)  # models.UnitRef | None
    Doc.set_extension("warnings", default=None)  # list[str], created on first use
    Doc.set_extension("found", default=None)  # dict: component key -> list of records
    Span.set_extension("record", default=None)  # the recogniser's record for this span


def text_of(doc: Doc) -> str:
    """The Doc's text, built once: spaCy's `doc.text` re-joins every token on each access."""
    text = doc.user_data.get("tnxh_text")
    if text is None:
        text = doc.user_data["tnxh_text"] = doc.text
    return text


def write_spans(doc: Doc, key: str, records: Iterable[Any]) -> None:
    """Store `records` (objects with start/end) under `key`, and as `doc.spans[key]`.

    The records list is the source of truth (`records(doc, key)`); the spans make the
    findings visible to spaCy tools. Two records of different kinds may share a span
    (a period "2016-2020" is also a numeral), which is why the list is kept apart.
    """
    records = list(records)
    if doc._.found is None:
        doc._.found = {}
    doc._.found[key] = records
    spans = []
    for record in records:
        span = doc.char_span(record.start, record.end, label=key, alignment_mode="expand")
        if span is None:
            continue
        span._.record = record
        spans.append(span)
    doc.spans[key] = spans


def records(doc: Doc, key: str) -> list[Any]:
    """The records a component wrote under `key` (empty when it did not run)."""
    return list((doc._.found or {}).get(key, []))


def warn(doc: Doc, message: str) -> None:
    if doc._.warnings is None:
        doc._.warnings = []
    doc._.warnings.append(message)


class RecogniserComponent:
    """A component that runs one recogniser over `doc.text` and stores its records."""

    def __init__(self, key: str, find: Callable[[Doc], Iterable[Any]]) -> None:
        self.key = key
        self.find = find

    def __call__(self, doc: Doc) -> Doc:
        write_spans(doc, self.key, self.find(doc))
        return doc
