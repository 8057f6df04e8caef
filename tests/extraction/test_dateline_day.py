"""The dateline is the day a report was published, not the day its first sentence tells (issue 11, daily
killed). When the dateline and the lead share one sentence (no full stop after the date), a count there is of
the day the lead names, else of the report's news day; a dateline that disagrees with the date given for the
report stays the day told. Sentences are our own, written for each kind of language."""

import datetime

from reports.extraction import extract

TUESDAY = datetime.date(2016, 9, 27)


def days(text, report_date=TUESDAY):
    return [(f["kind"], f["value"], f["cumulative"], f["date"]) for f in extract(text, report_date=report_date)["figures"]]


def test_a_day_named_after_the_dateline_is_the_counts_day():
    text = ("Date of publication 27 September 2016 Warplanes struck a market in the town on Sunday killing "
            "12 civilians, a monitor said. Rescuers searched the rubble through the night.")
    assert days(text) == [("killed", 12, False, "2016-09-25")]


def test_every_dateline_form_gives_way_to_the_leads_day():
    for dateline in ("27 September 2016", "Published September 27 2016", "Tue 27 Sep 2016",
                     "Last updated at 27 September 2016"):
        text = f"{dateline} Shelling killed four people in the old city on Monday. The army denied it."
        assert days(text) == [("killed", 4, False, "2016-09-26")], dateline


def test_a_lead_without_a_day_falls_on_the_news_day_the_next_sentence_tells():
    text = ("27 Sep 2016 Dozens of civilians have reportedly been killed by air strikes near the river. "
            "Monitors said at least 73 civilians were killed in the strikes early on Sunday morning.")
    assert days(text) == [("killed", 24, False, "2016-09-25"), ("killed", 73, False, "2016-09-25")]


def test_a_lead_that_names_no_day_anywhere_stays_on_the_report_day():
    text = "27 September 2016 Air strikes killed nine people in the town, a monitor said."
    assert [d[:3] for d in days(text)] == [("killed", 9, False)]
    assert days(text)[0][3] in (None, "2016-09-27")  # no day of its own: the report's


def test_a_captions_date_weeks_before_is_not_the_counts_day():
    text = ("Published September 27 2016 A checkpoint seen after rebels took it on a highway August 20 2016 "
            "(Reuters) Two people were killed and 15 injured as troops shelled the village.")
    assert [d[3] in (None, "2016-09-27") for d in days(text)] == [True, True]


def test_a_dateline_that_disagrees_with_the_given_date_stays_the_day_told():
    # the date given with the report (a catalogue's) is not the printed one: the printed day is kept
    text = "Date of publication 7 July 2016 More than 33 people were killed in raids on the city."
    assert days(text, report_date=datetime.date(2016, 4, 12)) == [("killed", 33, False, "2016-07-07")]


def test_without_a_given_date_the_dateline_is_read_and_the_leads_day_kept():
    text = "Tue 27 Sep 2016 Shelling killed four people in the old city on Monday."
    result = extract(text)
    assert result["report_date"] == "2016-09-27"
    assert [(f["value"], f["date"]) for f in result["figures"]] == [(4, "2016-09-26")]
