"""The batch report: a self-contained HTML page over a batch output directory.

Reads `documents.jsonl` only (one Document JSON per line, as the batch runner writes it) with
the standard library, so neither pandas nor duckdb is needed. Records are read as plain dicts,
not validated against the models: a report must still open on a file written by a newer
version with extra fields, and an unreadable line is shown as a failure, never dropped.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator

from .article import HTMLPage, environment, fmt_number

NO_CONCEPT = "(no concept)"
NO_PLACE = "(no place)"
NO_PROVINCE = "(province unknown)"
WHOLE_COUNTRY = "(whole country)"
ABROAD = "(abroad)"
NO_YEAR = "(no year)"
CHART_MAX_BARS = 25
TOP_UNITS = 6  # units listed per group; the rest are counted
NOT_SUMMED = {"%", "lần"}  # rates and multiples do not add up
NNBSP = "\u202f"  # narrow no-break space: the thousands separator of the report


def grouped(value: float) -> str:
    """12345678.0 -> '12 345 678', 1234.5 -> '1 234.5' (narrow no-break spaces)."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", NNBSP)
    return f"{value:,.2f}".rstrip("0").rstrip(".").replace(",", NNBSP)


@dataclass
class Group:
    """The figures of one concept, province or year."""

    key: str
    figures: int = 0
    docs: set[int] = field(default_factory=set)
    units: Counter = field(default_factory=Counter)
    sums: dict[str, float] = field(default_factory=dict)  # top-level figures only, per unit

    def add(self, doc_no: int, ind: dict[str, Any]) -> None:
        self.figures += 1
        self.docs.add(doc_no)
        unit = str(ind.get("unit") or "")
        self.units[unit] += 1
        value = ind.get("value")
        summable = unit not in NOT_SUMMED and isinstance(value, (int, float)) and not isinstance(value, bool)
        if summable and not ind.get("parent"):
            self.sums[unit] = self.sums.get(unit, 0.0) + float(value)

    @property
    def documents(self) -> int:
        return len(self.docs)

    @property
    def top_units(self) -> list[tuple[str, int]]:
        return self.units.most_common(TOP_UNITS)

    @property
    def more_units(self) -> int:
        return max(0, len(self.units) - TOP_UNITS)

    @property
    def sums_text(self) -> str:
        """The sums of the most frequent units, e.g. '1 793 người; 3 073 cơ sở'."""
        top = [u for u, _ in self.units.most_common() if u in self.sums][:TOP_UNITS]
        return "; ".join(f"{grouped(self.sums[u])} {u}".strip() for u in top)


@dataclass
class Failure:
    where: str
    source: str
    error: str


def read_documents(path: Path) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    """(line number, record or None, why it could not be read) for every non-blank line."""
    with path.open(encoding="utf-8", errors="replace") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield n, None, f"invalid JSON: {exc}"
                continue
            if not isinstance(rec, dict):
                yield n, None, f"not a JSON object but {type(rec).__name__}"
                continue
            yield n, rec, None


def _list(rec: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = rec.get(key)
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def province_of(ind: dict[str, Any], places: list[dict[str, Any]]) -> str:
    """The province a figure is attributed to, through the document's place mentions."""
    ref = ind.get("place")
    if not isinstance(ref, dict) or not ref.get("name"):
        return NO_PLACE
    level = ref.get("level")
    if level == "province":
        return str(ref["name"])
    if level == "country":
        return WHOLE_COUNTRY
    if level == "foreign":
        return ABROAD
    for pl in places:
        same = (ref.get("code") and pl.get("code") == ref.get("code")) or (
            pl.get("name") == ref.get("name") and pl.get("level") == level
        )
        prov = pl.get("province")
        if same and isinstance(prov, dict) and prov.get("name"):
            return str(prov["name"])
    return NO_PROVINCE


def year_of(ind: dict[str, Any]) -> str:
    year = ind.get("year")
    period = ind.get("period") if isinstance(ind.get("period"), dict) else {}
    if year is None:
        year = period.get("year")
    if year is None:
        for key in ("start_date", "end_date"):
            d = period.get(key)
            if isinstance(d, str) and d[:4].isdigit():
                year = int(d[:4])
                break
    return NO_YEAR if year is None else str(year)


def _chart(groups: Iterable[Group], label: str) -> dict[str, Any]:
    """Bars for an inline SVG: the largest groups by number of figures."""
    groups = list(groups)
    top = groups[:CHART_MAX_BARS]
    peak = max((g.figures for g in top), default=0) or 1
    bars = []
    for i, g in enumerate(top):
        short = g.key if len(g.key) <= 24 else g.key[:23] + "…"
        bars.append({"key": g.key, "short": short, "value": g.figures,
                     "width": max(1.0, round(250 * g.figures / peak, 1)), "y": 6 + i * 26})
    return {"label": label, "bars": bars, "height": 12 + 26 * len(bars),
            "omitted": max(0, len(groups) - len(top))}


def _sorted_by_count(groups: dict[str, Group], last: Iterable[str] = ()) -> list[Group]:
    tail = set(last)
    return sorted(groups.values(), key=lambda g: (g.key in tail, -g.figures, g.key))


def _year_key(g: Group) -> tuple[int, str]:
    return (0, g.key) if g.key.isdigit() else (1, g.key)


def collect(outdir: str | Path) -> dict[str, Any]:
    """Everything the report shows, computed from `outdir/documents.jsonl`."""
    outdir = Path(outdir)
    path = outdir if outdir.is_file() else outdir / "documents.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"no documents.jsonl in {outdir}")
    concepts: dict[str, Group] = {}
    provinces: dict[str, Group] = {}
    years: dict[str, Group] = {}
    matrix: dict[tuple[str, str], int] = defaultdict(int)
    documents: list[dict[str, Any]] = []
    warned: list[dict[str, Any]] = []
    failures: list[Failure] = []
    totals = Counter()
    for line_no, rec, why in read_documents(path):
        if rec is None:
            failures.append(Failure(f"line {line_no}", "", why or ""))
            totals["unreadable"] += 1
            continue
        doc_no = len(documents)
        source = str(rec.get("source") or f"line {line_no}")
        inds, places, decs = _list(rec, "indicators"), _list(rec, "places"), _list(rec, "decisions")
        warnings = [str(w) for w in rec.get("warnings") or []] if isinstance(rec.get("warnings"), list) else []
        error = rec.get("error")
        info = {"line": line_no, "source": source, "title": rec.get("title") or "",
                "published": rec.get("published") or "", "indicators": len(inds),
                "places": len(places), "decisions": len(decs), "warnings": warnings,
                "error": str(error) if error else ""}
        documents.append(info)
        totals["documents"] += 1
        totals["indicators"] += len(inds)
        totals["places"] += len(places)
        totals["decisions"] += len(decs)
        if error:
            totals["failed"] += 1
            failures.append(Failure(f"line {line_no}", source, str(error)))
        if warnings:
            totals["with_warnings"] += 1
            totals["warnings"] += len(warnings)
            warned.append(info)
        for ind in inds:
            c = str(ind.get("concept") or NO_CONCEPT)
            p = province_of(ind, places)
            y = year_of(ind)
            concepts.setdefault(c, Group(c)).add(doc_no, ind)
            provinces.setdefault(p, Group(p)).add(doc_no, ind)
            years.setdefault(y, Group(y)).add(doc_no, ind)
            matrix[(c, y)] += 1
    by_concept = _sorted_by_count(concepts, [NO_CONCEPT])
    by_province = _sorted_by_count(provinces, [NO_PLACE, NO_PROVINCE, WHOLE_COUNTRY, ABROAD])
    by_year = sorted(years.values(), key=_year_key)
    year_keys = [g.key for g in by_year]
    return {
        "outdir": outdir.name or str(outdir),
        "path": path.name,
        "totals": totals,
        "by_concept": by_concept,
        "by_province": by_province,
        "by_year": by_year,
        "charts": [
            _chart(by_concept, "Figures by concept"),
            _chart(by_province, "Figures by province"),
            _chart(by_year, "Figures by year"),
        ],
        "matrix": {"years": year_keys,
                   "rows": [(g.key, [matrix.get((g.key, y), 0) for y in year_keys]) for g in by_concept]},
        "documents": documents,
        "warned": warned,
        "failures": failures,
    }


def render_report(outdir: str | Path) -> str:
    """The batch report over `outdir` (a batch output directory, or its documents.jsonl)."""
    from .article import _version

    data = collect(outdir)
    return HTMLPage(environment().get_template("report.html").render(version=_version(), **data).lstrip())
