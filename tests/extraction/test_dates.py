"""Publication dates from datelines, and incident days resolved against them."""

import datetime

import pytest

from reports.extraction import extract
from reports.extraction.dates import read_dateline, sentence_day, since_phrase

TUESDAY = datetime.date(2016, 9, 27)


@pytest.mark.parametrize("opening, expected", [
    ("date 2016-09-27 Strikes hit the city.", "2016-09-27"),
    ("Wed 05 Apr 2017 Strikes hit the city.", "2017-04-05"),
    ("Sun 16 Apr 2017 at 0914 Strikes hit the city.", "2017-04-16"),
    ("Posted on April 2 2017 by a reporter. Strikes hit the city.", "2017-04-02"),
    ("Published February 18 2015 Strikes hit the city.", "2015-02-18"),
    ("Date of publication 7 July 2016 Strikes hit the city.", "2016-07-07"),
    ("AFP Monday 2 Feb 2015 Strikes hit the city.", "2015-02-02"),
    ("12 February 2015 Strikes hit the city.", "2015-02-12"),
    ("Wednesday 24 August 2016 Strikes hit the city.", "2016-08-24"),
    ("14.04.2017 Strikes hit the city.", "2017-04-14"),
])
def test_dateline_forms_give_the_publication_date(opening, expected):
    assert read_dateline(opening).isoformat() == expected


def test_agency_dateline_after_the_headline_gives_the_publication_date():
    assert read_dateline("Raids kill 10 in a camp AFP Wednesday 29 Oct 2014 Aircraft dropped bombs.").isoformat() \
        == "2014-10-29"


def test_text_without_a_dateline_has_no_publication_date():
    assert read_dateline("Strikes hit the city on Monday.") is None


def test_a_date_deep_in_the_text_is_not_a_dateline():
    assert read_dateline("Strikes hit the city. " * 10 + "12 February 2015") is None


def test_weekday_resolves_to_the_day_before():
    assert sentence_day("12 people were killed in Monday's raids.", TUESDAY) == datetime.date(2016, 9, 26)


def test_weekday_of_the_publication_day_is_that_day():
    assert sentence_day("12 people were killed on Tuesday.", TUESDAY) == TUESDAY


def test_weekday_resolves_to_the_latest_such_day_before_publication():
    assert sentence_day("12 people were killed on Wednesday.", TUESDAY) == datetime.date(2016, 9, 21)


def test_overnight_is_the_publication_date():
    assert sentence_day("12 people were killed overnight.", TUESDAY) == TUESDAY


def test_today_is_the_publication_date():
    assert sentence_day("12 people were killed today.", TUESDAY) == TUESDAY


def test_yesterday_is_the_day_before():
    assert sentence_day("12 people were killed yesterday.", TUESDAY) == datetime.date(2016, 9, 26)


def test_day_and_month_without_year_take_the_latest_year_not_after_publication():
    assert sentence_day("12 people were killed on 30 December.", TUESDAY) == datetime.date(2015, 12, 30)


def test_reporting_day_is_not_the_incident_day():
    assert sentence_day("The monitor said on Monday that 12 people were killed.", TUESDAY) is None


def test_weekday_without_publication_date_stays_unresolved():
    assert sentence_day("12 people were killed on Monday.", None) is None


def test_since_keeps_the_words_as_written():
    assert since_phrase("750 civilians have been killed since mid-November in attacks.")[0] == "mid-November"


def test_since_a_clause_stops_at_the_comma():
    assert since_phrase("Since the truce fell apart, 248 people have been killed.")[0] == "the truce fell apart"


def test_explicit_date_argument_wins_over_the_dateline():
    result = extract("date 2016-09-27 Strikes killed 5 people on Monday.", report_date=datetime.date(2017, 1, 3))
    assert result["report_date"] == "2017-01-03"
    assert result["figures"][0]["date"] == "2017-01-02"
