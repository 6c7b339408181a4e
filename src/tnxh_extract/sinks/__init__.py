"""Output writers for batches: JSONL parts and manifest, CSV, Parquet, DuckDB.

`table` turns document records into the four flat tables (documents, places,
decisions, indicators); `parquet` streams them to Parquet/CSV; `duckdb` loads them into
a database file; `jsonl` holds the crash-safe part files and the run manifest.
"""

from .table import SCHEMAS, TableBatcher, rows

__all__ = ["SCHEMAS", "TableBatcher", "rows"]
