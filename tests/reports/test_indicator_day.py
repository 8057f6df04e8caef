"""Indicator.day, the stored day summaries and date filters use: the indicator's own date, else its
report's publication date, else empty. Kept right on every write path and filled in by its migration."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from reports import ingest, review
from reports.models import Indicator, Report
from tests.reports.review_support import editor, make_user, places, reviewer, roles  # noqa: F401
from tests.reports.test_admin import as_editor, entered_prefix, report_form  # noqa: F401

D = datetime.date
PUBLISHED = D(2016, 11, 28)


@pytest.fixture
def dated_report(db):
    return Report.objects.create(title="Dated", body="Air strikes killed 7 people.", published_on=PUBLISHED)


def killed(report, **fields):
    return Indicator.objects.create(report=report, kind="killed", value=7, **fields)


def stored_day(indicator):
    return Indicator.objects.values_list("day", flat=True).get(pk=indicator.pk)


def test_day_is_the_indicators_own_date_when_it_has_one(dated_report):
    assert stored_day(killed(dated_report, date=D(2016, 11, 27))) == D(2016, 11, 27)


def test_day_is_the_reports_publication_date_when_the_indicator_has_none(dated_report):
    assert stored_day(killed(dated_report)) == PUBLISHED


def test_day_is_empty_when_neither_the_indicator_nor_its_report_is_dated(db):
    undated = Report.objects.create(title="Undated", body="Undated text.")
    assert stored_day(killed(undated)) is None


def test_day_is_read_from_the_report_when_only_its_id_is_given(dated_report):
    indicator = Indicator.objects.create(report_id=dated_report.pk, kind="killed", value=7)
    assert stored_day(indicator) == PUBLISHED


def test_saving_with_the_report_in_hand_reads_no_report(dated_report, django_assert_num_queries):
    # the indicator, its history row and its day marked for the summaries' stored totals; no report read
    with django_assert_num_queries(3):
        killed(dated_report)


def test_clearing_an_indicators_date_falls_back_to_its_reports(dated_report):
    indicator = killed(dated_report, date=D(2016, 11, 20))
    indicator.date = None
    indicator.save(update_fields=["date"])
    assert stored_day(indicator) == PUBLISHED


def test_stored_extraction_results_get_their_day_in_the_bulk_create(dated_report):
    result = {"figures": [
        {"kind": "killed", "value": 7, "quote": "killed 7 people", "date": "2016-11-26"},
        {"kind": "injured", "value": 3, "quote": "3 injured"},
    ], "conditions": [{"sector": "water", "severity": 4, "quote": "no water"}]}
    ingest.store_indicators(dated_report, result, new_report=True)
    days = dict(dated_report.indicators.values_list("kind", "day"))
    assert days == {"killed": D(2016, 11, 26), "injured": PUBLISHED, "water": PUBLISHED}


def test_an_ingested_report_gives_its_date_to_its_undated_figures(db):
    report, _created = ingest.ingest_report(text="Air strikes killed 14 people in the city.", title="Ingested",
                                            published_on="2016-11-28")
    indicators = list(report.indicators.all())
    assert indicators and all(i.day == (i.date or PUBLISHED) for i in indicators)


def test_changing_a_reports_date_moves_the_day_of_its_undated_indicators_only(dated_report):
    undated, dated = killed(dated_report), killed(dated_report, date=D(2016, 11, 27))
    dated_report.published_on = D(2016, 12, 1)
    dated_report.save()
    assert (stored_day(undated), stored_day(dated)) == (D(2016, 12, 1), D(2016, 11, 27))


def test_a_report_losing_its_date_leaves_its_undated_indicators_undated(dated_report):
    undated = killed(dated_report)
    report = Report.objects.get(pk=dated_report.pk)
    report.published_on = None
    report.save()
    assert stored_day(undated) is None


def test_saving_a_report_with_an_unchanged_date_updates_no_indicator(dated_report, django_assert_num_queries):
    killed(dated_report)
    report = Report.objects.get(pk=dated_report.pk)
    report.title = "Retitled"
    with django_assert_num_queries(2):  # the report and its history row
        report.save()


def test_a_reviewers_date_correction_moves_the_day(dated_report, reviewer):
    indicator = killed(dated_report, origin=Indicator.Origin.EXTRACTED)
    review.correct(indicator, reviewer, date=D(2016, 11, 25))
    assert stored_day(indicator) == D(2016, 11, 25)


def test_an_indicator_entered_by_hand_in_the_admin_gets_its_reports_date(as_editor, places):  # noqa: F811
    add = reverse("admin:reports_report_add")
    page = as_editor.get(add)
    prefix = entered_prefix(page)
    data = report_form(page, title="By hand", body="Seven people were killed.", published_on="2016-11-27")
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-kind": "killed", f"{prefix}-0-value": "7",
                 f"{prefix}-0-place": places["SY02"].pk, f"{prefix}-0-quote": "Seven people were killed"})
    response = as_editor.post(add, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    entered = Indicator.objects.get(report__title="By hand", origin="entered")
    assert entered.day == D(2016, 11, 27)


def test_changing_a_reports_date_in_the_admin_moves_its_undated_indicators(as_editor, dated_report):
    undated = killed(dated_report)
    change = reverse("admin:reports_report_change", args=[dated_report.pk])
    page = as_editor.get(change)
    data = report_form(page, title=dated_report.title, body=dated_report.body, published_on="2016-12-03")
    response = as_editor.post(change, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert stored_day(undated) == D(2016, 12, 3)


@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_in_the_day_of_existing_indicators():
    executor = MigrationExecutor(connection)
    before, after = [("reports", "0003_ingest_near_duplicate_keys")], [("reports", "0004_indicator_day")]
    executor.migrate(before)
    try:
        old = executor.loader.project_state(before).apps
        OldReport, OldIndicator = old.get_model("reports", "Report"), old.get_model("reports", "Indicator")
        dated = OldReport.objects.create(title="a", body="a", content_hash="a", published_on=PUBLISHED)
        undated = OldReport.objects.create(title="b", body="b", content_hash="b")
        rows = {
            "own date": OldIndicator.objects.create(report=dated, kind="killed", value=1, date=D(2016, 11, 2)),
            "report's date": OldIndicator.objects.create(report=dated, kind="killed", value=2),
            "neither": OldIndicator.objects.create(report=undated, kind="killed", value=3),
        }
        executor = MigrationExecutor(connection)
        executor.migrate(after)
        days = {label: Indicator.objects.values_list("day", flat=True).get(pk=row.pk) for label, row in rows.items()}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert days == {"own date": D(2016, 11, 2), "report's date": PUBLISHED, "neither": None}
