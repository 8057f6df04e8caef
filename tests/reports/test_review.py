"""reports/review.py: verify, reject and correct an indicator, confirm or dismiss a duplicate report,
each recorded in the history with who and why."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from reports import review
from reports.models import Indicator, Report
from tests.reports.review_support import editor, injured, killed, make_user, places, report, reviewer, roles, water  # noqa: F401


def last_history(obj):
    return obj.history.order_by("-history_id").first()


def test_verify_marks_the_indicator_verified_by_the_reviewer(killed, reviewer):
    review.verify(killed, reviewer)
    killed.refresh_from_db()
    assert (killed.status, killed.reviewed_by, killed.reviewed_at is not None) == ("verified", reviewer, True)


def test_verify_is_in_the_history_with_who_and_why(killed, reviewer):
    review.verify(killed, reviewer)
    record = last_history(killed)
    assert (record.history_user, record.history_change_reason, record.status) == (reviewer, "verified", "verified")


def test_verify_keeps_the_values_as_read(killed, reviewer):
    review.verify(killed, reviewer)
    killed.refresh_from_db()
    assert (killed.value, killed.group, killed.original) == (12, "people", None)


def test_reject_marks_the_indicator_rejected_and_out_of_the_counted_ones(killed, injured, reviewer):
    review.reject(killed, reviewer)
    assert list(Indicator.objects.counted()) == [injured]
    assert last_history(killed).history_change_reason == "rejected"


def test_correct_sets_the_new_value_and_marks_it_corrected(killed, reviewer):
    review.correct(killed, reviewer, value=14)
    killed.refresh_from_db()
    assert (killed.value, killed.status, killed.reviewed_by) == (14, "corrected", reviewer)


def test_correct_keeps_the_machine_reading_in_original(killed, reviewer, places):
    review.correct(killed, reviewer, value=14, group="children", place=places["SY07"],
                   date=datetime.date(2016, 9, 25))
    killed.refresh_from_db()
    assert killed.original == {
        "value": 12, "low": None, "high": None, "group": "people", "qualifier": "at_least", "unit": "people",
        "severity": None, "place": "SY02", "date": "2016-09-26",
    }
    assert (killed.value, killed.group, killed.place.pcode, killed.date) == (
        14, "children", "SY07", datetime.date(2016, 9, 25))


def test_a_second_correction_keeps_the_first_original(killed, reviewer):
    review.correct(killed, reviewer, value=14)
    review.correct(killed, reviewer, value=15)
    killed.refresh_from_db()
    assert (killed.value, killed.original["value"]) == (15, 12)


def test_correct_is_in_the_history_with_the_fields_and_the_note(killed, reviewer):
    review.correct(killed, reviewer, value=14, note="the raids killed 14, per the later paragraph")
    record = last_history(killed)
    assert record.history_user == reviewer
    assert record.history_change_reason == "corrected value: the raids killed 14, per the later paragraph"
    previous = record.prev_record
    assert [(c.field, c.old, c.new) for c in record.diff_against(previous).changes if c.field == "value"] == [
        ("value", 12, 14)]


def test_correct_clears_a_range_the_new_value_falls_outside(killed, reviewer):
    Indicator.objects.filter(pk=killed.pk).update(low=10, high=13)
    killed.refresh_from_db()
    review.correct(killed, reviewer, value=20)
    killed.refresh_from_db()
    assert (killed.low, killed.high, killed.original["low"], killed.original["high"]) == (10, None, 10, 13)


def test_correct_refuses_a_condition_without_severity(water, reviewer):
    with pytest.raises(ValidationError):
        review.correct(water, reviewer, severity=None)
    water.refresh_from_db()
    assert (water.severity, water.status, water.original) == (4, "unreviewed", None)


def test_correct_refuses_a_severity_out_of_range(water, reviewer):
    with pytest.raises(ValidationError):
        review.correct(water, reviewer, severity=7)


def test_correct_refuses_fields_that_are_not_correctable(killed, reviewer):
    with pytest.raises(ValueError, match="quote"):
        review.correct(killed, reviewer, quote="something else")


def test_correct_a_condition_keeps_its_severity_in_original(water, reviewer):
    review.correct(water, reviewer, severity=5)
    water.refresh_from_db()
    assert (water.severity, water.original["severity"], water.original["value"]) == (5, 4, None)


@pytest.fixture
def copy_of(report):
    return Report.objects.create(title="Another headline", body=report.body + " (AFP)", duplicate_of=report,
                                 duplicate_status=Report.Duplicate.SUSPECTED)


def test_confirming_a_duplicate_takes_its_indicators_out_of_the_counted_ones(copy_of, killed, reviewer):
    copied = Indicator.objects.create(report=copy_of, kind="killed", value=12, group="people")
    review.confirm_duplicate(copy_of, reviewer)
    copy_of.refresh_from_db()
    assert copy_of.duplicate_status == "confirmed"
    assert copied not in Indicator.objects.counted() and killed in Indicator.objects.counted()


def test_dismissing_a_duplicate_keeps_its_indicators_counted(copy_of, reviewer):
    copied = Indicator.objects.create(report=copy_of, kind="killed", value=12, group="people")
    review.dismiss_duplicate(copy_of, reviewer)
    copy_of.refresh_from_db()
    assert copy_of.duplicate_status == "dismissed" and copied in Indicator.objects.counted()


def test_duplicate_decisions_are_in_the_report_history(copy_of, reviewer):
    review.confirm_duplicate(copy_of, reviewer)
    record = last_history(copy_of)
    assert (record.history_user, record.history_change_reason, record.duplicate_status) == (
        reviewer, "duplicate confirmed", "confirmed")


def test_a_report_not_linked_to_another_cannot_be_confirmed_as_duplicate(report, reviewer):
    with pytest.raises(ValidationError):
        review.confirm_duplicate(report, reviewer)
    report.refresh_from_db()
    assert report.duplicate_status == ""


def test_a_report_not_linked_to_another_cannot_be_dismissed_as_duplicate(report, reviewer):
    with pytest.raises(ValidationError):
        review.dismiss_duplicate(report, reviewer)
    report.refresh_from_db()
    assert report.duplicate_status == ""


@pytest.mark.parametrize("body, quote, start, expected", [
    ("One. At least 12 people were killed on Monday. Two.", "12 people were killed", 14,
     ("At least ", "12 people were killed", " on Monday.")),
    ("First line\nAt least 12 killed\nNext", "12 killed", 20, ("At least ", "12 killed", "")),
    # Offsets that no longer point at the quote (the body was edited): the quote is found again.
    ("Edited. Now 12 killed there.", "12 killed", 0, ("Now ", "12 killed", " there.")),
    # A quote no longer in the body is shown alone.
    ("Something else entirely.", "12 killed", 3, ("", "12 killed", "")),
])
def test_quote_in_context_is_the_quote_inside_its_sentence(body, quote, start, expected):
    assert review.quote_in_context(body, quote, start, start + len(quote)) == expected


def test_quote_in_context_cuts_a_long_sentence_and_says_so():
    body = "x" * 1000 + " 12 killed " + "y" * 1000
    before, quote, after = review.quote_in_context(body, "12 killed", 1001, 1010, limit=50)
    assert (before.startswith("… "), len(before), quote, after.endswith(" …"), len(after)) == (True, 52, "12 killed",
                                                                                                True, 52)
