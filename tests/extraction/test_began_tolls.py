"""The toll of fighting that began on an earlier day is a running total, however the sentence puts it
between the event and its start (the contract: "since the offensive began on Sunday"). A dashboard that
adds it to the start day counts days of fighting as one incident. Sentences are our own."""

import datetime

import pytest

from reports.extraction import extract

TUESDAY = datetime.date(2016, 9, 27)


def flags(text):
    return [(f["kind"], f["value"], f["cumulative"]) for f in extract(text, report_date=TUESDAY)["figures"]]


@pytest.mark.parametrize("sentence, expected", [
    ("The offensive, which began on Sunday, has killed 45 civilians, the monitor said.", [("killed", 45, True)]),
    ("Infighting between the rival rebel groups that began Friday has left dozens killed in the area.",
     [("killed", 24, True)]),
    ("Clashes in the eastern suburbs that started on Saturday have killed 30 fighters.", [("killed", 30, True)]),
    # an incident of one day stays one
    ("Clashes erupted on Saturday and left 30 fighters dead.", [("killed", 30, False)]),
    ("A car bomb that went off near the market on Monday killed 12 people.", [("killed", 12, False)]),
])
def test_a_toll_of_fighting_that_began_earlier(sentence, expected):
    assert flags(sentence) == expected
