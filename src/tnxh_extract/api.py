"""The one-line API: text, file or bytes in, a `Document` out; never raises for bad input.

A document that cannot be read becomes a Document with `error` set; a component that
fails on one document leaves a warning naming it, and the other components still run.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import checks, pipeline
from .assemble import to_document
from .components.base import warn
from .models import Document
from .pipeline import MAX_CHARS  # re-exported: the documented size limit
from .readers import base as readers_base


def extract(text: str, source: str | None = None, *, nlp: Language | None = None) -> Document:
    """Extract places, decisions and indicators from the text of one article."""
    from .readers import read_text_string

    source = source or "<text>"
    try:
        meta = read_text_string(text, source)
    except readers_base.ReadError as exc:
        return Document(source=source, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not become the caller's crash
        return Document(source=source, error=f"reader failed: {type(exc).__name__}: {exc}")
    return extract_text(meta, nlp=nlp)


def extract_file(path: str | os.PathLike[str], *, nlp: Language | None = None) -> Document:
    """Read a .txt, .html or .pdf file and extract from it."""
    from .readers import read

    source = str(path)
    try:
        meta = read(Path(path))
    except readers_base.ReadError as exc:
        return Document(source=source, error=str(exc))
    except OSError as exc:
        return Document(source=source, error=f"cannot read file: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop a batch
        return Document(source=source, error=f"reader failed: {type(exc).__name__}: {exc}")
    return extract_text(meta, nlp=nlp)


def extract_bytes(data: bytes, name: str, *, nlp: Language | None = None) -> Document:
    """Extract from the bytes of a file (an archive member, an upload); `name` gives its type."""
    from .readers import read

    try:
        meta = read(data, name=name)
    except readers_base.ReadError as exc:
        return Document(source=name, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop a batch
        return Document(source=name, error=f"reader failed: {type(exc).__name__}: {exc}")
    return extract_text(meta, nlp=nlp)


def extract_many(paths: Iterable[str | os.PathLike[str]], *, nlp: Language | None = None) -> Iterator[Document]:
    """extract_file over many paths, one pipeline for all, in order."""
    nlp = nlp or pipeline.shared()
    for path in paths:
        yield extract_file(path, nlp=nlp)


def extract_text(meta: readers_base.Text, *, nlp: Language | None = None) -> Document:
    """Run the pipeline over a reader's `Text` and assemble the Document."""
    if len(meta.text) > MAX_CHARS:
        return Document(
            source=meta.source,
            error=f"document too large: {len(meta.text)} characters (limit {MAX_CHARS}; set TNXH_MAX_CHARS)",
        )
    nlp = nlp or pipeline.shared()
    try:
        doc = nlp.make_doc(meta.text)
    except Exception as exc:  # noqa: BLE001 - a tokenizer fault becomes the document's error
        return Document(source=meta.source, error=f"tokenizer failed: {type(exc).__name__}: {exc}")
    doc._.meta = meta
    doc._.published = _parse_date(meta.published)
    doc = run_components(nlp, doc)
    try:
        document = to_document(doc, meta.source)
    except Exception as exc:  # noqa: BLE001 - e.g. a component wrote an invalid record
        return Document(source=meta.source, error=f"assembly failed: {type(exc).__name__}: {exc}")
    document.warnings.extend(checks.check(document.indicators))
    _add_pages(document, meta)
    return document


def run_components(nlp: Language, doc: Doc) -> Doc:
    """Run each component in turn; a failing one leaves a warning and the rest go on."""
    for name, component in nlp.pipeline:
        try:
            doc = component(doc)
        except Exception as exc:  # noqa: BLE001 - faults stay local to one component
            warn(doc, f"component {name} failed: {type(exc).__name__}: {exc}")
    return doc


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _add_pages(document: Document, meta: readers_base.Text) -> None:
    if not meta.pages:
        return
    for ind in document.indicators:
        for number, (start, end) in enumerate(meta.pages, start=1):
            if start <= ind.start < end:
                ind.page = number
                break
