"""The combining rule (summaries docstring, rule 3) on scenarios: sibling places add up, a figure told for a
containing place covers the incidents beneath it or joins one of them, and never lowers their sum; place
tables reconcile with the place's own figure (rule 8)."""

import datetime
import random

import pytest

from dashboard import summaries
from dashboard.filters import IndicatorFilter
from reports.models import Indicator, Place

OCT_5 = datetime.date(2016, 10, 5)


@pytest.fixture
def menbij(places):
    return Place.objects.create(pcode="SY0205", level="admin2", name_en="Menbij", parent=places["SY02"])


def everything():
    return Indicator.objects.all()


def killed_incidents():
    return [i for i in summaries.incidents(everything()) if i.kind == "killed" and i.group == "people"]


OCTOBER_5 = """
    | report | published  | source | kind   | value | qualifier | date       | place  |
    | a      | 2016-10-05 | SANA   | killed | 19    | exact     | 2016-10-05 | SY02   |
    | b      | 2016-10-05 | SOHR   | killed | 69    | exact     | 2016-10-05 | SY0205 |
    | c      | 2016-10-05 | AFP    | killed | 15    | at_least  | 2016-10-05 | C1007  |
"""


def test_a_governorate_figure_below_the_sum_beneath_it_does_not_lower_it(menbij, scenario):
    scenario(OCTOBER_5)
    figure = summaries.headline(everything())["killed"]
    assert (figure.low, figure.high, figure.incidents) == (84, 88, 2)


def test_the_governorate_figure_joins_the_incident_it_is_compatible_with_and_says_so(menbij, scenario):
    scenario(OCTOBER_5)
    joined, menbij_incident = sorted(killed_incidents(), key=lambda i: i.high)
    assert (menbij_incident.place_pcode, menbij_incident.low, menbij_incident.high) == ("SY0205", 69, 69)
    assert (joined.place_pcode, joined.low, joined.high, joined.disputed) == ("SY02", 15, 19, False)
    [how] = joined.joins
    assert "19 told for Aleppo (SY02)" in how and "joined to it (not counted apart)" in how
    assert "Aleppo (C1007)" in how


def test_the_governorate_page_counts_84_for_october_5_from_stored_totals(menbij, scenario):
    scenario(OCTOBER_5)
    filters = IndicatorFilter({"place": "SY02"}, queryset=Indicator.objects.all())
    [day] = summaries.timeline(filters)["incidents"]["killed"]
    assert (day["date"], day["low"], day["high"], day["incidents"]) == (OCT_5, 84, 88, 2)


def test_a_coarse_figure_compatible_with_none_joins_the_nearest_as_a_disputed_range(menbij, scenario):
    scenario(OCTOBER_5.replace("| 15    | at_least  |", "| 15    | exact     |"))
    joined = min(killed_incidents(), key=lambda i: i.high)
    assert (joined.low, joined.high, joined.disputed) == (15, 19, True)
    assert "compatible with none" in joined.joins[0]
    assert summaries.headline(everything())["killed"].low == 84


def test_a_city_figure_matching_one_of_several_neighbourhood_incidents_joins_that_one(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-26 | killed | 12    | 2016-09-26 | C1007 |
        | b      | 2016-09-26 | killed | 12    | 2016-09-26 | N0123 |
        | c      | 2016-09-26 | killed | 30    | 2016-09-26 | N0124 |
    """)
    incidents = sorted((i.place_pcode, i.low, i.high, i.report_count) for i in killed_incidents())
    assert incidents == [("C1007", 12, 12, 2), ("N0124", 30, 30, 1)]
    assert summaries.headline(everything())["killed"].low == 42


def test_a_city_figure_covering_all_neighbourhood_incidents_is_one_account_of_the_whole(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-26 | killed | 50    | 2016-09-26 | C1007 |
        | b      | 2016-09-26 | killed | 12    | 2016-09-26 | N0123 |
        | c      | 2016-09-26 | killed | 30    | 2016-09-26 | N0124 |
    """)
    [incident] = killed_incidents()
    assert (incident.place_pcode, incident.low, incident.high, incident.report_count) == ("C1007", 42, 50, 3)
    assert "covers the incidents told inside it" in incident.joins[0]


def test_two_outlets_telling_one_incident_at_two_levels_stay_one_incident(places, scenario):
    scenario("""
        | report | published  | source        | kind   | value | qualifier | date       | place |
        | a      | 2016-09-27 | SOHR          | killed | 12    | at_least  | 2016-09-26 | N0123 |
        | b      | 2016-09-27 | civil defence | killed | 15    | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = killed_incidents()
    assert (incident.low, incident.high, incident.sources) == (12, 15, ["SOHR", "civil defence"])


def test_an_up_to_trapped_estimate_does_not_pull_the_conservative_figure_down(places, scenario):
    scenario("""
        | report | published  | kind    | value  | qualifier | date       | place |
        | a      | 2016-09-20 | trapped | 250000 | exact     | 2016-09-20 | C1007 |
        | b      | 2016-09-26 | trapped | 300000 | up_to     | 2016-09-26 | C1007 |
    """)
    figure = summaries.headline(everything())["trapped"]
    assert (figure.low, figure.high) == (250000, 300000)
    [estimate] = summaries.trapped_estimates(everything())
    assert (estimate.value, estimate.range_high, estimate.date) == (250000, 300000, datetime.date(2016, 9, 26))


def test_the_timeline_shows_an_up_to_trapped_estimate_without_a_value(places, scenario):
    scenario("""
        | report | published  | kind    | value  | qualifier | date       | place |
        | b      | 2016-09-26 | trapped | 300000 | up_to     | 2016-09-26 | C1007 |
    """)
    [point] = summaries.timeline(everything())["trapped"]
    assert (point["value"], point["high"]) == (None, 300000)


# --- place tables reconcile with the place's own figure (rule 8) ---------------------------------------

def test_the_districts_table_has_what_was_told_for_the_governorate_as_a_whole(menbij, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place  |
        | a      | 2016-10-05 | killed | 19    | 2016-10-05 | SY02   |
        | b      | 2016-10-06 | killed | 7     | 2016-10-06 | SY0205 |
    """)
    summary = summaries.place_summary(everything(), place=Place.objects.get(pcode="SY02"))
    rows = {row.pcode: row.figures.get("killed") for row in summary.rows}
    assert rows["SY0205"] == (7, 7) and summary.above["killed"] == (19, 19)
    assert summary.total["killed"] == (26, 26)


def random_figures(seed, places):
    rng = random.Random(seed)
    pcodes = ["SY", "SY02", "SY0200", "SY020000", "C1007", "N0123", "N0124", "SY0202", "SY0205", "SY07", "SY0700"]
    for n in range(60):
        kind = rng.choice(["killed", "killed", "injured", "displaced", "trapped"])
        value = rng.choice([1, 3, 5, 12, 15, 19, 40, 69, 200])
        qualifier = rng.choice(["exact", "exact", "at_least", "up_to", "about"])
        Indicator.objects.create(
            report=places["report"], kind=kind, value=value, qualifier=qualifier,
            low=value if qualifier == "at_least" else None, high=value + 5 if qualifier == "about" else None,
            group=rng.choice(["people", "people", "civilians", "combatants"]),
            date=datetime.date(2016, 10, 1) + datetime.timedelta(days=rng.randrange(4)),
            place=Place.objects.get(pcode=rng.choice(pcodes)), quote=f"{value}",
        )


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("stored", [True, False], ids=["stored totals", "figures"])
def test_rows_plus_what_was_told_as_a_whole_equal_the_card_on_random_data(menbij, seed, stored):
    from reports.models import Report
    random_figures(seed, {"report": Report.objects.create(title="r", body="b", published_on=OCT_5)})
    for pcode in (None, "SY", "SY02", "SY0200", "C1007"):
        params = {"place": pcode} if pcode else {}
        filters = IndicatorFilter(params, queryset=Indicator.objects.all())
        place = Place.objects.get(pcode=pcode) if pcode else None
        summary = summaries.place_summary(filters if stored else filters.qs, place=place)
        card = summaries.headline(filters.qs)
        for kind in ("killed", "injured", "displaced", "trapped"):
            rows = [row.figures.get(kind, (0, 0)) for row in summary.rows]
            above = summary.above.get(kind, (0, 0))
            expected = (card[kind].low, card[kind].high) if kind in card else (0, 0)
            assert (sum(r[0] for r in rows) + above[0], sum(r[1] for r in rows) + above[1]) == expected, (pcode, kind)
            assert summary.total.get(kind, (0, 0)) == expected


def test_the_killed_card_says_how_many_were_civilians_and_combatants_where_reports_say(places, scenario):
    scenario("""
        | report | published  | kind   | group      | value | date       | place  |
        | a      | 2016-09-26 | killed | civilians  | 12    | 2016-09-26 | C1007  |
        | b      | 2016-09-26 | killed | combatants | 3     | 2016-09-26 | C1007  |
        | c      | 2016-09-26 | killed | people     | 40    | 2016-09-26 | SY0700 |
    """)
    figure = summaries.headline(everything())["killed"]
    assert (figure.low, figure.groups) == (55, {"civilians": (12, 12), "combatants": (3, 3)})
