"""Places are found by English or Arabic name, alias or P-code in the admin: its list and the place
pickers (autocomplete) of indicators and corrections."""

import pytest
from django.urls import reverse

from reports.models import Place
from tests.reports.review_support import make_user, reviewer, roles  # noqa: F401


@pytest.fixture
def places(db):
    syria = Place.objects.create(pcode="SY", level="country", name_en="Syria")
    aleppo = Place.objects.create(pcode="SY02", level="admin1", name_en="Aleppo", name_ar="حلب", aliases="Halab",
                                  parent=syria)
    menbij = Place.objects.create(pcode="SY0203", level="admin2", name_en="Menbij", name_ar="منبج",
                                  aliases="Manbij\nMambij", parent=aleppo)
    return {"SY02": aleppo, "SY0203": menbij}


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def autocomplete(client, term):
    response = client.get(reverse("admin:autocomplete"), {"term": term, "app_label": "reports",
                                                          "model_name": "indicator", "field_name": "place"})
    return [result["text"] for result in response.json()["results"]]


def test_the_place_picker_finds_a_place_by_an_alias(as_reviewer, places):
    assert autocomplete(as_reviewer, "Mambij") == ["Menbij (SY0203)"]


def test_the_place_picker_finds_a_place_by_its_arabic_name(as_reviewer, places):
    assert autocomplete(as_reviewer, "منبج") == ["Menbij (SY0203)"]


def test_the_place_list_finds_a_place_by_an_alias(as_reviewer, places):
    response = as_reviewer.get(reverse("admin:reports_place_changelist"), {"q": "Halab"})
    assert [p.pcode for p in response.context["cl"].result_list] == ["SY02"]


def test_the_indicator_list_finds_figures_by_their_places_arabic_name(as_reviewer, places):
    from reports.models import Indicator, Report

    report = Report.objects.create(body="Shelling on Menbij.")
    figure = Indicator.objects.create(report=report, kind="killed", value=4, group="people", place=places["SY0203"])
    response = as_reviewer.get(reverse("admin:reports_indicator_changelist"), {"q": "منبج"})
    assert [i.pk for i in response.context["cl"].result_list] == [figure.pk]
