"""A real HXL consumer: libhxl fetches every `?hxl=1` download over HTTP from a live test server."""

import datetime
import re
from pathlib import Path

import hxl
import pytest
from django.urls import reverse

from dashboard import exports
from reports.models import Indicator, Place, Report, Source

D = datetime.date
HXL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "hxl"


@pytest.fixture
def world(transactional_db):
    syria = Place.objects.create(pcode="SY", name_en="Syria", level="country")
    aleppo_gov = Place.objects.create(pcode="SY02", name_en="Aleppo", name_ar="حلب", level="admin1", parent=syria)
    jebel_saman = Place.objects.create(pcode="SY0200", name_en="Jebel Saman", level="admin2", parent=aleppo_gov)
    city = Place.objects.create(pcode="C1007", name_en="Aleppo", level="community", parent=jebel_saman)
    sohr = Source.objects.create(name="SOHR")
    report = Report.objects.create(title="Shelling, in Aleppo", body="Shelling killed at least 12 people.",
                                   published_on=D(2016, 10, 2), publisher=sohr, url="https://example.org/a")
    killed = Indicator.objects.create(report=report, kind="killed", group="people", value=12, qualifier="at_least",
                                      unit="people", date=D(2016, 10, 1), place=city, source=sohr,
                                      quote="killed at least 12 people")
    water = Indicator.objects.create(report=report, kind="water", severity=3, date=D(2016, 10, 1), place=city,
                                     quote="water is scarce")
    return {"report": report, "killed": killed, "water": water}


def read_hxl(live_server, name, query="hxl=1"):
    url = live_server.url + reverse(f"dashboard:export_{name}") + "?" + query
    # allow_local: libhxl refuses 127.0.0.1 by default (a guard for servers that fetch user URLs).
    source = hxl.data(url, hxl.InputOptions(allow_local=True, timeout=30))
    return source, list(source)


def test_libhxl_reads_the_figures_file(live_server, world):
    source, rows = read_hxl(live_server, "figures")
    assert source.display_tags == [tag for _, tag in exports.FIGURE_COLUMNS]
    [row] = rows
    assert row.get("#meta+id") == str(world["killed"].pk)
    assert row.get("#date+occurred") == "2016-10-01"
    assert row.get("#date+reported") == "2016-10-02"
    assert (row.get("#adm1+code"), row.get("#adm1+name")) == ("SY02", "Aleppo")
    assert row.get("#adm1+name+ar") == "حلب"
    assert (row.get("#adm2+code"), row.get("#adm2+name")) == ("SY0200", "Jebel Saman")
    assert (row.get("#loc+code"), row.get("#loc+name")) == ("C1007", "Aleppo")
    assert (row.get("#indicator+type"), row.get("#indicator+num")) == ("killed", "12")
    assert (row.get("#meta+source"), row.get("#org+name")) == ("SOHR", "SOHR")
    assert row.get("#meta+url") == "https://example.org/a"
    assert row.get("#description") == "killed at least 12 people"


def test_libhxl_reads_the_conditions_file(live_server, world):
    source, rows = read_hxl(live_server, "conditions")
    assert source.display_tags == [tag for _, tag in exports.CONDITION_COLUMNS]
    [row] = rows
    assert (row.get("#sector"), row.get("#severity"), row.get("#severity+name")) == ("water", "3", "severe")
    assert row.get("#meta+id+report") == str(world["report"].pk)


def test_libhxl_reads_the_reports_file(live_server, world):
    source, rows = read_hxl(live_server, "reports")
    assert source.display_tags == [tag for _, tag in exports.REPORT_COLUMNS]
    [row] = rows
    assert (row.get("#meta+id"), row.get("#meta+title")) == (str(world["report"].pk), "Shelling, in Aleppo")
    assert row.get("#indicator+num+figures") == "1"


def test_libhxl_reads_the_districts_file(live_server, world):
    source, rows = read_hxl(live_server, "districts")
    rows = [row for row in rows if row.get("#adm2+code")]  # the districts, not the "as a whole" and total rows
    assert source.display_tags == [tag for _, tag in exports.DISTRICT_COLUMNS]
    assert {"#affected+killed", "#affected+injured", "#affected+missing", "#affected+displaced",
            "#affected+besieged", "#severity+water"} <= set(source.display_tags)
    [row] = rows
    assert (row.get("#adm1+code"), row.get("#adm2+code"), row.get("#adm2+name")) == ("SY02", "SY0200", "Jebel Saman")
    assert (row.get("#affected+killed"), row.get("#affected+killed+high")) == ("12", "12")
    assert row.get("#severity+water") == "3"


def test_libhxl_reads_the_timeline_file(live_server, world):
    source, rows = read_hxl(live_server, "timeline", "hxl=1&place=SY0200")
    assert source.display_tags == [tag for _, tag in exports.TIMELINE_COLUMNS]
    [row] = rows
    assert (row.get("#meta+record"), row.get("#date"), row.get("#indicator+type")) == (
        "daily_incidents", "2016-10-01", "killed")
    assert (row.get("#loc+code"), row.get("#indicator+num+low"), row.get("#indicator+num+incidents")) == (
        "SY0200", "12", "1")


def test_libhxl_reads_a_file_with_a_bom(live_server, world):
    source, rows = read_hxl(live_server, "figures", "hxl=1&bom=1")
    assert source.display_tags[0] == "#meta+id"
    assert [row.get("#loc+code") for row in rows] == ["C1007"]


def test_libhxl_reads_a_filtered_empty_file(live_server, world):
    source, rows = read_hxl(live_server, "figures", "hxl=1&date_after=2030-01-01")
    assert source.display_tags[0] == "#meta+id"
    assert rows == []


def core_schema():
    hashtags = {line.split(",", 1)[0] for line in (HXL_DIR / "hxl_core_hashtags.hxl.csv").read_text("utf-8").splitlines()}
    attributes = {line.split(",", 1)[0] for line in (HXL_DIR / "hxl_core_attributes.hxl.csv").read_text("utf-8").splitlines()}
    return hashtags, attributes


def test_every_hashtag_is_core_and_every_other_attribute_is_documented():
    hashtags, attributes = core_schema()
    documented = set(re.findall(r"`(\+[a-z]+)`", exports.__doc__))
    for columns in exports.TABLE_COLUMNS.values():
        for _, tag in columns:
            hashtag, *attrs = re.findall(r"[#+][a-z0-9_]+", tag)
            assert hashtag in hashtags, tag
            for attr in attrs:
                assert attr in attributes or attr in documented, f"{tag}: {attr} is neither core nor documented"
