"""The situation report draft in a real browser: it prints (print stylesheet, no site navigation), the
Arabic names run right-to-left, and nothing breaks the CSP."""

import io

import pytest

from reports.ingest import import_paths
from reports.places import load_places

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DRAFT = "/sitrep/?place=C1007-EAST&date_after=2016-09-01&date_before=2016-09-30"


@pytest.fixture
def seeded(seed_paths):
    load_places()
    import_paths(seed_paths, out=io.StringIO())


def test_the_draft_prints_without_the_site_navigation(page, seeded, tmp_path, screenshot, csp_violations):
    page.goto(DRAFT)
    assert page.locator("header.site").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert page.locator("h2", has_text="Highlights").is_visible()
    pdf = page.pdf(path=str(tmp_path / "printed.pdf"))
    assert pdf.startswith(b"%PDF-")
    screenshot(page, "sitrep-print")
    assert not csp_violations(page)
    assert not page.errors


def test_arabic_place_names_run_right_to_left(page, seeded):
    page.goto(DRAFT)
    names = page.locator('bdi[lang="ar"]')
    assert names.count() >= 1
    assert names.first.evaluate("e => getComputedStyle(e).direction") == "rtl"
