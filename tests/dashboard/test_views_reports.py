"""The report list and the report page: filters, highlighting in place, escaping, query counts."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from reports.models import Indicator, Place, Report, Source
from reports.roles import VIEWER, ensure_roles

pytestmark = pytest.mark.django_db

BODY = "Monday: at least 12 people, including three children, were killed in Aleppo. Water was cut."


@pytest.fixture
def aleppo():
    syria = Place.objects.create(pcode="SY", name_en="Syria", level="country")
    governorate = Place.objects.create(pcode="SY02", name_en="Aleppo", level="admin1", parent=syria)
    return Place.objects.create(pcode="SY0200", name_en="Jebel Saman", level="admin2", parent=governorate)


@pytest.fixture
def report(aleppo):
    sohr = Source.objects.create(name="SOHR", kind="monitoring_group")
    report = Report.objects.create(title="Strikes on Aleppo", body=BODY, published_on=dt.date(2016, 9, 27),
                                   publisher=Source.objects.create(name="AFP"))
    total = "at least 12 people, including three children, were killed"
    children = "three children"
    Indicator.objects.create(report=report, kind="killed", group="people", value=12, low=12, qualifier="at_least",
                             date=dt.date(2016, 9, 26), place=aleppo, source=sohr, quote=total,
                             start=BODY.index(total), end=BODY.index(total) + len(total))
    Indicator.objects.create(report=report, kind="killed", group="children", value=3, qualifier="exact",
                             date=dt.date(2016, 9, 26), place=aleppo, source=sohr, quote=children,
                             start=BODY.index(children), end=BODY.index(children) + len(children))
    Indicator.objects.create(report=report, kind="water", severity=4, date=dt.date(2016, 9, 27), place=aleppo,
                             quote="Water was cut", start=BODY.index("Water"), end=BODY.index("Water") + 13)
    return report


def test_report_list_empty_database_says_how_to_add_reports(client):
    response = client.get(reverse("dashboard:report_list"))
    assert response.status_code == 200
    assert "No reports yet" in response.content.decode()


def test_report_list_shows_reports_with_their_indicator_count(client, report):
    html = client.get(reverse("dashboard:report_list")).content.decode()
    assert "Strikes on Aleppo" in html
    assert reverse("dashboard:report_detail", args=[report.pk]) in html


def test_report_list_search_narrows_the_list(client, report):
    Report.objects.create(title="Floods in Hama", body="Rain fell on Hama.", published_on=dt.date(2016, 9, 1))
    html = client.get(reverse("dashboard:report_list"), {"q": "Hama"}).content.decode()
    assert "Floods in Hama" in html
    assert "Strikes on Aleppo" not in html


def test_report_list_with_filter_and_no_match_says_to_remove_a_filter(client, report):
    html = client.get(reverse("dashboard:report_list"), {"date_after": "2020-01-01"}).content.decode()
    assert "No report matches this filter" in html
    assert "Remove filter: From 2020-01-01" in html


def test_report_list_runs_a_fixed_number_of_queries(client, report, django_assert_num_queries):
    for n in range(5):
        Report.objects.create(title=f"Extra {n}", body=f"Body {n}", published_on=dt.date(2016, 9, n + 1))
    # count for the paginator, the page of reports with their publisher, the page's reports' indicator counts
    # (the test's own writes are not committed: the page cache is neither read nor filled)
    with django_assert_num_queries(3):
        assert client.get(reverse("dashboard:report_list")).status_code == 200


def test_report_page_highlights_each_figure_in_place_with_its_value_on_hover(client, report):
    html = client.get(reverse("dashboard:report_detail", args=[report.pk])).content.decode()
    assert 'title="Killed (people): ≥ 12 · unreviewed">at least 12 people, including <mark' in html
    assert 'class="ind ind-killed"' in html
    assert ">three children</mark>" in html
    assert 'class="ind ind-water"' in html and ">Water was cut</mark>" in html


def test_report_page_shows_script_markup_in_the_body_as_text(client, aleppo):
    body = 'Shelling <script>alert("x")</script> killed 5 people <img src=x onerror=alert(1)>.'
    report = Report.objects.create(title="<b>Hostile</b>", body=body, published_on=dt.date(2016, 9, 27))
    quote = "killed 5 people"
    Indicator.objects.create(report=report, kind="killed", value=5, qualifier="exact", place=aleppo, quote=quote,
                             start=body.index(quote), end=body.index(quote) + len(quote))
    html = client.get(reverse("dashboard:report_detail", args=[report.pk])).content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Hostile&lt;/b&gt;" in html
    assert ">killed 5 people</mark>" in html


def test_report_page_skips_a_mark_whose_quote_no_longer_matches_the_text(client, report):
    Indicator.objects.filter(kind="water").update(quote="Power was cut")
    html = client.get(reverse("dashboard:report_detail", args=[report.pk])).content.decode()
    assert 'class="ind ind-water"' not in html
    assert "1 of them could not be placed" in html


def test_report_page_links_to_the_admin_for_staff_only(client, report):
    admin_link = reverse("admin:reports_report_change", args=[report.pk])
    assert admin_link not in client.get(reverse("dashboard:report_detail", args=[report.pk])).content.decode()
    client.force_login(User.objects.create_user("staff", is_staff=True))
    assert admin_link in client.get(reverse("dashboard:report_detail", args=[report.pk])).content.decode()


def test_report_page_runs_a_fixed_number_of_queries(client, report, django_assert_num_queries):
    with django_assert_num_queries(2):
        assert client.get(reverse("dashboard:report_detail", args=[report.pk])).status_code == 200


def test_unknown_report_is_404(client):
    assert client.get(reverse("dashboard:report_detail", args=[999])).status_code == 404


def test_pages_need_a_login_when_the_dashboard_is_not_public(client, report, settings):
    settings.SITREP_PUBLIC = False
    response = client.get(reverse("dashboard:report_detail", args=[report.pk]))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    ensure_roles()
    viewer = User.objects.create_user("viewer")
    viewer.groups.add(Group.objects.get(name=VIEWER))
    client.force_login(viewer)
    assert client.get(reverse("dashboard:report_detail", args=[report.pk])).status_code == 200
