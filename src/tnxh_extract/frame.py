"""Documents as a tidy pandas table: one row per figure.

    import tnxh_extract
    from tnxh_extract.frame import to_frame
    df = to_frame(tnxh_extract.extract_many(paths))
    df.groupby(["concept", "current_name", "year"])["value"].sum()

Columns (the same as indicators.csv / indicators.parquet of a batch): source, title,
published, id, concept, subject, value, value_max, unit, target, percent, qualifier,
place_name/level/code (the unit as written, pre-merger), current_name/level/code (the
unit it belongs to since 1 July 2025), period_text/start/end, year, change_*, parent,
sentence, section, page, text, start, end.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .models import Document
from .sinks.table import INDICATORS_SCHEMA, SCHEMAS, indicator_rows, to_arrow
from .sinks.table import rows as _rows

if TYPE_CHECKING:
    import pandas as pd


def _as_dict(doc: Document | dict[str, Any]) -> dict[str, Any]:
    return doc if isinstance(doc, dict) else doc.model_dump(mode="json", exclude={"text"})


def to_frame(documents: Iterable[Document | dict[str, Any]] | Document) -> pd.DataFrame:
    """The indicators of `documents` (Documents or their JSON dicts) as a DataFrame.

    Typed columns even when empty: floats for value/target/percent, nullable Int64 for
    year/page/start/end, strings elsewhere.
    """
    if isinstance(documents, Document):
        documents = [documents]
    rows = [r for d in documents for r in indicator_rows(_as_dict(d))]
    return _pandas(to_arrow("indicators", rows))


def tables(documents: Iterable[Document | dict[str, Any]]) -> dict[str, pd.DataFrame]:
    """All four tables (documents, places, decisions, indicators) as DataFrames."""
    if isinstance(documents, Document):
        documents = [documents]
    acc: dict[str, list[dict[str, Any]]] = {t: [] for t in SCHEMAS}
    for d in documents:
        for t, rs in _rows(_as_dict(d)).items():
            acc[t].extend(rs)
    return {t: _pandas(to_arrow(t, rs)) for t, rs in acc.items()}


def _pandas(table: Any) -> pd.DataFrame:
    import pandas as pd
    import pyarrow as pa

    return table.to_pandas(types_mapper={pa.int64(): pd.Int64Dtype()}.get)


COLUMNS: list[str] = list(INDICATORS_SCHEMA.names)

__all__ = ["COLUMNS", "tables", "to_frame"]
