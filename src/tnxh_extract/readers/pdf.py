"""PDF reports with pdfplumber: text in reading order, tables as tables, no page furniture.

Per page: ruled tables are found (pdfplumber's line strategy); the words outside them are
grouped into lines by position, a line being split where a wide gap separates two columns
(the two-column letterhead of administrative documents); lines and tables are merged top to
bottom. Across pages: lines repeated at the top or bottom of pages and page numbers are
dropped, wrapped lines are joined back into paragraphs, and a table that continues on the next
page (same column count, first thing on the page, header repeated or not) becomes one Table.
Tables are laid into the text one row a line, cells separated by " | ", so every Cell's
offsets index `Text.text`.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..lexicon import load_json
from ..normalize import normalize
from .base import Cell, ReadError, Table, Text
from .text import report_title_and_date

# ---------------------------------------------------------------------------------------------
# raw items of a page


@dataclass
class _Line:
    page: int
    top: float
    x0: float
    text: str


@dataclass
class _Tab:
    page: int
    top: float
    rows: list[list[str | None]]
    header_n: int = 0
    cont_rows: list[tuple[int, list[list[str | None]]]] = field(default_factory=list)  # (page, rows)


_PAGE_NO = re.compile(r"^\s*(?:[-–—]\s*)?(?:trang|page)?\s*\d{1,4}\s*(?:(?:/|trên|of)\s*\d{1,4})?\s*(?:[-–—])?\s*$", re.I)
_YEAR = re.compile(r"^\s*(?:19|20)\d\d\s*$")  # "2022" heads a column; it is not a figure
_NUMERIC = re.compile(r"^[\s\d.,%+\-–—()x]*$")
_LIST_START = re.compile(
    r"^(?:[IVXLC]+[.)](?=\s)|\d+(?:\.\d+)*[.)](?=\s)|[a-zđ][.)](?=\s)|[-–•+*]\s|\(\d+\)|Phần\b|Mục\b|Chương\b|Điều\b|Biểu\b|Phụ lục\b|Nơi nhận\b)",
)


def _cell(s: str | None) -> str | None:
    if s is None:
        return None
    return normalize(s.replace("\n", " "))


def _page_rows(page: Any, pno: int, boxes: list[tuple[float, float, float, float]]) -> list[list[_Line]]:
    """Text rows outside the tables, top to bottom; a row is split into segments where a wide
    gap separates two blocks of words (columns)."""

    def outside(obj: dict[str, Any]) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx = (obj["x0"] + obj["x1"]) / 2
        cy = (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and t <= cy <= b for x0, t, x1, b in boxes)

    p = page.filter(outside) if boxes else page
    words = p.extract_words(keep_blank_chars=False, use_text_flow=False, x_tolerance=2, y_tolerance=3)
    words.sort(key=lambda w: (round(w["top"]), w["x0"]))
    rows: list[list[dict[str, Any]]] = []
    for w in words:
        if rows and abs(rows[-1][0]["top"] - w["top"]) <= 3:
            rows[-1].append(w)
        else:
            rows.append([w])
    out: list[list[_Line]] = []
    for row in rows:
        row.sort(key=lambda w: w["x0"])
        size = sum(w["bottom"] - w["top"] for w in row) / len(row)
        gap_limit = max(18.0, 2.2 * size)
        segs: list[_Line] = []
        seg: list[dict[str, Any]] = [row[0]]
        for prev, w in zip(row, row[1:]):
            if w["x0"] - prev["x1"] > gap_limit:
                segs.append(_seg_line(seg, pno))
                seg = [w]
            else:
                seg.append(w)
        segs.append(_seg_line(seg, pno))
        segs = [x for x in segs if x.text]
        if segs:
            out.append(segs)
    return out


def _seg_line(seg: list[dict[str, Any]], pno: int) -> _Line:
    return _Line(pno, seg[0]["top"], seg[0]["x0"], normalize(" ".join(w["text"] for w in seg)))


def _two_column_block(rows: list[list[_Line]], width: float, *, from_end: bool) -> int:
    """How many rows at the top (or bottom) of a page form a two-column block: a letterhead
    (agency | national motto) or a signature block (recipients | signer)."""
    seq = list(reversed(rows)) if from_end else rows
    last_two = -1
    two = 0
    for k, segs in enumerate(seq[:14]):
        if len(segs) > 2:
            break
        if k and abs(segs[0].top - seq[k - 1][0].top) >= 30:
            break
        if len(segs) == 2:
            two += 1
            last_two = k
    return last_two + 1 if two >= 2 else 0


def _lines_of(rows: list[list[_Line]], width: float, *, first: bool, last: bool) -> list[_Line]:
    """Reading order: two-column blocks column by column; any other row with several segments
    (an unruled table row) as one line with ' | ' between its segments."""
    mid = width / 2 - 40
    top = _two_column_block(rows, width, from_end=False) if first else 0
    bottom = _two_column_block(rows, width, from_end=True) if last else 0
    tail: list[_Line] = []
    if last and not bottom and len(rows) > 2 and len(rows[-1]) == 1:
        # the signer's name set apart below the signature block
        bottom = _two_column_block(rows[:-1], width, from_end=True)
        if bottom:
            tail = rows[-1]
            rows = rows[:-1]
    if top + bottom > len(rows):
        bottom, tail, rows = 0, [], rows + ([tail] if tail else [])

    def columns(block: list[list[_Line]]) -> list[_Line]:
        segs = [x for r in block for x in r]
        return [x for x in segs if x.x0 < mid] + [x for x in segs if x.x0 >= mid]

    out = columns(rows[:top]) if top else []
    for segs in rows[top : len(rows) - bottom]:
        if len(segs) == 1:
            out.append(segs[0])
        else:
            out.append(_Line(segs[0].page, segs[0].top, segs[0].x0, " | ".join(x.text for x in segs)))
    if bottom:
        out += columns(rows[len(rows) - bottom :]) + tail
    return out


def _header_rows(rows: list[list[str | None]]) -> int:
    n = 0
    for row in rows[: min(3, len(rows) - 1)]:
        cells = [c for c in row if c]
        if not cells or any(
            _NUMERIC.match(c) and any(ch.isdigit() for ch in c) and not _YEAR.match(c) for c in cells
        ):
            break
        n += 1
    return n


def _columns(header: list[list[str | None]], ncols: int) -> list[str]:
    """Join multi-row headers per column; a None right of a cell spans from it, below a cell
    it continues the cell above."""
    filled: list[list[str]] = []
    for r, row in enumerate(header):
        cur: list[str] = []
        for j in range(ncols):
            v = row[j] if j < len(row) else None
            if v is None:
                above = filled[r - 1][j] if r > 0 else ""
                if r > 0 and header[r - 1][j] is not None:
                    v = ""  # vertical merge: the cell above already names it
                elif j > 0 and cur[j - 1] and (r == 0 or not above):
                    v = cur[j - 1]  # horizontal span
                else:
                    v = ""
            cur.append(v)
        filled.append(cur)
    cols = []
    for j in range(ncols):
        parts: list[str] = []
        for row in filled:
            if row[j] and (not parts or parts[-1] != row[j]):
                parts.append(row[j])
        cols.append(normalize(" ".join(parts)))
    return cols


# ---------------------------------------------------------------------------------------------
# reading


def _open(data: bytes, source: str) -> Any:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
        _ = pdf.pages  # forces the page tree
        return pdf
    except PdfminerException as e:
        cause = e.args[0] if e.args else e
        if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in str(cause).lower():
            raise ReadError(f"{source}: encrypted PDF (password-protected); cannot read its text") from None
        raise ReadError(f"{source}: corrupt PDF ({type(cause).__name__}: {str(cause)[:80]})") from None
    except (PDFPasswordIncorrect, PDFEncryptionError):
        raise ReadError(f"{source}: encrypted PDF (password-protected); cannot read its text") from None
    except PDFSyntaxError as e:
        raise ReadError(f"{source}: corrupt PDF ({str(e)[:80]})") from None
    except Exception as e:  # noqa: BLE001 - pdfminer raises a zoo of types on broken files
        raise ReadError(f"{source}: corrupt or unreadable PDF ({type(e).__name__}: {str(e)[:80]})") from None


def read_pdf_bytes(data: bytes, source: str) -> Text:
    if not data.lstrip()[:1024].count(b"%PDF-") and b"%PDF-" not in data[:1024]:
        raise ReadError(f"{source}: not a PDF (no %PDF header)")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError(f"{source}: truncated PDF (no end-of-file marker; the download was probably cut)")
    warnings: list[str] = []
    pdf = _open(data, source)
    try:
        pages_items: list[list[_Line | _Tab]] = []
        n_chars = 0
        n_images = 0
        for pno, page in enumerate(pdf.pages, start=1):
            try:
                n_chars += len(page.chars)
                n_images += len(page.images)
                tables = [t for t in page.find_tables() if len(t.rows) >= 2 and len(t.columns) >= 2]
                boxes = [t.bbox for t in tables]
                rows = _page_rows(page, pno, boxes)
                lines = _lines_of(rows, float(page.width), first=pno == 1, last=pno == len(pdf.pages))
                tabs = sorted(
                    (_Tab(pno, float(t.bbox[1]), [[_cell(c) for c in row] for row in t.extract()]) for t in tables),
                    key=lambda t: t.top,
                )
                # tables go before the first line below them; the lines keep their reading order
                items: list[_Line | _Tab] = []
                for ln in lines:
                    while tabs and tabs[0].top < ln.top:
                        items.append(tabs.pop(0))
                    items.append(ln)
                items.extend(tabs)
                pages_items.append(items)
            except ReadError:
                raise
            except Exception as e:  # noqa: BLE001
                warnings.append(f"page {pno}: could not be read ({type(e).__name__})")
                pages_items.append([])
            finally:
                # pdfplumber keeps every page's parsed objects until the PDF is closed:
                # ~5 MB a page, 2.7 GB peak for a 500-page report; 86 MB when released
                page.close()
    except ReadError:
        raise
    except Exception as e:  # noqa: BLE001
        raise ReadError(f"{source}: corrupt PDF ({type(e).__name__}: {str(e)[:80]})") from None
    finally:
        pdf.close()

    if not pages_items:
        raise ReadError(f"{source}: corrupt PDF (no readable pages)")
    if n_chars == 0:
        if n_images:
            raise ReadError(f"{source}: scanned PDF without a text layer (only images); needs OCR")
        raise ReadError(f"{source}: PDF has no text")

    _drop_furniture(pages_items)
    return _assemble(pages_items, source, warnings)


def _furniture_key(s: str) -> str:
    return re.sub(r"\d+", "#", s.strip().lower())


def _drop_furniture(pages: list[list[_Line | _Tab]]) -> None:
    """Page numbers and lines repeated at the top/bottom of pages (running heads, footers)."""
    n = len(pages)
    edge = Counter()
    for items in pages:
        lines = [it for it in items if isinstance(it, _Line)]
        for key in {_furniture_key(ln.text) for ln in lines[:2] + lines[-2:]}:
            edge[key] += 1
    repeated = {k for k, c in edge.items() if n >= 2 and c >= max(2, (n + 1) // 2)}
    for items in pages:
        lines = [it for it in items if isinstance(it, _Line)]
        edges = {id(x) for x in lines[:2] + lines[-2:]}
        items[:] = [
            it
            for it in items
            if not (
                isinstance(it, _Line)
                and id(it) in edges
                and (_PAGE_NO.match(it.text) or _furniture_key(it.text) in repeated)
            )
        ]


def _last_page(t: _Tab) -> int:
    return t.cont_rows[-1][0] if t.cont_rows else t.page


def _mostly_upper(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= 0.8


def _continues(line: str, nxt: str) -> bool:
    """Whether `nxt` is the wrapped rest of `line` (same paragraph)."""
    if not line or not nxt or _LIST_START.match(nxt):
        return False
    if nxt[0].islower():
        return True
    if line[-1] in ".;:!?" or len(line) < 45:
        return False
    if _mostly_upper(line):
        return _mostly_upper(nxt)  # an all-caps heading wrapped over two lines
    # a full line without final punctuation runs on (also into a capitalised name)
    return not _mostly_upper(nxt) and (len(line) >= 60 or not nxt[0].isupper())


def _assemble(pages: list[list[_Line | _Tab]], source: str, warnings: list[str]) -> Text:
    # join tables continued across page breaks
    flat: list[_Line | _Tab] = []
    for items in pages:
        for k, it in enumerate(items):
            if (
                k == 0
                and isinstance(it, _Tab)
                and flat
                and isinstance(flat[-1], _Tab)
                and _last_page(flat[-1]) == it.page - 1
                and len(flat[-1].rows[0]) == len(it.rows[0])
            ):
                prev = flat[-1]
                if not prev.header_n:
                    prev.header_n = _header_rows(prev.rows)
                rows = it.rows
                h = prev.rows[: prev.header_n]
                if h and rows[: len(h)] == h:
                    rows = rows[len(h) :]
                prev.cont_rows.append((it.page, rows))
                continue
            flat.append(it)

    text_parts: list[str] = []
    pos = 0
    page_start: dict[int, int] = {}
    page_end: dict[int, int] = {}
    tables: list[Table] = []

    def emit(s: str, page: int, sep: str = "\n") -> int:
        nonlocal pos
        if text_parts:
            text_parts.append(sep)
            pos += len(sep)
        start = pos
        page_start.setdefault(page, start)
        text_parts.append(s)
        pos += len(s)
        page_end[page] = pos
        return start

    i = 0
    while i < len(flat):
        it = flat[i]
        if isinstance(it, _Line):
            emit(it.text, it.page)
            cur = it.text
            while i + 1 < len(flat) and isinstance(flat[i + 1], _Line) and _continues(cur, flat[i + 1].text):  # type: ignore[union-attr]
                nxt = flat[i + 1]
                assert isinstance(nxt, _Line)
                page_start.setdefault(nxt.page, pos + 1)
                text_parts.append(" " + nxt.text)
                pos += 1 + len(nxt.text)
                page_end[nxt.page] = pos
                cur = nxt.text
                i += 1
            i += 1
            continue
        # a table
        assert isinstance(it, _Tab)
        ncols = max(len(r) for r in it.rows)
        hn = it.header_n or _header_rows(it.rows)
        header_cells: list[list[Cell]] = []
        body_cells: list[list[Cell]] = []
        t_start = None
        segments = [(it.page, it.rows)] + it.cont_rows
        for seg_i, (page, rows) in enumerate(segments):
            for r, row in enumerate(rows):
                row = list(row) + [None] * (ncols - len(row))
                line, spans = _layout_row(row)
                start = emit(line, page)
                if t_start is None:
                    t_start = start
                cells = [Cell(text=row[j] or "", start=start + a, end=start + b) for j, (a, b) in enumerate(spans)]
                (header_cells if seg_i == 0 and r < hn else body_cells).append(cells)
        tables.append(
            Table(
                page=it.page,
                pages=sorted({it.page} | {p for p, _ in it.cont_rows}),
                start=t_start or 0,
                end=pos,
                header=header_cells,
                rows=body_cells,
                columns=_columns(it.rows[:hn], ncols) if hn else [],
            )
        )
        i += 1

    text = "".join(text_parts)
    if normalize(text) != text:
        warnings.append("assembled PDF text is not in normal form; offsets may drift")
    if not text.strip():
        raise ReadError(f"{source}: PDF has no text outside page headers and footers")
    npages = len(pages)
    page_map: list[tuple[int, int]] = []
    last = 0
    for p in range(1, npages + 1):
        s = page_start.get(p, last)
        e = page_end.get(p, s)
        page_map.append((s, e))
        last = e
    title, published = report_title_and_date(text)
    from .text import looks_like_name

    last_line = text.rsplit("\n", 1)[-1]
    author = last_line if looks_like_name(last_line) and not last_line.isupper() else None  # the signer
    if any(text[c.start : c.end] != c.text for tb in tables for row in tb.header + tb.rows for c in row):
        warnings.append("a table cell's offsets do not match the text")
    from .sections import find_sections

    from .pipe_tables import find_pipe_tables

    # tables without ruling lines reach the text as 'a | b' lines: read those too
    tables = sorted(
        tables + [t for t in find_pipe_tables(text) if not any(t.start < u.end and u.start < t.end for u in tables)],
        key=lambda t: t.start,
    )
    return Text(
        source=source,
        format="pdf",
        text=text,
        sections=find_sections(text, skip=[(tb.start, tb.end) for tb in tables]),
        title=title,
        published=published,
        author=author,
        pages=page_map,
        tables=tables,
        warnings=warnings,
    )


def _layout_row(row: list[str | None]) -> tuple[str, list[tuple[int, int]]]:
    """'a | b | | d': cells joined by ' | ' (an empty cell leaves '| |'), with each cell's span."""
    line = ""
    spans: list[tuple[int, int]] = []
    for j, c in enumerate(row):
        if j > 0:
            line += "|" if line == "" else " |"
        c = c or ""
        if c:
            if line:
                line += " "
            spans.append((len(line), len(line) + len(c)))
            line += c
        else:
            spans.append((len(line), len(line)))
    return line, spans


__all__ = ["read_pdf_bytes"]
