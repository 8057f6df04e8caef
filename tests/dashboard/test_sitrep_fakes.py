"""The draft over the FA-KES corpus and the seeds, imported through reports.ingest: every number in its
text is the summaries' number for that filter, and every numbered citation resolves to a report whose
figures say it."""

import html
import io
import re

import pytest
from django.urls import reverse

from dashboard import sitrep, summaries
from dashboard.filters import IndicatorFilter
from reports.ingest import import_paths
from reports.models import Indicator, Report
from reports.places import load_places

pytestmark = pytest.mark.django_db

ALEPPO_2016 = {"place": "SY02", "date_after": "2016-01-01", "date_before": "2016-12-31"}


@pytest.fixture
def corpus(seed_paths, fakes_csv, client):
    load_places()
    import_paths([*seed_paths, fakes_csv], out=io.StringIO())
    query = "&".join(f"{k}={v}" for k, v in ALEPPO_2016.items())
    html = client.get(f"{reverse('dashboard:sitrep')}?{query}").content.decode().split("<article", 1)[1]
    return html


def plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


def test_key_figures_and_place_rows_equal_the_summaries(corpus):
    text = plain(corpus)
    filterset = IndicatorFilter(ALEPPO_2016, queryset=Indicator.objects.all())
    headline = summaries.headline(filterset)
    stated = {kind: int(number.replace(",", "")) for number, kind in
              re.findall(r"At least ([\d,]+) people(?:, and up to [\d,]+,)? were (?:reported )?"
                         r"(killed|injured|displaced|trapped)", text)}
    assert stated and stated == {kind: figure.low for kind, figure in headline.items() if kind in sitrep.KEY_KINDS}
    summary = summaries.place_summary(filterset, place=filterset.form.cleaned_data["place"],
                                      as_of=filterset.form.cleaned_data["date_before"])
    killed = {row.name: row.figures.get("killed", (0, 0)) for row in summary.rows}
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"n\">([\d,]+)(?: to ([\d,]+))? <a", corpus)
    assert rows
    for name, low, high in rows:
        assert killed[html.unescape(name)] == (int(low.replace(",", "")), int((high or low).replace(",", "")))


def test_every_highlight_cites_reports_whose_figures_say_its_number(corpus):
    highlights = corpus.split("<h2>Highlights</h2>", 1)[1].split("<h2>", 1)[0]
    sentences = re.findall(r"<p>On [^<]*?at least ([\d,]+) (?:people|civilians).*?</p>", highlights)
    assert sentences
    for paragraph in re.findall(r"<p>.*?</p>", highlights):
        low = int(re.search(r"at least ([\d,]+)", paragraph).group(1).replace(",", ""))
        for report_id in re.findall(r'href="/reports/(\d+)/"', paragraph):
            report = Report.objects.get(pk=report_id)
            said = [ind for ind in report.indicators.all() if low in (ind.value, ind.low)]
            assert said or any(str(ind.value) in report.body for ind in report.indicators.all()), report_id
            assert all(ind.quote in report.body for ind in said)
