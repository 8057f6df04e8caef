"""The review queue's filters (place by name with the places inside, report, source, kind, flag, date
added, new since my last visit) and its order (impact on the week's totals, then size)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reports import review
from reports.models import Indicator, Place, Report, ReviewerVisit, Source
from tests.reports.review_support import make_user, reviewer, roles  # noqa: F401

QUEUE = reverse("admin:reports_indicator_review")
MONDAY = datetime.date(2016, 10, 3)


@pytest.fixture
def places(db):
    made = {}
    for pcode, level, parent, name, name_ar, aliases in [
        ("SY", "country", None, "Syria", "", ""),
        ("SY02", "admin1", "SY", "Aleppo", "حلب", "Halab"),
        ("SY0200", "admin2", "SY02", "Jebel Saman", "جبل سمعان", ""),
        ("C1007", "community", "SY0200", "Aleppo", "حلب", "Aleppo city"),
        ("SY0203", "admin2", "SY02", "Menbij", "منبج", "Manbij"),
        ("SY07", "admin1", "SY", "Idleb", "إدلب", "Idlib"),
    ]:
        made[pcode] = Place.objects.create(pcode=pcode, level=level, name_en=name, name_ar=name_ar, aliases=aliases,
                                           parent=made.get(parent))
    return made


@pytest.fixture
def sources(db):
    return {"afp": Source.objects.create(name="AFP"), "sohr": Source.objects.create(name="Syrian Observatory")}


@pytest.fixture
def make_report(sources):
    def make(title="Strikes", publisher="afp", day=MONDAY):
        return Report.objects.create(title=title, body=f"{title}: people were killed.", published_on=day,
                                     publisher=sources[publisher])
    return make


def figure(report, value, place, day=MONDAY, kind="killed", **fields):
    return Indicator.objects.create(report=report, kind=kind, value=value, group="people", unit="people",
                                    qualifier="exact", date=day, place=place, origin="extracted", **fields)


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def queue_ids(response):
    return [indicator.pk for indicator, _ in response.context["items"]]


# Order -----------------------------------------------------------------------------------------------

def test_a_figure_that_is_all_of_its_week_comes_before_one_that_is_half(as_reviewer, make_report, places):
    report = make_report()
    half = figure(report, 50, places["C1007"])
    figure(report, 50, places["SY0203"])  # the same governorate and week: each is half of 100
    whole = figure(report, 3, places["SY07"])  # alone in Idleb that week
    ids = queue_ids(as_reviewer.get(QUEUE))
    assert ids[0] == whole.pk and half.pk in ids[1:]


def test_equal_impact_is_ordered_by_size(as_reviewer, make_report, places):
    report = make_report()
    small = figure(report, 5, places["SY07"])
    large = figure(report, 40, places["SY02"])
    assert queue_ids(as_reviewer.get(QUEUE)) == [large.pk, small.pk]


def impacts(**filters):
    return {i.value: round(i.impact, 3) for i in review.review_queue(**filters) if i.impact is not None}


def test_impact_is_the_share_of_the_governorates_counted_week(make_report, places):
    report = make_report()
    figure(report, 30, places["C1007"])
    figure(report, 60, places["SY0203"], day=MONDAY + datetime.timedelta(days=6), status="verified")
    figure(report, 10, places["SY02"], day=MONDAY + datetime.timedelta(days=2))
    assert impacts() == {30: 0.3, 10: 0.1}


def test_rejected_figures_other_weeks_kinds_and_running_totals_do_not_count(make_report, places):
    report = make_report()
    figure(report, 20, places["C1007"])
    figure(report, 80, places["C1007"], status="rejected")
    figure(report, 80, places["C1007"], day=MONDAY + datetime.timedelta(days=7), kind="injured")
    figure(report, 80, places["C1007"], day=MONDAY - datetime.timedelta(days=1))
    figure(report, 500, places["C1007"], cumulative=True)
    assert impacts(kind="killed", places=[places["SY02"]]) == {20: 1.0, 80: 1.0, 500: 0.0}


def test_figures_of_a_confirmed_duplicate_do_not_count(make_report, places):
    report = make_report()
    figure(report, 25, places["C1007"])
    copy = make_report(title="Copy")
    Report.objects.filter(pk=copy.pk).update(duplicate_status="confirmed")
    figure(copy, 75, places["C1007"])
    assert impacts() == {25: 1.0}


def test_the_queue_makes_a_fixed_number_of_queries(as_reviewer, make_report, places, django_assert_max_num_queries):
    report = make_report()
    for value in range(30):
        figure(report, value + 1, places["C1007"], flags="after_report")
    as_reviewer.get(QUEUE)
    with django_assert_max_num_queries(10):  # the queue's own 9 (test_admin_review) and the place lookup
        response = as_reviewer.get(QUEUE, {"place": "Aleppo", "flag": "any", "source": "AFP", "new": "on"})
    assert len(response.context["items"]) == 20


# Filters ---------------------------------------------------------------------------------------------

@pytest.fixture
def spread(make_report, places):
    afp, sohr = make_report("Aleppo strikes"), make_report("Idleb strikes", publisher="sohr")
    return {
        "city": figure(afp, 7, places["C1007"]),
        "menbij": figure(afp, 69, places["SY0203"], flags="governorate_not_named"),
        "idleb": figure(sohr, 12, places["SY07"], kind="injured"),
        "afp": afp, "sohr": sohr,
    }


def test_the_place_filter_takes_a_name_and_includes_the_places_inside(as_reviewer, spread):
    ids = queue_ids(as_reviewer.get(QUEUE, {"place": "aleppo"}))
    assert sorted(ids) == sorted([spread["city"].pk, spread["menbij"].pk])


def test_the_place_filter_takes_an_arabic_name(as_reviewer, spread):
    assert queue_ids(as_reviewer.get(QUEUE, {"place": "منبج"})) == [spread["menbij"].pk]


def test_the_place_filter_takes_an_alias(as_reviewer, spread):
    assert queue_ids(as_reviewer.get(QUEUE, {"place": "Idlib"})) == [spread["idleb"].pk]


def test_the_place_filter_takes_a_pcode(as_reviewer, spread):
    assert queue_ids(as_reviewer.get(QUEUE, {"place": "SY0200"})) == [spread["city"].pk]


def test_an_unknown_place_shows_nothing_and_says_so(as_reviewer, spread):
    response = as_reviewer.get(QUEUE, {"place": "Atlantis"})
    assert queue_ids(response) == [] and "No place is called “Atlantis”" in response.content.decode()


def test_the_report_filter(as_reviewer, spread):
    assert queue_ids(as_reviewer.get(QUEUE, {"report": spread["sohr"].pk})) == [spread["idleb"].pk]


def test_the_source_filter_matches_the_publisher(as_reviewer, spread):
    assert queue_ids(as_reviewer.get(QUEUE, {"source": "observatory"})) == [spread["idleb"].pk]


def test_the_kind_filter(as_reviewer, spread):
    assert queue_ids(as_reviewer.get(QUEUE, {"kind": "injured"})) == [spread["idleb"].pk]


def test_the_flag_filter(as_reviewer, spread):
    response = as_reviewer.get(QUEUE, {"flag": "governorate_not_named"})
    assert queue_ids(response) == [spread["menbij"].pk]
    assert "the report never names the place&#x27;s governorate" in response.content.decode()


def test_the_date_added_filter(as_reviewer, spread):
    Indicator.objects.filter(pk=spread["city"].pk).update(created=timezone.now() - datetime.timedelta(days=10))
    today = timezone.now().date()
    assert sorted(queue_ids(as_reviewer.get(QUEUE, {"added_after": today.isoformat()}))) == sorted(
        [spread["menbij"].pk, spread["idleb"].pk])
    earlier = (today - datetime.timedelta(days=5)).isoformat()
    assert queue_ids(as_reviewer.get(QUEUE, {"added_before": earlier})) == [spread["city"].pk]


def test_a_bad_date_is_named_and_nothing_is_filtered_by_it(as_reviewer, spread):
    response = as_reviewer.get(QUEUE, {"added_after": "05/10/2016"})
    assert response.context["form"].errors["added_after"] == ["Enter a valid date."]
    assert len(queue_ids(response)) == 3


# New since my last visit --------------------------------------------------------------------------

def test_opening_the_queue_remembers_when(as_reviewer, reviewer):
    before = timezone.now()
    as_reviewer.get(QUEUE)
    assert ReviewerVisit.objects.get(user=reviewer).last_opened >= before


def test_a_figure_typed_in_this_morning_is_first_under_new_since_my_last_visit(reviewer, make_report, places):
    report = make_report()
    yesterday = timezone.now() - datetime.timedelta(days=1)
    old = [figure(report, value, places["C1007"]) for value in (900, 300, 80)]
    Indicator.objects.filter(pk__in=[i.pk for i in old]).update(created=yesterday - datetime.timedelta(hours=1))
    ReviewerVisit.objects.create(user=reviewer, last_opened=yesterday)  # yesterday's visit
    typed = Indicator.objects.create(report=report, kind="killed", value=2, group="people", place=places["C1007"],
                                     date=MONDAY, origin="entered")  # this morning, by an analyst

    client = Client()
    client.force_login(reviewer)  # today's session
    assert queue_ids(client.get(QUEUE))[-1] == typed.pk  # the smallest of all
    response = client.get(QUEUE, {"new": "on"})
    assert queue_ids(response) == [typed.pk]
    assert response.context["since"] == yesterday


def test_new_since_my_last_visit_stays_put_while_paging(reviewer, make_report, places):
    report = make_report()
    ReviewerVisit.objects.create(user=reviewer, last_opened=timezone.now() - datetime.timedelta(days=1))
    for value in range(25):
        figure(report, value + 1, places["C1007"])
    client = Client()
    client.force_login(reviewer)
    first = client.get(QUEUE, {"new": "on"})
    second = client.get(QUEUE, {"new": "on", "page": 2})
    assert (len(queue_ids(first)), len(queue_ids(second))) == (20, 5)


def test_the_next_visit_shows_only_what_came_after_this_one(reviewer, make_report, places):
    report = make_report()
    seen = figure(report, 5, places["C1007"])
    today = Client()
    today.force_login(reviewer)
    today.get(QUEUE)
    Indicator.objects.filter(pk=seen.pk).update(created=timezone.now() - datetime.timedelta(minutes=5))
    ReviewerVisit.objects.filter(user=reviewer).update(last_opened=timezone.now() - datetime.timedelta(minutes=1))
    later = figure(report, 6, places["C1007"])
    tomorrow = Client()
    tomorrow.force_login(reviewer)
    assert queue_ids(tomorrow.get(QUEUE, {"new": "on"})) == [later.pk]


def test_pagination_keeps_the_filters(as_reviewer, make_report, places):
    report = make_report()
    for value in range(25):
        figure(report, value + 1, places["C1007"])
    html = as_reviewer.get(QUEUE, {"place": "Aleppo", "kind": "killed"}).content.decode()
    assert "?place=Aleppo&amp;kind=killed&amp;page=2" in html


def test_a_queue_longer_than_the_impact_limit_is_ordered_by_size(make_report, places):
    report = make_report()
    whole = figure(report, 3, places["SY07"])  # all of its week in Idleb
    large, small = figure(report, 90, places["C1007"]), figure(report, 10, places["C1007"])
    assert [i.pk for i in review.review_queue()] == [whole.pk, large.pk, small.pk]
    assert [i.pk for i in review.review_queue(impact_limit=2)] == [large.pk, small.pk, whole.pk]


def test_the_queue_says_when_it_is_too_long_to_order_by_impact(make_report, places, as_reviewer, monkeypatch):
    report = make_report()
    for value in (1, 2, 3):
        figure(report, value, places["C1007"])
    monkeypatch.setattr(review, "IMPACT_LIMIT", 2)
    assert "too many to order by impact" in as_reviewer.get(QUEUE).content.decode()
    assert "too many to order by impact" not in as_reviewer.get(QUEUE, {"place": "Aleppo", "kind": "injured"}).content.decode()


def test_the_queue_shows_each_figures_share_of_its_week(as_reviewer, make_report, places):
    report = make_report()
    figure(report, 30, places["C1007"])
    figure(report, 90, places["SY0203"])
    html = as_reviewer.get(QUEUE).content.decode()
    assert "75% of its week" in html and "25% of its week" in html
