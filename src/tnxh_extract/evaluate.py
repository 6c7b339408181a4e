"""Gold-based evaluation, as docs/annotation-guidelines.md defines a correct extraction.

Places are compared as the set of distinct (name, level); decisions by code; indicators
are paired with gold figures of the same value (preferring the same unit, a matching
subject and the nearest position), then each annotated attribute is compared. Keys the
gold leaves out are not compared; `null` in the gold means "annotated as absent".
"""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .models import Document, Indicator

INDICATOR_ATTRIBUTES = (
    "unit", "target", "percent", "subject", "place", "year", "period",
    "qualifier", "change", "parent", "value_max",
)


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Scores:
    documents: int = 0
    places: PRF = field(default_factory=PRF)
    decisions: PRF = field(default_factory=PRF)
    indicators: PRF = field(default_factory=PRF)
    place_level: Counter[str] = field(default_factory=Counter)
    decision_fields: dict[str, Counter[str]] = field(default_factory=dict)
    attributes: dict[str, Counter[str]] = field(default_factory=dict)
    fully_correct: int = 0
    metadata: dict[str, Counter[str]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    by_format: dict[str, Scores] = field(default_factory=dict)

    def tally(self, table: dict[str, Counter[str]], key: str, ok: bool) -> None:
        table.setdefault(key, Counter())["ok" if ok else "bad"] += 1

    def to_dict(self) -> dict[str, Any]:
        def prf(x: PRF) -> dict[str, float | int]:
            return {"precision": round(x.precision, 4), "recall": round(x.recall, 4), "f1": round(x.f1, 4),
                    "tp": x.tp, "fp": x.fp, "fn": x.fn}

        def acc(c: Counter[str]) -> float:
            n = c["ok"] + c["bad"]
            return round(c["ok"] / n, 4) if n else 1.0

        return {
            "documents": self.documents,
            "places": prf(self.places) | {"level_accuracy": acc(self.place_level)},
            "decisions": prf(self.decisions)
            | {"fields": {k: acc(v) for k, v in sorted(self.decision_fields.items())}},
            "indicators": prf(self.indicators)
            | {
                "attributes": {k: acc(self.attributes.get(k, Counter())) for k in INDICATOR_ATTRIBUTES},
                "fully_correct": round(self.fully_correct / self.indicators.tp, 4) if self.indicators.tp else 0.0,
            },
            "metadata": {k: acc(v) for k, v in sorted(self.metadata.items())},
            "errors": self.errors,
            "by_format": {k: v.to_dict() for k, v in sorted(self.by_format.items())},
        }


def _norm(s: str | None) -> str:
    return unicodedata.normalize("NFC", s or "").strip().lower()


def subject_matches(predicted: str | None, phrases: Iterable[str]) -> bool:
    """The subject contains one of the phrases, not only in negated form."""
    subject = _norm(predicted)
    for phrase in phrases:
        p = _norm(phrase)
        start = subject.find(p)
        while start >= 0:
            before = subject[:start].rstrip()
            if not before.endswith(("không", "chưa", "không được", "chưa được")) or p.startswith(("không", "chưa")):
                return True
            start = subject.find(p, start + 1)
    return False


def _same_number(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(b)))


def evaluate_document(doc: Document, gold: dict[str, Any], scores: Scores) -> None:
    scores.documents += 1
    if doc.error:
        scores.errors.append(f"{gold.get('doc')}: {doc.error}")
    for key in ("title", "published"):
        if key in gold:
            ok = _norm(getattr(doc, key)) == _norm(gold[key]) if key == "published" else _norm(gold[key]) in _norm(getattr(doc, key))
            scores.tally(scores.metadata, key, ok and getattr(doc, key) is not None)
    _score_places(doc, gold, scores)
    _score_decisions(doc, gold, scores)
    _score_indicators(doc, gold, scores)


def _score_places(doc: Document, gold: dict[str, Any], scores: Scores) -> None:
    predicted = {(_norm(p.name), p.level) for p in doc.places}
    expected = {(_norm(p["name"]), p["level"]) for p in gold.get("places", [])}
    scores.places.add(PRF(len(predicted & expected), len(predicted - expected), len(expected - predicted)))
    names = {}
    for name, level in predicted:
        names.setdefault(name, set()).add(level)
    for name, level in expected:
        if name in names:
            scores.tally({"level": scores.place_level}, "level", level in names[name])
    for name, level in sorted(expected - predicted):
        scores.misses.append(f"{gold.get('doc')}: missed place {name} ({level})")
    for name, level in sorted(predicted - expected):
        scores.misses.append(f"{gold.get('doc')}: extra place {name} ({level})")


def _score_decisions(doc: Document, gold: dict[str, Any], scores: Scores) -> None:
    predicted = {d.code: d for d in doc.decisions}
    expected = {g["code"]: g for g in gold.get("decisions", [])}
    tp = set(predicted) & set(expected)
    scores.decisions.add(PRF(len(tp), len(set(predicted) - tp), len(set(expected) - tp)))
    for code in tp:
        for key in ("doc_type", "number", "issuer_code", "date"):
            if key in expected[code]:
                ok = _norm(getattr(predicted[code], key)) == _norm(expected[code][key])
                scores.tally(scores.decision_fields, key, ok)
    for code in sorted(set(expected) - tp):
        scores.misses.append(f"{gold.get('doc')}: missed decision {code}")
    for code in sorted(set(predicted) - tp):
        scores.misses.append(f"{gold.get('doc')}: extra decision {code}")


def pair_indicators(predicted: list[Indicator], gold: list[dict[str, Any]]) -> dict[int, int]:
    """gold index -> predicted index, pairing equal values, best-fitting first."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(predicted):
            if not _same_number(p.value, g["value"]):
                continue
            score = 4 * (_norm(p.unit) == _norm(g.get("unit")))
            score += 2 * subject_matches(p.subject, g.get("subject") or [])
            score -= abs(gi / max(1, len(gold)) - pi / max(1, len(predicted)))
            candidates.append((score, gi, pi))
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for _score, gi, pi in sorted(candidates, key=lambda c: -c[0]):
        if gi in pairs or pi in used:
            continue
        pairs[gi] = pi
        used.add(pi)
    return pairs


def _score_indicators(doc: Document, gold: dict[str, Any], scores: Scores) -> None:
    expected = gold.get("indicators", [])
    predicted = doc.indicators
    pairs = pair_indicators(predicted, expected)
    scores.indicators.add(PRF(len(pairs), len(predicted) - len(pairs), len(expected) - len(pairs)))
    gold_to_pred_id = {expected[gi]["id"]: predicted[pi].id for gi, pi in pairs.items()}
    for gi, pi in pairs.items():
        g, p = expected[gi], predicted[pi]
        all_ok = True
        for attr in INDICATOR_ATTRIBUTES:
            if attr not in g and attr != "unit":
                continue
            ok = _attribute_ok(attr, p, g, gold_to_pred_id)
            scores.tally(scores.attributes, attr, ok)
            if not ok:
                all_ok = False
                scores.misses.append(
                    f"{gold.get('doc')}: {g['id']}={g['value']:g} {attr}: gold {g.get(attr)!r}, got {_got(attr, p)!r}"
                )
        scores.fully_correct += all_ok
    for gi, g in enumerate(expected):
        if gi not in pairs:
            scores.misses.append(f"{gold.get('doc')}: missed figure {g['id']}={g['value']:g} {g.get('unit')} {g.get('subject')}")
    paired = set(pairs.values())
    for pi, p in enumerate(predicted):
        if pi not in paired:
            scores.misses.append(f"{gold.get('doc')}: extra figure {p.id}={p.value:g} {p.unit} «{p.text}»")


def _got(attr: str, p: Indicator) -> Any:
    value = getattr(p, attr)
    if attr == "place":
        return value.name if value else None
    if attr == "period":
        return [value.start_date, value.end_date] if value else None
    if attr == "change":
        return value.model_dump(by_alias=True, exclude_none=True) if value else None
    return value


def _attribute_ok(attr: str, p: Indicator, g: dict[str, Any], id_map: dict[str, str]) -> bool:
    want = g.get(attr)
    if attr == "unit":
        return _norm(p.unit) == _norm(want)
    if attr in ("target", "percent", "value_max"):
        return _same_number(getattr(p, attr), want)
    if attr == "subject":
        return want is None and not p.subject or subject_matches(p.subject, want or [])
    if attr == "place":
        return _norm(p.place.name if p.place else None) == _norm(want)
    if attr == "year":
        return p.year == want
    if attr == "period":
        got = [p.period.start_date, p.period.end_date] if p.period else None
        return got == want
    if attr == "qualifier":
        return p.qualifier == want
    if attr == "parent":
        return p.parent == (id_map.get(want, "?") if want else None)
    if attr == "change":
        if want is None:
            return p.change is None
        if p.change is None:
            return False
        got = p.change.model_dump(by_alias=True)
        return all(
            _same_number(got.get(k), v) if isinstance(v, (int, float)) or k in ("delta", "from") else got.get(k) == v
            for k, v in want.items()
        )
    return getattr(p, attr) == want


def load_gold(gold_dir: Path) -> list[dict[str, Any]]:
    files = sorted(gold_dir.glob("*.gold.json"))
    if not files:
        raise FileNotFoundError(f"no *.gold.json files in {gold_dir}")
    return [json.loads(f.read_text(encoding="utf-8")) for f in files]


def find_article(gold: dict[str, Any], gold_dir: Path, paths: list[Path]) -> Path | None:
    name = gold["doc"]
    for p in paths:
        if p.is_dir() and (p / name).exists():
            return p / name
        if p.name == name:
            return p
    for candidate in (gold_dir / name, gold_dir.parent / "articles" / name, gold_dir.parent / name):
        if candidate.exists():
            return candidate
    return None


def evaluate(
    gold_dir: Path | list[Path], paths: list[Path] | None = None, extract_file: Any = None
) -> Scores:
    """Run extraction on every gold-annotated article found and score it.

    `gold_dir` may be several folders, scored together. When `paths` names files, only
    the gold documents among them are scored; folders in `paths` are places to look for
    the articles (besides each gold folder's `../articles`).
    """
    if extract_file is None:
        from .api import extract_file
    scores = Scores()
    only = {p.name for p in paths or [] if not p.is_dir()}
    gold_dirs = gold_dir if isinstance(gold_dir, list) else [gold_dir]
    for gold_dir, gold in ((d, g) for d in gold_dirs for g in load_gold(d)):
        if only and gold["doc"] not in only:
            continue
        article = find_article(gold, gold_dir, paths or [])
        if article is None:
            scores.errors.append(f"{gold['doc']}: article not found")
            continue
        doc = extract_file(article)
        evaluate_document(doc, gold, scores)
        fmt = Path(gold["doc"]).suffix.lstrip(".").lower() or "txt"
        evaluate_document(doc, gold, scores.by_format.setdefault(fmt, Scores()))
    return scores


def format_scores(scores: Scores) -> str:
    d = scores.to_dict()
    lines = [f"documents: {d['documents']}"]
    lines.append(f"{'field':<22}{'precision':>10}{'recall':>10}{'F1':>10}{'tp/fp/fn':>14}")
    for key in ("places", "decisions", "indicators"):
        x = d[key]
        lines.append(f"{key:<22}{x['precision']:>10.3f}{x['recall']:>10.3f}{x['f1']:>10.3f}{x['tp']:>6}/{x['fp']}/{x['fn']}")
    lines.append(f"place level accuracy: {d['places']['level_accuracy']:.3f}")
    lines.append("decision field accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in d["decisions"]["fields"].items()))
    lines.append("indicator attribute accuracy (on matched figures):")
    for k, v in d["indicators"]["attributes"].items():
        lines.append(f"  {k:<12}{v:.3f}")
    lines.append(f"indicators fully correct: {d['indicators']['fully_correct']:.3f}")
    if d["metadata"]:
        lines.append("metadata accuracy: " + ", ".join(f"{k} {v:.3f}" for k, v in d["metadata"].items()))
    if len(d["by_format"]) > 1:
        lines.append("F1 by input format (places / decisions / indicators, fully correct):")
        for fmt, x in d["by_format"].items():
            lines.append(
                f"  {fmt:<5}{x['documents']:>3} docs  {x['places']['f1']:.3f} / {x['decisions']['f1']:.3f} / "
                f"{x['indicators']['f1']:.3f}, {x['indicators']['fully_correct']:.3f}"
            )
    for err in d["errors"]:
        lines.append(f"error: {err}")
    return "\n".join(lines)
