"""The education/health rules on sentences written for this test in the genre's style
(a fictitious Hà Giang report on the first nine months of 2024), not taken from the seed:
prizes and tournaments, teams, classifier units, "phấn đấu" targets, cut-off hours,
"x/y" wholes and the counts behind a rate."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from test_figures import NINE_MONTHS, _read

from kg.errors import KgError
from kg.extract.entities.english import english_label
from kg.extract.entities.lexicon import load_lexicon as load_entity_lexicon
from kg.extract.figures.lexicon import LEXICON_DIR, load_lexicon
from kg.extract.figures.words import word_pattern
from kg.extract.numbers import find_numbers
from kg.extract.records import Figure


def _by_value(figures: list[Figure], value: str) -> list[Figure]:
    return [f for f in figures if f.value == Decimal(value)]


def _only(figures: list[Figure], value: str) -> Figure:
    found = _by_value(figures, value)
    assert len(found) == 1, (value, figures)
    return found[0]


def test_prizes_won_are_prizes_and_tournaments_attended_are_tournaments() -> None:
    figs, _ = _read(
        "Tham dự 04 giải thể thao toàn quốc, đạt 17 giải; học sinh giỏi cấp tỉnh đạt 3 giải "
        "Nhất, 25 giải Khuyến khích."
    )
    assert _only(figs, "4").unit == "tournament"
    assert {_only(figs, v).unit for v in ("17", "3", "25")} == {"prize"}


def test_a_team_is_a_team_and_a_classifier_takes_the_unit_named_before() -> None:
    figs, _ = _read("Có 6 đội tuyển dự thi; số đơn vị cấp huyện đạt chuẩn là 8 đơn vị.")
    assert _only(figs, "6").unit == "team"
    assert _only(figs, "8").unit == "district"
    other, _ = _read("Có 8 đơn vị tham gia hội thi.")  # no longer form named: stays generic
    assert _only(other, "8").unit == "organisation"


def test_strive_for_makes_targets_of_the_clause_only() -> None:
    figs, _ = _read(
        "Phấn đấu năm 2024 có thêm 15 xã đạt chuẩn nông thôn mới, 95% hộ dân dùng nước sạch; "
        "hiện có 42 xã đạt chuẩn."
    )
    target = _only(figs, "15")
    assert (target.measure_kind, target.period, target.unit) == ("plan-target", "2024", "commune")
    assert _only(figs, "95").measure_kind == "plan-target"
    assert _only(figs, "42").measure_kind == "actual"  # after the ";": a stock, not a target


def test_a_cut_off_hour_gives_the_cut_off_date() -> None:
    figs, _ = _read("Tính đến 17h00 ngày 12/9/2024, toàn tỉnh ghi nhận 318 ca mắc sởi.")
    assert _only(figs, "318").period == "2024-09-12"
    figs, _ = _read("Đến 8 giờ 30 phút ngày 02/9/2024 có 27 trường hợp mắc sởi.")
    assert _only(figs, "27").period == "2024-09-02"


def test_x_of_y_gives_the_part_and_the_whole() -> None:
    figs, _ = _read("Toàn tỉnh có 96/210 trường mầm non, phổ thông đạt chuẩn quốc gia.")
    part = _only(figs, "96")
    assert (part.measure_kind, part.denominator, part.unit) == ("ratio", Decimal(210), "school")
    whole = _only(figs, "210")
    assert (whole.measure_kind, whole.period, whole.value_text) == ("actual", NINE_MONTHS, "210")
    assert whole.indicator == "preschool-general-schools"  # the lexicon's `whole` of the part


def test_a_target_x_of_y_is_a_target_of_an_actual_whole() -> None:
    figs, _ = _read("Phấn đấu số đơn vị cấp huyện đạt chuẩn là 5/11 đơn vị.")
    assert (_only(figs, "5").measure_kind, _only(figs, "5").period) == ("plan-target", "2024")
    assert (_only(figs, "11").measure_kind, _only(figs, "11").period) == ("actual", NINE_MONTHS)


def test_the_counts_behind_a_rate_take_the_rate_subjects_unit() -> None:
    figs, review = _read(
        "Tỷ lệ trẻ dưới 1 tuổi được tiêm chủng đầy đủ đạt 88,2% (4.410/5.000), tăng 1,5% so "
        "với cùng kỳ."
    )
    assert _only(figs, "88.2").indicator == "infant-full-immunisation"
    count = _only(figs, "4410")
    assert (count.unit, count.indicator, count.denominator) == (
        "person",
        "infants-fully-immunised",
        Decimal(5000),
    )
    assert _only(figs, "5000").indicator == "infants-under-1"
    growth = _only(figs, "1.5")  # the growth is the rate's, not the counts'
    assert (growth.indicator, growth.measure_kind) == ("infant-full-immunisation", "growth-rate")
    assert not [r for r in review if "4.410" in r.number_text]


def test_a_pair_not_after_a_rate_stays_in_review() -> None:
    figs, review = _read("Đã xử lý (215/300) theo kế hoạch.")
    assert not _by_value(figs, "215")
    assert [r.reason for r in review] == ["no unit after the number"]


def test_a_share_of_communes_is_a_share() -> None:
    figs, _ = _read("Công tác tiêm chủng mở rộng được duy trì tại 100% xã, phường.")
    share = _only(figs, "100")
    assert (share.measure_kind, share.indicator) == ("share", "expanded-immunisation-communes")


def test_a_whole_naming_an_unknown_indicator_is_a_user_error(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, folder)
    path = folder / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("whole: preschools,", "whole: no-such-thing,", 1), "utf-8")
    with pytest.raises(KgError, match=r"indicators\.yaml.*no-such-thing"):
        load_lexicon(folder)


def test_english_project_labels_translate_common_phrases_and_keep_proper_names() -> None:
    from kg.extract.entities.english import english_label

    glossary = {"nâng cấp": "upgrading of", "đường tỉnh": "provincial road", "huyện": "district"}
    assert english_label("Nâng cấp đường tỉnh 212 (huyện Đình Lập)", glossary) == (
        "Upgrading of provincial road 212 (district Đình Lập)"
    )
    assert english_label("Nâng cấp chợ Đình Lập", glossary) is None  # "chợ" is not known
    assert english_label("Cầu Khánh Khê", glossary) is None  # the head is not known


def test_the_seed_lexicon_gives_a_project_an_english_label() -> None:
    from kg.extract.entities.english import english_label
    from kg.extract.entities.lexicon import load_lexicon as load_entities

    lex = load_entities(LEXICON_DIR / "entities")
    glossary = lex.data["projects"]["glossary"]
    assert english_label("Xây dựng Bảo tàng tỉnh", glossary) == (
        "Construction of the provincial museum"
    )


def test_no_indicator_name_holds_a_figure() -> None:
    """A name may hold a number that is part of it ("19 tiêu chí", "lớp 12"), never a
    stated value such as "05/10" (the digits inside a name are not read as figures)."""
    import re

    lex = load_lexicon()
    names = [n for ind in lex.indicators.values() for n in ind.names]
    names += [n for fam in lex.families for item in fam.items for n in item.names]
    assert not [n for n in names if re.search(r"\d\s?/\s?\d|\d[.,]\d", n)]


def test_a_number_inside_an_indicator_name_is_logged_for_review() -> None:
    figs, review = _read("Số xã đạt 19 tiêu chí là 42 xã.")
    assert _only(figs, "42").indicator == "ntm-communes-19-criteria"
    assert [(r.number_text, r.reason) for r in review] == [
        ("19", "number inside an indicator name")
    ]


def test_estimate_reaches_the_changes_the_colon_and_the_breakdown() -> None:
    figs, _ = _read(
        "Số lần khám bệnh ước đạt 210.400 lượt, tăng 12.300 lượt (tăng 6,2%) so với cùng kỳ "
        "(9 tháng đầu năm 2023 đạt 198.100 lượt)."
    )
    assert [_only(figs, v).estimate for v in ("210400", "12300", "6.2")] == [True] * 3
    assert _only(figs, "198100").estimate is False  # another period: not the estimate's
    figs, _ = _read(
        "Kết quả tiêm chủng (ước thực hiện): Tỷ lệ trẻ dưới 1 tuổi đạt 91% (910/1.000)."
    )
    assert all(f.estimate for f in figs) and len(figs) == 3
    figs, _ = _read(
        "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng dự kiến 5.100 tỷ đồng.\n"
        "Trong đó, doanh thu bán lẻ hàng hóa bằng 120,5% so với cùng kỳ.\n"
        "Doanh thu dịch vụ khác bằng 110,2% so với cùng kỳ."
    )
    assert [_only(figs, v).estimate for v in ("5100", "120.5", "110.2")] == [True, True, False]


def test_counted_things_keep_their_own_unit() -> None:
    """A count of guns is not a count of vehicles: each kind of thing keeps its unit."""
    figs, _ = _read(
        "Thu giữ 12 khẩu súng, 340 viên đạn, 02 quả lựu đạn và 7 xe mô tô; cấp 45 giấy phép "
        "lái xe, 9 giấy chứng nhận; sửa chữa 31 ngôi nhà, 4 công trình; xây dựng 5 mô hình; "
        "trao 800 suất quà; in 2.000 tờ rơi."
    )
    units = {v: _only(figs, v).unit for v in ("12", "340", "2", "7", "45", "9", "31", "4")}
    assert units == {
        "12": "piece",
        "340": "piece",
        "2": "piece",
        "7": "vehicle",
        "45": "permit",
        "9": "permit",
        "31": "house",
        "4": "work",
    }
    more = {v: _only(figs, v).unit for v in ("5", "800", "2000")}
    assert more == {"5": "model", "800": "gift", "2000": "copy"}
    relics, _ = _read("Năm 2024 có 3 di tích được xếp hạng.")
    assert _only(relics, "3").unit == "heritage-item"


def test_gatherings_keep_their_own_unit() -> None:
    figs, _ = _read(
        "Tổ chức 6 hội nghị, 14 lớp tập huấn, 3 phiên giao dịch việc làm và 2 cuộc thanh tra; "
        "tham gia 5 giải thi đấu."
    )
    units = {v: _only(figs, v).unit for v in ("6", "14", "3", "2", "5")}
    assert units == {
        "6": "conference",
        "14": "class",
        "3": "session",
        "2": "inspection",
        "5": "tournament",
    }


def test_what_a_cuoc_counts_follows_the_word_after_it() -> None:
    """ "cuộc" alone is an occasion; "cuộc họp" a meeting, "cuộc kiểm tra" an inspection."""
    figs, _ = _read("Tổ chức 9 cuộc họp trực tuyến, 4 cuộc kiểm tra liên ngành và 3 cuộc mít tinh.")
    units = {v: _only(figs, v).unit for v in ("9", "4", "3")}
    assert units == {"9": "conference", "4": "inspection", "3": "event"}


def test_pairs_requests_information_end_points_and_certificates_have_units() -> None:
    """Counts the unit scheme once lumped into `item`, `document` or read as index points."""
    figs, _ = _read(
        "Phát hiện 6 cặp kết hôn cận huyết; tiếp nhận 14 đề nghị cấp phép; cập nhật 930 "
        "thông tin vào cơ sở dữ liệu; hội nghị kết nối 85 điểm cầu; cấp mới 1.120 chứng thư số."
    )
    units = {v: _only(figs, v).unit for v in ("6", "14", "930", "85", "1120")}
    assert units == {
        "6": "couple",
        "14": "dossier",
        "930": "information-item",
        "85": "site",
        "1120": "permit",
    }
    assert _only(figs, "85").measure_kind == "actual"  # not a score in index points


def test_producers_cooperatives_and_groups_are_not_enterprises() -> None:
    figs, _ = _read("Có 40 chủ thể, gồm 12 HTX, 3 tổ hợp tác, 9 doanh nghiệp.")
    units = {v: _only(figs, v).unit for v in ("40", "12", "3", "9")}
    assert units == {
        "40": "producer",
        "12": "cooperative",
        "3": "cooperative-group",
        "9": "enterprise",
    }


def test_unitless_counts_in_a_bracketed_breakdown_take_the_counts_unit() -> None:
    figs, review = _read("Có 09 vận động viên đạt chuẩn (05 kiện tướng, 04 cấp I).")
    assert {_only(figs, v).unit for v in ("5", "4")} == {"person"}
    assert review == []
    figs, review = _read("Cấp 09 giấy phép (05 mới). Đã có 12 lượt kiểm tra; 3 đạt.")
    assert _only(figs, "5").unit == "permit"
    assert [r.number_text for r in review] == ["3"]  # no bracket: no unit to take


def test_an_activity_named_with_the_reports_year_is_counted_in_the_report_period() -> None:
    figs, _ = _read("Cấp gạo cứu đói giáp hạt năm 2024 cho 1.250 khẩu.")
    assert _only(figs, "1250").period == NINE_MONTHS


def test_an_estimate_heading_line_makes_its_segment_estimates() -> None:
    figs, _ = _read(
        "Ước tính 9 tháng/2024:\nXi măng 7.900 tấn, bằng 105% so với cùng kỳ.\n"
        "Đá xây dựng 206.000 m3, bằng 127% so với cùng kỳ."
    )
    assert all(f.estimate for f in figs) and len(figs) == 4


def test_a_name_ending_in_a_number_does_not_take_the_head_of_a_longer_number() -> None:
    """A lexicon name such as "lớp 12" must not swallow the "12" of "12,5%" or "120"."""
    pattern = re.compile(word_pattern("học sinh lớp 12"))
    assert pattern.match("học sinh lớp 12 đạt 98%")
    assert pattern.match("học sinh lớp 12: 3 giải")
    assert not pattern.match("học sinh lớp 12,5%")
    assert not pattern.match("học sinh lớp 120 em")
    assert not pattern.match("học sinh lớp 12.400 em")


def test_each_count_unit_is_a_dimension_of_its_own() -> None:
    """A name whose unit counts prizes does not take a count of pupils, nor a name of
    people a count of households; a multiple of a unit ("nghìn con") stays in its dimension."""
    figs, _ = _read("Kỳ thi học sinh giỏi cấp tỉnh lớp 9, giải Nhất có 12 học sinh.")
    assert (_only(figs, "12").unit, _only(figs, "12").indicator) == (
        "person",
        "unclassified-person",
    )
    figs, _ = _read("Cấp gạo cứu đói giáp hạt cho 320 hộ.")
    assert _only(figs, "320").indicator == "unclassified-household"
    figs, _ = _read("Đàn trâu có 95 nghìn con.")
    assert (_only(figs, "95").unit, _only(figs, "95").indicator) == (
        "thousand-head",
        "buffalo-herd",
    )


def test_a_units_dimension_must_be_a_unit_of_its_kind(tmp_path: Path) -> None:
    folder = tmp_path / "lexicon"
    shutil.copytree(LEXICON_DIR, folder)
    units = folder / "units.yaml"
    text = units.read_text(encoding="utf-8").replace("dimension: head,", "dimension: hectare,")
    units.write_text(text, encoding="utf-8")
    with pytest.raises(KgError, match=r"units\.yaml: thousand-head: dimension 'hectare'"):
        load_lexicon(folder)


def test_pilot_and_model_project_names_get_an_english_label() -> None:
    """Glossary phrases of pilot and demonstration-model projects (names written for the
    test); a proper name such as a fish's stays as written."""
    folder = LEXICON_DIR / "entities"
    glossary = dict(load_entity_lexicon(folder).data["projects"]["glossary"])
    fish = english_label(
        "Xây dựng mô hình nuôi cá Lăng trong lồng bè trên sông và hồ chứa", glossary
    )
    assert (
        fish
        == "Building a model of farming the fish Lăng in floating cages on rivers and reservoirs"
    )
    doctors = english_label(
        "Thí điểm bác sĩ trẻ tình nguyện về công tác tại miền núi, hải đảo", glossary
    )
    assert doctors == "Pilot of young volunteer doctors working in mountainous areas, islands"
    assert english_label("Thí điểm nuôi ong lấy mật", glossary) is None  # unknown words: no label


def _kinds(text: str) -> dict[str, str]:
    return {t.text: t.kind for t in find_numbers(text)}


def test_ages_schedules_anniversaries_and_codes_are_not_measures() -> None:
    """Numbers that name a group, a schedule or an occasion are skipped like dates, not
    sent to review as numbers without a unit; a measure in years of age still counts."""
    assert _kinds("Uống vitamin A cho trẻ từ 6-60 tháng tuổi, trẻ em dưới 3 tuổi")["6"] != "number"
    assert _kinds("trẻ em dưới 3 tuổi được khám")["3"] == "identifier"
    assert _kinds("cân trẻ 2 tháng/lần")["2"] == "identifier"
    assert _kinds("Kỷ niệm 95 năm thành lập Đảng bộ tỉnh")["95"] == "identifier"
    assert _kinds("Mít tinh 70 năm Ngày Giải phóng thị xã")["70"] == "identifier"
    assert _kinds("Dịch cúm A/H5N6 tái phát")["6"] == "identifier"
    assert _kinds("đội tuyển là 1 trong 12 đội mạnh nhất")["1"] == "identifier"
    assert _kinds("chấm thi vòng 2 kỳ tuyển dụng")["2"] == "identifier"
    assert _kinds("sách giáo khoa lớp 5, 9, lớp 12")["9"] == "identifier"
    assert _kinds("trực ban 24/24 giờ")["24/24"] == "identifier"
    assert _kinds("tổ chức tẩy giun (03-04/10) cho học sinh")["03-04/10"] == "date"
    assert _kinds("Tuổi thọ trung bình đạt 74,2 tuổi")["74,2"] == "number"
    assert _kinds("Toàn tỉnh có 1.350 trẻ dưới 5 tuổi được cân")["1.350"] == "number"


def test_a_footnote_number_before_its_first_item_is_a_marker() -> None:
    assert _kinds("\n41 (1) Kiểm tra việc quản lý 2 dự án")["41"] == "list-marker"
