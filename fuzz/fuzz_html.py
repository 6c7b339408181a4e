"""Fuzz the HTML path: extract_bytes(data, "fuzz.html").

    .venv/bin/python fuzz/fuzz_html.py -max_total_time=200

See fuzz/README.md.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _harness  # noqa: E402
import tnxh_extract  # noqa: E402


def one_input(data: bytes) -> None:
    _harness.check_document(tnxh_extract.extract_bytes(data, "fuzz.html"))


if __name__ == "__main__":
    _harness.run("html", (".html",), one_input)
