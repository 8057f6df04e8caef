"""A report yielding more figures than SITREP_MAX_FIGURES_PER_REPORT is held for review: none of its
figures are stored, the report says why, the admin lists it and the import summary tells it."""

import datetime
import io

import pytest
from django.test import override_settings
from django.urls import reverse

from reports.ingest import extract_report, import_paths, store_indicators
from reports.models import Report

pytestmark = pytest.mark.django_db

# Five killed counts in five sentences, one per day and place: each a figure of its own.
LIST = ("Shelling killed 3 people in Aleppo on Monday. Shelling killed 4 people in Idlib on Tuesday. "
        "Shelling killed 5 people in Hama on Wednesday. Shelling killed 6 people in Homs on Thursday. "
        "Shelling killed 7 people in Daraa on Friday.")


def items(count):
    return {"figures": [{"kind": "killed", "group": "people", "value": n + 1, "qualifier": "exact",
                         "unit": "people", "cumulative": False, "date": None, "place": None, "source": None,
                         "quote": "", "start": None, "end": None} for n in range(count)]}


@pytest.fixture
def report():
    return Report.objects.create(body=LIST, published_on=datetime.date(2016, 10, 8))


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_a_report_over_the_cap_stores_no_figure_and_says_why(report):
    counts = store_indicators(report, items(4), new_report=True)
    report.refresh_from_db()
    assert (report.indicators.count(), counts["figures"]) == (0, 0)
    assert report.held_for_review.startswith("4 figures read, more than the 3 one report may yield")


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_a_report_at_the_cap_stores_every_figure(report):
    store_indicators(report, items(3), new_report=True)
    report.refresh_from_db()
    assert (report.indicators.count(), report.held_for_review) == (3, "")


def test_the_cap_defaults_to_300(report):
    store_indicators(report, items(301), new_report=True)
    report.refresh_from_db()
    assert (report.indicators.count(), report.held_for_review[:5]) == (0, "301 f")


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_re_extraction_over_the_cap_removes_the_unreviewed_figures_it_held(report):
    store_indicators(report, items(2), new_report=True)
    store_indicators(report, items(5))
    report.refresh_from_db()
    assert (report.indicators.count(), bool(report.held_for_review)) == (0, True)


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_re_extraction_under_the_cap_stores_the_figures_and_clears_the_hold(report):
    store_indicators(report, items(5), new_report=True)
    store_indicators(report, items(2))
    report.refresh_from_db()
    assert (report.indicators.count(), report.held_for_review) == (2, "")


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_the_import_summary_tells_the_held_report(tmp_path):
    (tmp_path / "list.txt").write_text(f"date 2016-10-08\n{LIST}\n")
    out = io.StringIO()
    summary = import_paths([tmp_path], out=out)
    report = Report.objects.get()
    assert (summary.created, summary.held, report.indicators.filter(kind="killed").count()) == (1, 1, 0)
    assert "1 held for review with more than 3 figures, none of them stored" in summary.line()
    assert f"list.txt: held for review: {report.held_for_review}" in out.getvalue()


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_extracting_a_held_report_without_the_cap_stores_its_figures(report):
    store_indicators(report, items(5), new_report=True)
    counts = extract_report(report, cap=None)
    report.refresh_from_db()
    assert (counts["figures"], report.indicators.filter(kind="killed").count(), report.held_for_review) == (5, 5, "")


@override_settings(SITREP_MAX_FIGURES_PER_REPORT=3)
def test_the_admin_lists_held_reports(admin_client, report):
    Report.objects.create(body="Nothing to count here.")
    store_indicators(report, items(5), new_report=True)
    response = admin_client.get(reverse("admin:reports_report_changelist"), {"held_for_review__isempty": "0"})
    assert [r.pk for r in response.context["cl"].result_list] == [report.pk]
    assert "5 figures read, more than the 3" in response.content.decode()
