"""Admin data entry: every model's list with its search and filters, a pasted report extracted on save,
indicators entered by hand, uploads with their per-row report, history visible in the admin."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from reports import jobs, review
from reports.models import Indicator, Job, Report
from tests.reports.review_support import (  # noqa: F401
    BODY, editor, injured, killed, make_user, places, quoted, report, reviewer, roles, water,
)

NEW_TEXT = ("At least 7 people were killed when barrel bombs hit Masaken Hanano in eastern Aleppo on Sunday, "
            "the civil defence said. Hospitals were overwhelmed.")


@pytest.fixture
def as_editor(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def as_reviewer(client, reviewer):
    client.force_login(reviewer)
    return client


@pytest.fixture
def as_superuser(client, make_user):
    client.force_login(make_user("superuser"))
    return client


def seed_text(path):
    """A seed's body without its first `date YYYY-MM-DD` line (what an analyst would paste)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(lines[1:]).strip(), datetime.date.fromisoformat(lines[0].split()[1])


LISTS = [
    ("source", {"q": "AFP"}),
    ("source", {"kind__exact": "news_agency"}),
    ("place", {"q": "Aleppo"}),
    ("place", {"level__exact": "admin1"}),
    ("report", {"q": "eastern Aleppo"}),
    ("report", {"duplicate_status__exact": "suspected"}),
    ("report", {"published_on__isnull": "True"}),
    ("report", {"published_on__year": "2016"}),
    ("report", {"language__exact": "en"}),
    ("indicator", {"q": "children"}),
    ("indicator", {"status__exact": "unreviewed"}),
    ("indicator", {"kind__exact": "killed"}),
    ("indicator", {"origin__exact": "extracted"}),
    ("indicator", {"place__level__exact": "admin1"}),
    ("indicator", {"date__isnull": "False"}),
    ("indicator", {"report__duplicate_status__exact": ""}),
]


@pytest.mark.parametrize("model, params", LISTS, ids=[f"{m}-{'-'.join(p)}" for m, p in LISTS])
def test_each_list_searches_and_filters(as_superuser, killed, water, model, params):
    response = as_superuser.get(reverse(f"admin:reports_{model}_changelist"), params)
    assert response.status_code == 200
    assert "?e=1" not in response.get("Location", "")  # an unknown filter redirects with ?e=1


def test_the_indicator_list_filters_by_publisher(as_superuser, killed, report):
    response = as_superuser.get(reverse("admin:reports_indicator_changelist"),
                                {"report__publisher__id__exact": report.publisher_id})
    assert [i.pk for i in response.context["cl"].result_list] == [killed.pk]


def test_the_indicator_list_filters_by_place_level(as_superuser, killed):
    response = as_superuser.get(reverse("admin:reports_indicator_changelist"), {"place__level__exact": "admin2"})
    assert list(response.context["cl"].result_list) == []


def test_the_report_list_makes_a_fixed_number_of_queries(as_superuser, report, django_assert_max_num_queries):
    for n in range(30):
        Report.objects.create(title=f"r{n}", body=f"text {n}", publisher=report.publisher)
    as_superuser.get(reverse("admin:reports_report_changelist"))
    with django_assert_max_num_queries(12):
        as_superuser.get(reverse("admin:reports_report_changelist"))


def test_the_indicator_list_makes_a_fixed_number_of_queries(as_superuser, report, places,
                                                            django_assert_max_num_queries):
    for n in range(30):
        quoted(report, "40 people were injured", kind="injured", value=n + 1, place=places["SY02"])
    as_superuser.get(reverse("admin:reports_indicator_changelist"))
    with django_assert_max_num_queries(14):
        as_superuser.get(reverse("admin:reports_indicator_changelist"))


def management(response):
    """The POST data of every inline formset's management form on an add or change page."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        for field in inline.formset.management_form:
            data[field.html_name] = field.value() if field.value() is not None else ""
        for form in inline.formset.initial_forms:
            for field in form:
                value = field.value()
                if value is not None:
                    data[field.html_name] = value
    return data


def entered_prefix(response):
    return next(i.formset.prefix for i in response.context["inline_admin_formsets"]
                if i.opts.__class__.__name__ == "EnteredIndicatorInline")


def report_form(response, **fields):
    data = management(response)
    data.update({"title": "", "body": "", "published_on": "", "publisher": "", "url": "", "language": "en",
                 "duplicate_of": "", "duplicate_status": ""})
    data.update(fields)
    return data


def test_a_pasted_report_is_saved_and_extracted(as_editor, seed_paths):
    text, day = seed_text(seed_paths[0])
    add = reverse("admin:reports_report_add")
    response = as_editor.post(add, report_form(as_editor.get(add), title="Pasted", body=text,
                                               published_on=day.isoformat()))
    report = Report.objects.get(title="Pasted")
    assert response.status_code == 302
    killed = report.indicators.filter(kind="killed", origin="extracted")
    assert 12 in set(killed.values_list("value", flat=True))


def test_a_pasted_near_copy_of_a_stored_report_is_flagged_as_a_possible_duplicate(as_editor, seed_paths):
    text, day = seed_text(seed_paths[0])
    add = reverse("admin:reports_report_add")
    as_editor.post(add, report_form(as_editor.get(add), title="Wire", body=text, published_on=day.isoformat()))
    copy = "Regime steps up Aleppo raids as food runs short\n\n" + text + "\n(AFP)"
    as_editor.post(add, report_form(as_editor.get(add), title="Outlet", body=copy, published_on=day.isoformat()))
    outlet = Report.objects.get(title="Outlet")
    assert (outlet.duplicate_status, outlet.duplicate_of.title) == ("suspected", "Wire")


def test_an_indicator_entered_by_hand_gets_origin_entered_and_plain_defaults(as_editor, places):
    add = reverse("admin:reports_report_add")
    page = as_editor.get(add)
    prefix = entered_prefix(page)
    data = report_form(page, title="By hand", body=NEW_TEXT, published_on="2016-11-27")
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-kind": "killed", f"{prefix}-0-value": "7",
                 f"{prefix}-0-place": places["SY02"].pk, f"{prefix}-0-date": "2016-11-27",
                 f"{prefix}-0-quote": "At least 7 people were killed"})
    response = as_editor.post(add, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    entered = Indicator.objects.get(report__title="By hand", origin="entered")
    assert (entered.value, entered.group, entered.unit, entered.qualifier, entered.place.pcode) == (
        7, "people", "people", "exact", "SY02")


def test_an_indicator_entered_by_hand_survives_the_extraction_on_save(as_editor, places):
    add = reverse("admin:reports_report_add")
    page = as_editor.get(add)
    prefix = entered_prefix(page)
    data = report_form(page, title="By hand", body=NEW_TEXT, published_on="2016-11-27")
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-kind": "health", f"{prefix}-0-severity": "4",
                 f"{prefix}-0-quote": "Hospitals were overwhelmed"})
    as_editor.post(add, data)
    assert Indicator.objects.filter(report__title="By hand", origin="entered", kind="health", severity=4).exists()


def test_a_figure_entered_without_a_value_is_refused_with_a_message(as_editor):
    add = reverse("admin:reports_report_add")
    page = as_editor.get(add)
    prefix = entered_prefix(page)
    data = report_form(page, title="By hand", body=NEW_TEXT)
    data.update({f"{prefix}-TOTAL_FORMS": "1", f"{prefix}-0-kind": "killed", f"{prefix}-0-severity": "3"})
    response = as_editor.post(add, data)
    assert response.status_code == 200 and not Report.objects.filter(title="By hand").exists()


def test_pasting_a_text_already_stored_names_the_report(as_editor, report):
    add = reverse("admin:reports_report_add")
    response = as_editor.post(add, report_form(as_editor.get(add), title="Again", body="  " + BODY + "\n"))
    assert response.status_code == 200
    assert f"already stored as report {report.pk}" in str(response.context["adminform"].form.errors["body"])


def change_report(client, report, **fields):
    url = reverse("admin:reports_report_change", args=[report.pk])
    page = client.get(url)
    values = {"title": report.title, "body": report.body, "published_on": report.published_on.isoformat(),
              "publisher": report.publisher_id or "", "url": report.url, "language": report.language,
              "duplicate_of": report.duplicate_of_id or "", "duplicate_status": report.duplicate_status}
    values.update(fields)
    return client.post(url, report_form(page, **values))


def test_changing_the_body_re_extracts_but_keeps_reviewed_indicators(as_reviewer, report, killed, injured, reviewer):
    review.verify(killed, reviewer)
    response = change_report(as_reviewer, report, body=BODY + " Later, 3 more people were killed.")
    assert response.status_code == 302
    assert Indicator.objects.filter(pk=killed.pk, status="verified").exists()
    assert not Indicator.objects.filter(pk=injured.pk).exists()  # unreviewed machine reading: read again
    assert report.indicators.filter(origin="extracted", status="unreviewed").exists()


def test_changing_the_body_keeps_indicators_entered_by_hand(as_editor, report):
    entered = Indicator.objects.create(report=report, kind="killed", value=3, group="people", quote="by hand")
    response = change_report(as_editor, report, body=BODY + " Later, 3 more people were killed.")
    entered.refresh_from_db()
    assert response.status_code == 302 and (entered.origin, entered.value) == ("entered", 3)


def test_a_reviewer_finds_the_correct_link_on_a_machine_indicator(as_reviewer, killed):
    html = as_reviewer.get(reverse("admin:reports_indicator_change", args=[killed.pk])).content.decode()
    assert reverse("admin:reports_indicator_correct", args=[killed.pk]) in html


def test_an_editor_finds_no_correct_link(as_editor, killed):
    html = as_editor.get(reverse("admin:reports_indicator_change", args=[killed.pk])).content.decode()
    assert reverse("admin:reports_indicator_correct", args=[killed.pk]) not in html


def test_the_admin_index_leads_a_reviewer_to_the_queue(as_reviewer):
    assert reverse("admin:reports_indicator_review") in as_reviewer.get(reverse("admin:index")).content.decode()


def test_changing_only_the_title_does_not_re_extract(as_editor, report, injured):
    change_report(as_editor, report, title="A better headline")
    report.refresh_from_db()
    assert report.title == "A better headline" and Indicator.objects.filter(pk=injured.pk).exists()


def test_an_editor_cannot_set_the_duplicate_status(as_editor, report):
    change_report(as_editor, report, duplicate_status="confirmed")
    report.refresh_from_db()
    assert report.duplicate_status == ""


def test_a_reviewed_indicator_survives_extract_all(report, killed, injured, reviewer):
    review.correct(killed, reviewer, value=14)
    call_command("extract", "--all", stdout=io.StringIO())
    killed.refresh_from_db()
    assert (killed.value, killed.status, killed.original["value"]) == (14, "corrected", 12)
    assert not Indicator.objects.filter(pk=injured.pk).exists()


def test_a_machine_indicator_is_read_only_in_its_change_form(as_superuser, killed):
    url = reverse("admin:reports_indicator_change", args=[killed.pk])
    response = as_superuser.post(url, {"report": killed.report_id, "kind": "killed", "value": "99"})
    killed.refresh_from_db()
    assert response.status_code == 403 and killed.value == 12


def test_an_editor_can_change_an_indicator_entered_by_hand(as_editor, report):
    entered = Indicator.objects.create(report=report, kind="killed", value=3, group="people", quote="three")
    url = reverse("admin:reports_indicator_change", args=[entered.pk])
    response = as_editor.post(url, {"report": report.pk, "kind": "killed", "value": "4", "group": "people",
                                    "qualifier": "exact", "unit": "people", "quote": "three"})
    entered.refresh_from_db()
    assert response.status_code == 302 and entered.value == 4


def test_the_place_autocomplete_answers_an_editor(as_editor, places):
    response = as_editor.get(reverse("admin:autocomplete"), {"term": "Alep", "app_label": "reports",
                                                             "model_name": "indicator", "field_name": "place"})
    assert [r["text"] for r in response.json()["results"]] == ["Aleppo (SY02)"]


def history_page(client, model, obj):
    return client.get(reverse(f"admin:reports_{model}_history", args=[obj.pk])).content.decode()


def test_the_indicator_history_shows_who_verified_it(as_superuser, killed, reviewer):
    review.verify(killed, reviewer)
    html = history_page(as_superuser, "indicator", killed)
    assert "reviewer" in html and "verified" in html


def test_the_report_history_shows_who_confirmed_a_duplicate(as_superuser, report, reviewer):
    copy = Report.objects.create(title="copy", body="copy", duplicate_of=report, duplicate_status="suspected")
    review.confirm_duplicate(copy, reviewer)
    html = history_page(as_superuser, "report", copy)
    assert "reviewer" in html and "duplicate confirmed" in html


def test_the_source_history_shows_an_edit_made_in_the_admin(as_editor, make_user, report):
    url = reverse("admin:reports_source_change", args=[report.publisher_id])
    as_editor.post(url, {"name": "Agence France-Presse", "kind": "news_agency", "url": ""})
    html = history_page(as_editor, "source", report.publisher)
    assert "editor" in html and "Agence France-Presse" in html and "AFP" in html


def test_the_indicator_history_shows_the_change_and_the_reason(as_superuser, killed, reviewer):
    review.correct(killed, reviewer, value=14)
    html = as_superuser.get(reverse("admin:reports_indicator_history", args=[killed.pk])).content.decode()
    assert "corrected value" in html and "12" in html and "14" in html


def test_the_history_offers_no_revert(as_superuser, killed, reviewer):
    review.verify(killed, reviewer)
    record = killed.history.order_by("history_id").first()
    url = reverse("admin:reports_indicator_simple_history", args=[killed.pk, record.history_id])
    response = as_superuser.post(url, {})
    killed.refresh_from_db()
    assert killed.status == "verified"
    assert "Revert" not in as_superuser.get(url).content.decode()


# Uploads ---------------------------------------------------------------------------------------

UPLOAD = reverse("admin:reports_report_upload")


def upload(client, *files, default_date=""):
    """Post an upload and follow the redirect to its job page (tasks run inline in these tests)."""
    return client.post(UPLOAD, {"files": list(files), "default_date": default_date}, follow=True)


def job_of(name):
    job = Job.objects.get(file_name=name)
    return job, jobs.counts(job)


def test_the_upload_page_is_linked_from_the_report_list(as_editor):
    assert UPLOAD in as_editor.get(reverse("admin:reports_report_changelist")).content.decode()


def test_uploading_a_seed_creates_the_report(as_editor, seed_paths):
    response = upload(as_editor, SimpleUploadedFile(seed_paths[0].name, seed_paths[0].read_bytes()))
    job, counts = job_of(seed_paths[0].name)
    assert (job.state, counts["read"], counts["created"], counts["failed"]) == ("finished", 1, 1, 0)
    assert response.redirect_chain == [(reverse("admin:reports_job_change", args=[job.pk]), 302)]
    assert "read 1, created 1, unchanged 0" in response.content.decode()


def test_uploading_the_same_file_again_creates_nothing(as_editor, seed_paths):
    upload(as_editor, SimpleUploadedFile("a.txt", seed_paths[0].read_bytes()))
    response = upload(as_editor, SimpleUploadedFile("a.txt", seed_paths[0].read_bytes()))
    counts = jobs.counts(Job.objects.order_by("pk").last())
    assert (counts["created"], counts["unchanged"], Report.objects.count()) == (0, 1, 1)
    assert "read 1, created 0, unchanged 1" in response.content.decode()


def test_an_upload_shows_each_bad_row_and_keeps_the_good_ones(as_editor):
    csv = ("title,body,published_on,source,url\n"
           f"Good row,\"{NEW_TEXT}\",2016-11-27,AFP,\n"
           "Empty row,,2016-11-27,AFP,\n").encode()
    response = upload(as_editor, SimpleUploadedFile("reports.csv", csv, content_type="text/csv"))
    job, counts = job_of("reports.csv")
    html = response.content.decode()
    assert (counts["read"], counts["created"], counts["failed"]) == (2, 1, 1)
    assert "read 2, created 1, unchanged 0, failed 1" in html
    error = job.errors.get()
    assert (error.where, error.reason) == ("reports.csv, row 2", "empty body")
    assert "reports.csv, row 2" in html and "empty body" in html
    assert Report.objects.filter(title="Good row").exists()


def test_an_upload_of_several_files_makes_a_job_for_each(as_editor, seed_paths):
    files = [SimpleUploadedFile(p.name, p.read_bytes()) for p in seed_paths]
    response = upload(as_editor, *files)
    assert [(job.file_name, jobs.counts(job)["created"]) for job in Job.objects.order_by("pk")] == [
        (p.name, 1) for p in seed_paths]
    assert all(p.name in response.content.decode() for p in seed_paths)


def test_two_copies_of_a_seed_with_different_headlines_are_flagged_and_confirmed(as_reviewer, seed_paths):
    original = seed_paths[0].read_text(encoding="utf-8")
    date_line, *rest = original.splitlines()
    copy = "\n".join([date_line, "Regime steps up Aleppo raids as food runs short"] + rest[1:]) + "\n(AFP)\n"
    upload(as_reviewer, SimpleUploadedFile("wire.txt", original.encode()))
    upload(as_reviewer, SimpleUploadedFile("outlet.txt", copy.encode()))
    assert job_of("outlet.txt")[1]["duplicates"] == 1
    first, second = Report.objects.order_by("pk")
    assert (second.duplicate_status, second.duplicate_of) == ("suspected", first)
    as_reviewer.post(reverse("admin:reports_report_changelist"),
                     {"action": "confirm_duplicates", "_selected_action": [second.pk]})
    second.refresh_from_db()
    assert second.duplicate_status == "confirmed"
    assert not Indicator.objects.counted().filter(report=second).exists()
    assert Indicator.objects.counted().filter(report=first).exists()


def test_an_upload_needs_a_file(as_editor):
    response = as_editor.post(UPLOAD, {})
    assert response.status_code == 200 and response.context["form"].errors["files"]


def test_an_upload_is_recorded_in_the_history_with_the_uploader(as_editor, editor, seed_paths):
    upload(as_editor, SimpleUploadedFile("a.txt", seed_paths[0].read_bytes()))
    assert Report.history.get().history_user == editor


def test_an_upload_of_binary_junk_is_reported_and_the_other_files_imported(as_editor, seed_paths):
    junk = SimpleUploadedFile("photo.txt", bytes(range(256)) * 40)
    good = SimpleUploadedFile(seed_paths[0].name, seed_paths[0].read_bytes())
    upload(as_editor, junk, good)
    (junk_job, junk_counts), (good_job, good_counts) = job_of("photo.txt"), job_of(seed_paths[0].name)
    assert (junk_counts["failed"], good_counts["created"]) == (1, 1)
    assert junk_job.errors.get().where == "photo.txt"
    html = as_editor.get(reverse("admin:reports_job_change", args=[junk_job.pk])).content.decode()
    assert "photo.txt" in html and "binary content, not a text file" in html
