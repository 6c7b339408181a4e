"""Text normalisation: one spelling for one word, so recognisers and offsets agree.

Everything downstream (offsets, `text_sha256`, gazetteer look-ups) works on the output of
`normalize`. The tone-placement convention is the "old" one used by most of the press and by
the gold annotations: hòa, thúy, khỏe, ủy (tone on the first vowel of a final oa/oe/uy).
"""

from __future__ import annotations

import unicodedata

import regex

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # grave, acute, tilde, hook above, dot below

# In NFD: o/O + a/e + tone, at the end of a syllable -> tone moves onto the o.
_OA_OE = regex.compile(rf"([oO])([aAeE])([{_TONES}])(?![\p{{L}}\p{{M}}])")
# u/U + y + tone at the end of a syllable, not after q (quý keeps its tone on y).
_UY = regex.compile(rf"(?<![qQ])([uU])([yY])([{_TONES}])(?![\p{{L}}\p{{M}}])")

_SPACES = regex.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\v\f]")
_INVISIBLE = regex.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_TRAILING = regex.compile(r"[ ]+\n")
_MANY_SPACES = regex.compile(r" {2,}")
_MANY_BLANK_LINES = regex.compile(r"\n{3,}")
# "huyệnQuế Sơn" -> "huyện Quế Sơn": a unit word glued to a capitalised name.
_GLUED_UNIT = regex.compile(
    r"(?i:\b(tỉnh|thành phố|quận|huyện|thị xã|thị trấn|xã|phường))(?=\p{Lu})"
)


# Digits of scripts newer than this Python's Unicode database: `regex` (which all the
# recognisers use) matches them as \d, but int()/float() cannot read them (U+116D0 ...).
_NON_ASCII_DIGIT = regex.compile(r"(?![0-9])\d")


def unreadable_digits(text: str) -> str:
    """`text` with every digit that Python cannot convert replaced by U+FFFD (same length,
    so offsets are kept): recognisers match digits with `regex` and convert them with
    int()/float(), and the two must agree."""
    if text.isascii():
        return text
    out = _NON_ASCII_DIGIT.sub(lambda m: m.group() if m.group().isdecimal() else "\ufffd", text)
    return text if out == text else out


def fix_tone_placement(text: str) -> str:
    """Apply the one tone-placement convention (hoà -> hòa, thuý -> thúy, khoẻ -> khỏe)."""
    nfd = unicodedata.normalize("NFD", text)
    nfd = _OA_OE.sub(r"\1\3\2", nfd)
    nfd = _UY.sub(r"\1\3\2", nfd)
    return unicodedata.normalize("NFC", nfd)


def normalize(text: str) -> str:
    """Return the canonical form of `text` that all offsets index.

    NFC; one tone-placement convention; CRLF/CR to LF; odd spaces to plain spaces;
    invisible characters dropped; digits Python cannot read to U+FFFD; runs of spaces and blank lines folded; a missing space
    after an administrative unit word restored.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unreadable_digits(text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = fix_tone_placement(text)
    text = _GLUED_UNIT.sub(r"\1 ", text)
    text = _TRAILING.sub("\n", text)
    text = _MANY_SPACES.sub(" ", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()
