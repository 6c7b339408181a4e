"""Breakdowns: which figures are parts of another ('trong đó', 'gồm:', parentheses,
'Xét theo hình thức, …')."""

from __future__ import annotations

import regex

from .context import Context, Figure
from .lexicon import Lexicon

# patterns used once per figure, compiled once
_SENTENCE_PUNCT = regex.compile(r"[;.!?]")


def link_breakdowns(ctx: Context, figures: list[Figure], lex: Lexicon) -> None:
    """'… 630 người (trong đó: 480 …, 97 …)' makes 480 and 97 children of 630.

    A breakdown opens with a cue ('trong đó', 'gồm', 'cụ thể') or a parenthesis right
    after a figure, and runs to the closing parenthesis, to the end of the sentence when
    the cue introduces a list ('gồm:'), else to the next ';'. Its figures count the same
    thing as their parent (same unit, a '%', or a bare count).
    """
    for k, parent in enumerate(figures[:-1]):
        if parent.parent is not None or parent.unit == "%":
            continue
        nxt = figures[k + 1]
        if parent.qualifier == "expected" and nxt.qualifier != "expected" and k > 0:
            # "… cho 1.084 người; ước cả năm đạt 1.150 người. Xét theo địa bàn, …": the
            # parts break down the result, not the forecast
            earlier = figures[k - 1]
            if earlier.parent is None and earlier.unit == parent.unit and earlier.qualifier != "expected":
                parent = earlier
        opener = _breakdown_opener(ctx, figures[k], nxt, lex)
        if opener is None:
            continue
        second = figures[k + 2] if k + 2 < len(figures) else None
        scope_end = _breakdown_end(ctx, opener, nxt, second)
        for child in figures[k + 1 :]:
            if child.start >= scope_end:
                break
            if child.parent is None:
                child.parent = parent


def link_sentence_breakdowns(ctx: Context, figures: list[Figure], lex: Lexicon) -> None:
    """A sentence opening with a breakdown cue ('Xét theo hình thức, …', 'Trong đó, …')
    breaks down the last result figure of its paragraph before it."""
    text = ctx.text
    for k, fig in enumerate(figures):
        if fig.parent is not None or k == 0:
            continue
        s_start, s_end = ctx.sentence_at(fig.start)
        if not lex.sentence_breakdown_re.match(text[s_start : fig.start].lstrip("-–•+ ")):
            continue
        para_start = text.rfind("\n", 0, s_start) + 1
        parent = next((f for f in reversed(figures[:k]) if para_start <= f.start < s_start
                       and f.parent is None and f.qualifier != "expected" and f.unit != "%"), None)
        if parent is None:
            continue
        for child in figures[k:]:
            if child.start >= s_end:
                break
            if child.parent is None:
                child.parent = parent


def _breakdown_opener(ctx: Context, parent: Figure, nxt: Figure, lex: Lexicon) -> regex.Match | None:
    text = ctx.text
    p_sent, n_sent = ctx.sentence_at(parent.start), ctx.sentence_at(nxt.start)
    if n_sent == p_sent:
        between_start = parent.end
    elif n_sent[0] <= p_sent[1] + 2:  # "… 18 nạn nhân. Trong đó, 12 …"
        between_start = n_sent[0]
    else:
        return None
    between = text[between_start : nxt.start]
    if len(between) > 200:
        return None
    opener = None
    for opener in lex.opener_re.finditer(text, between_start, nxt.start):
        pass  # the opener nearest the first part
    if opener is None and n_sent == p_sent:
        opener = regex.compile(r"\s?:").match(text, parent.end)  # "596 bệnh nhân: thành phố A 318, …"
    if opener is not None and opener.group() == "(" and ")" in text[opener.end() : nxt.start]:
        opener = None  # an aside that closed before the figure: "(gọi tắt là …)"
    if opener is None or (n_sent != p_sent and opener.start() - between_start > 3):
        return None
    if _SENTENCE_PUNCT.search(text[opener.end() : nxt.start]):
        return None
    return opener


def _breakdown_end(ctx: Context, opener: regex.Match, first: Figure, second: Figure | None) -> int:
    text = ctx.text
    _, s_end = ctx.sentence_at(first.start)
    if opener.group() == "(" or text.rfind("(", 0, opener.start()) > text.rfind(")", 0, opener.start()):
        close = text.find(")", opener.end(), s_end)
        return close if close >= 0 else s_end
    introduces_list = text[opener.end() : opener.end() + 2].lstrip().startswith(":")
    if introduces_list and second is not None and ";" in text[first.end : second.start]:
        # "gồm: a 687 người; b 214 người; c 245 người." — up to an item that starts a new
        # statement with a capital ("…; Hỗ trợ 117 người …")
        new_statement = regex.compile(r";\s*\p{Lu}").search(text, first.end, s_end)
        return new_statement.start() if new_statement else s_end
    semi = text.find(";", opener.end(), s_end)
    return semi if semi >= 0 else s_end


# ----------------------------------------------------------- to records
