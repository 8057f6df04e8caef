"""CSV downloads (dashboard/exports.py) through the real URLs, on a small real world."""

import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.http import QueryDict
from django.urls import reverse

from dashboard import summaries
from dashboard.filters import IndicatorFilter, ReportFilter
from reports.models import Indicator, Place, Report, Source
from reports.roles import VIEWER, ensure_roles

D = datetime.date

FIGURE_HEADER = [
    "id", "report_id", "date", "reported_on", "admin1_pcode", "admin1_name", "admin1_name_ar", "admin2_pcode",
    "admin2_name", "admin2_name_ar", "place_pcode", "place_name", "place_name_ar", "place_level", "kind", "group",
    "value", "low", "high", "qualifier", "unit", "cumulative", "since", "source", "publisher", "report_title", "report_url", "review_status", "counted",
    "quote",
]
CONDITION_HEADER = [
    "id", "report_id", "date", "reported_on", "admin1_pcode", "admin1_name", "admin1_name_ar", "admin2_pcode",
    "admin2_name", "admin2_name_ar", "place_pcode", "place_name", "place_name_ar", "place_level", "sector", "severity", "severity_label", "source", "publisher",
    "report_title", "report_url", "review_status", "counted", "quote",
]
REPORT_HEADER = ["id", "published_on", "title", "publisher", "url", "language", "duplicate_status",
                 "duplicate_of", "figures", "conditions"]
DISTRICT_HEADER = [
    "admin1_pcode", "admin1_name", "admin1_name_ar", "admin2_pcode", "admin2_name", "admin2_name_ar",
    "killed", "killed_high", "injured", "injured_high", "missing", "missing_high", "displaced", "displaced_high",
    "trapped", "trapped_high", "killed_families", "killed_families_high", "injured_families",
    "injured_families_high", "missing_families", "missing_families_high", "displaced_families",
    "displaced_families_high", "water_severity", "food_severity", "health_severity", "electricity_severity",
    "communications_severity", "shelter_severity", "access_severity", "conditions_as_of",
]
TIMELINE_HEADER = ["record", "date", "kind", "group", "unit", "place_pcode", "place_name", "value", "low", "high",
                   "incidents", "qualifier", "since", "source", "report_id", "figure_id"]
ALL = ["figures", "conditions", "reports", "districts", "timeline"]


@pytest.fixture
def world(db):
    syria = Place.objects.create(pcode="SY", name_en="Syria", level="country")
    aleppo_gov = Place.objects.create(pcode="SY02", name_en="Aleppo", level="admin1", parent=syria)
    jebel_saman = Place.objects.create(pcode="SY0200", name_en="Jebel Saman", level="admin2", parent=aleppo_gov)
    city = Place.objects.create(pcode="C1007", name_en="Aleppo", name_ar="حلب", level="community",
                                parent=jebel_saman)
    damascus = Place.objects.create(pcode="SY01", name_en="Damascus", level="admin1", parent=syria)
    sohr = Source.objects.create(name="SOHR")
    # A publisher whose name a spreadsheet would run as a formula.
    evil = Source.objects.create(name="=HYPERLINK(\"http://x\",\"y\")")
    shelling = Report.objects.create(
        title='Shelling, "heavy", in Aleppo', body="Shelling killed at least 12 people.",
        published_on=D(2016, 10, 2), publisher=sohr, url="https://example.org/shelling")
    convoy = Report.objects.create(title="@convoy\nsecond line", body="Water is scarce in Damascus.",
                                   published_on=D(2016, 11, 20), publisher=evil,
                                   duplicate_status="confirmed")
    killed = Indicator.objects.create(
        report=shelling, kind="killed", group="civilians", value=12, low=12, high=15, qualifier="at_least",
        unit="people", date=D(2016, 10, 1), place=city, source=sohr, status="verified",
        quote="killed at least 12 people, \"mostly\" civilians,\nsaid SOHR", start=9, end=40)
    trapped = Indicator.objects.create(
        report=shelling, kind="trapped", group="people", value=250000, qualifier="about", unit="people",
        cumulative=True, since="-since July", place=aleppo_gov, quote="+250,000 trapped")
    water = Indicator.objects.create(report=convoy, kind="water", severity=4, date=D(2016, 11, 19),
                                     place=damascus, quote="-water is scarce")
    return {"killed": killed, "trapped": trapped, "water": water, "shelling": shelling, "convoy": convoy}


def download(client, name, query=""):
    response = client.get(reverse(f"dashboard:export_{name}") + ("?" + query if query else ""))
    assert response.status_code == 200, response.content
    assert response.streaming
    return response, b"".join(response.streaming_content)


def rows_of(client, name, query=""):
    _, content = download(client, name, query)
    return list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))


def records(client, name, query=""):
    header, *rows = rows_of(client, name, query)
    return [dict(zip(header, row)) for row in rows]


def district_records(client, query=""):
    """The districts file's district rows (without its "as a whole" and total rows)."""
    return [row for row in records(client, "districts", query) if row["admin2_pcode"]]


@pytest.mark.parametrize("name, header", [
    ("figures", FIGURE_HEADER), ("conditions", CONDITION_HEADER), ("reports", REPORT_HEADER),
    ("districts", DISTRICT_HEADER), ("timeline", TIMELINE_HEADER)])
def test_export_starts_with_its_header(client, world, name, header):
    assert rows_of(client, name)[0] == header


@pytest.mark.parametrize("name", ALL)
def test_export_is_streamed_csv_in_utf8(client, world, name):
    response, _ = download(client, name)
    assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_figure_row_carries_everything_an_analyst_needs(client, world):
    killed = world["killed"]
    row = next(r for r in records(client, "figures") if r["id"] == str(killed.pk))
    assert row == {
        "id": str(killed.pk), "report_id": str(world["shelling"].pk), "date": "2016-10-01",
        "reported_on": "2016-10-02", "admin1_pcode": "SY02", "admin1_name": "Aleppo",
        "admin2_pcode": "SY0200", "admin2_name": "Jebel Saman", "place_pcode": "C1007", "place_name": "Aleppo",
        "admin1_name_ar": "", "admin2_name_ar": "", "place_name_ar": "حلب", "place_level": "community", "kind": "killed", "group": "civilians", "value": "12", "low": "12",
        "high": "15", "qualifier": "at_least", "unit": "people", "cumulative": "false", "since": "",
        "source": "SOHR", "publisher": "SOHR", "report_title": 'Shelling, "heavy", in Aleppo',
        "report_url": "https://example.org/shelling", "review_status": "verified", "counted": "true",
        "quote": "killed at least 12 people, \"mostly\" civilians,\nsaid SOHR",
    }


def test_condition_row_carries_sector_and_severity(client, world):
    [row] = records(client, "conditions")
    assert (row["sector"], row["severity"], row["severity_label"]) == ("water", "4", "extreme")
    assert (row["admin1_pcode"], row["admin1_name"], row["admin2_pcode"]) == ("SY01", "Damascus", "")


def test_condition_of_a_confirmed_duplicate_is_marked_not_counted(client, world):
    [row] = records(client, "conditions")
    assert row["counted"] == "false"


def test_figures_export_has_no_conditions_and_conditions_export_no_figures(client, world):
    assert {r["kind"] for r in records(client, "figures")} == {"killed", "trapped"}
    assert {r["sector"] for r in records(client, "conditions")} == {"water"}


def test_report_row_counts_its_figures_and_conditions(client, world):
    rows = {r["id"]: r for r in records(client, "reports")}
    shelling, convoy = rows[str(world["shelling"].pk)], rows[str(world["convoy"].pk)]
    assert (shelling["figures"], shelling["conditions"], shelling["published_on"]) == ("2", "0", "2016-10-02")
    assert (convoy["figures"], convoy["conditions"], convoy["duplicate_status"]) == ("0", "1", "confirmed")


QUERIES = ["", "place=SY02", "place=C1007&kind=killed", "date_after=2016-10-01&date_before=2016-10-31",
           "source=SOHR", "status=verified", "q=shelling", "kind=water&kind=trapped", "date_before=2016-10-01"]


@pytest.mark.parametrize("query", QUERIES)
def test_figures_are_the_filtersets_rows(client, world, query):
    expected = IndicatorFilter(QueryDict(query), queryset=Indicator.objects.figures()).qs
    assert [int(r["id"]) for r in records(client, "figures", query)] == sorted(expected.values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_conditions_are_the_filtersets_rows(client, world, query):
    expected = IndicatorFilter(QueryDict(query), queryset=Indicator.objects.conditions()).qs
    assert sorted(int(r["id"]) for r in records(client, "conditions", query)) == sorted(
        expected.values_list("pk", flat=True))


@pytest.mark.parametrize("query", QUERIES)
def test_reports_are_the_filtersets_rows(client, world, query):
    expected = ReportFilter(QueryDict(query), queryset=Report.objects.all()).qs.latest_first()
    assert [int(r["id"]) for r in records(client, "reports", query)] == list(expected.values_list("pk", flat=True))


@pytest.mark.parametrize("name", ["figures", "conditions", "reports", "timeline"])
def test_empty_result_is_a_header_only_file(client, world, name):
    assert len(rows_of(client, name, "date_after=2030-01-01")) == 1


def test_empty_result_still_lists_every_district_with_empty_figures(client, world):
    [row] = district_records(client, "date_after=2030-01-01")
    assert row["admin2_pcode"] == "SY0200"
    assert all(row[column] == "" for column in DISTRICT_HEADER[6:])


@pytest.mark.parametrize("name", ALL)
def test_empty_database_gives_a_header_only_file(client, db, name):
    assert len(rows_of(client, name)) == 1


def test_hxl_row_follows_the_header(client, world):
    header, tags, *rows = rows_of(client, "figures", "hxl=1")
    assert header == FIGURE_HEADER
    assert tags[:4] == ["#meta+id", "#meta+id+report", "#date+occurred", "#date+reported"]
    assert all(tag.startswith("#") for tag in tags)
    assert len(rows) == 2


def test_without_hxl_there_is_no_hashtag_row(client, world):
    assert not rows_of(client, "figures")[1][0].startswith("#")


def test_commas_quotes_and_newlines_survive_the_round_trip(client, world):
    row = next(r for r in records(client, "figures") if r["id"] == str(world["killed"].pk))
    assert row["report_title"] == world["shelling"].title
    assert row["quote"] == world["killed"].quote


@pytest.mark.parametrize("first", ["=", "+", "-", "@", "\t", "\r"])
def test_text_cells_that_a_spreadsheet_would_run_are_neutralised(client, world, first):
    Report.objects.filter(pk=world["shelling"].pk).update(title=first + "SUM(A1:A9)")
    row = next(r for r in records(client, "reports") if r["id"] == str(world["shelling"].pk))
    assert row["title"] == "'" + first + "SUM(A1:A9)"


def test_every_dangerous_cell_in_the_file_is_neutralised(client, world):
    for name in ALL:
        for row in rows_of(client, name)[1:]:
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), (name, row)
    [water] = records(client, "conditions")
    assert (water["quote"], water["publisher"]) == ("'-water is scarce", "'=HYPERLINK(\"http://x\",\"y\")")
    trapped = next(r for r in records(client, "figures") if r["kind"] == "trapped")
    assert (trapped["since"], trapped["quote"]) == ("'-since July", "'+250,000 trapped")


def test_numbers_stay_numbers(client, world):
    trapped = next(r for r in records(client, "figures") if r["kind"] == "trapped")
    assert (trapped["value"], trapped["low"], trapped["high"]) == ("250000", "", "")


def test_undated_figure_has_an_empty_date_and_its_reports_date(client, world):
    trapped = next(r for r in records(client, "figures") if r["kind"] == "trapped")
    assert (trapped["date"], trapped["reported_on"]) == ("", "2016-10-02")


def test_bom_on_request(client, world):
    _, content = download(client, "figures", "bom=1")
    assert content.startswith(b"\xef\xbb\xbfid,report_id,")


def test_no_bom_by_default(client, world):
    _, content = download(client, "figures")
    assert content.startswith(b"id,report_id,")


def test_arabic_text_is_utf8(client, world):
    Place.objects.filter(pcode="C1007").update(name_en="حلب")
    _, content = download(client, "figures", "bom=1")
    assert "حلب".encode("utf-8") in content


def test_rows_carry_the_arabic_names_of_the_governorate_and_district(client, world):
    Place.objects.filter(pcode="SY02").update(name_ar="حلب")
    Place.objects.filter(pcode="SY0200").update(name_ar="جبل سمعان")
    row = next(r for r in records(client, "figures") if r["id"] == str(world["killed"].pk))
    assert (row["admin1_name_ar"], row["admin2_name_ar"]) == ("حلب", "جبل سمعان")
    [district] = district_records(client)
    assert (district["admin1_name_ar"], district["admin2_name_ar"]) == ("حلب", "جبل سمعان")


def test_file_name_says_what_where_and_when(client, world):
    response, _ = download(client, "figures", "place=SY0200&date_after=2016-09-01&date_before=2016-12-31")
    assert response["Content-Disposition"] == 'attachment; filename="sitrep-figures-SY0200-2016-09-01-2016-12-31.csv"'


def test_file_name_without_filters_is_just_the_table(client, world):
    response, _ = download(client, "reports", "kind=killed")
    assert response["Content-Disposition"] == 'attachment; filename="sitrep-reports.csv"'


def test_file_name_with_one_date_says_which_end(client, world):
    response, _ = download(client, "conditions", "date_after=2016-09-01")
    assert response["Content-Disposition"] == 'attachment; filename="sitrep-conditions-from-2016-09-01.csv"'


def test_file_name_uses_the_canonical_pcode(client, world):
    response, _ = download(client, "figures", "place=sy0200")
    assert "sitrep-figures-SY0200.csv" in response["Content-Disposition"]


def test_unknown_pcode_is_a_400_naming_the_parameter(client, world):
    response = client.get(reverse("dashboard:export_figures") + "?place=SY9999")
    assert response.status_code == 400
    assert "place: Unknown P-code: SY9999." in response.content.decode()


def test_private_site_sends_anonymous_downloads_to_login(client, world, settings):
    settings.SITREP_PUBLIC = False
    response = client.get(reverse("dashboard:export_figures"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_private_site_gives_downloads_to_viewers(client, world, settings):
    settings.SITREP_PUBLIC = False
    ensure_roles()
    analyst = User.objects.create_user("analyst")
    analyst.groups.add(Group.objects.get(name=VIEWER))
    client.force_login(analyst)
    assert len(rows_of(client, "figures")) == 3


def test_every_row_round_trips_through_the_csv_module(client, world):
    # Write what we read with the csv module and read it again: nothing changes.
    for name in ALL:
        rows = rows_of(client, name, "hxl=1")
        buffer = io.StringIO(newline="")
        csv.writer(buffer).writerows(rows)
        assert list(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == rows
        assert {len(row) for row in rows} == {len(rows[0])}


def add_injured(world, count):
    for report in Report.objects.all():
        for n in range(count):
            Indicator.objects.create(report=report, kind="injured", value=n + 1, place=world["killed"].place,
                                     date=D(2016, 10, 1 + n % 28), quote=f"{n + 1} injured")


@pytest.mark.parametrize("name, queries", [("figures", 3), ("conditions", 3), ("reports", 2)])
def test_export_takes_a_fixed_number_of_queries(client, world, name, queries, django_assert_num_queries):
    add_injured(world, 5)
    # the place lookup, the admin names (indicators) and the rows, however many rows there are; on
    # PostgreSQL figures and conditions are one COPY that joins the admin names itself
    if connection.vendor == "postgresql" and name != "reports":
        queries -= 1
    with django_assert_num_queries(queries):
        download(client, name, "place=SY")


@pytest.mark.parametrize("name", ALL)
def test_export_queries_do_not_grow_with_the_rows(client, world, name):
    with CaptureQueriesContext(connection) as few:
        download(client, name, "place=SY")
    add_injured(world, 40)
    with CaptureQueriesContext(connection) as many:
        download(client, name, "place=SY")
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize("query", QUERIES)
def test_districts_are_the_district_summary_of_the_filtersets_rows(client, world, query):
    summary = summaries.district_summary(IndicatorFilter(QueryDict(query), queryset=Indicator.objects.all()))
    rows = district_records(client, query)
    assert [r["admin2_pcode"] for r in rows] == [row.pcode for row in summary.rows]
    for row, district in zip(rows, summary.rows):
        for series in ["killed", "injured", "displaced", "trapped", "displaced_families"]:
            low, high = district.figures.get(series, ("", ""))
            assert (row[series], row[f"{series}_high"]) == (str(low), str(high))


def test_district_row_has_the_conservative_and_the_highest_figure(client, world):
    [row] = district_records(client)
    assert (row["admin1_pcode"], row["admin1_name"], row["admin2_name"]) == ("SY02", "Aleppo", "Jebel Saman")
    assert (row["killed"], row["killed_high"]) == ("12", "15")
    assert (row["injured"], row["displaced"], row["trapped"]) == ("", "", "")


def test_district_row_has_the_standing_severity_per_sector(client, world):
    Indicator.objects.create(report=world["shelling"], kind="health", severity=5, date=D(2016, 10, 1),
                             place=world["killed"].place, quote="hospitals are out of service")
    [row] = district_records(client)
    assert (row["health_severity"], row["water_severity"], row["conditions_as_of"]) == ("5", "", "2016-10-01")


def test_timeline_sums_incidents_per_day(client, world):
    daily = [r for r in records(client, "timeline") if r["record"] == "daily_incidents"]
    assert [(r["date"], r["kind"], r["unit"], r["low"], r["high"], r["incidents"]) for r in daily] == [
        ("2016-10-01", "killed", "people", "12", "15", "1")]


def test_timeline_keeps_reported_totals_apart_as_stated(client, world):
    total = Indicator.objects.create(
        report=world["shelling"], kind="killed", group="people", value=400, qualifier="more_than", unit="people",
        cumulative=True, since="since the siege began", place=world["killed"].place, source=world["killed"].source,
        quote="more than 400 killed since the siege began")
    [row] = [r for r in records(client, "timeline") if r["record"] == "reported_total"]
    assert (row["date"], row["value"], row["qualifier"], row["since"], row["source"], row["figure_id"]) == (
        "2016-10-02", "400", "more_than", "since the siege began", "SOHR", str(total.pk))


def test_timeline_lists_trapped_estimates(client, world):
    [row] = [r for r in records(client, "timeline") if r["record"] == "trapped_estimate"]
    assert (row["place_pcode"], row["value"], row["figure_id"]) == ("SY02", "250000", str(world["trapped"].pk))


def test_timeline_of_a_place_names_it_on_the_daily_rows(client, world):
    daily = [r for r in records(client, "timeline", "place=SY0200") if r["record"] == "daily_incidents"]
    assert {(r["place_pcode"], r["place_name"]) for r in daily} == {("SY0200", "Jebel Saman")}


def test_timeline_of_another_place_has_no_incidents(client, world):
    assert records(client, "timeline", "place=SY01") == []


@pytest.mark.django_db(transaction=True)
def test_a_download_closed_half_way_leaves_no_transaction_open(client):
    # Outside a test transaction, as in production: on PostgreSQL the rows are one COPY that holds the
    # connection while it streams (on SQLite, a cursor); it must end when the client goes away, leaving
    # the connection free for the next query.
    report = Report.objects.create(title="Many figures", body="Many figures.", published_on=D(2016, 10, 1))
    Indicator.objects.bulk_create(Indicator(report=report, kind="killed", value=n + 1, day=D(2016, 10, 1))
                                  for n in range(1200))
    response = client.get(reverse("dashboard:export_figures"))
    chunks = iter(response.streaming_content)
    next(chunks), next(chunks)  # the header, then the first rows
    response.close()
    assert not connection.in_atomic_block
    assert Source.objects.create(name="Written after the download").pk
