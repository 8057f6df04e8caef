"""Counts that are not one incident of the report's days (0.11.0), groups across clauses, and people
under rubble. Sentences are our own, written for each kind of language; each states what it must give."""

import datetime

import pytest

from reports.extraction import extract

REPORT_DAY = datetime.date(2016, 9, 27)  # a Tuesday


def read(text):
    return [(f["kind"], f["group"], f["value"], f["cumulative"], f["date"], f["since"])
            for f in extract(text, report_date=REPORT_DAY)["figures"]]


def cumulative(text):
    return [(f["kind"], f["value"], f["cumulative"]) for f in extract(text, report_date=REPORT_DAY)["figures"]]


@pytest.mark.parametrize("sentence, expected", [
    # tolls over several days
    ("At least 120 people have been killed over the past week in the city.", [("killed", 120, True)]),
    ("In the last month alone, 450 civilians died in the province.", [("killed", 450, True)]),
    ("At least 45 people were killed in five days of raids on the town.", [("killed", 45, True)]),
    ("Three weeks of relentless bombing have killed 300 civilians.", [("killed", 300, True)]),
    ("The toll of the week-long offensive has reached 120.", [("killed", 120, True)]),
    ("The two-week campaign has killed 300 civilians in the district.", [("killed", 300, True)]),
    ("Rebel shelling killed 23 people during the past week, the ministry said.", [("killed", 23, True)]),
    # running totals
    ("So far this year 300 civilians have been killed in the province.", [("killed", 300, True)]),
    ("More than 200 civilians have died since the offensive began on Sunday.", [("killed", 200, True)]),
    ("Some 33,000 residents have been forced out of their homes since 10 August 2014.", [("displaced", 33000, True)]),
    # earlier times without a day, near the count
    ("Last month air strikes on the market killed 70 people.", [("killed", 70, True)]),
    ("Earlier this week a chemical attack killed at least 87 people in the town.", [("killed", 87, True)]),
    ("Coalition raids killed 100 civilians near Manbij last week, the monitor said.", [("killed", 100, True)]),
    ("The siege that began two years ago has killed 400 people.", [("killed", 400, True)]),
])
def test_counts_over_several_days_are_cumulative(sentence, expected):
    assert cumulative(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The 1982 Hama massacre killed at least 10,000 people.", [("killed", 10000, True)]),
    ("The 2013 chemical attack that killed hundreds of people in Ghouta was blamed on the government.",
     [("killed", 200, True)]),
    ("Last year's siege displaced thousands of residents.", [("displaced", 2000, True)]),
    ("In December 2015 three police officers were wounded in a similar bombing.", [("injured", 3, True)]),
    ("In 2014, 76,000 people were killed across the country.", [("killed", 76000, True)]),
])
def test_background_counts_of_earlier_events_are_cumulative(sentence, expected):
    assert cumulative(sentence) == expected


def test_an_earlier_event_dated_in_full_keeps_its_date_and_is_no_incident_of_the_report():
    [(kind, group, value, is_cumulative, date, since)] = read(
        "A chemical attack on 21 August 2013 killed 1,400 people in Ghouta.")
    assert (kind, value, is_cumulative, date, since) == ("killed", 1400, True, "2013-08-21", None)


def test_a_running_total_keeps_its_start_as_written_and_no_date():
    [(_, _, value, is_cumulative, date, since)] = read(
        "At least 359 civilians have been killed since Sept. 19 when the truce ended.")
    assert (value, is_cumulative, date, since) == (359, True, None, "Sept. 19")


@pytest.mark.parametrize("sentence, expected", [
    ("The war has displaced 13 million people.", [("displaced", 13000000, True)]),
    ("About 13 million Syrians have been displaced.", [("displaced", 13000000, True)]),
    ("More than 470,000 people have been killed in Syria.", [("killed", 470000, True)]),
    ("More than 6 million are internally displaced.", [("displaced", 6000000, True)]),
])
def test_country_wide_war_tolls_are_cumulative(sentence, expected):
    assert cumulative(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # one strike or one day: incidents of their day
    ("Government bombardment killed 20 people on Monday.", [("killed", "people", 20, False, "2016-09-26", None)]),
    ("An air strike on the market killed 12 civilians.", [("killed", "civilians", 12, False, None, None)]),
    # a day named beside an earlier time: the day wins
    ("On Monday air strikes killed 23 people in the town besieged since rebels took it two years ago.",
     [("killed", "people", 23, False, "2016-09-26", None)]),
    # an earlier time far from the count says nothing of it
    ("At least 26 people were killed in eastern Aleppo after bombing by Russian jets that resumed when a brief "
     "ceasefire between the government and the rebels collapsed last month.",
     [("killed", "people", 26, False, None, None)]),
    # a war's or truce's length is no period of the count
    ("Dozens of people were killed on Tuesday in a chemical attack, among the worst of the six-year war.",
     [("killed", "people", 24, False, "2016-09-27", None)]),
])
def test_counts_tied_to_one_strike_or_one_day_stay_incidents(sentence, expected):
    assert read(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("The strikes killed five civilians and wounded 13 in Douma.",
     [("killed", "civilians", 5), ("injured", "civilians", 13)]),
    ("Air strikes killed five civilians in the town of Douma, east of Damascus, and wounded 13 others.",
     [("killed", "civilians", 5), ("injured", "civilians", 13)]),
    ("Two soldiers were killed and four wounded in the ambush.",
     [("killed", "combatants", 2), ("injured", "combatants", 4)]),
    ("Four rebels died and 11 were injured in the clashes.",
     [("killed", "combatants", 4), ("injured", "combatants", 11)]),
    ("The shelling killed five civilians, among them two children, and wounded 13 others.",
     [("killed", "civilians", 5), ("killed", "children", 2), ("injured", "civilians", 13)]),
    ("At least eight civilians were killed while 15 others were wounded.",
     [("killed", "civilians", 8), ("injured", "civilians", 15)]),
    ("Five civilians were killed in Douma. Thirteen others were wounded.",
     [("killed", "civilians", 5), ("injured", "civilians", 13)]),
    ("Air strikes killed 14 civilians in Idlib; 30 others were wounded.",
     [("killed", "civilians", 14), ("injured", "civilians", 30)]),
])
def test_a_count_sharing_the_noun_of_the_clause_before_takes_its_group(sentence, expected):
    assert [(k, g, v) for k, g, v, *_ in read(sentence)] == expected


@pytest.mark.parametrize("sentence", [
    "Rescuers pulled 10 people alive from the rubble.",
    "Rescuers pulled out 12 people from the rubble of the building.",
    "Dozens of people remain trapped under the rubble of the building.",
    "About 50 people remain buried under the rubble.",
    "At least 20 people are still trapped beneath the debris.",
])
def test_people_under_rubble_or_pulled_out_of_it_are_no_figure(sentence):
    assert read(sentence) == []


def test_bodies_pulled_from_the_rubble_are_still_killed():
    assert [(k, v) for k, _, v, *_ in read("Civil defence workers pulled 15 bodies from the rubble.")] == [("killed", 15)]


def test_a_besieged_population_is_still_trapped():
    assert [(k, v) for k, _, v, *_ in read("Some 40,000 civilians remain trapped in the besieged town.")] == [
        ("trapped", 40000)]


@pytest.mark.parametrize("sentence, expected", [
    ("More than 1,000 civilians have been killed in eastern Aleppo since it was launched on November 15.",
     [("killed", 1000, True)]),
    ("They were the latest of more than 7,000 people killed across the country since the council passed "
     "its resolution.", [("killed", 7000, True)]),
    ("Hundreds of people have been killed there since peace talks broke off.", [("killed", 200, True)]),
])
def test_since_soon_after_a_count_makes_it_a_running_total(sentence, expected):
    assert cumulative(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("A helicopter was shot down on Monday, killing all five people on board in the biggest loss for its "
     "forces since they started operations in the country.", [("killed", 5, False)]),
    ("The death was the first in the town since an attack on Tuesday that killed 87 civilians.",
     [("killed", 87, False)]),
])
def test_a_superlatives_since_dates_a_comparison_not_a_running_total(sentence, expected):
    assert cumulative(sentence) == expected
