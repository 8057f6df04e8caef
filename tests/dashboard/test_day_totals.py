"""Stored daily totals (summaries rule 9, dashboard/models.py): the summaries read the same numbers from
them as from the figures, and every write keeps them current.

The equivalence tests build random but reproducible data on a real slice of the gazetteer (figures at
every level, nested, in every group, unit, qualifier and review state, undated, placeless, from duplicate
reports) and compare each summary given the page's IndicatorFilter (stored totals) with the same summary
given the filter's QuerySet (computed from the figures). The write tests change data through each path
Sitrep writes by, then compare the refreshed totals with totals rebuilt from nothing.
"""

import dataclasses
import datetime
import random

import pytest
from django.contrib.auth.models import User
from django.db import connection

from dashboard import summaries
from dashboard.filters import IndicatorFilter
from dashboard.models import DayTotal, StaleDay
from reports import review
from reports.ingest import store_indicators
from reports.models import Indicator, Place, Report, Source

FIRST = datetime.date(2016, 9, 20)
DAYS = 8
PCODES = ["SY", "SY02", "SY0200", "SY020000", "C1007", "N0123", "N0124", "SY0202", "SY07", "SY0700"]
GROUPS = ["people"] * 4 + ["civilians"] * 3 + ["combatants", "children", "women"]
QUALIFIERS = ["exact"] * 4 + ["at_least", "at_least", "more_than", "about", "up_to", "vague"]
STATUSES = ["unreviewed"] * 5 + ["verified", "corrected", "rejected"]


def build(seed, reports=40):
    """`reports` reports with 1-6 figures each, over DAYS days and PCODES (and no place)."""
    rng = random.Random(seed)
    places = {p.pcode: p for p in Place.objects.all()}
    sources = [Source.objects.create(name=f"Outlet {seed}-{n}") for n in range(4)]
    for n in range(reports):
        published = None if rng.random() < 0.1 else FIRST + datetime.timedelta(days=rng.randrange(DAYS))
        report = Report.objects.create(
            title=f"Report {seed}-{n}", body=f"Body {seed}-{n}.", published_on=published,
            publisher=rng.choice(sources), duplicate_status="confirmed" if rng.random() < 0.08 else "")
        for _ in range(rng.randint(1, 6)):
            kind = rng.choice(["killed"] * 4 + ["injured"] * 2 + ["missing", "displaced", "trapped", "water"])
            date = None if rng.random() < 0.3 else FIRST + datetime.timedelta(days=rng.randrange(DAYS))
            place = None if rng.random() < 0.08 else places[rng.choice(PCODES)]
            status = rng.choice(STATUSES)
            if kind == "water":
                Indicator.objects.create(report=report, kind=kind, severity=rng.randint(1, 5), date=date, place=place,
                                         status=status, quote="water")
                continue
            value = rng.choice([1, 2, 3, 5, 8, 12, 15, 24, 40, 200])
            qualifier = rng.choice(QUALIFIERS)
            Indicator.objects.create(
                report=report, kind=kind, group=rng.choice(GROUPS), value=value, qualifier=qualifier,
                low=value if qualifier in ("at_least", "more_than") else (1 if qualifier == "up_to" and rng.random() < 0.5
                                                                         else None),
                high=value + 3 if qualifier == "about" else None,
                unit="families" if kind == "displaced" and rng.random() < 0.3 else "people",
                cumulative=rng.random() < 0.1, date=date, place=place, status=status,
                source=rng.choice(sources + [None]), quote=f"{value} {kind}",
            )


FILTERS = [
    {},
    {"date_after": "2016-09-22", "date_before": "2016-09-25"},
    {"kind": ["killed"]},
    {"kind": ["injured", "water", "displaced"], "date_after": "2016-09-21"},
    *({"place": pcode} for pcode in PCODES),
    {"place": "SY02", "kind": ["killed"], "date_before": "2016-09-24"},
]


def plain(value):
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def both(function, params, **kwargs):
    """(from stored totals, from the figures) for the same filter."""
    filters = IndicatorFilter(params, queryset=Indicator.objects.all())
    assert filters.is_valid(), filters.errors
    return plain(function(filters, **kwargs)), plain(function(filters.qs, **kwargs))


@pytest.mark.parametrize("seed", range(6))
def test_timeline_from_stored_totals_equals_the_timeline_from_the_figures(places, seed):
    build(seed)
    for params in FILTERS:
        stored, figures = both(summaries.timeline, params)
        assert stored == figures, params


@pytest.mark.parametrize("seed", range(6))
def test_place_summaries_from_stored_totals_equal_those_from_the_figures(places, seed):
    build(seed)
    as_of = FIRST + datetime.timedelta(days=4)
    for params in FILTERS:
        if "place" not in params:
            for when in (None, as_of):
                stored, figures = both(summaries.district_summary, params, as_of=when)
                assert stored == figures, (params, when)
    for pcode in ("SY", "SY02", "SY0200", "SY020000", "C1007"):
        place = Place.objects.get(pcode=pcode)
        for params in ({"place": pcode}, {"place": pcode, "date_after": "2016-09-23", "kind": ["killed"]}):
            stored, figures = both(summaries.place_summary, params, place=place)
            assert stored == figures, params


def test_the_equivalence_is_not_empty(places):
    """The data above gives incidents nested at several levels on one day, so the comparisons are
    worth something: some district and some city carry figures, and some day sums several places."""
    build(0)
    totals = DayTotal.objects.all()
    summaries.refresh_day_totals()
    assert totals.filter(depth=2).exists() and totals.filter(depth=-1).exists()
    assert totals.filter(depth=3, incidents__gte=2).exists()
    district = summaries.district_summary(IndicatorFilter({}, queryset=Indicator.objects.all()))
    assert any(row.figures.get("killed", (0, 0))[1] > 0 for row in district.rows)


@pytest.mark.parametrize("seed", range(3))
def test_the_random_data_exercises_every_way_a_coarse_figure_is_joined(places, seed):
    """Rule 3's branches (covering the incidents beneath, matching one, joining the nearest disputed) all
    occur in the data the equivalence tests compare, so the stored totals are checked against each."""
    build(seed, reports=120)
    joins = " ".join(how for i in summaries.incidents(Indicator.objects.all()) for how in i.joins)
    for branch in ("covers the incidents told inside it", "not below the incident told inside it",
                   "compatible with the incident at", "compatible with none"):
        assert branch in joins, branch
    filters = IndicatorFilter({}, queryset=Indicator.objects.all())
    assert plain(summaries.timeline(filters)) == plain(summaries.timeline(filters.qs))


def test_filters_the_stored_totals_cannot_answer_are_computed_from_the_figures(places, scenario):
    scenario("""
    | report | published  | kind   | value | place | status     |
    | a      | 2016-09-26 | killed | 12    | N0123 | verified   |
    | b      | 2016-09-26 | killed | 30    | N0124 | unreviewed |
    """)
    verified = IndicatorFilter({"status": "verified"}, queryset=Indicator.objects.all())
    killed = summaries.timeline(verified)["incidents"]["killed"]
    assert [(day["low"], day["high"]) for day in killed] == [(12, 12)]
    narrowed = IndicatorFilter({}, queryset=Indicator.objects.filter(status="verified"))
    assert summaries.timeline(narrowed)["incidents"]["killed"] == killed
    everything = summaries.timeline(IndicatorFilter({}, queryset=Indicator.objects.all()))
    assert [(day["low"], day["high"]) for day in everything["incidents"]["killed"]] == [(42, 42)]


# --- every write keeps the stored totals current ------------------------------------------------------

def stored():
    summaries.refresh_day_totals()
    assert not StaleDay.objects.exists()
    return sorted(DayTotal.objects.values_list("scope", "depth", "series", "day", "low", "high", "incidents"))


def rebuilt():
    summaries.rebuild_day_totals()
    return sorted(DayTotal.objects.values_list("scope", "depth", "series", "day", "low", "high", "incidents"))


ALONE = FIRST + datetime.timedelta(days=20)  # a day only the `target` figure is told on


@pytest.fixture
def target(places, reviewer):
    """A killed figure alone on its day, in a neighbourhood, among the random data: any change to it
    changes what is summed there."""
    build(3, reports=25)
    report = Report.objects.create(title="Target", body="b", published_on=ALONE,
                                   duplicate_of=Report.objects.first(), duplicate_status="suspected")
    Indicator.objects.create(report=report, kind="killed", group="people", value=5, qualifier="exact",
                             unit="people", place=Place.objects.get(pcode="N0123"), quote="5 killed")
    indicator = Indicator.objects.create(report=report, kind="killed", group="people", value=77, qualifier="exact",
                                         unit="people", date=ALONE, place=Place.objects.get(pcode="N0123"),
                                         origin="extracted", quote="77 killed")
    before = stored()
    assert before == rebuilt() and before
    return indicator


@pytest.fixture
def reviewer(db):
    return User.objects.create_user("reviewer")


def changed_by(write):
    before = stored()
    write()
    after = stored()
    assert after == rebuilt()
    assert after != before, "the write should change what is summed"


def test_a_new_figure(target):
    report = Report.objects.create(title="New", body="A new report.", published_on=FIRST - datetime.timedelta(days=10))
    changed_by(lambda: Indicator.objects.create(report=report, kind="killed", group="people", value=7,
                                                qualifier="exact", unit="people",
                                                place=Place.objects.get(pcode="N0123")))


def test_a_rejection(target, reviewer):
    changed_by(lambda: review.reject(target, reviewer))


def test_a_correction_of_value(target, reviewer):
    changed_by(lambda: review.correct(target, reviewer, value=1000))


def test_a_correction_that_moves_the_day(target, reviewer):
    changed_by(lambda: review.correct(target, reviewer, date=ALONE + datetime.timedelta(days=30)))


def test_a_correction_of_place(target, reviewer):
    changed_by(lambda: review.correct(target, reviewer, place=Place.objects.get(pcode="SY0700")))


def test_deleting_a_figure(target):
    changed_by(target.delete)


def test_deleting_a_report(target):
    changed_by(target.report.delete)


def test_a_reports_date_moving_its_undated_figures(target):
    report = target.report

    def move():
        report.published_on = ALONE + datetime.timedelta(days=60)
        report.save()

    changed_by(move)


def test_confirming_and_dismissing_a_duplicate(target, reviewer):
    changed_by(lambda: review.confirm_duplicate(target.report, reviewer))
    changed_by(lambda: review.dismiss_duplicate(Report.objects.get(pk=target.report_id), reviewer))


def test_storing_an_extraction_result_in_bulk(target):
    report = Report.objects.create(title="Extracted", body="An extracted report.", published_on=FIRST - datetime.timedelta(days=10))
    result = {"figures": [{"kind": "killed", "group": "people", "value": 33, "qualifier": "exact",
                           "quote": "33 killed", "start": 0, "end": 1, "place": {"pcode": "N0124"}}]}
    changed_by(lambda: store_indicators(report, result, new_report=True))


def test_re_extraction_replacing_unreviewed_machine_figures(target):
    changed_by(lambda: store_indicators(target.report, {"figures": [], "conditions": []}))


def test_moving_a_place_in_the_gazetteer(target):
    moved = Place.objects.get(pcode="N0123")

    def move():
        moved.parent = Place.objects.get(pcode="SY0700")  # filed under another governorate's district
        moved.save()

    changed_by(move)


def test_a_change_made_while_a_refresh_runs_is_not_lost(places, scenario):
    """A refresh deletes only the marks it read: a mark added after (here: left behind by a later
    write, simulated by adding one once the refresh has read) is refreshed by the next read."""
    scenario("""
    | report | published  | kind   | value | place |
    | a      | 2016-09-26 | killed | 12    | N0123 |
    """)
    summaries.refresh_day_totals()
    late = StaleDay.objects.create(day=datetime.date(2016, 9, 26))
    assert list(StaleDay.objects.all()) == [late]
    Indicator.objects.filter(value=12).update(value=20)  # a write that sent no signal, marked by `late`
    assert summaries.refresh_day_totals() == 1
    assert DayTotal.objects.get(depth=0, series="killed").low == 20
    assert not StaleDay.objects.exists()


def test_a_clean_read_asks_one_question_of_the_marks(places, scenario, django_assert_num_queries):
    scenario("""
    | report | published  | kind   | value | place |
    | a      | 2016-09-26 | killed | 12    | N0123 |
    """)
    summaries.refresh_day_totals()
    with django_assert_num_queries(1):
        assert summaries.refresh_day_totals() == 0


STORED_CALLS = {
    # name: (queries, filter parameters, call); a P-code in the filter costs the FilterSet one lookup.
    "timeline": (3, {}, lambda filters, places: summaries.timeline(filters)),
    "timeline_of_a_district": (4, {"place": "SY0200"}, lambda filters, places: summaries.timeline(filters)),
    # 5 with or without as_of: every condition of the period is read (for the worst), so as_of is found in it.
    "district_summary": (5, {}, lambda filters, places: summaries.district_summary(filters)),
    "district_summary_as_of": (5, {}, lambda filters, places: summaries.district_summary(
        filters, as_of=datetime.date(2016, 9, 30))),
    "place_summary": (6, {"place": "SY02"}, lambda filters, places: summaries.place_summary(
        filters, place=places["SY02"])),
}


@pytest.mark.parametrize("size", [1, 40])
@pytest.mark.parametrize("name", STORED_CALLS)
def test_summaries_from_stored_totals_run_a_fixed_number_of_queries(places, scenario, django_assert_num_queries,
                                                                    name, size):
    from tests.dashboard.test_summaries_queries import table

    scenario(table(size))
    summaries.refresh_day_totals()
    expected, params, call = STORED_CALLS[name]
    filters = IndicatorFilter({"date_after": "2016-09-01", **params}, queryset=Indicator.objects.all())
    with django_assert_num_queries(expected):
        result = call(filters, places)
    assert plain(result) == plain(call(filters.qs, places))  # the same as from the figures


def test_refresh_summaries_command_refreshes_the_marked_days_and_rebuilds_on_request(places, scenario):
    import io

    from django.core.management import call_command

    scenario("""
    | report | published  | kind   | value | place |
    | a      | 2016-09-26 | killed | 12    | N0123 |
    | b      | 2016-09-27 | killed | 15    | C1007 |
    """)
    out = io.StringIO()
    call_command("refresh_summaries", stdout=out)
    assert out.getvalue().startswith("daily totals: 2 day(s) refreshed")
    with connection.cursor() as cursor:  # behind Sitrep's back (its models mark every day they change)
        cursor.execute(f"UPDATE {Indicator._meta.db_table} SET value = 16 WHERE value = 15")
    call_command("refresh_summaries", stdout=out)
    assert DayTotal.objects.get(depth=0, day=datetime.date(2016, 9, 27)).low == 15
    call_command("refresh_summaries", "--rebuild", stdout=out)
    assert "2 day(s) rebuilt" in out.getvalue()
    assert DayTotal.objects.get(depth=0, day=datetime.date(2016, 9, 27)).low == 16
