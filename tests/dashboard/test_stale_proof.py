"""Stored totals cannot go stale through Sitrep's own code: after each way Sitrep writes figures, reports
or places, what the pages read from the stored daily totals (the public summaries given the page's
IndicatorFilter, which refresh the marked days first) equals what they read after a full rebuild, and the
stored rows equal the rebuilt ones. The marking lives in reports/models.py (README: "Where the marking
lives"); a write that changes nothing anywhere would prove nothing, so each changing write is also
checked to change what is shown."""

import dataclasses
import datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.urls import reverse

from dashboard import summaries
from dashboard.filters import IndicatorFilter
from dashboard.models import DayTotal, StaleDay
from reports import ingest, review
from reports.models import ApiToken, Indicator, Place, Report
from reports.roles import ensure_roles

DAY = datetime.date(2016, 9, 26)
LATER = datetime.date(2016, 10, 20)


@pytest.fixture
def figures(places, scenario):
    """Figures nested from a neighbourhood to the country over three days, a reported total, a
    duplicate report, and `target`: 77 killed in Ash-Sheikh Maqsoud on its own date, in an undated report
    whose undated 5 killed take the report's day."""
    scenario("""
    | report | published  | kind    | value | place  | date       | cumulative | group     |
    | a      | 2016-09-26 | killed  | 12    | N0123  |            |            | people    |
    | b      | 2016-09-26 | killed  | 15    | C1007  |            |            | people    |
    | b      | 2016-09-26 | killed  | 4     | C1007  |            |            | children  |
    | c      | 2016-09-27 | injured | 30    | SY0200 | 2016-09-25 |            | civilians |
    | c      | 2016-09-27 | killed  | 300   | SY02   |            | yes        | people    |
    | d      | 2016-09-27 | killed  | 9     | SY0700 |            |            | people    |
    | e      | 2016-09-28 | killed  | 6     |        |            |            | people    |
    """)
    report = Report.objects.create(title="Target", body="Target body.", published_on=DAY)
    Indicator.objects.create(report=report, kind="killed", group="people", value=5, qualifier="exact",
                             unit="people", place=Place.objects.get(pcode="N0124"), quote="5 killed")
    return Indicator.objects.create(report=report, kind="killed", group="people", value=77, qualifier="exact",
                                    unit="people", date=datetime.date(2016, 9, 27), origin="extracted",
                                    place=Place.objects.get(pcode="N0123"), quote="77 killed")


@pytest.fixture
def user(db):
    ensure_roles()
    return User.objects.create_superuser("analyst", "analyst@example.org")


def plain(value):
    return dataclasses.asdict(value) if dataclasses.is_dataclass(value) else value


def shown():
    """What the pages show from stored totals: the timeline of everything and of Aleppo governorate,
    the districts table and Aleppo's table (each refreshes the marked days before it reads)."""
    everything = IndicatorFilter({}, queryset=Indicator.objects.all())
    aleppo = IndicatorFilter({"place": "SY02"}, queryset=Indicator.objects.all())
    result = (plain(summaries.timeline(everything)), plain(summaries.timeline(aleppo)),
              plain(summaries.district_summary(everything)),
              plain(summaries.place_summary(aleppo, place=Place.objects.get(pcode="SY02"))))
    assert not StaleDay.objects.exists()
    return result


def stored_rows():
    return sorted(DayTotal.objects.values_list("scope", "depth", "series", "day", "low", "high", "incidents"))


def after_a_rebuild():
    summaries.rebuild_day_totals()
    return shown(), stored_rows()


def check(write, *, changes=True):
    """Run `write` between two reads; the second equals a rebuild (and, with `changes`, differs from the
    first: the write is one the totals must follow)."""
    before = shown()
    assert (before, stored_rows()) == after_a_rebuild()
    write()
    after = shown(), stored_rows()
    assert after == after_a_rebuild()
    if changes:
        assert after[0] != before, "the write should change what the pages show"


# --- the service functions -----------------------------------------------------------------------------

def test_ingesting_a_report(figures):
    check(lambda: ingest.ingest_report(text="At least 40 people were killed in Idleb on Monday.",
                                       title="Idleb", published_on=datetime.date(2016, 9, 27)))


def test_re_extracting_a_report(figures):
    report, _ = ingest.ingest_report(text="At least 40 people were killed in Idleb on Monday.", title="Idleb",
                                     published_on=datetime.date(2016, 9, 27))
    report.body = "At least 3 people were killed in Idleb on Saturday."
    report.save()
    check(lambda: ingest.extract_report(report))


def test_verifying_a_figure(figures, user):
    check(lambda: review.verify(figures, user), changes=False)


def test_rejecting_a_figure(figures, user):
    check(lambda: review.reject(figures, user))


def test_correcting_a_figures_value_and_day(figures, user):
    check(lambda: review.correct(figures, user, value=7))
    check(lambda: review.correct(Indicator.objects.get(pk=figures.pk), user, date=LATER))


def test_confirming_a_duplicate(figures, user):
    report = figures.report
    report.duplicate_of = Report.objects.get(title="Report a")
    report.duplicate_status = "suspected"
    report.save()
    check(lambda: review.confirm_duplicate(report, user))


# --- the models' own writes ----------------------------------------------------------------------------

def test_deleting_a_report(figures):
    check(figures.report.delete)


def test_deleting_reports_in_bulk(figures):
    check(lambda: Report.objects.filter(title__in=["Target", "Report a"]).delete())


def test_changing_a_reports_date(figures):
    report = figures.report

    def move():
        report.published_on = LATER
        report.save()

    check(move)


def test_changing_reports_dates_and_duplicate_status_in_bulk(figures):
    check(lambda: Report.objects.filter(title="Target").update(published_on=LATER))
    check(lambda: Report.objects.filter(title="Report b").update(duplicate_status="confirmed"))


def test_moving_a_place_in_the_gazetteer(figures):
    neighbourhood = Place.objects.get(pcode="N0123")

    def move():
        neighbourhood.parent = Place.objects.get(pcode="SY0700")
        neighbourhood.save()

    check(move)


def test_updating_figures_values_status_and_day_in_bulk(figures):
    check(lambda: Indicator.objects.filter(value=12).update(value=120))
    check(lambda: Indicator.objects.filter(value=15).update(status="rejected"))
    check(lambda: Indicator.objects.filter(pk=figures.pk).update(day=LATER))


def test_updating_figures_dates_in_bulk_moves_their_day(figures):
    check(lambda: Indicator.objects.filter(pk=figures.pk).update(date=LATER))
    assert Indicator.objects.get(pk=figures.pk).day == LATER
    check(lambda: Indicator.objects.filter(pk=figures.pk).update(date=None))  # back to the report's day
    assert Indicator.objects.get(pk=figures.pk).day == DAY


def test_updating_figures_in_bulk_through_bulk_update(figures):
    changed = list(Indicator.objects.filter(kind="killed", cumulative=False))
    for indicator in changed:
        indicator.value += 1
    check(lambda: Indicator.objects.bulk_update(changed, ["value"]))


def test_creating_figures_in_bulk(figures):
    report = Report.objects.create(title="Bulk", body="Bulk body.", published_on=LATER)
    made = [Indicator(report=report, kind="killed", group="people", value=value, qualifier="exact", unit="people",
                      place=Place.objects.get(pcode=pcode), quote=f"{value} killed")
            for value, pcode in ((8, "N0123"), (11, "SY0202"))]
    check(lambda: Indicator.objects.bulk_create(made))
    assert {indicator.day for indicator in made} == {LATER}


def test_deleting_figures_in_bulk(figures):
    check(lambda: Indicator.objects.filter(place__pcode="N0123").delete())


def test_a_field_no_summary_reads_marks_no_day(figures):
    shown()
    Indicator.objects.filter(pk=figures.pk).update(flags="value_large")
    figures.quote = "77 people killed"
    figures.save(update_fields=["quote"])
    assert not StaleDay.objects.exists()


# --- the admin and the API ---------------------------------------------------------------------------

def test_editing_a_figure_in_the_admin(figures, user, client):
    entered = Indicator.objects.get(report=figures.report, value=5)  # the admin edits figures entered by hand
    client.force_login(user)
    url = reverse("admin:reports_indicator_change", args=[entered.pk])
    form = client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items() if value is not False}
    data["value"] = 500

    def edit():
        response = client.post(url, data)
        assert response.status_code == 302, response.context["adminform"].form.errors

    check(edit)
    assert Indicator.objects.get(pk=entered.pk).value == 500


def test_rejecting_figures_with_an_admin_action(figures, user, client):
    client.force_login(user)

    def reject():
        response = client.post(reverse("admin:reports_indicator_changelist"),
                               {"action": "reject_selected", "_selected_action": [figures.pk]})
        assert response.status_code == 302

    check(reject)
    assert Indicator.objects.get(pk=figures.pk).status == "rejected"


def test_sending_a_report_to_the_api(figures, user, client):
    cache.clear()  # the API's throttle counts live in the database cache
    _, secret = ApiToken.issue(user, "partner feed")

    def send():
        response = client.post(reverse("api:reports"), {"text": "At least 40 people were killed in Idleb.",
                                                        "date": "2016-09-27", "title": "Idleb"},
                               content_type="application/json", HTTP_AUTHORIZATION=f"Token {secret}")
        assert response.status_code == 202, response.content

    check(send)
    assert Indicator.objects.filter(report__title="Idleb", value=40).exists()
