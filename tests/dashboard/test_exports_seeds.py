"""The downloads of the two real seed reports (imported through reports.ingest, texts read from ../shared),
fetched over HTTP from a live server and read back by libhxl and by the csv module."""

import csv
import io
import urllib.request

import hxl
import pytest
from django.urls import reverse

from dashboard import exports, summaries
from reports.ingest import import_paths
from reports.models import Indicator, Place, Report
from reports.places import load_places


@pytest.fixture
def seeded(transactional_db, seed_paths):
    load_places()
    import_paths(seed_paths, out=io.StringIO())
    assert Report.objects.count() == 2
    assert Indicator.objects.figures().exists()
    return Indicator.objects.select_related("place", "report", "source")


def url(live_server, name, query="hxl=1&bom=1"):
    return live_server.url + reverse(f"dashboard:export_{name}") + "?" + query


def read_hxl(live_server, name, query="hxl=1&bom=1"):
    source = hxl.data(url(live_server, name, query), hxl.InputOptions(allow_local=True, timeout=30))
    return source, list(source)


def get(row, tag):
    """The cell under `tag`, "" when empty (libhxl gives None for an empty cell)."""
    value = row.get(tag)
    return "" if value is None else value


def as_written(text):
    return exports.safe(text)


def test_libhxl_reads_every_seed_figure_with_its_words_and_place(live_server, seeded):
    source, rows = read_hxl(live_server, "figures")
    figures = {ind.pk: ind for ind in seeded.figures()}
    assert sorted(int(get(row, "#meta+id")) for row in rows) == sorted(figures)
    for row in rows:
        figure = figures[int(get(row, "#meta+id"))]
        assert get(row, "#description") == as_written(figure.quote)
        assert get(row, "#indicator+type") == figure.kind
        assert get(row, "#indicator+num") == str(figure.value)
        assert get(row, "#loc+code") == (figure.place.pcode if figure.place else "")
        assert get(row, "#adm2+code") == (figure.place.admin2_pcode if figure.place else "")
        assert get(row, "#date+reported") == exports.iso(figure.report.published_on)


def test_libhxl_reads_every_seed_condition(live_server, seeded):
    _, rows = read_hxl(live_server, "conditions")
    conditions = {ind.pk: ind for ind in seeded.conditions()}
    assert sorted(int(get(row, "#meta+id")) for row in rows) == sorted(conditions)
    for row in rows:
        condition = conditions[int(get(row, "#meta+id"))]
        assert (get(row, "#sector"), get(row, "#severity")) == (condition.kind, str(condition.severity))


def test_libhxl_reads_the_seed_reports(live_server, seeded):
    _, rows = read_hxl(live_server, "reports")
    assert {get(row, "#meta+title") for row in rows} == {as_written(r.title) for r in Report.objects.all()}


def test_libhxl_reads_the_seed_district_summary(live_server, seeded):
    source, rows = read_hxl(live_server, "districts")
    rows = [row for row in rows if row.get("#adm2+code")]  # the districts, not the "as a whole" and total rows
    assert "#affected+besieged" in source.display_tags
    assert len(rows) == 62
    summary = {row.pcode: row for row in summaries.district_summary(Indicator.objects.all()).rows}
    assert any(row.figures for row in summary.values())
    for row in rows:
        district = summary[get(row, "#adm2+code")]
        killed = district.figures.get("killed")
        assert get(row, "#affected+killed") == (str(killed[0]) if killed else "")
        trapped = district.figures.get("trapped")
        assert get(row, "#affected+besieged") == (str(trapped[0]) if trapped else "")


def test_libhxl_reads_the_seed_timeline_of_aleppo(live_server, seeded):
    _, rows = read_hxl(live_server, "timeline", "hxl=1&place=SY02")
    series = summaries.timeline(Indicator.objects.in_place(Place.objects.get(pcode="SY02")))
    daily = [row for row in rows if get(row, "#meta+record") == "daily_incidents"]
    assert len(daily) == sum(len(days) for days in series["incidents"].values())
    assert len([row for row in rows if get(row, "#meta+record") == "reported_total"]) == len(series["totals"])


def test_every_seed_download_round_trips_through_the_csv_module(live_server, seeded):
    # The gazetteer load is the slow part of this module: one test covers the five files.
    for name in exports.TABLE_COLUMNS:
        with urllib.request.urlopen(url(live_server, name)) as response:
            text = response.read().decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        buffer = io.StringIO(newline="")
        csv.writer(buffer, lineterminator="\n").writerows(rows)  # Sitrep's lines end in a line feed (as COPY's)
        assert buffer.getvalue() == text, name
        assert {len(row) for row in rows} == {len(exports.TABLE_COLUMNS[name])}, name
        assert len(rows) > 2, name  # header, HXL row, and data
