"""Where the language data lives and how it is read: once per process, cached."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

_ENV = "TNXH_GAZETTEERS"


@cache
def gazetteer_dir() -> Path:
    """The `gazetteers/` folder: $TNXH_GAZETTEERS, else the one beside the source tree."""
    env = os.environ.get(_ENV)
    candidates = [Path(env)] if env else []
    here = Path(__file__).resolve()
    candidates += [here.parent / "_gazetteers", here.parents[2] / "gazetteers"]
    for path in candidates:
        if path.is_dir():
            return path
    raise FileNotFoundError(
        f"gazetteers/ not found; set {_ENV} to the folder holding the data files"
    )


def gazetteer_path(*parts: str) -> Path:
    return gazetteer_dir().joinpath(*parts)


@cache
def load_json(*parts: str) -> Any:
    """Parse a JSON data file of the gazetteer (cached: read once per process)."""
    with gazetteer_path(*parts).open(encoding="utf-8") as fh:
        return json.load(fh)
