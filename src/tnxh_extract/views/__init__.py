"""HTML views: one article with its records highlighted, and the report over a batch.

    render(doc)            -> str   the article page of one Document (self-contained HTML)
    render_report(outdir)  -> str   the report over a batch output directory
    add_view_parsers(sub)           adds the `show` and `report` subcommands to an argparse CLI

Both pages inline their CSS (and the article its script) and load nothing from the network.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from .article import render
from .report import render_report

__all__ = [
    "render", "render_report", "add_view_parsers", "run_show", "run_report", "load_document", "restore_text",
]

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")


def load_document(path: str | Path, line: int | None = None, source: str | None = None) -> Any:
    """A Document from a documents.jsonl file: the record on 1-based `line`, or the first
    whose `source` equals (or ends with) `source`, or else the first record.

    A `.json` file holding one JSON object is read as a single record.
    """
    from ..models import Document

    path = Path(path)
    raw = path.read_text(encoding="utf-8")
    stripped = raw.lstrip()
    if path.suffix == ".json" and stripped.startswith("{") and "\n{" not in stripped:
        return Document.model_validate_json(raw)
    for n, text in enumerate(raw.splitlines(), 1):
        if not text.strip() or (line is not None and n != line):
            continue
        if source is not None:
            rec = json.loads(text)
            src = str(rec.get("source") or "")
            if src != source and not src.endswith(source):
                continue
            return Document.model_validate(rec)
        return Document.model_validate_json(text)
    where = f"line {line}" if line is not None else f"source {source!r}" if source else "any record"
    raise LookupError(f"{path}: no document at {where}")


def restore_text(doc: Any, base: str | Path | None = None) -> tuple[Any, str | None]:
    """A text-less record (JSON written without --include-text) with its text read again
    from its source file, when that file still gives exactly the text the offsets index
    (same `text_sha256`). Returns (document, why not) - the document unchanged if not.

    A relative `source` is tried as given, then relative to `base` (the jsonl's folder).
    """
    if doc.text is not None:
        return doc, None
    if not doc.text_sha256:
        return doc, "the record has no text_sha256 to check a re-read text against"
    candidates = [Path(doc.source)]
    if base is not None and not Path(doc.source).is_absolute():
        candidates.append(Path(base) / doc.source)
    path = next((p for p in candidates if p.is_file()), None)
    if path is None:
        return doc, f"its source {doc.source} is not a file here"
    from .. import readers

    try:
        text = readers.read(path).text
    except Exception as exc:  # noqa: BLE001 - any reader failure only means "no highlights"
        return doc, f"its source could not be read again ({exc})"
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != doc.text_sha256:
        return doc, f"its source {path} now gives another text (text_sha256 differs)"
    return doc.model_copy(update={"text": text}), None


def _write(html: str, output: str) -> None:
    if output == "-":
        sys.stdout.write(html)
    else:
        Path(output).write_text(html, encoding="utf-8")


def run_show(args: argparse.Namespace) -> int:
    """`show FILE -o page.html`: 0 on success, 1 when FILE cannot be read or rendered."""
    path = Path(args.file)
    if not path.is_file():
        print(f"show: no such file: {path}", file=sys.stderr)
        return 1
    try:
        if path.suffix.lower() in JSONL_SUFFIXES:
            doc = load_document(path, line=args.line, source=args.source)
            if doc.text is None and args.reread:
                doc, why = restore_text(doc, base=path.parent)
                if why:
                    print(f"show: no text in the record and {why}: tables only", file=sys.stderr)
        else:
            from .. import extract_file  # lazily: the pipeline is heavy to import

            doc = extract_file(path)
        html = render(doc)
        _write(html, args.output)
    except (OSError, ValueError, LookupError, ImportError) as exc:  # pydantic errors are ValueErrors
        print(f"show: {path}: {exc}", file=sys.stderr)
        return 1
    if args.output != "-":
        n = len(doc.indicators) + len(doc.decisions) + len(doc.places)
        print(f"show: wrote {args.output} ({n} records)", file=sys.stderr)
    return 0


def run_report(args: argparse.Namespace) -> int:
    """`report OUTDIR -o report.html`: 0 on success, 1 when OUTDIR has no documents.jsonl."""
    try:
        html = render_report(args.outdir)
        _write(html, args.output)
    except (OSError, ValueError) as exc:
        print(f"report: {exc}", file=sys.stderr)
        return 1
    if args.output != "-":
        print(f"report: wrote {args.output}", file=sys.stderr)
    return 0


def add_view_parsers(subparsers: Any) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """Add `show` and `report` to `subparsers` (from ArgumentParser.add_subparsers()).

    Each parser gets `set_defaults(func=..., handler=...)` (both names, run_show / run_report);
    the handler takes the parsed namespace and returns the exit code.
    """
    show = subparsers.add_parser(
        "show",
        help="render one article with its records highlighted (HTML)",
        description="Render one document as a self-contained HTML page: the text with every "
        "place, decision and indicator highlighted, and the tables of records. FILE is an "
        "article (extracted now) or a documents.jsonl file (.jsonl/.ndjson/.json) written "
        "by extract/batch. A record written without --include-text gets its text from its source "
        "file again when that still gives the same text (text_sha256); else the tables only.",
    )
    show.add_argument("file", metavar="FILE", help="article (.txt/.html/.pdf) or documents.jsonl")
    show.add_argument("-o", "--output", default="-", metavar="HTML", help="output file (default: stdout)")
    pick = show.add_mutually_exclusive_group()
    pick.add_argument("--line", type=int, metavar="N", help="for a .jsonl FILE: the record on line N (1-based)")
    pick.add_argument("--source", metavar="S", help="for a .jsonl FILE: the record whose source is (or ends with) S")
    show.add_argument("--no-reread", dest="reread", action="store_false",
                      help="for a record without text: do not read the text again from its source file")
    show.set_defaults(func=run_show, handler=run_show)

    report = subparsers.add_parser(
        "report",
        help="render the report over a batch output directory (HTML)",
        description="Summarise a batch output directory (its documents.jsonl): figures by "
        "concept, province and year, documents with warnings, failures.",
    )
    report.add_argument("outdir", metavar="OUTDIR", help="batch output directory (or its documents.jsonl)")
    report.add_argument("-o", "--output", default="-", metavar="HTML", help="output file (default: stdout)")
    report.set_defaults(func=run_report, handler=run_report)
    return show, report
