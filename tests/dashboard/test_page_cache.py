"""The pages' data cached per filter in the shared cache (dashboard/page_cache.py): a page read twice is
computed once, a write made after it was cached shows on the next page, two filters never share an entry,
and a page still renders when the cache does not answer.

Transactional tests: the writes commit, as they do in production, so the cache is really read and filled
(a transaction that wrote and has not committed never uses the cache). A page served from the cache reads no
indicator: that is how these tests tell a cached page from a computed one."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from dashboard import page_cache
from reports.models import Indicator, Place, Report

from .test_views import CONDITIONS, STRIKES, TOTAL, TRAPPED

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data(places, scenario):
    for table in (STRIKES, CONDITIONS, TOTAL, TRAPPED):
        scenario(table)
    return places


def page(client, name, *args, **params):
    """The page's HTML and whether it read the indicators table (False: its data came from the cache)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(f"dashboard:{name}", args=args), params)
    assert response.status_code == 200
    read_indicators = any("reports_indicator" in query["sql"] for query in queries.captured_queries)
    return response.content.decode(), read_indicators


def add_injured(report):
    """Five injured in Idleb on the day of the strikes: the injured card goes from 30 to 35."""
    Indicator.objects.create(report=report, kind="injured", group="people", unit="people", value=5,
                             qualifier="exact", date=datetime.date(2016, 9, 26),
                             place=Place.objects.get(pcode="SY0700"), quote="5 injured")


def card(html, kind):
    return html.split(f'class="card {kind}"')[1].split("</a>")[0]


def test_a_page_read_twice_is_computed_once(client, data):
    first, computed = page(client, "overview")
    assert computed
    second, computed_again = page(client, "overview")
    assert not computed_again
    assert card(second, "injured") == card(first, "injured")
    assert '<span class="value">30</span>' in card(second, "injured")


def test_a_figure_added_after_the_page_was_cached_shows_on_the_next_page(client, data):
    page(client, "overview")
    assert not page(client, "overview")[1]
    report = Report.objects.get(title="Report b")
    add_injured(report)
    html, computed = page(client, "overview")
    assert computed
    assert '<span class="value">35</span>' in card(html, "injured")


def test_a_figure_reviewed_after_the_page_was_cached_shows_on_the_next_page(client, data):
    page(client, "overview", status="verified")
    html, computed = page(client, "overview", status="verified")
    assert not computed and '<span class="value">—</span>' in card(html, "injured")
    injured = Indicator.objects.get(kind="injured")
    injured.status = Indicator.Status.VERIFIED
    injured.save()
    html, computed = page(client, "overview", status="verified")
    assert computed
    assert '<span class="value">30</span>' in card(html, "injured")


def test_a_report_deleted_after_the_pages_were_cached_is_gone_from_the_next_pages(client, data):
    for name in ("overview", "report_list", "districts"):
        page(client, name)
        assert not page(client, name)[1]
    assert "Report a" in page(client, "report_list")[0]
    Report.objects.get(title="Report a").delete()
    html, _ = page(client, "overview")
    assert '<span class="value">—</span>' in card(html, "injured")  # its only injured figure is gone
    assert "Report a" not in page(client, "report_list")[0]
    assert "Report a" not in page(client, "overview")[0]


def test_a_report_without_figures_shows_in_the_list_once_saved(client, data):
    page(client, "report_list")
    Report.objects.create(title="A report without figures", body="Nothing counted.", published_on="2016-10-01")
    assert "A report without figures" in page(client, "report_list")[0]


def test_two_filters_never_share_an_entry(client, data):
    sohr, _ = page(client, "overview", source="SOHR")
    civil, _ = page(client, "overview", source="Civil")
    assert "Source: SOHR" in sohr and "Source: Civil" in civil
    # SOHR's figures are 12 killed (at least) and 30 injured; Civil's 15 killed and no injured.
    assert '<span class="value">30</span>' in card(sohr, "injured")
    assert '<span class="value">—</span>' in card(civil, "injured")
    again, computed = page(client, "overview", source="Civil")
    assert not computed and card(again, "injured") == card(civil, "injured")
    # The same place page under two periods, and two places under the same period.
    year, _ = page(client, "place", "C1007", date_after="2016-01-01", date_before="2016-12-31")
    june, _ = page(client, "place", "C1007", date_after="2016-06-01", date_before="2016-06-30")
    assert '<span class="value">30</span>' in card(year, "injured")
    assert '<span class="value">—</span>' in card(june, "injured")
    idleb, _ = page(client, "place", "SY0700", date_after="2016-01-01", date_before="2016-12-31")
    assert "<h1>Idleb" in idleb and '<span class="value">—</span>' in card(idleb, "injured")


def test_the_same_filter_in_another_order_is_one_entry(client, data):
    page(client, "overview", source="SOHR", date_after="2016-01-01", date_before="2016-12-31")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/?date_before=2016-12-31&source=SOHR&date_after=2016-01-01&q=")
    assert response.status_code == 200
    assert not any("reports_indicator" in query["sql"] for query in queries.captured_queries)


def test_the_districts_map_figure_is_read_from_the_request_not_the_cache(client, data):
    page(client, "districts", figure="injured")
    html, computed = page(client, "districts", figure="killed")
    assert not computed  # the figure shown on the map does not change the data
    assert '"figure": "killed"' in html


def test_an_empty_date_after_is_all_dates_not_the_default_period(client, data):
    default, _ = page(client, "overview")
    every, _ = page(client, "overview", date_after="")
    # Report c (May) is outside the default period (the 90 days to 27 September), inside all dates.
    assert "Report c" not in default.split('id="reports-heading"')[1]
    assert "Report c" in every.split('id="reports-heading"')[1]


def test_query_key_sorts_and_drops_empty_values():
    assert page_cache.query_key(QueryDict("b=2&a=1&c=&a=0")) == [("a", "0"), ("a", "1"), ("b", "2")]
    assert page_cache.query_key(QueryDict("date_after=")) == [("date_after", "")]
    assert page_cache.query_key(QueryDict("figure=killed&a=1"), ignore=["figure"]) == [("a", "1")]


@pytest.fixture
def unavailable_cache(settings):
    """Redis at an address where nothing answers: every cache call fails."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:9/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}}}


def test_a_page_renders_when_the_cache_does_not_answer(client, data, unavailable_cache):
    for _ in range(2):
        html, computed = page(client, "overview")
        assert computed and '<span class="value">30</span>' in card(html, "injured")
    assert "Report a" in page(client, "report_list")[0]
    assert page(client, "districts")[1]


def test_a_write_succeeds_when_the_cache_does_not_answer(client, data, unavailable_cache):
    report = Report.objects.get(title="Report b")
    add_injured(report)
    assert '<span class="value">35</span>' in card(page(client, "overview")[0], "injured")


def test_the_draft_and_its_markdown_share_one_entry_and_follow_a_write(client, data):
    window = {"date_after": "2016-09-20", "date_before": "2016-09-27"}
    first, computed = page(client, "sitrep", **window)
    assert computed
    markdown = client.get(reverse("dashboard:sitrep_md"), window)
    assert markdown.status_code == 200 and "Injured" in markdown.content.decode()
    assert not page(client, "sitrep", **window)[1]  # the page and its download were one computation
    add_injured(Report.objects.get(title="Report b"))
    html, computed = page(client, "sitrep", **window)
    assert computed and html != first
    assert "35" in html and "35" not in first
