"""The promises every Document keeps, as one check usable by tests, fuzzers and consumers.

A Document is either an error with no findings or a text whose every span (place, decision,
indicator, indicator period) slices it exactly; numbers are finite; indicator ids are
distinct and parents exist; no unexpected exception is hidden in an error or a warning.
"""

from __future__ import annotations

import math
from typing import Any

from .models import Document

#: Messages that mean an unexpected exception was caught on the way (a bug), not a
#: reasoned refusal of the input.
BUG_MARKERS = ("reader failed:", "tokenizer failed:", "assembly failed:")


def problems(doc: Any, *, allow_component_failure: bool = False) -> list[str]:
    """What is wrong with `doc` (empty when it keeps every promise)."""
    if not isinstance(doc, Document):
        return [f"not a Document: {type(doc).__name__}"]
    Document.model_validate(doc.model_dump(by_alias=True))
    if doc.error is not None:
        out = [f"unexpected exception became the error: {doc.error}" for m in BUG_MARKERS if m in doc.error][:1]
        if doc.places or doc.decisions or doc.indicators:
            out.append("a document with an error has findings")
        return out
    out = []
    if not allow_component_failure:
        out += [f"a component failed: {w}" for w in doc.warnings if w.startswith("component ") and " failed: " in w]
    text = doc.text
    if text is None:
        return out + ["no text and no error"]
    spans: list[tuple[str, Any]] = [("place", p) for p in doc.places] + [("decision", d) for d in doc.decisions]
    ids = {ind.id for ind in doc.indicators}
    if len(ids) != len(doc.indicators):
        out.append("indicator ids are not distinct")
    for ind in doc.indicators:
        spans.append(("indicator", ind))
        if ind.period is not None:
            spans.append(("period", ind.period))
        numbers = {name: getattr(ind, name) for name in ("value", "value_max", "target", "percent")}
        if ind.change is not None:
            numbers |= {"change.delta": ind.change.delta, "change.from": ind.change.from_}
        out += [f"indicator {ind.id} {name} is {v}" for name, v in numbers.items() if v is not None and not math.isfinite(v)]
        if ind.parent is not None and ind.parent not in ids:
            out.append(f"indicator {ind.id} has an unknown parent {ind.parent}")
    for kind, s in spans:
        if not (0 <= s.start <= s.end <= len(text)) or text[s.start : s.end] != s.text:
            out.append(f"{kind} span [{s.start}:{s.end}] {s.text!r} does not slice the text")
    return out
