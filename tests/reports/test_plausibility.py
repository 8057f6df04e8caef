"""Plausibility flags: each rule on figures constructed here, then stored by ingest, shown, recomputed."""

import datetime

import pytest
from django.core.management import call_command

from reports import plausibility, review
from reports.extraction import Gazetteer, extract
from reports.ingest import ingest_report, store_indicators
from reports.models import Indicator, Place, Report
from reports.plausibility import (ABOVE_WAR_TOTAL, AFTER_REPORT, ONE_DAY_HIGH, PLACE_NOT_NAMED, figure_flags,
                                  governorates_named)

DAY = datetime.date(2016, 10, 5)
GAZETTEER = Gazetteer.from_data_dir()


# The rules, one by one ---------------------------------------------------------------------------

def test_a_one_day_toll_above_1000_killed_is_flagged():
    assert figure_flags(kind="killed", value=1001) == [ONE_DAY_HIGH]


def test_a_one_day_toll_of_1000_killed_is_not_flagged():
    assert figure_flags(kind="killed", value=1000) == []


def test_a_running_total_above_1000_killed_is_no_one_day_figure():
    assert figure_flags(kind="killed", value=5000, cumulative=True) == []


def test_a_one_day_figure_above_100000_displaced_is_flagged():
    assert figure_flags(kind="displaced", value=100_001) == [ONE_DAY_HIGH]


def test_injured_have_no_one_day_threshold():
    assert figure_flags(kind="injured", value=5000) == []


def test_a_running_total_above_the_wars_killed_is_flagged():
    assert figure_flags(kind="killed", value=600_001, cumulative=True) == [ABOVE_WAR_TOTAL]


def test_a_running_total_of_displaced_above_13_million_is_flagged():
    assert figure_flags(kind="displaced", value=13_000_001, cumulative=True) == [ABOVE_WAR_TOTAL]


def test_a_one_day_figure_above_the_wars_total_has_both_flags():
    assert figure_flags(kind="killed", value=700_000) == [ONE_DAY_HIGH, ABOVE_WAR_TOTAL]


def test_a_date_after_the_report_is_flagged():
    assert figure_flags(kind="killed", value=3, date=DAY + datetime.timedelta(days=1), report_date=DAY) == [AFTER_REPORT]


def test_a_date_on_the_reports_day_is_not_flagged():
    assert figure_flags(kind="killed", value=3, date=DAY, report_date=DAY) == []


def test_a_place_in_a_governorate_the_report_never_names_is_flagged():
    assert figure_flags(kind="killed", value=3, governorate="SY01", governorates_named={"SY02"}) == [PLACE_NOT_NAMED]


def test_a_condition_is_checked_for_its_date_and_place_only():
    assert figure_flags(kind="water", value=None, date=DAY, report_date=DAY - datetime.timedelta(days=2),
                        governorate="SY07", governorates_named=set()) == [AFTER_REPORT, PLACE_NOT_NAMED]


# Which governorates a text names (through the extractor's own place matching) ---------------------------

def test_a_text_names_a_governorate_by_its_english_name():
    assert governorates_named("Shelling hit eastern Aleppo on Monday.", GAZETTEER) == {"SY02"}


def test_a_text_names_a_governorate_by_another_spelling():
    assert governorates_named("Air strikes on Idlib province killed five.", GAZETTEER) == {"SY07"}
    assert governorates_named("Shells fell on Deir al-Zour on Monday.", GAZETTEER) == {"SY09"}


def test_a_text_names_a_governorate_by_its_arabic_name():
    assert governorates_named("قصف على حلب", GAZETTEER) == {"SY02"}


def test_a_name_without_its_article_names_the_governorate():
    assert governorates_named("Coalition strikes on Raqqa city.", GAZETTEER) == {"SY11"}


def test_damascus_and_rural_damascus_name_each_other():
    assert governorates_named("Shelling in the Damascus countryside.", GAZETTEER) == {"SY01", "SY03"}


def test_a_name_inside_another_word_names_nothing():
    assert governorates_named("Hamad and Aleppan traders met.", GAZETTEER) == set()


def test_a_town_names_no_governorate():
    assert governorates_named("Five people were killed in Kafr Zeita on Monday.", GAZETTEER) == set()


def test_the_extraction_result_carries_the_governorates_its_text_names():
    result = extract("Air strikes on Saraqeb in Idlib province killed five. Aleppo was calm.")
    assert result["governorates"] == ["SY02", "SY07"]


# Stored by ingest ------------------------------------------------------------------------------------

BODY = ("An air strike on a market in Aleppo on Wednesday killed 1,200 people, the Observatory said, "
        "and 15 people were killed in Saraqab.")


def quoted(phrase):
    start = BODY.index(phrase)
    return {"quote": phrase, "start": start, "end": start + len(phrase)}


def figure(value, phrase, place=None, **fields):
    return {"kind": "killed", "group": "people", "value": value, "qualifier": "exact", "unit": "people",
            "cumulative": False, "date": "2016-10-05", "place": {"pcode": place} if place else None,
            "source": None, **quoted(phrase), **fields}


@pytest.fixture
def places(db):
    syria = Place.objects.create(pcode="SY", level="country", name_en="Syria")
    aleppo = Place.objects.create(pcode="SY02", level="admin1", name_en="Aleppo", name_ar="حلب", parent=syria)
    idleb = Place.objects.create(pcode="SY07", level="admin1", name_en="Idleb", name_ar="إدلب", aliases="Idlib",
                                 parent=syria)
    saraqab = Place.objects.create(pcode="C4176", level="community", name_en="Saraqab", parent=idleb)
    return {"SY": syria, "SY02": aleppo, "SY07": idleb, "C4176": saraqab}


@pytest.fixture
def report(places):
    return Report.objects.create(body=BODY, published_on=DAY)


def flags_of(report):
    return {i.value: i.flag_list for i in report.indicators.all()}


def test_ingest_stores_the_flags_of_each_figure(report):
    store_indicators(report, {"figures": [figure(1200, "killed 1,200 people", "SY02"),
                                          figure(15, "15 people were killed", "C4176")]})
    assert flags_of(report) == {1200: [ONE_DAY_HIGH], 15: [PLACE_NOT_NAMED]}


def test_a_flag_never_drops_the_figure(report):
    store_indicators(report, {"figures": [figure(700_000, "killed 1,200 people", "SY02", date="2016-10-09")]})
    stored = report.indicators.get()
    assert (stored.value, stored.flag_list) == (700_000, [ONE_DAY_HIGH, ABOVE_WAR_TOTAL, AFTER_REPORT])


def test_the_governorates_of_an_extraction_result_are_used(report):
    result = {"figures": [figure(15, "15 people were killed", "C4176")], "governorates": ["SY07"]}
    store_indicators(report, result)
    assert flags_of(report) == {15: []}


def test_a_plausible_figure_has_no_flag(report):
    store_indicators(report, {"figures": [figure(12, "killed 1,200 people", "SY02")]})
    assert report.indicators.get().flags == ""


def test_a_figure_read_from_text_is_flagged_through_the_whole_import(places):
    report, _ = ingest_report(text="An air strike on a crowded market in Aleppo killed 1,400 people on Wednesday.",
                              published_on=DAY)
    killed = report.indicators.get(kind="killed")
    assert (killed.value, killed.flag_list) == (1400, [ONE_DAY_HIGH])


def test_correcting_the_value_clears_its_flag(report, django_user_model):
    store_indicators(report, {"figures": [figure(1200, "killed 1,200 people", "SY02")]})
    stored = report.indicators.get()
    review.correct(stored, django_user_model.objects.create_user("r"), value=120)
    stored.refresh_from_db()
    assert (stored.value, stored.flags, stored.original["value"]) == (120, "", 1200)


def test_the_flagged_queryset_finds_figures_by_flag(report):
    store_indicators(report, {"figures": [figure(1200, "killed 1,200 people", "SY02"),
                                          figure(15, "15 people were killed", "C4176")]})
    found = Indicator.objects.flagged(PLACE_NOT_NAMED).values_list("value", flat=True)
    assert (list(found), Indicator.objects.flagged().count()) == ([15], 2)


def test_flag_figures_recomputes_the_flags_of_stored_figures(report, places):
    Indicator.objects.create(report=report, kind="killed", value=5000, group="people", place=places["SY02"])
    call_command("flag_figures", stdout=open("/dev/null", "w"))
    assert report.indicators.get().flag_list == [ONE_DAY_HIGH]


def test_every_flag_has_a_label_and_no_code_is_part_of_another():
    codes = list(plausibility.FLAGS)
    assert all(plausibility.FLAGS[c] for c in codes)
    assert not [(a, b) for a in codes for b in codes if a != b and a in b]


def test_the_data_migration_flags_figures_stored_before_flags_existed(report, places):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("reports.migrations.0010_w12r_flag_stored_figures")
    Indicator.objects.create(report=report, kind="displaced", value=20_000_000, group="people", cumulative=True,
                             place=places["C4176"])
    migration.flag_stored_figures(apps, None)
    assert report.indicators.get().flag_list == [ABOVE_WAR_TOTAL, PLACE_NOT_NAMED]
