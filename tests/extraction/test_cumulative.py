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


# 0.12.0: a period or an earlier event told in the sentence before; events of days before the report's news.

def figures_of(text):
    return [(f["kind"], f["value"], f["cumulative"], f["date"], f["since"])
            for f in extract(text, report_date=REPORT_DAY)["figures"]]


@pytest.mark.parametrize("text, expected", [
    ("Since late September the army has waged an air campaign on the east of the city. Hundreds of people "
     "have been killed in the raids.", [("killed", 200, True, None, "late September")]),
    ("The monitor documented 270 civilians killed in the province during April. The victims included "
     "51 children and 28 women.", [("killed", 270, True, None, None), ("killed", 51, True, None, None),
                                   ("killed", 28, True, None, None)]),
    ("Some 60,000 detainees passed through the prisons over five years. More than 2,000 of them had died there.",
     [("killed", 2000, True, None, None)]),
    ("In August 2013 a sarin attack hit the suburbs east of the capital. It killed more than 1,400 people.",
     [("killed", 1400, True, None, None)]),
])
def test_a_period_or_earlier_event_told_in_the_sentence_before_makes_its_counts_cumulative(text, expected):
    assert figures_of(text) == expected


@pytest.mark.parametrize("text, expected", [
    # the sentence before tells a period, but the count is tied to its own day or its own strike
    ("The army has shelled the town since Sunday. On Monday a strike on the market killed 12 people.",
     [("killed", 12, False, "2016-09-26", None)]),
    ("The monitor has recorded the raids since Sunday. It said a strike on the market killed 12 people.",
     [("killed", 12, False, None, None)]),
    # the since of a state is no running total's start
    ("The city has been divided since July 2012. Shelling has killed 12 people in its west.",
     [("killed", 12, False, None, None)]),
])
def test_a_count_of_its_own_strike_after_a_period_stays_an_incident(text, expected):
    assert figures_of(text) == expected


_LEAD = "Air strikes killed 14 people in Idlib on Tuesday, a monitor said. The raids also hit a bakery. " \
        "Rescue workers searched the ruins. "


@pytest.mark.parametrize("text, expected", [
    # a day before the day the opening tells: an event told as context, cumulative with its date
    (_LEAD + "On Sunday 11 civilians were killed in shelling on the town.",
     [("killed", 14, False, "2016-09-27", None), ("killed", 11, True, "2016-09-25", None)]),
    (_LEAD + "The raids came after a strike on the same market killed nine people on Sunday.",
     [("killed", 14, False, "2016-09-27", None), ("killed", 9, True, "2016-09-25", None)]),
    # "a day after" in the opening makes the day before part of the news
    ("Rebel rockets killed six children in the west of the city on Tuesday, a day after air strikes hit a school. "
     "The school was empty. Rescue workers searched the ruins. The strikes on Monday killed 22 children.",
     [("killed", 6, False, "2016-09-27", None), ("killed", 22, False, "2016-09-26", None)]),
    # an opening that names no day, or only the day it was told, leaves every day an incident's
    ("Air strikes killed 14 people in Idlib. The raids also hit a bakery. Rescue workers searched the ruins. "
     "On Sunday 11 civilians were killed in shelling on the town.",
     [("killed", 14, False, None, None), ("killed", 11, False, "2016-09-25", None)]),
    ("Air strikes killed 14 people in Idlib, a monitor said on Tuesday. The raids also hit a bakery. Rescue "
     "workers searched the ruins. On Monday 11 civilians were killed in the raids.",
     [("killed", 14, False, None, None), ("killed", 11, False, "2016-09-26", None)]),
    ("Tuesday 27 September 2016 The coalition condemned the raids. Its statement named no culprit. The raids "
     "drew wide criticism. On Monday 11 civilians were killed in Aleppo.",
     [("killed", 11, False, "2016-09-26", None)]),
    # a report on the weekend: its Saturday is part of the news that names its Sunday
    ("Shelling killed 20 people in the west of the city on Sunday. The shells hit a market. Rescue workers "
     "searched the ruins. On Saturday 13 people were killed in the same district. The death toll over the "
     "whole weekend was at least 33.",
     [("killed", 20, False, "2016-09-25", None), ("killed", 13, False, "2016-09-24", None),
      ("killed", 33, True, None, None)]),
])
def test_counts_of_days_before_the_news_are_context(text, expected):
    assert figures_of(text) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("Two days of such heavy rebel bombardment have killed 38 civilians.", [("killed", 38, True)]),
    ("In May more than 60 civilians were killed by barrel bombs on the town.", [("killed", 60, True)]),
    ("The death toll over the whole weekend was at least 44.", [("killed", 44, True)]),
    ("Air strikes killed dozens this week in Raqqa.", [("killed", 24, True)]),
    ("At least 40 people have been killed since the start of the month in the province.", [("killed", 40, True)]),
    # one day, one strike: incidents, even with "may" or a toll that has risen
    ("At least 45 people have been killed in the city in the past 24 hours.", [("killed", 45, False)]),
    ("Twelve people were killed in the city today and more may die.", [("killed", 12, False)]),
    ("The death toll from the car bomb in the square has risen to 48.", [("killed", 48, False)]),
])
def test_the_language_of_periods_and_single_days(sentence, expected):
    assert cumulative(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Some 300,000 civilians have been trapped in the enclave since 2012.",
    "Over the past year the siege has trapped 40,000 people in the town.",
])
def test_a_besieged_population_is_counted_as_it_stands_never_as_a_running_total(sentence):
    [(kind, _, _, is_cumulative, _, since)] = read(sentence)
    assert (kind, is_cumulative, since) == ("trapped", False, None)


@pytest.mark.parametrize("text, expected", [
    # a count with no day of its own is of the day the opening tells
    ("Air strikes on the town killed 26 people on Monday, a monitor said. The raids hit a hospital. A "
     "spokesman said one strike hit its courtyard, killing 14 people.",
     [("killed", 26, False, "2016-09-26", None), ("killed", 14, False, "2016-09-26", None)]),
    # ... the day of an opening sentence with figures, not a photo caption's
    ("A view of the damage in the village on September 27 2016. Air strikes on the town killed 26 people on "
     "Monday. A strike on the hospital killed 14 people.",
     [("killed", 26, False, "2016-09-26", None), ("killed", 14, False, "2016-09-26", None)]),
    # "a day after" ties the count in its clause to the day before
    ("Rebel rockets hit a school in the west of the city on Tuesday just a day after air strikes on a school "
     "in Idlib left 35 people dead.", [("killed", 35, False, "2016-09-26", None)]),
    ("A day after the truce began, strikes killed 12 people on Tuesday.", [("killed", 12, False, "2016-09-27", None)]),
    # a besieged population stands on the report's day
    ("Shelling killed 20 people on Monday. The town is besieged. Some 40,000 people remain trapped in the town.",
     [("killed", 20, False, "2016-09-26", None), ("trapped", 40000, False, None, None)]),
])
def test_a_count_without_a_day_of_its_own_is_of_the_news_day(text, expected):
    assert figures_of(text) == expected


@pytest.mark.parametrize("sentence, expected", [
    # displaced people counted where they stay: a population, not one day's flight
    ("Idlib has been a relative haven for thousands of displaced Syrians.", [("displaced", 2000, True)]),
    ("Tens of thousands of Syrians displaced from Aleppo province have found refuge in Idlib.",
     [("displaced", 20000, True)]),
    ("Some 20,000 internally displaced people live in the camps near the border.", [("displaced", 20000, True)]),
    ("About 50,000 people fled the town on Monday.", [("displaced", 50000, False)]),
    ("The fighting displaced 3,000 families.", [("displaced", 3000, False)]),
    # deaths of hunger or want of care, said without their day
    ("Doctors reported two infants had died of malnutrition.", [("killed", 2, True)]),
    ("Two more people died from lack of food and medical care on Monday.", [("killed", 2, False)]),
])
def test_populations_and_slow_deaths_are_no_incidents(sentence, expected):
    assert cumulative(sentence) == expected


@pytest.mark.parametrize("sentence, expected", [
    # a list of members ("a child and a woman") does not hide the head's group from the count after it
    ("Seven civilians including a child and a woman were killed and 13 others were injured.",
     [("killed", "civilians", 7), ("killed", "children", 1), ("killed", "women", 1), ("injured", "civilians", 13)]),
    ("Air strikes killed seven civilians including two children, and 13 soldiers were wounded.",
     [("killed", "civilians", 7), ("killed", "children", 2), ("injured", "combatants", 13)]),
    # people whose ages are all under 18 are children
    ("Eight students between 7 and 12 years old were killed in the school.", [("killed", "children", 8)]),
    ("Five people aged between 6 and 15 were wounded.", [("injured", "children", 5)]),
    ("Three men aged 20 and 35 were killed.", [("killed", "people", 3)]),
])
def test_groups_across_a_list_and_by_age(sentence, expected):
    assert [(k, g, v) for k, g, v, *_ in read(sentence)] == expected


@pytest.mark.parametrize("text, expected", [
    ("The monitor said 60,000 people have died in government jails during the five-year conflict. More than "
     "20,000 of them had died at one prison.", [("killed", 60000, True, None, None), ("killed", 20000, True, None, None)]),
    ("Investigators established that sarin was used in the suburbs in 2013. The United States accused the "
     "government of that attack which it estimates killed 1,429 people.", [("killed", 1429, True, None, None)]),
])
def test_a_count_referring_back_to_the_war_or_an_earlier_attack_is_cumulative(text, expected):
    assert figures_of(text) == expected


def test_a_count_a_day_before_the_news_told_with_a_day_after_is_context():
    text = ("Rebel shelling killed 12 civilians in Aleppo on Tuesday. The shells hit two districts. Rescue workers "
            "searched the ruins. The attacks came one day after militants targeted four neighbourhoods, leading "
            "to four deaths.")
    assert figures_of(text) == [("killed", 12, False, "2016-09-27", None), ("killed", 4, True, "2016-09-26", None)]
