"""The table sinks: flat rows, fixed schemas, atomic files, the manifest, DuckDB, frames."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tnxh_extract.frame import COLUMNS, tables, to_frame
from tnxh_extract.models import Change, Decision, Document, Indicator, Period, Place, UnitRef
from tnxh_extract.sinks import duckdb as duck_sink
from tnxh_extract.sinks.jsonl import Manifest, atomic_write_lines, read_lines
from tnxh_extract.sinks.parquet import TableWriters
from tnxh_extract.sinks.table import SCHEMAS, TableBatcher, indicator_rows, rows


def _doc(source: str = "a.txt") -> Document:
    return Document(
        source=source,
        title="Tiêu đề",
        published="2023-10-11",
        places=[
            Place(text="huyện Quế Sơn", start=0, end=13, name="Quế Sơn", level="district", code="512",
                  province=UnitRef(name="Quảng Nam", level="province", code="49"),
                  current=UnitRef(name="Quế Sơn", level="commune", code="20500")),
            Place(text="Hội An", start=20, end=26, name="Hội An", level="district", code=None,
                  current=UnitRef(name="Hội An", level="commune", code="20300")),
        ],
        decisions=[Decision(text="Quyết định số 469/QĐ-LĐTBXH", start=30, end=58, code="469/QĐ-LĐTBXH",
                            doc_type="Quyết định", number="469", issuer_code="LĐTBXH", date="2016-12-23")],
        indicators=[
            Indicator(id="i1", text="809/1.200 người, đạt 67,4%", start=60, end=86, value=809, unit="người",
                      target=1200, percent=67.4, subject="cai nghiện", concept="rehab.total",
                      place=UnitRef(name="Quế Sơn", level="district", code="512"),
                      period=Period(text="9 tháng đầu năm 2017", start=90, end=110,
                                    start_date="2017-01-01", end_date="2017-09-30", year=2017),
                      qualifier="about", change=Change(delta=10, direction="increase", reference_year=2016, **{"from": 799}),
                      sentence="Cai nghiện 809/1.200 người.", section=["I. Kết quả", "1. Cai nghiện"], page=2),
            Indicator(id="i2", text="12 người", start=120, end=128, value=12, unit="người", parent="i1",
                      place=UnitRef(name="Hội An", level="district"), sentence="Trong đó 12 người."),
            Indicator(id="i3", text="5 vụ", start=130, end=134, value=5, unit="vụ", sentence="5 vụ."),
        ],
        warnings=["sum mismatch"],
    )


def test_indicator_rows_flatten_place_period_change() -> None:
    r1, r2, r3 = indicator_rows(_doc().model_dump(mode="json"))
    assert r1["source"] == "a.txt" and r1["title"] == "Tiêu đề" and r1["published"] == "2023-10-11"
    assert (r1["value"], r1["target"], r1["percent"], r1["unit"]) == (809.0, 1200.0, 67.4, "người")
    assert (r1["place_name"], r1["place_level"], r1["place_code"]) == ("Quế Sơn", "district", "512")
    assert (r1["current_name"], r1["current_level"], r1["current_code"]) == ("Quế Sơn", "commune", "20500")
    assert (r1["period_start"], r1["period_end"], r1["year"]) == ("2017-01-01", "2017-09-30", 2017)
    assert (r1["change_delta"], r1["change_direction"], r1["change_from"]) == (10.0, "increase", 799.0)
    assert r1["section"] == "I. Kết quả > 1. Cai nghiện" and r1["page"] == 2 and r1["qualifier"] == "about"
    assert r2["parent"] == "i1" and r2["current_code"] == "20300"  # matched by name when no code
    assert r3["place_name"] is None and r3["current_code"] is None and r3["year"] is None
    assert list(r1) == SCHEMAS["indicators"].names


def test_rows_of_all_tables_match_schemas() -> None:
    t = rows(_doc().model_dump(mode="json"), input_sha256="abc")
    assert [len(t[k]) for k in ("documents", "places", "decisions", "indicators")] == [1, 2, 1, 3]
    d = t["documents"][0]
    assert (d["n_places"], d["n_decisions"], d["n_indicators"], d["input_sha256"]) == (2, 1, 3, "abc")
    assert d["warnings"] == "sum mismatch" and d["error"] is None
    assert t["places"][0]["province_code"] == "49" and t["decisions"][0]["code"] == "469/QĐ-LĐTBXH"
    for name, rs in t.items():
        for r in rs:
            assert list(r) == SCHEMAS[name].names


def test_to_frame_and_tables() -> None:
    df = to_frame([_doc("a.txt"), _doc("b.txt").model_dump(mode="json"), Document(source="e", error="x")])
    assert list(df.columns) == COLUMNS and len(df) == 6
    assert df.loc[0, "value"] == 809.0 and df.loc[0, "year"] == 2017
    assert str(df["year"].dtype) == "Int64" and str(df["value"].dtype) == "float64"
    empty = to_frame([])
    assert list(empty.columns) == COLUMNS and len(empty) == 0 and str(empty["value"].dtype) == "float64"
    assert len(to_frame(_doc())) == 3
    tb = tables([_doc(), Document(source="e", error="bad")])
    assert len(tb["documents"]) == 2 and tb["documents"]["error"].tolist()[1] == "bad"


def test_table_writers_and_duckdb(tmp_path: Path) -> None:
    batcher = TableBatcher(batch_docs=2)
    w = TableWriters(
        parquet={t: tmp_path / f"{t}.parquet" for t in SCHEMAS},
        csv={"indicators": tmp_path / "indicators.csv"},
        partitioned={"indicators": tmp_path / "ind"},
    )
    for i in range(5):
        if batcher.add(_doc(f"d{i}.txt").model_dump(mode="json")):
            w.write(batcher.flush())
    assert not (tmp_path / "indicators.csv").exists()  # nothing under final names before commit
    w.write(batcher.flush())
    w.commit()
    assert pq.read_table(tmp_path / "indicators.parquet").num_rows == 15
    assert len((tmp_path / "indicators.csv").read_text(encoding="utf-8").splitlines()) == 16
    assert len(list((tmp_path / "ind").glob("part-*.parquet"))) == 3
    assert pq.read_table(tmp_path / "ind").num_rows == 15
    db = tmp_path / "x.duckdb"
    duck_sink.build(db, {t: tmp_path / f"{t}.parquet" for t in SCHEMAS})
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute(
        "select d.source, count(*) from indicators i join documents d using (source) "
        "group by d.source order by 1"
    ).fetchall()
    assert got == [(f"d{i}.txt", 3) for i in range(5)]
    assert con.execute("select sum(value) from indicators where concept = 'rehab.total'").fetchall() == [(809.0 * 5,)]
    con.close()


def test_empty_outputs_keep_their_schema(tmp_path: Path) -> None:
    w = TableWriters(parquet={"indicators": tmp_path / "i.parquet"}, partitioned={"indicators": tmp_path / "p"})
    w.write(TableBatcher().flush())
    w.commit()
    assert pq.read_table(tmp_path / "i.parquet").schema.names == SCHEMAS["indicators"].names
    assert pq.read_table(tmp_path / "p").num_rows == 0


def test_atomic_write_and_manifest(tmp_path: Path) -> None:
    p = tmp_path / "d" / "part.jsonl"
    atomic_write_lines(p, ["a", "b"])
    atomic_write_lines(p, ["c"])
    assert read_lines(p) == ["c"] and [f.name for f in p.parent.iterdir()] == ["part.jsonl"]
    with pytest.raises(RuntimeError):
        def boom():
            yield "x"
            raise RuntimeError("interrupted")
        atomic_write_lines(p, boom())
    assert read_lines(p) == ["c"]  # the old content survives a failed write
    assert [f.name for f in p.parent.iterdir()] == ["part.jsonl"]

    m = tmp_path / "manifest.jsonl"
    with Manifest(m) as man:
        man.append([{"key": "1"}, {"key": "2"}])
    with open(m, "a", encoding="utf-8") as fh:
        fh.write('{"key": "3", "sou')  # a torn append from a killed run
    with Manifest(m) as man:
        assert [e["key"] for e in man.entries] == ["1", "2"]
        man.append([{"key": "4"}])
    assert [json.loads(x)["key"] for x in m.read_text(encoding="utf-8").splitlines()] == ["1", "2", "4"]
