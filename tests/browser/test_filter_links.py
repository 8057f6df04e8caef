"""Links between pages keep the filter, in a real browser: a map click, a district name, a breadcrumb, a
report in a list and the navigation all carry the period (and the other filters) to the next page."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERIOD = "date_after=2016-08-01&date_before=2016-09-30"


def test_a_map_click_opens_the_district_with_the_period(page, browser_scene, csp_violations):
    page.goto(f"/districts/?{PERIOD}&status=unreviewed")
    page.wait_for_selector("#district-map[data-ready=true] path.leaflet-interactive")
    box = page.evaluate("""() => {
        const paths = [...document.querySelectorAll('#district-map path.leaflet-interactive')];
        const r = paths.find(p => p.getAttribute('fill') === '#a50f15').getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2};
    }""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url("**/places/SY0200/?**")
    assert page.url.endswith(f"/places/SY0200/?{PERIOD}&status=unreviewed")
    assert "2016-08-01" in page.locator(".chips").inner_text()
    assert not page.errors and not csp_violations(page)


def test_district_name_breadcrumb_report_and_navigation_keep_the_period(page, browser_scene, screenshot):
    page.goto(f"/districts/?{PERIOD}")
    page.locator("#district-table").get_by_role("link", name="Jebel Saman").click()
    page.wait_for_url("**/places/SY0200/?**")
    assert page.url.endswith(f"/places/SY0200/?{PERIOD}")
    page.locator(".breadcrumbs").get_by_role("link", name="Aleppo").click()
    page.wait_for_url("**/places/SY02/?**")
    assert page.url.endswith(f"/places/SY02/?{PERIOD}")
    screenshot(page, "place-kept-period")
    page.locator(".report-links a").first.click()
    page.wait_for_url("**/reports/*/?**")
    assert f"{PERIOD}&place=SY02" in page.url
    page.get_by_role("navigation").get_by_role("link", name="Districts").click()
    page.wait_for_url("**/districts/?**")
    assert page.url.endswith(f"/districts/?{PERIOD}&place=SY02")
    assert "Told for Aleppo as a whole" in page.locator("#district-table").inner_text()
