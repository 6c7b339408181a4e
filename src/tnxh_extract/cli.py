"""tnxh-extract: the command line. It only wires the library's stages together."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from .models import Document

CSV_COLUMNS = (
    "source", "title", "published", "id", "parent", "value", "value_max", "unit", "target",
    "percent", "qualifier", "subject", "concept", "place_name", "place_level", "place_code",
    "period_start", "period_end", "year", "change_direction", "change_delta", "change_from",
    "change_reference_year", "text", "start", "end", "sentence",
)
ARTICLE_SUFFIXES = {".txt", ".html", ".htm", ".pdf"}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    return int(args.handler(args) or 0)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tnxh-extract",
        description="Structured statistics (places, decisions, indicators) from Vietnamese reports on social evils.",
    )
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("extract", help="extract records from articles (txt, html, pdf)")
    p.add_argument("paths", nargs="+", type=Path, help="files or directories")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    p.add_argument("--include-text", action="store_true", help="put the normalised text in the JSON")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser("evaluate", help="precision/recall/F1 against gold annotations")
    p.add_argument("--gold", type=Path, required=True, action="append",
                   help="folder of *.gold.json files (repeat to score several sets together)")
    p.add_argument("paths", nargs="*", type=Path, help="articles or folders (default: beside the gold)")
    p.add_argument("--json", action="store_true", help="print the scores as JSON")
    p.add_argument("--misses", action="store_true", help="list every miss and extra")
    p.set_defaults(handler=cmd_evaluate)

    p = sub.add_parser("schema", help="print the JSON Schema of the Document record")
    p.set_defaults(handler=cmd_schema)

    _optional(sub, "batch", "add_batch_parser")
    _optional(sub, "views", "add_view_parsers")
    return parser


def _optional(sub: argparse._SubParsersAction, module: str, hook: str) -> None:  # type: ignore[type-arg]
    """Subcommands whose modules need optional dependencies register themselves."""
    import importlib

    try:
        mod = importlib.import_module(f"tnxh_extract.{module}")
    except ImportError:
        return
    getattr(mod, hook)(sub)


def iter_article_paths(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
        else:
            yield path


def cmd_extract(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .api import extract_many

    paths = list(iter_article_paths(args.paths))
    out: TextIO = args.output.open("w", encoding="utf-8", newline="") if args.output else sys.stdout
    failed = 0
    try:
        writer = csv.writer(out) if args.format == "csv" else None
        if writer:
            writer.writerow(CSV_COLUMNS)
        docs = extract_many(paths)
        bar = tqdm(docs, total=len(paths), unit="doc", file=sys.stderr,
                   disable=args.no_progress or len(paths) < 2)
        for doc in bar:
            failed += doc.error is not None
            if writer:
                writer.writerows(indicator_rows(doc))
            else:
                exclude = None if args.include_text else {"text"}
                out.write(doc.model_dump_json(exclude=exclude) + "\n")
    finally:
        if args.output:
            out.close()
    if failed:
        print(f"{failed} of {len(paths)} documents failed (see their 'error')", file=sys.stderr)
    return 1 if failed else 0


def indicator_rows(doc: Document) -> Iterator[list[object]]:
    for ind in doc.indicators:
        change = ind.change
        yield [
            doc.source, doc.title, doc.published, ind.id, ind.parent, ind.value, ind.value_max, ind.unit,
            ind.target, ind.percent, ind.qualifier, ind.subject, ind.concept,
            ind.place.name if ind.place else None, ind.place.level if ind.place else None,
            ind.place.code if ind.place else None,
            ind.period.start_date if ind.period else None, ind.period.end_date if ind.period else None,
            ind.year, change.direction if change else None, change.delta if change else None,
            change.from_ if change else None, change.reference_year if change else None,
            ind.text, ind.start, ind.end, ind.sentence,
        ]


def cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_scores

    scores = evaluate(args.gold, args.paths)
    if args.json:
        print(json.dumps(scores.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_scores(scores))
    if args.misses:
        print("\n".join(scores.misses))
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_json

    print(schema_json())
    return 0


if __name__ == "__main__":
    sys.exit(main())
