from tnxh_extract.checks import check
from tnxh_extract.models import Change, Indicator


def ind(id, value, unit="người", **kw):
    return Indicator(id=id, text=str(value), start=0, end=1, value=value, unit=unit, sentence="s", **kw)


def test_rate_consistent_gives_no_warning():
    assert check([ind("i1", 809, target=1200, percent=67.4)]) == []


def test_rate_inconsistent_names_the_indicator():
    warnings = check([ind("i1", 809, target=1200, percent=76.4)])
    assert len(warnings) == 1 and warnings[0].startswith("i1:")


def test_breakdown_over_parent():
    out = check([ind("i1", 100), ind("i2", 60, parent="i1"), ind("i3", 50, parent="i1")])
    assert any("i1" in w and "i2+i3" in w for w in out)


def test_breakdown_that_adds_up_is_fine():
    assert check([ind("i1", 809), ind("i2", 407, parent="i1"), ind("i3", 402, parent="i1")]) == []


def test_rate_over_100():
    assert any("over 100" in w for w in check([ind("i1", 120, unit="%")]))


def test_change_direction_contradiction():
    out = check([ind("i1", 20, unit="điểm", change=Change(from_=35, direction="increase"))])
    assert any("contradicts" in w for w in out)


def test_missing_parent():
    assert any("does not exist" in w for w in check([ind("i2", 5, parent="i9")]))


def test_plan_exceeded_is_not_a_warning():
    assert check([ind("i1", 3874, unit="bệnh nhân", target=3459, percent=112)]) == []
