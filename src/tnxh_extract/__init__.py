"""tnxh_extract: structured statistics from Vietnamese reports on social evils.

    >>> import tnxh_extract
    >>> doc = tnxh_extract.extract("Năm 2023, tỉnh Nghệ An tổ chức cai nghiện cho 809 người.")
    >>> [(i.value, i.unit) for i in doc.indicators]
    [(809.0, 'người')]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .models import SCHEMA_VERSION, Change, Decision, Document, Indicator, Period, Place, UnitRef

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Change",
    "Decision",
    "Document",
    "Indicator",
    "Period",
    "Place",
    "UnitRef",
    "__version__",
    "extract",
    "extract_bytes",
    "extract_file",
    "extract_many",
    "extract_text",
    "load",
    "render",
    "to_frame",
]

if TYPE_CHECKING:
    import pandas

    from .api import extract, extract_bytes, extract_file, extract_many, extract_text
    from .pipeline import load

_LAZY = {
    "extract": "api", "extract_bytes": "api", "extract_file": "api", "extract_many": "api",
    "extract_text": "api", "load": "pipeline",
}


def __getattr__(name: str) -> Any:
    """Import the pipeline (spaCy, underthesea) only when it is first used, so that
    `tnxh_extract.numbers` or `tnxh_extract.places` alone start fast."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def render(doc: Document) -> str:
    """Self-contained HTML view of one extracted document (for notebooks)."""
    from .views import render as _render

    return _render(doc)


def to_frame(documents: Any) -> "pandas.DataFrame":
    """The tidy indicator table (one row per figure) as a pandas DataFrame."""
    from .frame import to_frame as _to_frame

    return _to_frame(documents)
