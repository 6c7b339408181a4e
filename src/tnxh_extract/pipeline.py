"""load(): the spaCy Language that turns normalised text into a Doc full of findings."""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache

import spacy
from spacy.language import Language

from . import components  # noqa: F401  (registers the factories)
from .tokenizer import SyllableTokenizer

#: Documents longer than this (characters of normalised text) are refused with an error
#: record rather than risking a worker's memory (about 135 MB per million characters over
#: a 130 MB base, so 2 M characters stay under 500 MB); spaCy's own limit is raised to match.
MAX_CHARS = int(os.environ.get("TNXH_MAX_CHARS", 2_000_000))

#: The components in the order they run; later ones read what earlier ones wrote.
COMPONENTS = (
    "tnxh_sentences",
    "tnxh_places",
    "tnxh_decisions",
    "tnxh_periods",
    "tnxh_numbers",
    "tnxh_indicators",
)


@spacy.registry.tokenizers("tnxh.SyllableTokenizer.v1")
def create_tokenizer() -> "Callable[[Language], SyllableTokenizer]":
    def make(nlp: Language) -> SyllableTokenizer:
        return SyllableTokenizer(nlp.vocab)

    return make


def load(disable: tuple[str, ...] = ()) -> Language:
    """A fresh pipeline: blank Vietnamese with the syllable tokenizer and our components."""
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"@tokenizers": "tnxh.SyllableTokenizer.v1"}}})
    nlp.max_length = max(nlp.max_length, MAX_CHARS + 1)
    for name in COMPONENTS:
        if name not in disable:
            nlp.add_pipe(name)
    return nlp


@cache
def shared() -> Language:
    """The process-wide pipeline used by extract(): built once, then reused."""
    return load()
