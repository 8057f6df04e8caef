"""The review queue in the admin: what it lists, one-click verify and reject, correct, bulk actions."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Indicator, Report
from tests.reports.review_support import (  # noqa: F401
    editor, injured, killed, make_user, places, quoted, report, reviewer, roles, water,
)

QUEUE = reverse("admin:reports_indicator_review")


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


def queue_ids(response):
    return [indicator.pk for indicator, _ in response.context["items"]]


def test_the_queue_lists_unreviewed_indicators_largest_first(as_reviewer, killed, injured, water):
    assert queue_ids(as_reviewer.get(QUEUE)) == [injured.pk, killed.pk, water.pk]


def test_the_queue_puts_the_most_recent_first_among_equal_values(as_reviewer, report, places):
    older = quoted(report, "40 people were injured", kind="injured", value=40, date=datetime.date(2016, 9, 1))
    newer = quoted(report, "40 people were injured", kind="injured", value=40, date=datetime.date(2016, 9, 20))
    assert queue_ids(as_reviewer.get(QUEUE)) == [newer.pk, older.pk]


def test_the_queue_leaves_out_reviewed_indicators(as_reviewer, killed, injured, reviewer):
    Indicator.objects.filter(pk=injured.pk).update(status="verified")
    assert queue_ids(as_reviewer.get(QUEUE)) == [killed.pk]


def test_the_queue_leaves_out_confirmed_duplicate_reports(as_reviewer, killed):
    Report.objects.filter(pk=killed.report_id).update(duplicate_status="confirmed")
    assert queue_ids(as_reviewer.get(QUEUE)) == []


def test_the_queue_filters_by_kind(as_reviewer, killed, injured, water):
    assert queue_ids(as_reviewer.get(QUEUE, {"kind": "water"})) == [water.pk]


def test_the_queue_highlights_the_quote_inside_its_sentence(as_reviewer, killed):
    html = as_reviewer.get(QUEUE).content.decode()
    assert ("The Syrian Observatory for Human Rights said <mark>at least 12 people, including three children, "
            "were killed</mark> in the raids.") in html


def test_the_queue_escapes_the_report_text(as_reviewer, water):
    html = as_reviewer.get(QUEUE).content.decode()
    assert "<mark>severe shortages of &lt;b&gt;water&lt;/b&gt;</mark>" in html
    assert "<b>water</b>" not in html


def test_the_queue_shows_report_source_and_place(as_reviewer, killed):
    html = as_reviewer.get(QUEUE).content.decode()
    for text in ["Strikes on eastern Aleppo", "AFP", "Syrian Observatory for Human Rights", "Aleppo", "SY02"]:
        assert text in html


def test_the_queue_loads_its_keyboard_script_from_a_static_file(as_reviewer, killed):
    html = as_reviewer.get(QUEUE).content.decode()
    assert '<script src="/static/admin-review/review.js" defer></script>' in html


def test_the_queue_makes_a_fixed_number_of_queries(as_reviewer, report, places, django_assert_max_num_queries):
    for value in range(30):
        quoted(report, "40 people were injured", kind="injured", value=value + 1, place=places["SY02"])
    as_reviewer.get(QUEUE)  # warm the session and permission caches of this client
    # Session, user, permissions, the reviewer's visit, the count, the weeks' span, the ranked page, its rows.
    with django_assert_max_num_queries(9):
        response = as_reviewer.get(QUEUE)
    assert len(response.context["items"]) == 20


def test_verify_button_verifies_and_returns_to_the_queue(as_reviewer, killed, reviewer):
    url = reverse("admin:reports_indicator_verify", args=[killed.pk])
    response = as_reviewer.post(url, {"next": QUEUE + "?page=1"})
    killed.refresh_from_db()
    assert (response.status_code, response["Location"], killed.status, killed.reviewed_by) == (
        302, QUEUE + "?page=1", "verified", reviewer)


def test_reject_button_rejects(as_reviewer, killed):
    as_reviewer.post(reverse("admin:reports_indicator_reject", args=[killed.pk]))
    killed.refresh_from_db()
    assert killed.status == "rejected"


def test_verify_refuses_get(as_reviewer, killed):
    response = as_reviewer.get(reverse("admin:reports_indicator_verify", args=[killed.pk]))
    killed.refresh_from_db()
    assert (response.status_code, killed.status) == (405, "unreviewed")


def test_verify_never_redirects_to_another_site(as_reviewer, killed):
    response = as_reviewer.post(reverse("admin:reports_indicator_verify", args=[killed.pk]),
                                {"next": "https://evil.example/"})
    assert response["Location"] == QUEUE


def test_verify_needs_the_csrf_token(reviewer, killed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    response = client.post(reverse("admin:reports_indicator_verify", args=[killed.pk]))
    killed.refresh_from_db()
    assert (response.status_code, killed.status) == (403, "unreviewed")


def test_verify_with_the_csrf_token_from_the_queue_page(reviewer, killed):
    client = Client(enforce_csrf_checks=True)
    client.force_login(reviewer)
    token = client.get(QUEUE).context["csrf_token"]
    response = client.post(reverse("admin:reports_indicator_verify", args=[killed.pk]),
                           {"csrfmiddlewaretoken": str(token)})
    killed.refresh_from_db()
    assert (response.status_code, killed.status) == (302, "verified")


def test_the_correct_page_shows_the_machine_reading(as_reviewer, killed):
    response = as_reviewer.get(reverse("admin:reports_indicator_correct", args=[killed.pk]))
    assert response.context["reading"]["value"] == 12
    assert response.context["form"].initial["value"] == 12
    assert "<mark>at least 12 people, including three children, were killed</mark>" in response.content.decode()


def test_the_correct_page_offers_value_group_place_and_date(as_reviewer, killed):
    form = as_reviewer.get(reverse("admin:reports_indicator_correct", args=[killed.pk])).context["form"]
    assert list(form.fields) == ["value", "qualifier", "group", "place", "date", "note"]


def test_the_correct_page_offers_severity_for_a_condition(as_reviewer, water):
    form = as_reviewer.get(reverse("admin:reports_indicator_correct", args=[water.pk])).context["form"]
    assert list(form.fields) == ["severity", "place", "date", "note"]


def correction(indicator, **changes):
    data = {"value": indicator.value or "", "qualifier": indicator.qualifier, "group": indicator.group,
            "place": indicator.place_id or "", "date": indicator.date.isoformat() if indicator.date else "",
            "note": ""}
    data.update(changes)
    return data


def test_correcting_saves_the_correction_beside_the_original(as_reviewer, killed, places):
    url = reverse("admin:reports_indicator_correct", args=[killed.pk])
    response = as_reviewer.post(url, correction(killed, value=14, place=places["SY07"].pk, note="later count"))
    killed.refresh_from_db()
    assert response.status_code == 302
    assert (killed.value, killed.place.pcode, killed.status) == (14, "SY07", "corrected")
    assert (killed.original["value"], killed.original["place"]) == (12, "SY02")
    assert killed.history.order_by("-history_id").first().history_change_reason == "corrected place, value: later count"


def test_a_correction_records_only_what_changed(as_reviewer, killed):
    as_reviewer.post(reverse("admin:reports_indicator_correct", args=[killed.pk]), correction(killed, group="children"))
    assert killed.history.order_by("-history_id").first().history_change_reason == "corrected group"


def test_saving_the_correct_form_unchanged_verifies(as_reviewer, killed):
    as_reviewer.post(reverse("admin:reports_indicator_correct", args=[killed.pk]), correction(killed))
    killed.refresh_from_db()
    assert (killed.status, killed.original) == ("verified", None)


def test_a_severity_out_of_range_is_refused_and_nothing_changes(as_reviewer, water):
    url = reverse("admin:reports_indicator_correct", args=[water.pk])
    response = as_reviewer.post(url, {"severity": "9", "place": water.place_id, "date": "", "note": ""})
    water.refresh_from_db()
    assert response.status_code == 200 and response.context["form"].errors
    assert (water.severity, water.status, water.original) == (4, "unreviewed", None)


def test_a_bad_correction_shows_the_error_and_changes_nothing(as_reviewer, killed):
    response = as_reviewer.post(reverse("admin:reports_indicator_correct", args=[killed.pk]),
                                correction(killed, value=""))
    killed.refresh_from_db()
    assert response.status_code == 200 and response.context["form"].errors["value"]
    assert (killed.value, killed.status, killed.original) == (12, "unreviewed", None)


def test_the_change_page_shows_the_original_beside_the_correction(as_reviewer, killed, reviewer):
    from reports import review

    review.correct(killed, reviewer, value=14)
    html = as_reviewer.get(reverse("admin:reports_indicator_change", args=[killed.pk])).content.decode()
    assert "What was read before correction" in html and "value 12" in html


def changelist_action(client, model, action, objects):
    url = reverse(f"admin:reports_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": [o.pk for o in objects]})


def test_bulk_verify_verifies_every_selected_indicator(as_reviewer, killed, injured, water, reviewer):
    changelist_action(as_reviewer, "indicator", "verify_selected", [killed, injured])
    statuses = dict(Indicator.objects.values_list("pk", "status"))
    assert statuses == {killed.pk: "verified", injured.pk: "verified", water.pk: "unreviewed"}
    assert killed.history.order_by("-history_id").first().history_user == reviewer


def test_bulk_reject_rejects_every_selected_indicator(as_reviewer, killed, injured):
    changelist_action(as_reviewer, "indicator", "reject_selected", [killed, injured])
    assert set(Indicator.objects.values_list("status", flat=True)) == {"rejected"}


def test_an_editor_is_not_offered_the_review_actions(client, editor, killed):
    client.force_login(editor)
    html = client.get(reverse("admin:reports_indicator_changelist")).content.decode()
    assert "Verify selected" not in html and "Reject selected" not in html


def test_a_reviewer_is_offered_the_review_actions(as_reviewer, killed):
    html = as_reviewer.get(reverse("admin:reports_indicator_changelist")).content.decode()
    assert '<option value="verify_selected">' in html and '<option value="reject_selected">' in html


def test_an_editor_cannot_bulk_verify(client, editor, killed):
    client.force_login(editor)
    changelist_action(client, "indicator", "verify_selected", [killed])
    killed.refresh_from_db()
    assert killed.status == "unreviewed"


@pytest.fixture
def copy_of(report):
    return Report.objects.create(title="Another headline", body=report.body + " (AFP)", duplicate_of=report,
                                 duplicate_status=Report.Duplicate.SUSPECTED)


def test_the_report_list_filters_suspected_duplicates(as_reviewer, report, copy_of):
    response = as_reviewer.get(reverse("admin:reports_report_changelist"), {"duplicate_status__exact": "suspected"})
    assert [r.pk for r in response.context["cl"].result_list] == [copy_of.pk]


def test_the_confirm_duplicates_action_confirms(as_reviewer, copy_of):
    changelist_action(as_reviewer, "report", "confirm_duplicates", [copy_of])
    copy_of.refresh_from_db()
    assert copy_of.duplicate_status == "confirmed"


def test_the_dismiss_duplicates_action_dismisses(as_reviewer, copy_of):
    changelist_action(as_reviewer, "report", "dismiss_duplicates", [copy_of])
    copy_of.refresh_from_db()
    assert copy_of.duplicate_status == "dismissed"


def test_confirming_a_report_that_duplicates_nothing_says_so(as_reviewer, report):
    response = changelist_action(as_reviewer, "report", "confirm_duplicates", [report])
    report.refresh_from_db()
    shown = [str(m) for m in response.wsgi_request._messages]
    assert report.duplicate_status == "" and any("is not marked as a duplicate" in m for m in shown)


def test_an_editor_cannot_confirm_duplicates(client, editor, copy_of):
    client.force_login(editor)
    changelist_action(client, "report", "confirm_duplicates", [copy_of])
    copy_of.refresh_from_db()
    assert copy_of.duplicate_status == "suspected"
