"""HTML pages: the main text by trafilatura, a plain block-text fallback, then chrome removal.

Decoding: a BOM, else the charset the page declares (<meta charset>, http-equiv), checked
against the bytes, else the guesses of encodings.decode_bytes (Windows-1258 with its combining
tone marks is composed by NFC in normalize()). The article text is laid out as lines
(paragraphs, headings, list items); the title line and a date line (dd/mm/yyyy) head it when
the page's main text does not already start with them, and the author line ends it, so that
everything the gold counts is in `Text.text`.
"""

from __future__ import annotations

import re
import warnings as _warnings
from html.parser import HTMLParser

from ..normalize import normalize
from .base import ReadError, Text
from .encodings import decode_bytes
from .text import clean_lines, is_date_line, parse_date

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)

_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "table", "tr", "blockquote", "pre", "figure", "figcaption", "dd", "dt", "dl", "header", "footer",
    "caption", "address", "td", "th",
}  # fmt: skip
_DROP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "nav", "form", "button", "select", "head", "aside", "title"}


def declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii", "ignore") if m else None


def _trafilatura(html: str) -> tuple[str, dict[str, str | None]] | None:
    try:
        import trafilatura
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        with _warnings.catch_warnings():
            _warnings.simplefilter("ignore")
            doc = trafilatura.bare_extraction(
                html,
                with_metadata=True,
                include_comments=False,
                include_tables=True,
                include_images=False,
                favor_recall=True,
                deduplicate=False,
                # dates only from the page's markup and metadata, never guessed from the prose
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
    except (RecursionError, ValueError, TypeError, AttributeError, MemoryError):
        return None
    except Exception:  # noqa: BLE001 - any crash inside the extractor means: use the fallback
        return None
    if doc is None:
        return None
    get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
    text = get("text") or ""
    meta = {k: get(k) for k in ("title", "date", "author", "url", "sitename")}
    return text, meta


class _BlockText(HTMLParser):
    """Visible text, one block a line; event-driven, so any nesting depth and any breakage."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.title: str | None = None
        self.h1: str | None = None
        self._in: str | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip = 0  # an unclosed <head> or <script> above must not swallow the page
        if tag in _DROP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS or tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        if tag in ("title", "h1") and self._in is None:
            self._in, self._buf = tag, []

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROP_TAGS and self.skip:
            self.skip -= 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == self._in:
            txt = " ".join("".join(self._buf).split())
            if tag == "title" and not self.title:
                self.title = txt or None
            if tag == "h1" and not self.h1:
                self.h1 = txt or None
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in:
            self._buf.append(data)
        if not self.skip:
            self.parts.append(data)


def _fallback(html: str) -> tuple[str, str | None]:
    """Visible block text, one block a line; the first <h1> or the <title>."""
    p = _BlockText()
    try:
        p.feed(html)
        p.close()
    except Exception:  # noqa: BLE001 - whatever was collected so far is the text
        pass
    return "".join(p.parts), p.h1 or p.title


def read_html_string(html: str, source: str = "<html>", *, warnings: list[str] | None = None) -> Text:
    warns = list(warnings or [])
    html = html.replace("\x00", "")
    if not html.strip():
        raise ReadError(f"{source}: empty HTML")
    got = _trafilatura(html)
    meta: dict[str, str | None] = {}
    body = ""
    if got is not None:
        body, meta = got
    if not normalize(body):
        fb, fb_title = _fallback(html)
        if normalize(fb):
            warns.append("main-text extraction found nothing; used plain block text")
            body = fb
            meta.setdefault("title", fb_title)
            if not meta.get("title"):
                meta["title"] = fb_title
    body_n = normalize(body)
    if not body_n:
        raise ReadError(f"{source}: HTML page has no article text (no body text found)")

    art = clean_lines(body_n.split("\n"), find_head=False)
    lines = [ln for ln in art.lines]
    title = normalize(meta.get("title") or "") or None
    published = meta.get("date") if meta.get("date") and re.fullmatch(r"\d{4}-\d\d-\d\d", str(meta.get("date"))) else None
    if published is None:
        published = art.published
    author = normalize(meta.get("author") or "") or art.author

    # the title line, then the date line, at the head of the text
    title_at = next((i for i, ln in enumerate(lines[:3]) if title and normalize(ln) == title), None)
    if title and title_at is None:
        lines.insert(0, title)
        title_at = 0
    has_date_line = any(is_date_line(ln) for ln in lines[:5])
    if published and not has_date_line:
        y, m, d = published.split("-")
        lines.insert(0 if title_at is None else title_at + 1, f"{d}/{m}/{y}")
    elif not published:
        for ln in lines[:5]:
            if is_date_line(ln):
                published = parse_date(ln)
                break
    tail: list[str] = []
    if author and author not in "\n".join(lines[-6:]):
        tail = ["", author]
    text = normalize("\n".join(lines + tail))
    content = [ln for ln in lines if ln.strip() and normalize(ln) != title and not is_date_line(ln)]
    if not content:
        raise ReadError(f"{source}: HTML page has no article text (only a title, navigation or other page chrome)")
    url = meta.get("url") or None
    return Text(
        source=source,
        format="html",
        text=text,
        title=title if title and title in text else None,
        published=published,
        author=author or None,
        url=url,
        warnings=warns + art.warnings,
    )


def read_html_bytes(data: bytes, source: str) -> Text:
    html, _enc, warns = decode_bytes(data, source=source, declared=declared_charset(data))
    return read_html_string(html, source, warnings=warns)


__all__ = ["declared_charset", "read_html_bytes", "read_html_string"]
