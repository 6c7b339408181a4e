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
from typing import Any
from functools import cache
from html.parser import HTMLParser

from ..lexicon import load_json
from ..normalize import normalize
from .base import ReadError, Text
from .encodings import decode_bytes
from .text import find_author, clean_lines, is_date_line, parse_date

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


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


@cache
def _class_cues() -> tuple[frozenset[str], frozenset[str]]:
    data = load_json("chrome.json")
    return frozenset(data.get("html_class_cues", [])), frozenset(data.get("html_class_keep", []))


def _is_chrome_box(attrs: list[tuple[str, str | None]]) -> bool:
    """An element whose class/id/role names page chrome (tags, share, comments, related...)."""
    cues, keep = _class_cues()
    names = " ".join((v or "") for k, v in attrs if k in ("class", "id", "role", "itemprop")).lower()
    if not names.strip():
        return False
    tokens = set(re.split(r"[\s]+", names)) | set(re.split(r"[\s_-]+", names))
    tokens.discard("")
    if any(t in keep or any(t.startswith(k) for k in keep) for t in tokens):
        return False
    return any(t == c or (t.startswith(c) and len(c) >= 4) for t in tokens for c in cues)


class _BlockText(HTMLParser):
    """Visible text, one block a line; event-driven, so any nesting depth and any breakage.
    Subtrees marked as chrome by their class/id are left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.stack: list[tuple[str, bool]] = []  # (tag, opened a skipped subtree)
        self.title: str | None = None
        self.h1: str | None = None
        self._in: str | None = None
        self._buf: list[str] = []
        self._after_end = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skip = 0  # an unclosed <head> or <script> above must not swallow the page
            self.stack = [(t, False) for t, _ in self.stack]
        if tag not in _VOID:
            drop = tag in _DROP_TAGS or _is_chrome_box(attrs)
            self.stack.append((tag, drop))
            if drop:
                self.skip += 1
        if tag in _BLOCK_TAGS or tag == "br":
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append(" | ")
        elif self._after_end and self.parts and self.parts[-1][-1:] not in (" ", "\n"):
            self.parts.append(" ")  # <b>Tin khác</b><a>…</a>: two elements, two words
        self._after_end = False
        if tag in ("title", "h1") and self._in is None:
            self._in, self._buf = tag, []

    def handle_endtag(self, tag: str) -> None:
        self._after_end = True
        if any(t == tag for t, _ in self.stack):
            while self.stack:
                t, dropped = self.stack.pop()
                if dropped and self.skip:
                    self.skip -= 1
                if t == tag:
                    break
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")
        if tag == self._in:
            txt = " ".join("".join(self._buf).split())
            if tag == "title" and not self.title:
                self.title = txt or None
            if tag == "h1" and not self.h1:
                self.h1 = txt or None
            self._in = None

    def handle_data(self, data: str) -> None:
        if data:
            self._after_end = False
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


def _merge(traf: list[str], fb: Any) -> list[str] | None:
    """The page's own block text (chrome boxes and lines removed) when it holds what the
    main-text extractor found, cut after the last line they share (plus a short author/source
    tail); it keeps the lead, captions, title and date line that extractors often drop.
    None when the block text does not cover the extractor's paragraphs."""
    if fb is None or not fb.lines:
        return None
    fb_lines: list[str] = fb.lines
    paras = [ln for ln in traf if len(ln.split()) >= 8]
    if traf and sum(1 for ln in traf if ln.startswith("|")) > len(traf) / 2:
        paras = []  # the extractor rendered a layout table ("| cell | cell |"): not prose
    if paras:
        traf_sh = _shingles(" ".join(paras))
        fb_sh = _shingles(" ".join(fb_lines))
        if not traf_sh or len(traf_sh & fb_sh) / len(traf_sh) < 0.7:
            return None
        shared = [i for i, ln in enumerate(fb_lines) if ln and _overlap(ln, traf_sh) >= 0.5]
        if not shared:
            return None
        end = shared[-1] + 1
        extra = 0
        # after the last shared line only a byline or a source line may follow
        while end < len(fb_lines) and extra < 4 and (not fb_lines[end] or _is_byline(fb_lines[end])):
            extra += 1 if fb_lines[end] else 0
            end += 1
        while end > 0 and not fb_lines[end - 1]:
            end -= 1
        return fb_lines[:end]
    # nothing from the extractor: the block text, if it has running prose
    return fb_lines if any(len(ln.split()) >= 8 for ln in fb_lines) else None


_TOKEN = re.compile(r"\w+")
_BYLINE = re.compile(
    r"(?i)^(?:(?:nguồn|tác giả|bài|ảnh|tin|phóng viên|người viết|người đăng)(?:\s*(?:,|và)\s*(?:ảnh|bài))?\s*:|theo\s+\S)"
)


def _is_byline(line: str) -> bool:
    from .text import looks_like_name

    s = line.strip()
    return bool(_BYLINE.match(s)) or looks_like_name(s) or bool(re.match(r"^[\w\s.]{2,40}\s[-–]\s.{0,80}$", s) and len(s) < 120)


def _squash(s: str) -> str:
    return "".join(_TOKEN.findall(s.lower()))


def _shingles(s: str, n: int = 3) -> set[tuple[str, ...]]:
    toks = _TOKEN.findall(s.lower())
    return {tuple(toks[i : i + n]) for i in range(max(0, len(toks) - n + 1))}


def _overlap(line: str, sh: set[tuple[str, ...]]) -> float:
    mine = _shingles(line)
    if not mine:
        toks = tuple(_TOKEN.findall(line.lower()))
        return 1.0 if toks and any(toks == t[: len(toks)] for t in sh) else 0.0
    return len(mine & sh) / len(mine)


from . import html_tables  # noqa: E402


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
    fb, fb_title = _fallback(html)
    if not meta.get("title"):
        meta["title"] = fb_title
    traf_lines = [ln for ln in normalize(body).split("\n") if ln.strip()]
    fb_art = clean_lines(normalize(fb).split("\n"), title_hint=meta.get("title")) if normalize(fb) else None
    lines = _merge(traf_lines, fb_art)
    if lines is None:
        if not traf_lines:
            raise ReadError(f"{source}: HTML page has no article text (no body text found)")
        art = clean_lines(traf_lines, find_head=False)
        lines = list(art.lines)
        art_warnings = art.warnings
        art_published, art_author = art.published, art.author
    else:
        if not traf_lines:
            warns.append("main-text extraction found nothing; used the page's block text")
        assert fb_art is not None
        art_warnings = fb_art.warnings
        art_published, art_author = fb_art.published, find_author(lines)
    if not lines:
        raise ReadError(f"{source}: HTML page has no article text (no body text found)")
    lines, placed_tables = html_tables.lay_out(lines, html_tables.parse_tables(html))
    title = normalize(meta.get("title") or "") or None
    published = meta.get("date") if meta.get("date") and re.fullmatch(r"\d{4}-\d\d-\d\d", str(meta.get("date"))) else None
    if published is None:
        published = art_published
    author = art_author or normalize(meta.get("author") or "") or None

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
    if author:
        same = [ln for ln in lines[-8:] if ln.strip() and _squash(ln) == _squash(author)]
        if same:
            author = same[-1].strip()  # the page's own spelling of the byline
    if author and _squash(author) not in _squash("\n".join(lines)):
        tail = ["", author]
    text = normalize("\n".join(lines + tail))
    content = [ln for ln in lines if ln.strip() and normalize(ln) != title and not is_date_line(ln)]
    if not any(len(ln.split()) >= 6 for ln in content):
        raise ReadError(f"{source}: HTML page has no article text (only a title, navigation or other page chrome)")
    url = meta.get("url") or None
    from .sections import find_sections

    return Text(
        source=source,
        format="html",
        text=text,
        sections=find_sections(text),
        tables=html_tables.locate(text, placed_tables),
        title=title if title and title in text else None,
        published=published,
        author=author or None,
        url=url,
        warnings=warns + art_warnings,
    )


def read_html_bytes(data: bytes, source: str) -> Text:
    html, _enc, warns = decode_bytes(data, source=source, declared=declared_charset(data))
    return read_html_string(html, source, warnings=warns)


__all__ = ["declared_charset", "read_html_bytes", "read_html_string"]
