"""The dashboard in a real browser: charts draw, filters change them, the map leads to places, report
pages highlight their figures and show hostile markup as text, and nothing breaks the CSP."""

import datetime as dt

import pytest

from reports.models import Indicator, Report

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def open_overview(page, query=""):
    page.goto(f"/{query}")
    page.wait_for_function("document.querySelector('#timeline-chart') && window.Chart && "
                           "Chart.getChart(document.querySelector('#timeline-chart'))")


def test_overview_charts_draw(page, browser_scene, screenshot, csp_violations, canvas_ink):
    open_overview(page)
    assert canvas_ink(page, "#timeline-chart") > 1000
    assert canvas_ink(page, "#trapped-chart") > 500
    screenshot(page, "overview")
    assert not page.errors
    assert not csp_violations(page)


def test_changing_the_date_filter_changes_the_chart(page, browser_scene, screenshot, canvas_image):
    open_overview(page)
    before = canvas_image(page, "#timeline-chart")
    page.fill("input[name=date_after]", "2016-09-10")
    page.fill("input[name=date_before]", "2016-09-25")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**date_after=2016-09-10**")
    open_overview(page, "?" + page.url.split("?", 1)[1])
    assert canvas_image(page, "#timeline-chart") != before
    assert page.locator(".chips").get_by_text("From 2016-09-10").is_visible()
    screenshot(page, "overview-filtered")


def test_clicking_a_bar_lists_the_quotes_behind_it(page, browser_scene, screenshot):
    open_overview(page)
    point = page.evaluate("""() => {
        const chart = Chart.getChart(document.querySelector('#timeline-chart'));
        const bar = chart.getDatasetMeta(0).data.at(-1);
        const box = chart.canvas.getBoundingClientRect();
        return {x: box.left + bar.x, y: box.top + (bar.y + bar.base) / 2};
    }""")
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#provenance-panel")
    panel.locator("blockquote").first.wait_for()
    assert "people killed" in panel.inner_text()
    screenshot(page, "overview-provenance")


def test_clicking_a_running_total_lists_the_claim_behind_it(page, browser_scene):
    open_overview(page)
    point = page.evaluate("""() => {
        const chart = Chart.getChart(document.querySelector('#timeline-chart'));
        const dot = chart.getDatasetMeta(2).data[0];
        const box = chart.canvas.getBoundingClientRect();
        return {x: box.left + dot.x, y: box.top + dot.y};
    }""")
    page.mouse.click(point["x"], point["y"])
    panel = page.locator("#provenance-panel")
    panel.locator("blockquote").first.wait_for()
    assert "900 in total since July" in panel.inner_text()
    assert "people killed" in panel.locator("blockquote").inner_text()


def test_clicking_a_district_on_the_map_opens_its_place_page(page, browser_scene, screenshot, csp_violations):
    page.goto("/districts/?date_after=")
    page.wait_for_selector("#district-map[data-ready=true] path.leaflet-interactive")
    screenshot(page, "districts")
    # Jebel Saman (SY0200) holds Aleppo city: the darkest district. Click the middle of its shape.
    box = page.evaluate("""() => {
        const map = document.querySelector('#district-map');
        const paths = [...map.querySelectorAll('path.leaflet-interactive')];
        const darkest = paths.find(p => p.getAttribute('fill') === '#a50f15');
        const r = darkest.getBoundingClientRect();
        return {x: r.left + r.width / 2, y: r.top + r.height / 2};
    }""")
    page.mouse.click(box["x"], box["y"])
    page.wait_for_url("**/places/SY0200/**")
    assert page.locator("h1").inner_text().startswith("Jebel Saman")
    assert not csp_violations(page)


def test_sorting_the_district_table_puts_the_most_killed_first(page, browser_scene):
    page.goto("/districts/?date_after=")
    page.get_by_role("button", name="Killed").click()
    first = page.locator("#district-table tbody tr:not([hidden]) th[scope=row]").first
    assert first.inner_text() == "Jebel Saman"


def test_report_page_highlights_its_figures(page, browser_scene, screenshot, csp_violations):
    report = browser_scene["reports"][0]
    page.goto(f"/reports/{report.pk}/")
    marks = page.locator("#report-body mark.ind-killed")
    assert marks.count() == 2
    assert marks.first.get_attribute("title").startswith("Killed (people): ≥ 5")
    assert page.locator("#report-body mark.ind-injured").inner_text() == "10 people injured"
    screenshot(page, "report")
    assert not csp_violations(page)


def test_report_body_with_script_markup_shows_as_text_and_runs_nothing(page, transactional_db, screenshot):
    body = ('Shelling <script>window.pwned = 1; alert("xss")</script> killed 5 people. '
            '<img src="x" onerror="window.pwned = 2; alert(2)"> <b>bold</b>')
    report = Report.objects.create(title='<script>window.pwned = 3</script>Hostile', body=body,
                                   published_on=dt.date(2016, 9, 27))
    quote = "killed 5 people"
    Indicator.objects.create(report=report, kind="killed", value=5, qualifier="exact", quote=quote,
                             start=body.index(quote), end=body.index(quote) + len(quote))
    page.goto(f"/reports/{report.pk}/")
    text = page.locator("#report-body").inner_text()
    assert '<script>window.pwned = 1; alert("xss")</script>' in text
    assert '<img src="x" onerror=' in text
    assert page.locator("#report-body script, #report-body img, #report-body b").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.dialogs == []
    assert page.locator("#report-body mark").inner_text() == quote
    screenshot(page, "report-hostile")


def test_place_page_draws_its_timeline(page, browser_scene, screenshot, csp_violations, canvas_ink):
    page.goto("/places/SY02/?date_after=")
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('#timeline-chart'))")
    assert canvas_ink(page, "#timeline-chart") > 1000
    assert page.locator("th[scope=row] a", has_text="Jebel Saman").count() == 1
    screenshot(page, "place")
    assert not csp_violations(page)


def test_overview_on_a_phone_fits_the_screen(browser, live_server, browser_scene, screenshot):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844},
                                  device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto("/")
    page.wait_for_function("window.Chart && Chart.getChart(document.querySelector('#timeline-chart'))")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "overview-phone")
    context.close()


def test_empty_overview_says_what_to_do(page, transactional_db, csp_violations):
    page.goto("/")
    assert "No figures yet" in page.locator("main").inner_text()
    assert not csp_violations(page)


def test_staff_signed_in_see_admin_links_on_a_report(page, browser_scene, login, settings):
    from django.contrib.auth.models import Group, User

    from reports.roles import EDITOR, ensure_roles

    settings.SITREP_PUBLIC = False
    report = browser_scene["reports"][0]
    page.goto(f"/reports/{report.pk}/")
    assert "/accounts/login/" in page.url
    ensure_roles()
    staff = User.objects.create_user("staff", is_staff=True)
    staff.groups.add(Group.objects.get(name=EDITOR))
    login(page, staff)
    page.goto(f"/reports/{report.pk}/")
    assert page.get_by_role("link", name="Edit in the admin").is_visible()


def test_a_place_name_holding_markup_shows_as_text_in_the_map_tooltip(page, browser_scene):
    idleb = browser_scene["places"]["SY0700"]
    idleb.name_en = '<img src="x" class="injected">Idleb'
    idleb.save(update_fields=["name_en"])
    page.goto("/districts/?date_after=")
    page.wait_for_selector("#district-map[data-ready=true] path.leaflet-interactive")
    shown = page.evaluate("""() => {
        const seen = [];
        for (const p of document.querySelectorAll('#district-map path.leaflet-interactive')) {
            const r = p.getBoundingClientRect();
            const at = {bubbles: true, clientX: r.left + r.width / 2, clientY: r.top + r.height / 2};
            p.dispatchEvent(new MouseEvent('mouseover', at));
            for (const tip of document.querySelectorAll('.leaflet-tooltip')) {
                seen.push({html: tip.innerHTML, text: tip.textContent});
            }
            p.dispatchEvent(new MouseEvent('mouseout', at));
        }
        return seen;
    }""")
    idleb_tips = [tip for tip in shown if "Idleb" in tip["text"]]
    assert idleb_tips, shown[:3]
    assert idleb_tips[0]["text"].startswith('<img src="x" class="injected">Idleb: ')
    assert "<img" not in idleb_tips[0]["html"]
    assert page.locator("img.injected").count() == 0
