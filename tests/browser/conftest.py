"""Playwright fixtures for the browser tests: Debian's chromium (never `playwright install`) driving
pytest-django's live server.

`page` is a fresh browser tab whose base URL is the live server, so tests call `page.goto("/")`.
Everything the page logs is kept: `page.csp_violations` (from the securitypolicyviolation event and
console errors naming the Content Security Policy), `page.errors` (uncaught exceptions) and
`page.dialogs` (alert/confirm/prompt, dismissed). The fixtures `screenshot(page, name)` (saves to test-artifacts/), `csp_violations(page)`,
`canvas_ink(page, selector)`, `canvas_image(page, selector)` and `login(page, user)` are helpers
for any browser test.
`browser_scene` fills the database with governorates, districts (with boundaries) and figures.
"""

import csv
import datetime as dt
import os
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls in fixtures are still synchronous.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (`make browser`).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_viewport():
    return {"width": 1280, "height": 900}


@pytest.fixture
def page(browser, live_server, browser_viewport):
    context = browser.new_context(base_url=live_server.url, viewport=browser_viewport)
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    page.csp_violations, page.errors, page.dialogs = [], [], []

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            page.csp_violations.append(message.text)

    def on_dialog(dialog):
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("dialog", on_dialog)
    page.set_default_timeout(15000)
    yield page
    context.close()


def _csp_violations(page):
    """Violations seen by the console listener and by the page's own securitypolicyviolation hook."""
    return page.csp_violations + page.evaluate("window.__cspViolations || []")


def _screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def _canvas_ink(page, selector):
    """How many pixels of the canvas are drawn (not transparent): 0 means a blank chart."""
    return page.evaluate(
        """(selector) => {
            const canvas = document.querySelector(selector);
            const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
            let ink = 0;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] > 0) ink++; }
            return ink;
        }""",
        selector,
    )


def _canvas_image(page, selector):
    return page.evaluate("(selector) => document.querySelector(selector).toDataURL()", selector)


@pytest.fixture(name="csp_violations")
def csp_violations_fixture():
    """csp_violations(page) -> list of CSP violations the page reported."""
    return _csp_violations


@pytest.fixture(name="screenshot")
def screenshot_fixture():
    """screenshot(page, name) -> path of test-artifacts/<name>.png (full page)."""
    return _screenshot


@pytest.fixture(name="canvas_ink")
def canvas_ink_fixture():
    """canvas_ink(page, selector) -> number of drawn pixels of a canvas (0: blank)."""
    return _canvas_ink


@pytest.fixture(name="canvas_image")
def canvas_image_fixture():
    """canvas_image(page, selector) -> the canvas as a data: URL, to compare two drawings."""
    return _canvas_image


@pytest.fixture
def login(live_server):
    """login(page, user): sign the page's browser context in as `user` (a session cookie, no form)."""
    from django.conf import settings
    from django.test import Client

    def sign_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value,
                                   "url": live_server.url}])
        return page

    return sign_in


def load_districts():
    """Syria, its governorates and districts with their shipped boundaries, and Aleppo city."""
    from reports.extraction.gazetteer import DATA_DIR
    from reports.models import Place
    from reports.places import read_boundaries

    boundaries = read_boundaries()
    made = {}
    with open(DATA_DIR / "places.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["level"] in ("country", "admin1", "admin2") or row["pcode"] in ("SY020000", "C1007"):
                made[row["pcode"]] = Place.objects.create(
                    pcode=row["pcode"], level=row["level"], name_en=row["name_en"], name_ar=row["name_ar"],
                    parent=made.get(row["parent"]), boundary=boundaries.get(row["pcode"]),
                )
    return made


def add_figure(report, kind, value, day, place, source=None, qualifier="exact", **extra):
    from reports.models import Indicator

    quote = f"{value} people {kind}"
    start = report.body.find(quote)
    return Indicator.objects.create(
        report=report, kind=kind, value=value, qualifier=qualifier, group="people", unit="people", date=day,
        place=place, source=source, quote=quote, start=start if start >= 0 else None,
        end=start + len(quote) if start >= 0 else None, **extra)


@pytest.fixture
def browser_scene(transactional_db):
    """Districts with boundaries, and two months of figures in Jebel Saman (Aleppo) and Idleb."""
    from reports.models import Indicator, Report, Source

    places = load_districts()
    sohr = Source.objects.create(name="SOHR")
    civil = Source.objects.create(name="Civil Defence")
    reports = []
    start = dt.date(2016, 8, 1)
    for n in range(0, 60, 3):
        day = start + dt.timedelta(days=n)
        killed, injured = 5 + n, 10 + 2 * n
        body = (f"Strikes on Aleppo: {killed} people killed and {injured} people injured. "
                f"Civil defence said {killed + 3} people killed.")
        report = Report.objects.create(title=f"Strikes on Aleppo, {day:%d %B}", body=body, published_on=day,
                                       publisher=sohr)
        add_figure(report, "killed", killed, day, places["C1007"], sohr, qualifier="at_least", low=killed)
        add_figure(report, "injured", injured, day, places["C1007"], sohr)
        add_figure(report, "killed", killed + 3, day, places["C1007"], civil)
        reports.append(report)
    idleb = Report.objects.create(title="Idleb market strike", body="In Idleb 30 people killed.",
                                  published_on=dt.date(2016, 9, 20), publisher=civil)
    add_figure(idleb, "killed", 30, dt.date(2016, 9, 20), places["SY0700"], civil)
    water = "water was cut"
    siege = Report.objects.create(title="Siege", body=f"In eastern Aleppo {water}; 250000 people trapped. "
                                  "Since July 900 people killed.",
                                  published_on=dt.date(2016, 9, 25), publisher=civil)
    Indicator.objects.create(report=siege, kind="water", severity=4, date=dt.date(2016, 9, 25), place=places["C1007"],
                             quote=water, start=siege.body.index(water), end=siege.body.index(water) + len(water))
    add_figure(siege, "trapped", 250000, dt.date(2016, 9, 25), places["C1007"], civil, qualifier="about")
    add_figure(siege, "killed", 900, dt.date(2016, 9, 25), places["SY02"], civil, cumulative=True, since="July")
    return {"places": places, "reports": reports, "idleb": idleb, "siege": siege}
