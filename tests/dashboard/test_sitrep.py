"""Situation report drafts (dashboard/sitrep.py) from the two real seed reports imported through
reports.ingest: the page, Markdown, Word and PDF say the same numbers, each cited."""

import io
import re
import subprocess
import zipfile

import pytest
from django.urls import reverse

from dashboard import summaries
from dashboard.filters import IndicatorFilter
from reports.ingest import import_paths
from reports.models import Indicator, Report, Source
from reports.places import load_places

pytestmark = pytest.mark.django_db

EAST_ALEPPO_SEPTEMBER = {"place": "C1007-EAST", "date_after": "2016-09-01", "date_before": "2016-09-30"}


@pytest.fixture
def seeded(seed_paths):
    load_places()
    import_paths(seed_paths, out=io.StringIO())
    return Report.objects.count()


def query(params):
    return "?" + "&".join(f"{k}={v}" for k, v in params.items())


def page_text(client, params=EAST_ALEPPO_SEPTEMBER):
    response = client.get(reverse("dashboard:sitrep") + query(params))
    assert response.status_code == 200
    return response.content.decode()


def plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html.split("<article", 1)[1]))


def test_draft_for_eastern_aleppo_says_12_killed_with_3_children_on_26_september_citing_sohr(client, seeded):
    text = plain(page_text(client))
    sentence = re.search(r"On 26 September, at least 12 people, including 3 children, were reported killed in "
                         r"eastern Aleppo \(شرق حلب\), according to the Syrian Observatory for Human Rights \[(\d+)\]",
                         text)
    assert sentence, text
    assert "Syrian Observatory for Human Rights" in text


def test_draft_for_eastern_aleppo_tells_the_250000_trapped(client, seeded):
    assert "250,000 people were estimated to be trapped or besieged in eastern Aleppo" in plain(page_text(client))


def test_draft_for_eastern_aleppo_tells_the_health_food_and_water_conditions(client, seeded):
    text = plain(page_text(client))
    for sector in ("Health: severe (severity 3 of 5)", "Food: extreme (severity 4 of 5)",
                   "Water: extreme (severity 4 of 5)"):
        assert sector in text


def test_sectors_with_no_report_are_said_so_never_fine(client, seeded):
    text = plain(page_text(client))
    assert re.search(r"No report on [^.]*electricity[^.]* in this period\.", text)
    assert "fine" not in text.lower()


def test_every_key_figure_equals_the_summaries_headline(client, seeded):
    text = plain(page_text(client))
    headline = summaries.headline(IndicatorFilter(EAST_ALEPPO_SEPTEMBER, queryset=Indicator.objects.all()))
    stated = {kind: int(number.replace(",", "")) for number, kind in
              re.findall(r"At least ([\d,]+) people(?:, and up to [\d,]+,)? were (?:reported )?"
                         r"(killed|injured|displaced|trapped)", text)}
    assert stated == {kind: figure.low for kind, figure in headline.items()}


def test_every_highlight_number_is_an_incident_of_the_summaries(client, seeded):
    text = plain(page_text(client))
    incidents = summaries.incidents(IndicatorFilter(EAST_ALEPPO_SEPTEMBER, queryset=Indicator.objects.all()).qs)
    lows = {(i.date.day, i.low) for i in incidents}
    highlights = re.findall(r"On (\d+) September, at least ([\d,]+) people", text)
    assert highlights
    for day, low in highlights:
        assert (int(day), int(low.replace(",", ""))) in lows


def test_every_numbered_citation_resolves_to_a_report_quoting_the_figure_it_follows(client, seeded):
    html = page_text(client).split("<article", 1)[1]
    cited = re.findall(r"([\d,]+) people[^<]*?(?:<[^a][^>]*>[^<]*</[^a]+>[^<]*)*<a class=\"cite\" href=\"/reports/(\d+)/\">", html)
    assert cited
    for number, report_id in cited:
        value = int(number.replace(",", ""))
        report = Report.objects.get(pk=report_id)
        quotes = [ind.quote for ind in report.indicators.filter(value=value)]
        assert quotes and all(quote in report.body for quote in quotes), (number, report_id)


def test_a_period_with_nothing_gives_a_short_honest_draft(client, seeded):
    text = plain(page_text(client, {"date_after": "2030-01-01", "date_before": "2030-01-07"}))
    assert "Nothing was reported for this place and period." in text
    assert "Highlights" not in text
    assert "No report on" in text


def test_the_draft_reads_the_summaries_in_a_fixed_number_of_queries(client, seeded, django_assert_max_num_queries):
    with django_assert_max_num_queries(40):
        page_text(client)


def test_markdown_holds_the_same_numbers_and_citations(client, seeded):
    md = client.get(reverse("dashboard:sitrep_md") + query(EAST_ALEPPO_SEPTEMBER)).content.decode()
    assert "On 26 September, at least 12 people, including 3 children, were reported killed" in md
    assert re.search(r"Syrian Observatory for Human Rights \[\\\[1\\\]\]\(http://testserver/reports/\d+/\)", md)
    assert "250,000" in md


def test_word_opens_with_python_docx_holding_the_numbers_citations_and_arabic_right_to_left(client, seeded):
    from docx import Document

    response = client.get(reverse("dashboard:sitrep_docx") + query(EAST_ALEPPO_SEPTEMBER))
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "On 26 September, at least 12 people, including 3 children, were reported killed" in text
    assert "according to the Syrian Observatory for Human Rights [1]" in text
    assert "250,000" in text
    arabic = [run for p in doc.paragraphs for run in p.runs if run.text == "شرق حلب"]
    assert arabic and all(run.font.rtl for run in arabic)


def test_pdf_is_a_valid_pdf_whose_text_holds_the_numbers_and_citations(client, seeded, tmp_path):
    response = client.get(reverse("dashboard:sitrep_pdf") + query(EAST_ALEPPO_SEPTEMBER))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    path = tmp_path / "draft.pdf"
    path.write_bytes(response.content)
    text = re.sub(r"\s+", " ", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                               check=True).stdout)
    assert "at least 12 people, including 3 children, were reported killed" in text
    assert "Syrian Observatory for Human Rights [1]" in text
    assert "250,000" in text


HOSTILE = '<script>alert(1)</script> *[x](javascript:alert(1))* & "quoted" \x07'


@pytest.fixture
def hostile(places):
    source = Source.objects.create(name=HOSTILE)
    report = Report.objects.create(title=HOSTILE, body=f"At least 7 people were killed. {HOSTILE}",
                                   published_on="2016-09-26", url="javascript:alert(1)")
    Indicator.objects.create(report=report, kind="killed", group="people", value=7, qualifier="at_least",
                             date="2016-09-26", place=places["C1007"], source=source, quote=HOSTILE)
    return {"date_after": "2016-09-01", "date_before": "2016-09-30"}


def test_hostile_titles_and_sources_are_escaped_in_html(client, hostile):
    html = page_text(client, hostile)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'href="javascript:' not in html


def test_hostile_titles_and_sources_are_escaped_in_markdown(client, hostile):
    md = client.get(reverse("dashboard:sitrep_md") + query(hostile)).content.decode()
    assert "<script>" not in md
    assert "](javascript:" not in md


def test_hostile_titles_and_sources_leave_word_a_whole_document(client, hostile):
    from docx import Document

    content = client.get(reverse("dashboard:sitrep_docx") + query(hostile)).content
    assert zipfile.is_zipfile(io.BytesIO(content))
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "<script>alert(1)</script>" in text  # shown as the text it is, not read as markup



@pytest.mark.parametrize("name, args", [("overview", []), ("districts", []), ("place", ["C1007-EAST"])])
def test_pages_link_to_a_draft_carrying_their_filter(client, seeded, name, args):
    html = client.get(reverse(f"dashboard:{name}", args=args) + "?date_after=2016-09-01&date_before=2016-09-30").content.decode()
    link = re.search(r'<a href="(/sitrep/\?[^"]+)">Draft a situation report</a>', html)
    assert link
    assert "date_after=2016-09-01" in link.group(1) and "date_before=2016-09-30" in link.group(1)
    if name == "place":
        assert "place=C1007-EAST" in link.group(1)
