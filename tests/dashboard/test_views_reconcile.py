"""Place tables reconcile with the cards ("told for <place> as a whole" and the total row, page and
districts.csv), the districts page and file narrow to the filter's place, and links between pages keep
the filter."""

import csv
import io

import pytest
from django.urls import reverse

from dashboard import summaries
from dashboard.filters import IndicatorFilter
from reports.models import Indicator

pytestmark = pytest.mark.django_db

FIGURES = """
report | published  | source | kind    | value | qualifier | date       | place
a      | 2016-10-05 | SANA   | killed  | 19    | exact     | 2016-10-05 | SY02
b      | 2016-10-05 | SOHR   | killed  | 7     | exact     | 2016-10-06 | SY02
c      | 2016-10-05 | AFP    | killed  | 15    | at_least  | 2016-10-05 | C1007
d      | 2016-10-05 | AFP    | killed  | 40    | exact     | 2016-10-05 | SY0700
e      | 2016-10-05 | AFP    | injured | 30    | exact     | -          | N0123
"""


@pytest.fixture
def data(places, scenario):
    scenario(FIGURES)
    return places


def get(client, name, *args, **params):
    response = client.get(reverse(f"dashboard:{name}", args=args), params)
    assert response.status_code == 200
    return response.content.decode()


def rows(html, css):
    return html.split(f'<tr class="{css}">')[1].split("</tr>")[0]


def csv_records(client, query):
    response = client.get(reverse("dashboard:export_districts") + "?" + query)
    header, *lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    return [dict(zip(header, line)) for line in lines]


def test_the_districts_table_has_a_row_told_for_syria_as_a_whole_and_a_total_equal_to_the_card(client, data):
    html = get(client, "districts", date_after="2016-10-01", date_before="2016-10-31")
    card = summaries.headline(Indicator.objects.filter(day__range=("2016-10-01", "2016-10-31")))["killed"]
    assert (card.low, card.high) == (62, 66)  # 15 (joined by 19) + 7 told for Aleppo + 40 in Idleb
    assert "Told for Syria as a whole" in rows(html, "as-a-whole") and "7–11" in rows(html, "as-a-whole")
    assert "62–66" in rows(html, "total")


def test_a_place_filter_narrows_the_districts_page_to_that_places_districts(client, data):
    html = get(client, "districts", place="SY02", date_after="")
    table = html.split('id="district-table"')[1]
    assert ">Jebel Saman</a>" in table and ">Al Bab</a>" in table and ">Idleb</a>" not in table
    assert "Told for Aleppo as a whole" in rows(html, "as-a-whole")


def test_a_place_filter_narrows_districts_csv_and_its_total_row_is_the_card(client, data):
    records = csv_records(client, "place=SY02")
    assert [r["admin2_pcode"] for r in records] == ["SY0202", "SY0200", "", ""]
    whole, total = records[-2:]
    assert (whole["admin2_name"], whole["killed"], whole["killed_high"]) == ("(told for Aleppo as a whole)", "7", "11")
    card = summaries.headline(IndicatorFilter({"place": "SY02"}, queryset=Indicator.objects.all()).qs)["killed"]
    assert (total["admin2_name"], total["killed"], total["killed_high"]) == ("(total)", str(card.low), str(card.high))
    district_sum = sum(int(r["killed"] or 0) for r in records[:-2])
    assert district_sum + int(whole["killed"]) == int(total["killed"])


def test_a_place_page_has_a_row_told_for_the_place_as_a_whole(client, data):
    html = get(client, "place", "SY02", date_after="")
    assert "Told for Aleppo as a whole" in rows(html, "as-a-whole") and "7–11" in rows(html, "as-a-whole")
    assert "22–26" in rows(html, "total")


def test_district_links_keep_the_period_and_the_other_filters(client, data):
    html = get(client, "districts", date_after="2016-10-01", date_before="2016-10-31", status="unreviewed")
    link = html.split(">Jebel Saman</a></th>")[0].rsplit("<a ", 1)[1]
    assert 'href="/places/SY0200/?date_after=2016-10-01&amp;date_before=2016-10-31&amp;status=unreviewed"' in link


def test_the_map_opens_district_pages_with_the_filter(client, data):
    html = get(client, "districts", date_after="2016-10-01", date_before="2016-10-31", place="SY02")
    payload = html.split('id="map-data" type="application/json">')[1].split("</script>")[0]
    assert '"query": "date_after=2016-10-01\\u0026date_before=2016-10-31"' in payload  # json_script escapes &


def test_place_breadcrumbs_keep_the_period(client, data):
    html = get(client, "place", "N0123", date_after="2016-10-01", date_before="2016-10-31")
    crumbs = html.split('class="breadcrumbs"')[1].split("</p>")[0]
    assert 'href="/places/SY02/?date_after=2016-10-01&amp;date_before=2016-10-31"' in crumbs


def test_the_report_list_links_reports_with_the_filter(client, data):
    html = get(client, "report_list", place="SY02", date_after="2016-10-01")
    assert "/?place=SY02&amp;date_after=2016-10-01" in html.split("<tbody>")[1]


def test_the_report_page_says_a_figure_without_its_own_date_is_dated_by_the_report(client, data):
    report = Indicator.objects.get(kind="injured").report
    html = get(client, "report_detail", report.pk)
    assert "dated by the report (2016-10-05)" in html and "undated" not in html


# --- the first screen shows data -------------------------------------------------------------------

STRAY = """
report | published  | kind   | value | qualifier | date       | place
s      | 2017-03-01 | killed | 2     | exact     | 2017-03-01 | C1007
"""


def test_the_default_period_widens_to_hold_a_tenth_of_the_figures_when_the_last_90_days_hold_fewer(
        client, data, scenario):
    for n in range(12):  # October 2016 holds the bulk; one stray report months later
        scenario(FIGURES.replace("| a      |", f"| x{n}     |").split("\nb")[0])
    scenario(STRAY)
    html = get(client, "overview")
    assert "From 2016-10-01" in html and "To 2017-03-01" in html
    assert "that holds at least a tenth of all dated figures" in html.split('id="default-period"')[1]


def test_the_default_period_is_the_last_90_days_when_they_hold_enough(client, data):
    html = get(client, "overview")
    assert "From 2016-07-09" in html and "To 2016-10-06" in html
    assert "the last 90 days of data, ending on the latest dated figure (2016-10-06)" in html


def test_provenance_says_how_the_governorate_figure_was_joined(client, data):
    html = get(client, "provenance", of="killed", cumulative="0", day="2016-10-05", at="SY02")
    reached = html.split("How the number was reached")[1].split("</details>")[0]
    # 19 for the governorate is not below the "at least 15" in Aleppo city that day: one incident, 15-19.
    assert "Aleppo (SY02): 15–19" in reached
    assert ("19 told for Aleppo (SY02): not below the incident told inside it at Aleppo (C1007), "
            "one incident counted once") in reached
