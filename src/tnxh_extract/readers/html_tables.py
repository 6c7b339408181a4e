"""HTML tables as tables: rows laid into the text as 'a | b | c' lines, with cell offsets.

Main-text extractors flatten a <table> into one paragraph per cell, which loses which
figure belongs to which district and column. Here the page's data tables are read with
lxml, their flattened run of cells is found among the article's lines, and replaced by
one line per row; after the text is assembled, `locate` gives every cell its offsets.
"""

from __future__ import annotations

import regex

from ..normalize import normalize
from .base import Cell, Table

_NUMERIC = regex.compile(r"^[\d.,%\s-]+$")
MAX_CELL_CHARS = 160


def parse_tables(html: str) -> list[list[list[str]]]:
    """The page's data tables (not layout tables) as rows of normalised cell texts."""
    try:
        import lxml.html
    except ImportError:  # pragma: no cover - lxml comes with trafilatura
        return []
    try:
        root = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return []
    tables = []
    for table in root.iter("table"):
        if table.find(".//table") is not None:
            continue  # a layout table holding others
        rows = []
        for tr in table.iter("tr"):
            cells = [normalize(td.text_content()) for td in tr if td.tag in ("td", "th")]
            if cells:
                rows.append(cells)
        flat = [c for row in rows for c in row]
        if len(rows) < 2 or max(len(r) for r in rows) < 2 or any(len(c) > MAX_CELL_CHARS for c in flat):
            continue
        if not any(_NUMERIC.match(c) and any(ch.isdigit() for ch in c) for c in flat):
            continue
        tables.append(rows)
    return tables


def lay_out(lines: list[str], tables: list[list[list[str]]]) -> tuple[list[str], list[list[list[str]]]]:
    """Replace each table's run of one-cell lines by 'a | b | c' row lines.

    Returns the new lines and the tables that were found in them (in text order).
    """
    placed = []
    for rows in tables:
        flat = [c for row in rows for c in row if c]
        if not flat:
            continue
        run = _find_run(lines, flat)
        if run is None:
            continue
        start, stop = run
        row_lines = [normalize(" | ".join(row)) for row in rows]
        lines = lines[:start] + row_lines + lines[stop:]
        placed.append(rows)
    return lines, placed


def _find_run(lines: list[str], flat: list[str]) -> tuple[int, int] | None:
    """[start, stop) of the lines holding the cells one per line (blank lines between)."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    keys = [lines[i].strip() for i in filled]
    n = len(flat)
    for k in range(len(keys) - n + 1):
        if keys[k] == flat[0] and keys[k : k + n] == flat:
            return filled[k], filled[k + n - 1] + 1
    return None


def locate(text: str, placed: list[list[list[str]]]) -> list[Table]:
    """Cell offsets of the laid-out tables in the final text."""
    out = []
    pos = 0
    for rows in placed:
        header: list[list[Cell]] = []
        body: list[list[Cell]] = []
        first = last = None
        for row in rows:
            line = normalize(" | ".join(row))
            at = text.find(line, pos)
            if at < 0:
                break
            cells = _cells(text, at, row)
            first = at if first is None else first
            last = at + len(line)
            pos = last
            is_header = not body and not any(_NUMERIC.match(c.text) and c.text.strip() for c in cells)
            (header if is_header else body).append(cells)
        if first is not None and body:
            out.append(Table(start=first, end=last or first, header=header, rows=body))
    return out


def _cells(text: str, at: int, row: list[str]) -> list[Cell]:
    cells = []
    cursor = at
    for cell in row:
        found = text.find(cell, cursor) if cell else cursor
        found = cursor if found < 0 else found
        cells.append(Cell(text=cell, start=found, end=found + len(cell)))
        cursor = found + len(cell)
    return cells
