"""The language data the figure rules read: units, cue words, programme names.

Loaded once from gazetteers/units.json and gazetteers/indicator_cues.json and compiled
into the regular expressions the rules use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from ..lexicon import load_json


@dataclass(frozen=True)
class Lexicon:
    units: tuple[str, ...]
    aliases: dict[str, str]
    scales: dict[str, float]  # 'triệu' -> 1e6: a scale word between a figure and its unit
    unit_re: Any
    cues: dict[str, Any]
    qualifier_re: Any
    plan_re: Any
    named_numbers: frozenset[str]
    name_head_re: Any
    plan_near_re: Any
    breakdown_re: Any
    opener_re: Any
    breakdown_lead_re: Any
    sentence_breakdown_re: Any
    not_before_re: Any
    trim_words: frozenset[str]
    stock_re: Any
    national_re: Any


def _alt(words: list[str]) -> str:
    return "|".join(regex.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def lexicon() -> Lexicon:
    units_data = load_json("units.json")
    cues = load_json("indicator_cues.json")
    units = tuple(units_data["units"])
    unit_re = regex.compile(
        rf"\s?(?:({_alt(list(units_data['scales']))})\s)?({_alt(list(units))})(?![\p{{L}}\p{{M}}\p{{N}}])",
        regex.IGNORECASE,
    )
    qual = cues["qualifiers"]
    qualifier_re = regex.compile(
        "(?:" + "|".join(f"(?P<{k}>{_alt(v)})" for k, v in qual.items() if k != "expected") + r")\s$",
        regex.IGNORECASE,
    )
    return Lexicon(
        units=units,
        aliases=units_data["aliases"],
        scales={k.lower(): float(v) for k, v in units_data["scales"].items()},
        unit_re=unit_re,
        cues=cues,
        qualifier_re=qualifier_re,
        named_numbers=frozenset(cues["named_numbers"]["numbers"]),
        name_head_re=regex.compile(rf"(?<![\p{{L}}])(?:{_alt(cues['named_numbers']['heads'])})\s$"),
        plan_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['plan_words_sentence'])})(?![\p{{L}}])"),
        plan_near_re=regex.compile(
            rf"(?i)(?<![%\d]\s?)(?<![\p{{L}}])({_alt(cues['plan_words_near'])})(?:\s\S+){{0,3}}\s$"
        ),
        breakdown_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['breakdown'])})(?![\p{{L}}])"),
        sentence_breakdown_re=regex.compile(rf"(?i)(?:{_alt(cues['sentence_breakdown'])})(?![\p{{L}}])"),
        breakdown_lead_re=regex.compile(rf"(?i)^(?:{_alt(cues['breakdown'])})(?![\p{{L}}])[\s,:]*"),
        opener_re=regex.compile(rf"\(|(?i:(?<![\p{{L}}])(?:{_alt(cues['breakdown'])})(?![\p{{L}}]))"),
        not_before_re=regex.compile(rf"(?<![\p{{L}}])({_alt(cues['not_figure_before'])})\s?$"),
        trim_words=frozenset(w.lower() for w in cues["trim_edge"]),
        stock_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['stock_words'])})(?![\p{{L}}])"),
        national_re=regex.compile(rf"(?i)(?<![\p{{L}}])({_alt(cues['national_words'])})(?![\p{{L}}])"),
    )
