"""The review queue in a real browser: a reviewer signs in, verifies an indicator with the keyboard, and
the dashboard's reviewed share changes."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group, User

from reports.models import Indicator, Place, Report, Source
from reports.roles import REVIEWER, ensure_roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "review-queue browser password 42"
BODY = ("Air strikes hit eastern Aleppo on Monday. At least 40 people were killed in the raids, the civil "
        "defence said. Another 9 people were killed in Bustan al-Qasr.")


def figure(report, words, value, place, day):
    start = report.body.index(words)
    return Indicator.objects.create(report=report, kind="killed", value=value, group="people", unit="people",
                                    qualifier="exact", date=day, place=place, quote=words, start=start,
                                    end=start + len(words), origin=Indicator.Origin.EXTRACTED)


@pytest.fixture
def queue_scene(transactional_db):
    ensure_roles()  # transactional tests flush the groups the migration made
    reviewer = User.objects.create_user("reviewer", "reviewer@example.org", PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWER))
    syria = Place.objects.create(pcode="SY", level="country", name_en="Syria")
    aleppo = Place.objects.create(pcode="SY02", level="admin1", name_en="Aleppo", parent=syria)
    day = dt.date(2016, 9, 26)
    report = Report.objects.create(title="Strikes on eastern Aleppo", body=BODY, published_on=day,
                                   publisher=Source.objects.create(name="AFP"))
    large = figure(report, "At least 40 people were killed", 40, aleppo, day)
    small = figure(report, "9 people were killed", 9, aleppo, day)
    return {"reviewer": reviewer, "large": large, "small": small}


def reviewed_share(page):
    page.goto("/")
    text = page.locator("p.note", has_text="are reviewed").inner_text()
    return re.search(r"(\d+) of (\d+) figures and conditions shown are reviewed", text).groups()


def sign_in(page):
    page.goto("/admin/login/?next=/admin/reports/indicator/review/")
    page.fill("#id_username", "reviewer")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")


def test_verify_with_the_keyboard_changes_the_reviewed_share(page, queue_scene, csp_violations, screenshot):
    sign_in(page)
    assert reviewed_share(page) == ("0", "2")

    page.goto("/admin/reports/indicator/review/")
    items = page.locator(".review-item")
    assert items.count() == 2
    assert items.nth(0).locator("mark").inner_text() == "At least 40 people were killed"
    page.keyboard.press("j")  # move to the second, smaller figure
    assert "current" in items.nth(1).get_attribute("class")
    screenshot(page, "review-queue")
    with page.expect_navigation():
        page.keyboard.press("v")

    assert page.locator(".messagelist").inner_text().startswith("Verified")
    assert page.locator(".review-item").count() == 1
    small, large = Indicator.objects.get(pk=queue_scene["small"].pk), Indicator.objects.get(pk=queue_scene["large"].pk)
    assert (small.status, small.reviewed_by, large.status) == ("verified", queue_scene["reviewer"], "unreviewed")
    assert reviewed_share(page) == ("1", "2")
    assert not page.errors and not csp_violations(page)


def test_reject_with_the_keyboard_leaves_the_figure_out(page, queue_scene, csp_violations):
    sign_in(page)
    page.goto("/admin/reports/indicator/review/")
    with page.expect_navigation():
        page.keyboard.press("r")
    assert Indicator.objects.get(pk=queue_scene["large"].pk).status == "rejected"
    assert page.locator(".review-item").count() == 1
    assert not page.errors and not csp_violations(page)


def test_c_opens_the_correction_form_showing_the_machine_reading(page, queue_scene, csp_violations):
    sign_in(page)
    page.goto("/admin/reports/indicator/review/")
    with page.expect_navigation():
        page.keyboard.press("c")
    assert page.locator("#id_value").input_value() == "40"
    assert "40" in page.locator("table.review-original").inner_text()
    page.fill("#id_value", "41")
    with page.expect_navigation():
        page.click("input[type=submit]")
    large = Indicator.objects.get(pk=queue_scene["large"].pk)
    assert (large.value, large.status, large.original["value"]) == (41, "corrected", 40)
    assert not page.errors and not csp_violations(page)


def test_the_buttons_work_without_javascript(browser, live_server, queue_scene):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page)
    page.goto("/admin/reports/indicator/review/")
    with page.expect_navigation():
        page.locator(".review-item").nth(0).locator("form.review-verify button").click()
    assert Indicator.objects.get(pk=queue_scene["large"].pk).status == "verified"
    context.close()


@pytest.fixture
def morning_scene(queue_scene):
    """Yesterday the reviewer opened the queue; this morning an analyst typed in a small figure in Idleb."""
    from django.utils import timezone

    from reports.models import ReviewerVisit

    yesterday = timezone.now() - dt.timedelta(days=1)
    Indicator.objects.update(created=yesterday - dt.timedelta(hours=2))
    ReviewerVisit.objects.create(user=queue_scene["reviewer"], last_opened=yesterday)
    syria = Place.objects.get(pcode="SY")
    idleb = Place.objects.create(pcode="SY07", level="admin1", name_en="Idleb", name_ar="إدلب", parent=syria)
    saraqab = Place.objects.create(pcode="C4176", level="community", name_en="Saraqab", parent=idleb)
    report = Report.objects.create(title="Saraqab shelling", body="Shelling killed 3 people in Saraqab, Idleb.",
                                   published_on=dt.date(2016, 10, 5))
    typed = Indicator.objects.create(report=report, kind="killed", value=3, group="people", unit="people",
                                     qualifier="exact", place=saraqab, date=dt.date(2016, 10, 5),
                                     origin=Indicator.Origin.ENTERED, quote="Shelling killed 3 people",
                                     start=0, end=24)
    return {**queue_scene, "typed": typed}


def test_new_since_my_last_visit_puts_this_mornings_figure_first(page, morning_scene, csp_violations, screenshot):
    sign_in(page)
    items = page.locator(".review-item")
    assert items.count() == 3
    page.check("#id_new")
    with page.expect_navigation():
        page.click("#review-filter button[type=submit]")
    assert items.count() == 1
    assert items.nth(0).get_attribute("data-indicator") == str(morning_scene["typed"].pk)
    assert "Saraqab" in items.nth(0).inner_text()
    screenshot(page, "review-queue-new-since-last-visit")
    with page.expect_navigation():
        page.keyboard.press("v")
    assert Indicator.objects.get(pk=morning_scene["typed"].pk).status == "verified"
    assert page.locator("#id_new").is_checked() and page.locator(".review-empty").is_visible()
    assert not page.errors and not csp_violations(page)


def test_the_place_filter_takes_an_arabic_name_and_keeps_it_across_pages(page, morning_scene, csp_violations):
    sign_in(page)
    page.fill("#id_place", "إدلب")
    with page.expect_navigation():
        page.click("#review-filter button[type=submit]")
    items = page.locator(".review-item")
    assert items.count() == 1 and "Saraqab" in items.nth(0).inner_text()
    assert "Idleb" in page.locator(".review-places").inner_text()
    page.fill("#id_place", "Aleppo")
    with page.expect_navigation():
        page.press("#id_place", "Enter")
    assert page.locator(".review-item").count() == 2
    assert not page.errors and not csp_violations(page)


def test_a_reviewer_verifies_from_the_report_page(page, queue_scene, csp_violations):
    sign_in(page)
    report_id = queue_scene["large"].report_id
    page.goto(f"/reports/{report_id}/")
    row = page.locator("table.indicators tr", has_text="40")
    with page.expect_navigation():
        row.locator("form.review-verify button").click()
    assert page.url.endswith(f"/reports/{report_id}/")
    assert "Verified" in page.locator("ul.messages").inner_text()
    assert Indicator.objects.get(pk=queue_scene["large"].pk).status == "verified"
    assert not page.errors and not csp_violations(page)
