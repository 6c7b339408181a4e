from tnxh_extract.evaluate import PRF, Scores, evaluate_document, subject_matches
from tnxh_extract.models import Document, Indicator, Place


def test_subject_match_contains():
    assert subject_matches("vận động, tiếp nhận và tổ chức cai nghiện bắt buộc", ["cai nghiện bắt buộc"])
    assert not subject_matches("cai nghiện tự nguyện", ["cai nghiện bắt buộc"])


def test_subject_match_rejects_negated_form():
    assert not subject_matches("không có nơi cư trú ổn định", ["có nơi cư trú ổn định"])
    assert subject_matches("không có nơi cư trú ổn định", ["không có nơi cư trú ổn định"])


def test_prf():
    x = PRF(tp=8, fp=2, fn=2)
    assert round(x.precision, 2) == 0.8 and round(x.recall, 2) == 0.8 and round(x.f1, 2) == 0.8


def _ind(id, value, **kw):
    return Indicator(id=id, text="x", start=0, end=1, value=value, unit=kw.pop("unit", "người"), sentence="s", **kw)


def test_document_scoring_pairs_by_value_and_checks_parent():
    doc = Document(
        source="a.txt",
        places=[Place(text="Hà Nội", start=0, end=6, name="Hà Nội", level="province")],
        indicators=[_ind("i1", 809, subject="cai nghiện bắt buộc"), _ind("i2", 407, subject="có nơi cư trú", parent="i1"),
                    _ind("i3", 5, unit="lớp")],
    )
    gold = {
        "doc": "a.txt",
        "places": [{"name": "Hà Nội", "level": "province"}, {"name": "Đống Đa", "level": "district"}],
        "decisions": [],
        "indicators": [
            {"id": "g1", "value": 809, "unit": "người", "subject": ["cai nghiện bắt buộc"], "parent": None},
            {"id": "g2", "value": 407, "unit": "người", "subject": ["có nơi cư trú"], "parent": "g1"},
        ],
    }
    scores = Scores()
    evaluate_document(doc, gold, scores)
    assert (scores.places.tp, scores.places.fp, scores.places.fn) == (1, 0, 1)
    assert (scores.indicators.tp, scores.indicators.fp, scores.indicators.fn) == (2, 1, 0)
    assert scores.attributes["parent"]["ok"] == 2
    assert scores.fully_correct == 2
