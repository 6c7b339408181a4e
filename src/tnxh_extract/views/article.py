"""The article view: one Document as a self-contained HTML page.

The text is shown with every place, decision and indicator highlighted in its own colour.
Spans may nest (an indicator containing a place) or cross; a span that crosses the edge of
an enclosing one is split into fragments, each carrying the record's `data-rid`, and exactly
one fragment (the first) carries `data-head`, so `mark[data-head]` counts records.

All text is escaped here or by Jinja's autoescape; the records the page's script reads are
embedded as JSON inside `<script type="application/json">` with `<`, `>` and `&` escaped.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from ..models import Decision, Document, Indicator, Place

KINDS = ("indicator", "decision", "place")
KIND_LABEL = {"indicator": "Indicator", "decision": "Decision", "place": "Place"}
_PREFIX = {"indicator": "I", "decision": "D", "place": "P"}
# When two spans cover exactly the same stretch, the indicator is outermost, the place innermost.
_RANK = {"indicator": 0, "decision": 1, "place": 2}


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The Jinja environment over the package's templates (autoescaping HTML)."""
    env = Environment(
        loader=PackageLoader("tnxh_extract.views", "templates"),
        autoescape=select_autoescape(["html", "htm", "xml", "svg"]),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["num"] = fmt_number
    return env


def fmt_number(value: float | int | None) -> str:
    """12.0 -> '12', 67.4 -> '67.4', None -> ''; plain machine form, no thousands separator."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


def script_json(data: Any) -> Markup:
    """JSON safe to place inside a <script> element (no `</script>`, no `<!--`)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(text)


class HTMLPage(str):
    """A whole HTML page: a plain `str` that a Jupyter notebook displays in a frame.

    Shown inline, the page's own styles would restyle the notebook; in a sandboxed
    `<iframe srcdoc>` it keeps to itself and its script still runs.
    """

    height = 640

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(str(self), quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{self.height}px;border:1px solid #d1d9e0;border-radius:6px">'
            "</iframe>"
        )


# --------------------------------------------------------------------------- records -> fields


def _unit(ref: Any) -> str:
    if ref is None:
        return ""
    out = f"{ref.name} ({ref.level}"
    if ref.code:
        out += f", {ref.code}"
    return out + ")"


def _period(ind: Indicator) -> str:
    p = ind.period
    if p is None:
        return ""
    dates = " – ".join(d for d in (p.start_date, p.end_date) if d)
    out = f"“{p.text}”"
    if dates:
        out += f" = {dates}"
    if p.year is not None:
        out += f" (year {p.year})"
    return out


def _change(ind: Indicator) -> str:
    c = ind.change
    if c is None:
        return ""
    parts = []
    if c.direction:
        parts.append(c.direction)
    if c.delta is not None:
        parts.append(f"by {fmt_number(c.delta)}{' ' + c.delta_unit if c.delta_unit else ''}")
    if c.from_ is not None:
        parts.append(f"from {fmt_number(c.from_)}")
    if c.reference_year is not None:
        parts.append(f"vs {c.reference_year}")
    return " ".join(parts) or "(stated, no details)"


def _value(ind: Indicator) -> str:
    out = fmt_number(ind.value)
    if ind.value_max is not None:
        out += f"–{fmt_number(ind.value_max)}"
    return f"{out} {ind.unit}".strip()


def indicator_fields(ind: Indicator, parent_text: str | None, warnings: list[str]) -> list[list[str]]:
    parent = ind.parent or ""
    if ind.parent and parent_text:
        parent += f" — “{parent_text}”"
    rows = [
        ["id", ind.id],
        ["text", ind.text],
        ["value", _value(ind)],
        ["target", fmt_number(ind.target)],
        ["percent", "" if ind.percent is None else f"{fmt_number(ind.percent)}%"],
        ["subject", ind.subject or ""],
        ["concept", ind.concept or ""],
        ["place", _unit(ind.place)],
        ["period", _period(ind)],
        ["year", "" if ind.year is None else str(ind.year)],
        ["qualifier", ind.qualifier or ""],
        ["change", _change(ind)],
        ["parent", parent],
        ["section", " › ".join(ind.section)],
        ["page", "" if ind.page is None else str(ind.page)],
        ["sentence", ind.sentence],
        ["offsets", f"{ind.start}–{ind.end}"],
    ]
    rows.extend(["warning", w] for w in warnings)
    return rows


def decision_fields(dec: Decision) -> list[list[str]]:
    return [
        ["code", dec.code],
        ["text", dec.text],
        ["doc_type", dec.doc_type],
        ["number", dec.number],
        ["issuer_code", dec.issuer_code or ""],
        ["date", dec.date or ""],
        ["issuer", dec.issuer or ""],
        ["issuer_resolved", dec.issuer_resolved or ""],
        ["summary", dec.summary or ""],
        ["offsets", f"{dec.start}–{dec.end}"],
    ]


def place_fields(pl: Place) -> list[list[str]]:
    return [
        ["text", pl.text],
        ["name", pl.name],
        ["level", pl.level],
        ["code", pl.code or ""],
        ["province", _unit(pl.province)],
        ["current", _unit(pl.current)],
        ["ambiguous", "yes" if pl.ambiguous else ""],
        ["offsets", f"{pl.start}–{pl.end}"],
    ]


# --------------------------------------------------------------------------- highlighting


@dataclass
class Item:
    """One record as the page shows it."""

    rid: str  # DOM id of the record: I1, D1, P1 (1-based index within its kind)
    kind: str
    start: int
    end: int
    text: str
    label: str  # short title: indicator value, decision code, place name
    fields: list[list[str]]
    record_warnings: list[str] = field(default_factory=list)
    status: str = "ok"  # ok | mismatch | outside

    @property
    def tooltip(self) -> str:
        shown = [f"{k}: {v}" for k, v in self.fields if v and k not in ("text", "sentence", "offsets")]
        return f"{KIND_LABEL[self.kind]} {self.label}\n" + "\n".join(shown)


def _warnings_about(ind_id: str, warnings: list[str]) -> list[str]:
    pat = re.compile(rf"(?<![\w-]){re.escape(ind_id)}(?![\w-])")
    return [w for w in warnings if pat.search(w)]


def build_items(doc: Document) -> list[Item]:
    """Every record of `doc` with its fields, its DOM id and whether its span can be shown."""
    by_id = {ind.id: ind for ind in doc.indicators}
    items: list[Item] = []
    for n, ind in enumerate(doc.indicators, 1):
        parent = by_id.get(ind.parent) if ind.parent else None
        own = _warnings_about(ind.id, doc.warnings)
        items.append(
            Item(f"I{n}", "indicator", ind.start, ind.end, ind.text, _value(ind),
                 indicator_fields(ind, parent.text if parent else None, own), own)
        )
    for n, dec in enumerate(doc.decisions, 1):
        items.append(Item(f"D{n}", "decision", dec.start, dec.end, dec.text, dec.code, decision_fields(dec)))
    for n, pl in enumerate(doc.places, 1):
        items.append(Item(f"P{n}", "place", pl.start, pl.end, pl.text, pl.name, place_fields(pl)))
    if doc.text is not None:
        size = len(doc.text)
        for it in items:
            if not (0 <= it.start < it.end <= size):
                it.status = "outside"
            elif doc.text[it.start:it.end] != it.text:
                it.status = "mismatch"
    return items


def highlight(text: str, items: list[Item]) -> Markup:
    """`text` escaped, with a <mark> per record (fragments where spans cross)."""
    shown = [it for it in items if it.status != "outside"]
    opens: dict[int, list[Item]] = {}
    for it in shown:
        opens.setdefault(it.start, []).append(it)
    bounds = sorted({0, len(text)} | {it.start for it in shown} | {it.end for it in shown})
    out: list[str] = []
    stack: list[Item] = []
    headed: set[str] = set()
    pos = 0

    def open_tag(it: Item) -> str:
        cls = f"hl hl-{it.kind}" + (" hl-mismatch" if it.status == "mismatch" else "")
        attrs = f' class="{cls}" data-rid="{it.rid}" data-kind="{it.kind}"'
        if it.rid not in headed:
            headed.add(it.rid)
            attrs += f' id="hl-{it.rid}" data-head="1" tabindex="0"'
            attrs += f' title="{html.escape(it.tooltip, quote=True)}"'
        else:
            attrs += ' data-cont="1"'
        return f"<mark{attrs}>"

    for b in bounds:
        if b > pos:
            out.append(html.escape(text[pos:b], quote=False))
            pos = b
        reopen: list[Item] = []
        closing = [i for i, s in enumerate(stack) if s.end <= b]
        if closing:
            idx = closing[0]
            popped = stack[idx:]
            out.append("</mark>" * len(popped))
            del stack[idx:]
            reopen = [s for s in popped if s.end > b]
        starting = reopen + opens.get(b, [])
        starting.sort(key=lambda s: (-s.end, _RANK[s.kind], s.rid))
        for it in starting:
            out.append(open_tag(it))
            stack.append(it)
    out.append("</mark>" * len(stack))
    return Markup("".join(out))


# --------------------------------------------------------------------------- page

_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def _version() -> str:
    from .. import __version__

    return __version__



def render(doc: Document) -> str:
    """The whole article page for `doc` as a self-contained HTML string (no network).

    The string is an `HTMLPage`: in a notebook, a cell ending in `render(doc)` shows the page.
    """
    items = build_items(doc)
    notes: list[str] = []
    body = None
    if doc.text is not None:
        body = highlight(doc.text, items)
        for it in items:
            if it.status == "outside":
                notes.append(
                    f"{KIND_LABEL[it.kind]} {it.rid} “{it.text}”: offsets {it.start}–{it.end} are "
                    f"outside the text (length {len(doc.text)}) or empty; not highlighted."
                )
            elif it.status == "mismatch":
                notes.append(
                    f"{KIND_LABEL[it.kind]} {it.rid} “{it.text}”: the text at {it.start}–{it.end} "
                    f"reads “{doc.text[it.start:it.end]}”."
                )
    counts = {k: sum(1 for it in items if it.kind == k) for k in KINDS}
    shown = {k: sum(1 for it in items if it.kind == k and it.status != "outside") for k in KINDS}
    records = {it.rid: {"kind": it.kind, "label": it.label, "fields": it.fields} for it in items}
    id_to_rid = {ind.id: f"I{n}" for n, ind in enumerate(doc.indicators, 1)}
    tmpl = environment().get_template("article.html")
    return HTMLPage(tmpl.render(
        doc=doc,
        version=_version(),
        safe_url=bool(doc.url and _SAFE_URL.match(doc.url)),
        body=body,
        items=items,
        indicators=[it for it in items if it.kind == "indicator"],
        decisions=[it for it in items if it.kind == "decision"],
        places=[it for it in items if it.kind == "place"],
        ind_records=list(zip(doc.indicators, [it for it in items if it.kind == "indicator"])),
        id_to_rid=id_to_rid,
        counts=counts,
        shown=shown,
        notes=notes,
        records_json=script_json(records),
        kind_label=KIND_LABEL,
        fmt_value=_value,
        fmt_unit=_unit,
        fmt_period=_period,
        fmt_change=_change,
    ))
