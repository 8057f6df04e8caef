"""Personal API tokens, errors as JSON, throttling, and writes recorded in the history as admin edits."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from reports.models import ApiToken, Indicator, Report
from tests.reports.review_support import killed, make_user, places, report, roles  # noqa: F401


@pytest.fixture(autouse=True)
def fresh_cache(db):
    cache.clear()
    yield
    cache.clear()


def auth(secret):
    return {"HTTP_AUTHORIZATION": f"Token {secret}"}


def test_a_bearer_token_is_accepted_like_a_token(client, make_user, settings):
    settings.SITREP_PUBLIC = False
    _, secret = ApiToken.issue(make_user("viewer"), "R script")
    assert client.get(reverse("api:figures"), HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200


def test_an_unknown_token_is_refused_even_when_public(client, db):
    response = client.get(reverse("api:figures"), **auth("sitrep_not-a-real-one"))
    assert response.status_code == 401
    assert response.json() == {"detail": "Unknown or revoked token."}


def test_a_token_is_stored_hashed(make_user):
    token, secret = ApiToken.issue(make_user("viewer"), "HDX")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert secret not in [str(value) for value in stored.values()]
    assert ApiToken.find(secret) == token


def test_a_token_made_in_the_admin_is_shown_once(client, make_user):
    client.force_login(make_user("viewer"))
    response = client.post(reverse("admin:reports_apitoken_add"), {"name": "Power BI"}, follow=True)
    messages = [str(m) for m in response.context["messages"]]
    secret = next(m.split(": ", 1)[1] for m in messages if "not be shown again" in m)
    token = ApiToken.objects.get(name="Power BI")
    assert ApiToken.find(secret) == token
    for url in [reverse("admin:reports_apitoken_changelist"),
                reverse("admin:reports_apitoken_change", args=[token.pk])]:
        page = client.get(url)
        assert page.status_code == 200 and secret not in page.content.decode()


def test_a_token_revoked_in_the_admin_is_refused(client, make_user, settings):
    settings.SITREP_PUBLIC = False
    user = make_user("viewer")
    token, secret = ApiToken.issue(user, "old laptop")
    assert client.get(reverse("api:figures"), **auth(secret)).status_code == 200
    client.force_login(user)
    client.post(reverse("admin:reports_apitoken_changelist"),
                {"action": "revoke_selected", "_selected_action": [token.pk]})
    client.logout()
    assert client.get(reverse("api:figures"), **auth(secret)).status_code == 401


def test_an_account_sees_only_its_own_tokens_in_the_admin(client, make_user):
    ApiToken.issue(make_user("editor"), "editor's token")
    client.force_login(make_user("viewer"))
    assert "editor&#x27;s token" not in client.get(reverse("admin:reports_apitoken_changelist")).content.decode()


def test_a_bad_filter_is_a_400_naming_the_parameter(client, db):
    response = client.get(reverse("api:figures"), {"place": "SY9999", "date_after": "soon"})
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"place", "date_after"}
    assert body["errors"]["place"] == ["Unknown P-code: SY9999."]


def test_a_bad_cursor_is_a_400(client, db):
    response = client.get(reverse("api:figures"), {"cursor": "é"})
    assert response.status_code == 400 and response.json() == {"detail": "Invalid cursor"}


def test_requests_beyond_the_rate_are_refused_per_address(client, db, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"address": "3/minute",
                                                                                     "token": None}}
    answers = [client.get(reverse("api:sources")).status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]


def test_requests_beyond_the_rate_are_refused_per_token(client, make_user, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"address": None,
                                                                                     "token": "2/minute"}}
    _, first = ApiToken.issue(make_user("viewer"), "a")
    _, second = ApiToken.issue(make_user("editor"), "b")
    answers = [client.get(reverse("api:sources"), **auth(first)).status_code for _ in range(3)]
    assert answers == [200, 200, 429]
    assert client.get(reverse("api:sources"), **auth(second)).status_code == 200


def test_a_verification_is_recorded_in_the_history_as_the_reviewer(client, make_user, killed):  # noqa: F811
    reviewer = make_user("reviewer")
    _, secret = ApiToken.issue(reviewer, "queue")
    client.post(reverse("api:verify", args=[killed.pk]), **auth(secret))
    latest = killed.history.latest()
    assert (latest.status, latest.history_user, latest.history_change_reason) == ("verified", reviewer, "verified")


def test_a_correction_keeps_the_machines_reading(client, make_user, killed):  # noqa: F811
    _, secret = ApiToken.issue(make_user("reviewer"), "queue")
    response = client.post(reverse("api:correct", args=[killed.pk]), {"value": 14, "note": "SOHR update"},
                           content_type="application/json", **auth(secret))
    assert response.status_code == 200
    killed.refresh_from_db()
    assert (killed.value, killed.status, killed.original["value"]) == (14, "corrected", 12)
    assert response.json()["original"]["value"] == 12


def test_a_correction_the_model_refuses_is_a_400_naming_the_field(client, make_user, killed):  # noqa: F811
    _, secret = ApiToken.issue(make_user("reviewer"), "queue")
    response = client.post(reverse("api:correct", args=[killed.pk]), {"severity": 3},
                           content_type="application/json", **auth(secret))
    assert response.status_code == 400 and response.json()["errors"]
    assert Indicator.objects.get(pk=killed.pk).status == "unreviewed"


def test_a_submitted_report_is_read_and_recorded_as_the_editor(client, make_user, places):  # noqa: F811
    editor = make_user("editor")
    _, secret = ApiToken.issue(editor, "partner feed")
    text = "At least 7 people were killed in Aleppo on Sunday, the civil defence said."
    response = client.post(reverse("api:reports"), {"text": text, "date": "2016-11-27", "title": "Strike"},
                           content_type="application/json", **auth(secret))
    assert response.status_code == 202
    report = Report.objects.get(pk=response.json()["report"]["id"])
    assert report.history.get().history_user == editor
    # The job reads its figures on a worker (here, as in every test not marked "queue", run inline).
    job = client.get(reverse("api:job", args=[response.json()["job"]["id"]]), **auth(secret)).json()
    assert (job["kind"], job["state"], job["report_ids"]) == ("extract", "finished", [report.pk])
    assert list(report.indicators.figures().values_list("value", flat=True)) == [7]
    assert [f["value"] for f in client.get(reverse("api:report", args=[report.pk]), **auth(secret)).json()[
        "figures"]] == [7]


def test_a_job_is_seen_by_editors_only(client, make_user, places):  # noqa: F811
    _, editor = ApiToken.issue(make_user("editor"), "partner feed")
    _, viewer = ApiToken.issue(make_user("viewer"), "dashboard")
    response = client.post(reverse("api:reports"), {"text": "Three people were killed in Aleppo.",
                                                    "date": "2016-11-27"}, content_type="application/json",
                           **auth(editor))
    job_url = reverse("api:job", args=[response.json()["job"]["id"]])
    assert client.get(job_url, **auth(viewer)).status_code == 403
    assert client.get(reverse("api:job", args=["nope"]), **auth(editor)).status_code == 404


def test_the_same_report_sent_twice_changes_nothing(client, make_user, places):  # noqa: F811
    _, secret = ApiToken.issue(make_user("editor"), "partner feed")
    body = {"text": "Five people were injured in Aleppo.", "date": "2016-11-27"}
    first = client.post(reverse("api:reports"), body, content_type="application/json", **auth(secret))
    again = client.post(reverse("api:reports"), body, content_type="application/json", **auth(secret))
    assert (first.status_code, again.status_code) == (202, 200)
    assert first.json()["report"]["id"] == again.json()["id"] and Report.objects.count() == 1


def test_an_empty_report_is_a_400_naming_the_text(client, make_user, db):
    _, secret = ApiToken.issue(make_user("editor"), "partner feed")
    response = client.post(reverse("api:reports"), {"text": "   "}, content_type="application/json", **auth(secret))
    assert response.status_code == 400 and "text" in response.json()["errors"]


def test_the_docs_are_served_from_our_static_files_within_the_csp(client, db):
    page = client.get(reverse("api:docs"))
    html = page.content.decode()
    assert page.status_code == 200 and "/static/drf_spectacular_sidecar/" in html and "cdn" not in html.lower()
    nonce = page["Content-Security-Policy"].split("'nonce-", 1)[1].split("'", 1)[0]
    assert f'<style nonce="{nonce}">' in html and "<script>" not in html


def test_the_schema_is_openapi_3_in_json(client, db):
    schema = client.get(reverse("api:schema"), {"format": "json"}).json()
    assert schema["openapi"].startswith("3.") and "/api/v1/districts/" in schema["paths"]
