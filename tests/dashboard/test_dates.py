"""Dates on the dashboard are YYYY-MM-DD or spelled out, never DD/MM or MM/DD: the filter accepts ISO only,
and the pages write dates as 2016-10-05 or 5 Oct 2016."""

import re

import pytest
from django.urls import reverse

from dashboard.filters import IndicatorFilter, ReportFilter

pytestmark = pytest.mark.django_db
SLASHED = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")


@pytest.mark.parametrize("typed", ["05/10/2016", "10/5/2016", "5 Oct 2016", "2016/10/05"])
def test_filter_refuses_a_date_that_is_not_iso(typed):
    filterset = IndicatorFilter({"date_after": typed})
    assert not filterset.is_valid()
    assert filterset.errors["date_after"] == ["Enter the date as YYYY-MM-DD, for example 2016-10-05."]


def test_filter_takes_an_iso_date():
    filterset = ReportFilter({"date_before": "2016-10-05"})
    assert filterset.is_valid()
    assert filterset.form.cleaned_data["date_before"].isoformat() == "2016-10-05"


def test_page_with_a_slashed_date_says_how_to_write_it(client):
    html = client.get(reverse("dashboard:report_list"), {"date_after": "05/10/2016"}).content.decode()
    assert "Enter the date as YYYY-MM-DD" in html


def test_date_fields_ask_for_iso_whatever_the_browser_locale(client):
    html = client.get(reverse("dashboard:overview")).content.decode()
    fields = re.findall(r'<input[^>]*name="date_(?:after|before)"[^>]*>', html)
    assert len(fields) == 2
    assert all('type="text"' in f and 'placeholder="YYYY-MM-DD"' in f and r'pattern="\d{4}-\d{2}-\d{2}"' in f
               for f in fields)


@pytest.fixture
def figures(places, scenario):
    return scenario("""
        report | published  | kind   | value | severity | place | date
        a      | 2016-10-05 | killed | 15    | -        | C1007 | 2016-10-05
        a      | 2016-10-05 | water  | -     | 4        | C1007 | 2016-10-04
    """)


@pytest.mark.parametrize("name", ["overview", "districts", "report_list"])
def test_pages_write_no_slashed_dates(client, figures, name):
    html = client.get(reverse(f"dashboard:{name}"), {"date_after": "2016-10-01", "date_before": "2016-10-31"})
    assert SLASHED.findall(html.content.decode()) == []


def test_report_page_writes_no_slashed_dates(client, figures):
    html = client.get(reverse("dashboard:report_detail", args=[figures[0].report_id])).content.decode()
    assert SLASHED.findall(html) == []
    assert "5 October 2016" in html
