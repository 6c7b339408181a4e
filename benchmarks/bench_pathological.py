"""Bounded time on pathological inputs: CPU seconds per MB from 10 KB to 10 MB.

    .venv/bin/python benchmarks/bench_pathological.py                  # all cases, 10 KB .. 10 MB
    .venv/bin/python benchmarks/bench_pathological.py --cases dots paren --sizes 10k 100k 1m
    .venv/bin/python benchmarks/bench_pathological.py --timeout 300 --json

Each (case, size) runs in a fresh interpreter (so one blow-up cannot poison the others)
and is timed on the CPU clock of that process (fair on a busy machine), stage by stage:
the reader, the tokenizer, each pipeline component, the assembly. Linear behaviour shows
as a flat s/MB row; the `ratio` column is s/MB at the largest size completed over s/MB
at 100 KB (1.0 = linear; anything above ~3 is superlinear) and `worst` names the stage
that grew most. A size that exceeds --timeout stops that case (marked `>T`).

The 10 MB runs lift the document limits for the measurement only (TNXH_MAX_CHARS,
TNXH_MAX_BYTES); by default a 10 MB text is refused before the pipeline runs.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "10m": 10_000_000}


def _repeat(unit: str, size: int) -> str:
    """`unit` repeated to about `size` bytes of UTF-8."""
    return unit * max(1, size // len(unit.encode("utf-8")))


def _article(size: int) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))]
    out, n, total = [], 0, 0
    while total < size:
        t = texts[n % len(texts)]
        out.append(t)
        total += len(t.encode("utf-8"))
        n += 1
    return "\n\n".join(out)


def _pipe_table(size: int) -> str:
    rows, total, i = ["| STT | Đơn vị | Cai nghiện (người) | Tỷ lệ |", "|---|---|---|---|"], 0, 0
    while total < size:
        row = f"| {i + 1} | Xã {i % 97} | {(i * 37) % 5000:,} người | {(i * 7) % 100},{i % 10}% |".replace(",", ".", 1)
        rows.append(row)
        total += len(row.encode("utf-8")) + 1
        i += 1
    return "\n".join(rows)


def _nested_html(size: int) -> bytes:
    depth = max(1, size // 40)
    inner = "<p>Năm 2023 tỉnh Nghệ An cai nghiện cho 809 người.</p>"
    return ("<html><body>" + "<div>" * depth + inner + "</div>" * depth + "</body></html>").encode("utf-8")


#: name -> (file name, builder(size) -> str | bytes)
CASES = {
    "article": ("a.txt", _article),  # the fixture articles repeated: the realistic baseline
    "dots": ("a.txt", lambda n: _repeat("1.1.", n)),  # 1.1.1.1.…
    "huyen": ("a.txt", lambda n: _repeat("huyện ", n)),
    "so": ("a.txt", lambda n: _repeat("số ", n)),
    "qd": ("a.txt", lambda n: _repeat("Quyết định số ", n)),
    "pipe_table": ("a.txt", _pipe_table),
    "nested_html": ("a.html", _nested_html),
    "nospace": ("a.txt", lambda n: _repeat("cainghiện809người", n)),
    "paren": ("a.txt", lambda n: "Năm 2023: " + "(" * n),
    "paren_figures": ("a.txt", lambda n: _repeat("(12 người ", n)),  # no sentence end, many figures
    "figures": ("a.txt", lambda n: _repeat("cai nghiện cho 12 người, ", n)),
}

_WORKER = r"""
import json, os, resource, sys, time
sys.path.insert(0, os.path.join(sys.argv[1], "src"))
sys.path.insert(0, os.path.join(sys.argv[1], "benchmarks"))
import bench_pathological as b
from tnxh_extract import api, checks, pipeline
from tnxh_extract.assemble import to_document
from tnxh_extract.readers import read

case, size = sys.argv[2], int(sys.argv[3])
name, build = b.CASES[case]
data = build(size)
data = data.encode("utf-8") if isinstance(data, str) else data
nlp = pipeline.shared()
api.extract("Năm 2023 tỉnh Nghệ An cai nghiện cho 809 người.")  # warm: gazetteers, regexes
cpu = lambda: time.process_time()
stages = {}
t = cpu(); meta = read(data, name=name); stages["read"] = cpu() - t
t = cpu(); doc = nlp.make_doc(meta.text); stages["tokenize"] = cpu() - t
doc._.meta = meta
doc._.published = None
for cname, component in nlp.pipeline:
    t = cpu(); doc = component(doc); stages[cname.replace("tnxh_", "")] = cpu() - t
t = cpu(); document = to_document(doc, name); document.warnings.extend(checks.check(document.indicators))
stages["assemble"] = cpu() - t
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"bytes": len(data), "chars": len(meta.text), "stages": stages,
                  "cpu": sum(stages.values()), "rss_mb": rss, "indicators": len(document.indicators),
                  "warnings": [w for w in doc._.warnings or []][:3]}))
"""


def run_one(case: str, size: int, timeout: float) -> dict | None:
    env = dict(os.environ, TNXH_MAX_CHARS="100000000", TNXH_MAX_BYTES=str(200 * 1024 * 1024))
    try:
        out = subprocess.run(
            [sys.executable, "-c", _WORKER, str(ROOT), case, str(size)],
            capture_output=True, text=True, timeout=timeout, env=env, check=False,
        )
    except subprocess.TimeoutExpired:
        return None
    if out.returncode != 0:
        return {"failed": out.stderr.strip().splitlines()[-1:] or ["?"]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", nargs="*", default=list(CASES), choices=list(CASES))
    ap.add_argument("--sizes", nargs="*", default=list(SIZES), choices=list(SIZES))
    ap.add_argument("--timeout", type=float, default=240.0, help="seconds per (case, size)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results: dict[str, dict[str, dict | None]] = {}
    head = f"{'case':<14}" + "".join(f"{s + ' s/MB':>12}" for s in args.sizes) + f"{'ratio':>8}  worst stage (s/MB, smallest → largest)"
    print(head, flush=True)
    for case in args.cases:
        results[case] = {}
        cells = []
        for size_name in args.sizes:
            r = run_one(case, SIZES[size_name], args.timeout)
            results[case][size_name] = r
            if r is None:
                cells.append(">T")
                break
            if "failed" in r:
                cells.append("failed")
                break
            cells.append(f"{r['cpu'] / (r['bytes'] / 1e6):.2f}")
        cells += [""] * (len(args.sizes) - len(cells))
        done = [(s, r) for s, r in results[case].items() if r and "cpu" in r]
        ratio, worst = "", ""
        # against 100 KB (at 10 KB the fixed costs of a document dominate), or the smallest
        base = dict(done).get("100k") if len(done) > 2 and done[-1][0] != "100k" else (done[0][1] if done else None)
        if base is not None and len(done) >= 2:
            last = done[-1][1]
            per = lambda r, k=None: (r["stages"][k] if k else r["cpu"]) / (r["bytes"] / 1e6)  # noqa: E731
            ratio = f"{per(last) / max(per(base), 1e-9):.1f}"
            k = max(last["stages"], key=lambda s: per(last, s) - per(base, s))
            worst = f"{k} {per(base, k):.2f} → {per(last, k):.2f}"
        print(f"{case:<14}" + "".join(f"{c:>12}" for c in cells) + f"{ratio:>8}  {worst}", flush=True)
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
