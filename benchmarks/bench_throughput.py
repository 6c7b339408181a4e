"""Batch throughput, scaling, memory and cold start, against underthesea as the yardstick.

    .venv/bin/python benchmarks/bench_throughput.py            # ~3 MB corpus, 1 and 2 workers
    .venv/bin/python benchmarks/bench_throughput.py --mb 5 --workers 1 2 4 --json

What it does, in one run:
1. builds a corpus by repeating fixtures/articles/*.txt to --mb megabytes (each copy gets
   a distinct last line, so the batch's content dedupe does not skip it);
2. runs tnxh_extract.batch.run over it (all outputs: JSONL, CSV, Parquet, DuckDB) at each
   worker count, each in a fresh interpreter: end-to-end docs/s and MB/s (pool start-up,
   hashing and consolidation included), and the peak RSS of the worst worker process
   (ru_maxrss of the reaped children);
3. times underthesea.word_tokenize over the same text in this process (the yardstick:
   a tool everyone doing Vietnamese NLP runs anyway) and reports the ratios;
4. cold start: a fresh interpreter, `import tnxh_extract` to the first Document.

Targets: >= 1x word_tokenize throughput per core (aim 4x), >= 1.7x speed-up from 1 to 2
workers, <= 400 MB peak RSS per worker.

Wall-clock figures need an idle machine; the CPU-basis ratio (MB per CPU-second of the
worker processes against MB per CPU-second of word_tokenize) holds up on a busy one,
the speed-up does not.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

TARGET_RATIO_PER_CORE = 1.0
AIM_RATIO_PER_CORE = 4.0
TARGET_SCALING = 1.7
TARGET_RSS_MB = 400.0


def build_corpus(dest: Path, megabytes: float) -> tuple[list[Path], int]:
    fixtures = sorted((ROOT / "fixtures" / "articles").glob("*.txt"))
    if not fixtures:
        sys.exit("no fixtures/articles/*.txt")
    texts = [(f.stem, f.read_text(encoding="utf-8")) for f in fixtures]
    dest.mkdir(parents=True, exist_ok=True)
    paths, total, n = [], 0, 0
    while total < megabytes * 1e6:
        stem, text = texts[n % len(texts)]
        p = dest / f"{n:05d}_{stem}.txt"
        p.write_text(f"{text.rstrip()}\n\n(Bản sao {n}.)\n", encoding="utf-8")
        total += p.stat().st_size
        paths.append(p)
        n += 1
    return paths, total


def self_maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_BATCH = """
import json, resource, sys, tempfile
sys.path.insert(0, {src!r})
from tnxh_extract import batch
with tempfile.TemporaryDirectory(prefix="tnxh-bench-out-") as out:
    s = batch.run([{corpus!r}], out, workers={workers}, resume=False, progress=False,
                  formats={formats!r})
ch = resource.getrusage(resource.RUSAGE_CHILDREN)
me = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({{"summary": s.model_dump(), "children_rss_mb": ch.ru_maxrss / 1024,
                  "workers_cpu_s": ch.ru_utime + ch.ru_stime, "parent_cpu_s": me.ru_utime + me.ru_stime}}))
"""


def bench_batch(corpus: Path, workers: int, formats: tuple[str, ...]) -> dict:
    """One batch run in a fresh interpreter, as the CLI would run it: the workers fork
    from a small parent, and ru_maxrss of its reaped children is the worst worker's peak."""
    code = _BATCH.format(src=str(ROOT / "src"), corpus=str(corpus), workers=workers, formats=formats)
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=3600)
    if res.returncode != 0:
        sys.exit(f"batch run failed:\n{res.stderr}")
    got = json.loads(res.stdout.strip().splitlines()[-1])
    s = got["summary"]
    return {
        "workers": workers,
        "docs": s["processed"] + s["failed"],
        "failed": s["failed"],
        "seconds": s["seconds"],
        "docs_per_s": s["docs_per_s"],
        "mb_per_s": s["mb_per_s"],
        "worker_peak_rss_mb": got["children_rss_mb"],
        "workers_cpu_s": got["workers_cpu_s"],
        "parent_cpu_s": got["parent_cpu_s"],
        "mb": s["bytes"] / 1e6,
        "first_error": s["errors"][0] if s["errors"] else None,
    }


def bench_word_tokenize(paths: list[Path], max_mb: float) -> dict:
    t0 = time.perf_counter()
    from underthesea import word_tokenize

    word_tokenize("Khởi động.")  # load the model outside the timing
    load = time.perf_counter() - t0
    texts, size = [], 0
    for p in paths:
        t = p.read_text(encoding="utf-8")
        texts.append(t)
        size += len(t.encode("utf-8"))
        if size >= max_mb * 1e6:
            break
    t0, c0 = time.perf_counter(), time.process_time()
    for t in texts:
        word_tokenize(t)
    sec, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {"docs": len(texts), "mb": size / 1e6, "seconds": sec, "mb_per_s": size / 1e6 / sec,
            "docs_per_s": len(texts) / sec, "cpu_s": cpu, "mb_per_cpu_s": size / 1e6 / cpu,
            "load_seconds": load}


_COLD = """
import time, sys
t0 = time.perf_counter()
sys.path.insert(0, {src!r})
import tnxh_extract
t1 = time.perf_counter()
doc = tnxh_extract.extract_file({path!r})
t2 = time.perf_counter()
print(t1 - t0, t2 - t0, len(doc.indicators), doc.error or "")
"""


def bench_cold_start(path: Path) -> dict:
    t0 = time.perf_counter()
    res = subprocess.run([sys.executable, "-c", _COLD.format(src=str(ROOT / "src"), path=str(path))],
                         capture_output=True, text=True, timeout=600)
    wall = time.perf_counter() - t0
    if res.returncode != 0:
        return {"error": res.stderr.strip().splitlines()[-1] if res.stderr else "failed"}
    imp, first, n, *err = res.stdout.strip().split(" ", 3)
    return {"import_s": float(imp), "first_record_s": float(first), "with_interpreter_s": wall,
            "indicators": int(n), "error": (err[0] if err else "") or None}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=3.0, help="corpus size in MB (default 3)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--yardstick-mb", type=float, default=None,
                    help="how much of the corpus word_tokenize gets (default: all of it)")
    ap.add_argument("--formats", nargs="+", default=["jsonl", "csv", "parquet", "duckdb"])
    ap.add_argument("--repeat", type=int, default=1, help="runs per worker count; the fastest is kept")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="tnxh-bench-in-") as tmp:
        corpus = Path(tmp) / "corpus"
        paths, size = build_corpus(corpus, args.mb)
        print(f"corpus: {len(paths)} documents, {size / 1e6:.2f} MB "
              f"(fixtures/articles/*.txt repeated); {os.cpu_count()} cores; "
              f"load average {os.getloadavg()[0]:.2f} (figures are only fair on an idle machine)",
              flush=True)

        runs = []
        for w in args.workers:
            tries = [bench_batch(corpus, w, tuple(args.formats)) for _ in range(args.repeat)]
            runs.append(max(tries, key=lambda r: r["mb_per_s"]))  # best of N: least disturbed
            r = runs[-1]
            print(f"  batch workers={w}: {r['docs_per_s']:.1f} docs/s, {r['mb_per_s']:.3f} MB/s, "
                  f"{r['seconds']:.1f} s, failed {r['failed']}", flush=True)
        cold = bench_cold_start(paths[0])
        yard = bench_word_tokenize(paths, args.yardstick_mb or float("inf"))

    wt = yard["mb_per_s"]
    base = next((r for r in runs if r["workers"] == 1), runs[0])
    print()
    print(f"{'measure':<44}{'value':>14}{'target':>16}  ok")
    print("-" * 80)

    def row(label: str, value: str, target: str = "", ok: bool | None = None) -> None:
        mark = "" if ok is None else ("yes" if ok else "NO")
        print(f"{label:<44}{value:>14}{target:>16}  {mark}")

    row("underthesea word_tokenize MB/s (1 core)", f"{wt:.3f}")
    row("underthesea word_tokenize docs/s", f"{yard['docs_per_s']:.1f}")
    row("underthesea word_tokenize MB per CPU-second", f"{yard['mb_per_cpu_s']:.3f}")
    for r in runs:
        per_core = r["mb_per_s"] / r["workers"] / wt
        row(f"batch {r['workers']} worker(s): docs/s", f"{r['docs_per_s']:.1f}")
        row(f"batch {r['workers']} worker(s): MB/s", f"{r['mb_per_s']:.3f}")
        row(f"batch {r['workers']} worker(s): x word_tokenize per core", f"{per_core:.2f}x",
            f">= {TARGET_RATIO_PER_CORE:.0f}x (aim {AIM_RATIO_PER_CORE:.0f}x)", per_core >= TARGET_RATIO_PER_CORE)
        cpu_rate = r["mb"] / r["workers_cpu_s"] if r["workers_cpu_s"] else 0.0
        row(f"batch {r['workers']} worker(s): MB per worker CPU-second", f"{cpu_rate:.3f}")
        row(f"batch {r['workers']} worker(s): x word_tokenize, CPU basis", f"{cpu_rate / yard['mb_per_cpu_s']:.2f}x",
            f">= {TARGET_RATIO_PER_CORE:.0f}x (aim {AIM_RATIO_PER_CORE:.0f}x)",
            cpu_rate / yard["mb_per_cpu_s"] >= TARGET_RATIO_PER_CORE)
        if r is not base:
            sp = r["mb_per_s"] / base["mb_per_s"]
            want = TARGET_SCALING * (r["workers"] / 2) if r["workers"] >= 2 else 0
            row(f"speed-up 1 -> {r['workers']} workers", f"{sp:.2f}x", f">= {want:.1f}x", sp >= want)
    peak = max(r["worker_peak_rss_mb"] for r in runs)
    row("peak RSS per worker (MB)", f"{peak:.0f}", f"<= {TARGET_RSS_MB:.0f}", peak <= TARGET_RSS_MB)
    if "error" in cold and "import_s" not in cold:
        row("cold start", "failed: " + cold["error"][:40])
    else:
        row("cold start: import tnxh_extract (s)", f"{cold['import_s']:.2f}")
        row("cold start: import to first record (s)", f"{cold['first_record_s']:.2f}")
        row("cold start: with interpreter start (s)", f"{cold['with_interpreter_s']:.2f}")
    failed = sum(r["failed"] for r in runs)
    if failed:
        print(f"\nWARNING: {failed} documents failed; first: {next(r['first_error'] for r in runs if r['first_error'])}")
    if args.json:
        print(json.dumps({"corpus_docs": len(paths), "corpus_mb": size / 1e6, "runs": runs,
                          "word_tokenize": yard, "cold_start": cold, "bench_peak_rss_mb": self_maxrss_mb()},
                         indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
