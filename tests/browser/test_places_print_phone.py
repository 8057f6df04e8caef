"""The place field's autocomplete, printing and a phone's width, in a real browser."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def pages(scene):
    return ["/", "/districts/", "/reports/", "/places/C1007/", f"/reports/{scene['siege'].pk}/",
            f"/reports/{scene['reports'][0].pk}/", "/provenance/?of=killed"]


def options(page):
    page.wait_for_selector("#filter-place-list [role=option]")
    return page.locator("#filter-place-list [role=option]")


def test_typing_a_name_offers_places_with_governorate_and_pcode(page, browser_scene, csp_violations, screenshot):
    page.goto("/")
    page.locator("#filter-place").press_sequentially("Alep")
    listed = options(page).all_inner_texts()
    assert "Aleppo" in listed[0] and "governorate" in listed[0] and "SY02" in listed[0]
    assert any("C1007" in text and "in Aleppo governorate" in text for text in listed)
    screenshot(page, "place-autocomplete")
    assert not page.errors
    assert not csp_violations(page)


def test_typing_arabic_offers_the_place(page, browser_scene):
    page.goto("/")
    page.locator("#filter-place").press_sequentially("حلب")
    assert "SY02" in options(page).first.inner_text()


def test_choosing_a_suggestion_filters_by_its_pcode(page, browser_scene):
    page.goto("/")
    page.locator("#filter-place").press_sequentially("Alep")
    options(page).filter(has_text="C1007").click()
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**place=C1007**")
    assert "Place: Aleppo (C1007, town or city in Aleppo governorate)" in page.locator(".chips").inner_text()


def test_keyboard_chooses_a_suggestion(page, browser_scene):
    page.goto("/reports/")
    field = page.locator("#filter-place")
    field.press_sequentially("Idl")
    options(page)
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value().startswith("Idleb (SY07")
    field.press("Enter")
    page.wait_for_url("**place=SY07**")


def test_a_typed_name_is_resolved_by_the_server(page, browser_scene):
    page.goto("/")
    page.fill("#filter-place", "Jebel Saman")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**place=SY0200&**")
    assert "Jebel Saman (SY0200, district in Aleppo governorate)" in page.locator(".chips").inner_text()
    # Two places are called Jebel Saman: the one taken and the other are said.
    assert "SY020000" in page.locator(".messages").inner_text()


def test_an_unknown_name_says_so(page, browser_scene):
    page.goto("/?place=Atlantis")
    assert "No place called “Atlantis”" in page.locator(".filter-errors").inner_text()


def test_print_leaves_out_the_filter_form_and_navigation(page, browser_scene):
    page.goto("/?date_after=")
    page.emulate_media(media="print")
    assert not page.locator("form.filters").is_visible()
    assert not page.locator("header.site nav").is_visible()
    assert not page.locator(".downloads").is_visible()


WHOLE_TABLES = """() => Array.from(document.querySelectorAll('main table')).filter(t => {
  const box = t.getBoundingClientRect();
  const wrap = t.closest('.table-wrap') || t.parentElement;
  return !t.checkVisibility() || box.width === 0 || wrap.scrollWidth > wrap.clientWidth + 1;
}).map(t => (t.id || t.className || t.querySelector('caption, th')?.textContent || '').trim())"""


@pytest.mark.parametrize("index", range(7))
def test_print_shows_every_table_whole(page, browser_scene, index):
    url = pages(browser_scene)[index]
    page.goto(url + ("&" if "?" in url else "?") + "date_after=")
    page.emulate_media(media="print")
    assert page.evaluate(WHOLE_TABLES) == []


TOO_WIDE = """() => Array.from(document.querySelectorAll('table')).filter(t => {
  const wrap = t.closest('.table-wrap');
  if (wrap) return wrap.getBoundingClientRect().right > window.innerWidth + 0.5;
  return t.getBoundingClientRect().width > t.parentElement.getBoundingClientRect().width + 0.5;
}).map(t => (t.id || t.className || t.querySelector('caption, th')?.textContent || '').trim())"""


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, device_scale_factor=2, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("index", range(7))
def test_no_page_is_wider_than_a_phone(phone, browser_scene, index, screenshot):
    url = pages(browser_scene)[index]
    phone.goto(url + ("&" if "?" in url else "?") + "date_after=")
    phone.wait_for_load_state("load")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert phone.evaluate(TOO_WIDE) == []
    screenshot(phone, f"phone-{index}")


def test_autocomplete_fits_a_phone(phone, browser_scene):
    phone.goto("/")
    phone.locator("#filter-place").press_sequentially("Alep")
    options(phone)
    box = phone.locator("#filter-place-list").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]


def test_date_field_shows_iso_in_an_american_browser(browser, live_server, browser_scene):
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.goto("/?date_after=2016-10-05&date_before=2016-10-31")
    field = page.locator("input[name=date_after]")
    assert field.input_value() == "2016-10-05"
    field.fill("10/05/2016")
    assert page.evaluate("document.querySelector('input[name=date_after]').checkValidity()") is False
    context.close()
