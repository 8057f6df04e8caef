"""Every page with the two real seed reports imported through reports.ingest (texts read from ../shared)."""

import io

import pytest
from django.urls import reverse

from reports.ingest import import_paths
from reports.models import Indicator, Report
from reports.places import load_places

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(seed_paths):
    load_places()
    import_paths(seed_paths, out=io.StringIO())
    assert Report.objects.count() == 2
    return Indicator.objects.select_related("place", "report")


@pytest.mark.parametrize("name", ["overview", "districts", "report_list"])
def test_page_shows_the_seeds(client, seeded, name):
    response = client.get(reverse(f"dashboard:{name}"))
    assert response.status_code == 200
    assert "No figures yet" not in response.content.decode()


def test_overview_with_the_seeds_heads_with_their_killed_figures(client, seeded):
    html = client.get(reverse("dashboard:overview")).content.decode()
    killed = html.split('class="card killed"')[1].split("</a>")[0]
    assert "none reported" not in killed


def test_every_seed_report_page_highlights_its_quotes(client, seeded):
    for report in Report.objects.all():
        html = client.get(reverse("dashboard:report_detail", args=[report.pk])).content.decode()
        quotes = [ind for ind in seeded if ind.report_id == report.pk and ind.start is not None]
        assert quotes, report
        assert html.count('<mark class="ind ') == len(quotes)


def test_place_pages_of_the_seeds_places_answer(client, seeded):
    for pcode in {ind.place.pcode for ind in seeded if ind.place}:
        assert client.get(reverse("dashboard:place", args=[pcode])).status_code == 200, pcode
