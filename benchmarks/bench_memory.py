"""Bounded memory: peak RSS for oversized and large inputs (target: <= 500 MB each).

    .venv/bin/python benchmarks/bench_memory.py                 # all cases
    .venv/bin/python benchmarks/bench_memory.py --pages 500 --text-mb 50 --cases pdf

Each case runs in a fresh interpreter; the figure is that process's peak RSS
(ru_maxrss), the pipeline and its language data included (the `baseline` case is a
one-sentence document: what every process pays).

    baseline        extract() of one sentence
    text_bytes      extract_bytes() of --text-mb MB of article text named .txt
    text_file       extract_file() of the same written to a file
    text_string     extract() of the same as a str (no byte limit applies to a str: the
                    reader runs, then api.MAX_CHARS refuses it)
    text_limit      extract_bytes() of 4.5 MB of text: just under both limits, extracted
    pdf             extract_file() of a generated --pages page PDF report (reportlab;
                    DejaVu Sans for the Vietnamese glyphs when installed)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 500.0

_WORKER = r"""
import json, os, resource, sys, time
sys.path.insert(0, os.path.join(sys.argv[1], "src"))
import tnxh_extract
case, arg = sys.argv[2], sys.argv[3]
t0, c0 = time.perf_counter(), time.process_time()
if case == "baseline":
    doc = tnxh_extract.extract("Năm 2023, tỉnh Nghệ An tổ chức cai nghiện cho 809 người.")
elif case in ("text_bytes", "text_limit"):
    data = open(arg, "rb").read()
    doc = tnxh_extract.extract_bytes(data, os.path.basename(arg))
    del data
elif case == "text_string":
    text = open(arg, encoding="utf-8").read()
    doc = tnxh_extract.extract(text, source=os.path.basename(arg))
    del text
else:
    doc = tnxh_extract.extract_file(arg)
print(json.dumps({
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "wall_s": time.perf_counter() - t0, "cpu_s": time.process_time() - c0,
    "error": doc.error, "chars": len(doc.text or ""), "indicators": len(doc.indicators),
    "warnings": len(doc.warnings),
}))
"""


def article_text(megabytes: float) -> str:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))]
    out, total, n = [], 0, 0
    while total < megabytes * 1e6:
        t = texts[n % len(texts)]
        out.append(t)
        total += len(t.encode("utf-8")) + 2
        n += 1
    return "\n\n".join(out)


def _font() -> tuple[str, bool]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    roots = [os.environ.get("DEJAVU_DIR", ""), "/usr/share/fonts", "/usr/local/share/fonts", os.path.expanduser("~/.fonts")]
    for root in filter(None, roots):
        for dirpath, _, files in os.walk(root):
            if "DejaVuSans.ttf" in files:
                pdfmetrics.registerFont(TTFont("DV", os.path.join(dirpath, "DejaVuSans.ttf")))
                return "DV", True
    return "Helvetica", False


def make_pdf(path: Path, pages: int) -> str:
    """A long provincial report: paragraphs of the fixture articles, 45 lines a page."""
    import textwrap
    import unicodedata

    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font, unicode_ok = _font()
    text = article_text(pages * 45 * 95 / 1e6 + 0.1)
    if not unicode_ok:  # the standard fonts have no Vietnamese glyphs: strip the marks
        text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
        text = text.replace("đ", "d").replace("Đ", "D")
    lines = [ln for para in text.splitlines() for ln in (textwrap.wrap(para, 95) or [""])]
    c = canvas.Canvas(str(path), pagesize=A4)
    k = 0
    for page in range(pages):
        c.setFont(font, 9)
        y = 800
        for _ in range(45):
            c.drawString(40, y, lines[k % len(lines)])
            k += 1
            y -= 16
        c.drawString(290, 30, str(page + 1))
        c.showPage()
    c.save()
    return font


def run(case: str, arg: str) -> dict:
    out = subprocess.run([sys.executable, "-c", _WORKER, str(ROOT), case, arg],
                         capture_output=True, text=True, check=False)
    if out.returncode != 0:
        return {"failed": (out.stderr.strip().splitlines() or ["?"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--text-mb", type=float, default=50.0)
    ap.add_argument("--pages", type=int, default=500)
    ap.add_argument("--cases", nargs="*",
                    default=["baseline", "text_bytes", "text_file", "text_string", "text_limit", "pdf"])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        if {"text_bytes", "text_file", "text_string"} & set(args.cases):
            big.write_text(article_text(args.text_mb), encoding="utf-8")
        limit = Path(tmp) / "limit.txt"
        if "text_limit" in args.cases:
            limit.write_text(article_text(4.5), encoding="utf-8")
        pdf = Path(tmp) / "report.pdf"
        font = None
        if "pdf" in args.cases:
            try:
                font = make_pdf(pdf, args.pages)
            except ImportError:
                print("reportlab is not installed: pip install reportlab (pdf case skipped)")
        print(f"{'case':<12} {'input':>10} {'peak RSS':>10} {'wall s':>8} {'cpu s':>8}  result")
        for case in args.cases:
            arg = {"baseline": "-", "text_limit": str(limit), "pdf": str(pdf)}.get(case, str(big))
            if case == "pdf" and not pdf.exists():
                continue
            size = "-" if arg == "-" else f"{Path(arg).stat().st_size / 1e6:.1f} MB"
            r = run(case, arg)
            results[case] = dict(r, input=size)
            if "failed" in r:
                print(f"{case:<12} {size:>10} {'':>10} {'':>8} {'':>8}  FAILED {r['failed']}")
                continue
            what = f"refused: {r['error']}" if r["error"] else f"{r['chars']:,} chars, {r['indicators']} indicators"
            flag = "" if r["rss_mb"] <= TARGET_MB else f"  ABOVE {TARGET_MB:.0f} MB"
            print(f"{case:<12} {size:>10} {r['rss_mb']:>7.0f} MB {r['wall_s']:>8.1f} {r['cpu_s']:>8.1f}  {what}{flag}",
                  flush=True)
        if font:
            print(f"(pdf: {args.pages} pages, font {font})")
    if args.json:
        print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
