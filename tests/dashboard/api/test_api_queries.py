"""Each API read costs a fixed number of queries, whatever the number of rows (no N+1 in nested figures)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.models import Indicator, Place, Report, Source

ENDPOINTS = ["reports", "report", "figures", "conditions", "places", "place", "sources", "districts", "timeline",
             "provenance"]


def add_reports(count, start=0):
    aleppo, idleb = Place.objects.get(pcode="SY02"), Place.objects.get(pcode="SY0700")
    for n in range(start, start + count):
        source = Source.objects.create(name=f"Source {n}")
        report = Report.objects.create(title=f"Report {n}", body=f"Report {n} body.",
                                       published_on=datetime.date(2016, 10, 1 + n), publisher=source)
        for place in (aleppo, idleb):
            Indicator.objects.create(report=report, kind="killed", value=3 + n, place=place, source=source,
                                     group="people", unit="people", qualifier="exact", date=report.published_on)
            Indicator.objects.create(report=report, kind="injured", value=10, place=place, group="people",
                                     unit="people", qualifier="about", cumulative=n % 2 == 0)
            Indicator.objects.create(report=report, kind="water", severity=4, place=place)


def counts(client):
    first = Report.objects.order_by("id").first().pk
    numbers = {}
    for name in ENDPOINTS:
        args = {"report": [first], "place": ["SY02"]}.get(name, [])
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse(f"api:{name}", args=args), {"source": "Source 0"}
                              if name in ("figures", "districts", "timeline") else {}).status_code == 200
        numbers[name] = len(queries)
    return numbers


@pytest.mark.django_db
def test_every_read_takes_the_same_queries_at_two_data_sizes(client, places, settings):
    # The throttles' counts in a memory cache: what is counted here is the reads, not the cache (the
    # default database cache adds its own queries per request, the same at any data size; Redis none).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    add_reports(1)
    small = counts(client)
    add_reports(5, start=1)
    Place.objects.create(pcode="SY0201", level="admin2", name_en="Al Bab", parent=Place.objects.get(pcode="SY02"))
    large = counts(client)
    assert large == small
    # figures: the source, admin names, the page; a report: itself, its figures, its conditions.
    assert small == {"reports": 1, "report": 3, "figures": 3, "conditions": 2, "places": 1, "place": 2,
                     "sources": 1, "districts": 5, "timeline": 2, "provenance": 1}
