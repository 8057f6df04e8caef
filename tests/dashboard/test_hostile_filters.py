"""Every filter value, from all of Unicode, gives a page with its error, an empty result or a 400 — never a
server error — on every page and download (issue 16's probe: `?source=²` gave 500 everywhere)."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard.filters import MAX_SEARCH_WORDS

PAGES = ["overview", "districts", "report_list", "provenance"]
DOWNLOADS = ["export_figures", "export_conditions", "export_reports", "export_districts", "export_timeline"]
PARAMETERS = ["date_after", "date_before", "place", "kind", "source", "status", "q",
              "of", "day", "at", "cumulative", "hxl", "bom", "page", "partial"]

FUZZ = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def data(places, scenario):
    return scenario("""
        | report | published  | publisher | kind   | value | severity | place | source | quote            |
        | a      | 2016-10-05 | SOHR      | killed | 12    | -        | N0123 | SOHR   | 12 people killed |
        | a      | 2016-10-05 | SOHR      | water  | -     | 4        | C1007 | SOHR   | water cut        |
    """)


def _get(client, url, params):
    response = client.get(url, params)
    if response.streaming:
        b"".join(response.streaming_content)  # a download fails while it streams, if at all
    return response


def _every_url():
    return ([reverse(f"dashboard:{name}") for name in PAGES + DOWNLOADS]
            + [reverse("dashboard:place", args=["SY02"]), reverse("dashboard:report_detail", args=[1])])


@pytest.mark.parametrize("name", PARAMETERS)
@FUZZ
@given(value=st.text())
@example(value="²")
@example(value="\x00")
@example(value="💥")
@example(value='"&!')
@example(value="٣")
@example(value="9" * 40)
@example(value="0001-01-01")
@example(value="9999-12-31")
def test_no_filter_value_makes_a_server_error(client, data, name, value):
    for url in _every_url():
        response = _get(client, url, {name: value})
        assert response.status_code in (200, 302, 400, 404), (url, name, value, response.status_code)


@pytest.mark.parametrize("name", PARAMETERS)
def test_bytes_that_are_not_utf8_make_no_server_error(client, data, name):
    for url in _every_url():
        response = client.get(f"{url}?{name}=%ff%fe%C0%80")
        if response.streaming:
            b"".join(response.streaming_content)
        assert response.status_code in (200, 302, 400, 404), (url, name, response.status_code)


@FUZZ
@given(pcode=st.text(min_size=1).filter(lambda text: "/" not in text))
@example(pcode="\x00")
@example(pcode="²")
def test_no_place_in_the_path_makes_a_server_error(client, data, pcode):
    response = client.get(f"/places/{quote(pcode, safe='')}/")
    assert response.status_code in (200, 301, 400, 404)


def test_a_superscript_digit_as_source_is_an_unknown_source(client, data):
    response = client.get(reverse("dashboard:export_figures"), {"source": "²"})
    assert response.status_code == 400
    assert "Unknown source: ²." in response.content.decode()


def test_a_source_id_still_selects_the_source(client, data):
    source_id = data[0].source_id
    response = client.get(reverse("dashboard:export_figures"), {"source": str(source_id)})
    assert response.status_code == 200
    assert b"12 people killed" in b"".join(response.streaming_content)


@pytest.mark.parametrize("text", ["💥", '"&!', "  ", "¿?"])
def test_a_search_with_no_word_is_refused_not_read_as_everything(client, data, text):
    response = client.get(reverse("dashboard:export_reports"), {"q": text})
    if not text.strip():
        assert response.status_code == 200  # an empty box is no search
        return
    assert response.status_code == 400
    assert "no word to look for" in response.content.decode()
    page = client.get(reverse("dashboard:report_list"), {"q": text})
    assert "no word to look for" in page.content.decode()
    assert "Report a" not in page.content.decode()


def test_a_search_of_hundreds_of_words_is_refused_with_its_limit(client, data):
    words = " ".join(f"word{i}" for i in range(520))
    download = client.get(reverse("dashboard:export_figures"), {"q": words})
    assert download.status_code == 400
    assert f"at most {MAX_SEARCH_WORDS}" in download.content.decode() or "at most 300" in download.content.decode()
    page = client.get(reverse("dashboard:overview"), {"q": words})
    assert page.status_code == 200
    assert "search for at most" in page.content.decode()


def test_a_search_of_a_few_words_still_finds_the_report(client, data):
    response = client.get(reverse("dashboard:export_reports"), {"q": "Body of report"})
    assert response.status_code == 200
    assert b"Report a" in b"".join(response.streaming_content)


def test_a_download_that_fails_while_streaming_says_so_and_fails_the_response():
    from dashboard.exports import csv_stream

    def rows():
        for number in range(1200):
            if number == 1100:
                raise RuntimeError("the database went away")
            yield [number]

    chunks = []
    with pytest.raises(RuntimeError):
        for chunk in csv_stream([("n", "#x")], rows()):
            chunks.append(chunk)
    assert chunks[-1].decode().strip() == "DOWNLOAD FAILED after 1000 rows: this file is incomplete."


def test_a_download_whose_query_fails_before_its_first_row_is_a_503(rf):
    from django.db import DatabaseError

    from dashboard.exports import streamed_csv

    def rows():
        raise DatabaseError("Expression tree is too large")
        yield  # a generator, like the real row functions

    response = streamed_csv(rf.get("/export/figures.csv"), "x.csv", [("n", "#x")], rows())
    assert response.status_code == 503
    assert "could not answer this filter" in response.content.decode()


@pytest.mark.parametrize("url", ["/places/SY%00/", "/provenance/?at=%00", "/?source=a%00b", "/admin/?q=%00"])
def test_a_nul_character_in_the_address_is_a_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL" in response.content.decode()
