"""Start-up time and memory of the place recogniser.

    python benchmarks/bench_places.py

Prints the time and resident memory added by loading the gazetteer and by recognising
places on the seed articles (targets: start-up <= 0.5 s, <= 150 MB), and the throughput.
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def rss_mb() -> float:
    """Current resident set size in MB (Linux /proc; falls back to the peak)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    from tnxh_extract.normalize import normalize

    texts = [normalize(p.read_text(encoding="utf-8"))
             for p in sorted((ROOT / "fixtures" / "articles").glob("*.txt"))]
    base = rss_mb()
    t0 = time.perf_counter()
    from tnxh_extract import places  # imports pydantic (models) as well

    t_import = time.perf_counter() - t0
    places.gazetteer()
    t_load = time.perf_counter() - t0 - t_import
    first = places.find(texts[0])
    t_first = time.perf_counter() - t0
    rss_load = rss_mb() - base

    t1 = time.perf_counter()
    rounds = 20
    n = 0
    for _ in range(rounds):
        for t in texts:
            n += len(places.find(t))
    t_scan = time.perf_counter() - t1
    chars = sum(len(t) for t in texts) * rounds

    print(f"import (incl. pydantic):   {t_import:.3f} s")
    print(f"gazetteer load:            {t_load:.3f} s")
    print(f"start-up (load + 1st doc): {t_first:.3f} s   target <= 0.5 s  "
          f"{'OK' if t_first <= 0.5 else 'OVER'}")
    print(f"RSS added:                 {rss_mb() - base:.1f} MB (after load {rss_load:.1f} MB)"
          f"   target <= 150 MB  {'OK' if rss_mb() - base <= 150 else 'OVER'}")
    print(f"recognition:               {chars / t_scan / 1e6:.2f} M chars/s "
          f"({len(texts)} docs x {rounds}, {n} mentions, {len(first)} in the first)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
