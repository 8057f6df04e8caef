"""Every date in the admin reads YYYY-MM-DD (sitrep/formats/en_GB): lists, forms, the calendar widget."""

import pytest
from django.urls import reverse
from django.utils import formats

from tests.reports.review_support import killed, make_user, places, report, reviewer, roles  # noqa: F401


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def test_the_indicator_list_shows_iso_dates(as_reviewer, killed):
    html = as_reviewer.get(reverse("admin:reports_indicator_changelist")).content.decode()
    assert "2016-09-26" in html and "26/09/2016" not in html and "26 Sep 2016" not in html


def test_the_report_form_shows_its_date_as_iso(as_reviewer, report):
    html = as_reviewer.get(reverse("admin:reports_report_change", args=[report.pk])).content.decode()
    assert 'name="published_on" value="2016-09-26"' in html


def test_the_correct_form_shows_its_date_as_iso(as_reviewer, killed):
    html = as_reviewer.get(reverse("admin:reports_indicator_correct", args=[killed.pk])).content.decode()
    assert 'value="2016-09-26"' in html


def test_the_calendar_widget_writes_iso_dates(settings):
    assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%Y-%m-%d"


def test_a_day_month_date_is_refused_rather_than_guessed(as_reviewer, report):
    data = {"title": report.title, "body": report.body, "published_on": "05/10/2016", "language": "en",
            "publisher": report.publisher_id, "url": "", "duplicate_of": "", "duplicate_status": "",
            "indicators-TOTAL_FORMS": "0", "indicators-INITIAL_FORMS": "0",
            "indicators-2-TOTAL_FORMS": "0", "indicators-2-INITIAL_FORMS": "0"}
    response = as_reviewer.post(reverse("admin:reports_report_change", args=[report.pk]), data)
    report.refresh_from_db()
    assert response.status_code == 200 and "published_on" in response.context["adminform"].form.errors
    assert report.published_on.isoformat() == "2016-09-26"
