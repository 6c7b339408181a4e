"""Malformed and odd inputs: a ReadError with a clear reason, or a correct read."""

from __future__ import annotations

import importlib.util
import sys
import tempfile
from pathlib import Path

import pytest

from tnxh_extract.readers import DEFAULT_MAX_BYTES, ReadError, read

ROOT = Path(__file__).resolve().parents[1]
_SCRIPT = ROOT / "fixtures" / "malformed" / "make_malformed.py"


def _load():
    spec = importlib.util.spec_from_file_location("make_malformed", _SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules["make_malformed"] = mod
    spec.loader.exec_module(mod)
    return mod


mm = _load()
pytest.importorskip("reportlab")
pytest.importorskip("PIL")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("malformed")
    return out, {c.name: c for c in mm.build(out, big=True)}


NAMES = [c.name for c in mm.build(tempfile.mkdtemp(prefix="tnxh_malformed_"))]


def test_at_least_fifteen_cases(built) -> None:
    _, cases = built
    assert len(cases) >= 15
    assert "huge.txt" in cases


@pytest.mark.parametrize("name", NAMES + ["huge.txt"])
def test_case(built, name: str) -> None:
    out, cases = built
    case = cases[name]
    path = out / name
    if case.expect == "error":
        with pytest.raises(ReadError) as info:
            read(path)
        msg = str(info.value)
        reason = msg.split(": ", 1)[1].lower()  # the reason, without the path (it may hold the word)
        assert case.needle in reason, msg
    else:
        t = read(path)
        assert case.needle in t.text
        if name.endswith((".txt", ".html")) and name != "deeply_nested.html":
            assert t.title == mm.TITLE


def test_size_limit_is_configurable(built) -> None:
    out, _ = built
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024
    with pytest.raises(ReadError, match="too large"):
        read(out / "utf16_bom.txt", max_bytes=100)
    with pytest.raises(ReadError, match="too large"):
        read(b"x" * 200, name="x.txt", max_bytes=100)


def test_bytes_need_no_path() -> None:
    t = read(mm.VI.encode("utf-8"), name="article.txt")
    assert t.source == "article.txt" and t.title == mm.TITLE


def test_warnings_say_what_was_repaired(built) -> None:
    out, _ = built
    assert any("NUL" in w for w in read(out / "nul_bytes.txt").warnings)
    assert any("tcvn3" in w for w in read(out / "tcvn3.txt").warnings)
    assert any("vni" in w for w in read(out / "vni.txt").warnings)


def test_a_few_damaged_utf8_bytes_are_replaced_with_a_warning() -> None:
    data = mm.VI.encode("utf-8")
    data = data[:40] + b"\xff" + data[40:]
    t = read(data, name="x.txt")
    assert "\ufffd" in t.text and any("invalid UTF-8" in w for w in t.warnings)


def test_text_passed_as_path_is_refused_clearly() -> None:
    with pytest.raises(ReadError, match="not a file path"):
        read("Hà Nội: 809 người\ncai nghiện")
