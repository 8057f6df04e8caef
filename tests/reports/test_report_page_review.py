"""Reviewing from a report's page (/reports/<id>/): the queue's verify, reject and correct, back to the page."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.reports.review_support import killed, make_user, places, report, reviewer, roles  # noqa: F401


@pytest.fixture
def page(killed):
    return reverse("dashboard:report_detail", args=[killed.report_id])


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def test_verify_from_the_report_page_returns_to_it_and_records_who(as_reviewer, killed, page, reviewer):
    response = as_reviewer.post(reverse("admin:reports_indicator_verify", args=[killed.pk]), {"next": page})
    killed.refresh_from_db()
    assert (response.status_code, response["Location"], killed.status) == (302, page, "verified")
    assert killed.history.order_by("-history_id").first().history_user == reviewer


def test_the_report_page_shows_the_outcome(as_reviewer, killed, page):
    response = as_reviewer.post(reverse("admin:reports_indicator_reject", args=[killed.pk]), {"next": page},
                                follow=True)
    html = response.content.decode()
    assert 'class="status rejected">Rejected<' in html and "Rejected: Killed people: 12" in html


def test_the_correct_link_comes_back_to_the_report_page(as_reviewer, killed, page, places):
    html = as_reviewer.get(page).content.decode()
    correct = reverse("admin:reports_indicator_correct", args=[killed.pk])
    assert f'href="{correct}?next=/reports/{killed.report_id}/"' in html
    response = as_reviewer.post(correct, {"value": 14, "qualifier": "at_least", "group": "people",
                                          "place": places["SY02"].pk, "date": "2016-09-26", "note": "",
                                          "next": page})
    killed.refresh_from_db()
    assert (response["Location"], killed.value, killed.original["value"]) == (page, 14, 12)


def test_a_verified_figure_offers_reject_but_not_verify_again(as_reviewer, killed, page):
    as_reviewer.post(reverse("admin:reports_indicator_verify", args=[killed.pk]), {"next": page})
    html = as_reviewer.get(page).content.decode()
    assert reverse("admin:reports_indicator_verify", args=[killed.pk]) not in html
    assert reverse("admin:reports_indicator_reject", args=[killed.pk]) in html


def test_the_report_page_buttons_need_the_csrf_token(reviewer, killed, page):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    refused = client.post(reverse("admin:reports_indicator_verify", args=[killed.pk]), {"next": page})
    token = client.get(page).context["csrf_token"]
    accepted = client.post(reverse("admin:reports_indicator_verify", args=[killed.pk]),
                           {"next": page, "csrfmiddlewaretoken": str(token)})
    killed.refresh_from_db()
    assert (refused.status_code, accepted.status_code, killed.status) == (403, 302, "verified")


def test_the_report_page_shows_a_figures_flags_to_reviewers(as_reviewer, killed, page):
    type(killed).objects.filter(pk=killed.pk).update(flags="after_report")
    assert "dated after the report" in as_reviewer.get(page).content.decode()
