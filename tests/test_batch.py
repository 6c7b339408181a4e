"""The batch runner: inputs, outputs, failures, resume after SIGKILL, Dask, CLI.

A fake extractor stands in for the pipeline (module-level, so worker processes can
unpickle it); the real extractor is exercised by benchmarks/bench_throughput.py.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest

from tnxh_extract import batch, inputs
from tnxh_extract.models import Document, Indicator, Place, UnitRef

SRC = Path(__file__).resolve().parents[1] / "src"


def fake_bytes(data: bytes, name: str) -> Document:
    text = data.decode("utf-8")
    if "RAISE" in text:
        raise ValueError("cannot parse this one")
    if "CRASH" in text:
        os._exit(3)  # a worker dying hard, as a segfault or the OOM killer would
    if "BADINPUT" in text:
        return Document(source=name, error="not an article")
    place = UnitRef(name="Quế Sơn", level="district", code="512")
    return Document(
        source=name,
        title=text.splitlines()[0] if text else None,
        text=text,
        places=[
            Place(text="Quế Sơn", start=0, end=7, name="Quế Sơn", level="district", code="512",
                  current=UnitRef(name="Quế Sơn", level="commune", code="20500"))
        ],
        indicators=[
            Indicator(id="i1", text=f"{len(text)} người", start=0, end=1, value=len(text),
                      unit="người", sentence=text[:40], place=place),
            Indicator(id="i2", text="3 vụ", start=0, end=1, value=3, unit="vụ",
                      sentence=text[:40], parent="i1"),
        ],
    )


def fake_file(path: str) -> Document:
    with open(path, "rb") as fh:
        return fake_bytes(fh.read(), path)


def _corpus(root: Path, n: int = 6, extra: dict[str, str] | None = None) -> Path:
    d = root / "in"
    (d / "sub").mkdir(parents=True)
    for i in range(n):
        (d / ("sub" if i % 2 else "") / f"a{i}.txt").write_text(f"Bài {i}\nNội dung {i}.\n", encoding="utf-8")
    (d / "notes.md").write_text("not an input", encoding="utf-8")
    for name, text in (extra or {}).items():
        (d / name).write_text(text, encoding="utf-8")
    return d


def _run(ins, out, **kw) -> batch.Summary:
    kw.setdefault("workers", 2)
    kw.setdefault("progress", False)
    return batch.run(ins, out, extract_file=fake_file, extract_bytes=fake_bytes, **kw)


def _sources(out: Path) -> list[str]:
    with open(out / "documents.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["source"] for line in fh]


# --------------------------------------------------------------------------- inputs


def test_expand_dirs_globs_archives_and_missing(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 4)
    zpath = tmp_path / "pack.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("x/one.txt", "một")
        zf.writestr("x/two.html", "<p>hai</p>")
        zf.writestr("x/skip.csv", "a,b")
        zf.writestr("__MACOSX/x/._one.txt", "junk")
    tpath = tmp_path / "pack.tar.gz"
    with tarfile.open(tpath, "w:gz") as tf:
        data = "ba".encode()
        info = tarfile.TarInfo("y/three.txt")
        info.size = len(data)
        tf.addfile(info, io.BytesIO(data))
    args = [str(d), str(zpath), str(tpath), str(tmp_path / "in" / "sub" / "*.txt"), str(tmp_path / "nope.txt")]
    items = list(inputs.expand(args))
    names = [i.name for i in items]
    assert sorted(n for n in names if n.startswith(str(d))) == sorted(
        str(p) for p in d.rglob("*.txt")
    )  # directory walked by extension, .md left out, glob duplicates not repeated
    assert f"{zpath}!x/one.txt" in names and f"{zpath}!x/two.html" in names
    assert f"{tpath}!y/three.txt" in names
    assert not any("skip.csv" in n or "__MACOSX" in n for n in names)
    member = next(i for i in items if i.name.endswith("!x/one.txt"))
    assert member.data == "một".encode() and member.path is None
    missing = next(i for i in items if i.name.endswith("nope.txt"))
    assert missing.error
    assert inputs.count(args) == len(items) == 4 + 2 + 1 + 1


def test_bad_archive_is_an_error_input(tmp_path: Path) -> None:
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"not a zip")
    (item,) = inputs.expand([str(bad)])
    assert item.name == str(bad) and "archive" in (item.error or "")


# --------------------------------------------------------------------------- run


def test_run_writes_every_output(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 6)
    zpath = tmp_path / "pack.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        zf.writestr("m/z.txt", "Thành viên zip\n")
    out = tmp_path / "out"
    s = _run([str(d), str(zpath)], out)
    assert (s.processed, s.failed, s.skipped, s.total) == (7, 0, 0, 7)
    assert s.docs_per_s > 0 and s.mb_per_s > 0 and s.outdir == str(out)
    srcs = _sources(out)
    assert len(srcs) == len(set(srcs)) == 7 and f"{zpath}!m/z.txt" in srcs
    first = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    Document.model_validate(first)
    assert "text" not in first or first["text"] is None  # text only when asked

    csv = pd.read_csv(out / "indicators.csv", dtype={"current_code": str})
    assert len(csv) == 14 and set(csv["source"]) == set(srcs)
    assert (csv.loc[csv.id == "i1", "current_code"] == "20500").all()
    assert len(pq.read_table(out / "indicators.parquet")) == 14

    con = duckdb.connect(str(out / "tnxh.duckdb"), read_only=True)
    assert con.sql("select count(*) from documents").fetchall()[0][0] == 7
    assert con.sql("select count(*) from places").fetchall()[0][0] == 7
    assert con.sql("select count(*) from decisions").fetchall()[0][0] == 0
    n = con.sql(
        "select count(*) from indicators i join documents d using (source) "
        "where i.parent = 'i1' and d.error is null"
    ).fetchall()[0][0]
    assert n == 7
    con.close()


def test_formats_subset_and_include_text(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 2)
    out = tmp_path / "out"
    _run([str(d)], out, formats=["jsonl"], include_text=True, workers=0)
    assert {p.name for p in out.iterdir()} >= {"documents.jsonl", "manifest.jsonl"}
    assert not (out / "indicators.csv").exists() and not (out / "tnxh.duckdb").exists()
    line = json.loads((out / "documents.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert line["text"].startswith("Bài")
    with pytest.raises(ValueError):
        _run([str(d)], out, formats=["xlsx"])


def test_failures_are_error_records(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 3, {"bad.txt": "RAISE me", "empty.txt": "BADINPUT"})
    out = tmp_path / "out"
    s = _run([str(d), str(tmp_path / "missing.txt")], out)
    assert (s.processed, s.failed) == (3, 3)
    docs = {json.loads(x)["source"]: json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    assert "ValueError: cannot parse this one" in docs[str(d / "bad.txt")]["error"]
    assert docs[str(d / "empty.txt")]["error"] == "not an article"
    assert docs[str(tmp_path / "missing.txt")]["error"]
    assert all(docs[k]["indicators"] == [] for k in docs if docs[k]["error"])
    assert len(s.errors) == 3
    con = duckdb.connect(str(out / "tnxh.duckdb"), read_only=True)
    assert con.sql("select count(*) from documents where error is not null").fetchall()[0][0] == 3
    con.close()


def test_worker_crash_fails_only_the_culprit(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 5, {"crash.txt": "CRASH now"})
    out = tmp_path / "out"
    s = _run([str(d)], out, workers=2)
    assert (s.processed, s.failed, s.total) == (5, 1, 6)
    docs = [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = [x for x in docs if x["error"]]
    assert [x["source"] for x in failed] == [str(d / "crash.txt")]
    assert "worker process died" in failed[0]["error"]


def test_resume_skips_done_and_duplicates(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 4, {"copy.txt": "Bài 0\nNội dung 0.\n", "bad.txt": "RAISE"})
    out = tmp_path / "out"
    s1 = _run([str(d)], out)
    # a.txt and copy.txt share content: one is extracted, the other skipped
    assert (s1.processed, s1.failed, s1.skipped, s1.total) == (4, 1, 1, 5)
    s2 = _run([str(d)], out)
    assert (s2.processed, s2.failed, s2.skipped, s2.total) == (0, 0, 6, 5)
    assert len(set(_sources(out))) == len(_sources(out)) == 5
    # a changed file is redone and replaces its old record
    (d / "sub" / "a1.txt").write_text("Bài 1 sửa\n", encoding="utf-8")
    s3 = _run([str(d)], out)
    assert (s3.processed, s3.total) == (1, 5)
    docs = {json.loads(x)["source"]: json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()}
    assert docs[str(d / "sub" / "a1.txt")]["title"] == "Bài 1 sửa"
    # retry_failed reruns the failure; --no-resume starts over
    (d / "bad.txt").write_text("RAISE", encoding="utf-8")
    assert _run([str(d)], out, retry_failed=True).failed == 1
    s5 = _run([str(d)], out, resume=False)
    assert (s5.processed, s5.failed, s5.skipped, s5.total) == (4, 1, 1, 5)
    assert len((out / "manifest.jsonl").read_text(encoding="utf-8").splitlines()) == 5


_KILL_SCRIPT = """
import os, sys, time
sys.path.insert(0, {src!r})
from tnxh_extract import batch
from tnxh_extract.models import Document, Indicator

def slow(path):
    time.sleep(float(os.environ.get("FAKE_DELAY", "0")))
    text = open(path, encoding="utf-8").read()
    return Document(source=path, title=text.strip(), indicators=[
        Indicator(id="i1", text="1", start=0, end=1, value=1, unit="người", sentence=text)])

if __name__ == "__main__":
    s = batch.run([sys.argv[1]], sys.argv[2], workers=2, progress=False, extract_file=slow,
                  flush_every=3, flush_seconds=0.1)
    print(s.model_dump_json())
"""


def test_sigkill_and_resume_gives_every_input_exactly_once(tmp_path: Path) -> None:
    n = 40
    src = tmp_path / "in"
    src.mkdir()
    for i in range(n):
        (src / f"doc{i:03d}.txt").write_text(f"tài liệu {i}\n", encoding="utf-8")
    script = tmp_path / "run_batch.py"
    script.write_text(_KILL_SCRIPT.format(src=str(SRC)), encoding="utf-8")
    out = tmp_path / "out"
    manifest = out / "manifest.jsonl"
    env = {**os.environ, "FAKE_DELAY": "0.1"}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(src), str(out)],
        env=env, start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some, not all, inputs are recorded
        if manifest.exists() and len(manifest.read_text(encoding="utf-8").splitlines()) >= 6:
            break
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker processes, mid-way
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    done_before = len(manifest.read_text(encoding="utf-8").splitlines())
    assert 6 <= done_before < n
    assert not (out / "documents.jsonl").exists()

    env["FAKE_DELAY"] = "0"
    res = subprocess.run([sys.executable, str(script), str(src), str(out)], env=env,
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    s = batch.Summary.model_validate_json(res.stdout.strip().splitlines()[-1])
    assert s.skipped == done_before and s.processed == n - done_before and s.total == n
    srcs = _sources(out)
    assert sorted(srcs) == sorted(str(p) for p in src.glob("*.txt"))  # each exactly once
    entries = [json.loads(x) for x in manifest.read_text(encoding="utf-8").splitlines()]
    assert sorted(e["source"] for e in entries) == sorted(srcs)
    assert len(pd.read_csv(out / "indicators.csv")) == n
    con = duckdb.connect(str(out / "tnxh.duckdb"), read_only=True)
    assert con.sql("select count(distinct source), count(*) from documents").fetchall()[0] == (n, n)
    con.close()
    parts = {e["part"] for e in entries}
    assert {f"parts/{p.name}" for p in (out / "parts").iterdir()} == parts  # no orphans


def test_torn_manifest_line_is_dropped(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 3)
    out = tmp_path / "out"
    _run([str(d)], out)
    m = out / "manifest.jsonl"
    lines = m.read_text(encoding="utf-8").splitlines()
    m.write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:15], encoding="utf-8")  # torn append
    s = _run([str(d)], out)
    assert (s.processed, s.skipped, s.total) == (1, 2, 3)
    assert sorted(_sources(out)) == sorted(str(p) for p in d.rglob("*.txt"))


# --------------------------------------------------------------------------- streaming


def test_iter_documents_streams_documents(tmp_path: Path) -> None:
    d = _corpus(tmp_path, 5, {"dup.txt": "Bài 0\nNội dung 0.\n"})
    docs = list(batch.iter_documents([str(d)], workers=2, extract_file=fake_file, extract_bytes=fake_bytes))
    assert len(docs) == 5 and all(isinstance(x, Document) for x in docs)
    assert all(x.text for x in docs)  # the Python object carries the text
    assert len(list(batch.iter_documents([str(d)], workers=0, dedupe=False, extract_file=fake_file))) == 6


# --------------------------------------------------------------------------- Dask


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    d = _corpus(tmp_path, 6, {"bad.txt": "RAISE"})
    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=1, threads_per_worker=2, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as client:
        s = _run([str(d)], out, scheduler=client)
    assert (s.processed, s.failed, s.total) == (6, 1, 7)
    parts = sorted((out / "indicators_parquet").glob("part-*.parquet"))
    assert parts
    assert pq.read_table(out / "indicators_parquet").num_rows == 12
    assert len(set(_sources(out))) == 7
    # the same outdir resumes under the process pool too
    assert _run([str(d)], out).skipped == 7


# --------------------------------------------------------------------------- CLI


def test_cli_batch_exit_codes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import tnxh_extract

    # set in the module dict directly: getattr would import the real pipeline lazily
    monkeypatch.setitem(tnxh_extract.__dict__, "extract_file", fake_file)
    monkeypatch.setitem(tnxh_extract.__dict__, "extract_bytes", fake_bytes)
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command")
    batch.add_batch_parser(sub)
    d = _corpus(tmp_path, 3)
    out = tmp_path / "out"
    args = parser.parse_args(["batch", str(d), "-o", str(out), "--workers", "0", "--no-progress",
                              "--formats", "jsonl", "csv"])
    assert args.func is batch.run_batch_cli and args.handler is batch.run_batch_cli
    assert batch.run_batch_cli(args) == 0
    assert (out / "indicators.csv").exists() and not (out / "tnxh.duckdb").exists()
    (d / "bad.txt").write_text("RAISE", encoding="utf-8")
    args = parser.parse_args(["batch", str(d), "-o", str(out), "--workers", "0", "--no-progress"])
    assert batch.run_batch_cli(args) == 1
    args = parser.parse_args(["batch", str(d), "-o", str(out), "--no-resume", "--scheduler", "tcp://h:1",
                              "--dask-workers", "2", "--formats", "parquet_dir"])
    assert (args.no_resume, args.scheduler, args.dask_workers, args.formats) == (True, "tcp://h:1", 2, ["parquet_dir"])
