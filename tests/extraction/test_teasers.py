"""A headline inside the body is another story's teaser (a related link, a photo's headline), not a count
of this report (issue 11, daily killed): its count added to the report's day would be summed as an
incident the report does not tell. Sentences are our own, written for each kind of language."""

import datetime

from reports.extraction import extract

REPORT_DAY = datetime.date(2016, 9, 27)


def counts(text):
    return [(f["kind"], f["value"]) for f in extract(text, report_date=REPORT_DAY)["figures"]]


def test_a_related_storys_headline_is_no_figure():
    text = ("Shelling killed three people in the old city on Monday, a monitor said. 612 Related Army "
            "Advances Near the Airport Coalition Raids Near the Dam Kill Over 40 Fighters Tags shelling city")
    assert counts(text) == [("killed", 3)]


def test_a_photo_credit_and_teaser_headline_is_no_figure():
    text = ("A car bomb killed five people at a checkpoint on Monday. AP Photo Staff Photographer Car Bomb "
            "Hits Market in Northern Town Dozens Dead The blast hit the market at noon, witnesses said.")
    assert counts(text) == [("killed", 5)]


def test_the_reports_own_headline_in_title_case_counts():
    text = "Rebel Shelling Kills 12 Civilians in Northern City Rebel shelling killed 12 civilians on Monday."
    assert counts(text) == [("killed", 12)]


def test_a_count_after_capitalised_names_in_a_sentence_counts():
    text = ("Troops entered the town on Monday. Doctors at Bab Al Hawa Hospital Idlib said 14 people were "
            "killed and Over 20 Were Wounded in the raid.")
    assert counts(text) == [("killed", 14), ("injured", 20)]
