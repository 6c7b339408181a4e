"""The subject of a figure: what is counted or done, from the words around it."""

from __future__ import annotations

import regex

from .context import Context, Figure, clause_start, visible
from .lexicon import Lexicon, lexicon

# patterns used once per figure, compiled once
_ITEM_SEPARATOR = regex.compile(
    r",\s(?!(?:xã|phường|thị trấn|huyện|quận|thị xã|thành phố|tỉnh|thành)(?![\p{L}]))|(?<![\p{L}])(?:và|với|cùng)\s"
)
_WITH_BEFORE = regex.compile(r"(?<![\p{L}])với\s$")
_RATIO_TAIL = regex.compile(r"^\s*/\s*[\d.,]+")
_SPACE_BEFORE_COMMA = regex.compile(r"\s+([,;])")
_SPACES = regex.compile(r"\s{2,}")
_WORD_CHAR = regex.compile(r"\w")
_WORD = regex.compile(r"[\p{L}\p{M}]+")
_SHARED_COMPLEMENT = regex.compile(r"\s*(?:,|với|và|cùng)\s*")
# words that say where or who a part is, not what it counts
_PLACE_AND_GENERIC_WORDS = frozenset(
    "người lượt tỉnh thành phố tp huyện quận thị xã trấn phường khu vực cũ các còn lại số ở tại của và có".split()
)


_ATTRIBUTE_STOP = regex.compile(
    r"[;:()\n]|(?<![\p{L}])(?:(?:đạt|tăng|giảm|chiếm|bằng|với)\s(?=[\d]|khoảng|hơn|gần|trên|dưới|xấp xỉ)"
    r"|so với|trong đó|trong số đó|bao gồm|gồm)(?![\p{L}])"
)
_LEAD_TRIM = regex.compile(
    r"^(?:[\s,;:.\-–]|(?i:(?:và|hoặc|cũng trong|cũng|trong đó|trong số đó|cụ thể|bao gồm|gồm|như|các|những|với|riêng|còn|ngoài ra|"
    r"đồng thời|cùng với đó|theo đó|trong|tại|ở|của)(?![\p{L}])))+"
)
SUBJECT_WORDS = 10
GENERIC_UNITS = {"người", "lượt", "lượt người"}


def subject_of(ctx: Context, fig: Figure, lex: Lexicon) -> str | None:
    """What is counted or done: the words before the figure in its clause, the counted
    noun, and the phrase after it up to the next attribute, figure or clause break."""
    text = ctx.text
    pre = _pre_phrase(ctx, fig, lex)
    post = _post_phrase(ctx, fig)
    if not post and fig.next is not None and _SHARED_COMPLEMENT.fullmatch(text[fig.unit_end : fig.next.start]):
        # "phát hiện 8 vụ với 15 đối tượng mua bán người": the complement is shared
        post = _post_phrase(ctx, fig.next)
    unit = ""
    if fig.unit and fig.unit != "%" and not fig.unit_borrowed:
        unit = _RATIO_TAIL.sub("", text[fig.num_end : fig.unit_end]).strip()
    if not post and unit in GENERIC_UNITS and pre:
        unit = ""  # "… tổ chức cai nghiện bắt buộc [cho 809] người": the noun adds nothing
    subject = " ".join(part for part in (pre, unit, post) if part)
    subject = _SPACE_BEFORE_COMMA.sub(r"\1", _SPACES.sub(" ", subject)).strip(" ,;")
    return subject or None


def with_parent_subject(ctx: Context, fig: Figure, own: str | None, parent: str | None) -> str | None:
    """A part whose own words only say where or who ('thành phố Sóc Trăng 312 người')
    counts what its parent counts: 'parent subject: own words'."""
    if not parent or not is_weak_subject(ctx, fig, own):
        return own
    return f"{parent}: {own}" if own else parent


def is_weak_subject(ctx: Context, fig: Figure, subject: str | None) -> bool:
    """Whether a subject only says where or who (a place, a generic noun), not what."""
    if not subject:
        return True
    s_start, s_end = ctx.sentence_at(fig.start)
    rest = subject
    for place in ctx.place_index.within(s_start, s_end):
        rest = rest.replace(place.text, " ")
    words = [w for w in _WORD.findall(rest.lower()) if w not in _PLACE_AND_GENERIC_WORDS]
    return len(words) <= 1


def _pre_phrase(ctx: Context, fig: Figure, lex: Lexicon) -> str:
    text = ctx.text
    s_start, _ = ctx.sentence_at(fig.start)
    prev_end = fig.prev.end if fig.prev is not None and s_start < fig.prev.end <= fig.start else s_start
    pre_start = clause_start(text, prev_end, fig.start)
    if s_start < prev_end == pre_start:  # after an earlier figure in this clause
        # its own phrase starts after the first separator of the items (a comma or 'và'),
        # not counting the commas of a unit list ("278 xã, phường")
        separator = _ITEM_SEPARATOR.search(text, pre_start, fig.start)
        if separator is not None:
            pre_start = separator.end()
    pre = _cut_words(visible(ctx, pre_start, fig.start), SUBJECT_WORDS, from_end=True)
    pre = _LEAD_TRIM.sub("", _trim_tail(pre)).strip()
    pre = lex.breakdown_lead_re.sub("", pre).strip()
    if not pre and fig.prev is not None and s_start < prev_end == clause_start(text, prev_end, fig.start):
        joint = _WITH_BEFORE.search(text, prev_end, fig.start)
        if joint is not None:
            # "3 cơ sở điều trị Methadone với 596 bệnh nhân": counted within the earlier
            # figure's phrase, which says what they are
            pre = _trim_tail(visible(ctx, fig.prev.num_end, joint.start()))
    return pre


def _post_phrase(ctx: Context, fig: Figure) -> str:
    text = ctx.text
    _, s_end = ctx.sentence_at(fig.start)
    next_start = fig.next.start if fig.next is not None and fig.end <= fig.next.start < s_end else s_end
    post_end = next_start
    stop = _ATTRIBUTE_STOP.search(text, fig.unit_end, post_end)
    if stop:
        post_end = stop.start()
    if next_start < s_end:  # another figure follows: its own words start after a comma
        comma = text.rfind(",", fig.unit_end, post_end)
        if comma >= 0 and not _ATTRIBUTE_STOP.search(text, fig.unit_end, next_start) and post_end == next_start:
            post_end = comma
    return _trim_tail(_cut_words(visible(ctx, fig.unit_end, post_end), SUBJECT_WORDS, from_end=False))


def _cut_words(phrase: str, n: int, *, from_end: bool) -> str:
    """At most n words of `phrase` (its end or its start), cut at a word boundary."""
    phrase = phrase.strip()
    if len(phrase.split()) <= n:
        return phrase
    from ..tokenizer import word_offsets

    words = [w for w in word_offsets(phrase) if _WORD_CHAR.search(phrase[w[0] : w[1]])]
    if len(words) <= n:
        return phrase
    return phrase[words[-n][0] :] if from_end else phrase[: words[n - 1][1]]


def _trim_tail(phrase: str) -> str:
    """Drop function words at the end of a phrase ('… cai nghiện cho' -> '… cai nghiện').

    Works on the last words only (a set look-up per step), not a regex over the phrase.
    """
    lex = lexicon()
    words = phrase.split()
    while words:
        words[-1] = words[-1].rstrip(_TRAILING_PUNCT)
        if not words[-1]:
            words.pop()
            continue
        for size in (3, 2, 1):
            if len(words) >= size and " ".join(words[-size:]).lower() in lex.trim_words:
                del words[-size:]
                break
        else:
            break
    return " ".join(words)


_TRAILING_PUNCT = ",:;.-–(/"
