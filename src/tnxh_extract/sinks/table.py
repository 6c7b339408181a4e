"""Flat rows from document records: the four tables every tabular sink writes.

The functions take a document in its JSON form (``Document.model_dump(mode="json")``
or a line of documents.jsonl parsed), so the batch consolidation can build tables
from the part files without re-validating, and `tnxh_extract.frame` can reuse them.

Tables (joined on `source`):

documents   one row per document (with error and warnings)
places      one row per place mention
decisions   one row per numbered document reference
indicators  one row per figure, with its document, place (old and current unit) and period
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pyarrow as pa

Row = dict[str, Any]

_S = pa.string()
_F = pa.float64()
_I = pa.int64()
_B = pa.bool_()

DOCUMENTS_SCHEMA = pa.schema(
    [
        ("source", _S),
        ("input_sha256", _S),
        ("schema_version", _S),
        ("title", _S),
        ("published", _S),
        ("author", _S),
        ("url", _S),
        ("text_sha256", _S),
        ("n_places", _I),
        ("n_decisions", _I),
        ("n_indicators", _I),
        ("warnings", _S),
        ("error", _S),
    ]
)

PLACES_SCHEMA = pa.schema(
    [
        ("source", _S),
        ("text", _S),
        ("start", _I),
        ("end", _I),
        ("name", _S),
        ("level", _S),
        ("code", _S),
        ("province_name", _S),
        ("province_code", _S),
        ("current_name", _S),
        ("current_level", _S),
        ("current_code", _S),
        ("ambiguous", _B),
    ]
)

DECISIONS_SCHEMA = pa.schema(
    [
        ("source", _S),
        ("text", _S),
        ("start", _I),
        ("end", _I),
        ("code", _S),
        ("doc_type", _S),
        ("number", _S),
        ("issuer_code", _S),
        ("date", _S),
        ("issuer", _S),
        ("issuer_resolved", _S),
        ("summary", _S),
    ]
)

INDICATORS_SCHEMA = pa.schema(
    [
        ("source", _S),
        ("title", _S),
        ("published", _S),
        ("id", _S),
        ("concept", _S),
        ("subject", _S),
        ("value", _F),
        ("value_max", _F),
        ("unit", _S),
        ("target", _F),
        ("percent", _F),
        ("qualifier", _S),
        ("place_name", _S),
        ("place_level", _S),
        ("place_code", _S),
        ("current_name", _S),
        ("current_level", _S),
        ("current_code", _S),
        ("period_text", _S),
        ("period_start", _S),
        ("period_end", _S),
        ("year", _I),
        ("change_delta", _F),
        ("change_direction", _S),
        ("change_reference_year", _I),
        ("change_from", _F),
        ("parent", _S),
        ("sentence", _S),
        ("section", _S),
        ("page", _I),
        ("text", _S),
        ("start", _I),
        ("end", _I),
    ]
)

SCHEMAS: dict[str, pa.Schema] = {
    "documents": DOCUMENTS_SCHEMA,
    "places": PLACES_SCHEMA,
    "decisions": DECISIONS_SCHEMA,
    "indicators": INDICATORS_SCHEMA,
}

SECTION_SEP = " > "


def _g(d: Any, key: str) -> Any:
    return d.get(key) if isinstance(d, dict) else None


def _num(x: Any) -> float | None:
    return None if x is None else float(x)


def document_row(doc: Row, input_sha256: str | None = None) -> Row:
    warnings = doc.get("warnings") or []
    return {
        "source": doc.get("source"),
        "input_sha256": input_sha256,
        "schema_version": doc.get("schema_version"),
        "title": doc.get("title"),
        "published": doc.get("published"),
        "author": doc.get("author"),
        "url": doc.get("url"),
        "text_sha256": doc.get("text_sha256"),
        "n_places": len(doc.get("places") or []),
        "n_decisions": len(doc.get("decisions") or []),
        "n_indicators": len(doc.get("indicators") or []),
        "warnings": "\n".join(warnings) if warnings else None,
        "error": doc.get("error"),
    }


def place_rows(doc: Row) -> Iterator[Row]:
    src = doc.get("source")
    for p in doc.get("places") or []:
        prov, cur = p.get("province"), p.get("current")
        yield {
            "source": src,
            "text": p.get("text"),
            "start": p.get("start"),
            "end": p.get("end"),
            "name": p.get("name"),
            "level": p.get("level"),
            "code": p.get("code"),
            "province_name": _g(prov, "name"),
            "province_code": _g(prov, "code"),
            "current_name": _g(cur, "name"),
            "current_level": _g(cur, "level"),
            "current_code": _g(cur, "code"),
            "ambiguous": bool(p.get("ambiguous", False)),
        }


def decision_rows(doc: Row) -> Iterator[Row]:
    src = doc.get("source")
    for d in doc.get("decisions") or []:
        yield {"source": src, **{k: d.get(k) for k in DECISIONS_SCHEMA.names if k != "source"}}


def _current_index(doc: Row) -> dict[tuple[str, ...], Any]:
    """The current (post-2025) unit of each place of the document, by code and by name."""
    index: dict[tuple[str, ...], Any] = {}
    for p in doc.get("places") or []:
        cur = p.get("current")
        if not cur:
            continue
        if p.get("code"):
            index.setdefault(("code", p["code"]), cur)
        index.setdefault(("name", p.get("name") or "", p.get("level") or ""), cur)
    return index


def indicator_rows(doc: Row) -> Iterator[Row]:
    """One row per figure; the current unit comes from the document's matching place."""
    inds = doc.get("indicators") or []
    if not inds:
        return
    src, title, published = doc.get("source"), doc.get("title"), doc.get("published")
    current = _current_index(doc)
    for ind in inds:
        place, period, change = ind.get("place"), ind.get("period"), ind.get("change")
        cur = None
        if place:
            if place.get("code"):
                cur = current.get(("code", place["code"]))
            if cur is None:
                cur = current.get(("name", place.get("name") or "", place.get("level") or ""))
        year = ind.get("year")
        if year is None:
            year = _g(period, "year")
        section = ind.get("section") or []
        yield {
            "source": src,
            "title": title,
            "published": published,
            "id": ind.get("id"),
            "concept": ind.get("concept"),
            "subject": ind.get("subject"),
            "value": _num(ind.get("value")),
            "value_max": _num(ind.get("value_max")),
            "unit": ind.get("unit"),
            "target": _num(ind.get("target")),
            "percent": _num(ind.get("percent")),
            "qualifier": ind.get("qualifier"),
            "place_name": _g(place, "name"),
            "place_level": _g(place, "level"),
            "place_code": _g(place, "code"),
            "current_name": _g(cur, "name"),
            "current_level": _g(cur, "level"),
            "current_code": _g(cur, "code"),
            "period_text": _g(period, "text"),
            "period_start": _g(period, "start_date"),
            "period_end": _g(period, "end_date"),
            "year": year,
            "change_delta": _num(_g(change, "delta")),
            "change_direction": _g(change, "direction"),
            "change_reference_year": _g(change, "reference_year"),
            "change_from": _num(_g(change, "from")),
            "parent": ind.get("parent"),
            "sentence": ind.get("sentence"),
            "section": SECTION_SEP.join(section) if section else None,
            "page": ind.get("page"),
            "text": ind.get("text"),
            "start": ind.get("start"),
            "end": ind.get("end"),
        }


def rows(doc: Row, input_sha256: str | None = None) -> dict[str, list[Row]]:
    """All four tables' rows for one document."""
    return {
        "documents": [document_row(doc, input_sha256)],
        "places": list(place_rows(doc)),
        "decisions": list(decision_rows(doc)),
        "indicators": list(indicator_rows(doc)),
    }


def to_arrow(table: str, rows_: Iterable[Row]) -> pa.Table:
    """Rows of one of the four tables as an Arrow table with its fixed schema."""
    return pa.Table.from_pylist(list(rows_), schema=SCHEMAS[table])


class TableBatcher:
    """Collect rows of the four tables from documents and hand them out in Arrow batches."""

    def __init__(self, batch_docs: int = 2000) -> None:
        self.batch_docs = batch_docs
        self._rows: dict[str, list[Row]] = {t: [] for t in SCHEMAS}
        self._n = 0

    def add(self, doc: Row, input_sha256: str | None = None) -> bool:
        """Add a document; True when a batch is full and should be flushed."""
        for t, rs in rows(doc, input_sha256).items():
            self._rows[t].extend(rs)
        self._n += 1
        return self._n >= self.batch_docs

    def __len__(self) -> int:
        return self._n

    def flush(self) -> dict[str, pa.Table]:
        out = {t: to_arrow(t, rs) for t, rs in self._rows.items()}
        self._rows = {t: [] for t in SCHEMAS}
        self._n = 0
        return out
