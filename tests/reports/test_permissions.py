"""The permission matrix: anonymous, viewer, editor, reviewer and superuser against every admin page and
action, and (with SITREP_PUBLIC off) every dashboard page and download, with the expected answer for each.

Answers: "ok" (the page answers 200, the action is done), "login" (sent to the login page, nothing done),
"denied" (403, or the action refused: nothing done).
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import URLPattern, reverse

from reports.models import Indicator, Report, Source
from tests.reports.review_support import ROLES, killed, make_user, places, report, roles  # noqa: F401


def row(answers):
    return dict(zip(ROLES, answers.split(), strict=True))


#            anonymous viewer editor reviewer superuser
STAFF = row("login ok ok ok ok")
EDIT = row("login denied ok ok ok")
REVIEW = row("login denied denied ok ok")
SUPER = row("login denied denied denied ok")

# (name, url name, argument: None / "report" / "indicator" / "source" / "place" / a literal, answers)
PAGES = [
    ("admin index", "admin:index", None, STAFF),
    ("report list", "admin:reports_report_changelist", None, EDIT),
    ("report add", "admin:reports_report_add", None, EDIT),
    ("report change", "admin:reports_report_change", "report", EDIT),
    ("report history", "admin:reports_report_history", "report", EDIT),
    ("report delete", "admin:reports_report_delete", "report", SUPER),
    ("report upload", "admin:reports_report_upload", None, EDIT),
    ("source list", "admin:reports_source_changelist", None, EDIT),
    ("source add", "admin:reports_source_add", None, EDIT),
    ("source change", "admin:reports_source_change", "source", EDIT),
    ("source history", "admin:reports_source_history", "source", EDIT),
    ("source delete", "admin:reports_source_delete", "source", SUPER),
    ("indicator list", "admin:reports_indicator_changelist", None, EDIT),
    ("indicator add", "admin:reports_indicator_add", None, EDIT),
    ("indicator change", "admin:reports_indicator_change", "indicator", EDIT),
    ("indicator history", "admin:reports_indicator_history", "indicator", EDIT),
    ("indicator history record", "admin:reports_indicator_simple_history", "record", EDIT),
    ("indicator delete", "admin:reports_indicator_delete", "indicator", SUPER),
    ("place list", "admin:reports_place_changelist", None, EDIT),
    ("place change (view)", "admin:reports_place_change", "place", EDIT),
    ("place add", "admin:reports_place_add", None, SUPER),
    ("place delete", "admin:reports_place_delete", "place", SUPER),
    ("review queue", "admin:reports_indicator_review", None, REVIEW),
    ("correct form", "admin:reports_indicator_correct", "indicator", REVIEW),
    ("user list", "admin:auth_user_changelist", None, SUPER),
    ("group list", "admin:auth_group_changelist", None, SUPER),
]


@pytest.fixture
def world(killed, places):
    return {"report": killed.report.pk, "indicator": killed.pk, "source": killed.source.pk,
            "place": places["SY02"].pk, "pcode": places["SY02"].pcode,
            "record": (killed.pk, killed.history.get().history_id)}


def signed_in(client, make_user, role):
    if role != "anonymous":
        client.force_login(make_user(role))
    return client


def answer(response):
    # The admin sends to its own login page, the dashboard to the site's (which Viewers who are not staff can use).
    if response.status_code == 302 and response["Location"].startswith((reverse("admin:login"), reverse("login"))):
        return "login"
    return {200: "ok", 403: "denied"}.get(response.status_code, f"HTTP {response.status_code}")


def page_cases():
    for name, url_name, argument, answers in PAGES:
        for role in ROLES:
            yield pytest.param(url_name, argument, role, answers[role], id=f"{name}-{role}")


@pytest.mark.parametrize("url_name, argument, role, expected", list(page_cases()))
def test_admin_page(client, make_user, world, url_name, argument, role, expected):
    value = world[argument] if argument else ()
    url = reverse(url_name, args=value if isinstance(value, tuple) else [value])
    assert answer(signed_in(client, make_user, role).get(url)) == expected


def test_place_autocomplete(client, make_user, world):
    url = reverse("admin:autocomplete")
    params = {"term": "Alep", "app_label": "reports", "model_name": "indicator", "field_name": "place"}
    answers = {}
    for role in ROLES:
        client.logout()
        answers[role] = answer(signed_in(client, make_user, role).get(url, params))
    assert answers == row("login denied ok ok ok")


# Actions: (name, how to do it, did it happen?) ---------------------------------------------------

def verify(client, world):
    return client.post(reverse("admin:reports_indicator_verify", args=[world["indicator"]]))


def reject(client, world):
    return client.post(reverse("admin:reports_indicator_reject", args=[world["indicator"]]))


def correct(client, world):
    return client.post(reverse("admin:reports_indicator_correct", args=[world["indicator"]]),
                       {"value": "14", "qualifier": "at_least", "group": "people", "place": world["place"],
                        "date": "2016-09-26"})


def from_report_page(action):
    """The report page's verify/reject buttons: the queue's own action, sent back to the report page."""
    def run(client, world):
        return client.post(reverse(f"admin:reports_indicator_{action}", args=[world["indicator"]]),
                           {"next": reverse("dashboard:report_detail", args=[world["report"]])})
    return run


def bulk(action, model, key):
    def run(client, world):
        return client.post(reverse(f"admin:reports_{model}_changelist"),
                           {"action": action, "_selected_action": [world[key]]})
    return run


def upload(client, world):
    text = b"date 2016-11-27\nAt least 7 people were killed in Masaken Hanano, the civil defence said.\n"
    return client.post(reverse("admin:reports_report_upload"), {"files": [SimpleUploadedFile("new.txt", text)]})


def add_source(client, world):
    return client.post(reverse("admin:reports_source_add"), {"name": "SARC", "kind": "un_ngo", "url": ""})


def delete_indicator(client, world):
    return client.post(reverse("admin:reports_indicator_delete", args=[world["indicator"]]), {"post": "yes"})


def status_is(value):
    return lambda world: Indicator.objects.filter(pk=world["indicator"], status=value).exists()


def duplicate_is(value):
    return lambda world: Report.objects.filter(title="Copy", duplicate_status=value).exists()


ACTIONS = [
    ("verify", verify, status_is("verified"), REVIEW),
    ("reject", reject, status_is("rejected"), REVIEW),
    ("correct", correct, status_is("corrected"), REVIEW),
    ("verify from the report page", from_report_page("verify"), status_is("verified"), REVIEW),
    ("reject from the report page", from_report_page("reject"), status_is("rejected"), REVIEW),
    ("bulk verify", bulk("verify_selected", "indicator", "indicator"), status_is("verified"), REVIEW),
    ("bulk reject", bulk("reject_selected", "indicator", "indicator"), status_is("rejected"), REVIEW),
    ("confirm duplicate", bulk("confirm_duplicates", "report", "copy"), duplicate_is("confirmed"), REVIEW),
    ("dismiss duplicate", bulk("dismiss_duplicates", "report", "copy"), duplicate_is("dismissed"), REVIEW),
    ("store held figures", bulk("store_held_figures", "report", "copy"),
     lambda world: Report.objects.filter(title="Copy", held_for_review="").exists(), REVIEW),
    ("upload", upload, lambda world: Report.objects.filter(body__contains="Masaken Hanano").exists(), EDIT),
    ("add source", add_source, lambda world: Source.objects.filter(name="SARC").exists(), EDIT),
    ("delete indicator", delete_indicator, lambda world: not Indicator.objects.filter(pk=world["indicator"]).exists(),
     SUPER),
]


def action_cases():
    for name, run, done, answers in ACTIONS:
        for role in ROLES:
            yield pytest.param(run, done, role, answers[role], id=f"{name}-{role}")


@pytest.mark.parametrize("run, done, role, expected", list(action_cases()))
def test_admin_action(client, make_user, world, run, done, role, expected):
    copy = Report.objects.create(title="Copy", body="copy", duplicate_of_id=world["report"],
                                 duplicate_status="suspected", held_for_review="400 figures read, more than the 300")
    response = run(signed_in(client, make_user, role), {**world, "copy": copy.pk})
    if expected == "ok":
        assert done(world) and response.status_code in (200, 302)
    elif expected == "login":
        assert not done(world) and answer(response) == "login"
    else:
        # Refused outright (403), or, for a changelist action the user is not offered, not carried out.
        assert not done(world) and response.status_code in (200, 302, 403)


@pytest.mark.parametrize("role, offered", list(zip(ROLES, [False, False, False, True, True], strict=True)))
def test_the_report_page_offers_review_actions_to_reviewers_only(client, make_user, world, role, offered):
    html = signed_in(client, make_user, role).get(reverse("dashboard:report_detail", args=[world["report"]])).content
    verify = reverse("admin:reports_indicator_verify", args=[world["indicator"]])
    assert (f'action="{verify}"' in html.decode()) == offered


# The dashboard and its downloads with SITREP_PUBLIC off --------------------------------------------

def dashboard_urls(world):
    from dashboard import urls

    for pattern in urls.urlpatterns:
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        converters = pattern.pattern.converters
        args = []
        for name in converters:
            args.append({"pk": world["report"], "pcode": world["pcode"]}[name])
        yield pattern.name, reverse(f"dashboard:{pattern.name}", args=args)


@override_settings(SITREP_PUBLIC=False)
@pytest.mark.parametrize("role", ROLES)
def test_every_dashboard_page_and_download_when_not_public(client, make_user, world, role):
    signed_in(client, make_user, role)
    answers = {name: answer(client.get(url)) for name, url in dashboard_urls(world)}
    expected = "login" if role == "anonymous" else "ok"
    assert answers and answers == dict.fromkeys(answers, expected)


@override_settings(SITREP_PUBLIC=True)
def test_the_dashboard_is_open_to_anonymous_when_public(client, world):
    answers = {name: answer(client.get(url)) for name, url in dashboard_urls(world)}
    assert answers and answers == dict.fromkeys(answers, "ok")


def test_the_roles_hold_exactly_their_permissions(roles):
    from django.contrib.auth.models import Group

    held = {g.name: sorted(f"{p.content_type.app_label}.{p.codename}" for p in g.permissions.all())
            for g in Group.objects.prefetch_related("permissions__content_type")}
    editor = ["reports.add_indicator", "reports.add_report", "reports.add_source", "reports.change_indicator",
              "reports.change_report", "reports.change_source", "reports.view_dashboard", "reports.view_indicator",
              "reports.view_place", "reports.view_report", "reports.view_source"]
    assert held == {"Viewer": ["reports.view_dashboard"], "Editor": editor,
                    "Reviewer": sorted(editor + ["reports.review_indicator"])}


def test_a_staff_account_without_a_role_sees_no_model_in_the_admin(client, db):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("nobody", is_staff=True))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200 and response.context["app_list"] == []
    assert client.get(reverse("admin:reports_report_changelist")).status_code == 403



# The JSON API: every endpoint x role x public/private, with personal tokens ---------------------------

API_READS = ["reports", "report", "figures", "conditions", "places", "place", "sources", "districts", "timeline",
             "provenance"]
#                   anonymous viewer editor reviewer superuser
API_READ_PRIVATE = row("401 200 200 200 200")
API_READ_PUBLIC = row("200 200 200 200 200")
API_SUBMIT = row("401 403 202 202 202")
API_REVIEW = row("401 403 403 200 200")


def api_url(name, world):
    args = {"report": [world["report"]], "place": [world["pcode"]]}.get(name, [])
    return reverse(f"api:{name}", args=args)


def token_headers(make_user, role):
    from reports.models import ApiToken

    if role == "anonymous":
        return {}
    return {"HTTP_AUTHORIZATION": f"Token {ApiToken.issue(make_user(role), 'test')[1]}"}


def api_read_cases():
    for public, answers in [(False, API_READ_PRIVATE), (True, API_READ_PUBLIC)]:
        for role in ROLES:
            yield pytest.param(public, role, answers[role], id=f"{'public' if public else 'private'}-{role}")


@pytest.mark.parametrize("public, role, expected", list(api_read_cases()))
def test_every_api_read_endpoint(client, make_user, world, settings, public, role, expected):
    settings.SITREP_PUBLIC = public
    headers = token_headers(make_user, role)
    answers = {name: client.get(api_url(name, world), **headers).status_code for name in API_READS}
    assert answers == dict.fromkeys(API_READS, int(expected))


def api_write_cases():
    for name, answers in [("submit", API_SUBMIT), ("verify", API_REVIEW), ("reject", API_REVIEW),
                          ("correct", API_REVIEW)]:
        for public in (False, True):
            for role in ROLES:
                yield pytest.param(name, public, role, int(answers[role]),
                                   id=f"{name}-{'public' if public else 'private'}-{role}")


def api_write(client, name, world, headers):
    if name == "submit":
        return client.post(reverse("api:reports"), {"text": "At least 7 people were killed in Masaken Hanano.",
                                                    "date": "2016-11-27", "source": "AFP"},
                           content_type="application/json", **headers)
    body = {"value": 14} if name == "correct" else {}
    return client.post(reverse(f"api:{name}", args=[world["indicator"]]), body, content_type="application/json",
                       **headers)


API_DONE = {
    "submit": lambda world: Report.objects.filter(body__contains="Masaken Hanano").exists(),
    "verify": status_is("verified"), "reject": status_is("rejected"), "correct": status_is("corrected"),
}


@pytest.mark.parametrize("name, public, role, expected", list(api_write_cases()))
def test_every_api_write_endpoint(client, make_user, world, settings, name, public, role, expected):
    settings.SITREP_PUBLIC = public
    response = api_write(client, name, world, token_headers(make_user, role))
    assert response.status_code == expected
    assert API_DONE[name](world) == (expected in (200, 202))
