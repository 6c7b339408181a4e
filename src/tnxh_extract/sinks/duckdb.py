"""The DuckDB sink: a database file with the four tables, built from Parquet files."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from .table import SCHEMAS


def build(db_path: str | os.PathLike[str], parquet_files: dict[str, Path]) -> None:
    """(Re)create `db_path` with one table per Parquet file, atomically (temp + replace)."""
    db_path = Path(db_path)
    tmp = db_path.with_name(f".{db_path.name}.tmp")
    for f in (tmp, tmp.with_name(tmp.name + ".wal")):
        if f.exists():
            f.unlink()
    con = duckdb.connect(str(tmp))
    try:
        for table in SCHEMAS:
            src = parquet_files[table]
            con.execute(
                f'CREATE TABLE "{table}" AS SELECT * FROM read_parquet(?)', [str(src)]
            )
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, db_path)
