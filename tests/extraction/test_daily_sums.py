"""The held-out "daily killed" measure and eval_corpus_totals.py sum figures outside the database
(tests/extraction/daily_sums.py); these tests hold them to what the dashboard shows for the same figures."""

import datetime

import pytest

from reports.models import Indicator, Place, Report
from tests.extraction.daily_sums import incident_sums, killed_on, place_paths

DAY = datetime.date(2016, 9, 27)
BEFORE = datetime.date(2016, 9, 26)


def fig(value, group="people", *, kind="killed", qualifier="exact", place="C1007", date=None, cumulative=False,
        low=None, high=None):
    return {"kind": kind, "group": group, "value": value, "qualifier": qualifier, "unit": "people",
            "cumulative": cumulative, "date": date, "place": place, "low": low, "high": high}


@pytest.fixture(scope="module")
def paths():
    return place_paths()


def test_place_paths_spell_paths_as_the_place_table_does(paths):
    assert paths["SY"] == "SY"
    assert paths["N0123"] == "SY/SY02/SY0200/SY020000/C1007/N0123"
    assert paths["C1007-EAST"] == "SY/SY02/SY0200/SY020000/C1007/C1007-EAST"


def test_groups_of_one_place_and_day_count_once_as_people_or_civilians_plus_combatants(paths):
    figures = [fig(12), fig(5, "civilians"), fig(9, "combatants")]
    assert killed_on(DAY, figures, paths, day=DAY) == 14


def test_children_and_women_are_never_added(paths):
    assert killed_on(DAY, [fig(12), fig(3, "children"), fig(2, "women")], paths, day=DAY) == 12


def test_running_totals_are_never_summed(paths):
    assert killed_on(DAY, [fig(12), fig(300, cumulative=True, place="SY")], paths) == 12


def test_a_neighbourhood_inside_the_city_told_the_same_day_is_one_incident(paths):
    # "12 in a neighbourhood and 15 for the city that day are one incident, counted once" (low 12)
    assert killed_on(DAY, [fig(12, place="N0123"), fig(15)], paths, day=DAY) == 12


def test_places_side_by_side_are_separate_incidents(paths):
    assert killed_on(DAY, [fig(12, place="N0123"), fig(4, place="C3871")], paths, day=DAY) == 16


def test_a_figure_dated_before_the_report_is_not_on_the_reports_day(paths):
    figures = [fig(12), fig(7, place="C3871", date=BEFORE.isoformat())]
    assert killed_on(DAY, figures, paths, day=DAY) == 12
    assert killed_on(DAY, figures, paths) == 19


def test_up_to_states_no_lower_bound(paths):
    assert killed_on(DAY, [fig(30, qualifier="up_to")], paths) == 0


def test_an_unknown_place_counts_as_no_place(paths):
    # with a figure without a place that day: one incident, low 3 and high 4
    assert incident_sums([(DAY, [fig(3, place="X9999"), fig(4, place=None)])], paths) == {("killed", DAY): [3, 4]}


# The same figures stored as indicators: the dashboard's own headline must agree with the sums above.

STORED = [
    # value, group, qualifier, low, high, place, date, cumulative
    (12, "people", "at_least", 12, None, "N0123", None, False),
    (15, "people", "exact", None, None, "C1007", None, False),
    (5, "civilians", "exact", None, None, "C3871", None, False),
    (9, "combatants", "about", None, None, "C3871", None, False),
    (7, "people", "exact", None, None, "C3871", BEFORE, False),
    (4, "children", "exact", None, None, "C1007", None, False),
    (30, "people", "up_to", None, 30, "SY07", None, False),
    (300, "people", "more_than", 300, None, "SY", None, True),
    (2, "people", "exact", None, None, None, None, False),
]
PLACES = [
    ("SY", "country", None), ("SY02", "admin1", "SY"), ("SY0200", "admin2", "SY02"),
    ("SY020000", "admin3", "SY0200"), ("C1007", "community", "SY020000"), ("N0123", "neighbourhood", "C1007"),
    ("SY07", "admin1", "SY"), ("SY0700", "admin2", "SY07"), ("SY070000", "admin3", "SY0700"),
    ("C3871", "community", "SY070000"),
]


@pytest.mark.django_db
def test_sums_agree_with_the_dashboards_headline_on_the_same_figures(paths):
    made = {}
    for pcode, level, parent in PLACES:
        made[pcode] = Place.objects.create(pcode=pcode, level=level, name_en=pcode, parent=made.get(parent))
    report = Report.objects.create(title="r", body="b", published_on=DAY)
    figures = []
    for value, group, qualifier, low, high, place, date, cumulative in STORED:
        Indicator.objects.create(report=report, kind="killed", group=group, value=value, qualifier=qualifier,
                                 low=low, high=high, unit="people", place=made.get(place), date=date,
                                 cumulative=cumulative, quote="q", start=0, end=1)
        figures.append(fig(value, group, qualifier=qualifier, low=low, high=high, place=place,
                           date=date.isoformat() if date else None, cumulative=cumulative))
    from dashboard.summaries import headline

    shown = headline(Indicator.objects.all())["killed"]
    sums = incident_sums([(DAY.isoformat(), figures)], paths)
    assert shown.low > 0
    assert (shown.low, shown.high) == (sum(s[0] for s in sums.values()), sum(s[1] for s in sums.values()))
