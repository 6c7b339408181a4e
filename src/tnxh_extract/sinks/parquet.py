"""Streaming table writers: Parquet and CSV per table, and partitioned Parquet parts."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from .table import SCHEMAS


class TableWriters:
    """Write batches of the four tables to files under temporary names.

    `parquet` / `csv` map a table name to its final path; `partitioned` maps a table
    name to a directory receiving one ``part-NNNNN.parquet`` per batch. Nothing appears
    under a final name before `commit()`, which renames every file into place.
    """

    def __init__(
        self,
        parquet: dict[str, Path] | None = None,
        csv: dict[str, Path] | None = None,
        partitioned: dict[str, Path] | None = None,
    ) -> None:
        self._targets: list[tuple[Path, Path]] = []
        self._pq: dict[str, pq.ParquetWriter] = {}
        self._csv: dict[str, pacsv.CSVWriter] = {}
        self._csv_fh: dict[str, object] = {}
        self._parts = partitioned or {}
        self._part_n: dict[str, int] = {t: 0 for t in self._parts}
        self._part_tmp: dict[str, Path] = {}
        for table, path in (parquet or {}).items():
            tmp = self._tmp(path)
            self._pq[table] = pq.ParquetWriter(tmp, SCHEMAS[table], compression="zstd")
        for table, path in (csv or {}).items():
            tmp = self._tmp(path)
            fh = open(tmp, "wb")
            self._csv_fh[table] = fh
            self._csv[table] = pacsv.CSVWriter(fh, SCHEMAS[table])
        for table, directory in self._parts.items():
            tmpdir = directory.with_name(f".{directory.name}.tmp")
            if tmpdir.exists():
                for f in tmpdir.iterdir():
                    f.unlink()
            tmpdir.mkdir(parents=True, exist_ok=True)
            self._part_tmp[table] = tmpdir
            self._targets.append((tmpdir, directory))

    def _tmp(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        self._targets.append((tmp, path))
        return tmp

    def write(self, tables: dict[str, pa.Table]) -> None:
        for table, t in tables.items():
            if table in self._pq:
                self._pq[table].write_table(t)
            if table in self._csv:
                self._csv[table].write_table(t)
            if table in self._part_tmp and t.num_rows:
                n = self._part_n[table]
                pq.write_table(t, self._part_tmp[table] / f"part-{n:05d}.parquet", compression="zstd")
                self._part_n[table] = n + 1

    def close(self) -> None:
        for w in self._pq.values():
            w.close()
        for w in self._csv.values():
            w.close()
        for fh in self._csv_fh.values():
            fh.close()  # type: ignore[attr-defined]
        for table, tmpdir in self._part_tmp.items():
            if self._part_n[table] == 0:  # keep the dataset readable when it is empty
                pq.write_table(SCHEMAS[table].empty_table(), tmpdir / "part-00000.parquet")
        self._pq, self._csv, self._csv_fh = {}, {}, {}

    def commit(self) -> None:
        """Close and move every file into place."""
        self.close()
        for tmp, final in self._targets:
            if tmp.is_dir():
                if final.exists():
                    old = final.with_name(f".{final.name}.old")
                    _rmtree(old)
                    os.replace(final, old)
                    os.replace(tmp, final)
                    _rmtree(old)
                else:
                    os.replace(tmp, final)
            else:
                os.replace(tmp, final)


def _rmtree(path: Path) -> None:
    if not path.exists():
        return
    for f in path.iterdir():
        f.unlink()
    path.rmdir()
