"""Indicator concepts: the vocabulary's shape and hand-checked matches."""

from __future__ import annotations

import unicodedata

import pytest

from tnxh_extract import concepts
from tnxh_extract.lexicon import load_json
from tnxh_extract.normalize import normalize

RAW = load_json("indicator_concepts.json")


def test_vocabulary_shape():
    items = RAW["concepts"]
    assert len(items) >= 40
    ids = [c["id"] for c in items]
    assert len(ids) == len(set(ids))
    classes = set(RAW["unit_classes"])
    for c in items:
        assert c["category"] in {"drugs", "prostitution", "trafficking", "general"}, c["id"]
        assert c["id"].split(".")[0] in {"drug", "prostitution", "trafficking", "general"}
        assert c["label"] and c["synonyms"] and c["unit"]
        assert set(c["unit_classes"]) <= classes, c["id"]
        assert set(c.get("subject_only", [])) <= set(c["synonyms"]), c["id"]
        # synonyms are written as normalize() writes text: NFC, old tone style, lower case
        for s in c["synonyms"]:
            assert s == normalize(s).lower() == unicodedata.normalize("NFC", s), (c["id"], s)
    for cat in ("drugs", "prostitution", "trafficking", "general"):
        assert sum(c["category"] == cat for c in items) >= 5, cat


def test_unit_classes():
    assert concepts.unit_classes("người") == {"person"}
    assert concepts.unit_classes("lượt cơ sở") == {"facility"}
    assert "money" in concepts.unit_classes("tỷ đồng")
    assert concepts.unit_classes("con vật lạ") is None
    assert concepts.unit_classes(None) is None


# (subject, unit, expected concept id): each decided by reading the phrase, not the program.
SUBJECT_CASES = [
    ("cai nghiện bắt buộc", "người", "drug.rehab.compulsory"),
    ("đưa vào cơ sở cai nghiện bắt buộc", "người", "drug.rehab.compulsory"),
    ("bắt buộc", "người", "drug.rehab.compulsory"),
    ("cai nghiện tự nguyện", "người", "drug.rehab.voluntary"),
    ("cai nghiện tự nguyện", "%", "drug.rehab.voluntary"),
    ("cai nghiện tự nguyện tại cơ sở", "người", "drug.rehab.voluntary.facility"),
    ("cai nghiện tại gia đình", "người", "drug.rehab.family"),
    ("cai nghiện ma túy tự nguyện tại cộng đồng", "người", "drug.rehab.community"),
    ("cai nghiện tại gia đình và cộng đồng", "người", "drug.rehab.family_community"),
    ("Cai nghiện ma túy", "người", "drug.rehab.total"),
    ("tiếp nhận mới", "người", "drug.rehab.admitted"),
    ("học viên đang quản lý", "học viên", "drug.rehab.residents"),
    ("người nghiện ma túy có hồ sơ quản lý", "người", "drug.users.registered"),
    ("người sử dụng trái phép chất ma túy", "người", "drug.users.illicit"),
    ("xác định tình trạng nghiện", "người", "drug.addiction_assessment"),
    ("điều trị thay thế bằng methadone", "bệnh nhân", "drug.methadone.patients"),
    ("methadone", "cơ sở", "drug.methadone.facilities"),
    ("điểm cấp phát thuốc", "điểm", "drug.methadone.dispensing_points"),
    ("quản lý sau cai nghiện", "người", "drug.aftercare.managed"),
    ("dạy nghề", "người", "drug.aftercare.vocational"),
    ("điểm tư vấn", "điểm", "drug.counselling.points"),
    ("điểm tư vấn", "lượt người", "drug.counselling.clients"),
    ("cơ sở cai nghiện ma túy công lập", "cơ sở", "drug.rehab.facilities"),
    ("đội công tác xã hội tình nguyện", "đội", "general.volunteer_teams"),
    ("người bán dâm", "người", "prostitution.sex_workers"),
    ("tiếp cận, hỗ trợ", "lượt người", "prostitution.sex_workers.supported"),
    ("cơ sở kinh doanh dịch vụ", "cơ sở", "prostitution.establishments"),
    ("dễ phát sinh tệ nạn mại dâm", "cơ sở", "prostitution.establishments.at_risk"),
    ("hỗ trợ giảm hại", "mô hình", "prostitution.models"),
    ("mua bán dâm", "vụ", "prostitution.cases"),
    ("lượt kiểm tra", "lượt", "general.inspections"),
    ("cơ sở vi phạm", "cơ sở", "general.violations"),
    ("xử phạt vi phạm hành chính", "triệu đồng", "general.fines"),
    ("xử phạt", "cơ sở", "general.sanctions"),
    ("mua bán người", "vụ", "trafficking.cases"),
    ("mua bán người", "nạn nhân", "trafficking.victims"),
    ("nạn nhân bị mua bán trở về", "nạn nhân", "trafficking.victims.received"),
    ("giải cứu", "nạn nhân", "trafficking.victims.rescued"),
    ("trao trả", "lượt công dân", "trafficking.repatriated"),
    ("học nghề", "nạn nhân", "trafficking.victims.vocational"),
    ("kinh phí hỗ trợ nạn nhân", "đồng", "trafficking.support_budget"),
    ("dựa vào cộng đồng", "mô hình", "trafficking.community_models"),
    ("buổi tuyên truyền", "buổi", "general.communication.events"),
    ("người tham dự", "lượt người", "general.communication.participants"),
    ("tờ rơi", "tờ rơi", "general.communication.materials"),
    ("lớp tập huấn", "lớp", "general.training.courses"),
    ("tập huấn", "cán bộ", "general.training.trainees"),
    ("tổng kinh phí", "tỷ đồng", "general.budget"),
    ("xã, phường, thị trấn lành mạnh", "xã", "general.healthy_communes"),
]


@pytest.mark.parametrize(("subject", "unit", "expected"), SUBJECT_CASES)
def test_match_subject(subject, unit, expected):
    assert concepts.match(subject, unit) == expected


def test_negation():
    assert concepts.match("có nơi cư trú ổn định", "người") == "drug.rehab.fixed_residence"
    assert concepts.match("không có nơi cư trú ổn định", "người") == "drug.rehab.no_fixed_residence"
    assert concepts.match("người nghiện không có nơi cư trú", "người") == "drug.rehab.no_fixed_residence"
    assert concepts.match("có hỗ trợ kinh phí", "người") == "drug.rehab.state_funded"
    assert concepts.match("không được hỗ trợ kinh phí", "người") == "drug.rehab.self_funded"
    assert concepts.match("chưa được hỗ trợ kinh phí", "người") == "drug.rehab.self_funded"
    # a concept named in negated form is ruled out, also through its shorter synonyms
    assert concepts.match("người nghiện không có hồ sơ quản lý", "người") != "drug.users.registered"
    assert concepts.match("người nghiện có hồ sơ quản lý", "người") == "drug.users.registered"
    assert concepts.match("không tự nguyện", "người") is None


def test_unit_decides_between_readings():
    # the same words count people, facilities or money depending on the unit
    assert concepts.match("điều trị methadone", "người") == "drug.methadone.patients"
    assert concepts.match("điều trị methadone", "cơ sở") == "drug.methadone.facilities"
    assert concepts.match("kinh phí", "người") is None
    assert concepts.match("kinh phí", "đồng") == "general.budget"
    assert concepts.match("tuyên truyền", "buổi") == "general.communication.events"
    assert concepts.match("tuyên truyền", "lượt người") == "general.communication.participants"
    # a percentage can be a rate of any concept
    assert concepts.match("kiểm tra", "%") == "general.inspections"


def test_sentence_fallback():
    s = "Trong 6 tháng đầu năm, toàn tỉnh đã đưa 120 người vào cơ sở cai nghiện bắt buộc."
    assert concepts.match(None, "người", s) == "drug.rehab.compulsory"
    assert concepts.match("", "người", s) == "drug.rehab.compulsory"
    # the subject wins over the sentence
    assert concepts.match("cai nghiện tự nguyện", "người", s) == "drug.rehab.voluntary"


def test_sentence_prefers_words_near_the_figure():
    s = ("Lực lượng chức năng tổ chức 45 lượt kiểm tra các cơ sở kinh doanh dịch vụ nhạy cảm, "
         "các xã đã tiếp nhận 12 nạn nhân bị mua bán trở về và tổ chức 30 buổi tuyên truyền")
    assert concepts.match(None, "buổi", s, position=s.index("30")) == "general.communication.events"
    assert concepts.match(None, "lượt", s, position=s.index("45")) == "general.inspections"
    assert concepts.match(None, "nạn nhân", s, position=s.index("12")) == (
        "trafficking.victims.received"
    )


def test_generic_words_do_not_count_outside_the_subject():
    # "tiếp nhận" alone is too generic to be read from the sentence
    assert concepts.match(None, "người", "Đoàn đã tiếp nhận 15 người đến làm việc.") is None
    assert concepts.match(None, "người", "Đoàn có 15 người đến làm việc tại xã.") is None
    # "tự nguyện" alone is a subject word only; the sentence needs "cai nghiện tự nguyện"
    assert concepts.match(None, "người", "Có 20 người tự nguyện tham gia hiến máu.") is None


def test_nothing_fits():
    assert concepts.match(None, None) is None
    assert concepts.match("đường giao thông nông thôn", "km") is None
    assert concepts.match("Ủy ban nhân dân", "người", None) is None


def test_category_cues_break_ties():
    assert concepts.match("học nghề", "người", "hỗ trợ học nghề cho 12 nạn nhân bị mua bán") == (
        "trafficking.victims.vocational"
    )
    assert concepts.match("học nghề", "người", "12 người sau cai nghiện ma túy được học nghề") == (
        "drug.aftercare.vocational"
    )


def test_get_and_list():
    c = concepts.get("drug.rehab.compulsory")
    assert c is not None and c.category == "drugs" and c.unit == "người"
    assert concepts.get("no.such.concept") is None
    assert len(concepts.concepts()) == len(RAW["concepts"])


def test_header_path_reads_the_last_part_first():
    assert concepts.match("Cai nghiện ma túy: Tự nguyện", "người") == "drug.rehab.voluntary"
    assert concepts.match("Cai nghiện ma túy: Bắt buộc", "người") == "drug.rehab.compulsory"
    # a last part that names nothing falls back to the whole path
    assert concepts.match("Cai nghiện bắt buộc: Tổng số", "người") == "drug.rehab.compulsory"


def test_action_beats_the_population_it_serves():
    assert concepts.match("giới thiệu việc làm người sau cai nghiện", "người") == (
        "drug.aftercare.employment"
    )


def test_money_without_words_is_budget():
    assert concepts.match("nâng cấp phần mềm quản lý", "triệu đồng") == "general.budget"
    assert concepts.match("nâng cấp phần mềm quản lý", "người") is None
    assert concepts.match("hỗ trợ mỗi người", "đồng") == "general.support_per_person"


def test_more_rehab_stages():
    assert concepts.match("lập hồ sơ đề nghị áp dụng biện pháp", "hồ sơ") == (
        "drug.rehab.compulsory_dossiers"
    )
    assert concepts.match("tái nghiện", "%") == "drug.rehab.relapse"
    assert concepts.match("người nghiện mới phát hiện", "người") == "drug.users.new"
    assert concepts.match("hoàn thành cai nghiện", "học viên") == "drug.rehab.completed"
    # "cán bộ" alone names staff only as a subject
    assert concepts.match("cán bộ", "người") == "general.staff"
    assert concepts.match(None, "người", "Đoàn có 15 cán bộ đến làm việc.") is None
