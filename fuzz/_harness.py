"""Shared harness of the fuzzers: seeding, the invariants checked on every Document, run.

Each fuzzer feeds bytes to `tnxh_extract.extract_bytes(data, name)` (and fuzz_text also
the decoded string to `tnxh_extract.extract`) and fails, so that libFuzzer saves the
input as a crash, when

- the call raises (the API promises never to raise for bad input);
- a reader, the tokenizer, the assembly or a component failed with an unexpected
  exception (the API turned it into an error or a warning, but it is still a bug);
- the Document breaks an invariant: a span whose offsets do not slice `text` to the
  span's `text`, a value that is not a finite number, an error together with findings.

A hang shows as libFuzzer's `timeout-*` artifact (-timeout, seconds per input), a memory
blow-up as `oom-*` (-rss_limit_mb).
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import atheris

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "fixtures" / "articles"
REGRESSIONS = ROOT / "fixtures" / "regressions"
WORK = Path(__file__).resolve().parent

with atheris.instrument_imports(include=["tnxh_extract"]):
    import tnxh_extract
    from tnxh_extract import api, assemble, checks, pipeline  # noqa: F401
    from tnxh_extract import concepts, decisions, indicators, normalize, numbers, periods, places  # noqa: F401
    from tnxh_extract import tokenizer  # noqa: F401
    from tnxh_extract.components import base, sentences  # noqa: F401
    from tnxh_extract.readers import detect, encodings, html, pdf, sections, text  # noqa: F401
    from tnxh_extract.validate import problems


class InvariantError(AssertionError):
    pass


def check_document(doc: tnxh_extract.Document) -> None:
    """Raise InvariantError when `doc` breaks a promise of the API (tnxh_extract.validate)."""
    found = problems(doc)
    if found:
        raise InvariantError("; ".join(found))


def seed(kind: str, suffixes: tuple[str, ...]) -> Path:
    """A working corpus folder for `kind`, seeded with the fixtures (and regressions)."""
    corpus = WORK / ".corpus" / kind
    corpus.mkdir(parents=True, exist_ok=True)
    for folder in (ARTICLES, REGRESSIONS):
        if folder.is_dir():
            for path in sorted(folder.iterdir()):
                if path.suffix.lower() in suffixes and not (corpus / path.name).exists():
                    shutil.copyfile(path, corpus / path.name)
    return corpus


def run(kind: str, suffixes: tuple[str, ...], one_input) -> None:  # type: ignore[no-untyped-def]
    """Parse libFuzzer flags; with no corpus folder given, use the seeded one."""
    argv = list(sys.argv)
    if not any(not a.startswith("-") for a in argv[1:]):
        argv.append(str(seed(kind, suffixes)))
    artifacts = WORK / ".artifacts" / kind
    artifacts.mkdir(parents=True, exist_ok=True)
    defaults = {"-artifact_prefix=": f"{artifacts}{os.sep}", "-timeout=": "30", "-rss_limit_mb=": "2048"}
    for flag, value in defaults.items():
        if not any(a.startswith(flag) for a in argv[1:]):
            argv.insert(1, flag + value)
    pipeline.shared()  # build the pipeline once, before the clock starts
    atheris.Setup(argv, one_input)
    atheris.Fuzz()
