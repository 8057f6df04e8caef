"""The shared FilterSets (dashboard/filters.py) on a small real world of places, sources and reports."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict

from dashboard.filters import IndicatorFilter, ReportFilter, filter_chips
from reports.models import Indicator, Place, Report, Source

D = datetime.date


@pytest.fixture
def world(db):
    """Syria > Aleppo governorate > Jebel Saman district > Aleppo city > a neighbourhood, plus Damascus."""
    syria = Place.objects.create(pcode="SY", name_en="Syria", level="country")
    aleppo_gov = Place.objects.create(pcode="SY02", name_en="Aleppo", level="admin1", parent=syria)
    jebel_saman = Place.objects.create(pcode="SY0200", name_en="Jebel Saman", level="admin2", parent=aleppo_gov)
    al_bab = Place.objects.create(pcode="SY0201", name_en="Al Bab", level="admin2", parent=aleppo_gov)
    city = Place.objects.create(pcode="C1007", name_en="Aleppo", level="community", parent=jebel_saman)
    neighbourhood = Place.objects.create(pcode="N0123", name_en="Al-Shaar", level="neighbourhood", parent=city)
    damascus = Place.objects.create(pcode="SY01", name_en="Damascus", level="admin1", parent=syria)
    sohr = Source.objects.create(name="SOHR", kind="monitoring_group")
    sarc = Source.objects.create(name="SARC", kind="un_ngo")
    reuters = Source.objects.create(name="Reuters", kind="news_agency")

    shelling = Report.objects.create(title="Shelling in eastern Aleppo", body="Shelling killed 12 people.",
                                     published_on=D(2016, 10, 2), publisher=reuters)
    convoy = Report.objects.create(title="Aid convoy", body="The convoy reached Damascus; water is scarce.",
                                   published_on=D(2016, 11, 20), publisher=sarc)
    undated = Report.objects.create(title="Undated note", body="Families fled Al Bab.", publisher=reuters)

    def add(report, kind, place, **fields):
        if kind in ("water", "food"):
            fields.setdefault("severity", 3)
        else:
            fields.setdefault("value", 10)
        return Indicator.objects.create(report=report, kind=kind, place=place, **fields)

    ind = {
        "killed_hood": add(shelling, "killed", neighbourhood, value=12, date=D(2016, 10, 1), source=sohr),
        "injured_city": add(shelling, "injured", city, value=30, date=D(2016, 10, 1), source=sohr,
                            status="verified"),
        "killed_undated": add(shelling, "killed", jebel_saman, value=3),  # falls back to 2016-10-02
        "water_damascus": add(convoy, "water", damascus, date=D(2016, 11, 19)),
        "displaced_al_bab": add(undated, "displaced", al_bab, value=200, status="rejected"),
        "killed_governorate": add(convoy, "killed", aleppo_gov, value=5, date=D(2016, 11, 18),
                                  source=sohr),
    }
    return {"ind": ind, "reports": {"shelling": shelling, "convoy": convoy, "undated": undated},
            "sources": {"sohr": sohr, "sarc": sarc, "reuters": reuters}}


def indicators(query):
    return IndicatorFilter(QueryDict(query), queryset=Indicator.objects.all())


def reports(query):
    return ReportFilter(QueryDict(query), queryset=Report.objects.all())


def names(filterset, world):
    by_pk = {v.pk: k for k, v in {**world["ind"], **world["reports"]}.items()
             if isinstance(v, Indicator) == (filterset._meta.model is Indicator)}
    return {by_pk[pk] for pk in filterset.qs.values_list("pk", flat=True)}


def test_no_parameters_give_every_indicator(world):
    assert names(indicators(""), world) == set(world["ind"])


def test_place_includes_everything_inside_it(world):
    assert names(indicators("place=SY0200"), world) == {"killed_hood", "injured_city", "killed_undated"}


def test_place_leaves_out_places_beside_and_above_it(world):
    assert names(indicators("place=C1007"), world) == {"killed_hood", "injured_city"}


def test_pcode_is_read_case_insensitively(world):
    assert names(indicators("place=sy0201"), world) == {"displaced_al_bab"}


def test_unknown_pcode_is_a_form_error_and_gives_no_rows(world):
    filterset = indicators("place=SY9999")
    assert not filterset.is_valid()
    assert "Unknown P-code: SY9999" in filterset.errors["place"][0]
    assert filterset.qs.count() == 0


def test_date_bounds_are_inclusive(world):
    assert names(indicators("date_after=2016-10-01&date_before=2016-10-01"), world) == {
        "killed_hood", "injured_city"}


def test_undated_indicator_falls_back_to_its_reports_date(world):
    assert names(indicators("date_after=2016-10-02&date_before=2016-10-02"), world) == {"killed_undated"}


def test_indicator_without_any_date_is_left_out_when_dates_are_filtered(world):
    assert "displaced_al_bab" not in names(indicators("date_after=2000-01-01"), world)
    assert "displaced_al_bab" not in names(indicators("date_before=2100-01-01"), world)


def test_malformed_date_is_a_form_error(world):
    filterset = indicators("date_after=2016-13-45")
    assert "date_after" in filterset.errors
    assert filterset.qs.count() == 0


def test_reversed_dates_are_a_form_error(world):
    filterset = indicators("date_after=2016-12-01&date_before=2016-10-01")
    assert "start date is after the end date" in filterset.errors["__all__"][0]


def test_kind_accepts_several_kinds(world):
    assert names(indicators("kind=injured&kind=water"), world) == {"injured_city", "water_damascus"}


def test_unknown_kind_is_a_form_error(world):
    assert "kind" in indicators("kind=looted").errors


def test_source_by_name_is_the_cited_source(world):
    assert names(indicators("source=sohr"), world) == {"killed_hood", "injured_city", "killed_governorate"}


def test_source_by_id_is_the_same_as_by_name(world):
    by_id = names(indicators(f"source={world['sources']['sohr'].pk}"), world)
    assert by_id == names(indicators("source=SOHR"), world)


def test_unknown_source_is_a_form_error(world):
    filterset = indicators("source=Nobody")
    assert "Unknown source: Nobody" in filterset.errors["source"][0]
    assert filterset.qs.count() == 0


@pytest.mark.parametrize("value", ["²", "١٢", "99999999999999999999999"])
def test_a_source_of_digits_that_are_no_id_is_an_unknown_source_not_a_crash(world, value):
    # "²" and Arabic-Indic digits pass str.isdigit() but int() refuses them; 23 digits overflow the id column.
    params = QueryDict(mutable=True)
    params["source"] = value
    filterset = IndicatorFilter(params, queryset=Indicator.objects.all())
    assert f"Unknown source: {value}" in filterset.errors["source"][0]


def test_status_is_the_review_status(world):
    assert names(indicators("status=rejected"), world) == {"displaced_al_bab"}


def test_text_search_narrows_indicators_to_matching_reports(world):
    assert names(indicators("q=shelling"), world) == {"killed_hood", "injured_city", "killed_undated"}


def test_filters_combine(world):
    assert names(indicators("place=SY02&kind=killed&date_after=2016-10-02"), world) == {
        "killed_undated", "killed_governorate"}


def test_report_dates_are_publication_dates(world):
    assert names(reports("date_after=2016-11-01"), world) == {"convoy"}


def test_undated_report_is_left_out_when_dates_are_filtered(world):
    assert "undated" not in names(reports("date_before=2100-01-01"), world)


def test_report_place_means_an_indicator_there(world):
    assert names(reports("place=SY0200"), world) == {"shelling"}


def test_report_kind_means_an_indicator_of_that_kind(world):
    assert names(reports("kind=displaced&kind=water"), world) == {"convoy", "undated"}


def test_report_status_means_an_indicator_in_that_status(world):
    assert names(reports("status=verified"), world) == {"shelling"}


def test_report_source_is_the_publisher_or_a_cited_source(world):
    assert names(reports("source=Reuters"), world) == {"shelling", "undated"}
    assert names(reports("source=SOHR"), world) == {"shelling", "convoy"}


def test_report_indicator_conditions_hold_for_one_indicator(world):
    # The convoy report has a killed figure (in Aleppo governorate) and a water condition in Damascus:
    # it has no killed figure in Damascus.
    assert names(reports("kind=killed&place=SY01"), world) == set()
    assert names(reports("kind=water&place=SY01"), world) == {"convoy"}


def test_report_source_with_indicator_conditions_needs_a_matching_indicator(world):
    # SARC published the convoy report, whose only water condition is in Damascus.
    assert names(reports("source=SARC&kind=water"), world) == {"convoy"}
    assert names(reports("source=SARC&kind=injured"), world) == set()


def test_report_text_search_reads_title_and_body(world):
    assert names(reports("q=convoy"), world) == {"convoy"}
    assert names(reports("q=scarce"), world) == {"convoy"}


def test_report_text_search_needs_every_word(world):
    assert names(reports("q=convoy shelling"), world) == set()


def test_report_text_search_matches_word_forms_on_postgresql(world):
    if connection.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL full-text search")
    assert names(reports("q=killing"), world) == {"shelling"}


def test_report_text_search_with_stray_punctuation_does_not_fail(world):
    assert names(reports('q="shelling & (|'), world) == {"shelling"}


def test_unknown_pcode_gives_reports_no_rows(world):
    assert reports("place=XX").qs.count() == 0


def test_no_filter_no_chips(world):
    assert filter_chips(indicators(""), QueryDict("")) == []


def test_each_chip_removes_its_own_parameter(world):
    query = QueryDict("place=SY0200&date_after=2016-10-01&q=shelling")
    chips = filter_chips(indicators(query.urlencode()), query)
    assert chips == [
        ("From 2016-10-01", "?place=SY0200&q=shelling"),
        ("Place: Jebel Saman (SY0200, district in Aleppo governorate)", "?date_after=2016-10-01&q=shelling"),
        ("Search: shelling", "?place=SY0200&date_after=2016-10-01"),
    ]


def test_a_kind_chip_keeps_the_other_kinds(world):
    query = QueryDict("kind=killed&kind=injured")
    chips = filter_chips(indicators(query.urlencode()), query)
    assert chips == [("Kind: Killed", "?kind=injured"), ("Kind: Injured", "?kind=killed")]


def test_removing_a_chip_drops_the_page_number(world):
    query = QueryDict("status=verified&page=3")
    assert filter_chips(indicators(query.urlencode()), query) == [("Status: Verified", "?")]


def test_an_invalid_value_gets_no_chip(world):
    query = QueryDict("place=XX&source=SOHR")
    assert filter_chips(indicators(query.urlencode()), query) == [("Source: SOHR", "?place=XX")]


def test_filters_take_a_fixed_number_of_queries(world, django_assert_num_queries):
    # one to look up the place, one to look up the source, one for the rows
    with django_assert_num_queries(3):
        list(indicators("place=SY02&source=SOHR&kind=killed&date_after=2016-01-01&status=unreviewed&q=aleppo").qs)
