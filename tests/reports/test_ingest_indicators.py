"""Storing what the extractor read, and re-extraction that never touches reviewed or hand-entered work.

store_indicators takes an extraction result in the contract's JSON shape (../shared/docs/extraction.md);
these results are written here as the input, the database state is what is checked.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model

from reports import extraction
from reports.ingest import extract_report, guess_source_kind, ingest_report, store_indicators
from reports.models import Indicator, Place, Report, Source

pytestmark = pytest.mark.django_db

BODY = ("Air strikes on Tuesday killed at least 12 people, including three children, in the east of the city, "
        "the Observatory said. Water was cut off after the pumping station was hit.")


def quote_of(phrase):
    start = BODY.index(phrase)
    return {"quote": phrase, "start": start, "end": start + len(phrase)}


def figure(**fields):
    item = {"kind": "killed", "group": "people", "value": 12, "qualifier": "at_least", "low": 12, "high": None,
            "unit": "people", "cumulative": False, "date": "2016-09-26", "since": None, "place": None,
            "source": None, **quote_of("killed at least 12 people")}
    item.update(fields)
    return item


def condition(**fields):
    item = {"sector": "water", "severity": 4, "place": None, "source": None,
            **quote_of("Water was cut off after the pumping station was hit")}
    item.update(fields)
    return item


@pytest.fixture
def report():
    return Report.objects.create(body=BODY, published_on=datetime.date(2016, 9, 27))


@pytest.fixture
def aleppo():
    country = Place.objects.create(pcode="SY", name_en="Syria", level="country")
    return Place.objects.create(pcode="C1007", name_en="Aleppo", level="community", parent=country)


def result(figures=(), conditions=()):
    return {"report_date": "2016-09-27", "place": None, "figures": list(figures), "conditions": list(conditions)}


def test_a_figure_is_stored_with_every_field_of_the_contract(report):
    store_indicators(report, result([figure(cumulative=True, since="mid-November", low=12, high=15)]))
    stored = report.indicators.get()
    assert (stored.kind, stored.group, stored.value, stored.low, stored.high) == ("killed", "people", 12, 12, 15)
    assert (stored.qualifier, stored.unit, stored.cumulative, stored.since) == ("at_least", "people", True,
                                                                                "mid-November")
    assert stored.date == datetime.date(2016, 9, 26)
    assert stored.quote == "killed at least 12 people" == BODY[stored.start:stored.end]
    assert stored.origin == "extracted" and stored.status == "unreviewed"
    assert stored.extractor_version == extraction.VERSION


def test_a_condition_is_stored_with_its_severity(report):
    store_indicators(report, result(conditions=[condition()]))
    stored = report.indicators.get()
    assert (stored.kind, stored.severity, stored.value, stored.group) == ("water", 4, None, "")
    assert stored.quote == BODY[stored.start:stored.end]


def test_place_is_resolved_by_pcode(report, aleppo):
    store_indicators(report, result([figure(place={"name": "Aleppo", "pcode": "C1007", "admin1": "SY02"})]))
    assert report.indicators.get().place == aleppo


def test_unknown_pcode_leaves_the_place_empty(report):
    store_indicators(report, result([figure(place={"name": "Nowhere", "pcode": "C9999", "admin1": "SY02"})]))
    assert report.indicators.get().place is None


def test_source_is_found_by_name_or_created_with_a_guessed_kind(report):
    sohr = Source.objects.create(name="Syrian Observatory for Human Rights", kind=Source.Kind.MONITORING_GROUP)
    store_indicators(report, result([figure(source="syrian observatory for human rights")],
                                    [condition(source="Syrian Civil Defence")]))
    assert report.indicators.get(kind="killed").source == sohr
    assert report.indicators.get(kind="water").source.kind == Source.Kind.CIVIL_DEFENCE


@pytest.mark.parametrize("name, kind", [
    ("Syrian Observatory for Human Rights", "monitoring_group"),
    ("the UK-based monitor", "monitoring_group"),
    ("White Helmets", "civil_defence"),
    ("Syrian Civil Defense", "civil_defence"),
    ("state television", "government"),
    ("Russian Defence Ministry", "government"),
    ("SANA", "government"),
    ("UNICEF", "un_ngo"),
    ("World Health Organization", "un_ngo"),
    ("Doctors Without Borders", "un_ngo"),
    ("a doctor at the Omar Bin Abdul Aziz hospital", "medical"),
    ("AFP", "news_agency"),
    ("Anadolu Agency", "news_agency"),
    ("local residents", "other"),
])
def test_source_kind_is_guessed_from_the_name(name, kind):
    assert guess_source_kind(name) == kind


def test_offsets_that_do_not_match_the_quote_are_not_stored(report):
    store_indicators(report, result([figure(start=0, end=5)]))
    stored = report.indicators.get()
    assert (stored.start, stored.end) == (None, None)
    assert stored.quote == "killed at least 12 people"


def test_a_figure_without_a_value_is_skipped_rather_than_invented(report):
    counts = store_indicators(report, result([figure(value=None)]))
    assert counts["skipped"] == 1
    assert not report.indicators.exists()


def test_bounds_that_contradict_the_value_are_dropped(report):
    store_indicators(report, result([figure(low=20, high=5)]))
    stored = report.indicators.get()
    assert (stored.low, stored.high) == (None, None)


def test_storing_again_replaces_unreviewed_machine_indicators(report):
    store_indicators(report, result([figure()], [condition()]))
    counts = store_indicators(report, result([figure(value=13, low=13)]))
    assert counts["replaced"] == 2
    assert list(report.indicators.values_list("kind", "value")) == [("killed", 13)]


def reviewed(report, status, **changes):
    indicator = report.indicators.get(kind="killed", group="people")
    indicator.status = status
    indicator.reviewed_by = get_user_model().objects.create(username=f"reviewer-{status}")
    for name, value in changes.items():
        setattr(indicator, name, value)
    indicator.save()
    return indicator


@pytest.mark.parametrize("status", ["verified", "rejected"])
def test_reviewed_indicator_survives_and_is_not_added_again(report, status):
    store_indicators(report, result([figure()]))
    kept = reviewed(report, status)
    counts = store_indicators(report, result([figure()]))
    assert list(report.indicators.all()) == [kept]
    assert report.indicators.get().status == status
    assert counts == {"figures": 0, "conditions": 0, "replaced": 0, "kept": 1, "skipped": 1, "held": ""}


def test_corrected_indicator_keeps_the_correction_and_blocks_the_machine_reading(report):
    store_indicators(report, result([figure()]))
    kept = reviewed(report, "corrected", value=14, low=None, group="civilians",
                    original={"value": 12, "group": "people"})
    store_indicators(report, result([figure()]))
    assert list(report.indicators.values_list("pk", "value", "group")) == [(kept.pk, 14, "civilians")]


def test_hand_entered_indicator_survives_reextraction(report):
    entered = Indicator.objects.create(report=report, kind="injured", group="people", value=30,
                                       origin=Indicator.Origin.ENTERED)
    store_indicators(report, result([figure()]))
    store_indicators(report, result([figure()]))
    assert set(report.indicators.values_list("pk", flat=True)) >= {entered.pk}
    assert report.indicators.get(origin="entered").value == 30
    assert report.indicators.filter(origin="extracted").count() == 1


def test_a_subgroup_with_the_same_words_is_still_added_beside_a_reviewed_total(report):
    store_indicators(report, result([figure(), figure(group="children", value=3, qualifier="exact", low=3)]))
    reviewed(report, "verified")
    store_indicators(report, result([figure(), figure(group="children", value=3, qualifier="exact", low=3)]))
    assert sorted(report.indicators.values_list("group", "status")) == [("children", "unreviewed"),
                                                                       ("people", "verified")]


def test_reextracting_a_report_with_the_real_extractor_keeps_a_verified_figure():
    text = ("Government shelling killed 9 civilians in the town of Douma on Monday, the Syrian Observatory for "
            "Human Rights said. Another 20 people were injured.")
    report, _ = ingest_report(text=text, published_on=datetime.date(2018, 2, 20))
    before = report.indicators.count()
    verified = report.indicators.killed().first()
    verified.status = Indicator.Status.VERIFIED
    verified.save()
    counts = extract_report(report)
    assert counts["kept"] == 1
    assert report.indicators.count() == before
    verified.refresh_from_db()
    assert verified.status == "verified"
    assert report.indicators.killed().count() == 1
