"""Place recognition: hand-checked corpus, seed articles against gold, gazetteer rebuild."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tnxh_extract.normalize import normalize
from tnxh_extract.places import find, resolve

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "fixtures" / "corpora" / "places.jsonl"
SEEDS = ["000_687b35c95e240ce9", "001_098a3c74941ebcd6", "002_0eff7e86777b0365",
         "003_8ee182596cd60661", "004_7d61c2132ca338f9"]
# page chrome after the article body (lists of other articles), removed by the reader
CHROME = ("Các tin mới hơn:", "Tin khác", "Các tin đã đưa ngày", "Xem nhiều nhất")


def _cases():
    with CORPUS.open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


CASES = _cases()


def test_corpus_size():
    mentions = sum(len(c["places"]) for c in CASES)
    assert mentions >= 100
    assert any(p.get("ambiguous") for c in CASES for p in c["places"])


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_corpus(case):
    text = normalize(case["text"])
    got = find(text, province=case.get("province"))
    for p in got:
        assert text[p.start : p.end] == p.text
    expected = [e for e in case["places"] if not e.get("known_gap")]
    gaps = {e["text"] for e in case["places"] if e.get("known_gap")}
    got = [p for p in got if p.text not in gaps]
    assert [p.text for p in got] == [e["text"] for e in expected]
    for p, e in zip(got, expected):
        assert (p.name, p.level) == (e["name"], e["level"]), e
        if "code" in e:
            assert p.code == e["code"], e
        if "in_province" in e:
            assert p.province is not None and p.province.code == e["in_province"], e
        if "current" in e:
            assert p.current is not None and p.current.code == e["current"], e
        assert p.ambiguous == e.get("ambiguous", False), e


def _body(name: str) -> str:
    text = normalize((ROOT / "fixtures" / "articles" / f"{name}.txt").read_text(encoding="utf-8"))
    cut = min((text.find(m) for m in CHROME if text.find(m) >= 0), default=len(text))
    return text[:cut]


# hand-written articles from other provinces and years (fixtures/README.md)
WRITTEN = sorted(p.name[: -len(".gold.json")] for p in (ROOT / "fixtures" / "gold").glob("1*.gold.json")
                 if (ROOT / "fixtures" / "articles" / (p.name[: -len(".gold.json")] + ".txt")).exists())


@pytest.mark.parametrize("name", SEEDS + WRITTEN)
def test_articles_match_gold(name):
    gold = json.loads((ROOT / "fixtures" / "gold" / f"{name}.gold.json").read_text("utf-8"))
    found = {(p.name, p.level) for p in find(_body(name))}
    assert found == {(p["name"], p["level"]) for p in gold["places"]}


def test_resolve_most_specific():
    p = resolve("xã Quế Châu, huyện Quế Sơn, tỉnh Quảng Nam")
    assert p is not None
    assert (p.name, p.level, p.code) == ("Quế Châu", "commune", "20680")
    assert p.province is not None and p.province.code == "49"
    assert p.current is not None and (p.current.name, p.current.code) == ("Quế Sơn Trung", "20662")
    d = resolve("huyện Quế Sơn, tỉnh Quảng Nam")
    assert d is not None and d.level == "district" and d.current.name == "Đà Nẵng"


def test_resolve_refuses_to_guess():
    assert resolve("xã Tân Thành") is None
    assert resolve("Phường 1") is None
    assert resolve("đường Lê Lợi") is None
    assert resolve("") is None


def test_article_province_disambiguates():
    text = normalize("Mô hình ra mắt tại xã Đại Đồng.")
    assert find(text)[0].ambiguous and find(text)[0].code is None
    p = find(text, province="Quảng Nam")[0]
    assert (p.code, p.ambiguous) == ("20515", False)
    assert find(text, province="49")[0].code == "20515"
    # without a given province, the one the text names most is used
    text2 = normalize("Sở LĐ-TBXH tỉnh Quảng Nam ra mắt mô hình tại xã Đại Đồng.")
    assert find(text2)[-1].code == "20515"


def test_long_input_completes():
    """A long run of chains completes with exact offsets (time: benchmarks/bench_places.py)."""
    text = normalize("xã Quế Châu, huyện Quế Sơn, tỉnh Quảng Nam; " * 20 + "Nguyễn Văn A. ") * 50
    for place in find(text):
        assert text[place.start : place.end] == place.text


@pytest.mark.skipif(importlib.util.find_spec("vietnamadminunits") is None,
                    reason="vietnamadminunits not installed")
def test_gazetteer_matches_rebuild():
    res = subprocess.run([sys.executable, str(ROOT / "gazetteers" / "build_places.py"), "--check"],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout + res.stderr


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _PIECES = ["xã", "phường", "huyện", "quận", "tỉnh", "thành phố", "TP.", "Q.", "P.", "TX",
               "các", "và", ",", ";", ":", "(", ")", "-", "\n", "|", " ", "Quảng Nam",
               "Quế Sơn", "Tân Thành", "Châu Thành", "Hà Nội", "Lào", "Nguyễn", "Thị",
               "Hòa Bình", "1", "12", "Phường 3", "Sê Kông", "HCM", "biên giới", "Huyện, xã"]

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.sampled_from(_PIECES), max_size=40), st.text(max_size=30))
    def test_offsets_always_valid(pieces, noise):
        text = normalize(" ".join(pieces) + noise)
        got = find(text)
        last = -1
        for p in got:
            assert text[p.start : p.end] == p.text
            assert p.start >= last  # in order, not overlapping
            last = p.end
            assert p.code is None or not p.ambiguous
