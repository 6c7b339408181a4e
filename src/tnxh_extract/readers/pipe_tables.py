"""Tables written as text: runs of 'a | b | c' lines, as reports pasted into pages or
plain-text exports lay them out, read into `Table`s with cell offsets.

A run needs at least three lines of two or more separators each and at least one
numeric cell; a shorter row (a total row without its index cell) is aligned right.
"""

from __future__ import annotations

import regex

from .base import Cell, Table

_SEPARATOR = " | "
_NUMERIC = regex.compile(r"^[\d.,%\s-]+$")
MIN_ROWS = 3


def find_pipe_tables(text: str) -> list[Table]:
    tables = []
    run: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n") + [""]:
        if line.count(_SEPARATOR) >= 1 and len(line.split(_SEPARATOR)) >= 2:
            run.append((pos, line))
        else:
            if len(run) >= MIN_ROWS:
                table = _table(run)
                if table is not None:
                    tables.append(table)
            run = []
        pos += len(line) + 1
    return tables


def _table(run: list[tuple[int, str]]) -> Table | None:
    rows = [_cells(start, line) for start, line in run]
    width = max(len(r) for r in rows)
    if width < 2 or not any(_is_number(c.text) for r in rows for c in r):
        return None
    header: list[list[Cell]] = []
    body: list[list[Cell]] = []
    for row in rows:
        if len(row) < width:  # "Cộng | 2.425 | 385" under "STT | Đơn vị | … | …"
            pad = Cell(text="", start=row[0].start, end=row[0].start)
            row = [pad] * (width - len(row)) + row
        if not body and not any(_is_number(c.text) for c in row):
            header.append(row)
        else:
            body.append(row)
    if not body:
        return None
    return Table(start=run[0][0], end=run[-1][0] + len(run[-1][1]), header=header, rows=body)


def _cells(start: int, line: str) -> list[Cell]:
    cells = []
    offset = start
    for part in line.split(_SEPARATOR):
        stripped = part.strip()
        lead = len(part) - len(part.lstrip())
        cells.append(Cell(text=stripped, start=offset + lead, end=offset + lead + len(stripped)))
        offset += len(part) + len(_SEPARATOR)
    return cells


def _is_number(text: str) -> bool:
    return bool(text) and bool(_NUMERIC.match(text)) and any(ch.isdigit() for ch in text)
