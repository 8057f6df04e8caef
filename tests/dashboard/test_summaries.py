"""The summary rules (the docstring of dashboard/summaries/__init__.py), one behaviour per test, scenarios as tables."""

import datetime
import gc

import pytest

from dashboard import summaries
from reports.models import Indicator

D = datetime.date.fromisoformat
MONDAY = D("2016-09-26")


def everything():
    return Indicator.objects.all()


def killed(result):
    return [i for i in result if i.kind == "killed" and i.group == "people"]


# --- incidents -----------------------------------------------------------------------------------------

def test_two_outlets_reporting_one_strike_make_one_incident_low_12_high_15_two_sources(places, scenario):
    scenario("""
        | report | published  | source          | kind   | value | qualifier | date       | place |
        | afp    | 2016-09-27 | SOHR            | killed | 12    | at_least  | 2016-09-26 | C1007 |
        | sana   | 2016-09-27 | civil defence   | killed | 15    | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high, incident.sources, incident.report_count, incident.disputed) == (
        12, 15, ["SOHR", "civil defence"], 2, False)


def test_same_incident_told_at_neighbourhood_and_city_level_is_counted_once(places, scenario):
    scenario("""
        | report | published  | source | kind   | value | qualifier | date       | place |
        | a      | 2016-09-27 | SOHR   | killed | 12    | at_least  | 2016-09-26 | N0123 |
        | b      | 2016-09-27 | AFP    | killed | 15    | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.place_pcode, incident.low, incident.high) == ("C1007", 12, 15)
    assert summaries.headline(everything())["killed"].low == 12


def test_incidents_in_two_neighbourhoods_of_one_city_add_up(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | N0123 |
        | b      | 2016-09-27 | killed | 3     | 2016-09-26 | N0124 |
    """)
    assert [(i.place_pcode, i.low) for i in summaries.incidents(everything())] == [("N0123", 12), ("N0124", 3)]
    assert summaries.headline(everything())["killed"].low == 15


def test_a_city_figure_is_not_added_to_the_neighbourhood_figures_it_covers(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | N0123 |
        | b      | 2016-09-27 | killed | 3     | 2016-09-26 | N0124 |
        | c      | 2016-09-27 | killed | 15    | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high, incident.report_count) == (15, 15, 3)


def test_sums_count_a_city_figure_once_over_the_neighbourhoods_it_covers_and_never_lower_their_sum(places, scenario):
    scenario("""
        | report | published  | kind   | value | qualifier | date       | place |
        | a      | 2016-09-27 | killed | 12    | exact     | 2016-09-26 | N0123 |
        | b      | 2016-09-27 | killed | 3     | exact     | 2016-09-26 | N0124 |
        | c      | 2016-09-27 | killed | 10    | at_least  | 2016-09-26 | C1007 |
        | d      | 2016-09-27 | killed | 4     | exact     | 2016-09-26 | SY0700 |
    """)
    figure = summaries.headline(everything())["killed"]
    assert (figure.low, figure.high, figure.incidents) == (19, 19, 2)


def test_same_figure_on_different_days_is_two_incidents(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | C1007 |
        | b      | 2016-09-28 | killed | 12    | 2016-09-27 | C1007 |
    """)
    assert summaries.headline(everything())["killed"].low == 24


def test_incompatible_figures_stay_one_incident_shown_as_a_disputed_range(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | killed | 30    | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high, incident.disputed) == (12, 30, True)


def test_figures_within_the_tolerance_are_not_disputed(places, scenario):
    scenario("""
        | report | published  | kind   | value | qualifier | date       | place |
        | a      | 2016-09-27 | killed | 100   | about     | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | killed | 108   | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high, incident.disputed) == (100, 108, False)


def test_up_to_figure_states_no_lower_bound(places, scenario):
    scenario("""
        | report | published  | kind    | value | qualifier | date       | place |
        | a      | 2016-09-27 | injured | 40    | up_to     | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | injured | 25    | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high) == (25, 40)


def test_vague_dozens_counts_at_its_conservative_value(places, scenario):
    scenario("""
        | report | published  | kind    | value | qualifier | date       | place |
        | a      | 2016-09-27 | injured | 24    | vague     | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | injured | 60    | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high, incident.disputed) == (24, 60, False)


def test_children_are_shown_under_their_total_and_never_added(places, scenario):
    scenario("""
        | report | published  | kind   | group    | value | qualifier | date       | place |
        | a      | 2016-09-27 | killed | people   | 12    | at_least  | 2016-09-26 | C1007 |
        | a      | 2016-09-27 | killed | children | 3     | exact     | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert [(s.group, s.low) for s in incident.subgroups] == [("children", 3)]
    assert summaries.headline(everything())["killed"].low == 12


def test_people_are_counted_once_against_civilians_and_combatants(places, scenario):
    scenario("""
        | report | published  | kind   | group      | value | date       | place |
        | a      | 2016-09-27 | killed | people     | 20    | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | killed | civilians  | 14    | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | killed | combatants | 9     | 2016-09-26 | C1007 |
    """)
    figure = summaries.headline(everything())["killed"]
    assert (figure.low, figure.high) == (23, 23)


def test_families_are_never_added_to_people(places, scenario):
    scenario("""
        | report | published  | kind      | value | unit     | qualifier | date       | place |
        | a      | 2016-09-27 | displaced | 24    | families | vague     | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | displaced | 300   | people   | exact     | 2016-09-26 | C1007 |
    """)
    result = summaries.headline(everything())
    assert (result["displaced"].low, result["displaced_families"].low) == (300, 24)


# --- reported totals -------------------------------------------------------------------------------------

def test_cumulative_total_beside_daily_figures_is_never_added_to_them(places, scenario):
    scenario("""
        | report | published  | kind   | value | qualifier | date       | place | cumulative | since                  |
        | a      | 2016-09-27 | killed | 12    | at_least  | 2016-09-26 | C1007 | -          | -                      |
        | a      | 2016-09-27 | killed | 248   | exact     | -          | SY02  | yes        | since the truce fell apart |
    """)
    timeline = summaries.timeline(everything())
    assert timeline["incidents"]["killed"] == [{"date": MONDAY, "low": 12, "high": 12, "incidents": 1}]
    assert [(t["value"], t["since"], t["date"]) for t in timeline["totals"]] == [
        (248, "since the truce fell apart", D("2016-09-27"))]
    assert summaries.headline(everything())["killed"].high == 12


def test_reported_totals_are_not_summed_with_each_other(places, scenario):
    scenario("""
        | report | published  | kind   | value | place | cumulative |
        | a      | 2016-09-27 | killed | 248   | SY02  | yes        |
        | b      | 2016-09-30 | killed | 300   | SY02  | yes        |
    """)
    totals = summaries.reported_totals(everything())
    assert [(t.date, t.value) for t in totals] == [(D("2016-09-27"), 248), (D("2016-09-30"), 300)]
    assert "killed" not in summaries.headline(everything())


# --- review ----------------------------------------------------------------------------------------------

def test_corrected_value_wins_over_the_machines(places, scenario):
    scenario("""
        | report | published  | kind   | value | original | status    | date       | place |
        | a      | 2016-09-27 | killed | 21    | 12       | corrected | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.reviewed_count) == (21, 1)
    [figure] = summaries.provenance(everything(), kind="killed")
    assert (figure.value, figure.original_value, figure.reviewed) == (21, 12, True)


def test_rejected_figure_disappears(places, scenario):
    scenario("""
        | report | published  | kind   | value | status   | date       | place |
        | a      | 2016-09-27 | killed | 12    | verified | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | killed | 400   | rejected | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert (incident.low, incident.high, incident.report_count) == (12, 12, 1)


def test_confirmed_duplicate_report_is_left_out(places, scenario):
    scenario("""
        | report | published  | duplicate | kind   | value | date       | place |
        | a      | 2016-09-27 | -         | killed | 12    | 2016-09-26 | C1007 |
        | b      | 2016-09-27 | confirmed | killed | 12    | 2016-09-26 | C1007 |
    """)
    [incident] = summaries.incidents(everything())
    assert incident.report_count == 1


def test_review_share_counts_verified_and_corrected_among_what_is_shown(places, scenario):
    scenario("""
        | report | published  | kind   | value | status     | date       | place |
        | a      | 2016-09-27 | killed | 12    | verified   | 2016-09-26 | C1007 |
        | a      | 2016-09-27 | killed | 21    | corrected  | 2016-09-25 | C1007 |
        | a      | 2016-09-27 | killed | 3     | unreviewed | 2016-09-24 | C1007 |
        | a      | 2016-09-27 | killed | 9     | rejected   | 2016-09-23 | C1007 |
    """)
    share = summaries.review_share(everything())
    assert (share.shown, share.reviewed, share.verified, share.corrected) == (3, 2, 1, 1)


# --- dates ----------------------------------------------------------------------------------------------

def test_undated_figures_are_left_out_of_series_and_counted(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place | cumulative |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | C1007 | -          |
        | b      | -          | killed | 30    | -          | C1007 | -          |
        | b      | -          | killed | 750   | -          | C1007 | yes        |
    """)
    assert [i.low for i in summaries.incidents(everything())] == [12]
    assert summaries.reported_totals(everything()) == []
    assert summaries.undated_count(everything()) == 2


def test_figure_without_a_date_takes_its_reports_date(places, scenario):
    scenario("""
        | report | published  | kind   | value | place |
        | a      | 2016-09-27 | killed | 12    | C1007 |
    """)
    assert summaries.incidents(everything())[0].date == D("2016-09-27")


# --- trapped ---------------------------------------------------------------------------------------------

def test_trapped_shows_the_latest_estimate_with_the_range_and_sources(places, scenario):
    scenario("""
        | report | published  | source | kind    | group     | value  | qualifier | place |
        | a      | 2016-09-01 | UN     | trapped | civilians | 275000 | about     | C1007 |
        | b      | 2016-09-27 | AFP    | trapped | civilians | 250000 | about     | C1007 |
        | c      | 2016-06-01 | SOHR   | trapped | civilians | 300000 | about     | C1007 |
    """)
    [estimate] = summaries.trapped_estimates(everything())
    assert (estimate.date, estimate.value, estimate.range_low, estimate.range_high, estimate.sources) == (
        D("2016-09-27"), 250000, 250000, 275000, ["AFP", "UN"])


def test_trapped_estimate_for_a_city_stands_for_its_neighbourhoods(places, scenario):
    scenario("""
        | report | published  | kind    | value  | place |
        | a      | 2016-09-27 | trapped | 250000 | C1007 |
        | b      | 2016-09-27 | trapped | 40000  | N0123 |
    """)
    assert summaries.headline(everything())["trapped"].low == 40000


# --- conditions -----------------------------------------------------------------------------------------

def strip(sector, start, end):
    days = summaries.condition_days(everything(), start=D(start), end=D(end))[sector]
    return [day.severity for day in days]


def test_condition_stands_seven_days_then_shows_not_reported(places, scenario):
    scenario("""
        | report | published  | kind  | severity | place |
        | a      | 2016-09-01 | water | 4        | C1007 |
    """)
    assert strip("water", "2016-08-31", "2016-09-09") == [None, 4, 4, 4, 4, 4, 4, 4, None, None]


def test_condition_reported_before_the_window_still_stands_in_it(places, scenario):
    scenario("""
        | report | published  | kind  | severity | place |
        | a      | 2016-09-01 | water | 4        | C1007 |
    """)
    assert strip("water", "2016-09-05", "2016-09-08") == [4, 4, 4, None]


def test_later_report_replaces_a_standing_condition_even_when_better(places, scenario):
    scenario("""
        | report | published  | kind | severity | place |
        | a      | 2016-09-01 | food | 5        | C1007 |
        | b      | 2016-09-03 | food | 3        | C1007 |
    """)
    assert strip("food", "2016-09-01", "2016-09-04") == [5, 5, 3, 3]


def test_worst_severity_of_the_day_and_of_sub_places_is_shown(places, scenario):
    scenario("""
        | report | published  | kind   | severity | place |
        | a      | 2016-09-01 | health | 3        | C1007 |
        | b      | 2016-09-01 | health | 4        | C1007 |
        | c      | 2016-09-02 | health | 5        | N0123 |
    """)
    assert strip("health", "2016-09-01", "2016-09-02") == [4, 5]


# --- place summaries ------------------------------------------------------------------------------------

def test_district_summary_puts_neighbourhood_incidents_in_their_district(places, scenario):
    scenario("""
        | report | published  | kind   | value | qualifier | date       | place  |
        | a      | 2016-09-27 | killed | 12    | at_least  | 2016-09-26 | N0123  |
        | b      | 2016-09-27 | killed | 15    | exact     | 2016-09-26 | C1007  |
        | c      | 2016-09-27 | killed | 4     | exact     | 2016-09-26 | SY0700 |
    """)
    rows = {row.pcode: row for row in summaries.district_summary(everything()).rows}
    assert (rows["SY0200"].figures["killed"], rows["SY0700"].figures["killed"], rows["SY0202"].figures) == (
        (12, 15), (4, 4), {})


def test_district_summary_lists_districts_by_governorate(places, scenario):
    rows = summaries.district_summary(everything()).rows
    assert [(row.parent_pcode, row.pcode) for row in rows] == [
        ("SY02", "SY0202"), ("SY02", "SY0200"), ("SY07", "SY0700")]


def test_a_governorate_figure_adds_to_the_district_table_what_it_adds_to_the_card(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place  |
        | a      | 2016-09-27 | killed | 30    | 2016-09-26 | SY02   |
        | b      | 2016-09-27 | killed | 12    | 2016-09-26 | C1007  |
    """)
    summary = summaries.district_summary(everything())
    rows = {row.pcode: row for row in summary.rows}
    # 30 for the governorate covers the 12 in Aleppo city: one incident, 12-30 (rule 3).
    assert (rows["SY0200"].figures["killed"], summary.above["killed"]) == ((12, 12), (0, 18))
    assert summary.total["killed"] == (12, 30)


def test_district_shows_the_standing_severity_and_not_reported_once_expired(places, scenario):
    scenario("""
        | report | published  | kind  | severity | place  |
        | a      | 2016-09-20 | water | 4        | C1007  |
        | b      | 2016-09-27 | food  | 3        | N0123  |
    """)
    rows = {row.pcode: row for row in summaries.district_summary(everything()).rows}
    assert (rows["SY0200"].conditions["water"], rows["SY0200"].conditions["food"]) == (None, 3)


def test_district_summary_turns_the_garbage_collector_back_on(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | N0123 |
    """)
    assert gc.isenabled()
    summaries.district_summary(everything())
    assert gc.isenabled()


def test_district_summary_leaves_a_paused_garbage_collector_paused(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | N0123 |
    """)
    gc.disable()
    try:
        summaries.district_summary(everything())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_place_summary_has_a_row_per_child_place(places, scenario):
    scenario("""
        | report | published  | kind   | value | date       | place |
        | a      | 2016-09-27 | killed | 12    | 2016-09-26 | N0123 |
        | b      | 2016-09-27 | killed | 5     | 2016-09-26 | C1007 |
    """)
    summary = summaries.place_summary(everything(), place=places["C1007"])
    assert [(row.pcode, row.figures.get("killed")) for row in summary.rows] == [
        ("N0123", (12, 12)), ("N0124", None)]
    # 5 for the city is below the 12 inside it: it joins that incident and adds nothing (rule 3).
    assert "killed" not in summary.above and summary.total["killed"] == (12, 12)


# --- provenance -----------------------------------------------------------------------------------------

def test_provenance_lists_the_quotes_and_sources_behind_a_bar(places, scenario):
    scenario("""
        | report | published  | source | kind   | value | date       | place | quote                       |
        | a      | 2016-09-27 | SOHR   | killed | 12    | 2016-09-26 | N0123 | at least 12 people killed   |
        | b      | 2016-09-27 | AFP    | killed | 15    | 2016-09-26 | C1007 | 15 killed in Monday's raids |
        | c      | 2016-09-27 | AFP    | killed | 3     | 2016-09-25 | C1007 | three dead on Sunday        |
    """)
    figures = summaries.provenance(everything(), kind="killed", date=MONDAY, place=places["C1007"])
    assert [(f.quote, f.source, f.report_title) for f in figures] == [
        ("at least 12 people killed", "SOHR", "Report a"), ("15 killed in Monday's raids", "AFP", "Report b")]


def test_source_falls_back_to_the_reports_publisher(places, scenario):
    scenario("""
        | report | published  | publisher | kind   | value | date       | place |
        | a      | 2016-09-27 | Reuters   | killed | 12    | 2016-09-26 | C1007 |
    """)
    assert summaries.incidents(everything())[0].sources == ["Reuters"]


@pytest.mark.parametrize("function", [summaries.incidents, summaries.reported_totals, summaries.trapped_estimates,
                                      summaries.headline, summaries.undated_count])
def test_empty_database_gives_empty_results(db, function):
    assert not function(everything())


def test_empty_database_gives_an_empty_timeline(db):
    assert summaries.timeline(everything()) == {"incidents": {}, "totals": [], "trapped": []}


def test_a_queryset_matching_nothing_gives_empty_summaries(places, scenario):
    scenario("""
        | report | published  | kind    | value | place |
        | a      | 2016-09-27 | killed  | 12    | C1007 |
        | a      | 2016-09-27 | trapped | 900   | C1007 |
    """)
    nothing = Indicator.objects.none()  # what an invalid filter gives
    summary = summaries.district_summary(nothing, as_of=D("2016-09-27"))
    assert (summaries.headline(nothing), summaries.trapped_estimates(nothing), summary.above,
            [row.figures for row in summary.rows if row.figures]) == ({}, [], {}, [])
